//! `extract --resume` after a kill: a run killed part-way leaves no output
//! file at all (or only complete ones), and the same command with `--resume`
//! then writes exactly the files of one uninterrupted run, byte for byte,
//! without reading again the documents the killed run had finished.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pdf");
const JOURNAL: &str = ".skjema-progress/journal.jsonl";

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skjema"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("RUST_LOG")
        .env_remove("SKJEMA_TEST_SLEEP_ON")
        .env_remove("SKJEMA_TEST_SLEEP_SECS");
    command
}

fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().unwrap()
}

/// Every output file under `dir` (relative path → bytes); hidden files
/// (temporaries, the journal) are listed separately.
fn files(dir: &Path) -> (BTreeMap<PathBuf, Vec<u8>>, Vec<PathBuf>) {
    let mut out = BTreeMap::new();
    let mut hidden = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(here) = stack.pop() {
        for entry in fs::read_dir(&here).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if rel.to_string_lossy().starts_with('.') {
                hidden.push(rel);
            } else if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    (out, hidden)
}

fn journal_entries(out: &Path) -> usize {
    // The header line does not count; a torn last line does not either.
    fs::read_to_string(out.join(JOURNAL))
        .map(|text| text.matches('\n').count().saturating_sub(1))
        .unwrap_or(0)
}

/// Every CSV in `out` parses and starts with its header (the reference's).
fn assert_complete_csvs(out: &Path, reference: &BTreeMap<PathBuf, Vec<u8>>) {
    let (found, _) = files(out);
    for (rel, bytes) in &found {
        if rel.extension().is_some_and(|e| e == "csv") {
            let mut reader = csv::Reader::from_reader(bytes.as_slice());
            let header: Vec<String> = reader
                .headers()
                .unwrap()
                .iter()
                .map(str::to_string)
                .collect();
            assert!(!header.is_empty(), "{} has no header", rel.display());
            let expected = reference
                .get(rel)
                .and_then(|r| std::str::from_utf8(r).ok())
                .and_then(|r| r.lines().next())
                .unwrap();
            assert_eq!(header.join(","), expected, "{}", rel.display());
            for record in reader.records() {
                record.unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
            }
        }
    }
}

#[test]
fn a_killed_run_resumes_into_the_files_of_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    // Reference: one uninterrupted run.
    let reference = run(dir, &["extract", FIXTURES, "--out", "reference", "--quiet"]);
    assert_eq!(reference.status.code(), Some(0), "{reference:?}");
    let (reference_files, reference_hidden) = files(&dir.join("reference"));
    assert!(reference_hidden.is_empty(), "{reference_hidden:?}");
    assert!(reference_files.len() >= 16);

    // A run that finishes the documents before the hooked one (one at a
    // time, in name order), then hangs on it (the test-only sleep hook), and
    // is killed there.
    let hook = "arsrapport_2012-05-";
    let names: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    let total = names.len();
    let before = names.iter().filter(|n| n.as_str() < hook).count();
    assert!(before >= 8 && before < total, "{before} of {total}");
    let mut child = command(
        dir,
        &[
            "extract",
            FIXTURES,
            "--out",
            "out",
            "--quiet",
            "--jobs",
            "1",
            "--timeout",
            "3600",
        ],
    )
    .env("SKJEMA_TEST_SLEEP_ON", hook)
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let out = dir.join("out");
    let started = Instant::now();
    while journal_entries(&out) < before {
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "the killed run never got to {before} documents"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended by itself"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(journal_entries(&out), before);

    // Nothing half-written: a new folder holds no output file at all.
    let (after_kill, hidden) = files(&out);
    assert!(
        after_kill.is_empty(),
        "a killed run must not leave output files: {:?}",
        after_kill.keys().collect::<Vec<_>>()
    );
    assert!(hidden.iter().any(|p| p.ends_with(".skjema-progress")));
    assert_complete_csvs(&out, &reference_files);

    // Resume: only the unfinished documents are read.
    let resumed = run(dir, &["extract", FIXTURES, "--out", "out", "--resume"]);
    assert_eq!(resumed.status.code(), Some(0), "{resumed:?}");
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(
        stderr.contains(&format!(
            "resumed: {before} of {total} files taken from the progress journal"
        )),
        "{stderr}"
    );
    let (resumed_files, hidden) = files(&out);
    assert!(
        hidden.is_empty(),
        "journal and temporaries are removed: {hidden:?}"
    );
    assert_eq!(
        resumed_files.keys().collect::<Vec<_>>(),
        reference_files.keys().collect::<Vec<_>>()
    );
    for (rel, bytes) in &reference_files {
        let got = resumed_files.get(rel).unwrap();
        if got != bytes {
            let want = String::from_utf8_lossy(bytes);
            let got = String::from_utf8_lossy(got);
            let first = want
                .lines()
                .zip(got.lines())
                .find(|(w, g)| w != g)
                .unwrap_or_default();
            panic!(
                "{} differs from the uninterrupted run; first differing line:\n  want {}\n  got  {}",
                rel.display(),
                first.0,
                first.1
            );
        }
    }
    assert_complete_csvs(&out, &reference_files);
}

#[test]
fn without_resume_a_leftover_journal_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(
        dir.join("in/moss.txt"),
        "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM\nÅRSRAPPORT 2012\nKOMMUNE: Moss kommune\n",
    )
    .unwrap();
    let first = run(dir, &["extract", "in", "--out", "ref", "--quiet"]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    // A journal claiming another result for the same file and bytes.
    let sha = {
        let jsonl = fs::read_to_string(dir.join("ref/reports.jsonl")).unwrap();
        let value: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
        value["source"]["sha256"].as_str().unwrap().to_string()
    };
    fs::create_dir_all(dir.join("out/.skjema-progress")).unwrap();
    let header = format!(
        "{{\"format\":\"skjema-progress/1\",\"schema\":\"{}\",\"skjema\":\"{}\"}}",
        skjema_model::SCHEMA_VERSION,
        env!("CARGO_PKG_VERSION")
    );
    let forged = serde_json::json!({
        "path": "in/moss.txt",
        "sha256": sha,
        "error": { "kind": "broken_pdf", "reason": "forged" },
    });
    fs::write(
        dir.join("out").join(JOURNAL),
        format!("{header}\n{forged}\n"),
    )
    .unwrap();
    let plain = run(dir, &["extract", "in", "--out", "out", "--quiet"]);
    assert_eq!(plain.status.code(), Some(0), "{plain:?}");
    assert_eq!(
        files(&dir.join("out")).0,
        files(&dir.join("ref")).0,
        "a run without --resume reads every file"
    );
    // With --resume the same forged journal would be believed: it is keyed
    // by path and content, not checked against the file.
    fs::create_dir_all(dir.join("out2/.skjema-progress")).unwrap();
    fs::write(
        dir.join("out2").join(JOURNAL),
        format!("{header}\n{forged}\n"),
    )
    .unwrap();
    let resumed = run(
        dir,
        &["extract", "in", "--out", "out2", "--quiet", "--resume"],
    );
    assert_eq!(resumed.status.code(), Some(1), "{resumed:?}");
    assert!(fs::read_to_string(dir.join("out2/errors.csv"))
        .unwrap()
        .contains("forged"));
}
