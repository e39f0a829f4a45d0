//! Pinyin keys for the names and terms a corpus knows, so they can be typed
//! without a Chinese input method: `fagaiwei` or `fgw` → 发改委, `gangtie` →
//! 钢铁.
//!
//! [`PinyinIndex`] is built at load time from whatever names exist
//! (department names and aliases, plan short names, dictionary terms) —
//! nothing is hard-coded. Each term gets two kinds of key, both lowercase
//! ASCII without tones or spaces:
//!
//! * full pinyin: `fagaiwei`;
//! * initials, the first letter of each syllable: `fgw`.
//!
//! `ü` is keyed both as `v` (the IME convention) and as `u`. A character with
//! several readings (多音字, e.g. 行 xing/hang) adds one extra key per
//! alternative reading, one character at a time (so 银行 is `yinhang` as
//! well as `yinxing`), which keeps the key count linear in term length.
//! Only terms made entirely of Han characters are keyed.

use std::collections::{BTreeMap, BTreeSet};

use ::pinyin::{ToPinyin, ToPinyinMulti};
use serde::{Deserialize, Serialize};

/// Where a keyed term comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// A canonical department name or one of its aliases.
    Department,
    /// A plan short name.
    Plan,
    /// A word of the domain or user dictionary.
    Dictionary,
    /// A metric's key or synonym from the metric table (`能耗强度`).
    Metric,
}

/// One term a pinyin key stands for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PinyinTerm {
    /// The Chinese term, e.g. `发改委`.
    pub text: String,
    /// Where it comes from.
    pub kind: TermKind,
}

/// Which form of key matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyForm {
    /// Full pinyin (`fagaiwei`).
    Full,
    /// Initials (`fgw`).
    Initials,
}

/// Full-pinyin and initials keys → the terms they spell.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PinyinIndex {
    full: BTreeMap<String, BTreeSet<PinyinTerm>>,
    initials: BTreeMap<String, BTreeSet<PinyinTerm>>,
}

/// Shortest key that is looked up: single letters would match everything.
pub const MIN_KEY_LEN: usize = 2;

/// True for a word that may be pinyin: ASCII letters only, at least
/// [`MIN_KEY_LEN`] of them.
pub fn looks_like_pinyin(word: &str) -> bool {
    word.len() >= MIN_KEY_LEN && word.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The readings of one character (plain, lowercase), primary first, with
/// `ü` spelled both `v` and `u`.
fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        for spelled in [s.replace('ü', "v"), s.replace('ü', "u")] {
            if !spelled.is_empty() && !out.contains(&spelled) {
                out.push(spelled);
            }
        }
    };
    if let Some(p) = c.to_pinyin() {
        push(p.plain());
    }
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            push(p.plain());
        }
    }
    out
}

/// Full-pinyin spellings of a Han-only term: the primary reading of every
/// character, plus one variant per alternative reading of one character.
/// Empty if the term has a character without a reading.
pub fn full_keys(term: &str) -> Vec<String> {
    let per_char: Vec<Vec<String>> = term.chars().map(readings).collect();
    if per_char.is_empty() || per_char.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    let primary: Vec<&str> = per_char.iter().map(|r| r[0].as_str()).collect();
    let mut keys = vec![primary.concat()];
    for (i, alternatives) in per_char.iter().enumerate() {
        for alt in alternatives.iter().skip(1) {
            let mut parts = primary.clone();
            parts[i] = alt;
            let key = parts.concat();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// Initials of a Han-only term (`发改委` → `fgw`), including the initials of
/// alternative readings one character at a time.
pub fn initials_keys(term: &str) -> Vec<String> {
    let per_char: Vec<Vec<char>> = term
        .chars()
        .map(|c| {
            let mut firsts: Vec<char> = Vec::new();
            for r in readings(c) {
                if let Some(f) = r.chars().next() {
                    if !firsts.contains(&f) {
                        firsts.push(f);
                    }
                }
            }
            firsts
        })
        .collect();
    if per_char.is_empty() || per_char.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    let primary: String = per_char.iter().map(|f| f[0]).collect();
    let mut keys = vec![primary.clone()];
    for (i, alternatives) in per_char.iter().enumerate() {
        for &alt in alternatives.iter().skip(1) {
            let key: String = primary
                .chars()
                .enumerate()
                .map(|(j, c)| if j == i { alt } else { c })
                .collect();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// True when `typed` (lowercase ASCII letters) spells the initials of a
/// run of consecutive characters of `text` (`qjys` in 清洁运输比例), any
/// reading of a heteronym counting; a Latin letter or digit stands for
/// itself and other characters (punctuation) are skipped. For finding as
/// one types, where every prefix of the initials must already find.
pub fn initials_contain(text: &str, typed: &str) -> bool {
    let typed: Vec<char> = typed.chars().collect();
    if typed.is_empty() {
        return true;
    }
    let letters: Vec<Vec<char>> = text
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(vec![c.to_ascii_lowercase()])
            } else if is_han(c) {
                let mut firsts: Vec<char> = readings(c)
                    .iter()
                    .filter_map(|r| r.chars().next())
                    .collect();
                firsts.dedup();
                Some(firsts)
            } else {
                None
            }
        })
        .collect();
    letters
        .windows(typed.len())
        .any(|window| window.iter().zip(&typed).all(|(can, t)| can.contains(t)))
}

impl PinyinIndex {
    /// Builds the index from `(term, kind)` pairs; terms that are not
    /// entirely Han characters, or shorter than two characters, are skipped.
    pub fn build<'a>(terms: impl IntoIterator<Item = (&'a str, TermKind)>) -> PinyinIndex {
        let mut index = PinyinIndex::default();
        for (text, kind) in terms {
            index.add(text, kind);
        }
        index
    }

    /// Adds one term (see [`PinyinIndex::build`] for what is skipped).
    pub fn add(&mut self, text: &str, kind: TermKind) {
        let text = text.trim();
        if text.chars().count() < 2 || !text.chars().all(is_han) {
            return;
        }
        let term = PinyinTerm {
            text: text.to_string(),
            kind,
        };
        for key in full_keys(text) {
            self.full.entry(key).or_default().insert(term.clone());
        }
        for key in initials_keys(text) {
            self.initials.entry(key).or_default().insert(term.clone());
        }
    }

    /// Every term spelled by `key` (case-insensitive), full pinyin first,
    /// then initials, each in (kind, text) order; empty unless the key
    /// [`looks_like_pinyin`].
    pub fn lookup(&self, key: &str) -> Vec<(&PinyinTerm, KeyForm)> {
        if !looks_like_pinyin(key) {
            return Vec::new();
        }
        let key = key.to_ascii_lowercase();
        let mut out: Vec<(&PinyinTerm, KeyForm)> = Vec::new();
        for (map, form) in [
            (&self.full, KeyForm::Full),
            (&self.initials, KeyForm::Initials),
        ] {
            for term in map.get(&key).into_iter().flatten() {
                if !out.iter().any(|(t, _)| *t == term) {
                    out.push((term, form));
                }
            }
        }
        out
    }

    /// Terms of one kind spelled by `key`, deduplicated, in lookup order.
    pub fn lookup_kind(&self, key: &str, kind: TermKind) -> Vec<&str> {
        self.lookup(key)
            .into_iter()
            .filter(|(t, _)| t.kind == kind)
            .map(|(t, _)| t.text.as_str())
            .collect()
    }

    /// Number of distinct keys (full and initials).
    pub fn len(&self) -> usize {
        self.full.len() + self.initials.len()
    }

    /// True when nothing is keyed.
    pub fn is_empty(&self) -> bool {
        self.full.is_empty() && self.initials.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_initials_keys() {
        let idx = PinyinIndex::build([("发改委", TermKind::Department)]);
        for key in ["fagaiwei", "FaGaiWei", "fgw"] {
            let found = idx.lookup_kind(key, TermKind::Department);
            assert_eq!(found, ["发改委"], "{key}");
        }
        assert!(idx.lookup("fagai").is_empty(), "prefixes are not keys");
        assert!(idx.lookup("f").is_empty());
        assert!(idx.lookup("fg w").is_empty());
    }

    #[test]
    fn heteronyms_add_alternative_readings() {
        let keys = full_keys("银行");
        assert!(keys.contains(&"yinhang".to_string()), "{keys:?}");
        assert!(initials_keys("银行").contains(&"yh".to_string()));
    }

    #[test]
    fn ambiguous_initials_give_every_term() {
        let idx = PinyinIndex::build([
            ("钢铁", TermKind::Plan),
            ("杠铁", TermKind::Dictionary),
            ("水泥", TermKind::Plan),
        ]);
        let texts: Vec<&str> = idx.lookup("gt").iter().map(|t| t.0.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts.contains(&"钢铁") && texts.contains(&"杠铁"));
        assert_eq!(idx.lookup_kind("shuini", TermKind::Plan), ["水泥"]);
    }

    #[test]
    fn non_han_and_single_characters_are_not_keyed() {
        let idx = PinyinIndex::build([
            ("5G网络", TermKind::Dictionary),
            ("部", TermKind::Dictionary),
        ]);
        assert!(idx.is_empty());
    }

    #[test]
    fn initials_are_found_inside_a_term_as_typed() {
        for typed in ["q", "qj", "qjys", "ysbl", "gdp"] {
            let text = if typed == "gdp" {
                "单位GDP能耗"
            } else {
                "清洁运输比例"
            };
            assert!(initials_contain(text, typed), "{typed} in {text}");
        }
        assert!(!initials_contain("清洁运输比例", "qjx"));
        assert!(!initials_contain("清洁", "qjys"), "longer than the text");
        assert!(initials_contain("银行", "yh") && initials_contain("银行", "yx"));
        assert!(initials_contain("能耗（全国）", "nhqg"), "brackets skipped");
    }

    #[test]
    fn u_umlaut_is_v_and_u() {
        let keys = full_keys("绿色");
        assert!(keys.contains(&"lvse".to_string()), "{keys:?}");
        assert!(keys.contains(&"luse".to_string()), "{keys:?}");
    }
}
