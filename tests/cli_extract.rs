//! `skjema extract` as a user runs it: a folder of mixed inputs in, the
//! dataset files out, one errors.csv row for each input that is not a report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MOSS: &str = "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM\n\
                    ÅRSRAPPORT 2012\n\
                    KOMMUNE: Moss kommune\n\
                    Generell programinformasjon\n\
                    Programnavn: Bo trygt\n";

fn skjema(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(dir)
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

/// A small but complete one-page PDF with correct cross-reference offsets.
/// Like most producers, it writes the page content first and the page tree
/// and catalog last, so a file cut in half has lost its structure.
fn valid_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 11 Tf 72 770 Td 14 TL");
    for line in lines {
        content.push_str(&format!(" ({line}) '"));
    }
    content.push_str(" ET");
    let objects = [
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Contents 1 0 R /Resources << /Font << /F1 2 0 R >> >> >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Catalog /Pages 4 0 R >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A folder with two good reports (text and PDF) and three inputs that are not reports.
fn mixed_inputs(root: &Path) -> PathBuf {
    let dir = root.join("in");
    fs::create_dir_all(dir.join("sub")).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..600).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    fs::write(dir.join("bilde.png"), png).unwrap();
    fs::write(dir.join("tom.pdf"), b"").unwrap();
    let pdf = valid_pdf(&[
        "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM",
        "ARSRAPPORT 2012",
        "KOMMUNE: Moss kommune",
        "Generell programinformasjon",
        "Programnavn: Bo trygt",
        "Programleder: Kari Nordmann",
    ]);
    fs::write(dir.join("sub/avkortet.pdf"), &pdf[..pdf.len() / 2]).unwrap();
    // The same PDF uncut is read, so it is the cut that makes the other fail.
    fs::write(dir.join("sub/hel.pdf"), &pdf).unwrap();
    fs::write(dir.join("moss_2012.txt"), MOSS).unwrap();
    fs::write(dir.join(".skjult.pdf"), b"").unwrap();
    dir
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

fn dataset_files(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn bad_inputs_go_to_errors_csv_and_the_good_one_becomes_a_report() {
    let root = tempfile::tempdir().unwrap();
    mixed_inputs(root.path());
    let run = skjema(root.path(), &["extract", "in", "--out", "out"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains("5 files: 2 reports, 0 duplicates, 3 errors"),
        "stderr: {stderr}"
    );
    let out = root.path().join("out");

    let (_, errors) = read_csv(&out.join("errors.csv"));
    let by_path: Vec<(&str, &str, &str)> = errors
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(by_path.len(), 3, "{by_path:?}");
    let expect = [
        ("in/bilde.png", "not_a_document", "not a PDF"),
        ("in/sub/avkortet.pdf", "broken_pdf", "truncated"),
        ("in/tom.pdf", "empty", "empty"),
    ];
    for ((path, kind, reason), (want_path, want_kind, want_words)) in by_path.iter().zip(expect) {
        assert_eq!(*path, want_path);
        assert_eq!(*kind, want_kind, "{path}");
        assert!(reason.contains(want_words), "{path}: {reason}");
        assert!(
            reason.contains(want_path),
            "the reason names the file: {reason}"
        );
        assert!(reason.ends_with('.'), "one sentence: {reason}");
    }
    let empty_sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(errors[2][1], empty_sha);

    let jsonl = fs::read_to_string(out.join("reports.jsonl")).unwrap();
    let reports: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["source"]["path"], "in/moss_2012.txt");
    assert_eq!(reports[0]["source"]["media_type"], "text/plain");
    assert_eq!(reports[1]["source"]["path"], "in/sub/hel.pdf");
    assert_eq!(reports[1]["source"]["media_type"], "application/pdf");
    let (header, rows) = read_csv(&out.join("reports.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!(header[0], "report_id");
    assert_eq!(rows[0][0], reports[0]["report_id"].as_str().unwrap());
    assert_eq!(rows[1][0], reports[1]["report_id"].as_str().unwrap());
}

#[test]
fn a_run_leaves_no_temporaries_and_every_csv_has_its_header() {
    let root = tempfile::tempdir().unwrap();
    mixed_inputs(root.path());
    let run = skjema(root.path(), &["extract", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        run.stderr.is_empty(),
        "--quiet: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = root.path().join("out");
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    let package: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("datapackage.json")).unwrap()).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert!(resources.len() >= 12);
    for resource in resources {
        let path = resource["path"].as_str().unwrap();
        let text = fs::read_to_string(out.join(path)).unwrap();
        let first = text.lines().next().unwrap_or_default();
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(first, fields.join(","), "{path}");
    }
    assert!(names.contains(&"schema.json".to_string()));
}

#[test]
fn output_is_identical_whatever_the_number_of_threads() {
    let root = tempfile::tempdir().unwrap();
    let dir = mixed_inputs(root.path());
    for i in 0..12 {
        let text = format!("{MOSS}Rapporteringsdato: 2{i}.02.2013\nUtfylt av: Kari {i}\n");
        fs::write(dir.join(format!("kopi_{i:02}.txt")), text).unwrap();
    }
    let one = skjema(
        root.path(),
        &["extract", "in", "--out", "one", "--jobs", "1"],
    );
    let two = skjema(
        root.path(),
        &[
            "extract",
            "in",
            "--out",
            "two",
            "--jobs",
            "2",
            "--per-report-json",
        ],
    );
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(two.status.code(), Some(1));
    let first = dataset_files(&root.path().join("one"));
    let second = dataset_files(&root.path().join("two"));
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.file_name(), b.file_name());
        assert!(
            fs::read(a).unwrap() == fs::read(b).unwrap(),
            "{} differs",
            a.display()
        );
    }
    let jsonl = fs::read_to_string(root.path().join("one/reports.jsonl")).unwrap();
    let paths: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 14);
    assert_eq!(
        fs::read_dir(root.path().join("two/reports"))
            .unwrap()
            .count(),
        14
    );
}

#[test]
fn a_rerun_does_not_read_its_own_output_folder() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("in");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("moss.txt"), MOSS).unwrap();
    for _ in 0..2 {
        let run = skjema(
            root.path(),
            &["extract", "in", "--out", "in/out", "--quiet"],
        );
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let jsonl = fs::read_to_string(dir.join("out/reports.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 1);
}

#[test]
fn no_inputs_and_unwritable_output_exit_with_2() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("empty")).unwrap();
    let run = skjema(root.path(), &["extract", "empty", "--out", "out"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no input files"));
    assert!(
        !root.path().join("out").exists(),
        "nothing is written without inputs"
    );

    let run = skjema(root.path(), &["extract", "missing.pdf", "--out", "out"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("missing.pdf"));

    fs::write(root.path().join("a.txt"), MOSS).unwrap();
    fs::write(root.path().join("blocker"), b"a file, not a folder").unwrap();
    let run = skjema(root.path(), &["extract", "a.txt", "--out", "blocker/out"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("blocker"));

    let run = skjema(root.path(), &["extract", "a.txt"]);
    assert_eq!(run.status.code(), Some(2), "--out is required");
}

#[test]
fn help_documents_the_exit_codes_and_schema_prints_json() {
    let root = tempfile::tempdir().unwrap();
    let help = skjema(root.path(), &["extract", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Exit codes:"), "{text}");
    // The help lists every file a run writes.
    fs::write(root.path().join("moss.txt"), MOSS).unwrap();
    let run = skjema(root.path(), &["extract", "moss.txt", "--out", "out", "-q"]);
    assert_eq!(run.status.code(), Some(0));
    for file in dataset_files(&root.path().join("out")) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(text.contains(&name), "help does not mention {name}");
    }
    let schema = skjema(root.path(), &["schema"]);
    assert_eq!(schema.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&schema.stdout).unwrap();
    assert_eq!(value["title"], "Report");
}
