//! Signing in and out over HTTP, on SQLite and PostgreSQL: the session cookie, the generic
//! error, throttling, the CSRF origin check, and ending a session.

use app::domain::user::messages;
use store::Role;
use tests::TestApp;

const PASSWORD: &str = "correct horse battery";

tests::on_both_backends!(
    signing_in_sets_an_http_only_same_site_cookie,
    a_wrong_password_fails_with_the_generic_message,
    the_sixth_attempt_after_five_failures_is_throttled_even_with_the_right_password,
    a_post_without_or_with_a_foreign_origin_is_refused,
    signing_out_ends_the_session,
);

fn plain_client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn me(app: &TestApp, client: &reqwest::Client) -> serde_json::Value {
    let response = app.call(client, "/api/auth/me", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn signing_in_sets_an_http_only_same_site_cookie(app: &TestApp) {
    app.create_user(Role::Coordinator, "ana@example.org", PASSWORD)
        .await;

    let response = app
        .call(
            &plain_client(),
            "/api/auth/login",
            &[("email", "Ana@Example.org"), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("lector_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http gets no Secure flag: {cookie}"
    );
    let client = app.sign_in("ana@example.org", PASSWORD).await;
    assert_eq!(me(app, &client).await["email"], "ana@example.org");
    let trail = app.store().await.list_audit(None, 10).await.unwrap();
    assert!(trail
        .iter()
        .any(|e| e.action == "user.login" && e.actor == "ana@example.org"));
}

async fn a_wrong_password_fails_with_the_generic_message(app: &TestApp) {
    app.create_user(Role::Coordinator, "ana@example.org", PASSWORD)
        .await;

    let wrong_password = app
        .call(
            &plain_client(),
            "/api/auth/login",
            &[("email", "ana@example.org"), ("password", "nope nope nope")],
        )
        .await;
    let unknown_email = app
        .call(
            &plain_client(),
            "/api/auth/login",
            &[("email", "bob@example.org"), ("password", PASSWORD)],
        )
        .await;

    assert!(!wrong_password.status().is_success());
    assert!(wrong_password.headers().get("set-cookie").is_none());
    let (a, b) = (
        wrong_password.text().await.unwrap(),
        unknown_email.text().await.unwrap(),
    );
    assert!(a.contains(messages::WRONG_CREDENTIALS), "{a}");
    assert_eq!(a, b, "an unknown email and a wrong password look alike");
    let trail = app.store().await.list_audit(None, 10).await.unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.action == "user.login_failed")
            .count(),
        2
    );
}

async fn the_sixth_attempt_after_five_failures_is_throttled_even_with_the_right_password(
    app: &TestApp,
) {
    app.create_user(Role::Coordinator, "ana@example.org", PASSWORD)
        .await;
    let client = plain_client();
    for _ in 0..5 {
        let response = app
            .call(
                &client,
                "/api/auth/login",
                &[
                    ("email", "ana@example.org"),
                    ("password", "guess guess guess"),
                ],
            )
            .await;
        assert!(response
            .text()
            .await
            .unwrap()
            .contains(messages::WRONG_CREDENTIALS));
    }

    let sixth = app
        .call(
            &client,
            "/api/auth/login",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
        )
        .await;

    assert!(!sixth.status().is_success());
    assert!(sixth.headers().get("set-cookie").is_none());
    assert!(sixth.text().await.unwrap().contains(messages::THROTTLED));
}

async fn a_post_without_or_with_a_foreign_origin_is_refused(app: &TestApp) {
    let url = format!("{}/api/auth/me", app.address);
    let client = plain_client();

    let without = client.post(&url).send().await.unwrap();
    let foreign = client
        .post(&url)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    let referer_only = client
        .post(&url)
        .header("referer", format!("{}/login", app.address))
        .send()
        .await
        .unwrap();

    assert_eq!(without.status(), 403);
    assert!(without
        .text()
        .await
        .unwrap()
        .contains("did not come from a Lector page"));
    assert_eq!(foreign.status(), 403);
    assert_eq!(referer_only.status(), 200);
    assert_eq!(app.get("/login").await.status(), 200, "GET needs no Origin");
}

async fn signing_out_ends_the_session(app: &TestApp) {
    app.create_user(Role::Reader, "rui@example.org", PASSWORD)
        .await;
    let login = app
        .call(
            &plain_client(),
            "/api/auth/login",
            &[("email", "rui@example.org"), ("password", PASSWORD)],
        )
        .await;
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let with_cookie = |path: &str| {
        plain_client()
            .post(format!("{}{path}", app.address))
            .header("origin", &app.address)
            .header("cookie", &cookie)
    };
    let before: serde_json::Value = with_cookie("/api/auth/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let response = with_cookie("/api/auth/logout").send().await.unwrap();

    assert_eq!(before["email"], "rui@example.org");
    assert_eq!(response.status(), 200);
    assert!(response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after: serde_json::Value = with_cookie("/api/auth/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        after,
        serde_json::Value::Null,
        "the old cookie no longer signs in"
    );
    let trail = app.store().await.list_audit(None, 10).await.unwrap();
    assert!(trail.iter().any(|e| e.action == "user.logout"));
}
