//! The threat list of reading, each written as the attack a hostile reader sends with raw HTTP
//! and asserting the refusal, on SQLite and PostgreSQL (issue 14):
//! 1. replaying a practice read's key with another case never reveals that case's truth;
//! 2. a group-B reader gets no heat map in the unaided session after the aided one, nor after
//!    a coordinator's override; an override never opens session 2 before session 1 is done;
//! 3. a huge reading time is refused, and the study keeps answering;
//! 4. out-of-bounds fields (logs, keys, steps, positions) are refused with a 4xx, never a 500;
//! 5. of two different ratings sent at once, one is saved and the other told why;
//! 6. a saved read and its audit row (with the rating) commit together, and a rating edited in
//!    the database afterwards is named by the verification;
//! 7. going back to the unaided session after the AI has been seen is refused.

use serde_json::{json, Value};
use store::CrossoverGroup;
use tests::study::{
    enrol_readers, form, read_whole_session, study_with_settings, submission, PASSWORD,
};
use tests::{api, on_both_backends, TestApp};

const READERS: [&str; 2] = ["r1@x.example", "r2@x.example"];

/// A crossover study of 16 phantoms with `practice` practice cases, two enrolled junior
/// readers (so one in each crossover group), and an AI output with a heat map for every case.
async fn crossover_study(app: &TestApp, practice: i64, back: bool) -> (reqwest::Client, i64) {
    let mut settings = form("Threats");
    settings["practice_cases"] = json!(practice);
    if back {
        settings["back_navigation"] = json!("within_session");
    }
    let (coordinator, study) = study_with_settings(app, 16, settings).await;
    enrol_readers(app, &coordinator, study, &READERS).await;
    let store = app.store().await;
    let heatmaps = app.data_dir.path().join("test-heatmaps");
    std::fs::create_dir_all(&heatmaps).unwrap();
    for case in store.list_cases(study).await.unwrap() {
        let file = format!("test-heatmaps/{}.png", case.id);
        std::fs::copy(
            app.data_dir
                .path()
                .join(&case.case.files_dir)
                .join("thumb.png"),
            app.data_dir.path().join(&file),
        )
        .unwrap();
        store
            .save_ai_output(&store::AiOutputRow {
                case_ref: case.id,
                model_version: app::ssr::ai::model_version().into(),
                probability: 0.8,
                predicted_positive: true,
                heatmap_file: file,
                features: "[]".into(),
                marks: None,
            })
            .await
            .unwrap();
    }
    (coordinator, study)
}

/// The signed-in client and reader id of the reader in `group`.
async fn reader_in(app: &TestApp, study: i64, group: CrossoverGroup) -> (reqwest::Client, i64) {
    let readers = app.store().await.list_readers(study).await.unwrap();
    let reader = readers.iter().find(|r| r.group == group).unwrap();
    (app.sign_in(&reader.email, PASSWORD).await, reader.id)
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    body: Value,
) -> (u16, String) {
    let response = api::post_json(app, client, endpoint, body).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn state(app: &TestApp, client: &reqwest::Client, study: i64, session: i64) -> Value {
    let (_, body) = post(
        app,
        client,
        "reading/state",
        json!({ "study_id": study, "session": session }),
    )
    .await;
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

async fn heatmap_status(app: &TestApp, client: &reqwest::Client, case: i64) -> u16 {
    client
        .get(format!("{}/images/cases/{case}/heatmap", app.address))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn override_session_two(
    app: &TestApp,
    coordinator: &reqwest::Client,
    study: i64,
    reader: i64,
) -> (u16, String) {
    post(
        app,
        coordinator,
        "reading/override",
        json!({ "study_id": study, "reader_id": reader, "session": 2, "reason": "travels" }),
    )
    .await
}

fn assert_refused(status: u16, body: &str, words: &str) {
    assert!(
        (400..500).contains(&status),
        "expected a 4xx, got {status}: {body}"
    );
    assert!(body.contains(words), "expected '{words}' in: {body}");
}

async fn a_replayed_practice_key_never_reveals_another_cases_truth(app: &TestApp) {
    let (_coordinator, study) = crossover_study(app, 2, false).await;
    let (reader, reader_id) = reader_in(app, study, CrossoverGroup::A).await;
    let practice = state(app, &reader, study, 0).await;
    let first = submission(study, 0, &practice["case"], "practice-key", 70);
    let (status, answer) = post(app, &reader, "reading/submit", first.clone()).await;
    assert_eq!(status, 200, "{answer}");
    let store = app.store().await;
    let mut others = Vec::new();
    for session in [0, 1, 2] {
        others.extend(store.order_of(reader_id, session).await.unwrap());
    }
    let practice_case = practice["case"]["case_ref"].as_i64().unwrap();

    let mut leaked = 0;
    for case in others.iter().filter(|c| **c != practice_case) {
        let mut replay = first.clone();
        replay["read"]["case_ref"] = json!(case);
        let (status, body) = post(app, &reader, "reading/submit", replay).await;
        assert_refused(status, &body, "already used for a different rating");
        leaked += usize::from(body.contains("\"feedback\""));
    }
    let (status, again) = post(app, &reader, "reading/submit", first).await;

    assert_eq!(leaked, 0);
    assert_eq!(status, 200, "an honest retry is still answered: {again}");
    assert_eq!(again, answer, "a retry gets exactly the first answer");
}

async fn a_group_b_reader_sees_no_heat_map_in_the_unaided_session_after_the_aided_one(
    app: &TestApp,
) {
    let (coordinator, study) = crossover_study(app, 0, false).await;
    let (reader, reader_id) = reader_in(app, study, CrossoverGroup::B).await;
    let aided = state(app, &reader, study, 1).await;
    let first = aided["case"]["case_ref"].as_i64().unwrap();
    assert_eq!(
        heatmap_status(app, &reader, first).await,
        200,
        "aided: the heat map is shown"
    );
    read_whole_session(app, &reader, study, 1).await;
    let (status, body) = override_session_two(app, &coordinator, study, reader_id).await;
    assert_eq!(status, 200, "{body}");

    let unaided = state(app, &reader, study, 2).await;
    let order = app.store().await.order_of(reader_id, 2).await.unwrap();
    let mut shown = Vec::new();
    for case in &order {
        if heatmap_status(app, &reader, *case).await != 404 {
            shown.push(*case);
        }
    }

    assert!(unaided["case"].is_object(), "{unaided}");
    assert!(unaided["case"]["ai"].is_null(), "{unaided}");
    assert_eq!(
        shown,
        Vec::<i64>::new(),
        "heat maps answered in the unaided session"
    );
}

async fn an_override_never_opens_session_two_before_session_one_is_finished(app: &TestApp) {
    let (coordinator, study) = crossover_study(app, 0, false).await;
    let (reader, reader_id) = reader_in(app, study, CrossoverGroup::A).await;
    let unaided = state(app, &reader, study, 1).await;
    let case = unaided["case"]["case_ref"].as_i64().unwrap();

    let (status, body) = override_session_two(app, &coordinator, study, reader_id).await;
    let (_, aided) = post(
        app,
        &reader,
        "reading/state",
        json!({ "study_id": study, "session": 2 }),
    )
    .await;

    assert_refused(
        status,
        &body,
        "only after the reader has finished session 1",
    );
    assert!(!aided.contains("\"ai\":{"), "{aided}");
    assert_eq!(heatmap_status(app, &reader, case).await, 404);
}

async fn a_huge_reading_time_is_refused_and_the_study_keeps_answering(app: &TestApp) {
    let (coordinator, study) = crossover_study(app, 0, false).await;
    let (reader, _) = reader_in(app, study, CrossoverGroup::A).await;
    let first = state(app, &reader, study, 1).await;

    let mut statuses = Vec::new();
    for (n, time) in [i64::MAX, i64::MAX, -1].into_iter().enumerate() {
        let mut body = submission(study, 1, &first["case"], &format!("huge-{n}"), 70);
        body["read"]["active_ms"] = json!(time);
        let (status, text) = post(app, &reader, "reading/submit", body).await;
        assert_refused(status, &text, "reading time");
        statuses.push(status);
    }
    let (progress, text) = post(
        app,
        &coordinator,
        "progress/study",
        json!({ "study_id": study }),
    )
    .await;
    let worklist = post(app, &reader, "reading/worklist", json!({})).await.0;

    assert_eq!((progress, worklist), (200, 200), "{text}");
}

async fn out_of_bounds_fields_are_refused_with_a_4xx_never_a_500(app: &TestApp) {
    let (_coordinator, study) = crossover_study(app, 0, true).await;
    let (reader, _) = reader_in(app, study, CrossoverGroup::A).await;
    let first = state(app, &reader, study, 1).await;
    let case = &first["case"];
    let with = |field: &str, value: Value| {
        let mut body = submission(study, 1, case, "bounds", 70);
        body["read"][field] = value;
        body
    };
    let attacks = [
        (
            with("interactions", json!("x".repeat(300 * 1024))),
            "viewer log",
        ),
        (
            with("interactions", json!("{\"not\":\"a list\"}")),
            "viewer log",
        ),
        (
            with("idempotency_key", json!("k".repeat(1000))),
            "submission key",
        ),
        (
            with("idempotency_key", json!("../../etc")),
            "submission key",
        ),
        (with("stage", json!("final' OR 1=1")), "unknown stage"),
        (with("score", json!(101)), "between 0 and 100"),
        (with("score", json!(i64::MIN)), "between 0 and 100"),
    ];
    for (body, words) in attacks {
        let (status, text) = post(app, &reader, "reading/submit", body).await;
        assert_refused(status, &text, words);
    }
    for position in [i64::MIN, 0, -1, i64::MAX] {
        let (status, text) = post(
            app,
            &reader,
            "reading/review",
            json!({ "study_id": study, "session": 1, "position": position }),
        )
        .await;
        assert!(
            (400..500).contains(&status),
            "position {position}: {status} {text}"
        );
    }

    let saved = app.store().await.all_reads().await.unwrap();
    assert!(saved.is_empty(), "nothing was saved: {saved:?}");
}

async fn of_two_different_ratings_sent_at_once_one_is_saved_and_the_other_told_why(app: &TestApp) {
    let (_coordinator, study) = crossover_study(app, 0, false).await;
    let (reader, reader_id) = reader_in(app, study, CrossoverGroup::A).await;
    let first = state(app, &reader, study, 1).await;
    let low = submission(study, 1, &first["case"], "tab-one", 10);
    let high = submission(study, 1, &first["case"], "tab-two", 90);

    let (a, b) = tokio::join!(
        post(app, &reader, "reading/submit", low),
        post(app, &reader, "reading/submit", high)
    );

    let saved = app.store().await.reads_of(reader_id, 1).await.unwrap();
    assert_eq!(saved.len(), 1);
    let (won, lost, acknowledged) = if a.0 == 200 { (a, b, 10) } else { (b, a, 90) };
    assert_eq!(won.0, 200, "{}", won.1);
    // Told why either way: another rating won the race, or (when the first had already
    // committed) the case is no longer the one in front of the reader.
    assert!((400..500).contains(&lost.0), "{}", lost.1);
    assert!(
        lost.1.contains("saved first") || lost.1.contains("not the next one"),
        "{}",
        lost.1
    );
    assert_eq!(
        saved[0].read.score, acknowledged,
        "the saved rating is the acknowledged one"
    );
}

async fn a_read_commits_with_its_audit_row_and_an_edited_rating_is_named(app: &TestApp) {
    let (_coordinator, study) = crossover_study(app, 0, false).await;
    let (reader, reader_id) = reader_in(app, study, CrossoverGroup::A).await;
    let first = state(app, &reader, study, 1).await;
    let (status, _) = post(
        app,
        &reader,
        "reading/submit",
        submission(study, 1, &first["case"], "audited", 65),
    )
    .await;
    assert_eq!(status, 200);
    let store = app.store().await;
    let read = store.reads_of(reader_id, 1).await.unwrap().remove(0);
    let row = store
        .audit_trail()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.action == "read.save")
        .expect("the read has its audit row");
    let detail: Value = serde_json::from_str(&row.detail).unwrap();
    assert_eq!(
        (
            &detail["read"],
            &detail["score"],
            &detail["stage"],
            &detail["session"],
            &detail["call_positive"]
        ),
        (
            &json!(read.id),
            &json!(65),
            &json!("single"),
            &json!(1),
            &json!(true)
        )
    );
    assert_eq!(store.verify_audit().await.unwrap().first_broken, None);

    tests::sql::execute(
        &app.database_url,
        &format!("UPDATE reads SET score = 12 WHERE id = {}", read.id),
    )
    .await;
    let verification = store.verify_audit().await.unwrap();

    let broken = verification.first_broken.expect("the edit is found");
    assert_eq!(broken.read_id, Some(read.id));
    assert_eq!(broken.seq, row.seq);
}

async fn going_back_to_the_unaided_session_after_the_ai_is_refused(app: &TestApp) {
    let (coordinator, study) = crossover_study(app, 0, true).await;
    let (reader, reader_id) = reader_in(app, study, CrossoverGroup::A).await;
    let first = state(app, &reader, study, 1).await;
    read_whole_session(app, &reader, study, 1).await;
    override_session_two(app, &coordinator, study, reader_id).await;
    let aided = state(app, &reader, study, 2).await;
    assert!(
        aided["case"]["ai"].is_object(),
        "session 2 is aided: {aided}"
    );

    let (review, review_text) = post(
        app,
        &reader,
        "reading/review",
        json!({ "study_id": study, "session": 1, "position": 1 }),
    )
    .await;
    let mut correction = submission(study, 1, &first["case"], "late-correction", 5);
    correction["read"]["stage"] = json!("single");
    let (correct, correct_text) = post(app, &reader, "reading/submit", correction).await;

    assert_refused(review, &review_text, "can no longer be changed");
    assert_refused(correct, &correct_text, "can no longer be changed");
    let reads = app.store().await.reads_of(reader_id, 1).await.unwrap();
    assert!(reads.iter().all(|r| r.read.supersedes.is_none()));
}

on_both_backends!(
    a_replayed_practice_key_never_reveals_another_cases_truth,
    a_group_b_reader_sees_no_heat_map_in_the_unaided_session_after_the_aided_one,
    an_override_never_opens_session_two_before_session_one_is_finished,
    a_huge_reading_time_is_refused_and_the_study_keeps_answering,
    out_of_bounds_fields_are_refused_with_a_4xx_never_a_500,
    of_two_different_ratings_sent_at_once_one_is_saved_and_the_other_told_why,
    a_read_commits_with_its_audit_row_and_an_edited_rating_is_named,
    going_back_to_the_unaided_session_after_the_ai_is_refused,
);
