//! The AI read on its own against readers (RJafroc's `StSignificanceTestingCadVsRad`, method
//! 1T-RRRC) on the FED study (`fixtures/froc/fed`): modality 1, reader 1 standing in for the AI,
//! readers 3, 4 and 5 as the radiologists, wAFROC. The expected numbers come from
//! `fixtures/froc/standalone_check.py`, an independent transcription of RJafroc's
//! `SingleModalityRRRC` and `DiffFomVarCov2` (R/StSignificanceTestingCadVsRad.R) that computes
//! the figures and their leave-one-case-out values by brute force in exact rational arithmetic
//! and the t distribution with scipy 1.17.1. RJafroc itself was not run: it is not on this
//! machine kind.

use analysis::froc::input::read_paths;
use analysis::froc::versus_ai::ai_versus_readers;
use analysis::froc::{Localization, LocalizationFom};

const FED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/froc/fed");

/// Modality `modality` of FED with its readers reordered `order` (the AI first).
fn one_modality(modality: &str, order: &[&str]) -> Localization {
    let fed = read_paths(format!("{FED}/marks.csv"), format!("{FED}/truth.csv")).unwrap();
    let m = fed.modalities().iter().position(|x| x == modality).unwrap();
    let mut marks = Vec::new();
    for name in order {
        let j = fed.readers().iter().position(|x| x == name).unwrap();
        marks.extend(fed.reading(m, j).iter().cloned());
    }
    Localization::new(
        fed.truth().clone(),
        order.iter().map(|s| s.to_string()).collect(),
        vec![modality.to_string()],
        marks,
    )
    .unwrap()
}

fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-15,
        "{what}: got {actual:.15e}, oracle {expected:.15e}"
    );
}

#[test]
fn the_ai_against_readers_matches_the_1t_rrrc_formulas_on_fed() {
    let study = one_modality("1", &["1", "3", "4", "5"]);

    let s = ai_versus_readers(&study, LocalizationFom::Wafroc).unwrap();

    close(s.ai, 0.7792666666666667, "AI wAFROC");
    close(
        s.readers_mean,
        (0.7248916666666667 + 0.703625 + 0.8050916666666666) / 3.0,
        "readers' mean",
    );
    close(s.difference, -0.034730555555555556, "readers − AI");
    close(s.difference_ci.0, -0.1349620887244275, "CI lower");
    close(s.difference_ci.1, 0.06550097761331639, "CI upper");
    close(s.var_error, 0.0010655985211141532, "Var");
    close(s.cov2, 0.0005099886469374818, "Cov2");
    close(s.ms_r, 0.002863299259259259, "MS_R");
    close(s.t, -0.9075668986038358, "t");
    close(s.df, 4.708378354058913, "ddf");
    close(s.p, 0.4081558159722908, "p");
}

#[test]
fn the_ai_needs_two_readers_to_be_compared_with() {
    let study = one_modality("1", &["1", "3"]);

    assert!(ai_versus_readers(&study, LocalizationFom::Wafroc).is_err());
}
