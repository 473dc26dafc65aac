//! The four real transcripts in `../shared/seeds/` against gold written by
//! hand from reading them (`tests/seeds_gold/`, see its README): every value
//! the transcript decides, null where the copy lost it or the flattened text
//! cannot tell. Scored with the rules of the report benchmark's `score.py`
//! (`bench_score`), printed per field group and per seed, with the share of
//! gold values lost silently (missed or wrong with no issue on their field
//! or list).
//!
//! `cargo test --release --test seeds_accuracy -- --nocapture`

mod bench_score;

use std::collections::BTreeMap;
use std::path::PathBuf;

use bench_score::run::print_table;
use bench_score::{merge, score_report, total, Counts, GROUPS};
use serde_json::Value;
use skjema_extractor::{extract, ExtractOptions};
use skjema_normalizer::{normalize, SourceInfo};

/// Least overall share of the gold values found.
const MIN_OVERALL: f64 = 0.96;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn seeds_match_their_hand_made_gold() {
    let gold_dir = repo().join("tests/seeds_gold");
    let seeds_dir = repo().join("../shared/seeds");
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .expect("tests/seeds_gold exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    assert_eq!(golds.len(), 4, "one gold file per seed");

    let mut by_group: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_seed: BTreeMap<String, Counts> = BTreeMap::new();
    let mut log = Vec::new();
    for path in &golds {
        let gold: Value = serde_json::from_slice(&std::fs::read(path).expect("read gold"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = gold["source"]["path"].as_str().expect("source.path");
        let bytes = std::fs::read(seeds_dir.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e} (../shared/ must sit beside the repository)"));
        let doc = extract(&bytes, &ExtractOptions::default()).expect("a transcript extracts");
        let report = normalize(
            &doc,
            &SourceInfo {
                path: name.to_string(),
                sha256: gold["source"]["sha256"].as_str().unwrap_or("").to_string(),
            },
        );
        let report = serde_json::to_value(&report).expect("a report serialises");
        let tally = score_report(name, &gold, Some(&report));
        merge(&mut by_group, &tally.groups);
        by_seed.insert(name.to_string(), total(&tally.groups));
        log.extend(tally.log);
    }
    let all = total(&by_group);
    by_group.insert("all".into(), all);
    for line in &log {
        println!("  {line}");
    }
    let order: Vec<String> = GROUPS
        .iter()
        .map(|g| g.to_string())
        .chain(["all".to_string()])
        .collect();
    print_table("Seeds (hand-made gold): by field group", &by_group, &order);
    let seeds: Vec<String> = by_seed.keys().cloned().collect();
    print_table("by seed", &by_seed, &seeds);
    println!(
        "\noverall: {:.3}   silent loss: {} of {} gold values",
        all.score(),
        all.silent,
        all.gold
    );
    assert!(
        all.score() >= MIN_OVERALL,
        "overall {:.3} < {MIN_OVERALL}",
        all.score()
    );
    assert_eq!(all.silent, 0, "gold values lost without an issue");
}
