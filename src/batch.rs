//! `skjema extract`: files are read in parallel, and written in the order of
//! their sorted paths through a bounded reorder window, so the output is
//! byte-identical whatever the thread timing and memory holds at most
//! `window` finished documents however big the batch.
//!
//! **Budgets (`--timeout`, `--max-memory`).** Documents are read by
//! `--jobs` worker threads (with a 64 MiB stack, so deep recursion in the
//! PDF code does not overflow), each reporting back over a channel. Each
//! document is read under its own budget ([`skjema_extractor::budget`]):
//! processor time of its thread, so time other documents or other programs
//! take is never charged to it, and the memory it allocates. The extractor
//! and the normalizer check the budget as they go (every loop the input
//! lengthens) and stop themselves when it is used up: the
//! document becomes a `timeout` or `too_large` row of errors.csv, its
//! thread takes the next document, and its memory is freed. Nothing runs
//! on after its budget, so a few slow files cannot starve the rest.
//!
//! The writer thread only watches: a document whose thread has not reached
//! a check for `--timeout` seconds of wall time is stuck where skjema cannot
//! stop it (a read from a hung network file system); it is cancelled, and
//! if it still does not answer within the same time again, it is written as
//! a `timeout` row and its thread left behind (a fresh worker takes its
//! place; the log warns when such threads pile up). This is the only case
//! in which a thread outlives its document.
//!
//! Threads rather than `skjema worker` child processes: a child per
//! document could be killed, but costs a process start and a serialization
//! of every report across a pipe, needs the binary to find itself, and
//! changes nothing for the normal case, where a document takes well under a
//! second; with budgets checked by the reader, killing is not needed.
//!
//! **Resume (`--resume`).** Finished documents are journaled as they arrive
//! (see [`crate::journal`]); a resumed run takes a document's result from
//! the journal instead of reading it again, then writes everything exactly as
//! one run does.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use skjema_exporter::{BatchWriter, ExportOptions, ShardInfo, Summary};
use skjema_extractor::budget::Budget;

use crate::cli::{ExtractArgs, Format, MergeArgs};
use crate::copies::{group_copies, Grouped};
use crate::document::{process, Limits, Origin, Outcome};
use crate::inputs::{collect_inputs, Filter, Input, OutputDir};
use crate::journal::{entry_line_with, remove_stale_temporaries, Journal, ResumeIndex};
use crate::panic_guard::run_guarded;

/// Finished documents waiting for their turn, per worker thread.
const WINDOW_PER_JOB: usize = 4;

/// Stack of a document thread: nested form XObjects and deep object graphs
/// recurse (bounded by `max_ref_depth`), so leave generous room.
const DOCUMENT_STACK: usize = 64 << 20;

/// What a completed run did.
#[derive(Debug)]
pub struct RunSummary {
    /// Input files (copies included).
    pub files: usize,
    /// Files under the input folders that --include/--exclude left out.
    pub filtered_out: usize,
    /// What the user should know about the inputs (printed unless --quiet).
    pub notes: Vec<String>,
    /// What was written.
    pub written: Summary,
    /// Wall time.
    pub elapsed: Duration,
    /// Inputs whose result was taken from the progress journal (`--resume`).
    pub reused: usize,
}

impl RunSummary {
    /// The one-line summary printed on stderr.
    pub fn line(&self) -> String {
        let left_out = match self.filtered_out {
            0 => String::new(),
            n => format!(" ({n} more left out by --include/--exclude)"),
        };
        format!(
            "{} files{left_out}: {} reports, {} duplicates, {} errors; {} issues in {:.2} s",
            self.files,
            self.written.reports,
            self.written.duplicates,
            self.written.errors,
            self.written.issues,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Runs `skjema extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<RunSummary> {
    let started = Instant::now();
    if let Some(dir) = &args.forms {
        let forms = skjema_normalizer::forms::load_dir(dir)?;
        crate::document::use_forms(forms).map_err(anyhow::Error::msg)?;
    }
    let filter = Filter::new(&args.filter.include, &args.filter.exclude)?;
    let collected = collect_inputs(&args.inputs, &output_dir(&args.out), &filter)?;
    if collected.inputs.is_empty() {
        let why = match collected.filtered_out {
            0 => String::new(),
            n => format!(" ({n} files found, none matching --include/--exclude)"),
        };
        anyhow::bail!("no input files found in the given paths{why}");
    }
    let inputs = collected.inputs;
    let jobs = args.jobs.map_or_else(default_jobs, usize::from);
    let hashers_ended = Arc::new(EndedThreads::default());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("skjema-hasher-{i}"))
        .exit_handler({
            let ended = Arc::clone(&hashers_ended);
            move |_| ended.one_more()
        })
        .build()
        .context("could not start the worker threads")?;
    if !args.format.contains(&Format::Csv) {
        anyhow::bail!("--format must include csv: the CSV files and datapackage.json are the dataset, and Parquet files are written beside them (--format csv,parquet)");
    }
    let options = ExportOptions {
        per_report_json: args.per_report_json,
        parquet: args.format.contains(&Format::Parquet),
    };
    // One run per output folder; what a killed run left is finished
    // (a set it had begun to rename) or removed (its temporaries) first.
    let _lock = crate::out_lock::lock(&args.out)?;
    prepare_out(&args.out)?;
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
    let files = inputs.len();
    let Grouped { inputs, copies } = group_copies(inputs, &pool);
    drop(pool);
    hashers_ended.wait_for(jobs, HASHERS_END_WAIT);
    let (journal, resume) = Journal::open(&args.out, args.resume)?;
    if args.resume {
        tracing::info!(
            finished = resume.len(),
            "progress journal read; finished documents are not read again"
        );
    }
    let progress = progress_bar(inputs.len(), args.quiet);
    crate::logging::set_progress(Some(&progress));
    crate::document::warm_up();
    let settings = Settings {
        jobs,
        limits: Limits {
            time: Duration::from_secs(args.timeout),
            memory: args
                .max_memory
                .unwrap_or_else(|| crate::limits::default_budget(jobs)),
            max_input: args.max_input_size,
        },
    };
    tracing::info!(
        memory = %crate::limits::show_size(settings.limits.memory),
        "memory budget of one document"
    );
    let (stats, journal) = stream_in_order(
        &inputs,
        &settings,
        Arc::new(resume),
        journal,
        &progress,
        |outcome| match outcome {
            (Outcome::Report(mut report), json) => {
                match copies.get(&report.source.path) {
                    Some(others) => {
                        report.source.paths = std::iter::once(report.source.path.clone())
                            .chain(others.iter().cloned())
                            .collect();
                        writer.add_report_json(&report, None)
                    }
                    None if report.source.paths.is_empty() => {
                        // A journal entry of an earlier version.
                        report.source.paths = vec![report.source.path.clone()];
                        writer.add_report_json(&report, None)
                    }
                    None => writer.add_report_json(&report, json),
                }
            }
            (Outcome::Error(row), _) => {
                let others: Vec<&str> = copies
                    .get(&row.path)
                    .map(|c| c.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                writer.add_error_with_copies(&row, &others)
            }
        },
    )?;
    progress.finish_and_clear();
    crate::logging::set_progress(None);
    if stats.timed_out > 0 {
        tracing::warn!(
            "{} inputs took longer than --timeout {} s and are in errors.csv as `timeout`",
            stats.timed_out,
            args.timeout
        );
    }
    if stats.too_large > 0 {
        tracing::warn!(
            "{} inputs were larger than --max-input-size or needed more than --max-memory {} and are in errors.csv as `too_large`",
            stats.too_large,
            crate::limits::show_size(settings.limits.memory)
        );
    }
    let written = writer
        .finish()
        .with_context(|| format!("could not finish the output in {}", args.out.display()))?;
    if let Some(journal) = journal {
        if let Err(err) = journal.remove() {
            tracing::warn!("{err:#}");
        }
    }
    Ok(RunSummary {
        files,
        filtered_out: collected.filtered_out,
        notes: collected.notes,
        written,
        elapsed: started.elapsed(),
        reused: stats.reused,
    })
}

/// Runs `skjema merge`: under the output folder's lock, as `extract` (a
/// merge and a run into the same folder would mix their files), after
/// completing or clearing what a killed run left.
pub fn merge(args: &MergeArgs) -> anyhow::Result<RunSummary> {
    let started = Instant::now();
    let _lock = crate::out_lock::lock(&args.out)?;
    prepare_out(&args.out)?;
    let written = skjema_exporter::merge_shards(&args.shards, &args.out)
        .with_context(|| format!("could not merge into {}", args.out.display()))?;
    Ok(RunSummary {
        files: usize::try_from(written.reports + written.errors + written.duplicates)
            .unwrap_or(usize::MAX),
        filtered_out: 0,
        notes: Vec::new(),
        written,
        elapsed: started.elapsed(),
        reused: 0,
    })
}

/// Readies a locked output folder: the set a killed run had begun to
/// rename into place is completed, its temporaries are removed.
fn prepare_out(out: &std::path::Path) -> anyhow::Result<()> {
    let completed = skjema_exporter::recover_interrupted_commit(out).with_context(|| {
        format!(
            "could not complete the interrupted output in {}",
            out.display()
        )
    })?;
    if completed > 0 {
        tracing::warn!(
            files = completed,
            "an earlier run was stopped while it renamed its files into place; its output set was completed"
        );
    }
    remove_stale_temporaries(out);
    Ok(())
}

/// The output folder as the input walk must see it.
pub fn output_dir(out: &std::path::Path) -> OutputDir {
    OutputDir {
        canonical: out.canonicalize().ok(),
        written: skjema_exporter::output_file_names(),
        subfolders: vec![
            skjema_exporter::PER_REPORT_DIR.to_string(),
            skjema_review::SITE_DIR.to_string(),
        ],
    }
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

/// How documents are scheduled.
struct Settings {
    /// Documents read at the same time (left-behind stuck ones not counted).
    jobs: usize,
    /// The limits of one document.
    limits: Limits,
}

/// How long documents wait for the hashing pool's threads to end.
const HASHERS_END_WAIT: Duration = Duration::from_secs(5);

/// Threads of a pool that have ended. Rayon ends a dropped pool's threads
/// in their own time; on a loaded machine they were still there when the
/// document workers started, so a run held more threads than `--jobs` says.
#[derive(Default)]
struct EndedThreads {
    count: Mutex<usize>,
    changed: Condvar,
}

impl EndedThreads {
    fn one_more(&self) {
        if let Ok(mut count) = self.count.lock() {
            *count += 1;
        }
        self.changed.notify_all();
    }

    /// Waits until `threads` have ended, or `longest` has passed (a thread
    /// that does not end holds up nothing but its own memory).
    fn wait_for(&self, threads: usize, longest: Duration) {
        let Ok(count) = self.count.lock() else { return };
        let waited = self
            .changed
            .wait_timeout_while(count, longest, |ended| *ended < threads);
        if let Ok((_, timeout)) = waited {
            if timeout.timed_out() {
                tracing::debug!("the hashing threads had not all ended after {longest:?}");
            }
        }
    }
}

/// How often the writer looks for stuck documents while it waits.
const WATCH_EVERY: Duration = Duration::from_millis(200);

/// What the scheduler did besides writing.
#[derive(Debug, Default)]
struct Stats {
    reused: usize,
    timed_out: usize,
    too_large: usize,
}

/// A document thread's report.
struct Finished {
    index: usize,
    outcome: Outcome,
    origin: Origin,
    /// Its progress-journal line, when it may be journaled.
    line: Option<String>,
    /// The report's JSON, made here rather than on the writer thread.
    json: Option<Vec<u8>>,
}

/// A document being read.
struct Running {
    budget: Budget,
    /// The SHA-256, once the thread has hashed the file (for a timeout row).
    sha256: Arc<OnceLock<String>>,
    /// The worker reading it; dropped with the document when it is left
    /// behind, so that thread ends once it is done.
    worker: Worker,
    /// The budget's heartbeat when last looked at, and since when it has
    /// stood still.
    beats: u64,
    still_since: Instant,
    /// When the writer cancelled it for standing still.
    cancelled: Option<Instant>,
}

impl Running {
    /// Whether the document has stood still past `stall` (cancelled once,
    /// then given `stall` again to answer): it is to be left behind.
    fn stuck(&mut self, now: Instant, stall: Duration) -> bool {
        let beats = self.budget.beats();
        if beats != self.beats {
            self.beats = beats;
            self.still_since = now;
            return false;
        }
        match self.cancelled {
            None if now.duration_since(self.still_since) > stall => {
                tracing::info!(
                    "a document has not reached a budget check for {stall:?}; cancelling it"
                );
                self.budget.cancel();
                self.cancelled = Some(now);
                false
            }
            Some(at) => now.duration_since(at) > stall,
            None => false,
        }
    }
}

/// Processes `inputs`, `jobs` at a time on threads of their own, and hands
/// each outcome to `write` in input order. At most `jobs * WINDOW_PER_JOB`
/// documents are in flight or waiting, so a slow file holds back only a
/// bounded number of others. Returns the journal unless writing it failed.
fn stream_in_order<E>(
    inputs: &[Input],
    settings: &Settings,
    resume: Arc<ResumeIndex>,
    journal: Journal,
    progress: &ProgressBar,
    mut write: impl FnMut((Outcome, Option<Vec<u8>>)) -> Result<(), E>,
) -> anyhow::Result<(Stats, Option<Journal>)>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let jobs = settings.jobs.max(1);
    let window = jobs.saturating_mul(WINDOW_PER_JOB).max(1);
    let stall = settings.limits.time;
    let (sender, receiver) = mpsc::channel::<Finished>();
    let mut journal = Some(journal);
    let mut stats = Stats::default();
    let mut running: BTreeMap<usize, Running> = BTreeMap::new();
    let mut abandoned: HashSet<usize> = HashSet::new();
    let mut warn_at = jobs.max(4);
    let mut waiting: BTreeMap<usize, (Outcome, Option<Vec<u8>>)> = BTreeMap::new();
    let mut next_to_start = 0;
    let mut next_to_write = 0;
    let mut idle: Vec<Worker> = Vec::new();
    let mut spawned = 0;
    while next_to_write < inputs.len() {
        while running.len() < jobs
            && next_to_start < inputs.len()
            && next_to_start < next_to_write + window
        {
            if let Some(input) = inputs.get(next_to_start) {
                let worker = match idle.pop() {
                    Some(w) => w,
                    None => {
                        spawned += 1;
                        Worker::spawn(spawned, &resume, &sender, settings.limits)?
                    }
                };
                let sha256 = Arc::new(OnceLock::new());
                let budget = settings.limits.budget();
                let job = Job {
                    index: next_to_start,
                    input: input.clone(),
                    sha256: Arc::clone(&sha256),
                    budget: budget.clone(),
                };
                if worker.jobs.send(job).is_err() {
                    anyhow::bail!("a worker thread stopped without reporting back");
                }
                running.insert(
                    next_to_start,
                    Running {
                        beats: budget.beats(),
                        budget,
                        sha256,
                        worker,
                        still_since: Instant::now(),
                        cancelled: None,
                    },
                );
            }
            next_to_start += 1;
        }
        let received = match receiver.recv_timeout(WATCH_EVERY) {
            Ok(finished) => Some(finished),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                anyhow::bail!("a worker thread stopped without reporting back")
            }
        };
        if let Some(finished) = received {
            if abandoned.remove(&finished.index) {
                tracing::debug!(
                    index = finished.index,
                    "a document left behind finished; its result is dropped"
                );
            } else if let Some(done) = running.remove(&finished.index) {
                idle.push(done.worker);
                if finished.origin == Origin::Journal {
                    stats.reused += 1;
                } else if let (Some(line), Some(open)) = (&finished.line, &mut journal) {
                    if let Err(err) = open.append(line) {
                        tracing::warn!(
                            "{err:#}; --resume will not find the documents from here on"
                        );
                        journal = None;
                    }
                }
                if let Outcome::Error(row) = &finished.outcome {
                    match row.kind {
                        skjema_exporter::ErrorKind::Timeout => stats.timed_out += 1,
                        skjema_exporter::ErrorKind::TooLarge => stats.too_large += 1,
                        _ => {}
                    }
                }
                waiting.insert(finished.index, (finished.outcome, finished.json));
            }
        }
        let now = Instant::now();
        let stuck: Vec<usize> = running
            .iter_mut()
            .filter_map(|(index, r)| r.stuck(now, stall).then_some(*index))
            .collect();
        for index in stuck {
            let (Some(gone), Some(input)) = (running.remove(&index), inputs.get(index)) else {
                continue;
            };
            abandoned.insert(index);
            stats.timed_out += 1;
            let shown = crate::inputs::shown(input.path());
            tracing::info!(path = %shown, "document left behind: it stopped answering");
            if abandoned.len() >= warn_at {
                tracing::warn!(
                    left_behind = abandoned.len(),
                    "{} documents are stuck where skjema cannot stop them (a read from a hung file system?); their threads stay until they end or skjema exits",
                    abandoned.len()
                );
                warn_at = warn_at.saturating_mul(2);
            }
            let row = crate::document::stuck(&shown, gone.sha256.get().cloned(), &settings.limits);
            waiting.insert(index, (row, None));
        }
        while let Some(outcome) = waiting.remove(&next_to_write) {
            write(outcome)?;
            next_to_write += 1;
            progress.inc(1);
        }
    }
    if !abandoned.is_empty() {
        tracing::info!(
            left_behind = abandoned.len(),
            "threads of stuck documents are still running; they end with the process"
        );
    }
    Ok((stats, journal))
}

/// A document for a worker.
struct Job {
    index: usize,
    input: Input,
    /// Where the worker puts the file's SHA-256 once known.
    sha256: Arc<OnceLock<String>>,
    /// The document's budget, entered by the worker.
    budget: Budget,
}

/// A worker thread that reads documents one after another. Reusing threads
/// keeps each one's allocator arena and caches warm; a thread per document
/// cost about a tenth of the run time in page faults and arena set-up.
struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    /// Starts a worker; it ends when its [`Worker`] is dropped and its job is
    /// done, or when the writer stops listening.
    fn spawn(
        id: usize,
        resume: &Arc<ResumeIndex>,
        done: &mpsc::Sender<Finished>,
        limits: Limits,
    ) -> anyhow::Result<Self> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let resume = Arc::clone(resume);
        let done = done.clone();
        std::thread::Builder::new()
            .name(format!("skjema-worker-{id}"))
            .stack_size(DOCUMENT_STACK)
            .spawn(move || {
                for job in inbox {
                    // The receiver is gone only when the run is over or failing.
                    if done.send(read_document(job, &resume, &limits)).is_err() {
                        break;
                    }
                }
            })
            .context("could not start a thread to read documents (the system is out of threads or memory)")?;
        Ok(Self { jobs })
    }
}

/// Reads one document on a worker thread, under its budget; whatever
/// happens, the writer hears back.
fn read_document(job: Job, resume: &ResumeIndex, limits: &Limits) -> Finished {
    let Job {
        index,
        input,
        sha256,
        budget,
    } = job;
    let entered = budget.enter();
    // `process` already guards the document; this guard only makes sure the
    // writer hears back, whatever happens.
    let hashed = |sha: &str| {
        let _ = sha256.set(sha.to_string());
    };
    let (outcome, origin) = run_guarded(|| process(&input, resume, limits, &hashed))
        .unwrap_or_else(|panic| {
            (
                Outcome::Error(skjema_exporter::ErrorRow {
                    path: crate::inputs::shown(input.path()),
                    sha256: None,
                    kind: skjema_exporter::ErrorKind::Panic,
                    reason: format!(
                        "skjema crashed while handling {} ({panic}); this is a bug in skjema.",
                        crate::inputs::shown(input.path())
                    ),
                }),
                Origin::Read,
            )
        });
    let json = match (&outcome, origin) {
        (Outcome::Report(report), Origin::Read) => run_guarded(|| serde_json::to_vec(report).ok())
            .ok()
            .flatten(),
        _ => None,
    };
    let line = match origin {
        Origin::Read => run_guarded(|| entry_line_with(&outcome, json.as_deref()))
            .ok()
            .flatten(),
        Origin::Journal => None,
    };
    drop(entered);
    Finished {
        index,
        outcome,
        origin,
        line,
        json,
    }
}
