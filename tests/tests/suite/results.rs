//! The results page and its downloads on a study `lector demo` built: the page's MRMC numbers are
//! the ones `lector analyze` computes from the exported reads, every download opens in the tool
//! it is meant for, and only the study's coordinators get them.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use tests::{lector_binary, repo_root, TestApp};

const COORDINATOR: (&str, &str) = ("coordinator@lector.demo", "lector-demo-coordinator");

/// Builds the demo study (small, for speed) in the app's data directory and database.
fn build_demo(app: &TestApp) {
    tests::build_demo(app, &["--cases", "40"]);
}

fn lector(app: &TestApp, args: &[&str]) -> Vec<u8> {
    let output = Command::new(lector_binary())
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .args(["--database-url", &app.database_url])
        .args(args)
        .output()
        .expect("lector runs");
    assert!(
        output.status.success(),
        "lector {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

async fn json_call(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value) -> Value {
    let response = client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(reqwest::header::ORIGIN, &app.address)
        .json(&body)
        .send()
        .await
        .expect("the request is sent");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert!(status.is_success(), "{endpoint}: {status} {text}");
    serde_json::from_str(&text).expect("the answer is JSON")
}

async fn demo_study(app: &TestApp, client: &reqwest::Client) -> i64 {
    let studies = app.call(client, "/api/studies/list", &[]).await;
    let studies: Value = studies.json().await.expect("the study list is JSON");
    studies[0]["id"].as_i64().expect("the demo study is listed")
}

fn table<'a>(view: &'a Value, id: &str) -> &'a Value {
    view["tables"]
        .as_array()
        .and_then(|tables| tables.iter().find(|t| t["id"] == id))
        .unwrap_or_else(|| panic!("no table {id} on the page"))
}

fn cells(table: &Value) -> Vec<String> {
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row.as_array().unwrap().iter())
        .map(|cell| cell["text"].as_str().unwrap().to_string())
        .collect()
}

/// How the page prints a p-value.
fn p_text(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

#[tokio::test]
async fn the_results_page_shows_the_numbers_lector_analyze_computes_from_the_exported_reads() {
    let app = TestApp::spawn().await;
    build_demo(&app);
    let coordinator = app.sign_in(COORDINATOR.0, COORDINATOR.1).await;
    let study = demo_study(&app, &coordinator).await;

    let view = json_call(
        &app,
        &coordinator,
        "results/study",
        json!({"study_id": study, "locale": "en", "covariance": "delong"}),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let reads = dir.path().join("reads.csv");
    lector(
        &app,
        &[
            "export",
            &study.to_string(),
            "--what",
            "reads",
            "--out",
            reads.to_str().unwrap(),
        ],
    );
    let report: Value = serde_json::from_slice(&lector(
        &app,
        &[
            "analyze",
            reads.to_str().unwrap(),
            "--format",
            "json",
            "--cov",
            "delong",
        ],
    ))
    .unwrap();

    assert_eq!(
        view["pending"],
        Value::Null,
        "the demo's reads are complete"
    );
    let or = cells(table(&view, "mrmc_or"));
    for (modality, mean) in report["modality_means"].as_object().unwrap() {
        // Shown to 4 decimals: the same number within half the last digit (plus the summation
        // order's rounding, when the mean sits on a rounding boundary).
        let mean = mean.as_f64().unwrap();
        let shown = or
            .iter()
            .filter_map(|cell| cell.parse::<f64>().ok())
            .any(|cell| (cell - mean).abs() <= 0.5e-4 + 1e-9);
        assert!(shown, "mean AUC {modality} {mean} not in {or:?}");
    }
    for test in ["rrrc", "frrc", "rrfc"] {
        let p = report["or"][test]["differences"][0]["p"].as_f64().unwrap();
        assert!(
            or.contains(&p_text(p)),
            "{test} p {} not in {or:?}",
            p_text(p)
        );
    }
    let dbm = cells(table(&view, "mrmc_dbm"));
    let p = report["dbm"]["rrrc"]["differences"][0]["p"]
        .as_f64()
        .unwrap();
    assert!(
        dbm.contains(&p_text(p)),
        "DBM p {} not in {dbm:?}",
        p_text(p)
    );
}

#[tokio::test]
async fn every_download_opens_and_only_the_coordinator_gets_it() {
    let app = TestApp::spawn().await;
    build_demo(&app);
    let coordinator = app.sign_in(COORDINATOR.0, COORDINATOR.1).await;
    let study = demo_study(&app, &coordinator).await;
    let dir = tempfile::tempdir().unwrap();

    // Both languages: headings change the sheet names, the titles and the report's text.
    for lang in ["en", "zh-CN"] {
        for file in [
            "tables.xlsx",
            "tables.csv",
            "tables.md",
            "tables.tex",
            "tables.zip",
            "report.html",
            "reads.csv",
            "reads.imrmc",
            "rjafroc.xlsx",
            "methods.txt",
            "figures.zip",
            "audit.csv",
        ] {
            let response = coordinator
                .get(format!(
                    "{}/studies/{study}/export/{file}?lang={lang}",
                    app.address
                ))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let bytes = response.bytes().await.unwrap();
            assert_eq!(
                status,
                200,
                "{file} in {lang}: {}",
                String::from_utf8_lossy(&bytes)
            );
            assert!(!bytes.is_empty(), "{file} is empty");
            std::fs::write(dir.path().join(format!("{lang}-{file}")), &bytes).unwrap();
        }
    }
    let anonymous = reqwest::get(format!("{}/studies/{study}/export/reads.csv", app.address))
        .await
        .unwrap();
    app.create_user(
        store::Role::Coordinator,
        "other@coordinator.test",
        "other-coordinator-pw",
    )
    .await;
    let other = app
        .sign_in("other@coordinator.test", "other-coordinator-pw")
        .await;
    let refused = other
        .get(format!("{}/studies/{study}/export/reads.csv", app.address))
        .send()
        .await
        .unwrap();

    for xlsx in ["en-tables.xlsx", "zh-CN-tables.xlsx", "en-rjafroc.xlsx"] {
        open_with_openpyxl(&dir.path().join(xlsx));
    }
    let imrmc = std::fs::read_to_string(dir.path().join("en-reads.imrmc")).unwrap();
    check_imrmc(&imrmc);
    let html = std::fs::read_to_string(dir.path().join("zh-CN-report.html")).unwrap();
    assert!(html.contains("lang=\"zh-CN\""), "the report is in Chinese");
    assert!(
        html.contains("data:image/svg+xml"),
        "the report embeds its SVG figures"
    );
    assert!(
        html.contains("data:image/png;base64,"),
        "the report embeds the Grad-CAM gallery"
    );
    let zipped = std::fs::read(dir.path().join("zh-CN-tables.zip")).unwrap();
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.unwrap().into_owned())
        .collect();
    assert!(
        names.contains(&"README.txt".to_string()) && names.iter().any(|n| n == "seniority.csv"),
        "one CSV per table and a README: {names:?}"
    );
    let methods = std::fs::read_to_string(dir.path().join("zh-CN-methods.txt")).unwrap();
    assert!(
        methods.starts_with("方法") && methods.contains("Obuchowski NA, Rockette HE"),
        "{methods}"
    );
    let tex = std::fs::read_to_string(dir.path().join("en-tables.tex")).unwrap();
    assert!(tex.contains("\\begin{tabular}"));
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        refused.status(),
        403,
        "another study's coordinator is refused"
    );
}

/// Opens a workbook with openpyxl, an XLSX reader independent of the writer
/// (`LECTOR_PYTHON`, set up by scripts/test.sh).
fn open_with_openpyxl(path: &Path) {
    let python = std::env::var("LECTOR_PYTHON").expect(
        "LECTOR_PYTHON names a python with openpyxl; scripts/test.sh sets it up (ensure_python_tools)",
    );
    let output = Command::new(python)
        .arg(repo_root().join("analysis/tests/openpyxl_check.py"))
        .arg(path)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "openpyxl could not open {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// iMRMC's input rules: a free-text header, `BEGIN DATA:`, then `reader,case,modality,score`
/// rows, with truth rows (reader -1) for every case before any rating of it is used.
fn check_imrmc(text: &str) {
    let (_, data) = text.split_once("BEGIN DATA:").expect("a BEGIN DATA: line");
    let rows: Vec<Vec<&str>> = data
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::trim).collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == 4), "every row has 4 fields");
    let truths = rows.iter().filter(|r| r[0] == "-1").count();
    assert!(truths > 0, "truth rows are present");
    assert!(rows
        .iter()
        .filter(|r| r[0] != "-1")
        .all(|r| r[3].parse::<f64>().is_ok()));
}
