//! A refusal answers with the status that names it — 401 not signed in, 403 not allowed, 404
//! no such thing, 422 not doable as asked — from server functions and downloads alike, never a
//! blanket 500 or 403; on SQLite and on PostgreSQL.

use serde_json::{json, Value};
use tests::study::{form, PASSWORD};
use tests::{api, on_both_backends, TestApp};

const NO_SUCH_STUDY: i64 = 999_999;

/// Clients for an admin, a coordinator (with a study) and a reader, and that study's id.
async fn people(app: &TestApp) -> (reqwest::Client, reqwest::Client, reqwest::Client, i64) {
    app.create_user(store::Role::Admin, "admin@x.example", PASSWORD)
        .await;
    app.create_user(store::Role::Coordinator, "coord@x.example", PASSWORD)
        .await;
    app.create_user(store::Role::Reader, "reader@x.example", PASSWORD)
        .await;
    let admin = app.sign_in("admin@x.example", PASSWORD).await;
    let coordinator = app.sign_in("coord@x.example", PASSWORD).await;
    let reader = app.sign_in("reader@x.example", PASSWORD).await;
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
    (admin, coordinator, reader, id)
}

async fn each_refusal_of_a_server_function_has_its_own_status(app: &TestApp) {
    let (admin, coordinator, reader, _) = people(app).await;
    let create = json!({ "form": form("Knee") });
    let nobody = reqwest::Client::new();

    let anonymous = api::post_json(app, &nobody, "studies/create", create.clone());
    let as_reader = api::post_json(app, &reader, "studies/create", create.clone());
    let missing = api::post_json(
        app,
        &admin,
        "studies/detail",
        json!({ "study_id": NO_SUCH_STUDY }),
    );
    let duplicate = api::post_json(app, &coordinator, "studies/create", create.clone());

    assert_eq!(anonymous.await.status(), 401);
    assert_eq!(as_reader.await.status(), 403);
    assert_eq!(missing.await.status(), 404);
    let duplicate = duplicate.await;
    assert_eq!(duplicate.status(), 422);
    let error: Value = duplicate.json().await.unwrap();
    assert!(
        error.get("Invalid").is_some(),
        "the body is still the error: {error}"
    );
}

async fn downloads_refuse_with_their_own_status(app: &TestApp) {
    let (admin, _, reader, study) = people(app).await;
    let nobody = reqwest::Client::new();
    let get = |client: &reqwest::Client, path: String| {
        client.get(format!("{}{path}", app.address)).send()
    };

    let anonymous = get(&nobody, format!("/studies/{study}/orders.csv"));
    let as_reader = get(&reader, format!("/studies/{study}/orders.csv"));
    let missing_orders = get(&admin, format!("/studies/{NO_SUCH_STUDY}/orders.csv"));
    let missing_export = get(&admin, format!("/studies/{NO_SUCH_STUDY}/export/reads.csv"));

    assert_eq!(anonymous.await.unwrap().status(), 401);
    assert_eq!(as_reader.await.unwrap().status(), 403);
    assert_eq!(missing_orders.await.unwrap().status(), 404);
    assert_eq!(missing_export.await.unwrap().status(), 404);
}

on_both_backends!(
    each_refusal_of_a_server_function_has_its_own_status,
    downloads_refuse_with_their_own_status
);
