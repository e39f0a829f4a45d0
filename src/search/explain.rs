//! Why a query found what it found: how it was segmented and expanded,
//! which filters applied, and which field each result matched in.

use serde::Serialize;

use super::query::{query_words, resolve_department, term_variants, QueryTerm, Variant, Via};
use super::tokenizer::{fold_char, Segmenter};
use super::{parse_query, Expander, SearchIndex};

/// A field of a clause a query word can match in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    /// The heading contains the text (character field: exact substring).
    HeadingChars,
    /// The heading has one of the text's jieba words (word field, ranks higher).
    HeadingWords,
    /// The clause text contains the text (character field: exact substring).
    TextChars,
    /// The clause text has one of the text's jieba words (word field).
    TextWords,
}

/// One word or phrase of the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermExplanation {
    /// As typed (quotes removed).
    pub text: String,
    /// Written as a `"phrase"`.
    pub quoted: bool,
    /// Its jieba words (what the word fields are searched for).
    pub words: Vec<String>,
    /// What it stands for: itself, alias and pinyin expansions (any matches).
    pub variants: Vec<Variant>,
}

/// A plan filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanExplanation {
    /// As typed.
    pub typed: String,
    /// The plan it names, `None` when no plan matched (taken literally).
    pub resolved: Option<String>,
    /// `-plan:` (excluded).
    pub exclude: bool,
    /// `query` for `plan:` in the query, `option` for `--plan`.
    pub source: &'static str,
}

/// A department filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeptExplanation {
    /// As typed.
    pub typed: String,
    /// The canonical name filtered on.
    pub canonical: String,
    /// How it was resolved (typed = taken as is).
    pub via: Via,
    /// Roles required (`role:`); empty = any duty.
    pub roles: Vec<String>,
}

/// Where one variant of one query word matched in one result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermMatch {
    /// The query word as typed.
    pub term: String,
    /// The variant that matched (the word itself or an expansion).
    pub variant: String,
    /// How the variant was reached.
    pub via: Via,
    /// Fields it matched in.
    pub fields: Vec<MatchField>,
    /// Its jieba words found in the word fields.
    pub words: Vec<String>,
}

/// One result and why it matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultExplanation {
    /// Clause address.
    pub address: String,
    /// Heading.
    pub heading: String,
    /// Score.
    pub score: f32,
    /// Matches of every variant that occurs in the clause.
    pub matches: Vec<TermMatch>,
}

/// How a query was understood and why each result matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The query as given.
    pub query: String,
    /// Words and phrases that must match.
    pub terms: Vec<TermExplanation>,
    /// Words and phrases that must not match.
    pub excludes: Vec<TermExplanation>,
    /// Plan filters (`plan:`, `-plan:`, `--plan`).
    pub plans: Vec<PlanExplanation>,
    /// Department filters (`dept:`).
    pub depts: Vec<DeptExplanation>,
    /// `role:` values without a `dept:` (any department with that role).
    pub roles: Vec<String>,
    /// Results in rank order, at most the limit asked for.
    pub results: Vec<ResultExplanation>,
}

fn explain_term(term: &QueryTerm, seg: Segmenter, expander: &dyn Expander) -> TermExplanation {
    TermExplanation {
        text: term.text.clone(),
        quoted: term.quoted,
        words: ordered_words(seg, &term.text),
        variants: term_variants(&term.text, expander),
    }
}

/// The distinct jieba words of `text` in text order.
fn ordered_words(seg: Segmenter, text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for (_, _, w) in seg.word_tokens(text) {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

/// Folded non-whitespace characters, as the character fields index them.
fn folded(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_char)
        .collect()
}

fn contains(haystack: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl SearchIndex {
    /// Explains [`SearchIndex::search`] for the same arguments: the query's
    /// segmentation and expansions, the filters, and for each of at most
    /// `limit` results which fields each query word matched in.
    pub fn explain(
        &self,
        query: &str,
        limit: usize,
        plan_filter: Option<&str>,
        expander: &dyn Expander,
    ) -> Explanation {
        use tantivy::schema::Value;
        let parsed = parse_query(query);
        let seg = self.segmenter;
        let terms: Vec<TermExplanation> = parsed
            .terms
            .iter()
            .map(|t| explain_term(t, seg, expander))
            .collect();
        let excludes = parsed
            .excludes
            .iter()
            .map(|t| explain_term(t, seg, expander))
            .collect();
        let plan = |typed: &str, exclude, source| PlanExplanation {
            typed: typed.to_string(),
            resolved: expander.resolve_plan(typed.trim()),
            exclude,
            source,
        };
        let mut plans: Vec<PlanExplanation> = Vec::new();
        plans.extend(parsed.plans.iter().map(|p| plan(p, false, "query")));
        plans.extend(parsed.exclude_plans.iter().map(|p| plan(p, true, "query")));
        plans.extend(plan_filter.map(|p| plan(p, false, "option")));
        let depts = parsed
            .depts
            .iter()
            .map(|d| {
                let (canonical, via) = resolve_department(d, expander);
                DeptExplanation {
                    typed: d.clone(),
                    canonical,
                    via,
                    roles: parsed.roles.clone(),
                }
            })
            .collect();
        let roles = if parsed.depts.is_empty() {
            parsed.roles.clone()
        } else {
            Vec::new()
        };
        let ranked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.ranked(&parsed, plan_filter, expander, Some(limit))
        }))
        .ok()
        .and_then(Result::ok)
        .flatten()
        .map(|(ranked, _)| ranked)
        .unwrap_or_default();
        let searcher = self.reader.searcher();
        let mut results = Vec::new();
        for (score, _, addr) in ranked.into_iter().take(limit) {
            let Ok(doc) = searcher.doc::<tantivy::TantivyDocument>(addr) else {
                continue;
            };
            let get = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let (id, heading, text) = (
                get(self.fields.id),
                get(self.fields.heading),
                get(self.fields.text),
            );
            let (heading_chars, text_chars) = (folded(&heading), folded(&text));
            let heading_words = query_words(seg, &heading);
            let text_words = query_words(seg, &text);
            let mut matches = Vec::new();
            for term in &terms {
                for variant in &term.variants {
                    let chars = folded(&variant.text);
                    let words = query_words(seg, &variant.text);
                    let mut fields = Vec::new();
                    let mut found_words = Vec::new();
                    if contains(&heading_chars, &chars) {
                        fields.push(MatchField::HeadingChars);
                    }
                    if words.iter().any(|w| heading_words.binary_search(w).is_ok()) {
                        fields.push(MatchField::HeadingWords);
                    }
                    if contains(&text_chars, &chars) {
                        fields.push(MatchField::TextChars);
                    }
                    if words.iter().any(|w| text_words.binary_search(w).is_ok()) {
                        fields.push(MatchField::TextWords);
                    }
                    for w in &words {
                        if heading_words.binary_search(w).is_ok()
                            || text_words.binary_search(w).is_ok()
                        {
                            found_words.push(w.clone());
                        }
                    }
                    if !fields.is_empty() {
                        matches.push(TermMatch {
                            term: term.text.clone(),
                            variant: variant.text.clone(),
                            via: variant.via,
                            fields,
                            words: found_words,
                        });
                    }
                }
            }
            results.push(ResultExplanation {
                address: id,
                heading,
                score,
                matches,
            });
        }
        Explanation {
            query: query.to_string(),
            terms,
            excludes,
            plans,
            depts,
            roles,
            results,
        }
    }
}
