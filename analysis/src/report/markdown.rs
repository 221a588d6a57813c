//! Markdown rendering of a [`Report`]: the tables a study coordinator pastes into a paper.

use std::fmt::Write;

use super::single::{ReadingInterval, SingleModality, SingleReader};
use super::Report;
use crate::dbm::DbmAnalysis;
use crate::inference::{Difference, ModalityInterval};
use crate::or::OrAnalysis;

/// Numbers to 4 decimals, p-values to 4 significant places with a floor, non-finite as "∞".
pub(crate) fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.4}")
    } else {
        "∞".to_string()
    }
}

pub(crate) fn pval(p: f64) -> String {
    if p < 0.0001 {
        "<0.0001".to_string()
    } else {
        format!("{p:.4}")
    }
}

/// Degrees of freedom: whole numbers as such, fractional (Hillis) ones to 2 decimals.
pub(crate) fn dfv(v: f64) -> String {
    if !v.is_finite() {
        "∞".to_string()
    } else if v.fract() == 0.0 {
        format!("{v}")
    } else {
        format!("{v:.2}")
    }
}

fn df(d: Option<f64>) -> String {
    d.map_or("normal".to_string(), dfv)
}

pub(crate) fn differences_table(out: &mut String, rows: &[Difference]) {
    out.push_str("| Difference | Estimate | SE | df | 95% CI | p |\n|---|---|---|---|---|---|\n");
    for d in rows {
        let _ = writeln!(
            out,
            "| {} − {} | {} | {} | {} | {} to {} | {} |",
            d.modality_a,
            d.modality_b,
            num(d.estimate),
            num(d.se),
            df(d.df),
            num(d.ci_lower),
            num(d.ci_upper),
            pval(d.p)
        );
    }
    out.push('\n');
}

pub(crate) fn modalities_table(out: &mut String, rows: &[ModalityInterval], fom: &str) {
    let _ = writeln!(
        out,
        "| Modality | Mean {fom} | SE | df | 95% CI |\n|---|---|---|---|---|"
    );
    for m in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} to {} |",
            m.modality,
            num(m.estimate),
            num(m.se),
            df(m.df),
            num(m.ci_lower),
            num(m.ci_upper)
        );
    }
    out.push('\n');
}

pub(super) fn to_markdown(r: &Report) -> String {
    let mut out = String::new();
    let d = &r.design;
    let fom = r.options.fom.as_str();
    let _ = writeln!(out, "# MRMC analysis: {fom}\n");
    let _ = writeln!(
        out,
        "{} readers × {} modalities ({}) × {} cases ({} positive, {} negative). Figure of merit: {}{}. \
         {}\n",
        d.readers.len(),
        d.modalities.len(),
        d.modalities.join(", "),
        d.cases,
        d.positives,
        d.negatives,
        fom,
        r.options.threshold.map_or(String::new(), |t| format!(" (rating ≥ {t} is positive)")),
        method(r)
    );

    out.push_str("## Figure of merit per reader\n\n| Reader |");
    for m in &d.modalities {
        let _ = write!(out, " {m} |");
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(d.modalities.len()));
    out.push('\n');
    for reader in &d.readers {
        let _ = write!(out, "| {reader} |");
        for m in &d.modalities {
            if let Some(f) = r
                .per_reader
                .iter()
                .find(|f| &f.reader == reader && &f.modality == m)
            {
                let _ = write!(out, " {} ({}) |", num(f.fom), num(f.se));
            }
        }
        out.push('\n');
    }
    out.push_str("\nValues are estimate (SE).\n\n");

    or_sections(&mut out, r.or.as_ref(), r.dbm.as_ref(), fom);
    if let Some(single) = &r.single_modality {
        single_modality(&mut out, single, fom);
    }
    if let Some(single) = &r.single_reader {
        single_reader(&mut out, single, fom, "DeLong's paired test");
    }

    if let Some(b) = &r.binary {
        out.push_str("## Per-reader proportions (Wilson 95% CI)\n\n| Reader | Modality | x/n | Estimate | 95% CI |\n|---|---|---|---|---|\n");
        for x in &b.rates {
            let p = &x.rate;
            let _ = writeln!(
                out,
                "| {} | {} | {}/{} | {} | {} to {} |",
                x.reader,
                x.modality,
                p.successes,
                p.total,
                num(p.estimate),
                num(p.lower),
                num(p.upper)
            );
        }
        out.push_str("\n## Exact McNemar tests per reader (Holm-adjusted over readers)\n\n| Reader | Pair | only A | only B | p | p (Holm) |\n|---|---|---|---|---|---|\n");
        for m in &b.mcnemar {
            let _ = writeln!(
                out,
                "| {} | {} vs {} | {} | {} | {} | {} |",
                m.reader,
                m.modality_a,
                m.modality_b,
                m.test.a_only,
                m.test.b_only,
                pval(m.test.p),
                pval(m.p_holm)
            );
        }
        out.push('\n');
    }
    notes_section(&mut out, &r.notes);
    out
}

/// The report's remarks as a list under "Notes" (nothing without remarks).
pub(crate) fn notes_section(out: &mut String, notes: &[String]) {
    if !notes.is_empty() {
        out.push_str("## Notes\n\n");
        for n in notes {
            let _ = writeln!(out, "- {n}");
        }
    }
}

fn method(r: &Report) -> String {
    let cov = r.options.covariance.as_str();
    match (&r.or, &r.single_modality, &r.single_reader) {
        (Some(_), _, _) if r.dbm.is_none() => format!(
            "Obuchowski–Rockette with {cov} covariance and Hillis degrees of freedom (--method or)."
        ),
        (Some(_), _, _) => format!(
            "Obuchowski–Rockette with {cov} covariance and Hillis degrees of freedom; DBM for comparison."
        ),
        (None, None, None) if r.dbm.is_some() => {
            "DBM on jackknife pseudovalues with Hillis degrees of freedom (--method dbm).".to_string()
        }
        (None, Some(_), None) => format!(
            "One modality: each reader's 95% CI (DeLong for the AUC, Wilson for a proportion) and the single-modality Obuchowski–Rockette CI of the readers' mean ({cov} covariance, Hillis degrees of freedom)."
        ),
        (None, None, Some(_)) => "One reader: each modality's 95% CI (DeLong for the AUC, Wilson for a proportion) and DeLong's paired test between modalities.".to_string(),
        _ => "One reader and one modality: the figure with its 95% CI (DeLong for the AUC, Wilson for a proportion).".to_string(),
    }
}

pub(crate) fn readings_table(out: &mut String, rows: &[ReadingInterval], fom: &str) {
    let _ = writeln!(
        out,
        "| Reader | Modality | {fom} | SE | 95% CI | CI method |\n|---|---|---|---|---|---|"
    );
    for x in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} to {} | {} |",
            x.reader,
            x.modality,
            num(x.estimate),
            num(x.se),
            num(x.ci_lower),
            num(x.ci_upper),
            x.method
        );
    }
    out.push('\n');
}

pub(crate) fn single_modality(out: &mut String, s: &SingleModality, fom: &str) {
    let _ = writeln!(out, "## Each reader, one modality ({})\n", s.modality);
    readings_table(out, &s.readings, fom);
    if let Some(mean) = &s.mean {
        out.push_str("### Readers' mean (single-modality OR, random readers and cases)\n\n");
        modalities_table(out, std::slice::from_ref(mean), fom);
    }
}

/// One reader's readings and the paired test of each pair of modalities, headed `test` (DeLong's
/// for the AUC, the jackknife z-test for localization figures).
pub(crate) fn single_reader(out: &mut String, s: &SingleReader, fom: &str, test: &str) {
    let _ = writeln!(out, "## One reader ({}), each modality\n", s.reader);
    readings_table(out, &s.readings, fom);
    if s.comparisons.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### {test}\n\n| Difference | Estimate | SE | Z | 95% CI | p |\n|---|---|---|---|---|---|"
    );
    for c in &s.comparisons {
        let _ = writeln!(
            out,
            "| {} − {} | {} | {} | {} | {} to {} | {} |",
            c.modality_a,
            c.modality_b,
            num(c.estimate),
            num(c.se),
            num(c.z),
            num(c.ci_lower),
            num(c.ci_upper),
            pval(c.p)
        );
    }
    out.push('\n');
}

/// The Obuchowski–Rockette and DBM sections, each when present (`--method` may drop one).
pub(crate) fn or_sections(
    out: &mut String,
    or: Option<&OrAnalysis>,
    dbm: Option<&DbmAnalysis>,
    fom: &str,
) {
    if let Some(or) = or {
        or_section(out, or, fom);
    }
    if let Some(dbm) = dbm {
        dbm_section(out, dbm);
    }
}

fn or_section(out: &mut String, or: &OrAnalysis, fom: &str) {
    let rr = &or.rrrc;
    let _ = writeln!(
        out,
        "## Random readers and random cases (RRRC)\n\nF = {}, df = ({}, {}), p = {}\n",
        num(rr.f),
        dfv(rr.df1),
        dfv(rr.df2),
        pval(rr.p)
    );
    differences_table(out, &rr.differences);
    modalities_table(out, &rr.modalities, fom);

    let fr = &or.frrc;
    let _ = writeln!(
        out,
        "## Fixed readers, random cases (FRRC)\n\nχ² = {}, df = {}, p = {}\n",
        num(fr.chi2),
        dfv(fr.df),
        pval(fr.p)
    );
    differences_table(out, &fr.differences);
    modalities_table(out, &fr.modalities, fom);
    out.push_str("Per reader:\n\n| Reader | Difference | Estimate | SE | 95% CI | p |\n|---|---|---|---|---|---|\n");
    for t in &fr.readers {
        for d in &t.differences {
            let _ = writeln!(
                out,
                "| {} | {} − {} | {} | {} | {} to {} | {} |",
                t.reader,
                d.modality_a,
                d.modality_b,
                num(d.estimate),
                num(d.se),
                num(d.ci_lower),
                num(d.ci_upper),
                pval(d.p)
            );
        }
    }
    out.push('\n');

    let rf = &or.rrfc;
    let _ = writeln!(
        out,
        "## Random readers, fixed cases (RRFC)\n\nF = {}, df = ({}, {}), p = {}\n",
        num(rf.f),
        dfv(rf.df1),
        dfv(rf.df2),
        pval(rf.p)
    );
    differences_table(out, &rf.differences);

    let c = &or.components;
    out.push_str("## Obuchowski–Rockette variance components\n\n| var_R | var_TR | Cov1 | Cov2 | Cov3 | Var(error) |\n|---|---|---|---|---|---|\n");
    let _ = writeln!(
        out,
        "| {:.6e} | {:.6e} | {:.6e} | {:.6e} | {:.6e} | {:.6e} |\n",
        c.var_r, c.var_tr, c.cov1, c.cov2, c.cov3, c.var_error
    );
}

fn dbm_section(out: &mut String, db: &DbmAnalysis) {
    out.push_str("## DBM (jackknife pseudovalues)\n\n| Analysis | F | df1 | df2 | p |\n|---|---|---|---|---|\n");
    for (name, t) in [("RRRC", &db.rrrc), ("FRRC", &db.frrc), ("RRFC", &db.rrfc)] {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} |",
            num(t.f),
            dfv(t.df1),
            dfv(t.df2),
            pval(t.p)
        );
    }
    out.push('\n');
    out.push_str("DBM differences, random readers and random cases:\n\n");
    differences_table(out, &db.rrrc.differences);
}
