//! Targets and milestones by deadline: the timeline view.
//!
//! Deadlines are kept as written (`2024—2025年`, `2025年底`) and ordered by
//! a key parsed from them generically: the last year named, then the point
//! in that year (a month `N月` → N, `上半年` → 6, a bare year → 12, `年底` /
//! `年末` → 13), then the first year named (so a range `2024—2025年` comes
//! before `2025年`). So: 2024, 2024—2025年, 2025年6月, 2025年, 2025年底, 2030年底.
//! Deadlines without a year come after all dated ones, in text order; rows
//! without a deadline only when asked for, last.

use std::cmp::Ordering;

use serde::Serialize;

use crate::targets::Target;

/// The sort key of a deadline as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DeadlineKey {
    /// The last year named (`None`: no year; sorts after every year).
    pub end_year: Option<u16>,
    /// Point in the end year: month 1–12, 12 for a bare year, 13 for 年底.
    pub point: u8,
    /// The first year named (equal to `end_year` unless a range).
    pub start_year: Option<u16>,
}

/// Parses a deadline as written into its sort key.
pub fn deadline_key(deadline: &str) -> DeadlineKey {
    let chars: Vec<char> = deadline.chars().collect();
    let mut years: Vec<(usize, u16)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let s: String = chars[start..i].iter().collect();
                if let Ok(y) = s.parse() {
                    years.push((i, y));
                }
            }
        } else {
            i += 1;
        }
    }
    let Some(&(after_end, end_year)) = years.last() else {
        return DeadlineKey {
            end_year: None,
            point: 12,
            start_year: None,
        };
    };
    let rest: String = chars[after_end..].iter().collect();
    let point = if rest.contains("年底") || rest.contains("年末") {
        13
    } else if rest.contains("上半年") {
        6
    } else {
        month(&rest).unwrap_or(12)
    };
    DeadlineKey {
        end_year: Some(end_year),
        point,
        start_year: years.first().map(|y| y.1),
    }
}

/// A month `N月` right after `年` in `rest` (the text after the last year).
fn month(rest: &str) -> Option<u8> {
    let after = rest.strip_prefix('年')?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let m: u8 = digits.parse().ok()?;
    (after[digits.len()..].starts_with('月') && (1..=12).contains(&m)).then_some(m)
}

/// Orders two deadlines as written (see the module docs).
pub fn compare_deadlines(a: &str, b: &str) -> Ordering {
    let (ka, kb) = (deadline_key(a), deadline_key(b));
    match (ka.end_year, kb.end_year) {
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        _ => ka.cmp(&kb),
    }
    .then_with(|| a.cmp(b))
}

/// The targets of one plan under one deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRows {
    /// Plan address name.
    pub plan: String,
    /// Indices into the target slice given to [`timeline`], in reading order.
    pub targets: Vec<usize>,
}

/// One deadline of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineGroup {
    /// The deadline as written (the first spelling, when the group has
    /// several); `None` for rows without one.
    pub deadline: Option<String>,
    /// Every spelling in the group, e.g. `2024—2025年` and `2024年—2025年`
    /// (same years and point: one group).
    pub spellings: Vec<String>,
    /// Plans in order of first appearance.
    pub plans: Vec<PlanRows>,
}

/// What groups deadlines: the parsed key when a year was found, else the
/// text itself.
fn group_key(deadline: &str) -> (DeadlineKey, Option<&str>) {
    let key = deadline_key(deadline);
    let text = key.end_year.is_none().then_some(deadline);
    (key, text)
}

/// Groups targets by deadline (chronologically), then by plan (in order of
/// first appearance). Rows without a deadline form a last group only when
/// `include_undated`.
pub fn timeline(targets: &[Target], include_undated: bool) -> Vec<DeadlineGroup> {
    let mut deadlines: Vec<&str> = targets
        .iter()
        .filter_map(|t| t.deadline.as_deref())
        .collect();
    deadlines.sort_by(|a, b| compare_deadlines(a, b));
    deadlines.dedup();
    let mut spellings: Vec<Vec<&str>> = Vec::new();
    for d in deadlines {
        match spellings.last_mut() {
            Some(last) if group_key(last[0]) == group_key(d) => last.push(d),
            _ => spellings.push(vec![d]),
        }
    }
    let mut groups: Vec<Option<Vec<&str>>> = spellings.into_iter().map(Some).collect();
    if include_undated && targets.iter().any(|t| t.deadline.is_none()) {
        groups.push(None);
    }
    groups
        .into_iter()
        .map(|spelled| {
            let mut plans: Vec<PlanRows> = Vec::new();
            // Plan name -> index in `plans`: a big corpus has thousands of
            // plans per deadline, too many to look through for each target.
            let mut plan_at: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            for (i, t) in targets.iter().enumerate() {
                let member = match (&spelled, t.deadline.as_deref()) {
                    (Some(s), Some(d)) => s.contains(&d),
                    (None, None) => true,
                    _ => false,
                };
                if !member {
                    continue;
                }
                match plan_at.get(t.plan.as_str()) {
                    Some(&p) => plans[p].targets.push(i),
                    None => {
                        plan_at.insert(&t.plan, plans.len());
                        plans.push(PlanRows {
                            plan: t.plan.clone(),
                            targets: vec![i],
                        });
                    }
                }
            }
            DeadlineGroup {
                deadline: spelled.as_ref().map(|s| s[0].to_string()),
                spellings: spelled
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                plans,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::Relation;

    fn target(plan: &str, deadline: Option<&str>) -> Target {
        Target {
            plan: plan.into(),
            address: format!("{plan}:一"),
            level: None,
            issuer: None,
            metric: "m".into(),
            metric_key: "M".into(),
            value: None,
            unit: None,
            relation: Relation::Milestone,
            qualifiers: Vec::new(),
            baseline_year: None,
            deadline: deadline.map(str::to_string),
            scope: None,
            quote: String::new(),
            span: [0, 0],
        }
    }

    #[test]
    fn deadlines_sort_chronologically() {
        let mut d = vec![
            "2030年底",
            "2025年底",
            "2025年",
            "“十四五”期间",
            "2024—2025年",
            "2024",
            "2025年6月",
            "2025年上半年",
            "2026年",
        ];
        d.sort_by(|a, b| compare_deadlines(a, b));
        assert_eq!(
            d,
            [
                "2024",
                "2025年6月",
                "2025年上半年",
                "2024—2025年",
                "2025年",
                "2025年底",
                "2026年",
                "2030年底",
                "“十四五”期间"
            ]
        );
    }

    #[test]
    fn groups_by_deadline_then_plan() {
        let rows = vec![
            target("钢铁", Some("2025年底")),
            target("水泥", Some("2024—2025年")),
            target("水泥", Some("2025年底")),
            target("钢铁", None),
            target("钢铁", Some("2025年底")),
            target("电解铝", Some("2024年—2025年")),
        ];
        let g = timeline(&rows, false);
        let deadlines: Vec<_> = g.iter().map(|g| g.deadline.as_deref()).collect();
        assert_eq!(deadlines, [Some("2024—2025年"), Some("2025年底")]);
        assert_eq!(g[1].plans.len(), 2);
        assert_eq!(g[1].plans[0].plan, "钢铁");
        assert_eq!(g[1].plans[0].targets, [0, 4]);
        assert_eq!(g[1].plans[1].targets, [2]);
        // Two spellings of one range: one group, both spellings kept.
        assert_eq!(g[0].spellings, ["2024—2025年", "2024年—2025年"]);
        assert_eq!(g[0].plans.len(), 2);
        assert_eq!(g[0].plans[1].targets, [5]);
        let all = timeline(&rows, true);
        assert_eq!(all.last().unwrap().deadline, None);
        assert_eq!(all.last().unwrap().plans[0].targets, [3]);
    }
}
