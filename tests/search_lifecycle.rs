//! The search index on the filesystem, through the public API: build,
//! reopen, stale content, corruption, races, unusable directories. Each
//! test uses its own temporary directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier, OnceLock};

use policy_nav::search::{
    default_dir_candidates, fingerprint, user_cache_dir, Action, BuildReason, IndexableClause,
    Location, NoExpander, SearchIndex, META_FILE,
};
use policy_nav::Library;

/// The bundled corpus through the real loader (once per test binary).
fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        Library::from_texts(&[(
            "jiangsu-2024-1057",
            include_str!("../corpus/jiangsu-2024-1057.txt"),
        )])
    })
}

fn clauses() -> Vec<IndexableClause> {
    library().indexable_clauses()
}

fn small() -> Vec<IndexableClause> {
    clauses()[..24].to_vec()
}

fn ids_for(index: &SearchIndex, q: &str) -> Vec<String> {
    index
        .search(q, usize::MAX, None, &library().expander())
        .into_iter()
        .map(|h| h.address)
        .collect()
}

fn expected_ids(cs: &[IndexableClause], q: &str) -> Vec<String> {
    SearchIndex::build_in_ram(cs)
        .unwrap()
        .search(q, usize::MAX, None, &library().expander())
        .into_iter()
        .map(|h| h.address)
        .collect()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn is_built(loc: &Location, want: fn(&BuildReason) -> bool) -> bool {
    matches!(&loc.action, Action::Built { reason, .. } if want(reason))
}

#[test]
fn builds_then_opens_then_rebuilds_on_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let cands = vec![dir.clone()];
    let cs = small();

    let (a, loc) = SearchIndex::open_or_build(&cands, &cs, "h1").unwrap();
    assert!(is_built(&loc, |r| *r == BuildReason::Missing), "{loc:?}");
    assert!(loc.is_default() && !loc.in_ram());
    assert!(loc.path.as_ref().unwrap().join(META_FILE).is_file());
    assert_eq!(ids_for(&a, "钢铁"), expected_ids(&cs, "钢铁"));
    drop(a);

    let (_, loc) = SearchIndex::open_or_build(&cands, &cs, "h1").unwrap();
    assert_eq!(loc.action, Action::Opened);

    // Clause content changes: rebuilt, old index removed.
    let mut changed = cs.clone();
    changed[10].text.push_str("新增测试词汇");
    let (b, loc) = SearchIndex::open_or_build(&cands, &changed, "h1").unwrap();
    assert!(is_built(&loc, |r| *r == BuildReason::Stale), "{loc:?}");
    assert_eq!(ids_for(&b, "新增测试词汇"), vec![changed[10].id.clone()]);
    let idx_dirs: Vec<_> = entries(&dir)
        .into_iter()
        .filter(|n| n.starts_with("idx-"))
        .collect();
    assert_eq!(idx_dirs.len(), 1, "{idx_dirs:?}");

    // Corpus hash changes alone: rebuilt too.
    let (_, loc) = SearchIndex::open_or_build(&cands, &changed, "h2").unwrap();
    assert!(is_built(&loc, |r| *r == BuildReason::Stale), "{loc:?}");
    assert_ne!(fingerprint(&changed, "h1"), fingerprint(&changed, "h2"));
    assert_ne!(fingerprint(&cs, "h1"), fingerprint(&changed, "h1"));
}

#[test]
fn explicit_rebuild_reports_what_it_did() {
    let tmp = tempfile::tempdir().unwrap();
    let cands = vec![tmp.path().join("index")];
    let cs = small();
    SearchIndex::open_or_build(&cands, &cs, "h").unwrap();
    let (idx, loc) = SearchIndex::rebuild(&cands, &cs, "h").unwrap();
    match &loc.action {
        Action::Built { reason, took } => {
            assert_eq!(*reason, BuildReason::Requested);
            assert!(!took.is_zero());
        }
        other => panic!("{other:?}"),
    }
    policy_nav::i18n::set_language(policy_nav::i18n::CHINESE);
    assert!(loc.describe().contains("按要求重建"), "{}", loc.describe());
    assert_eq!(ids_for(&idx, "节能"), expected_ids(&cs, "节能"));
    let (_, loc) = SearchIndex::open_or_build(&cands, &cs, "h").unwrap();
    assert_eq!(loc.action, Action::Opened);
}

fn index_files(dir: &Path) -> Vec<PathBuf> {
    let idx = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("idx-"))
        .unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(idx)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Data files whose damage must be detected. Lock files carry no data, and
/// tantivy's `.managed.json` (its garbage-collection list) is not needed to
/// read the index: damage there only has to leave search correct.
fn must_detect(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    !name.ends_with(".lock") && name != ".managed.json" && fs::metadata(path).unwrap().len() > 0
}

#[test]
fn damaged_files_are_detected_and_rebuilt() {
    let cs = small();
    let expected = expected_ids(&cs, "钢铁");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let cands = vec![dir.clone()];
    SearchIndex::open_or_build(&cands, &cs, "h").unwrap();
    let files = index_files(&dir);
    assert!(files.len() > 5, "{files:?}");
    let mut detected = 0;
    for (n, file) in files.iter().enumerate() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for damage in ["truncate", "garbage", "delete"] {
            // Start from a good index each time.
            SearchIndex::open_or_build(&cands, &cs, "h").unwrap();
            let file = &index_files(&dir)[n];
            let detect = must_detect(file);
            let len = fs::metadata(file).unwrap().len() as usize;
            match damage {
                "truncate" => fs::write(file, &fs::read(file).unwrap()[..len / 2]).unwrap(),
                "garbage" => {
                    let mut bytes = fs::read(file).unwrap();
                    for (i, b) in bytes.iter_mut().enumerate().skip(len / 3).take(64) {
                        *b ^= 0x5a ^ (i as u8);
                    }
                    fs::write(file, bytes).unwrap();
                }
                _ => fs::remove_file(file).unwrap(),
            }
            let (idx, loc) = SearchIndex::open_or_build(&cands, &cs, "h").unwrap();
            assert_eq!(ids_for(&idx, "钢铁"), expected, "{damage} {name}");
            if detect && len > 0 {
                assert!(
                    is_built(&loc, |r| matches!(r, BuildReason::Corrupt(_))),
                    "{damage} {name}: {loc:?}"
                );
                detected += 1;
            }
        }
    }
    assert!(detected > 10, "only {detected} damages detected");
}

#[test]
fn racing_openers_all_succeed() {
    let cs = Arc::new(small());
    let expected = expected_ids(&cs, "节能");
    for round in 0..3 {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("index");
        if round == 2 {
            // Race on a corrupt index as well.
            SearchIndex::open_or_build(std::slice::from_ref(&dir), &cs, "h").unwrap();
            for f in index_files(&dir).iter().filter(|f| must_detect(f)) {
                fs::write(f, b"garbage").unwrap();
            }
        }
        let barrier = Arc::new(Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (dir, cs, barrier) = (dir.clone(), cs.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    let (idx, loc) = SearchIndex::open_or_build(&[dir], &cs, "h").unwrap();
                    assert_eq!(loc.candidate, Some(0), "{loc:?}");
                    ids_for(&idx, "节能")
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), expected, "round {round}");
        }
        let names = entries(&dir);
        assert_eq!(
            names.iter().filter(|n| n.starts_with("idx-")).count(),
            1,
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.starts_with(".build-")), "{names:?}");
        let (_, loc) = SearchIndex::open_or_build(&[dir], &cs, "h").unwrap();
        assert_eq!(loc.action, Action::Opened);
    }
}

#[test]
fn unusable_directories_fall_back_then_ram() {
    let cs = small();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    fs::write(&file, "not a directory").unwrap();
    let bad = file.join("index");
    let good = tmp.path().join("cache");

    let (idx, loc) = SearchIndex::open_or_build(&[bad.clone(), good.clone()], &cs, "h").unwrap();
    assert_eq!(loc.candidate, Some(1));
    assert!(!loc.is_default());
    assert_eq!(loc.skipped.len(), 1);
    assert_eq!(loc.skipped[0].0, bad);
    assert!(loc.path.as_ref().unwrap().starts_with(&good));
    policy_nav::i18n::set_language(policy_nav::i18n::CHINESE);
    assert!(loc.describe().contains("不能用"), "{}", loc.describe());
    assert_eq!(ids_for(&idx, "钢铁"), expected_ids(&cs, "钢铁"));

    let (idx, loc) = SearchIndex::open_or_build(std::slice::from_ref(&bad), &cs, "h").unwrap();
    assert!(loc.in_ram() && loc.candidate.is_none());
    assert!(loc.describe().contains("内存"), "{}", loc.describe());
    assert_eq!(ids_for(&idx, "钢铁"), expected_ids(&cs, "钢铁"));
}

#[test]
fn cache_dir_follows_xdg() {
    let dirs = default_dir_candidates(Path::new("/corpus/index"), "abc");
    assert_eq!(dirs[0], Path::new("/corpus/index"));
    if let Some(cache) = user_cache_dir("abc") {
        assert!(cache.ends_with("policy-nav/abc"), "{cache:?}");
        assert_eq!(dirs[1], cache);
    }
}

#[test]
fn empty_corpus_is_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let cands = vec![tmp.path().join("index")];
    let (idx, _) = SearchIndex::open_or_build(&cands, &[], "h").unwrap();
    assert!(idx.search("钢铁", 10, None, &NoExpander).is_empty());
    let (_, loc) = SearchIndex::open_or_build(&cands, &[], "h").unwrap();
    assert_eq!(loc.action, Action::Opened);
}

/// Timings for the report: `cargo test --test search_lifecycle timings -- --ignored --nocapture`.
#[test]
#[ignore]
fn timings() {
    use std::time::Instant;
    let t = Instant::now();
    policy_nav::search::tokenizer::jieba();
    println!("jieba init: {:?}", t.elapsed());
    let all = clauses();
    let cs = all.as_slice();
    let t = Instant::now();
    let _ = SearchIndex::build_in_ram(cs).unwrap();
    println!("build in RAM ({} clauses): {:?}", cs.len(), t.elapsed());
    let tmp = tempfile::tempdir().unwrap();
    let cands = vec![tmp.path().join("index")];
    let (_, loc) = SearchIndex::open_or_build(&cands, cs, "h").unwrap();
    println!("{}", loc.describe());
    let t = Instant::now();
    let (idx, loc) = SearchIndex::open_or_build(&cands, cs, "h").unwrap();
    println!(
        "open + verify existing: {:?} ({:?})",
        t.elapsed(),
        loc.action
    );
    let queries = [
        "国家发展改革委",
        "节能 降碳",
        "dept:发改委 role:lead",
        "能",
        "\"余热 余压\" -钢铁",
        "plan:steel 高炉",
    ];
    for q in queries {
        let t = Instant::now();
        let n = 50;
        let mut hits = 0;
        for _ in 0..n {
            hits = idx.search(q, 20, None, &library().expander()).len();
        }
        println!("{q:?}: {:?}/query, {hits} hits", t.elapsed() / n);
    }
}
