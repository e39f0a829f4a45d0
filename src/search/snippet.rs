//! Snippets: one line of clause text around the query's matches, sized in
//! terminal cells, with highlight ranges in characters.
//!
//! Matches are found the way the character field matches: lowercased,
//! ignoring whitespace, so every hit the index reports can be highlighted.

use unicode_width::UnicodeWidthChar;

use super::tokenizer::fold_char;

/// Default snippet width in terminal cells (fits an 80-column line with room
/// for an address).
pub const SNIPPET_WIDTH: usize = 70;

/// Context kept before the first highlighted match, in cells.
const LEAD_CONTEXT: usize = 10;

const ELLIPSIS: char = '…';

/// A snippet and its highlights.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The excerpt, on one line, at most the requested width in cells.
    pub text: String,
    /// `[start, end)` character offsets of highlighted matches in `text`.
    pub highlights: Vec<[usize; 2]>,
}

fn cell_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Character ranges in `chars` where any needle occurs (case-insensitive,
/// whitespace ignored), merged and sorted; plus which needles occurred.
fn find_matches(chars: &[char], needles: &[String]) -> (Vec<[usize; 2]>, Vec<Vec<[usize; 2]>>) {
    let squeezed: Vec<(usize, char)> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, &c)| (i, fold_char(c)))
        .collect();
    let mut per_needle = Vec::new();
    let mut all = Vec::new();
    for needle in needles {
        let pat: Vec<char> = needle
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(fold_char)
            .collect();
        let mut found = Vec::new();
        if !pat.is_empty() && pat.len() <= squeezed.len() {
            for start in 0..=squeezed.len() - pat.len() {
                if squeezed[start..start + pat.len()]
                    .iter()
                    .zip(&pat)
                    .all(|(a, b)| a.1 == *b)
                {
                    found.push([squeezed[start].0, squeezed[start + pat.len() - 1].0 + 1]);
                }
            }
        }
        all.extend_from_slice(&found);
        per_needle.push(found);
    }
    all.sort();
    let mut merged: Vec<[usize; 2]> = Vec::new();
    for r in all {
        match merged.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            _ => merged.push(r),
        }
    }
    (merged, per_needle)
}

/// End (exclusive) of the longest run of `chars` from `start` that fits `budget` cells.
fn fit(chars: &[char], start: usize, budget: usize) -> usize {
    let mut used = 0;
    let mut end = start;
    while end < chars.len() && used + cell_width(chars[end]) <= budget {
        used += cell_width(chars[end]);
        end += 1;
    }
    end
}

/// The window `[start, end)` shown when starting at `start`, leaving room for ellipses.
fn window(chars: &[char], start: usize, width: usize) -> (usize, usize) {
    let lead = usize::from(start > 0);
    let budget = width.saturating_sub(lead);
    let end = fit(chars, start, budget);
    if end < chars.len() {
        (start, fit(chars, start, budget.saturating_sub(1)))
    } else {
        (start, end)
    }
}

/// Makes a snippet of `text` at most `width` cells wide, around the
/// occurrences of `needles` (the window covering the most distinct needles
/// wins, earliest first). Newlines and other control characters become spaces.
pub fn make_snippet(text: &str, needles: &[String], width: usize) -> Snippet {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let (ranges, per_needle) = find_matches(&chars, needles);

    let mut best = (0usize, 0usize, window(&chars, 0, width));
    for r in &ranges {
        // Step back up to LEAD_CONTEXT cells before the match.
        let mut start = r[0];
        let mut back = 0;
        while start > 0 && back + cell_width(chars[start - 1]) <= LEAD_CONTEXT {
            back += cell_width(chars[start - 1]);
            start -= 1;
        }
        // Near the beginning: show the text from its start.
        if window(&chars, 0, width).1 >= r[1] {
            start = 0;
        }
        let (s, e) = window(&chars, start, width);
        let covered = |rs: &Vec<[usize; 2]>| rs.iter().any(|x| x[0] >= s && x[1] <= e);
        let distinct = per_needle.iter().filter(|rs| covered(rs)).count();
        let hits = ranges.iter().filter(|x| x[0] >= s && x[1] <= e).count();
        if (distinct, hits) > (best.0, best.1) {
            best = (distinct, hits, (s, e));
        }
    }
    let (mut start, mut end) = best.2;
    // At the end of the text with room to spare: show more before.
    if end == chars.len() {
        while start > 0 {
            let (s, e) = window(&chars, start - 1, width);
            if e < chars.len() {
                break;
            }
            (start, end) = (s, e);
        }
    }

    let mut out = String::new();
    let lead = usize::from(start > 0);
    if lead == 1 {
        out.push(ELLIPSIS);
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push(ELLIPSIS);
    }
    let highlights = ranges
        .iter()
        .filter(|r| r[1] > start && r[0] < end)
        .map(|r| [r[0].max(start) - start + lead, r[1].min(end) - start + lead])
        .filter(|r| r[0] < r[1])
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn hl(s: &Snippet) -> Vec<String> {
        let chars: Vec<char> = s.text.chars().collect();
        s.highlights
            .iter()
            .map(|r| chars[r[0]..r[1]].iter().collect())
            .collect()
    }

    #[test]
    fn short_text_is_whole_and_highlighted() {
        let s = make_snippet("推动铝电解槽改造", &["电解槽".into()], 70);
        assert_eq!(s.text, "推动铝电解槽改造");
        assert_eq!(hl(&s), ["电解槽"]);
    }

    #[test]
    fn long_text_is_windowed_around_the_match() {
        let text = format!("{}目标词{}", "前".repeat(100), "后".repeat(100));
        let s = make_snippet(&text, &["目标词".into()], 70);
        assert!(s.text.width() <= 70, "{}", s.text.width());
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(hl(&s), ["目标词"]);
    }

    #[test]
    fn case_and_whitespace_insensitive_like_the_index() {
        let s = make_snippet(
            "到 2025 年底 CO2 排放",
            &["2025年".into(), "co2".into()],
            70,
        );
        assert_eq!(hl(&s), ["2025 年", "CO2"]);
    }

    #[test]
    fn match_near_the_start_shows_the_start() {
        let text = format!("（二）大力推进节能降碳改造。{}", "字".repeat(100));
        let s = make_snippet(&text, &["节能降碳".into()], 70);
        assert!(s.text.starts_with("（二）"), "{}", s.text);
        assert_eq!(hl(&s), ["节能降碳"]);
    }

    #[test]
    fn no_match_gives_the_beginning() {
        let s = make_snippet(&"字".repeat(200), &["无".into()], 70);
        assert!(s.text.starts_with('字') && s.text.ends_with('…'));
        assert!(s.highlights.is_empty());
        assert!(s.text.width() <= 70);
    }

    #[test]
    fn prefers_window_with_more_distinct_needles() {
        let text = format!("甲{}乙丙{}", "字".repeat(100), "字".repeat(100));
        let s = make_snippet(&text, &["甲".into(), "乙".into(), "丙".into()], 70);
        assert_eq!(hl(&s), ["乙丙"]);
    }
}
