//! Rule-based extraction of quantified targets from one clause of a Chinese
//! policy document.
//!
//! The extractor is driven by grammar, not by content: it knows a small,
//! closed set of relation verbs (降低, 提升至, 控制在 …), qualifiers (以上,
//! 左右, 不低于 …), unit morphemes (万, 亿, 吨, 标准煤, 个百分点, kA …) and
//! time expressions (到2025年底, 比2023年, 2024—2025年). It never lists the
//! metrics, plans or values of any particular document.
//!
//! # How a clause is read
//!
//! 1. The text is viewed without whitespace (so `到 2025 年底` and
//!    `到2025年底` read the same), full-width digits are read as ASCII, and
//!    every viewed character remembers its position in the input so spans
//!    are reported in *characters of the input*.
//! 2. The text is split into sentences at 。！？ (and at line breaks that end a
//!    heading or a punctuated line). A deadline phrase (`到2025年底`,
//!    `2024—2025年`) applies to the rest of its sentence or until the next
//!    deadline phrase.
//! 3. Every number that is not a year, a date, a section number, an ordinal,
//!    part of an identifier (`5G`, `PM2.5`) or inside brackets/quotes/titles is
//!    read together with its unit and qualifiers; the text just before it is
//!    parsed backwards for a relation verb, adverbs (力争, 分别, 年均 …) and a
//!    baseline (`比2023年`); what remains back to the clause start is the
//!    metric. Numbers with neither a unit, a verb nor a qualifier are ignored.
//!    A `到…年` deadline that opens a sentence with no other deadline also
//!    applies to the next sentences of the same paragraph
//!    (`到2030年，甲下降10%。乙控制在…`) until another deadline is written; a
//!    line break ends it, and so does a sentence of several stages
//!    (`到2025年，…；到2030年，…。`).
//! 4. A `到…年` deadline that governs no number becomes a
//!    [`Relation::Milestone`] row.
//! 5. Rows still without a deadline take the year a heading of the clause
//!    states for its goals ([`extract_targets_under`], the library's call:
//!    `（一）到2020年目标`, `主要目标（2025年）`, a list introduced by
//!    `2020年各乡镇改善目标按以下原则分配：`).
//!
//! # Choices worth knowing
//!
//! * A bare year in the clause of a condition (`2019年甲浓度超过70…的乡镇`,
//!   `在2019年…低于50…的乡镇`) dates the condition, not the target after
//!   it: it is no deadline.
//! * Under a heading over the present situation (`基本情况`, `发展现状`,
//!   `发展基础`, `工作成效`, `存在的主要问题`) the numbers report results
//!   (`2015年，甲利用率达到85%`, `占…总量的57.1%`): only those under a
//!   `到…年` deadline are targets. A bare year or a plan period
//!   (`“十三五”期间`) there is the past being reported.
//! * `确保甲不出现不降反升`, `确保乙不下降` (a negated worsening after a
//!   guarantee) is a [`Relation::Milestone`], one row per place listed
//!   before it (`…的丙乡、丁镇确保…`); `确保` is kept as a qualifier.
//! * A bracket opening with 即 (`（即全年甲天数不能超过27天）`) restates
//!   the target before it and is read; other brackets are skipped.
//! * `年均增长8%` is [`Relation::IncreaseBy`] with no baseline year and the
//!   qualifier `年均`.
//! * `降低2%` without a baseline year is still [`Relation::ReduceBy`];
//!   `控制在…` (even with `左右`), `不高于…`, `不能超过…` are [`Relation::Cap`];
//!   `降至…`/`下降到…`/`降低至…` name the level reached and, like
//!   `保持在…`, `提升至…`, `达到…`, `超过…`, `不低于…`, are
//!   [`Relation::Reach`] (a `以下` after the value stays a qualifier).
//! * A qualifier written only after the last value of a `分别` list
//!   (`分别下降25%、20%、15%左右`) applies to every value of the list: the
//!   genre writes it once for the whole list, and reading it as the last
//!   value's alone would make the other values exact where the text
//!   hedges them all.
//! * Savings such as `节能量约2000万吨标准煤` or `减排二氧化碳约5300万吨`
//!   (an amount with no verb) are [`Relation::Reach`].
//! * A number followed directly by a noun phrase and a comparative qualifier
//!   (`200kA以下预焙阳极铝电解槽`) is a [`Relation::Threshold`]; the noun
//!   phrase is the metric.
//! * A leading `…行业` subject is dropped from the metric (the plan already
//!   names the industry); `全国`/`全省`/`…区域`/`…地区` prefixes go to
//!   `scope`, and so do parts of a city (`市区`, `…城区`) and bodies
//!   (`公共机构`), which replace a whole territory before them and scope
//!   the later rows of their `；` part that write no scope of their own.

pub use crate::corpus::origin::Level;
use crate::text::is_cjk_ideograph as is_cjk;
use serde::{Deserialize, Serialize};

/// How a target's number relates to its metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// A decrease relative to a baseline (`比2023年降低2%`, `下降13.5%`).
    ReduceBy,
    /// An increase relative to a baseline (`提高3个百分点`, `年均增长8%`).
    IncreaseBy,
    /// A level to attain (`达到30%`, `提升至15%`, `降至1.3以下`, `保持在…`,
    /// `超过30%`, `不低于50%`).
    Reach,
    /// A ceiling (`控制在10亿吨以内`, `不高于…`, `不能超过27天`).
    Cap,
    /// An equipment or scale boundary that defines what is phased out or
    /// upgraded (`200kA以下预焙阳极铝电解槽`).
    Threshold,
    /// A deadline goal with no number (`到2030年底，…取得显著成效`).
    Milestone,
}

impl Relation {
    /// Every relation, in declaration order.
    pub const ALL: [Relation; 6] = [
        Relation::ReduceBy,
        Relation::IncreaseBy,
        Relation::Reach,
        Relation::Cap,
        Relation::Threshold,
        Relation::Milestone,
    ];

    /// The snake_case name used in JSON and CSV (`reduce_by`, `cap` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::ReduceBy => "reduce_by",
            Relation::IncreaseBy => "increase_by",
            Relation::Reach => "reach",
            Relation::Cap => "cap",
            Relation::Threshold => "threshold",
            Relation::Milestone => "milestone",
        }
    }

    /// The relation in the user's language, for the navigator's detail of
    /// a row.
    pub fn label(self) -> String {
        self.label_in(&rust_i18n::locale())
    }

    /// [`Self::label`] in a given language.
    pub fn label_in(self, language: &str) -> String {
        let key = format!("target.relation.{}", self.as_str());
        crate::t!(&key, locale = language).into_owned()
    }
}

/// One target found in a clause's text (plan/clause fields are filled by the caller).
pub type Target = TargetOf<String>;

/// A [`Target`] whose texts are `S`: `String` as the library keeps them,
/// `&str` borrowed from a cache file's bytes when a command only filters
/// and writes rows (no text is copied: at 10,000 plans, a million strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetOf<S> {
    /// Plan short name, e.g. `钢铁` (copied from the caller's argument).
    pub plan: S,
    /// Clause address, e.g. `钢铁:一` (copied from the caller's argument).
    pub address: S,
    /// The level of the document the row comes from (国家, 省, 市, 县区),
    /// when its header tells (filled by the library).
    pub level: Option<Level>,
    /// The document's issuing body, or the place its title names (filled
    /// by the library).
    pub issuer: Option<S>,
    /// What is measured, as worded: `吨钢综合能耗`, `电炉钢产量占粗钢总产量比例`.
    /// For thresholds, the equipment or facility the boundary applies to; for
    /// milestones, the goal text.
    pub metric: S,
    /// The metric's identity across documents ([`metric::metric_key`]):
    /// `能耗强度` for 单位地区生产总值能耗 and 万元GDP能耗 alike, else the
    /// wording normalized (`metric` stays as written).
    pub metric_key: S,
    /// The number as written (`万`/`亿` stay in the unit); `None` for milestones.
    pub value: Option<f64>,
    /// Unit as written: `%`, `个百分点`, `万吨标准煤`, `亿吨`, `家`, `kA`,
    /// `万吨/年` …; `None` for a bare number.
    pub unit: Option<S>,
    /// How the value relates to the metric.
    pub relation: Relation,
    /// Qualifiers as written, in text order: `力争`, `约`, `超过`, `以上`,
    /// `及以下`, `左右`, `以内`, `年均` …
    pub qualifiers: Vec<S>,
    /// Baseline year of a change (`比2023年` → 2023).
    pub baseline_year: Option<u16>,
    /// Deadline as written without `到`: `2025年底`, `2025年`, `2024—2025年`.
    pub deadline: Option<S>,
    /// Geographic or regional scope preceding the metric (`全国`,
    /// `大气污染防治重点区域`), if any.
    pub scope: Option<S>,
    /// The source phrase; always equals the input's characters in `span`.
    pub quote: S,
    /// CHARACTER (not byte) offsets `[start, end)` of `quote` in the input text.
    pub span: [usize; 2],
}

/// Extracts every quantified target (and every number-less deadline goal)
/// from one clause's text.
///
/// `plan` and `clause` are copied into each row. The text is expected to be
/// normalized (no spaces around CJK, full-width punctuation) but whitespace,
/// half-width punctuation and full-width digits are tolerated. Never panics.
pub fn extract_targets(plan: &str, clause: &str, text: &str) -> Vec<Target> {
    extract(plan, clause, text, false)
}

/// [`extract_targets`]; `reporting`: the clause reports the present
/// situation, so only numbers under a `到…` deadline are targets.
fn extract(plan: &str, clause: &str, text: &str, reporting: bool) -> Vec<Target> {
    let view = View::new(text);
    let mut out = Vec::new();
    // A deadline opening a sentence (`到2020年，…。`) also governs the
    // sentences after it up to the end of the paragraph.
    let mut carried: Option<Carried> = None;
    let mut prev_end = 0;
    for (s, e) in view.sentences() {
        if view.v[prev_end.min(s)..s].contains(&'\n') {
            carried = None;
        }
        prev_end = e;
        let mut sp = SentenceParser::new(&view, s, e, plan, clause);
        if reporting {
            sp.report_present();
        }
        sp.inherit_deadline(carried.take());
        sp.run();
        let ends_paragraph = e >= view.v.len() || view.v[e] == '\n';
        if !ends_paragraph {
            // A sentence that writes deadlines of its own passes on only one
            // that opens it; one that writes none passes on what it got.
            carried = if sp.deadlines_seen == 0 {
                sp.inherited.clone()
            } else {
                sp.opening_deadline.clone()
            };
        }
        out.extend(sp.rows);
    }
    // A value whose metric could not be read (a list garbled in the
    // source: `分别下降25%、20分别下降25%`) is no target anyone can compare
    // or find; found by fuzzing.
    out.retain(|t| !t.metric.trim().is_empty());
    out
}

/// [`extract_targets`] for a clause under headings: `headings` are the
/// texts that head the clause, nearest first (its own heading, the
/// sentence that introduces its list, its section's heading). The first of
/// them that states the year of the goals (see [`heading_deadline`]) gives
/// that deadline to every row of the clause that states none. Under a
/// heading over the present situation (see [`heading_reports_present`])
/// the numbers are results: only those under a `到…` deadline are read.
pub fn extract_targets_under(
    plan: &str,
    clause: &str,
    text: &str,
    headings: &[&str],
) -> Vec<Target> {
    let reporting = headings.iter().any(|h| heading_reports_present(h));
    let mut rows = extract(plan, clause, text, reporting);
    if rows.iter().any(|t| t.deadline.is_none()) {
        if let Some(deadline) = headings.iter().find_map(|h| heading_deadline(h)) {
            for t in rows.iter_mut().filter(|t| t.deadline.is_none()) {
                t.deadline = Some(deadline.clone());
            }
        }
    }
    rows
}

/// Whether a heading is over the present situation, not over goals or
/// tasks: a phrase (no ，；, at most 30 characters) ending in a word such
/// as 情况, 现状, 发展基础, 成效, 存在的问题, 形势 (`我省秸秆综合利用基本
/// 情况`, `“十三五”节能工作成效`). What is written under it reports
/// results (`2015年，综合利用率达到85%`).
pub fn heading_reports_present(heading: &str) -> bool {
    let phrase = heading
        .trim()
        .trim_end_matches(['：', ':', '。'])
        .trim_end();
    phrase.chars().count() <= 30
        && !phrase.contains(['，', '；', ',', ';'])
        && SITUATION_HEADINGS.iter().any(|w| phrase.ends_with(w))
}

/// The deadline a heading states for the goals under it: `到2020年目标`,
/// `2021年经济社会发展主要预期目标`, `主要目标（2025年）`, or a sentence
/// introducing a list (`2020年各乡镇改善目标按以下原则分配：`). The heading
/// must name goals (目标, 指标), be a phrase (no ，；, at most 40
/// characters) and state exactly one year or period that is no baseline
/// (`比2020年`); otherwise `None`.
pub fn heading_deadline(heading: &str) -> Option<String> {
    let phrase = heading
        .trim()
        .trim_end_matches(['：', ':', '。'])
        .trim_end();
    if phrase.chars().count() > 40
        || phrase.contains(['，', '；', ',', ';'])
        || !TARGET_NOUNS.iter().any(|w| phrase.contains(w))
    {
        return None;
    }
    // `主要目标（2025年）`: the year in a closing bracket.
    if let Some(inner) = phrase
        .strip_suffix(['）', ')'])
        .and_then(|p| p.rsplit_once(['（', '(']))
        .map(|(_, inner)| inner)
    {
        let view = View::new(inner);
        let sp = SentenceParser::new(&view, 0, view.v.len(), "", "");
        if let [tok] = sp.toks.as_slice() {
            if let TokKind::Deadline { text, .. } = &tok.kind {
                if tok.start == 0 && tok.end == view.v.len() {
                    return Some(text.clone());
                }
            }
        }
    }
    let view = View::new(phrase);
    let sp = SentenceParser::new(&view, 0, view.v.len(), "", "");
    let mut deadlines = sp.toks.iter().filter_map(|t| match &t.kind {
        TokKind::Deadline { text, .. } => Some(text.clone()),
        _ => None,
    });
    let first = deadlines.next()?;
    deadlines.next().is_none().then_some(first)
}

pub mod filter;
pub use filter::{
    deadlines, level_order, metric_groups, origin_order, sort_by_level, MetricGroup, TargetFilter,
    TargetFind,
};
pub mod metric;
pub use metric::{metric_key, MetricTable, MetricWordings};
mod grammar;
#[allow(unused_imports)]
pub use grammar::*;
mod view;
#[allow(unused_imports)]
pub use view::*;
mod lexer;
#[allow(unused_imports)]
pub use lexer::*;
mod sentence;
#[allow(unused_imports)]
pub use sentence::*;
#[cfg(test)]
mod tests;
