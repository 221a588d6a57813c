//! Accounts over HTTP, on SQLite and PostgreSQL: invitation links, disabling an account, and
//! the admin-only functions.

use std::time::Duration;

use app::domain::user::messages;
use store::Role;
use tests::TestApp;

const PASSWORD: &str = "correct horse battery";

tests::on_both_backends!(
    an_invitation_link_works_once_and_expires,
    a_disabled_account_cannot_sign_in_and_its_sessions_end,
    admin_functions_refuse_coordinators_readers_and_anonymous_visitors,
);

fn plain_client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn me(app: &TestApp, client: &reqwest::Client) -> serde_json::Value {
    let response = app.call(client, "/api/auth/me", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn an_invitation_link_works_once_and_expires(app: &TestApp) {
    app.create_user(Role::Admin, "root@example.org", PASSWORD)
        .await;
    let admin = app.sign_in("root@example.org", PASSWORD).await;
    let created: serde_json::Value = app
        .call(
            &admin,
            "/api/admin/coordinators/create",
            &[("name", "Ana Lima"), ("email", "ana@example.org")],
        )
        .await
        .json()
        .await
        .unwrap();
    let link = created["link"].as_str().unwrap().to_string();
    let token = link.rsplit('/').next().unwrap().to_string();
    assert!(
        link.starts_with(&format!("{}/invite/", app.address)),
        "{link}"
    );
    assert_eq!(app.get(&format!("/invite/{token}")).await.status(), 200);
    let details = app
        .call(&plain_client(), "/api/auth/invite", &[("token", &token)])
        .await;
    assert!(details.text().await.unwrap().contains("Ana Lima"));

    let newcomer = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let args = [
        ("token", token.as_str()),
        ("password", "my own password"),
        ("confirm", "my own password"),
    ];

    let first = app.call(&newcomer, "/api/auth/accept_invite", &args).await;
    let second = app
        .call(&plain_client(), "/api/auth/accept_invite", &args)
        .await;

    assert_eq!(first.status(), 200);
    assert_eq!(me(app, &newcomer).await["name"], "Ana Lima");
    assert!(second.text().await.unwrap().contains(messages::INVITE_USED));
    app.sign_in("ana@example.org", "my own password").await;
    let store = app.store().await;
    let newcomer = store
        .create_user(&store::NewUser {
            email: "bea@example.org".into(),
            name: "Bea".into(),
            role: Role::Coordinator,
            password_hash: None,
        })
        .await
        .unwrap();
    let expired = store
        .create_invite(newcomer.id, Duration::ZERO)
        .await
        .unwrap();
    let details = app
        .call(&plain_client(), "/api/auth/invite", &[("token", &expired)])
        .await;
    assert!(details
        .text()
        .await
        .unwrap()
        .contains(messages::INVITE_EXPIRED));
    let unknown = app
        .call(
            &plain_client(),
            "/api/auth/invite",
            &[("token", "no-such-link")],
        )
        .await;
    assert!(unknown
        .text()
        .await
        .unwrap()
        .contains(messages::INVITE_UNUSABLE));
    let trail = store.list_audit(None, 20).await.unwrap();
    assert!(trail.iter().any(|e| e.action == "invite.accept"));
    assert!(trail
        .iter()
        .any(|e| e.action == "user.create" && e.actor == "root@example.org"));
}

async fn a_disabled_account_cannot_sign_in_and_its_sessions_end(app: &TestApp) {
    app.create_user(Role::Admin, "root@example.org", PASSWORD)
        .await;
    let ana = app
        .create_user(Role::Coordinator, "ana@example.org", PASSWORD)
        .await;
    let admin = app.sign_in("root@example.org", PASSWORD).await;
    let coordinator = app.sign_in("ana@example.org", PASSWORD).await;

    let disabled = app
        .call(
            &admin,
            "/api/admin/users/disable",
            &[("user_id", &ana.to_string()), ("disabled", "true")],
        )
        .await;

    assert_eq!(disabled.status(), 200, "{}", disabled.text().await.unwrap());
    assert_eq!(me(app, &coordinator).await, serde_json::Value::Null);
    let again = app
        .call(
            &plain_client(),
            "/api/auth/login",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert!(again.text().await.unwrap().contains(messages::DISABLED));
    let trail = app.store().await.list_audit(None, 10).await.unwrap();
    assert!(trail.iter().any(|e| e.action == "user.disable"));
}

async fn admin_functions_refuse_coordinators_readers_and_anonymous_visitors(app: &TestApp) {
    app.create_user(Role::Coordinator, "ana@example.org", PASSWORD)
        .await;
    app.create_user(Role::Reader, "rui@example.org", PASSWORD)
        .await;
    let coordinator = app.sign_in("ana@example.org", PASSWORD).await;
    let reader = app.sign_in("rui@example.org", PASSWORD).await;
    let admin_calls: [(&str, &[(&str, &str)]); 3] = [
        ("/api/admin/coordinators", &[]),
        (
            "/api/admin/coordinators/create",
            &[("name", "X"), ("email", "x@example.org")],
        ),
        (
            "/api/admin/users/disable",
            &[("user_id", "1"), ("disabled", "true")],
        ),
    ];

    for (path, args) in admin_calls {
        let as_coordinator = app
            .call(&coordinator, path, args)
            .await
            .text()
            .await
            .unwrap();
        let as_reader = app.call(&reader, path, args).await.text().await.unwrap();
        let as_anonymous = app
            .call(&plain_client(), path, args)
            .await
            .text()
            .await
            .unwrap();

        assert!(
            as_coordinator.contains("Forbidden"),
            "{path}: {as_coordinator}"
        );
        assert!(as_reader.contains("Forbidden"), "{path}: {as_reader}");
        assert!(
            as_anonymous.contains("Unauthorized"),
            "{path}: {as_anonymous}"
        );
    }
    let store = app.store().await;
    assert!(store
        .user_by_email("x@example.org")
        .await
        .unwrap()
        .is_none());
    assert!(!store.user_by_id(1).await.unwrap().unwrap().disabled);
}
