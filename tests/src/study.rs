//! Arranging a study through the running server as a coordinator would: phantom cases as a
//! zip, the settings form, enrolled readers, and a reader reading a whole session.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use crate::{api, TestApp};

/// The password every arranged account signs in with.
pub const PASSWORD: &str = "a long enough password";

/// A zip of `n` phantom cases (the `lector synth` layout inside one top-level folder); with
/// `corrupt`, one row repeated and one image missing.
pub fn phantom_zip(n: usize, corrupt: bool) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("phantoms");
    imaging::synth::synthesize(
        &imaging::phantom::PhantomConfig::with_total(n, 9),
        &set,
        |_, _| {},
    )
    .unwrap();
    if corrupt {
        let manifest = set.join("manifest.csv");
        let text = std::fs::read_to_string(&manifest).unwrap();
        let repeated = text.lines().nth(1).unwrap().to_string();
        std::fs::write(&manifest, format!("{text}{repeated}\n")).unwrap();
        let image = std::fs::read_dir(set.join("images"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::fs::remove_file(image).unwrap();
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for folder in ["", "images", "masks", "dicom"] {
        let Ok(entries) = std::fs::read_dir(set.join(folder)) else {
            continue;
        };
        for entry in entries.flatten().filter(|e| e.path().is_file()) {
            let name = Path::new("phantoms").join(folder).join(entry.file_name());
            zip.start_file(name.to_string_lossy(), options).unwrap();
            zip.write_all(&std::fs::read(entry.path()).unwrap())
                .unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

/// The new-study form: a crossover study of the internal and external splits, no practice,
/// no going back.
pub fn form(name: &str) -> Value {
    json!({ "name": name, "positive_label": "OS", "negative_label": "GCT", "design": "crossover",
            "rating_scale": "confidence", "washout_days": 28, "read_splits": ["internal", "external"],
            "practice_cases": 0, "seed": 3, "back_navigation": "none", "show_clinical": true,
            "junior_max_years": 5, "intermediate_max_years": 10, "default_locale": "en" })
}

/// A coordinator's client (`coord@x.example`) and a study with the given settings and `n`
/// imported phantom cases.
pub async fn study_with_settings(
    app: &TestApp,
    n: usize,
    settings: Value,
) -> (reqwest::Client, i64) {
    app.create_user(store::Role::Coordinator, "coord@x.example", PASSWORD)
        .await;
    let coordinator = app.sign_in("coord@x.example", PASSWORD).await;
    let study: Value = api::post_json(
        app,
        &coordinator,
        "studies/create",
        json!({ "form": settings }),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = study["id"].as_i64().unwrap();
    let report: Value = api::post_zip(app, &coordinator, id, phantom_zip(n, false))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["accepted"], true, "{report}");
    (coordinator, id)
}

/// Creates reader accounts `emails` (junior, 3 years) and enrols them in the study.
pub async fn enrol_readers(
    app: &TestApp,
    coordinator: &reqwest::Client,
    study: i64,
    emails: &[&str],
) {
    let mut readers = Vec::new();
    for email in emails {
        app.create_user(store::Role::Reader, email, PASSWORD).await;
        readers.push(json!({ "name": email, "email": email, "hospital": "H1",
                             "years_experience": 3, "seniority_override": null }));
    }
    let response = api::post_json(
        app,
        coordinator,
        "readers/enrol",
        json!({ "study_id": study, "readers": readers }),
    )
    .await;
    assert!(
        response.status().is_success(),
        "{}",
        response.text().await.unwrap_or_default()
    );
}

/// A submission body for the case of a `reading/state` answer.
pub fn submission(study: i64, session: i64, case: &Value, key: &str, score: i64) -> Value {
    json!({ "study_id": study, "session": session, "read": { "case_ref": case["case_ref"],
        "stage": case["stage"], "call_positive": score >= 50, "score": score, "active_ms": 3000,
        "interactions": "[]", "idempotency_key": key } })
}

/// Reads every remaining case of a session as the page would; returns the last answer.
pub async fn read_whole_session(
    app: &TestApp,
    reader: &reqwest::Client,
    study: i64,
    session: i64,
) -> Value {
    let mut state: Value = api::post_json(
        app,
        reader,
        "reading/state",
        json!({ "study_id": study, "session": session }),
    )
    .await
    .json()
    .await
    .unwrap();
    let mut n = 0;
    while !state["case"].is_null() {
        n += 1;
        let body = submission(
            study,
            session,
            &state["case"],
            &format!("s{session}-{n}"),
            70,
        );
        let outcome: Value = api::post_json(app, reader, "reading/submit", body)
            .await
            .json()
            .await
            .unwrap();
        state = outcome["next"].clone();
        assert!(state.is_object(), "the submit failed: {outcome}");
    }
    state
}
