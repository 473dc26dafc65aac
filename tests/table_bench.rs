//! The table engine on the ICDAR 2013 table benchmark's development half
//! (`../shared/bench/tables/icdar2013-dev/`, 34 real-world PDFs with human
//! ground truth): writes the engine's predictions, runs the benchmark's own
//! scorer (`score.py`, Python 3 standard library) and prints its summary.
//! Fails when detection falls below 0.99 precision or recall, adjacency F1
//! below 0.95 or exact cells below 0.96. `scripts/score_tables` shows the
//! per-file figures.

use std::path::PathBuf;
use std::process::Command;

use skjema_extractor::{extract, tables_prediction, ExtractOptions};

/// The figure after `key` in the scorer's summary line, e.g. `P=` → 1.000.
fn figure(summary: &str, key: &str) -> f64 {
    summary
        .split(key)
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .next()
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {key} in the scorer's summary: {summary}"))
}

#[test]
fn icdar_2013_development_half() {
    let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/tables");
    let pdfs = bench.join("icdar2013-dev/pdf");
    assert!(
        pdfs.is_dir(),
        "{} is missing (shared/ must sit beside the repository)",
        pdfs.display()
    );
    let out = tempfile::tempdir().expect("temporary folder");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&pdfs)
        .expect("benchmark folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 34, "the development half has 34 PDFs");
    let options = ExtractOptions::default();
    for f in &files {
        let bytes = std::fs::read(f).expect("benchmark PDF is readable");
        let doc = extract(&bytes, &options).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = f
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let value = tables_prediction(&name, &doc);
        std::fs::write(out.path().join(format!("{stem}.json")), value.to_string())
            .expect("prediction written");
    }
    let run = Command::new("python3")
        .arg(bench.join("score.py"))
        .arg(bench.join("icdar2013-dev/gold"))
        .arg(out.path())
        .output()
        .expect("python3 runs the benchmark's scorer");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "score.py failed: {stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary = stdout
        .lines()
        .find(|l| l.contains("detection"))
        .unwrap_or_else(|| panic!("no summary line in: {stdout}"));
    // The line starts with the prediction folder's (temporary) name.
    let summary = summary
        .split_once("docs=")
        .map_or(summary, |(_, rest)| rest);
    let summary = format!("docs={summary}");
    println!("ICDAR 2013 dev: {summary}");
    let detection = summary.split("detection").nth(1).unwrap_or_default();
    let (det_p, det_r) = (figure(detection, "P="), figure(detection, "R="));
    let adjacency_f1 = figure(&summary, "F1=");
    let exact = figure(&summary, "exact cells ");
    assert!(
        det_p >= 0.99 && det_r >= 0.99,
        "detection P={det_p} R={det_r}"
    );
    assert!(adjacency_f1 >= 0.95, "adjacency F1={adjacency_f1}");
    assert!(exact >= 0.96, "exact cells {exact}");
}
