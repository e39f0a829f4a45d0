//! Query path: any query parses, and searching the bundled corpus's RAM
//! index never panics and returns highlights inside the snippet.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use policy_nav::search::{parse_query, SearchIndex};
use policy_nav::{CorpusLocation, Library};

fn fixture() -> &'static (Library, SearchIndex) {
    static FIXTURE: OnceLock<(Library, SearchIndex)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let library = Library::load(CorpusLocation::Embedded).expect("embedded corpus");
        let index = SearchIndex::build_in_ram(&library.indexable_clauses()).expect("RAM index");
        (library, index)
    })
}

fuzz_target!(|query: &str| {
    let (library, index) = fixture();
    let parsed = parse_query(query);
    let hits = index
        .search_parsed(&parsed, 10, None, &library.expander())
        .expect("search failed");
    for hit in &hits {
        let n = hit.snippet.chars().count();
        for &[s, e] in &hit.highlights {
            assert!(s < e && e <= n, "highlight {s}..{e} outside snippet of {n}");
        }
        assert!(library.clause_by_id(&hit.address).is_some(), "unknown address {:?}", hit.address);
    }
    let _ = index.search(query, 5, Some("钢铁"), &library.expander());
});
