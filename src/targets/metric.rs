//! Metric identity: which wordings of a target's metric name the same
//! quantity, so one metric lines up across documents however each words it.
//!
//! A wording is normalized ([`MetricTable::normalize`]) by grammar — widths
//! folded, spaces, quotes and bracketed glosses dropped, a baseline left at
//! the end dropped — and by the word groups of the data file
//! (`data/metrics.toml`: 地区生产总值 → 生产总值, 能源消耗 → 能耗, 占比 →
//! 比重 …). Its key ([`MetricTable::key_of`]) is the key of the table's
//! metric one of whose names normalizes the same, else the normalized
//! wording itself: wordings no list names still meet their kin, and
//! different quantities (单位工业增加值能耗, 吨钢综合能耗) keep different
//! keys because nothing makes them equal.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Target;

/// The metric table shipped with the program.
pub const EMBEDDED_METRICS: &str = include_str!("../../data/metrics.toml");

/// Errors in a metric table file.
#[derive(Debug, thiserror::Error)]
pub enum MetricTableError {
    /// The TOML did not parse or did not have the expected shape.
    #[error("指标同义词表不是有效的 TOML：{0}")]
    Toml(#[from] toml::de::Error),
    /// A key, word or synonym is empty (or nothing but spaces and brackets).
    #[error("指标同义词表中有空的{what}")]
    Empty {
        /// Which field (`key`, `as`, `words`, `synonyms`).
        what: &'static str,
    },
    /// One name normalizes to a spelling two metrics claim.
    #[error("名称“{name}”（规范化为“{normalized}”）同时属于指标“{first}”和“{second}”")]
    Conflict {
        /// The name as written in the file.
        name: String,
        /// Its normalized form.
        normalized: String,
        /// The metric that claimed it first.
        first: String,
        /// The metric that claimed it again.
        second: String,
    },
    /// One word is given two replacements.
    #[error("词“{word}”同时替换为“{first}”和“{second}”")]
    WordConflict {
        /// The word.
        word: String,
        /// Its first replacement.
        first: String,
        /// Its second replacement.
        second: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricFile {
    #[serde(default)]
    same_word: Vec<SameWordEntry>,
    #[serde(default)]
    metric: Vec<MetricEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SameWordEntry {
    #[serde(rename = "as")]
    canonical: String,
    words: Vec<String>,
    #[serde(default)]
    at_start: bool,
}

/// One metric of the table: its key and other names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricEntry {
    /// The key every row of the metric is listed under (`能耗强度`).
    pub key: String,
    /// Other names, as written in the file.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

impl MetricEntry {
    /// The key and then every synonym.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.key.as_str()).chain(self.synonyms.iter().map(String::as_str))
    }
}

/// One word replacement.
#[derive(Debug, Clone)]
struct Replacement {
    word: Vec<char>,
    by: String,
    at_start: bool,
}

/// The metric table: word groups and metrics with several names.
#[derive(Debug, Clone, Default)]
pub struct MetricTable {
    metrics: Vec<MetricEntry>,
    /// Replacements by first character, longest word first.
    replacements: HashMap<char, Vec<Replacement>>,
    /// Normalized name → index in `metrics`.
    by_name: HashMap<String, usize>,
}

/// Characters dropped wherever they are: quotes and the like.
fn is_dropped(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』' | '·'
        )
}

fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '（' | '〔' | '【')
}

fn is_closing(c: char) -> bool {
    matches!(c, ')' | ']' | '）' | '〕' | '】')
}

/// `chars` without bracketed glosses (`（GDP）`, `(SO2)`), nested ones
/// included; an unclosed bracket is kept as text.
fn without_glosses(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if is_opening(chars[i]) {
            let mut depth = 0usize;
            let mut end = None;
            for (j, &c) in chars.iter().enumerate().skip(i) {
                if is_opening(c) {
                    depth += 1;
                } else if is_closing(c) {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = Some(j);
                        break;
                    }
                }
            }
            if let Some(end) = end {
                i = end + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Drops a baseline left at the end of a wording: `比年`, `较2020年`,
/// `比2020年` (a page that lost the year's digits leaves `比年`).
fn without_trailing_baseline(chars: &mut Vec<char>) {
    let n = chars.len();
    if n < 3 || chars[n - 1] != '年' {
        return;
    }
    let mut k = n - 1;
    while k > 0 && chars[k - 1].is_ascii_digit() {
        k -= 1;
    }
    if k > 1 && matches!(chars[k - 1], '比' | '较') && (n - 1 - k == 0 || n - 1 - k == 4) {
        chars.truncate(k - 1);
    }
}

impl MetricTable {
    /// The table of `data/metrics.toml`, parsed once.
    pub fn embedded() -> &'static MetricTable {
        static TABLE: OnceLock<MetricTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            MetricTable::from_toml_str(EMBEDDED_METRICS)
                .expect("data/metrics.toml is valid (checked by its unit test)")
        })
    }

    /// Parses a table in the `data/metrics.toml` format.
    pub fn from_toml_str(text: &str) -> Result<MetricTable, MetricTableError> {
        let file: MetricFile = toml::from_str(text)?;
        let mut table = MetricTable::default();
        // Words first: names are compared in normalized form.
        let mut word_to: HashMap<String, String> = HashMap::new();
        for group in &file.same_word {
            let canonical = table.normalize(&group.canonical);
            if canonical.is_empty() {
                return Err(MetricTableError::Empty { what: "as" });
            }
            for word in &group.words {
                let word = table.prepare(word).into_iter().collect::<String>();
                if word.is_empty() {
                    return Err(MetricTableError::Empty { what: "words" });
                }
                if let Some(first) = word_to.get(&word) {
                    if *first != canonical {
                        return Err(MetricTableError::WordConflict {
                            word,
                            first: first.clone(),
                            second: canonical,
                        });
                    }
                    continue;
                }
                word_to.insert(word.clone(), canonical.clone());
                let chars: Vec<char> = word.chars().collect();
                table
                    .replacements
                    .entry(chars[0])
                    .or_default()
                    .push(Replacement {
                        word: chars,
                        by: canonical.clone(),
                        at_start: group.at_start,
                    });
            }
        }
        for list in table.replacements.values_mut() {
            list.sort_by_key(|r| std::cmp::Reverse(r.word.len()));
        }
        for entry in file.metric {
            if table.normalize(&entry.key).is_empty() {
                return Err(MetricTableError::Empty { what: "key" });
            }
            let index = table.metrics.len();
            for name in entry.names() {
                let normalized = table.normalize(name);
                if normalized.is_empty() {
                    return Err(MetricTableError::Empty { what: "synonyms" });
                }
                match table.by_name.get(&normalized) {
                    Some(&other) if other != index => {
                        return Err(MetricTableError::Conflict {
                            name: name.to_string(),
                            normalized,
                            first: table.metrics[other].key.clone(),
                            second: entry.key.clone(),
                        })
                    }
                    _ => {
                        table.by_name.insert(normalized, index);
                    }
                }
            }
            table.metrics.push(entry);
        }
        Ok(table)
    }

    /// The grammar part of normalization: widths folded, ASCII letters in
    /// upper case, spaces, quotes and bracketed glosses dropped, a trailing
    /// baseline dropped.
    fn prepare(&self, wording: &str) -> Vec<char> {
        let folded: Vec<char> = crate::text::fold_width(wording)
            .chars()
            .filter(|&c| !is_dropped(c))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let mut chars = without_glosses(&folded);
        if chars.is_empty() {
            // A wording that is nothing but a gloss keeps its text.
            chars = folded;
        }
        without_trailing_baseline(&mut chars);
        chars
    }

    /// The normalized form of a wording: [`Self::prepare`], then every word
    /// of a word group replaced by the group's word (longest first, left to
    /// right). Two wordings with the same normalized form name the same
    /// metric.
    pub fn normalize(&self, wording: &str) -> String {
        let chars = self.prepare(wording);
        let mut out = String::with_capacity(wording.len());
        let mut i = 0;
        'scan: while i < chars.len() {
            if let Some(list) = self.replacements.get(&chars[i]) {
                for r in list {
                    if (!r.at_start || i == 0) && chars[i..].starts_with(&r.word) {
                        out.push_str(&r.by);
                        i += r.word.len();
                        continue 'scan;
                    }
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }

    /// The metric's key: the key of the table's metric whose name
    /// normalizes like `wording`, else the normalized wording.
    pub fn key_of(&self, wording: &str) -> String {
        let normalized = self.normalize(wording);
        match self.by_name.get(&normalized) {
            Some(&i) => self.metrics[i].key.clone(),
            None => normalized,
        }
    }

    /// The table's metric with this key, if it is one.
    pub fn entry(&self, key: &str) -> Option<&MetricEntry> {
        self.by_name
            .get(&self.normalize(key))
            .map(|&i| &self.metrics[i])
            .filter(|e| e.key == key)
    }

    /// The table's metrics, in file order.
    pub fn metrics(&self) -> &[MetricEntry] {
        &self.metrics
    }
}

/// Every known wording of each metric that has several: the table's names
/// and the wordings the corpus's rows use (`单位地区生产总值（GDP）能耗`), by
/// key. What a search for one wording also looks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricWordings {
    by_key: BTreeMap<String, Vec<String>>,
}

/// Longest wording taken from a row, in characters (longer "metrics" are
/// goal texts, not names).
const WORDING_MAX: usize = 40;

impl MetricWordings {
    /// The wordings of the shipped table and of `targets` (rows with a
    /// number), keeping the metrics with two or more.
    pub fn build(targets: &[Target]) -> MetricWordings {
        let table = MetricTable::embedded();
        let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut add = |key: &str, wording: &str| {
            let list = by_key.entry(key.to_string()).or_default();
            if !list.iter().any(|w| w == wording) {
                list.push(wording.to_string());
            }
        };
        for m in table.metrics() {
            for name in m.names() {
                add(&m.key, name);
            }
        }
        for t in targets {
            if t.value.is_some() && t.metric.chars().count() <= WORDING_MAX {
                add(&t.metric_key, t.metric.trim());
            }
        }
        by_key.retain(|_, list| list.len() >= 2);
        MetricWordings { by_key }
    }

    /// Keys of the metrics a wording of which contains `part` (compared
    /// half width and lowercase), and the key `part` itself names by the
    /// table: what a typed word finds among metrics however they are worded.
    pub fn keys_worded(&self, part: &str) -> Vec<String> {
        let fold = |s: &str| crate::text::fold_width(s).to_lowercase();
        let part = fold(part.trim());
        if part.is_empty() {
            return Vec::new();
        }
        let mut keys: Vec<String> = self
            .by_key
            .iter()
            .filter(|(key, list)| {
                fold(key).contains(&part) || list.iter().any(|w| fold(w).contains(&part))
            })
            .map(|(key, _)| key.clone())
            .collect();
        let named = MetricTable::embedded().key_of(&part);
        if !named.is_empty() && !keys.contains(&named) {
            keys.push(named);
        }
        keys
    }

    /// The other wordings of the metric `word` names (none when it names
    /// no metric with several).
    pub fn synonyms_of(&self, word: &str) -> Vec<String> {
        let word = word.trim();
        if word.is_empty() {
            return Vec::new();
        }
        let key = MetricTable::embedded().key_of(word);
        self.by_key
            .get(&key)
            .map(|list| list.iter().filter(|w| *w != word).cloned().collect())
            .unwrap_or_default()
    }
}

/// The key of a wording by the shipped table ([`MetricTable::key_of`]).
pub fn metric_key(wording: &str) -> String {
    MetricTable::embedded().key_of(wording)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        metric_key(w)
    }

    #[test]
    fn the_shipped_table_parses() {
        let table = MetricTable::from_toml_str(EMBEDDED_METRICS).unwrap();
        assert!(table.metrics().iter().any(|m| m.key == "能耗强度"));
    }

    #[test]
    fn energy_intensity_however_worded() {
        for wording in [
            "能耗强度",
            "单位GDP能耗",
            "单位地区生产总值能耗",
            "单位地区生产总值能源消耗",
            "单位生产总值能源消耗",
            "单位国内生产总值能源消耗",
            "单位国内生产总值能耗",
            "单位地区生产总值能源消费",
            "单位地区生产总值（GDP）能耗",
            "单位 GDP 能耗",
            "单位ＧＤＰ能耗",
            "万元GDP能耗",
            "万元地区生产总值能耗",
            "单位生产总值能源消耗比年",
            "单位生产总值能耗较2020年",
            "“单位GDP能耗”",
        ] {
            assert_eq!(key(wording), "能耗强度", "{wording}");
        }
    }

    #[test]
    fn distinct_intensities_stay_distinct() {
        for wording in [
            "单位地区生产总值二氧化碳排放",
            "单位工业增加值能耗",
            "规模以上工业单位增加值能耗",
            "规模以上工业企业单位增加值能耗",
            "吨钢综合能耗",
            "水泥熟料单位产品综合能耗",
            "单位建筑面积能耗",
            "万元收入能耗",
            "人均综合能耗",
            "能耗总量",
            "单位GDP用水量",
        ] {
            assert_ne!(key(wording), "能耗强度", "{wording}");
        }
        assert_eq!(key("单位地区生产总值二氧化碳排放"), "碳排放强度");
        assert_eq!(key("单位GDP二氧化碳排放量"), "碳排放强度");
        assert_eq!(key("单位国内生产总值CO2排放"), "碳排放强度");
        assert_ne!(key("单位工业增加值能耗"), key("规模以上工业单位增加值能耗"));
    }

    #[test]
    fn words_are_equivalent_inside_names_no_list_names() {
        // Neither wording is listed: they meet through the word groups.
        assert_eq!(key("单位地区生产总值用水量"), key("单位GDP用水量"));
        assert_eq!(key("可再生能源消费占比"), key("可再生能源消费比重"));
        assert_eq!(key("氮氧化物重点工程减排量"), key("NOx重点工程减排量"));
        assert_eq!(key("挥发性有机物重点工程减排量"), key("VOCs重点工程减排量"));
        assert_ne!(
            key("氮氧化物重点工程减排量"),
            key("化学需氧量重点工程减排量")
        );
        assert_eq!(key("非化石能源消费占比"), "非化石能源消费比重");
        assert_eq!(key("非化石能源占能源消费总量比重"), "非化石能源消费比重");
        assert_eq!(key("煤炭消费占比"), "煤炭消费比重");
        assert_eq!(
            key("能效达到标杆水平的产能比例"),
            "能效标杆水平以上产能比重"
        );
        assert_eq!(key("能效标杆水平以上产能占比"), "能效标杆水平以上产能比重");
    }

    #[test]
    fn start_only_words_and_glosses() {
        // 万元 is 单位 only where the name begins.
        assert_eq!(key("营业收入2000万元以上企业"), "营业收入2000万元以上企业");
        assert_eq!(key("二氧化硫（SO2）排放总量"), key("二氧化硫排放总量"));
        assert_eq!(
            key("空气质量优良天数比例（AQI达标率）"),
            key("空气质量优良天数比重")
        );
        // Nothing but a gloss keeps its text; an unclosed bracket is text.
        assert_eq!(key("（AQI）"), "(AQI)");
        assert_eq!(key("单位（GDP能耗"), "单位(生产总值能耗");
    }

    #[test]
    fn a_conflicting_table_is_refused() {
        let e = MetricTable::from_toml_str(
            "[[metric]]\nkey = \"甲\"\nsynonyms = [\"单位GDP能耗\"]\n[[metric]]\nkey = \"乙\"\nsynonyms = [\"单位GDP 能耗\"]\n",
        )
        .unwrap_err();
        assert!(matches!(e, MetricTableError::Conflict { .. }), "{e}");
        let e = MetricTable::from_toml_str("[[metric]]\nkey = \" \"\n").unwrap_err();
        assert!(matches!(e, MetricTableError::Empty { .. }), "{e}");
        let e = MetricTable::from_toml_str(
            "[[same_word]]\nas = \"甲\"\nwords = [\"乙\"]\n[[same_word]]\nas = \"丙\"\nwords = [\"乙\"]\n",
        )
        .unwrap_err();
        assert!(matches!(e, MetricTableError::WordConflict { .. }), "{e}");
        assert!(MetricTable::from_toml_str("[[metric]]\nname = \"甲\"\n").is_err());
    }

    #[test]
    fn wordings_gather_the_table_and_the_corpus() {
        let mut rows =
            crate::targets::extract_targets("甲", "甲:一", "单位地区生产总值（GDP）能耗下降17%。");
        rows.extend(crate::targets::extract_targets(
            "乙",
            "乙:一",
            "单位工业增加值能耗下降5%。",
        ));
        let w = MetricWordings::build(&rows);
        let of = w.synonyms_of("能耗强度");
        assert!(
            of.iter().any(|s| s == "单位地区生产总值（GDP）能耗"),
            "{of:?}"
        );
        assert!(of.iter().any(|s| s == "单位GDP能耗"), "{of:?}");
        assert!(!of.iter().any(|s| s == "能耗强度"), "not the word itself");
        assert!(!of.iter().any(|s| s.contains("工业")), "{of:?}");
        assert!(w.synonyms_of("单位工业增加值能耗").is_empty());
        assert!(w.synonyms_of("能耗").is_empty(), "a word, not a metric");
    }

    #[test]
    fn table_keys_are_found_again() {
        let t = MetricTable::embedded();
        for m in t.metrics() {
            assert_eq!(
                t.entry(&m.key).map(|e| e.key.as_str()),
                Some(m.key.as_str())
            );
            for name in m.names() {
                assert_eq!(t.key_of(name), m.key, "{name}");
            }
        }
        assert!(t.entry("单位GDP能耗").is_none(), "a synonym is not a key");
    }
}
