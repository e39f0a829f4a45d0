//! The per-user base directories of the XDG layout, one rule for the cache
//! (the search index), the state (the log file) and the config file.

use std::path::PathBuf;

/// Where a kind of per-user file lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserDir {
    /// `$XDG_CACHE_HOME`, else `~/.cache`.
    Cache,
    /// `$XDG_STATE_HOME`, else `~/.local/state`.
    State,
    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    Config,
}

impl UserDir {
    /// `<base>/policy-nav`, where `<base>` is the XDG variable when it is an
    /// absolute path, else its default under an absolute `$HOME`; `None`
    /// without either (the XDG rule: relative values are ignored).
    pub fn path(self) -> Option<PathBuf> {
        let (var, default): (&str, &[&str]) = match self {
            UserDir::Cache => ("XDG_CACHE_HOME", &[".cache"]),
            UserDir::State => ("XDG_STATE_HOME", &[".local", "state"]),
            UserDir::Config => ("XDG_CONFIG_HOME", &[".config"]),
        };
        let absolute = |name: &str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        let base = absolute(var).or_else(|| {
            absolute("HOME").map(|home| default.iter().fold(home, |p, part| p.join(part)))
        })?;
        Some(base.join("policy-nav"))
    }
}
