//! `lector demo --no-serve`: the seed-study replica on a small phantom set, on SQLite and
//! PostgreSQL — 16 simulated readers with both sessions read, a 17th with nothing read, the AI
//! over every case, an intact audit trail, the demo logins working, and a second run adding
//! nothing.

use std::collections::BTreeMap;
use std::process::{Command, Output};

use tests::{lector_binary, on_both_backends, TestApp};

const STUDY: &str = "Osteosarcoma vs giant-cell tumour (demo)";
/// Small, yet every read split has cases and both crossover groups of each seniority group hold
/// two or more readers (the readers do not depend on the number of cases).
const CASES: &str = "40";

fn lector(app: &TestApp, args: &[&str]) -> Output {
    let output = Command::new(lector_binary())
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .arg("--database-url")
        .arg(&app.database_url)
        .args(args)
        .env("LECTOR_LOG", "warn")
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

fn demo(app: &TestApp) -> String {
    let output = lector(app, &["demo", "--no-serve", "--cases", CASES]);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Rows of every table the demo fills, to compare two runs.
async fn counts(store: &store::Store, study_id: i64) -> BTreeMap<&'static str, usize> {
    BTreeMap::from([
        ("studies", store.list_studies().await.unwrap().len()),
        ("users", store.list_users(None).await.unwrap().len()),
        ("cases", store.list_cases(study_id).await.unwrap().len()),
        ("readers", store.list_readers(study_id).await.unwrap().len()),
        (
            "ai outputs",
            store
                .ai_outputs(study_id, app::ssr::ai::model_version())
                .await
                .unwrap()
                .len(),
        ),
        ("reads", store.reads_of_study(study_id).await.unwrap().len()),
        ("audit rows", store.audit_trail().await.unwrap().len()),
    ])
}

async fn the_demo_builds_the_whole_study_and_a_second_run_adds_nothing(app: &TestApp) {
    let printed = demo(app);

    assert!(printed.contains("coordinator@lector.demo"), "{printed}");
    assert!(printed.contains("visitor@lector.demo"), "{printed}");
    let store = app.store().await;
    let study = store
        .list_studies()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == STUDY)
        .expect("the demo study exists");
    let cases = store.list_cases(study.id).await.unwrap();
    assert_eq!(cases.len(), 40);
    let read_cases = cases
        .iter()
        .filter(|c| study.config.read_splits.contains(&c.case.split))
        .count();
    for split in vocab::Split::TEST {
        assert!(
            cases.iter().any(|c| c.case.split == split),
            "no {split} cases"
        );
    }
    let before = counts(&store, study.id).await;
    assert_eq!(before["ai outputs"], 40, "the AI scored every case");
    assert_eq!(before["readers"], 17);

    let readers = store.list_readers(study.id).await.unwrap();
    let reads = store.reads_of_study(study.id).await.unwrap();
    let visitor = readers
        .iter()
        .find(|r| r.email == "visitor@lector.demo")
        .expect("the visitor is enrolled");
    assert!(reads.iter().all(|r| r.read.reader_id != visitor.id));
    let session_reads: Vec<_> = reads.iter().filter(|r| r.read.session >= 1).collect();
    assert_eq!(session_reads.len(), 16 * 2 * read_cases);
    for reader in readers.iter().filter(|r| r.id != visitor.id) {
        for session in [1, 2] {
            let mine: Vec<_> = session_reads
                .iter()
                .filter(|r| r.read.reader_id == reader.id && r.read.session == session)
                .collect();
            assert_eq!(mine.len(), read_cases);
            let aided = study.design.session_is_aided(reader.group, session);
            assert!(mine.iter().all(|r| r.read.ai_shown == aided
                && r.read.modality() == vocab::Modality::from_ai_shown(aided)
                && r.read.stage == vocab::Stage::Single
                && (0..=100).contains(&r.read.score)));
            let order = store.order_of(reader.id, session).await.unwrap();
            assert!(mine
                .iter()
                .all(|r| order[r.read.position as usize - 1] == r.read.case_ref));
        }
    }
    let mut groups = BTreeMap::new();
    for reader in readers.iter().filter(|r| r.id != visitor.id) {
        *groups
            .entry((reader.seniority.as_str(), reader.group.as_str()))
            .or_insert(0) += 1;
    }
    assert_eq!(
        groups.len(),
        6,
        "every seniority group in both crossover groups: {groups:?}"
    );
    assert!(groups.values().all(|n| *n >= 2), "{groups:?}");

    demo(app);

    assert_eq!(counts(&store, study.id).await, before);
    let verified = lector(app, &["audit", "verify"]);
    assert!(String::from_utf8_lossy(&verified.stdout).contains("intact"));
}

async fn the_demo_logins_sign_in_and_the_visitor_has_sessions_to_read(app: &TestApp) {
    demo(app);

    app.sign_in("coordinator@lector.demo", "lector-demo-coordinator")
        .await;
    app.sign_in("reader01@lector.demo", "lector-demo-reader")
        .await;
    let visitor = app
        .sign_in("visitor@lector.demo", "lector-demo-reader")
        .await;
    let worklist: serde_json::Value = app
        .call(&visitor, "/api/reading/worklist", &[])
        .await
        .json()
        .await
        .unwrap();
    let text = worklist.to_string();
    assert!(text.contains(STUDY), "{text}");
    assert_eq!(worklist[0]["sessions"][0]["state"], "open", "{text}");
}

on_both_backends!(
    the_demo_builds_the_whole_study_and_a_second_run_adds_nothing,
    the_demo_logins_sign_in_and_the_visitor_has_sessions_to_read,
);
