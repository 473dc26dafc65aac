//! `skjema review OUT` as a user runs it: the site is written from a run's
//! output, pages are drawn once and kept on a rerun, and a source file that
//! is gone is said so in the index instead of failing the run.

use std::path::Path;
use std::process::{Command, Output};

const FIXTURE: &str = "fixtures/pdf/halvar_sor_2012-01-holmestrand-lo.pdf";

fn skjema(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(dir)
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn pages_are_drawn_once_and_a_missing_source_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).unwrap();
    std::fs::write(dir.path().join("rapport.pdf"), &pdf).unwrap();
    let run = skjema(
        dir.path(),
        &["extract", "rapport.pdf", "--out", "out", "--quiet"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    // Pages of the file as the run counted them.
    let report: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(dir.path().join("out/reports.jsonl"))
            .unwrap()
            .trim(),
    )
    .unwrap();
    let pages = report["source"]["pages"].as_u64().unwrap() as usize;
    assert!(pages > 1);

    let first = skjema(dir.path(), &["review", "out"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let line = stderr(&first);
    assert!(
        line.contains(&format!("1 reports, {pages} pages ({pages} drawn, 0 kept)")),
        "{line}"
    );
    let site = dir.path().join("out/review");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("Holmestrand"), "the index lists the report");
    let report_pages: Vec<_> = std::fs::read_dir(site.join("r")).unwrap().collect();
    assert_eq!(report_pages.len(), 1);
    let pngs = std::fs::read_dir(site.join("pages"))
        .unwrap()
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
        .filter(|f| f.path().extension().is_some_and(|e| e == "png"))
        .count();
    assert_eq!(pngs, pages, "one picture per page");

    let again = skjema(dir.path(), &["review", "out"]);
    assert!(
        stderr(&again).contains(&format!("(0 drawn, {pages} kept)")),
        "{}",
        stderr(&again)
    );

    std::fs::remove_file(dir.path().join("rapport.pdf")).unwrap();
    let gone = skjema(dir.path(), &["review", "out"]);
    assert_eq!(gone.status.code(), Some(0), "{}", stderr(&gone));
    assert!(
        stderr(&gone).contains("1 sources missing"),
        "{}",
        stderr(&gone)
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("source missing"));
    assert!(index.contains(r#"data-missing="1""#));
}

#[test]
fn review_of_a_folder_without_a_run_says_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let run = skjema(dir.path(), &["review", "nothing"]);
    assert_ne!(run.status.code(), Some(0));
    assert!(stderr(&run).contains("reports.jsonl"), "{}", stderr(&run));
}
