//! The files a fixture run writes describe themselves correctly: every line
//! of `reports.jsonl` validates against the run's `schema.json`, and
//! `datapackage.json` with its CSVs passes `frictionless validate`.

use std::path::Path;
use std::process::Command;

fn run_fixtures(out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_skjema"))
        .args(["extract", "fixtures/pdf", "--quiet", "--out"])
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("skjema runs");
    assert!(
        status.success(),
        "extract over the fixtures exits 0, got {status}"
    );
}

#[test]
fn reports_validate_against_schema_and_datapackage_against_frictionless() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_fixtures(dir.path());

    let schema: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("schema.json")).expect("schema.json written"),
    )
    .expect("schema.json is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema.json is a valid JSON Schema");
    let jsonl = std::fs::read_to_string(dir.path().join("reports.jsonl")).expect("reports.jsonl");
    let mut lines = 0;
    for (n, line) in jsonl.lines().enumerate() {
        let report: serde_json::Value = serde_json::from_str(line).expect("a line is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "line {}: {:?}", n + 1, errors);
        lines += 1;
    }
    assert!(lines >= 24, "every fixture became a report ({lines} lines)");

    // A report that breaks the contract must fail, or the check proves nothing.
    let mut broken: serde_json::Value =
        serde_json::from_str(jsonl.lines().next().unwrap_or("{}")).expect("json");
    broken["template"] = serde_json::Value::from("No such form!");
    assert!(
        !validator.is_valid(&broken),
        "schema.json rejects a template that is no form name"
    );

    let frictionless = Command::new("frictionless")
        .args(["validate", "--json"])
        .arg(dir.path().join("datapackage.json"))
        .output();
    match frictionless {
        Ok(out) => {
            let report: serde_json::Value =
                serde_json::from_slice(&out.stdout).expect("frictionless --json prints JSON");
            assert_eq!(
                report["valid"],
                serde_json::Value::Bool(true),
                "frictionless validate: {}",
                String::from_utf8_lossy(&out.stdout)
                    .chars()
                    .take(3000)
                    .collect::<String>()
            );
        }
        Err(e) if std::env::var_os("SKJEMA_REQUIRE_FRICTIONLESS").is_none() => {
            eprintln!("frictionless not installed ({e}); run scripts/test, which installs it");
        }
        Err(e) => panic!("frictionless validate could not run: {e}"),
    }
}
