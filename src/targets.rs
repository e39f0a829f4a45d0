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
//! 4. A `到…年` deadline that governs no number becomes a
//!    [`Relation::Milestone`] row.
//!
//! # Choices worth knowing
//!
//! * `年均增长8%` is [`Relation::IncreaseBy`] with no baseline year and the
//!   qualifier `年均`.
//! * `降低2%` without a baseline year is still [`Relation::ReduceBy`];
//!   `降至…`/`控制在…` are [`Relation::Cap`]; `提升至…`/`达到…`/`超过…`/
//!   `不低于…` are [`Relation::Reach`].
//! * Savings such as `节能量约2000万吨标准煤` or `减排二氧化碳约5300万吨`
//!   (an amount with no verb) are [`Relation::Reach`].
//! * A number followed directly by a noun phrase and a comparative qualifier
//!   (`200kA以下预焙阳极铝电解槽`) is a [`Relation::Threshold`]; the noun
//!   phrase is the metric.
//! * A leading `…行业` subject is dropped from the metric (the plan already
//!   names the industry); `全国`/`全省`/`…区域`/`…地区` prefixes go to
//!   `scope`.

use serde::{Deserialize, Serialize};

/// How a target's number relates to its metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// A decrease relative to a baseline (`比2023年降低2%`, `下降13.5%`).
    ReduceBy,
    /// An increase relative to a baseline (`提高3个百分点`, `年均增长8%`).
    IncreaseBy,
    /// A level to attain (`达到30%`, `提升至15%`, `超过30%`, `不低于50%`).
    Reach,
    /// A ceiling (`控制在10亿吨以内`, `降至1.3以下`, `不高于…`).
    Cap,
    /// An equipment or scale boundary that defines what is phased out or
    /// upgraded (`200kA以下预焙阳极铝电解槽`).
    Threshold,
    /// A deadline goal with no number (`到2030年底，…取得显著成效`).
    Milestone,
}

impl Relation {
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
}

/// One target found in a clause's text (plan/clause fields are filled by the caller).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// Plan short name, e.g. `钢铁` (copied from the caller's argument).
    pub plan: String,
    /// Clause address, e.g. `钢铁:一` (copied from the caller's argument).
    pub clause: String,
    /// What is measured, as worded: `吨钢综合能耗`, `电炉钢产量占粗钢总产量比例`.
    /// For thresholds, the equipment or facility the boundary applies to; for
    /// milestones, the goal text.
    pub metric: String,
    /// The number as written (`万`/`亿` stay in the unit); `None` for milestones.
    pub value: Option<f64>,
    /// Unit as written: `%`, `个百分点`, `万吨标准煤`, `亿吨`, `家`, `kA`,
    /// `万吨/年` …; `None` for a bare number.
    pub unit: Option<String>,
    /// How the value relates to the metric.
    pub relation: Relation,
    /// Qualifiers as written, in text order: `力争`, `约`, `超过`, `以上`,
    /// `及以下`, `左右`, `以内`, `年均` …
    pub qualifiers: Vec<String>,
    /// Baseline year of a change (`比2023年` → 2023).
    pub baseline_year: Option<u16>,
    /// Deadline as written without `到`: `2025年底`, `2025年`, `2024—2025年`.
    pub deadline: Option<String>,
    /// Geographic or regional scope preceding the metric (`全国`,
    /// `大气污染防治重点区域`), if any.
    pub scope: Option<String>,
    /// The source phrase; always equals the input's characters in `span`.
    pub quote: String,
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
    let view = View::new(text);
    let mut out = Vec::new();
    for (s, e) in view.sentences() {
        let mut sp = SentenceParser::new(&view, s, e, plan, clause);
        sp.run();
        out.extend(sp.rows);
    }
    out
}

// ---------------------------------------------------------------------------
// Grammar tables (closed lists of grammar words; no document content).
// ---------------------------------------------------------------------------

use Relation::{Cap, IncreaseBy, Reach, ReduceBy};

/// Qualifiers written right before the number; some imply a relation.
const PREFIX_QUALS: &[(&str, Option<Relation>)] = &[
    ("不得低于", Some(Reach)),
    ("不得少于", Some(Reach)),
    ("不得高于", Some(Cap)),
    ("不得超过", Some(Cap)),
    ("不低于", Some(Reach)),
    ("不少于", Some(Reach)),
    ("不小于", Some(Reach)),
    ("至少", Some(Reach)),
    ("超过", Some(Reach)),
    ("高于", Some(Reach)),
    ("大于", Some(Reach)),
    ("多于", Some(Reach)),
    ("逾", Some(Reach)),
    ("不高于", Some(Cap)),
    ("不超过", Some(Cap)),
    ("不大于", Some(Cap)),
    ("不多于", Some(Cap)),
    ("低于", Some(Cap)),
    ("小于", Some(Cap)),
    ("少于", Some(Cap)),
    ("最多", Some(Cap)),
    ("不足", Some(Cap)),
    ("约", None),
    ("大约", None),
    ("近", None),
    ("将近", None),
    ("接近", None),
];

/// Relation verbs written right before the number (after prefix qualifiers).
const VERBS: &[(&str, Relation)] = &[
    ("降低至", Cap),
    ("降低到", Cap),
    ("下降至", Cap),
    ("下降到", Cap),
    ("减少至", Cap),
    ("减少到", Cap),
    ("压减至", Cap),
    ("压减到", Cap),
    ("削减至", Cap),
    ("削减到", Cap),
    ("压缩至", Cap),
    ("压缩到", Cap),
    ("降至", Cap),
    ("降到", Cap),
    ("减至", Cap),
    ("减到", Cap),
    ("控制在", Cap),
    ("控制到", Cap),
    ("控制于", Cap),
    ("限制在", Cap),
    ("限定在", Cap),
    ("降低", ReduceBy),
    ("下降", ReduceBy),
    ("减少", ReduceBy),
    ("压减", ReduceBy),
    ("削减", ReduceBy),
    ("减低", ReduceBy),
    ("缩减", ReduceBy),
    ("压降", ReduceBy),
    ("降", ReduceBy),
    ("减", ReduceBy),
    ("提高至", Reach),
    ("提高到", Reach),
    ("提升至", Reach),
    ("提升到", Reach),
    ("增至", Reach),
    ("增长至", Reach),
    ("增长到", Reach),
    ("增加至", Reach),
    ("增加到", Reach),
    ("上升至", Reach),
    ("上升到", Reach),
    ("扩大至", Reach),
    ("扩大到", Reach),
    ("达到", Reach),
    ("达", Reach),
    ("突破", Reach),
    ("保持在", Reach),
    ("稳定在", Reach),
    ("维持在", Reach),
    ("实现", Reach),
    ("为", Reach),
    ("占", Reach),
    ("提高", IncreaseBy),
    ("提升", IncreaseBy),
    ("增长", IncreaseBy),
    ("增加", IncreaseBy),
    ("上升", IncreaseBy),
    ("扩大", IncreaseBy),
    ("新增", IncreaseBy),
    ("增", IncreaseBy),
];

/// Adverbs between metric/baseline and verb; `true` = keep as a qualifier.
const ADVERBS: &[(&str, bool)] = &[
    ("力争", true),
    ("争取", true),
    ("年均", true),
    ("年平均", true),
    ("平均", true),
    ("累计", true),
    ("约", true),
    ("分别", false),
    ("确保", false),
    ("均", false),
    ("要", false),
    ("将", false),
    ("再", false),
    ("进一步", false),
    ("需", false),
    ("须", false),
    ("应", false),
    ("基本", false),
    ("共", false),
    ("总共", false),
    ("可", false),
];

/// Words that open a metric phrase but are not part of it; `true` = keep as
/// a qualifier.
const LEADING_CONNECTIVES: &[(&str, bool)] = &[
    ("以及", false),
    ("并且", false),
    ("其中", false),
    ("同时", false),
    ("此外", false),
    ("另外", false),
    ("推动", false),
    ("推进", false),
    ("完成", false),
    ("建设", false),
    ("建成", false),
    ("培育", false),
    ("创建", false),
    ("打造", false),
    ("确保", false),
    ("力争", true),
    ("争取", true),
    ("使", false),
    ("并", false),
    ("且", false),
    ("和", false),
    ("及", false),
    ("与", false),
    ("要", false),
    ("将", false),
    ("、", false),
];

/// Baselines without a year; kept as qualifiers as written.
const RELATIVE_BASELINES: &[(&str, ())] = &[
    ("同比", ()),
    ("比上年", ()),
    ("较上年", ()),
    ("比去年", ()),
    ("较去年", ()),
    ("比上年度", ()),
    ("较上年度", ()),
];

/// Qualifiers written after the number and unit.
const SUFFIX_QUALS: &[&str] = &[
    "及以上",
    "及以下",
    "以上",
    "以下",
    "左右",
    "以内",
    "之内",
    "上下",
];

/// Suffix qualifiers that make a following noun phrase a threshold.
const COMPARATIVE: &[&str] = &["及以上", "及以下", "以上", "以下"];

/// Magnitude morphemes that stay in the unit (`万吨`, `亿千瓦时`).
const MAGNITUDES: &[&str] = &["万亿", "千万", "百万", "十万", "亿", "万", "千", "百"];

/// Unit morphemes written in CJK or as symbols.
const CJK_UNITS: &[&str] = &[
    "%",
    "％",
    "‰",
    "℃",
    "个百分点",
    "百分点",
    "吨标准煤",
    "吨标煤",
    "吨二氧化碳当量",
    "吨二氧化碳",
    "吨公里",
    "千克标准煤",
    "千克标煤",
    "克标准煤",
    "克标煤",
    "蒸吨",
    "标准煤",
    "标准立方米",
    "千瓦时",
    "兆瓦时",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "瓦",
    "立方米",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "毫米",
    "厘米",
    "米",
    "兆帕",
    "千帕",
    "帕",
    "千伏安",
    "千伏",
    "伏",
    "千安",
    "安培",
    "吨",
    "千克",
    "公斤",
    "毫克",
    "微克",
    "克",
    "毫升",
    "升",
    "元",
    "家",
    "台",
    "套",
    "个",
    "座",
    "辆",
    "艘",
    "架",
    "项",
    "条",
    "处",
    "所",
    "户",
    "人次",
    "人",
    "倍",
    "种",
    "批",
    "件",
    "只",
    "头",
    "亩",
    "公顷",
    "小时",
    "分钟",
    "天",
    "摄氏度",
    "度",
    "次",
    "张",
    "部",
    "篇",
    "名",
    "位",
    "片",
    "栋",
    "幢",
    "根",
    "块",
    "标箱",
    "类",
    "支",
    "组",
];

/// Unit symbols written in Latin letters (matched case-insensitively).
const ASCII_UNITS: &[&str] = &[
    "kA", "kV", "kVA", "MVA", "MW", "GW", "kW", "TW", "kWh", "MWh", "GWh", "TWh", "MPa", "kPa",
    "Pa", "t", "kg", "mg", "km", "m", "cm", "mm", "m2", "m3", "m²", "m³", "Nm3", "Nm³", "ppm",
    "dB", "μg", "ug", "Hz", "kgce", "tce", "gce", "kJ", "MJ", "GJ", "kcal",
];

/// What may follow `/` in a compound unit besides another unit.
const PER_WORDS: &[&str] = &[
    "万元", "年", "月", "日", "天", "小时", "时", "人", "户", "吨", "台", "h", "a", "d",
];

/// A number directly followed by one of these is not a target
/// (dates, durations, versions, grades, periods).
const NON_TARGET_FOLLOWERS: &[char] = &['年', '月', '日', '号', '时', '版', '级', '期', '届', '+'];

/// Duration words: a number followed by one of these is not a target.
const DURATIONS: &[&str] = &["个月", "个工作日", "周", "年内", "年间"];

/// Trailing action words cut from a threshold's noun phrase.
const TRAILING_ACTIONS: &[&str] = &[
    "更新改造",
    "技术改造",
    "改造升级",
    "升级改造",
    "节能改造",
    "更新升级",
    "淘汰退出",
    "技术应用",
    "改造",
    "更新",
    "升级",
    "淘汰",
    "退出",
    "关停",
    "建设",
    "应用",
];

/// Function words that cannot open the noun phrase after a number.
const NOUN_STOPPERS: &[char] = &[
    '和', '与', '及', '或', '等', '以', '为', '是', '并', '且', '将', '要', '在', '到', '至', '左',
    '之', '时', '后', '前', '内', '中', '占', '比', '较', '的',
];

/// Morphemes at which the shared head of a distributive list starts
/// (`高炉、转炉工序单位产品能耗` → head `工序单位产品能耗`).
const HEAD_MORPHEMES: &[&str] = &[
    "工序",
    "单位",
    "综合",
    "平均",
    "产品",
    "能耗",
    "能源",
    "产量",
    "比例",
    "占比",
    "比重",
    "排放",
    "利用率",
    "强度",
    "效率",
    "消费",
    "消耗",
    "水耗",
    "电耗",
    "煤耗",
    "能效",
    "用水",
    "用能",
    "总量",
    "产能",
    "装机",
    "规模",
    "数量",
];

/// Whole-territory scope words.
const SCOPE_WHOLE: &[&str] = &["全国", "全省", "全市", "全区", "全县", "全球", "全域"];

/// Endings of a regional scope phrase.
const SCOPE_REGION_ENDS: &[&str] = &["区域", "地区", "流域"];

const DASHES: &[char] = &[
    '—', '–', '-', '－', '―', '~', '～', '‐', '‑', '‒', '−', '⁓', '至', '到',
];
const CLAUSE_BREAKS: &[char] = &['，', '；', '：', ',', ';', ':', '\n'];
const SENTENCE_BREAKS: &[char] = &['。', '！', '？', '!', '?', '\n'];
const OPENERS: &[char] = &['（', '(', '“', '《', '〔', '【', '「', '『', '[', '〈', '‘'];
const CLOSERS: &[char] = &['）', ')', '”', '》', '〕', '】', '」', '』', ']', '〉', '’'];
/// A line ending in one of these ends a sentence; otherwise a line break
/// inside a long line is taken as a wrap and joined.
const LINE_END_BREAKS: &[char] = &[
    '。', '！', '？', '；', '：', '!', '?', ';', ':', '）', ')', '”', '」',
];
/// How many earlier rows of a sentence are searched for a baseline or an
/// elliptic metric's full form.
const LOOK_BACK: usize = 8;
/// Lines this short (headings) always end at their line break.
const SHORT_LINE: usize = 20;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

fn normalize_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        _ => c,
    }
}

// ---------------------------------------------------------------------------
// View: whitespace-free, digit-normalized characters mapped back to the input.
// ---------------------------------------------------------------------------

struct View {
    src: Vec<char>,
    v: Vec<char>,
    /// `map[k]` = index in `src` of `v[k]`.
    map: Vec<usize>,
}

impl View {
    fn new(text: &str) -> View {
        let src: Vec<char> = text.chars().collect();
        // Next non-whitespace character after each position.
        let mut next_non_ws = vec![None; src.len() + 1];
        for k in (0..src.len()).rev() {
            next_non_ws[k] = if src[k].is_whitespace() {
                next_non_ws[k + 1]
            } else {
                Some(src[k])
            };
        }
        let mut v: Vec<char> = Vec::with_capacity(src.len());
        let mut map = Vec::with_capacity(src.len());
        let mut line_start = 0usize;
        for (idx, &c) in src.iter().enumerate() {
            if c == '\n' || c == '\r' {
                let line = &v[line_start..];
                let ends_sentence = match line.last() {
                    None => false,
                    Some(&'\n') => false,
                    Some(last) => line.len() <= SHORT_LINE || LINE_END_BREAKS.contains(last),
                };
                if ends_sentence {
                    v.push('\n');
                    map.push(idx);
                }
                line_start = v.len();
                continue;
            }
            if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
                let prev_alnum = v.last().is_some_and(|p| p.is_ascii_alphanumeric());
                let next_alnum = next_non_ws[idx + 1].is_some_and(|n| n.is_ascii_alphanumeric());
                if prev_alnum && next_alnum {
                    v.push(' ');
                    map.push(idx);
                }
                continue;
            }
            v.push(normalize_char(c));
            map.push(idx);
        }
        View { src, v, map }
    }

    fn at(&self, i: usize) -> char {
        self.v.get(i).copied().unwrap_or('\0')
    }

    fn text(&self, a: usize, b: usize) -> String {
        if a >= b || b > self.v.len() {
            return String::new();
        }
        self.v[a..b].iter().collect()
    }

    /// Input-character span of view range `[a, b)`.
    fn span(&self, a: usize, b: usize) -> [usize; 2] {
        if a >= b || b > self.v.len() {
            let p = self.map.get(a).copied().unwrap_or(self.src.len());
            return [p, p];
        }
        [self.map[a], self.map[b - 1] + 1]
    }

    fn quote(&self, span: [usize; 2]) -> String {
        self.src[span[0]..span[1]].iter().collect()
    }

    /// Does `pat` occur at `i`, ending no later than `lim`?
    fn starts(&self, i: usize, lim: usize, pat: &str) -> bool {
        (i..)
            .zip(pat.chars())
            .all(|(k, pc)| k < lim && k < self.v.len() && self.v[k] == pc)
    }

    /// Does `v[lo..end]` end with `pat`?
    fn ends(&self, lo: usize, end: usize, pat: &str) -> bool {
        let n = pat.chars().count();
        end >= lo + n && self.starts(end - n, end, pat)
    }

    /// Longest entry of `list` that starts at `i` (within `lim`).
    fn prefix_match<'a, T: Copy>(
        &self,
        i: usize,
        lim: usize,
        list: &'a [(&'a str, T)],
    ) -> Option<(&'a str, T, usize)> {
        list.iter()
            .filter(|(p, _)| self.starts(i, lim, p))
            .map(|&(p, t)| (p, t, p.chars().count()))
            .max_by_key(|m| m.2)
    }

    /// Longest entry of `list` that ends at `end` (not before `lo`).
    fn suffix_match<'a, T: Copy>(
        &self,
        lo: usize,
        end: usize,
        list: &'a [(&'a str, T)],
    ) -> Option<(&'a str, T, usize)> {
        list.iter()
            .filter(|(p, _)| self.ends(lo, end, p))
            .map(|&(p, t)| (p, t, p.chars().count()))
            .max_by_key(|m| m.2)
    }

    fn prefix_word(&self, i: usize, lim: usize, list: &[&'static str]) -> Option<&'static str> {
        list.iter()
            .copied()
            .filter(|p| self.starts(i, lim, p))
            .max_by_key(|p| p.chars().count())
    }

    fn sentences(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut s = 0;
        for (k, c) in self.v.iter().enumerate() {
            if SENTENCE_BREAKS.contains(c) {
                if k > s {
                    out.push((s, k));
                }
                s = k + 1;
            }
        }
        if self.v.len() > s {
            out.push((s, self.v.len()));
        }
        out
    }

    fn digits_end(&self, i: usize, lim: usize) -> usize {
        let mut j = i;
        while j < lim && self.v[j].is_ascii_digit() {
            j += 1;
        }
        j
    }

    /// A 4-digit calendar year at `i`, if any.
    fn year_at(&self, i: usize, lim: usize) -> Option<u16> {
        let j = self.digits_end(i, lim);
        if j != i + 4 || (i > 0 && self.v[i - 1].is_ascii_digit()) {
            return None;
        }
        let y: u16 = self.text(i, j).parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    }
}

// ---------------------------------------------------------------------------
// Sentence lexing.
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum TokKind {
    /// A deadline or period; `led` = introduced by 到/至/截至.
    Deadline { text: String, led: bool },
    /// A baseline year; `standalone` = the phrase is a clause of its own
    /// (`与2020年相比，`) and applies to the rest of the sentence.
    Baseline { year: u16, standalone: bool },
    /// A candidate number.
    Num { value: f64 },
    /// Text that only has to be skipped (versions, dates).
    Skip,
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
}

/// Unit, qualifiers and end position of a number expression.
#[derive(Debug, Clone, Default)]
struct ValueExpr {
    value: f64,
    unit: Option<String>,
    /// (position, text) qualifiers found after the number.
    suffix_quals: Vec<(usize, String)>,
    end: usize,
}

impl ValueExpr {
    fn has_suffix(&self, list: &[&str]) -> bool {
        self.suffix_quals
            .iter()
            .any(|(_, q)| list.contains(&q.as_str()))
    }
}

/// Result of reading backwards from a number.
#[derive(Debug, Default)]
struct LeftParse {
    /// Start of the verb/qualifier/baseline run (metric ends here).
    metric_end: usize,
    verb: Option<Relation>,
    qual_relation: Option<Relation>,
    quals: Vec<(usize, String)>,
    baseline: Option<u16>,
    distributive: bool,
}

struct Deadline {
    start: usize,
    end: usize,
    text: String,
    /// `力争` written before the deadline (`力争到2025年…`) qualifies every
    /// row the deadline governs.
    lead_qual: Option<(usize, String)>,
    milestone_ok: bool,
    rows_before: usize,
}

struct SentenceParser<'a> {
    view: &'a View,
    s: usize,
    e: usize,
    plan: &'a str,
    clause: &'a str,
    toks: Vec<Tok>,
    rows: Vec<Target>,
    /// Metrics of this sentence's rows (for elliptic metrics like `…区域比例`).
    deadline: Option<Deadline>,
    sentence_baseline: Option<u16>,
    /// Left boundary for metrics: end of the last deadline or target.
    boundary: usize,
    /// Tokens starting before this position were consumed by a group/range.
    consumed: usize,
    /// A starting value (`由23%`) waiting for its target value.
    pending_from: Option<FromValue>,
    /// `clause_starts[p - s]` = start of the clause containing `p`.
    clause_starts: Vec<usize>,
}

/// `由2020年的23%` before `提高到24.1%`.
struct FromValue {
    clause_start: usize,
    metric_a: usize,
    metric_b: usize,
    baseline: Option<u16>,
    /// Position and text of the starting phrase, kept as a qualifier.
    text: (usize, String),
}

impl<'a> SentenceParser<'a> {
    fn new(view: &'a View, s: usize, e: usize, plan: &'a str, clause: &'a str) -> Self {
        let mut sp = SentenceParser {
            view,
            s,
            e,
            plan,
            clause,
            toks: Vec::new(),
            rows: Vec::new(),
            deadline: None,
            sentence_baseline: None,
            boundary: s,
            consumed: s,
            pending_from: None,
            clause_starts: Vec::with_capacity(e - s + 1),
        };
        let mut cs = s;
        for p in s..=e {
            if p > s && CLAUSE_BREAKS.contains(&view.v[p - 1]) {
                cs = p;
            }
            sp.clause_starts.push(cs);
        }
        sp.lex();
        sp
    }

    fn at(&self, i: usize) -> char {
        if i < self.e {
            self.view.at(i)
        } else {
            '\0'
        }
    }

    fn lex(&mut self) {
        let v = self.view;
        let (s, e) = (self.s, self.e);
        let mut depth = 0usize;
        let mut i = s;
        while i < e {
            let c = v.v[i];
            // `“十四五”期间，` opening a clause is a period deadline.
            if depth == 0 && c == '“' && self.clause_start(i) == i {
                if let Some(end) = self.quoted_period_end(i + 1) {
                    let text = v.text(i, end);
                    self.toks.push(Tok {
                        start: i,
                        end,
                        kind: TokKind::Deadline { text, led: false },
                    });
                    i = end;
                    continue;
                }
            }
            if OPENERS.contains(&c) {
                depth += 1;
                i += 1;
                continue;
            }
            if CLOSERS.contains(&c) {
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            if depth == 0 && (c == '到' || c == '至') && self.at(i + 1) == '“' {
                if let Some(end) = self.quoted_period_end(i + 2) {
                    let text = v.text(i + 1, end);
                    self.toks.push(Tok {
                        start: i,
                        end,
                        kind: TokKind::Deadline { text, led: true },
                    });
                    i = end;
                    continue;
                }
            }
            if !c.is_ascii_digit() {
                i += 1;
                continue;
            }
            // Digits glued to Latin letters or a dot are identifiers (PM2.5, C919).
            if i > s && (v.v[i - 1].is_ascii_alphabetic() || v.v[i - 1] == '.') {
                while i < e && (v.v[i].is_ascii_alphanumeric() || v.v[i] == '.') {
                    i += 1;
                }
                continue;
            }
            if depth == 0 {
                if let Some(tok) = self.lex_year(i) {
                    i = tok.end.max(i + 1);
                    self.toks.push(tok);
                    continue;
                }
            }
            let j = self.number_end(i);
            if depth == 0 {
                let digits: String = v.v[i..j].iter().filter(|c| **c != ',').collect();
                if let Ok(value) = digits.parse::<f64>() {
                    if value.is_finite() {
                        self.toks.push(Tok {
                            start: i,
                            end: j,
                            kind: TokKind::Num { value },
                        });
                    }
                }
            } else if self.view.year_at(i, e).is_some() && self.at(i + 4) == '年' {
                // Skip `年` too so a bracketed year never reads as a number.
                i = j + 1;
                continue;
            }
            i = j.max(i + 1);
        }
    }

    /// End of `“…”末` (after 到) for period names like `到“十四五”末`.
    fn quoted_period_end(&self, from: usize) -> Option<usize> {
        let lim = (from + 12).min(self.e);
        let close = (from..lim).find(|&k| self.view.v[k] == '”')?;
        if close == from {
            return None;
        }
        let ends = ["期末", "末期", "期间", "时期", "末"];
        let w = self.view.prefix_word(close + 1, self.e, &ends)?;
        Some(close + 1 + w.chars().count())
    }

    /// End of the number starting at `i` (digits, thousands commas, decimals).
    fn number_end(&self, i: usize) -> usize {
        let v = self.view;
        let e = self.e;
        let mut j = v.digits_end(i, e);
        while self.at(j) == ','
            && v.digits_end(j + 1, e) == j + 4
            && !self.at(j + 4).is_ascii_digit()
        {
            j += 4;
        }
        if self.at(j) == '.' && self.at(j + 1).is_ascii_digit() {
            j = v.digits_end(j + 1, e);
        }
        j
    }

    /// End of a year suffix such as 底, 末, 前, 底前, 年度 after `年` at `j`.
    fn year_suffix_end(&self, j: usize) -> usize {
        let sfx = ["底前", "末前", "以前", "底", "末", "前", "度"];
        match self.view.prefix_word(j, self.e, &sfx) {
            Some(w) => j + w.chars().count(),
            None => j,
        }
    }

    /// A year, period, deadline or baseline expression starting at digit `i`.
    fn lex_year(&self, i: usize) -> Option<Tok> {
        let v = self.view;
        let (s, e) = (self.s, self.e);
        let y = v.year_at(i, e)?;
        // Period: 2024—2025年 or 2024年—2025年.
        let after_first = if self.at(i + 4) == '年' {
            i + 5
        } else {
            i + 4
        };
        let mut end;
        if DASHES.contains(&self.at(after_first))
            && v.year_at(after_first + 1, e).is_some()
            && self.at(after_first + 5) == '年'
        {
            end = self.year_suffix_end(after_first + 6);
        } else if self.at(i + 4) == '年' {
            end = self.year_suffix_end(i + 5);
        } else {
            return None;
        }
        // Versions and dates are not time targets: 2024年版, 2024年8月.
        if self.at(end) == '版' {
            return Some(self.other(i, end + 1));
        }
        if self.at(end).is_ascii_digit() {
            let j = v.digits_end(end, e);
            if matches!(self.at(j), '月' | '日') {
                return Some(self.other(i, j + 1));
            }
        }
        let text = v.text(i, end);
        let lo = s;
        let to_words: &[(&str, ())] = &[
            ("截至", ()),
            ("截止到", ()),
            ("截止", ()),
            ("直至", ()),
            ("到", ()),
            ("至", ()),
        ];
        if let Some((_, _, n)) = v.suffix_match(lo, i, to_words) {
            return Some(Tok {
                start: i - n,
                end,
                kind: TokKind::Deadline { text, led: true },
            });
        }
        let base_words: &[(&str, ())] = &[
            ("比", ()),
            ("较", ()),
            ("相比", ()),
            ("相较", ()),
            ("相对于", ()),
            ("对比", ()),
        ];
        let mut start = i;
        let mut is_base = false;
        if let Some((_, _, n)) = v.suffix_match(lo, i, base_words) {
            start = i - n;
            is_base = true;
        } else if i > lo && matches!(v.v[i - 1], '由' | '从') && self.at(end) == '的' {
            // `由2020年的23%`: the year of a starting value.
            end += 1;
            is_base = true;
        } else if i > lo && matches!(v.v[i - 1], '与' | '同' | '在' | '以') {
            let tails = [
                "相比",
                "相较",
                "比较",
                "基础上",
                "为基期",
                "为基准",
                "为基数",
            ];
            if let Some(w) = v.prefix_word(end, e, &tails) {
                start = i - 1;
                end += w.chars().count();
                is_base = true;
            }
        }
        if is_base {
            // `比2020年` after which `相比` may still follow (`较2020年相比`).
            if let Some(w) = v.prefix_word(end, e, &["相比", "而言"]) {
                end += w.chars().count();
            }
            let standalone = end >= e || CLAUSE_BREAKS.contains(&self.at(end));
            return Some(Tok {
                start,
                end,
                kind: TokKind::Baseline {
                    year: y,
                    standalone,
                },
            });
        }
        Some(Tok {
            start: i,
            end,
            kind: TokKind::Deadline { text, led: false },
        })
    }

    /// A token that only consumes text.
    fn other(&self, start: usize, end: usize) -> Tok {
        Tok {
            start,
            end,
            kind: TokKind::Skip,
        }
    }

    /// Start of the clause containing `p` (after the last ，；： or line break).
    fn clause_start(&self, p: usize) -> usize {
        let p = p.clamp(self.s, self.e);
        self.clause_starts[p - self.s]
    }

    fn run(&mut self) {
        let toks = self.toks.clone();
        for (ti, tok) in toks.iter().enumerate() {
            if tok.start < self.consumed {
                continue;
            }
            match &tok.kind {
                TokKind::Deadline { text, led } => {
                    self.flush_milestone(tok.start);
                    let cs = self.clause_start(tok.start);
                    let lead = self.view.text(cs, tok.start);
                    let aspirational = lead == "力争" || lead == "争取";
                    let clause_initial = lead.is_empty() || aspirational;
                    self.deadline = Some(Deadline {
                        start: if aspirational { cs } else { tok.start },
                        end: tok.end,
                        text: text.clone(),
                        lead_qual: aspirational.then(|| (cs, lead.clone())),
                        milestone_ok: *led && clause_initial,
                        rows_before: self.rows.len(),
                    });
                    self.boundary = tok.end;
                }
                TokKind::Skip => {}
                TokKind::Baseline { year, standalone } => {
                    if *standalone {
                        self.sentence_baseline = Some(*year);
                        self.boundary = tok.end;
                    }
                }
                TokKind::Num { .. } => self.number(&toks, ti),
            }
        }
        self.flush_milestone(self.e);
    }

    /// Emits a milestone row if the current `到…` deadline governed no number.
    fn flush_milestone(&mut self, scope_end: usize) {
        let Some(dl) = self.deadline.take() else {
            return;
        };
        if !dl.milestone_ok || self.rows.len() > dl.rows_before {
            return;
        }
        let mut a = dl.end;
        while a < scope_end && CLAUSE_BREAKS.contains(&self.view.v[a]) {
            a += 1;
        }
        let mut b = scope_end;
        while b > a && !is_cjk(self.view.v[b - 1]) && !self.view.v[b - 1].is_ascii_alphanumeric() {
            b -= 1;
        }
        if !(a..b).any(|k| is_cjk(self.view.v[k])) {
            return;
        }
        let span = self.view.span(dl.start, b);
        self.rows.push(Target {
            plan: self.plan.to_string(),
            clause: self.clause.to_string(),
            metric: self.view.text(a, b),
            value: None,
            unit: None,
            relation: Relation::Milestone,
            qualifiers: dl.lead_qual.into_iter().map(|q| q.1).collect(),
            baseline_year: None,
            deadline: Some(dl.text),
            scope: None,
            quote: self.view.quote(span),
            span,
        });
    }

    // -- number expressions --------------------------------------------------

    /// Unit starting at `q`, with its end.
    fn unit_at(&self, q: usize) -> Option<(String, usize)> {
        let v = self.view;
        let e = self.e;
        let base = |k: usize| -> Option<usize> {
            if let Some(w) = v.prefix_word(k, e, CJK_UNITS) {
                return Some(k + w.chars().count());
            }
            if self.at(k).is_ascii_alphabetic() || self.at(k) == 'μ' {
                let mut j = k;
                while j < e && (v.v[j].is_ascii_alphanumeric() || matches!(v.v[j], '²' | '³' | 'μ'))
                {
                    j += 1;
                }
                let word = v.text(k, j);
                if ASCII_UNITS.iter().any(|u| u.eq_ignore_ascii_case(&word)) {
                    return Some(j);
                }
            }
            None
        };
        let mut end = match base(q) {
            Some(j) => j,
            None => {
                let m = v.prefix_word(q, e, MAGNITUDES)?;
                let j = q + m.chars().count();
                base(j).unwrap_or(j)
            }
        };
        // `吨` + `标准煤` written apart from magnitudes: 万吨标准煤 is covered by
        // the base list; compound per-units: 万吨/年, 吨标准煤/吨.
        if self.at(end) == '/' {
            let k = end + 1;
            if let Some(j) = base(k).or_else(|| {
                v.prefix_word(k, e, MAGNITUDES)
                    .map(|m| k + m.chars().count())
                    .and_then(&base)
            }) {
                end = j;
            } else if let Some(w) = v.prefix_word(k, e, PER_WORDS) {
                end = k + w.chars().count();
            }
        }
        Some((v.text(q, end), end))
    }

    /// Reads unit and suffix qualifiers after the digits of `tok`.
    /// `None` if the number is not a target (date, duration, identifier …).
    fn value_expr(&self, tok: &Tok) -> Option<ValueExpr> {
        let TokKind::Num { value } = tok.kind else {
            return None;
        };
        let mut q = tok.end;
        let mut suffix_quals = Vec::new();
        if matches!(self.at(q), '多' | '余') && self.unit_at(q + 1).is_some() {
            suffix_quals.push((q, self.at(q).to_string()));
            q += 1;
        }
        // Durations (`3个月内`, `2周`) are deadlines, not targets.
        if self.view.prefix_word(q, self.e, DURATIONS).is_some() {
            return None;
        }
        let unit = match self.unit_at(q) {
            Some((u, j)) => {
                q = j;
                Some(u)
            }
            None => {
                let c = self.at(q);
                if NON_TARGET_FOLLOWERS.contains(&c) || c.is_ascii_alphabetic() {
                    return None;
                }
                None
            }
        };
        for _ in 0..2 {
            match self.view.prefix_word(q, self.e, SUFFIX_QUALS) {
                Some(w) => {
                    suffix_quals.push((q, w.to_string()));
                    q += w.chars().count();
                }
                None => break,
            }
        }
        Some(ValueExpr {
            value,
            unit,
            suffix_quals,
            end: q,
        })
    }

    /// Section numbers (`1.`, `2、` at a clause start) and ordinals (`第3`).
    fn is_numbering(&self, tok: &Tok) -> bool {
        let after = self.at(tok.end);
        let at_clause_start = self.clause_start(tok.start) == tok.start;
        (at_clause_start && matches!(after, '.' | '、') && !self.at(tok.end + 1).is_ascii_digit())
            || (tok.start > self.s && self.view.v[tok.start - 1] == '第')
    }

    /// Reads verb, adverbs and baseline backwards from `start` to `lb`.
    fn left_parse(&self, lb: usize, start: usize) -> LeftParse {
        let v = self.view;
        let mut lp = LeftParse::default();
        let mut i = start;
        // Prefix qualifiers (约, 超过, 不低于 …), possibly stacked.
        while let Some((w, rel, n)) = v.suffix_match(lb, i, PREFIX_QUALS) {
            i -= n;
            lp.quals.push((i, w.to_string()));
            if lp.qual_relation.is_none() {
                lp.qual_relation = rel;
            }
        }
        // Relation verb, tolerating an aspect particle (下降了).
        let verb_end = if v.ends(lb, i, "了") { i - 1 } else { i };
        if let Some((_, rel, n)) = v.suffix_match(lb, verb_end, VERBS) {
            lp.verb = Some(rel);
            i = verb_end - n;
        }
        i = self.strip_adverbs(lb, i, &mut lp);
        if let Some(tok) = self.toks_baseline_ending_at(i, lb) {
            if let TokKind::Baseline { year, .. } = tok.kind {
                lp.baseline = Some(year);
                i = self.strip_adverbs(lb, tok.start, &mut lp);
            }
        } else if let Some((w, _, n)) = v.suffix_match(lb, i, RELATIVE_BASELINES) {
            // A baseline without a year (`比上年`, `同比`) is kept as a qualifier.
            i -= n;
            lp.quals.push((i, w.to_string()));
            i = self.strip_adverbs(lb, i, &mut lp);
        }
        lp.metric_end = i;
        lp
    }

    fn strip_adverbs(&self, lb: usize, mut i: usize, lp: &mut LeftParse) -> usize {
        while let Some((w, keep, n)) = self.view.suffix_match(lb, i, ADVERBS) {
            i -= n;
            if w == "分别" {
                lp.distributive = true;
            }
            if keep {
                lp.quals.push((i, w.to_string()));
            }
        }
        i
    }

    fn toks_baseline_ending_at(&self, i: usize, lb: usize) -> Option<&Tok> {
        // Tokens do not overlap, so ends are sorted like starts.
        let k = self.toks.partition_point(|t| t.end < i);
        self.toks
            .get(k)
            .filter(|t| t.end == i && t.start >= lb && matches!(t.kind, TokKind::Baseline { .. }))
    }

    /// Noun phrase directly after a value (`…以下预焙阳极铝电解槽`): range.
    fn noun_after(&self, q: usize) -> Option<(usize, usize)> {
        let mut a = q;
        if self.at(a) == '的' {
            a += 1;
        }
        let first = self.at(a);
        if !is_cjk(first) || NOUN_STOPPERS.contains(&first) {
            return None;
        }
        let mut b = a;
        while b < self.e {
            let c = self.view.v[b];
            if !(is_cjk(c) || c.is_ascii_alphanumeric()) || c == '等' {
                break;
            }
            b += 1;
        }
        // Cut trailing action words (更新改造, 淘汰 …).
        loop {
            let cut = TRAILING_ACTIONS
                .iter()
                .find(|w| self.view.ends(a, b, w) && b - w.chars().count() > a);
            match cut {
                Some(w) => b -= w.chars().count(),
                None => break,
            }
        }
        (b > a).then_some((a, b))
    }

    /// Cleans the metric range `[a, b)`: returns (quote start, metric range,
    /// scope, qualifiers found at its start).
    fn clean_metric(&self, a: usize, b: usize) -> Metric {
        let v = self.view;
        let mut a = a;
        let mut b = b;
        let mut quals = Vec::new();
        let wordy = |c: char| is_cjk(c) || c.is_ascii_alphanumeric();
        let trim = |a: &mut usize, b: &mut usize| {
            while *a < *b && !wordy(v.v[*a]) {
                *a += 1;
            }
            while *b > *a && !wordy(v.v[*b - 1]) {
                // Keep a closing bracket whose opener is inside: `效率（PUE）`.
                let c = v.v[*b - 1];
                if let Some(ci) = CLOSERS.iter().position(|&x| x == c) {
                    if v.v[*a..*b - 1].contains(&OPENERS[ci]) {
                        break;
                    }
                }
                *b -= 1;
            }
        };
        trim(&mut a, &mut b);
        // `通过实施…形成节能量` → `节能量`.
        for k in (a..b).rev() {
            if (v.starts(k, b, "形成") || v.starts(k, b, "实现")) && k + 2 < b {
                a = k + 2;
                break;
            }
        }
        let strip_connectives = |a: &mut usize, quals: &mut Vec<(usize, String)>| loop {
            match v.prefix_match(*a, b, LEADING_CONNECTIVES) {
                Some((w, keep, n)) if *a + n < b => {
                    if keep {
                        quals.push((*a, w.to_string()));
                    }
                    *a += n;
                }
                _ => break,
            }
        };
        strip_connectives(&mut a, &mut quals);
        // A leading industry subject that only repeats the plan (`钢铁行业…`
        // in the 钢铁 plan, or a bare `行业…`) is not part of the metric.
        let lim = (a + 8).min(b);
        if let Some(k) = (a..lim).find(|&k| v.starts(k, b, "行业")) {
            let subject = v.text(a, k);
            let redundant = subject.is_empty()
                || (!self.plan.is_empty()
                    && (self.plan.contains(&subject) || subject.contains(self.plan)));
            if redundant && k + 2 < b {
                a = k + 2;
            }
        }
        strip_connectives(&mut a, &mut quals);
        trim(&mut a, &mut b);
        let quote_start = a;
        let mut scope: Vec<String> = Vec::new();
        if let Some(w) = v.prefix_word(a, b, SCOPE_WHOLE) {
            let n = w.chars().count();
            if a + n < b {
                scope.push(w.to_string());
                a += n;
            }
        }
        let region_lim = (a + 16).min(b);
        'region: for k in a + 1..region_lim {
            for w in SCOPE_REGION_ENDS {
                let n = w.chars().count();
                if v.starts(k, b, w) && k + n < b && !v.starts(k + n, b, "生产总值") {
                    scope.push(v.text(a, k + n));
                    a = k + n;
                    break 'region;
                }
            }
        }
        Metric {
            quote_start,
            a,
            b,
            scope: (!scope.is_empty()).then(|| scope.concat()),
            quals,
        }
    }

    fn number(&mut self, toks: &[Tok], ti: usize) {
        let tok = &toks[ti];
        if self.is_numbering(tok) {
            return;
        }
        let Some(mut ve) = self.value_expr(tok) else {
            return;
        };
        let cs = self.clause_start(tok.start);
        let lb = cs.max(self.boundary).min(tok.start);
        let mut lp = self.left_parse(lb, tok.start);
        // `由23%提高到24.1%`: the first value is a starting point, not a row.
        if lp.verb.is_none()
            && lp.qual_relation.is_none()
            && (self.view.ends(lb, lp.metric_end, "由") || self.view.ends(lb, lp.metric_end, "从"))
        {
            let from_at = lp.metric_end - 1;
            self.pending_from = Some(FromValue {
                clause_start: cs,
                metric_a: lb,
                metric_b: from_at,
                baseline: lp.baseline,
                text: (from_at, self.view.text(from_at, ve.end)),
            });
            self.consumed = self.consumed.max(ve.end);
            return;
        }
        let from = self.pending_from.take().filter(|f| f.clause_start == cs);
        let (lb, metric_end) = match &from {
            Some(f) => {
                lp.baseline = lp.baseline.or(f.baseline);
                lp.quals.push(f.text.clone());
                (f.metric_a, f.metric_b)
            }
            None => (lb, lp.metric_end),
        };
        // Range `10—15%`: one row, the upper bound kept as a qualifier.
        if DASHES.contains(&self.at(ve.end)) {
            if let Some(next) = toks.get(ti + 1).filter(|t| t.start == ve.end + 1) {
                if let Some(upper) = self.value_expr(next) {
                    ve.suffix_quals
                        .push((ve.end, self.view.text(ve.end, upper.end)));
                    if ve.unit.is_none() {
                        ve.unit = upper.unit.clone();
                    }
                    ve.end = upper.end;
                    self.consumed = upper.end;
                }
            }
        }
        // A range alone (`2024-08`) is not a signal; a unit, a verb or a
        // written qualifier is.
        let has_signal = ve.unit.is_some()
            || lp.verb.is_some()
            || lp.qual_relation.is_some()
            || ve.has_suffix(SUFFIX_QUALS);
        if !has_signal {
            return;
        }
        let noun = self.noun_after(ve.end);
        let comparative = ve.has_suffix(COMPARATIVE);
        let relation = if let Some(r) = lp.verb {
            r
        } else if let Some(r) = lp.qual_relation {
            r
        } else if noun.is_some() && comparative {
            Relation::Threshold
        } else if ve.has_suffix(&["以内", "之内"])
            || (noun.is_none() && ve.has_suffix(&["以下", "及以下"]))
        {
            Relation::Cap
        } else {
            Relation::Reach
        };
        let metric = self.clean_metric(lb, metric_end);
        let mut quals = lp.quals.clone();
        quals.extend(metric.quals.iter().cloned());

        if lp.distributive && relation != Relation::Threshold && metric.a < metric.b {
            self.distributive(toks, ti, ve, &lp, relation, &metric, quals);
            return;
        }

        // Metric and quote range.
        let use_noun = noun.is_some()
            && (relation == Relation::Threshold || lp.verb.is_none() || metric.a >= metric.b);
        let (metric_text, scope, qa, qb) = if let (true, Some((na, nb))) = (use_noun, noun) {
            let qa = lp.quals.iter().map(|q| q.0).min().unwrap_or(tok.start);
            (self.view.text(na, nb), None, qa.min(tok.start), nb)
        } else if metric.a < metric.b {
            let text = self.elliptic(self.view.text(metric.a, metric.b), metric.scope.is_some());
            (text, metric.scope.clone(), metric.quote_start, ve.end)
        } else if let Some(prev) = self.rows.last().filter(|r| r.value.is_some()) {
            (
                prev.metric.clone(),
                prev.scope.clone(),
                lp.metric_end,
                ve.end,
            )
        } else {
            return;
        };
        let baseline = lp.baseline.or_else(|| self.inherited_baseline(relation));
        quals.extend(ve.suffix_quals.iter().cloned());
        let row = self.row(RowParts {
            metric: metric_text,
            value: ve.value,
            unit: ve.unit.clone(),
            relation,
            quals,
            baseline,
            scope,
            qa,
            qb,
        });
        self.rows.push(row);
        self.boundary = qb.max(ve.end);
        self.consumed = self.consumed.max(ve.end);
    }

    /// Baseline of a change written without one: the sentence's standalone
    /// baseline (`与2020年相比，…`), else that of the previous change in the
    /// sentence (`A比2020年下降5%，B下降3.5%`).
    fn inherited_baseline(&self, relation: Relation) -> Option<u16> {
        if !matches!(relation, Relation::ReduceBy | Relation::IncreaseBy) {
            return None;
        }
        self.sentence_baseline.or_else(|| {
            self.rows
                .iter()
                .rev()
                .take(LOOK_BACK)
                .find(|r| matches!(r.relation, Relation::ReduceBy | Relation::IncreaseBy))
                .and_then(|r| r.baseline_year)
        })
    }

    /// Replaces a short elliptic metric (`大气污染防治重点区域比例`) with the
    /// earlier metric of the sentence that it abbreviates (`清洁运输比例`).
    fn elliptic(&self, metric: String, had_scope: bool) -> String {
        if !(had_scope || metric.chars().count() <= 2) {
            return metric;
        }
        self.rows
            .iter()
            .rev()
            .take(LOOK_BACK)
            .filter(|r| r.value.is_some())
            .find(|r| r.metric.len() > metric.len() && r.metric.ends_with(&metric))
            .map(|r| r.metric.clone())
            .unwrap_or(metric)
    }

    /// `A、B分别比2023年降低1%` / `A和B分别降低1.8%左右、2.6%左右`.
    #[allow(clippy::too_many_arguments)]
    fn distributive(
        &mut self,
        toks: &[Tok],
        ti: usize,
        first: ValueExpr,
        lp: &LeftParse,
        relation: Relation,
        metric: &Metric,
        quals: Vec<(usize, String)>,
    ) {
        let mut values = vec![(first, Vec::<(usize, String)>::new())];
        let mut k = ti + 1;
        loop {
            let prev_end = values.last().map(|v| v.0.end).unwrap_or(0);
            let sep = self.at(prev_end);
            let mut p = prev_end + 1;
            if !matches!(sep, '、' | '和' | '与' | '及') {
                break;
            }
            let mut pq = Vec::new();
            while let Some((w, _, n)) = self.view.prefix_match(p, self.e, PREFIX_QUALS) {
                pq.push((p, w.to_string()));
                p += n;
            }
            let Some(next) = toks.get(k).filter(|t| t.start == p) else {
                break;
            };
            let Some(ve) = self.value_expr(next) else {
                break;
            };
            values.push((ve, pq));
            k += 1;
        }
        // A unit written only on the last value applies to all of them.
        if let Some(unit) = values.last().and_then(|v| v.0.unit.clone()) {
            for (ve, _) in values.iter_mut() {
                if ve.unit.is_none() {
                    ve.unit = Some(unit.clone());
                }
            }
        }
        let group_end = values.last().map(|v| v.0.end).unwrap_or(metric.b);
        let items = self.distributive_items(metric.a, metric.b);
        let whole = self.view.text(metric.a, metric.b);
        let baseline = lp.baseline.or_else(|| self.inherited_baseline(relation));
        let pairs: Vec<(String, usize)> = if values.len() == 1 {
            items.into_iter().map(|m| (m, 0)).collect()
        } else if items.len() == 1 {
            (0..values.len()).map(|vi| (items[0].clone(), vi)).collect()
        } else {
            (0..values.len())
                .map(|vi| (items.get(vi).cloned().unwrap_or_else(|| whole.clone()), vi))
                .collect()
        };
        for (name, vi) in pairs {
            let (ve, pq) = &values[vi];
            let mut q = quals.clone();
            q.extend(pq.iter().cloned());
            q.extend(ve.suffix_quals.iter().cloned());
            let row = self.row(RowParts {
                metric: name,
                value: ve.value,
                unit: ve.unit.clone(),
                relation,
                quals: q,
                baseline,
                scope: metric.scope.clone(),
                qa: metric.quote_start,
                qb: group_end,
            });
            self.rows.push(row);
        }
        self.boundary = group_end;
        self.consumed = self.consumed.max(group_end);
    }

    /// Splits `高炉、转炉工序单位产品能耗` into full metric names, sharing the
    /// head of the last item with shorter modifier items before it.
    fn distributive_items(&self, a: usize, b: usize) -> Vec<String> {
        let v = self.view;
        let mut items = Vec::new();
        let mut start = a;
        let mut k = a;
        while k < b {
            let sep = if v.starts(k, b, "以及") {
                2
            } else if matches!(v.v[k], '、' | '和' | '及' | '与') {
                1
            } else {
                0
            };
            if sep > 0 {
                if k > start {
                    items.push(v.v[start..k].to_vec());
                }
                k += sep;
                start = k;
            } else {
                k += 1;
            }
        }
        if b > start {
            items.push(v.v[start..b].to_vec());
        }
        let n = items.len();
        if n >= 2 {
            let last = items[n - 1].clone();
            let max_mod = items[..n - 1].iter().map(|x| x.len()).max().unwrap_or(0);
            if max_mod <= 4 && last.len() >= max_mod + 2 {
                let last_s: String = last.iter().collect();
                let head_at = (1..last.len().min(7))
                    .find(|&h| {
                        let rest: String = last[h..].iter().collect();
                        HEAD_MORPHEMES.iter().any(|m| rest.starts_with(m))
                    })
                    .unwrap_or(items[n - 2].len().min(last.len() - 1));
                let head: String = last[head_at..].iter().collect();
                let mut out: Vec<String> = items[..n - 1]
                    .iter()
                    .map(|x| {
                        let m: String = x.iter().collect();
                        if m.ends_with(&head) {
                            m
                        } else {
                            m + &head
                        }
                    })
                    .collect();
                out.push(last_s);
                return out;
            }
        }
        items.into_iter().map(|x| x.into_iter().collect()).collect()
    }

    fn row(&self, p: RowParts) -> Target {
        let mut quals = p.quals;
        if let Some(q) = self.deadline.as_ref().and_then(|d| d.lead_qual.clone()) {
            quals.push(q);
        }
        quals.sort_by_key(|q| q.0);
        let mut qualifiers: Vec<String> = Vec::new();
        for (_, q) in quals {
            if !qualifiers.contains(&q) {
                qualifiers.push(q);
            }
        }
        let span = self.view.span(p.qa, p.qb);
        Target {
            plan: self.plan.to_string(),
            clause: self.clause.to_string(),
            metric: p.metric,
            value: Some(p.value),
            unit: p.unit,
            relation: p.relation,
            qualifiers,
            baseline_year: p.baseline,
            deadline: self.deadline.as_ref().map(|d| d.text.clone()),
            scope: p.scope,
            quote: self.view.quote(span),
            span,
        }
    }
}

/// A cleaned metric range.
struct Metric {
    quote_start: usize,
    a: usize,
    b: usize,
    scope: Option<String>,
    quals: Vec<(usize, String)>,
}

struct RowParts {
    metric: String,
    value: f64,
    unit: Option<String>,
    relation: Relation,
    quals: Vec<(usize, String)>,
    baseline: Option<u16>,
    scope: Option<String>,
    qa: usize,
    qb: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Target> {
        extract_targets("测试", "测试:一", text)
    }

    /// Exactly one row, with its quote consistent with its span.
    fn one(text: &str) -> Target {
        let r = rows(text);
        assert_eq!(r.len(), 1, "expected one row for {text:?}, got {r:#?}");
        let t = r.into_iter().next().unwrap();
        let q: String = text
            .chars()
            .skip(t.span[0])
            .take(t.span[1] - t.span[0])
            .collect();
        assert_eq!(q, t.quote);
        t
    }

    fn quals(t: &Target) -> Vec<&str> {
        t.qualifiers.iter().map(String::as_str).collect()
    }

    // -- one fixture per relation ------------------------------------------

    #[test]
    fn reduce_by_with_baseline() {
        let t = one("单位地区生产总值能耗比2020年下降13.5%。");
        assert_eq!(t.relation, Relation::ReduceBy);
        assert_eq!(t.metric, "单位地区生产总值能耗");
        assert_eq!(t.value, Some(13.5));
        assert_eq!(t.unit.as_deref(), Some("%"));
        assert_eq!(t.baseline_year, Some(2020));
        assert_eq!(t.scope, None);
    }

    #[test]
    fn reduce_by_variants_of_baseline_wording() {
        for text in [
            "吨钢水耗较2020年降低5%",
            "吨钢水耗与2020年相比降低5%",
            "吨钢水耗相比2020年降低5%",
            "吨钢水耗在2020年基础上降低5%",
            "吨钢水耗比2020年减少5%",
        ] {
            let t = one(text);
            assert_eq!(t.relation, Relation::ReduceBy, "{text}");
            assert_eq!(t.metric, "吨钢水耗", "{text}");
            assert_eq!(t.baseline_year, Some(2020), "{text}");
            assert_eq!(t.value, Some(5.0), "{text}");
        }
    }

    #[test]
    fn standalone_baseline_applies_to_the_sentence() {
        let r = rows("与2020年相比，单位GDP能耗下降13.5%，二氧化碳排放下降18%。");
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|t| t.baseline_year == Some(2020)));
        assert_eq!(r[1].metric, "二氧化碳排放");
    }

    #[test]
    fn increase_by_percentage_points_is_not_converted() {
        let t = one("余热利用率比2023年提高3个百分点以上");
        assert_eq!(t.relation, Relation::IncreaseBy);
        assert_eq!(t.unit.as_deref(), Some("个百分点"));
        assert_eq!(t.value, Some(3.0));
        assert_eq!(quals(&t), ["以上"]);
    }

    #[test]
    fn annual_growth_is_increase_by_without_baseline() {
        let t = one("到2025年，规模以上工业增加值年均增长8%。");
        assert_eq!(t.relation, Relation::IncreaseBy);
        assert_eq!(t.metric, "规模以上工业增加值");
        assert_eq!(t.baseline_year, None);
        assert_eq!(quals(&t), ["年均"]);
        assert_eq!(t.deadline.as_deref(), Some("2025年"));
    }

    #[test]
    fn reach_verbs() {
        for (text, metric, value) in [
            ("可再生能源消费比重提升至15%", "可再生能源消费比重", 15.0),
            ("绿色建材占比达到40%", "绿色建材占比", 40.0),
            ("新能源汽车销量占比提高到20%", "新能源汽车销量占比", 20.0),
            ("再生金属产量达2000万吨", "再生金属产量", 2000.0),
        ] {
            let t = one(text);
            assert_eq!(t.relation, Relation::Reach, "{text}");
            assert_eq!(t.metric, metric, "{text}");
            assert_eq!(t.value, Some(value), "{text}");
        }
    }

    #[test]
    fn reach_by_comparative_prefix() {
        let t = one("绿色建材占比超过30%");
        assert_eq!(t.relation, Relation::Reach);
        assert_eq!(quals(&t), ["超过"]);
        let t = one("工业固废综合利用率不低于50%");
        assert_eq!(t.relation, Relation::Reach);
        assert_eq!(t.metric, "工业固废综合利用率");
        assert_eq!(quals(&t), ["不低于"]);
    }

    #[test]
    fn cap_forms() {
        let t = one("陶瓷砖产能控制在20亿平方米以内");
        assert_eq!(t.relation, Relation::Cap);
        assert_eq!(t.unit.as_deref(), Some("亿平方米"));
        assert_eq!(quals(&t), ["以内"]);
        let t = one("单位产品水耗降至1.3以下");
        assert_eq!(t.relation, Relation::Cap);
        assert_eq!(t.metric, "单位产品水耗");
        assert_eq!(t.unit, None);
        assert_eq!(t.value, Some(1.3));
        assert_eq!(quals(&t), ["以下"]);
        let t = one("吨钢水耗不得高于2.5立方米/吨");
        assert_eq!(t.relation, Relation::Cap);
        assert_eq!(t.unit.as_deref(), Some("立方米/吨"));
        assert_eq!(quals(&t), ["不得高于"]);
        let t = one("煤炭消费量控制在42亿吨左右");
        assert_eq!(t.relation, Relation::Cap);
        assert_eq!(quals(&t), ["左右"]);
    }

    #[test]
    fn threshold_noun_phrase_is_the_metric() {
        let t = one("加快淘汰30万千瓦以下煤电机组。");
        assert_eq!(t.relation, Relation::Threshold);
        assert_eq!(t.metric, "煤电机组");
        assert_eq!(t.unit.as_deref(), Some("万千瓦"));
        assert_eq!(quals(&t), ["以下"]);
        assert_eq!(t.quote, "30万千瓦以下煤电机组");
        let t = one("推动100吨及以上的电弧炉更新改造。");
        assert_eq!(t.relation, Relation::Threshold);
        assert_eq!(t.metric, "电弧炉");
        assert_eq!(quals(&t), ["及以上"]);
    }

    #[test]
    fn milestone_without_number() {
        let t = one("到2030年底，行业绿色低碳发展取得显著成效。");
        assert_eq!(t.relation, Relation::Milestone);
        assert_eq!(t.value, None);
        assert_eq!(t.metric, "行业绿色低碳发展取得显著成效");
        assert_eq!(t.deadline.as_deref(), Some("2030年底"));
        assert_eq!(t.quote, "到2030年底，行业绿色低碳发展取得显著成效");
        let t = one("到“十四五”末，整体能效水平明显提升。");
        assert_eq!(t.deadline.as_deref(), Some("“十四五”末"));
    }

    #[test]
    fn no_milestone_when_the_deadline_governs_a_number() {
        let r = rows("到2025年底，能效水平明显提升，数控化率达到70%。");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].relation, Relation::Reach);
    }

    // -- one fixture per qualifier ------------------------------------------

    #[test]
    fn suffix_qualifiers() {
        for (text, q) in [
            ("数控化率达到80%以上", "以上"),
            ("数控化率达到80%左右", "左右"),
            ("能耗总量控制在5亿吨以内", "以内"),
            ("能耗总量控制在5亿吨之内", "之内"),
            ("单位能耗降至1.3以下", "以下"),
            ("数控化率达到80%上下", "上下"),
        ] {
            assert_eq!(quals(&one(text)), [q], "{text}");
        }
        let t = one("淘汰200万吨/年及以下装置");
        assert_eq!(quals(&t), ["及以下"]);
        let t = one("推广6.5兆帕及以上气化炉");
        assert_eq!(quals(&t), ["及以上"]);
    }

    #[test]
    fn prefix_qualifiers() {
        for (text, q, rel) in [
            ("节能量约200万吨标准煤", "约", Relation::Reach),
            ("占比超过30%", "超过", Relation::Reach),
            ("利用率不低于50%", "不低于", Relation::Reach),
            ("含硫量不高于0.5%", "不高于", Relation::Cap),
            ("含硫量不超过0.5%", "不超过", Relation::Cap),
            ("占比力争达到15%", "力争", Relation::Reach),
            ("力争占比达到15%", "力争", Relation::Reach),
            ("产量争取达到300万吨", "争取", Relation::Reach),
        ] {
            let t = one(text);
            assert_eq!(quals(&t), [q], "{text}");
            assert_eq!(t.relation, rel, "{text}");
        }
    }

    #[test]
    fn qualifiers_keep_text_order() {
        let t = one("产量力争达到约300万吨以上");
        assert_eq!(quals(&t), ["力争", "约", "以上"]);
    }

    // -- grammar -------------------------------------------------------------

    #[test]
    fn distributive_shares_the_head_and_the_value() {
        let r = rows("高炉、转炉工序单位产品能耗分别比2023年降低1%以上");
        let names: Vec<_> = r.iter().map(|t| t.metric.as_str()).collect();
        assert_eq!(names, ["高炉工序单位产品能耗", "转炉工序单位产品能耗"]);
        assert!(r
            .iter()
            .all(|t| t.value == Some(1.0) && t.baseline_year == Some(2023)));
    }

    #[test]
    fn distributive_pairs_values() {
        let r = rows("单位GDP能耗和二氧化碳排放分别降低1.8%左右、2.6%左右。");
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].metric.as_str(), r[0].value),
            ("单位GDP能耗", Some(1.8))
        );
        assert_eq!(
            (r[1].metric.as_str(), r[1].value),
            ("二氧化碳排放", Some(2.6))
        );
        assert!(r.iter().all(|t| quals(t) == ["左右"]));
        let r = rows("烧结、球团、炼铁工序能耗分别下降2、3、5个百分点");
        let got: Vec<_> = r
            .iter()
            .map(|t| (t.metric.as_str(), t.value, t.unit.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("烧结工序能耗", Some(2.0), Some("个百分点")),
                ("球团工序能耗", Some(3.0), Some("个百分点")),
                ("炼铁工序能耗", Some(5.0), Some("个百分点")),
            ]
        );
    }

    #[test]
    fn deadline_applies_until_next_deadline_or_sentence_end() {
        let r = rows(
            "到2025年，甲比例达到30%，乙比例达到40%；到2030年，甲比例达到50%。丙比例达到60%。",
        );
        let dl: Vec<_> = r.iter().map(|t| t.deadline.as_deref()).collect();
        assert_eq!(dl, [Some("2025年"), Some("2025年"), Some("2030年"), None]);
    }

    #[test]
    fn period_deadlines_as_written() {
        let t = one("2024—2025年，形成节能量约2000万吨标准煤");
        assert_eq!(t.deadline.as_deref(), Some("2024—2025年"));
        assert_eq!(t.metric, "节能量");
        let t = one("行业2024年—2025年形成节能量约250万吨标准煤");
        assert_eq!(t.deadline.as_deref(), Some("2024年—2025年"));
        let t = one("到2025年前，占比达到10%");
        assert_eq!(t.deadline.as_deref(), Some("2025年前"));
    }

    #[test]
    fn scope_words() {
        let t = one("全国原油一次加工能力控制在10亿吨以内");
        assert_eq!(t.scope.as_deref(), Some("全国"));
        assert_eq!(t.metric, "原油一次加工能力");
        let t = one("西部地区可再生能源比重达到30%");
        assert_eq!(t.scope.as_deref(), Some("西部地区"));
        assert_eq!(t.metric, "可再生能源比重");
        // 地区生产总值 is a metric word, not a region.
        let t = one("单位地区生产总值能耗下降3%");
        assert_eq!(t.scope, None);
    }

    #[test]
    fn elliptic_metric_after_a_scope_borrows_the_full_metric() {
        let r = rows("到2025年，清洁运输比例达到70%左右，重点区域比例达到80%左右。");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].metric, "清洁运输比例");
        assert_eq!(r[1].scope.as_deref(), Some("重点区域"));
        assert_eq!(r[1].value, Some(80.0));
    }

    #[test]
    fn plan_subject_is_dropped_other_subjects_kept() {
        let r = extract_targets("钢铁", "钢铁:一", "钢铁行业能效标杆产能占比达到30%");
        assert_eq!(r[0].metric, "能效标杆产能占比");
        let r = extract_targets("钢铁", "钢铁:一", "重点行业能效标杆产能占比达到30%");
        assert_eq!(r[0].metric, "重点行业能效标杆产能占比");
    }

    #[test]
    fn non_targets() {
        for text in [
            "对标《重点用能产品设备能效先进水平（2024年版）》，支撑完成“十四五”能耗强度降低约束性指标",
            "加快5G、大数据等技术应用，环保绩效A级水平，C、D级项目",
            "2024年继续实施粗钢产量调控。",
            "苏发改资环发〔2024〕1057号",
            "2024年8月29日",
            "1. 钢铁行业节能降碳行动计划",
            "（一）完善产能调控和产量管理",
            "第3批示范项目，3年内完成",
            "PM2.5治理",
            "编号123",
        ] {
            assert!(rows(text).is_empty(), "{text}: {:#?}", rows(text));
        }
    }

    #[test]
    fn dates_durations_and_bare_ranges_are_not_targets() {
        for text in [
            "发布日期：2024-08-29",
            "3个月内完成整改",
            "每2周报告一次",
            "确保2030年前实现碳达峰",
            "《2030年前碳达峰行动方案》",
        ] {
            assert!(rows(text).is_empty(), "{text}: {:#?}", rows(text));
        }
    }

    #[test]
    fn whitespace_and_half_width_are_tolerated() {
        let t = one("到 2025 年底, 水泥熟料产能控制在 18 亿吨左右");
        assert_eq!(t.deadline.as_deref(), Some("2025年底"));
        assert_eq!(t.metric, "水泥熟料产能");
        assert_eq!(t.value, Some(18.0));
        assert_eq!(t.quote, "水泥熟料产能控制在 18 亿吨左右");
        let t = one("能耗比２０２０年降低３．７％");
        assert_eq!(t.value, Some(3.7));
        assert_eq!(t.unit.as_deref(), Some("%"));
        assert_eq!(t.baseline_year, Some(2020));
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let text = "到2025年，占比达到30%";
        let t = one(text);
        assert_eq!(t.span, [7, 14]);
        assert_eq!(t.quote, "占比达到30%");
    }

    #[test]
    fn range_keeps_upper_bound_as_qualifier() {
        let t = one("能耗降低10%—15%");
        assert_eq!(t.value, Some(10.0));
        assert_eq!(quals(&t), ["—15%"]);
    }

    #[test]
    fn starting_value_is_context_not_a_row() {
        let t = one("森林覆盖率由2020年的23%提高到24.1%。");
        assert_eq!(t.relation, Relation::Reach);
        assert_eq!(t.metric, "森林覆盖率");
        assert_eq!(t.value, Some(24.1));
        assert_eq!(t.baseline_year, Some(2020));
        assert_eq!(quals(&t), ["由2020年的23%"]);
        let r = rows("森林覆盖率从23%提升至24.1%，草原综合植被盖度达到57%。");
        let got: Vec<_> = r.iter().map(|t| (t.metric.as_str(), t.value)).collect();
        assert_eq!(
            got,
            [("森林覆盖率", Some(24.1)), ("草原综合植被盖度", Some(57.0))]
        );
    }

    #[test]
    fn aspiration_before_a_deadline_qualifies_its_rows() {
        let t = one("力争到2025年底，绿电占比达到30%。");
        assert_eq!(quals(&t), ["力争"]);
        assert_eq!(t.deadline.as_deref(), Some("2025年底"));
        let t = one("力争到2030年，实现碳达峰。");
        assert_eq!(t.relation, Relation::Milestone);
        assert_eq!(quals(&t), ["力争"]);
        assert_eq!(t.quote, "力争到2030年，实现碳达峰");
    }

    #[test]
    fn quoted_plan_period_is_a_deadline() {
        let t = one("“十四五”期间，单位GDP能耗下降13.5%。");
        assert_eq!(t.deadline.as_deref(), Some("“十四五”期间"));
        assert_eq!(t.relation, Relation::ReduceBy);
    }

    #[test]
    fn compound_and_latin_units() {
        for (text, unit) in [
            ("单位产品综合能耗不高于12.5千克标准煤/吨", "千克标准煤/吨"),
            ("吨钢能耗降至540kgce/t以下", "kgce/t"),
            ("淘汰35蒸吨/小时以下燃煤锅炉", "蒸吨/小时"),
            ("光伏装机达到1.2亿千瓦", "亿千瓦"),
            ("用电量达到3000亿千瓦时", "亿千瓦时"),
            ("投资达到1.5万亿元", "万亿元"),
            ("淘汰200kA以下电解槽", "kA"),
            ("单机50MW及以上机组", "MW"),
        ] {
            assert_eq!(one(text).unit.as_deref(), Some(unit), "{text}");
        }
    }

    #[test]
    fn counted_objects_take_the_noun_as_metric() {
        let r = rows("培育100家绿色工厂、10个绿色工业园区。");
        let got: Vec<_> = r
            .iter()
            .map(|t| (t.metric.as_str(), t.value, t.unit.as_deref(), t.relation))
            .collect();
        assert_eq!(
            got,
            [
                ("绿色工厂", Some(100.0), Some("家"), Relation::Reach),
                ("绿色工业园区", Some(10.0), Some("个"), Relation::Reach),
            ]
        );
    }

    #[test]
    fn relative_baseline_without_year_is_a_qualifier() {
        let t = one("煤炭消费量比上年下降3%");
        assert_eq!(t.relation, Relation::ReduceBy);
        assert_eq!(t.metric, "煤炭消费量");
        assert_eq!(t.baseline_year, None);
        assert_eq!(quals(&t), ["比上年"]);
    }

    #[test]
    fn later_change_in_a_sentence_inherits_the_baseline() {
        let r = rows("营运车辆碳排放强度比2020年下降5%，营运船舶下降3.5%。船舶能耗下降2%。");
        let got: Vec<_> = r
            .iter()
            .map(|t| (t.metric.as_str(), t.baseline_year))
            .collect();
        assert_eq!(
            got,
            [
                ("营运车辆碳排放强度", Some(2020)),
                ("营运船舶", Some(2020)),
                ("船舶能耗", None),
            ]
        );
    }

    #[test]
    fn leading_action_verbs_are_not_part_of_the_metric() {
        let t = one("完成既有建筑节能改造面积3.5亿平方米以上");
        assert_eq!(t.metric, "既有建筑节能改造面积");
        assert_eq!(t.relation, Relation::Reach);
    }

    #[test]
    fn relation_serializes_snake_case() {
        let json = serde_json::to_string(&Relation::IncreaseBy).unwrap();
        assert_eq!(json, "\"increase_by\"");
        let back: Relation = serde_json::from_str("\"reduce_by\"").unwrap();
        assert_eq!(back, Relation::ReduceBy);
        for r in [
            Relation::ReduceBy,
            Relation::IncreaseBy,
            Relation::Reach,
            Relation::Cap,
            Relation::Threshold,
            Relation::Milestone,
        ] {
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
    }
}
