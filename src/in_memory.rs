//! Outcomes made elsewhere — documents read one at a time with
//! [`crate::document::process_bytes`], say on the workers of a cluster
//! engine — written as one batch, exactly as `skjema extract` writes the
//! same inputs: in the order of their sorted paths, with files of the same
//! bytes grouped the way [`crate::copies`] groups them (the first path is
//! read, the others are its `source.paths` and rows of duplicates.csv).

use std::collections::HashMap;
use std::path::Path;

use skjema_exporter::{BatchWriter, ExportError, ExportOptions, Summary};

use crate::document::Outcome;

/// The path an outcome was read from.
fn path_of(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Report(report) => &report.source.path,
        Outcome::Error(row) => &row.path,
    }
}

/// The SHA-256 of an outcome's bytes, when they could be read.
fn sha256_of(outcome: &Outcome) -> Option<&str> {
    match outcome {
        Outcome::Report(report) => Some(&report.source.sha256),
        Outcome::Error(row) => row.sha256.as_deref(),
    }
}

/// Sorts the outcomes by path (as `skjema extract` sorts its inputs) and
/// folds outcomes of the same bytes into the first: returns each kept
/// outcome with the paths of its copies.
pub fn group_outcomes(mut outcomes: Vec<Outcome>) -> Vec<(Outcome, Vec<String>)> {
    outcomes.sort_by(|a, b| Path::new(path_of(a)).cmp(Path::new(path_of(b))));
    let mut kept: Vec<(Outcome, Vec<String>)> = Vec::with_capacity(outcomes.len());
    let mut first_by_sha: HashMap<String, usize> = HashMap::new();
    for outcome in outcomes {
        let sha256 = sha256_of(&outcome).filter(|s| !s.is_empty());
        if let Some(&first) = sha256.and_then(|s| first_by_sha.get(s)) {
            if let Some((_, copies)) = kept.get_mut(first) {
                copies.push(path_of(&outcome).to_string());
            }
            continue;
        }
        if let Some(sha256) = sha256 {
            first_by_sha.insert(sha256.to_string(), kept.len());
        }
        kept.push((outcome, Vec::new()));
    }
    kept
}

/// Writes the outcomes into `out` as one batch run over their paths would.
pub fn write_outcomes(
    outcomes: Vec<Outcome>,
    out: &Path,
    options: &ExportOptions,
) -> Result<Summary, ExportError> {
    let mut writer = BatchWriter::create(out, options)?;
    for (outcome, copies) in group_outcomes(outcomes) {
        match outcome {
            Outcome::Report(mut report) => {
                if !copies.is_empty() {
                    report.source.paths = std::iter::once(report.source.path.clone())
                        .chain(copies)
                        .collect();
                }
                writer.add_report(&report)?;
            }
            Outcome::Error(row) => {
                let copies: Vec<&str> = copies.iter().map(String::as_str).collect();
                writer.add_error_with_copies(&row, &copies)?;
            }
        }
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use skjema_exporter::{ErrorKind, ErrorRow};
    use skjema_model::Report;

    fn report(path: &str, sha256: &str) -> Outcome {
        let mut report = Report::empty(&sha256[..16], path, "application/pdf");
        report.source.sha256 = sha256.to_string();
        Outcome::Report(Box::new(report))
    }

    fn error(path: &str, sha256: Option<&str>) -> Outcome {
        Outcome::Error(ErrorRow {
            path: path.to_string(),
            sha256: sha256.map(str::to_string),
            kind: ErrorKind::BrokenPdf,
            reason: format!("{path} is broken"),
        })
    }

    #[test]
    fn copies_fold_into_the_first_path_in_sorted_order() {
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        let grouped = group_outcomes(vec![
            report("in/z.pdf", &a),
            error("in/broken (2).pdf", Some(&b)),
            report("in/a.pdf", &a),
            error("in/broken.pdf", Some(&b)),
            error("in/unreadable", None),
            error("in/unreadable2", None),
        ]);
        let shown: Vec<(&str, Vec<String>)> = grouped
            .iter()
            .map(|(o, copies)| (path_of(o), copies.clone()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("in/a.pdf", vec!["in/z.pdf".to_string()]),
                ("in/broken (2).pdf", vec!["in/broken.pdf".to_string()]),
                ("in/unreadable", vec![]),
                ("in/unreadable2", vec![]),
            ]
        );
    }

    #[test]
    fn paths_sort_by_component_as_the_input_walk_does() {
        // "a/b" < "a-b" by components ('a' == 'a', then "b" vs end), while
        // as strings '-' (0x2d) < '/' (0x2f).
        let grouped = group_outcomes(vec![
            error("a-b", Some(&"1".repeat(64))),
            error("a/b", Some(&"2".repeat(64))),
        ]);
        let order: Vec<&str> = grouped.iter().map(|(o, _)| path_of(o)).collect();
        assert_eq!(order, vec!["a/b", "a-b"]);
    }
}
