//! Study management through the running server, on SQLite and PostgreSQL: a bad zip leaves the
//! database and the data directory as they were, the settings lock with the first read, the case
//! orders export, and `lector audit verify` finds an edited row.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use tests::study::{form, phantom_zip, study_with_settings, PASSWORD};
use tests::{api, lector_binary, on_both_backends, TestApp};

/// Every file under the data directory except the database itself, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(next).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("lector.db")
            {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// A coordinator's client and a study with `n` imported phantom cases.
async fn study_with_cases(app: &TestApp, n: usize) -> (reqwest::Client, i64) {
    study_with_settings(app, n, form("Knee")).await
}

async fn a_bad_zip_leaves_the_database_and_the_data_directory_unchanged(app: &TestApp) {
    let (coordinator, study) = study_with_cases(app, 6).await;
    let cases_before = app.store().await.case_ids(study).await.unwrap();
    let files_before = files(app.data_dir.path());

    let report: Value = api::post_zip(app, &coordinator, study, phantom_zip(8, true))
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(report["accepted"], false);
    assert!(
        report["problems"].as_array().unwrap().len() >= 2,
        "{report}"
    );
    assert_eq!(
        app.store().await.case_ids(study).await.unwrap(),
        cases_before
    );
    assert_eq!(files(app.data_dir.path()), files_before);
}

async fn the_settings_lock_once_the_first_read_is_saved(app: &TestApp) {
    let (coordinator, study) = study_with_cases(app, 12).await;
    app.create_user(store::Role::Reader, "reader@x.example", PASSWORD)
        .await;
    let enrol = json!({ "study_id": study, "readers": [{ "name": "R", "email": "reader@x.example",
        "hospital": "H1", "years_experience": 3, "seniority_override": null }] });
    assert!(api::post_json(app, &coordinator, "readers/enrol", enrol)
        .await
        .status()
        .is_success());
    let reader = app.sign_in("reader@x.example", PASSWORD).await;
    let state: Value = api::post_json(
        app,
        &reader,
        "reading/state",
        json!({ "study_id": study, "session": 1 }),
    )
    .await
    .json()
    .await
    .unwrap();
    let case = &state["case"];
    assert!(
        case["truth"].is_null() && !state.to_string().contains("truth_label"),
        "no truth reaches a reader"
    );
    let submit = json!({ "study_id": study, "session": 1, "read": { "case_ref": case["case_ref"],
        "stage": case["stage"], "call_positive": true, "score": 70, "active_ms": 4000,
        "interactions": "[]", "idempotency_key": "first" } });
    assert!(api::post_json(app, &reader, "reading/submit", submit)
        .await
        .status()
        .is_success());

    let change = api::post_json(
        app,
        &coordinator,
        "studies/update",
        json!({ "study_id": study, "form": form("Knee 2") }),
    )
    .await
    .text()
    .await
    .unwrap();
    let again = api::post_zip(app, &coordinator, study, phantom_zip(4, false))
        .await
        .text()
        .await
        .unwrap();

    assert!(
        change.contains("locked because reading has begun"),
        "{change}"
    );
    assert!(again.contains("once reading has begun"), "{again}");
}

async fn the_case_orders_export_for_coordinators_only(app: &TestApp) {
    let (coordinator, study) = study_with_cases(app, 10).await;
    let enrol = json!({ "study_id": study, "readers": [
        { "name": "A", "email": "a@x.example", "hospital": "H1", "years_experience": 3, "seniority_override": null },
        { "name": "B", "email": "b@x.example", "hospital": "H2", "years_experience": 12, "seniority_override": null }] });
    assert!(api::post_json(app, &coordinator, "readers/enrol", enrol)
        .await
        .status()
        .is_success());
    let url = format!("{}/studies/{study}/orders.csv", app.address);

    let csv = coordinator
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let anonymous = reqwest::get(&url).await.unwrap().status();

    let rows: Vec<&str> = csv.lines().skip(1).collect();
    let read_cases = app
        .store()
        .await
        .list_cases(study)
        .await
        .unwrap()
        .iter()
        .filter(|c| c.case.split.is_test())
        .count();
    assert!(
        csv.starts_with("reader_email,reader_name,seniority,group,session,mode,position,case_id")
    );
    assert_eq!(rows.len(), 2 * 2 * read_cases, "two readers, two sessions");
    assert_eq!(anonymous, reqwest::StatusCode::UNAUTHORIZED);
}

async fn audit_verify_finds_an_edited_row(app: &TestApp) {
    let (_coordinator, _study) = study_with_cases(app, 4).await;
    let verify = || {
        Command::new(lector_binary())
            .args([
                "--data-dir",
                &app.data_dir.path().display().to_string(),
                "--database-url",
                &app.database_url,
            ])
            .args(["audit", "verify"])
            .env("LECTOR_LOG", "warn")
            .output()
            .unwrap()
    };
    let intact = verify();
    assert!(
        intact.status.success(),
        "{}",
        String::from_utf8_lossy(&intact.stderr)
    );

    let store = app.store().await;
    let second = store.audit_trail().await.unwrap()[1].seq;
    tests::sql::execute(
        &app.database_url,
        &format!("UPDATE audit_log SET actor = 'someone else' WHERE seq = {second}"),
    )
    .await;
    let broken = verify();

    assert!(!broken.status.success());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains(&format!("broken at row {second}")),
        "{stderr}"
    );
}

/// Going back is allowed only by a study that says so; a correction is a new read that
/// supersedes the earlier one, the history is kept, and the progress does not count it twice.
async fn a_correction_supersedes_the_earlier_read_and_keeps_it(app: &TestApp) {
    let mut settings = form("Knee back");
    settings["back_navigation"] = json!("within_session");
    let (coordinator, study) = study_with_settings(app, 12, settings).await;
    app.create_user(store::Role::Reader, "reader@x.example", PASSWORD)
        .await;
    let enrol = json!({ "study_id": study, "readers": [{ "name": "R", "email": "reader@x.example",
        "hospital": "H1", "years_experience": 3, "seniority_override": null }] });
    assert!(api::post_json(app, &coordinator, "readers/enrol", enrol)
        .await
        .status()
        .is_success());
    let reader = app.sign_in("reader@x.example", PASSWORD).await;
    let submit = |case: &Value, key: &str, positive: bool| {
        json!({ "study_id": study, "session": 1, "read": { "case_ref": case["case_ref"], "stage": case["stage"],
            "call_positive": positive, "score": 60, "active_ms": 3000, "interactions": "[]", "idempotency_key": key } })
    };
    let post = |endpoint: &'static str, body: Value| {
        let reader = reader.clone();
        async move {
            api::post_json(app, &reader, endpoint, body)
                .await
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let first = post("reading/state", json!({ "study_id": study, "session": 1 })).await;
    let after_one = post("reading/submit", submit(&first["case"], "k1", true)).await;
    post(
        "reading/submit",
        submit(&after_one["next"]["case"], "k2", true),
    )
    .await;

    let back = post(
        "reading/review",
        json!({ "study_id": study, "session": 1, "position": 1 }),
    )
    .await;
    assert_eq!(
        back["case"]["case_ref"], first["case"]["case_ref"],
        "{back}"
    );
    assert_eq!(back["case"]["correcting"], json!([true, 60]));
    let corrected = post("reading/submit", submit(&back["case"], "k3", false)).await;

    assert_eq!(
        corrected["next"]["done"], 2,
        "the correction is not a third read: {corrected}"
    );
    let store = app.store().await;
    let reader_id = store.list_readers(study).await.unwrap()[0].id;
    let reads = store.reads_of(reader_id, 1).await.unwrap();
    assert_eq!(reads.len(), 3, "the earlier rating is kept");
    assert_eq!(reads[2].read.supersedes, Some(reads[0].id));
    assert!(!reads[2].read.call_positive);
}

/// Without the setting, going back is refused.
async fn going_back_is_refused_unless_the_study_allows_it(app: &TestApp) {
    let (coordinator, study) = study_with_cases(app, 8).await;
    app.create_user(store::Role::Reader, "reader@x.example", PASSWORD)
        .await;
    let enrol = json!({ "study_id": study, "readers": [{ "name": "R", "email": "reader@x.example",
        "hospital": "H1", "years_experience": 3, "seniority_override": null }] });
    assert!(api::post_json(app, &coordinator, "readers/enrol", enrol)
        .await
        .status()
        .is_success());
    let reader = app.sign_in("reader@x.example", PASSWORD).await;

    let refused = api::post_json(
        app,
        &reader,
        "reading/review",
        json!({ "study_id": study, "session": 1, "position": 1 }),
    )
    .await
    .text()
    .await
    .unwrap();

    assert!(
        refused.contains("does not let readers go back"),
        "{refused}"
    );
}

on_both_backends!(
    a_bad_zip_leaves_the_database_and_the_data_directory_unchanged,
    the_settings_lock_once_the_first_read_is_saved,
    the_case_orders_export_for_coordinators_only,
    audit_verify_finds_an_edited_row,
    a_correction_supersedes_the_earlier_read_and_keeps_it,
    going_back_is_refused_unless_the_study_allows_it,
);
