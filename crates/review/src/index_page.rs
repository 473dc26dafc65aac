//! The index: one row per report, sortable by any column (`review.js`),
//! filtered by template, by issues of a severity and by a missing source,
//! and searched by any words of its row.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use skjema_model::{Report, Severity};

use crate::html::esc;
use crate::report_page::{file_name, period_text, severity_name};

/// One report as the index lists it.
pub struct IndexRow<'a> {
    /// The report.
    pub report: &'a Report,
    /// Values read with their place (provenance entries).
    pub values: usize,
    /// Why the source's pages are not shown, if they are not.
    pub source_problem: Option<String>,
}

fn count(report: &Report, severity: Severity) -> usize {
    report
        .issues
        .iter()
        .filter(|i| i.severity == severity)
        .count()
}

/// The index's HTML.
pub fn index_html(rows: &[IndexRow<'_>], generated_from: &str) -> String {
    let mut h = String::with_capacity(4096 + rows.len() * 1024);
    let templates: BTreeSet<&str> = rows.iter().map(|r| r.report.template.as_str()).collect();
    let missing = rows.iter().filter(|r| r.source_problem.is_some()).count();
    let _ = write!(
        h,
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>skjema review: {n} reports</title><link rel="stylesheet" href="assets/review.css"></head>
<body class="index">
<header class="bar"><h1>skjema review</h1><span class="meta">{n} reports from {}</span></header>
<main>
<p>Open a report to see its values on its pages: click a value to find its box, click a box to find its value. Click a column heading to sort.</p>
"#,
        esc(generated_from),
        n = rows.len()
    );
    if missing > 0 {
        let _ = writeln!(
            h,
            r#"<p class="note bad">The source file of {missing} report(s) is no longer where the run found it (or has changed): their values are listed without their pages. Tick “source missing” to see which.</p>"#
        );
    }
    h.push_str(
        r#"<div class="controls"><input type="search" id="search" placeholder="Search municipality, file, template, year…" aria-label="Search">
<label>Template <select id="template"><option value="">all</option>"#,
    );
    for template in templates {
        let _ = write!(h, r#"<option>{}</option>"#, esc(template));
    }
    h.push_str(
        r#"</select></label>
<label>Issues <select id="severity"><option value="">any</option><option value="error">with errors</option><option value="warning">with warnings</option><option value="info">with info</option></select></label>
<label><input type="checkbox" id="missing"> source missing</label>
<span id="shown"></span></div>
<table class="list" id="reports"><thead><tr>
<th data-type="text">Municipality</th><th data-type="text">Number</th><th data-type="text">Template</th><th data-type="text">Kind</th><th data-type="text">Period</th><th data-type="num">Pages</th><th data-type="num">Values</th><th data-type="num">Errors</th><th data-type="num">Warnings</th><th data-type="num">Info</th><th data-type="text">Source</th>
</tr></thead><tbody>
"#,
    );
    for row in rows {
        let r = row.report;
        let who = r
            .municipality
            .name
            .clone()
            .unwrap_or_else(|| "(unknown)".to_string());
        let who = match &r.municipality.district {
            Some(district) => format!("{who}, {district}"),
            None => who,
        };
        let number = r.municipality.number.clone().unwrap_or_default();
        let period = period_text(r);
        let (errors, warnings, infos) = (
            count(r, Severity::Error),
            count(r, Severity::Warning),
            count(r, Severity::Info),
        );
        let search = format!(
            "{who} {number} {} {} {period} {} {}",
            r.template.as_str(),
            r.kind.as_str(),
            r.source.paths.join(" "),
            r.report_id
        )
        .to_lowercase();
        let _ = write!(
            h,
            r#"<tr data-search="{}" data-template="{}" data-error="{errors}" data-warning="{warnings}" data-info="{infos}" data-missing="{}">"#,
            esc(&search),
            esc(r.template.as_str()),
            u8::from(row.source_problem.is_some())
        );
        let _ = write!(
            h,
            r#"<td data-v="{}"><a href="r/{}.html">{}</a></td><td data-v="{}">{}</td><td data-v="{t}">{t}</td><td data-v="{k}">{k}</td><td data-v="{p}">{p}</td><td class="num" data-v="{pages}">{pages}</td><td class="num" data-v="{values}">{values}</td>"#,
            esc(&who),
            esc(&r.report_id),
            esc(&who),
            esc(&number),
            esc(&number),
            t = esc(r.template.as_str()),
            k = esc(r.kind.as_str()),
            p = esc(&period),
            pages = r.source.pages,
            values = row.values,
        );
        for (n, severity) in [
            (errors, Severity::Error),
            (warnings, Severity::Warning),
            (infos, Severity::Info),
        ] {
            let class = if n == 0 {
                "zero"
            } else {
                severity_name(severity)
            };
            let _ = write!(
                h,
                r#"<td class="num" data-v="{n}"><span class="sev {class}">{n}</span></td>"#
            );
        }
        let file = file_name(&r.source.path);
        match &row.source_problem {
            None => {
                let _ = write!(
                    h,
                    r#"<td data-v="{}"><span class="file" title="{}">{}</span></td>"#,
                    esc(file),
                    esc(&r.source.path),
                    esc(file)
                );
            }
            Some(problem) => {
                let _ = write!(
                    h,
                    r#"<td data-v="{}"><span class="file">{}</span><br><span class="missing-source" title="{}">source missing</span></td>"#,
                    esc(file),
                    esc(&r.source.path),
                    esc(problem)
                );
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str(
        "</tbody></table>\n</main>\n<script src=\"assets/review.js\"></script>\n</body></html>\n",
    );
    h
}
