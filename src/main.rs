use clap::Parser;

mod cli;
mod config;
mod keys;
mod tui;

fn main() {
    let args = cli::Cli::parse_from(cli::exclusions_as_options(std::env::args_os()));
    if let Err(failure) = cli::run(args) {
        if !failure.message.is_empty() && failure.code != 0 {
            eprintln!("policy-nav: {}", cli::terminal_safe(&failure.message));
        }
        std::process::exit(failure.code);
    }
}
