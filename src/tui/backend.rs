//! The terminal backend: ratatui's crossterm backend with a leaner `draw`.
//!
//! ratatui's `CrosstermBackend::draw` sends a cursor move before every cell
//! that does not follow the previous cell's column by one. After a
//! two-cell CJK character the next cell is two columns on, so every
//! character of Chinese text cost a `ESC[row;colH` (up to 8 bytes) on top of
//! its 3 bytes of UTF-8 — most of what a keystroke sent over SSH (ratatui
//! keeps this on purpose for terminals that mis-measure some glyphs, see
//! ratatui#1396). Here the cursor move is skipped only where the terminal's
//! cursor position is certain: after printable ASCII, and after characters
//! of the East Asian *Wide*/*Fullwidth* blocks, which every terminal
//! advances by two. After anything else (ambiguous-width punctuation such as
//! “ ” …, emoji, combining sequences) the next cell is addressed explicitly,
//! as before. Everything but `draw` is the crossterm backend's own.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CtColor, Colors, Print, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// A crossterm backend that does not re-address the cursor after
/// characters whose width every terminal agrees on.
pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
}

impl<W: Write> LeanBackend<W> {
    /// Wraps `writer` (usually a buffered stdout).
    pub fn new(writer: W) -> Self {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
        }
    }
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

/// How far the terminal cursor certainly moves when `symbol` is printed;
/// `None` when terminals may disagree.
fn certain_advance(symbol: &str) -> Option<u16> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if c.is_ascii_graphic() || c == ' ' {
        Some(1)
    } else if is_wide_block(c) {
        Some(2)
    } else {
        None
    }
}

/// Blocks whose characters are all East Asian Wide or Fullwidth (none
/// ambiguous, none emoji, the combining marks among them left out): CJK radicals to CJK symbols and punctuation,
/// kana, bopomofo, CJK compatibility, ideographs (extension A and
/// unified), Yi, Hangul syllables, compatibility ideographs, and the
/// fullwidth forms.
fn is_wide_block(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2E99}'
        | '\u{2E9B}'..='\u{2EF3}'
        | '\u{2F00}'..='\u{2FD5}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303E}'
        | '\u{3041}'..='\u{3096}'
        | '\u{309B}'..='\u{30FF}'
        | '\u{3105}'..='\u{312F}'
        | '\u{3131}'..='\u{3163}'
        | '\u{3165}'..='\u{318E}'
        | '\u{3190}'..='\u{31E3}'
        | '\u{31F0}'..='\u{321E}'
        | '\u{3220}'..='\u{3247}'
        | '\u{3250}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A48C}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}')
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // The crossterm backend is itself a writer to the terminal.
        let w = &mut self.inner;
        let mut fg = Color::Reset;
        let mut bg = Color::Reset;
        let mut underline_color = Color::Reset;
        let mut modifier = Modifier::empty();
        // Where the terminal's cursor is known to be, if it is.
        let mut cursor: Option<Position> = None;
        for (x, y, cell) in content {
            if cursor != Some(Position { x, y }) {
                queue!(w, MoveTo(x, y))?;
            }
            if cell.modifier != modifier {
                queue_modifier_change(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg || cell.bg != bg {
                queue!(
                    w,
                    SetColors(Colors::new(
                        cell.fg.into_crossterm(),
                        cell.bg.into_crossterm()
                    ))
                )?;
                fg = cell.fg;
                bg = cell.bg;
            }
            if cell.underline_color != underline_color {
                queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
                underline_color = cell.underline_color;
            }
            queue!(w, Print(cell.symbol()))?;
            cursor = certain_advance(cell.symbol()).map(|advance| Position {
                x: x.saturating_add(advance),
                y,
            });
        }
        queue!(
            w,
            SetForegroundColor(CtColor::Reset),
            SetBackgroundColor(CtColor::Reset),
            SetUnderlineColor(CtColor::Reset),
            SetAttribute(Attribute::Reset),
        )
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// The attribute changes from `from` to `to`, as ratatui's crossterm
/// backend sends them (bold and dim share one "normal intensity" reset).
fn queue_modifier_change(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::NoReverse))?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
    }
    for (modifier, off) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(modifier) {
            queue!(w, SetAttribute(off))?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }
    let added = to - from;
    for (modifier, on) in [
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ] {
        let intensity = matches!(modifier, Modifier::BOLD | Modifier::DIM);
        if added.contains(modifier) && !(intensity && reset_intensity) {
            queue!(w, SetAttribute(on))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use unicode_width::UnicodeWidthChar;

    #[test]
    fn wide_blocks_are_wide_and_never_ambiguous() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_wide_block(c) {
                assert_eq!(c.width(), Some(2), "U+{:04X}", c as u32);
                assert_eq!(c.width_cjk(), Some(2), "U+{:04X}", c as u32);
            }
        }
    }

    /// A writer whose bytes the test can still read once the backend has it.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Draws `frames` one after the other (as diffs) and replays the bytes
    /// on a vt100 screen of their size; also returns the byte count.
    fn screen_after(frames: &[Buffer]) -> (vt100::Parser, usize) {
        let area = frames[0].area;
        let out = Shared::default();
        let mut backend = LeanBackend::new(out.clone());
        let mut previous = Buffer::empty(area);
        for frame in frames {
            let diff = previous.diff(frame);
            backend.draw(diff.into_iter()).unwrap();
            previous = frame.clone();
        }
        Backend::flush(&mut backend).unwrap();
        let bytes = out.0.borrow().clone();
        let mut parser = vt100::Parser::new(area.height, area.width, 0);
        parser.process(&bytes);
        (parser, bytes.len())
    }

    fn frame(lines: &[(&str, Style)]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, lines.len() as u16));
        for (y, (text, style)) in lines.iter().enumerate() {
            buf.set_string(0, y as u16, text, *style);
        }
        buf
    }

    #[test]
    fn the_terminal_shows_what_the_buffers_hold() {
        let bold = Style::new().bold();
        let frames = [
            frame(&[("节能降碳 ab", Style::new()), ("“引号”…省略", bold)]),
            frame(&[("节能a降碳", bold), ("“引”号…", Style::new())]),
            frame(&[("ＡＢ发改委x", Style::new()), ("é😀降", Style::new())]),
        ];
        let (parser, _) = screen_after(&frames);
        let screen = parser.screen();
        let last = &frames[2];
        for y in 0..last.area.height {
            for x in 0..last.area.width {
                let want = last[(x, y)].symbol();
                let got = screen.cell(y, x).map(|c| c.contents()).unwrap_or_default();
                // vt100 keeps a wide character's second cell empty.
                if want != " " || !got.is_empty() {
                    assert_eq!(got, want, "cell {x},{y}");
                }
            }
        }
        assert!(screen.cell(0, 0).is_some_and(|c| !c.bold()));
    }

    #[test]
    fn chinese_text_needs_no_cursor_move_per_character() {
        let text = "节能降碳专项行动计划";
        let (_, bytes) = screen_after(&[frame(&[(text, Style::new())])]);
        // One move to the start, the UTF-8, the closing resets.
        assert!(bytes < text.len() + 40, "{bytes} bytes");
        let ambiguous = "“”…“”…“”";
        let (_, bytes) = screen_after(&[frame(&[(ambiguous, Style::new())])]);
        assert!(
            bytes > ambiguous.len() + 6 * 5,
            "ambiguous-width characters keep their cursor moves ({bytes} bytes)"
        );
    }
}
