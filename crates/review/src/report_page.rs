//! The page of one report: its pages on the left with every value's box
//! and every issue's box drawn over them, its values on the right, grouped
//! as the form groups them. A value and its box share a `data-k` (the
//! provenance key) and an issue and its box a `data-i` (its index), which
//! is all `review.js` needs to link them both ways.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use skjema_exporter::{locate, report_tables};
use skjema_model::{Report, Severity};

use crate::html::{esc, shorten};
use crate::pages::{Look, Pages};
use crate::transcript::{mark_text, Mark};
use crate::values::{class_of, issue_key, Group, GROUPS, LONG_TEXT};

/// How far (points) an issue's box is drawn outside its value's box, so both show.
const ISSUE_MARGIN: f64 = 2.5;

/// What the page is made of.
pub struct ReportView<'a> {
    /// The report.
    pub report: &'a Report,
    /// Its values.
    pub groups: &'a [Group],
    /// Its pages.
    pub pages: &'a Pages,
    /// What the reader should know about the source file.
    pub source_note: Option<String>,
    /// The reports before and after it in the index.
    pub previous: Option<&'a str>,
    /// The report after it.
    pub next: Option<&'a str>,
}

/// The severity's CSS name.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// "Moss — arsrapport_2012 — 2012", the report's name in titles and the index.
pub fn report_title(report: &Report) -> String {
    let who = report
        .municipality
        .name
        .clone()
        .or_else(|| report.municipality.district.clone())
        .unwrap_or_else(|| file_name(&report.source.path).to_string());
    format!(
        "{who} — {} — {}",
        report.template.as_str(),
        period_text(report)
    )
}

/// The period as a person writes it: `2012`, `2012 H1`, or `?`.
pub fn period_text(report: &Report) -> String {
    match (report.period.year, report.period.half) {
        (Some(year), Some(half)) => format!("{year} H{half}"),
        (Some(year), None) => year.to_string(),
        _ => "?".into(),
    }
}

/// The last part of a path.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The group a provenance key's value belongs to, for its colour.
fn key_class(key: &str) -> &'static str {
    class_of(locate(key).list.unwrap_or("reports"))
}

/// Each issue's box key (the provenance key of the value it is about).
fn issue_boxes(report: &Report) -> Vec<Option<String>> {
    report
        .issues
        .iter()
        .map(|issue| issue.field.as_deref().and_then(|f| issue_key(report, f)))
        .collect()
}

/// The HTML of the report's page.
pub fn report_html(view: &ReportView<'_>) -> String {
    let report = view.report;
    let title = report_title(report);
    let mut h = String::with_capacity(256 * 1024);
    let _ = write!(
        h,
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{}</title><link rel="stylesheet" href="../assets/review.css"></head>
<body class="report" data-report="{}">
<header class="bar"><a href="../index.html">&larr; All reports</a><h1>{}</h1><span class="meta">{} &middot; {} pages &middot; {}</span><span class="nav">"#,
        esc(&title),
        esc(&report.report_id),
        esc(&title),
        esc(&report.source.path),
        report.source.pages,
        esc(&report.report_id),
    );
    match view.previous {
        Some(id) => {
            let _ = write!(
                h,
                r#"<a href="{}.html" rel="prev">&larr; previous</a>"#,
                esc(id)
            );
        }
        None => h.push_str("<span class=\"nobox\">&larr; previous</span>"),
    }
    h.push_str(" &middot; ");
    match view.next {
        Some(id) => {
            let _ = write!(
                h,
                r#"<a href="{}.html" rel="next">next &rarr;</a>"#,
                esc(id)
            );
        }
        None => h.push_str("<span class=\"nobox\">next &rarr;</span>"),
    }
    h.push_str("</span></header>\n<main>\n<section id=\"pages\">\n");
    pages_html(&mut h, view);
    h.push_str("</section>\n<aside id=\"values\">\n");
    values_html(&mut h, view);
    h.push_str(
        "</aside>\n</main>\n<script src=\"../assets/review.js\"></script>\n</body></html>\n",
    );
    h
}

fn pages_html(h: &mut String, view: &ReportView<'_>) {
    let report = view.report;
    for note in [&view.source_note, &view.pages.note].into_iter().flatten() {
        let _ = writeln!(h, r#"<p class="note bad">{}</p>"#, esc(note));
    }
    let issue_keys = issue_boxes(report);
    let mut issue_of_key: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, key) in issue_keys.iter().enumerate() {
        if let Some(key) = key {
            issue_of_key.entry(key.as_str()).or_insert(index);
        }
    }
    for page in &view.pages.pages {
        let _ = write!(
            h,
            r#"<figure class="page" id="page-{n}" data-page="{n}"><figcaption>Page {n}</figcaption>"#,
            n = page.number
        );
        if let Some(note) = &page.note {
            let _ = write!(h, r#"<p class="note">{}</p>"#, esc(note));
        }
        let (w, ht) = (page.width.max(1.0), page.height.max(1.0));
        match &page.look {
            Look::Text(text) => {
                let marks: Vec<Mark> = report
                    .provenance
                    .iter()
                    .filter(|(_, p)| p.page == page.number)
                    .map(|(key, p)| {
                        let mut attributes =
                            format!(r#"class="l-{}" data-k="{}""#, key_class(key), esc(key));
                        if let Some(&i) = issue_of_key.get(key.as_str()) {
                            if let Some(issue) = report.issues.get(i) {
                                attributes = format!(
                                    r#"class="l-{} issue" data-k="{}" data-i="{i}" title="{}""#,
                                    key_class(key),
                                    esc(key),
                                    esc(&issue.message)
                                );
                            }
                        }
                        Mark {
                            raw: p.raw.clone(),
                            attributes,
                        }
                    })
                    .collect();
                let _ = write!(
                    h,
                    r#"<pre class="transcript">{}</pre>"#,
                    mark_text(text, &marks)
                );
            }
            look => {
                h.push_str(r#"<div class="sheet">"#);
                match look {
                    Look::Image { src, width, height } => {
                        let _ = write!(
                            h,
                            r#"<img src="../{}" width="{width}" height="{height}" alt="Page {}" loading="lazy" decoding="async">"#,
                            esc(src),
                            page.number
                        );
                    }
                    Look::Words(svg) => {
                        let _ = write!(
                            h,
                            r#"<svg class="words" viewBox="0 0 {w:.2} {ht:.2}" width="{w:.0}" height="{ht:.0}">{svg}</svg>"#
                        );
                    }
                    Look::Text(_) => {}
                }
                let _ = write!(
                    h,
                    r#"<svg class="overlay" viewBox="0 0 {w:.2} {ht:.2}" preserveAspectRatio="none">"#
                );
                overlay(h, report, page.number, &issue_keys);
                h.push_str("</svg></div>");
            }
        }
        h.push_str("</figure>\n");
    }
}

/// The boxes of one page: issues first (drawn a little larger, so the
/// value's own box on top of them still takes a click at its centre).
fn overlay(h: &mut String, report: &Report, page: u32, issue_keys: &[Option<String>]) {
    for (index, (issue, key)) in report.issues.iter().zip(issue_keys).enumerate() {
        let Some(provenance) = key.as_ref().and_then(|k| report.provenance.get(k)) else {
            continue;
        };
        let Some([x0, top, x1, bottom]) = provenance.bbox else {
            continue;
        };
        if provenance.page != page {
            continue;
        }
        let m = ISSUE_MARGIN;
        let _ = write!(
            h,
            r#"<rect class="issue s-{}" data-i="{index}" x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"><title>{}: {}</title></rect>"#,
            severity_name(issue.severity),
            x0 - m,
            top - m,
            (x1 - x0) + 2.0 * m,
            (bottom - top) + 2.0 * m,
            esc(issue.code.as_str().as_str()),
            esc(&issue.message)
        );
    }
    for (key, provenance) in &report.provenance {
        let Some([x0, top, x1, bottom]) = provenance.bbox else {
            continue;
        };
        if provenance.page != page {
            continue;
        }
        let _ = write!(
            h,
            r#"<rect class="box l-{}" data-k="{}" x="{x0:.2}" y="{top:.2}" width="{:.2}" height="{:.2}"><title>{}: {}</title></rect>"#,
            key_class(key),
            esc(key),
            (x1 - x0).max(0.5),
            (bottom - top).max(0.5),
            esc(key),
            esc(&provenance.raw)
        );
    }
}

fn values_html(h: &mut String, view: &ReportView<'_>) {
    let report = view.report;
    let _ = write!(
        h,
        r#"<dl class="values"><dt>file</dt><dd>{}</dd><dt>template</dt><dd>{} (confidence {:.2})</dd><dt>kind</dt><dd>{}</dd>"#,
        esc(&report.source.path),
        report.template.as_str(),
        report.template_confidence,
        report.kind.as_str()
    );
    if report.source.paths.len() > 1 {
        let _ = write!(
            h,
            "<dt>copies</dt><dd>{}</dd>",
            esc(&report.source.paths.get(1..).unwrap_or_default().join(", "))
        );
    }
    if let Some(producer) = &report.source.producer {
        let _ = write!(h, "<dt>producer</dt><dd>{}</dd>", esc(producer));
    }
    h.push_str("</dl>\n<div class=\"legend\">");
    for (table, title) in GROUPS {
        let _ = write!(
            h,
            r#"<span class="l-{}">{}</span>"#,
            class_of(table),
            esc(title)
        );
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let name = severity_name(severity);
        let _ = write!(h, r#"<span class="dash s-{name}">{name}</span>"#);
    }
    h.push_str("</div>\n");
    issues_html(h, report);
    let descriptions: BTreeMap<(&str, &str), &str> = report_tables()
        .iter()
        .flat_map(|t| {
            let name = t.name();
            t.fields()
                .into_iter()
                .map(move |f| ((name, f.name), f.description))
        })
        .collect();
    for group in view.groups {
        let count = if group.table == "reports" {
            String::new()
        } else {
            format!(" <span class=\"count\">({} rows)</span>", group.rows.len())
        };
        let _ = write!(
            h,
            r#"<details class="group l-{}" open id="g-{}"><summary>{}{count}</summary>"#,
            group.class,
            group.table,
            esc(group.title)
        );
        let describe = |column: &str| {
            descriptions
                .get(&(group.table, column))
                .copied()
                .unwrap_or_default()
        };
        if group.table == "reports" {
            h.push_str("<dl class=\"values\">");
            if let Some(row) = group.rows.first() {
                for (column, cell) in group.columns.iter().zip(row) {
                    let _ = write!(
                        h,
                        r#"<dt title="{}">{}</dt><dd>"#,
                        esc(describe(column)),
                        esc(column)
                    );
                    value_html(h, report, cell, group.class);
                    h.push_str("</dd>");
                }
            }
            h.push_str("</dl>");
        } else {
            h.push_str("<div class=\"scroll\"><table class=\"values\"><thead><tr><th>#</th>");
            for column in &group.columns {
                let _ = write!(
                    h,
                    r#"<th title="{}">{}</th>"#,
                    esc(describe(column)),
                    esc(column)
                );
            }
            h.push_str("</tr></thead><tbody>");
            for (i, row) in group.rows.iter().enumerate() {
                let _ = write!(h, "<tr><td>{i}</td>");
                for (column, cell) in group.columns.iter().zip(row) {
                    let long = matches!(
                        *column,
                        "text"
                            | "prompt"
                            | "description"
                            | "result"
                            | "plan"
                            | "activity"
                            | "comment"
                    );
                    h.push_str(if long { "<td class=\"long\">" } else { "<td>" });
                    value_html(h, report, cell, group.class);
                    h.push_str("</td>");
                }
                h.push_str("</tr>");
            }
            h.push_str("</tbody></table></div>");
        }
        h.push_str("</details>\n");
    }
}

fn value_html(h: &mut String, report: &Report, cell: &crate::values::ValueCell, class: &str) {
    let shown = shorten(&cell.text, LONG_TEXT);
    let (flag, flag_title) = match cell.issue {
        Some((severity, index)) => (
            format!(" flag s-{}", severity_name(severity)),
            report
                .issues
                .get(index)
                .map(|i| format!(" — {}", i.message))
                .unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    match &cell.key {
        Some(key) => {
            let (page, raw) = report
                .provenance
                .get(key)
                .map(|p| (p.page, p.raw.as_str()))
                .unwrap_or((0, ""));
            let _ = write!(
                h,
                r#"<button type="button" class="v l-{class}{flag}" data-k="{}" title="page {page}: “{}”{}">{}</button>"#,
                esc(key),
                esc(raw),
                esc(&flag_title),
                esc(&shown)
            );
        }
        None => {
            let title = if cell.text.chars().count() > LONG_TEXT {
                cell.text.as_str()
            } else {
                "no box: read without a place on the page"
            };
            let _ = write!(
                h,
                r#"<span class="v nobox{flag}" title="{}{}">{}</span>"#,
                esc(title),
                esc(&flag_title),
                esc(&shown)
            );
        }
    }
}

fn issues_html(h: &mut String, report: &Report) {
    let keys = issue_boxes(report);
    let _ = write!(
        h,
        r#"<details class="group" open id="g-issues"><summary>Issues <span class="count">({})</span></summary>"#,
        report.issues.len()
    );
    if report.issues.is_empty() {
        h.push_str("<p class=\"nobox\">No issues.</p>");
    } else {
        h.push_str("<ul class=\"issues\">");
        for (index, (issue, key)) in report.issues.iter().zip(&keys).enumerate() {
            let page = issue
                .page
                .or_else(|| {
                    key.as_ref()
                        .and_then(|k| report.provenance.get(k))
                        .map(|p| p.page)
                })
                .map(|p| p.to_string())
                .unwrap_or_default();
            let _ = write!(
                h,
                r#"<li class="s-{}" data-i="{index}" data-page="{page}"><code>{}</code> {}{}"#,
                severity_name(issue.severity),
                esc(issue.code.as_str().as_str()),
                esc(&issue.message),
                if page.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"raw\">(page {page})</span>")
                }
            );
            if let Some(field) = &issue.field {
                let _ = write!(h, r#"<br><span class="raw">{}</span>"#, esc(field));
            }
            h.push_str("</li>");
        }
        h.push_str("</ul>");
    }
    h.push_str("</details>\n");
}
