//! `POLICY_NAV_LOG=debug` (or error, warn, info, trace): a log file in the
//! user state directory, never on the terminal. Without the variable no
//! subscriber is installed, so tracing calls cost a relaxed atomic load.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

/// The environment variable that turns logging on.
pub const LOG_ENV: &str = "POLICY_NAV_LOG";

/// `$XDG_STATE_HOME/policy-nav/policy-nav.log` (absolute values only), else
/// `$HOME/.local/state/policy-nav/policy-nav.log`.
pub fn log_path() -> Option<PathBuf> {
    Some(
        policy_nav::dirs::UserDir::State
            .path()?
            .join("policy-nav.log"),
    )
}

/// Installs the file logger when [`LOG_ENV`] asks for one. Returns the log
/// file's path when logging is on, an error message (for a warning; the
/// program goes on without a log) when the value or the file is unusable.
pub fn init() -> Result<Option<PathBuf>, String> {
    let Some(value) = std::env::var_os(LOG_ENV) else {
        return Ok(None);
    };
    let value = value.to_string_lossy();
    if value.trim().is_empty() {
        return Ok(None);
    }
    let level = LevelFilter::from_str(value.trim())
        .map_err(|_| t!("log.bad_level", variable = LOG_ENV, value = value).into_owned())?;
    if level == LevelFilter::OFF {
        return Ok(None);
    }
    let path = log_path().ok_or_else(|| t!("log.no_home", variable = LOG_ENV).into_owned())?;
    let open = || -> std::io::Result<std::fs::File> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
    };
    let file = open()
        .map_err(|e| t!("log.cannot_write", path = path.display(), error = e).into_owned())?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_max_level(level)
        .with_target(true)
        .try_init()
        .map_err(|e| t!("log.cannot_start", error = e).into_owned())?;
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        pid = std::process::id(),
        "policy-nav started"
    );
    Ok(Some(path))
}
