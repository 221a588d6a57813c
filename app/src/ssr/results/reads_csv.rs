//! All reads of a study as one long CSV: one row per effective read, with the reader's
//! covariates, the session and position, times, the call, confidence and ROC rating, and what
//! the AI said, whether it was shown and whether the reader opened its heat map. Its `reader_id,modality,case_id,truth,rating` columns
//! are exactly what `lector analyze` reads, so the MRMC tables can be recomputed from the file.
//! In a localization study `marks` lists each mark as `x y rating LL<lesion>|NL` (x and y as
//! fractions of the image), separated by `; `.

use std::collections::HashMap;
use std::fmt::Write;

use imaging::LesionMap;

use super::localization::marks_text;
use super::snapshot::{rating, Snapshot};

/// The header of [`reads_csv`].
pub const HEADER: &str =
    "reader_id,reader_name,hospital,years_experience,seniority,crossover_group,\
session,position,case_id,truth,truth_label,split,modality,stage,call,confidence,rating,ai_shown,\
ai_probability,ai_call,heatmap_opened,active_ms,saved_at,marks";

/// Quotes a field when it holds a comma, a quote or a line break (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Whether the reader showed the heat map during the read: the viewer logs each toggle as
/// `{"kind":"heatmap","detail":"true"|"false"}`. Empty when no AI was on screen.
fn heatmap_opened(ai_shown: bool, interactions: &str) -> &'static str {
    if !ai_shown {
        return "";
    }
    let events: Vec<serde_json::Value> = serde_json::from_str(interactions).unwrap_or_default();
    let opened = events
        .iter()
        .any(|e| e["kind"] == "heatmap" && e["detail"] == "true");
    if opened {
        "1"
    } else {
        "0"
    }
}

/// The long CSV of every effective read, in saving order.
pub fn reads_csv(snapshot: &Snapshot, maps: &HashMap<i64, Option<LesionMap>>) -> String {
    let readers: HashMap<i64, &store::Reader> =
        snapshot.readers.iter().map(|r| (r.id, r)).collect();
    let cases: HashMap<i64, &store::Case> = snapshot.cases.iter().map(|c| (c.id, c)).collect();
    let mut csv = format!("{HEADER}\n");
    for read in &snapshot.reads {
        let (Some(reader), Some(case)) = (
            readers.get(&read.read.reader_id),
            cases.get(&read.read.case_ref),
        ) else {
            continue;
        };
        let ai = snapshot.ai.get(&case.id);
        let r = &read.read;
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            field(&reader.email),
            field(&reader.name),
            field(&reader.hospital),
            reader.years_experience,
            reader.seniority.as_str(),
            reader.group.as_str(),
            r.session,
            r.position,
            field(&case.case.case_id),
            u8::from(case.case.truth),
            field(&case.case.truth_label),
            case.case.split,
            r.modality(),
            r.stage,
            u8::from(r.call_positive),
            r.score,
            rating(snapshot.study.config.rating_scale, read),
            u8::from(r.ai_shown),
            ai.map(|o| o.probability.to_string()).unwrap_or_default(),
            ai.map(|o| u8::from(o.predicted_positive).to_string())
                .unwrap_or_default(),
            heatmap_opened(r.ai_shown, &r.interactions),
            r.active_ms,
            read.saved_at,
            field(&marks_text(snapshot, maps, read)),
        );
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heat_map_counts_as_opened_when_the_reader_switched_it_on() {
        let on = r#"[{"kind":"zoom","detail":"1.25"},{"kind":"heatmap","detail":"true"},{"kind":"heatmap","detail":"false"}]"#;
        assert_eq!(heatmap_opened(true, on), "1");
        assert_eq!(
            heatmap_opened(true, r#"[{"kind":"invert","detail":"true"}]"#),
            "0"
        );
        assert_eq!(heatmap_opened(false, on), "");
        assert_eq!(heatmap_opened(true, "not json"), "0");
    }

    #[test]
    fn fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(field("Li, Wei"), "\"Li, Wei\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("plain"), "plain");
    }

    #[test]
    fn the_header_carries_the_columns_lector_analyze_reads() {
        let columns: Vec<&str> = HEADER.split(',').collect();
        for needed in ["reader_id", "modality", "case_id", "truth", "rating"] {
            assert!(columns.contains(&needed), "{needed} missing");
        }
    }
}
