//! Which targets a list shows: the one filter behind `targets`, `timeline`,
//! `targets --chart` and the navigator's 指标 and 时间 views, so a plan or
//! deadline picks the same rows wherever it is given.

use super::{Relation, Target};
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
}

impl TargetFilter {
    /// The targets this filter keeps, in their order.
    pub fn select<'a>(&self, targets: &'a [Target]) -> Vec<&'a Target> {
        self.select_indices(targets)
            .into_iter()
            .map(|i| &targets[i])
            .collect()
    }

    /// Indices (into `targets`) of the targets this filter keeps.
    pub fn select_indices(&self, targets: &[Target]) -> Vec<usize> {
        let exact = self
            .deadline
            .as_deref()
            .is_some_and(|d| targets.iter().any(|t| t.deadline.as_deref() == Some(d)));
        targets
            .iter()
            .enumerate()
            .filter(|(_, t)| self.keeps(t, exact))
            .map(|(i, _)| i)
            .collect()
    }

    /// True when nothing is filtered out but milestones.
    pub fn is_unfiltered(&self) -> bool {
        self.plan.is_none() && self.deadline.is_none()
    }

    fn keeps(&self, t: &Target, exact_deadline: bool) -> bool {
        (self.milestones || t.relation != Relation::Milestone)
            && self.plan.as_deref().is_none_or(|p| t.plan == p)
            && self.deadline.as_deref().is_none_or(|d| {
                t.deadline.as_deref().is_some_and(|td| {
                    if exact_deadline {
                        td == d
                    } else {
                        td.contains(d)
                    }
                })
            })
    }
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
    fn deadlines_are_chronological_not_alphabetical() {
        assert_eq!(
            deadlines(&rows()),
            ["2024—2025年", "2025年", "2025年底", "2030年"]
        );
    }
}
