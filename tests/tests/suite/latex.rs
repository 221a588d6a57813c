//! The LaTeX tables compile with Debian's TeX Live as the file's opening comment says they
//! will, with no line wider than the text block (issue 17): ROC and localization studies.

use std::path::Path;
use std::process::Command;

use tests::{lector_binary, TestApp};

/// `lector export STUDY --what tables --format tex` of a demo built with `demo_args`.
async fn exported_tables(demo_args: &[&str], study: &str) -> String {
    let app = TestApp::spawn().await;
    tests::build_demo(&app, demo_args);
    let output = Command::new(lector_binary())
        .arg("--data-dir")
        .arg(app.data_dir.path())
        .args(["--database-url", &app.database_url])
        .args([
            "export", study, "--what", "tables", "--format", "tex", "-o", "-",
        ])
        .output()
        .expect("lector runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// An A4 article that loads exactly the packages the export's opening comment lists.
fn document(tables: &str) -> String {
    let packages: Vec<&str> = tables
        .lines()
        .take_while(|l| l.starts_with('%') || l.is_empty())
        .filter_map(|l| {
            l.trim_start_matches('%')
                .trim()
                .strip_prefix("\\usepackage")
        })
        .collect();
    assert!(!packages.is_empty(), "the comment lists the packages");
    let preamble: String = packages
        .iter()
        .map(|p| format!("\\usepackage{p}\n"))
        .collect();
    format!(
        "\\documentclass[a4paper]{{article}}\n{preamble}\\begin{{document}}\n\\input{{tables}}\n\\end{{document}}\n"
    )
}

/// Runs pdflatex twice over `tables` and returns its log.
fn compile(dir: &Path, tables: &str) -> String {
    std::fs::write(dir.join("tables.tex"), tables).unwrap();
    std::fs::write(dir.join("paper.tex"), document(tables)).unwrap();
    let run = || {
        Command::new("pdflatex")
            .args(["-interaction=nonstopmode", "-halt-on-error", "paper.tex"])
            .current_dir(dir)
            .output()
            .expect("pdflatex runs: scripts/test.sh installs TeX Live (ensure_tex)")
    };
    let first = run();
    let log = std::fs::read_to_string(dir.join("paper.log")).unwrap_or_default();
    assert!(first.status.success(), "pdflatex failed:\n{log}");
    assert!(dir.join("paper.pdf").is_file());
    log
}

fn overfull(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.starts_with("Overfull \\hbox"))
        .collect()
}

#[tokio::test]
async fn the_roc_studys_latex_tables_compile_on_a4_with_no_overfull_line() {
    let tables = exported_tables(&["--cases", "40"], "1").await;
    let dir = tempfile::tempdir().unwrap();

    let log = compile(dir.path(), &tables);

    assert!(tables.contains("\\kappa"), "the agreement table's κ");
    assert!(
        tables.contains("(continued)"),
        "the widest tables are set in parts"
    );
    assert!(overfull(&log).is_empty(), "{:#?}", overfull(&log));
}

#[tokio::test]
async fn the_localization_studys_latex_tables_compile_on_a4_with_no_overfull_line() {
    // `--localization` adds the localization study as the demo's second.
    let tables = exported_tables(&["--cases", "40", "--localization"], "2").await;
    let dir = tempfile::tempdir().unwrap();

    let log = compile(dir.path(), &tables);

    assert!(tables.contains("wAFROC"));
    assert!(overfull(&log).is_empty(), "{:#?}", overfull(&log));
}
