//! `lector backup` and `lector restore` on SQLite and PostgreSQL: a study backed up while its
//! server runs, with a reader still to read, is restored into a new data directory (and a new
//! database); its audit trail verifies and its results are those of the moment of the backup,
//! not of the reads saved after it.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::json;
use tests::{api, lector_binary, TestApp};

const STUDY: &str = "Osteosarcoma vs giant-cell tumour (demo)";

fn lector(data_dir: &Path, database_url: &str, args: &[&str]) -> Output {
    let output = Command::new(lector_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--database-url")
        .arg(database_url)
        .args(args)
        .env("LECTOR_LOG", "warn")
        .env_remove("LECTOR_AUDIT_KEY")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "lector {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn tables(data_dir: &Path, database_url: &str) -> String {
    let out = lector(
        data_dir,
        database_url,
        &[
            "export", STUDY, "--what", "tables", "--format", "csv", "-o", "-",
        ],
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The visitor (nothing read yet) reads the first practice case through the server.
async fn visitor_reads_one_case(app: &TestApp, study_id: i64) {
    let visitor = app
        .sign_in("visitor@lector.demo", "lector-demo-reader")
        .await;
    let state: serde_json::Value = api::post_json(
        app,
        &visitor,
        "reading/state",
        json!({ "study_id": study_id, "session": 0 }),
    )
    .await
    .json()
    .await
    .unwrap();
    let body = tests::study::submission(study_id, 0, &state["case"], "after-backup-1", 80);
    let response = api::post_json(app, &visitor, "reading/submit", body).await;
    let status = response.status();
    assert!(
        status.is_success(),
        "{status}: {}",
        response.text().await.unwrap()
    );
}

async fn a_backup_taken_mid_study_restores_to_the_same_results_with_an_intact_trail(
    app: &TestApp,
    restored_url: Option<String>,
) {
    // Arrange: the demo study in the running server's database, its tables as they are now.
    let data = app.data_dir.path();
    lector(
        data,
        &app.database_url,
        &["demo", "--no-serve", "--cases", "40"],
    );
    let store = app.store().await;
    let study = store
        .list_studies()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == STUDY)
        .unwrap();
    let reads_then = store.reads_of_study(study.id).await.unwrap().len();
    let tables_then = tables(data, &app.database_url);
    let backup = tempfile::tempdir().unwrap();
    let out = backup.path().join("backup");

    // Act: back up while the server runs, read on, restore elsewhere.
    lector(data, &app.database_url, &["backup", out.to_str().unwrap()]);
    visitor_reads_one_case(app, study.id).await;
    let target = tempfile::tempdir().unwrap();
    let target_url = restored_url
        .unwrap_or_else(|| format!("sqlite://{}", target.path().join("lector.db").display()));
    let restored = lector(
        target.path(),
        &target_url,
        &["restore", out.to_str().unwrap()],
    );

    // Assert
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "only the owner may open a backup");
    }
    assert!(String::from_utf8_lossy(&restored.stdout).contains("verifies"));
    let verified = lector(target.path(), &target_url, &["audit", "verify"]);
    assert!(String::from_utf8_lossy(&verified.stdout).contains("intact"));
    assert_eq!(tables(target.path(), &target_url), tables_then);
    let key = store::AuditKey::load_or_create(target.path()).unwrap();
    let copy = store::Store::connect(&target_url, key).await.unwrap();
    assert_eq!(
        copy.reads_of_study(study.id).await.unwrap().len(),
        reads_then
    );
    assert_eq!(
        store.reads_of_study(study.id).await.unwrap().len(),
        reads_then + 1,
        "the live study went on after the backup"
    );
    let case_dirs = copy.list_cases(study.id).await.unwrap();
    assert!(case_dirs.iter().all(|c| target
        .path()
        .join(&c.case.files_dir)
        .join("display.png")
        .is_file()));
    copy.close().await;
}

#[tokio::test]
async fn a_sqlite_study_backed_up_mid_study_restores_to_the_same_results() {
    let app = TestApp::spawn().await;
    a_backup_taken_mid_study_restores_to_the_same_results_with_an_intact_trail(&app, None).await;
}

#[tokio::test]
async fn a_postgres_study_backed_up_mid_study_restores_to_the_same_results() {
    let live = tests::postgres::TestDatabase::create().await;
    let target = tests::postgres::TestDatabase::create().await;
    let app = TestApp::spawn_with_database(Some(live.url.clone())).await;
    a_backup_taken_mid_study_restores_to_the_same_results_with_an_intact_trail(
        &app,
        Some(target.url.clone()),
    )
    .await;
    drop(app);
    live.drop_database().await;
    target.drop_database().await;
}

#[tokio::test]
async fn a_backup_never_goes_into_an_existing_folder_nor_restores_over_data() {
    let app = TestApp::spawn().await;
    let data = app.data_dir.path();
    let existing = tempfile::tempdir().unwrap();

    let refused = Command::new(lector_binary())
        .arg("--data-dir")
        .arg(data)
        .args(["backup", existing.path().to_str().unwrap()])
        .output()
        .unwrap();
    let out = existing.path().join("b");
    lector(data, &app.database_url, &["backup", out.to_str().unwrap()]);
    let over = Command::new(lector_binary())
        .arg("--data-dir")
        .arg(data)
        .args(["restore", out.to_str().unwrap()])
        .output()
        .unwrap();

    assert!(!refused.status.success());
    assert!(!over.status.success());
    assert!(String::from_utf8_lossy(&over.stderr).contains("not empty"));
}
