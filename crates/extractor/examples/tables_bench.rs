//! Times the extractor (and with it the lattice table engine) over PDFs:
//!
//!     cargo run --release -p skjema-extractor --example tables_bench -- DIR_OR_FILES... [--runs N]
//!
//! `extract()` parses each PDF, interprets its pages, builds words and lines
//! and detects lattice tables; nothing of the normalizer or the exporter
//! runs. Each run reads every file once, on one thread; the file bytes are
//! read into memory before the clock starts. Prints one JSON object: files,
//! pages, tables, and the median over the runs of seconds and ms per page.

use std::path::PathBuf;
use std::time::Instant;

use skjema_extractor::{extract, ExtractOptions};

fn main() {
    let mut runs = 3usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3).max(1);
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                files.extend(
                    entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))),
                );
            }
        } else {
            files.push(path);
        }
    }
    files.sort();
    let inputs: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let options = ExtractOptions::default();
    let mut times = Vec::with_capacity(runs);
    let (mut pages, mut tables) = (0usize, 0usize);
    for _ in 0..runs {
        pages = 0;
        tables = 0;
        let start = Instant::now();
        for bytes in &inputs {
            if let Ok(doc) = extract(bytes, &options) {
                pages += doc.pages.len();
                tables += doc.pages.iter().map(|p| p.tables.len()).sum::<usize>();
            }
        }
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let ms_per_page = if pages == 0 {
        0.0
    } else {
        median * 1000.0 / pages as f64
    };
    println!(
        "{{\"files\": {}, \"pages\": {pages}, \"tables\": {tables}, \"runs\": {runs}, \"seconds\": {median:.4}, \"ms_per_page\": {ms_per_page:.3}}}",
        inputs.len()
    );
}
