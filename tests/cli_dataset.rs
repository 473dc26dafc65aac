//! An ordinary archive folder, as a researcher has one: copies of the same
//! report under other names, a README and a metadata file beside the PDFs,
//! the output folder inside the input, a second run into the same folder.
//! The dataset keeps its keys, says what it skipped, and the command line
//! says what it did.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn skjema(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(dir)
        .args(args)
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_pdfs() -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = fs::read_dir(repo().join("fixtures/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = header.iter().position(|h| h == name).unwrap();
    rows.iter().map(|r| r[i].clone()).collect()
}

/// Junk an archive folder holds beside the reports.
fn add_junk(dir: &Path) {
    fs::write(
        dir.join("README.txt"),
        "Rapporter fra boligsosialt program, skannet 2017.\nDette er en mappe med rapporter.\nSe regnearket for oversikt.\n",
    )
    .unwrap();
    fs::write(
        dir.join("metadata.json"),
        "{\"title\": \"arkiv\", \"files\": 640, \"created\": \"2017-01-02\"}\n",
    )
    .unwrap();
    fs::write(
        dir.join("Thumbs.db"),
        [0u8, 1, 2, 3, 200, 201, 202, 0, 0, 7],
    )
    .unwrap();
    fs::write(dir.join("tom.pdf"), b"").unwrap();
    fs::write(dir.join("tom kopi.pdf"), b"").unwrap();
}

/// The fixtures `copies` times under other names in nested folders, plus junk.
fn copy_heavy_folder(root: &Path, copies: usize) -> PathBuf {
    let dir = root.join("arkiv");
    for (i, pdf) in fixture_pdfs().iter().enumerate() {
        for k in 0..copies {
            let sub = dir.join(format!("mappe{}", k % 4));
            fs::create_dir_all(&sub).unwrap();
            fs::copy(pdf, sub.join(format!("rapport {i:02} kopi {k}.pdf"))).unwrap();
        }
    }
    add_junk(&dir);
    dir
}

fn frictionless_valid(package: &Path) -> Option<serde_json::Value> {
    let out = Command::new("frictionless")
        .args(["validate", "--json"])
        .arg(package)
        .output();
    match out {
        Ok(out) => Some(serde_json::from_slice(&out.stdout).expect("frictionless --json")),
        Err(e) if std::env::var_os("SKJEMA_REQUIRE_FRICTIONLESS").is_none() => {
            eprintln!("frictionless not installed ({e}); run scripts/test, which installs it");
            None
        }
        Err(e) => panic!("frictionless validate could not run: {e}"),
    }
}

#[test]
fn copies_are_one_report_and_the_package_validates() {
    let root = tempfile::tempdir().unwrap();
    copy_heavy_folder(root.path(), 3);
    let run = skjema(root.path(), &["extract", "arkiv", "--out", "out"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let n = fixture_pdfs().len();
    // 3 copies of each fixture, 5 junk files: 32 reports, 2n duplicates,
    // errors for README, metadata, Thumbs.db and one empty file (its copy
    // is a duplicate of it).
    let files = 3 * n + 5;
    assert!(
        stderr.contains(&format!(
            "{files} files: {n} reports, {} duplicates, 4 errors",
            2 * n + 1
        )),
        "{stderr}"
    );
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains("WARN"),
        "copies are not a warning: {stderr}"
    );
    let out = root.path().join("out");

    let (h, reports) = read_csv(&out.join("reports.csv"));
    assert_eq!(reports.len(), n);
    let mut ids = column(&h, &reports, "report_id");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "report_id is unique");
    assert!(column(&h, &reports, "source_copies")
        .iter()
        .all(|c| c == "2"));

    let (h, dups) = read_csv(&out.join("duplicates.csv"));
    assert_eq!(dups.len(), 2 * n + 1);
    let (eh, errors) = read_csv(&out.join("errors.csv"));
    // Every input path is in exactly one of the three files.
    let mut seen: Vec<String> = column(&h, &dups, "path");
    seen.extend(column(&eh, &errors, "path"));
    let (rh, _) = read_csv(&out.join("reports.csv"));
    seen.extend(column(&rh, &reports, "source_path"));
    seen.sort();
    let before = seen.len();
    seen.dedup();
    assert_eq!((before, seen.len()), (files, files));
    let kinds = column(&eh, &errors, "kind");
    assert_eq!(
        kinds.iter().filter(|k| *k == "not_a_report").count(),
        2,
        "README.txt and metadata.json: {kinds:?}"
    );
    let empty_copy = dups
        .iter()
        .find(|r| r[0].ends_with("tom.pdf") || r[0].ends_with("tom kopi.pdf"))
        .expect("the empty copy is a duplicate");
    assert_eq!(
        empty_copy[1], "",
        "its bytes are in errors.csv, not a report"
    );

    // Each report lists every path it was found at.
    let jsonl = fs::read_to_string(out.join("reports.jsonl")).unwrap();
    for line in jsonl.lines() {
        let report: serde_json::Value = serde_json::from_str(line).unwrap();
        let paths = report["source"]["paths"].as_array().unwrap();
        assert_eq!(paths.len(), 3);
        assert_eq!(paths[0], report["source"]["path"]);
    }
    // A join does not multiply rows: households per report as in one copy.
    let (hh, households) = read_csv(&out.join("households.csv"));
    let keys: Vec<(String, String)> = column(&hh, &households, "report_id")
        .into_iter()
        .zip(column(&hh, &households, "row"))
        .collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(keys.len(), unique.len());

    if let Some(report) = frictionless_valid(&out.join("datapackage.json")) {
        assert_eq!(
            report["valid"],
            serde_json::Value::Bool(true),
            "frictionless validate: {}",
            report.to_string().chars().take(3000).collect::<String>()
        );
    }
}

#[test]
fn an_output_folder_inside_or_equal_to_the_input_is_noted_not_read() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("in");
    fs::create_dir_all(&dir).unwrap();
    let pdf = &fixture_pdfs()[0];
    fs::copy(pdf, dir.join("a.pdf")).unwrap();
    // --out is the input folder itself: twice, so the second run sees the
    // first one's files.
    for _ in 0..2 {
        let run = skjema(
            root.path(),
            &["extract", "in", "--out", "in", "--per-report-json"],
        );
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("1 files: 1 reports"), "{stderr}");
    }
    // --out inside the input folder: the second run finds it there.
    let other = root.path().join("other");
    fs::create_dir_all(&other).unwrap();
    fs::copy(pdf, other.join("a.pdf")).unwrap();
    for _ in 0..2 {
        let run = skjema(root.path(), &["extract", "other", "--out", "other/sub"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("1 files: 1 reports"), "{stderr}");
    }
    let run = skjema(root.path(), &["extract", "other", "--out", "other/sub"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("note: not reading other/sub: it is the output folder"),
        "{stderr}"
    );
}

#[test]
fn a_second_run_leaves_nothing_of_the_first_beside_it() {
    let root = tempfile::tempdir().unwrap();
    let one = root.path().join("one");
    let two = root.path().join("two");
    fs::create_dir_all(&one).unwrap();
    fs::create_dir_all(&two).unwrap();
    let pdfs = fixture_pdfs();
    fs::copy(&pdfs[0], one.join("a.pdf")).unwrap();
    fs::copy(&pdfs[1], two.join("b.pdf")).unwrap();
    let first = skjema(
        root.path(),
        &["extract", "one", "--out", "out", "--per-report-json", "-q"],
    );
    assert_eq!(first.status.code(), Some(0));
    let second = skjema(
        root.path(),
        &["extract", "two", "--out", "out", "--per-report-json", "-q"],
    );
    assert_eq!(second.status.code(), Some(0));
    let names: Vec<String> = fs::read_dir(root.path().join("out/reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let jsonl = fs::read_to_string(root.path().join("out/reports.jsonl")).unwrap();
    let id: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(
        names,
        [format!("{}.json", id["report_id"].as_str().unwrap())]
    );
}

#[test]
fn include_and_exclude_choose_the_inputs() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("in");
    fs::create_dir_all(dir.join("Gammelt")).unwrap();
    let pdfs = fixture_pdfs();
    fs::copy(&pdfs[0], dir.join("a.PDF")).unwrap();
    fs::copy(&pdfs[1], dir.join("Gammelt/b.pdf")).unwrap();
    add_junk(&dir);
    let run = skjema(
        root.path(),
        &[
            "extract",
            "in",
            "--out",
            "out",
            "--include",
            "*.pdf",
            "--exclude",
            "Gammelt",
            "--exclude",
            "tom*",
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("1 files (6 more left out by --include/--exclude): 1 reports"),
        "{stderr}"
    );
    let run = skjema(
        root.path(),
        &["extract", "in", "--out", "out2", "--include", "*.docx"],
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("none matching --include/--exclude"));
}

#[test]
fn tables_walks_folders_lists_errors_and_never_overwrites() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("in");
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::create_dir_all(dir.join("b")).unwrap();
    let pdfs = fixture_pdfs();
    fs::copy(&pdfs[0], dir.join("a/rapport.pdf")).unwrap();
    fs::copy(&pdfs[1], dir.join("b/rapport.pdf")).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..600).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    fs::write(dir.join("bilde.png"), png).unwrap();
    let run = skjema(root.path(), &["tables", "in", "--out", "t"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("3 files: 2 documents with"), "{stderr}");
    assert!(stderr.contains(", 1 errors"), "{stderr}");
    let out = root.path().join("t");
    assert!(out.join("a/rapport.json").is_file());
    assert!(out.join("b/rapport.json").is_file());
    let (_, errors) = read_csv(&out.join("errors.csv"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0][0], "in/bilde.png");
    assert_eq!(errors[0][2], "not_a_document");

    // Two files of one name given directly: neither is written over.
    let run = skjema(
        root.path(),
        &[
            "tables",
            "in/a/rapport.pdf",
            "in/b/rapport.pdf",
            "--out",
            "flat",
            "-q",
        ],
    );
    assert_eq!(run.status.code(), Some(0));
    let mut names: Vec<String> = fs::read_dir(root.path().join("flat"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[1], "rapport.json");
    assert!(names[0].starts_with("rapport.") && names[0].len() == "rapport.".len() + 16 + 5);

    let run = skjema(root.path(), &["tables", "missing.pdf", "--out", "m"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn logs_have_no_colour_in_a_pipe_quiet_silences_and_repeats_collapse() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("in");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(&fixture_pdfs()[0], dir.join("a.pdf")).unwrap();
    // Links to folders are skipped with a warning, one per link.
    #[cfg(unix)]
    for i in 0..5 {
        std::os::unix::fs::symlink(root.path(), dir.join(format!("lenke{i}"))).unwrap();
    }
    let run = skjema(root.path(), &["extract", "in", "--out", "out"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "no ANSI codes into a pipe: {stderr:?}"
    );
    #[cfg(unix)]
    {
        assert_eq!(
            stderr.matches("skipping a link").count(),
            2,
            "the first in full, then one line with the count: {stderr}"
        );
        assert!(stderr.contains("repeated 4 more times"), "{stderr}");
    }
    let quiet = skjema(root.path(), &["extract", "in", "--out", "out", "--quiet"]);
    assert!(
        quiet.stderr.is_empty(),
        "--quiet: {}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}
