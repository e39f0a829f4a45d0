//! Comparing one metric across plans and documents: [`chart_groups`]
//! gathers the target rows that several plans state for the same metric
//! (by key, however each words it: 单位GDP能耗 and 单位地区生产总值能耗 are
//! one), unit and relation (节能量 in 万吨标准煤 for every plan,
//! 能效标杆水平以上产能占比 in %), and
//! [`render_text`] draws them as a text bar chart of ASCII `#` that fits a
//! given width in display columns. A front end can draw the same groups
//! with its own bar chart widget.

use std::borrow::Borrow;
use std::collections::hash_map::{Entry, HashMap};

use unicode_width::UnicodeWidthStr;

use crate::targets::{level_order, Level, MetricTable, Relation, Target};
use crate::targets_format::{format_value, truncate_to_width};

/// One bar: one target row of one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    /// Plan short name (`钢铁`).
    pub plan: String,
    /// What the bar is called: the plan, plus the scope or deadline when the
    /// plan has several rows in the group (`钢铁 重点区域`).
    pub label: String,
    /// The number.
    pub value: f64,
    /// The number as the text qualifies it, without the unit: `约2000`,
    /// `30以上`, `力争15`.
    pub value_text: String,
    /// The address of the clause the row comes from.
    pub address: String,
    /// The row's scope (`大气污染防治重点区域`), if any.
    pub scope: Option<String>,
    /// The row's deadline (`2025年底`), if any.
    pub deadline: Option<String>,
    /// The level of the row's document, if known.
    pub level: Option<Level>,
    /// The issuer of the row's document, if known.
    pub issuer: Option<String>,
}

/// Rows of at least two plans for one metric, unit and relation.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartGroup {
    /// The metric's key ([`crate::targets::metric_key`]).
    pub key: String,
    /// The metric's name: the key of a metric the metric table names,
    /// else the first row's wording.
    pub metric: String,
    /// The unit as written (`万吨标准煤`, `%`, `个百分点`), if any.
    pub unit: Option<String>,
    /// How the values relate to the metric; the same for every bar.
    pub relation: Relation,
    /// The bars, in the order the rows were given (plan order): all of
    /// them, or the first ones when fewer were asked for ([`chart_group`]).
    pub bars: Vec<ChartBar>,
    /// The largest value among all the group's rows, at least 0.
    pub largest: f64,
}

impl ChartGroup {
    /// Number of different plans among the bars.
    pub fn plan_count(&self) -> usize {
        let mut plans: Vec<&str> = self.bars.iter().map(|b| b.plan.as_str()).collect();
        plans.sort_unstable();
        plans.dedup();
        plans.len()
    }

    /// The chart's title: `节能量（万吨标准煤，达到）`.
    pub fn title(&self) -> String {
        let relation = relation_word(self.relation);
        match (&self.unit, relation) {
            (Some(unit), "") => format!("{}（{unit}）", self.metric),
            (Some(unit), r) => format!("{}（{unit}，{r}）", self.metric),
            (None, "") => self.metric.clone(),
            (None, r) => format!("{}（{r}）", self.metric),
        }
    }

    /// The largest value, at least 0 (of every row, shown or not).
    pub fn max_value(&self) -> f64 {
        self.largest
    }

    /// The value a full-length bar stands for: 100 for percentages up to
    /// 100 (so 30% looks like 30%), else the largest value.
    pub fn scale_max(&self) -> f64 {
        let max = self.max_value();
        if self.unit.as_deref() == Some("%") && max <= 100.0 {
            100.0
        } else {
            max
        }
    }
}

fn relation_word(r: Relation) -> &'static str {
    match r {
        Relation::ReduceBy => "降低",
        Relation::IncreaseBy => "提高",
        Relation::Reach => "达到",
        Relation::Cap => "上限",
        Relation::Threshold | Relation::Milestone => "",
    }
}

/// Qualifiers written before the number in `value_text`.
const BEFORE: &[&str] = &[
    "力争",
    "争取",
    "约",
    "大约",
    "近",
    "将近",
    "接近",
    "超过",
    "不低于",
    "不少于",
    "至少",
    "不超过",
    "不高于",
    "累计",
    "年均",
];

fn value_text(t: &Target, value: f64) -> String {
    let before: String = t
        .qualifiers
        .iter()
        .filter(|q| BEFORE.contains(&q.as_str()))
        .map(String::as_str)
        .collect();
    let after: String = t
        .qualifiers
        .iter()
        .filter(|q| !BEFORE.contains(&q.as_str()))
        .map(String::as_str)
        .collect();
    format!("{before}{}{after}", format_value(value))
}

/// Groups the rows with a value (not milestones, not thresholds, which are
/// equipment sizes rather than goals) by metric key, unit and relation,
/// keeping the groups that at least two plans share. Groups come in order
/// of the first row of each; bars in row order, except that a group from
/// several documents puts national bars first, then by level and issuer,
/// and labels them with level and issuer (`省 江西省人民政府`). Takes the
/// rows by reference (a filter's selection need not be copied).
pub fn chart_groups<'a>(rows: impl IntoIterator<Item = &'a Target>) -> Vec<ChartGroup> {
    let rows: Vec<&Target> = rows.into_iter().collect();
    let all = group_rows(&rows);
    shared_groups(&rows, &all, &vec![true; rows.len()])
        .iter()
        .map(|group| chart_group(&rows, group, usize::MAX))
        .collect()
}

/// The chartable rows (a finite value; not a threshold or milestone)
/// grouped by metric key, unit and relation, as indices into `rows`,
/// groups in order of their first row — every group, before the two-plan
/// rule. Within a group the rows are in [`level_order`] (national first),
/// row order among rows of one origin. A front end groups a corpus once
/// and applies each filter with [`shared_groups`], which allocates nothing
/// per row.
pub fn group_rows<T: Borrow<Target>>(rows: &[T]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // (metric key, unit, relation) -> index in `groups`: a big corpus has
    // tens of thousands of rows, too many to look through the groups for
    // each.
    let mut group_at: HashMap<(&str, Option<&str>, Relation), usize> = HashMap::new();
    for (i, t) in rows.iter().enumerate() {
        let t = t.borrow();
        let Some(value) = t.value else { continue };
        if matches!(t.relation, Relation::Threshold | Relation::Milestone) || !value.is_finite() {
            continue;
        }
        match group_at.entry((t.metric_key.as_str(), t.unit.as_deref(), t.relation)) {
            Entry::Occupied(g) => groups[*g.get()].push(i),
            Entry::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    // Sorted once here (stable, so row order within one origin), not per
    // filter: a filter only drops rows, which keeps the order.
    for group in &mut groups {
        group.sort_by(|&a, &b| level_order(rows[a].borrow(), rows[b].borrow()));
    }
    groups
}

/// Whether the rows of a group come from more than one issuer (a metric
/// compared across documents rather than within one).
fn several_issuers<T: Borrow<Target>>(rows: &[T], group: &[usize]) -> bool {
    let issuer = |i: usize| rows[i].borrow().issuer.as_deref();
    group
        .split_first()
        .is_some_and(|(&first, rest)| rest.iter().any(|&i| issuer(i) != issuer(first)))
}

/// The groups of [`group_rows`] restricted to the rows `kept` marks,
/// keeping those with rows of at least two plans. A group the filter
/// leaves with one issuer is back in row order.
pub fn shared_groups<T: Borrow<Target>>(
    rows: &[T],
    groups: &[Vec<usize>],
    kept: &[bool],
) -> Vec<Vec<usize>> {
    groups
        .iter()
        .filter_map(|group| {
            let mut group: Vec<usize> = group.iter().copied().filter(|&i| kept[i]).collect();
            let first = rows[*group.first()?].borrow().plan.as_str();
            if !group.iter().any(|&i| rows[i].borrow().plan != first) {
                return None;
            }
            if !several_issuers(rows, &group) && !group.is_sorted() {
                group.sort_unstable();
            }
            Some(group)
        })
        .collect()
}

/// The chart of one group of rows (indices into `rows`, in the order of
/// [`shared_groups`]): its metric, unit and relation, and a bar for each of
/// its first `limit` rows (a screen shows a few dozen of a metric 10,000
/// plans share; the scale and the labels still account for every row).
/// Bars of a group from several issuers are labelled with level and
/// issuer, else with the plan; a plan with several rows in the group has
/// its bars told apart by scope, then deadline, then ordinal.
pub fn chart_group<T: Borrow<Target>>(rows: &[T], group: &[usize], limit: usize) -> ChartGroup {
    let row = |i: usize| rows[i].borrow();
    let across_documents = several_issuers(rows, group);
    let mut bars_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, &i) in group.iter().enumerate() {
        bars_of.entry(row(i).plan.as_str()).or_default().push(n);
    }
    let bars = group
        .iter()
        .take(limit)
        .enumerate()
        .map(|(n, &i)| {
            let t = row(i);
            let value = t.value.unwrap_or_default();
            let name = if across_documents {
                let level = t.level.map_or_else(|| "—".to_string(), |l| l.label());
                let who = t.issuer.as_deref().unwrap_or(&t.plan);
                format!("{level} {who}")
            } else {
                t.plan.clone()
            };
            let same_plan = &bars_of[t.plan.as_str()];
            let label = if same_plan.len() < 2 {
                name
            } else {
                let extra = t
                    .scope
                    .clone()
                    .or_else(|| t.deadline.clone())
                    .unwrap_or_else(|| {
                        let ordinal = same_plan.iter().position(|&m| m == n).unwrap_or(0) + 1;
                        format!("#{ordinal}")
                    });
                format!("{name} {extra}")
            };
            ChartBar {
                plan: t.plan.clone(),
                label,
                value,
                value_text: value_text(t, value),
                address: t.address.clone(),
                scope: t.scope.clone(),
                deadline: t.deadline.clone(),
                level: t.level,
                issuer: t.issuer.clone(),
            }
        })
        .collect();
    let first = group.first().map(|&i| row(i));
    let key = first.map(|t| t.metric_key.clone()).unwrap_or_default();
    let metric = match first {
        Some(_) if MetricTable::embedded().entry(&key).is_some() => key.clone(),
        Some(t) => t.metric.clone(),
        None => String::new(),
    };
    ChartGroup {
        key,
        metric,
        unit: first.and_then(|t| t.unit.clone()),
        relation: first.map_or(Relation::Reach, |t| t.relation),
        bars,
        largest: group
            .iter()
            .filter_map(|&i| row(i).value)
            .fold(0.0, f64::max),
    }
}

/// Bar length in cells for `value` on a scale where `max` fills `cells`:
/// at least one cell for any positive value, none for zero or less.
pub fn bar_cells(value: f64, max: f64, cells: usize) -> usize {
    if value <= 0.0 || max <= 0.0 || cells == 0 {
        return 0;
    }
    ((value / max * cells as f64).round() as usize).clamp(1, cells)
}

/// Draws the groups as text, every line at most `width` display columns
/// (at least 30 is sensible): a title line per group, then one line per
/// bar, `label  ####### value`, bars scaled to the group's largest value,
/// and a blank line between groups. Only ASCII `#` for bars, so widths hold
/// in every terminal and without colour.
pub fn render_text(groups: &[ChartGroup], width: usize) -> String {
    let mut out = String::new();
    for (n, g) in groups.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&truncate_to_width(&g.title(), width));
        out.push('\n');
        let label_col = g
            .bars
            .iter()
            .map(|b| b.label.width())
            .max()
            .unwrap_or(0)
            .min(width / 3);
        let value_col = g
            .bars
            .iter()
            .map(|b| b.value_text.width())
            .max()
            .unwrap_or(0)
            .min(width / 3);
        // "  " + label + "  " + bar + " " + value
        let cells = width
            .saturating_sub(2 + label_col + 2 + 1 + value_col)
            .max(1);
        let max = g.scale_max();
        for b in &g.bars {
            let label = truncate_to_width(&b.label, label_col);
            let pad = label_col.saturating_sub(label.width());
            let bar = "#".repeat(bar_cells(b.value, max, cells));
            let value = truncate_to_width(&b.value_text, value_col);
            let line = format!("  {label}{}  {bar} {value}", " ".repeat(pad));
            out.push_str(&truncate_to_width(line.trim_end(), width));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(plan: &str, metric: &str, value: f64, unit: &str, relation: Relation) -> Target {
        Target {
            plan: plan.into(),
            address: format!("{plan}:一"),
            level: None,
            issuer: None,
            metric: metric.into(),
            metric_key: crate::targets::metric_key(metric),
            value: Some(value),
            unit: Some(unit.into()),
            relation,
            qualifiers: vec![],
            baseline_year: None,
            deadline: Some("2025年底".into()),
            scope: None,
            quote: String::new(),
            span: [0, 0],
        }
    }

    #[test]
    fn groups_need_two_plans_and_the_same_unit_and_relation() {
        let rows = vec![
            row("甲", "节能量", 2000.0, "万吨标准煤", Relation::Reach),
            row("乙", "节能量", 200.0, "万吨标准煤", Relation::Reach),
            row("丙", "节能量", 5.0, "%", Relation::Reach),
            row("甲", "产能占比", 30.0, "%", Relation::Reach),
            row("乙", "产能占比", 2.0, "%", Relation::ReduceBy),
            row("甲", "独有指标", 1.0, "%", Relation::Reach),
            row("甲", "独有指标", 2.0, "%", Relation::Reach),
        ];
        let groups = chart_groups(&rows);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].metric, "节能量");
        let plans: Vec<&str> = groups[0].bars.iter().map(|b| b.plan.as_str()).collect();
        assert_eq!(plans, ["甲", "乙"]);
    }

    /// The navigator groups a corpus once and applies each filter to the
    /// groups: that must draw what grouping the filter's selection draws.
    #[test]
    fn grouping_once_then_filtering_equals_grouping_the_selection() {
        let dated = |plan: &str, value: f64, deadline: &str| {
            let mut t = row(plan, "节能量", value, "万吨标准煤", Relation::Reach);
            t.deadline = Some(deadline.into());
            t
        };
        let rows = vec![
            dated("甲", 1.0, "2025年"),
            dated("乙", 2.0, "2030年"),
            dated("乙", 3.0, "2025年"),
            dated("甲", 4.0, "2030年"),
            dated("丙", 5.0, "2030年"),
            row("甲", "产能占比", 30.0, "%", Relation::Reach),
            row("乙", "产能占比", 20.0, "%", Relation::Reach),
        ];
        let all = group_rows(&rows);
        for deadline in ["2025年", "2030年", "2025年底"] {
            let kept: Vec<bool> = rows
                .iter()
                .map(|t| t.deadline.as_deref() == Some(deadline))
                .collect();
            let once: Vec<ChartGroup> = shared_groups(&rows, &all, &kept)
                .iter()
                .map(|g| chart_group(&rows, g, usize::MAX))
                .collect();
            let selection = rows
                .iter()
                .filter(|t| t.deadline.as_deref() == Some(deadline));
            assert_eq!(once, chart_groups(selection), "{deadline}");
            assert!(!once.is_empty(), "{deadline}");
        }
        // The first bars only, on the whole group's scale and labels.
        let first = chart_group(&rows, &all[0], 2);
        assert_eq!(
            first.bars,
            chart_group(&rows, &all[0], usize::MAX).bars[..2]
        );
        assert_eq!(first.max_value(), 5.0);
    }

    #[test]
    fn grouped_once_national_first_and_back_in_row_order_for_one_issuer() {
        let from = |plan: &str, value: f64, level: Level, issuer: Option<&str>, deadline: &str| {
            let mut t = row(plan, "节能量", value, "万吨标准煤", Relation::Reach);
            t.level = Some(level);
            t.issuer = issuer.map(str::to_string);
            t.deadline = Some(deadline.into());
            t
        };
        let rows = vec![
            from("丙", 1.0, Level::City, None, "2030年"),
            from("甲", 2.0, Level::National, Some("国务院"), "2025年"),
            from("乙", 3.0, Level::Province, None, "2030年"),
            from("丁", 4.0, Level::Province, Some("丁省人民政府"), "2025年"),
        ];
        let all = group_rows(&rows);
        let shown = |deadline: Option<&str>| -> Vec<(String, String)> {
            let kept: Vec<bool> = rows
                .iter()
                .map(|t| deadline.is_none_or(|d| t.deadline.as_deref() == Some(d)))
                .collect();
            let groups = shared_groups(&rows, &all, &kept);
            assert_eq!(groups.len(), 1, "{deadline:?}");
            let group = chart_group(&rows, &groups[0], usize::MAX);
            let selection = rows.iter().zip(&kept).filter(|(_, k)| **k).map(|(t, _)| t);
            assert_eq!(
                chart_groups(selection),
                std::slice::from_ref(&group),
                "{deadline:?}"
            );
            group.bars.into_iter().map(|b| (b.plan, b.label)).collect()
        };
        let pair = |plan: &str, label: &str| (plan.to_string(), label.to_string());
        // Several issuers: national first, then by level, named issuers
        // before unnamed ones; labelled by level and issuer.
        assert_eq!(
            shown(None),
            [
                pair("甲", "国家 国务院"),
                pair("丁", "省 丁省人民政府"),
                pair("乙", "省 乙"),
                pair("丙", "市 丙"),
            ]
        );
        // The filter leaves one (unknown) issuer: row order, plan labels.
        assert_eq!(shown(Some("2030年")), [pair("丙", "丙"), pair("乙", "乙")]);
    }

    #[test]
    fn bars_scale_to_the_largest_and_fit_the_width() {
        let mut small = row("炼油行业", "节能量", 1.0, "万吨标准煤", Relation::Reach);
        small.qualifiers = vec!["约".into(), "左右".into()];
        let rows = vec![
            row("钢铁", "节能量", 2000.0, "万吨标准煤", Relation::Reach),
            small,
            row("水泥", "节能量", 1000.0, "万吨标准煤", Relation::Reach),
        ];
        let groups = chart_groups(&rows);
        for width in [40, 80, 120] {
            let text = render_text(&groups, width);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), 4, "{text}");
            for line in &lines {
                assert!(line.width() <= width, "{width}: {line}");
            }
            let hashes: Vec<usize> = lines[1..].iter().map(|l| l.matches('#').count()).collect();
            assert!(hashes[0] > hashes[2] && hashes[2] > hashes[1], "{text}");
            assert_eq!(hashes[1], 1, "a tiny value still gets one cell");
            assert!(
                (hashes[2] as f64 / hashes[0] as f64 - 0.5).abs() < 0.05,
                "{text}"
            );
            assert!(lines[2].ends_with("约1左右"), "{text}");
        }
        // Bars start in one column, whatever the label widths.
        let text = render_text(&groups, 80);
        let starts: Vec<usize> = text
            .lines()
            .skip(1)
            .map(|l| l[..l.find('#').unwrap()].width())
            .collect();
        assert!(starts.iter().all(|s| *s == starts[0]), "{text}");
    }

    #[test]
    fn one_plan_with_two_rows_gets_told_apart() {
        let mut a = row("甲", "节能量", 10.0, "万吨", Relation::Reach);
        a.scope = Some("重点区域".into());
        let b = row("甲", "节能量", 20.0, "万吨", Relation::Reach);
        let c = row("乙", "节能量", 30.0, "万吨", Relation::Reach);
        let groups = chart_groups(&[a, b, c]);
        let labels: Vec<&str> = groups[0].bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["甲 重点区域", "甲 2025年底", "乙"]);
    }

    #[test]
    fn one_metric_however_worded_across_documents() {
        let mut city = row(
            "丙市计划",
            "单位地区生产总值能耗",
            14.5,
            "%",
            Relation::ReduceBy,
        );
        city.level = Some(Level::City);
        city.issuer = Some("丙市人民政府".into());
        let mut nation = row(
            "甲",
            "单位国内生产总值能源消耗",
            13.5,
            "%",
            Relation::ReduceBy,
        );
        nation.level = Some(Level::National);
        nation.issuer = Some("国务院".into());
        let mut province = row("乙", "万元GDP能耗", 14.0, "%", Relation::ReduceBy);
        province.level = Some(Level::Province);
        province.issuer = Some("乙省人民政府".into());
        let mut industry = row("丁", "单位工业增加值能耗", 18.0, "%", Relation::ReduceBy);
        industry.level = Some(Level::Province);
        let groups = chart_groups(&[city, nation, province, industry]);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].key, "能耗强度");
        assert_eq!(groups[0].metric, "能耗强度");
        let labels: Vec<&str> = groups[0].bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            ["国家 国务院", "省 乙省人民政府", "市 丙市人民政府"]
        );
    }

    #[test]
    fn percentages_are_drawn_against_100() {
        let rows = vec![
            row("甲", "占比", 30.0, "%", Relation::Reach),
            row("乙", "占比", 15.0, "%", Relation::Reach),
        ];
        let text = render_text(&chart_groups(&rows), 40);
        let hashes: Vec<usize> = text
            .lines()
            .skip(1)
            .map(|l| l.matches('#').count())
            .collect();
        // 40 - 2 - 2 - 2 - 1 - 2 = 31 cells for 100%.
        assert_eq!(hashes, [9, 5], "{text}");
    }

    #[test]
    fn bar_cells_bounds() {
        assert_eq!(bar_cells(0.0, 10.0, 50), 0);
        assert_eq!(bar_cells(10.0, 10.0, 50), 50);
        assert_eq!(bar_cells(0.001, 10.0, 50), 1);
        assert_eq!(bar_cells(-3.0, 10.0, 50), 0);
    }
}
