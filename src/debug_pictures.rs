//! `skjema tables --debug DIR`: one SVG picture per page of each input,
//! showing the words, rulings, candidate table regions (kept, or rejected
//! with the reason) and final cells (drawn by
//! [`skjema_extractor::page_svg`]).

use std::path::Path;

use anyhow::Context;
use skjema_extractor::{page_svg, Document};

/// Writes `<stem>.p<N>.svg` into `dir` for every page of `doc`; each file
/// is written to a temporary name and renamed into place.
pub fn write(dir: &Path, stem: &str, doc: &Document) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for page in &doc.pages {
        let target = dir.join(format!("{stem}.p{}.svg", page.number));
        let temp = dir.join(format!(
            ".{stem}.p{}.svg.tmp{}",
            page.number,
            std::process::id()
        ));
        std::fs::write(&temp, page_svg(page))
            .with_context(|| format!("writing {}", temp.display()))?;
        std::fs::rename(&temp, &target).with_context(|| format!("writing {}", target.display()))?;
    }
    Ok(())
}
