//! The user's language: Chinese, or English when the locale asks for it.
//!
//! Every message, warning and hint is looked up by key in
//! `locales/messages.toml` (both languages side by side) with the `t!`
//! macro; nothing user-facing is spelled in the code.

/// The locale names used in `locales/messages.toml`.
pub const CHINESE: &str = "zh";
/// See [`CHINESE`].
pub const ENGLISH: &str = "en";

/// The language the environment asks for, by POSIX precedence: the first
/// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides;
/// English when it starts with `en`, Chinese otherwise (also when none is
/// set: the users are Chinese officials, whose servers often run with
/// `LANG=C`).
pub fn language_from(lookup: impl Fn(&str) -> Option<String>) -> &'static str {
    let chosen = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| lookup(name).filter(|v| !v.is_empty()));
    match chosen {
        Some(value) if value.to_ascii_lowercase().starts_with("en") => ENGLISH,
        _ => CHINESE,
    }
}

/// Sets the language of every message from the environment.
pub fn init_from_env() {
    set_language(language_from(|name| std::env::var(name).ok()));
}

/// Sets the language of every message: [`CHINESE`] or [`ENGLISH`].
pub fn set_language(language: &str) {
    CHOSEN.call_once(|| {});
    rust_i18n::set_locale(language);
}

static CHOSEN: std::sync::Once = std::sync::Once::new();

/// Chooses the language from the environment unless it was chosen
/// already: called before every lookup, so a message is never in the
/// i18n crate's default (English) only because nobody chose. The library's
/// own unit tests always read Chinese.
pub fn ensure_language() {
    CHOSEN.call_once(|| {
        let language = if cfg!(test) {
            CHINESE
        } else {
            language_from(|name| std::env::var(name).ok())
        };
        rust_i18n::set_locale(language);
    });
}

/// True when messages are English.
pub fn is_english() -> bool {
    ensure_language();
    &*rust_i18n::locale() == ENGLISH
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_first_set_variable_decides() {
        assert_eq!(language_from(env(&[])), CHINESE);
        assert_eq!(language_from(env(&[("LANG", "en_US.UTF-8")])), ENGLISH);
        assert_eq!(language_from(env(&[("LANG", "zh_CN.UTF-8")])), CHINESE);
        assert_eq!(language_from(env(&[("LANG", "C")])), CHINESE);
        assert_eq!(
            language_from(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")])),
            CHINESE
        );
        assert_eq!(
            language_from(env(&[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_GB")])),
            ENGLISH
        );
        assert_eq!(
            language_from(env(&[("LC_ALL", ""), ("LANG", "en")])),
            ENGLISH,
            "an empty variable does not decide"
        );
    }
}
