//! A zip archive of named files, written to memory: `tables.zip`, `marks.zip`, `figures.zip`.

use std::io::Write;

use zip::write::SimpleFileOptions;

use crate::error::{AnalysisError, Result};

/// The files, deflated, in the order given.
///
/// # Errors
/// [`AnalysisError::Degenerate`] naming `archive` if the zip writer fails (it writes to memory,
/// so only a defect of the writer could cause it).
pub fn zip_files<N: AsRef<str>, B: AsRef<[u8]>>(
    archive: &str,
    files: &[(N, B)],
) -> Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| AnalysisError::Degenerate(format!("{archive}: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_ref(), options)
            .map_err(|e| failed(&e))?;
        zip.write_all(bytes.as_ref()).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}
