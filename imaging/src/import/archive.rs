//! Unpacking an uploaded zip safely: every entry name is checked before anything is written
//! (no absolute paths, no `..`, no symlinks), the entry count and the unpacked bytes are
//! limited (declared sizes first, then the bytes actually inflated, so a lying header does not
//! get past), and the data set's root is found: the zip's root or its single top-level folder.
//! macOS's `__MACOSX/` and `.DS_Store` entries are ignored.

use super::fields::human_bytes;
use super::manifest::MANIFEST;
use super::{ImportError, ImportOptions, ImportReport, RowProblem};
use std::io::{Read, Seek};
use std::path::{Component, Path, PathBuf};

fn refuse(problems: Vec<RowProblem>) -> ImportError {
    ImportError::Rejected(ImportReport {
        problems,
        ..ImportReport::default()
    })
}

fn whole(reason: String) -> ImportError {
    refuse(vec![RowProblem::whole(reason)])
}

/// Why an entry name is unsafe, if it is.
fn unsafe_name(name: &str) -> Option<&'static str> {
    let normalised = name.replace('\\', "/");
    if name.contains('\0') {
        Some("has a NUL byte in its name")
    } else if normalised.starts_with('/') || normalised.as_bytes().get(1) == Some(&b':') {
        Some("is an absolute path")
    } else if Path::new(&normalised)
        .components()
        .any(|c| matches!(c, Component::ParentDir))
    {
        Some("leaves the upload folder ('..')")
    } else {
        None
    }
}

fn ignored(path: &Path) -> bool {
    path.components().next() == Some(Component::Normal("__MACOSX".as_ref()))
        || path.file_name() == Some(".DS_Store".as_ref())
}

/// Unpacks `reader` into `dest` (created) and returns the folder holding `manifest.csv`.
///
/// # Errors
/// [`ImportError::Rejected`] for an unreadable zip, unsafe entries, too many entries or bytes,
/// or no manifest; [`ImportError::Io`] if writing `dest` fails.
pub(crate) fn unpack<R: Read + Seek>(
    reader: R,
    dest: &Path,
    opts: &ImportOptions,
) -> Result<PathBuf, ImportError> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| {
        whole(format!(
            "the upload is not a readable zip ({e}); create it again with a zip tool"
        ))
    })?;
    if zip.len() > opts.max_zip_entries {
        return Err(whole(format!(
            "the zip holds {} entries, more than the {} allowed; import fewer files at once",
            zip.len(),
            opts.max_zip_entries
        )));
    }
    // Pass 1: names, kinds and declared sizes, all checked before anything is written.
    let mut problems = Vec::new();
    let mut entries = Vec::with_capacity(zip.len());
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| {
            whole(format!(
                "zip entry {} cannot be read ({e}); create the zip again",
                i + 1
            ))
        })?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let bad = |reason: &str| {
            RowProblem::whole(format!(
                "zip entry '{name}' {reason}; remove it and zip the folder again"
            ))
        };
        if let Some(reason) = unsafe_name(&name) {
            problems.push(bad(reason));
            continue;
        }
        if entry.is_symlink() {
            problems.push(bad("is a symbolic link, which imports do not follow"));
            continue;
        }
        let Some(path) = entry.enclosed_name() else {
            problems.push(bad("has a name that cannot be used as a path"));
            continue;
        };
        if ignored(&path) {
            continue;
        }
        declared = declared.saturating_add(entry.size());
        entries.push((i, path, entry.is_dir()));
    }
    if declared > opts.max_unpacked_bytes {
        problems.push(RowProblem::whole(too_large(declared, opts)));
    }
    if !problems.is_empty() {
        return Err(refuse(problems));
    }
    // Pass 2: write, counting the bytes really inflated.
    let mut written = 0u64;
    for (i, rel, is_dir) in entries {
        let path = dest.join(&rel);
        if is_dir {
            std::fs::create_dir_all(&path)
                .map_err(|e| ImportError::io(&path, "creating a folder from the zip", e))?;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| ImportError::io(parent, "creating a folder from the zip", e))?;
        }
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => whole(format!(
                    "zip entry '{}' appears twice; keep one copy",
                    rel.display()
                )),
                _ => ImportError::io(&path, "writing a file from the zip", e),
            })?;
        let entry = zip.by_index(i).map_err(|e| {
            whole(format!(
                "zip entry '{}' cannot be read ({e}); create the zip again",
                rel.display()
            ))
        })?;
        let budget = opts.max_unpacked_bytes - written;
        let copied = std::io::copy(&mut entry.take(budget + 1), &mut out).map_err(|e| {
            whole(format!(
                "zip entry '{}' cannot be unpacked ({e}); create the zip again",
                rel.display()
            ))
        })?;
        if copied > budget {
            return Err(whole(too_large(written + copied, opts)));
        }
        written += copied;
    }
    find_root(dest)
}

fn too_large(bytes: u64, opts: &ImportOptions) -> String {
    format!(
        "the zip unpacks to more than {} (at least {}); import fewer or smaller images at once",
        human_bytes(opts.max_unpacked_bytes),
        human_bytes(bytes)
    )
}

/// `dest` if it holds the manifest, else its single top-level folder if that does.
fn find_root(dest: &Path) -> Result<PathBuf, ImportError> {
    if dest.join(MANIFEST).is_file() {
        return Ok(dest.to_path_buf());
    }
    let top: Vec<PathBuf> = std::fs::read_dir(dest)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    match top.as_slice() {
        [only] if only.is_dir() && only.join(MANIFEST).is_file() => Ok(only.clone()),
        _ => Err(whole(format!(
            "the zip has no {MANIFEST} at its root or in a single top-level folder; zip the data set folder itself"
        ))),
    }
}
