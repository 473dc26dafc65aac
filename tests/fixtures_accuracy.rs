//! Runs the whole pipeline over every fixture and compares the report with
//! the fixture's expected JSON (written by `scripts/gen_fixtures.py` from
//! its ground truth), field by field, printing an accuracy table per field
//! group and producer.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use skjema_extractor::{extract, ExtractOptions};
use skjema_normalizer::{normalize, SourceInfo};
use support::{producer, repo};

/// The field groups of the report compared here, with the top-level keys they cover.
const GROUPS: &[(&str, &[&str])] = &[
    ("template", &["template", "kind"]),
    ("period", &["period"]),
    ("municipality", &["municipality"]),
    ("programme", &["programme"]),
    ("reporting", &["reporting"]),
    ("households", &["households"]),
    ("indicators", &["indicators"]),
    ("activities", &["activities"]),
    ("goals", &["goals"]),
    ("budget", &["budget"]),
    ("funding_by_year", &["funding_by_year"]),
    ("partners", &["partners"]),
];

/// Flattens a JSON value into `path → leaf`, lists as `[i]` and with their length.
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&path, v, out);
            }
        }
        Value::Array(items) => {
            out.insert(format!("{prefix}.len"), Value::from(items.len()));
            for (i, v) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), v, out);
            }
        }
        leaf => {
            out.insert(prefix.to_string(), leaf.clone());
        }
    }
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
}

#[test]
fn every_fixture_matches_its_expected_json() {
    // The PDFs' expected JSON, and the archive-style transcripts' (which
    // hold only the groups a flattened text decides).
    let mut files: Vec<PathBuf> = ["fixtures/expected", "fixtures/transcripts"]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(repo().join(dir))
                .unwrap_or_else(|e| panic!("{dir}: {e}"))
                .filter_map(|e| e.ok().map(|e| e.path()))
        })
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 24,
        "expected at least 24 fixtures, found {}",
        files.len()
    );

    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut mismatches: Vec<String> = Vec::new();
    let mut producers_seen: BTreeMap<String, usize> = BTreeMap::new();
    for file in &files {
        let expected: Value =
            serde_json::from_slice(&std::fs::read(file).expect("read expected")).expect("json");
        let rel = expected["source"]["path"].as_str().expect("source.path");
        let bytes = std::fs::read(repo().join(rel)).expect("fixture input exists");
        let sha = expected["source"]["sha256"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let doc = extract(&bytes, &ExtractOptions::default())
            .unwrap_or_else(|e| panic!("{rel}: extraction failed: {e}"));
        let report = normalize(
            &doc,
            &SourceInfo {
                path: rel.to_string(),
                sha256: sha,
            },
        );
        let actual = serde_json::to_value(&report).expect("report serialises");
        let producer = producer(&expected);
        *producers_seen.entry(producer.clone()).or_default() += 1;

        for (group, keys) in GROUPS {
            let mut want = BTreeMap::new();
            let mut got = BTreeMap::new();
            for key in *keys {
                if expected.get(*key).is_none() {
                    continue;
                }
                flatten(key, &expected[*key], &mut want);
                flatten(key, &actual[*key], &mut got);
            }
            let tally = tallies
                .entry((group.to_string(), producer.clone()))
                .or_default();
            for (path, value) in &want {
                tally.total += 1;
                let found = got.get(path).unwrap_or(&Value::Null);
                let same_number =
                    matches!((found.as_f64(), value.as_f64()), (Some(a), Some(b)) if a == b);
                if found == value || same_number {
                    tally.right += 1;
                } else {
                    mismatches.push(format!("{rel}: {path}: expected {value}, got {found}"));
                }
            }
        }

        // Every issue the ground truth calls for must be raised (code and field).
        let tally = tallies
            .entry(("issues".into(), producer.clone()))
            .or_default();
        for want in expected["issues"].as_array().into_iter().flatten() {
            tally.total += 1;
            let raised = report.issues.iter().any(|i| {
                i.code.as_str() == want["code"] && i.field.as_deref() == want["field"].as_str()
            });
            if raised {
                tally.right += 1;
            } else {
                mismatches.push(format!(
                    "{rel}: missing issue {} on {}",
                    want["code"], want["field"]
                ));
            }
        }
        // Every extracted value of the compared groups carries provenance.
        let tally = tallies
            .entry(("provenance".into(), producer.clone()))
            .or_default();
        for key in [
            "programme.name",
            "programme.leader",
            "reporting.date",
            "municipality",
        ] {
            let (top, leaf) = key.split_once('.').unwrap_or((key, ""));
            let v = if leaf.is_empty() {
                &actual[top]["name"]
            } else {
                &actual[top][leaf]
            };
            if !v.is_null() {
                tally.total += 1;
                if report.provenance.contains_key(key) {
                    tally.right += 1;
                } else {
                    mismatches.push(format!("{rel}: no provenance for {key}"));
                }
            }
        }
    }

    let producers: Vec<String> = producers_seen.keys().cloned().collect();
    println!(
        "\nFixture accuracy ({} fixtures: {:?})",
        files.len(),
        producers_seen
    );
    print!("{:<16}", "group");
    for p in &producers {
        print!("{:>22}", p);
    }
    println!();
    let mut all_right = true;
    let groups: Vec<&str> = GROUPS
        .iter()
        .map(|(g, _)| *g)
        .chain(["issues", "provenance"])
        .collect();
    for group in groups {
        print!("{group:<16}");
        for p in &producers {
            match tallies.get(&(group.to_string(), p.clone())) {
                Some(t) if t.total > 0 => {
                    let pct = 100.0 * t.right as f64 / t.total as f64;
                    all_right &= t.right == t.total;
                    print!("{:>22}", format!("{pct:.1} % ({}/{})", t.right, t.total));
                }
                _ => print!("{:>22}", "-"),
            }
        }
        println!();
    }
    for m in mismatches.iter().take(400) {
        println!("  {m}");
    }
    assert!(
        producers_seen.len() >= 2,
        "fixtures of at least two producers"
    );
    assert!(
        all_right,
        "{} mismatches (first ones printed above)",
        mismatches.len()
    );
}

#[test]
fn fixtures_folder_is_small() {
    fn size(p: &Path) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => std::fs::read_dir(p)
                .map(|d| d.filter_map(|e| e.ok()).map(|e| size(&e.path())).sum())
                .unwrap_or(0),
            Ok(m) => m.len(),
            Err(_) => 0,
        }
    }
    let total = size(&repo().join("fixtures"));
    assert!(total < 15 * 1024 * 1024, "fixtures/ is {total} bytes");
}
