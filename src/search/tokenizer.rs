//! Chinese text analysis for the index: a jieba word tokenizer and a
//! character-pair tokenizer, both implementing tantivy's `Tokenizer`.
//!
//! The word field gives meaningful BM25 scores; the character field gives
//! exact substring matching (a phrase of overlapping character pairs),
//! which is what guarantees recall whatever jieba decides to do with a
//! query.

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
        add_user_word(&mut jieba, &word);
    }
    jieba
}

/// The words of the domain dictionary.
pub fn domain_words() -> Vec<UserWord> {
    parse_dict(DOMAIN_DICT).0
}

/// One word of a dictionary in jieba's user-dict format.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct UserWord {
    /// The word.
    pub word: String,
    /// Its frequency, if given.
    pub freq: Option<usize>,
    /// Its part-of-speech tag, if given.
    pub tag: Option<String>,
}

/// A line of a dictionary that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictLineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Parses a dictionary in jieba's user-dict format: one `word [freq] [tag]`
/// per line (whitespace-separated; a lone second field is a frequency when
/// it is digits, else a tag). Blank lines and `#` comments are skipped.
/// Returns the words and the lines that are malformed (those are skipped).
pub fn parse_dict(text: &str) -> (Vec<UserWord>, Vec<DictLineError>) {
    let mut words = Vec::new();
    let mut errors = Vec::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let err = |message: String| DictLineError {
            line: n + 1,
            message,
        };
        let is_tag = |t: &str| t.bytes().all(|b| b.is_ascii_alphabetic());
        let word = fields[0].to_string();
        if !word.chars().any(char::is_alphanumeric) {
            errors.push(err(crate::t!("dict.no_letter", word = word).into_owned()));
            continue;
        }
        let parsed = match fields[1..] {
            [] => Ok((None, None)),
            [f] if f.bytes().all(|b| b.is_ascii_digit()) => f
                .parse()
                .map(|f| (Some(f), None))
                .map_err(|_| crate::t!("dict.frequency_too_large", frequency = f).into_owned()),
            [t] if is_tag(t) => Ok((None, Some(t.to_string()))),
            [x] => Err(crate::t!("dict.neither", field = x).into_owned()),
            [f, t] => match f.parse::<usize>() {
                Ok(f) if is_tag(t) => Ok((Some(f), Some(t.to_string()))),
                Ok(_) => Err(crate::t!("dict.tag_not_letters", tag = t).into_owned()),
                Err(_) => Err(crate::t!("dict.frequency_not_number", frequency = f).into_owned()),
            },
            _ => Err(crate::t!("dict.too_many_fields", count = fields.len()).into_owned()),
        };
        match parsed {
            Ok((freq, tag)) => words.push(UserWord { word, freq, tag }),
            Err(message) => errors.push(err(message)),
        }
    }
    (words, errors)
}

fn add_user_word(jieba: &mut Jieba, word: &UserWord) {
    // Without a frequency jieba-rs would load the word with frequency 0
    // (never chosen); `add_word(None)` suggests one that keeps it whole.
    jieba.add_word(&word.word, word.freq, word.tag.as_deref());
}

/// A jieba segmenter: the shared one with the domain dictionary, or one
/// that also has a corpus's user words. Cheap to copy.
///
/// Segmenters with user words are built once per distinct word list and
/// kept for the life of the process (a process sees one or a few user
/// dictionaries), so sharing stays as cheap as with the global one. The
/// dictionary itself is loaded on first use, so a segmenter costs nothing
/// until something is segmented with it (a search served by the index's
/// restricted dictionary never loads it).
#[derive(Clone, Copy)]
pub struct Segmenter {
    jieba: &'static OnceLock<Jieba>,
    user_words: &'static [UserWord],
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("user_words", &self.user_words.len())
            .finish()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter {
            jieba: &JIEBA,
            user_words: &[],
        }
    }
}

impl Segmenter {
    /// The shared segmenter extended with `words` (the shared one itself
    /// when `words` is empty).
    pub fn with_user_words(words: &[UserWord]) -> Segmenter {
        use std::collections::HashMap;
        use std::sync::Mutex;
        type Built = (&'static OnceLock<Jieba>, &'static [UserWord]);
        static CACHE: OnceLock<Mutex<HashMap<Vec<UserWord>, Built>>> = OnceLock::new();
        if words.is_empty() {
            return Segmenter::default();
        }
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let (jieba, user_words) = *cache.entry(words.to_vec()).or_insert_with(|| {
            let jieba: &'static OnceLock<Jieba> = Box::leak(Box::new(OnceLock::new()));
            let words: &'static [UserWord] = Box::leak(words.to_vec().into_boxed_slice());
            (jieba, words)
        });
        Segmenter { jieba, user_words }
    }

    /// The underlying jieba instance (the full dictionary: jieba's default,
    /// the domain dictionary and the user words), loaded on first use.
    pub fn jieba(&self) -> &'static Jieba {
        let words = self.user_words;
        self.jieba.get_or_init(|| {
            if words.is_empty() {
                full_jieba()
            } else {
                let mut j = jieba().clone();
                for w in words {
                    add_user_word(&mut j, w);
                }
                j
            }
        })
    }

    /// A new copy of [`Segmenter::jieba`]'s dictionary (e.g. to derive a
    /// restricted dictionary from, which needs a mutable one).
    pub fn full_jieba(&self) -> Jieba {
        let mut j = full_jieba();
        for w in self.user_words {
            add_user_word(&mut j, w);
        }
        j
    }

    /// Number of user words on top of the domain dictionary.
    pub fn user_word_count(&self) -> usize {
        self.user_words.len()
    }

    /// The user words on top of the domain dictionary.
    pub fn user_words(&self) -> &'static [UserWord] {
        self.user_words
    }

    /// [`word_tokens`] with this segmenter.
    pub fn word_tokens(&self, text: &str) -> Vec<(usize, usize, String)> {
        word_tokens_with(self.jieba(), text)
    }
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
        if word.chars().any(is_word_char) {
            out.push((start, end, lowercase(word)));
        }
        i = j;
    }
    out
}

/// Case-folds one character to one character (the simple lowercase mapping;
/// characters whose lowercase is several characters are kept as they are).
/// Used by the character field and by snippets so both match alike.
pub fn fold_char(c: char) -> char {
    // Fast paths (every character of the corpus passes here when
    // indexing): ASCII, and the CJK symbol, kana and ideograph blocks,
    // which have no case.
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_caseless_cjk(c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// U+3000–U+9FFF: CJK symbols and punctuation, kana, CJK extension A and
/// unified ideographs — none has a case or a lowercase mapping.
fn is_caseless_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9FFF}').contains(&c)
}

/// `word.to_lowercase()`, without the Unicode tables for the common case of
/// a word with nothing to lowercase.
fn lowercase(word: &str) -> String {
    if word
        .chars()
        .all(|c| is_caseless_cjk(c) || (c.is_ascii() && !c.is_ascii_uppercase()))
    {
        word.to_string()
    } else {
        word.to_lowercase()
    }
}

/// `char::is_alphanumeric`, answering ideographs without the Unicode tables.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
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

/// The terms of the character field as indexed: at each position of
/// [`char_tokens`], that character joined with the next one (the last
/// character alone). A substring of two or more characters is then a phrase
/// of overlapping pairs — whose posting lists are far shorter than those of
/// single characters, which made phrase matching the cost of a query on a
/// big corpus — and a single character is every term it starts (see
/// [`super::phrase::char_match`]).
pub fn char_pair_tokens(text: &str) -> Vec<(usize, usize, String)> {
    let chars = char_tokens(text);
    let mut pairs = Vec::with_capacity(chars.len());
    for (k, (from, to, c)) in chars.iter().enumerate() {
        match chars.get(k + 1) {
            Some((_, next_to, next)) => {
                let mut pair = String::with_capacity(c.len() + next.len());
                pair.push_str(c);
                pair.push_str(next);
                pairs.push((*from, *next_to, pair));
            }
            None => pairs.push((*from, *to, c.clone())),
        }
    }
    pairs
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

/// jieba search-mode word tokenizer with ordinal positions (see
/// [`word_tokens`]); the default uses the shared segmenter.
#[derive(Clone, Default)]
pub struct WordTokenizer(pub Segmenter);

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(self.0.word_tokens(text))
    }
}

/// One token per non-whitespace character, paired with the next one (see
/// [`char_pair_tokens`]).
#[derive(Clone, Default)]
pub struct CharTokenizer;

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = CharPairStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharPairStream<'a> {
        CharPairStream {
            chars: text.char_indices().filter(not_whitespace as _).peekable(),
            token: Token::default(),
        }
    }
}

fn not_whitespace(&(_, c): &(usize, char)) -> bool {
    !c.is_whitespace()
}

type NonWhitespace<'a> = std::iter::Filter<std::str::CharIndices<'a>, fn(&(usize, char)) -> bool>;

/// [`char_pair_tokens`] as a stream that reuses one token: indexing makes
/// one token per character of the corpus, and allocating each was a
/// measurable part of a build.
pub struct CharPairStream<'a> {
    chars: std::iter::Peekable<NonWhitespace<'a>>,
    token: Token,
}

impl TokenStream for CharPairStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((i, c)) = self.chars.next() else {
            return false;
        };
        let token = &mut self.token;
        token.text.clear();
        token.text.push(fold_char(c));
        token.offset_from = i;
        token.offset_to = i + c.len_utf8();
        if let Some(&(j, next)) = self.chars.peek() {
            token.text.push(fold_char(next));
            token.offset_to = j + next.len_utf8();
        }
        // `Token::default()` starts at usize::MAX, so the first is 0.
        token.position = token.position.wrapping_add(1);
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Registers both tokenizers on `index` under their names (shared segmenter).
pub fn register(index: &tantivy::Index) {
    register_with(index, Segmenter::default());
}

/// Registers both tokenizers on `index`, words segmented by `segmenter`.
pub fn register_with(index: &tantivy::Index, segmenter: Segmenter) {
    index
        .tokenizers()
        .register(WORD_TOKENIZER, WordTokenizer(segmenter));
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
        let mut stream = WordTokenizer::default().token_stream(text);
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
    fn user_dict_lines_parse_or_say_why_not() {
        let (words, errors) = parse_dict(
            "\u{FEFF}超低排放 10 n\n# comment\n\n碳足迹\n能效领跑者 nz\n坏行 abc 5\n绿证 12x\n",
        );
        let w: Vec<&str> = words.iter().map(|w| w.word.as_str()).collect();
        assert_eq!(w, ["超低排放", "碳足迹", "能效领跑者"]);
        assert_eq!(words[0].freq, Some(10));
        assert_eq!(words[2].tag.as_deref(), Some("nz"));
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [6, 7]);
    }

    #[test]
    fn user_words_change_segmentation_only_for_their_segmenter() {
        // A made-up word jieba cannot know: split without the user word.
        let word = "鹳鹬鹮鹭";
        let custom = Segmenter::with_user_words(&[UserWord {
            word: word.into(),
            freq: None,
            tag: None,
        }]);
        let has = |toks: Vec<(usize, usize, String)>| toks.iter().any(|t| t.2 == word);
        assert!(has(custom.word_tokens(word)));
        assert!(!has(word_tokens(word)), "the shared segmenter is untouched");
        let again = Segmenter::with_user_words(&[UserWord {
            word: word.into(),
            freq: None,
            tag: None,
        }]);
        assert!(std::ptr::eq(custom.jieba(), again.jieba()), "built once");
    }

    #[test]
    fn char_tokens_skip_whitespace() {
        let t = char_tokens("a B　国");
        let texts: Vec<_> = t.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(texts, ["a", "b", "国"]);
    }

    #[test]
    fn fast_case_folding_agrees_with_the_unicode_tables() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let slow = match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            };
            assert_eq!(fold_char(c), slow, "U+{:04X}", c as u32);
            let word = c.to_string();
            assert_eq!(lowercase(&word), word.to_lowercase(), "U+{:04X}", c as u32);
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn pair_stream_gives_the_pair_tokens() {
        for text in [
            "",
            "国",
            " 国 ",
            "节能降碳",
            "a B　国\n家 Ｆ",
            "钢铁行业 2025年底 ΑΒΓ İ",
        ] {
            let mut tokenizer = CharTokenizer;
            let mut stream = tokenizer.token_stream(text);
            let mut streamed = Vec::new();
            while stream.advance() {
                let t = stream.token();
                streamed.push((t.position, t.offset_from, t.offset_to, t.text.clone()));
            }
            let expected: Vec<_> = char_pair_tokens(text)
                .into_iter()
                .enumerate()
                .map(|(k, (from, to, t))| (k, from, to, t))
                .collect();
            assert_eq!(streamed, expected, "{text:?}");
        }
        let pairs: Vec<String> = char_pair_tokens("节能 降碳")
            .into_iter()
            .map(|t| t.2)
            .collect();
        assert_eq!(pairs, ["节能", "能降", "降碳", "碳"]);
    }
}
