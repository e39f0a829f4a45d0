//! Verified once, trusted while unchanged. tantivy's checksum pass reads
//! every byte of an index: at 10,000 plans (171 MB) it was most of a
//! one-shot search. So once an index has passed it, the stats of its files
//! ([`FileStat`]: size, modification and change times, inode) are recorded
//! beside it, in `verified-<index dir>.json` in the candidate directory —
//! outside the index, so damage to the record can only cost a checksum
//! pass, never hide damage to the index. A later open whose files all
//! still have those stats skips the pass.
//!
//! **Races.** A file written again within one tick of the file system's
//! clock keeps its times. So the stats are recorded only once every file's
//! last change is [`SETTLE`] old (many ticks; a file system with
//! whole-second times waits two seconds, so the record is left out there
//! rather than waited for), and only when the stats read before the
//! checksum pass equal those read after it: whatever changes a file after
//! the record gives it later times than recorded. The change time cannot
//! be set back by `touch`, so restoring a modification time does not hide
//! a write.
//!
//! What is not caught: bytes that rot on disk with no write through the
//! file system. tantivy does not check them on reading either; `policy-nav
//! index --rebuild` makes a new index.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::file_stat::FileStat;

/// How old every file's last change must be before its stats are recorded.
const SETTLE: Duration = Duration::from_millis(30);

/// Bumped when the record's meaning changes; another version is ignored.
const VERSION: u32 = 1;

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    version: u32,
    /// Every file of the index directory but lock files, by name.
    files: BTreeMap<String, FileStat>,
}

/// The record's path for the index in `index`.
fn record_path(index: &Path) -> Option<PathBuf> {
    let name = index.file_name()?.to_str()?;
    Some(
        index
            .parent()?
            .join(format!("{}{name}.json", RECORD_PREFIX)),
    )
}

/// What the names of records start with (see [`is_record_of_another`]).
const RECORD_PREFIX: &str = "verified-";

/// True when `name` (in a candidate directory) is a record, but not the
/// one of the index `keep` (its name): such a record is stale.
pub(super) fn is_record_of_another(name: &str, keep: &Path) -> bool {
    let kept = keep
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| format!("{RECORD_PREFIX}{n}.json"));
    name.starts_with(RECORD_PREFIX) && name.ends_with(".json") && Some(name) != kept.as_deref()
}

/// The stats of every file in `index` but its lock files (tantivy's
/// writer locks carry no data); `None` when the directory or a file cannot
/// be read, or it holds a directory.
fn stats(index: &Path) -> Option<BTreeMap<String, FileStat>> {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(index).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name().into_string().ok()?;
        if name.ends_with(".lock") {
            continue;
        }
        let meta = entry.metadata().ok()?;
        if !meta.is_file() {
            return None;
        }
        files.insert(name, FileStat::of(&meta));
    }
    Some(files)
}

/// True when `index` was verified and none of its files changed since.
pub(super) fn unchanged_since_verified(index: &Path) -> bool {
    let Some(bytes) = record_path(index).and_then(|p| fs::read(p).ok()) else {
        return false;
    };
    let Ok(record) = serde_json::from_slice::<Record>(&bytes) else {
        return false;
    };
    record.version == VERSION && stats(index).as_ref() == Some(&record.files)
}

/// A stat's times as instants: (modified, changed).
fn times(stat: &FileStat) -> [SystemTime; 2] {
    let at = |(secs, nanos): (i64, u32)| {
        UNIX_EPOCH + Duration::new(u64::try_from(secs).unwrap_or(0), nanos.min(999_999_999))
    };
    [at(stat.modified), at(stat.changed)]
}

/// How long to wait before `files` may be recorded, or `None` when they
/// should not be (times in the future, or whole-second times: see the
/// module).
fn wait_before_recording(files: &BTreeMap<String, FileStat>) -> Option<Duration> {
    let newest = files.values().flat_map(times).max()?;
    let whole_seconds = files
        .values()
        .all(|s| s.modified.1 == 0 && s.changed.1 == 0);
    if whole_seconds {
        return None;
    }
    let age = SystemTime::now().duration_since(newest).ok()?;
    Some(SETTLE.saturating_sub(age))
}

/// Runs `verify` (the full check of `index`) and returns what it says;
/// when it passes and no file changed while it ran, records the files'
/// stats so that later opens can skip it (a record that cannot be written,
/// as in a read-only install, only costs the check next time).
pub(super) fn verify_and_record(index: &Path, verify: impl FnOnce() -> bool) -> bool {
    let before = stats(index).and_then(|files| {
        let wait = wait_before_recording(&files)?;
        if wait.is_zero() {
            return Some(files);
        }
        std::thread::sleep(wait);
        stats(index)
    });
    if !verify() {
        return false;
    }
    if let (Some(before), Some(path)) = (before, record_path(index)) {
        if stats(index).as_ref() == Some(&before) {
            let record = Record {
                version: VERSION,
                files: before,
            };
            if let Ok(json) = serde_json::to_vec(&record) {
                if let Err(error) = crate::atomic_file::write(&path, &json) {
                    tracing::debug!(%error, path = %path.display(), "index verification not recorded");
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_dir() -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let index = root.path().join("idx-0123456789abcdef");
        fs::create_dir(&index).unwrap();
        fs::write(index.join("meta.json"), "{}").unwrap();
        fs::write(index.join("a.idx"), vec![7u8; 4096]).unwrap();
        fs::write(index.join(".tantivy-writer.lock"), "").unwrap();
        (root, index)
    }

    #[test]
    fn a_verified_index_is_trusted_until_a_file_changes() {
        let (_root, index) = index_dir();
        assert!(!unchanged_since_verified(&index), "never verified");
        let mut ran = 0;
        assert!(verify_and_record(&index, || {
            ran += 1;
            true
        }));
        assert_eq!(ran, 1);
        assert!(unchanged_since_verified(&index));
        // A lock file coming and going is not a change.
        fs::remove_file(index.join(".tantivy-writer.lock")).unwrap();
        assert!(unchanged_since_verified(&index));
        // Same size, other bytes, written well after the record.
        std::thread::sleep(Duration::from_millis(20));
        fs::write(index.join("a.idx"), vec![8u8; 4096]).unwrap();
        assert!(!unchanged_since_verified(&index));
    }

    #[test]
    fn a_failed_check_records_nothing() {
        let (_root, index) = index_dir();
        assert!(!verify_and_record(&index, || false));
        assert!(!record_path(&index).unwrap().exists());
        assert!(!unchanged_since_verified(&index));
    }

    #[test]
    fn a_file_changed_during_the_check_is_not_recorded() {
        let (_root, index) = index_dir();
        assert!(verify_and_record(&index, || {
            std::thread::sleep(Duration::from_millis(20));
            fs::write(index.join("a.idx"), vec![9u8; 4096]).unwrap();
            true
        }));
        assert!(!unchanged_since_verified(&index));
    }

    #[test]
    fn an_added_or_removed_file_is_a_change() {
        let (_root, index) = index_dir();
        assert!(verify_and_record(&index, || true));
        fs::write(index.join("extra.pos"), "x").unwrap();
        assert!(!unchanged_since_verified(&index));
        fs::remove_file(index.join("extra.pos")).unwrap();
        assert!(unchanged_since_verified(&index));
        fs::remove_file(index.join("meta.json")).unwrap();
        assert!(!unchanged_since_verified(&index));
    }

    #[test]
    fn a_damaged_record_is_not_trusted() {
        let (_root, index) = index_dir();
        assert!(verify_and_record(&index, || true));
        fs::write(record_path(&index).unwrap(), "{\"version\":1,").unwrap();
        assert!(!unchanged_since_verified(&index));
    }

    #[test]
    fn whole_second_times_are_not_recorded() {
        let stat = |secs| FileStat {
            size: 1,
            modified: (secs, 0),
            changed: (secs, 0),
            id: (1, 2),
        };
        let files = BTreeMap::from([("a".to_string(), stat(1_000))]);
        assert_eq!(wait_before_recording(&files), None);
        let mut fine = stat(1_000);
        fine.modified.1 = 5;
        let files = BTreeMap::from([("a".to_string(), fine)]);
        assert_eq!(wait_before_recording(&files), Some(Duration::ZERO));
    }

    #[test]
    fn records_of_other_indexes_are_told_apart() {
        let keep = Path::new("/c/idx-aaaa");
        assert!(!is_record_of_another("verified-idx-aaaa.json", keep));
        assert!(is_record_of_another("verified-idx-bbbb.json", keep));
        assert!(!is_record_of_another("corpus-manifest.bin", keep));
    }
}
