//! The role × endpoint matrix: every server function, called as anonymous, a reader of another
//! study, a reader of the study, a coordinator of another study, the study's coordinator and an
//! admin, allows exactly what it should — on SQLite and on PostgreSQL. A server function added
//! without a row here fails `every_server_function_is_in_the_matrix`.

use serde_json::{json, Value};
use tests::postgres::TestDatabase;
use tests::TestApp;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    OtherReader,
    Reader,
    OtherCoordinator,
    Coordinator,
    Admin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::OtherReader,
    Who::Reader,
    Who::OtherCoordinator,
    Who::Coordinator,
    Who::Admin,
];

/// Who may call it.
#[derive(Clone, Copy)]
enum Rule {
    /// The study's coordinators and admins.
    StudyCoordinators,
    /// Any coordinator or admin.
    Coordinators,
    /// Anyone signed in.
    SignedIn,
    /// Admins only.
    Admins,
    /// The study's readers only.
    StudyReaders,
}

impl Rule {
    fn allows(self, who: Who) -> bool {
        match self {
            Rule::StudyCoordinators => matches!(who, Who::Coordinator | Who::Admin),
            Rule::Coordinators => {
                matches!(who, Who::Coordinator | Who::OtherCoordinator | Who::Admin)
            }
            Rule::SignedIn => who != Who::Anonymous,
            Rule::Admins => who == Who::Admin,
            Rule::StudyReaders => who == Who::Reader,
        }
    }
}

/// A JSON-bodied server function, its arguments for study `S`, and its rule.
fn json_rows(study: i64, reader: i64) -> Vec<(&'static str, Value, Rule)> {
    let form = |name: &str| {
        json!({ "name": name, "positive_label": "OS", "negative_label": "GCT", "design": "crossover",
                "rating_scale": "confidence", "washout_days": 28, "read_splits": ["internal", "external"],
                "practice_cases": 0, "seed": 1, "back_navigation": "none", "show_clinical": true,
                "junior_max_years": 5, "intermediate_max_years": 10, "default_locale": "en" })
    };
    let s = study;
    vec![
        (
            "studies/create",
            json!({ "form": form("new one") }),
            Rule::Coordinators,
        ),
        (
            "studies/detail",
            json!({ "study_id": s }),
            Rule::StudyCoordinators,
        ),
        (
            "studies/update",
            json!({ "study_id": s, "form": form("S renamed") }),
            Rule::StudyCoordinators,
        ),
        (
            "readers/list",
            json!({ "study_id": s }),
            Rule::StudyCoordinators,
        ),
        (
            "readers/enrol",
            json!({ "study_id": s, "readers": [{ "name": "N", "email": "n@x.example",
            "hospital": "H", "years_experience": 3, "seniority_override": null }] }),
            Rule::StudyCoordinators,
        ),
        (
            "readers/enrol_csv",
            json!({ "study_id": s, "csv": "name,email,hospital,years\n" }),
            Rule::StudyCoordinators,
        ),
        (
            "readers/seniority",
            json!({ "study_id": s, "reader_id": reader, "seniority": "senior" }),
            Rule::StudyCoordinators,
        ),
        (
            "readers/reinvite",
            json!({ "study_id": s, "reader_id": reader }),
            Rule::StudyCoordinators,
        ),
        (
            "cases/list",
            json!({ "study_id": s }),
            Rule::StudyCoordinators,
        ),
        ("cases/pacs", json!({}), Rule::Coordinators),
        (
            "cases/import_progress",
            json!({ "study_id": s }),
            Rule::StudyCoordinators,
        ),
        (
            "progress/study",
            json!({ "study_id": s }),
            Rule::StudyCoordinators,
        ),
        (
            "progress/audit",
            json!({ "study_id": s, "kind": "all" }),
            Rule::StudyCoordinators,
        ),
        (
            "results/study",
            json!({ "study_id": s, "locale": "en", "covariance": "jackknife" }),
            Rule::StudyCoordinators,
        ),
        (
            "ai/status",
            json!({ "study_id": s }),
            Rule::StudyCoordinators,
        ),
        (
            "ai/start",
            json!({ "study_id": s }),
            Rule::StudyCoordinators,
        ),
        (
            "reading/state",
            json!({ "study_id": s, "session": 1 }),
            Rule::StudyReaders,
        ),
        (
            "reading/submit",
            json!({ "study_id": s, "session": 1, "read": { "case_ref": 1, "stage": "single",
            "call_positive": true, "score": 50, "active_ms": 1000, "interactions": "[]",
            "idempotency_key": "k" } }),
            Rule::StudyReaders,
        ),
        (
            "reading/review",
            json!({ "study_id": s, "session": 1, "position": 1 }),
            Rule::StudyReaders,
        ),
        (
            "reading/override",
            json!({ "study_id": s, "reader_id": reader, "session": 2,
            "reason": "travel" }),
            Rule::StudyCoordinators,
        ),
    ]
}

/// Form-encoded server functions (auth and admin) and their rules; those anyone may call
/// (sign-in, invites) are tested in `auth.rs`.
/// Form fields of a server function call.
type FormArgs = Vec<(&'static str, String)>;

fn form_rows() -> Vec<(&'static str, FormArgs, Rule)> {
    vec![
        ("studies/list", vec![], Rule::SignedIn),
        ("reading/worklist", vec![], Rule::SignedIn),
        (
            "auth/locale",
            vec![("locale", "zh-CN".into())],
            Rule::SignedIn,
        ),
        ("admin/coordinators", vec![], Rule::Admins),
        (
            "admin/coordinators/create",
            vec![
                ("name", "New".into()),
                ("email", "new.coord@x.example".into()),
            ],
            Rule::Admins,
        ),
        // Re-enabling account 1 changes nothing, so every caller meets the same state.
        (
            "admin/users/disable",
            vec![("user_id", "1".into()), ("disabled", "false".into())],
            Rule::Admins,
        ),
    ]
}

/// Endpoints open to anonymous callers by design (tested in `auth.rs`).
const PUBLIC: [&str; 5] = [
    "auth/login",
    "auth/logout",
    "auth/me",
    "auth/invite",
    "auth/accept_invite",
];

/// Endpoints with their own test for the matrix's rule (a multipart upload).
const MULTIPART: [&str; 2] = ["cases/import_zip", "cases/import_pacs"];

struct World {
    app: TestApp,
    clients: Vec<(Who, reqwest::Client)>,
    study: i64,
    reader: i64,
}

async fn world(database_url: Option<String>) -> World {
    let app = TestApp::spawn_with_database(database_url).await;
    let password = "correct horse battery";
    let mut clients = vec![(Who::Anonymous, reqwest::Client::new())];
    for (who, role, email) in [
        (
            Who::Coordinator,
            store::Role::Coordinator,
            "coord@x.example",
        ),
        (
            Who::OtherCoordinator,
            store::Role::Coordinator,
            "other.coord@x.example",
        ),
        (Who::Admin, store::Role::Admin, "admin@x.example"),
        (Who::Reader, store::Role::Reader, "reader@x.example"),
        (
            Who::OtherReader,
            store::Role::Reader,
            "other.reader@x.example",
        ),
    ] {
        app.create_user(role, email, password).await;
        clients.push((who, app.sign_in(email, password).await));
    }
    let client = |who: Who| clients.iter().find(|(w, _)| *w == who).unwrap().1.clone();
    let create = |name: &str| {
        json!({ "form": { "name": name, "positive_label": "OS", "negative_label": "GCT",
            "design": "crossover", "rating_scale": "confidence", "washout_days": 28,
            "read_splits": ["internal", "external"], "practice_cases": 0, "seed": 1,
            "back_navigation": "none", "show_clinical": true, "junior_max_years": 5,
            "intermediate_max_years": 10, "default_locale": "en" } })
    };
    let s: Value = tests::api::post_json(
        &app,
        &client(Who::Coordinator),
        "studies/create",
        create("S"),
    )
    .await
    .json()
    .await
    .unwrap();
    let s2: Value = tests::api::post_json(
        &app,
        &client(Who::OtherCoordinator),
        "studies/create",
        create("S2"),
    )
    .await
    .json()
    .await
    .unwrap();
    let enrol = |study: &Value, email: &str| {
        json!({ "study_id": study["id"], "readers": [{ "name": email, "email": email, "hospital": "H1",
            "years_experience": 4, "seniority_override": null }] })
    };
    tests::api::post_json(
        &app,
        &client(Who::Coordinator),
        "readers/enrol",
        enrol(&s, "reader@x.example"),
    )
    .await;
    tests::api::post_json(
        &app,
        &client(Who::OtherCoordinator),
        "readers/enrol",
        enrol(&s2, "other.reader@x.example"),
    )
    .await;
    // A reader who has not joined yet, for the seniority and invite rows.
    let pending: Value = tests::api::post_json(
        &app,
        &client(Who::Coordinator),
        "readers/enrol",
        enrol(&s, "pending@x.example"),
    )
    .await
    .json()
    .await
    .unwrap();
    World {
        study: s["id"].as_i64().expect("study S was created"),
        reader: pending[0]["reader"]["id"]
            .as_i64()
            .expect("the reader was enrolled"),
        app,
        clients,
    }
}

/// Makes names and emails unique per caller, so that an allowed call is never refused as a
/// duplicate of the previous caller's.
fn personalise(mut body: Value, who: Who) -> Value {
    if let Some(name) = body.pointer_mut("/form/name") {
        *name = json!(format!("{} {who:?}", name.as_str().unwrap_or_default()));
    }
    if let Some(email) = body.pointer_mut("/readers/0/email") {
        *email = json!(format!("{who:?}.{}", email.as_str().unwrap_or_default()).to_lowercase());
    }
    body
}

/// Calls every row as everyone and collects each disagreement with the rule. The matrix is about
/// access: an allowed caller may still get a validation error (e.g. submitting for a case that is
/// not theirs to read next), but never a refusal.
async fn check_matrix(world: &World) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut record =
        |endpoint: &str, who: Who, allowed: bool, status: reqwest::StatusCode, body: String| {
            let denied = body.contains("Unauthorized") || body.contains("Forbidden");
            let validation = body.contains("Invalid")
                || body.contains("NotFound")
                || body.contains("SessionClosed");
            if allowed && (denied || !status.is_success() && !validation) {
                wrong.push(format!(
                    "{endpoint} as {who:?}: expected access, got {status}: {body}"
                ));
            }
            if !allowed && (status.is_success() || !denied) {
                wrong.push(format!(
                    "{endpoint} as {who:?}: expected a refusal, got {status}: {body}"
                ));
            }
        };
    for (endpoint, body, rule) in json_rows(world.study, world.reader) {
        for (who, client) in &world.clients {
            let response = tests::api::post_json(
                &world.app,
                client,
                endpoint,
                personalise(body.clone(), *who),
            )
            .await;
            let status = response.status();
            record(
                endpoint,
                *who,
                rule.allows(*who),
                status,
                response.text().await.unwrap_or_default(),
            );
        }
    }
    for (endpoint, args, rule) in form_rows() {
        for (who, client) in &world.clients {
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = world
                .app
                .call(client, &format!("/api/{endpoint}"), &args)
                .await;
            let status = response.status();
            record(
                endpoint,
                *who,
                rule.allows(*who),
                status,
                response.text().await.unwrap_or_default(),
            );
        }
    }
    for (who, client) in &world.clients {
        for endpoint in MULTIPART {
            let response = tests::api::post_file(
                &world.app,
                client,
                endpoint,
                world.study,
                b"not a zip".to_vec(),
            )
            .await;
            let status = response.status();
            let allowed = Rule::StudyCoordinators.allows(*who);
            record(
                endpoint,
                *who,
                allowed,
                status,
                response.text().await.unwrap_or_default(),
            );
        }
    }
    wrong
}

#[tokio::test]
async fn every_role_may_do_exactly_what_it_should_on_sqlite() {
    let world = world(None).await;

    let wrong = check_matrix(&world).await;

    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn every_role_may_do_exactly_what_it_should_on_postgres() {
    let database = TestDatabase::create().await;
    let world = world(Some(database.url.clone())).await;

    let wrong = check_matrix(&world).await;

    drop(world);
    database.drop_database().await;
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn readers_see_only_the_studies_they_read_in() {
    let world = world(None).await;
    let reader = &world
        .clients
        .iter()
        .find(|(w, _)| *w == Who::Reader)
        .unwrap()
        .1;

    let listed: Value = world
        .app
        .call(reader, "/api/studies/list", &[])
        .await
        .json()
        .await
        .unwrap();

    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["S"]);
}

#[test]
fn every_server_function_is_in_the_matrix() {
    let covered: Vec<String> = json_rows(0, 0)
        .into_iter()
        .map(|(e, ..)| e.to_string())
        .chain(form_rows().into_iter().map(|(e, ..)| e.to_string()))
        .chain(PUBLIC.iter().chain(MULTIPART.iter()).map(|e| e.to_string()))
        .collect();
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();

    let missing: Vec<&String> = registered.iter().filter(|p| !covered.contains(p)).collect();

    assert!(
        registered.len() >= covered.len(),
        "registered: {registered:?}"
    );
    assert!(
        missing.is_empty(),
        "server functions without a row in the matrix: {missing:?}"
    );
    let _ = EVERYONE;
}
