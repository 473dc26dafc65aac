//! Writing the whole site: reports in parallel, each file written to a
//! temporary file and renamed into place, the index last. Pages and report
//! pages of reports no longer in the dataset are removed.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use skjema_model::Report;

use crate::error::ReviewError;
use crate::index_page::{index_html, IndexRow};
use crate::pages::{prepare, Pages};
use crate::report_page::{report_html, ReportView};
use crate::source::{find_source, SourceState};
use crate::values::value_groups;

/// Folder of the site inside a run's output folder (`OUT/review/`).
pub const SITE_DIR: &str = "review";
/// Folder of the shared stylesheet and script.
pub const ASSETS_DIR: &str = "assets";
/// Folder of the rendered pages, one folder per report id.
pub const PAGES_DIR: &str = "pages";
/// Folder of the report pages.
pub const REPORTS_DIR: &str = "r";

const CSS: &str = include_str!("../assets/review.css");
const JS: &str = include_str!("../assets/review.js");

/// Settings of [`write_site`].
#[derive(Debug, Clone, Default)]
pub struct ReviewOptions {
    /// Reports prepared at the same time (default: the number of cores).
    pub jobs: Option<usize>,
    /// Said in the index as where the reports came from.
    pub generated_from: String,
}

/// What [`write_site`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteSummary {
    /// Report pages written.
    pub reports: usize,
    /// Pages shown in all.
    pub pages: usize,
    /// PNGs drawn in this run.
    pub pages_rendered: usize,
    /// PNGs kept from an earlier run.
    pub pages_reused: usize,
    /// Pages shown as their words because the renderer failed.
    pub pages_fallback: usize,
    /// Reports whose source file is gone or changed.
    pub sources_missing: usize,
    /// Bytes of the site on disk when written.
    pub bytes: u64,
}

/// Writes `contents` to `path` through a temporary file in the same folder.
pub(crate) fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), ReviewError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".skjema-").suffix(".tmp");
    // Temporaries are private (0600); the site is read by whoever opens it
    // (umask applies).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder
        .tempfile_in(dir)
        .map_err(|e| ReviewError::write(path, e))?;
    file.write_all(contents)
        .map_err(|e| ReviewError::write(path, e))?;
    file.persist(path)
        .map_err(|e| ReviewError::write(path, e.error))?;
    Ok(())
}

fn create_dir(path: &Path) -> Result<(), ReviewError> {
    std::fs::create_dir_all(path).map_err(|e| ReviewError::write(path, e))
}

/// One report's part of the work.
struct Done {
    values: usize,
    source_problem: Option<String>,
    pages: Pages,
}

/// Writes the site for `reports` into `site` (created if needed). Relative
/// source paths are taken from `base`.
pub fn write_site(
    reports: &[Report],
    base: &Path,
    site: &Path,
    options: &ReviewOptions,
) -> Result<SiteSummary, ReviewError> {
    for dir in [
        site.to_path_buf(),
        site.join(ASSETS_DIR),
        site.join(REPORTS_DIR),
        site.join(PAGES_DIR),
    ] {
        create_dir(&dir)?;
    }
    write_atomically(&site.join(ASSETS_DIR).join("review.css"), CSS.as_bytes())?;
    write_atomically(&site.join(ASSETS_DIR).join("review.js"), JS.as_bytes())?;
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| ReviewError::write(site, std::io::Error::other(e.to_string())))?;
    let done: Vec<Result<Done, ReviewError>> = pool.install(|| {
        reports
            .par_iter()
            .enumerate()
            .map(|(i, report)| {
                let previous = i
                    .checked_sub(1)
                    .and_then(|p| reports.get(p))
                    .map(|r| r.report_id.as_str());
                let next = reports.get(i + 1).map(|r| r.report_id.as_str());
                one_report(report, base, site, previous, next)
            })
            .collect()
    });
    let mut summary = SiteSummary::default();
    let mut rows = Vec::with_capacity(reports.len());
    for (report, done) in reports.iter().zip(done) {
        let done = done?;
        summary.reports += 1;
        summary.pages += done.pages.pages.len();
        summary.pages_rendered += done.pages.rendered;
        summary.pages_reused += done.pages.reused;
        summary.pages_fallback += done.pages.fallback;
        summary.sources_missing += usize::from(done.source_problem.is_some());
        rows.push(IndexRow {
            report,
            values: done.values,
            source_problem: done.source_problem,
        });
    }
    write_atomically(
        &site.join("index.html"),
        index_html(&rows, &options.generated_from).as_bytes(),
    )?;
    let ids: HashSet<&str> = reports.iter().map(|r| r.report_id.as_str()).collect();
    remove_stale(site, &ids);
    summary.bytes = size_of_tree(site);
    Ok(summary)
}

fn one_report(
    report: &Report,
    base: &Path,
    site: &Path,
    previous: Option<&str>,
    next: Option<&str>,
) -> Result<Done, ReviewError> {
    let source = find_source(report, base);
    let source_problem = source.problem();
    let pages = match source {
        SourceState::Found { bytes, .. } => {
            let pdf = report.source.media_type != "text/plain";
            prepare(&report.report_id, &bytes, pdf, site)?
        }
        _ => Pages::default(),
    };
    let groups = value_groups(report).map_err(|e| ReviewError::Values {
        report_id: report.report_id.clone(),
        message: e.to_string(),
    })?;
    let html = report_html(&ReportView {
        report,
        groups: &groups,
        pages: &pages,
        source_note: source_problem.clone(),
        previous,
        next,
    });
    let path = site
        .join(REPORTS_DIR)
        .join(format!("{}.html", report.report_id));
    write_atomically(&path, html.as_bytes())?;
    tracing::debug!(report = %report.report_id, pages = pages.pages.len(), "review page written");
    Ok(Done {
        values: report.provenance.len(),
        source_problem,
        pages,
    })
}

/// Removes report pages and rendered pages of reports not in `ids`: a site
/// written over an earlier one lists no report twice and keeps no stray files.
fn remove_stale(site: &Path, ids: &HashSet<&str>) {
    let stale = |dir: PathBuf, strip: &str| -> Vec<PathBuf> {
        std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        !ids.contains(name.strip_suffix(strip).unwrap_or(name))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for path in stale(site.join(REPORTS_DIR), ".html") {
        let _ = std::fs::remove_file(&path);
    }
    for path in stale(site.join(PAGES_DIR), "") {
        let _ = std::fs::remove_dir_all(&path);
    }
}

/// Bytes of all files below `dir`.
fn size_of_tree(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => size_of_tree(&e.path()),
                    Ok(_) => e.metadata().map_or(0, |m| m.len()),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}
