//! View: whitespace-free, digit-normalized characters mapped back to the input.

#[allow(unused_imports)]
use super::*;

pub(super) struct View {
    pub(super) src: Vec<char>,
    pub(super) v: Vec<char>,
    /// `map[k]` = index in `src` of `v[k]`.
    pub(super) map: Vec<usize>,
}

impl View {
    pub(super) fn new(text: &str) -> View {
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

    pub(super) fn at(&self, i: usize) -> char {
        self.v.get(i).copied().unwrap_or('\0')
    }

    pub(super) fn text(&self, a: usize, b: usize) -> String {
        if a >= b || b > self.v.len() {
            return String::new();
        }
        self.v[a..b].iter().collect()
    }

    /// Input-character span of view range `[a, b)`.
    pub(super) fn span(&self, a: usize, b: usize) -> [usize; 2] {
        if a >= b || b > self.v.len() {
            let p = self.map.get(a).copied().unwrap_or(self.src.len());
            return [p, p];
        }
        [self.map[a], self.map[b - 1] + 1]
    }

    pub(super) fn quote(&self, span: [usize; 2]) -> String {
        self.src[span[0]..span[1]].iter().collect()
    }

    /// Does `pat` occur at `i`, ending no later than `lim`?
    pub(super) fn starts(&self, i: usize, lim: usize, pat: &str) -> bool {
        (i..)
            .zip(pat.chars())
            .all(|(k, pc)| k < lim && k < self.v.len() && self.v[k] == pc)
    }

    /// Does `v[lo..end]` end with `pat`?
    pub(super) fn ends(&self, lo: usize, end: usize, pat: &str) -> bool {
        let n = pat.chars().count();
        end >= lo + n && self.starts(end - n, end, pat)
    }

    /// Longest entry of `list` that starts at `i` (within `lim`).
    pub(super) fn prefix_match<'a, T: Copy>(
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
    pub(super) fn suffix_match<'a, T: Copy>(
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

    pub(super) fn prefix_word(
        &self,
        i: usize,
        lim: usize,
        list: &[&'static str],
    ) -> Option<&'static str> {
        list.iter()
            .copied()
            .filter(|p| self.starts(i, lim, p))
            .max_by_key(|p| p.chars().count())
    }

    pub(super) fn sentences(&self) -> Vec<(usize, usize)> {
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

    pub(super) fn digits_end(&self, i: usize, lim: usize) -> usize {
        let mut j = i;
        while j < lim && self.v[j].is_ascii_digit() {
            j += 1;
        }
        j
    }

    /// A 4-digit calendar year at `i`, if any.
    pub(super) fn year_at(&self, i: usize, lim: usize) -> Option<u16> {
        let j = self.digits_end(i, lim);
        if j != i + 4 || (i > 0 && self.v[i - 1].is_ascii_digit()) {
            return None;
        }
        let y: u16 = self.text(i, j).parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    }
}
