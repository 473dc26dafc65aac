//! `skjema review OUT` (and `extract --review`): reads the reports of a
//! finished run from OUT/reports.jsonl and has `skjema-review` write the
//! review site into OUT/review/.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use skjema_model::Report;
use skjema_review::{write_site, ReviewOptions, SiteSummary};

use crate::cli::ReviewArgs;

/// What a review run did.
#[derive(Debug)]
pub struct ReviewSummary {
    /// The site's folder.
    pub site: PathBuf,
    /// What was written.
    pub written: SiteSummary,
    /// Wall time.
    pub elapsed: Duration,
}

impl ReviewSummary {
    /// The one-line summary printed on stderr.
    pub fn line(&self) -> String {
        let w = &self.written;
        let per_report = w.bytes / u64::try_from(w.reports.max(1)).unwrap_or(1);
        let missing = match w.sources_missing {
            0 => String::new(),
            n => format!("; {n} sources missing or changed (see the index)"),
        };
        let fallback = match w.pages_fallback {
            0 => String::new(),
            n => format!(", {n} shown as words"),
        };
        format!(
            "review: {} reports, {} pages ({} drawn, {} kept{fallback}) in {:.2} s; site {:.1} MB ({:.0} KB per report){missing}; open {}",
            w.reports,
            w.pages,
            w.pages_rendered,
            w.pages_reused,
            self.elapsed.as_secs_f64(),
            w.bytes as f64 / 1e6,
            per_report as f64 / 1e3,
            self.site.join("index.html").display()
        )
    }
}

/// The reports of a run's `reports.jsonl`.
fn read_reports(out: &Path) -> anyhow::Result<Vec<Report>> {
    let path = out.join(skjema_exporter::REPORTS_JSONL);
    let file = std::fs::File::open(&path).with_context(|| {
        format!(
            "could not open {}; expected the output folder of `skjema extract`",
            path.display()
        )
    })?;
    let mut reports = Vec::new();
    for (number, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("could not read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let report: Report = serde_json::from_str(&line).with_context(|| {
            format!(
                "{} line {}: not a report of this skjema version",
                path.display(),
                number + 1
            )
        })?;
        reports.push(report);
    }
    Ok(reports)
}

/// Writes OUT/review/ from OUT/reports.jsonl; relative source paths are
/// taken from `base`.
pub fn write_review(out: &Path, base: &Path, jobs: Option<usize>) -> anyhow::Result<ReviewSummary> {
    let started = Instant::now();
    let reports = read_reports(out)?;
    let site = out.join(skjema_review::SITE_DIR);
    let options = ReviewOptions {
        jobs,
        generated_from: out
            .join(skjema_exporter::REPORTS_JSONL)
            .display()
            .to_string(),
    };
    let written = write_site(&reports, base, &site, &options)
        .with_context(|| format!("could not write the review site in {}", site.display()))?;
    Ok(ReviewSummary {
        site,
        written,
        elapsed: started.elapsed(),
    })
}

/// Runs `skjema review`.
pub fn run(args: &ReviewArgs) -> anyhow::Result<ReviewSummary> {
    let base = match &args.base {
        Some(base) => base.clone(),
        None => std::env::current_dir().context("could not read the current folder")?,
    };
    write_review(&args.out, &base, args.jobs.map(usize::from))
}
