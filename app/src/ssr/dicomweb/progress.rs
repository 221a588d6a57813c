//! How far a PACS import has come, for the Cases page: a small JSON file in the study's DICOMweb
//! cache. It lives in the data directory, which every instance behind the proxy shares, so the
//! page's poll may land on any of them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::domain::case::ImportProgress;

const FILE: &str = "progress.json";

/// How often the file is rewritten while cases arrive.
const EVERY: Duration = Duration::from_millis(400);

/// A file older than this belongs to an import that died with its server.
const STALE_SECS: u64 = 15 * 60;

#[derive(Serialize, Deserialize)]
struct Stored {
    done: usize,
    total: usize,
    preparing: bool,
    /// Seconds since 1970 of the last write.
    written: u64,
}

/// Counts a fetch's finished rows into the study's progress file.
pub struct Tracker {
    path: PathBuf,
    total: usize,
    done: AtomicUsize,
    last: Mutex<Option<Instant>>,
}

impl Tracker {
    /// A tracker for `total` rows, writing into the cache folder `cache`.
    pub fn new(cache: &Path, total: usize) -> Self {
        let tracker = Tracker {
            path: cache.join(FILE),
            total,
            done: AtomicUsize::new(0),
            last: Mutex::new(None),
        };
        tracker.write(false);
        tracker
    }

    /// One more row fetched (or found in the cache, or refused).
    pub fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let due = {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            let due = done == self.total || last.is_none_or(|t| t.elapsed() >= EVERY);
            if due {
                *last = Some(Instant::now());
            }
            due
        };
        if due {
            self.write(false);
        }
    }

    /// Every row is in; the import now checks and stores the copies.
    pub fn preparing(&self) {
        self.write(true);
    }

    fn write(&self, preparing: bool) {
        let stored = Stored {
            done: self.done.load(Ordering::Relaxed),
            total: self.total,
            preparing,
            written: now(),
        };
        // Progress is a courtesy: a failed write must not fail the import.
        if let Ok(json) = serde_json::to_vec(&stored) {
            let partial = self.path.with_extension("partial");
            let _ =
                std::fs::write(&partial, json).and_then(|()| std::fs::rename(&partial, &self.path));
        }
    }
}

/// Removes the progress file when the import ends, however it ends.
pub struct Finished(pub PathBuf);

impl Finished {
    pub fn for_cache(cache: &Path) -> Self {
        Finished(cache.join(FILE))
    }
}

impl Drop for Finished {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The progress of the PACS import running into the study whose cache is `cache`, if one is.
pub fn read(cache: &Path) -> Option<ImportProgress> {
    let text = std::fs::read(cache.join(FILE)).ok()?;
    let stored: Stored = serde_json::from_slice(&text).ok()?;
    (now().saturating_sub(stored.written) < STALE_SECS).then_some(ImportProgress {
        done: stored.done,
        total: stored.total,
        preparing: stored.preparing,
    })
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_reads_what_the_fetch_counted_until_the_import_ends() {
        let dir = tempfile::tempdir().unwrap();
        let finished = Finished::for_cache(dir.path());
        let tracker = Tracker::new(dir.path(), 3);

        for _ in 0..3 {
            tracker.step();
        }
        let fetched = read(dir.path());
        tracker.preparing();
        let preparing = read(dir.path());
        drop(finished);

        let expect = |done, preparing| ImportProgress {
            done,
            total: 3,
            preparing,
        };
        assert_eq!(fetched, Some(expect(3, false)));
        assert_eq!(preparing, Some(expect(3, true)));
        assert_eq!(read(dir.path()), None);
    }
}
