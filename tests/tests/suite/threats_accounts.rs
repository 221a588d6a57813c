//! Attacks on accounts over HTTP, on SQLite and PostgreSQL, each written as the requests a
//! hostile user sends: taking an account over through an old or a second invitation link,
//! guessing passwords in parallel past the throttle, and filling the database through an
//! oversized email.

use app::domain::user::messages;
use serde_json::{json, Value};
use store::Role;
use tests::TestApp;

const PASSWORD: &str = "correct horse battery";
const RUI: &str = "rui@x.example";

tests::on_both_backends!(
    a_second_invite_link_cannot_reset_a_joined_readers_password,
    setting_a_password_through_an_invite_ends_the_accounts_other_sessions,
    enrolling_an_active_reader_in_another_study_yields_no_link_to_reset_the_password,
    thirty_parallel_wrong_passwords_reach_the_password_check_at_most_five_times,
    a_two_megabyte_email_is_refused_and_nothing_of_it_is_stored,
);

fn plain_client() -> reqwest::Client {
    reqwest::Client::new()
}

fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

async fn me(app: &TestApp, client: &reqwest::Client) -> Value {
    let response = app.call(client, "/api/auth/me", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// A coordinator signed in, with a study of their own; returns the client and the study id.
async fn coordinator_with_study(app: &TestApp, email: &str) -> (reqwest::Client, i64) {
    app.create_user(Role::Coordinator, email, PASSWORD).await;
    let client = app.sign_in(email, PASSWORD).await;
    let form = json!({ "form": { "name": format!("Study of {email}"), "positive_label": "OS",
        "negative_label": "GCT", "design": "crossover", "rating_scale": "confidence",
        "washout_days": 28, "read_splits": ["internal", "external"], "practice_cases": 0,
        "seed": 1, "back_navigation": "none", "show_clinical": true, "junior_max_years": 5,
        "intermediate_max_years": 10, "default_locale": "en" } });
    let study: Value = tests::api::post_json(app, &client, "studies/create", form)
        .await
        .json()
        .await
        .unwrap();
    let id = study["id"].as_i64().expect("the study was created");
    (client, id)
}

/// Enrols `email` in a study; returns the enrolment's answer for that reader.
async fn enrol(app: &TestApp, client: &reqwest::Client, study: i64, email: &str) -> Value {
    let body = json!({ "study_id": study, "readers": [{ "name": "Rui Costa", "email": email,
        "hospital": "H1", "years_experience": 4, "seniority_override": null }] });
    let response = tests::api::post_json(app, client, "readers/enrol", body).await;
    let status = response.status();
    let answer: Value = response.json().await.unwrap();
    assert!(status.is_success(), "enrolling {email}: {status} {answer}");
    answer[0].clone()
}

fn token_of(invitation: &Value) -> String {
    let path = invitation["invite_path"]
        .as_str()
        .unwrap_or_else(|| panic!("no invite link in {invitation}"));
    path.rsplit('/').next().unwrap().to_string()
}

async fn accept(
    app: &TestApp,
    client: &reqwest::Client,
    token: &str,
    password: &str,
) -> reqwest::Response {
    app.call(
        client,
        "/api/auth/accept_invite",
        &[
            ("token", token),
            ("password", password),
            ("confirm", password),
        ],
    )
    .await
}

async fn sign_in_status(app: &TestApp, email: &str, password: &str) -> (u16, String) {
    let response = app
        .call(
            &plain_client(),
            "/api/auth/login",
            &[("email", email), ("password", password)],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Invitation links of an account that could still set its password.
async fn live_links(app: &TestApp, email: &str) -> i64 {
    tests::sql::fetch_i64(
        &app.database_url,
        &format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM invites i JOIN users u ON u.id = i.user_id \
             WHERE u.email = '{email}' AND i.used_at IS NULL AND i.revoked_at IS NULL"
        ),
    )
    .await
}

async fn a_second_invite_link_cannot_reset_a_joined_readers_password(app: &TestApp) {
    // Two coordinators enrol the same new reader, so two links were made for one account; the
    // first coordinator keeps theirs and waits until the reader has joined through the other.
    let (first, s1) = coordinator_with_study(app, "ana@x.example").await;
    let (second, s2) = coordinator_with_study(app, "bea@x.example").await;
    let kept = token_of(&enrol(app, &first, s1, RUI).await);
    let sent = token_of(&enrol(app, &second, s2, RUI).await);
    let superseded = app
        .call(&plain_client(), "/api/auth/invite", &[("token", &kept)])
        .await;
    assert!(superseded.status().is_client_error());
    assert!(superseded
        .text()
        .await
        .unwrap()
        .contains(messages::INVITE_SUPERSEDED));
    let reader = cookie_client();
    assert_eq!(accept(app, &reader, &sent, PASSWORD).await.status(), 200);

    let takeover = accept(app, &plain_client(), &kept, "the attacker's password").await;
    let again = accept(app, &plain_client(), &sent, "the attacker's password").await;

    assert!(takeover.status().is_client_error(), "{}", takeover.status());
    assert!(takeover.headers().get("set-cookie").is_none());
    assert!(takeover
        .text()
        .await
        .unwrap()
        .contains(messages::INVITE_USED));
    assert!(again.status().is_client_error());
    assert!(again.text().await.unwrap().contains(messages::INVITE_USED));
    let page = app
        .call(&plain_client(), "/api/auth/invite", &[("token", &kept)])
        .await;
    assert!(page.text().await.unwrap().contains(messages::INVITE_USED));
    assert_eq!(sign_in_status(app, RUI, PASSWORD).await.0, 200);
    let (status, body) = sign_in_status(app, RUI, "the attacker's password").await;
    assert!(!(200..300).contains(&status));
    assert!(body.contains(messages::WRONG_CREDENTIALS), "{body}");
    assert_eq!(me(app, &reader).await["email"], RUI);
    assert_eq!(live_links(app, RUI).await, 0);
}

async fn setting_a_password_through_an_invite_ends_the_accounts_other_sessions(app: &TestApp) {
    let (coordinator, study) = coordinator_with_study(app, "ana@x.example").await;
    let token = token_of(&enrol(app, &coordinator, study, RUI).await);
    // A session of the account from before it chose its password (say, a cookie that leaked
    // from a shared machine); planted the way only the database could.
    let store = app.store().await;
    let rui = store.user_by_email(RUI).await.unwrap().unwrap();
    let planted = store
        .create_session(rui.id, std::time::Duration::from_secs(3600))
        .await
        .unwrap();
    let with_planted = |path: &str| {
        plain_client()
            .post(format!("{}{path}", app.address))
            .header("origin", &app.address)
            .header("cookie", format!("lector_session={planted}"))
    };
    let before: Value = with_planted("/api/auth/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(before["email"], RUI);

    let reader = cookie_client();
    assert_eq!(accept(app, &reader, &token, PASSWORD).await.status(), 200);

    let after: Value = with_planted("/api/auth/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(after, Value::Null, "the old session no longer signs in");
    assert_eq!(me(app, &reader).await["email"], RUI);
}

async fn enrolling_an_active_reader_in_another_study_yields_no_link_to_reset_the_password(
    app: &TestApp,
) {
    app.create_user(Role::Reader, RUI, PASSWORD).await;
    let (attacker, study) = coordinator_with_study(app, "mallory@x.example").await;

    let enrolled = enrol(app, &attacker, study, RUI).await;
    let reinvite = tests::api::post_json(
        app,
        &attacker,
        "readers/reinvite",
        json!({ "study_id": study, "reader_id": enrolled["reader"]["id"] }),
    )
    .await;

    assert_eq!(enrolled["invite_path"], Value::Null, "{enrolled}");
    assert_eq!(enrolled["reader"]["joined"], true);
    assert!(!reinvite.status().is_success());
    assert!(reinvite.text().await.unwrap().contains("already joined"));
    assert_eq!(live_links(app, RUI).await, 0);
    assert_eq!(sign_in_status(app, RUI, PASSWORD).await.0, 200);
}

async fn thirty_parallel_wrong_passwords_reach_the_password_check_at_most_five_times(
    app: &TestApp,
) {
    app.create_user(Role::Coordinator, "ana@x.example", PASSWORD)
        .await;
    let limit = store::ThrottlePolicy::default().max_failures_per_email;
    let guesses: Vec<_> = (0..30)
        .map(|n| {
            let client = plain_client();
            let url = format!("{}/api/auth/login", app.address);
            let origin = app.address.clone();
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .header("origin", origin)
                    .form(&[
                        ("email", "ana@x.example".to_string()),
                        ("password", format!("guess number {n}")),
                    ])
                    .send()
                    .await
                    .unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for guess in guesses {
        answers.push(guess.await.unwrap());
    }

    let checked = answers
        .iter()
        .filter(|(_, body)| body.contains(messages::WRONG_CREDENTIALS))
        .count();
    let throttled = answers
        .iter()
        .filter(|(status, body)| *status == 429 && body.contains(messages::THROTTLED))
        .count();
    assert_eq!(checked, limit as usize, "{answers:?}");
    assert_eq!(checked + throttled, 30, "{answers:?}");
    let recorded = tests::sql::fetch_i64(
        &app.database_url,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM login_attempts WHERE email = 'ana@x.example'",
    )
    .await;
    assert!(
        recorded <= limit,
        "{recorded} attempts reached the password check"
    );
    let trail = app.store().await.audit_trail().await.unwrap();
    let wrong = trail
        .iter()
        .filter(|e| e.action == "user.login_failed" && e.detail.contains("wrong credentials"))
        .count();
    assert_eq!(wrong, limit as usize);
    let (status, body) = sign_in_status(app, "ana@x.example", PASSWORD).await;
    assert_eq!(status, 429);
    assert!(body.contains(messages::THROTTLED), "{body}");
}

async fn a_two_megabyte_email_is_refused_and_nothing_of_it_is_stored(app: &TestApp) {
    app.create_user(Role::Admin, "root@x.example", PASSWORD)
        .await;
    let admin = app.sign_in("root@x.example", PASSWORD).await;
    let (coordinator, study) = coordinator_with_study(app, "ana@x.example").await;
    let huge = format!("{}@x.example", "a".repeat(1_900_000));

    let sign_in = app
        .call(
            &plain_client(),
            "/api/auth/login",
            &[("email", huge.as_str()), ("password", PASSWORD)],
        )
        .await;
    let create = app
        .call(
            &admin,
            "/api/admin/coordinators/create",
            &[("name", "Huge"), ("email", huge.as_str())],
        )
        .await;
    let enrol = tests::api::post_json(
        app,
        &coordinator,
        "readers/enrol",
        json!({ "study_id": study, "readers": [{ "name": "Huge", "email": huge,
            "hospital": "H1", "years_experience": 4, "seniority_override": null }] }),
    )
    .await;

    assert!(sign_in.status().is_client_error(), "{}", sign_in.status());
    assert!(sign_in
        .text()
        .await
        .unwrap()
        .contains(messages::EMAIL_TOO_LONG));
    assert!(create.status().is_client_error(), "{}", create.status());
    assert!(create
        .text()
        .await
        .unwrap()
        .contains(messages::EMAIL_TOO_LONG));
    assert!(!enrol.status().is_success());
    assert!(enrol.text().await.unwrap().contains("longer than 254"));
    for (table, column) in [
        ("login_attempts", "email"),
        ("users", "email"),
        ("readers", "email"),
        ("audit_log", "detail"),
    ] {
        let longest = tests::sql::fetch_i64(
            &app.database_url,
            &format!("SELECT CAST(COALESCE(MAX(LENGTH({column})), 0) AS BIGINT) FROM {table}"),
        )
        .await;
        assert!(
            longest < 2_000,
            "{table}.{column} holds {longest} characters"
        );
    }
}
