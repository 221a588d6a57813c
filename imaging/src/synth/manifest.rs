//! The data set's manifest CSV: `case_id,file,truth,age,sex,location,site,split`, one row per
//! case, `file` relative to the manifest's folder; writing it and reading it back.

use crate::error::{ImagingError, Result};
use crate::import::check_case_id;
use crate::phantom::{Class, Location, Sex, Split};
use std::path::{Path, PathBuf};

/// The manifest's header line.
pub const HEADER: &str = "case_id,file,truth,age,sex,location,site,split";

/// One case in the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRow {
    pub case_id: String,
    /// The display PNG, relative to the manifest's folder (e.g. `images/case_0001.png`).
    pub file: String,
    pub truth: Class,
    pub age: u32,
    pub sex: Sex,
    pub location: Location,
    pub site: String,
    pub split: Split,
}

/// A data set on disk: its folder and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub root: PathBuf,
    pub rows: Vec<ManifestRow>,
}

impl Manifest {
    /// Absolute path of a row's display PNG.
    pub fn image_path(&self, row: &ManifestRow) -> PathBuf {
        self.root.join(&row.file)
    }

    /// Absolute path of a row's DICOM file (`dicom/<case_id>.dcm`).
    pub fn dicom_path(&self, row: &ManifestRow) -> PathBuf {
        self.root.join("dicom").join(format!("{}.dcm", row.case_id))
    }

    /// Absolute path of a row's lesion mask PNG (`masks/<case_id>.png`, 255 inside).
    pub fn mask_path(&self, row: &ManifestRow) -> PathBuf {
        self.root.join("masks").join(format!("{}.png", row.case_id))
    }

    /// The manifest as CSV text.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(HEADER);
        out.push('\n');
        for r in &self.rows {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                r.case_id, r.file, r.truth, r.age, r.sex, r.location, r.site, r.split
            ));
        }
        out
    }
}

/// Reads `manifest.csv` (or any file in that format); rows' paths resolve against its folder.
///
/// # Errors
/// [`ImagingError::Io`] if the file cannot be read, [`ImagingError::Manifest`] naming the row and
/// the field when the header or a value is wrong, or when a case id is not a safe file name
/// (see [`check_case_id`]).
pub fn read_manifest(path: &Path) -> Result<Manifest> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ImagingError::io(path, "reading the manifest", e))?;
    let fail = |row: usize, reason: String| ImagingError::Manifest {
        path: path.to_path_buf(),
        row,
        reason,
    };
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().trim();
    if header != HEADER {
        return Err(fail(1, format!("header '{header}' should be '{HEADER}'")));
    }
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let row = i + 2;
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        if f.len() != 8 {
            return Err(fail(row, format!("{} fields, expected 8", f.len())));
        }
        let case_id = f[0].trim();
        // Readers of the manifest (`lector predict`, `lector train`) name output files after the
        // case id, so an id like `../../x` would write outside their output folder.
        check_case_id(case_id).map_err(|reason| fail(row, reason))?;
        let parse = |name: &str| (f[col(name)], |reason| fail(row, reason));
        rows.push(ManifestRow {
            case_id: case_id.to_string(),
            file: f[1].to_string(),
            truth: need("truth", parse("truth"), Class::parse)?,
            age: need("age", parse("age"), |t| t.parse().ok())?,
            sex: need("sex", parse("sex"), Sex::parse)?,
            location: need("location", parse("location"), Location::parse)?,
            site: f[6].to_string(),
            split: need("split", parse("split"), |t| Split::parse(t).ok())?,
        });
    }
    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(Manifest { root, rows })
}

/// Parses one field, or says which field and value were wrong.
fn need<T>(
    name: &str,
    (raw, fail): (&str, impl Fn(String) -> ImagingError),
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T> {
    parse(raw).ok_or_else(|| fail(format!("{name} '{raw}' is not valid")))
}

fn col(name: &str) -> usize {
    HEADER.split(',').position(|h| h == name).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempdir::Dir, PathBuf) {
        let dir = tempdir::Dir::new();
        let path = dir.0.join("manifest.csv");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    mod tempdir {
        /// A throw-away folder under the system temp dir, removed on drop.
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let p = std::env::temp_dir().join(format!(
                    "imaging-manifest-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::Relaxed)
                ));
                std::fs::create_dir_all(&p).unwrap();
                Self(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn a_written_manifest_reads_back_the_same() {
        let rows = vec![ManifestRow {
            case_id: "case_0001".into(),
            file: "images/case_0001.png".into(),
            truth: Class::Gct,
            age: 31,
            sex: Sex::Female,
            location: Location::ProximalTibia,
            site: "H2".into(),
            split: Split::Internal,
        }];
        let (_dir, path) = write(
            &Manifest {
                root: PathBuf::new(),
                rows: rows.clone(),
            }
            .to_csv(),
        );
        let back = read_manifest(&path).unwrap();
        assert_eq!(back.rows, rows);
        assert_eq!(
            back.image_path(&back.rows[0]),
            path.parent().unwrap().join("images/case_0001.png")
        );
    }

    #[test]
    fn a_bad_value_is_reported_with_its_row_and_field() {
        let (_dir, path) = write(&format!(
            "{HEADER}\ncase_1,images/case_1.png,OS,abc,M,distal_femur,H1,train\n"
        ));
        let message = read_manifest(&path).unwrap_err().to_string();
        assert!(
            message.ends_with("row 2: age 'abc' is not valid"),
            "{message}"
        );
    }

    #[test]
    fn a_case_id_that_climbs_out_of_the_folder_is_refused_with_its_row() {
        let (_dir, path) = write(&format!(
            "{HEADER}\ncase_1,images/case_1.png,OS,31,M,distal_femur,H1,train\n\
             ../../x,images/case_2.png,GCT,40,F,distal_femur,H1,train\n"
        ));

        let message = read_manifest(&path).unwrap_err().to_string();

        assert!(
            message.ends_with(
                "row 3: case_id '../../x' starts with a dot; start it with a letter or digit"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_case_id_starting_with_a_dot_or_empty_is_refused() {
        for id in ["..", ".hidden", "", "a/b", "c\\d"] {
            let (_dir, path) = write(&format!(
                "{HEADER}\n{id},images/a.png,OS,31,M,distal_femur,H1,train\n"
            ));

            let message = read_manifest(&path).unwrap_err().to_string();

            assert!(message.contains("row 2: case_id"), "{id:?}: {message}");
        }
    }

    #[test]
    fn a_wrong_header_is_refused() {
        let (_dir, path) = write("id,file\n");
        assert!(read_manifest(&path)
            .unwrap_err()
            .to_string()
            .contains("row 1: header"));
    }
}
