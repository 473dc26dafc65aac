//! Review pages: a static site in which a person checks every extracted
//! value where the municipality wrote it.
//!
//! [`write_site`] takes finished reports (as `reports.jsonl` holds them) and
//! finds their source files again through `source.path` / `source.paths`.
//! It writes `index.html` (every report with its template, municipality,
//! period, number of values and issues by severity; sortable, filterable,
//! searchable), one page per report under `r/`, the rendered PDF pages
//! under `pages/<report_id>/` and one shared stylesheet and script under
//! `assets/`. A report page shows each PDF page as rendered by hayro (pure
//! Rust) with every value's provenance box outlined in its list's colour
//! and every issue outlined in its severity's colour; beside the pages, the
//! values grouped as the form groups them, linked both ways. Transcripts
//! are shown as text with the value spans marked.
//!
//! The site needs no server and fetches nothing: it works from `file://`.
//! Data flows one way: this crate reads reports and source files; nothing
//! of the pipeline reads it.
//!
//! ```no_run
//! use std::path::Path;
//! let reports: Vec<skjema_model::Report> = Vec::new();
//! let summary = skjema_review::write_site(
//!     &reports,
//!     Path::new("."),
//!     Path::new("out/review"),
//!     &skjema_review::ReviewOptions::default(),
//! )
//! .unwrap();
//! println!("{} reports, {} pages rendered", summary.reports, summary.pages_rendered);
//! ```

mod error;
mod html;
mod index_page;
mod pages;
mod render;
mod report_page;
mod site;
mod source;
mod transcript;
mod values;

pub use error::ReviewError;
pub use site::{
    write_site, ReviewOptions, SiteSummary, ASSETS_DIR, PAGES_DIR, REPORTS_DIR, SITE_DIR,
};
pub use source::{find_source, SourceState};
pub use values::{value_groups, Group, ValueCell, GROUPS};
