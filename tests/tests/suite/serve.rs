//! `lector serve`: health, the home page, the error page, on both database backends.

use store::{NewStudy, ReadingDesign};
use tests::postgres::TestDatabase;
use tests::TestApp;

fn knee_study() -> NewStudy {
    NewStudy::new("Knee OS vs GCT", "OS", "GCT", ReadingDesign::Crossover)
}

async fn assert_health_and_home(app: &TestApp, database: &str) {
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    let body: serde_json::Value = health.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], database);

    let anonymous = app.get("/").await.text().await.unwrap();
    assert!(
        anonymous.contains("Welcome to Lector") && !anonymous.contains("Knee OS vs GCT"),
        "a visitor who is not signed in is asked to sign in and sees no study"
    );

    let id = app
        .create_user(
            store::Role::Coordinator,
            "coord@x.example",
            "a long password",
        )
        .await;
    let coordinator = app.sign_in("coord@x.example", "a long password").await;
    let home = |client: reqwest::Client| async move {
        let url = format!("{}/", app.address);
        client.get(url).send().await.unwrap().text().await.unwrap()
    };
    assert!(
        home(coordinator.clone()).await.contains("No studies yet"),
        "the empty state explains how to start"
    );
    app.store()
        .await
        .create_study(&knee_study(), Some(id))
        .await
        .unwrap();
    let listed = home(coordinator).await;
    assert!(listed.contains("Knee OS vs GCT"));
    assert!(!listed.contains("No studies yet"));
}

#[tokio::test]
async fn health_and_home_page_work_on_sqlite() {
    let app = TestApp::spawn().await;
    assert_health_and_home(&app, "sqlite").await;
}

#[tokio::test]
async fn health_and_home_page_work_on_postgres() {
    let db = TestDatabase::create().await;
    let app = TestApp::spawn_with_database(Some(db.url.clone())).await;

    assert_health_and_home(&app, "postgres").await;

    drop(app);
    db.drop_database().await;
}

#[tokio::test]
async fn the_home_page_loads_the_browser_bundle_for_hydration() {
    let app = TestApp::spawn().await;

    let html = app.get("/").await.text().await.unwrap();

    // scripts/build.sh names the bundle by its content; a site root without it serves the
    // plain name.
    let name = std::fs::read_to_string(tests::site_root().join("pkg/bundle.txt"))
        .map_or_else(|_| "lector".to_string(), |n| n.trim().to_string());
    assert!(
        html.contains(&format!("/pkg/{name}.js")),
        "the page imports the hydration script"
    );
    assert!(html.contains(&format!("/pkg/{name}.css")));
}

#[tokio::test]
async fn an_unknown_address_gets_the_error_page_with_status_404() {
    let app = TestApp::spawn().await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}
