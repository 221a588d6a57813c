//! The reads exported for the reference tools, read back by each tool's rules: iMRMC's text
//! format by a small parser written from iMRMC's documentation (checked first on iMRMC's own
//! example input), RJafroc's JAFROC workbook with calamine.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

use analysis::export::{to_imrmc, to_rjafroc_xlsx};
use analysis::study::{
    Modality, ReadingDesign, Seniority, Split, StudyCase, StudyData, StudyRead, StudyReader,
};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

/// An iMRMC input file as iMRMC reads it.
#[derive(Debug, Default)]
struct Imrmc {
    /// `NR`, `N0`, `N1`, `NM` when the header gives them.
    declared: BTreeMap<String, usize>,
    truth: BTreeMap<String, u8>,
    /// (reader, case, modality) → score.
    scores: BTreeMap<(String, String, String), f64>,
}

/// iMRMC's rules: free text until `BEGIN DATA:` (with optional `NR:`/`N0:`/`N1:`/`NM:` lines),
/// then `readerID,caseID,modalityID,score` rows; the truth rows have reader `-1` (or `truth`)
/// and modality `0` (or `truth`) and a score of 0 or 1; every case scored has a truth; each
/// (reader, case, modality) once; the declared counts match the data.
fn parse_imrmc(text: &str) -> Result<Imrmc, String> {
    let mut parsed = Imrmc::default();
    let mut lines = text.lines().enumerate();
    loop {
        let (_, line) = lines.next().ok_or("no 'BEGIN DATA:' line")?;
        let line = line.trim();
        if line == "BEGIN DATA:" {
            break;
        }
        if let Some((key, value)) = line.split_once(':') {
            if matches!(key.trim(), "NR" | "N0" | "N1" | "NM") {
                let n = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad count in '{line}'"))?;
                parsed.declared.insert(key.trim().to_string(), n);
            }
        }
    }
    for (number, line) in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [reader, case, modality, score] = fields[..] else {
            return Err(format!("line {}: expected 4 fields: {line}", number + 1));
        };
        if reader == "-1" || reader.eq_ignore_ascii_case("truth") {
            if !(modality == "0" || modality.eq_ignore_ascii_case("truth")) {
                return Err(format!(
                    "line {}: truth row with modality {modality}",
                    number + 1
                ));
            }
            let truth = match score {
                "0" => 0,
                "1" => 1,
                _ => return Err(format!("line {}: truth must be 0 or 1", number + 1)),
            };
            if parsed.truth.insert(case.to_string(), truth).is_some() {
                return Err(format!("line {}: second truth for {case}", number + 1));
            }
        } else {
            let score: f64 = score
                .parse()
                .map_err(|_| format!("line {}: score {score}", number + 1))?;
            let key = (reader.to_string(), case.to_string(), modality.to_string());
            if parsed.scores.insert(key, score).is_some() {
                return Err(format!("line {}: repeated observation", number + 1));
            }
        }
    }
    if let Some((_, case, _)) = parsed
        .scores
        .keys()
        .find(|(_, c, _)| !parsed.truth.contains_key(c))
    {
        return Err(format!("case {case} has no truth row"));
    }
    let readers: BTreeSet<&String> = parsed.scores.keys().map(|(r, _, _)| r).collect();
    let modalities: BTreeSet<&String> = parsed.scores.keys().map(|(_, _, m)| m).collect();
    let n1 = parsed.truth.values().filter(|&&t| t == 1).count();
    let actual = [
        ("NR", readers.len()),
        ("N0", parsed.truth.len() - n1),
        ("N1", n1),
        ("NM", modalities.len()),
    ];
    for (key, count) in actual {
        if parsed.declared.get(key).is_some_and(|&d| d != count) {
            return Err(format!(
                "{key}: declared {} but the data have {count}",
                parsed.declared[key]
            ));
        }
    }
    Ok(parsed)
}

#[test]
fn the_test_parser_reads_imrmcs_own_example_input() {
    let text = std::fs::read_to_string(common::fixture("imrmc_example_input.imrmc")).unwrap();
    let long = std::fs::read_to_string(common::fixture("imrmc_example_input_long.csv")).unwrap();

    let parsed = parse_imrmc(&text).unwrap();

    assert_eq!(parsed.truth.len(), 80);
    assert_eq!(parsed.truth.values().filter(|&&t| t == 1).count(), 40);
    assert_eq!(parsed.scores.len(), 5 * 2 * 80);
    for row in long.lines().skip(1) {
        let f: Vec<&str> = row.split(',').collect();
        let key = (f[0].to_string(), f[2].to_string(), f[1].to_string());
        assert!(
            (parsed.scores[&key] - f[4].parse::<f64>().unwrap()).abs() < 1e-9,
            "{row}"
        );
        assert_eq!(parsed.truth[f[2]].to_string(), f[3], "{row}");
    }
}

/// Four readers, six cases; reader `r4` skipped an aided read, so three readers are complete.
fn study() -> StudyData {
    let reader = |id: &str| StudyReader {
        id: id.into(),
        name: format!("Dr {id}"),
        hospital: "H".into(),
        years_experience: 8,
        seniority: Seniority::Intermediate,
    };
    let cases: Vec<StudyCase> = (0..6)
        .map(|k| StudyCase {
            id: format!("case-{k}"),
            truth: k % 3 == 0,
            split: Split::External,
            cnn_probability: Some(0.5),
            clinical_probability: None,
        })
        .collect();
    let mut reads = Vec::new();
    for r in 0..4 {
        for (k, case) in cases.iter().enumerate() {
            for (session, modality) in [(1, Modality::Unaided), (2, Modality::Aided)] {
                if r == 3 && k == 5 && session == 2 {
                    continue;
                }
                let confidence = ((r * 7 + k * 13 + session as usize * 5) % 100) as f64;
                reads.push(StudyRead {
                    reader: r,
                    case: k,
                    session,
                    position: k as i64 + 1,
                    modality,
                    call: case.truth,
                    rating: analysis::study::rating_from_confidence(case.truth, confidence),
                    active_ms: 2000,
                });
            }
        }
    }
    StudyData {
        design: ReadingDesign::Crossover,
        positive_label: "osteosarcoma".into(),
        negative_label: "giant-cell tumour".into(),
        readers: vec![reader("r1"), reader("r,2"), reader("r3"), reader("r4")],
        cases,
        reads,
        cnn_threshold: 0.5,
        cut_points: analysis::study::CutPoints::default(),
    }
}

#[test]
fn imrmc_export_reads_back_as_the_complete_readers_ratings() {
    let data = study();

    let parsed = parse_imrmc(&to_imrmc(&data)).unwrap();

    let declared: Vec<(&str, usize)> = parsed
        .declared
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(declared, [("N0", 4), ("N1", 2), ("NM", 2), ("NR", 3)]);
    for case in &data.cases {
        assert_eq!(parsed.truth[&case.id], u8::from(case.truth));
    }
    let expected: BTreeMap<(String, String, String), f64> = data
        .reads
        .iter()
        .filter(|read| read.reader < 3)
        .map(|read| {
            let reader = data.readers[read.reader].id.replace(',', "_");
            let key = (
                reader,
                data.cases[read.case].id.clone(),
                read.modality.as_str().to_string(),
            );
            (key, read.rating)
        })
        .collect();
    assert_eq!(parsed.scores, expected);
}

fn cell_f64(data: &Data) -> f64 {
    match data {
        Data::Float(x) => *x,
        Data::Int(n) => *n as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

#[test]
fn rjafroc_workbook_has_the_truth_fp_and_tp_sheets_with_their_columns() {
    let data = study();

    let bytes = to_rjafroc_xlsx(&data).unwrap();

    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["Truth", "FP", "TP"]);
    let header = |range: &calamine::Range<Data>| -> Vec<String> {
        range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    let truth = workbook.worksheet_range("Truth").unwrap();
    assert_eq!(
        header(&truth),
        [
            "CaseID",
            "LesionID",
            "Weight",
            "ReaderID",
            "ModalityID",
            "Paradigm"
        ]
    );
    assert_eq!(truth.height(), 1 + 6);
    assert_eq!(
        truth.get_value((1, 3)),
        Some(&Data::String("0, 1, 2".into()))
    );
    assert_eq!(truth.get_value((1, 4)), Some(&Data::String("0, 1".into())));
    assert_eq!(truth.get_value((1, 5)), Some(&Data::String("ROC".into())));
    assert_eq!(truth.get_value((2, 5)), Some(&Data::String("FCTRL".into())));
    let lesions: Vec<f64> = truth.rows().skip(1).map(|r| cell_f64(&r[1])).collect();
    assert_eq!(lesions, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    let fp = workbook.worksheet_range("FP").unwrap();
    assert_eq!(
        header(&fp),
        ["ReaderID", "ModalityID", "CaseID", "FP_Rating"]
    );
    assert_eq!(fp.height(), 1 + 3 * 2 * 4);
    let tp = workbook.worksheet_range("TP").unwrap();
    assert_eq!(
        header(&tp),
        ["ReaderID", "ModalityID", "LesionID", "CaseID", "TP_Rating"]
    );
    assert_eq!(tp.height(), 1 + 3 * 2 * 2);

    // Every rating is the complete reader's read: reader j, modality 0 unaided / 1 aided,
    // case k + 1.
    for row in fp.rows().skip(1) {
        let (j, m, k) = (
            cell_f64(&row[0]) as usize,
            cell_f64(&row[1]) as usize,
            cell_f64(&row[2]) as usize - 1,
        );
        let modality = [Modality::Unaided, Modality::Aided][m];
        let read = data
            .reads
            .iter()
            .find(|r| r.reader == j && r.case == k && r.modality == modality)
            .unwrap();
        assert!(!data.cases[k].truth);
        assert_eq!(cell_f64(&row[3]), read.rating);
    }
    for row in tp.rows().skip(1) {
        assert_eq!(cell_f64(&row[2]), 1.0);
        let k = cell_f64(&row[3]) as usize - 1;
        assert!(data.cases[k].truth);
    }
}
