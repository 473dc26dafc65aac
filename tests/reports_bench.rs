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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use bench_score::{merge, score_report, total, Counts, GROUPS};
use rayon::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use skjema_extractor::{extract, ExtractOptions};
use skjema_normalizer::{normalize, SourceInfo};

/// Least overall share of gold values found (issue 11).
const MIN_OVERALL: f64 = 0.99;
/// Least share in every field group, every form and every producer.
const MIN_PART: f64 = 0.97;
/// Most gold values lost without an issue on their field or list.
const MAX_SILENT: usize = 0;

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/reports")
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// "docx" or "html": how the benchmark's PDF was made (its file name says).
fn producer_of(stem: &str) -> &'static str {
    if stem.ends_with("_html") {
        "html (Chromium)"
    } else if stem.ends_with("_docx") {
        "docx (LibreOffice)"
    } else {
        "other"
    }
}

struct Scored {
    stem: String,
    form: String,
    producer: &'static str,
    report: Value,
    tally: bench_score::Tally,
}

fn run_one(dir: &Path, gold_path: &Path) -> Scored {
    let stem = gold_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let gold: Value = serde_json::from_slice(
        &std::fs::read(gold_path).unwrap_or_else(|e| panic!("{}: {e}", gold_path.display())),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
    let pdf_name = gold["source"]["path"]
        .as_str()
        .map_or_else(|| format!("{stem}.pdf"), str::to_string);
    let pdf = dir.join("pdf").join(&pdf_name);
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let sha = sha256_hex(&bytes);
    let doc = extract(&bytes, &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{pdf_name}: extraction failed: {e}"));
    let report = normalize(
        &doc,
        &SourceInfo {
            path: pdf_name.clone(),
            sha256: sha.clone(),
        },
    );
    let report = serde_json::to_value(&report).expect("a report serialises");
    let matched = gold["source"]["sha256"].as_str() == Some(sha.as_str())
        || report["source"]["path"].as_str() == Some(pdf_name.as_str());
    let tally = score_report(&format!("{stem}.json"), &gold, matched.then_some(&report));
    Scored {
        form: gold["template"].as_str().unwrap_or("?").to_string(),
        producer: producer_of(&stem),
        stem,
        report,
        tally,
    }
}

fn print_table(title: &str, rows: &BTreeMap<String, Counts>, order: &[String]) {
    println!("\n{title}");
    println!(
        "{:<20} {:>5} {:>6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>6}",
        "", "gold", "match", "miss", "wrong", "spur", "extra", "silent", "score"
    );
    for key in order {
        let Some(c) = rows.get(key) else { continue };
        println!(
            "{key:<20} {:>5} {:>6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>6.3}",
            c.gold,
            c.matched,
            c.missed,
            c.wrong,
            c.spurious,
            c.extra,
            c.silent,
            c.score()
        );
    }
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
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (../shared/ must sit beside the repository)",
                dir.display()
            )
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    assert!(
        golds.len() >= 20,
        "expected 20 gold files, found {}",
        golds.len()
    );

    let scored: Vec<Scored> = golds.par_iter().map(|g| run_one(&dir, g)).collect();

    let mut by_group: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_form: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_producer: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_report: BTreeMap<String, Counts> = BTreeMap::new();
    for s in &scored {
        merge(&mut by_group, &s.tally.groups);
        let t = total(&s.tally.groups);
        merge(&mut by_form, &BTreeMap::from([(s.form.clone(), t)]));
        merge(
            &mut by_producer,
            &BTreeMap::from([(s.producer.to_string(), t)]),
        );
        by_report.insert(s.stem.clone(), t);
    }
    let all = total(&by_group);
    by_group.insert("all".into(), all);

    for s in &scored {
        for line in &s.tally.log {
            println!("  {line}");
        }
    }
    let group_order: Vec<String> = GROUPS
        .iter()
        .map(|g| g.to_string())
        .chain(["all".to_string()])
        .collect();
    print_table(
        &format!(
            "Report benchmark ({} reports): by field group",
            scored.len()
        ),
        &by_group,
        &group_order,
    );
    let forms: Vec<String> = by_form.keys().cloned().collect();
    print_table("by form", &by_form, &forms);
    let producers: Vec<String> = by_producer.keys().cloned().collect();
    print_table("by producer", &by_producer, &producers);
    let reports: Vec<String> = by_report.keys().cloned().collect();
    print_table("by report", &by_report, &reports);
    let silent_share = all.silent as f64 / all.gold.max(1) as f64;
    println!(
        "\noverall: {:.3}   silent loss: {} of {} gold values ({:.3})",
        all.score(),
        all.silent,
        all.gold,
        silent_share
    );

    match score_py(&dir, &scored.iter().map(|s| &s.report).collect::<Vec<_>>()) {
        Some(theirs) => {
            println!("score.py overall: {theirs}");
            assert_eq!(
                theirs,
                format!("{:.3}", all.score()),
                "this test's scorer and score.py disagree"
            );
        }
        None => {
            println!("score.py not run (python3 missing); the figures above are this test's own")
        }
    }

    let mut failures: Vec<String> = Vec::new();
    if all.score() < MIN_OVERALL {
        failures.push(format!("overall {:.3} < {MIN_OVERALL}", all.score()));
    }
    for (what, table) in [
        ("group", &by_group),
        ("form", &by_form),
        ("producer", &by_producer),
    ] {
        for (name, c) in table.iter().filter(|(n, _)| n.as_str() != "all") {
            if c.gold > 0 && c.score() < MIN_PART {
                failures.push(format!("{what} {name} {:.3} < {MIN_PART}", c.score()));
            }
        }
    }
    if all.silent > MAX_SILENT {
        failures.push(format!(
            "{} gold values lost silently (most {MAX_SILENT})",
            all.silent
        ));
    }
    assert!(failures.is_empty(), "targets missed: {failures:?}");
}
