//! Importing the real DICOM fixtures of fixtures/dicom at the repo root (see its README).

use crate::common::{assert_one_problem, is_missing_or_empty, options, refused, Workspace};
use imaging::import::import_folder;
use imaging::Photometric;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/dicom")).join(name)
}

/// A data set folder with copies of `files` under `dicom/`, one OS case each.
fn dicom_folder(files: &[&str]) -> Workspace {
    let ws = Workspace::empty();
    std::fs::create_dir(ws.data().join("dicom")).unwrap();
    let mut manifest = String::from("case_id,file,truth,age,sex,location,site,split\n");
    for (i, name) in files.iter().enumerate() {
        std::fs::copy(fixture(name), ws.data().join("dicom").join(name)).unwrap();
        manifest.push_str(&format!("real_{i},dicom/{name},OS,,,,,external\n"));
    }
    ws.write_manifest(&manifest);
    ws
}

#[test]
fn real_dicom_files_import_with_their_size_depth_photometric_modality_and_windows() {
    let ws = dicom_folder(&[
        "CR1_6154.dcm",
        "MR_small.dcm",
        "JPEG-LL.dcm",
        "RG3_J2KR.dcm",
    ]);

    let prepared = ws.import().unwrap();

    let [cr, mr, jpeg_ll, rg3] = prepared.cases.as_slice() else {
        panic!("four cases expected");
    };
    assert_eq!((cr.width, cr.height, cr.bits_stored), (16, 16, 12));
    assert_eq!(cr.photometric, Photometric::Monochrome1);
    assert_eq!(cr.modality.as_deref(), Some("CR"));
    assert_eq!(
        (mr.width, mr.height, mr.photometric),
        (64, 64, Photometric::Monochrome2)
    );
    assert_eq!(mr.modality.as_deref(), Some("MR"));
    assert_eq!((mr.windows[0].center, mr.windows[0].width), (600.0, 1600.0));
    assert_eq!((jpeg_ll.width, jpeg_ll.height), (256, 1024));
    assert_eq!((rg3.width, rg3.height, rg3.bits_stored), (1760, 1760, 10));
    assert_eq!(
        (rg3.windows[0].center, rg3.windows[0].width),
        (550.0, 1024.0)
    );
    assert!(rg3.files.original.ends_with("original.dcm") && rg3.files.mask.is_none());
    let display = image::open(prepared.staging.join(&rg3.files.display)).unwrap();
    assert_eq!((display.width(), display.height()), (1760, 1760));
    let thumb = image::open(prepared.staging.join(&jpeg_ll.files.thumb)).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (64, 256));
}

#[test]
fn the_lossy_jpeg_dicom_is_refused_with_a_clear_reason_and_nothing_is_kept() {
    let ws = dicom_folder(&["CR1_6154.dcm", "JPEG-lossy.dcm", "MR_small.dcm"]);

    let report = refused(ws.import());

    assert_one_problem(
        &report,
        3,
        "dicom/JPEG-lossy.dcm: transfer syntax 1.2.840.10008.1.2.4.51 (JPEG extended 12-bit) is \
         not supported; export the study uncompressed or as JPEG 2000",
    );
    assert_eq!(report.problems[0].case_id.as_deref(), Some("real_1"));
    assert!(is_missing_or_empty(&ws.staging()));
}

#[test]
fn one_thread_and_two_threads_prepare_the_same_cases() {
    let ws = dicom_folder(&[
        "CR1_6154.dcm",
        "CR2_6247.dcm",
        "MR_small.dcm",
        "JPEG-LL.dcm",
    ]);
    // One secret for both, so the de-identified UIDs (and the key) agree too.
    let one = imaging::import::ImportOptions {
        threads: 1,
        ..options()
    };
    let two = imaging::import::ImportOptions {
        threads: 2,
        ..one.clone()
    };

    let serial = import_folder(&ws.data(), &ws.tmp.path().join("one"), &one).unwrap();
    let parallel = import_folder(&ws.data(), &ws.tmp.path().join("two"), &two).unwrap();

    assert_eq!(serial.cases, parallel.cases);
}

/// The stored copy of a DICOM file is the de-identified one: the import's UIDs, no patient.
#[test]
fn a_dicom_case_is_stored_de_identified_with_the_imports_uids() {
    use dicom_dictionary_std::tags;
    let ws = dicom_folder(&["CR1_6154.dcm"]);
    let source = std::fs::read(fixture("CR1_6154.dcm")).unwrap();
    let mut opts = options();
    let deid = imaging::deid::Deidentification::for_study(b"study 9");
    opts.deid = Some(deid.clone());

    let prepared = import_folder(&ws.data(), &ws.staging(), &opts).unwrap();

    let stored = std::fs::read(prepared.staging.join(&prepared.cases[0].files.original)).unwrap();
    let read = |bytes: &[u8]| {
        dicom_object::OpenFileOptions::new()
            .from_reader(&bytes[128..])
            .unwrap()
    };
    let text = |bytes: &[u8], tag| {
        read(bytes).element(tag).ok().and_then(|e| {
            e.to_str()
                .ok()
                .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
        })
    };
    assert_eq!(
        text(&stored, tags::PATIENT_IDENTITY_REMOVED).as_deref(),
        Some("YES")
    );
    assert_eq!(
        text(&stored, tags::PATIENT_NAME).as_deref().unwrap_or(""),
        ""
    );
    let original_study = text(&source, tags::STUDY_INSTANCE_UID).unwrap();
    assert_eq!(
        text(&stored, tags::STUDY_INSTANCE_UID).unwrap(),
        deid.uids.map(&original_study)
    );
}

#[test]
fn a_dicom_file_with_burned_in_annotation_is_reported_and_nothing_is_imported() {
    use dicom_core::value::PrimitiveValue;
    use dicom_core::{DataElement, VR};
    let ws = dicom_folder(&["CR1_6154.dcm", "CR2_6247.dcm"]);
    let path = ws.data().join("dicom").join("CR2_6247.dcm");
    let bytes = std::fs::read(&path).unwrap();
    let mut obj = dicom_object::OpenFileOptions::new()
        .from_reader(&bytes[128..])
        .unwrap();
    obj.put(DataElement::new(
        dicom_dictionary_std::tags::BURNED_IN_ANNOTATION,
        VR::CS,
        PrimitiveValue::from("YES"),
    ));
    let mut out = Vec::new();
    obj.write_all(&mut out).unwrap();
    std::fs::write(&path, out).unwrap();

    let report = refused(ws.import());

    assert_one_problem(&report, 3, "Burned In Annotation is YES");
    assert!(is_missing_or_empty(&ws.staging()));
}
