//! New UIDs for a study's de-identified copies: one original UID always maps to the same new
//! one within a study, and no table of originals is needed to do so.

use sha2::{Digest, Sha256};

/// Replaces UIDs with `2.25.` UIDs (PS3.5 B.2) derived from a study's secret.
#[derive(Clone, PartialEq, Eq)]
pub struct UidMapper {
    secret: Vec<u8>,
}

impl std::fmt::Debug for UidMapper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UidMapper(..)")
    }
}

impl UidMapper {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            secret: secret.to_vec(),
        }
    }

    /// The new UID of `uid`: 2.25 followed by the first 128 bits of SHA-256(secret, uid) as a
    /// decimal integer (at most 44 characters, within the 64 a UID may have).
    pub fn map(&self, uid: &str) -> String {
        let mut hash = Sha256::new();
        hash.update((self.secret.len() as u64).to_be_bytes());
        hash.update(&self.secret);
        hash.update(uid.trim_end_matches(['\0', ' ']).as_bytes());
        let digest = hash.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        format!("2.25.{}", u128::from_be_bytes(first))
    }
}
