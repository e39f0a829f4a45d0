//! Colour for command output. Everything goes through [`Paint`], which is
//! off unless [`crate::config::ColorChoice::resolve`] says otherwise
//! (`--color` > `NO_COLOR` > config `color` > terminal or not), so output
//! into a pipe or file is plain text. Layouts never depend on colour.

/// Whether to emit SGR escapes, and helpers that add them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Paint {
    /// Emit escapes.
    pub enabled: bool,
}

const RESET: &str = "\x1b[0m";

impl Paint {
    fn wrap(&self, sgr: &str, text: &str) -> String {
        if self.enabled && !text.is_empty() {
            format!("\x1b[{sgr}m{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// A clause address or department name (green).
    pub fn address(&self, text: &str) -> String {
        self.wrap("32", text)
    }

    /// A title or table header (bold).
    pub fn heading(&self, text: &str) -> String {
        self.wrap("1", text)
    }

    /// Secondary text: breadcrumbs, sources (dim).
    pub fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }

    /// A search hit (bold underline).
    pub fn hit(&self, text: &str) -> String {
        self.wrap("1;4", text)
    }

    /// The escapes opening and closing a marked stretch of text (a search
    /// hit's bold underline), empty when colour is off; for text marked by
    /// the library between given delimiters (compare's differences).
    pub fn hit_marks(&self) -> (&'static str, &'static str) {
        if self.enabled {
            ("\x1b[1;4m", RESET)
        } else {
            ("", "")
        }
    }

    /// `text` with its first line as a heading (for tables written by the
    /// library's printers).
    pub fn first_line_heading(&self, text: &str) -> String {
        match text.split_once('\n') {
            Some((first, rest)) if self.enabled => format!("{}\n{rest}", self.heading(first)),
            _ => text.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_means_plain_text() {
        let off = Paint { enabled: false };
        assert_eq!(off.address("钢铁:一"), "钢铁:一");
        assert_eq!(off.first_line_heading("a\nb\n"), "a\nb\n");
        let on = Paint { enabled: true };
        assert_eq!(on.address("钢铁:一"), "\x1b[32m钢铁:一\x1b[0m");
        assert_eq!(on.first_line_heading("a\nb\n"), "\x1b[1ma\x1b[0m\nb\n");
        assert_eq!(on.hit(""), "");
    }
}
