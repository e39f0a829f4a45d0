//! Width-aware wrapping of Chinese text into styled terminal lines.
//!
//! ratatui's word wrap breaks only at spaces, which leaves ragged gaps in
//! Chinese; here any character boundary is a break opportunity, widths are
//! measured in terminal cells, closing punctuation is never pushed to the
//! start of a line when it can hang at the end, and Latin words stay whole
//! when they fit.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Characters that must not begin a line (行首禁则).
fn no_line_start(c: char) -> bool {
    "，。、；：！？）》」』”’%…·,.;:!?)]".contains(c)
}

fn cell_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq)]
pub struct StyledRun {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: Style,
}

/// Splits `text` into runs, styling the character ranges in `marks`
/// (sorted or not, possibly overlapping) with `mark_style`.
pub fn mark_ranges(
    text: &str,
    marks: &[(usize, usize)],
    base: Style,
    mark_style: Style,
) -> Vec<StyledRun> {
    let chars: Vec<char> = text.chars().collect();
    let mut marked = vec![false; chars.len()];
    for &(start, end) in marks {
        for m in marked.iter_mut().take(end.min(chars.len())).skip(start) {
            *m = true;
        }
    }
    let mut runs: Vec<StyledRun> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        let style = if m { mark_style } else { base };
        match runs.last_mut() {
            Some(run) if run.style == style => run.text.push(c),
            _ => runs.push(StyledRun {
                text: c.to_string(),
                style,
            }),
        }
    }
    runs
}

/// Wraps styled runs to `width` cells. A width of 0 yields no lines.
pub fn wrap_runs(runs: &[StyledRun], width: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let cells: Vec<(char, Style)> = runs
        .iter()
        .flat_map(|r| r.text.chars().map(move |c| (c, r.style)))
        .filter(|(c, _)| !c.is_control() || *c == '\n')
        .collect();
    let mut lines = Vec::new();
    let mut current: Vec<(char, Style)> = Vec::new();
    let mut used = 0;
    let mut i = 0;
    while i < cells.len() {
        let (c, _) = cells[i];
        if c == '\n' {
            lines.push(to_line(&current));
            current.clear();
            used = 0;
            i += 1;
            continue;
        }
        // Keep a Latin word (or number) whole when it fits on a fresh line.
        let word_len = if c.is_ascii_alphanumeric() {
            cells[i..]
                .iter()
                .take_while(|(c, _)| c.is_ascii_alphanumeric() || *c == '.' || *c == '%')
                .count()
        } else {
            1
        };
        let word_width: usize = cells[i..i + word_len]
            .iter()
            .map(|&(c, _)| cell_width(c))
            .sum();
        // A space where the line breaks is the break itself: it does not
        // begin the next line (English help and messages).
        if c == ' ' && used + word_width > width && used > 0 {
            lines.push(to_line(&current));
            current.clear();
            used = 0;
            i += 1;
            continue;
        }
        if used + word_width > width && used > 0 {
            let moves_down = word_len == 1 && no_line_start(c) && width >= 4 && current.len() >= 2;
            // Rather than start a line with closing punctuation, take the
            // character before it down too.
            let carried = if moves_down { current.pop() } else { None };
            lines.push(to_line(&current));
            current = carried.into_iter().collect();
            used = current.iter().map(|&(c, _)| cell_width(c)).sum();
        }
        for &(ch, style) in &cells[i..i + word_len] {
            let w = cell_width(ch);
            if used + w > width && used > 0 {
                lines.push(to_line(&current));
                current.clear();
                used = 0;
            }
            if w <= width {
                current.push((ch, style));
                used += w;
            }
        }
        i += word_len;
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(to_line(&current));
    }
    lines
}

/// Wraps plain text with one style.
pub fn wrap_plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap_runs(
        &[StyledRun {
            text: text.to_string(),
            style,
        }],
        width,
    )
}

fn to_line(cells: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for &(c, s) in cells {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    Line::from(spans)
}

/// Cuts `text` to at most `width` cells, ending with › when cut (… is of
/// ambiguous width and would break alignment in CJK-locale terminals).
pub fn truncate(text: &str, width: usize) -> String {
    policy_nav::text::truncate_cells(text, width, '›')
}

/// Pads `text` with spaces to `width` cells (cutting it if longer).
pub fn pad(text: &str, width: usize) -> String {
    policy_nav::text::pad_cells(&truncate(text, width), width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_chinese_without_gaps_and_within_width() {
        let text = "到2025年底，钢铁行业高炉、转炉工序单位产品能耗分别比2023年降低1%以上，电弧炉冶炼单位产品能耗比2023年降低2%以上。";
        for width in 4..40 {
            let lines = plain(&wrap_plain(text, width, Style::default()));
            assert_eq!(lines.concat(), text, "no character lost at width {width}");
            for (n, l) in lines.iter().enumerate() {
                assert!(l.width() <= width, "line {n} {l:?} wider than {width}");
                if n > 0 && width >= 6 {
                    let first = l.chars().next().unwrap();
                    assert!(
                        !no_line_start(first),
                        "line starts with {first} at width {width}: {lines:?}"
                    );
                }
            }
            // No gaps: every line but the last is filled to within one wide char (plus a moved char).
            for l in &lines[..lines.len() - 1] {
                assert!(
                    l.width() + 4 >= width,
                    "{l:?} leaves a gap at width {width}"
                );
            }
        }
    }

    #[test]
    fn english_lines_do_not_begin_with_the_space_they_broke_at() {
        let text = "Copy the clause and its citation (OSC 52, works over SSH)";
        for width in 6..text.len() {
            let lines = plain(&wrap_plain(text, width, Style::default()));
            assert!(
                lines.iter().all(|l| !l.starts_with(' ')),
                "width {width}: {lines:?}"
            );
            // Only the spaces at the breaks are gone.
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn keeps_latin_words_and_numbers_whole() {
        let lines = plain(&wrap_plain("推进2025年Quickwit引擎", 8, Style::default()));
        assert!(lines.iter().any(|l| l.contains("2025")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("Quickwit")), "{lines:?}");
    }

    #[test]
    fn marks_ranges_and_survives_tiny_widths() {
        let runs = mark_ranges(
            "余热发电技术",
            &[(0, 2)],
            Style::default(),
            Style::default().bold(),
        );
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].text, "余热");
        assert!(wrap_runs(&runs, 0).is_empty());
        assert_eq!(
            plain(&wrap_runs(&runs, 1)).concat(),
            "",
            "a 2-cell char cannot fit in 1 cell"
        );
        assert_eq!(truncate("钢铁行业节能降碳", 7), "钢铁行›");
    }
}
