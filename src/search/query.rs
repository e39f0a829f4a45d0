//! The forgiving query language and its translation into tantivy queries.
//!
//! Syntax: plain words (all must match), `"quoted phrase"`, `-exclude`,
//! `plan:钢铁`, `dept:发改委`, `role:lead`. Anything else is literal text.
//! Queries are built programmatically (never with tantivy's `QueryParser`),
//! so no input can make a query fail.

use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::phrase::char_match;
use super::schema::{dept_role_term, Fields};
use super::tokenizer::Segmenter;
use super::Expander;
use crate::departments::Role;
use crate::pinyin::looks_like_pinyin;

/// Boost of the jieba word fields relative to the character fields.
const WORD_BOOST: f32 = 3.0;
/// Boost of a heading match relative to a text match.
const HEADING_BOOST: f32 = 2.0;
/// Boost when all plain words appear together, in order, as one phrase.
const PHRASE_BOOST: f32 = 2.0;
/// Weight of another wording of a metric (`单位GDP能耗` for `能耗强度`)
/// relative to the wording typed.
const SYNONYM_BOOST: f32 = 0.3;
/// Score added to a clause that has the wording typed when the term also
/// stands for other wordings of a metric: more than word scores reach, so
/// those clauses rank first.
const EXACT_WORDING_BONUS: f32 = 100.0;

/// A piece of text the query requires (or excludes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The literal text (quotes removed).
    pub text: String,
    /// Whether it was written as a `"quoted phrase"`.
    pub quoted: bool,
}

/// A parsed query. Field values are kept as typed; the expander resolves
/// them when the tantivy query is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Words and phrases that must all match.
    pub terms: Vec<QueryTerm>,
    /// Words and phrases that must not match.
    pub excludes: Vec<QueryTerm>,
    /// `plan:` values (any of them).
    pub plans: Vec<String>,
    /// `-plan:` values.
    pub exclude_plans: Vec<String>,
    /// `dept:` values (each must have a duty, or one of `roles`).
    pub depts: Vec<String>,
    /// `role:` values, normalized to `lead|support|responsible|mentioned|issuer|addressee`.
    pub roles: Vec<String>,
}

impl ParsedQuery {
    /// True when the query asks for nothing (such a query has no results).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.plans.is_empty()
            && self.depts.is_empty()
            && self.roles.is_empty()
    }
}

/// Normalizes a `role:` value (any word of [`crate::departments::ROLE_WORDS`]), `None` if unknown.
fn normalize_role(value: &str) -> Option<&'static str> {
    Role::parse(value).map(Role::as_str)
}

/// Splits the query into raw tokens: runs of non-whitespace, where a `"`
/// opens a quoted stretch (spaces included) up to the next `"` or the end.
fn raw_tokens(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    for c in query.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
            current.push(c);
        } else if c.is_whitespace() && !in_quotes {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The longest query searched, in characters. Longer input (a huge paste,
/// a file passed as arguments) is cut here so the work per search stays
/// bounded; see [`clamp_query`].
pub const MAX_QUERY_CHARS: usize = 1000;

/// The part of `query` that is searched — its first [`MAX_QUERY_CHARS`]
/// characters — and whether anything was cut off, so the caller can say so.
pub fn clamp_query(query: &str) -> (&str, bool) {
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => (&query[..at], true),
        None => (query, false),
    }
}

/// Parses a user query. Never fails: whatever is not syntax is literal text.
/// Only the first [`MAX_QUERY_CHARS`] characters are read.
pub fn parse_query(query: &str) -> ParsedQuery {
    let (query, _) = clamp_query(query);
    let mut parsed = ParsedQuery::default();
    for raw in raw_tokens(query) {
        let (negated, body) = match raw.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest.to_string()),
            _ => (false, raw.clone()),
        };
        // field:value (ASCII or full-width colon), value possibly quoted.
        if let Some((name, value)) = body.split_once([':', '：']) {
            let value = value.replace('"', "");
            let value = value.trim();
            let name = name.to_lowercase();
            if !value.is_empty() {
                match (name.as_str(), negated) {
                    ("plan", false) => {
                        parsed.plans.push(value.to_string());
                        continue;
                    }
                    ("plan", true) => {
                        parsed.exclude_plans.push(value.to_string());
                        continue;
                    }
                    ("dept", false) => {
                        parsed.depts.push(value.to_string());
                        continue;
                    }
                    ("role", false) => {
                        if let Some(role) = normalize_role(value) {
                            parsed.roles.push(role.to_string());
                            continue;
                        }
                    }
                    _ => {}
                }
            }
        }
        let quoted = body.contains('"');
        let text: String = body.chars().filter(|&c| c != '"').collect();
        if text.trim().is_empty() {
            continue;
        }
        let term = QueryTerm { text, quoted };
        if negated {
            parsed.excludes.push(term);
        } else {
            parsed.terms.push(term);
        }
    }
    parsed
}

/// Segments a query string into the word field's terms.
pub(crate) type Words<'a> = &'a dyn Fn(&str) -> Vec<String>;

/// The word field's terms for `text` with the full dictionary (`seg`: the
/// domain dictionary and the corpus's user words).
pub(crate) fn full_words(seg: Segmenter, text: &str) -> Vec<String> {
    seg.word_tokens(text).into_iter().map(|t| t.2).collect()
}

/// The distinct jieba words of `text`, sorted.
pub(crate) fn query_words(seg: Segmenter, text: &str) -> Vec<String> {
    let mut words = full_words(seg, text);
    words.sort();
    words.dedup();
    words
}

/// BM25 over the jieba words of `text` (any of them), `None` if it has none.
fn word_score(field: Field, text: &str, words: Words) -> Option<Box<dyn Query>> {
    let mut words: Vec<String> = words(text);
    words.sort();
    words.dedup();
    let clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|w| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, w),
                IndexRecordOption::WithFreqs,
            ));
            (Occur::Should, q)
        })
        .collect();
    (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

fn union(clauses: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    if clauses.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
    )))
}

/// A filter on a raw field. Constant score, so filter-only queries list
/// clauses in document order.
fn raw_term(field: Field, value: &str) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    Box::new(ConstScoreQuery::new(Box::new(q), 1.0))
}

/// How a query word was expanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// As typed.
    Typed,
    /// A department alias expanded to its canonical name.
    Alias,
    /// Pinyin (full or initials) expanded to a Chinese term.
    Pinyin,
    /// Another wording of the same metric (`能耗强度` → `单位GDP能耗`),
    /// ranked below the wording typed.
    Metric,
}

/// One text a query word stands for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Variant {
    /// The text matched.
    pub text: String,
    /// How it was reached.
    pub via: Via,
    /// What it was expanded from (`None` for the typed text).
    pub from: Option<String>,
}

/// The text itself, its canonical department name when it is an alias, and
/// — when it is ASCII letters — the Chinese terms its pinyin spells (each
/// with its canonical department name when that is an alias too).
pub fn term_variants(text: &str, expander: &dyn Expander) -> Vec<Variant> {
    let mut v = vec![Variant {
        text: text.to_string(),
        via: Via::Typed,
        from: None,
    }];
    fn push(v: &mut Vec<Variant>, text: String, via: Via, from: &str) {
        if !text.is_empty() && !v.iter().any(|x| x.text == text) {
            v.push(Variant {
                text,
                via,
                from: Some(from.to_string()),
            });
        }
    }
    let word = text.trim();
    if let Some(canonical) = expander.expand_department(word) {
        push(&mut v, canonical, Via::Alias, word);
    }
    for synonym in expander.expand_metric(word) {
        push(&mut v, synonym, Via::Metric, word);
    }
    if looks_like_pinyin(word) {
        for term in expander.expand_pinyin(word) {
            push(&mut v, term.clone(), Via::Pinyin, word);
            if let Some(canonical) = expander.expand_department(&term) {
                push(&mut v, canonical, Via::Alias, &term);
            }
            for synonym in expander.expand_metric(&term) {
                push(&mut v, synonym, Via::Metric, &term);
            }
        }
    }
    v
}

fn variants(text: &str, expander: &dyn Expander) -> Vec<String> {
    term_variants(text, expander)
        .into_iter()
        .map(|v| v.text)
        .collect()
}

/// The canonical department for a `dept:` value: an alias, or pinyin that
/// spells one (`dept:fgw`); else the value as typed.
pub fn resolve_department(value: &str, expander: &dyn Expander) -> (String, Via) {
    let value = value.trim();
    if let Some(c) = expander.expand_department(value) {
        return (c, Via::Alias);
    }
    if looks_like_pinyin(value) {
        for term in expander.expand_pinyin(value) {
            if let Some(c) = expander.expand_department(&term) {
                return (c, Via::Pinyin);
            }
        }
    }
    (value.to_string(), Via::Typed)
}

/// Matches clauses containing any variant of `term` in text or heading.
fn term_match(f: &Fields, vars: &[String]) -> Option<Box<dyn Query>> {
    let mut clauses = Vec::new();
    for v in vars {
        clauses.extend(char_match(f.text_chars, v));
        clauses.extend(char_match(f.heading_chars, v).map(|q| boosted(q, HEADING_BOOST)));
    }
    union(clauses)
}

/// A translated query: the tantivy query and the texts to highlight.
pub(crate) struct Built {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Literal texts whose occurrences are highlighted in snippets.
    pub needles: Vec<String>,
}

/// Translates a parsed query; `None` when it can match nothing (empty query).
pub(crate) fn build(
    parsed: &ParsedQuery,
    f: &Fields,
    expander: &dyn Expander,
    plan_filter: Option<&str>,
    words: Words,
) -> Option<Built> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut needles = Vec::new();
    let mut positive = false;

    for term in &parsed.terms {
        let all = term_variants(&term.text, expander);
        let vars: Vec<String> = all.iter().map(|v| v.text.clone()).collect();
        let (synonyms, typed): (Vec<&Variant>, Vec<&Variant>) =
            all.iter().partition(|v| v.via == Via::Metric);
        let texts =
            |list: &[&Variant]| -> Vec<String> { list.iter().map(|v| v.text.clone()).collect() };
        let typed_match = term_match(f, &texts(&typed));
        let matcher = union(
            typed_match
                .iter()
                .map(|q| q.box_clone())
                .chain(term_match(f, &texts(&synonyms)).map(|q| boosted(q, SYNONYM_BOOST)))
                .collect(),
        );
        let Some(matcher) = matcher else {
            continue;
        };
        // Other wordings of a metric match by characters only (their
        // matcher counts for less): their words, summed over every wording,
        // would outweigh the wording typed.
        let mut scorers = Vec::new();
        for v in &typed {
            scorers.extend(word_score(f.text, &v.text, words).map(|q| boosted(q, WORD_BOOST)));
            scorers.extend(
                word_score(f.heading, &v.text, words)
                    .map(|q| boosted(q, WORD_BOOST * HEADING_BOOST)),
            );
        }
        let mut clause = vec![(Occur::Must, matcher)];
        if let Some(s) = union(scorers) {
            clause.push((Occur::Should, s));
        }
        // Clauses with the wording typed rank above those with only another
        // wording of the metric.
        if let (false, Some(q)) = (synonyms.is_empty(), typed_match) {
            clause.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(q, EXACT_WORDING_BONUS)),
            ));
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(clause))));
        needles.extend(vars);
        positive = true;
    }
    // All plain words next to each other rank higher.
    let plain: Vec<&str> = parsed.terms.iter().map(|t| t.text.as_str()).collect();
    if plain.len() > 1 {
        if let Some(q) = char_match(f.text_chars, &plain.concat()) {
            must.push((Occur::Should, boosted(q, PHRASE_BOOST)));
        }
    }
    for term in &parsed.excludes {
        if let Some(q) = term_match(f, &variants(&term.text, expander)) {
            must.push((Occur::MustNot, q));
        }
    }
    let resolve = |p: &str| {
        expander
            .resolve_plan(p.trim())
            .unwrap_or_else(|| p.trim().to_string())
    };
    if !parsed.plans.is_empty() {
        let any = union(
            parsed
                .plans
                .iter()
                .map(|p| raw_term(f.plan, &resolve(p)))
                .collect(),
        );
        must.extend(any.map(|q| (Occur::Must, q)));
        positive = true;
    }
    for p in &parsed.exclude_plans {
        must.push((Occur::MustNot, raw_term(f.plan, &resolve(p))));
    }
    if let Some(p) = plan_filter {
        must.push((Occur::Must, raw_term(f.plan, &resolve(p))));
    }
    for d in &parsed.depts {
        let (canonical, _) = resolve_department(d, expander);
        // Highlight where the department is named (it need not be).
        needles.extend(variants(d.trim(), expander));
        if !needles.contains(&canonical) {
            needles.push(canonical.clone());
        }
        let q = if parsed.roles.is_empty() {
            raw_term(f.dept, &canonical)
        } else {
            let per_role = parsed
                .roles
                .iter()
                .map(|r| raw_term(f.dept_role, &dept_role_term(r, &canonical)))
                .collect();
            union(per_role).expect("roles is not empty")
        };
        must.push((Occur::Must, q));
        positive = true;
    }
    if parsed.depts.is_empty() && !parsed.roles.is_empty() {
        let any = union(parsed.roles.iter().map(|r| raw_term(f.role, r)).collect());
        must.extend(any.map(|q| (Occur::Must, q)));
        positive = true;
    }
    if !positive {
        return None;
    }
    Some(Built {
        query: Box::new(BooleanQuery::new(must)),
        needles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(terms: &[QueryTerm]) -> Vec<&str> {
        terms.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn parses_words_phrases_excludes_and_fields() {
        let q =
            parse_query(r#"节能  "余热 余压" -电炉 plan:steel dept:发改委 role:牵头 -plan:水泥"#);
        assert_eq!(texts(&q.terms), ["节能", "余热 余压"]);
        assert!(q.terms[1].quoted && !q.terms[0].quoted);
        assert_eq!(texts(&q.excludes), ["电炉"]);
        assert_eq!(q.plans, ["steel"]);
        assert_eq!(q.exclude_plans, ["水泥"]);
        assert_eq!(q.depts, ["发改委"]);
        assert_eq!(q.roles, ["lead"]);
    }

    #[test]
    fn syntax_that_is_not_ours_is_literal() {
        let q = parse_query("a:b role:boss ( ^2 ~ * \\ AND - +x");
        assert_eq!(
            texts(&q.terms),
            [
                "a:b",
                "role:boss",
                "(",
                "^2",
                "~",
                "*",
                "\\",
                "AND",
                "-",
                "+x"
            ]
        );
        assert!(q.excludes.is_empty());
    }

    #[test]
    fn unbalanced_and_empty_quotes() {
        assert_eq!(texts(&parse_query("\"节能 降碳").terms), ["节能 降碳"]);
        assert!(parse_query("\"\" \"  \"").is_empty());
        assert!(parse_query("   ").is_empty());
        assert!(parse_query("").is_empty());
    }
}
