//! Many users at once, shared read-only installs and damaged indexes: the
//! search index is always either valid or rebuilt, and a search always
//! answers the same.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};

use assert_cmd::cargo::CommandCargoExt;

mod common;
use common::{corpus_copy, leftovers};

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("policy-nav").unwrap();
    c.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c.current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .arg("--corpus")
        .arg(dir.join("corpus"));
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    cmd(dir).args(args).output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> (String, String) {
    let out = run(dir, args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// The `idx-…` directories in `dir`.
fn indexes(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("idx-"))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

const QUERY: &[&str] = &["search", "余热发电", "--json"];

/// Where the index of `dir/corpus` lives: a corpus that is not the
/// project's own has its index in the user cache (`XDG_CACHE_HOME` is
/// `dir/cache` here), one directory per corpus, never beside the corpus.
fn cache_index_dir(dir: &Path) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir.join("cache/policy-nav"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(dirs.len(), 1, "one index directory per corpus: {dirs:?}");
    assert!(
        !dir.join("index").exists(),
        "nothing written beside the corpus"
    );
    dirs.pop().unwrap()
}

#[test]
fn eight_processes_at_once_on_an_empty_cache_agree() {
    let dir = corpus_copy();
    let n = 8;
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            let mut c = cmd(dir.path());
            c.args(QUERY);
            std::thread::spawn(move || {
                barrier.wait();
                c.output().unwrap()
            })
        })
        .collect();
    let outputs: Vec<Output> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Each used the shared index: nothing fell back elsewhere.
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let first = &outputs[0].stdout;
    let hits: serde_json::Value = serde_json::from_slice(first).unwrap();
    assert_eq!(hits[0]["address"], "钢铁:二(四)", "{hits}");
    for out in &outputs[1..] {
        assert_eq!(&out.stdout, first);
    }
    let index_dir = cache_index_dir(dir.path());
    assert_eq!(indexes(&index_dir).len(), 1, "{:?}", indexes(&index_dir));
    assert!(
        leftovers(&index_dir).is_empty(),
        "{:?}",
        leftovers(&index_dir)
    );
    let (said, _) = ok(dir.path(), &["index"]);
    assert!(said.contains("已打开"), "{said}");
    assert_eq!(ok(dir.path(), QUERY).0.as_bytes(), &first[..]);
}

/// True when this process can write into a directory whose write bits are
/// cleared (root, or capabilities): then permissions cannot simulate a
/// read-only install.
fn permissions_do_not_bind() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = tempfile::tempdir().unwrap();
    std::fs::set_permissions(probe.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::write(probe.path().join("x"), "x").is_ok();
    std::fs::set_permissions(probe.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    writable
}

/// Makes the index location beside the corpus unusable: read-only
/// permissions where they bind, else a regular file where the `index/`
/// directory would go (root ignores permissions).
fn make_install_read_only(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if permissions_do_not_bind() {
        std::fs::write(root.join("index"), "not a directory").unwrap();
    } else {
        for d in [root.join("corpus"), root.to_path_buf()] {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
    }
}

fn undo_read_only(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for d in [root.to_path_buf(), root.join("corpus")] {
        let _ = std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_corpus_in_a_read_only_folder_is_indexed_in_the_cache_without_a_notice() {
    let work = tempfile::tempdir().unwrap();
    let install = corpus_copy();
    let reference = ok(install.path(), QUERY).0;
    make_install_read_only(install.path());
    let cache = work.path().join("cache");
    let out = Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(work.path())
        .env("XDG_CACHE_HOME", &cache)
        .arg("--corpus")
        .arg(install.path().join("corpus"))
        .args(QUERY)
        .output()
        .unwrap();
    undo_read_only(install.path());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), reference);
    // The cache is where such a corpus's index belongs: nothing to say.
    assert!(stderr.is_empty(), "{stderr}");
    let cached = std::fs::read_dir(cache.join("policy-nav"))
        .unwrap()
        .flatten()
        .flat_map(|e| indexes(&e.path()))
        .count();
    assert_eq!(cached, 1);
}

#[test]
fn with_no_writable_place_the_index_lives_in_memory() {
    let install = corpus_copy();
    let reference = ok(install.path(), QUERY).0;
    make_install_read_only(install.path());
    // The cache "directory" is under a regular file: it cannot exist.
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let out = Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(install.path())
        .env("XDG_CACHE_HOME", blocker.path().join("cache"))
        .arg("--corpus")
        .arg(install.path().join("corpus"))
        .args(QUERY)
        .output()
        .unwrap();
    undo_read_only(install.path());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), reference);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("内存"), "{stderr}");
}

/// A prebuilt index in a shared install is used without writing to it.
#[test]
fn a_prebuilt_index_is_opened_without_writing() {
    let install = corpus_copy();
    // An install's corpus is older than the second its index was built
    // in; a file copied in that same second is racy (see the corpus
    // manifest), and the manifest is written again once it settles.
    common::wait_for_the_next_second();
    let reference = ok(install.path(), QUERY).0;
    let index_dir = cache_index_dir(install.path());
    let before = snapshot(&index_dir);
    let (again, stderr) = ok(install.path(), QUERY);
    assert_eq!(again, reference);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(snapshot(&index_dir), before);
}

/// Every path under `dir` with its size and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let m = e.metadata().unwrap();
            if m.is_dir() {
                stack.push(e.path());
            }
            v.push((e.path(), m.len(), m.modified().unwrap()));
        }
    }
    v.sort();
    v
}

/// Damages every file of the index, one at a time, in the given way, and
/// checks each time that the damage is detected, the index rebuilt, and
/// the search answers as before.
fn each_file_damaged(damage: impl Fn(&Path)) {
    let dir = corpus_copy();
    let reference = ok(dir.path(), QUERY).0;
    let index_dir = cache_index_dir(dir.path());
    // Segment file names change with each rebuild: list them afresh.
    let files = || -> Vec<PathBuf> {
        let idx = indexes(&index_dir).pop().unwrap();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&idx)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && std::fs::metadata(p).unwrap().len() > 0
                    && !p.to_string_lossy().ends_with(".lock")
            })
            .collect();
        files.sort_by_key(|p| p.extension().map(|e| e.to_os_string()));
        files
    };
    let count = files().len();
    assert!(count >= 5, "{:?}", files());
    for i in 0..count {
        let file = files()[i].clone();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        damage(&file);
        let (said, _) = ok(dir.path(), &["index"]);
        assert!(
            said.contains("建成") && said.contains("不能用"),
            "damaged {name} not detected: {said}"
        );
        assert_eq!(ok(dir.path(), QUERY).0, reference, "after damaging {name}");
        let (said, _) = ok(dir.path(), &["index"]);
        assert!(said.contains("已打开"), "{said}");
        assert!(leftovers(&index_dir).is_empty());
        assert_eq!(indexes(&index_dir).len(), 1);
    }
}

#[test]
fn truncated_index_files_are_detected_and_rebuilt() {
    each_file_damaged(|file| {
        let len = std::fs::metadata(file).unwrap().len();
        let f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
        f.set_len(len / 2).unwrap();
    });
}

#[test]
fn index_files_overwritten_with_garbage_are_detected_and_rebuilt() {
    each_file_damaged(|file| {
        let len = std::fs::metadata(file).unwrap().len() as usize;
        // Deterministic garbage of the same length.
        std::fs::write(file, common::garbage(len.max(1))).unwrap();
    });
}
