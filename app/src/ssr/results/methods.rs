//! The methods paragraph of a study's results, in English or Chinese: its design, readers by
//! seniority, cases, rating scale, the AI shown, and the analyses actually run with their
//! references, from the catalogues' `methods-*` messages (for the results page and
//! `lector export --what methods`).

use analysis::study::StudyResults;
use vocab::{RatingScale, ReadingDesign, Seniority, StudyTask};

use super::snapshot::Snapshot;
use crate::i18n::{message, Args, Locale};

/// The references, by the name the messages cite them with (`{ $or }` …), in the catalogues
/// as `methods-ref-<name>`.
const REFERENCES: [&str; 8] = [
    "or",
    "hillis",
    "dbm",
    "hbm",
    "delong",
    "mcnemar",
    "grizzle",
    "chakraborty",
];

/// Every other message the paragraph is made of (checked against both catalogues).
#[cfg(test)]
const KEYS: [&str; 13] = [
    "results-methods-title",
    "results-methods-references",
    "methods-design-crossover",
    "methods-design-sequential",
    "methods-readers",
    "methods-scale-confidence",
    "methods-scale-ordinal",
    "methods-ai",
    "methods-analysis",
    "methods-crossover",
    "methods-localization",
    "methods-localization-ai",
    "methods-software",
];

/// The paragraphs and the references they cite, numbered in order of first citation.
#[derive(Clone, Debug, PartialEq)]
pub struct Methods {
    pub paragraphs: Vec<String>,
    pub references: Vec<String>,
}

impl Methods {
    /// Plain text: the paragraphs, then the numbered references.
    pub fn to_text(&self, locale: Locale) -> String {
        let mut out = format!(
            "{}\n\n",
            message(locale, "results-methods-title", &Args::new())
        );
        for p in &self.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
        out.push_str(&message(locale, "results-methods-references", &Args::new()));
        out.push('\n');
        for (i, r) in self.references.iter().enumerate() {
            out.push_str(&format!("{}. {r}\n", i + 1));
        }
        out
    }
}

/// Numbers references in the order the text first cites them.
#[derive(Default)]
struct Citations(Vec<&'static str>);

impl Citations {
    /// `args` with the numbers of the references `names` (citing them now if new).
    fn cite(&mut self, mut args: Args, names: &[&'static str]) -> Args {
        for &name in names {
            let number = match self.0.iter().position(|&n| n == name) {
                Some(i) => i + 1,
                None => {
                    self.0.push(name);
                    self.0.len()
                }
            };
            args = args.with(name, number);
        }
        args
    }
}

/// The methods of `snapshot`'s study as analysed in `results` (`None` before any analysis:
/// the design and readers only).
pub fn methods(snapshot: &Snapshot, results: Option<&StudyResults>, locale: Locale) -> Methods {
    let study = &snapshot.study;
    let c = &study.config;
    let say = |key: &str, args: Args| message(locale, key, &args);
    // Chinese sentences run on without a space.
    let join = |parts: &[String]| match locale {
        Locale::ZhCn => parts.concat(),
        Locale::En => parts.join(" "),
    };
    let mut citations = Citations::default();
    let labels = || {
        Args::new()
            .with("positive_label", study.positive_label.clone())
            .with("negative_label", study.negative_label.clone())
    };
    // The readers who enter the analyses, once there are any; the enrolled ones before.
    let data = snapshot.study_data();
    let complete = analysis::study::prepare::Prepared::new(&data).complete;
    let readers: Vec<Seniority> = if complete.is_empty() {
        snapshot.readers.iter().map(|r| r.seniority).collect()
    } else {
        complete
            .iter()
            .map(|&i| data.readers[i].seniority)
            .collect()
    };
    let in_group = |s: Seniority| readers.iter().filter(|&&r| r == s).count();
    let test: Vec<&store::Case> = snapshot.test_cases().collect();
    let positive = test.iter().filter(|c| c.case.truth).count();
    let design_key = match study.design {
        ReadingDesign::Crossover => "methods-design-crossover",
        ReadingDesign::Sequential => "methods-design-sequential",
    };
    let mut paragraphs = vec![say(
        design_key,
        labels()
            .with("readers", readers.len())
            .with("cases", test.len())
            .with("positive", positive)
            .with("negative", test.len() - positive)
            .with("washout", c.washout_days),
    )];
    let scale = match c.rating_scale {
        RatingScale::Confidence => "methods-scale-confidence",
        RatingScale::Ordinal5 => "methods-scale-ordinal",
    };
    paragraphs.push(join(&[
        say(
            "methods-readers",
            Args::new()
                .with("junior_max", c.junior_max_years)
                .with("intermediate_min", c.junior_max_years + 1)
                .with("intermediate_max", c.intermediate_max_years)
                .with("junior", in_group(Seniority::Junior))
                .with("intermediate", in_group(Seniority::Intermediate))
                .with("senior", in_group(Seniority::Senior))
                .with("complete", complete.len())
                .with("enrolled", snapshot.readers.len()),
        ),
        say(scale, labels()),
        say(
            "methods-ai",
            labels()
                .with(
                    "threshold",
                    format!("{:.0}", model::infer::THRESHOLD * 100.0),
                )
                .with("model", crate::ssr::ai::model_version().to_string()),
        ),
    ]));
    if let Some(r) = results {
        let args = Args::new()
            .with("covariance", r.options.covariance.as_str())
            .with("alpha", format!("{}", r.options.alpha));
        let mut parts = vec![say(
            "methods-analysis",
            citations.cite(args, &REFERENCES[..6]),
        )];
        if study.design == ReadingDesign::Crossover {
            parts.push(say(
                "methods-crossover",
                citations.cite(Args::new(), &["grizzle"]),
            ));
        }
        paragraphs.push(join(&parts));
    }
    if c.task == StudyTask::Localization {
        let args = Args::new()
            .with("rule", c.mark_rule.as_str())
            .with("radius", c.acceptance_radius_pct);
        let mut parts = vec![say(
            "methods-localization",
            citations.cite(args, &["chakraborty"]),
        )];
        if snapshot.ai.values().any(|o| o.marks.is_some()) {
            parts.push(say(
                "methods-localization-ai",
                citations.cite(labels(), &["chakraborty"]),
            ));
        }
        paragraphs.push(join(&parts));
    }
    paragraphs.push(say(
        "methods-software",
        Args::new().with("version", env!("CARGO_PKG_VERSION")),
    ));
    Methods {
        paragraphs,
        references: citations
            .0
            .iter()
            .map(|name| say(&format!("methods-ref-{name}"), Args::new()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_of_the_paragraph_and_every_reference_is_in_both_catalogues() {
        let references: Vec<String> = REFERENCES
            .iter()
            .map(|name| format!("methods-ref-{name}"))
            .collect();
        for locale in Locale::ALL.iter().copied() {
            let keys = crate::i18n::message_keys(locale);
            let missing: Vec<&str> = KEYS
                .iter()
                .copied()
                .chain(references.iter().map(String::as_str))
                .filter(|k| !keys.contains(*k))
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }

    #[test]
    fn the_analysis_sentence_names_the_covariance_in_each_language() {
        let args = |cov: &str| {
            let args = Args::new()
                .with("covariance", cov.to_string())
                .with("alpha", "0.05");
            Citations::default().cite(args, &REFERENCES[..6])
        };

        let en = message(Locale::En, "methods-analysis", &args("unbiased"));
        let zh = message(Locale::ZhCn, "methods-analysis", &args("delong"));

        assert!(
            en.contains("unbiased (U-statistic) covariance") && en.contains("α = 0.05"),
            "{en}"
        );
        assert!(
            en.contains("random (1, 2)") && en.contains("McNemar's test (6)"),
            "{en}"
        );
        assert!(zh.contains("DeLong 协方差"), "{zh}");
    }
}
