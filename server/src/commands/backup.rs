//! `lector backup OUT` and `lector restore BACKUP`: a consistent copy of a running study, and
//! putting it back in an empty place.
//!
//! A backup is a new folder holding the database (SQLite: `lector.db`, a snapshot taken while
//! the server runs; PostgreSQL: `database.pgdump` from `pg_dump --format=custom`), every file
//! of the data directory under `files/` (the images, the heat maps and the audit key, unless
//! the key comes from `LECTOR_AUDIT_KEY`), and `backup.json` naming the audit chain's head at
//! the moment of the snapshot. The database is copied first and the files after: an image is
//! written before the row that names it, so every row of the copy finds its files.

use std::path::{Path, PathBuf};
use std::process::Command;

use store::Backend;

use super::CommandError;
use crate::cli::{BackupArgs, RestoreArgs};
use crate::config::Config;

const MANIFEST: &str = "backup.json";
const SQLITE_FILE: &str = "lector.db";
const PG_FILE: &str = "database.pgdump";
const FILES: &str = "files";

fn io_error(path: &Path, source: std::io::Error) -> CommandError {
    CommandError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// The SQLite file a `sqlite://` URL names.
fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

/// Copies every file under `from` to `to`, keeping relative paths, leaving out `skip` (the
/// live database and the backup folder itself); returns the files and bytes copied.
fn copy_tree(from: &Path, to: &Path, skip: &[PathBuf]) -> Result<(u64, u64), CommandError> {
    let mut copied = (0, 0);
    let entries = std::fs::read_dir(from).map_err(|e| io_error(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(from, e))?;
        let path = entry.path();
        if skip.iter().any(|s| path.starts_with(s)) {
            continue;
        }
        let target = to.join(entry.file_name());
        let kind = entry.file_type().map_err(|e| io_error(&path, e))?;
        if kind.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| io_error(&target, e))?;
            let (files, bytes) = copy_tree(&path, &target, skip)?;
            copied = (copied.0 + files, copied.1 + bytes);
        } else if kind.is_file() {
            let bytes = std::fs::copy(&path, &target).map_err(|e| io_error(&target, e))?;
            copied = (copied.0 + 1, copied.1 + bytes);
        }
    }
    Ok(copied)
}

/// Runs a PostgreSQL client tool, turning a missing tool or a failure into a plain refusal.
fn pg_tool(tool: &str, args: &[&str]) -> Result<(), CommandError> {
    let output = Command::new(tool).args(args).output().map_err(|e| {
        CommandError::Refused(format!(
            "{tool} could not run ({e}); install PostgreSQL's client tools (Debian: postgresql-client)"
        ))
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(CommandError::Refused(format!(
            "{tool} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}

/// `lector backup OUT`.
///
/// # Errors
/// [`CommandError`] when OUT exists, or the database or a file cannot be copied.
pub async fn backup(config: &Config, args: &BackupArgs) -> Result<(), CommandError> {
    let out = &args.out;
    if out.exists() {
        return Err(CommandError::Refused(format!(
            "{} exists already; a backup goes into a new folder",
            out.display()
        )));
    }
    let store = config.open_store().await?;
    std::fs::create_dir_all(out.join(FILES)).map_err(|e| io_error(out, e))?;
    // The copy holds every read and the audit key: only the owner may open it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| io_error(out, e))?;
    }
    let out = out.canonicalize().map_err(|e| io_error(out, e))?;
    let head = store.audit_head().await?;
    let backend = store.backend();
    let mut skip = vec![out.clone()];
    match backend {
        Backend::Sqlite => {
            store.snapshot_sqlite_into(&out.join(SQLITE_FILE)).await?;
            let live = sqlite_path(&config.database_url);
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = live.clone().into_os_string();
                name.push(suffix);
                let path = PathBuf::from(name);
                skip.push(path.canonicalize().unwrap_or(path));
            }
        }
        Backend::Postgres => {
            let file = out.join(PG_FILE);
            let file = file.to_string_lossy();
            pg_tool(
                "pg_dump",
                &[
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    &file,
                    &config.database_url,
                ],
            )?;
        }
    }
    let data_dir = config
        .data_dir
        .canonicalize()
        .map_err(|e| io_error(&config.data_dir, e))?;
    let (files, bytes) = copy_tree(&data_dir, &out.join(FILES), &skip)?;
    let manifest = serde_json::json!({
        "format": 1,
        "created_unix": unix_seconds(),
        "database": match backend { Backend::Sqlite => SQLITE_FILE, Backend::Postgres => PG_FILE },
        "audit_head": { "seq": head.seq, "hash": head.hash, "key_id": head.key_id },
        "files": files,
        "bytes": bytes,
        "audit_key_included": out.join(FILES).join("audit.key").is_file(),
    });
    let path = out.join(MANIFEST);
    std::fs::write(&path, format!("{manifest:#}\n")).map_err(|e| io_error(&path, e))?;
    println!(
        "backed up the database and {files} files ({bytes} bytes) to {}; audit head: row {} link {}",
        out.display(),
        head.seq,
        head.hash
    );
    if !out.join(FILES).join("audit.key").is_file() {
        println!("the audit key comes from LECTOR_AUDIT_KEY and is not in the backup; keep it with the backup");
    }
    Ok(())
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `lector restore BACKUP`: into an empty data directory (and an empty PostgreSQL database
/// for a PostgreSQL backup), then checks the audit trail against the backup's head.
///
/// # Errors
/// [`CommandError::Refused`] when the target holds data already, the backup is incomplete, or
/// the restored audit trail does not verify.
pub async fn restore(config: &Config, args: &RestoreArgs) -> Result<(), CommandError> {
    let from = &args.backup;
    let manifest_path = from.join(MANIFEST);
    let manifest: serde_json::Value = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| {
            CommandError::Refused(format!(
                "{} is not a lector backup (no readable {MANIFEST})",
                from.display()
            ))
        })?;
    let data_dir = &config.data_dir;
    let occupied = std::fs::read_dir(data_dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if occupied {
        return Err(CommandError::Refused(format!(
            "{} is not empty; restore into a new data directory",
            data_dir.display()
        )));
    }
    copy_tree(&from.join(FILES), data_dir, &[])?;
    match (
        Backend::from_url(&config.database_url)?,
        manifest["database"].as_str(),
    ) {
        (Backend::Sqlite, Some(SQLITE_FILE)) => {
            let target = sqlite_path(&config.database_url);
            if target.exists() {
                return Err(CommandError::Refused(format!(
                    "{} exists already",
                    target.display()
                )));
            }
            std::fs::copy(from.join(SQLITE_FILE), &target).map_err(|e| io_error(&target, e))?;
        }
        (Backend::Postgres, Some(PG_FILE)) => {
            let file = from.join(PG_FILE);
            let file = file.to_string_lossy();
            pg_tool(
                "pg_restore",
                &[
                    "--no-owner",
                    "--exit-on-error",
                    "--dbname",
                    &config.database_url,
                    &file,
                ],
            )?;
        }
        _ => {
            return Err(CommandError::Refused(
                "the backup's database is for the other backend; restore a SQLite backup with a \
                 sqlite:// DATABASE_URL and a PostgreSQL one with a postgres:// URL"
                    .into(),
            ))
        }
    }
    let store = config.open_store().await?;
    let verification = store.verify_audit().await?;
    if let Some(broken) = verification.first_broken {
        return Err(CommandError::Refused(format!(
            "the restored audit trail does not verify at row {}: {}",
            broken.seq, broken.reason
        )));
    }
    let head = store.audit_head().await?;
    if Some(head.seq) != manifest["audit_head"]["seq"].as_i64()
        || Some(head.hash.as_str()) != manifest["audit_head"]["hash"].as_str()
    {
        return Err(CommandError::Refused(
            "the restored audit trail does not end where the backup's did".into(),
        ));
    }
    println!(
        "restored into {}: the audit trail verifies ({} rows, {} reads) and ends at row {} as the backup's did",
        data_dir.display(),
        verification.rows,
        verification.reads_checked,
        head.seq
    );
    Ok(())
}
