//! Writing a phantom as a DICOM Part 10 file: CR Image Storage, explicit VR little endian,
//! 16-bit allocated, with the patient, body-part and window tags a viewer and the importer need.

use crate::error::{ImagingError, Result};
use crate::grey::GreyImage;
use crate::phantom::PhantomCase;
use crate::rng::mix64;
use dicom_core::{DataElement, PrimitiveValue, VR};
use dicom_dictionary_std::{tags, uids};
use dicom_object::{meta::FileMetaTableBuilder, InMemDicomObject};

/// A DICOM UID under the UUID-derived root `2.25` (PS3.5 B.2), from a 128-bit hash of `parts`,
/// so that the same case always gets the same UIDs and different cases different ones.
fn uid(parts: &[&[u8]]) -> String {
    let mut hi = 0x243F_6A88_85A3_08D3u64;
    let mut lo = 0x1319_8A2E_0370_7344u64;
    for part in parts {
        for chunk in part.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            hi = mix64(hi ^ w);
            lo = mix64(lo.wrapping_add(w) ^ hi);
        }
        hi = mix64(hi ^ part.len() as u64);
    }
    format!("2.25.{}", (u128::from(hi) << 64) | u128::from(lo))
}

/// A 64-bit fingerprint of the stored pixels, so UIDs differ between data sets of other seeds.
fn fingerprint(image: &GreyImage) -> [u8; 8] {
    let mut h = 0u64;
    for (i, v) in image.values.iter().enumerate().step_by(97) {
        h = mix64(h ^ (u64::from(v.to_bits()) << 20) ^ i as u64);
    }
    h.to_le_bytes()
}

fn text(tag: dicom_core::Tag, vr: VR, value: impl Into<String>) -> DataElement<InMemDicomObject> {
    DataElement::new(tag, vr, PrimitiveValue::from(value.into()))
}

/// Encodes `case` as DICOM bytes.
///
/// # Errors
/// [`ImagingError::Dicom`] if dicom-rs refuses to build or write the object.
pub fn encode_case(case: &PhantomCase) -> Result<Vec<u8>> {
    let image = &case.image;
    let print = fingerprint(image);
    let id = case.case_id.as_bytes();
    let study = uid(&[b"study", id, &print]);
    let series = uid(&[b"series", id, &print]);
    let instance = uid(&[b"instance", id, &print]);
    let max = (1u32 << image.bits_stored) - 1;
    let pixels: Vec<u16> = image
        .values
        .iter()
        .map(|v| v.round().clamp(0.0, max as f32) as u16)
        .collect();
    let window = image.default_window();
    let mut obj = InMemDicomObject::from_element_iter([
        text(
            tags::SOP_CLASS_UID,
            VR::UI,
            uids::COMPUTED_RADIOGRAPHY_IMAGE_STORAGE,
        ),
        text(tags::SOP_INSTANCE_UID, VR::UI, instance),
        text(tags::STUDY_INSTANCE_UID, VR::UI, study),
        text(tags::SERIES_INSTANCE_UID, VR::UI, series),
        text(tags::MODALITY, VR::CS, "CR"),
        text(
            tags::PATIENT_NAME,
            VR::PN,
            format!("Phantom^{}", case.case_id),
        ),
        text(tags::PATIENT_ID, VR::LO, case.case_id.clone()),
        text(
            tags::PATIENT_AGE,
            VR::AS,
            format!("{:03}Y", case.age.min(999)),
        ),
        text(tags::PATIENT_SEX, VR::CS, case.sex.label()),
        text(tags::BODY_PART_EXAMINED, VR::CS, "KNEE"),
        text(tags::VIEW_POSITION, VR::CS, "AP"),
        text(tags::INSTITUTION_NAME, VR::LO, case.site.clone()),
        text(
            tags::STUDY_DESCRIPTION,
            VR::LO,
            "Knee AP (synthetic phantom)",
        ),
        text(
            tags::PHOTOMETRIC_INTERPRETATION,
            VR::CS,
            image.photometric.as_dicom(),
        ),
        DataElement::new(tags::SAMPLES_PER_PIXEL, VR::US, PrimitiveValue::from(1u16)),
        DataElement::new(
            tags::ROWS,
            VR::US,
            PrimitiveValue::from(image.height as u16),
        ),
        DataElement::new(
            tags::COLUMNS,
            VR::US,
            PrimitiveValue::from(image.width as u16),
        ),
        DataElement::new(tags::BITS_ALLOCATED, VR::US, PrimitiveValue::from(16u16)),
        DataElement::new(
            tags::BITS_STORED,
            VR::US,
            PrimitiveValue::from(image.bits_stored),
        ),
        DataElement::new(
            tags::HIGH_BIT,
            VR::US,
            PrimitiveValue::from(image.bits_stored - 1),
        ),
        DataElement::new(
            tags::PIXEL_REPRESENTATION,
            VR::US,
            PrimitiveValue::from(0u16),
        ),
        text(tags::WINDOW_CENTER, VR::DS, format!("{}", window.center)),
        text(tags::WINDOW_WIDTH, VR::DS, format!("{}", window.width)),
        DataElement::new(tags::PIXEL_DATA, VR::OW, PrimitiveValue::U16(pixels.into())),
    ]);
    if let Some(explanation) = &window.explanation {
        obj.put(text(
            tags::WINDOW_CENTER_WIDTH_EXPLANATION,
            VR::LO,
            explanation.clone(),
        ));
    }
    let wrap = |what: &'static str| {
        move |e: Box<dyn std::error::Error + Send + Sync>| ImagingError::Dicom {
            path: format!("dicom/{}.dcm", case.case_id).into(),
            what,
            source: e,
        }
    };
    let file = obj
        .with_meta(FileMetaTableBuilder::new().transfer_syntax(uids::EXPLICIT_VR_LITTLE_ENDIAN))
        .map_err(|e| wrap("building the file meta group")(Box::new(e)))?;
    let mut bytes = Vec::new();
    file.write_all(&mut bytes)
        .map_err(|e| wrap("encoding")(Box::new(e)))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_valid_and_depend_on_every_part() {
        let a = uid(&[b"study", b"case_0001"]);
        let b = uid(&[b"study", b"case_0002"]);
        assert_ne!(a, b);
        assert!(a.len() <= 64, "UIDs are at most 64 characters: {a}");
        assert!(a.starts_with("2.25.") && a[5..].chars().all(|c| c.is_ascii_digit()));
    }
}
