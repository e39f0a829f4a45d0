//! Criterion benchmarks: library load, index build, query latency.
//! `cargo bench --bench search`. Whole-process comparisons (against rg,
//! TUI start-up, RSS) are in `bench/compare.sh`; keystrokes in
//! `policy-nav bench keys`.

use criterion::{criterion_group, criterion_main, Criterion};

use policy_nav::search::SearchIndex;
use policy_nav::{CorpusLocation, Library};

const CORPUS: &str = include_str!("../corpus/jiangsu-2024-1057.txt");

fn library_load(c: &mut Criterion) {
    c.bench_function("library load (from texts)", |b| {
        b.iter(|| Library::from_texts(&[("jiangsu-2024-1057", CORPUS)]))
    });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    c.bench_function("library load (corpus dir)", |b| {
        b.iter(|| Library::load(CorpusLocation::Dir(dir.clone())).unwrap())
    });
}

fn index_build(c: &mut Criterion) {
    let library = Library::from_texts(&[("jiangsu-2024-1057", CORPUS)]);
    let clauses = library.indexable_clauses();
    policy_nav::search::tokenizer::jieba();
    let mut group = c.benchmark_group("index build");
    group.sample_size(10);
    group.bench_function("in RAM", |b| {
        b.iter(|| SearchIndex::build_in_ram(&clauses).unwrap())
    });
    group.bench_function("on disk with restricted dictionary", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().unwrap(),
            |tmp| {
                SearchIndex::open_or_build(&[tmp.path().join("index")], &clauses, "bench").unwrap()
            },
        )
    });
    group.finish();
}

fn query(c: &mut Criterion) {
    let library = Library::from_texts(&[("jiangsu-2024-1057", CORPUS)]);
    let tmp = tempfile::tempdir().unwrap();
    let clauses = library.indexable_clauses();
    let dirs = [tmp.path().join("index")];
    SearchIndex::open_or_build(&dirs, &clauses, "bench").unwrap();
    let (index, _) = SearchIndex::open_or_build(&dirs, &clauses, "bench").unwrap();
    let expander = library.expander();
    for q in [
        "余热发电",
        "节能 降碳",
        "dept:发改委 role:lead",
        "能",
        "plan:steel 高炉",
    ] {
        c.bench_function(&format!("query {q}"), |b| {
            b.iter(|| index.search(q, 20, None, &expander))
        });
    }
}

criterion_group!(benches, library_load, index_build, query);
criterion_main!(benches);
