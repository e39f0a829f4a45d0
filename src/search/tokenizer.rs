//! Chinese text analysis for the index: a jieba word tokenizer and a
//! per-character tokenizer, both implementing tantivy's `Tokenizer`.
//!
//! The word field gives meaningful BM25 scores; the character field gives
//! exact substring matching (a phrase of consecutive characters), which is
//! what guarantees recall whatever jieba decides to do with a query.

use std::sync::OnceLock;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The domain dictionary (jieba user-dict format: `word [freq] [tag]`),
/// embedded in the binary. Part of the index fingerprint.
pub const DOMAIN_DICT: &str = include_str!("../../data/dict.txt");

/// Name under which [`WordTokenizer`] is registered on the index.
pub const WORD_TOKENIZER: &str = "policy_nav_jieba";
/// Name under which [`CharTokenizer`] is registered on the index.
pub const CHAR_TOKENIZER: &str = "policy_nav_char";

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// The shared jieba segmenter with the domain dictionary loaded.
///
/// Building it costs tens of milliseconds, so it is built once per process.
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(full_jieba)
}

/// A new full dictionary (jieba's default plus the domain dictionary).
pub fn full_jieba() -> Jieba {
    let mut jieba = Jieba::new();
    for word in domain_words() {
        let mut parts = word.split_whitespace();
        let Some(word) = parts.next() else { continue };
        // Without a frequency jieba-rs would load the word with frequency
        // 0 (never chosen); `add_word(None)` suggests one that keeps it whole.
        let freq = parts.next().and_then(|f| f.parse().ok());
        jieba.add_word(word, freq, parts.next());
    }
    jieba
}

/// The non-empty lines of the domain dictionary.
fn domain_words() -> impl Iterator<Item = &'static str> {
    DOMAIN_DICT.lines().filter(|l| !l.trim().is_empty())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Segments `text` into search-mode words (jieba `cut_for_search`, HMM off):
/// `(byte_start, byte_end, lowercased word)` in order. Numbers stay whole
/// (`2025`, `2%`, `1.5%`); tokens without any letter or digit are dropped.
pub fn word_tokens(text: &str) -> Vec<(usize, usize, String)> {
    word_tokens_with(jieba(), text)
}

/// [`word_tokens`] with a given dictionary (e.g. a restricted one, see
/// [`super::dict`]).
pub fn word_tokens_with(jieba: &Jieba, text: &str) -> Vec<(usize, usize, String)> {
    let toks = jieba.cut_for_search(text, false);
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let (start, mut end) = (toks[i].byte_start, toks[i].byte_end);
        let mut j = i + 1;
        if is_digits(toks[i].word) {
            // Glue `.digits` and a trailing `%` back on: jieba may split them.
            while j + 1 < toks.len()
                && toks[j].byte_start == end
                && toks[j].word == "."
                && toks[j + 1].byte_start == toks[j].byte_end
                && is_digits(toks[j + 1].word)
            {
                end = toks[j + 1].byte_end;
                j += 2;
            }
            if j < toks.len() && toks[j].byte_start == end && matches!(toks[j].word, "%" | "％") {
                end = toks[j].byte_end;
                j += 1;
            }
        }
        let word = &text[start..end];
        if word.chars().any(char::is_alphanumeric) {
            out.push((start, end, word.to_lowercase()));
        }
        i = j;
    }
    out
}

/// Case-folds one character to one character (the simple lowercase mapping;
/// characters whose lowercase is several characters are kept as they are).
/// Used by the character field and by snippets so both match alike.
pub fn fold_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The terms of the character field for `text`: every non-whitespace
/// character, lowercased, with its position counted over non-whitespace
/// characters (so `a b` and `ab` are the same phrase).
pub fn char_tokens(text: &str) -> Vec<(usize, usize, String)> {
    text.char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (i, i + c.len_utf8(), fold_char(c).to_string()))
        .collect()
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl VecTokenStream {
    fn new(raw: Vec<(usize, usize, String)>) -> Self {
        let tokens = raw
            .into_iter()
            .enumerate()
            .map(|(position, (offset_from, offset_to, text))| Token {
                offset_from,
                offset_to,
                position,
                text,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1)]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next.saturating_sub(1)]
    }
}

/// jieba search-mode word tokenizer with ordinal positions (see [`word_tokens`]).
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(word_tokens(text))
    }
}

/// One token per non-whitespace character (see [`char_tokens`]).
#[derive(Clone, Default)]
pub struct CharTokenizer;

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(char_tokens(text))
    }
}

/// Registers both tokenizers on `index` under their names.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(WORD_TOKENIZER, WordTokenizer);
    index.tokenizers().register(CHAR_TOKENIZER, CharTokenizer);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        word_tokens(text).into_iter().map(|t| t.2).collect()
    }

    #[test]
    fn numbers_stay_whole() {
        let w = words("到2025年底降低2%以上，提高1.5%，5G网络");
        assert!(w.contains(&"2025".to_string()), "{w:?}");
        assert!(w.contains(&"2%".to_string()), "{w:?}");
        assert!(w.contains(&"1.5%".to_string()), "{w:?}");
    }

    #[test]
    fn latin_is_lowercased_and_punctuation_dropped() {
        let w = words("减排CO2，。");
        assert!(w.contains(&"co2".to_string()), "{w:?}");
        assert!(
            w.iter().all(|t| t.chars().any(char::is_alphanumeric)),
            "{w:?}"
        );
    }

    #[test]
    fn domain_words_are_kept_whole() {
        for line in DOMAIN_DICT.lines() {
            let Some(word) = line.split_whitespace().next() else {
                continue;
            };
            let w = words(word);
            assert!(w.contains(&word.to_lowercase()), "{word} -> {w:?}");
        }
    }

    #[test]
    fn positions_are_ordinal_and_offsets_valid() {
        let text = "吨钢综合能耗比2023年降低2%以上";
        let mut stream = WordTokenizer.token_stream(text);
        let mut expected = 0;
        while let Some(tok) = stream.next() {
            assert_eq!(tok.position, expected);
            assert_eq!(
                text[tok.offset_from..tok.offset_to].to_lowercase(),
                tok.text
            );
            expected += 1;
        }
        assert!(expected > 3);
    }

    #[test]
    fn char_tokens_skip_whitespace() {
        let t = char_tokens("a B　国");
        let texts: Vec<_> = t.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(texts, ["a", "b", "国"]);
    }
}
