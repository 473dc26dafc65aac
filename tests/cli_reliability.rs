//! The batch bounded whatever the input (issue 15): hostile PDFs and
//! transcripts made by `tests/hostile/mod.rs`, run through the binary.
//! Every input comes out exactly once (a report or an errors.csv row), no
//! run crashes, and the memory of the run stays under a hard address-space
//! limit (`ulimit -v` through `sh`) that the unbounded readers blew through.
//! The output folder takes one run at a time, and a run killed at any of
//! its final renames leaves a folder the next run completes.

mod hostile;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hostile::Encoding;

/// The address space a hostile batch gets (KiB for `ulimit -v`): the
/// program and its threads reserve a few hundred MB of it; the readers
/// before issue 15 needed 1.2 GB (ten million widths) to over 2 GB (a
/// Flate bomb in a cross-reference stream) on top.
const ADDRESS_SPACE_KIB: u64 = 1200 * 1024;

fn skjema(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skjema"));
    command.current_dir(dir).args(args).env_remove("RUST_LOG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// `skjema extract IN --out OUT` under the address-space limit.
fn extract_limited(dir: &Path, extra: &str) -> Output {
    let script = format!(
        "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" extract in --out out --jobs 2 --max-memory 256M {extra}"
    );
    Command::new("sh")
        .current_dir(dir)
        .args(["-c", &script, env!("CARGO_BIN_EXE_skjema")])
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

/// path → ("report", template and issue codes) or (error kind, reason).
fn outcomes(out: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let mut all: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in fs::read_to_string(out.join("reports.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let codes: Vec<String> = v["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect();
        let detail = format!("{} {}", v["template"], codes.join(","));
        for path in v["source"]["paths"].as_array().unwrap() {
            all.entry(path.as_str().unwrap().to_string())
                .or_default()
                .push(("report".into(), detail.clone()));
        }
    }
    let mut reader = csv::Reader::from_path(out.join("errors.csv")).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        all.entry(r[0].to_string())
            .or_default()
            .push((r[2].to_string(), r[3].to_string()));
    }
    all
}

/// Asserts every file of `in` came out exactly once, none as a panic.
fn each_once(dir: &Path, output: &Output) -> BTreeMap<String, (String, String)> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "the run failed ({:?}): {stderr}",
        output.status
    );
    let found = outcomes(&dir.join("out"));
    let mut names: Vec<String> = fs::read_dir(dir.join("in"))
        .unwrap()
        .flatten()
        .map(|e| format!("in/{}", shown_name(&e.file_name())))
        .collect();
    names.sort();
    let seen: Vec<String> = found.keys().cloned().collect();
    assert_eq!(seen, names, "every input once: {found:?}");
    found
        .into_iter()
        .map(|(path, mut rows)| {
            assert_eq!(rows.len(), 1, "{path} came out {} times", rows.len());
            let row = rows.remove(0);
            assert_ne!(row.0, "panic", "{path}: {}", row.1);
            (path, row)
        })
        .collect()
}

/// A file name as the outputs show it (`\xNN` for a byte that is not UTF-8).
fn shown_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

#[test]
fn flate_bombs_in_xref_and_object_streams_stay_within_memory() {
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
    let found = each_once(dir.path(), &extract_limited(dir.path(), ""));
    assert_eq!(found["in/healthy.pdf"].0, "report");
    for bomb in ["in/xref-bomb.pdf", "in/objstm-bomb.pdf"] {
        let (kind, _) = &found[bomb];
        assert!(
            ["report", "broken_pdf", "too_large"].contains(&kind.as_str()),
            "{bomb}: {:?}",
            found[bomb]
        );
    }
}

#[test]
fn fonts_with_ten_million_widths_stay_within_memory() {
    let dir = tempfile::tempdir().unwrap();
    hostile::write_input(dir.path(), "healthy.pdf", &hostile::healthy_pdf());
    hostile::write_input(dir.path(), "widths.pdf", &hostile::huge_widths(10_000_000));
    hostile::write_input(
        dir.path(),
        "cid-widths.pdf",
        &hostile::huge_cid_widths(10_000_000),
    );
    let found = each_once(dir.path(), &extract_limited(dir.path(), ""));
    for name in ["in/healthy.pdf", "in/widths.pdf", "in/cid-widths.pdf"] {
        assert_eq!(found[name].0, "report", "{name}: {:?}", found[name]);
    }
}

#[test]
fn an_input_over_the_size_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    hostile::write_input(
        dir.path(),
        "small.txt",
        hostile::fixture_report_transcript().as_bytes(),
    );
    // Sparse: 64 GiB of address space would not hold it.
    fs::create_dir_all(dir.path().join("in")).unwrap();
    let huge = fs::File::create(dir.path().join("in/huge.txt")).unwrap();
    huge.set_len(8 << 30).unwrap();
    drop(huge);
    let found = each_once(
        dir.path(),
        &extract_limited(dir.path(), "--max-input-size 64M"),
    );
    assert_eq!(found["in/small.txt"].0, "report");
    let (kind, reason) = &found["in/huge.txt"];
    assert_eq!(kind, "too_large", "{reason}");
    assert!(reason.contains("--max-input-size"), "{reason}");
}

#[test]
fn transcripts_in_every_encoding_and_line_end_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let report = hostile::fixture_report_transcript();
    hostile::write_input(dir.path(), "utf8.txt", report.as_bytes());
    hostile::write_input(
        dir.path(),
        "stray-byte.txt",
        &hostile::stray_byte(&report, "Moss"),
    );
    hostile::write_input(dir.path(), "utf16le.txt", &hostile::utf16(&report, false));
    hostile::write_input(dir.path(), "utf16be.txt", &hostile::utf16(&report, true));
    hostile::write_input(dir.path(), "cp1252.txt", &hostile::windows_1252(&report));
    hostile::write_input(
        dir.path(),
        "cr.txt",
        hostile::line_ends(&report, "\r").as_bytes(),
    );
    hostile::write_input(
        dir.path(),
        "crlf.txt",
        hostile::line_ends(&report, "\r\n").as_bytes(),
    );
    let found = each_once(dir.path(), &extract_limited(dir.path(), ""));
    let (kind, plain) = &found["in/utf8.txt"];
    assert_eq!(kind, "report");
    assert!(plain.starts_with("\"arsrapport_2012\""), "{plain}");
    for name in ["utf16le", "utf16be", "cp1252", "cr", "crlf", "stray-byte"] {
        let (kind, detail) = &found[&format!("in/{name}.txt")];
        assert_eq!(kind, "report", "{name}: {detail}");
        assert!(
            detail.starts_with("\"arsrapport_2012\""),
            "{name}: {detail}"
        );
    }
    let (_, stray) = &found["in/stray-byte.txt"];
    assert!(stray.contains("stray_bytes"), "{stray}");
    assert!(!plain.contains("stray_bytes"), "{plain}");
}

#[cfg(unix)]
#[test]
fn names_that_differ_only_in_bytes_that_are_not_utf8_stay_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let report = hostile::fixture_report_transcript();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    for (name, municipality) in [
        (&b"rapport-\xe6.txt"[..], "Moss"),
        (b"rapport-\xf8.txt", "Asker"),
    ] {
        let path = dir
            .path()
            .join("in")
            .join(std::ffi::OsStr::from_bytes(name));
        fs::write(path, report.replacen("Moss", municipality, 1)).unwrap();
    }
    let found = each_once(dir.path(), &extract_limited(dir.path(), ""));
    let paths: Vec<&String> = found.keys().collect();
    assert_eq!(paths, ["in/rapport-\\xe6.txt", "in/rapport-\\xf8.txt"]);
}

/// Every file of an output folder but the hidden ones, with its bytes.
fn output_files(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(out).unwrap().flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || !entry.path().is_file() {
            continue;
        }
        files.insert(PathBuf::from(name), fs::read(entry.path()).unwrap());
    }
    files
}

fn hidden_temporaries(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_run_killed_at_any_rename_is_completed_by_the_next() {
    killed_at_every_step(&[], &[], 0);
}

/// The Parquet files are part of the set: a kill at any rename leaves the
/// old CSV and Parquet files or the new ones, never a mix.
#[test]
fn parquet_files_are_committed_with_the_csv_set() {
    killed_at_every_step(&["--format", "csv,parquet"], &[], 0);
}

/// A run without Parquet after one with: the old Parquet files are removed
/// as steps of the set, so none outlives the CSV files it was made from.
/// (The renames before the removals are those of the first test.)
#[test]
fn parquet_files_of_an_older_set_go_with_it() {
    killed_at_every_step(&[], &["--format", "csv,parquet"], 2);
}

/// Runs `extract` (with `new` options) over a folder holding an older
/// run's set (made with `old` options), stopped after each step of its
/// commit in turn: the next run completes the new set, whatever the step.
/// With `last_renames` > 0 only the steps from that many renames before the
/// end of the renames are tried.
fn killed_at_every_step(new: &[&str], old: &[&str], last_renames: usize) {
    let dir = tempfile::tempdir().unwrap();
    let report = hostile::fixture_report_transcript();
    hostile::write_input(dir.path(), "a.txt", report.as_bytes());
    hostile::write_input(
        dir.path(),
        "b.txt",
        report.replacen("Moss", "Asker", 1).as_bytes(),
    );
    let mut args = vec!["extract", "in", "--out", "out", "--jobs", "1"];
    args.extend_from_slice(new);
    let whole = skjema(dir.path(), &args, &[]);
    assert!(
        whole.status.success(),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    let expected = output_files(&dir.path().join("out"));
    let files = expected.len();
    assert!(files >= 10, "{files} files");
    if new.contains(&"csv,parquet") {
        assert!(
            expected
                .keys()
                .any(|n| n.extension() == Some("parquet".as_ref())),
            "Parquet files written"
        );
    }
    let mut steps = files;
    let first = if last_renames > 0 {
        files.saturating_sub(last_renames)
    } else {
        0
    };
    for stop in first.. {
        if stop > steps {
            break;
        }
        // An older set of different content in the folder.
        fs::remove_dir_all(dir.path().join("out")).unwrap();
        let older_dir = tempfile::tempdir_in(dir.path()).unwrap();
        hostile::write_input(
            older_dir.path(),
            "c.txt",
            report.replacen("Moss", "Bergen", 1).as_bytes(),
        );
        let mut older_args = vec!["extract", "in", "--out", "../out", "--jobs", "1"];
        older_args.extend_from_slice(old);
        let older = skjema(older_dir.path(), &older_args, &[]);
        assert!(older.status.success());
        let out = dir.path().join("out");
        // Renames of the new files, then removals of old files it has not.
        let removals = output_files(&out)
            .keys()
            .filter(|n| !expected.contains_key(*n))
            .count();
        steps = files + removals;
        let killed = skjema(
            dir.path(),
            &args,
            &[("SKJEMA_TEST_STOP_AT_RENAME", &stop.to_string())],
        );
        if stop < steps {
            assert_eq!(killed.status.code(), Some(97), "stop {stop}");
            assert!(out.join(".skjema-commit").exists(), "stop {stop}: the log");
        }
        let next = skjema(dir.path(), &args, &[("SKJEMA_TEST_STOP_AT_RENAME", "0")]);
        // The next run first completes the interrupted set: what it finds
        // before its own renames (stopped at the first) is the new set,
        // with nothing of the old one beside it.
        assert_eq!(next.status.code(), Some(97), "stop {stop}");
        let seen = output_files(&out);
        let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&seen), names(&expected), "stop {stop}");
        for (name, bytes) in &expected {
            assert!(
                seen[name] == *bytes,
                "stop {stop}: {} is of another run",
                name.display()
            );
        }
        let last = skjema(dir.path(), &args, &[]);
        assert!(last.status.success());
        assert_eq!(output_files(&out), expected, "stop {stop}");
        assert!(
            hidden_temporaries(&out).is_empty(),
            "stop {stop}: {:?}",
            hidden_temporaries(&out)
        );
    }
}

#[test]
fn a_second_run_into_the_same_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    hostile::write_input(
        dir.path(),
        "slow.txt",
        hostile::fixture_report_transcript().as_bytes(),
    );
    let mut first = Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(dir.path())
        .args(["extract", "in", "--out", "out", "--jobs", "1"])
        .env("SKJEMA_TEST_SLEEP_ON", "slow")
        .env("SKJEMA_TEST_SLEEP_SECS", "20")
        .spawn()
        .unwrap();
    // The first run holds the lock once the folder has it.
    let lock = dir.path().join("out/.skjema-lock");
    let started = std::time::Instant::now();
    while !fs::read_to_string(&lock).is_ok_and(|s| !s.trim().is_empty()) {
        assert!(
            started.elapsed().as_secs() < 60,
            "the first run never locked"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let second = skjema(dir.path(), &["extract", "in", "--out", "out"], &[]);
    // `merge` and `tables` write the same kind of folder: refused too.
    fs::create_dir_all(dir.path().join("shard")).unwrap();
    let merge = skjema(dir.path(), &["merge", "shard", "--out", "out"], &[]);
    let tables = skjema(dir.path(), &["tables", "in", "--out", "out"], &[]);
    first.kill().unwrap();
    first.wait().unwrap();
    for (what, run) in [("extract", &second), ("merge", &merge), ("tables", &tables)] {
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{what}");
        assert!(stderr.contains("another skjema run"), "{what}: {stderr}");
        assert!(stderr.contains(&first.id().to_string()), "{what}: {stderr}");
    }
    // Killed, the first run's lock is gone with it.
    let after = skjema(dir.path(), &["extract", "in", "--out", "out"], &[]);
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    assert!(hidden_temporaries(&dir.path().join("out")).is_empty());
}
