//! The `lector analyze` outputs on Van Dyke: the JSON shape of issue 3, Markdown and CSV.

mod common;

use analysis::input::read_csv_path;
use analysis::{analyze, AnalyzeOptions, Covariance, Fom, Format};
use common::{assert_full, assert_printed, fixture};
use serde_json::Value;

fn van_dyke_report(opts: AnalyzeOptions) -> analysis::Report {
    let reads = read_csv_path(fixture("vandyke_mrmcaov.csv")).unwrap();
    analyze(&reads, &opts).unwrap()
}

fn num(v: &Value, pointer: &str) -> f64 {
    v.pointer(pointer)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("no number at {pointer}"))
}

#[test]
fn json_has_the_shape_of_issue_three() {
    let json = van_dyke_report(AnalyzeOptions::default()).to_json();

    assert_eq!(
        json["design"]["readers"],
        serde_json::json!(["1", "2", "3", "4", "5"])
    );
    assert_eq!(json["design"]["modalities"], serde_json::json!(["1", "2"]));
    assert_eq!(
        (
            json["design"]["cases"].as_u64(),
            json["design"]["positives"].as_u64(),
            json["design"]["negatives"].as_u64()
        ),
        (Some(114), Some(45), Some(69))
    );
    assert_eq!(json["fom"], "auc");
    assert_eq!(json["per_reader"].as_array().unwrap().len(), 10);
    for key in ["reader", "modality", "fom", "se"] {
        assert!(
            json["per_reader"][0].get(key).is_some(),
            "per_reader lacks {key}"
        );
    }
    assert_eq!(json["or"]["covariance"], "jackknife");
    for key in ["var_r", "var_tr", "cov1", "cov2", "cov3", "var_error"] {
        assert!(
            json["or"]["components"][key].is_f64(),
            "components lacks {key}"
        );
    }
    for (test, keys) in [
        ("rrrc", &["f", "df1", "df2", "p"][..]),
        ("frrc", &["chi2", "df", "p"][..]),
        ("rrfc", &["f", "df1", "df2", "p"][..]),
    ] {
        for key in keys {
            assert!(json["or"][test][key].is_f64(), "{test} lacks {key}");
        }
        let d = &json["or"][test]["differences"][0];
        assert_eq!(
            (d["modality_a"].as_str(), d["modality_b"].as_str()),
            (Some("1"), Some("2"))
        );
        for key in ["estimate", "se", "ci_lower", "ci_upper", "p"] {
            assert!(d[key].is_f64(), "{test} difference lacks {key}");
        }
    }
    assert!(json["dbm"].is_object());
}

#[test]
fn json_numbers_are_the_reference_numbers() {
    let json = van_dyke_report(AnalyzeOptions::default()).to_json();
    let base = "/vandyke/RJafroc_OR_jackknife_full_precision/value";

    assert_full(
        num(&json, "/modality_means/1"),
        &format!("{base}/FOMs/trtMeans/trt0/Estimate"),
    );
    assert_full(
        num(&json, "/or/rrrc/f"),
        &format!("{base}/RRRC/FTests/Treatment/FStat"),
    );
    assert_full(
        num(&json, "/or/rrrc/differences/0/ci_lower"),
        &format!("{base}/RRRC/ciDiffTrt/trt0-trt1/CILower"),
    );
    assert_full(
        num(&json, "/or/frrc/chi2"),
        &format!("{base}/FRRC/FTests/Treatment/Chisq"),
    );
    assert_full(num(&json, "/or/rrfc/p"), &format!("{base}/RRFC/FTests/T/p"));
    // per-reader SE under the jackknife: Iowa VanDyke1T per-reader jackknife variances
    let se = num(&json, "/per_reader/0/se");
    assert_printed(
        se * se,
        "/vandyke/Iowa_single_treatment_subset_trt1/per_reader_jackknife_var_auc/0",
    );
}

#[test]
fn json_reports_the_chosen_covariance_method() {
    let json = van_dyke_report(AnalyzeOptions {
        covariance: Covariance::DeLong,
        ..Default::default()
    })
    .to_json();

    assert_eq!(json["or"]["covariance"], "delong");
    assert_printed(
        num(&json, "/or/rrrc/p"),
        "/vandyke/MRMCaov_empirical_auc/DeLong_RRRC/p",
    );
}

#[test]
fn sensitivity_at_rating_three_matches_mrmcaov() {
    let report = van_dyke_report(AnalyzeOptions {
        fom: Fom::Sensitivity,
        threshold: Some(3.0),
        ..Default::default()
    });
    let m = "/vandyke/MRMCaov_binary_sens_rating_ge3_jackknife_RRRC";
    let c = &report.or.as_ref().unwrap().components;

    for (v, k) in [
        (c.var_r, "var_R"),
        (c.var_tr, "var_TR"),
        (c.var_error, "Var_error"),
        (c.cov1, "Cov1"),
        (c.cov2, "Cov2"),
        (c.cov3, "Cov3"),
    ] {
        assert_printed(v, &format!("{m}/{k}"));
    }
    assert_printed(report.or.as_ref().unwrap().rrrc.f, &format!("{m}/F"));
    assert_printed(report.or.as_ref().unwrap().rrrc.df2, &format!("{m}/df2"));
    assert_printed(report.or.as_ref().unwrap().rrrc.p, &format!("{m}/p"));
    assert_printed(
        report.or.as_ref().unwrap().rrrc.differences[0].ci_lower,
        &format!("{m}/ci95/0"),
    );
    let binary = report
        .binary
        .expect("binary figures carry per-reader rates");
    assert_eq!(binary.rates.len(), 10);
    assert_printed(
        binary.rates[0].rate.estimate,
        &format!("{m}/per_reader_sens/trt1/0"),
    );
}

#[test]
fn markdown_is_a_readable_report_with_the_key_numbers() {
    let md = van_dyke_report(AnalyzeOptions::default()).to_markdown();

    assert!(md.starts_with("# MRMC analysis: auc"));
    assert!(md.contains("## Random readers and random cases (RRRC)"));
    assert!(md.contains("F = 4.4563"), "{md}");
    assert!(md.contains("| 1 − 2 | -0.0438 |"), "{md}");
}

#[test]
fn csv_has_one_header_and_rows_of_equal_width() {
    let csv = van_dyke_report(AnalyzeOptions::default()).render(Format::Csv);
    let widths: Vec<usize> = csv.lines().map(|l| l.split(',').count()).collect();

    assert!(csv.starts_with("section,analysis,reader"));
    assert!(widths.iter().all(|&w| w == widths[0]), "{csv}");
    assert!(csv.contains("test,or_rrrc,,,,,,4.456318693157"));
}

#[test]
fn option_spellings_parse_as_on_the_command_line() {
    assert_eq!("delong".parse::<Covariance>().unwrap(), Covariance::DeLong);
    assert_eq!(
        "unbiased".parse::<Covariance>().unwrap(),
        Covariance::Unbiased
    );
    assert_eq!("sensitivity".parse::<Fom>().unwrap(), Fom::Sensitivity);
    assert_eq!("json".parse::<Format>().unwrap(), Format::Json);
    assert!("bootstrap"
        .parse::<Covariance>()
        .unwrap_err()
        .to_string()
        .contains("jackknife, delong, unbiased"));
}

#[test]
fn errors_can_cross_threads_and_box_into_clap_value_parsers() {
    // clap's FromStr value parsers need Err: Into<Box<dyn Error + Send + Sync>>.
    fn boxable<E: std::error::Error + Send + Sync + 'static>(
        e: E,
    ) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(e)
    }

    let err = boxable("kappa".parse::<Fom>().unwrap_err());

    assert!(err.to_string().contains("unknown figure of merit 'kappa'"));
}

#[test]
fn json_objects_keep_modalities_in_order_of_first_appearance() {
    let mut csv = String::from("reader_id,modality,case_id,truth,rating\n");
    for m in ["unaided", "aided"] {
        for r in ["r1", "r2"] {
            for (c, t) in [("c1", 0), ("c2", 1), ("c3", 0), ("c4", 1)] {
                let rating = if m == "aided" {
                    2 * t + (r == "r2") as i32
                } else {
                    t + (c == "c3") as i32
                };
                csv.push_str(&format!("{r},{m},{c},{t},{rating}\n"));
            }
        }
    }
    let reads = analysis::input::read_csv_bytes(csv.as_bytes()).unwrap();

    let json = analyze(&reads, &AnalyzeOptions::default())
        .unwrap()
        .to_json();

    let keys: Vec<&String> = json["modality_means"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["unaided", "aided"]);
    assert_eq!(
        json["or"]["rrrc"]["differences"][0]["modality_a"],
        "unaided"
    );
}
