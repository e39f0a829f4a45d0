// Messages by key in both languages; see policy_nav::i18n.
rust_i18n::i18n!("locales", fallback = "zh");
const _MESSAGES: &str = include_str!("../locales/messages.toml");

/// A message by key in the user's language (`locales/messages.toml`).
macro_rules! t {
    ($($arg:tt)*) => {{
        $crate::ensure_language();
        rust_i18n::t!($($arg)*)
    }};
}

/// Chooses the language before a lookup (see `policy_nav::i18n`). The
/// binary's own unit tests (the navigator's snapshots among them) always
/// read Chinese, whatever the locale of the shell that runs them.
fn ensure_language() {
    #[cfg(test)]
    {
        static CHINESE_IN_TESTS: std::sync::Once = std::sync::Once::new();
        CHINESE_IN_TESTS.call_once(|| policy_nav::i18n::set_language(policy_nav::i18n::CHINESE));
    }
    policy_nav::i18n::ensure_language();
}

mod cli;
mod config;
mod keys;
mod tui;

fn main() {
    policy_nav::i18n::init_from_env();
    let args = match cli::parse(cli::exclusions_as_options(std::env::args_os())) {
        Ok(args) => args,
        Err(exit) => std::process::exit(exit),
    };
    if let Err(failure) = cli::run(args) {
        if !failure.message.is_empty() && failure.code != 0 {
            eprintln!("policy-nav: {}", cli::terminal_safe(&failure.message));
        }
        std::process::exit(failure.code);
    }
}
