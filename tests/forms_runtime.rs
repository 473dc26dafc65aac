//! Documents outside the four built-in forms (docs/FORMS.md): a fifth form
//! read from a definition loaded at run time (`--forms`), a memo on no form
//! at all, and definitions that do not load. The PDFs come from
//! `scripts/gen_form_fixtures.py` (LibreOffice); the expected JSON beside
//! them is written by hand. Values are compared field by field, and
//! `fields.csv` row by row.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn skjema(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(repo())
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("skjema runs")
}

/// Flattens JSON into `path → leaf`, lists as `[i]` with their length.
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

/// The one report of a run, its `fields.csv` rows as JSON objects (typed
/// like the expected JSON), and the run's directory.
fn run(pdf: &str, forms: Option<&str>) -> (Value, Vec<Value>, tempfile::TempDir) {
    let out = tempfile::tempdir().expect("temp dir");
    let out_path = out.path().to_str().expect("utf-8 path");
    let mut args = vec!["extract", pdf, "--quiet", "--out", out_path];
    if let Some(dir) = forms {
        args.extend(["--forms", dir]);
    }
    let output = skjema(&args);
    assert!(
        output.status.success(),
        "skjema {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let jsonl =
        std::fs::read_to_string(out.path().join("reports.jsonl")).expect("reports.jsonl written");
    let report: Value =
        serde_json::from_str(jsonl.lines().next().unwrap_or("")).expect("one report");
    let mut reader = csv::Reader::from_path(out.path().join("fields.csv")).expect("fields.csv");
    let headers = reader.headers().expect("header row").clone();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            let get = |name: &str| {
                headers
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| r.get(i))
                    .unwrap_or("")
                    .to_string()
            };
            let text = |name: &str| match get(name) {
                s if s.is_empty() => Value::Null,
                s => Value::from(s),
            };
            let number = |name: &str| get(name).parse::<f64>().map_or(Value::Null, Value::from);
            serde_json::json!({
                "report_id": get("report_id"),
                "row": get("row").parse::<u64>().ok(),
                "label": get("label"),
                "value": get("value"),
                "field": text("field"),
                "list": text("list"),
                "column_name": text("column_name"),
                "page": get("page").parse::<u64>().ok(),
                "bbox": [number("x0"), number("top"), number("x1"), number("bottom")],
            })
        })
        .collect();
    (report, rows, out)
}

fn expected(name: &str) -> Value {
    let path = repo().join(format!("fixtures/forms/{name}.expected.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("expected JSON")).expect("JSON")
}

/// Compares every leaf of `want` with the report and with `fields.csv`;
/// prints a table of matches per group and returns the mismatches.
fn compare(name: &str, want: &Value, report: &Value, rows: &[Value]) -> Vec<String> {
    let mut wrong = Vec::new();
    println!("\n{name}\n{:<16} {:>5} {:>5}", "group", "right", "total");
    let Value::Object(groups) = want else {
        return vec!["expected JSON is no object".into()];
    };
    for (group, value) in groups {
        let mut want_leaves = BTreeMap::new();
        flatten(group, value, &mut want_leaves);
        let mut got_leaves = BTreeMap::new();
        if group == "fields" {
            // From fields.csv, the file a researcher reads.
            flatten(group, &Value::from(rows.to_vec()), &mut got_leaves);
        } else {
            flatten(group, &report[group.as_str()], &mut got_leaves);
        }
        let mut right = 0;
        for (path, leaf) in &want_leaves {
            let got = got_leaves.get(path).unwrap_or(&Value::Null);
            if got == leaf {
                right += 1;
            } else {
                wrong.push(format!("{name} {path}: expected {leaf}, got {got}"));
            }
        }
        println!("{group:<16} {right:>5} {:>5}", want_leaves.len());
    }
    wrong
}

#[test]
fn a_fifth_form_loaded_at_run_time_maps_its_fields_and_table() {
    let (report, rows, _out) = run(
        "fixtures/forms/kbp_arsrapport_2017.pdf",
        Some("fixtures/forms/definitions"),
    );
    let wrong = compare(
        "kbp_arsrapport_2017",
        &expected("kbp_arsrapport_2017"),
        &report,
        &rows,
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let id = report["report_id"].as_str().unwrap_or("");
    for row in &rows {
        assert_eq!(row["report_id"], id);
        // A PDF's pairs have boxes, to 0.01 pt, on the page.
        let bbox: Vec<f64> = row["bbox"]
            .as_array()
            .map(|b| b.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        assert_eq!(bbox.len(), 4, "{row}");
        assert!(bbox[0] < bbox[2] && bbox[1] < bbox[3], "{row}");
        for edge in bbox {
            assert!(
                ((edge * 100.0).round() - edge * 100.0).abs() < 1e-6,
                "{row}"
            );
            assert!((0.0..=842.0).contains(&edge), "{row}");
        }
    }
    // A mapped value lands in reports.csv's column; the unmapped one nowhere.
    let leader = rows.iter().find(|r| r["label"] == "Programkoordinator");
    let leader = leader.expect("Programkoordinator row");
    assert_eq!(leader["list"], "reports");
    assert_eq!(leader["column_name"], "programme_leader");
    let saksnummer = rows.iter().find(|r| r["label"] == "Saksnummer");
    assert_eq!(saksnummer.map(|r| &r["list"]), Some(&Value::Null));
    // The form's table maps with no issue left on it.
    let issues = report["issues"].as_array().cloned().unwrap_or_default();
    let on_activities: Vec<&Value> = issues
        .iter()
        .filter(|i| {
            i["field"]
                .as_str()
                .is_some_and(|f| f.starts_with("activities"))
        })
        .collect();
    assert!(on_activities.is_empty(), "{on_activities:?}");
}

#[test]
fn without_its_definition_the_fifth_form_is_unknown_but_keeps_title_and_pairs() {
    let (report, rows, _out) = run("fixtures/forms/kbp_arsrapport_2017.pdf", None);
    assert_eq!(report["template"], "unknown");
    // The title still gives kind and year, the cover the municipality.
    assert_eq!(report["kind"], "arsrapport");
    assert_eq!(report["period"]["year"], 2017);
    assert_eq!(report["municipality"]["name"], "Skien");
    assert_eq!(report["activities"].as_array().map(Vec::len), Some(0));
    // Every pair is still there; of them, the fallback definition reads only
    // "Kommune" (into the municipality).
    let labels: Vec<&str> = rows.iter().filter_map(|r| r["label"].as_str()).collect();
    assert_eq!(
        labels,
        [
            "Programnavn",
            "Kommune",
            "Programkoordinator",
            "Rapporteringsdato",
            "Godkjent i programrådet",
            "Telefon",
            "E-post",
            "Saksnummer"
        ]
    );
    for row in &rows {
        let want = if row["label"] == "Kommune" {
            Value::from("municipality")
        } else {
            Value::Null
        };
        assert_eq!(row["field"], want, "{row}");
    }
}

#[test]
fn a_memo_on_no_form_gets_kind_year_municipality_and_its_pairs() {
    let (report, rows, _out) = run("fixtures/forms/notat_halvar_2012.pdf", None);
    let wrong = compare(
        "notat_halvar_2012",
        &expected("notat_halvar_2012"),
        &report,
        &rows,
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let codes: Vec<&str> = report["issues"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"unknown_template"), "{codes:?}");
}

/// Writes `text` as the only definition in a fresh folder and runs extract with it.
fn run_with_definition(name: &str, text: &str) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let forms = dir.path().join("forms");
    std::fs::create_dir(&forms).expect("forms dir");
    std::fs::write(forms.join(name), text).expect("definition written");
    let out = dir.path().join("out");
    let output = skjema(&[
        "extract",
        "fixtures/forms/notat_halvar_2012.pdf",
        "--quiet",
        "--out",
        out.to_str().unwrap_or(""),
        "--forms",
        forms.to_str().unwrap_or(""),
    ]);
    (output, dir)
}

#[test]
fn a_broken_definition_is_an_error_naming_file_and_line() {
    let good =
        std::fs::read_to_string(repo().join("fixtures/forms/definitions/kbp_arsrapport_2017.toml"))
            .expect("definition");
    let line_of = |text: &str, needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or(0)
    };
    let cases = [
        // A TOML syntax error.
        (
            good.replacen("min_score = 5.0", "min_score = = 5.0", 1),
            "min_score = = 5.0",
        ),
        // An unknown value of a key.
        (
            good.replacen("kind = \"arsrapport\"", "kind = \"aarsrapport\"", 1),
            "kind = \"aarsrapport\"",
        ),
        // A pattern that does not compile.
        (
            good.replacen(r"'^\s*Frist'", r"'^\s*Frist('", 1),
            r"'^\s*Frist('",
        ),
        // A field target the model does not have.
        (
            good.replacen(
                "target = \"programme.leader\"",
                "target = \"programme.leder\"",
                1,
            ),
            "programme.leder",
        ),
    ];
    for (text, needle) in cases {
        let line = line_of(&text, needle);
        assert!(line > 0, "{needle} is in the broken definition");
        let (output, dir) = run_with_definition("broken.toml", &text);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{needle}: {stderr}");
        assert!(
            stderr.contains("broken.toml") && stderr.contains(&format!("line {line}")),
            "{needle}: the error names file and line {line}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!Path::new(&dir.path().join("out/reports.csv")).exists());
    }
    // A folder without definitions is an error too, not a silent no-op.
    let empty = tempfile::tempdir().expect("temp dir");
    let output = skjema(&[
        "extract",
        "fixtures/forms/notat_halvar_2012.pdf",
        "--quiet",
        "--out",
        empty.path().join("out").to_str().unwrap_or(""),
        "--forms",
        empty.path().to_str().unwrap_or(""),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no form definitions"));
}
