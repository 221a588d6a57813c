//! The BTXRD importer's reading side. BTXRD (Yao et al., "A radiograph dataset for the
//! classification, localization, and segmentation of primary bone tumors", Scientific Data
//! 2025, doi:10.1038/s41597-024-04311-y) is a folder with `images/` (`IMG000001.jpeg`, …),
//! `Annotations/` (LabelMe JSON named after the image, tumour images only) and a table with one
//! row per image: `image_id` (the file name with its extension), `center` (1–3), `age`,
//! `gender` (M/F), one-hot anatomical site columns (`hand`, …, `femur`, `hip bone`, …,
//! `shoulder-joint`), `tumor` / `benign` / `malignant`, one-hot tumour-type columns
//! (`osteochondroma`, …, `giant cell tumor`, `osteosarcoma`, `other mt`) and the view
//! (`frontal`, `lateral`, `oblique`). The table is `dataset.xlsx`, or `dataset.csv` in releases
//! that ship CSV.
//!
//! Mapping: the case id is the image file's stem; the truth is the tumour column named by
//! [`ImportOptions::positive_label`](super::ImportOptions::positive_label) or
//! [`negative_label`](super::ImportOptions::negative_label) set to 1 (rows with
//! neither are skipped and counted, rows with both are problems); location is the site column
//! set to 1; site is the centre; the split is `external` for the centres in
//! [`BtxrdOptions::external_centres`] and `internal` for the rest (BTXRD has no training split
//! of its own: a reader study reads test cases); every other column is kept as metadata.

use super::fields::{self, check_case_id, optional, resolve_inside};
use super::labelme::Annotation;
use super::{table, BtxrdOptions, Candidate, ImportError, ImportReport, MaskSource, RowProblem};
use crate::phantom::Split;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads and checks the BTXRD folder `dir`.
pub(crate) fn read(
    dir: &Path,
    opts: &BtxrdOptions,
) -> Result<(Vec<Candidate>, ImportReport), ImportError> {
    let root = dir
        .canonicalize()
        .map_err(|e| ImportError::io(dir, "opening the data set folder", e))?;
    let mut report = ImportReport::default();
    let names = match &opts.table {
        Some(name) => vec![name.as_str()],
        None => vec!["dataset.xlsx", "dataset.csv"],
    };
    let found = names
        .iter()
        .find_map(|n| resolve_inside(&root, n, u64::MAX).ok().map(|p| (n, p)));
    let Some((name, path)) = found else {
        report.problems.push(RowProblem::whole(format!(
            "no {} in the data set folder; put the BTXRD table at its top",
            names.join(" or ")
        )));
        return Ok((Vec::new(), report));
    };
    let rows = match table::read(&path, name) {
        Ok(rows) => rows,
        Err(reason) => {
            report.problems.push(RowProblem::new(1, None, reason));
            return Ok((Vec::new(), report));
        }
    };
    let Some(((header_row, header), body)) = rows.split_first() else {
        report.problems.push(RowProblem::new(
            1,
            None,
            format!("'{name}' is empty; it needs a header and one row per image"),
        ));
        return Ok((Vec::new(), report));
    };
    let find = |column: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(column.trim()))
    };
    let c = &opts.columns;
    let (positive, negative) = (&opts.import.positive_label, &opts.import.negative_label);
    let mut missing = Vec::new();
    let mut need = |column: &str| {
        find(column).or_else(|| {
            missing.push(column.to_string());
            None
        })
    };
    let (image_col, pos_col, neg_col) = (need(&c.image_id), need(positive), need(negative));
    let centre_col = need(&c.center);
    let (Some(image_col), Some(pos_col), Some(neg_col), Some(centre_col)) =
        (image_col, pos_col, neg_col, centre_col)
    else {
        report.rows_checked = body.len();
        report.problems.push(RowProblem::new(
            *header_row,
            None,
            format!(
                "the table has no column {}; name the columns in the BTXRD options",
                missing
                    .iter()
                    .map(|m| format!("'{m}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
        return Ok((Vec::new(), report));
    };
    let site_cols: Vec<usize> = c.sites.iter().filter_map(|s| find(s)).collect();
    let (age_col, sex_col) = (find(&c.age), find(&c.gender));
    let used: Vec<usize> = [
        Some(image_col),
        Some(pos_col),
        Some(neg_col),
        Some(centre_col),
        age_col,
        sex_col,
    ]
    .into_iter()
    .flatten()
    .chain(site_cols.iter().copied())
    .collect();
    let mut candidates = Vec::new();
    for (row, cells) in body {
        report.rows_checked += 1;
        let cell = |i: usize| cells.get(i).map_or("", |s| s.trim());
        let image_id = cell(image_col);
        let case_id = Path::new(image_id)
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let id = (!case_id.is_empty()).then_some(case_id.as_str());
        let mut problems = Vec::new();
        let mut flag = |col: usize| match one_hot(cell(col)) {
            Ok(set) => set,
            Err(()) => {
                problems.push(RowProblem::new(
                    *row,
                    id,
                    format!("column '{}' is '{}'; use 1 or 0", header[col], cell(col)),
                ));
                false
            }
        };
        let (is_pos, is_neg) = (flag(pos_col), flag(neg_col));
        if !problems.is_empty() {
            report.problems.extend(problems);
            continue;
        }
        if !is_pos && !is_neg {
            report.skipped += 1;
            continue;
        }
        let mut reason = |r: String| problems.push(RowProblem::new(*row, id, r));
        if is_pos && is_neg {
            reason(format!(
                "the image is marked both '{}' and '{}'; keep one",
                header[pos_col], header[neg_col]
            ));
        }
        if let Err(r) = check_case_id(&case_id) {
            reason(format!("{r} (from image_id '{image_id}')"));
        }
        let image = find_image(
            &root,
            &opts.images_dir,
            image_id,
            opts.import.max_image_bytes,
        );
        if let Err(r) = &image {
            reason(r.clone());
        }
        let age = age_col.map_or(Ok(None), |i| fields::parse_age(cell(i)));
        let sex = sex_col.map_or(Ok(None), |i| fields::parse_sex(cell(i)));
        for r in [age.as_ref().err(), sex.as_ref().err()]
            .into_iter()
            .flatten()
        {
            reason(r.clone());
        }
        let annotation_name = format!("{}/{case_id}.json", opts.annotations_dir);
        let mask = if !case_id.is_empty() && root.join(&annotation_name).symlink_metadata().is_ok()
        {
            resolve_inside(&root, &annotation_name, opts.import.max_image_bytes)
                .and_then(|p| {
                    std::fs::read_to_string(&p).map_err(|e| {
                        format!("annotation '{annotation_name}' cannot be read ({e}); save it as UTF-8 JSON")
                    })
                })
                .and_then(|text| Annotation::parse(&text, &annotation_name))
                .map(MaskSource::Shapes)
        } else {
            Ok(MaskSource::None)
        };
        if let Err(r) = &mask {
            reason(r.clone());
        }
        if !problems.is_empty() {
            report.problems.extend(problems);
            continue;
        }
        let centre = cell(centre_col);
        let external = opts
            .external_centres
            .iter()
            .any(|e| e.trim().eq_ignore_ascii_case(centre));
        let location: Vec<&str> = site_cols
            .iter()
            .filter(|&&i| one_hot(cell(i)) == Ok(true))
            .map(|&i| header[i].trim())
            .collect();
        let metadata: BTreeMap<String, String> = (0..header.len())
            .filter(|i| !used.contains(i) && !header[*i].trim().is_empty())
            .map(|i| (header[i].trim().to_string(), cell(i).to_string()))
            .collect();
        let truth_col = if is_pos { pos_col } else { neg_col };
        candidates.push(Candidate {
            row: *row,
            case_id,
            truth: is_pos,
            truth_label: header[truth_col].trim().to_string(),
            age: age.unwrap_or_default(),
            sex: sex.unwrap_or_default(),
            location: optional(&location.join("+")),
            site: optional(centre),
            split: if external {
                Split::External
            } else {
                Split::Internal
            },
            metadata,
            source_file: format!("{}/{image_id}", opts.images_dir),
            image: image.unwrap_or_default(),
            mask: mask.unwrap_or(MaskSource::None),
        });
    }
    Ok((candidates, report))
}

/// A one-hot cell: 1/0 (as the sheet stores them), true/false, or empty for 0.
fn one_hot(text: &str) -> Result<bool, ()> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "1.0" | "true" | "yes" => Ok(true),
        "" | "0" | "0.0" | "false" | "no" => Ok(false),
        _ => Err(()),
    }
}

/// `images_dir/image_id`, checked like any manifest path.
fn find_image(
    root: &Path,
    images_dir: &str,
    image_id: &str,
    max: u64,
) -> Result<std::path::PathBuf, String> {
    if image_id.is_empty() {
        return Err("image_id is empty; give the image's file name".into());
    }
    resolve_inside(root, &format!("{images_dir}/{image_id}"), max)
}
