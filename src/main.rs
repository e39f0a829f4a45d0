// Messages by key in both languages; see policy_nav::i18n.
rust_i18n::i18n!("locales", fallback = "zh");
const _MESSAGES: &str = include_str!("../locales/messages.toml");

/// A message by key in the user's language (`locales/messages.toml`).
macro_rules! t {
    ($($arg:tt)*) => {{
        policy_nav::i18n::ensure_language();
        rust_i18n::t!($($arg)*)
    }};
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
