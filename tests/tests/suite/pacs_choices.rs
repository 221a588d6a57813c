//! The study's own de-identification choices and the import's options, against the real
//! Orthanc (issue 19): a re-identification key only when asked for, written only into a new
//! private file, leading back to each patient and study; a study that keeps descriptions and
//! accepts burned-in images stores them so while the default refuses them; a series
//! description chooses which view of a study comes in.

use std::path::Path;

use dicom_core::value::PrimitiveValue;
use dicom_core::{DataElement, Tag, VR};
use dicom_dictionary_std::tags;
use imaging::deid::UidMapper;
use store::{DeidChoices, NewStudy};
use tests::orthanc::Orthanc;
use tests::TestApp;

use super::pacs::{
    identified, import, import_with, load_pacs, new_study, open, stored_files, text, write_manifest,
};

/// `bytes` with these attributes set.
fn with(bytes: &[u8], values: &[(Tag, VR, &str)]) -> Vec<u8> {
    let mut obj = open(bytes);
    for &(tag, vr, value) in values {
        obj.put(DataElement::new(tag, vr, PrimitiveValue::from(value)));
    }
    let mut out = Vec::new();
    obj.write_all(&mut out).unwrap();
    out
}

/// One phantom DICOM from `lector synth`'s code.
fn phantom(dir: &Path) -> Vec<u8> {
    let set = dir.join("one");
    imaging::synth::synthesize(
        &imaging::phantom::PhantomConfig::with_total(1, 23),
        &set,
        |_, _| {},
    )
    .unwrap();
    let manifest = std::fs::read_to_string(set.join("manifest.csv")).unwrap();
    let case = manifest.lines().nth(1).unwrap().split(',').next().unwrap();
    std::fs::read(set.join("dicom").join(format!("{case}.dcm"))).unwrap()
}

#[tokio::test]
async fn a_key_asked_for_leads_back_to_each_patient_and_goes_only_into_a_new_private_file() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let pacs = Orthanc::start(&dir.path().join("pacs")).await;
    let (rows, originals) = load_pacs(&pacs, dir.path(), 3).await;
    let manifest = write_manifest(dir.path(), "cases.csv", &rows);
    let study = new_study(&app, "Keyed").await;
    let taken = dir.path().join("taken.csv");
    std::fs::write(&taken, "someone's notes").unwrap();
    let key_path = dir.path().join("key.csv");
    let run = |key: &Path| {
        import_with(
            &app,
            study,
            &pacs.dicomweb(),
            &manifest,
            &["--key-out", key.to_str().unwrap()],
        )
    };

    let over_a_file = run(&taken);
    let cases_after_refusal = app.store().await.list_cases(study).await.unwrap().len();
    let keyed = run(&key_path);

    assert!(!over_a_file.status.success());
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "someone's notes");
    assert_eq!(cases_after_refusal, 0, "refused before anything is fetched");
    assert!(
        keyed.status.success(),
        "{}",
        String::from_utf8_lossy(&keyed.stderr)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner reads the key");
    }
    let key = std::fs::read_to_string(&key_path).unwrap();
    let rows_of = |case: &str, attribute: &str| -> Vec<(String, String)> {
        key.lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
            .filter(|f| f[0] == case && f[1] == attribute)
            .map(|f| (f[2].clone(), f[3].clone()))
            .collect()
    };
    let secret = app
        .store()
        .await
        .derived_secret(&format!("dicom uids of study {study}"));
    let uids = UidMapper::new(&secret);
    let stored_study_uids: Vec<String> = stored_files(&app, study)
        .iter()
        .map(|f| text(&open(&std::fs::read(f).unwrap()), tags::STUDY_INSTANCE_UID).unwrap())
        .collect();
    for (case, original) in &originals {
        let study_uid = rows_of(case, "StudyInstanceUID");
        assert_eq!(study_uid.len(), 1, "{case} in {key}");
        assert_eq!(&study_uid[0].0, original);
        assert_eq!(study_uid[0].1, uids.map(original));
        assert!(stored_study_uids.contains(&study_uid[0].1));
        let patient = rows_of(case, "PatientID");
        assert!(patient[0].0.starts_with("MRN-"), "{patient:?}");
        assert!(!stored_study_uids.iter().any(|u| u == &patient[0].0));
        assert!(rows_of(case, "AccessionNumber")[0].0.starts_with("ACC-"));
    }
}

#[tokio::test]
async fn a_study_keeping_descriptions_and_accepting_burned_in_images_stores_them_as_it_chose() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let pacs = Orthanc::start(&dir.path().join("pacs")).await;
    let file = with(
        &identified(&phantom(dir.path()), "ACC-BURNED", 1),
        &[
            (tags::SERIES_DESCRIPTION, VR::LO, "KNEE LAT"),
            (tags::BURNED_IN_ANNOTATION, VR::CS, "YES"),
        ],
    );
    pacs.upload(file).await;
    let manifest = write_manifest(
        dir.path(),
        "burned.csv",
        &["b1,ACC-BURNED,OS,internal,34,F".to_string()],
    );
    let default_study = new_study(&app, "Default choices").await;
    let chosen = new_study(&app, "Chosen").await;
    let store = app.store().await;
    let study = store.study(chosen).await.unwrap().unwrap();
    let mut edit = NewStudy::new("Chosen", "OS", "GCT", study.design);
    edit.config = study.config.clone();
    edit.config.deid = DeidChoices {
        keep_characteristics: false,
        keep_descriptions: true,
        accept_burned_in: true,
    };
    store.update_study(chosen, &edit).await.unwrap();

    let refused = import(&app, default_study, &pacs.dicomweb(), &manifest);
    let accepted = import(&app, chosen, &pacs.dicomweb(), &manifest);

    assert!(!refused.status.success());
    let report = String::from_utf8_lossy(&refused.stderr);
    assert!(
        report.contains("b1") && report.to_lowercase().contains("burned"),
        "{report}"
    );
    assert!(stored_files(&app, default_study).is_empty());
    assert!(
        accepted.status.success(),
        "{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    let files = stored_files(&app, chosen);
    assert_eq!(files.len(), 1);
    let obj = open(&std::fs::read(&files[0]).unwrap());
    assert_eq!(
        text(&obj, tags::SERIES_DESCRIPTION).as_deref(),
        Some("KNEE LAT")
    );
    assert_eq!(
        text(&obj, tags::BURNED_IN_ANNOTATION).as_deref(),
        Some("YES")
    );
    assert!(
        text(&obj, tags::PATIENT_AGE).unwrap_or_default().is_empty()
            && text(&obj, tags::PATIENT_SEX).unwrap_or_default().is_empty(),
        "age and sex removed when the study does not keep them"
    );
    assert!(text(&obj, tags::DEIDENTIFICATION_METHOD)
        .unwrap()
        .contains("descriptions kept"));
    assert_eq!(
        text(&obj, tags::PATIENT_NAME).unwrap_or_default(),
        "",
        "the name is emptied whatever the study keeps"
    );
}

#[tokio::test]
async fn a_series_description_chooses_which_view_of_a_study_comes_in() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let pacs = Orthanc::start(&dir.path().join("pacs")).await;
    let base = identified(&phantom(dir.path()), "ACC-VIEWS", 2);
    let view = |description: &str, series: &str, instance: &str| {
        with(
            &base,
            &[
                (tags::SERIES_DESCRIPTION, VR::LO, description),
                (tags::SERIES_INSTANCE_UID, VR::UI, series),
                (tags::SOP_INSTANCE_UID, VR::UI, instance),
            ],
        )
    };
    let ap_series = "1.2.826.0.1.3680043.10.543.1.1";
    let lateral_series = "1.2.826.0.1.3680043.10.543.1.2";
    pacs.upload(view("KNEE AP", ap_series, "1.2.826.0.1.3680043.10.543.2.1"))
        .await;
    pacs.upload(view(
        "KNEE LAT",
        lateral_series,
        "1.2.826.0.1.3680043.10.543.2.2",
    ))
    .await;
    let manifest = write_manifest(
        dir.path(),
        "views.csv",
        &["v1,ACC-VIEWS,GCT,internal,34,F".to_string()],
    );
    let lateral = new_study(&app, "Lateral").await;
    let oblique = new_study(&app, "Oblique").await;
    let run = |study: i64, description: &str| {
        import_with(
            &app,
            study,
            &pacs.dicomweb(),
            &manifest,
            &["--series-description", description],
        )
    };

    let took_lateral = run(lateral, "*LAT*");
    let no_oblique = run(oblique, "*OBLIQUE*");

    assert!(
        took_lateral.status.success(),
        "{}",
        String::from_utf8_lossy(&took_lateral.stderr)
    );
    let secret = app
        .store()
        .await
        .derived_secret(&format!("dicom uids of study {lateral}"));
    let files = stored_files(&app, lateral);
    let obj = open(&std::fs::read(&files[0]).unwrap());
    assert_eq!(
        text(&obj, tags::SERIES_INSTANCE_UID),
        Some(UidMapper::new(&secret).map(lateral_series))
    );
    assert!(!no_oblique.status.success());
    let report = String::from_utf8_lossy(&no_oblique.stderr);
    assert!(
        report.contains("v1") && report.contains("OBLIQUE"),
        "{report}"
    );
}
