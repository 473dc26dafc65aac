//! The same dataset whoever wrote the PDF: a PDF re-written by Ghostscript
//! (`gs -sDEVICE=pdfwrite`), Cairo (`pdftocairo -pdf`) or MuPDF (`mutool
//! clean`) must give the same report as the original.
//!
//! - `fixtures/rewritten/<tool>/<name>.pdf` (written by
//!   `scripts/rewrite_fixtures`) against `fixtures/expected/<name>.json`
//!   and against the original fixture PDF's report;
//! - the report benchmark's PDFs (`../shared/bench/reports/pdf`), re-written
//!   into a temporary folder here by the three programs, against the
//!   originals' reports. `scripts/test` installs ghostscript, poppler-utils
//!   and mupdf-tools; without them (and without `SKJEMA_REQUIRE_REWRITERS`)
//!   this part is skipped with a note.
//!
//! Compared: every field of the report, and what the extractor read (every
//! line, rotated line and table cell). Left aside: where the file came from
//! (`source`, `report_id`), the `repaired_unicode_map` issue that names a
//! re-writer's damage, and boxes within 2 pt (pdftocairo refits the page
//! into whole points, moving content by up to 1 pt).

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use skjema_extractor::{extract, Document, ExtractOptions};
use skjema_normalizer::{normalize, SourceInfo};
use support::{producer, repo};

const TOOLS: [&str; 3] = ["gs", "cairo", "mutool"];
const REWRITE_ISSUE: &str = "repaired_unicode_map";
const BBOX_TOLERANCE: f64 = 2.0;

/// What the extractor read, without positions: every line, rotated line
/// and table cell of every page. Values that happen not to depend on a
/// difference here would on another document.
fn text_view(doc: &Document) -> Value {
    let pages: Vec<Value> = doc
        .pages
        .iter()
        .map(|p| {
            let tables: Vec<Vec<Vec<String>>> = p
                .tables
                .iter()
                .map(|t| {
                    t.rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| c.as_ref().map_or("(spanned)".into(), |c| c.text.clone()))
                                .collect()
                        })
                        .collect()
                })
                .collect();
            serde_json::json!({
                "lines": p.lines.iter().map(|l| &l.text).collect::<Vec<_>>(),
                "rotated": p.rotated.iter().map(|l| &l.text).collect::<Vec<_>>(),
                "tables": tables,
            })
        })
        .collect();
    Value::Array(pages)
}

/// The pipeline's report on one file, as JSON, with what the extractor
/// read under `"extracted"`.
fn report(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = extract(&bytes, &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{}: extraction failed: {e}", path.display()));
    let report = normalize(
        &doc,
        &SourceInfo {
            path: path.display().to_string(),
            sha256: String::new(),
        },
    );
    let mut value = serde_json::to_value(&report).expect("report serialises");
    if let Value::Object(map) = &mut value {
        map.insert("extracted".into(), text_view(&doc));
    }
    value
}

/// A report without what a re-write may change.
fn comparable(mut report: Value) -> Value {
    if let Value::Object(map) = &mut report {
        map.remove("source");
        map.remove("report_id");
        if let Some(Value::Array(issues)) = map.get_mut("issues") {
            issues.retain(|i| i["code"] != REWRITE_ISSUE);
        }
    }
    report
}

fn rewrite_issues(report: &Value) -> usize {
    report["issues"].as_array().map_or(0, |a| {
        a.iter().filter(|i| i["code"] == REWRITE_ISSUE).count()
    })
}

/// Field-by-field differences (`path: want → got`); numbers inside a
/// `bbox` may differ by [`BBOX_TOLERANCE`].
fn differences(want: &Value, got: &Value, path: &str, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                differences(
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{path}: {} items → {}", a.len(), b.len()));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(x, y, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            let in_bbox = path
                .rsplit('.')
                .next()
                .is_some_and(|k| k.starts_with("bbox"));
            let tolerance = if in_bbox { BBOX_TOLERANCE } else { 0.0 };
            if (a - b).abs() > tolerance || a.is_nan() || b.is_nan() {
                out.push(format!("{path}: {a} → {b}"));
            }
        }
        (a, b) if a != b => out.push(format!("{path}: {a} → {b}")),
        _ => {}
    }
}

/// The fields a fixture's expected JSON holds from its ground truth: the
/// report's values (sections, tables and provenance are scored elsewhere).
fn ground_truth_differences(expected: &Value, got: &Value, out: &mut Vec<String>) {
    const NOT_VALUES: [&str; 8] = [
        "schema_version",
        "report_id",
        "source",
        "template_confidence",
        "sections",
        "tables",
        "issues",
        "provenance",
    ];
    let Some(fields) = expected.as_object() else {
        return;
    };
    for (key, want) in fields {
        if !NOT_VALUES.contains(&key.as_str()) {
            differences(want, &got[key], key, out);
        }
    }
    // Every issue the ground truth calls for is raised (code and field).
    for want in expected["issues"].as_array().into_iter().flatten() {
        let raised = got["issues"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|i| i["code"] == want["code"] && i["field"] == want["field"]);
        if !raised {
            out.push(format!(
                "missing issue {} on {}",
                want["code"], want["field"]
            ));
        }
    }
}

/// Prints the first differences and fails when there are any.
fn assert_none(problems: &[String]) {
    for p in problems.iter().take(100) {
        println!("  {p}");
    }
    assert!(
        problems.is_empty(),
        "{} differences (first ones printed above)",
        problems.len()
    );
}

#[test]
fn rewritten_fixtures_match_their_originals() {
    let root = repo().join("fixtures/rewritten");
    let mut tally: BTreeMap<(&str, String), (usize, usize)> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut gs_repairs = 0;
    for tool in TOOLS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(tool))
            .unwrap_or_else(|e| {
                panic!("fixtures/rewritten/{tool}: {e} (run scripts/rewrite_fixtures)")
            })
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        files.sort();
        assert!(
            files.len() >= 4,
            "{tool}: one re-written fixture per form, found {}",
            files.len()
        );
        for file in files {
            let name = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let expected_path = repo().join(format!("fixtures/expected/{name}.json"));
            let expected: Value = serde_json::from_slice(
                &std::fs::read(&expected_path)
                    .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display())),
            )
            .expect("expected JSON");
            let got = report(&file);
            if tool == "gs" {
                gs_repairs += rewrite_issues(&got);
            }
            let original = report(&repo().join(format!("fixtures/pdf/{name}.pdf")));
            let mut diffs = Vec::new();
            ground_truth_differences(&expected, &got, &mut diffs);
            differences(&comparable(original), &comparable(got), "", &mut diffs);
            let t = tally.entry((tool, producer(&expected))).or_default();
            t.0 += 1;
            if diffs.is_empty() {
                t.1 += 1;
            }
            problems.extend(diffs.into_iter().map(|d| format!("{tool}/{name}: {d}")));
        }
    }
    println!("\nRe-written fixtures identical to their originals:");
    for ((tool, producer), (n, same)) in &tally {
        println!("  {tool:<8}{producer:<13}{same}/{n}");
    }
    assert_none(&problems);
    let producers: std::collections::BTreeSet<&String> = tally.keys().map(|(_, p)| p).collect();
    assert!(
        producers.len() >= 2,
        "re-written fixtures of both producers"
    );
    // The Ghostscript copies are chosen to carry damaged ligature maps: the
    // repair must have run and said so.
    assert!(gs_repairs > 0, "no Ghostscript copy raised {REWRITE_ISSUE}");
}

/// Runs a re-writer; false when it is not installed.
fn rewrite(tool: &str, src: &Path, dst: &Path) -> bool {
    let mut cmd = match tool {
        "gs" => {
            let mut c = Command::new("gs");
            c.args(["-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite"])
                .arg(format!("-sOutputFile={}", dst.display()))
                .arg(src);
            c
        }
        "cairo" => {
            let mut c = Command::new("pdftocairo");
            c.arg("-pdf").arg(src).arg(dst);
            c
        }
        _ => {
            let mut c = Command::new("mutool");
            c.arg("clean").arg(src).arg(dst);
            c
        }
    };
    match cmd.output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{tool} {}: {}",
                src.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            true
        }
        Err(e) if std::env::var_os("SKJEMA_REQUIRE_REWRITERS").is_none() => {
            eprintln!("{tool} not runnable ({e}); run scripts/test, which installs it");
            false
        }
        Err(e) => panic!("{tool} could not run: {e}"),
    }
}

#[test]
fn rewritten_benchmark_pdfs_give_identical_values() {
    let dir = repo().join("../shared/bench/reports/pdf");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (shared/ must sit beside the repository)",
                dir.display()
            )
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    assert!(!pdfs.is_empty(), "no PDFs in {}", dir.display());
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut problems = Vec::new();
    let mut checked: BTreeMap<&str, usize> = BTreeMap::new();
    for tool in TOOLS {
        let out = tmp.path().join(tool);
        std::fs::create_dir_all(&out).expect("temp dir");
        // Two re-writers' processes at a time, like the two cores they share.
        let written: Vec<bool> = std::thread::scope(|s| {
            let halves: Vec<_> = pdfs
                .chunks(pdfs.len().div_ceil(2))
                .map(|chunk| {
                    let out = &out;
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|p| rewrite(tool, p, &out.join(p.file_name().unwrap_or_default())))
                            .collect::<Vec<bool>>()
                    })
                })
                .collect();
            halves
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        if written.iter().any(|w| !w) {
            continue;
        }
        for pdf in &pdfs {
            let name = pdf.file_name().unwrap_or_default();
            let mut diffs = Vec::new();
            differences(
                &comparable(report(pdf)),
                &comparable(report(&out.join(name))),
                "",
                &mut diffs,
            );
            *checked.entry(tool).or_default() += 1;
            problems.extend(
                diffs
                    .into_iter()
                    .map(|d| format!("{tool}/{}: {d}", name.to_string_lossy())),
            );
        }
    }
    println!("\nBenchmark PDFs re-written and compared: {checked:?}");
    assert_none(&problems);
}
