//! The secret that keys the audit trail's chain (HMAC-SHA256): kept outside the database, so
//! someone who can write the database cannot recompute a valid chain after editing it.
//!
//! The key comes from the operator (`LECTOR_AUDIT_KEY`, 64 hex digits) or from a file in the
//! data directory, created with fresh random bytes at first start and readable by its owner
//! only. Its id (a hash of the key) is what `lector audit verify` names, so a coordinator can
//! tell which key a verification used without the key itself being shown.

use std::path::Path;

use hmac::{Hmac, Mac};
use rand::{RngCore, TryRngCore};
use sha2::{Digest, Sha256};

use crate::StoreError;

/// The environment variable an operator can give the key in instead of the file.
pub const AUDIT_KEY_ENV: &str = "LECTOR_AUDIT_KEY";
/// The key file's name in the data directory.
pub const AUDIT_KEY_FILE: &str = "audit.key";

/// A 32-byte key and where it came from.
#[derive(Clone)]
pub struct AuditKey {
    bytes: [u8; 32],
    origin: String,
}

impl std::fmt::Debug for AuditKey {
    // Never print the key itself, even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({} from {})", self.id(), self.origin)
    }
}

impl AuditKey {
    /// A key from 64 hex digits; `origin` says where they came from (for messages).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when the text is not 64 hex digits.
    pub fn from_hex(text: &str, origin: &str) -> Result<Self, StoreError> {
        let text = text.trim();
        let invalid = || {
            StoreError::Invalid(format!(
                "the audit key in {origin} must be 64 hexadecimal digits (32 bytes)"
            ))
        };
        if text.len() != 64 || !text.is_ascii() {
            return Err(invalid());
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| invalid())?;
        }
        Ok(AuditKey {
            bytes,
            origin: origin.to_string(),
        })
    }

    /// The operator's key from `LECTOR_AUDIT_KEY` when set, else the key file in `data_dir`,
    /// created (owner-only) when missing.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a malformed key, or a key file that cannot be read or
    /// written (saying which file).
    pub fn load_or_create(data_dir: &Path) -> Result<Self, StoreError> {
        if let Ok(text) = std::env::var(AUDIT_KEY_ENV) {
            return Self::from_hex(&text, AUDIT_KEY_ENV);
        }
        let path = data_dir.join(AUDIT_KEY_FILE);
        let origin = path.display().to_string();
        let io_err = |what: &str, err: std::io::Error| {
            StoreError::Invalid(format!(
                "could not {what} the audit key file {origin}: {err}"
            ))
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_hex(&text, &origin),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(data_dir).map_err(|e| io_err("create the folder of", e))?;
                let mut bytes = [0u8; 32];
                rand::rngs::OsRng.unwrap_err().fill_bytes(&mut bytes);
                let key = AuditKey {
                    bytes,
                    origin: origin.clone(),
                };
                match publish_owner_only(&path, &hex(&bytes)) {
                    Ok(()) => Ok(key),
                    // Another server sharing the data directory published its key first;
                    // that one is complete (published whole) and is everybody's key.
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                        let text = std::fs::read_to_string(&path).map_err(|e| io_err("read", e))?;
                        Self::from_hex(&text, &origin)
                    }
                    Err(err) => Err(io_err("write", err)),
                }
            }
            Err(err) => Err(io_err("read", err)),
        }
    }

    /// A fixed key for tests only.
    pub fn for_tests() -> Self {
        AuditKey {
            bytes: [7u8; 32],
            origin: "the test key".into(),
        }
    }

    /// A short public id of the key: the first 16 hex digits of SHA-256 over a label and the
    /// key (one-way, so it reveals nothing of the key).
    pub fn id(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"lector audit key id\x1f");
        hasher.update(self.bytes);
        hex(&hasher.finalize())[..16].to_string()
    }

    /// Where the key came from: the file's path or the environment variable.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// HMAC-SHA256 over `fields`, each followed by a unit separator, as hex.
    /// A secret for another use, derived from this key (HMAC-SHA256 of the purpose), so an
    /// installation keeps one secret and each use gets its own: knowing a derived secret
    /// reveals neither the key nor another use's secret.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.bytes)
            .expect("HMAC takes a key of any length");
        mac.update(b"lector derived secret\0");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    pub(crate) fn mac(&self, fields: &[&str]) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.bytes).expect("HMAC takes a key of any length");
        for field in fields {
            mac.update(field.as_bytes());
            mac.update(&[0x1f]);
        }
        hex(&mac.finalize().into_bytes())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Writes `text` to `path` whole or not at all, readable by the owner only: into a file of its
/// own first, then linked into place, which fails with `AlreadyExists` when another server
/// sharing the data directory got there first (never a half-written key, never two keys).
#[cfg(unix)]
fn publish_owner_only(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let draft = path.with_extension(format!("{}.draft", &text[..16]));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&draft)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    let linked = std::fs::hard_link(&draft, path);
    let _ = std::fs::remove_file(&draft);
    linked
}

#[cfg(not(unix))]
fn publish_owner_only(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_created_once_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();

        let first = AuditKey::load_or_create(dir.path()).unwrap();
        let second = AuditKey::load_or_create(dir.path()).unwrap();

        assert_eq!(first.id(), second.id());
        assert_eq!(first.mac(&["a"]), second.mac(&["a"]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(AUDIT_KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn servers_starting_at_once_on_one_data_directory_all_get_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();

        let ids: Vec<String> = std::thread::scope(|scope| {
            let starts: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| AuditKey::load_or_create(&path).unwrap().id()))
                .collect();
            starts.into_iter().map(|s| s.join().unwrap()).collect()
        });

        assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "only the key file stays");
    }

    #[test]
    fn different_keys_give_different_macs_and_ids() {
        let a = AuditKey::for_tests();
        let b = AuditKey::from_hex(&"ab".repeat(32), "test").unwrap();

        assert_ne!(a.mac(&["row"]), b.mac(&["row"]));
        assert_ne!(a.id(), b.id());
        assert!(!format!("{b:?}").contains("abab"));
    }

    #[test]
    fn a_malformed_key_is_refused_with_its_origin() {
        let err = AuditKey::from_hex("xyz", "LECTOR_AUDIT_KEY").unwrap_err();
        assert!(err.to_string().contains("LECTOR_AUDIT_KEY"));
        assert!(AuditKey::from_hex(&"zz".repeat(32), "f").is_err());
    }
}
