//! The viewer's full-depth samples over raw HTTP (issue 16): `GET /images/cases/ID/pixels`
//! gives a reader the samples of the case on their screen, as large as the original, and the
//! same refusal as the other images for anything else: a case outside the session being read,
//! or no account at all.

use serde_json::Value;
use tests::study::{enrol_readers, form, study_with_settings, PASSWORD};
use tests::{api, TestApp};

async fn pixels(app: &TestApp, client: &reqwest::Client, case: i64) -> (u16, Vec<u8>) {
    let response = client
        .get(format!("{}/images/cases/{case}/pixels", app.address))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_reader_gets_the_full_depth_samples_of_the_case_on_screen_and_of_no_other() {
    let app = TestApp::spawn().await;
    let (coordinator, study) = study_with_settings(&app, 16, form("Pixels")).await;
    enrol_readers(&app, &coordinator, study, &["r1@x.example"]).await;
    let reader = app.sign_in("r1@x.example", PASSWORD).await;
    let state: Value = api::post_json(
        &app,
        &reader,
        "reading/state",
        serde_json::json!({ "study_id": study, "session": 1 }),
    )
    .await
    .json()
    .await
    .unwrap();
    let on_screen = state["case"]["case_ref"].as_i64().unwrap();
    let store = app.store().await;
    let cases = store.list_cases(study).await.unwrap();
    let shown = cases.iter().find(|c| c.id == on_screen).unwrap();
    let never_read = cases
        .iter()
        .find(|c| c.case.split == vocab::Split::Train)
        .expect("a training case, which no reader reads");

    let (status, body) = pixels(&app, &reader, on_screen).await;
    let (other, _) = pixels(&app, &reader, never_read.id).await;
    let (anonymous, _) = pixels(&app, &reqwest::Client::new(), on_screen).await;
    let (as_coordinator, _) = pixels(&app, &coordinator, never_read.id).await;

    assert_eq!(status, 200);
    let decoded = app::domain::pixels::decode(&body).expect("an LPX1 body");
    assert_eq!(
        (
            i64::from(decoded.image.width),
            i64::from(decoded.image.height)
        ),
        (shown.case.width, shown.case.height)
    );
    assert_eq!(
        state["case"]["pixels_url"],
        format!("/images/cases/{on_screen}/pixels")
    );
    assert_eq!(other, 404, "refused like a missing case");
    assert_eq!(anonymous, 401);
    assert_eq!(as_coordinator, 200);
}
