//! DICOM decoding ([`decode_bytes`]): arbitrary bytes behind the Part 10 magic, headers whose
//! image attributes contradict the pixel data (huge dimensions, odd sample and bit counts), and
//! the real fixtures with flipped bytes and truncations.

use crate::common::{assert_says_why, config, dicom_fixture};
use dicom_core::{DataElement, PrimitiveValue, VR};
use dicom_dictionary_std::{tags, uids};
use dicom_object::{meta::FileMetaTableBuilder, InMemDicomObject};
use imaging::decode::decode_bytes;
use imaging::ImagingError;
use proptest::collection::vec;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// The image attributes a header declares, whatever the pixel data really holds.
#[derive(Debug, Clone)]
struct Claims {
    rows: u16,
    columns: u16,
    samples_per_pixel: u16,
    bits_allocated: u16,
    bits_stored: u16,
    high_bit: u16,
    pixel_representation: u16,
    photometric: &'static str,
    frames: &'static str,
    pixel_data: Vec<u8>,
}

/// A native (uncompressed, explicit VR little endian) DICOM file making `claims`.
fn dicom_file(claims: &Claims) -> Vec<u8> {
    let us = |tag, value: u16| DataElement::new(tag, VR::US, PrimitiveValue::from(value));
    let text = |tag, vr, value: &str| DataElement::new(tag, vr, PrimitiveValue::from(value));
    let mut pixel_data = claims.pixel_data.clone();
    // DICOM values have even length; the writer would otherwise refuse the object.
    if pixel_data.len() % 2 == 1 {
        pixel_data.push(0);
    }
    let obj = InMemDicomObject::from_element_iter([
        text(
            tags::SOP_CLASS_UID,
            VR::UI,
            uids::COMPUTED_RADIOGRAPHY_IMAGE_STORAGE,
        ),
        text(tags::SOP_INSTANCE_UID, VR::UI, "2.25.1"),
        text(tags::MODALITY, VR::CS, "CR"),
        text(tags::PHOTOMETRIC_INTERPRETATION, VR::CS, claims.photometric),
        us(tags::SAMPLES_PER_PIXEL, claims.samples_per_pixel),
        text(tags::NUMBER_OF_FRAMES, VR::IS, claims.frames),
        us(tags::ROWS, claims.rows),
        us(tags::COLUMNS, claims.columns),
        us(tags::BITS_ALLOCATED, claims.bits_allocated),
        us(tags::BITS_STORED, claims.bits_stored),
        us(tags::HIGH_BIT, claims.high_bit),
        us(tags::PIXEL_REPRESENTATION, claims.pixel_representation),
        DataElement::new(tags::PIXEL_DATA, VR::OB, PrimitiveValue::from(pixel_data)),
    ]);
    let file = obj
        .with_meta(FileMetaTableBuilder::new().transfer_syntax(uids::EXPLICIT_VR_LITTLE_ENDIAN))
        .unwrap();
    let mut bytes = Vec::new();
    file.write_all(&mut bytes).unwrap();
    bytes
}

fn claims() -> impl Strategy<Value = Claims> {
    let dimension = prop_oneof![0..=4u16, 1..=64u16, Just(u16::MAX), any::<u16>()];
    let bits = prop_oneof![
        prop::sample::select(vec![0u16, 1, 8, 12, 16, 32, 64]),
        any::<u16>()
    ];
    (
        (dimension.clone(), dimension, 0..=4u16),
        (bits.clone(), bits.clone(), bits, 0..=2u16),
        prop::sample::select(vec![
            "MONOCHROME1",
            "MONOCHROME2",
            "RGB",
            "PALETTE COLOR",
            "",
        ]),
        prop::sample::select(vec![
            "1",
            "0",
            "2",
            "-1",
            "",
            "abc",
            "4294967296",
            "99999999",
        ]),
        vec(any::<u8>(), 0..600),
    )
        .prop_map(
            |(
                (rows, columns, samples),
                (allocated, stored, high, repr),
                photometric,
                frames,
                pixel_data,
            )| Claims {
                rows,
                columns,
                samples_per_pixel: samples,
                bits_allocated: allocated,
                bits_stored: stored,
                high_bit: high,
                pixel_representation: repr,
                photometric,
                frames,
                pixel_data,
            },
        )
}

/// Decodes and checks the outcome: a decoded image has as many values as pixels, an error
/// says why.
fn decode_checked(bytes: &[u8]) -> Result<(), TestCaseError> {
    match decode_bytes(bytes, Path::new("fuzz.dcm")) {
        Ok(decoded) => {
            let image = decoded.image;
            let pixels = u64::from(image.width) * u64::from(image.height);
            prop_assert_eq!(image.values.len() as u64, pixels);
        }
        Err(e) => {
            let message = e.to_string();
            assert_says_why(&message);
            prop_assert!(message.starts_with("fuzz.dcm: "), "{}", message);
        }
    }
    Ok(())
}

/// The small fixtures (all but the 1760² JPEG 2000), read once.
fn small_fixtures() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        [
            "CR1_6154.dcm",
            "CR2_6247.dcm",
            "MR_small.dcm",
            "JPEG-LL.dcm",
            "JPEG-lossy.dcm",
        ]
        .iter()
        .map(|name| std::fs::read(dicom_fixture(name)).unwrap())
        .collect()
    })
}

/// `bytes` with `flips` XORed in (positions taken modulo the length), cut at `cut` if given.
fn mutate(
    bytes: &[u8],
    flips: &[(prop::sample::Index, u8)],
    cut: Option<prop::sample::Index>,
) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for (at, value) in flips {
        let i = at.index(bytes.len());
        bytes[i] ^= value;
    }
    if let Some(cut) = cut {
        bytes.truncate(cut.index(bytes.len()));
    }
    bytes
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn any_bytes_behind_the_dicom_magic_are_refused_with_a_reason(
        tail in vec(any::<u8>(), 0..2048)
    ) {
        let mut bytes = vec![0u8; 128];
        bytes.extend_from_slice(b"DICM");
        bytes.extend_from_slice(&tail);

        decode_checked(&bytes)?;
    }

    #[test]
    fn a_header_contradicting_its_pixel_data_is_refused_with_a_reason(claims in claims()) {
        let bytes = dicom_file(&claims);

        decode_checked(&bytes)?;
    }

    #[test]
    fn a_real_dicom_with_flipped_bytes_or_cut_short_decodes_or_is_refused_with_a_reason(
        (file, flips, cut) in (
            any::<prop::sample::Index>(),
            vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            prop::option::of(any::<prop::sample::Index>()),
        )
    ) {
        let files = small_fixtures();
        let bytes = mutate(&files[file.index(files.len())], &flips, cut);

        decode_checked(&bytes)?;
    }

    #[test]
    fn a_real_dicom_with_a_flipped_header_byte_decodes_or_is_refused_with_a_reason(
        (file, at, value) in (any::<prop::sample::Index>(), 128..1200usize, 1..=255u8)
    ) {
        // The header (file meta and image attributes) is where a single flip does the most.
        let files = small_fixtures();
        let mut bytes = files[file.index(files.len())].clone();
        let i = at.min(bytes.len() - 1);
        bytes[i] ^= value;

        decode_checked(&bytes)?;
    }
}

proptest! {
    // The 1760² JPEG 2000 takes a while to decode even when intact, so only a few cases.
    #![proptest_config(config(8))]

    #[test]
    fn the_jpeg_2000_fixture_with_flipped_bytes_or_cut_short_decodes_or_is_refused(
        (flips, cut) in (
            vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            prop::option::of(any::<prop::sample::Index>()),
        )
    ) {
        let rg3 = std::fs::read(dicom_fixture("RG3_J2KR.dcm")).unwrap();
        let bytes = mutate(&rg3, &flips, cut);

        decode_checked(&bytes)?;
    }
}

#[test]
fn a_dicom_header_claiming_a_huge_image_is_refused_not_a_panic() {
    // 65535 × 65535 overflows a u32 pixel count; the file holds 8 bytes of pixels.
    let bytes = dicom_file(&Claims {
        rows: u16::MAX,
        columns: u16::MAX,
        samples_per_pixel: 1,
        bits_allocated: 16,
        bits_stored: 16,
        high_bit: 15,
        pixel_representation: 0,
        photometric: "MONOCHROME2",
        frames: "1",
        pixel_data: vec![0; 8],
    });

    let error = decode_bytes(&bytes, Path::new("huge.dcm")).unwrap_err();

    assert!(
        matches!(error, ImagingError::UnsupportedImage { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("65535x65535"), "{error}");
}

/// Overwrites the value of the explicit-VR US element (0028,`element`) of `bytes`.
fn set_image_attribute(bytes: &mut [u8], element: u16, value: u16) {
    let [lo, hi] = element.to_le_bytes();
    let header = [0x28, 0x00, lo, hi, b'U', b'S', 2, 0];
    let at = bytes
        .windows(header.len())
        .position(|w| w == header)
        .expect("the fixture has the attribute");
    bytes[at + 8..at + 10].copy_from_slice(&value.to_le_bytes());
}

#[test]
fn a_compressed_dicom_claiming_a_huge_image_is_refused_before_its_decoder_allocates_it() {
    // Left to the JPEG decoder, 65535 × 65535 × 2 bytes would be an 8.6 GB buffer.
    let mut bytes = std::fs::read(dicom_fixture("JPEG-LL.dcm")).unwrap();
    set_image_attribute(&mut bytes, 0x0010, u16::MAX);
    set_image_attribute(&mut bytes, 0x0011, u16::MAX);

    let error = decode_bytes(&bytes, Path::new("JPEG-LL.dcm")).unwrap_err();

    assert!(
        error.to_string().starts_with(
            "JPEG-LL.dcm: the header declares a 65535x65535 image, more than the 67108864 pixels"
        ),
        "{error}"
    );
}

#[test]
fn a_dicom_element_longer_than_the_file_is_refused_without_allocating_its_length() {
    // Found by the flipped-byte properties: dicom-rs zeroes a value's declared length before
    // reading it, so this 2 KB file used to cost seconds and gigabytes before failing.
    let mut bytes = std::fs::read(dicom_fixture("CR1_6154.dcm")).unwrap();
    let pixel_data = bytes
        .windows(6)
        .position(|w| w == [0xE0, 0x7F, 0x10, 0x00, b'O', b'W'])
        .expect("CR1 has explicit VR OW pixel data");
    bytes[pixel_data + 8..pixel_data + 12].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());

    let error = decode_bytes(&bytes, Path::new("CR1.dcm")).unwrap_err();

    assert_eq!(
        error.to_string(),
        "CR1.dcm: corrupt or unreadable DICOM (an element is longer than the rest of the file)"
    );
}
