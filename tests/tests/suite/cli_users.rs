//! `lector user add|list`: accounts made on the command line can sign in on the web at once,
//! and a password that is missing or too short is refused.

use std::io::Write;
use std::process::{Command, Stdio};

use tests::{lector_binary, TestApp};

fn lector(app: &TestApp) -> Command {
    let mut command = Command::new(lector_binary());
    command
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .arg("--database-url")
        .arg(&app.database_url)
        .env("LECTOR_LOG", "warn")
        .env_remove("LECTOR_PASSWORD");
    command
}

#[tokio::test]
async fn a_coordinator_added_on_the_command_line_can_sign_in() {
    let app = TestApp::spawn().await;

    let added = lector(&app)
        .args([
            "user",
            "add",
            "--role",
            "coordinator",
            "--email",
            "Ana@Example.org",
            "--name",
            "Ana Lima",
        ])
        .env("LECTOR_PASSWORD", "a long enough password")
        .output()
        .unwrap();

    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let client = app
        .sign_in("ana@example.org", "a long enough password")
        .await;
    let me: serde_json::Value = app
        .call(&client, "/api/auth/me", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "coordinator");
    let listed = lector(&app).args(["user", "list"]).output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("ana@example.org\tAna Lima\tcoordinator\tactive"),
        "{listed}"
    );
    let trail = app.store().await.list_audit(None, 5).await.unwrap();
    assert!(trail
        .iter()
        .any(|e| e.action == "user.create" && e.actor == "cli"));
}

#[tokio::test]
async fn the_password_can_come_as_one_line_on_standard_input() {
    let app = TestApp::spawn().await;
    let mut child = lector(&app)
        .args([
            "user",
            "add",
            "--role",
            "admin",
            "--email",
            "root@example.org",
            "--name",
            "Root",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    writeln!(child.stdin.take().unwrap(), "piped in password").unwrap();
    let status = child.wait().unwrap();

    assert!(status.success());
    app.sign_in("root@example.org", "piped in password").await;
}

#[tokio::test]
async fn a_short_password_is_refused_with_the_rule() {
    let app = TestApp::spawn().await;

    let output = lector(&app)
        .args([
            "user",
            "add",
            "--role",
            "reader",
            "--email",
            "r@example.org",
            "--name",
            "R",
        ])
        .env("LECTOR_PASSWORD", "short")
        .output()
        .unwrap();

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least 10 characters"));
}
