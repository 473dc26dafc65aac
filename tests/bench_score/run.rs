//! Running a report benchmark: every gold JSON of a directory against the
//! pipeline's report for its PDF, tabulated per field group, form, producer
//! and report. Shared by the benchmark nobody here made (`reports_bench`)
//! and the held-out set of an independent generator (`heldout_bench`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use skjema_extractor::{extract, ExtractOptions};
use skjema_normalizer::{normalize, SourceInfo};

use super::{merge, score_report, total, Counts, Tally, GROUPS};

/// One report scored against its gold.
pub struct Scored {
    pub stem: String,
    pub form: String,
    pub producer: String,
    pub report: Value,
    pub tally: Tally,
}

/// The accuracy tables of a run.
pub struct Tables {
    pub by_group: BTreeMap<String, Counts>,
    pub by_form: BTreeMap<String, Counts>,
    pub by_producer: BTreeMap<String, Counts>,
    pub by_report: BTreeMap<String, Counts>,
    pub all: Counts,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The gold JSON files of `dir`/gold, sorted.
pub fn gold_files(dir: &Path) -> Vec<PathBuf> {
    let gold = dir.join("gold");
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&gold)
        .unwrap_or_else(|e| panic!("{}: {e}", gold.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    golds
}

/// Runs the pipeline on the PDF of one gold file (`dir`/pdf/<source.path>)
/// and scores it; `producer_of` names the producer from the file stem.
pub fn run_one(dir: &Path, gold_path: &Path, producer_of: fn(&str) -> String) -> Scored {
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

/// Runs and scores every gold file of `dir`, in parallel.
pub fn run_all(dir: &Path, producer_of: fn(&str) -> String) -> Vec<Scored> {
    gold_files(dir)
        .par_iter()
        .map(|g| run_one(dir, g, producer_of))
        .collect()
}

/// Sums the scored reports per group, form, producer and report.
pub fn tabulate(scored: &[Scored]) -> Tables {
    let mut by_group: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_form: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_producer: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_report: BTreeMap<String, Counts> = BTreeMap::new();
    for s in scored {
        merge(&mut by_group, &s.tally.groups);
        let t = total(&s.tally.groups);
        merge(&mut by_form, &BTreeMap::from([(s.form.clone(), t)]));
        merge(&mut by_producer, &BTreeMap::from([(s.producer.clone(), t)]));
        by_report.insert(s.stem.clone(), t);
    }
    let all = total(&by_group);
    by_group.insert("all".into(), all);
    Tables {
        by_group,
        by_form,
        by_producer,
        by_report,
        all,
    }
}

/// One table of counts, rows in `order`.
pub fn print_table(title: &str, rows: &BTreeMap<String, Counts>, order: &[String]) {
    println!("\n{title}");
    println!(
        "{:<24} {:>5} {:>6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>6}",
        "", "gold", "match", "miss", "wrong", "spur", "extra", "silent", "score"
    );
    for key in order {
        let Some(c) = rows.get(key) else { continue };
        println!(
            "{key:<24} {:>5} {:>6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>6.3}",
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

/// Prints the differences and the tables, ending with the overall line.
pub fn print_tables(name: &str, scored: &[Scored], t: &Tables) {
    for s in scored {
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
        &format!("{name} ({} reports): by field group", scored.len()),
        &t.by_group,
        &group_order,
    );
    let keys = |m: &BTreeMap<String, Counts>| m.keys().cloned().collect::<Vec<_>>();
    print_table("by form", &t.by_form, &keys(&t.by_form));
    print_table("by producer", &t.by_producer, &keys(&t.by_producer));
    print_table("by report", &t.by_report, &keys(&t.by_report));
    println!(
        "\noverall: {:.3}   silent loss: {} of {} gold values ({:.3})",
        t.all.score(),
        t.all.silent,
        t.all.gold,
        t.all.silent as f64 / t.all.gold.max(1) as f64
    );
}

/// The floors a run is held to.
pub struct Floors {
    /// Least overall share of gold values found.
    pub overall: f64,
    /// Least share in every field group, form and producer.
    pub part: f64,
    /// Most gold values lost without an issue on their field or list.
    pub silent: usize,
}

/// Every floor the tables miss, as sentences.
pub fn failures(t: &Tables, floors: &Floors) -> Vec<String> {
    let mut failures: Vec<String> = Vec::new();
    if t.all.score() < floors.overall {
        failures.push(format!("overall {:.3} < {}", t.all.score(), floors.overall));
    }
    for (what, table) in [
        ("group", &t.by_group),
        ("form", &t.by_form),
        ("producer", &t.by_producer),
    ] {
        for (name, c) in table.iter().filter(|(n, _)| n.as_str() != "all") {
            if c.gold > 0 && c.score() < floors.part {
                failures.push(format!("{what} {name} {:.3} < {}", c.score(), floors.part));
            }
        }
    }
    if t.all.silent > floors.silent {
        failures.push(format!(
            "{} gold values lost silently (most {})",
            t.all.silent, floors.silent
        ));
    }
    failures
}
