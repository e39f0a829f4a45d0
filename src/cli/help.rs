//! `--help`, the man page and clap's own errors in the user's language.
//!
//! The argument definitions stay in the derive (`super::Cli`); their texts
//! come from `locales/messages.toml` under `help.<command>.<argument>`
//! (`help.about` and `help.<command>.about` for the commands), laid over
//! the derived command before it parses. A flag shared by several commands
//! (`--json`) may be written once under `help.common.<argument>`.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The command line as the user sees it: every text localized.
pub fn command() -> Command {
    use clap::CommandFactory;
    let mut command = localize(super::Cli::command(), "");
    command = command.disable_version_flag(true).arg(
        version_flag()
            .help(t!("help.common.version").into_owned())
            .help_heading(t!("help.heading.options").into_owned()),
    );
    command.build();
    localize_usage(localize_help_subcommands(command))
}

/// The command line's structure alone, its texts as derived: it accepts
/// and parses exactly what [`command`] does (a test holds them equal),
/// without looking up and laying over a hundred texts and rendering every
/// usage line, which a one-shot command never shows. Help, the version
/// and errors are shown through [`command`].
pub fn structure() -> Command {
    use clap::CommandFactory;
    super::Cli::command()
        .disable_version_flag(true)
        .arg(version_flag())
}

/// `-V`/`--version` (clap's own flag is turned off: its text is English).
fn version_flag() -> Arg {
    Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
}

/// clap writes `[OPTIONS]` into every usage line, in English whatever the
/// templates say: each command's usage is rendered once and given again
/// with the placeholder in the user's language.
fn localize_usage(mut command: Command) -> Command {
    let placeholder = t!("help.value.options").into_owned();
    if placeholder == "[OPTIONS]" {
        return command;
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, localize_usage);
    }
    let rendered = command.render_usage().to_string();
    let usage = rendered
        .split_once(": ")
        .map_or(rendered.as_str(), |(_, usage)| usage)
        .replace("[OPTIONS]", &placeholder);
    command.override_usage(usage)
}

/// The message key of a command's or argument's text.
pub fn key(path: &str, name: &str) -> String {
    format!("help.{path}{name}")
}

/// The text under `key`, or `None` when the file has none (the lookup
/// then returns the key itself).
fn lookup(key: &str) -> Option<String> {
    let text = t!(key).into_owned();
    (text != key).then_some(text)
}

fn localize(mut command: Command, path: &str) -> Command {
    if let Some(about) = lookup(&key(path, "about")) {
        command = command.about(about).long_about(None);
    }
    if let Some(long) = lookup(&key(path, "long_about")) {
        command = command.long_about(long);
    }
    let options = t!("help.heading.options").into_owned();
    let arguments = t!("help.heading.arguments").into_owned();
    command = command
        .help_template(t!("help.template").into_owned())
        .subcommand_help_heading(t!("help.heading.commands").into_owned())
        .subcommand_value_name(t!("help.value.command").into_owned())
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t!("help.common.help").into_owned()),
        );
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = lookup(&key(path, &id)).or_else(|| lookup(&key("common.", &id)));
        let value_name = lookup(&format!("help.value.{id}"));
        let (options, arguments) = (options.clone(), arguments.clone());
        command = command.mut_arg(&id, move |mut arg| {
            if let Some(text) = text {
                let defaults: Vec<String> = arg
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                let text = if defaults.is_empty() || arg.is_hide_default_value_set() {
                    text
                } else {
                    let value = defaults.join(", ");
                    format!("{text}{}", t!("help.default", value = value))
                };
                arg = arg.help(text).long_help(None);
                if arg.get_action().takes_values() {
                    // Possible values are listed in the localized text,
                    // the default appended above.
                    arg = arg.hide_possible_values(true).hide_default_value(true);
                }
            }
            if let Some(name) = value_name {
                arg = arg.value_name(name);
            }
            let heading = if arg.is_positional() {
                arguments
            } else {
                options
            };
            arg.help_heading(heading)
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path}{name}.");
        command = command.mut_subcommand(&name, |sub| localize(sub, &sub_path));
    }
    command
}

/// clap adds a `help` subcommand when it builds the command; its text is
/// set afterwards, on every level that has one.
fn localize_help_subcommands(mut command: Command) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            if sub.get_name() == "help" {
                sub.about(t!("help.common.help_command").into_owned())
                    .help_template(t!("help.template").into_owned())
                    .subcommand_help_heading(t!("help.heading.commands").into_owned())
            } else {
                localize_help_subcommands(sub)
            }
        });
    }
    command
}

/// clap's error (an unknown option, a missing argument …) told in the
/// user's language, with the usage line and the way to more help. Kinds
/// without a message of ours keep clap's own text.
pub fn error_message(error: &clap::Error) -> String {
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let argument = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => t!("clap.unknown_argument", argument = argument),
        ErrorKind::InvalidSubcommand => {
            t!(
                "clap.unknown_command",
                command = text(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue => t!(
            "clap.invalid_value",
            value = value,
            argument = argument,
            valid = text(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            // The value parser's own reason (already in the user's language).
            let reason = std::error::Error::source(error)
                .map(|e| e.to_string())
                .unwrap_or_default();
            t!(
                "clap.invalid_value_because",
                value = value,
                argument = argument,
                reason = reason
            )
        }
        ErrorKind::MissingRequiredArgument => t!("clap.missing_argument", argument = argument),
        ErrorKind::MissingSubcommand => t!("clap.missing_command"),
        ErrorKind::ArgumentConflict => t!(
            "clap.conflict",
            argument = argument,
            other = text(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            t!("clap.unexpected_value", value = value)
        }
        _ => return error.render().to_string(),
    };
    let suggestion = text(ContextKind::SuggestedArg) + &text(ContextKind::SuggestedSubcommand);
    let mut out = t!("clap.error", message = message).into_owned();
    if !suggestion.is_empty() {
        out.push('\n');
        out.push_str(&t!("clap.did_you_mean", suggestion = suggestion));
    }
    out.push_str("\n\n");
    out.push_str(&t!("clap.more_help"));
    out.push('\n');
    out
}

/// clap_mangen writes English section names (`.SH NAME`); a Chinese page
/// gets Chinese ones, as the man-pages-zh project writes them.
pub fn localize_man_sections(page: &str) -> String {
    page.lines()
        .map(|line| match line.strip_prefix(".SH ") {
            Some(name) => {
                let key = format!("man.section.{}", name.trim_matches('"').to_lowercase());
                match lookup(&key) {
                    Some(local) => format!(".SH \"{local}\""),
                    None => line.to_string(),
                }
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The structure parses exactly what the localized command does: the
    /// same `Cli` for a command line either accepts, and an error from
    /// both for one neither does (help, the version, mistakes).
    #[test]
    fn the_structure_parses_as_the_localized_command() {
        use clap::FromArgMatches;
        let parse = |command: Command, args: &[&str]| {
            let args = std::iter::once("policy-nav").chain(args.iter().copied());
            command
                .try_get_matches_from(args)
                .and_then(|m| super::super::Cli::from_arg_matches(&m))
                .map(|cli| format!("{cli:?}"))
                .map_err(|e| e.kind())
        };
        let lines: &[&[&str]] = &[
            &[],
            &["--ascii", "--color", "never", "--mouse"],
            &[
                "--corpus", "docs", "search", "钢铁", "--json", "--limit", "3",
            ],
            &["search", "余热发电", "--exclude=钢铁", "--explain"],
            &["targets", "--deadline", "2025", "--all", "--json"],
            &["targets", "--metric", "能耗强度", "--csv"],
            &["show", "钢铁:二(四)", "--json"],
            &["outline", "--json", "--debris"],
            &["depts", "发改委", "--json"],
            &["compare", "二(四)", "--json"],
            &["timeline", "--json"],
            &["index"],
            &["bench", "gen", "--plans", "3", "--out", "x"],
            &["completions", "bash"],
            &["--first-frame"],
            &["--help"],
            &["-h"],
            &["search", "--help"],
            &["help", "targets"],
            &["-V"],
            &["--version"],
            &["search"],
            &["--nonsense"],
            &["targets", "--limit", "x"],
            &["show"],
        ];
        for args in lines {
            assert_eq!(parse(structure(), args), parse(command(), args), "{args:?}");
        }
        assert!(parse(command(), &["search", "钢铁"]).is_ok());
        assert!(parse(command(), &["--help"]).is_err());
    }

    /// Keys of messages.toml present in both languages.
    fn both_languages() -> std::collections::BTreeSet<String> {
        let table: toml::Table =
            toml::from_str(include_str!("../../locales/messages.toml")).unwrap();
        let mut out = std::collections::BTreeSet::new();
        fn walk(prefix: &str, t: &toml::Table, out: &mut std::collections::BTreeSet<String>) {
            for (name, value) in t {
                let key = format!("{prefix}{name}");
                if let toml::Value::Table(inner) = value {
                    if inner.contains_key("zh") && inner.contains_key("en") {
                        out.insert(key.clone());
                    }
                    walk(&format!("{key}."), inner, out);
                }
            }
        }
        walk("", &table, &mut out);
        out
    }

    /// Every command and argument a user sees has its text in both
    /// languages: a new flag added without one fails here.
    #[test]
    fn every_visible_command_and_argument_has_localized_help() {
        let known = both_languages();
        let mut missing = Vec::new();
        fn visit(
            command: &Command,
            path: &str,
            known: &std::collections::BTreeSet<String>,
            missing: &mut Vec<String>,
        ) {
            if command.is_hide_set() {
                return;
            }
            let about = key(path, "about");
            if !known.contains(&about) {
                missing.push(about);
            }
            for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                let own = key(path, id);
                if !known.contains(&own) && !known.contains(&key("common.", id)) {
                    missing.push(own);
                }
            }
            for sub in command.get_subcommands() {
                visit(sub, &format!("{path}{}.", sub.get_name()), known, missing);
            }
        }
        visit(&crate::cli::Cli::command(), "", &known, &mut missing);
        assert!(
            missing.is_empty(),
            "help texts missing from messages.toml: {missing:?}"
        );
    }

    #[test]
    fn the_localized_command_is_valid() {
        command().debug_assert();
    }
}
