//! Timeouts that stop the work, in the normalizer too (issue 15): a
//! document over its `--timeout` ends its thread within a fraction of a
//! second wherever it is, so threads do not pile up, healthy files beside
//! slow ones are never charged for their neighbours' time, and the peak
//! memory of a hostile batch stays under `jobs × --max-memory + 200 MB`.
//!
//! Threads and memory are read from `/proc/<pid>/status` of the running
//! binary (Linux only; elsewhere these tests print why they are skipped).
//! Times are asserted only as generous multiples of the timeout: speed is
//! measured by `scripts/bench`, not here.

mod hostile;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hostile::Encoding;

/// What a run showed from outside.
struct Watched {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
    /// Most threads the process had at once.
    max_threads: u64,
    /// Its peak resident memory (VmHWM), bytes.
    peak_rss: u64,
}

/// A field of `/proc/<pid>/status` in its own unit (kB for memory).
fn status_field(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Runs the binary in `dir` and samples its threads and memory every
/// 20 ms until it exits.
fn watch(dir: &Path, args: &[&str]) -> Watched {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(dir)
        .args(args)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let (mut max_threads, mut peak_rss) = (0, 0);
    loop {
        if let Ok(status) = fs::read_to_string(&status_file) {
            max_threads = max_threads.max(status_field(&status, "Threads:").unwrap_or(0));
            peak_rss = peak_rss.max(status_field(&status, "VmHWM:").unwrap_or(0) * 1024);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Watched {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
        max_threads,
        peak_rss,
    }
}

fn on_linux() -> bool {
    if Path::new("/proc/self/status").exists() {
        return true;
    }
    println!("skipped: threads and memory are read from /proc/<pid>/status, which only Linux has");
    false
}

/// Transcripts of many reports in one file, each one different so that
/// none is a copy of another: reading them takes a fraction of a second,
/// putting their report together takes the normalizer seconds. 4 MB in the
/// tests' unoptimised build (about a second per MB there since the label
/// search reads only the words before each colon; 1 MB was once several
/// seconds), 16 MB in an optimised one (about 0.3 s per MB).
fn write_slow_transcripts(dir: &Path, count: usize) -> Vec<String> {
    let repeated = hostile::repeated_reports(&hostile::fixture_report_transcript(), SLOW_BYTES);
    (0..count)
        .map(|i| {
            let name = format!("slow-{i}.txt");
            hostile::write_input(dir, &name, format!("{repeated}kopi {i}\n").as_bytes());
            format!("in/{name}")
        })
        .collect()
}

const SLOW_BYTES: usize = if cfg!(debug_assertions) {
    4 << 20
} else {
    16 << 20
};

/// path → (error kind or "report", reason).
fn outcomes(out: &Path) -> BTreeMap<String, (String, String)> {
    let mut all = BTreeMap::new();
    let mut reports = csv::Reader::from_path(out.join("reports.csv")).unwrap();
    let path_col = reports
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "source_path")
        .expect("reports.csv has source_path");
    for r in reports.records() {
        let r = r.unwrap();
        let old = all.insert(r[path_col].to_string(), ("report".into(), String::new()));
        assert!(old.is_none(), "{} came out twice", &r[path_col]);
    }
    let mut errors = csv::Reader::from_path(out.join("errors.csv")).unwrap();
    for r in errors.records() {
        let r = r.unwrap();
        let old = all.insert(r[0].to_string(), (r[2].to_string(), r[3].to_string()));
        assert!(old.is_none(), "{} came out twice", &r[0]);
    }
    all
}

#[test]
fn a_document_slow_in_the_normalizer_stops_at_its_timeout_and_frees_its_thread() {
    if !on_linux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let slow = write_slow_transcripts(dir.path(), 3);
    hostile::write_input(
        dir.path(),
        "healthy.txt",
        hostile::fixture_report_transcript().as_bytes(),
    );
    let run = watch(
        dir.path(),
        &[
            "extract",
            "in",
            "--out",
            "out",
            "--jobs",
            "1",
            "--timeout",
            "1",
        ],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let found = outcomes(&dir.path().join("out"));
    assert_eq!(found["in/healthy.txt"].0, "report", "{found:?}");
    for name in &slow {
        let (kind, reason) = &found[name];
        assert_eq!(kind, "timeout", "{name}: {reason}");
        // Stopped by its own checks in the normalizer, not left behind as
        // a document that stopped answering.
        assert!(
            reason.contains("its report was still being put together"),
            "{name}: {reason}"
        );
    }
    // The main thread and one worker (the hashing pool has ended before
    // documents are read); before, each slow document left its thread
    // running and a new one took its place.
    assert!(
        run.max_threads <= 3,
        "{} threads at once for --jobs 1",
        run.max_threads
    );
    let limit = Duration::from_secs(10 * slow.len() as u64 + 30);
    assert!(
        run.elapsed < limit,
        "took {:?} for {} slow files at --timeout 1",
        run.elapsed,
        slow.len()
    );
}

#[test]
fn healthy_files_beside_slow_ones_are_never_timeouts() {
    if !on_linux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let slow = write_slow_transcripts(dir.path(), 4);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let mut healthy = Vec::new();
    for entry in fs::read_dir(fixtures).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".pdf") {
            hostile::write_input(dir.path(), &name, &fs::read(entry.path()).unwrap());
            healthy.push(format!("in/{name}"));
        }
    }
    assert!(
        healthy.len() >= 20,
        "the fixture reports are the healthy files"
    );
    let run = watch(
        dir.path(),
        &[
            "extract",
            "in",
            "--out",
            "out",
            "--jobs",
            "2",
            "--timeout",
            "1",
        ],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let found = outcomes(&dir.path().join("out"));
    for name in &healthy {
        assert_eq!(found[name].0, "report", "{name}: {:?}", found[name]);
    }
    for name in &slow {
        assert_eq!(found[name].0, "timeout", "{name}: {:?}", found[name]);
    }
    assert_eq!(found.len(), healthy.len() + slow.len());
    assert!(run.max_threads <= 4, "{} threads at once", run.max_threads);
}

/// Peak memory of a hostile batch at `--jobs 2 --max-memory 256M`.
#[test]
fn peak_memory_of_a_hostile_batch_stays_within_jobs_times_budget() {
    if !on_linux() {
        return;
    }
    const JOBS: u64 = 2;
    const BUDGET: u64 = 256 << 20;
    let dir = tempfile::tempdir().unwrap();
    hostile::write_input(dir.path(), "healthy.pdf", &hostile::healthy_pdf());
    hostile::write_input(
        dir.path(),
        "xref-bomb.pdf",
        &hostile::xref_stream_bomb(2 << 30, Encoding::DoubleFlate),
    );
    hostile::write_input(
        dir.path(),
        "objstm-bomb.pdf",
        &hostile::object_stream_bomb(2 << 30, Encoding::DoubleFlate),
    );
    hostile::write_input(dir.path(), "widths.pdf", &hostile::huge_widths(10_000_000));
    hostile::write_input(
        dir.path(),
        "cid-widths.pdf",
        &hostile::huge_cid_widths(10_000_000),
    );
    write_slow_transcripts(dir.path(), 2);
    let run = watch(
        dir.path(),
        &[
            "extract",
            "in",
            "--out",
            "out",
            "--jobs",
            "2",
            "--max-memory",
            "256M",
            "--timeout",
            "5",
        ],
    );
    assert!(matches!(run.code, Some(0 | 1)), "{}", run.stderr);
    let found = outcomes(&dir.path().join("out"));
    assert_eq!(found.len(), 7, "every input once: {found:?}");
    let limit = JOBS * BUDGET + (200 << 20);
    println!(
        "peak RSS {} MiB (limit {} MiB)",
        run.peak_rss >> 20,
        limit >> 20
    );
    assert!(run.peak_rss > 0, "VmHWM was read");
    assert!(
        run.peak_rss <= limit,
        "peak RSS {} MiB over {} MiB",
        run.peak_rss >> 20,
        limit >> 20
    );
}
