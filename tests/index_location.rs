//! Where a corpus's search index goes: `index/` beside the project's own
//! `corpus/`; for any other corpus the user cache
//! (`$XDG_CACHE_HOME/policy-nav/<hash>`), never beside the user's files,
//! one index per corpus even when two share a folder.

mod common;

use std::path::{Path, PathBuf};

use policy_nav::{CorpusLocation, Library};

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|e| e.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_corpus_folder_elsewhere_gets_its_index_in_the_cache_only() {
    let dir = common::corpus_copy();
    let (code, out, err) = common::run_in(dir.path(), &["--corpus", "corpus", "index"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("建成"), "{out}");
    assert_eq!(
        entries(dir.path()),
        vec![dir.path().join("cache"), dir.path().join("corpus")],
        "nothing written beside the corpus"
    );
    assert_eq!(entries(&dir.path().join("cache/policy-nav")).len(), 1);
}

#[test]
fn two_corpora_in_one_folder_have_two_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("政策");
    std::fs::create_dir(&folder).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/jiangsu-2024-1057.txt");
    std::fs::copy(&source, folder.join("a.txt")).unwrap();
    std::fs::copy(&source, folder.join("b.txt")).unwrap();
    for file in ["政策/a.txt", "政策/b.txt"] {
        let (code, out, err) = common::run_in(dir.path(), &["--corpus", file, "index"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("建成"), "{file}: {out}");
    }
    assert_eq!(
        entries(&folder),
        vec![folder.join("a.txt"), folder.join("b.txt")]
    );
    assert!(!dir.path().join("index").exists());
    assert_eq!(entries(&dir.path().join("cache/policy-nav")).len(), 2);
}

#[test]
fn the_project_corpus_keeps_index_beside_it_and_others_do_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project =
        Library::load(CorpusLocation::Dir(root.join("corpus"))).expect("the project corpus");
    let candidates = project.index_dir_candidates();
    assert_eq!(
        candidates.first(),
        Some(&root.canonicalize().unwrap().join("index")),
        "{candidates:?}"
    );

    let copy = common::corpus_copy();
    let other = Library::load(CorpusLocation::Dir(copy.path().join("corpus"))).unwrap();
    let candidates = other.index_dir_candidates();
    let copy_root = copy.path().canonicalize().unwrap();
    assert!(
        candidates.iter().all(|c| !c.starts_with(&copy_root)),
        "{candidates:?}"
    );
}
