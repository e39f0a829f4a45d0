//! Exact-substring queries on a character field, made safe to combine.
//!
//! tantivy 0.27's `PhraseScorer::seek_danger` asserts `target >= doc()`,
//! which the exclusion and intersection code legitimately violate after a
//! "danger" seek (tantivy issue #2811): in debug builds a query like
//! `节能 -钢铁` panics. [`ForwardOnly`] wraps a query so its scorer never
//! passes a backward seek on, and answers `seek_danger` with the plain,
//! always-valid default behaviour.

use std::fmt;

use tantivy::query::{
    EnableScoring, Explanation, PhraseQuery, Query, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use std::ops::Bound;

use super::tokenizer::char_pair_tokens;

/// Exact substring match of `text` on a character field, `None` if `text`
/// has no characters to match. Two or more characters are a phrase of the
/// field's overlapping pairs; one character matches every term that starts
/// with it (constant score: a lone character says little about relevance,
/// and the word field scores it when it is a word).
pub fn char_match(field: Field, text: &str) -> Option<Box<dyn Query>> {
    let terms: Vec<Term> = char_pair_tokens(text)
        .into_iter()
        .map(|(_, _, t)| Term::from_field_text(field, &t))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(starting_with(terms.into_iter().next()?))),
        2 => Some(Box::new(TermQuery::new(
            terms.into_iter().next()?,
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(ForwardOnly(Box::new(
            PhraseQuery::new_with_offset(covering_pairs(terms)),
        )))),
    }
}

/// The fewest pairs, with their offsets, that cover every character of a
/// text of `terms.len()` characters (`terms` as [`char_pair_tokens`] gives
/// them, the last being the final character alone): every other pair, and
/// the last pair when the length is odd. A phrase of these matches exactly
/// where the phrase of all overlapping pairs does, with half the posting
/// lists to read — and reading positions is what a broad query costs.
fn covering_pairs(mut terms: Vec<Term>) -> Vec<(usize, Term)> {
    terms.pop();
    let last = terms.len() - 1;
    terms
        .into_iter()
        .enumerate()
        .filter(|(offset, _)| offset % 2 == 0 || *offset == last)
        .collect()
}

/// Every term of `term`'s field that starts with `term`'s text.
fn starting_with(term: Term) -> RangeQuery {
    let start = term.serialized_value_bytes().to_vec();
    let mut end = start.clone();
    // The text is one UTF-8 character, so its last byte is below 0xFF and
    // incrementing it gives the first byte string after every extension.
    if let Some(last) = end.last_mut() {
        *last += 1;
    }
    let mut upper = Term::from_field_text(term.field(), "");
    upper.append_bytes(&end);
    RangeQuery::new(Bound::Included(term), Bound::Excluded(upper))
}

/// A query whose scorers only ever seek forward (see the module docs).
pub struct ForwardOnly(pub Box<dyn Query>);

impl Clone for ForwardOnly {
    fn clone(&self) -> Self {
        ForwardOnly(self.0.box_clone())
    }
}

impl fmt::Debug for ForwardOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ForwardOnly").field(&self.0).finish()
    }
}

impl Query for ForwardOnly {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardOnlyWeight(self.0.weight(enable_scoring)?)))
    }
    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor)
    }
}

struct ForwardOnlyWeight(Box<dyn Weight>);

impl Weight for ForwardOnlyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardOnlyScorer(self.0.scorer(reader, boost)?)))
    }
    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ForwardOnlyScorer(Box<dyn Scorer>);

impl DocSet for ForwardOnlyScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.0.doc();
        if target <= doc {
            doc
        } else {
            self.0.seek(target)
        }
    }
    // `seek_danger` keeps the default implementation, built on `seek` above.
    fn doc(&self) -> DocId {
        self.0.doc()
    }
    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for ForwardOnlyScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
