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

use std::collections::HashSet;

use jieba_rs::Jieba;

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
}
