//! Tidy CSV rendering of a [`Report`]: one row per estimate.

use std::fmt::Write;

use super::Report;
use crate::dbm::DbmAnalysis;
use crate::inference::{Difference, ModalityInterval};
use crate::or::OrAnalysis;

pub(crate) const HEADER: &str = "section,analysis,reader,modality_a,modality_b,estimate,se,statistic,df1,df2,ci_lower,ci_upper,p";

/// Formats a number with full precision; non-finite values become empty cells.
pub(crate) fn n(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

fn o(x: Option<f64>) -> String {
    x.map_or(String::new(), n)
}

/// Quotes a field when it contains a comma, quote or newline (RFC 4180).
pub(crate) fn q(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(crate) fn diff_rows(
    out: &mut String,
    section: &str,
    analysis: &str,
    reader: &str,
    rows: &[Difference],
) {
    for d in rows {
        let _ = writeln!(
            out,
            "{section},{analysis},{},{},{},{},{},{},,{},{},{},{}",
            q(reader),
            q(&d.modality_a),
            q(&d.modality_b),
            n(d.estimate),
            n(d.se),
            n(d.statistic),
            o(d.df),
            n(d.ci_lower),
            n(d.ci_upper),
            n(d.p)
        );
    }
}

pub(crate) fn modality_rows(out: &mut String, analysis: &str, rows: &[ModalityInterval]) {
    for m in rows {
        let _ = writeln!(
            out,
            "modality,{analysis},,{},,{},{},,,{},{},{},",
            q(&m.modality),
            n(m.estimate),
            n(m.se),
            o(m.df),
            n(m.ci_lower),
            n(m.ci_upper)
        );
    }
}

pub(super) fn to_csv(r: &Report) -> String {
    let mut out = format!("{HEADER}\n");
    for f in &r.per_reader {
        let _ = writeln!(
            out,
            "reader_fom,{},{},{},,{},{},,,,,,",
            r.options.fom,
            q(&f.reader),
            q(&f.modality),
            n(f.fom),
            n(f.se)
        );
    }
    mrmc_rows(&mut out, r.or.as_ref(), r.dbm.as_ref());
    let single_readings = r
        .single_modality
        .iter()
        .flat_map(|s| &s.readings)
        .chain(r.single_reader.iter().flat_map(|s| &s.readings));
    let mut seen = std::collections::HashSet::new();
    for x in single_readings {
        // A one-reader, one-modality file has its reading in both sections: one row.
        if !seen.insert((&x.reader, &x.modality)) {
            continue;
        }
        let _ = writeln!(
            out,
            "reading_ci,{},{},{},,{},{},,,,{},{},",
            x.method,
            q(&x.reader),
            q(&x.modality),
            n(x.estimate),
            n(x.se),
            n(x.ci_lower),
            n(x.ci_upper)
        );
    }
    if let Some(mean) = r.single_modality.as_ref().and_then(|s| s.mean.as_ref()) {
        modality_rows(&mut out, "or_single_modality", std::slice::from_ref(mean));
    }
    if let Some(s) = &r.single_reader {
        for c in &s.comparisons {
            let _ = writeln!(
                out,
                "reader_difference,delong_paired,{},{},{},{},{},{},,,{},{},{}",
                q(&s.reader),
                q(&c.modality_a),
                q(&c.modality_b),
                n(c.estimate),
                n(c.se),
                n(c.z),
                n(c.ci_lower),
                n(c.ci_upper),
                n(c.p)
            );
        }
    }
    out
}

/// The tests' rows of the Obuchowski–Rockette and DBM analyses, each when present.
pub(crate) fn mrmc_rows(out: &mut String, or: Option<&OrAnalysis>, dbm: Option<&DbmAnalysis>) {
    if let Some(or) = or {
        or_rows(out, or);
    }
    if let Some(dbm) = dbm {
        dbm_rows(out, dbm);
    }
}

fn or_rows(out: &mut String, or: &OrAnalysis) {
    let (rr, fr, rf) = (&or.rrrc, &or.frrc, &or.rrfc);
    let _ = writeln!(
        out,
        "test,or_rrrc,,,,,,{},{},{},,,{}",
        n(rr.f),
        n(rr.df1),
        n(rr.df2),
        n(rr.p)
    );
    let _ = writeln!(
        out,
        "test,or_frrc,,,,,,{},{},,,,{}",
        n(fr.chi2),
        n(fr.df),
        n(fr.p)
    );
    let _ = writeln!(
        out,
        "test,or_rrfc,,,,,,{},{},{},,,{}",
        n(rf.f),
        n(rf.df1),
        n(rf.df2),
        n(rf.p)
    );
    diff_rows(out, "difference", "or_rrrc", "", &rr.differences);
    diff_rows(out, "difference", "or_frrc", "", &fr.differences);
    diff_rows(out, "difference", "or_rrfc", "", &rf.differences);
    for t in &fr.readers {
        diff_rows(
            out,
            "reader_difference",
            "or_frrc",
            &t.reader,
            &t.differences,
        );
    }
    modality_rows(out, "or_rrrc", &rr.modalities);
    modality_rows(out, "or_frrc", &fr.modalities);
    modality_rows(out, "or_rrfc", &rf.modalities);
}

fn dbm_rows(out: &mut String, dbm: &DbmAnalysis) {
    for (name, t) in [
        ("dbm_rrrc", &dbm.rrrc),
        ("dbm_frrc", &dbm.frrc),
        ("dbm_rrfc", &dbm.rrfc),
    ] {
        let _ = writeln!(
            out,
            "test,{name},,,,,,{},{},{},,,{}",
            n(t.f),
            n(t.df1),
            n(t.df2),
            n(t.p)
        );
        diff_rows(out, "difference", name, "", &t.differences);
    }
}
