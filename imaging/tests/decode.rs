//! Decoding the DICOM fixtures (see fixtures/dicom/README.md at the repo root). Expected values
//! come from pydicom 3.0.2 (`dcmread(f).pixel_array`, JPEG 2000 via pylibjpeg-openjpeg 2.x),
//! with the Modality LUT applied by hand where the file has one.

use imaging::decode::{decode_bytes, decode_file, DecodedImage, SourceFormat};
use imaging::{ImagingError, Photometric};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn fixture(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/dicom")).join(name)
}

/// RG3 decoded once for all tests (a 1760² JPEG 2000 takes seconds in a debug build).
fn rg3() -> &'static DecodedImage {
    static RG3: OnceLock<DecodedImage> = OnceLock::new();
    RG3.get_or_init(|| decode_file(&fixture("RG3_J2KR.dcm")).unwrap())
}

fn sum(values: &[f32]) -> f64 {
    values.iter().map(|&v| f64::from(v)).sum()
}

#[test]
fn rg3_decodes_as_a_10_bit_monochrome1_1760_square_with_its_window() {
    let decoded = rg3();
    let image = &decoded.image;
    assert_eq!(decoded.format, SourceFormat::Dicom);
    assert_eq!((image.width, image.height), (1760, 1760));
    assert_eq!(image.photometric, Photometric::Monochrome1);
    assert_eq!(image.bits_stored, 10);
    assert_eq!(
        (image.windows[0].center, image.windows[0].width),
        (550.0, 1024.0)
    );
    let info = decoded.dicom.as_ref().unwrap();
    assert_eq!(info.transfer_syntax, "1.2.840.10008.1.2.4.90");
    assert_eq!(info.modality.as_deref(), Some("CR"));
}

#[test]
fn rg3_pixels_equal_pydicoms_in_value_and_orientation() {
    let image = &rg3().image;
    // pydicom: a.sum() = 1030616989; a[1000, 880] = 363, a[300, 815] = 221, a[1500, 800] = 149.
    assert_eq!(sum(&image.values), 1_030_616_989.0);
    let at = |row: usize, col: usize| image.values[row * 1760 + col];
    assert_eq!(
        (at(1000, 880), at(300, 815), at(1500, 800)),
        (363.0, 221.0, 149.0)
    );
}

#[test]
fn rg3_shows_bone_bright_and_air_dark_after_monochrome1_inversion() {
    let image = &rg3().image;
    let shown = image.display_values(None);
    let mean = |x0: f64, x1: f64, y0: f64, y1: f64| {
        let n = 1760.0;
        let (mut total, mut count) = (0.0, 0.0);
        for row in (y0 * n) as usize..(y1 * n) as usize {
            for col in (x0 * n) as usize..(x1 * n) as usize {
                total += f64::from(shown[row * 1760 + col]);
                count += 1.0;
            }
        }
        total / count
    };
    // Boxes in fractions of the image; pydicom with the same window gives tibia 0.740,
    // soft tissue 0.317, air 0.080, talus 0.882, fibula 0.680 vs its mirror image 0.437.
    let (tibia, soft, air) = (
        mean(0.46, 0.50, 0.25, 0.35),
        mean(0.38, 0.42, 0.25, 0.35),
        mean(0.30, 0.33, 0.25, 0.35),
    );
    assert!(
        tibia > soft + 0.3 && soft > air + 0.15,
        "tibia {tibia} soft {soft} air {air}"
    );
    assert!(
        mean(0.42, 0.50, 0.83, 0.92) > 0.85,
        "the ankle is at the bottom"
    );
    assert!(
        mean(0.565, 0.585, 0.25, 0.35) > mean(0.415, 0.435, 0.25, 0.35) + 0.2,
        "the fibula is on the right"
    );
}

#[test]
fn small_cr_files_have_the_rescale_applied_to_their_12_bit_values() {
    let decoded = decode_file(&fixture("CR1_6154.dcm")).unwrap();
    let image = &decoded.image;
    assert_eq!(
        (image.width, image.height, image.photometric),
        (16, 16, Photometric::Monochrome1)
    );
    // pydicom stored values start 1994, 2031, 2106; slope 0.684, intercept 200.
    let expected = [
        1994.0 * 0.684 + 200.0,
        2031.0 * 0.684 + 200.0,
        2106.0 * 0.684 + 200.0,
    ];
    for (got, want) in image.values.iter().zip(expected) {
        assert!((f64::from(*got) - want).abs() < 1e-3, "{got} vs {want}");
    }
    // pydicom: stored sum 646091 over 256 pixels -> 646091 * 0.684 + 256 * 200.
    assert!((sum(&image.values) - (646_091.0 * 0.684 + 51_200.0)).abs() < 0.5);
    let info = decoded.dicom.unwrap();
    assert_eq!((info.rescale_slope, info.rescale_intercept), (0.684, 200.0));
}

#[test]
fn the_signed_16_bit_mr_decodes_with_its_values_and_window() {
    let image = decode_file(&fixture("MR_small.dcm")).unwrap().image;
    assert_eq!(
        (image.width, image.height, image.photometric),
        (64, 64, Photometric::Monochrome2)
    );
    // pydicom: first values 905, 1019, 1227, 1259, 761, 404; sum 2125338; WC 600, WW 1600.
    assert_eq!(
        &image.values[..6],
        &[905.0, 1019.0, 1227.0, 1259.0, 761.0, 404.0]
    );
    assert_eq!(sum(&image.values), 2_125_338.0);
    assert_eq!(
        (image.windows[0].center, image.windows[0].width),
        (600.0, 1600.0)
    );
}

#[test]
fn jpeg_lossless_decodes_with_the_pure_rust_codec() {
    let image = decode_file(&fixture("JPEG-LL.dcm")).unwrap().image;
    // pydicom (pylibjpeg-libjpeg): 1024 rows x 256 columns, max 278, sum 3596452.
    assert_eq!((image.width, image.height), (256, 1024));
    assert_eq!(sum(&image.values), 3_596_452.0);
    assert_eq!(image.values.iter().copied().fold(f32::MIN, f32::max), 278.0);
}

#[test]
fn jpeg_extended_12_bit_is_refused_naming_the_file_the_syntax_and_the_fix() {
    let err = decode_file(&fixture("JPEG-lossy.dcm")).unwrap_err();
    assert!(matches!(
        err,
        ImagingError::UnsupportedTransferSyntax { .. }
    ));
    let message = err.to_string();
    assert!(
        message.ends_with(
            "JPEG-lossy.dcm: transfer syntax 1.2.840.10008.1.2.4.51 (JPEG extended 12-bit) is not \
             supported; export the study uncompressed or as JPEG 2000"
        ),
        "{message}"
    );
}

#[test]
fn a_truncated_dicom_is_reported_as_corrupt_with_its_name() {
    let bytes = std::fs::read(fixture("MR_small.dcm")).unwrap();
    let err = decode_bytes(&bytes[..bytes.len() / 2], Path::new("half.dcm")).unwrap_err();
    assert!(matches!(err, ImagingError::Dicom { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("half.dcm: corrupt or unreadable DICOM"),
        "{err}"
    );
}

#[test]
fn a_missing_file_names_the_path() {
    let err = decode_file(Path::new("/nonexistent/knee.dcm")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("/nonexistent/knee.dcm: reading failed"),
        "{err}"
    );
}

#[test]
fn a_voi_lut_sequence_is_read_and_used_when_the_file_has_no_window() {
    use dicom_core::value::DataSetSequence;
    use dicom_core::{DataElement, PrimitiveValue, VR};
    use dicom_dictionary_std::tags;
    use dicom_object::InMemDicomObject;
    // MR_small with its window removed and a 3-entry table added: values <= 500 -> 0,
    // 501 -> 2048, >= 502 -> 4095 (12-bit entries, LUT Descriptor 3\500\12).
    let mut obj = dicom_object::open_file(fixture("MR_small.dcm")).unwrap();
    obj.remove_element(tags::WINDOW_CENTER);
    obj.remove_element(tags::WINDOW_WIDTH);
    let item = InMemDicomObject::from_element_iter([
        DataElement::new(
            tags::LUT_DESCRIPTOR,
            VR::US,
            PrimitiveValue::from([3u16, 500, 12]),
        ),
        DataElement::new(
            tags::LUT_DATA,
            VR::US,
            PrimitiveValue::from([0u16, 2048, 4095]),
        ),
    ]);
    obj.put(DataElement::new(
        tags::VOILUT_SEQUENCE,
        VR::SQ,
        DataSetSequence::from(vec![item]),
    ));
    let mut bytes = Vec::new();
    obj.write_all(&mut bytes).unwrap();
    let image = decode_bytes(&bytes, Path::new("mr_with_lut.dcm"))
        .unwrap()
        .image;
    assert!(image.windows.is_empty());
    assert_eq!(image.voi_tables[0].first, 500.0);
    assert_eq!(image.voi_tables[0].entries, vec![0, 2048, 4095]);
    let shown = image.display_values(None);
    // MR_small's first pixels are 905 and 404: above the table -> white, below -> black.
    assert_eq!((shown[0], shown[5]), (1.0, 0.0));
}
