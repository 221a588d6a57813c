//! Localization studies through the running server, on SQLite and PostgreSQL (issue 21): marks
//! are refused where a study asks for none and when out of bounds; readers' marks are stored as
//! sent, scored against each case's mask (one on the lesion, one beside it), and the results
//! page carries the wAFROC table by seniority with its F test.

use serde_json::{json, Value};
use store::CrossoverGroup;
use tests::study::{enrol_readers, form, study_with_settings, submission, PASSWORD};
use tests::{api, on_both_backends, TestApp};

const READERS: [&str; 2] = ["r1@x.example", "r2@x.example"];

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    body: Value,
) -> (u16, Value) {
    let response = api::post_json(app, client, endpoint, body).await;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A study of `n` phantoms asking for marks (scored inside the mask), no washout, two junior
/// readers, one in each crossover group, and the AI's output for every case.
async fn localization_study(app: &TestApp, n: usize) -> (reqwest::Client, i64) {
    let mut settings = form("Marks");
    settings["task"] = json!("localization");
    settings["washout_days"] = json!(0);
    let (coordinator, study) = study_with_settings(app, n, settings).await;
    enrol_readers(app, &coordinator, study, &READERS).await;
    // An AI output per case, so the aided session shows the AI (its reads are the aided ones),
    // with the AI's marks: on the lesion of a positive case, in a corner of every case.
    let store = app.store().await;
    for case in store.list_cases(study).await.unwrap() {
        store
            .save_ai_output(&store::AiOutputRow {
                case_ref: case.id,
                model_version: app::ssr::ai::model_version().into(),
                probability: 0.7,
                predicted_positive: true,
                heatmap_file: format!("{}/thumb.png", case.case.files_dir),
                features: "[]".into(),
                marks: Some(ai_marks(app, case.id).await),
            })
            .await
            .unwrap();
    }
    (coordinator, study)
}

/// The AI's marks in the test studies: on the lesion of a positive case, and in a corner beside
/// it on every case, rated by the case's id so that the two overlap and its figure is neither
/// 0.5 nor 1.
async fn ai_marks(app: &TestApp, case_ref: i64) -> Vec<vocab::AiMark> {
    let positive = app
        .store()
        .await
        .case(case_ref)
        .await
        .unwrap()
        .is_some_and(|c| c.case.truth);
    let spread = (case_ref % 10) as f64;
    let mut marks = Vec::new();
    let map = lesions(app, case_ref).await;
    if let Some((x, y)) = map
        .as_ref()
        .filter(|_| positive)
        .and_then(|m| m.point_in(0))
    {
        marks.push(vocab::AiMark {
            x,
            y,
            rating: 0.6 + 0.04 * spread,
        });
    }
    let (x, y) = map.as_ref().map_or((0.02, 0.02), beside);
    marks.push(vocab::AiMark {
        x,
        y,
        rating: 0.1 + 0.08 * spread,
    });
    marks
}

async fn reader(app: &TestApp, study: i64, group: CrossoverGroup) -> reqwest::Client {
    let readers = app.store().await.list_readers(study).await.unwrap();
    let r = readers.iter().find(|r| r.group == group).unwrap();
    app.sign_in(&r.email, PASSWORD).await
}

/// The case's lesion map, read from the stored mask (`None` for a case without one).
async fn lesions(app: &TestApp, case_ref: i64) -> Option<imaging::LesionMap> {
    let store = app.store().await;
    let case = store.case(case_ref).await.unwrap()?;
    let path = app
        .data_dir
        .path()
        .join(&case.case.files_dir)
        .join("mask.png");
    imaging::LesionMap::load(&path).ok()
}

/// A point on no lesion of the map: the first corner that is not inside one.
fn beside(map: &imaging::LesionMap) -> (f64, f64) {
    [(0.02, 0.02), (0.98, 0.02), (0.02, 0.98), (0.98, 0.98)]
        .into_iter()
        .find(|&(x, y)| map.localized(x, y, vocab::MarkRule::InMask, 5).is_none())
        .unwrap()
}

async fn marks_out_of_bounds_are_refused_and_nothing_is_saved(app: &TestApp) {
    let (_, study) = localization_study(app, 12).await;
    let client = reader(app, study, CrossoverGroup::A).await;
    let (_, state) = post(
        app,
        &client,
        "reading/state",
        json!({ "study_id": study, "session": 1 }),
    )
    .await;
    let mark = |x: f64, y: f64, rating: i64| json!({ "x": x, "y": y, "rating": rating });
    let with = |marks: Value| {
        let mut body = submission(study, 1, &state["case"], "marks", 70);
        body["read"]["marks"] = marks;
        body
    };
    let too_many: Vec<Value> = (0..21)
        .map(|i| mark(0.01 * f64::from(i), 0.5, 50))
        .collect();
    for (marks, words) in [
        (json!(too_many), "at most 20 marks"),
        (json!([mark(1.5, 0.5, 50)]), "must lie on the image"),
        (json!([mark(0.5, -0.1, 50)]), "must lie on the image"),
        (json!([mark(0.5, 0.5, 101)]), "between 0 and 100"),
    ] {
        let (status, body) = post(app, &client, "reading/submit", with(marks)).await;
        assert!((400..500).contains(&status), "{status} {body}");
        assert!(body.to_string().contains(words), "{words}: {body}");
    }
    assert!(app.store().await.all_reads().await.unwrap().is_empty());
}

async fn marks_are_refused_in_a_study_that_asks_for_none(app: &TestApp) {
    let (coordinator, study) = study_with_settings(app, 4, form("No marks")).await;
    enrol_readers(app, &coordinator, study, &READERS).await;
    let client = reader(app, study, CrossoverGroup::A).await;
    let (_, state) = post(
        app,
        &client,
        "reading/state",
        json!({ "study_id": study, "session": 1 }),
    )
    .await;
    let mut body = submission(study, 1, &state["case"], "cls", 70);
    body["read"]["marks"] = json!([{ "x": 0.5, "y": 0.5, "rating": 50 }]);

    let (status, answer) = post(app, &client, "reading/submit", body).await;

    assert!((400..500).contains(&status), "{status} {answer}");
    assert!(
        answer.to_string().contains("does not ask for marks"),
        "{answer}"
    );
    assert!(app.store().await.all_reads().await.unwrap().is_empty());
}

/// Reads a whole session marking the lesion (rated `on`) and a spot beside it (rated `off`)
/// on every case with a mask, and nothing else.
async fn read_with_marks(
    app: &TestApp,
    client: &reqwest::Client,
    study: i64,
    session: i64,
    tag: &str,
    on: impl Fn(i64) -> i64,
) {
    let (status, mut state) = post(
        app,
        client,
        "reading/state",
        json!({ "study_id": study, "session": session }),
    )
    .await;
    assert_eq!(status, 200, "session {session}: {state}");
    assert!(
        state["case"].is_object(),
        "session {session} has a case: {state}"
    );
    let mut n = 0;
    while !state["case"].is_null() {
        n += 1;
        let case_ref = state["case"]["case_ref"].as_i64().unwrap();
        // The rating of the case varies as the marks' do, so the ROC analysis has something
        // to estimate beside the localization one.
        let score = on(case_ref);
        let mut body = submission(
            study,
            session,
            &state["case"],
            &format!("{tag}{session}-{n}"),
            score,
        );
        if let Some(map) = lesions(app, case_ref).await.filter(|m| m.lesions() > 0) {
            let (x, y) = map.point_in(0).unwrap();
            let (bx, by) = beside(&map);
            body["read"]["marks"] = json!([
                { "x": x, "y": y, "rating": score },
                { "x": bx, "y": by, "rating": 20 },
            ]);
        }
        let (status, outcome) = post(app, client, "reading/submit", body).await;
        assert_eq!(status, 200, "{outcome}");
        state = outcome["next"].clone();
    }
}

async fn marks_are_stored_as_sent_scored_on_the_masks_and_analysed_by_wafroc(app: &TestApp) {
    let (coordinator, study) = localization_study(app, 16).await;
    for (i, group) in [CrossoverGroup::A, CrossoverGroup::B]
        .into_iter()
        .enumerate()
    {
        let client = reader(app, study, group).await;
        for session in [1, 2] {
            // Different readers and sessions rate the lesions differently, so the figures vary.
            read_with_marks(
                app,
                &client,
                study,
                session,
                &format!("r{i}s"),
                move |case| 30 + ((case * 7 + session * 13 + i as i64 * 5) % 70),
            )
            .await;
        }
    }

    let reads = app.store().await.all_reads().await.unwrap();
    let marked: Vec<_> = reads.iter().filter(|r| !r.read.marks.is_empty()).collect();
    assert!(!marked.is_empty());
    for read in &marked {
        let map = lesions(app, read.read.case_ref).await.unwrap();
        let scored: Vec<Option<usize>> = read
            .read
            .marks
            .iter()
            .map(|m| map.localized(m.x, m.y, vocab::MarkRule::InMask, 5))
            .collect();
        assert_eq!(scored, vec![Some(0), None], "one LL and one NL");
        assert_eq!(read.read.marks[1].rating, 20);
    }
    assert_eq!(
        app.store().await.verify_audit().await.unwrap().first_broken,
        None
    );

    let (status, view) = post(
        app,
        &coordinator,
        "results/study",
        json!({ "study_id": study, "locale": "en", "covariance": "jackknife" }),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    let table = view["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "localization")
        .unwrap_or_else(|| panic!("no wAFROC table: {view}"));
    assert_eq!(
        table["title"],
        "Localization performance (wAFROC) by seniority"
    );
    let rows = table["rows"].as_array().unwrap();
    let labels: Vec<&str> = rows
        .iter()
        .map(|r| r[0]["text"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Junior", "All readers"]);
    let all = &rows[1];
    assert_eq!(all[1]["text"], "2");
    let figures: Vec<&str> = view["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(figures.contains(&"wafroc_all"), "{figures:?}");
    assert!(figures.contains(&"froc_all"), "{figures:?}");
    let f = all[8]["text"].as_str().unwrap();
    assert!(f.parse::<f64>().is_ok() || f == "∞", "an F statistic: {f}");

    // The page's wAFROC means are what `lector analyze --marks` computes from marks.zip.
    let download = |file: &'static str| {
        let url = format!("{}/studies/{study}/export/{file}", app.address);
        let client = coordinator.clone();
        async move { client.get(url).send().await.unwrap() }
    };
    let zipped = download("marks.zip").await;
    assert_eq!(zipped.status(), 200);
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zipped.bytes().await.unwrap())).unwrap();
    let mut read = |name: &str| {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let (marks, truth) = (read("marks.csv"), read("truth.csv"));
    let reanalysed = analysis::froc::input::read_bytes(&marks, &truth).unwrap();
    let report =
        analysis::froc::analyze(&reanalysed, analysis::froc::LocalizationFom::Wafroc).unwrap();
    let means: Vec<String> = report
        .modality_means
        .iter()
        .map(|m| format!("{:.3}", m.1))
        .collect();
    assert_eq!(report.design.readers.len(), 2);
    assert_eq!(
        [
            all[2]["text"].as_str().unwrap(),
            all[4]["text"].as_str().unwrap()
        ],
        [means[0].as_str(), means[1].as_str()]
    );
    // The AI read as a reader: its wAFROC beside the readers' in a table of its own, and its
    // curve in the figure.
    let versus = view["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "versus_ai")
        .unwrap_or_else(|| panic!("no AI-versus-readers table: {view}"));
    let row = &versus["rows"][0];
    assert_eq!(row[0]["text"], "Junior", "{versus}");
    assert_eq!(row[1]["text"], "2");
    let ai_fom: f64 = row[2]["text"].as_str().unwrap().parse().unwrap();
    assert!(ai_fom > 0.5 && ai_fom < 1.0, "AI wAFROC {ai_fom}");
    let svg = view["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "wafroc_all")
        .unwrap()["svg"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(svg.contains(&format!("CNN (wAFROC {ai_fom:.3})")), "{svg}");
    // The methods paragraph states what was run, in either language.
    let methods = |lang: &'static str| {
        let url = format!(
            "{}/studies/{study}/export/methods.txt?lang={lang}",
            app.address
        );
        let client = coordinator.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let en = methods("en").await;
    for words in [
        "2 radiologists read",
        "crossover design",
        "Obuchowski–Rockette method with jackknife covariance",
        "inside the lesion's mask",
        "1T-RRRC",
        "Hillis SL. A comparison of denominator degrees of freedom",
    ] {
        assert!(en.contains(words), "{words}: {en}");
    }
    let zh = methods("zh-CN").await;
    assert!(
        zh.contains("交叉设计") && zh.contains("位于病灶掩膜内"),
        "{zh}"
    );
    let workbook = download("rjafroc.xlsx").await;
    assert_eq!(workbook.status(), 200);
    assert!(
        workbook.bytes().await.unwrap().starts_with(b"PK"),
        "an XLSX (zip) file"
    );
}

/// The case a reader has in front of them now.
async fn current_case(app: &TestApp, client: &reqwest::Client, study: i64, session: i64) -> Value {
    let (status, state) = post(
        app,
        client,
        "reading/state",
        json!({ "study_id": study, "session": session }),
    )
    .await;
    assert_eq!(status, 200, "{state}");
    state["case"].clone()
}

async fn the_ai_marks_reach_only_aided_reads_and_only_when_the_study_shows_them(app: &TestApp) {
    let (coordinator, study) = localization_study(app, 8).await;
    let unaided = reader(app, study, CrossoverGroup::A).await;
    let aided = reader(app, study, CrossoverGroup::B).await;

    let blind = current_case(app, &unaided, study, 1).await;
    let shown = current_case(app, &aided, study, 1).await;

    assert!(
        blind["ai"].is_null(),
        "an unaided read shows no AI: {blind}"
    );
    assert!(!blind.to_string().contains("rating\":0.9"), "{blind}");
    let case_ref = shown["case_ref"].as_i64().unwrap();
    let expected = serde_json::to_value(ai_marks(app, case_ref).await).unwrap();
    assert_eq!(shown["ai"]["marks"], expected, "{shown}");

    // A study that keeps the AI's marks from its readers shows the probability alone.
    let mut settings = form("Marks");
    settings["task"] = json!("localization");
    settings["washout_days"] = json!(0);
    settings["show_ai_marks"] = json!(false);
    let (status, body) = post(
        app,
        &coordinator,
        "studies/update",
        json!({ "study_id": study, "form": settings }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let hidden = current_case(app, &aided, study, 1).await;
    assert!(hidden["ai"].is_object(), "{hidden}");
    assert!(hidden["ai"]["marks"].is_null(), "{hidden}");
}

on_both_backends!(
    the_ai_marks_reach_only_aided_reads_and_only_when_the_study_shows_them,
    a_reader_sees_a_lesion_outline_only_for_a_practice_case_they_have_answered,
    marks_out_of_bounds_are_refused_and_nothing_is_saved,
    marks_are_refused_in_a_study_that_asks_for_none,
    marks_are_stored_as_sent_scored_on_the_masks_and_analysed_by_wafroc,
);

#[tokio::test]
async fn the_localization_demo_builds_a_study_with_marks_and_a_wafroc_table() {
    let app = TestApp::spawn().await;
    tests::build_demo(&app, &["--cases", "40", "--localization"]);
    let store = app.store().await;
    let study = store
        .list_studies()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.config.task == vocab::StudyTask::Localization)
        .expect("the localization study exists");
    let reads = store.reads_of_study(study.id).await.unwrap();
    assert!(
        reads.iter().any(|r| !r.read.marks.is_empty()),
        "the simulated readers mark"
    );

    let coordinator = app
        .sign_in("coordinator@lector.demo", "lector-demo-coordinator")
        .await;
    let (status, view) = post(
        &app,
        &coordinator,
        "results/study",
        json!({ "study_id": study.id, "locale": "zh-CN", "covariance": "jackknife" }),
    )
    .await;

    assert_eq!(status, 200, "{view}");
    let table = view["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "localization")
        .unwrap_or_else(|| panic!("no wAFROC table: {view}"));
    assert_eq!(table["title"], "按年资分组的定位性能（wAFROC）");
    assert_eq!(
        table["rows"].as_array().unwrap().len(),
        4,
        "three groups and all readers"
    );
    // The AI run placed the network's own marks (Grad-CAM peaks), so the AI reads as a reader.
    let outputs = store
        .ai_outputs(study.id, app::ssr::ai::model_version())
        .await
        .unwrap();
    assert!(outputs.iter().all(|o| o.marks.is_some()));
    assert!(outputs
        .iter()
        .flat_map(|o| o.marks.iter().flatten())
        .all(|m| (0.0..=1.0).contains(&m.rating) && (0.0..=1.0).contains(&m.x)));
    let versus = view["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "versus_ai")
        .unwrap_or_else(|| panic!("no AI-versus-readers table: {view}"));
    assert_eq!(versus["title"], "AI 作为阅片者与阅片者的比较（wAFROC）");
    eprintln!("demo versus AI: {versus}");
}

async fn a_reader_sees_a_lesion_outline_only_for_a_practice_case_they_have_answered(app: &TestApp) {
    let mut settings = form("Outlines");
    settings["task"] = json!("localization");
    settings["practice_cases"] = json!(2);
    let (coordinator, study) = study_with_settings(app, 16, settings).await;
    enrol_readers(app, &coordinator, study, &READERS).await;
    let client = reader(app, study, CrossoverGroup::A).await;
    let outline = |case: i64, client: reqwest::Client| {
        let url = format!("{}/images/cases/{case}/outline", app.address);
        async move { client.get(url).send().await.unwrap().status().as_u16() }
    };
    let (_, state) = post(
        app,
        &client,
        "reading/state",
        json!({ "study_id": study, "session": 0 }),
    )
    .await;
    let practice = state["case"]["case_ref"].as_i64().unwrap();
    let readers = app.store().await.list_readers(study).await.unwrap();
    let me = readers
        .iter()
        .find(|r| r.group == CrossoverGroup::A)
        .unwrap();
    let test_case = app.store().await.order_of(me.id, 1).await.unwrap()[0];

    let store = app.store().await;
    let positive = |case: i64| {
        let store = store.clone();
        async move { store.case(case).await.unwrap().unwrap().case.truth }
    };
    let test_positive = app
        .store()
        .await
        .list_cases(study)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.case.truth && c.case.split.is_test())
        .unwrap()
        .id;

    let before = outline(practice, client.clone()).await;
    let (status, answer) = post(
        app,
        &client,
        "reading/submit",
        submission(study, 0, &state["case"], "p1", 70),
    )
    .await;
    let after = outline(practice, client.clone()).await;
    let test = outline(test_case, client.clone()).await;
    let by_coordinator = outline(test_positive, coordinator.clone()).await;

    assert_eq!(status, 200, "{answer}");
    assert_eq!((before, test, by_coordinator), (404, 404, 200));
    if positive(practice).await {
        assert_eq!(
            answer["outline_url"],
            format!("/images/cases/{practice}/outline")
        );
        assert_eq!(after, 200, "the answered positive practice case's outline");
    } else {
        assert!(
            answer["outline_url"].is_null(),
            "a normal case has nothing to outline"
        );
        assert_eq!(after, 404);
    }
}
