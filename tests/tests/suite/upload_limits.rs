//! How much of a request body the server reads, and for whom: a reader's case-zip upload is
//! refused before its body is read; a coordinator's is streamed to disk and cut off at the cap
//! with 413, importing nothing; and every other route refuses a body over 2 MiB with 413,
//! whether or not it announced its length. On SQLite and PostgreSQL (the over-size import, whose
//! server is configured with a small cap, on SQLite).

use serde_json::{json, Value};
use tests::raw_http::{self, zip_upload, Length};
use tests::study::{form, phantom_zip, PASSWORD};
use tests::{api, on_both_backends, TestApp};

const IMPORT: &str = "/api/cases/import_zip";

/// Signs in and returns the `Cookie` header value that carries the session.
async fn session_cookie(app: &TestApp, email: &str) -> String {
    let response = app
        .call(
            &reqwest::Client::new(),
            "/api/auth/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await;
    assert!(response.status().is_success(), "{email} signs in");
    let cookie = response
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .expect("signing in sets the session cookie");
    cookie.split(';').next().unwrap_or_default().to_string()
}

/// A study made by a coordinator (who is returned signed in, with their cookie).
async fn study(app: &TestApp) -> (i64, String) {
    app.create_user(store::Role::Coordinator, "coord@x.example", PASSWORD)
        .await;
    let coordinator = app.sign_in("coord@x.example", PASSWORD).await;
    let study: Value = api::post_json(
        app,
        &coordinator,
        "studies/create",
        json!({ "form": form("Knee") }),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = study["id"].as_i64().expect("the study was created");
    (id, session_cookie(app, "coord@x.example").await)
}

/// Files left under `<data dir>/tmp`.
fn leftovers(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir.path().join("tmp")).map_or(0, |dir| dir.count())
}

async fn a_coordinators_upload_under_the_cap_is_imported_from_disk_and_the_file_removed(
    app: &TestApp,
) {
    let (study, _) = study(app).await;
    let coordinator = app.sign_in("coord@x.example", PASSWORD).await;

    let response = api::post_zip(app, &coordinator, study, phantom_zip(4, false)).await;

    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["accepted"], true, "{report}");
    assert_eq!(app.store().await.case_ids(study).await.unwrap().len(), 4);
    assert_eq!(leftovers(app), 0);
}

async fn a_readers_upload_is_refused_before_its_body_is_read(app: &TestApp) {
    let (study, _) = study(app).await;
    app.create_user(store::Role::Reader, "reader@x.example", PASSWORD)
        .await;
    let reader = session_cookie(app, "reader@x.example").await;
    let (start, boundary) = zip_upload(study, 1024);
    let announced: u64 = 1 << 30;

    let answer = raw_http::post(
        &app.address,
        IMPORT,
        &[
            ("Cookie", reader),
            (
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            ),
        ],
        Length::Declared(announced),
        start,
    )
    .await;

    assert_eq!(answer.status, 403, "{}", answer.head);
    assert!(app.store().await.case_ids(study).await.unwrap().is_empty());
    assert_eq!(leftovers(app), 0);
}

#[tokio::test]
async fn a_coordinators_over_size_upload_gets_413_and_imports_nothing() {
    let app = TestApp::spawn_with(|config| config.max_upload_bytes = 64 * 1024).await;
    let (study, coordinator) = study(&app).await;
    let (body, boundary) = zip_upload(study, 1 << 20);

    let answer = raw_http::post(
        &app.address,
        IMPORT,
        &[
            ("Cookie", coordinator),
            (
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            ),
        ],
        Length::Declared(body.len() as u64),
        body,
    )
    .await;

    assert_eq!(answer.status, 413, "{}", answer.head);
    assert!(app.store().await.case_ids(study).await.unwrap().is_empty());
    assert_eq!(leftovers(&app), 0, "the partial upload was removed");
}

async fn an_upload_over_the_general_body_limit_but_under_its_cap_is_read_whole(app: &TestApp) {
    let (study, coordinator) = study(app).await;
    let (body, boundary) = zip_upload(study, 3 << 20);

    let answer = raw_http::post(
        &app.address,
        IMPORT,
        &[
            ("Cookie", coordinator),
            (
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            ),
        ],
        Length::Declared(body.len() as u64),
        body,
    )
    .await;

    // Filler is not a zip: the import reads it and rejects it, but no limit refuses it.
    assert!(
        answer.status != 413 && answer.status < 500,
        "{}",
        answer.head
    );
    assert_eq!(leftovers(app), 0);
}

async fn an_upload_that_names_no_study_before_its_file_is_not_read(app: &TestApp) {
    study(app).await;
    let client = app.sign_in("coord@x.example", PASSWORD).await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![b'x'; 1024]).file_name("cases.zip"),
    );

    let response = client
        .post(format!("{}{IMPORT}", app.address))
        .header(reqwest::header::ORIGIN, &app.address)
        .multipart(form)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 422);
    assert_eq!(leftovers(app), 0);
}

async fn an_over_size_body_to_a_server_function_gets_413_before_it_is_read(app: &TestApp) {
    let answer = raw_http::post(
        &app.address,
        "/api/auth/me",
        &[(
            "Content-Type",
            "application/x-www-form-urlencoded".to_string(),
        )],
        Length::Declared(3 << 20),
        Vec::new(),
    )
    .await;

    assert_eq!(answer.status, 413, "{}", answer.head);
}

async fn an_over_size_body_sent_without_a_length_gets_413_too(app: &TestApp) {
    let (_, coordinator) = study(app).await;
    let padding = "x".repeat(3 << 20);
    let body = serde_json::to_vec(&json!({ "form": form(&padding) })).unwrap();

    let answer = raw_http::post(
        &app.address,
        "/api/studies/create",
        &[
            ("Cookie", coordinator),
            ("Content-Type", "application/json".to_string()),
        ],
        Length::Chunked,
        body,
    )
    .await;

    assert_eq!(answer.status, 413, "{}", answer.head);
    assert_eq!(app.store().await.list_studies().await.unwrap().len(), 1);
}

on_both_backends!(
    a_coordinators_upload_under_the_cap_is_imported_from_disk_and_the_file_removed,
    a_readers_upload_is_refused_before_its_body_is_read,
    an_upload_over_the_general_body_limit_but_under_its_cap_is_read_whole,
    an_upload_that_names_no_study_before_its_file_is_not_read,
    an_over_size_body_to_a_server_function_gets_413_before_it_is_read,
    an_over_size_body_sent_without_a_length_gets_413_too,
);
