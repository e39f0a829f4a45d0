//! Where a document comes from: its level (国家 / 省 / 市 / 县区) and
//! issuing body, read from its header by grammar.
//!
//! The evidence, strongest first:
//!
//! 1. the issuer lines (落款) and the body a notice title names before
//!    关于 (`泸州市人民政府关于印发…`);
//! 2. a news lead's `X印发《…》` / `X转发《…》` (`江西省人民政府印发《…》`,
//!    `国务院办公厅近日转发…《…》`);
//! 3. the 文号's prefix: a province's abbreviation first (`苏政办发`,
//!    `粤府`) → 省, a 市/州 in it (`泸市府发`) → 市, 县/区/旗 → 县区,
//!    `国发`/`国办发`/`发改…`/a ministry's `…部…` → 国家;
//! 4. the place a title begins with (`潮州市打赢蓝天保卫战实施方案`);
//! 5. how the text names its own place: 我省/本省 → 省, 我市/本市 → 市,
//!    我县/本县 → 县区, whichever it says most (`结合我县实际`);
//! 6. (once targets are extracted, in the library) the territory its
//!    targets are scoped to: 全省, 全市 ….
//!
//! A name's level comes from its place: a province's name (from
//! `data/regions.toml`) → 省 (a municipality, 北京市, too), a name ending in
//! 市/州/盟/地区 → 市, in 县/区/旗 → 县区, a name beginning with 国 or a
//! ministry (…部, …总局, …总署) with no place → 国家; a bare 省/市/县/区
//! (`省政府`, `市生态环境局`) is that level.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The province table shipped with the program.
pub const EMBEDDED_REGIONS: &str = include_str!("../../data/regions.toml");

/// A document's administrative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 国家: the State Council, its offices and ministries.
    National,
    /// 省: provinces, autonomous regions, municipalities.
    Province,
    /// 市: prefecture-level cities, 州, 盟, 地区.
    City,
    /// 县区: counties, districts, banners.
    County,
}

impl Level {
    /// Every level, national first.
    pub const ALL: [Level; 4] = [Level::National, Level::Province, Level::City, Level::County];

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
        }
    }

    /// The level in the user's language, for display.
    pub fn label(self) -> String {
        self.label_in(&rust_i18n::locale())
    }

    /// [`Self::label`] in a given language.
    pub fn label_in(self, language: &str) -> String {
        let key = format!("level.{}", self.as_str());
        crate::t!(&key, locale = language).into_owned()
    }

    /// The Chinese label (国家, 省, 市, 县区), as exports write it whatever
    /// the user's language.
    pub fn label_zh(self) -> String {
        self.label_in("zh")
    }
}

/// A document's level and issuing body, as far as its header tells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Its level, if any evidence names one.
    pub level: Option<Level>,
    /// The issuing body (`江苏省人民政府办公厅`; several joined with `、`),
    /// else the place the title names (`潮州市`).
    pub issuer: Option<String>,
}

/// What a document's header offers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Header<'a> {
    /// The issuer lines (落款).
    pub issuers: &'a [String],
    /// The notice title.
    pub title: Option<&'a str>,
    /// The 文号.
    pub document_number: Option<&'a str>,
    /// The plans' titles.
    pub plan_titles: &'a [&'a str],
    /// The document's first paragraphs (a news lead).
    pub lead: &'a [&'a str],
    /// All its paragraphs (read for 我省, 本市 … when nothing else tells).
    pub paragraphs: &'a [&'a str],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionFile {
    province: Vec<Province>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Province {
    name: String,
    short: String,
    abbr: Vec<String>,
}

fn provinces() -> &'static [Province] {
    static TABLE: OnceLock<Vec<Province>> = OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str::<RegionFile>(EMBEDDED_REGIONS)
            .map(|f| f.province)
            .expect("data/regions.toml is valid (checked by its unit test)")
    })
}

/// Level markers that end a place name.
fn marker_level(chars: &[char], at: usize) -> Option<Level> {
    let before = |s: &str| {
        let s: Vec<char> = s.chars().collect();
        at >= s.len() && chars[at - s.len()..at] == s[..]
    };
    let next = chars.get(at + 1).copied();
    // `at` may be the end of the text (a header that is only a province's
    // short name, 江苏): no marker there. Found by fuzzing.
    match *chars.get(at)? {
        '省' => Some(Level::Province),
        '区' if before("自治") => Some(Level::Province),
        '区' if before("地") => Some(Level::City),
        // 区域, 市场: words, not places.
        '区' if next == Some('域') => None,
        '市' if next == Some('场') => None,
        '县' if next == Some('域') => None,
        '市' | '州' | '盟' => Some(Level::City),
        '县' | '区' | '旗' => Some(Level::County),
        _ => None,
    }
}

/// Longest a place name is before its marker, in characters.
const PLACE_MAX: usize = 10;

/// A place at the start of `chars`: its length and level. A place is a
/// name of at least two characters (one before 县) and its markers
/// (`潮州市`, `贵州省`), or a bare marker (`省政府`).
fn leading_place(chars: &[char]) -> Option<(usize, Level)> {
    if chars.is_empty() {
        return None;
    }
    if let Some(level) = marker_level(chars, 0) {
        return Some((1, level));
    }
    let m = (1..chars.len().min(PLACE_MAX + 1)).find(|&i| marker_level(chars, i).is_some())?;
    let mut end = m + 1;
    while end < chars.len() && marker_level(chars, end).is_some() {
        end += 1;
    }
    let last = end - 1;
    let level = marker_level(chars, last)?;
    // The name before the last marker word (自治区, 地区, 市 …).
    let name_len = match (chars[last], level) {
        ('区', Level::Province) => last.saturating_sub(2),
        ('区', Level::City) => last.saturating_sub(1),
        _ => last,
    };
    let enough = name_len >= 2 || (name_len == 1 && chars[last] == '县');
    enough.then_some((end, level))
}

/// The level of a place chain at the start of `chars` (江苏省南京市江宁区
/// → 县区) and its length.
fn place_chain(chars: &[char]) -> Option<(usize, Level)> {
    let (mut len, mut level) = province_prefix(chars).or_else(|| leading_place(chars))?;
    // A lower place right after (省 → 市 → 区), never a bare marker.
    while let Some((more, lower)) = leading_place(&chars[len..]) {
        if more < 2 || lower <= level {
            break;
        }
        len += more;
        level = lower;
    }
    Some((len, level))
}

/// A province's full or short name at the start of `chars`.
fn province_prefix(chars: &[char]) -> Option<(usize, Level)> {
    let text: String = chars.iter().collect();
    for p in provinces() {
        if text.starts_with(&p.name) {
            return Some((p.name.chars().count(), Level::Province));
        }
        // 吉林 is a province, 吉林市 a city of it.
        if text.starts_with(&p.short) {
            let len = p.short.chars().count();
            let suffix: String = p.name.chars().skip(len).collect();
            let own = text[p.short.len()..].starts_with(&suffix);
            let other_marker = marker_level(chars, len).is_some();
            if own || !other_marker {
                return Some((len, Level::Province));
            }
        }
    }
    None
}

/// The level a body's or title's name implies.
pub fn level_of_name(name: &str) -> Option<Level> {
    let chars: Vec<char> = name.trim().chars().collect();
    if chars.first() == Some(&'国')
        || name.starts_with("中共中央")
        || name.starts_with("中华人民共和国")
    {
        return Some(Level::National);
    }
    if let Some((_, level)) = place_chain(&chars) {
        return Some(level);
    }
    // A ministry or national bureau, with no place before it.
    let national = ["部", "总局", "总署"].iter().any(|w| name.contains(w));
    national.then_some(Level::National)
}

/// The place a title begins with (`潮州市`, `江西省`), if any.
pub fn place_of_title(title: &str) -> Option<String> {
    let chars: Vec<char> = title.trim().chars().collect();
    if chars.first() == Some(&'国') {
        return None;
    }
    let (len, _) = place_chain(&chars)?;
    // A bare marker (省…) names no place.
    (len >= 2).then(|| chars[..len].iter().collect())
}

/// The level a 文号 implies, from the prefix before its year.
pub fn level_of_document_number(number: &str) -> Option<Level> {
    let prefix: Vec<char> = number
        .trim()
        .chars()
        .take_while(|c| !matches!(c, '〔' | '[' | '［' | '(' | '（' | '【') && !c.is_ascii_digit())
        .collect();
    let first = *prefix.first()?;
    let rest = &prefix[1..];
    if rest.iter().any(|c| matches!(c, '县' | '区' | '旗')) {
        return Some(Level::County);
    }
    if rest.iter().any(|c| matches!(c, '市' | '州' | '盟')) {
        return Some(Level::City);
    }
    let abbreviation = provinces()
        .iter()
        .any(|p| p.abbr.iter().any(|a| a.starts_with(first)));
    if abbreviation {
        return Some(Level::Province);
    }
    let text: String = prefix.iter().collect();
    let national = first == '国'
        || text.starts_with("中发")
        || text.starts_with("中办")
        || text.starts_with("发改")
        || text.contains('部');
    national.then_some(Level::National)
}

/// Words of time a news lead puts around the body (`近日`, `日前`).
const LEAD_TIME_WORDS: [&str; 6] = ["近日", "日前", "今日", "近期", "最近", "日"];
/// Verbs a news lead issues a document with.
const LEAD_VERBS: [&str; 4] = ["印发", "转发", "发布", "出台"];
/// Punctuation a body or the words before a title do not cross.
const SENTENCE_BREAKS: [char; 12] = [
    '，', ',', '。', '；', ';', '：', ':', '！', '!', '？', '?', '\n',
];
/// Longest body a lead is read for, in characters.
const BODY_MAX: usize = 40;

/// The body and the cited title of a news lead's `X印发《Y》`.
fn lead_issue(paragraph: &str) -> Option<(String, String)> {
    for verb in LEAD_VERBS {
        let Some(at) = paragraph.find(verb) else {
            continue;
        };
        // The title may follow the verb directly or after the bodies whose
        // document is forwarded (转发国家发展改革委、住房城乡建设部《…》).
        let after = &paragraph[at + verb.len()..];
        let Some(open) = after.find('《') else {
            continue;
        };
        let between = &after[..open];
        if between.chars().count() > BODY_MAX || between.contains(SENTENCE_BREAKS) {
            continue;
        }
        let title: String = after[open + '《'.len_utf8()..]
            .chars()
            .take_while(|&c| c != '》')
            .collect();
        let before = &paragraph[..at];
        let start = before
            .rfind(|c: char| SENTENCE_BREAKS.contains(&c) || c.is_whitespace())
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let mut body = before[start..].trim();
        for word in LEAD_TIME_WORDS {
            body = body.trim_start_matches(word).trim_end_matches(word);
        }
        if body.is_empty() || body.chars().count() > BODY_MAX {
            continue;
        }
        return Some((body.to_string(), title));
    }
    None
}

/// The body a notice title names before 关于.
fn title_body(title: &str) -> Option<String> {
    let at = title.find("关于")?;
    let body = title[..at].trim();
    (!body.is_empty()).then(|| body.to_string())
}

/// A bare-marker body (`省政府`) completed with the place of the same level
/// (`江苏省` → `江苏省政府`).
fn with_place(body: String, place: Option<&str>) -> String {
    let Some(place) = place else { return body };
    let chars: Vec<char> = body.chars().collect();
    let bare = leading_place(&chars).is_some_and(|(len, _)| len == 1);
    if bare && level_of_name(&body) == level_of_name(place) {
        format!("{place}{}", chars[1..].iter().collect::<String>())
    } else {
        body
    }
}

/// How a text names its own place, by level.
const SELF_REFERENCES: [(&str, &str, Level); 3] = [
    ("我省", "本省", Level::Province),
    ("我市", "本市", Level::City),
    ("我县", "本县", Level::County),
];

/// The level a text names as its own most often (`我省`, `本市`), if one
/// is named more often than the others.
fn self_reference_level(paragraphs: &[&str]) -> Option<Level> {
    let mut counts = [0usize; SELF_REFERENCES.len()];
    for p in paragraphs {
        for (n, (mine, own, _)) in SELF_REFERENCES.iter().enumerate() {
            counts[n] += p.matches(mine).count() + p.matches(own).count();
        }
    }
    let best = *counts.iter().max()?;
    let mut at = counts.iter().enumerate().filter(|(_, &c)| c == best);
    match (best, at.next(), at.next()) {
        (1.., Some((n, _)), None) => Some(SELF_REFERENCES[n].2),
        _ => None,
    }
}

/// Reads a document's level and issuer from its header.
pub fn origin(header: &Header) -> Origin {
    let mut issuers: Vec<&str> = Vec::new();
    for i in header.issuers {
        let i = i.trim();
        if !i.is_empty() && !issuers.contains(&i) {
            issuers.push(i);
        }
    }
    let lead = header.lead.iter().find_map(|p| lead_issue(p));
    let mut titles = header
        .title
        .into_iter()
        .chain(header.plan_titles.iter().copied())
        .chain(lead.as_ref().map(|(_, t)| t.as_str()));
    let place = titles.find_map(place_of_title);
    let body = if issuers.is_empty() {
        header
            .title
            .and_then(title_body)
            .or_else(|| lead.as_ref().map(|(b, _)| b.clone()))
            .map(|b| with_place(b, place.as_deref()))
    } else {
        Some(issuers.join("、"))
    };
    let level = issuers
        .iter()
        .find_map(|i| level_of_name(i))
        .or_else(|| body.as_deref().and_then(level_of_name))
        .or_else(|| header.document_number.and_then(level_of_document_number))
        .or_else(|| place.as_deref().and_then(level_of_name))
        .or_else(|| self_reference_level(header.paragraphs));
    let issuer = match body {
        Some(b) if level_of_name(&b).is_some() || place.is_none() => Some(b),
        _ => place,
    };
    Origin { level, issuer }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses() {
        assert!(provinces().len() >= 34);
        assert!(provinces().iter().all(|p| !p.abbr.is_empty()));
    }

    #[test]
    fn names_by_grammar() {
        for (name, level) in [
            ("国务院", Level::National),
            ("国务院办公厅", Level::National),
            ("国家发展改革委", Level::National),
            ("工业和信息化部", Level::National),
            ("金融监管总局办公厅", Level::National),
            ("江苏省人民政府办公厅", Level::Province),
            ("江苏省发展改革委", Level::Province),
            ("广西壮族自治区人民政府", Level::Province),
            ("北京市人民政府", Level::Province),
            ("省政府", Level::Province),
            ("泸州市人民政府", Level::City),
            ("潮州市", Level::City),
            ("湘西土家族苗族自治州人民政府", Level::City),
            ("阿里地区行政公署", Level::City),
            ("吉林市人民政府", Level::City),
            ("吉林省人民政府", Level::Province),
            ("市生态环境局", Level::City),
            ("江苏省南京市江宁区人民政府", Level::County),
            ("南京市江宁区人民政府", Level::County),
            ("沛县人民政府", Level::County),
            ("北京经济技术开发区管委会", Level::County),
        ] {
            assert_eq!(level_of_name(name), Some(level), "{name}");
        }
        for name in ["市场监管部门", "城市管理委员会"] {
            assert_ne!(level_of_name(name), Some(Level::City), "{name}");
        }
        assert_eq!(level_of_name("某某有限公司"), None);
    }

    #[test]
    fn document_numbers_by_grammar() {
        for (number, level) in [
            ("国发〔2013〕37号", Some(Level::National)),
            ("国办发〔2024〕1号", Some(Level::National)),
            ("发改环资〔2024〕731号", Some(Level::National)),
            ("工信部联节〔2022〕88号", Some(Level::National)),
            ("苏发改资环发〔2024〕1057号", Some(Level::Province)),
            ("苏政办发〔2019〕23号", Some(Level::Province)),
            ("粤府〔2021〕22号", Some(Level::Province)),
            ("湘政发〔2019〕1号", Some(Level::Province)),
            ("内政发〔2020〕5号", Some(Level::Province)),
            ("泸市府发[2017]60号", Some(Level::City)),
            ("某县政发〔2020〕3号", Some(Level::County)),
            ("〔2020〕3号", None),
            ("", None),
        ] {
            assert_eq!(level_of_document_number(number), level, "{number}");
        }
    }

    #[test]
    fn titles_name_places() {
        assert_eq!(
            place_of_title("潮州市打赢蓝天保卫战实施方案（2019-2020年）").as_deref(),
            Some("潮州市")
        );
        assert_eq!(
            place_of_title("江西省“十四五”节能减排综合工作方案").as_deref(),
            Some("江西省")
        );
        assert_eq!(place_of_title("钢铁行业节能降碳专项行动计划"), None);
        assert_eq!(place_of_title("城市更新行动方案"), None);
        assert_eq!(place_of_title("省政府工作报告"), None);
    }

    #[test]
    fn headers() {
        let issuers = [
            "江苏省发展改革委".to_string(),
            "江苏省工业和信息化厅".to_string(),
        ];
        let o = origin(&Header {
            issuers: &issuers,
            document_number: Some("苏发改资环发〔2024〕1057号"),
            ..Header::default()
        });
        assert_eq!(o.level, Some(Level::Province));
        assert_eq!(
            o.issuer.as_deref(),
            Some("江苏省发展改革委、江苏省工业和信息化厅")
        );

        let o = origin(&Header {
            title: Some("国务院关于印发大气污染防治行动计划的通知"),
            document_number: Some("国发〔2013〕37号"),
            ..Header::default()
        });
        assert_eq!(
            (o.level, o.issuer.as_deref()),
            (Some(Level::National), Some("国务院"))
        );

        let lead = ["新华社北京3月15日电 记者15日从国家发展改革委了解到，国务院办公厅近日转发国家发展改革委、住房城乡建设部《加快推动建筑领域节能降碳工作方案》。"];
        let o = origin(&Header {
            lead: &lead,
            ..Header::default()
        });
        assert_eq!(o.level, Some(Level::National), "{o:?}");

        let lead = ["近日，省政府印发《江苏省“十三五”节能减排综合实施方案》。"];
        let o = origin(&Header {
            lead: &lead,
            ..Header::default()
        });
        assert_eq!(
            (o.level, o.issuer.as_deref()),
            (Some(Level::Province), Some("江苏省政府"))
        );

        let lead = ["日前，潮州印发《潮州市打赢蓝天保卫战实施方案（2019-2020年）》。全文如下："];
        let o = origin(&Header {
            lead: &lead,
            ..Header::default()
        });
        assert_eq!(
            (o.level, o.issuer.as_deref()),
            (Some(Level::City), Some("潮州市"))
        );

        // Only a 文号: the level, no body.
        let o = origin(&Header {
            document_number: Some("泸市府发[2017]60号"),
            ..Header::default()
        });
        assert_eq!((o.level, o.issuer), (Some(Level::City), None));
        assert_eq!(origin(&Header::default()), Origin::default());

        // The weakest evidence: how the text names its own place.
        let text = [
            "结合我县实际，制定本方案。",
            "全市、全省同步推进，本县率先。",
        ];
        let o = origin(&Header {
            paragraphs: &text,
            ..Header::default()
        });
        assert_eq!(o.level, Some(Level::County));
        let tie = ["我市与我省"];
        let o = origin(&Header {
            paragraphs: &tie,
            ..Header::default()
        });
        assert_eq!(o.level, None);
    }
}
