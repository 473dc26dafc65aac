//! `skjema`: the command line. Thin glue: parse the arguments, set up
//! logging, run a subcommand and turn its result into an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use skjema::cli::{Cli, Command};
use skjema::{batch, logging, panic_guard, review_cmd, tables_cmd};

/// Counts each thread's memory, so that a document's budget (`--max-memory`)
/// knows what it uses.
#[global_allocator]
static ALLOCATOR: skjema_extractor::budget::MeteredAllocator =
    skjema_extractor::budget::MeteredAllocator;

/// Every input became a report.
const EXIT_OK: u8 = 0;
/// The run completed, but some inputs are in errors.csv.
const EXIT_SOME_FAILED: u8 = 1;
/// Usage error, no inputs, or the output could not be written.
const EXIT_FATAL: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = match &cli.command {
        Command::Extract(args) => args.quiet,
        Command::Merge(args) => args.quiet,
        Command::Tables(args) => args.quiet,
        Command::Review(args) => args.quiet,
        Command::Schema => false,
    };
    logging::init(quiet);
    panic_guard::install_quiet_hook();
    let result = match &cli.command {
        Command::Extract(args) => batch::run(args)
            .map(|summary| {
                if !args.quiet {
                    for note in &summary.notes {
                        eprintln!("note: {note}");
                    }
                    logging::report_repeats();
                    if args.resume {
                        eprintln!(
                            "resumed: {} of {} files taken from the progress journal",
                            summary.reused, summary.files
                        );
                    }
                    eprintln!("{}", summary.line());
                }
                if summary.written.errors == 0 {
                    EXIT_OK
                } else {
                    EXIT_SOME_FAILED
                }
            })
            .and_then(|code| {
                if args.review {
                    let base = std::env::current_dir()?;
                    let jobs = args.jobs.map(usize::from);
                    let review = review_cmd::write_review(&args.out, &base, jobs)?;
                    if !args.quiet {
                        eprintln!("{}", review.line());
                    }
                }
                Ok(code)
            }),
        Command::Review(args) => review_cmd::run(args).map(|summary| {
            if !args.quiet {
                logging::report_repeats();
                eprintln!("{}", summary.line());
            }
            EXIT_OK
        }),
        Command::Merge(args) => batch::merge(args).map(|summary| {
            if !args.quiet {
                logging::report_repeats();
                eprintln!("merged {} shards: {}", args.shards.len(), summary.line());
            }
            if summary.written.errors == 0 {
                EXIT_OK
            } else {
                EXIT_SOME_FAILED
            }
        }),
        Command::Schema => print_schema().map(|()| EXIT_OK),
        Command::Tables(args) => tables_cmd::run(args).map(|summary| {
            if !args.quiet {
                logging::report_repeats();
                eprintln!("{}", summary.line());
            }
            if summary.errors == 0 {
                EXIT_OK
            } else {
                EXIT_SOME_FAILED
            }
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn print_schema() -> anyhow::Result<()> {
    let schema = skjema_exporter::report_schema_json()?;
    std::io::stdout().lock().write_all(schema.as_bytes())?;
    Ok(())
}
