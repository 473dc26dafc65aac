//! `skjema tables <pdfs…> --out DIR`: every table the extractor finds, one
//! JSON per input in the prediction format of the table benchmark
//! (`../shared/bench/tables/README.md`), so the engine can be scored.

use std::path::{Path, PathBuf};

use anyhow::Context;
use skjema_extractor::{extract, tables_prediction, ExtractOptions};

/// Writes `<stem>.json` into `out` for each input PDF (and with `debug`, a
/// picture of each page into that folder); a file that cannot be read or
/// extracted is logged and skipped.
pub fn run(inputs: &[PathBuf], out: &Path, debug: Option<&Path>) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let options = ExtractOptions::default();
    for input in inputs {
        let bytes = match std::fs::read(input) {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!("{}: {e}", input.display());
                continue;
            }
        };
        let doc = match extract(&bytes, &options) {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!("{}: {e}", input.display());
                continue;
            }
        };
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = input
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "table".into());
        let value = tables_prediction(&name, &doc);
        let target = out.join(format!("{stem}.json"));
        let text = serde_json::to_string(&value)?;
        std::fs::write(&target, text).with_context(|| format!("writing {}", target.display()))?;
        if let Some(dir) = debug {
            crate::debug_pictures::write(dir, &stem, &doc)?;
        }
    }
    Ok(())
}
