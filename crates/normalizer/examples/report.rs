//! Prints the report of one document as JSON: `cargo run -p skjema-normalizer --example report -- FILE`.

use skjema_extractor::{extract, ExtractOptions};
use skjema_normalizer::{normalize, SourceInfo};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match extract(&bytes, &ExtractOptions::default()) {
            Ok(doc) => {
                let mut report = normalize(
                    &doc,
                    &SourceInfo {
                        path: path.clone(),
                        sha256: "0".repeat(64),
                    },
                );
                report.provenance.clear();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                );
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
