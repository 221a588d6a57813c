//! De-identification (DICOM PS3.15 Basic Profile) of the real DICOM fixtures after the test
//! writes a patient's identity, an institution, dates and a private attribute into them: every
//! attribute of Table E.1-1 ends as the profile says, read back attribute by attribute, the
//! pixels are unchanged and UIDs map consistently.

use std::path::{Path, PathBuf};

use dicom_core::header::Header;
use dicom_core::value::{DataSetSequence, PrimitiveValue, Value};
use dicom_core::{DataElement, Tag, VR};
use dicom_dictionary_std::tags;
use dicom_object::mem::InMemDicomObject;
use dicom_object::{DefaultDicomObject, OpenFileOptions};
use imaging::deid::profile::{rule_for, rules};
use imaging::deid::{deidentify, Action, Options, Settings, UidMapper};

fn fixture(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/dicom")).join(name)
}

fn open(bytes: &[u8]) -> DefaultDicomObject {
    OpenFileOptions::new().from_reader(&bytes[128..]).unwrap()
}

fn text(obj: &InMemDicomObject, tag: Tag) -> Option<String> {
    obj.get(tag)
        .and_then(|e| e.to_str().ok())
        .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
}

/// The fixture with a hospital's identifying attributes written in, nested and private ones too.
fn identified(name: &str, burned_in: bool) -> Vec<u8> {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let mut obj = open(&bytes);
    let put = |obj: &mut DefaultDicomObject, tag: Tag, vr: VR, value: &str| {
        obj.put(DataElement::new(tag, vr, PrimitiveValue::from(value)));
    };
    put(&mut obj, tags::PATIENT_NAME, VR::PN, "Doe^Jane");
    put(&mut obj, tags::PATIENT_ID, VR::LO, "MRN-0042");
    put(&mut obj, tags::PATIENT_BIRTH_DATE, VR::DA, "19800214");
    put(&mut obj, tags::PATIENT_SEX, VR::CS, "F");
    put(&mut obj, tags::PATIENT_AGE, VR::AS, "045Y");
    put(
        &mut obj,
        tags::INSTITUTION_NAME,
        VR::LO,
        "St Elsewhere Hospital",
    );
    put(
        &mut obj,
        tags::REFERRING_PHYSICIAN_NAME,
        VR::PN,
        "House^Gregory",
    );
    put(&mut obj, tags::ACCESSION_NUMBER, VR::SH, "ACC123");
    put(&mut obj, tags::STUDY_DATE, VR::DA, "20240102");
    put(&mut obj, tags::STUDY_DESCRIPTION, VR::LO, "Knee Jane Doe");
    put(&mut obj, tags::OPERATORS_NAME, VR::PN, "Tech^Tom");
    put(&mut obj, Tag(0x0009, 0x0010), VR::LO, "ACME PRIVATE");
    put(&mut obj, Tag(0x0009, 0x1001), VR::LO, "Jane Doe again");
    if burned_in {
        put(&mut obj, tags::BURNED_IN_ANNOTATION, VR::CS, "YES");
    }
    let referenced = InMemDicomObject::from_element_iter([
        DataElement::new(
            tags::REFERENCED_SOP_INSTANCE_UID,
            VR::UI,
            PrimitiveValue::from("1.2.3.4.5.6.7"),
        ),
        DataElement::new(tags::PATIENT_NAME, VR::PN, PrimitiveValue::from("Doe^Jane")),
    ]);
    obj.put(DataElement::new(
        tags::SOURCE_IMAGE_SEQUENCE,
        VR::SQ,
        Value::from(DataSetSequence::from(vec![referenced])),
    ));
    let mut out = Vec::new();
    obj.write_all(&mut out).unwrap();
    out
}

const BASIC: Options = Options {
    keep_patient_characteristics: false,
    keep_descriptors: false,
};

fn settings(options: Options) -> Settings {
    Settings {
        options,
        accept_burned_in: false,
    }
}

/// Every element at every depth, with its path of sequence tags.
fn all_elements(obj: &InMemDicomObject, out: &mut Vec<(Tag, VR, String)>) {
    for element in obj {
        let value = element.to_str().map(|s| s.to_string()).unwrap_or_default();
        out.push((element.tag(), element.vr(), value));
        if let Some(items) = element.items() {
            for item in items {
                all_elements(item, out);
            }
        }
    }
}

#[test]
fn every_profile_attribute_is_removed_emptied_dummied_or_remapped_at_every_depth() {
    let uids = UidMapper::new(b"study-7 secret");
    let original = identified("CR1_6154.dcm", false);

    let out = deidentify(&original, settings(BASIC), &uids, Path::new("CR1")).unwrap();

    let obj = open(&out.bytes);
    let mut elements = Vec::new();
    all_elements(&obj, &mut elements);
    for (tag, vr, value) in &elements {
        assert!(tag.group() % 2 == 0, "private attribute {tag} kept");
        let code = (u32::from(tag.group()) << 16) | u32::from(tag.element());
        let Some(rule) = rule_for(code) else { continue };
        match rule.action(BASIC) {
            Action::Remove => panic!("{} {tag} should be removed", rule.name),
            Action::Empty => assert!(
                value.trim_end_matches(['\0', ' ']).is_empty() || *vr == VR::SQ,
                "{} {tag} = {value}",
                rule.name
            ),
            Action::Uid => assert!(
                value.starts_with("2.25.") || value.is_empty(),
                "{} {tag} = {value}",
                rule.name
            ),
            Action::Dummy | Action::Keep => {}
        }
    }
    let joined: String = elements.iter().map(|(_, _, v)| v.as_str()).collect();
    for secret in [
        "Doe",
        "MRN-0042",
        "19800214",
        "Elsewhere",
        "House",
        "ACC123",
        "Tom",
        "1.2.3.4.5.6.7",
    ] {
        assert!(!joined.contains(secret), "{secret} survived");
    }
    assert_eq!(
        text(&obj, tags::PATIENT_IDENTITY_REMOVED).as_deref(),
        Some("YES")
    );
    assert!(text(&obj, tags::DEIDENTIFICATION_METHOD)
        .unwrap()
        .contains("Basic Application Level Confidentiality Profile"));
    assert!(out.changed >= 12);
}

#[test]
fn uids_map_the_same_within_a_study_and_differently_in_another() {
    let original = identified("CR1_6154.dcm", false);
    let study_uid = text(&open(&original), tags::STUDY_INSTANCE_UID).unwrap();
    let (one, other) = (UidMapper::new(b"study one"), UidMapper::new(b"study two"));

    let first = deidentify(&original, settings(BASIC), &one, Path::new("a")).unwrap();
    let again = deidentify(&original, settings(BASIC), &one, Path::new("a")).unwrap();
    let elsewhere = deidentify(&original, settings(BASIC), &other, Path::new("a")).unwrap();

    let uid = |bytes: &[u8], tag| text(&open(bytes), tag).unwrap();
    assert_eq!(
        uid(&first.bytes, tags::STUDY_INSTANCE_UID),
        one.map(&study_uid)
    );
    assert_eq!(
        uid(&first.bytes, tags::STUDY_INSTANCE_UID),
        uid(&again.bytes, tags::STUDY_INSTANCE_UID)
    );
    assert_ne!(
        uid(&first.bytes, tags::STUDY_INSTANCE_UID),
        uid(&elsewhere.bytes, tags::STUDY_INSTANCE_UID)
    );
    let meta = open(&first.bytes);
    assert_eq!(
        meta.meta()
            .media_storage_sop_instance_uid
            .trim_end_matches('\0'),
        uid(&first.bytes, tags::SOP_INSTANCE_UID),
        "the file meta header names the new instance UID"
    );
    assert!(one.map(&study_uid).len() <= 64);
}

#[test]
fn the_pixels_decode_to_the_same_image_after_de_identification() {
    let original = identified("CR1_6154.dcm", false);
    let out = deidentify(
        &original,
        settings(BASIC),
        &UidMapper::new(b"s"),
        Path::new("a"),
    )
    .unwrap();

    let before = imaging::decode::decode_bytes(&original, Path::new("a.dcm")).unwrap();
    let after = imaging::decode::decode_bytes(&out.bytes, Path::new("a.dcm")).unwrap();

    assert_eq!(before.image.values, after.image.values);
    assert_eq!(
        (before.image.width, before.image.height),
        (after.image.width, after.image.height)
    );
}

#[test]
fn age_and_sex_survive_when_the_study_keeps_patient_characteristics() {
    let original = identified("CR1_6154.dcm", false);
    let keep = Options {
        keep_patient_characteristics: true,
        keep_descriptors: false,
    };

    let kept = open(
        &deidentify(
            &original,
            settings(keep),
            &UidMapper::new(b"s"),
            Path::new("a"),
        )
        .unwrap()
        .bytes,
    );
    let basic = open(
        &deidentify(
            &original,
            settings(BASIC),
            &UidMapper::new(b"s"),
            Path::new("a"),
        )
        .unwrap()
        .bytes,
    );

    assert_eq!(text(&kept, tags::PATIENT_AGE).as_deref(), Some("045Y"));
    assert_eq!(text(&kept, tags::PATIENT_SEX).as_deref(), Some("F"));
    assert_eq!(text(&kept, tags::PATIENT_NAME).as_deref(), Some(""));
    assert_eq!(text(&basic, tags::PATIENT_AGE), None);
    assert_eq!(text(&basic, tags::PATIENT_SEX).as_deref(), Some(""));
    assert_eq!(
        text(&basic, tags::STUDY_DESCRIPTION),
        None,
        "descriptions go under the basic profile"
    );
}

#[test]
fn an_image_with_burned_in_annotation_is_refused_unless_the_study_accepts_it() {
    let original = identified("CR2_6247.dcm", true);
    let uids = UidMapper::new(b"s");

    let refused = deidentify(&original, settings(BASIC), &uids, Path::new("scan.dcm"));
    let accepted = deidentify(
        &original,
        Settings {
            options: BASIC,
            accept_burned_in: true,
        },
        &uids,
        Path::new("scan.dcm"),
    );

    let message = refused.unwrap_err().to_string();
    assert!(
        message.contains("scan.dcm") && message.contains("Burned In Annotation"),
        "{message}"
    );
    assert!(accepted.is_ok());
}

#[test]
fn the_table_is_the_standards_and_says_what_the_basic_profile_does() {
    // Spot checks against PS3.15 Table E.1-1.
    let action = |code: u32| rule_for(code).unwrap().action(BASIC);
    assert_eq!(
        action(0x0010_0030),
        Action::Empty,
        "Patient's Birth Date: Z"
    );
    assert_eq!(action(0x0008_0018), Action::Uid, "SOP Instance UID: U");
    assert_eq!(action(0x0010_1040), Action::Remove, "Patient's Address: X");
    assert_eq!(
        action(0x0008_1070),
        Action::Dummy,
        "Operators' Name: X/Z/D, taken as D"
    );
    assert!(rules().iter().all(|r| !r.name.is_empty()));
}

#[test]
fn the_key_pairs_each_identifier_with_what_the_copy_calls_it() {
    let original = identified("CR1_6154.dcm", false);
    let uids = UidMapper::new(b"study secret");
    let before = open(&original);

    let out = deidentify(&original, settings(BASIC), &uids, Path::new("CR1")).unwrap();

    let copy = open(&out.bytes);
    let entry = |attribute: &str| {
        out.key
            .iter()
            .find(|r| r.attribute == attribute)
            .unwrap_or_else(|| panic!("{attribute} in {:?}", out.key))
            .clone()
    };
    for (attribute, tag) in [
        ("StudyInstanceUID", tags::STUDY_INSTANCE_UID),
        ("SeriesInstanceUID", tags::SERIES_INSTANCE_UID),
        ("SOPInstanceUID", tags::SOP_INSTANCE_UID),
    ] {
        let e = entry(attribute);
        assert_eq!(Some(e.original.clone()), text(&before, tag));
        assert_eq!(e.replacement, uids.map(&e.original));
        assert_eq!(Some(e.replacement), text(&copy, tag));
    }
    let patient = entry("PatientID");
    assert_eq!(Some(patient.original), text(&before, tags::PATIENT_ID));
    assert_eq!(
        Some(patient.replacement),
        text(&copy, tags::PATIENT_ID).or(Some(String::new()))
    );
}
