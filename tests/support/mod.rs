//! What the fixture tests share: where the repository is and which PDF
//! producer made a fixture.

use std::path::PathBuf;

use serde_json::Value;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Which producer made a fixture, from the PDF metadata its expected JSON records.
pub fn producer(expected: &Value) -> String {
    let source = &expected["source"];
    let text = format!(
        "{} {}",
        source["producer"].as_str().unwrap_or(""),
        source["creator"].as_str().unwrap_or("")
    )
    .to_lowercase();
    if source["media_type"] == "text/plain" {
        "transcript".into()
    } else if text.contains("libreoffice") {
        "libreoffice".into()
    } else if text.contains("chrome") || text.contains("skia") {
        "chromium".into()
    } else {
        "other".into()
    }
}
