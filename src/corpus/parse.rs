//! Normalized paragraphs → a document tree: an optional covering notice
//! and the plans attached to it, each with preamble, sections and items.
//!
//! Everything is recognized from the genre's own markers (一、 （一） 1.
//! 附件 dates, document numbers, title-shaped lines); no plan, section or
//! department name is known in advance.

use super::markers::{
    is_date, is_document_number, is_page_furniture, is_title_like, item_marker, numbered_marker,
    section_marker, starts_structure,
};
use super::normalize::Paragraph;
use crate::text::{chinese_numeral_value, common_subsequence_len};

/// The covering notice (通知) of a forwarded document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedNotice {
    /// Indices of all its paragraphs.
    pub paragraphs: Vec<usize>,
    /// 文号, e.g. 苏发改资环发〔2024〕1057号.
    pub document_number: Option<String>,
    /// Title, e.g. 关于转发…的通知.
    pub title: Option<String>,
    /// The 主送 line without its final colon.
    pub addressees: Option<String>,
    /// Indices of the body paragraphs (between 主送 and 附件/落款).
    pub body: Vec<usize>,
    /// The attachment list (附件).
    pub attachments: Vec<ParsedAttachment>,
    /// Issuing organisations (落款).
    pub issuers: Vec<String>,
    /// Date line, e.g. 2024年8月29日.
    pub date: Option<String>,
}

/// One entry of a notice's attachment list.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedAttachment {
    /// Its number in the list (1-based).
    pub number: u32,
    /// The title as the list spells it.
    pub title: String,
    /// Index of the plan it was matched to.
    pub plan: Option<usize>,
}

/// One plan (an attachment, or the whole document when it stands alone).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedPlan {
    /// Title paragraph index, when the plan has one.
    pub title_paragraph: Option<usize>,
    /// Title text.
    pub title: Option<String>,
    /// Paragraphs between title and first section.
    pub preamble: Vec<usize>,
    /// Top-level sections (一、二、…).
    pub sections: Vec<ParsedSection>,
}

/// A top-level section such as 二、重点任务.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedSection {
    /// Its numeral as written (二).
    pub label: String,
    /// Its numeric value (2).
    pub number: u32,
    /// Heading text without the numeral (重点任务).
    pub heading: String,
    /// The paragraph carrying the heading.
    pub heading_paragraph: usize,
    /// The section's own text paragraphs (before or between items).
    pub paragraphs: Vec<usize>,
    /// Its items.
    pub items: Vec<ParsedItem>,
}

/// An item such as （五）提升短流程电炉炼钢比重.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedItem {
    /// Its label as written (五, or 3 for numbered items).
    pub label: String,
    /// Its numeric value.
    pub number: u32,
    /// Heading: the text after the marker up to the first 。.
    pub heading: String,
    /// Its paragraphs; the first starts with the marker.
    pub paragraphs: Vec<usize>,
    /// Numbered entries under a （n） item (1．… under （一）), each with
    /// its own paragraphs; a （1） line below them stays in its entry.
    pub subitems: Vec<ParsedItem>,
}

/// The tree of one document. Paragraph indices refer to the normalized
/// paragraph list the tree was parsed from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// The covering notice, if the document has one (or front matter
    /// before the first plan).
    pub notice: Option<ParsedNotice>,
    /// Attached plans in order.
    pub plans: Vec<ParsedPlan>,
    /// When nothing was recognized: all paragraphs, as one untitled text.
    pub untitled: Vec<usize>,
}

impl ParsedDocument {
    /// True if no notice or plan structure was recognized.
    pub fn is_untitled(&self) -> bool {
        self.notice.is_none() && self.plans.is_empty()
    }
}

/// Parses normalized paragraphs into a document tree.
pub fn parse(paragraphs: &[Paragraph]) -> ParsedDocument {
    let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    let notice = notice_end(&texts);
    let plan_starts = plan_starts(&texts, notice.flatten().unwrap_or(0), notice.is_some());
    let first_plan = plan_starts.first().map_or(texts.len(), |s| s.start);
    let front_end = notice.flatten().unwrap_or(first_plan);
    let mut doc = ParsedDocument::default();
    if notice.is_some() && front_end > 0 {
        doc.notice = Some(parse_notice(&texts, 0..front_end));
    }
    for (n, start) in plan_starts.iter().enumerate() {
        let end = plan_starts.get(n + 1).map_or(texts.len(), |s| s.start);
        doc.plans.push(parse_plan(&texts, start, end));
    }
    if notice.is_none() && front_end > 0 {
        // Text before a plan that no notice covers (a news lead, a site's
        // header, a page title) is that plan's preamble, never a title.
        if let Some(first) = doc.plans.first_mut() {
            first.preamble.splice(0..0, 0..front_end);
        }
    }
    if doc.is_untitled() {
        doc.untitled = (0..texts.len()).collect();
    }
    if let Some(notice) = doc.notice.as_mut() {
        match_attachments(notice, &doc.plans);
    }
    doc
}

/// Whether the document opens with a covering notice and, if its date
/// line is found, where the notice ends (exclusive).
fn notice_end(texts: &[&str]) -> Option<Option<usize>> {
    // Page furniture before the notice does not push it out of view.
    let head: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| !is_page_furniture(t))
        .take(10)
        .collect();
    let has_number = head.iter().any(|t| is_document_number(t));
    let has_addressee = head.iter().any(|t| is_addressee_line(t));
    let has_notice_title = head.iter().any(|t| {
        (is_title_like(t) || is_long_title(t))
            && (t.contains("关于") || NOTICE_ENDINGS.iter().any(|s| t.ends_with(s)))
    });
    // A title of the form 某机关关于…的通知 is a notice by itself.
    let has_full_notice_title = head.iter().any(|t| {
        (is_title_like(t) || is_long_title(t))
            && t.contains("关于")
            && NOTICE_ENDINGS
                .iter()
                .any(|s| strip_number(t).0.ends_with(s))
    });
    if !(has_number || has_notice_title && has_addressee || has_full_notice_title) {
        return None;
    }
    Some(texts.iter().position(|t| is_date(t)).map(|d| d + 1))
}

/// How a covering document's title ends.
const NOTICE_ENDINGS: [&str; 6] = ["通知", "意见", "函", "决定", "批复", "公告"];

/// How the genre's titles end (notices and the plans they carry).
const TITLE_ENDINGS: &[&str] = &[
    "通知", "意见", "函", "决定", "批复", "公告", "方案", "计划", "规划", "办法", "报告", "分工",
    "要点", "细则", "纲要", "措施", "规定", "通报", "安排",
];

/// A title too long for [`is_title_like`] (joint notices of several
/// bodies): no sentence punctuation, at most 120 characters, and the
/// genre's 关于 or a title ending.
fn is_long_title(t: &str) -> bool {
    let t = strip_number(t).0;
    t.chars().count() <= 120
        && !t.contains(['，', '。', '；', ',', ';', '：'])
        && t.chars().any(crate::text::is_cjk_ideograph)
        && (t.contains("关于") || TITLE_ENDINGS.iter().any(|e| t.ends_with(e)))
}

/// A title with its 文号 in brackets after it (`…的通知（粤府〔2021〕22号）`)
/// → (title, 文号); a page title cut short (`…推荐...`) loses its dots.
fn strip_number(t: &str) -> (&str, Option<&str>) {
    let t = t.trim_end_matches(['.', '…', '。']).trim_end();
    if let Some(inner) = t.strip_suffix('）') {
        if let Some((title, number)) = inner.rsplit_once('（') {
            if is_document_number(number) {
                return (title.trim_end(), Some(number));
            }
        }
    }
    (t, None)
}

/// A plan title's second line: the period it covers, `（2017—2020年）`.
fn is_period_line(t: &str) -> bool {
    t.starts_with('（') && t.ends_with('）') && t.contains('年') && t.chars().count() <= 20
}

/// The title that starts at paragraph `i`, if one does: the title-shaped
/// line, joined with the lines that finish it when a title is printed over
/// several (`某政府` / `关于印发…工作` / `实施方案的通知`), and a period line
/// after it. Returns the title, its 文号 if it carried one in brackets, and
/// the index after its last line.
fn title_at(texts: &[&str], i: usize) -> Option<(String, Option<String>, usize)> {
    let t = texts[i];
    let usable = |t: &str| {
        !is_page_furniture(t)
            && !is_date(t)
            && !is_document_number(t)
            && !starts_structure(t)
            && !is_addressee_line(t)
    };
    // A name in title marks (`…号《某某通知》`) cites a title, it is not one.
    if !usable(t) || !(is_title_like(t) || is_long_title(t)) || t.ends_with('》') {
        return None;
    }
    let ends_title = |s: &str| TITLE_ENDINGS.iter().any(|e| strip_number(s).0.ends_with(e));
    let mut title = t.to_string();
    let mut next = i + 1;
    if !ends_title(&title) {
        let mut joined = title.clone();
        for (j, line) in texts.iter().enumerate().skip(i + 1).take(2) {
            let whole = line.contains("关于") && ends_title(line);
            if !usable(line) || !is_title_like(line) || whole {
                break;
            }
            joined.push_str(line);
            if ends_title(&joined) {
                title = joined.clone();
                next = j + 1;
                break;
            }
        }
    }
    if texts.get(next).is_some_and(|t| is_period_line(t)) {
        title.push_str(texts[next]);
        next += 1;
    }
    let (clean, number) = strip_number(&title);
    Some((clean.to_string(), number.map(str::to_string), next))
}

fn is_addressee_line(t: &str) -> bool {
    (t.ends_with('：') || t.ends_with(':')) && t.chars().count() <= 150 && !t.starts_with("附件")
}

/// Where a plan begins: its title paragraph (if any) and its first section.
struct PlanStart {
    start: usize,
    /// First title paragraph, the title text, and the paragraph after it.
    title: Option<(usize, String, usize)>,
    first_section: usize,
}

/// Finds every plan: each `一、` section opens one; its title is the
/// title-shaped paragraph just above its preamble.
fn plan_starts(texts: &[&str], lower: usize, has_notice: bool) -> Vec<PlanStart> {
    let opens_plan = |text: &str| {
        section_marker(text).is_some_and(|(label, _)| chinese_numeral_value(label) == Some(1))
    };
    // A text that starts inside its outline (an excerpt from 四、, from
    // （二）, from 2．) has no 一、: its first marker opens the one plan.
    let inside = (!texts.iter().skip(lower).any(|t| opens_plan(t)))
        .then(|| {
            let from =
                |found: &dyn Fn(&str) -> bool| (lower..texts.len()).find(|&i| found(texts[i]));
            from(&|t| section_marker(t).is_some())
                .or_else(|| from(&|t| item_marker(t).is_some()))
                .or_else(|| {
                    // Numbered entries open a plan only where no notice
                    // could be listing its attachments with them.
                    (!has_notice)
                        .then(|| from(&|t| numbered_marker(t).is_some()))
                        .flatten()
                })
        })
        .flatten();
    let mut starts: Vec<PlanStart> = Vec::new();
    for (i, text) in texts.iter().enumerate().skip(lower) {
        if !(opens_plan(text) || inside == Some(i)) {
            continue;
        }
        let floor = starts.last().map_or(lower, |s| s.first_section + 1);
        let mut title = None;
        let mut j = i;
        while j > floor {
            j -= 1;
            if starts_structure(texts[j]) {
                break;
            }
            if is_page_furniture(texts[j]) {
                continue;
            }
            if is_title_like(texts[j]) && !is_date(texts[j]) {
                // A period line (（2017—2020年）) finishes the title above it.
                let first = if is_period_line(texts[j])
                    && j > floor
                    && is_title_like(texts[j - 1])
                    && !is_page_furniture(texts[j - 1])
                {
                    j - 1
                } else {
                    j
                };
                title = title_at(texts, first).map(|(text, _, end)| (first, text, end));
                break;
            }
        }
        let start = match &title {
            Some((t, _, _)) => *t,
            None if starts.is_empty() && !has_notice => lower,
            None => i,
        };
        starts.push(PlanStart {
            start,
            title,
            first_section: i,
        });
    }
    starts
}

fn parse_notice(texts: &[&str], range: std::ops::Range<usize>) -> ParsedNotice {
    let mut notice = ParsedNotice {
        paragraphs: range.clone().collect(),
        ..Default::default()
    };
    let mut body_start = range.start;
    let mut in_attachments = false;
    let mut after_body = false;
    let mut skip_to = range.start;
    // The 主送 line stands below the title: a line ending in ： above it
    // belongs to a news lead (`…国务院要求，…全文如下：`).
    let first_title = range.clone().find(|&i| title_at(texts, i).is_some());
    for i in range.clone() {
        let t = texts[i];
        if i < skip_to || is_page_furniture(t) {
            // Lines of a title already read, and page furniture: neither
            // body nor signature.
            continue;
        }
        let title = (!after_body)
            .then(|| title_at(texts, i))
            .flatten()
            .filter(|(_, _, end)| *end <= range.end);
        if is_document_number(t) && !after_body {
            notice.document_number.get_or_insert_with(|| t.to_string());
            body_start = i + 1;
        } else if let Some((title, number, end)) = title.clone().filter(|_| notice.title.is_none())
        {
            notice.title = Some(title);
            if notice.document_number.is_none() {
                notice.document_number = number;
            }
            body_start = end;
            skip_to = end;
        } else if let Some((_, _, end)) =
            title.filter(|(text, _, _)| notice.title.as_ref() == Some(text))
        {
            // The title printed again (page title, then the document's).
            body_start = body_start.max(end);
            skip_to = end;
        } else if notice.addressees.is_none()
            && is_addressee_line(t)
            && first_title.is_none_or(|first| i > first)
            && notice
                .body
                .iter()
                .all(|&b| first_title.is_some_and(|first| b < first))
        {
            notice.addressees = Some(t.trim_end_matches(['：', ':']).to_string());
            body_start = i + 1;
        } else if let Some(rest) = t.strip_prefix("附件") {
            in_attachments = true;
            after_body = true;
            let rest = rest.trim_start_matches(['：', ':', ' ']);
            if !rest.is_empty() {
                push_attachment(&mut notice, rest);
            }
        } else if in_attachments && numbered_marker(t).is_some() {
            push_attachment(&mut notice, t);
        } else if is_date(t) {
            notice.date = Some(t.to_string());
            after_body = true;
        } else if (after_body || i > body_start) && is_title_like(t) && !t.ends_with('。') {
            after_body = true;
            in_attachments = false;
            notice.issuers.push(t.to_string());
        } else if !after_body && i >= body_start {
            notice.body.push(i);
        }
    }
    notice
}

fn push_attachment(notice: &mut ParsedNotice, entry: &str) {
    let (number, title) = match numbered_marker(entry) {
        Some((n, title)) => (n.parse().unwrap_or(0), title),
        None => (notice.attachments.len() as u32 + 1, entry),
    };
    notice.attachments.push(ParsedAttachment {
        number,
        title: title.trim().to_string(),
        plan: None,
    });
}

fn parse_plan(texts: &[&str], start: &PlanStart, end: usize) -> ParsedPlan {
    let mut plan = ParsedPlan {
        title_paragraph: start.title.as_ref().map(|t| t.0),
        title: start.title.as_ref().map(|t| t.1.clone()),
        ..Default::default()
    };
    let preamble_start = start.title.as_ref().map_or(start.start, |t| t.2);
    plan.preamble = (preamble_start..start.first_section).collect();
    let mut numbered_items = false;
    for (i, text) in texts.iter().enumerate().take(end).skip(start.first_section) {
        if let Some((label, rest)) = section_marker(text) {
            let (heading, has_more) = heading_of(rest);
            plan.sections.push(ParsedSection {
                label: label.to_string(),
                number: chinese_numeral_value(label).unwrap_or(0),
                heading,
                heading_paragraph: i,
                paragraphs: if has_more { vec![i] } else { Vec::new() },
                items: Vec::new(),
            });
            numbered_items = false;
            continue;
        }
        let bracket = item_marker(text);
        let numbered = numbered_marker(text).filter(|_| bracket.is_none());
        if plan.sections.is_empty() && (bracket.is_some() || numbered.is_some()) {
            // A text that starts inside its outline (at （二） or 2．): its
            // items belong to a section whose number the excerpt does not
            // show; it has no clause of its own and addresses leave it out.
            plan.sections.push(ParsedSection {
                heading_paragraph: i,
                ..Default::default()
            });
        }
        let Some(section) = plan.sections.last_mut() else {
            plan.preamble.push(i);
            continue;
        };
        let in_bracket_item = !section.items.is_empty() && !numbered_items;
        if let Some((label, rest)) = bracket {
            numbered_items = false;
            section.items.push(ParsedItem {
                label: label.to_string(),
                number: chinese_numeral_value(label).unwrap_or(0),
                heading: heading_of(rest).0,
                paragraphs: vec![i],
                subitems: Vec::new(),
            });
        } else if let Some((label, rest)) = numbered {
            let entry = ParsedItem {
                label: label.to_string(),
                number: label.parse().unwrap_or(0),
                heading: heading_of(rest).0,
                paragraphs: vec![i],
                subitems: Vec::new(),
            };
            if in_bracket_item {
                // The third level: 1． under （一）.
                section
                    .items
                    .last_mut()
                    .expect("an item")
                    .subitems
                    .push(entry);
            } else {
                numbered_items = true;
                section.items.push(entry);
            }
        } else if let Some(item) = section.items.last_mut() {
            match item.subitems.last_mut() {
                Some(sub) => sub.paragraphs.push(i),
                None => item.paragraphs.push(i),
            }
        } else {
            section.paragraphs.push(i);
        }
    }
    plan
}

/// A heading is the text up to the first 。 (or the whole line). The flag
/// says whether running text follows the heading in the same paragraph.
fn heading_of(rest: &str) -> (String, bool) {
    match rest.split_once('。') {
        Some((heading, more)) => (heading.trim().to_string(), !more.trim().is_empty()),
        None => (rest.trim().to_string(), false),
    }
}

/// Derives a plan's short name from its title by cutting the genre's
/// title grammar: `钢铁行业节能降碳专项行动计划` → 钢铁,
/// `数据中心节能降碳专项行动计划` → 数据中心.
pub fn short_name(title: &str) -> String {
    const CUTS: [&str; 12] = [
        "行业",
        "领域",
        "节能降碳",
        "节能减排",
        "专项行动",
        "行动计划",
        "行动方案",
        "实施方案",
        "工作方案",
        "专项计划",
        "三年行动",
        "高质量发展",
    ];
    // Quotes, brackets and title marks are hard to type and add nothing
    // a reader needs to pick a plan (某区“十四五”… → 某区十四五).
    let title: String = title
        .trim_start_matches("关于")
        .chars()
        .filter(|c| !"“”‘’\"'《》〈〉<>「」『』（）()【】〔〕[]".contains(*c))
        .collect();
    let title = title.as_str();
    let cut = CUTS
        .iter()
        .filter_map(|c| title.find(c))
        .filter(|&i| i > 0)
        .min();
    match cut {
        Some(i) => title[..i].to_string(),
        None => title
            .trim_end_matches(['计', '划', '方', '案'])
            .to_string()
            .chars()
            .take(12)
            .collect(),
    }
}

/// Matches attachment list entries to plans even when spelled differently
/// (the list may say 油行业 for 炼油行业): by similarity of short names,
/// then of full titles, falling back to position.
fn match_attachments(notice: &mut ParsedNotice, plans: &[ParsedPlan]) {
    let titles: Vec<String> = plans
        .iter()
        .map(|p| p.title.clone().unwrap_or_default())
        .collect();
    let mut taken = vec![false; plans.len()];
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (a, attachment) in notice.attachments.iter().enumerate() {
        let short_a = short_name(&attachment.title);
        for (p, title) in titles.iter().enumerate() {
            let short_p = short_name(title);
            let short = common_subsequence_len(&short_a, &short_p) as f64
                / short_a.chars().count().max(short_p.chars().count()).max(1) as f64;
            let full = common_subsequence_len(&attachment.title, title) as f64
                / attachment
                    .title
                    .chars()
                    .count()
                    .max(title.chars().count())
                    .max(1) as f64;
            pairs.push((short * 10.0 + full, a, p));
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (score, a, p) in pairs {
        if score >= 1.0 && notice.attachments[a].plan.is_none() && !taken[p] {
            notice.attachments[a].plan = Some(p);
            taken[p] = true;
        }
    }
    for (a, attachment) in notice.attachments.iter_mut().enumerate() {
        if attachment.plan.is_none() && a < plans.len() && !taken[a] {
            attachment.plan = Some(a);
            taken[a] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_come_from_titles() {
        assert_eq!(short_name("钢铁行业节能降碳专项行动计划"), "钢铁");
        assert_eq!(short_name("数据中心节能降碳专项行动计划"), "数据中心");
        assert_eq!(short_name("合成氨行业节能降碳行动计划"), "合成氨");
        assert_eq!(short_name("油行业节能降碳行动计划"), "油");
        assert_eq!(short_name("某区“十四五”节能减排综合工作方案"), "某区十四五");
        assert_eq!(
            short_name("某市节能减排综合工作方案（2017—2020年）"),
            "某市"
        );
    }
}
