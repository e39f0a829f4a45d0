//! Which targets a list shows: the one filter behind `targets`, `timeline`,
//! `targets --chart` and the navigator's 指标 and 时间 views, so a plan or
//! deadline picks the same rows wherever it is given.

use super::{MetricWordings, Relation, Target, TargetOf};
use crate::text::fold_width;
use crate::timeline::compare_deadlines;

/// A selection of targets. `Default` keeps every row with a number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetFilter {
    /// Only this plan (its address name, `钢铁`, as resolved by the library).
    pub plan: Option<String>,
    /// Only this deadline: a deadline spelled exactly so (`2025年`) picks
    /// that deadline alone; a part of one (`2025`) picks every deadline
    /// that contains it (`2025年`, `2025年底`, `2024—2025年`).
    pub deadline: Option<String>,
    /// Milestones (deadline goals without a number) too.
    pub milestones: bool,
    /// Only this metric: a key ([`super::metric_key`]), as the library
    /// resolved a name typed in any wording.
    pub metric: Option<String>,
    /// Only rows the typed words find (empty: every row).
    pub find: TargetFind,
}

/// Words typed to find targets (the navigator's find-as-you-type): a row
/// is found when each word occurs in its metric, the metric's key or any
/// other wording of that metric, its plan, unit, deadline, scope, issuer
/// or quote, or spells the pinyin initials of a run of its metric, key or
/// plan (`qjys` for 清洁运输比例). Full-width and ASCII letters and digits
/// match alike, case ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetFind {
    words: Vec<FindWord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct FindWord {
    /// The word folded (half width, lowercase).
    text: String,
    /// Keys of the metrics one of whose wordings contains the word.
    metric_keys: Vec<String>,
    /// The word may be pinyin initials (ASCII letters only).
    initials: bool,
}

/// Text folded for finding: half width, lowercase.
fn fold(text: &str) -> String {
    fold_width(text).to_lowercase()
}

impl TargetFind {
    /// The words of `typed` (split at spaces), each with the metrics it
    /// names in any of their `wordings`.
    pub fn new(typed: &str, wordings: &MetricWordings) -> TargetFind {
        let words = typed
            .split_whitespace()
            .map(|word| {
                let text = fold(word);
                FindWord {
                    metric_keys: wordings.keys_worded(&text),
                    initials: text.bytes().all(|b| b.is_ascii_alphabetic()),
                    text,
                }
            })
            .collect();
        TargetFind { words }
    }

    /// True when nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word finds the row.
    pub fn matches<S: AsRef<str>>(&self, t: &TargetOf<S>) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let (metric, metric_key, plan) =
            (t.metric.as_ref(), t.metric_key.as_ref(), t.plan.as_ref());
        let fields: Vec<String> = [
            Some(metric),
            Some(metric_key),
            Some(plan),
            optional_text(&t.unit),
            optional_text(&t.deadline),
            optional_text(&t.scope),
            optional_text(&t.issuer),
            Some(t.quote.as_ref()),
        ]
        .into_iter()
        .flatten()
        .map(fold)
        .collect();
        self.words.iter().all(|w| {
            fields.iter().any(|f| f.contains(&w.text))
                || w.metric_keys.iter().any(|k| k == metric_key)
                || (w.initials
                    && [metric, metric_key, plan]
                        .iter()
                        .any(|f| crate::pinyin::initials_contain(f, &w.text)))
        })
    }
}

/// An optional text of a [`TargetOf`] as `&str`.
fn optional_text<S: AsRef<str>>(text: &Option<S>) -> Option<&str> {
    text.as_ref().map(AsRef::as_ref)
}

impl TargetFilter {
    /// The targets this filter keeps, in their order.
    pub fn select<'a, S: AsRef<str>>(&self, targets: &'a [TargetOf<S>]) -> Vec<&'a TargetOf<S>> {
        self.select_indices(targets)
            .into_iter()
            .map(|i| &targets[i])
            .collect()
    }

    /// Indices (into `targets`) of the targets this filter keeps.
    pub fn select_indices<S: AsRef<str>>(&self, targets: &[TargetOf<S>]) -> Vec<usize> {
        let exact = self.deadline.as_deref().is_some_and(|d| {
            targets
                .iter()
                .any(|t| optional_text(&t.deadline) == Some(d))
        });
        targets
            .iter()
            .enumerate()
            .filter(|(_, t)| self.keeps(t, exact))
            .map(|(i, _)| i)
            .collect()
    }

    /// True when nothing is filtered out but milestones.
    pub fn is_unfiltered(&self) -> bool {
        self.plan.is_none()
            && self.deadline.is_none()
            && self.metric.is_none()
            && self.find.is_empty()
    }

    fn keeps<S: AsRef<str>>(&self, t: &TargetOf<S>, exact_deadline: bool) -> bool {
        (self.milestones || t.relation != Relation::Milestone)
            && self.plan.as_deref().is_none_or(|p| t.plan.as_ref() == p)
            && self
                .metric
                .as_deref()
                .is_none_or(|k| t.metric_key.as_ref() == k)
            && self.find.matches(t)
            && self.deadline.as_deref().is_none_or(|d| {
                optional_text(&t.deadline).is_some_and(|td| {
                    if exact_deadline {
                        td == d
                    } else {
                        td.contains(d)
                    }
                })
            })
    }
}

/// Orders rows across documents: national first, then provinces, cities
/// and counties (rows of unknown level last), each level by issuer; rows
/// of one issuer keep their order. For a metric's rows from every document.
pub fn sort_by_level<T: std::borrow::Borrow<Target>>(rows: &mut [T]) {
    rows.sort_by(|a, b| level_order(a.borrow(), b.borrow()));
}

/// The order of [`sort_by_level`] for two rows.
pub fn level_order(a: &Target, b: &Target) -> std::cmp::Ordering {
    origin_order(
        (a.level, a.issuer.as_deref()),
        (b.level, b.issuer.as_deref()),
    )
}

/// Level (unknown last), then issuer (rows with one before rows without):
/// the order of one metric across documents, for rows and chart bars.
pub fn origin_order(
    a: (Option<super::Level>, Option<&str>),
    b: (Option<super::Level>, Option<&str>),
) -> std::cmp::Ordering {
    let rank = |l: Option<super::Level>| l.map_or(usize::MAX, |l| l as usize);
    rank(a.0)
        .cmp(&rank(b.0))
        .then_with(|| a.1.is_none().cmp(&b.1.is_none()))
        .then_with(|| a.1.cmp(&b.1))
}

/// The rows of one metric key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricGroup {
    /// The key ([`super::metric_key`]).
    pub key: String,
    /// Indices into the targets, national first ([`sort_by_level`]).
    pub rows: Vec<usize>,
    /// How many plans state it.
    pub plans: usize,
}

/// `indices` (into `targets`) grouped by metric key: groups stated by more
/// plans first, else in order of their first row; in a group, rows by
/// level. Lines one metric up across documents however each words it.
pub fn metric_groups(targets: &[Target], indices: &[usize]) -> Vec<MetricGroup> {
    let mut groups: Vec<MetricGroup> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in indices {
        let key = targets[i].metric_key.as_str();
        let g = *at.entry(key).or_insert_with(|| {
            groups.push(MetricGroup {
                key: key.to_string(),
                rows: Vec::new(),
                plans: 0,
            });
            groups.len() - 1
        });
        groups[g].rows.push(i);
    }
    for g in &mut groups {
        let mut plans: Vec<&str> = g.rows.iter().map(|&i| targets[i].plan.as_str()).collect();
        plans.sort_unstable();
        plans.dedup();
        g.plans = plans.len();
        g.rows
            .sort_by(|&a, &b| level_order(&targets[a], &targets[b]));
    }
    // Stable: groups of as many plans keep the order of their first row.
    groups.sort_by_key(|g| std::cmp::Reverse(g.plans));
    groups
}

/// The distinct deadlines of `targets` in chronological order (the order of
/// the timeline: `2024—2025年` before `2025年` before `2025年底`), for a
/// deadline picker.
pub fn deadlines(targets: &[Target]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in targets.iter().filter_map(|t| t.deadline.as_deref()) {
        if !out.iter().any(|o| o == d) {
            out.push(d.to_string());
        }
    }
    out.sort_by(|a, b| compare_deadlines(a, b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(plan: &str, deadline: Option<&str>, relation: Relation) -> Target {
        Target {
            plan: plan.into(),
            address: format!("{plan}:一"),
            level: None,
            issuer: None,
            metric: "产能".into(),
            metric_key: "产能".into(),
            value: (relation != Relation::Milestone).then_some(1.0),
            unit: None,
            relation,
            qualifiers: Vec::new(),
            baseline_year: None,
            deadline: deadline.map(Into::into),
            scope: None,
            quote: String::new(),
            span: [0, 0],
        }
    }

    fn rows() -> Vec<Target> {
        vec![
            target("甲", Some("2025年底"), Relation::ReduceBy),
            target("甲", Some("2025年"), Relation::Reach),
            target("乙", Some("2024—2025年"), Relation::Reach),
            target("乙", Some("2030年"), Relation::Milestone),
            target("乙", None, Relation::Cap),
        ]
    }

    #[test]
    fn a_whole_deadline_picks_itself_a_part_picks_every_deadline_containing_it() {
        let rows = rows();
        let exact = TargetFilter {
            deadline: Some("2025年".into()),
            ..TargetFilter::default()
        };
        assert_eq!(exact.select_indices(&rows), [1]);
        let part = TargetFilter {
            deadline: Some("2025".into()),
            ..TargetFilter::default()
        };
        assert_eq!(part.select_indices(&rows), [0, 1, 2]);
    }

    #[test]
    fn plan_and_milestones() {
        let rows = rows();
        let plan = TargetFilter {
            plan: Some("乙".into()),
            ..TargetFilter::default()
        };
        assert_eq!(plan.select_indices(&rows), [2, 4]);
        let all = TargetFilter {
            plan: Some("乙".into()),
            milestones: true,
            ..TargetFilter::default()
        };
        assert_eq!(all.select_indices(&rows), [2, 3, 4]);
    }

    #[test]
    fn a_metric_key_picks_its_rows_however_worded() {
        let mut rows = rows();
        rows[1].metric = "单位GDP能耗".into();
        rows[1].metric_key = crate::targets::metric_key(&rows[1].metric);
        rows[2].metric = "单位地区生产总值能源消耗".into();
        rows[2].metric_key = crate::targets::metric_key(&rows[2].metric);
        let energy = TargetFilter {
            metric: Some("能耗强度".into()),
            ..TargetFilter::default()
        };
        assert_eq!(energy.select_indices(&rows), [1, 2]);
        assert!(!energy.is_unfiltered());
    }

    #[test]
    fn typed_words_find_metric_wordings_fields_and_initials() {
        let mut rows = rows();
        rows[0].metric = "清洁运输比例".into();
        rows[0].metric_key = crate::targets::metric_key(&rows[0].metric);
        rows[0].unit = Some("%".into());
        rows[0].quote = "清洁运输比例达到70%左右".into();
        rows[1].metric = "单位GDP能耗".into();
        rows[1].metric_key = crate::targets::metric_key(&rows[1].metric);
        rows[2].metric = "单位地区生产总值能源消耗".into();
        rows[2].metric_key = crate::targets::metric_key(&rows[2].metric);
        rows[4].unit = Some("万吨".into());
        let wordings = MetricWordings::build(&rows);
        let found = |typed: &str| {
            TargetFilter {
                find: TargetFind::new(typed, &wordings),
                milestones: true,
                ..TargetFilter::default()
            }
            .select_indices(&rows)
        };
        assert_eq!(found("清洁运输"), [0]);
        assert_eq!(found("qjys"), [0], "pinyin initials");
        assert_eq!(found("ＱＪ"), [0], "full width, any case");
        // One wording finds the rows of the metric however they word it.
        assert_eq!(found("GDP能耗"), [1, 2]);
        assert_eq!(found("能耗强度"), [1, 2]);
        assert_eq!(found("万吨"), [4], "unit");
        assert_eq!(found("乙 2030"), [3], "every word: plan and deadline");
        assert_eq!(found("清洁 乙"), Vec::<usize>::new());
        assert_eq!(found("  ").len(), rows.len(), "nothing typed keeps all");
        assert!(!TargetFilter {
            find: TargetFind::new("x", &wordings),
            ..TargetFilter::default()
        }
        .is_unfiltered());
    }

    #[test]
    fn levels_order_national_first_unknown_last() {
        use crate::targets::Level;
        let mut rows = rows();
        rows[0].level = None;
        rows[1].level = Some(Level::City);
        rows[1].issuer = Some("乙市".into());
        rows[2].level = Some(Level::Province);
        rows[3].level = Some(Level::National);
        rows[4].level = Some(Level::City);
        rows[4].issuer = Some("甲市".into());
        let mut refs: Vec<&Target> = rows.iter().collect();
        sort_by_level(&mut refs);
        let order: Vec<(Option<Level>, Option<&str>)> = refs
            .iter()
            .map(|t| (t.level, t.issuer.as_deref()))
            .collect();
        assert_eq!(
            order,
            [
                (Some(Level::National), None),
                (Some(Level::Province), None),
                (Some(Level::City), Some("乙市")),
                (Some(Level::City), Some("甲市")),
                (None, None)
            ]
        );
    }

    #[test]
    fn deadlines_are_chronological_not_alphabetical() {
        assert_eq!(
            deadlines(&rows()),
            ["2024—2025年", "2025年", "2025年底", "2030年"]
        );
    }
}
