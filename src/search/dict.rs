//! Restricted jieba dictionaries: the full dictionary cut down to the words
//! that can matter for one corpus.
//!
//! Loading jieba's full dictionary (350,000 words) costs tens of
//! milliseconds and ~37 MB, which would dominate a one-shot search. But
//! jieba's segmentation of a text only ever looks at the dictionary words
//! that occur *inside* that text (the DAG holds the dictionary words found
//! at each character; search mode adds the 2- and 3-character words found
//! inside longer ones), their frequencies, and the dictionary's total
//! frequency. So a dictionary holding
//!
//! * every full-dictionary word that occurs in the texts it will segment,
//!   with its full-dictionary frequency, and
//! * one [`SENTINEL`] word, which never occurs in any text, whose frequency
//!   makes the total equal to the full dictionary's,
//!
//! segments those texts exactly as the full dictionary does (same DAG, same
//! log-probabilities, same tie-breaks). At index build time
//! [`derive`] computes such a dictionary for the corpus text, the headings,
//! the alias table and the domain dictionary; it is stored beside the index
//! (derived data) and loaded for queries. A query string that is not
//! covered by it is segmented with the full dictionary instead (see
//! `Segmenter` in `index.rs`), so query segmentation always equals the full
//! dictionary's.
//!
//! The same argument cuts it down once more per query string: a
//! [`QueryDictionary`] keeps the derived lines in word order and, for one
//! string, builds a jieba of only the words that occur in that string (a
//! few binary searches) plus a sentinel that keeps the total. Building a
//! jieba of the whole derived dictionary instead took a millisecond of
//! every one-shot search at 1,000 plans.

use std::collections::HashSet;

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

/// The sentinel word: private-use characters, which jieba never puts in a
/// dictionary block, so it can never be matched in any text.
pub const SENTINEL: &str = "\u{E000}\u{E001}";

/// Longest dictionary word (in characters) containing an ASCII character
/// that [`dictionary_words`] looks for. jieba's default dictionary's longest
/// word is 16 characters (its longest with ASCII has 10).
const MAX_MIXED_WORD_CHARS: usize = 16;

/// Total frequency of a dictionary. jieba-rs exposes it only through its
/// `Debug` output (`Jieba { records_len: …, total_freq: … }`).
pub fn total_freq(jieba: &Jieba) -> Option<usize> {
    let debug = format!("{jieba:?}");
    let rest = debug.split("total_freq: ").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Frequency of `word` in `jieba` (which must contain it). jieba-rs has no
/// getter, so the word is set to frequency 0, the drop in the total is its
/// frequency, and the frequency is put back.
pub fn word_freq(jieba: &mut Jieba, word: &str) -> Option<usize> {
    let before = total_freq(jieba)?;
    jieba.add_word(word, Some(0), None);
    let after = total_freq(jieba)?;
    let freq = before.checked_sub(after)?;
    jieba.add_word(word, Some(freq), None);
    Some(freq)
}

/// Characters jieba may put in one dictionary block (a superset of its
/// default class: CJK, ASCII alphanumerics and `+#&._%-`).
fn in_block(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// Adds to `out` every dictionary word occurring in `text`: all-CJK words
/// through jieba's full mode (every dictionary word at every character),
/// words with ASCII characters by trying every substring of a block that
/// contains one. `seen_runs` skips blocks already done.
pub fn dictionary_words(
    jieba: &Jieba,
    text: &str,
    seen_runs: &mut HashSet<String>,
    out: &mut HashSet<String>,
) {
    for run in text.split(|c: char| !in_block(c)).filter(|r| !r.is_empty()) {
        if seen_runs.contains(run) {
            continue;
        }
        seen_runs.insert(run.to_string());
        for token in jieba.cut_all(run) {
            if !out.contains(token.word) && jieba.has_word(token.word) {
                out.insert(token.word.to_string());
            }
        }
        if !run.bytes().any(|b| b.is_ascii()) {
            continue;
        }
        let chars: Vec<(usize, char)> = run.char_indices().collect();
        for i in 0..chars.len() {
            let mut has_ascii = false;
            for j in i..chars.len().min(i + MAX_MIXED_WORD_CHARS) {
                has_ascii |= chars[j].1.is_ascii();
                if !has_ascii {
                    continue;
                }
                let end = chars.get(j + 1).map_or(run.len(), |c| c.0);
                let word = &run[chars[i].0..end];
                if !out.contains(word) && jieba.has_word(word) {
                    out.insert(word.to_string());
                }
            }
        }
    }
}

/// The restricted dictionary (jieba dictionary format, `word freq` lines,
/// sentinel last) for `texts`, derived from `full`, or `None` if the
/// frequencies cannot be read from this jieba-rs version.
pub fn derive<'a>(full: &mut Jieba, texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut words = HashSet::new();
    let mut seen = HashSet::new();
    for text in texts {
        dictionary_words(full, text, &mut seen, &mut words);
    }
    let mut words: Vec<String> = words.into_iter().collect();
    words.sort();
    let total = total_freq(full)?;
    let mut sum = 0usize;
    let mut out = String::new();
    for word in &words {
        let freq = word_freq(full, word)?;
        sum += freq;
        out.push_str(word);
        out.push(' ');
        out.push_str(&freq.to_string());
        out.push('\n');
    }
    let sentinel = total.checked_sub(sum)?;
    out.push_str(&format!("{SENTINEL} {sentinel}\n"));
    // A restricted dictionary is useless if reading it back changes the total.
    let loaded = load(&out)?;
    (total_freq(&loaded)? == total).then_some(out)
}

/// Loads a restricted dictionary written by [`derive`].
pub fn load(text: &str) -> Option<Jieba> {
    Jieba::with_dict(&mut text.as_bytes()).ok()
}

/// A restricted dictionary ([`derive`]) kept as text in word order, from
/// which a dictionary for each query string is cut ([`Self::for_text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryDictionary {
    /// The `word freq` lines of the words, sorted by word (bytewise), each
    /// ending in a newline; no sentinel.
    lines: String,
    /// Frequency total of the dictionary it was derived from.
    total: u64,
    /// Characters in its longest word: no longer piece of a string can be
    /// one of its words.
    longest_word: u32,
}

impl QueryDictionary {
    /// Reads the output of [`derive`]; `None` if it is not that: lines out
    /// of order, a line without a frequency, no sentinel last.
    pub fn from_derived(derived: &str) -> Option<QueryDictionary> {
        let body = derived.strip_suffix('\n')?;
        let (words, sentinel) = match body.rfind('\n') {
            Some(end) => (&derived[..=end], &body[end + 1..]),
            None => ("", body),
        };
        let mut total = sentinel_freq(sentinel)?;
        let mut longest_word = 0;
        let mut previous: Option<&str> = None;
        for line in words.lines() {
            let (word, freq) = word_and_freq(line)?;
            if previous.is_some_and(|p| p >= word) {
                return None;
            }
            previous = Some(word);
            total = total.checked_add(freq)?;
            longest_word = longest_word.max(word.chars().count() as u32);
        }
        Some(QueryDictionary {
            lines: words.to_string(),
            total,
            longest_word,
        })
    }

    /// A dictionary that segments `text` exactly as the whole restricted
    /// dictionary does: the words occurring in `text`, with their
    /// frequencies, and a sentinel carrying the rest of the total (see the
    /// module documentation).
    pub fn for_text(&self, text: &str) -> Option<Jieba> {
        let mut cut = None;
        self.grow(&mut cut, text)?;
        cut.map(|c: QueryCut| c.jieba)
    }

    /// `cut` (started if `None`) grown by the words occurring in `text`: it
    /// then segments `text`, and every string it grew by before, exactly
    /// as the whole restricted dictionary does, since words not inside a
    /// string never matter to its segmentation. Growing one cut, rather
    /// than building a jieba per string, pays jieba's fixed cost of a new
    /// dictionary (a 512 KB table) once.
    pub fn grow<'c>(&self, cut: &'c mut Option<QueryCut>, text: &str) -> Option<&'c Jieba> {
        if cut.is_none() {
            let jieba = load(&format!("{SENTINEL} {}\n", self.total))?;
            *cut = Some(QueryCut {
                jieba,
                sentinel: self.total,
            });
        }
        let cut = cut.as_mut()?;
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let sentinel_before = cut.sentinel;
        for (i, &start) in bounds.iter().enumerate() {
            let last = (i + self.longest_word as usize).min(bounds.len() - 1);
            for &end in bounds.get(i + 1..=last).unwrap_or_default() {
                let Some(line) = self.line_of(&text[start..end]) else {
                    continue;
                };
                let (word, freq) = word_and_freq(line)?;
                if !cut.jieba.has_word(word) {
                    cut.sentinel = cut.sentinel.checked_sub(freq)?;
                    cut.jieba.add_word(word, Some(freq as usize), None);
                }
            }
        }
        if cut.sentinel != sentinel_before {
            cut.jieba
                .add_word(SENTINEL, Some(cut.sentinel as usize), None);
        }
        Some(&cut.jieba)
    }

    /// The line (without its newline) of `word`, if it is one of the words:
    /// a binary search over the text, each probe backing up to the start
    /// of the line it lands in, so nothing is indexed beforehand.
    fn line_of(&self, word: &str) -> Option<&str> {
        let body = self.lines.as_bytes();
        // `low` and `high` are always line starts (or the end).
        let (mut low, mut high) = (0, body.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let start = body[low..middle]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(low, |p| low + p + 1);
            let end = start + body[start..].iter().position(|&b| b == b'\n')?;
            let line = &self.lines[start..end];
            let here = line.split(' ').next().unwrap_or(line);
            match here.cmp(word) {
                std::cmp::Ordering::Equal => return Some(line),
                std::cmp::Ordering::Less => low = end + 1,
                std::cmp::Ordering::Greater => high = start,
            }
        }
        None
    }
}

/// A dictionary cut from a [`QueryDictionary`] for the strings it grew by
/// ([`QueryDictionary::grow`]).
pub struct QueryCut {
    jieba: Jieba,
    /// The sentinel's frequency: the total less the words' frequencies.
    sentinel: u64,
}

/// Word and frequency of a `word freq [tag]` line.
fn word_and_freq(line: &str) -> Option<(&str, u64)> {
    let mut parts = line.split(' ');
    let word = parts.next().filter(|w| !w.is_empty())?;
    let freq = parts.next()?.parse().ok()?;
    Some((word, freq))
}

/// Frequency of the sentinel line.
fn sentinel_freq(line: &str) -> Option<u64> {
    let (word, freq) = word_and_freq(line)?;
    (word == SENTINEL).then_some(freq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_round_trip() {
        let mut jieba = Jieba::new();
        let total = total_freq(&jieba).unwrap();
        assert!(total > 1_000_000, "{total}");
        let freq = word_freq(&mut jieba, "发电").unwrap();
        assert!(freq > 0);
        assert_eq!(total_freq(&jieba), Some(total), "frequency put back");
        jieba.add_word("发电", Some(freq + 7), None);
        assert_eq!(total_freq(&jieba), Some(total + 7));
    }

    #[test]
    fn finds_cjk_and_mixed_words() {
        let jieba = Jieba::new();
        let mut words = HashSet::new();
        dictionary_words(
            &jieba,
            "余热发电，穿T恤的人",
            &mut HashSet::new(),
            &mut words,
        );
        for w in ["余热", "发电", "T恤", "人"] {
            assert!(words.contains(w), "{w}: {words:?}");
        }
        assert!(!words.contains("热发"), "{words:?}");
    }

    #[test]
    fn restricted_total_equals_full_total() {
        let mut full = Jieba::new();
        let total = total_freq(&full).unwrap();
        let dict = derive(&mut full, ["余热发电"]).unwrap();
        assert!(dict.lines().count() < 20, "{dict}");
        assert!(dict.lines().last().unwrap().starts_with(SENTINEL));
        assert_eq!(total_freq(&load(&dict).unwrap()), Some(total));
    }

    fn query_dictionary(texts: &[&str]) -> (String, QueryDictionary) {
        let derived = derive(&mut Jieba::new(), texts.iter().copied()).unwrap();
        let query = QueryDictionary::from_derived(&derived).expect("read back");
        (derived, query)
    }

    #[test]
    fn every_word_is_found_and_nothing_else() {
        let (derived, query) = query_dictionary(&["余热发电，穿T恤的人参加节能降碳专项行动"]);
        let lines: Vec<&str> = derived
            .lines()
            .filter(|l| !l.starts_with(SENTINEL))
            .collect();
        assert!(lines.len() > 10, "{derived}");
        for line in &lines {
            let word = line.split(' ').next().unwrap();
            assert_eq!(query.line_of(word), Some(*line));
            // A word's prefix, the word with a character more, and a string
            // sorting between two words are not words (unless they are).
            let first = &word[..word.chars().next().unwrap().len_utf8()];
            for other in [first.to_string(), format!("{word}鹳")] {
                let expected = lines
                    .iter()
                    .find(|l| l.split(' ').next() == Some(&other[..]));
                assert_eq!(query.line_of(&other), expected.copied(), "{other}");
            }
        }
        for absent in ["", "鹳", "\u{0}", "\u{10FFFF}", SENTINEL] {
            assert_eq!(query.line_of(absent), None, "{absent:?}");
        }
    }

    #[test]
    fn a_string_gets_its_words_and_the_whole_total() {
        let mut full = Jieba::new();
        let total = total_freq(&full).unwrap();
        let (_, query) = query_dictionary(&["余热发电，穿T恤的人参加节能降碳专项行动"]);
        let mut cut = query.for_text("余热发电").unwrap();
        assert_eq!(total_freq(&cut), Some(total));
        for word in ["余热", "发电", "余热发电"] {
            if !full.has_word(word) {
                continue;
            }
            assert!(cut.has_word(word), "{word}");
            assert_eq!(word_freq(&mut cut, word), word_freq(&mut full, word));
        }
        assert!(
            !cut.has_word("节能"),
            "a word of the dictionary not in the string"
        );
        assert_eq!(total_freq(&query.for_text("").unwrap()), Some(total));
    }

    #[test]
    fn a_cut_grown_by_several_strings_keeps_each_ones_words_and_the_total() {
        let mut full = Jieba::new();
        let total = total_freq(&full).unwrap();
        let (_, query) = query_dictionary(&["余热发电，穿T恤的人参加节能降碳专项行动"]);
        let mut cut = None;
        query.grow(&mut cut, "余热发电").unwrap();
        query.grow(&mut cut, "节能降碳").unwrap();
        let again = query.grow(&mut cut, "余热发电").unwrap();
        assert_eq!(total_freq(again), Some(total));
        let mut cut = cut.unwrap().jieba;
        for word in ["余热", "发电", "节能", "降碳"] {
            if full.has_word(word) {
                assert_eq!(
                    word_freq(&mut cut, word),
                    word_freq(&mut full, word),
                    "{word}"
                );
            }
        }
        assert!(!cut.has_word("专项"));
    }

    #[test]
    fn only_what_derive_writes_is_read() {
        let (derived, _) = query_dictionary(&["余热发电"]);
        let mut swapped: Vec<&str> = derived.lines().collect();
        swapped.swap(0, 1);
        let no_sentinel: String = derived
            .lines()
            .filter(|l| !l.starts_with(SENTINEL))
            .map(|l| format!("{l}\n"))
            .collect();
        for bad in [
            swapped.join("\n") + "\n",
            no_sentinel,
            derived.replacen(' ', "\t", 1),
            derived.trim_end().to_string(),
            String::new(),
        ] {
            assert_eq!(QueryDictionary::from_derived(&bad), None, "{bad}");
        }
        assert!(QueryDictionary::from_derived(&format!("{SENTINEL} 7\n")).is_some());
    }
}
