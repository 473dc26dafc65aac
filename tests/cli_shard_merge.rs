//! `extract --shard K/N` on N "machines" and `merge` give exactly the files
//! of one run over all inputs: every output file compared byte for byte.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn skjema(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(dir)
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

/// Every file under `dir` (relative path → bytes).
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(here) = stack.pop() {
        for entry in fs::read_dir(&here).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn line_count(path: &Path) -> usize {
    fs::read_to_string(path).unwrap().lines().count()
}

/// The fixtures plus what a real archive also holds: inputs that fail
/// (errors.csv), a duplicate file (same report_id), and paths whose string
/// order differs from their path order (`in/a/x.pdf` sorts before
/// `in/a-b.pdf` as a path, after it as a string).
fn inputs(root: &Path) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let input = root.join("in");
    fs::create_dir_all(input.join("a")).unwrap();
    let mut names: Vec<_> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(names.len() >= 32, "fixtures missing: {}", names.len());
    for path in &names {
        fs::copy(path, input.join(path.file_name().unwrap())).unwrap();
    }
    fs::copy(&names[0], input.join("a/x.pdf")).unwrap();
    fs::write(
        input.join("a-b.pdf"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00 not a report",
    )
    .unwrap();
    fs::write(input.join("a/empty.pdf"), b"").unwrap();
    let half = fs::read(&names[1]).unwrap();
    fs::write(input.join("a-truncated.pdf"), &half[..half.len() / 3]).unwrap();
}

#[test]
fn three_shards_merged_equal_one_run_byte_for_byte() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    inputs(dir);

    let whole = skjema(
        dir,
        &[
            "extract",
            "in",
            "--out",
            "whole",
            "--per-report-json",
            "--format",
            "csv,parquet",
            "-q",
        ],
    );
    assert_eq!(whole.status.code(), Some(1), "{whole:?}");
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let out = format!("s{k}");
        let run = skjema(
            dir,
            &[
                "extract",
                "in",
                "--out",
                &out,
                "--shard",
                &shard,
                "--per-report-json",
                "--format",
                "csv,parquet",
                "-q",
                "--jobs",
                "2",
            ],
        );
        assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
        assert!(dir.join(&out).join("shard.jsonl").is_file());
    }
    // Each shard did part of the work, none did all of it.
    let per_shard: Vec<usize> = (1..=3)
        .map(|k| line_count(&dir.join(format!("s{k}/reports.jsonl"))))
        .collect();
    let all = line_count(&dir.join("whole/reports.jsonl"));
    assert_eq!(per_shard.iter().sum::<usize>(), all, "{per_shard:?}");
    assert!(per_shard.iter().all(|&n| n > 0 && n < all), "{per_shard:?}");

    // Shards given in any order.
    let merged = skjema(dir, &["merge", "s3", "s1", "s2", "--out", "merged"]);
    assert_eq!(merged.status.code(), Some(1), "{merged:?}");

    let expected = files(&dir.join("whole"));
    let got = files(&dir.join("merged"));
    assert!(expected.contains_key(Path::new("errors.csv")));
    assert!(expected.contains_key(Path::new("duplicates.csv")));
    assert!(expected.contains_key(Path::new("households.parquet")));
    assert!(expected.len() > 16, "{:?}", expected.keys());
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        got.keys().collect::<Vec<_>>(),
        "the merge wrote a different set of files"
    );
    for (name, bytes) in &expected {
        assert!(
            got.get(name) == Some(bytes),
            "{} differs between the single run and the merged shards",
            name.display()
        );
    }
    let errors = String::from_utf8(expected[Path::new("errors.csv")].clone()).unwrap();
    assert_eq!(errors.lines().count(), 4, "{errors}");
}

#[test]
fn an_incomplete_or_mixed_set_of_shards_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::create_dir_all(dir.join("in")).unwrap();
    for i in 0..6 {
        fs::write(dir.join(format!("in/{i}.txt")), format!("1 Rapport {i}\n")).unwrap();
    }
    for (k, n) in [(1, 2), (2, 2), (1, 3)] {
        let run = skjema(
            dir,
            &[
                "extract",
                "in",
                "--out",
                &format!("s{k}of{n}"),
                "--shard",
                &format!("{k}/{n}"),
                "-q",
            ],
        );
        assert_eq!(run.status.code(), Some(0), "{run:?}");
    }
    let missing = skjema(dir, &["merge", "s1of2", "--out", "m"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("2/2 missing"),
        "{missing:?}"
    );
    let mixed = skjema(dir, &["merge", "s1of2", "s1of3", "--out", "m"]);
    assert_eq!(mixed.status.code(), Some(2));
    let twice = skjema(dir, &["merge", "s1of2", "s1of2", "--out", "m"]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(!dir.join("m/reports.jsonl").exists());
    let ok = skjema(dir, &["merge", "s2of2", "s1of2", "--out", "m"]);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    assert_eq!(line_count(&dir.join("m/reports.jsonl")), 6);

    let bad = skjema(dir, &["extract", "in", "--out", "x", "--shard", "4/3"]);
    assert_eq!(bad.status.code(), Some(2));
}
