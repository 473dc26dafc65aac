//! `skjema extract`: files are read in parallel on a local thread pool, and
//! written in the order of their sorted paths through a bounded reorder
//! window, so the output is byte-identical whatever the thread timing and
//! memory holds at most `window` finished documents however big the batch.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use skjema_exporter::{BatchWriter, ExportOptions, ShardInfo, Summary};

use crate::cli::{ExtractArgs, MergeArgs};
use crate::document::{process, Outcome};
use crate::inputs::{collect_inputs, Input};
use crate::panic_guard::run_guarded;

/// Finished documents waiting for their turn, per worker thread.
const WINDOW_PER_JOB: usize = 4;

/// What a completed run did.
#[derive(Debug)]
pub struct RunSummary {
    /// Inputs read.
    pub files: usize,
    /// What was written.
    pub written: Summary,
    /// Wall time.
    pub elapsed: Duration,
}

impl RunSummary {
    /// The one-line summary printed on stderr.
    pub fn line(&self) -> String {
        format!(
            "{} files, {} reports, {} errors, {} issues in {:.2} s",
            self.files,
            self.written.reports,
            self.written.errors,
            self.written.issues,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Runs `skjema extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<RunSummary> {
    let started = Instant::now();
    let skip = args.out.canonicalize().ok();
    let inputs = collect_inputs(&args.inputs, skip.as_deref())?;
    if inputs.is_empty() {
        anyhow::bail!("no input files found in the given paths");
    }
    let jobs = args.jobs.map_or_else(default_jobs, usize::from);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("skjema-worker-{i}"))
        .build()
        .context("could not start the worker threads")?;
    let options = ExportOptions {
        per_report_json: args.per_report_json,
    };
    let mut writer = BatchWriter::create(&args.out, &options)?;
    let inputs = match &args.shard {
        None => inputs,
        Some(shard) => {
            let total = inputs.len();
            // A shard may well be empty; it still writes (empty) files.
            let selected = shard.select(inputs, &pool);
            writer.set_shard(&ShardInfo {
                index: shard.index,
                count: shard.count,
                inputs_total: u64::try_from(total).unwrap_or(u64::MAX),
                inputs_selected: u64::try_from(selected.len()).unwrap_or(u64::MAX),
            })?;
            selected
        }
    };
    let progress = progress_bar(inputs.len(), args.quiet);
    stream_in_order(&inputs, &pool, jobs, &progress, |outcome| match outcome {
        Outcome::Report(report) => writer.add_report(&report),
        Outcome::Error(row) => writer.add_error(&row),
    })?;
    progress.finish_and_clear();
    let written = writer
        .finish()
        .with_context(|| format!("could not finish the output in {}", args.out.display()))?;
    Ok(RunSummary {
        files: inputs.len(),
        written,
        elapsed: started.elapsed(),
    })
}

/// Runs `skjema merge`.
pub fn merge(args: &MergeArgs) -> anyhow::Result<RunSummary> {
    let started = Instant::now();
    let written = skjema_exporter::merge_shards(&args.shards, &args.out)
        .with_context(|| format!("could not merge into {}", args.out.display()))?;
    Ok(RunSummary {
        files: usize::try_from(written.reports + written.errors).unwrap_or(usize::MAX),
        written,
        elapsed: started.elapsed(),
    })
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(len).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}

/// Processes `inputs` on `jobs` threads and hands each outcome to `write` in
/// input order. At most `jobs * WINDOW_PER_JOB` documents are in flight or
/// waiting, so a slow file holds back only a bounded number of others.
fn stream_in_order<E>(
    inputs: &[Input],
    pool: &rayon::ThreadPool,
    jobs: usize,
    progress: &ProgressBar,
    mut write: impl FnMut(Outcome) -> Result<(), E>,
) -> anyhow::Result<()>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let window = jobs.saturating_mul(WINDOW_PER_JOB).max(1);
    let (sender, receiver) = mpsc::channel::<(usize, Outcome)>();
    let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
    let mut next_to_start = 0;
    let mut next_to_write = 0;
    while next_to_write < inputs.len() {
        while next_to_start < inputs.len() && next_to_start < next_to_write + window {
            if let Some(input) = inputs.get(next_to_start).cloned() {
                let sender = sender.clone();
                let index = next_to_start;
                pool.spawn(move || {
                    // `process` already guards the document; this guard only
                    // makes sure the writer hears back, whatever happens.
                    let outcome = run_guarded(|| process(&input)).unwrap_or_else(|panic| {
                        Outcome::Error(skjema_exporter::ErrorRow {
                            path: input.path().display().to_string(),
                            sha256: None,
                            kind: skjema_exporter::ErrorKind::Panic,
                            reason: format!("skjema crashed while handling {} ({panic}); this is a bug in skjema.", input.path().display()),
                        })
                    });
                    // The receiver is gone only when the run is already failing.
                    let _ = sender.send((index, outcome));
                });
            }
            next_to_start += 1;
        }
        let (index, outcome) = receiver
            .recv()
            .context("a worker thread stopped without reporting back")?;
        waiting.insert(index, outcome);
        while let Some(outcome) = waiting.remove(&next_to_write) {
            write(outcome)?;
            next_to_write += 1;
            progress.inc(1);
        }
    }
    Ok(())
}
