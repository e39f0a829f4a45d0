//! Running-text recognition

#[allow(unused_imports)]
use super::*;

/// Words that delimit department lists in running text.
pub(super) const LIST_TRIGGERS: [&str; 9] = [
    "按职责分工负责",
    "等部门",
    "等单位",
    "会同",
    "联合",
    "牵头",
    "配合",
    "负责",
    "印发",
];

/// [`LIST_TRIGGERS`] as characters, made once: the scan tries them at
/// every character of every clause.
pub(super) fn list_triggers() -> &'static [Vec<char>] {
    static TRIGGERS: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| LIST_TRIGGERS.iter().map(|t| t.chars().collect()).collect());
    &TRIGGERS
}

/// Function words that may precede a department name in running text
/// (`由省发展改革委牵头`); none of them starts a department name.
pub(super) const LEADING_FUNCTION_CHARS: [char; 7] = ['由', '请', '向', '与', '及', '并', '而'];

pub(super) struct Lexicon {
    /// written (normalised) -> canonical
    names: HashMap<String, String>,
    /// Every non-empty prefix of every name (names included), so a scan can
    /// stop extending a candidate as soon as no name starts with it.
    prefixes: HashSet<String>,
    /// First characters of the names: most positions of a text start no
    /// name, and this answers them without building and hashing a string.
    first_chars: HashSet<char>,
    max_len: usize,
}

impl Lexicon {
    pub(super) fn new() -> Self {
        Lexicon {
            names: HashMap::new(),
            prefixes: HashSet::new(),
            first_chars: HashSet::new(),
            max_len: 0,
        }
    }

    pub(super) fn add(&mut self, written: &str, canonical: &str) {
        let n = written.chars().count();
        if n < 2 {
            return;
        }
        self.max_len = self.max_len.max(n);
        if let Some(first) = written.chars().next() {
            self.first_chars.insert(first);
        }
        for (i, c) in written.char_indices() {
            self.prefixes
                .insert(written[..i + c.len_utf8()].to_string());
        }
        self.names
            .entry(written.to_string())
            .or_insert_with(|| canonical.to_string());
    }

    /// The longest name starting at `chars[i]` that does not run into a
    /// skipped character: `(length in characters, canonical)`.
    pub(super) fn longest_at(
        &self,
        chars: &[char],
        i: usize,
        skipped: impl Fn(usize) -> bool,
    ) -> Option<(usize, &String)> {
        if !chars.get(i).is_some_and(|c| self.first_chars.contains(c)) {
            return None;
        }
        let end = chars.len().min(i + self.max_len);
        let mut cand = String::new();
        let mut best = None;
        for (j, &c) in chars.iter().enumerate().take(end).skip(i) {
            if skipped(j) {
                break;
            }
            cand.push(c);
            if !self.prefixes.contains(&cand) {
                break;
            }
            if j > i {
                if let Some(canon) = self.names.get(&cand) {
                    best = Some((j + 1 - i, canon));
                }
            }
        }
        best
    }
}

/// Departments in `chars` outside `skip`, as (char offset, canonical).
pub(super) fn scan_text(
    chars: &[char],
    skip: Option<&Range<usize>>,
    lexicon: &Lexicon,
    aliases: &AliasTable,
) -> Vec<(usize, String)> {
    let n = chars.len();
    let skipped = |i: usize| skip.is_some_and(|r| r.contains(&i));
    let mut found = Vec::new();
    let mut consumed = vec![false; n];
    let mut i = 0;
    while i < n {
        if skipped(i) {
            i += 1;
            continue;
        }
        let mut matched = 0;
        // A name right after a place character (江苏省发展改革委) belongs to
        // the place, unless it is a 各… name.
        let after_place =
            i > 0 && ['省', '市', '县', '区', '州'].contains(&chars[i - 1]) && chars[i] != '各';
        if !after_place {
            if let Some((len, canon)) = lexicon.longest_at(chars, i, skipped) {
                found.push((i, canon.clone()));
                matched = len;
            }
        }
        if matched > 0 {
            consumed[i..i + matched].iter_mut().for_each(|c| *c = true);
            i += matched;
        } else {
            i += 1;
        }
    }

    // Generic pass: CJK runs between delimiters in a list context.
    #[derive(Clone, Copy, PartialEq)]
    enum Delim {
        Edge,
        Punct,
        List,
    }
    let mut pieces: Vec<(usize, usize, Delim)> = Vec::new(); // start, end, delimiter before
    let mut start = 0;
    let mut before = Delim::Edge;
    let mut i = 0;
    let mut delims_after: Vec<Delim> = Vec::new();
    while i <= n {
        let (delim, width) = if i == n {
            (Some(Delim::Edge), 0)
        } else if skipped(i) || consumed[i] || chars[i] == '、' {
            (Some(Delim::List), 1)
        } else if !is_cjk(chars[i]) {
            (Some(Delim::Punct), 1)
        } else if let Some(t) = list_triggers()
            .iter()
            .find(|t| t[0] == chars[i] && chars[i..].starts_with(t))
        {
            (Some(Delim::List), t.len())
        } else {
            (None, 0)
        };
        match delim {
            Some(d) => {
                if i > start {
                    pieces.push((start, i, before));
                    delims_after.push(d);
                }
                before = d;
                i += width.max(1);
                start = i;
            }
            None => i += 1,
        }
    }
    for (k, &(s, e, before)) in pieces.iter().enumerate() {
        let after = delims_after[k];
        if before != Delim::List && after != Delim::List {
            continue;
        }
        let piece: String = chars[s..e].iter().collect();
        let piece = piece.trim_start_matches(LEADING_FUNCTION_CHARS);
        let name = normalize_name(piece);
        if looks_like_department(&name) {
            let canon = aliases.canonical(&name).unwrap_or(&name).to_string();
            found.push((s, canon));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    found
}
