//! Checking one case's fields: safe case ids, the truth label against the study's two classes,
//! age, sex and split, and file paths that must stay inside the data set's folder.
//! Every check returns the lowercase reason (with the fix) that goes into the report.

use crate::phantom::Split;
use std::path::{Component, Path, PathBuf};

/// Longest accepted case id.
pub const MAX_CASE_ID_LEN: usize = 64;

/// Checks that `id` is safe as a folder name: 1–64 characters from `[A-Za-z0-9._-]`, not
/// starting with a dot.
///
/// # Errors
/// The reason, saying how to fix the id.
pub fn check_case_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("case_id is empty; give every case an id".into());
    }
    if id.len() > MAX_CASE_ID_LEN {
        return Err(format!(
            "case_id is {} characters long; use at most {MAX_CASE_ID_LEN}",
            id.len()
        ));
    }
    if id.starts_with('.') {
        return Err(format!(
            "case_id '{id}' starts with a dot; start it with a letter or digit"
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "case_id '{id}' contains '{bad}'; use only letters, digits, '.', '_' and '-'"
        ));
    }
    Ok(())
}

/// `true` for the positive class, `false` for the negative; labels match ignoring case and
/// surrounding spaces.
pub(crate) fn parse_truth(raw: &str, positive: &str, negative: &str) -> Result<bool, String> {
    let label = raw.trim();
    if label.eq_ignore_ascii_case(positive.trim()) {
        Ok(true)
    } else if label.eq_ignore_ascii_case(negative.trim()) {
        Ok(false)
    } else {
        Err(format!(
            "truth '{label}' is neither '{positive}' nor '{negative}'; use one of the study's two class labels"
        ))
    }
}

/// Age in whole years, or `None` when empty; a trailing `Y` (DICOM style, `045Y`) is accepted.
pub(crate) fn parse_age(raw: &str) -> Result<Option<u32>, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits = text.strip_suffix(['Y', 'y']).unwrap_or(text);
    // Spreadsheets often store whole numbers as "45.0".
    let digits = digits.strip_suffix(".0").unwrap_or(digits);
    match digits.parse::<u32>() {
        Ok(age) if age <= 130 => Ok(Some(age)),
        _ => Err(format!(
            "age '{text}' is not a whole number of years from 0 to 130; fix it or leave it empty"
        )),
    }
}

/// `"M"` or `"F"` (from m/f/male/female in any case), or `None` when empty.
pub(crate) fn parse_sex(raw: &str) -> Result<Option<String>, String> {
    let text = raw.trim();
    match text.to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "m" | "male" => Ok(Some("M".into())),
        "f" | "female" => Ok(Some("F".into())),
        _ => Err(format!(
            "sex '{text}' is not M or F; write M, F or leave it empty"
        )),
    }
}

/// One of train, internal, external, practice (any case).
pub(crate) fn parse_split(raw: &str) -> Result<Split, String> {
    let text = raw.trim();
    Split::parse(&text.to_ascii_lowercase()).map_err(|_| {
        format!(
            "split '{text}' is not one of train, internal, external, practice; use one of these"
        )
    })
}

/// The text, or `None` when it is empty after trimming.
pub(crate) fn optional(raw: &str) -> Option<String> {
    let text = raw.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Resolves `relative` (as written in the manifest, `/` or `\` separated) inside `root`, which
/// must be canonical. Refuses absolute paths, `..`, symlinks leading outside `root`, missing
/// files, non-files and files over `max_bytes`.
pub(crate) fn resolve_inside(
    root: &Path,
    relative: &str,
    max_bytes: u64,
) -> Result<PathBuf, String> {
    let text = relative.trim();
    if text.is_empty() {
        return Err("file is empty; give the image's path relative to the manifest".into());
    }
    let normalised = text.replace('\\', "/");
    let has_drive = normalised.as_bytes().get(1) == Some(&b':');
    if normalised.starts_with('/') || has_drive || Path::new(&normalised).is_absolute() {
        return Err(format!(
            "file '{text}' is an absolute path; give it relative to the manifest's folder"
        ));
    }
    if Path::new(&normalised)
        .components()
        .any(|c| matches!(c, Component::ParentDir))
    {
        return Err(format!(
            "file '{text}' leaves the data set folder ('..'); keep every image inside it"
        ));
    }
    let path = root.join(&normalised);
    let Ok(real) = path.canonicalize() else {
        return Err(format!(
            "file '{text}' does not exist; check the path relative to the manifest's folder"
        ));
    };
    if !real.starts_with(root) {
        return Err(format!(
            "file '{text}' is a link to outside the data set folder; copy the image in instead"
        ));
    }
    let meta = std::fs::metadata(&real)
        .map_err(|e| format!("file '{text}' cannot be read ({e}); check its permissions"))?;
    if !meta.is_file() {
        return Err(format!("file '{text}' is not a file; point it at an image"));
    }
    if meta.len() > max_bytes {
        return Err(format!(
            "file '{text}' is {}, more than the {} allowed per image; downsample or recompress it",
            human_bytes(meta.len()),
            human_bytes(max_bytes)
        ));
    }
    Ok(real)
}

/// `1.5 MB`-style sizes for messages (decimal units).
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1000 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_case_ids_pass_and_unsafe_ones_say_why() {
        assert!(check_case_id("case_0001").is_ok());
        assert!(check_case_id("IMG000001.v2-a").is_ok());
        assert!(check_case_id(".hidden")
            .unwrap_err()
            .contains("starts with a dot"));
        assert!(check_case_id("a/b").unwrap_err().contains("contains '/'"));
        assert!(check_case_id(&"x".repeat(65))
            .unwrap_err()
            .contains("at most 64"));
        assert!(check_case_id("").is_err());
    }

    #[test]
    fn truth_matches_either_label_ignoring_case() {
        assert_eq!(parse_truth("os", "OS", "GCT"), Ok(true));
        assert_eq!(parse_truth(" Gct ", "OS", "GCT"), Ok(false));
        assert!(parse_truth("ABC", "OS", "GCT")
            .unwrap_err()
            .contains("neither 'OS' nor 'GCT'"));
    }

    #[test]
    fn age_sex_and_split_accept_the_usual_spellings() {
        assert_eq!(parse_age(""), Ok(None));
        assert_eq!(parse_age("045Y"), Ok(Some(45)));
        assert_eq!(parse_age("31.0"), Ok(Some(31)));
        assert!(parse_age("-3").is_err() && parse_age("200").is_err());
        assert_eq!(parse_sex("female"), Ok(Some("F".into())));
        assert_eq!(parse_sex(""), Ok(None));
        assert!(parse_sex("x").is_err());
        assert_eq!(parse_split("External"), Ok(Split::External));
        assert!(parse_split("test").is_err());
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
    }
}
