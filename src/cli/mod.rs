//! Command-line front end: argument definitions and one-shot commands.

mod depts;
mod outline;
mod search;
mod show;
mod targets;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use policy_nav::{CorpusLocation, Library};

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

    /// Navigator: capture the mouse (scroll wheel). Off by default so the
    /// terminal's own text selection keeps working.
    #[arg(long, global = true)]
    pub mouse: bool,

    /// Navigator: draw the first frame and exit (start-up benchmarks).
    #[arg(long, hide = true)]
    pub first_frame: bool,

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
        /// Query words.
        #[arg(required = true)]
        query: Vec<String>,
        /// Most results to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only this plan (short name, title, number or English name).
        #[arg(long)]
        plan: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
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
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (UTF-8 with BOM, opens in Excel and WPS).
        #[arg(long)]
        csv: bool,
    },
    /// List departments with duty counts, or one department's duties.
    Depts {
        /// A department name or alias (发改委, 工信部, 国家市场监督管理总局 …).
        name: Option<String>,
        /// Only duties of this role: lead, support, responsible, mentioned,
        /// issuer, addressee.
        #[arg(long, value_parser = depts::parse_role)]
        role: Option<policy_nav::departments::Role>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Exit status for a missing address or department.
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
    let text = serde_json::to_string_pretty(value).map_err(io::Error::from)?;
    out.write_all(policy_nav::text::escape_json_for_terminal(&text).as_bytes())?;
    writeln!(out)
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
pub fn load_library(corpus: Option<&std::path::Path>) -> Result<Library, Failure> {
    let library = Library::load(CorpusLocation::choose(corpus)).map_err(|e| Failure {
        message: e.to_string(),
        code: EXIT_USAGE,
    })?;
    for warning in &library.warnings {
        eprintln!(
            "policy-nav: warning: {}",
            terminal_safe(&warning.to_string())
        );
    }
    Ok(library)
}

fn run_navigator(library: Library, cli: &Cli) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure {
            message: "the navigator needs a terminal; for scripts use a command such as `policy-nav outline` or `policy-nav show ADDRESS` (see --help)".into(),
            code: EXIT_USAGE,
        });
    }
    let options = crate::tui::Options {
        ascii: cli.ascii,
        mouse: cli.mouse,
        exit_after_first_frame: cli.first_frame,
    };
    let result = crate::tui::run(std::sync::Arc::new(library), options);
    // However the navigator ended (quit, SIGTERM, SIGHUP, a vanished
    // terminal), an index build still running on another thread must not
    // leave its temporary directory behind.
    policy_nav::search::remove_unfinished_builds();
    result.map_err(|e| Failure {
        message: format!("terminal error: {e}"),
        code: EXIT_USAGE,
    })
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let library = load_library(cli.corpus.as_deref())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match cli.command {
        Some(Command::Outline { json, debris }) => outline::run(&library, json, debris, &mut out)?,
        Some(Command::Show { address, json }) => show::run(&library, &address, json, &mut out)?,
        Some(Command::Search {
            query,
            limit,
            plan,
            json,
        }) => search::run_search(
            &library,
            &query.join(" "),
            limit,
            plan.as_deref(),
            json,
            &mut out,
        )?,
        Some(Command::Index { rebuild }) => search::run_index(&library, rebuild, &mut out)?,
        Some(Command::Targets {
            plan,
            deadline,
            all,
            json,
            csv,
        }) => {
            let format = match (json, csv) {
                (true, _) => targets::Format::Json,
                (_, true) => targets::Format::Csv,
                _ => targets::Format::Table,
            };
            targets::run(
                &library,
                plan.as_deref(),
                deadline.as_deref(),
                all,
                format,
                &mut out,
            )?
        }
        Some(Command::Depts { name, role, json }) => {
            depts::run(&library, name.as_deref(), role, json, &mut out)?
        }
        None => {
            drop(out);
            return run_navigator(library, &cli);
        }
    }
    out.flush()?;
    Ok(())
}
