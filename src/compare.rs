//! Comparing clauses across plans: which items recur, and how two texts
//! differ character by character.
//!
//! Two clauses of different plans are *counterparts* when any of these holds
//! (see [`Reason`]):
//!
//! * **same number** — same kind and the same section and item number
//!   (`钢铁:三(一)` and `水泥:三(一)`), or both are preambles;
//! * **same heading** — identical headings (`强化激励约束`);
//! * **similar text** — character-bigram Jaccard similarity of the two texts
//!   at least [`SIMILAR_THRESHOLD`], each plan's own short name being masked
//!   first (so `钢铁行业…` and `水泥行业…` count as the same wording).
//!
//! The threshold was chosen by scoring all 1,903 pairs of items from
//! different plans of the bundled corpus: 1,797 score below 0.2 (unrelated
//! tasks); from 0.2 up nearly all pairs are on one theme (same or close
//! headings: 数字化, 产能布局, 燃料替代, 资金支持 …; a single unrelated pair
//! at 0.206); at 0.25 and above 86 pairs remain, all on one theme; the
//! 四、组织实施 items that differ only in the industry named score 0.9–1.
//!
//! [`char_diff`] gives equal/insert/delete runs in CHARACTER offsets (the
//! `similar` crate's character diff, Patience algorithm, with one cleanup:
//! a single equal character between two changes is absorbed into the
//! change, so Chinese text is not highlighted as a confetti of single
//! shared characters such as 的 or 和).

use std::collections::HashSet;
use std::ops::Range;
use std::time::Duration;

use serde::Serialize;
use similar::{Algorithm, DiffTag as SimilarTag, TextDiff};

use crate::corpus::model::ClauseKind;
use crate::library::Library;

/// Minimum masked bigram-Jaccard similarity for "similar text".
pub const SIMILAR_THRESHOLD: f64 = 0.25;

/// Why two clauses are counterparts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Same section and item number (or both preambles).
    SameNumber,
    /// Identical heading.
    SameHeading,
    /// Text similarity at least [`SIMILAR_THRESHOLD`].
    SimilarText,
}

/// A counterpart of a clause in another plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counterpart {
    /// Clause index in [`Library::clauses`].
    pub clause: usize,
    /// Masked bigram-Jaccard similarity to the clause compared with, 0–1.
    pub similarity: f64,
    /// Every reason that holds, in [`Reason`] order.
    pub reasons: Vec<Reason>,
}

/// What a run of a diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffTag {
    /// Present in both texts.
    Equal,
    /// Only in the old (reference) text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// One run of a character diff: `[start, end)` CHARACTER offsets into the
/// old and the new text (an empty range on the side that lacks it, placed
/// where it would be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// What the run is.
    pub op: DiffTag,
    /// Range in the old (reference) text.
    pub old: [usize; 2],
    /// Range in the new text.
    pub new: [usize; 2],
}

/// A character diff between an old and a new text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CharDiff {
    /// The runs in order; concatenating the `old` ranges of equal and
    /// delete runs gives the old text, the `new` ranges of equal and insert
    /// runs the new text.
    pub ops: Vec<DiffOp>,
}

impl CharDiff {
    /// Ranges of the old text that are not in the new one (to highlight).
    pub fn old_changed(&self) -> Vec<[usize; 2]> {
        self.ops
            .iter()
            .filter(|o| o.op == DiffTag::Delete && o.old[0] < o.old[1])
            .map(|o| o.old)
            .collect()
    }

    /// Ranges of the new text that are not in the old one (to highlight).
    pub fn new_changed(&self) -> Vec<[usize; 2]> {
        self.ops
            .iter()
            .filter(|o| o.op == DiffTag::Insert && o.new[0] < o.new[1])
            .map(|o| o.new)
            .collect()
    }

    /// Share of characters (of both texts) in equal runs, 0–1; 1 for two
    /// empty texts.
    pub fn ratio(&self) -> f64 {
        let (mut equal, mut total) = (0usize, 0usize);
        for o in &self.ops {
            let old = o.old[1] - o.old[0];
            let new = o.new[1] - o.new[0];
            total += old + new;
            if o.op == DiffTag::Equal {
                equal += old + new;
            }
        }
        if total == 0 {
            1.0
        } else {
            equal as f64 / total as f64
        }
    }
}

fn r(range: &Range<usize>) -> [usize; 2] {
    [range.start, range.end]
}

/// The character diff from `old` to `new` (see the module docs).
pub fn char_diff(old: &str, new: &str) -> CharDiff {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(Duration::from_secs(2))
        .diff_chars(old, new);
    let mut raw: Vec<DiffOp> = Vec::new();
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            SimilarTag::Equal => raw.push(DiffOp {
                op: DiffTag::Equal,
                old: r(&o),
                new: r(&n),
            }),
            SimilarTag::Delete => raw.push(DiffOp {
                op: DiffTag::Delete,
                old: r(&o),
                new: [n.start, n.start],
            }),
            SimilarTag::Insert => raw.push(DiffOp {
                op: DiffTag::Insert,
                old: [o.start, o.start],
                new: r(&n),
            }),
            SimilarTag::Replace => {
                raw.push(DiffOp {
                    op: DiffTag::Delete,
                    old: r(&o),
                    new: [n.start, n.start],
                });
                raw.push(DiffOp {
                    op: DiffTag::Insert,
                    old: [o.end, o.end],
                    new: r(&n),
                });
            }
        }
    }
    CharDiff { ops: clean_up(raw) }
}

/// Absorbs single-character equal runs between changes, then merges each
/// stretch of changes into at most one delete followed by one insert.
fn clean_up(raw: Vec<DiffOp>) -> Vec<DiffOp> {
    let n = raw.len();
    let mut ops: Vec<DiffOp> = Vec::with_capacity(n);
    for (i, op) in raw.iter().enumerate() {
        let tiny = op.op == DiffTag::Equal && op.old[1] - op.old[0] <= 1;
        let between = i > 0
            && i + 1 < n
            && raw[i - 1].op != DiffTag::Equal
            && raw[i + 1].op != DiffTag::Equal;
        if tiny && between {
            ops.push(DiffOp {
                op: DiffTag::Delete,
                old: op.old,
                new: [op.new[0], op.new[0]],
            });
            ops.push(DiffOp {
                op: DiffTag::Insert,
                old: [op.old[1], op.old[1]],
                new: op.new,
            });
        } else {
            ops.push(*op);
        }
    }
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    let mut i = 0;
    while i < ops.len() {
        if ops[i].op == DiffTag::Equal {
            if let Some(last) = out.last_mut().filter(|l| l.op == DiffTag::Equal) {
                last.old[1] = ops[i].old[1];
                last.new[1] = ops[i].new[1];
            } else {
                out.push(ops[i]);
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < ops.len() && ops[i].op != DiffTag::Equal {
            i += 1;
        }
        let run = &ops[start..i];
        let old = [
            run.iter().map(|o| o.old[0]).min().unwrap_or(0),
            run.iter().map(|o| o.old[1]).max().unwrap_or(0),
        ];
        let new = [
            run.iter().map(|o| o.new[0]).min().unwrap_or(0),
            run.iter().map(|o| o.new[1]).max().unwrap_or(0),
        ];
        if old[0] < old[1] {
            out.push(DiffOp {
                op: DiffTag::Delete,
                old,
                new: [new[0], new[0]],
            });
        }
        if new[0] < new[1] {
            out.push(DiffOp {
                op: DiffTag::Insert,
                old: [old[1], old[1]],
                new,
            });
        }
    }
    out
}

/// Character bigrams of `text`, ignoring whitespace.
fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Jaccard similarity of the character bigram sets of two texts, 0–1
/// (1 for two texts without bigrams).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(a), bigrams(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(&b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// A clause's text with its plan's short name replaced by a placeholder,
/// so industry names do not count as differences in [`similarity`].
fn masked_text(library: &Library, clause: usize) -> String {
    let c = &library.clauses[clause];
    match c.plan.map(|p| library.plans[p].short_name.as_str()) {
        Some(name) if !name.is_empty() => c.text.replace(name, "\u{25A1}"),
        _ => c.text.clone(),
    }
}

/// Masked similarity of two clauses (see the module docs).
pub fn clause_similarity(library: &Library, a: usize, b: usize) -> f64 {
    similarity(&masked_text(library, a), &masked_text(library, b))
}

fn comparable(kind: ClauseKind) -> bool {
    matches!(
        kind,
        ClauseKind::Item | ClauseKind::Section | ClauseKind::Preamble
    )
}

/// Why clauses `a` and `b` (of different plans) are counterparts, given
/// their similarity; empty if they are not.
fn reasons(library: &Library, a: usize, b: usize, sim: f64) -> Vec<Reason> {
    let (x, y) = (&library.clauses[a], &library.clauses[b]);
    let mut out = Vec::new();
    if x.kind == y.kind && x.section == y.section && x.item == y.item {
        out.push(Reason::SameNumber);
    }
    if x.kind != ClauseKind::Preamble && !x.heading.is_empty() && x.heading == y.heading {
        out.push(Reason::SameHeading);
    }
    if sim >= SIMILAR_THRESHOLD {
        out.push(Reason::SimilarText);
    }
    out
}

/// Every counterpart of a clause in the other plans, most similar first
/// (ties in reading order). Empty for a clause outside any plan.
pub fn counterparts_detailed(library: &Library, clause: usize) -> Vec<Counterpart> {
    let Some(this) = library.clauses.get(clause) else {
        return Vec::new();
    };
    if this.plan.is_none() || !comparable(this.kind) {
        return Vec::new();
    }
    let mine = masked_text(library, clause);
    let mut out: Vec<Counterpart> = library
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| c.plan.is_some() && c.plan != this.plan && comparable(c.kind))
        .filter_map(|(i, _)| {
            let sim = similarity(&mine, &masked_text(library, i));
            let reasons = reasons(library, clause, i, sim);
            (!reasons.is_empty()).then_some(Counterpart {
                clause: i,
                similarity: sim,
                reasons,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(a.clause.cmp(&b.clause))
    });
    out
}

/// Counterparts as `(clause index, similarity)`, most similar first: what
/// the navigator's `c` key lists.
pub fn counterparts(library: &Library, clause: usize) -> Vec<(usize, f64)> {
    counterparts_detailed(library, clause)
        .into_iter()
        .map(|c| (c.clause, c.similarity))
        .collect()
}

/// Items that recur across plans: connected groups of clauses linked by
/// the same heading or similar text (numbers alone do not group), each with
/// members from at least two plans, in reading order of their first member.
pub fn recurring_groups(library: &Library) -> Vec<Vec<usize>> {
    let candidates: Vec<usize> = library
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| c.plan.is_some() && matches!(c.kind, ClauseKind::Item))
        .map(|(i, _)| i)
        .collect();
    let masked: Vec<String> = candidates
        .iter()
        .map(|&i| masked_text(library, i))
        .collect();
    let mut parent: Vec<usize> = (0..candidates.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for a in 0..candidates.len() {
        for b in a + 1..candidates.len() {
            let (x, y) = (
                &library.clauses[candidates[a]],
                &library.clauses[candidates[b]],
            );
            if x.plan == y.plan {
                continue;
            }
            let linked = (!x.heading.is_empty() && x.heading == y.heading)
                || similarity(&masked[a], &masked[b]) >= SIMILAR_THRESHOLD;
            if linked {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut root_group: std::collections::HashMap<usize, usize> = Default::default();
    for (a, &clause) in candidates.iter().enumerate() {
        let root = find(&mut parent, a);
        let g = *root_group.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(clause);
    }
    groups.retain(|g| {
        let plans: HashSet<_> = g.iter().map(|&i| library.clauses[i].plan).collect();
        plans.len() > 1
    });
    groups
}

/// Why a compare selection failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// Nothing to compare was named.
    Empty,
    /// An argument is neither an address nor a section/item number any plan has.
    Unknown(String),
    /// The selection has fewer than two clauses.
    Alone(String),
}

impl std::fmt::Display for CompareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompareError::Empty => f.write_str(&crate::t!("compare.empty")),
            CompareError::Unknown(message) => f.write_str(message),
            CompareError::Alone(address) => {
                f.write_str(&crate::t!("compare.alone", address = address))
            }
        }
    }
}

/// One compared clause.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareEntry {
    /// Clause index.
    pub clause: usize,
    /// Masked similarity to the reference (1 for the reference itself).
    pub similarity: f64,
    /// Why it is a counterpart of the reference (empty for the reference).
    pub reasons: Vec<Reason>,
    /// Diff from the reference's text to this clause's (empty ops for the
    /// reference itself).
    pub diff: CharDiff,
}

/// Clauses compared against the first (the reference).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The reference first, then the others in the order selected.
    pub entries: Vec<CompareEntry>,
}

impl Comparison {
    /// Compares `clauses` against the first of them.
    pub fn of(library: &Library, clauses: &[usize]) -> Comparison {
        let Some(&reference) = clauses.first() else {
            return Comparison {
                entries: Vec::new(),
            };
        };
        let ref_text = &library.clauses[reference].text;
        let entries = clauses
            .iter()
            .enumerate()
            .map(|(n, &c)| {
                if n == 0 {
                    return CompareEntry {
                        clause: c,
                        similarity: 1.0,
                        reasons: Vec::new(),
                        diff: CharDiff { ops: Vec::new() },
                    };
                }
                let sim = clause_similarity(library, reference, c);
                let same_plan = library.clauses[c].plan == library.clauses[reference].plan;
                CompareEntry {
                    clause: c,
                    similarity: sim,
                    reasons: if same_plan {
                        Vec::new()
                    } else {
                        reasons(library, reference, c, sim)
                    },
                    diff: char_diff(ref_text, &library.clauses[c].text),
                }
            })
            .collect();
        Comparison { entries }
    }
}

/// Resolves what the user asked to compare:
///
/// * several arguments: those clauses, the first being the reference;
/// * one address with a plan (`钢铁:三(一)`): it and its counterparts;
/// * one plan-less number (`三(一)`, `3.1`, `序`): that clause in every plan
///   that has it, in plan order.
pub fn select(library: &Library, args: &[&str]) -> Result<Vec<usize>, CompareError> {
    match args {
        [] => Err(CompareError::Empty),
        [one] => {
            if let Ok(resolved) = library.resolve(one) {
                let c = resolved.clause;
                let mut out = vec![c];
                out.extend(counterparts(library, c).into_iter().map(|(i, _)| i));
                if out.len() < 2 {
                    return Err(CompareError::Alone(library.clauses[c].id.clone()));
                }
                return Ok(out);
            }
            let found: Vec<usize> = library
                .plans
                .iter()
                .filter_map(|p| {
                    library
                        .resolve(&format!("{}:{}", p.address_name, one.trim()))
                        .ok()
                })
                .map(|r| r.clause)
                .collect();
            if found.is_empty() {
                let err = library.resolve(one).err().map(|e| e.to_string());
                return Err(CompareError::Unknown(format!(
                    "{} {}",
                    err.unwrap_or_default(),
                    crate::t!("compare.no_plan_has", address = one.trim())
                )));
            }
            if found.len() < 2 {
                return Err(CompareError::Alone(library.clauses[found[0]].id.clone()));
            }
            Ok(found)
        }
        many => many
            .iter()
            .map(|a| {
                library
                    .resolve(a)
                    .map(|r| r.clause)
                    .map_err(|e| CompareError::Unknown(e.to_string()))
            })
            .collect(),
    }
}

/// A comparison as JSON: `{"clauses": [{"address", "plan", "heading",
/// "citation", "text", "similarity", "reasons", "diff": [{"op", "old",
/// "new"}], "changed": [[start, end], …]}]}`; the first clause is the
/// reference, `diff` ranges are character offsets (`old` into the
/// reference's text, `new` into this clause's), `changed` are the ranges of
/// this clause's text not in the reference (for the reference: its ranges
/// not in the second clause).
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonReport {
    /// Compared clauses, reference first.
    pub clauses: Vec<ComparedClause>,
}

/// One clause of a [`ComparisonReport`].
#[derive(Debug, Clone, Serialize)]
pub struct ComparedClause {
    /// Clause address.
    pub address: String,
    /// Plan address name.
    pub plan: String,
    /// Heading.
    pub heading: String,
    /// Citation (《…》三、（一）).
    pub citation: String,
    /// Full text.
    pub text: String,
    /// Similarity to the reference, rounded to 3 decimals.
    pub similarity: f64,
    /// Why it is a counterpart of the reference.
    pub reasons: Vec<Reason>,
    /// Diff from the reference.
    pub diff: Vec<DiffOp>,
    /// Character ranges of this text that differ (see the type docs).
    pub changed: Vec<[usize; 2]>,
}

impl ComparisonReport {
    /// Builds the report of a comparison.
    pub fn new(library: &Library, comparison: &Comparison) -> ComparisonReport {
        let clauses = comparison
            .entries
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let c = &library.clauses[e.clause];
                let changed = if n == 0 {
                    comparison
                        .entries
                        .get(1)
                        .map(|second| second.diff.old_changed())
                        .unwrap_or_default()
                } else {
                    e.diff.new_changed()
                };
                ComparedClause {
                    address: c.id.clone(),
                    plan: c
                        .plan
                        .map(|p| library.plans[p].address_name.clone())
                        .unwrap_or_default(),
                    heading: c.heading.clone(),
                    citation: library.citation(c),
                    text: c.text.clone(),
                    similarity: (e.similarity * 1000.0).round() / 1000.0,
                    reasons: e.reasons.clone(),
                    diff: e.diff.ops.clone(),
                    changed,
                }
            })
            .collect();
        ComparisonReport { clauses }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, r: [usize; 2]) -> String {
        text.chars().skip(r[0]).take(r[1] - r[0]).collect()
    }

    /// Rebuilds both texts from the ops: proves the ranges are complete and
    /// in character offsets.
    fn rebuild(old: &str, new: &str, d: &CharDiff) -> (String, String) {
        let (mut o, mut n) = (String::new(), String::new());
        for op in &d.ops {
            match op.op {
                DiffTag::Equal => {
                    assert_eq!(slice(old, op.old), slice(new, op.new));
                    o += &slice(old, op.old);
                    n += &slice(new, op.new);
                }
                DiffTag::Delete => o += &slice(old, op.old),
                DiffTag::Insert => n += &slice(new, op.new),
            }
        }
        (o, n)
    }

    #[test]
    fn diff_ranges_are_character_offsets_and_complete() {
        let old = "加快钢铁行业节能降碳改造";
        let new = "加快水泥行业节能降碳改造和用能设备更新";
        let d = char_diff(old, new);
        assert_eq!(rebuild(old, new, &d), (old.to_string(), new.to_string()));
        let deleted: Vec<String> = d.old_changed().iter().map(|&r| slice(old, r)).collect();
        let inserted: Vec<String> = d.new_changed().iter().map(|&r| slice(new, r)).collect();
        assert_eq!(deleted, ["钢铁"]);
        assert_eq!(inserted, ["水泥", "和用能设备更新"]);
    }

    #[test]
    fn single_shared_characters_between_changes_are_absorbed() {
        let old = "甲的乙";
        let new = "丙的丁";
        let d = char_diff(old, new);
        assert_eq!(d.ops.len(), 2, "{d:?}");
        assert_eq!(d.old_changed(), [[0, 3]]);
        assert_eq!(d.new_changed(), [[0, 3]]);
        assert_eq!(rebuild(old, new, &d), (old.to_string(), new.to_string()));
    }

    #[test]
    fn identical_and_empty_texts() {
        let d = char_diff("节能降碳", "节能降碳");
        assert!(d.old_changed().is_empty() && d.new_changed().is_empty());
        assert_eq!(d.ratio(), 1.0);
        let d = char_diff("", "新增");
        assert_eq!(d.new_changed(), [[0, 2]]);
        assert_eq!(char_diff("", "").ratio(), 1.0);
    }

    #[test]
    fn similarity_is_bigram_jaccard() {
        assert_eq!(similarity("节能降碳", "节能降碳"), 1.0);
        assert_eq!(similarity("节能", "降碳"), 0.0);
        // {节能, 能降, 降碳} vs {节能, 能减}: 1 shared of 4.
        assert!((similarity("节能降碳", "节能减") - 0.25).abs() < 1e-9);
    }
}
