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
    assert_eq!(entries(&dir).len(), 1, "{:?}", entries(&dir));
}
