//! `lector analyze`, `lector synth`, `lector evaluate` and `lector predict`: the command-line
//! tools a coordinator runs on files.

use std::process::Command;

use tests::{lector_binary, repo_root};

/// Runs a `lector` command that must succeed, showing its standard error if it does not.
fn succeed(command: &mut Command) -> std::process::Output {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn mrmc_fixture(name: &str) -> std::path::PathBuf {
    repo_root().join("fixtures/mrmc").join(name)
}

#[test]
fn analyze_prints_the_json_report_with_the_reference_van_dyke_numbers() {
    let output = succeed(
        Command::new(lector_binary())
            .arg("analyze")
            .arg(mrmc_fixture("vandyke_mrmcaov.csv"))
            .args(["--format", "json"]),
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["fom"], "auc");
    assert_eq!(report["design"]["cases"], 114);
    assert_eq!(report["or"]["covariance"], "jackknife");
    // RJafroc St(dataset02, FOM = "Wilcoxon", method = "OR"), see reference_results.json.
    let f = report["or"]["rrrc"]["f"].as_f64().unwrap();
    assert!((f - 4.4563186932).abs() < 1e-8, "F = {f}");
    let difference = &report["or"]["rrrc"]["differences"][0];
    assert_eq!(difference["modality_a"], "1");
    assert!((difference["ci_lower"].as_f64().unwrap() - -0.0879594986).abs() < 1e-8);
}

#[test]
fn analyze_method_keeps_only_the_mrmc_analysis_asked_for_roc_and_localization_alike() {
    let fed = repo_root().join("fixtures/froc/fed");
    let run = |method: &str, localization: bool| {
        let mut command = Command::new(lector_binary());
        command.arg("analyze");
        if localization {
            command
                .arg("--marks")
                .arg(fed.join("marks.csv"))
                .arg("--truth")
                .arg(fed.join("truth.csv"));
        } else {
            command.arg(mrmc_fixture("vandyke_mrmcaov.csv"));
        }
        let output = succeed(command.args(["--method", method, "--format", "json"]));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };

    for localization in [false, true] {
        let or = run("or", localization);
        let dbm = run("dbm", localization);

        assert!(or["or"]["rrrc"]["f"].is_number() && or["dbm"].is_null());
        assert!(dbm["dbm"]["rrrc"]["f"].is_number() && dbm["or"].is_null());
    }
    // RJafroc St(dataset04, FOM = "wAFROC", method = "DBM"): F = 7.80029966712505
    // (fixtures/froc/fed/rjafroc_reference.json, St.wAFROC.DBM.RRRC).
    let f = run("dbm", true)["dbm"]["rrrc"]["f"].as_f64().unwrap();
    assert!((f - 7.80029966712505).abs() < 1e-8, "DBM F = {f}");
    let refused = Command::new(lector_binary())
        .arg("analyze")
        .arg(mrmc_fixture("vandyke_mrmcaov.csv"))
        .args(["--method", "anova"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
}

#[test]
fn analyze_writes_markdown_to_the_out_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.md");

    let status = Command::new(lector_binary())
        .arg("analyze")
        .arg(mrmc_fixture("franken_mrmcaov.csv"))
        .args(["--cov", "delong", "--out"])
        .arg(&out)
        .status()
        .unwrap();

    assert!(status.success());
    let text = std::fs::read_to_string(out).unwrap();
    assert!(text.contains('|'), "the report has tables: {text}");
}

#[test]
fn analyze_refuses_a_bad_file_naming_the_row() {
    let tmp = tempfile::tempdir().unwrap();
    let reads = tmp.path().join("reads.csv");
    std::fs::write(
        &reads,
        "reader_id,modality,case_id,truth,rating\n1,1,a,1,abc\n",
    )
    .unwrap();

    let output = Command::new(lector_binary())
        .arg("analyze")
        .arg(&reads)
        .output()
        .unwrap();

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("row 2"), "{stderr}");
}

#[test]
fn analyze_gives_procs_paired_delong_test_for_a_one_reader_file() {
    // aSAH (pROC's data) as one reader rating the cases with two markers, in long format.
    let tmp = tempfile::tempdir().unwrap();
    let reads = tmp.path().join("reads.csv");
    let asah = std::fs::read_to_string(mrmc_fixture("aSAH_pROC.csv")).unwrap();
    let mut long = String::from("reader_id,modality,case_id,truth,rating\n");
    for (modality, column) in [("wfns", 5), ("s100b", 6)] {
        for row in asah.lines().skip(1) {
            let f: Vec<&str> = row.split(',').collect();
            let truth = u8::from(f[2] == "Poor");
            long.push_str(&format!("pROC,{modality},{},{truth},{}\n", f[0], f[column]));
        }
    }
    std::fs::write(&reads, long).unwrap();

    let output = succeed(
        Command::new(lector_binary())
            .arg("analyze")
            .arg(&reads)
            .args(["--format", "json"]),
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["or"].is_null());
    let test = &report["single_reader"]["comparisons"][0];
    assert_eq!(
        (test["modality_a"].as_str(), test["modality_b"].as_str()),
        (Some("wfns"), Some("s100b"))
    );
    // pROC roc.test(roc(outcome, wfns), roc(outcome, s100b)) on aSAH, reference_results.json.
    let (z, p) = (test["z"].as_f64().unwrap(), test["p"].as_f64().unwrap());
    assert!((z - 2.20898359144091).abs() < 1e-9, "Z = {z}");
    assert!((p - 0.0271757822291882).abs() < 1e-9, "p = {p}");
}

#[test]
fn analyze_gives_each_readers_interval_and_their_mean_for_a_one_modality_file() {
    let tmp = tempfile::tempdir().unwrap();
    let reads = tmp.path().join("reads.csv");
    let van_dyke = std::fs::read_to_string(mrmc_fixture("vandyke_mrmcaov.csv")).unwrap();
    let mut lines = van_dyke.lines();
    let header = lines.next().unwrap();
    let modality = header.split(',').position(|c| c == "modality").unwrap();
    let kept: Vec<&str> = lines
        .filter(|l| l.split(',').nth(modality) == Some("1"))
        .collect();
    std::fs::write(&reads, format!("{header}\n{}\n", kept.join("\n"))).unwrap();

    let output = succeed(Command::new(lector_binary()).arg("analyze").arg(&reads));
    let markdown = String::from_utf8_lossy(&output.stdout);
    assert!(markdown.contains("single-modality"), "{markdown}");
    assert_eq!(
        markdown.matches("| delong |").count(),
        5,
        "five readers: {markdown}"
    );
}

#[test]
fn synth_writes_a_small_phantom_data_set_with_its_manifest() {
    let tmp = tempfile::tempdir().unwrap();

    succeed(
        Command::new(lector_binary())
            .args(["synth", "--cases", "6", "--seed", "7", "--out"])
            .arg(tmp.path()),
    );
    let manifest = std::fs::read_to_string(tmp.path().join("manifest.csv")).unwrap();
    assert!(manifest.starts_with("case_id,file,truth,age,sex,location,site,split"));
    assert_eq!(manifest.lines().count(), 7, "a header and six cases");
    let first_image = manifest.lines().nth(1).unwrap().split(',').nth(1).unwrap();
    assert!(tmp.path().join(first_image).is_file());
}

#[test]
fn evaluate_prints_the_ai_figures_and_writes_the_t_sne_map() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, out) = (tmp.path().join("phantoms"), tmp.path().join("eval"));
    let synth = Command::new(lector_binary())
        .args(["synth", "--cases", "120", "--seed", "7", "--out"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        synth.status.success(),
        "{}",
        String::from_utf8_lossy(&synth.stderr)
    );

    let output = Command::new(lector_binary())
        .args(["evaluate", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();

    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for figure in [
        "CNN AUC, external test",
        "paired DeLong CNN vs clinical",
        "Grad-CAM energy in mask",
        "t-SNE 1-NN class agreement",
    ] {
        assert!(stdout.contains(figure), "no {figure:?} in {stdout}");
    }
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("study.json")).unwrap()).unwrap();
    assert!(report["cnn_external"]["auc"].as_f64().unwrap() > 0.5);
    assert!(std::fs::read_to_string(out.join("tsne.svg"))
        .unwrap()
        .starts_with("<svg"));
}

#[test]
fn predict_refuses_a_manifest_whose_case_id_would_write_outside_the_out_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = tmp.path().join("deep").join("out");
    let synth = Command::new(lector_binary())
        .args(["synth", "--cases", "2", "--seed", "7", "--out"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(synth.status.success());
    let manifest = std::fs::read_to_string(data.join("manifest.csv")).unwrap();
    let mut lines: Vec<String> = manifest.lines().map(str::to_string).collect();
    let rest = lines[1].split_once(',').unwrap().1.to_string();
    // From out/gradcam/, ../../x.png would be deep/x.png, beside the out folder.
    lines[1] = format!("../../x,{rest}");
    std::fs::write(data.join("manifest.csv"), lines.join("\n") + "\n").unwrap();

    let output = Command::new(lector_binary())
        .arg("predict")
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("row 2: case_id '../../x' starts with a dot"),
        "{stderr}"
    );
    assert!(!tmp.path().join("deep").join("x.png").exists());
}
