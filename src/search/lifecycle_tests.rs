//! The one lifecycle test that needs the crate's own hooks (a build this
//! process started and did not finish); the filesystem lifecycle tests are
//! in tests/search_lifecycle.rs.

use std::fs;

use super::test_support::*;
use super::*;

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn unfinished_builds_are_removed_on_request_and_finished_ones_are_not() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    // A finished build is published and no longer tracked.
    let (_index, location) =
        SearchIndex::open_or_build(std::slice::from_ref(&dir), &clauses()[..24], "h").unwrap();
    let published = location.path.unwrap();
    // A build this process started and has not finished (as when a signal
    // ends the navigator while a build thread runs).
    let pending = dir.join(".build-pending-test");
    fs::create_dir(&pending).unwrap();
    fs::write(pending.join("segment"), "half written").unwrap();
    super::lifecycle::track_unfinished_for_test(&pending);
    // (Only this test's: other tests build in parallel in this process.)
    super::lifecycle::remove_unfinished_builds_where(|d| d.starts_with(tmp.path()));
    assert!(!pending.exists());
    assert!(published.exists());
    // The index and the record of its verification (see `verified`).
    let name = published
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        entries(&dir),
        [name.clone(), format!("verified-{name}.json")]
    );
}

#[test]
fn an_index_verified_once_is_trusted_until_a_file_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let candidates = std::slice::from_ref(&dir);
    let (_index, location) = SearchIndex::open_or_build(candidates, &clauses()[..24], "h").unwrap();
    let published = location.path.unwrap();
    // Built, verified and recorded: the next open skips the checksum pass.
    assert!(super::verified::unchanged_since_verified(&published));
    assert!(SearchIndex::open_current(candidates, "h").is_some());
    // The largest file overwritten with garbage of the same length.
    let largest = fs::read_dir(&published)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap();
    let len = fs::metadata(&largest).unwrap().len() as usize;
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&largest, vec![0x5a; len]).unwrap();
    assert!(!super::verified::unchanged_since_verified(&published));
    assert!(
        SearchIndex::open_current(candidates, "h").is_none(),
        "damage to {largest:?} not found"
    );
}
