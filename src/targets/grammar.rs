//! Grammar tables (closed lists of grammar words; no document content).

#[allow(unused_imports)]
use super::*;

use Relation::{Cap, IncreaseBy, Reach, ReduceBy};

/// Qualifiers written right before the number; some imply a relation.
pub(super) const PREFIX_QUALS: &[(&str, Option<Relation>)] = &[
    ("不得低于", Some(Reach)),
    ("不能低于", Some(Reach)),
    ("不能少于", Some(Reach)),
    ("不能高于", Some(Cap)),
    ("不能超过", Some(Cap)),
    ("不应低于", Some(Reach)),
    ("不应超过", Some(Cap)),
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
pub(super) const VERBS: &[(&str, Relation)] = &[
    // `降至`/`下降到` name the level reached (`降至20微克/立方米`), like
    // `保持在`; a ceiling is written `控制在`/`不高于`.
    ("降低至", Reach),
    ("降低到", Reach),
    ("下降至", Reach),
    ("下降到", Reach),
    ("降至", Reach),
    ("降到", Reach),
    ("减少至", Cap),
    ("减少到", Cap),
    ("压减至", Cap),
    ("压减到", Cap),
    ("削减至", Cap),
    ("削减到", Cap),
    ("压缩至", Cap),
    ("压缩到", Cap),
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
pub(super) const ADVERBS: &[(&str, bool)] = &[
    ("力争", true),
    ("争取", true),
    ("年均", true),
    ("年平均", true),
    ("平均", true),
    ("累计", true),
    ("约", true),
    ("分别", false),
    ("确保", true),
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
pub(super) const LEADING_CONNECTIVES: &[(&str, bool)] = &[
    ("以及", false),
    ("并且", false),
    ("其中", false),
    ("同时", false),
    ("此外", false),
    ("即", false),
    ("另外", false),
    ("推动", false),
    ("推进", false),
    ("完成", false),
    ("建设", false),
    ("建成", false),
    ("培育", false),
    ("创建", false),
    ("打造", false),
    ("确保", true),
    ("力争", true),
    ("争取", true),
    ("使", false),
    ("并", false),
    ("且", false),
    ("和", false),
    ("及", false),
    ("与", false),
    ("要求", false),
    ("要", false),
    ("将", false),
    ("、", false),
];

/// Zero targets written as words: (word, relation, the metric follows the
/// word). `甲用量零增长` is an increase of 0; `不出现甲类天数` a
/// ceiling of 0.
pub(super) const ZERO_WORDS: &[(&str, Relation, bool)] = &[
    ("零增长", IncreaseBy, false),
    ("不出现", Cap, true),
    ("不发生", Cap, true),
];

/// Negated worsenings: `确保甲不出现不降反升`, `确保乙不下降` set a goal
/// with no number, that the level does not get worse.
pub(super) const NO_WORSENING: &[&str] =
    &["不出现不降反升", "不恶化", "不退化", "不下降", "不降低"];

/// Words that make what follows them a goal to be guaranteed; `true` =
/// kept as a qualifier.
pub(super) const GUARANTEES: &[(&str, bool)] = &[("确保", true), ("保证", false), ("力争", true)];

/// Words before a deadline that make its goals aspirations (`力争到2025年`):
/// they qualify every row the deadline dates.
pub(super) const ASPIRATIONS: &[&str] = &["力争", "争取"];

/// Predicates saying a thing is done in full, not measured: a clause with
/// one of these and no number, under a deadline that dates numbers beside
/// it, is a goal of its own (`到2025年，…下降13%，…全面执行绿色建筑标准`,
/// `…污水处理设施全覆盖`, `完成省下达的…减排任务`).
pub(super) const COMPLETIONS: &[&str] = &[
    "全面执行",
    "全面实施",
    "全面完成",
    "全面推行",
    "全部完成",
    "基本完成",
    "全覆盖",
    "达峰",
    "达到峰值",
    "基本消除",
    "全面消除",
    "下达的",
    "下达目标",
    "下达指标",
    "达到省要求",
    "达到国家",
];

/// Units after which a Chinese numeral is read as a value (`两个百分点`).
pub(super) const CJK_NUMERAL_UNITS: &[&str] = &["个百分点", "百分点"];

/// Nouns standing between a verb and its number (`下降至目标值70…`).
pub(super) const APPOSITIVES: &[(&str, ())] = &[("目标值", ()), ("目标", ())];

/// Action verbs opening a clause that names the subject of the next one
/// (`控制甲总量，2030年控制在5亿吨左右`).
pub(super) const SUBJECT_VERBS: &[(&str, ())] = &[
    ("严格控制", ()),
    ("严控", ()),
    ("控制", ()),
    ("降低", ()),
    ("提高", ()),
    ("提升", ()),
];

/// Change verbs written before the metric, not before the number
/// (`新增甲长度100公里以上`).
pub(super) const LEADING_VERBS: &[(&str, Relation)] = &[("新增", IncreaseBy)];

/// Savings written as verb and object (`政府机关节能20%`): the metric, a
/// reduction.
pub(super) const SAVINGS: &[(&str, ())] = &[("节能", ()), ("节水", ()), ("节电", ())];

/// Nouns that only name a target (`力争完成12%的更高目标`).
pub(super) const TARGET_NOUNS: &[&str] = &["目标", "指标", "目标值"];

/// Endings of a heading over the present situation rather than goals
/// (`基本情况`, `利用情况`, `发展现状`, `发展基础`, `主要成效`,
/// `存在的主要问题`, `面临形势`): the numbers under it report what has
/// been reached.
pub(super) const SITUATION_HEADINGS: &[&str] = &[
    "情况",
    "现状",
    "发展基础",
    "工作基础",
    "现实基础",
    "基础条件",
    "成效",
    "成绩",
    "成就",
    "进展",
    "存在问题",
    "存在的问题",
    "主要问题",
    "形势",
    "回顾",
];

/// Words that make the year after them a baseline (`比2020年`).
pub(super) const BASE_WORDS: &[(&str, ())] = &[
    ("比", ()),
    ("较", ()),
    ("相比", ()),
    ("相较", ()),
    ("相对于", ()),
    ("对比", ()),
];

/// Baselines without a year; kept as qualifiers as written.
pub(super) const RELATIVE_BASELINES: &[(&str, ())] = &[
    ("同比", ()),
    ("比上年", ()),
    ("较上年", ()),
    ("比去年", ()),
    ("较去年", ()),
    ("比上年度", ()),
    ("较上年度", ()),
];

/// Qualifiers written after the number and unit.
pub(super) const SUFFIX_QUALS: &[&str] = &[
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
pub(super) const COMPARATIVE: &[&str] = &["及以上", "及以下", "以上", "以下"];

/// Magnitude morphemes that stay in the unit (`万吨`, `亿千瓦时`).
pub(super) const MAGNITUDES: &[&str] = &["万亿", "千万", "百万", "十万", "亿", "万", "千", "百"];

/// Unit morphemes written in CJK or as symbols.
pub(super) const CJK_UNITS: &[&str] = &[
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
    "克二氧化碳",
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
pub(super) const ASCII_UNITS: &[&str] = &[
    "kA", "kV", "kVA", "MVA", "MW", "GW", "kW", "TW", "kWh", "MWh", "GWh", "TWh", "MPa", "kPa",
    "Pa", "t", "kg", "mg", "km", "m", "cm", "mm", "m2", "m3", "m²", "m³", "Nm3", "Nm³", "ppm",
    "dB", "μg", "ug", "Hz", "kgce", "tce", "gce", "kJ", "MJ", "GJ", "kcal",
];

/// Written between a unit and its denominator: `克/千瓦时`, `微克每立方米`.
pub(super) const PER_MARKS: &[char] = &['/', '每'];

/// What may follow `/` in a compound unit besides another unit.
pub(super) const PER_WORDS: &[&str] = &[
    "万元", "年", "月", "日", "天", "小时", "时", "人", "户", "吨", "台", "h", "a", "d",
];

/// A number directly followed by one of these is not a target
/// (dates, durations, versions, grades, periods).
pub(super) const NON_TARGET_FOLLOWERS: &[char] =
    &['年', '月', '日', '号', '时', '版', '级', '期', '届', '+'];

/// Duration words: a number followed by one of these is not a target.
pub(super) const DURATIONS: &[&str] = &["个月", "个工作日", "周", "年内", "年间"];

/// Trailing action words cut from a threshold's noun phrase.
pub(super) const TRAILING_ACTIONS: &[&str] = &[
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
pub(super) const NOUN_STOPPERS: &[char] = &[
    '和', '与', '及', '或', '等', '以', '为', '是', '并', '且', '将', '要', '在', '到', '至', '左',
    '之', '时', '后', '前', '内', '中', '占', '比', '较', '的',
];

/// Morphemes at which the shared head of a distributive list starts
/// (`高炉、转炉工序单位产品能耗` → head `工序单位产品能耗`).
pub(super) const HEAD_MORPHEMES: &[&str] = &[
    "重点",
    "减排",
    "浓度",
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
pub(super) const SCOPE_WHOLE: &[&str] = &["全国", "全省", "全市", "全区", "全县", "全球", "全域"];

/// Administrative-unit morphemes: `X市的…`, `甲镇、乙乡的…` name the
/// places a metric is measured in.
pub(super) const PLACE_SUFFIXES: &[char] =
    &['市', '省', '县', '区', '镇', '乡', '州', '盟', '旗', '村'];

/// Endings of a subject phrase that scopes the metric after it: regions,
/// parts of a city, bodies. `true` = the ending may stand alone (`市区`);
/// else something comes before it (`重点区域`, `公共机构`).
pub(super) const SCOPE_SUBJECT_ENDS: &[(&str, bool)] = &[
    ("区域", false),
    ("地区", false),
    ("流域", false),
    ("城区", true),
    ("市区", true),
    ("建成区", true),
    ("机构", false),
    ("集团", false),
    ("机关", false),
];

/// Administrative suffixes of a place name (`甲乙市`), read without 的
/// only where a sub-target names a part of the territory (`其中甲乙市…`).
pub(super) const ADMIN_SUFFIXES: &[char] = &['省', '市', '县', '州', '盟', '旗'];

pub(super) const DASHES: &[char] = &[
    '—', '–', '-', '－', '―', '~', '～', '‐', '‑', '‒', '−', '⁓', '至', '到',
];
pub(super) const CLAUSE_BREAKS: &[char] = &['，', '；', '：', ',', ';', ':', '\n'];
pub(super) const SENTENCE_BREAKS: &[char] = &['。', '！', '？', '!', '?', '\n'];
pub(super) const OPENERS: &[char] = &['（', '(', '“', '《', '〔', '【', '「', '『', '[', '〈', '‘'];
pub(super) const CLOSERS: &[char] = &['）', ')', '”', '》', '〕', '】', '」', '』', ']', '〉', '’'];
/// A line ending in one of these ends a sentence; otherwise a line break
/// inside a long line is taken as a wrap and joined.
pub(super) const LINE_END_BREAKS: &[char] = &[
    '。', '！', '？', '；', '：', '!', '?', ';', ':', '）', ')', '”', '」',
];
/// How many earlier rows of a sentence are searched for a baseline or an
/// elliptic metric's full form.
pub(super) const LOOK_BACK: usize = 8;
/// Lines this short (headings) always end at their line break.
pub(super) const SHORT_LINE: usize = 20;

pub(super) fn normalize_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        _ => c,
    }
}
