//! Running a query: ranking over the character and word fields, the
//! top-k cut, snippets and highlights.

#[allow(unused_imports)]
use super::*;
use std::cell::RefCell;
use std::collections::HashSet;

/// How many of the best matches are read to decide whether a query string
/// occurs verbatim in the corpus (and so needs no full dictionary).
const COVERAGE_PROBES: usize = 32;

impl SearchIndex {
    /// Searches with the query language of [`parse_query`]: returns at most
    /// `limit` hits, best first (ties in document order). `plan_filter`
    /// restricts to one plan (short name, title or English, via `expander`).
    /// Never fails: an empty or unmatchable query gives no hits.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        plan_filter: Option<&str>,
        expander: &dyn Expander,
    ) -> Vec<Hit> {
        let parsed = parse_query(query);
        // Belt and braces: a tantivy assertion must not take the CLI down.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.search_parsed(&parsed, limit, plan_filter, expander)
        }))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default()
    }

    /// Like [`SearchIndex::search`] for an already parsed query; errors are
    /// internal tantivy failures only.
    pub fn search_parsed(
        &self,
        parsed: &ParsedQuery,
        limit: usize,
        plan_filter: Option<&str>,
        expander: &dyn Expander,
    ) -> Result<Vec<Hit>, SearchError> {
        use tantivy::schema::Value;
        let Some((ranked, needles)) = self.ranked(parsed, plan_filter, expander, Some(limit))?
        else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let mut hits = Vec::with_capacity(limit.min(ranked.len()));
        for (score, _, addr) in ranked.into_iter().take(limit) {
            let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
            let get = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let snippet = make_snippet(&get(self.fields.text), &needles, SNIPPET_WIDTH);
            hits.push(Hit {
                address: get(self.fields.id),
                plan: get(self.fields.plan),
                heading: get(self.fields.heading),
                score,
                snippet: snippet.text,
                highlights: snippet.highlights,
            });
        }
        Ok(hits)
    }

    /// Matches as `(score, order, address)`, best first, ties by order: the
    /// first `limit` (or all); `None` for a query that asks for nothing.
    #[allow(clippy::type_complexity)]
    pub(crate) fn ranked(
        &self,
        parsed: &ParsedQuery,
        plan_filter: Option<&str>,
        expander: &dyn Expander,
        limit: Option<usize>,
    ) -> Result<Option<(Vec<(f32, u64, tantivy::DocAddress)>, Vec<String>)>, SearchError> {
        // Query strings are segmented with the index's restricted dictionary
        // when it covers them; one it may not cover is segmented with the
        // full dictionary if the query matches anything (ranking an empty
        // result needs no words), unless it occurs verbatim in a match.
        let mut full_for: HashSet<String> = HashSet::new();
        loop {
            let unsure = RefCell::new(Vec::new());
            let words = |s: &str| -> Vec<String> {
                let restricted = if full_for.contains(s) {
                    None
                } else {
                    self.restricted.words(s)
                };
                match restricted {
                    Some((words, sure)) => {
                        if !sure {
                            unsure.borrow_mut().push(s.to_string());
                        }
                        words
                    }
                    None => query::full_words(self.segmenter, s),
                }
            };
            let Some(built) = query::build(parsed, &self.fields, expander, plan_filter, &words)
            else {
                return Ok(None);
            };
            let searcher = self.reader.searcher();
            let n = searcher.num_docs() as usize;
            if n == 0 {
                return Ok(Some((Vec::new(), built.needles)));
            }
            // Keep only what is asked for (and what the coverage check below
            // reads): on a big corpus a broad query matches most clauses,
            // and ranking all of them dominated the query time. Document
            // order breaks ties inside the collector, so the first `limit`
            // are the same as those of a full ranking.
            let keep = limit.map_or(n, |l| l.max(COVERAGE_PROBES)).min(n);
            let collector = tantivy::collector::TopDocs::with_limit(keep.max(1)).tweak_score(
                |segment: &tantivy::SegmentReader| {
                    let order = segment.fast_fields().u64("order").ok();
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        let order = order.as_ref().and_then(|c| c.first(doc));
                        (score, std::cmp::Reverse(order.unwrap_or(u64::MAX)))
                    }
                },
            );
            let top = searcher.search(&built.query, &collector)?;
            let mut ranked: Vec<_> = top
                .into_iter()
                .map(|((score, std::cmp::Reverse(order)), addr)| (score, order, addr))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let unsure = unsure.into_inner();
            if unsure.is_empty() || ranked.is_empty() {
                return Ok(Some((ranked, built.needles)));
            }
            let uncovered = self.not_verbatim_in(&ranked, unsure)?;
            if uncovered.is_empty() {
                return Ok(Some((ranked, built.needles)));
            }
            full_for.extend(uncovered);
        }
    }

    /// Those of `strings` that occur verbatim in the text or heading of none
    /// of the first matches (a string that occurs in an indexed text is
    /// covered by the restricted dictionary).
    fn not_verbatim_in(
        &self,
        ranked: &[(f32, u64, tantivy::DocAddress)],
        mut strings: Vec<String>,
    ) -> Result<Vec<String>, SearchError> {
        use tantivy::schema::Value;
        let searcher = self.reader.searcher();
        for (_, _, addr) in ranked.iter().take(COVERAGE_PROBES) {
            if strings.is_empty() {
                break;
            }
            let doc: tantivy::TantivyDocument = searcher.doc(*addr)?;
            let field = |f| doc.get_first(f).and_then(|v| v.as_str()).unwrap_or("");
            let (text, heading) = (field(self.fields.text), field(self.fields.heading));
            strings.retain(|s| !text.contains(s.as_str()) && !heading.contains(s.as_str()));
        }
        Ok(strings)
    }

    /// Orders of the clauses containing `text` literally (no syntax, no
    /// expansion), in document order.
    pub fn matching_orders(&self, text: &str) -> Vec<usize> {
        let parsed = ParsedQuery {
            terms: vec![QueryTerm {
                text: text.to_string(),
                quoted: true,
            }],
            ..ParsedQuery::default()
        };
        let mut orders: Vec<usize> = match self.ranked(&parsed, None, &NoExpander, None) {
            Ok(Some((ranked, _))) => ranked.into_iter().map(|r| r.1 as usize).collect(),
            _ => Vec::new(),
        };
        orders.sort_unstable();
        orders
    }
}
