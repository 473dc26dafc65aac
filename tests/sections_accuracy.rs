//! The section tree against the fixtures' ground truth (where the expected
//! JSON has `sections`) and the seed transcripts' printed headings.
//!
//! Per producer it prints: expected sections found with the right number
//! and title, prompts separated from answers, the character-level
//! similarity of the section text (1 − Levenshtein / length, after
//! whitespace normalisation), and how many section texts hold a running
//! header, footer or page number.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;
use skjema_extractor::{extract, Document, ExtractOptions};
use skjema_model::Report;
use skjema_normalizer::{normalize, SourceInfo};
use support::{producer, repo};

fn ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1 − Levenshtein distance / length of the longer text, over characters.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Lines repeated in the top or bottom band of at least half the pages,
/// without their digits: the running headers and footers of a document.
fn running_strings(doc: &Document) -> BTreeSet<String> {
    let mut pages_of: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for page in &doc.pages {
        for line in &page.lines {
            let Some(b) = line.bbox else { continue };
            if page.height <= 0.0 || (b.bottom > page.height * 0.12 && b.top < page.height * 0.88) {
                continue;
            }
            let key: String = line
                .text
                .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
                .to_string();
            if key.chars().count() >= 6 {
                pages_of.entry(key).or_default().insert(page.number);
            }
        }
    }
    let need = doc.pages.len().div_ceil(2).max(2);
    pages_of
        .into_iter()
        .filter(|(_, p)| p.len() >= need)
        .map(|(k, _)| k)
        .collect()
}

fn run(path: &std::path::Path, rel: &str) -> (Document, Report) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = extract(&bytes, &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: extraction failed: {e}"));
    let report = normalize(
        &doc,
        &SourceInfo {
            path: rel.to_string(),
            sha256: "0".repeat(64),
        },
    );
    (doc, report)
}

#[derive(Default)]
struct Tally {
    sections: usize,
    found: usize,
    prompts: usize,
    prompts_right: usize,
    sims: Vec<f64>,
    leaks: usize,
    texts: usize,
    with_provenance: usize,
}

fn norm_number(v: &Value) -> Option<String> {
    v.as_str()
        .map(|s| s.trim().trim_end_matches('.').to_string())
}

#[test]
fn sections_match_the_fixtures() {
    let dir = repo().join("fixtures/expected");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/expected exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut problems: Vec<String> = Vec::new();
    let mut with_sections = 0;
    for file in &files {
        let expected: Value =
            serde_json::from_slice(&std::fs::read(file).expect("read expected")).expect("json");
        let want = expected["sections"].as_array().cloned().unwrap_or_default();
        if want.is_empty() {
            continue;
        }
        with_sections += 1;
        let rel = expected["source"]["path"].as_str().expect("source.path");
        let (doc, report) = run(&repo().join(rel), rel);
        let running = running_strings(&doc);
        let tally = tallies.entry(producer(&expected)).or_default();
        for (i, s) in report.sections.iter().enumerate() {
            if s.text.is_some() {
                tally.texts += 1;
                if report
                    .provenance
                    .contains_key(&format!("sections[{i}].text"))
                {
                    tally.with_provenance += 1;
                }
            }
            let text = s.text.as_deref().unwrap_or("");
            let leak = running.iter().find(|r| text.contains(r.as_str()));
            if let Some(r) = leak {
                tally.leaks += 1;
                problems.push(format!(
                    "{rel}: section {:?} holds running text {r:?}",
                    s.number
                ));
            }
        }
        for w in &want {
            tally.sections += 1;
            let number = norm_number(&w["number"]);
            let title = w["title"].as_str().map(ws);
            let got = report.sections.iter().find(|s| {
                s.number
                    .as_deref()
                    .map(|n| n.trim_end_matches('.').to_string())
                    == number
                    && (number.is_some() || s.title.as_deref().map(ws) == title)
            });
            let Some(got) = got else {
                problems.push(format!("{rel}: section {number:?} {title:?} not found"));
                tally.sims.push(0.0);
                continue;
            };
            if got.title.as_deref().map(ws) == title {
                tally.found += 1;
            } else {
                problems.push(format!(
                    "{rel}: section {number:?}: title {:?}, expected {title:?}",
                    got.title
                ));
            }
            if let Some(p) = w["prompt"].as_str() {
                tally.prompts += 1;
                let text = ws(got.text.as_deref().unwrap_or(""));
                if got.prompt.as_deref().map(ws) == Some(ws(p)) && !text.contains(&ws(p)) {
                    tally.prompts_right += 1;
                } else {
                    problems.push(format!(
                        "{rel}: section {number:?}: prompt {:?}, expected {p:?}",
                        got.prompt
                    ));
                }
            }
            let want_text = ws(w["text"].as_str().unwrap_or(""));
            let got_text = ws(got.text.as_deref().unwrap_or(""));
            let sim = similarity(&want_text, &got_text);
            if sim < 0.99 {
                problems.push(format!(
                    "{rel}: section {number:?}: text similarity {sim:.3}\n      expected: {want_text}\n      got:      {got_text}"
                ));
            }
            tally.sims.push(sim);
        }
    }
    if with_sections == 0 {
        println!("No fixture's expected JSON has sections yet; nothing to compare.");
        return;
    }
    println!("\nSection accuracy ({with_sections} fixtures with sections)");
    println!(
        "{:<12}{:>10}{:>18}{:>18}{:>10}{:>10}{:>8}{:>20}",
        "producer",
        "sections",
        "number+title",
        "prompt",
        "mean sim",
        "min sim",
        "leaks",
        "text provenance"
    );
    let mut ok = true;
    for (p, t) in &tallies {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                "-".to_string()
            } else {
                format!("{:.1} % ({a}/{b})", 100.0 * a as f64 / b as f64)
            }
        };
        let mean = t.sims.iter().sum::<f64>() / t.sims.len().max(1) as f64;
        let min = t.sims.iter().copied().fold(1.0_f64, f64::min);
        println!(
            "{p:<12}{:>10}{:>18}{:>18}{:>10.4}{:>10.4}{:>8}{:>20}",
            t.sections,
            pct(t.found, t.sections),
            pct(t.prompts_right, t.prompts),
            mean,
            min,
            t.leaks,
            pct(t.with_provenance, t.texts)
        );
        ok &= t.found == t.sections
            && t.prompts_right == t.prompts
            && min >= 0.99
            && t.leaks == 0
            && t.with_provenance == t.texts;
    }
    for m in problems.iter().take(200) {
        println!("  {m}");
    }
    assert!(ok, "section targets not met (see the table above)");
}

fn seed(prefix: &str) -> Option<Report> {
    let dir = repo().join("../shared/seeds");
    let path = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })?;
    let rel = path.display().to_string();
    Some(run(&path, &rel).1)
}

fn numbers(report: &Report) -> Vec<String> {
    report
        .sections
        .iter()
        .filter_map(|s| s.number.clone())
        .collect()
}

fn print_sections(name: &str, report: &Report) {
    println!("\n{name}: {} sections", report.sections.len());
    for s in &report.sections {
        println!(
            "  {:<8} p{}-{} parent {:<6} {:?} | prompt {} | text {} chars: {:?}",
            s.number.as_deref().unwrap_or("-"),
            s.page_start,
            s.page_end,
            s.parent.as_deref().unwrap_or("-"),
            s.title.as_deref().unwrap_or(""),
            s.prompt
                .as_ref()
                .map_or("-".to_string(), |p| format!("{} chars", p.len())),
            s.text.as_ref().map_or(0, String::len),
            s.text
                .as_deref()
                .map(|t| t.chars().take(70).collect::<String>())
                .unwrap_or_default()
        );
    }
}

fn assert_has(report: &Report, want: &[&str]) {
    let got = numbers(report);
    let missing: Vec<&&str> = want
        .iter()
        .filter(|w| !got.iter().any(|g| g == *w))
        .collect();
    assert!(
        missing.is_empty(),
        "missing sections {missing:?}; got {got:?}"
    );
}

#[test]
fn seeds_yield_their_printed_sections() {
    let Some(moss) = seed("003_") else {
        println!("seeds not found under ../shared/seeds; skipped");
        return;
    };
    print_sections("003 Moss årsrapport 2012", &moss);
    assert_has(
        &moss,
        &[
            "1", "1.1", "1.2", "2", "A", "A.1", "A.2", "A.3", "A.4", "B", "B.1", "B.2", "B.3",
            "B.4", "C", "C.1", "C.2", "C.3", "3", "3.1", "3.2", "4", "4.1", "4.1.A", "4.1.D",
            "4.2", "4.2.A", "4.2.E", "5",
        ],
    );
    let a1 = moss
        .sections
        .iter()
        .find(|s| s.number.as_deref() == Some("A.1"));
    let a1 = a1.expect("A.1");
    assert_eq!(a1.title.as_deref(), Some("Kunnskap om boligbehov"));
    assert_eq!(a1.parent.as_deref(), Some("A"));
    assert!(a1
        .prompt
        .as_deref()
        .is_some_and(|p| p.starts_with("Beskriv innsats")));
    assert!(a1
        .text
        .as_deref()
        .is_some_and(|t| t.starts_with("Delprosjekt Bedre bruk av kommunale boliger")));

    let lorenskog = seed("000_").expect("seed 000");
    print_sections("000 Lørenskog halvår 2011", &lorenskog);
    assert_has(&lorenskog, &["1", "2", "3", "3.1", "4"]);

    let holmestrand = seed("001_").expect("seed 001");
    print_sections("001 Holmestrand halvår 2013", &holmestrand);
    assert_has(&holmestrand, &["1", "2", "3", "4", "5", "6", "7", "8"]);
    let org = holmestrand
        .sections
        .iter()
        .find(|s| s.number.as_deref() == Some("4"))
        .expect("4");
    assert!(
        org.prompt.is_some(),
        "4. Organisering has its printed guidance"
    );
    assert!(org
        .text
        .as_deref()
        .is_some_and(|t| t.starts_with("Gjennomføringsfasen")));

    let hammerfest = seed("002_").expect("seed 002");
    print_sections("002 Hammerfest sluttrapport", &hammerfest);
    assert_has(&hammerfest, &["1", "1.2", "2", "2.1", "3", "3.1", "3.2"]);
    assert_eq!(
        numbers(&hammerfest).first().map(String::as_str),
        Some("1"),
        "the table of contents is not taken for sections"
    );
    for s in &hammerfest.sections {
        let text = s.text.as_deref().unwrap_or("");
        assert!(
            !text.contains("Sluttrapport: «"),
            "running footer in section {:?}",
            s.number
        );
    }
}

/// Prints a document's lines with their size, font and cell (debugging aid):
/// `SKJEMA_DUMP=fixtures/pdf/x.pdf cargo test --test sections_accuracy dump -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_lines() {
    let Ok(rel) = std::env::var("SKJEMA_DUMP") else {
        return;
    };
    let (doc, report) = run(&repo().join(&rel), &rel);
    for page in &doc.pages {
        println!("--- page {} ({} tables)", page.number, page.tables.len());
        for t in &page.tables {
            println!("    table {:?} {} rows", t.bbox.to_array(), t.rows.len());
        }
        for l in &page.lines {
            let size = l.words.iter().map(|w| w.font_size).fold(0.0_f64, f64::max);
            let font = l
                .words
                .first()
                .and_then(|w| w.font.clone())
                .unwrap_or_default();
            println!(
                "  {:>6.1} {:>5.1} {:<24} {} {}",
                l.bbox.map_or(0.0, |b| b.top),
                size,
                font,
                if l.cell.is_some() { "C" } else { " " },
                l.text
            );
        }
    }
    print_sections(&rel, &report);
}
