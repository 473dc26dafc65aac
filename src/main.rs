//! `skjema`: the command line. Thin glue: parse the arguments, set up
//! logging, run a subcommand and turn its result into an exit code.

mod batch;
mod cli;
mod debug_pictures;
mod document;
mod inputs;
mod journal;
mod panic_guard;
mod shard;
mod tables_cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use cli::{Cli, Command};

/// Every input became a report.
const EXIT_OK: u8 = 0;
/// The run completed, but some inputs are in errors.csv.
const EXIT_SOME_FAILED: u8 = 1;
/// Usage error, no inputs, or the output could not be written.
const EXIT_FATAL: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    panic_guard::install_quiet_hook();
    let result = match &cli.command {
        Command::Extract(args) => batch::run(args).map(|summary| {
            if !args.quiet {
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
        }),
        Command::Merge(args) => batch::merge(args).map(|summary| {
            if !args.quiet {
                eprintln!("merged {} shards: {}", args.shards.len(), summary.line());
            }
            if summary.written.errors == 0 {
                EXIT_OK
            } else {
                EXIT_SOME_FAILED
            }
        }),
        Command::Schema => print_schema().map(|()| EXIT_OK),
        Command::Tables(args) => {
            tables_cmd::run(&args.inputs, &args.out, args.debug.as_deref()).map(|()| EXIT_OK)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

/// Without RUST_LOG: warnings, except the PDF parser's complaints about
/// damaged files, which errors.csv already reports once per file.
const DEFAULT_LOG_FILTER: &str = "warn,lopdf=off";

fn init_logging() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn print_schema() -> anyhow::Result<()> {
    let schema = skjema_exporter::report_schema_json()?;
    std::io::stdout().lock().write_all(schema.as_bytes())?;
    Ok(())
}
