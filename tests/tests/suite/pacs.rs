//! Cases straight from a real PACS (Debian's Orthanc with its DICOMweb plugin), de-identified on
//! the way in (issue 19): phantom studies and the real CR fixture, each given a patient's
//! identity by the test, import through `lector import --dicomweb`; every stored file is read
//! back attribute by attribute; an unknown accession imports nothing and names its row; a PACS
//! that goes away mid-import leaves the study unchanged and the next run completes it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dicom_core::header::Header;
use dicom_core::value::PrimitiveValue;
use dicom_core::{DataElement, Tag, VR};
use dicom_dictionary_std::tags;
use dicom_object::mem::InMemDicomObject;
use dicom_object::{DefaultDicomObject, OpenFileOptions};
use imaging::deid::profile::rule_for;
use imaging::deid::{Action, Options, UidMapper};
use tests::orthanc::{Orthanc, PASSWORD, USER};
use tests::{lector_binary, TestApp};

pub(crate) fn lector(app: &TestApp, args: &[&str]) -> Output {
    Command::new(lector_binary())
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .args(["--database-url", &app.database_url])
        .args(args)
        .env("LECTOR_DICOMWEB_USER", USER)
        .env("LECTOR_DICOMWEB_PASSWORD", PASSWORD)
        .output()
        .expect("lector runs")
}

pub(crate) fn open(bytes: &[u8]) -> DefaultDicomObject {
    OpenFileOptions::new().from_reader(&bytes[128..]).unwrap()
}

pub(crate) fn text(obj: &InMemDicomObject, tag: Tag) -> Option<String> {
    obj.get(tag)
        .and_then(|e| e.to_str().ok())
        .map(|s| s.trim_end_matches(['\0', ' ']).to_string())
}

/// A hospital's file: `bytes` with a patient's identity, an accession and an institution.
pub(crate) fn identified(bytes: &[u8], accession: &str, n: usize) -> Vec<u8> {
    let mut obj = open(bytes);
    let mut put = |tag: Tag, vr: VR, value: &str| {
        obj.put(DataElement::new(tag, vr, PrimitiveValue::from(value)));
    };
    put(tags::PATIENT_NAME, VR::PN, &format!("Doe^Jane{n}"));
    put(tags::PATIENT_ID, VR::LO, &format!("MRN-{n:04}"));
    put(tags::PATIENT_BIRTH_DATE, VR::DA, "19800214");
    put(tags::PATIENT_AGE, VR::AS, "034Y");
    put(tags::PATIENT_SEX, VR::CS, "F");
    put(tags::ACCESSION_NUMBER, VR::SH, accession);
    put(tags::INSTITUTION_NAME, VR::LO, "St Elsewhere Hospital");
    put(tags::REFERRING_PHYSICIAN_NAME, VR::PN, "House^Gregory");
    put(Tag(0x0011, 0x0010), VR::LO, "ACME");
    put(Tag(0x0011, 0x1001), VR::LO, "Jane Doe, ward 7");
    let mut out = Vec::new();
    obj.write_all(&mut out).unwrap();
    out
}

/// Phantoms written by `lector synth`'s code, each sent to the PACS as its own study with
/// accession `ACC-<i>`, plus the real CR fixture as `ACC-RG3`; returns the manifest's rows
/// (`case_id,accession,truth,split,age,sex`) and the original study UIDs by case.
pub(crate) async fn load_pacs(
    pacs: &Orthanc,
    dir: &Path,
    phantoms: usize,
) -> (Vec<String>, Vec<(String, String)>) {
    let set = dir.join("set");
    imaging::synth::synthesize(
        &imaging::phantom::PhantomConfig::with_total(phantoms, 19),
        &set,
        |_, _| {},
    )
    .unwrap();
    let manifest = std::fs::read_to_string(set.join("manifest.csv")).unwrap();
    let mut rows = Vec::new();
    let mut studies = Vec::new();
    for (i, line) in manifest.lines().skip(1).enumerate() {
        // case_id,file,truth,age,sex,location,site,split
        let f: Vec<&str> = line.split(',').collect();
        let bytes = std::fs::read(set.join("dicom").join(format!("{}.dcm", f[0]))).unwrap();
        let file = identified(&bytes, &format!("ACC-{i}"), i);
        studies.push((
            f[0].to_string(),
            text(&open(&file), tags::STUDY_INSTANCE_UID).unwrap(),
        ));
        pacs.upload(file).await;
        rows.push(format!(
            "{},ACC-{i},{},{},{},{}",
            f[0], f[2], f[7], f[3], f[4]
        ));
    }
    let fixture = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/dicom/RG3_J2KR.dcm"
    ));
    let file = identified(&std::fs::read(fixture).unwrap(), "ACC-RG3", 99);
    studies.push((
        "rg3".into(),
        text(&open(&file), tags::STUDY_INSTANCE_UID).unwrap(),
    ));
    pacs.upload(file).await;
    rows.push("rg3,ACC-RG3,GCT,internal,34,F".into());
    (rows, studies)
}

pub(crate) fn write_manifest(dir: &Path, name: &str, rows: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "case_id,accession,truth,split,age,sex\n{}\n",
            rows.join("\n")
        ),
    )
    .unwrap();
    path
}

pub(crate) async fn new_study(app: &TestApp, name: &str) -> i64 {
    let created = lector(
        app,
        &[
            "study",
            "create",
            name,
            "--positive",
            "OS",
            "--negative",
            "GCT",
        ],
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let store = app.store().await;
    store
        .list_studies()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap()
        .id
}

pub(crate) fn import(app: &TestApp, study: i64, pacs: &str, manifest: &Path) -> Output {
    import_with(app, study, pacs, manifest, &[])
}

/// `lector import STUDY --dicomweb PACS --manifest CSV` with `extra` options after them.
pub(crate) fn import_with(
    app: &TestApp,
    study: i64,
    pacs: &str,
    manifest: &Path,
    extra: &[&str],
) -> Output {
    let study = study.to_string();
    let mut args = vec![
        "import",
        &study,
        "--dicomweb",
        pacs,
        "--manifest",
        manifest.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    lector(app, &args)
}

/// Every `original.dcm` stored for `study`.
pub(crate) fn stored_files(app: &TestApp, study: i64) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with("dicomweb-cache") {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n == "original.dcm") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &app.data_dir.path().join("studies").join(study.to_string()),
        &mut out,
    );
    out
}

/// Every element at every depth of `obj`.
fn elements(obj: &InMemDicomObject, out: &mut Vec<(Tag, VR, String)>) {
    for element in obj {
        out.push((
            element.tag(),
            element.vr(),
            element.to_str().map(|s| s.to_string()).unwrap_or_default(),
        ));
        for item in element.items().unwrap_or_default() {
            elements(item, out);
        }
    }
}

#[tokio::test]
async fn a_pacs_manifest_imports_de_identified_with_consistent_uids_and_the_patients_age_and_sex() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let pacs = Orthanc::start(&dir.path().join("pacs")).await;
    let (rows, originals) = load_pacs(&pacs, dir.path(), 6).await;
    let manifest = write_manifest(dir.path(), "cases.csv", &rows);
    let study = new_study(&app, "From the PACS").await;

    let imported = import(&app, study, &pacs.dicomweb(), &manifest);

    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let files = stored_files(&app, study);
    assert_eq!(files.len(), 7, "six phantoms and the CR fixture");
    let secret = app
        .store()
        .await
        .derived_secret(&format!("dicom uids of study {study}"));
    let uids = UidMapper::new(&secret);
    let kept = Options {
        keep_patient_characteristics: true,
        keep_descriptors: false,
    };
    let mut new_study_uids = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for identity in [
            "Doe",
            "MRN-",
            "ACC-",
            "Elsewhere",
            "House",
            "ACME",
            "19800214",
        ] {
            assert!(
                !bytes
                    .windows(identity.len())
                    .any(|w| w == identity.as_bytes()),
                "{identity} is still in {}",
                file.display()
            );
        }
        let obj = open(&bytes);
        let mut all = Vec::new();
        elements(&obj, &mut all);
        for (tag, vr, value) in &all {
            assert_eq!(
                tag.group() % 2,
                0,
                "private {tag} kept in {}",
                file.display()
            );
            let code = (u32::from(tag.group()) << 16) | u32::from(tag.element());
            let Some(rule) = rule_for(code) else { continue };
            match rule.action(kept) {
                Action::Remove => panic!("{} {tag} kept in {}", rule.name, file.display()),
                Action::Empty if *vr != VR::SQ => assert!(
                    value.trim_end_matches(['\0', ' ']).is_empty(),
                    "{} = {value}",
                    rule.name
                ),
                Action::Uid if *vr == VR::UI => {
                    assert!(value.starts_with("2.25."), "{} = {value}", rule.name)
                }
                _ => {}
            }
        }
        assert_eq!(text(&obj, tags::PATIENT_AGE).as_deref(), Some("034Y"));
        assert_eq!(text(&obj, tags::PATIENT_SEX).as_deref(), Some("F"));
        assert_eq!(
            text(&obj, tags::PATIENT_IDENTITY_REMOVED).as_deref(),
            Some("YES")
        );
        new_study_uids.push(text(&obj, tags::STUDY_INSTANCE_UID).unwrap());
    }
    for (_, original) in &originals {
        assert!(
            new_study_uids.contains(&uids.map(original)),
            "the study's UID of {original} replaced consistently"
        );
    }
}

#[tokio::test]
async fn an_unknown_accession_imports_nothing_and_a_pacs_gone_mid_import_is_resumed_by_the_next_run(
) {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let pacs_dir = dir.path().join("pacs");
    let mut pacs = Orthanc::start(&pacs_dir).await;
    let (rows, _) = load_pacs(&pacs, dir.path(), 4).await;
    let study = new_study(&app, "Resumed").await;
    let mut with_unknown = rows[..3].to_vec();
    with_unknown.push("ghost,ACC-NOPE,OS,internal,50,M".into());
    let bad = write_manifest(dir.path(), "bad.csv", &with_unknown);
    let all = write_manifest(dir.path(), "all.csv", &rows);

    let refused = import(&app, study, &pacs.dicomweb(), &bad);
    let after_refusal = stored_files(&app, study).len();
    // The PACS goes away with three of the five instances fetched (kept, de-identified, in the
    // study's cache): the run that needs the other two fails and changes nothing.
    pacs.kill();
    let cut_off = import(&app, study, &pacs.dicomweb(), &all);
    let after_cut = app.store().await.list_cases(study).await.unwrap().len();
    let pacs = Orthanc::start(&pacs_dir).await;
    let resumed = import(&app, study, &pacs.dicomweb(), &all);

    assert!(!refused.status.success());
    let report = String::from_utf8_lossy(&refused.stderr);
    assert!(
        report.contains("row 5") || report.contains("row 5\t") || report.contains("5\tghost"),
        "{report}"
    );
    assert!(report.contains("ACC-NOPE"), "{report}");
    assert_eq!(after_refusal, 0, "nothing is imported");
    assert!(!cut_off.status.success());
    assert!(
        String::from_utf8_lossy(&cut_off.stderr).contains("did not answer"),
        "{}",
        String::from_utf8_lossy(&cut_off.stderr)
    );
    assert_eq!(after_cut, 0, "the study is unchanged");
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let cases = app.store().await.list_cases(study).await.unwrap();
    assert_eq!(cases.len(), rows.len(), "every row once, no duplicates");
    assert!(!app
        .data_dir
        .path()
        .join("studies")
        .join(study.to_string())
        .join("dicomweb-cache")
        .exists());
}

/// The Cases page's form: `cases/import_pacs` with the manifest as its file and a modality.
async fn post_pacs_form(
    app: &TestApp,
    client: &reqwest::Client,
    study: i64,
    modality: &str,
    manifest: String,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("study_id", study.to_string())
        .text("modality", modality.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(manifest.into_bytes()).file_name("cases.csv"),
        );
    client
        .post(format!("{}/api/cases/import_pacs", app.address))
        .header(reqwest::header::ORIGIN, &app.address)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_coordinator_imports_from_the_configured_pacs_on_the_cases_page_and_a_reader_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let pacs = Orthanc::start(&dir.path().join("pacs")).await;
    let (rows, _) = load_pacs(&pacs, dir.path(), 3).await;
    let root = pacs.dicomweb();
    let app = TestApp::spawn_with(move |config| {
        config.dicomweb = Some(app::ssr::dicomweb::Pacs {
            base: root,
            auth: app::ssr::dicomweb::Auth::Basic {
                user: USER.into(),
                password: PASSWORD.into(),
            },
            modality: None,
            series_description: None,
        });
    })
    .await;
    app.create_user(
        store::Role::Coordinator,
        "coord@pacs.example",
        tests::study::PASSWORD,
    )
    .await;
    app.create_user(
        store::Role::Reader,
        "reader@pacs.example",
        tests::study::PASSWORD,
    )
    .await;
    let coordinator = app
        .sign_in("coord@pacs.example", tests::study::PASSWORD)
        .await;
    let reader = app
        .sign_in("reader@pacs.example", tests::study::PASSWORD)
        .await;
    let study: serde_json::Value = tests::api::post_json(
        &app,
        &coordinator,
        "studies/create",
        serde_json::json!({ "form": tests::study::form("Page PACS") }),
    )
    .await
    .json()
    .await
    .unwrap();
    let study = study["id"].as_i64().unwrap();
    let manifest = format!(
        "case_id,accession,truth,split,age,sex\n{}\n",
        rows.join("\n")
    );

    let host: serde_json::Value =
        tests::api::post_json(&app, &coordinator, "cases/pacs", serde_json::json!({}))
            .await
            .json()
            .await
            .unwrap();
    let bad_modality = post_pacs_form(&app, &coordinator, study, "cr&x=1", manifest.clone()).await;
    let as_reader = post_pacs_form(&app, &reader, study, "CR", manifest.clone()).await;
    let imported = post_pacs_form(&app, &coordinator, study, "CR", manifest).await;

    assert_eq!(host, serde_json::json!(format!("127.0.0.1:{}", pacs.port)));
    assert!(
        bad_modality.status().is_client_error(),
        "{}",
        bad_modality.status()
    );
    assert_eq!(as_reader.status(), 403);
    let report: serde_json::Value = imported.json().await.unwrap();
    assert_eq!(report["accepted"], true, "{report}");
    assert_eq!(report["imported"], rows.len());
    assert!(report["key"].is_null(), "no key unless asked for");
    assert_eq!(stored_files(&app, study).len(), rows.len());
}

#[tokio::test]
async fn a_reference_with_a_wildcard_is_a_row_problem_not_whichever_study_matches_first() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let pacs = Orthanc::start(&dir.path().join("pacs")).await;
    load_pacs(&pacs, dir.path(), 2).await;
    let study = new_study(&app, "Wildcards").await;
    let manifest = write_manifest(
        dir.path(),
        "wild.csv",
        &["w1,ACC-*,OS,internal,40,F".to_string()],
    );

    let refused = import(&app, study, &pacs.dicomweb(), &manifest);

    let report = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        report.contains("w1") && report.contains("wildcard"),
        "{report}"
    );
    assert!(stored_files(&app, study).is_empty());
}
