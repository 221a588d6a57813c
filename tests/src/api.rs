//! Calling JSON and multipart server functions the way the pages do (with the site's Origin).

use crate::TestApp;

/// POSTs a JSON body to `/api/<endpoint>`.
pub async fn post_json(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(reqwest::header::ORIGIN, &app.address)
        .json(&body)
        .send()
        .await
        .expect("the request is sent")
}

/// Uploads `zip` to a study's import, as the cases page does.
pub async fn post_zip(
    app: &TestApp,
    client: &reqwest::Client,
    study_id: i64,
    zip: Vec<u8>,
) -> reqwest::Response {
    post_file(app, client, "cases/import_zip", study_id, zip).await
}

/// Sends `bytes` as the `file` of a multipart server function, after the `study_id` field,
/// as the cases page's forms do.
pub async fn post_file(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    study_id: i64,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("study_id", study_id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("cases.zip"),
        );
    client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(reqwest::header::ORIGIN, &app.address)
        .multipart(form)
        .send()
        .await
        .expect("the request is sent")
}
