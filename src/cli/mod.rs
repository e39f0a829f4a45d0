//! Command-line front end: argument definitions and one-shot commands.

mod compare;
mod depts;
mod outline;
mod search;
mod show;
mod targets;
mod timeline;

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
        #[arg(long, conflicts_with_all = ["csv", "md"])]
        json: bool,
        /// Print CSV (UTF-8 with BOM) with a citation per result.
        #[arg(long, conflicts_with = "md")]
        csv: bool,
        /// Print a Markdown table with a citation per result.
        #[arg(long)]
        md: bool,
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
        /// Print JSON (texts, similarity, diff ranges in characters).
        #[arg(long, conflicts_with_all = ["csv", "md"])]
        json: bool,
        /// Print CSV (UTF-8 with BOM) with a citation per clause.
        #[arg(long, conflicts_with = "md")]
        csv: bool,
        /// Print Markdown, differences in <ins>/<del>.
        #[arg(long)]
        md: bool,
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
        /// Print JSON: [{"deadline", "plans": [{"plan", "targets": [...]}]}].
        #[arg(long, conflicts_with_all = ["csv", "md"])]
        json: bool,
        /// Print CSV (UTF-8 with BOM) with a citation per row.
        #[arg(long, conflicts_with = "md")]
        csv: bool,
        /// Print a Markdown table with a citation per row.
        #[arg(long)]
        md: bool,
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
        #[arg(long, conflicts_with_all = ["csv", "md"])]
        json: bool,
        /// Print CSV (UTF-8 with BOM, opens in Excel and WPS).
        #[arg(long, conflicts_with = "md")]
        csv: bool,
        /// Print a Markdown table with a citation per row.
        #[arg(long)]
        md: bool,
    },
    /// List departments with duty counts, or one department's duties.
    Depts {
        /// A department name or alias (发改委, 工信部, 国家市场监督管理总局 …),
        /// or its pinyin (fgw, fagaiwei).
        name: Option<String>,
        /// Only duties of this role: lead, support, responsible, mentioned,
        /// issuer, addressee.
        #[arg(long, value_parser = depts::parse_role)]
        role: Option<policy_nav::departments::Role>,
        /// Print JSON instead of text.
        #[arg(long, conflicts_with_all = ["csv", "md"])]
        json: bool,
        /// Print the duties as CSV (UTF-8 with BOM) with a citation per duty.
        #[arg(long, conflicts_with = "md")]
        csv: bool,
        /// Print the duties as a Markdown table with a citation per duty.
        #[arg(long)]
        md: bool,
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

/// Loads the corpus, printing per-file warnings on stderr.
pub fn load_library(corpus: Option<&std::path::Path>) -> Result<Library, Failure> {
    let library = Library::load(CorpusLocation::choose(corpus)).map_err(|e| Failure {
        message: e.to_string(),
        code: EXIT_USAGE,
    })?;
    for warning in &library.warnings {
        eprintln!("policy-nav: warning: {warning}");
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
    crate::tui::run(std::sync::Arc::new(library), options).map_err(|e| Failure {
        message: format!("terminal error: {e}"),
        code: EXIT_USAGE,
    })
}

/// The export format asked for, `None` for the command's text output.
fn export_format(json: bool, csv: bool, md: bool) -> Option<policy_nav::export::Format> {
    use policy_nav::export::Format;
    match (json, csv, md) {
        (true, _, _) => Some(Format::Json),
        (_, true, _) => Some(Format::Csv),
        (_, _, true) => Some(Format::Md),
        _ => None,
    }
}

/// True when text output may use terminal emphasis (stdout is a terminal
/// and NO_COLOR is not set).
pub fn emphasis() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
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
            csv,
            md,
            explain,
        }) => {
            let output = if explain {
                search::Output::Explain { json }
            } else {
                search::Output::Plain(export_format(json, csv, md))
            };
            search::run_search(
                &library,
                &query.join(" "),
                limit,
                plan.as_deref(),
                output,
                &mut out,
            )?
        }
        Some(Command::Compare {
            addresses,
            json,
            csv,
            md,
            marks,
        }) => compare::run(
            &library,
            &addresses,
            export_format(json, csv, md),
            marks,
            &mut out,
        )?,
        Some(Command::Timeline {
            plan,
            undated,
            json,
            csv,
            md,
        }) => timeline::run(
            &library,
            plan.as_deref(),
            undated,
            export_format(json, csv, md),
            &mut out,
        )?,
        Some(Command::Index { rebuild }) => search::run_index(&library, rebuild, &mut out)?,
        Some(Command::Targets {
            plan,
            deadline,
            all,
            json,
            csv,
            md,
        }) => {
            let format = match (json, csv, md) {
                (true, _, _) => targets::Format::Json,
                (_, true, _) => targets::Format::Csv,
                (_, _, true) => targets::Format::Md,
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
        Some(Command::Depts {
            name,
            role,
            json,
            csv,
            md,
        }) => depts::run(
            &library,
            name.as_deref(),
            role,
            export_format(json, csv, md),
            &mut out,
        )?,
        None => {
            drop(out);
            return run_navigator(library, &cli);
        }
    }
    out.flush()?;
    Ok(())
}
