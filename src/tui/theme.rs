//! Styles and glyphs. Colour is optional (NO_COLOR); the selection is always
//! also marked with a symbol and reverse video, and no glyph is of ambiguous
//! East Asian width, so layouts hold in CJK-locale terminals.

use ratatui::style::{Color, Modifier, Style};

/// How the interface draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Use colours (off when NO_COLOR is set).
    pub color: bool,
    /// Use only ASCII glyphs.
    pub ascii: bool,
}

impl Theme {
    /// Theme from the environment and flags.
    pub fn detect(ascii: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            ascii,
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    /// Marker in front of the selected row.
    pub fn marker(&self) -> &'static str {
        if self.ascii {
            "> "
        } else {
            "► "
        }
    }

    /// Breadcrumb separator.
    pub fn separator(&self) -> &'static str {
        if self.ascii {
            " > "
        } else {
            " › "
        }
    }

    /// The frame of an overlay. ASCII in every mode: box-drawing
    /// characters are of ambiguous East Asian width (two cells in
    /// CJK-locale terminals), and `+ - |` read the same everywhere.
    pub fn frame(&self) -> ratatui::symbols::border::Set<'static> {
        ratatui::symbols::border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        }
    }

    /// The frame's style: reverse video, visible without colour.
    pub fn frame_style(&self) -> Style {
        self.selected()
    }

    /// Marker for a collapsed / expanded tree node.
    pub fn fold(&self, collapsed: bool) -> &'static str {
        if collapsed {
            "+ "
        } else {
            "- "
        }
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        Style::default()
    }

    /// Secondary text (addresses, counts).
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// A search hit or highlighted span.
    pub fn hit(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Headings and pane titles.
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The active tab.
    pub fn active_tab(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Addresses.
    pub fn address(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Warnings and errors in the status line.
    pub fn warning(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}
