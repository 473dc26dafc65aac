//! Times the pipeline's stages over files read into memory first, as the
//! fastest of several passes (the machines are noisy):
//! `cargo run --release -p skjema-normalizer --example stages -- FILE...`
//! (`PASSES=n` sets the number of passes, 3 by default).

use std::time::{Duration, Instant};

use skjema_extractor::{extract, ExtractOptions};
use skjema_normalizer::{normalize, SourceInfo};

fn main() {
    let files: Vec<(String, Vec<u8>)> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3);
    let (mut ext, mut norm, mut ser) = (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut pages = 0;
    for _ in 0..passes.max(1) {
        let t = Instant::now();
        let docs: Vec<_> = files
            .iter()
            .filter_map(|(path, bytes)| {
                extract(bytes, &ExtractOptions::default())
                    .ok()
                    .map(|d| (path, d))
            })
            .collect();
        ext = ext.min(t.elapsed());
        pages = docs.iter().map(|(_, d)| d.pages.len()).sum();
        let t = Instant::now();
        let reports: Vec<_> = docs
            .iter()
            .map(|(path, doc)| {
                normalize(
                    doc,
                    &SourceInfo {
                        path: (*path).clone(),
                        sha256: "0".repeat(64),
                    },
                )
            })
            .collect();
        norm = norm.min(t.elapsed());
        let t = Instant::now();
        for report in &reports {
            std::hint::black_box(serde_json::to_string(report).unwrap_or_default());
        }
        ser = ser.min(t.elapsed());
    }
    let n = files.len().max(1) as f64;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0 / n;
    println!(
        "{} files, {pages} pages: per file extract {:.2} ms, normalize {:.2} ms, json {:.2} ms (fastest of {passes} passes)",
        files.len(),
        ms(ext),
        ms(norm),
        ms(ser)
    );
}
