//! Study-management storage on both backends: settings and their lock, readers, all-or-nothing
//! imports, case orders, AI outputs and runs, progress.

use crate::pool::on_pool;
use crate::testing::{case, each_backend, insert_read};
use crate::{
    AiOutputRow, CrossoverGroup, ImportRecord, NewReader, NewStudy, ReadingDesign, Seniority,
    Store, StoreError,
};

fn record() -> ImportRecord {
    ImportRecord {
        kind: "folder".into(),
        source: "/data/phantoms".into(),
        imported_by: "cli".into(),
    }
}

fn reader(user_id: i64, email: &str) -> NewReader {
    NewReader {
        user_id,
        name: format!("Reader {user_id}"),
        email: email.into(),
        hospital: "H1".into(),
        years_experience: 4,
        seniority: Seniority::Junior,
        seniority_overridden: false,
        group: CrossoverGroup::A,
    }
}

async fn study_with_case(store: &Store) -> (i64, i64, i64) {
    let study = store
        .create_study(
            &NewStudy::new("Knee", "OS", "GCT", ReadingDesign::Crossover),
            Some(9),
        )
        .await
        .unwrap();
    store
        .store_import(study.id, &record(), &[case("c1", true, "internal")])
        .await
        .unwrap();
    let reader_id = store
        .enrol_readers(study.id, &[reader(5, "r@x")])
        .await
        .unwrap()[0];
    let case_ref = store.list_cases(study.id).await.unwrap()[0].id;
    (study.id, reader_id, case_ref)
}

#[tokio::test]
async fn settings_round_trip_and_lock_with_the_first_read() {
    for t in each_backend().await {
        let store = &t.store;
        let mut new = NewStudy::new("Knee", "OS", "GCT", ReadingDesign::Sequential);
        new.config.washout_days = 14;
        new.config.read_splits = vec![vocab::Split::External];
        new.config.deid = crate::DeidChoices {
            keep_characteristics: false,
            keep_descriptions: true,
            accept_burned_in: true,
        };
        let study = store.create_study(&new, Some(9)).await.unwrap();
        assert_eq!(
            store.study(study.id).await.unwrap().unwrap(),
            study,
            "{}",
            t.backend
        );
        assert!(store.is_study_coordinator(study.id, 9).await.unwrap());
        assert!(!store.is_study_coordinator(study.id, 10).await.unwrap());

        new.config.washout_days = 21;
        let updated = store.update_study(study.id, &new).await.unwrap();
        assert_eq!(updated.config.washout_days, 21);

        store
            .store_import(study.id, &record(), &[case("c1", true, "external")])
            .await
            .unwrap();
        let reader_id = store
            .enrol_readers(study.id, &[reader(5, "r@x")])
            .await
            .unwrap()[0];
        let case_ref = store.list_cases(study.id).await.unwrap()[0].id;
        insert_read(store, study.id, reader_id, case_ref, "k1").await;

        assert!(store.study_is_locked(study.id).await.unwrap());
        let err = store.update_study(study.id, &new).await.unwrap_err();
        assert!(matches!(err, StoreError::Locked(_)), "{}: {err}", t.backend);
        assert!(err.to_string().contains("reading has begun"));
        let err = store
            .store_import(study.id, &record(), &[case("c2", false, "external")])
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Locked(_)), "{}: {err}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn an_import_with_a_repeated_case_id_stores_nothing() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, ..) = study_with_case(store).await;

        let err = store
            .store_import(
                study_id,
                &record(),
                &[case("c2", false, "internal"), case("c1", true, "internal")],
            )
            .await
            .unwrap_err();

        assert!(
            matches!(err, StoreError::Duplicate { .. }),
            "{}: {err}",
            t.backend
        );
        assert_eq!(
            store.case_ids(study_id).await.unwrap(),
            vec!["c1".to_string()]
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn enrolling_an_enrolled_reader_again_stores_nobody() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, ..) = study_with_case(store).await;

        let err = store
            .enrol_readers(study_id, &[reader(6, "new@x"), reader(5, "r@x")])
            .await
            .unwrap_err();

        assert!(
            matches!(err, StoreError::Duplicate { .. }),
            "{}: {err}",
            t.backend
        );
        assert_eq!(store.list_readers(study_id).await.unwrap().len(), 1);
        t.finish().await;
    }
}

#[tokio::test]
async fn orders_are_stored_by_position_and_progress_counts_committed_reads() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, reader_id, case_ref) = study_with_case(store).await;
        store.store_order(reader_id, 1, &[case_ref]).await.unwrap();
        assert_eq!(store.order_of(reader_id, 1).await.unwrap(), vec![case_ref]);

        insert_read(store, study_id, reader_id, case_ref, "k1").await;
        let progress = store.study_progress(study_id).await.unwrap();

        assert_eq!(progress.len(), 1, "{}", t.backend);
        assert_eq!((progress[0].done, progress[0].total), (1, 1));
        assert_eq!(progress[0].median_active_ms, Some(4000));
        store.clear_orders(study_id).await.unwrap();
        assert!(store.order_of(reader_id, 1).await.unwrap().is_empty());
        t.finish().await;
    }
}

#[tokio::test]
async fn an_ai_output_is_stored_once_per_model_version() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, _, case_ref) = study_with_case(store).await;
        let output = AiOutputRow {
            case_ref,
            model_version: "default-abc".into(),
            probability: 0.8,
            predicted_positive: true,
            heatmap_file: "x/heatmap.png".into(),
            features: "[0.5]".into(),
            marks: Some(vec![vocab::AiMark {
                x: 0.25,
                y: 0.5,
                rating: 0.75,
            }]),
        };
        assert!(store.save_ai_output(&output).await.unwrap());
        let again = AiOutputRow {
            probability: 0.1,
            ..output.clone()
        };

        assert!(
            !store.save_ai_output(&again).await.unwrap(),
            "{}",
            t.backend
        );
        assert_eq!(
            store.ai_outputs(study_id, "default-abc").await.unwrap(),
            vec![output]
        );

        let job = store
            .start_ai_job(study_id, "default-abc", 1)
            .await
            .unwrap();
        assert!(store
            .start_ai_job(study_id, "default-abc", 1)
            .await
            .is_err());
        // A second server starting now leaves the live run alone; once nobody has marked
        // the run alive for a while, its server is gone and the run is failed.
        assert_eq!(store.fail_interrupted_ai_jobs().await.unwrap(), 0);
        on_pool!(store, pool => {
            sqlx::query("UPDATE ai_jobs SET heartbeat_at = '2026-01-01T00:00:00Z' WHERE id = $1")
                .bind(job.id)
                .execute(pool)
                .await
                .map(|_| ())
        })
        .unwrap();
        assert_eq!(store.fail_interrupted_ai_jobs().await.unwrap(), 1);
        let failed = store.latest_ai_job(study_id).await.unwrap().unwrap();
        assert_eq!(failed.status, vocab::JobState::Failed, "{}", t.backend);
        assert!(store
            .update_ai_job(job.id, 1, vocab::JobState::Done, None)
            .await
            .is_err());
        let job = store
            .start_ai_job(study_id, "default-abc", 1)
            .await
            .unwrap();
        store
            .update_ai_job(job.id, 1, vocab::JobState::Done, None)
            .await
            .unwrap();
        let latest = store.latest_ai_job(study_id).await.unwrap().unwrap();
        assert_eq!((latest.status, latest.done), (vocab::JobState::Done, 1));
        assert!(latest.finished_at.is_some());
        t.finish().await;
    }
}

#[tokio::test]
async fn an_output_from_before_marks_gains_them_once_and_keeps_everything_else() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, _, case_ref) = study_with_case(store).await;
        let old = AiOutputRow {
            case_ref,
            model_version: "default-abc".into(),
            probability: 0.8,
            predicted_positive: true,
            heatmap_file: "x/heatmap.png".into(),
            features: "[0.5]".into(),
            marks: None,
        };
        store.save_ai_output(&old).await.unwrap();
        let mark = |rating| vocab::AiMark {
            x: 0.5,
            y: 0.5,
            rating,
        };
        let completed = AiOutputRow {
            probability: 0.1,
            marks: Some(vec![mark(0.8)]),
            ..old.clone()
        };

        assert!(
            store.save_ai_output(&completed).await.unwrap(),
            "{}",
            t.backend
        );
        let changed = AiOutputRow {
            marks: Some(vec![mark(0.2)]),
            ..completed.clone()
        };
        assert!(
            !store.save_ai_output(&changed).await.unwrap(),
            "{}",
            t.backend
        );

        let stored = store.ai_outputs(study_id, "default-abc").await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].probability, 0.8, "{}", t.backend);
        assert_eq!(stored[0].marks, Some(vec![mark(0.8)]), "{}", t.backend);
        t.finish().await;
    }
}

use crate::testing::read;

fn author() -> crate::ReadAuthor<'static> {
    crate::ReadAuthor {
        user_id: 1,
        email: "reader@x",
        simulated: false,
    }
}

#[tokio::test]
async fn a_read_submitted_twice_with_one_key_is_saved_once() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, reader_id, case_ref) = study_with_case(store).await;

        let (first, created) = store
            .save_read(&read(study_id, reader_id, case_ref, "k-1"), author())
            .await
            .unwrap();
        let retry = read(study_id, reader_id, case_ref, "k-1");
        let (second, created_again) = store.save_read(&retry, author()).await.unwrap();

        assert!(created && !created_again, "{}", t.backend);
        assert_eq!(first, second);
        assert_eq!(store.reads_of(reader_id, 1).await.unwrap().len(), 1);
        assert!(store.study_is_locked(study_id).await.unwrap());
        t.finish().await;
    }
}

#[tokio::test]
async fn a_key_replayed_with_another_rating_is_a_conflict_not_an_acknowledgement() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, reader_id, case_ref) = study_with_case(store).await;
        store
            .save_read(&read(study_id, reader_id, case_ref, "k-1"), author())
            .await
            .unwrap();
        let mut replay = read(study_id, reader_id, case_ref, "k-1");
        replay.score = 10;

        let err = store.save_read(&replay, author()).await.unwrap_err();

        assert!(
            matches!(err, StoreError::Conflict(_)),
            "{}: {err}",
            t.backend
        );
        assert_eq!(
            store.reads_of(reader_id, 1).await.unwrap()[0].read.score,
            70
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn of_two_different_ratings_sent_at_once_exactly_one_is_acknowledged() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, reader_id, case_ref) = study_with_case(store).await;
        let tasks: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                let mut new = read(study_id, reader_id, case_ref, &format!("race-{i}"));
                new.score = 10 * i;
                tokio::spawn(async move { store.save_read(&new, author()).await })
            })
            .collect();
        let mut acknowledged = Vec::new();
        for task in tasks {
            match task.await.unwrap() {
                Ok((read, _)) => acknowledged.push(read.read.score),
                Err(StoreError::Conflict(_)) => {}
                Err(other) => panic!("{}: {other}", t.backend),
            }
        }

        let saved = store.reads_of(reader_id, 1).await.unwrap();
        assert_eq!(saved.len(), 1, "{}", t.backend);
        assert_eq!(acknowledged, vec![saved[0].read.score], "{}", t.backend);
        t.finish().await;
    }
}

#[tokio::test]
async fn every_saved_read_has_its_rating_in_the_audit_trail_and_an_edit_is_named() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, reader_id, case_ref) = study_with_case(store).await;
        let (saved, _) = store
            .save_read(&read(study_id, reader_id, case_ref, "k-1"), author())
            .await
            .unwrap();
        let intact = store.verify_audit().await.unwrap();
        assert_eq!(intact.first_broken, None, "{}", t.backend);
        assert_eq!(intact.reads_checked, 1);

        on_pool!(store, pool => sqlx::query("UPDATE reads SET score = 5 WHERE id = $1").bind(saved.id).execute(pool).await.map(|_| ())).unwrap();
        let verification = store.verify_audit().await.unwrap();

        let broken = verification
            .first_broken
            .expect("the edited rating is found");
        assert_eq!(broken.read_id, Some(saved.id), "{}", t.backend);
        assert!(
            broken
                .reason
                .contains("score is 5 in the database but 70 in the trail"),
            "{}",
            broken.reason
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn a_reads_marks_come_back_as_saved_and_emptying_them_is_found_by_the_audit_check() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, reader_id, case_ref) = study_with_case(store).await;
        let mut new = read(study_id, reader_id, case_ref, "k-marks");
        new.marks = vec![
            vocab::Mark {
                x: 0.25,
                y: 0.5,
                rating: 80,
            },
            vocab::Mark {
                x: 0.9,
                y: 0.1,
                rating: 30,
            },
        ];

        let (saved, _) = store.save_read(&new, author()).await.unwrap();
        let again = store.read_by_key("k-marks").await.unwrap().unwrap();

        assert_eq!(again.read.marks, new.marks, "{}", t.backend);
        assert_eq!(store.verify_audit().await.unwrap().first_broken, None);
        on_pool!(store, pool => sqlx::query("UPDATE reads SET marks = '[]' WHERE id = $1").bind(saved.id).execute(pool).await.map(|_| ())).unwrap();
        let broken = store
            .verify_audit()
            .await
            .unwrap()
            .first_broken
            .expect("the lost marks are found");
        assert_eq!(broken.read_id, Some(saved.id), "{}", t.backend);
        assert!(broken.reason.contains("marks"), "{}", broken.reason);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_session_override_needs_a_reason_and_happens_once() {
    for t in each_backend().await {
        let store = &t.store;
        let (_, reader_id, _) = study_with_case(store).await;

        assert!(store
            .override_session(reader_id, 2, "  ", "c@x")
            .await
            .is_err());
        store
            .override_session(reader_id, 2, "reader travels", "c@x")
            .await
            .unwrap();

        assert!(
            store.session_overridden(reader_id, 2).await.unwrap(),
            "{}",
            t.backend
        );
        assert!(!store.session_overridden(reader_id, 1).await.unwrap());
        assert!(store
            .override_session(reader_id, 2, "again", "c@x")
            .await
            .is_err());
        t.finish().await;
    }
}

#[tokio::test]
async fn a_resubmission_under_a_new_key_returns_the_read_already_saved() {
    for t in each_backend().await {
        let store = &t.store;
        let (study_id, reader_id, case_ref) = study_with_case(store).await;
        let (first, _) = store
            .save_read(
                &read(study_id, reader_id, case_ref, "before-reload"),
                author(),
            )
            .await
            .unwrap();

        let (again, created) = store
            .save_read(
                &read(study_id, reader_id, case_ref, "after-reload"),
                author(),
            )
            .await
            .unwrap();

        assert!(!created, "{}", t.backend);
        assert_eq!(again.id, first.id);
        assert_eq!(store.reads_of(reader_id, 1).await.unwrap().len(), 1);
        t.finish().await;
    }
}
