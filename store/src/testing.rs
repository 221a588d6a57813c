//! Test support: a fresh, migrated store on each backend (SQLite in a temp dir, and a new
//! PostgreSQL database on `LECTOR_TEST_POSTGRES_URL`), so every store test runs on both.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::{Connection, Executor, PgConnection};

use crate::{NewCase, Store};

/// A store that lives for one test; call [`TestStore::finish`] to drop its PostgreSQL database.
pub(crate) struct TestStore {
    pub store: Store,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

fn admin_url() -> String {
    std::env::var("LECTOR_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

pub(crate) async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("lector.db").display());
    let store = Store::connect(&url, crate::AuditKey::for_tests())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    TestStore {
        store,
        backend: "sqlite",
        _dir: Some(dir),
        pg_name: None,
    }
}

pub(crate) async fn postgres() -> TestStore {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "lector_store_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let admin = admin_url();
    let mut conn = PgConnection::connect(&admin).await.unwrap_or_else(|err| {
        panic!(
            "cannot reach PostgreSQL at {admin} ({err}); start it or set LECTOR_TEST_POSTGRES_URL"
        )
    });
    conn.execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await
        .unwrap();
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let store = Store::connect(&format!("{base}/{name}"), crate::AuditKey::for_tests())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    TestStore {
        store,
        backend: "postgres",
        _dir: None,
        pg_name: Some(name),
    }
}

/// One fresh store per backend.
pub(crate) async fn each_backend() -> Vec<TestStore> {
    vec![sqlite().await, postgres().await]
}

impl TestStore {
    pub async fn finish(self) {
        self.store.close().await;
        if let Some(name) = self.pg_name {
            if let Ok(mut conn) = PgConnection::connect(&admin_url()).await {
                let _ = conn
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await;
            }
        }
    }
}

/// A case as an import would deliver it.
pub(crate) fn case(case_id: &str, truth: bool, split: &str) -> NewCase {
    NewCase {
        case_id: case_id.into(),
        truth,
        truth_label: if truth { "OS" } else { "GCT" }.into(),
        age: Some(23),
        sex: Some("M".into()),
        location: Some("distal_femur".into()),
        site: Some("H1".into()),
        split: vocab::Split::parse(split).expect("a split"),
        metadata: "{}".into(),
        source_file: format!("images/{case_id}.png"),
        width: 512,
        height: 512,
        bits_stored: 8,
        modality: None,
        photometric: "MONOCHROME2".into(),
        windows: "[]".into(),
        files_dir: format!("studies/1/import-x/{case_id}"),
        original_file: "original.png".into(),
        has_mask: false,
    }
}

/// Saves a read directly (the reading workflow's own function comes with it), to lock a study.
pub(crate) async fn insert_read(
    store: &Store,
    study_id: i64,
    reader_id: i64,
    case_ref: i64,
    key: &str,
) {
    crate::pool::on_pool!(store, pool => {
        sqlx::query(
            "INSERT INTO reads (study_id, reader_id, case_ref, session, position, modality, stage, \
             call_positive, score, ai_shown, active_ms, interactions, idempotency_key, saved_at) \
             VALUES ($1, $2, $3, 1, 1, 'unaided', 'single', TRUE, 80, FALSE, 4000, '[]', $4, '2026-11-27T10:00:00Z')",
        )
        .bind(study_id)
        .bind(reader_id)
        .bind(case_ref)
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ())
    })
    .unwrap();
}

/// A positive call rated 70, unaided, at the first place of session 1.
pub(crate) fn read(study_id: i64, reader_id: i64, case_ref: i64, key: &str) -> crate::NewRead {
    let place = crate::ReadPlace {
        study_id,
        reader_id,
        case_ref,
        session: 1,
        position: 1,
        stage: vocab::Stage::Single,
    };
    let answer = crate::Answer {
        call_positive: true,
        score: 70,
        active_ms: 5200,
        interactions: r#"[{"t":1}]"#.into(),
        marks: Vec::new(),
    };
    crate::NewRead::new(place, answer, false, key.into(), None)
}
