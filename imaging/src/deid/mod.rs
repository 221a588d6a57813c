//! De-identification of DICOM files on import: DICOM PS3.15 Annex E's Basic Application Level
//! Confidentiality Profile, so Lector stores no patient's name, ID, birth date, institution or
//! operator, only the copy this module writes.
//!
//! Every attribute of Table E.1-1 gets its profile action (`profile`), at every depth of
//! nested sequences; private attributes (odd groups) are removed; UIDs are replaced by
//! `2.25.<n>` UIDs derived from the study's secret, so one original UID maps to one new UID
//! throughout a study (and a re-import finds the same one) without a table of originals being
//! kept; the file meta header follows. The result says so in Patient Identity Removed,
//! De-identification Method and its code sequence (CID 7050). Pixel data is not touched: an
//! image whose Burned In Annotation is YES is refused unless the study accepts such images.

pub mod profile;

use std::path::Path;

use dicom_core::value::{DataSetSequence, PrimitiveValue, Value};
use dicom_core::{DataElement, Tag, VR};
use dicom_dictionary_std::tags;
use dicom_object::mem::InMemDicomObject;

pub mod key;
mod uids;

pub use key::Replacement;
pub use profile::{Action, Options};
pub use uids::UidMapper;

use crate::error::{ImagingError, Result};

/// What the study chose: the profile's options, and whether images with burned-in annotation
/// are accepted (their pixels may show a name; Lector does not clean pixels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub options: Options,
    pub accept_burned_in: bool,
}

/// What an import does to DICOM files: the study's settings and its UID mapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deidentification {
    pub settings: Settings,
    pub uids: UidMapper,
}

impl Default for Settings {
    /// The basic profile keeping the patient characteristics a study shows as clinical facts
    /// (age, sex), descriptions removed, burned-in annotation refused.
    fn default() -> Self {
        Settings {
            options: Options {
                keep_patient_characteristics: true,
                keep_descriptors: false,
            },
            accept_burned_in: false,
        }
    }
}

impl Deidentification {
    /// The default [`Settings`] with UIDs derived from `secret`.
    pub fn for_study(secret: &[u8]) -> Self {
        Self::with(Settings::default(), secret)
    }

    /// The study's own `settings` with UIDs derived from `secret`.
    pub fn with(settings: Settings, secret: &[u8]) -> Self {
        Self {
            settings,
            uids: UidMapper::new(secret),
        }
    }
}

/// The de-identified file and what was done.
#[derive(Debug, Clone)]
pub struct Deidentified {
    pub bytes: Vec<u8>,
    /// Attributes removed, emptied, replaced by dummies or given new UIDs.
    pub changed: usize,
    /// The identifiers that lead back to the patient and the study in the hospital's systems,
    /// before and after: the re-identification key, handed to the coordinator only if asked.
    pub key: Vec<Replacement>,
}

/// The de-identified copy of the DICOM Part 10 file `bytes` (`name` for messages).
///
/// # Errors
/// [`ImagingError::BurnedInAnnotation`] when the image says its pixels carry annotation and the
/// study does not accept that; [`ImagingError::Dicom`] when the file does not parse or the copy
/// cannot be written.
pub fn deidentify(
    bytes: &[u8],
    settings: Settings,
    uids: &UidMapper,
    name: &Path,
) -> Result<Deidentified> {
    let corrupt = |what: &'static str| {
        move |e: Box<dyn std::error::Error + Send + Sync>| ImagingError::Dicom {
            path: name.to_path_buf(),
            what,
            source: e,
        }
    };
    let mut obj = crate::decode::dicom::open(bytes, name)?;
    let burned_in = obj
        .element(tags::BURNED_IN_ANNOTATION)
        .ok()
        .and_then(|e| e.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("YES"));
    if burned_in && !settings.accept_burned_in {
        return Err(ImagingError::BurnedInAnnotation {
            path: name.to_path_buf(),
        });
    }
    let before = key::identifiers(&obj);
    let mut changed = clean(&mut obj, settings.options, uids);
    let key = key::replacements(before, &obj);
    let instance = uids.map(&obj.meta().media_storage_sop_instance_uid);
    obj.update_meta(|meta| {
        meta.media_storage_sop_instance_uid = instance;
        meta.source_application_entity_title = None;
        meta.sending_application_entity_title = None;
        meta.receiving_application_entity_title = None;
        meta.private_information_creator_uid = None;
        meta.private_information = None;
    });
    changed += 1;
    mark(&mut obj, settings.options);
    let mut out = Vec::with_capacity(bytes.len());
    obj.write_all(&mut out)
        .map_err(|e| corrupt("writing the de-identified copy")(Box::new(e)))?;
    Ok(Deidentified {
        bytes: out,
        changed,
        key,
    })
}

/// Applies the profile to every element of `obj` and of the items of its sequences; returns
/// how many elements changed.
fn clean(obj: &mut InMemDicomObject, options: Options, uids: &UidMapper) -> usize {
    let mut changed = 0;
    let present: Vec<Tag> = obj.tags().collect();
    for tag in present {
        let code = (u32::from(tag.group()) << 16) | u32::from(tag.element());
        let action = if tag.group() % 2 == 1 {
            Some(Action::Remove)
        } else {
            profile::rule_for(code).map(|rule| rule.action(options))
        };
        let Some(vr) = obj.get(tag).map(|e| e.vr()) else {
            continue;
        };
        match action {
            Some(Action::Remove) => {
                obj.remove_element(tag);
                changed += 1;
            }
            Some(Action::Empty) => {
                obj.put(empty(tag, vr));
                changed += 1;
            }
            Some(Action::Dummy) => {
                obj.put(dummy(tag, vr, uids));
                changed += 1;
            }
            Some(Action::Uid) if vr == VR::UI => {
                let old = obj
                    .get(tag)
                    .and_then(|e| e.to_str().ok())
                    .unwrap_or_default();
                let new: Vec<String> = old
                    .split('\\')
                    .filter(|u| !u.trim().is_empty())
                    .map(|u| uids.map(u.trim()))
                    .collect();
                obj.put(DataElement::new(
                    tag,
                    VR::UI,
                    PrimitiveValue::from(new.join("\\")),
                ));
                changed += 1;
            }
            // Kept (an option, or not in the table), or a UID action on a sequence: the items
            // are cleaned in turn.
            _ => {
                if vr == VR::SQ {
                    changed += clean_items(obj, tag, options, uids);
                }
            }
        }
    }
    changed
}

fn clean_items(obj: &mut InMemDicomObject, tag: Tag, options: Options, uids: &UidMapper) -> usize {
    let mut changed = 0;
    obj.update_value(tag, |value| {
        if let Some(items) = value.items_mut() {
            for item in items.iter_mut() {
                changed += clean(item, options, uids);
            }
        }
    });
    changed
}

fn empty(tag: Tag, vr: VR) -> DataElement<InMemDicomObject, dicom_object::mem::InMemFragment> {
    if vr == VR::SQ {
        DataElement::new(tag, vr, Value::from(DataSetSequence::empty()))
    } else {
        DataElement::new(tag, vr, PrimitiveValue::Empty)
    }
}

/// A value of `vr` that says nothing: PS3.15's "dummy value … consistent with the VR".
fn dummy(
    tag: Tag,
    vr: VR,
    uids: &UidMapper,
) -> DataElement<InMemDicomObject, dicom_object::mem::InMemFragment> {
    let text = |s: &str| DataElement::new(tag, vr, PrimitiveValue::from(s));
    match vr {
        VR::PN => text("ANONYMOUS"),
        VR::LO | VR::SH | VR::LT | VR::ST | VR::UT | VR::UC | VR::CS | VR::AE => text("ANONYMIZED"),
        VR::DA => text("19000101"),
        VR::TM => text("000000"),
        VR::DT => text("19000101000000"),
        VR::AS => text("000D"),
        VR::IS | VR::DS => text("0"),
        VR::UI => text(&uids.map(&format!("dummy:{tag}"))),
        // Numbers, bytes, sequences: an empty value is the dummy that says nothing.
        _ => empty(tag, vr),
    }
}

/// Patient Identity Removed, De-identification Method and its code sequence (CID 7050).
fn mark(obj: &mut InMemDicomObject, options: Options) {
    let mut method =
        String::from("Lector: DICOM PS3.15 Basic Application Level Confidentiality Profile");
    let mut codes = vec![("113100", "Basic Application Confidentiality Profile")];
    if options.keep_patient_characteristics {
        method.push_str(", Retain Patient Characteristics Option");
        codes.push(("113108", "Retain Patient Characteristics Option"));
    }
    if options.keep_descriptors {
        method.push_str(", descriptions kept as imported");
    }
    obj.put(DataElement::new(
        tags::PATIENT_IDENTITY_REMOVED,
        VR::CS,
        PrimitiveValue::from("YES"),
    ));
    obj.put(DataElement::new(
        tags::DEIDENTIFICATION_METHOD,
        VR::LO,
        PrimitiveValue::from(method),
    ));
    let items: Vec<InMemDicomObject> = codes
        .into_iter()
        .map(|(value, meaning)| {
            InMemDicomObject::from_element_iter([
                DataElement::new(tags::CODE_VALUE, VR::SH, PrimitiveValue::from(value)),
                DataElement::new(
                    tags::CODING_SCHEME_DESIGNATOR,
                    VR::SH,
                    PrimitiveValue::from("DCM"),
                ),
                DataElement::new(tags::CODE_MEANING, VR::LO, PrimitiveValue::from(meaning)),
            ])
        })
        .collect();
    obj.put(DataElement::new(
        tags::DEIDENTIFICATION_METHOD_CODE_SEQUENCE,
        VR::SQ,
        Value::from(DataSetSequence::from(items)),
    ));
}
