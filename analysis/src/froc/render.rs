//! A localization report rendered as the ROC report is: JSON with the same keys (plus
//! `readings`), Markdown tables to paste into a paper, and tidy CSV, one row per estimate.

use std::fmt::Write;

use serde_json::{json, Map, Value};

use super::report::LocalizationReport;
use crate::report::{csv as c, json as j, markdown as md, Format};
use crate::Covariance;

impl LocalizationReport {
    /// The JSON document of `lector analyze --marks … --format json` (module doc).
    pub fn to_json(&self) -> Value {
        let means: Map<String, Value> = self
            .modality_means
            .iter()
            .map(|(m, v)| (m.clone(), json!(v)))
            .collect();
        json!({
            "design": j::value(&self.design),
            "fom": self.fom.as_str(),
            "covariance": Covariance::Jackknife.as_str(),
            "per_reader": j::value(&self.per_reader),
            "modality_means": means,
            "or": self.or.as_ref().map_or(Value::Null, j::or_json),
            "dbm": j::value(&self.dbm),
            "single_modality": j::value(&self.single_modality),
            "single_reader": j::value(&self.single_reader),
            "readings": j::value(&self.readings),
            "notes": self.notes,
        })
    }

    /// A Markdown report with the tables to paste into a paper.
    pub fn to_markdown(&self) -> String {
        let (d, fom) = (&self.design, self.fom.label());
        let mut out = format!("# Localization (FROC) analysis: {fom}\n\n");
        let _ = writeln!(
            out,
            "{} readers × {} modalities ({}) × {} cases ({} normal, {} abnormal with {} lesions). \
             Figure of merit: {fom}; jackknife covariance, Obuchowski–Rockette with Hillis degrees \
             of freedom and DBM (as RJafroc).\n",
            d.readers.len(),
            d.modalities.len(),
            d.modalities.join(", "),
            d.cases,
            d.normal,
            d.abnormal,
            d.lesions,
        );
        out.push_str("## Figure of merit per reader\n\n| Reader | Modality | ");
        let _ = writeln!(
            out,
            "{fom} (SE) | HrSe | HrSp | MaxLLF | MaxNLF | LL marks | NL marks |\n|---|---|---|---|---|---|---|---|---|"
        );
        for (f, s) in self.per_reader.iter().zip(&self.readings) {
            let _ = writeln!(
                out,
                "| {} | {} | {} ({}) | {} | {} | {} | {} | {} | {} |",
                f.reader,
                f.modality,
                md::num(f.fom),
                md::num(f.se),
                md::num(s.hr_se),
                md::num(s.hr_sp),
                md::num(s.max_llf),
                md::num(s.max_nlf),
                s.ll_marks,
                s.nl_marks
            );
        }
        out.push('\n');
        md::or_sections(&mut out, self.or.as_ref(), self.dbm.as_ref(), fom);
        if let Some(s) = &self.single_modality {
            md::single_modality(&mut out, s, fom);
        }
        if let Some(s) = &self.single_reader {
            md::single_reader(&mut out, s, fom, "Paired z-test (jackknife covariance)");
        }
        md::notes_section(&mut out, &self.notes);
        out
    }

    /// Tidy CSV: one row per estimate, as the ROC report's CSV.
    pub fn to_csv(&self) -> String {
        let mut out = format!("{}\n", c::HEADER);
        for f in &self.per_reader {
            let _ = writeln!(
                out,
                "reader_fom,{},{},{},,{},{},,,,,,",
                self.fom,
                c::q(&f.reader),
                c::q(&f.modality),
                c::n(f.fom),
                c::n(f.se)
            );
        }
        c::mrmc_rows(&mut out, self.or.as_ref(), self.dbm.as_ref());
        let singles = self
            .single_modality
            .iter()
            .flat_map(|s| &s.readings)
            .chain(self.single_reader.iter().flat_map(|s| &s.readings));
        for x in singles {
            let _ = writeln!(
                out,
                "reading_ci,{},{},{},,{},{},,,,{},{},",
                x.method,
                c::q(&x.reader),
                c::q(&x.modality),
                c::n(x.estimate),
                c::n(x.se),
                c::n(x.ci_lower),
                c::n(x.ci_upper)
            );
        }
        if let Some(mean) = self.single_modality.as_ref().and_then(|s| s.mean.as_ref()) {
            c::modality_rows(&mut out, "or_single_modality", std::slice::from_ref(mean));
        }
        if let Some(s) = &self.single_reader {
            for x in &s.comparisons {
                let _ = writeln!(
                    out,
                    "reader_difference,jackknife_paired,{},{},{},{},{},{},,,{},{},{}",
                    c::q(&s.reader),
                    c::q(&x.modality_a),
                    c::q(&x.modality_b),
                    c::n(x.estimate),
                    c::n(x.se),
                    c::n(x.z),
                    c::n(x.ci_lower),
                    c::n(x.ci_upper),
                    c::n(x.p)
                );
            }
        }
        out
    }

    /// Renders in the given format.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Json => serde_json::to_string_pretty(&self.to_json())
                .expect("a JSON value always serialises"),
            Format::Markdown => self.to_markdown(),
            Format::Csv => self.to_csv(),
        }
    }
}
