//! The command line as clap reads it; nothing here does any work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  every input became a report in reports.jsonl
  1  the run completed, but some inputs could not be read (see errors.csv)
  2  usage error, no input files found, or the output directory could not be written";

/// Turns archived municipal reports of Husbanken's Boligsosialt
/// utviklingsprogram (PDF or plain text) into a research dataset.
#[derive(Debug, Parser)]
#[command(name = "skjema", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read every input file and write the dataset into --out.
    #[command(after_help = EXIT_CODES, long_about = "\
Read every input file and write the dataset into --out.

Inputs are files or folders; folders are searched recursively (hidden files and
folders are skipped) and every regular file found is an input (--include and
--exclude choose among them): whether it is a PDF or text is decided from its
content, not its name. Inputs are processed in the order of their sorted paths,
so two runs give identical files. Files with the same bytes are read once and
are one report; the other paths are rows of duplicates.csv. A text file with no
sign of a report (no known form, no report title, no municipality) is a row of
errors.csv of kind not_a_report. The output folder is never read as input.

Files written to --out: reports.jsonl, reports.csv, households.csv,
indicators.csv, activities.csv, goals.csv, budget.csv, funding_by_year.csv,
partners.csv, sections.csv, tables.csv, fields.csv, issues.csv, provenance.csv,
duplicates.csv, errors.csv, schema.json and datapackage.json (and
reports/<report_id>.json with --per-report-json, <table>.parquet with --format
csv,parquet). Each file is replaced whole at the end of the run; an interrupted
run leaves the previous files as they were, and files of an earlier run that
this run does not write (per-report JSON, Parquet) are removed.

Each input has a time budget (--timeout, 60 s by default); an input that takes
longer is written to errors.csv with kind `timeout` and the run goes on.
While it runs, skjema keeps a journal of finished inputs in --out/.skjema-progress/
(removed at the end); after a crash or kill, the same command with --resume
reads only the inputs that were not finished.

Progress and a one-line summary go to stderr; log messages too (set RUST_LOG,
e.g. RUST_LOG=info, for more than warnings).")]
    Extract(ExtractArgs),
    /// Combine the output folders of shard runs (extract --shard K/N) into one dataset.
    #[command(after_help = EXIT_CODES, long_about = "\
Combine the output folders of shard runs (`skjema extract --shard K/N`) into
one dataset in --out: exactly the files a single run over all inputs would have
written, byte for byte (same rows in the same order, errors.csv included).

Give every shard 1/N to N/N once, in any order. The shards must have been run
with the same INPUTS arguments from the same working directory (paths are
compared as written) and the same skjema version.")]
    Merge(MergeArgs),
    /// Print the JSON Schema of one report (the same as schema.json) to stdout.
    Schema,
    /// Write every table found in each input as JSON into --out, in the
    /// prediction format of the table benchmark (page, bbox, rows).
    #[command(after_help = EXIT_CODES, long_about = "\
Write every table found in each input as JSON into --out, in the prediction
format of the table benchmark (page, bbox, rows).

Inputs are found as `extract` finds them: folders are searched recursively
(hidden files skipped), --include/--exclude choose files. Output names mirror
the tree below each folder given (in/a/rapport.pdf -> OUT/a/rapport.json; a
file named on the command line -> OUT/rapport.json); an input whose name is
already taken gets its report id in the name (rapport.0123456789abcdef.json).
Inputs that cannot be read are rows of OUT/errors.csv, and the exit code is 1.")]
    Tables(TablesArgs),
    /// Write a static site into OUT/review/ in which every extracted value
    /// is shown at its place on its page.
    #[command(long_about = "\
Write a static site into OUT/review/ in which every extracted value is shown at
its place on its page: OUT is the output folder of `skjema extract`.

index.html lists every report (template, municipality, period, number of
values, issues by severity; sortable, filterable, with a search box). Each
report's page shows its PDF pages (rendered once, by a renderer built into
skjema) with every value's box outlined in its list's colour and every issue's
box in its severity's colour, and beside them the values grouped as the form
groups them: click a value to see its box, click a box to see its value.
Transcripts are shown as text with the values marked. The site needs no server
and no network: open OUT/review/index.html in a browser, also from a USB stick.

The source files are found again under the paths in reports.jsonl (relative
paths from --base, by default the current folder, as for `skjema extract`); a
report whose file is gone or changed is listed without its pages, and the index
says so.")]
    Review(ReviewArgs),
}

/// Arguments of `skjema review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The output folder of `skjema extract` (holding reports.jsonl).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// Folder that relative source paths in reports.jsonl are taken from
    /// [default: the current folder].
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// Number of reports prepared in parallel [default: number of cores].
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Which files under the input folders are read.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Read only files under the input folders that match GLOB (repeatable;
    /// default: every file). Without `/` it is matched against the file name
    /// (`*.pdf`), with `/` against the path below the folder (`2012/**`);
    /// case is ignored. Files named on the command line are always read.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave out files under the input folders that match GLOB (repeatable);
    /// without `/` it is also matched against folder names (`--exclude Gammelt`).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// Arguments of `skjema tables`.
#[derive(Debug, Args)]
pub struct TablesArgs {
    /// Input files and folders (folders are searched recursively).
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Output directory (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Which files under the input folders are read.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// No summary line and no warnings on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also draw every page as <stem>.p<N>.svg into DIR: words, ruling
    /// lines, candidate table regions (kept, or rejected with the reason)
    /// and the final cells.
    #[arg(long, value_name = "DIR")]
    pub debug: Option<PathBuf>,
}

/// A file format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// CSV files and datapackage.json (always written).
    Csv,
    /// Every table also as <name>.parquet, typed as in datapackage.json.
    Parquet,
}

/// Arguments of `skjema extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input files and folders.
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Output directory (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Which files under the input folders are read.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Number of files read in parallel [default: number of cores].
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Also write one pretty-printed JSON file per report into DIR/reports/.
    #[arg(long)]
    pub per_report_json: bool,
    /// Table formats, comma-separated: csv (the CSV files and
    /// datapackage.json, always written) and parquet (every table also as
    /// <name>.parquet, typed as in datapackage.json): --format csv,parquet.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "csv",
        value_name = "FORMATS"
    )]
    pub format: Vec<Format>,
    /// No progress bar, no summary line and no warnings on stderr (errors
    /// that stop the run are still shown).
    #[arg(long, short)]
    pub quiet: bool,
    /// Read only shard K of N (1 <= K <= N): the inputs whose SHA-256, read as
    /// a big-endian integer, is K-1 modulo N (unreadable inputs go to shard 1).
    /// Combine the N output folders with `skjema merge`.
    #[arg(long, value_name = "K/N", value_parser = crate::shard::Shard::parse)]
    pub shard: Option<crate::shard::Shard>,
    /// Time budget of one input: seconds of processor time spent reading
    /// it (time the processor spends on other inputs does not count). An
    /// input still being read after it is stopped and becomes an errors.csv
    /// row of kind `timeout`; the batch goes on.
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=31_536_000))]
    pub timeout: u64,
    /// Memory budget of one input (512M, 2G, …): an input that needs more
    /// while it is read is stopped and becomes an errors.csv row of kind
    /// `too_large`; the batch goes on. The whole run needs at most about
    /// --jobs × this + 200 MB. [default: the machine's memory (or the
    /// job's cgroup limit) less 256 MiB, shared by --jobs, between 256 MiB
    /// and 2 GiB]
    #[arg(long, value_name = "SIZE", value_parser = crate::limits::parse_size)]
    pub max_memory: Option<u64>,
    /// Inputs larger than this (512M, 2G, …) are not read: each is an
    /// errors.csv row of kind `too_large`. A report is a few megabytes, a
    /// scanned one rarely over 100 MB.
    #[arg(long, value_name = "SIZE", value_parser = crate::limits::parse_size,
          default_value = "512M")]
    pub max_input_size: u64,
    /// Continue an interrupted run into the same --out: inputs finished
    /// before (same path, same SHA-256; kept in --out/.skjema-progress/) are
    /// not read again. The files written are the same as one uninterrupted
    /// run's. Without --resume a leftover journal is discarded.
    #[arg(long)]
    pub resume: bool,
    /// Also read the form definitions (*.toml) in DIR: one whose `template`
    /// names a built-in form replaces it, one with a new name is added, and
    /// a tables.toml there adds table kinds (see docs/FORMS.md). A
    /// definition that does not load stops the run, naming file and line.
    #[arg(long, value_name = "DIR")]
    pub forms: Option<PathBuf>,
    /// Also write the review site into --out/review/ (see `skjema review`).
    #[arg(long)]
    pub review: bool,
}

/// Arguments of `skjema merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Output folders of `skjema extract --shard K/N`, one per shard.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,
    /// Output directory (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// No summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}
