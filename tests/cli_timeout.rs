//! `extract --timeout`: a document that hangs costs its time budget and one
//! `timeout` row of errors.csv; the other inputs become reports and the run
//! finishes. The hang is simulated with the test-only hook
//! `SKJEMA_TEST_SLEEP_ON` (the worker sleeps before reading a file whose name
//! contains the given text) and `SKJEMA_TEST_SLEEP_SECS`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn report(municipality: &str) -> String {
    format!(
        "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM\n\
         ÅRSRAPPORT 2012\n\
         KOMMUNE: {municipality} kommune\n\
         Generell programinformasjon\n\
         Programnavn: Bo trygt\n"
    )
}

fn inputs(dir: &Path, names: &[(&str, &str)]) {
    fs::create_dir_all(dir).unwrap();
    for (name, municipality) in names {
        fs::write(dir.join(name), report(municipality)).unwrap();
    }
}

fn skjema(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skjema"));
    command.current_dir(dir).args(args).env_remove("RUST_LOG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// (path, kind) of every errors.csv row.
fn error_rows(out: &Path) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(out.join("errors.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["path", "sha256", "kind", "reason"]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[2].to_string())
        })
        .collect()
}

fn report_paths(out: &Path) -> Vec<String> {
    fs::read_to_string(out.join("reports.jsonl"))
        .unwrap()
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["source"]["path"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn a_hanging_document_becomes_one_timeout_row_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    inputs(
        &tmp.path().join("in"),
        &[
            ("a.txt", "Moss"),
            ("b-hangs.txt", "Asker"),
            ("c.txt", "Hamar"),
            ("d.txt", "Halden"),
        ],
    );
    let started = Instant::now();
    let output = skjema(
        tmp.path(),
        &["extract", "in", "--out", "out", "--timeout", "1", "--quiet"],
        &[("SKJEMA_TEST_SLEEP_ON", "hangs")],
    );
    // The hung thread sleeps for an hour; the run must not wait for it.
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let out = tmp.path().join("out");
    assert_eq!(
        error_rows(&out),
        [("in/b-hangs.txt".to_string(), "timeout".to_string())]
    );
    let mut reader = csv::Reader::from_path(out.join("errors.csv")).unwrap();
    let row = reader.records().next().unwrap().unwrap();
    assert!(
        row[3].starts_with("gave up after 1 s: in/b-hangs.txt"),
        "{row:?}"
    );
    assert_eq!(
        row[1].len(),
        64,
        "the sha256 is known once the file was read"
    );
    assert_eq!(report_paths(&out), ["in/a.txt", "in/c.txt", "in/d.txt"]);
    assert!(!out.join(".skjema-progress").exists());
}

#[test]
fn a_result_that_arrives_after_its_timeout_is_not_written() {
    // One at a time: a-late is abandoned at 2 s and finishes at 3 s while
    // b-late runs (abandoned at 4 s); c is read at 4 s. a-late's report
    // arrives during the run and must be dropped.
    let tmp = tempfile::tempdir().unwrap();
    inputs(
        &tmp.path().join("in"),
        &[
            ("a-late.txt", "Moss"),
            ("b-late.txt", "Asker"),
            ("c.txt", "Hamar"),
        ],
    );
    let output = skjema(
        tmp.path(),
        &[
            "extract",
            "in",
            "--out",
            "out",
            "--timeout",
            "2",
            "--jobs",
            "1",
            "--quiet",
        ],
        &[
            ("SKJEMA_TEST_SLEEP_ON", "late"),
            ("SKJEMA_TEST_SLEEP_SECS", "3"),
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let out = tmp.path().join("out");
    assert_eq!(
        error_rows(&out),
        [
            ("in/a-late.txt".to_string(), "timeout".to_string()),
            ("in/b-late.txt".to_string(), "timeout".to_string()),
        ]
    );
    assert_eq!(report_paths(&out), ["in/c.txt"]);
}

#[test]
fn help_documents_timeout_and_resume() {
    let tmp = tempfile::tempdir().unwrap();
    let output = skjema(tmp.path(), &["extract", "--help"], &[]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    for wanted in [
        "--timeout <SECONDS>",
        "[default: 60]",
        "--resume",
        "Exit codes:",
    ] {
        assert!(help.contains(wanted), "{wanted} missing from:\n{help}");
    }
    let output = skjema(
        tmp.path(),
        &["extract", "in", "--out", "o", "--timeout", "0"],
        &[],
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "--timeout 0 is a usage error"
    );
}
