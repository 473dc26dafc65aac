//! The report benchmark nobody here made (`../shared/bench/reports/`: 20
//! filled-in report PDFs on the four forms, from two producers, with gold
//! JSON): runs the whole pipeline over its PDFs, scores every report with
//! the rules of its `score.py` (see `bench_score`), and prints the accuracy
//! per field group, per form and per producer, with the share of gold
//! values lost silently (missed or wrong with no issue on their field or
//! list). When `python3` is there, the benchmark's own scorer is run on the
//! same reports and must give the same overall figure.
//!
//! `cargo test --release --test reports_bench -- --nocapture`

mod bench_score;

use std::path::{Path, PathBuf};
use std::process::Command;

use bench_score::run::{failures, print_tables, run_all, tabulate, Floors};
use serde_json::Value;

/// Issue 11's targets: overall, every group/form/producer, silent loss.
const FLOORS: Floors = Floors {
    overall: 0.99,
    part: 0.97,
    silent: 0,
};

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/reports")
}

/// "docx" or "html": how the benchmark's PDF was made (its file name says).
fn producer_of(stem: &str) -> String {
    if stem.ends_with("_html") {
        "html (Chromium)"
    } else if stem.ends_with("_docx") {
        "docx (LibreOffice)"
    } else {
        "other"
    }
    .to_string()
}

/// The overall figure of the benchmark's own scorer on the same reports,
/// when python3 is available.
fn score_py(dir: &Path, reports: &[&Value]) -> Option<String> {
    let tmp = tempfile::tempdir().ok()?;
    let jsonl = tmp.path().join("reports.jsonl");
    let lines: Vec<String> = reports
        .iter()
        .filter_map(|r| serde_json::to_string(r).ok())
        .collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").ok()?;
    let out = Command::new("python3")
        .arg(dir.join("score.py"))
        .arg(dir.join("gold"))
        .arg(&jsonl)
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("overall: "))
        .map(|s| s.trim().to_string())
}

#[test]
fn report_benchmark_meets_its_targets() {
    let dir = bench_dir();
    assert!(
        dir.join("gold").is_dir(),
        "{}: missing (../shared/ must sit beside the repository)",
        dir.display()
    );
    let scored = run_all(&dir, producer_of);
    assert!(
        scored.len() >= 20,
        "expected 20 gold files, found {}",
        scored.len()
    );
    let tables = tabulate(&scored);
    print_tables("Report benchmark", &scored, &tables);

    match score_py(&dir, &scored.iter().map(|s| &s.report).collect::<Vec<_>>()) {
        Some(theirs) => {
            println!("score.py overall: {theirs}");
            assert_eq!(
                theirs,
                format!("{:.3}", tables.all.score()),
                "this test's scorer and score.py disagree"
            );
        }
        None => {
            println!("score.py not run (python3 missing); the figures above are this test's own")
        }
    }

    let failures = failures(&tables, &FLOORS);
    assert!(failures.is_empty(), "targets missed: {failures:?}");
}
