//! Command-line front end: argument definitions and one-shot commands.

mod bench;
mod compare;
mod depts;
pub mod help;
pub mod log;
mod outline;
mod search;
mod show;
pub mod style;
mod targets;
mod timeline;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{ColorChoice, Config};
use policy_nav::{CorpusLocation, Library};

use style::Paint;

/// Navigate Chinese policy documents: clauses, departments, targets, search.
#[derive(Debug, Parser)]
#[command(name = "policy-nav", version, about, long_about = None)]
pub struct Cli {
    /// Directory of corpus files (*.txt, one document each). Default:
    /// ./corpus when present, else the corpus built into the binary.
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Navigator: plain ASCII glyphs only (for fonts without › ► ▸).
    #[arg(long, global = true)]
    pub ascii: bool,

    /// Colour and other terminal escapes: auto (only on a terminal and
    /// without NO_COLOR), always, never. Default: the config file's
    /// `color`, else auto.
    #[arg(long, global = true, value_name = "WHEN")]
    pub color: Option<ColorArg>,

    /// Navigator: capture the mouse (scroll wheel). Off by default so the
    /// terminal's own text selection keeps working.
    #[arg(long, global = true)]
    pub mouse: bool,

    /// Navigator: draw the first complete frame and exit (start-up
    /// benchmarks).
    #[arg(long, hide = true)]
    pub first_frame: bool,

    /// Navigator: draw the first frame of the loaded corpus, from which
    /// keys are answered, and exit (start-up benchmarks).
    #[arg(long, hide = true, conflicts_with = "first_frame")]
    pub ready_frame: bool,

    /// What to do; without a command, the interactive navigator opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// One-shot commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the document tree: every clause address with its heading.
    Outline {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// List every piece of raw text normalization removed, with its line.
        #[arg(long)]
        debris: bool,
    },
    /// Print one clause with its breadcrumb and raw line numbers.
    Show {
        /// Address such as 钢铁:二(五), steel:2.5, 钢铁:一#2, 钢铁:序, 通知.
        address: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Search clauses: every word must occur; "phrases", -exclude,
    /// plan:钢铁, dept:发改委, role:lead.
    Search {
        /// Query words; `-word` excludes a word (see [`exclusions_as_options`]).
        #[arg(required_unless_present = "exclude")]
        query: Vec<String>,
        /// A `-word` of the query, moved here before parsing (hidden).
        #[arg(long, hide = true)]
        exclude: Vec<String>,
        /// Most results to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only this plan (short name, title, number or English name).
        #[arg(long)]
        plan: Option<String>,
        #[command(flatten)]
        format: ListFormat,
        /// Show how the query was segmented and expanded (aliases, pinyin),
        /// which filters applied, and where each result matched.
        #[arg(long, conflicts_with_all = ["csv", "md"])]
        explain: bool,
    },
    /// Compare clauses across plans, differences marked: `compare 三(一)`
    /// (every plan's), `compare 钢铁:三(一)` (it and its counterparts),
    /// `compare 钢铁:三(一) 水泥:三(一)` (these, the first as reference).
    Compare {
        /// One address (with or without a plan) or several.
        #[arg(required = true)]
        addresses: Vec<String>,
        #[command(flatten)]
        format: ListFormat,
        /// Mark differences with 【】 in text output (otherwise they are
        /// bold and underlined on a terminal, and unmarked in a pipe).
        #[arg(long)]
        marks: bool,
    },
    /// Targets and milestones by deadline (chronological), then by plan.
    Timeline {
        /// Only this plan (short name, title, number, English name or pinyin).
        #[arg(long)]
        plan: Option<String>,
        /// Also list targets without a deadline, last.
        #[arg(long)]
        undated: bool,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Build the search index now (it is also built on first use).
    Index {
        /// Rebuild even if the index is current.
        #[arg(long)]
        rebuild: bool,
    },
    /// The table of quantified targets, each linked to its clause.
    Targets {
        /// Only this plan (short name, title, number or English name).
        #[arg(long)]
        plan: Option<String>,
        /// Only deadlines containing this text, e.g. 2025 or 2030年底.
        #[arg(long)]
        deadline: Option<String>,
        /// Include milestones (deadline goals with no number).
        #[arg(long)]
        all: bool,
        /// Only this metric, in every document that sets it, national
        /// first, then provinces, cities and counties: any wording
        /// (能耗强度, 单位GDP能耗, 单位地区生产总值能源消耗) or its pinyin (nhqd).
        #[arg(long, value_name = "NAME")]
        metric: Option<String>,
        #[command(flatten)]
        format: ListFormat,
        /// Print a text bar chart comparing each metric that two or more
        /// plans share (节能量, 减排二氧化碳 …), 80 columns wide.
        #[arg(long, conflicts_with_all = ["json", "csv", "md"])]
        chart: bool,
        /// Write a workbook for WPS and Excel instead of printing: the rows
        /// on one sheet, the metrics several documents share on another.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["json", "csv", "md", "chart"])]
        xlsx: Option<PathBuf>,
    },
    /// Benchmarks (keystrokes, synthetic corpora, scale); see README "Performance".
    #[command(hide = true, subcommand)]
    Bench(bench::Bench),
    /// List departments with duty counts, or one department's duties.
    Depts {
        /// A department name or alias (发改委, 工信部, 国家市场监督管理总局 …),
        /// or its pinyin (fgw, fagaiwei).
        name: Option<String>,
        /// Only duties of this role: lead, support, responsible, mentioned,
        /// issuer, addressee.
        #[arg(long, value_parser = depts::parse_role)]
        role: Option<policy_nav::departments::Role>,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// bash: `policy-nav completions bash > ~/.local/share/bash-completion/completions/policy-nav`;
    /// zsh: write `_policy-nav` into a directory on $fpath;
    /// fish: `policy-nav completions fish > ~/.config/fish/completions/policy-nav.fish`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `policy-nav man | man -l -`.
    Man,
    /// Show the settings in effect and where the config file is.
    Config {
        /// Print a commented config file with every default instead.
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print only the config file's path.
        #[arg(long)]
        path: bool,
    },
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Only on a terminal, and not with NO_COLOR.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(c: ColorArg) -> Self {
        match c {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

impl Command {
    /// The command's name, for the log.
    fn name(&self) -> &'static str {
        match self {
            Command::Outline { .. } => "outline",
            Command::Show { .. } => "show",
            Command::Search { .. } => "search",
            Command::Index { .. } => "index",
            Command::Targets { .. } => "targets",
            Command::Depts { .. } => "depts",
            Command::Compare { .. } => "compare",
            Command::Timeline { .. } => "timeline",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
            Command::Config { .. } => "config",
            Command::Bench(_) => "bench",
        }
    }
}

/// Exit status when nothing was found: no search hit, no such address or
/// department, no target or duty the filters select (grep's and ripgrep's 1).
pub const EXIT_NOT_FOUND: i32 = 1;
/// Exit status for bad usage or an unusable corpus.
pub const EXIT_USAGE: i32 = 2;

/// A command's failure: a message for stderr and an exit status.
#[derive(Debug)]
pub struct Failure {
    /// What to tell the user.
    pub message: String,
    /// Exit status.
    pub code: i32,
}

impl Failure {
    /// Nothing found, after the command printed what it prints for that
    /// (`[]`, a CSV header, a hint on stderr): status 1, no further message.
    pub fn nothing_found() -> Failure {
        Failure {
            message: String::new(),
            code: EXIT_NOT_FOUND,
        }
    }
}

/// `Ok` when something was found, else [`Failure::nothing_found`].
pub fn found(something: bool) -> Result<(), Failure> {
    if something {
        Ok(())
    } else {
        Err(Failure::nothing_found())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure {
            message: e.to_string(),
            code: if e.kind() == io::ErrorKind::BrokenPipe {
                0
            } else {
                EXIT_USAGE
            },
        }
    }
}

/// Writes `value` as pretty JSON and a newline. Characters serde_json
/// leaves raw but a terminal would act on (C1 controls, bidi overrides)
/// are written as `\uXXXX` escapes, so the output is safe to print.
pub fn write_json<T: serde::Serialize + ?Sized>(out: &mut impl Write, value: &T) -> io::Result<()> {
    policy_nav::text::write_json_for_terminal(out, value)
}

/// A message for stderr with anything a terminal would act on escaped
/// (line breaks kept).
pub fn terminal_safe(message: &str) -> String {
    message
        .split('\n')
        .map(|line| policy_nav::text::escape_for_terminal(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads the corpus, printing per-file warnings on stderr.
pub fn load_library(corpus: Option<&Path>) -> Result<Library, Failure> {
    let library = Library::load(CorpusLocation::choose(corpus)).map_err(|e| Failure {
        message: e.to_string(),
        code: EXIT_USAGE,
    })?;
    print_warnings(&library.warnings);
    Ok(library)
}

/// Prints a load's per-file warnings on stderr.
fn print_warnings(warnings: &[policy_nav::LoadWarning]) {
    for warning in warnings {
        eprintln!(
            "policy-nav: {}",
            terminal_safe(&t!("cli.warning", message = warning))
        );
    }
}

fn run_navigator(location: CorpusLocation, cli: &Cli, config: &Config) -> Result<(), Failure> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure {
            message: t!("cli.needs_terminal").into_owned(),
            code: EXIT_USAGE,
        });
    }
    // --color and NO_COLOR as for the commands; the navigator always draws
    // on a terminal, so `auto` means colour unless the theme is mono.
    let color = config.theme != crate::config::ThemeName::Mono
        && ColorChoice::resolve(
            cli.color.map(Into::into),
            config.color,
            no_color_env(),
            true,
        );
    let watch = match &location {
        CorpusLocation::Dir(path) => Some(path.clone()),
        CorpusLocation::Embedded => None,
    };
    let options = crate::tui::Options {
        ascii: cli.ascii || config.ascii,
        mouse: cli.mouse,
        exit_after: if cli.first_frame {
            Some(crate::tui::ExitAfter::FirstFrame)
        } else if cli.ready_frame {
            Some(crate::tui::ExitAfter::ReadyFrame)
        } else {
            None
        },
        color,
        theme: config.theme,
        keys: config.keys.clone(),
        watch,
    };
    // The navigator loads the corpus on its own thread (a big corpus takes
    // seconds); the warnings are printed once the terminal is given back.
    let warnings = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let load_warnings = warnings.clone();
    let where_from = terminal_safe(&location.to_string());
    let load: crate::tui::Loader = std::sync::Arc::new(move || {
        let library = Library::load(location.clone()).map_err(|e| e.to_string())?;
        if let Ok(mut w) = load_warnings.lock() {
            // The warnings of the latest load (a reload replaces them).
            *w = library.warnings.iter().map(|w| w.to_string()).collect();
        }
        Ok(library)
    });
    let result = crate::tui::run(load, where_from, options);
    // However the navigator ended (quit, SIGTERM, SIGHUP, a vanished
    // terminal), an index build still running on another thread must not
    // leave its temporary directory behind.
    policy_nav::search::remove_unfinished_builds();
    for warning in warnings.lock().map(|w| w.clone()).unwrap_or_default() {
        eprintln!(
            "policy-nav: {}",
            terminal_safe(&t!("cli.warning", message = warning))
        );
    }
    result.map_err(|e| match e {
        crate::tui::RunError::Terminal(e) => Failure {
            message: t!("cli.terminal_error", error = e).into_owned(),
            code: EXIT_USAGE,
        },
        crate::tui::RunError::Load(message) => Failure {
            message,
            code: EXIT_USAGE,
        },
    })
}

/// Whether `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Reads the config file, warning on stderr about each problem; the
/// program goes on with defaults for whatever is broken.
fn load_config() -> (Config, Option<PathBuf>) {
    let Some(path) = crate::config::default_path() else {
        return (Config::default(), None);
    };
    let (config, errors) = Config::load(&path);
    for error in &errors {
        eprintln!("policy-nav: {}", t!("cli.config_warning", error = error));
        tracing::warn!(%error, "config");
    }
    if !errors.is_empty() {
        eprintln!("policy-nav: {}", t!("cli.config_defaults_used"));
    }
    tracing::debug!(path = %path.display(), ?config, "config");
    (config, Some(path))
}

fn write_completions(shell: clap_complete::Shell, out: &mut impl Write) -> Result<(), Failure> {
    let mut command = help::command();
    clap_complete::generate(shell, &mut command, "policy-nav", out);
    Ok(())
}

fn write_man(out: &mut impl Write) -> Result<(), Failure> {
    let command = help::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    out.write_all(help::localize_man_sections(&String::from_utf8_lossy(&page)).as_bytes())?;
    out.write_all(t!("man.extra").as_bytes())?;
    Ok(())
}

fn run_config(
    default: bool,
    path_only: bool,
    config: &Config,
    path: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if default {
        out.write_all(crate::config::default_toml().as_bytes())?;
        return Ok(());
    }
    let Some(path) = path else {
        return Err(Failure {
            message: t!("cli.no_config_path").into_owned(),
            code: EXIT_USAGE,
        });
    };
    if path_only {
        writeln!(out, "{}", path.display())?;
        return Ok(());
    }
    let state = if path.exists() {
        t!("cli.config_read")
    } else {
        t!("cli.config_absent")
    };
    writeln!(out, "# {} ({state})", path.display())?;
    out.write_all(config.to_toml().as_bytes())?;
    Ok(())
}

/// `--json`, `--csv` or `--md`, shared by every command that prints a list.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct ListFormat {
    /// Print JSON.
    #[arg(long, conflicts_with_all = ["csv", "md"])]
    pub json: bool,
    /// Print CSV (UTF-8 with BOM, opens in Excel and WPS) with a citation per row.
    #[arg(long, conflicts_with = "md")]
    pub csv: bool,
    /// Print a Markdown table with a citation per row.
    #[arg(long)]
    pub md: bool,
}

impl ListFormat {
    /// The export format asked for, `None` for the command's text output.
    fn export(self) -> Option<policy_nav::export::Format> {
        use policy_nav::export::Format;
        match (self.json, self.csv, self.md) {
            (true, _, _) => Some(Format::Json),
            (_, true, _) => Some(Format::Csv),
            (_, _, true) => Some(Format::Md),
            _ => None,
        }
    }
}

/// Parses the command line with localized help and errors. `Err` is the
/// exit status after help, the version or an error was printed.
pub fn parse(args: Vec<OsString>) -> Result<Cli, i32> {
    use clap::FromArgMatches;
    // A command line that parses needs no text: the structure alone is
    // enough (half a millisecond less on every run). Anything else — help,
    // the version, an error — is parsed again with every text localized.
    let accepted = help::structure()
        .try_get_matches_from(args.clone())
        .and_then(|matches| Cli::from_arg_matches(&matches));
    if let Ok(cli) = accepted {
        return Ok(cli);
    }
    let parsed = help::command()
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.map_err(|error| {
        use clap::error::ErrorKind;
        match error.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = error.print();
                0
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = error.print();
                EXIT_USAGE
            }
            _ => {
                eprint!("{}", help::error_message(&error));
                EXIT_USAGE
            }
        }
    })
}

/// Rewrites the query's exclusions for clap: after `search`, an argument
/// such as `-钢铁`, `-"阶梯电价"` or `-plan:水泥` is a word of the query
/// language, not an option, but clap would take it for a cluster of short
/// flags (and `allow_hyphen_values` would swallow `--json` and `--limit`
/// too). Such an argument — one dash, then something other than an ASCII
/// letter or digit, or containing `:` — becomes `--exclude=<word>`.
pub fn exclusions_as_options(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut seen_search = false;
    let mut after_double_dash = false;
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| {
            let text = arg.to_string_lossy();
            if i > 0 && !seen_search && text == "search" {
                seen_search = true;
                return arg;
            }
            if text == "--" {
                after_double_dash = true;
                return arg;
            }
            if !seen_search || after_double_dash {
                return arg;
            }
            let Some(word) = text.strip_prefix('-') else {
                return arg;
            };
            let first = word.chars().next();
            let is_exclusion = !word.starts_with('-')
                && first.is_some_and(|c| !c.is_ascii_alphanumeric() || word.contains(':'));
            if is_exclusion {
                OsString::from(format!("--exclude={word}"))
            } else {
                arg
            }
        })
        .collect()
}

/// The query as the search language reads it: the words, then each
/// exclusion moved aside by [`exclusions_as_options`] with its dash back.
fn query_text(query: &[String], exclude: &[String]) -> String {
    query
        .iter()
        .cloned()
        .chain(exclude.iter().map(|x| format!("-{x}")))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    match log::init() {
        Ok(_) => {}
        Err(message) => eprintln!("policy-nav: {}", t!("cli.warning", message = message)),
    }
    let command_name = cli.command.as_ref().map_or("navigator", Command::name);
    tracing::info!(command = command_name, args = ?cli, "dispatch");
    let started = std::time::Instant::now();
    let result = dispatch(cli);
    match &result {
        Ok(()) => tracing::info!(
            command = command_name,
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "done"
        ),
        Err(f) => tracing::info!(
            command = command_name,
            code = f.code,
            message = %f.message,
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "failed"
        ),
    }
    result
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    // Commands that need neither the config nor the corpus.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut out = io::BufWriter::new(stdout.lock());
            write_completions(*shell, &mut out)?;
            out.flush()?;
            return Ok(());
        }
        Some(Command::Man) => {
            let mut out = io::BufWriter::new(stdout.lock());
            write_man(&mut out)?;
            out.flush()?;
            return Ok(());
        }
        Some(Command::Config {
            default: true,
            path: false,
        }) => {
            let mut out = io::BufWriter::new(stdout.lock());
            run_config(true, false, &Config::default(), None, &mut out)?;
            out.flush()?;
            return Ok(());
        }
        _ => {}
    }
    let (config, config_path) = load_config();
    if let Some(Command::Config { default, path }) = &cli.command {
        let mut out = io::BufWriter::new(stdout.lock());
        run_config(*default, *path, &config, config_path.as_deref(), &mut out)?;
        out.flush()?;
        return Ok(());
    }
    let paint = Paint {
        enabled: ColorChoice::resolve(
            cli.color.map(Into::into),
            config.color,
            no_color_env(),
            is_terminal,
        ),
    };
    let mut out = io::BufWriter::new(stdout.lock());
    // A search with a current index needs no parsed corpus: open the index
    // by the corpus hash alone (falls back to the full load below).
    // Exports (citations) and --explain need the parsed corpus.
    if let Some(Command::Search {
        query,
        exclude,
        limit,
        plan,
        format:
            ListFormat {
                json,
                csv: false,
                md: false,
            },
        explain: false,
    }) = &cli.command
    {
        let location = CorpusLocation::choose(cli.corpus.as_deref().or(config.corpus.as_deref()));
        if let Some(quick) = policy_nav::library::QuickSearch::open(&location) {
            tracing::info!(path = ?quick.location.path, "search index ready (quick path: corpus hashed, not parsed)");
            let result = search::run_quick_search(
                &quick,
                &query_text(query, exclude),
                *limit,
                plan.as_deref(),
                *json,
                paint,
                &mut out,
            );
            out.flush()?;
            // Kept until the process ends, like the library below: closing
            // the index's segments one by one only delays the exit.
            std::mem::forget(quick);
            return result;
        }
    }
    // `targets` in an output that cites no clause needs only the targets:
    // read from the cache's targets section, not the whole library
    // (--plan and --metric resolve names against the library).
    if let Some(Command::Targets {
        plan: None,
        metric: None,
        xlsx: None,
        deadline,
        all,
        format,
        chart,
    }) = &cli.command
    {
        let output = if *chart {
            targets::Output::Chart
        } else {
            targets::Output::Print(format.export())
        };
        let location = CorpusLocation::choose(cli.corpus.as_deref().or(config.corpus.as_deref()));
        if let Some(how) = targets::Uncited::of(&output, false) {
            let filter = targets::by_deadline(deadline.as_deref(), *all);
            // JSON: the rows as stored, written, not rendered.
            let stored = (how == targets::Uncited::Json)
                .then(|| policy_nav::library::cache::load_target_rows(&location, &filter))
                .flatten();
            let read = stored.as_ref().and_then(|stored| {
                let rows = stored.rows()?;
                Some((stored.select(&filter, &rows)?, rows))
            });
            if let Some((selected, rows)) = read {
                print_warnings(&rows.warnings);
                let result = targets::print_rendered_json(&rows, &selected, &mut out);
                out.flush()?;
                return result;
            }
            if let Some(section) = policy_nav::library::cache::load_targets(&location) {
                print_warnings(&section.warnings);
                let rows = filter.select(&section.targets);
                let result = targets::print_uncited(&rows, how, paint, &mut out);
                out.flush()?;
                return result;
            }
        }
    }
    if let Some(Command::Bench(b)) = &cli.command {
        bench::run(
            b,
            cli.corpus.as_deref().or(config.corpus.as_deref()),
            &mut out,
        )?;
        out.flush()?;
        return Ok(());
    }
    let corpus = cli.corpus.as_deref().or(config.corpus.as_deref());
    if cli.command.is_none() {
        drop(out);
        return run_navigator(CorpusLocation::choose(corpus), &cli, &config);
    }
    let library = load_library(corpus)?;
    // A one-shot command keeps the library until the process ends: freeing
    // a big corpus's tree piece by piece only delays the exit (9% of the
    // run at 10,000 plans).
    let library: &'static Library = Box::leak(Box::new(library));
    let result = match cli.command {
        Some(Command::Outline { json, debris }) => {
            outline::run(library, json, debris, paint, &mut out).map_err(Failure::from)
        }
        Some(Command::Show { address, json }) => {
            show::run(library, &address, json, paint, &mut out)
        }
        Some(Command::Search {
            query,
            exclude,
            limit,
            plan,
            format,
            explain,
        }) => {
            let output = if explain {
                search::Output::Explain { json: format.json }
            } else {
                search::Output::Plain(format.export())
            };
            search::run_search(
                library,
                &query_text(&query, &exclude),
                limit,
                plan.as_deref(),
                output,
                paint,
                &mut out,
            )
        }
        Some(Command::Compare {
            addresses,
            format,
            marks,
        }) => compare::run(library, &addresses, format.export(), marks, paint, &mut out),
        Some(Command::Timeline {
            plan,
            undated,
            format,
        }) => timeline::run(library, plan.as_deref(), undated, format.export(), &mut out),
        Some(Command::Index { rebuild }) => search::run_index(library, rebuild, &mut out),
        Some(Command::Targets {
            plan,
            deadline,
            all,
            metric,
            format,
            chart,
            xlsx,
        }) => {
            let mut filter = targets::filter(library, plan.as_deref(), deadline.as_deref(), all)?;
            filter.metric = targets::metric_filter(library, metric.as_deref())?;
            let output = match xlsx {
                Some(path) => targets::Output::Workbook(path),
                None if chart => targets::Output::Chart,
                None => targets::Output::Print(format.export()),
            };
            targets::run(library, &filter, output, paint, &mut out)
        }
        Some(Command::Depts { name, role, format }) => depts::run(
            library,
            name.as_deref(),
            role,
            format.export(),
            paint,
            &mut out,
        ),
        Some(Command::Completions { .. } | Command::Man | Command::Config { .. }) => {
            unreachable!("handled before the corpus is loaded")
        }
        Some(Command::Bench(_)) => unreachable!("handled before the corpus is loaded"),
        None => unreachable!("the navigator is started above"),
    };
    // Whatever the outcome, what was printed reaches stdout first.
    out.flush()?;
    result
}
