//! Puts a report together: recognition, fields, period, municipality and
//! tables, each with provenance, in that order.

use skjema_extractor::{merge_continued, Document, MediaType, ProblemKind, TextLine};
use skjema_model::{Issue, IssueCode, Kind, RawTable, Report, Severity};

use crate::audit::{self, issue};
use crate::deadline::within_budget;
use crate::fields::{extract_fields, name_len, FieldValue};
use crate::flow::Flow;
use crate::forms::{self, FormDefinition, ValueType};
use crate::labelled;
use crate::mapper::{self, strip_guidance, TablesOutcome};
use crate::municipality::{find_district, find_in_text, Day, Register, Resolved};
use crate::pattern::find_words;
use crate::period::{self, PeriodInput};
use crate::recognise::recognise;

use crate::values::{clean_name, clean_text, find_dates, parse_emails, parse_phones, year_of};
use crate::{report_id, SourceInfo};
use crate::{tables, text_tables};

fn problem_issues(doc: &Document, report: &mut Report) {
    let all = doc
        .problems
        .iter()
        .chain(doc.pages.iter().flat_map(|p| p.problems.iter()));
    for problem in all {
        let (severity, code) = match problem.kind {
            ProblemKind::Encrypted => (Severity::Info, IssueCode::EncryptedPdf),
            ProblemKind::NoTextLayer => (Severity::Warning, IssueCode::NoTextLayer),
            ProblemKind::NoUnicodeMap => (Severity::Warning, IssueCode::NoUnicodeMap),
            ProblemKind::RepairedUnicodeMap => (Severity::Warning, IssueCode::RepairedUnicodeMap),
            ProblemKind::Encoding => (Severity::Warning, IssueCode::StrayBytes),
            ProblemKind::PageFailed | ProblemKind::LimitReached | ProblemKind::Other => {
                (Severity::Error, IssueCode::PageFailed)
            }
        };
        report.issues.push(Issue {
            page: problem.page,
            ..issue(severity, code, None, problem.message.clone())
        });
    }
}

/// Every table the extractor found, as a plain grid of cell texts, with a
/// table that runs over several pages joined into one.
fn raw_tables(doc: &Document) -> Vec<RawTable> {
    merge_continued(doc)
        .into_iter()
        .map(|t| RawTable {
            page: t.page,
            bbox: Some(t.bbox.to_array()),
            rows: t.rows,
        })
        .collect()
}

/// The texts of `lines`, a line each.
fn joined<'d>(lines: impl Iterator<Item = &'d TextLine>) -> String {
    let texts: Vec<&str> = lines.map(|l| l.text.as_str()).collect();
    texts.join("\n")
}

/// Text of the first page: its lines and the text set vertically on it.
fn cover_text(doc: &Document) -> String {
    joined(
        doc.pages
            .iter()
            .take(1)
            .flat_map(|p| p.lines.iter().chain(&p.rotated)),
    )
}

/// The cover's title: the largest text on the first page that is more than
/// the form's printed cover text (`cover_boilerplate`) or a date.
fn cover_title(doc: &Document, form: &FormDefinition) -> Option<String> {
    let page = doc.pages.first()?;
    let strip = |text: &str| -> String {
        let mut t = text.to_string();
        for re in form.cover_date.iter().chain(&form.cover_boilerplate) {
            t = re.replace_all(&t, " ").into_owned();
        }
        t.trim().to_string()
    };
    let has_geometry = page.lines.iter().any(|l| l.bbox.is_some());
    if !has_geometry {
        let text: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        return clean_text(&strip(&text.join(" ")));
    }
    let size = |l: &TextLine| l.words.iter().map(|w| w.font_size).fold(0.0_f64, f64::max);
    let mut sizes: Vec<f64> = page.lines.iter().map(size).collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    sizes.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    for s in sizes {
        let lines = page.lines.iter().filter(|l| (size(l) - s).abs() < 0.5);
        let text = lines.map(|l| strip(&l.text));
        let text: Vec<String> = text.filter(|t| !t.is_empty()).collect();
        let joined = strip(&text.join(" "));
        if joined.split_whitespace().count() >= 2 {
            return clean_text(&joined);
        }
    }
    None
}

/// Candidates for a municipality name in a cover match: the match, then its
/// last one and two words ("drift av … i Hammerfest" → "Hammerfest").
fn name_candidates(raw: &str) -> Vec<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let mut out = vec![raw.trim().to_string()];
    for n in [2, 1] {
        let tail = words.get(words.len().saturating_sub(n)..);
        out.extend(tail.filter(|_| words.len() > n).map(|t| t.join(" ")));
    }
    out
}

struct Builder<'a> {
    doc: &'a Document,
    flow: Flow,
    report: Report,
}

impl Builder<'_> {
    /// Provenance of the flow's bytes `span`: a value's, or the first place
    /// the flow holds a text (`find_words`: any case, any spacing).
    fn provenance(&mut self, path: &str, span: Option<(usize, usize)>) {
        if let Some(p) = span.and_then(|(start, end)| self.flow.provenance(start, end)) {
            self.report.provenance.insert(path.to_string(), p);
        }
    }

    fn raw<'v>(&'v self, value: &FieldValue<'_>) -> &'v str {
        self.flow.slice(value.start, value.end)
    }

    fn apply_field(
        &mut self,
        value: &FieldValue<'_>,
        default_year: Option<i32>,
        guidance: &[crate::lazy_regex::LazyRegex],
    ) {
        let raw = self.raw(value).to_string();
        let target = value.def.target.as_str();
        match value.def.value_type {
            ValueType::Text | ValueType::Name => {
                let text = if value.def.no_colon_ok {
                    // A label in running text: only the name right after it is the value.
                    clean_name(raw.trim().get(..name_len(raw.trim())).unwrap_or(""))
                } else if value.def.value_type == ValueType::Name {
                    // A body ("Hammerfest kommune" as the project's owner in a
                    // role table) is no person; the audit names the value.
                    let at = municipality_date(&self.report);
                    strip_guidance(&raw, guidance)
                        .and_then(|t| clean_name(&t))
                        .filter(|t| lookup(t, at).is_none())
                } else {
                    strip_guidance(&raw, guidance).map(|t| unquote(&t))
                };
                let Some(slot) = slot(&mut self.report, target) else {
                    return;
                };
                if slot.is_none() && text.is_some() {
                    *slot = text;
                    self.provenance(target, value.span());
                }
            }
            ValueType::FirstDate => {
                let date = find_dates(&raw, default_year).into_iter().next();
                let Some(slot) = slot(&mut self.report, target) else {
                    return;
                };
                let (severity, code, written, message) = match date {
                    Some((d, range)) => {
                        if slot.is_none() {
                            *slot = Some(d.to_iso());
                        }
                        self.provenance(target, value.span());
                        if !find_dates(&raw, None).is_empty() {
                            return;
                        }
                        let written = raw.get(range).unwrap_or("").trim().to_string();
                        let message = format!(
                            "The date \"{written}\" has no year; {} was taken from the report's period.",
                            d.year
                        );
                        (Severity::Info, IssueCode::YearInferred, written, message)
                    }
                    None => {
                        let written = raw.trim().to_string();
                        let message =
                            format!("Expected a date after the label but found \"{written}\".");
                        (Severity::Warning, IssueCode::UnparsedDate, written, message)
                    }
                };
                self.report.issues.push(Issue {
                    raw: Some(written),
                    page: self.flow.page_at(value.start),
                    ..issue(severity, code, Some(target), message)
                });
            }
            ValueType::Dates => {
                let dates: Vec<String> = find_dates(&raw, default_year)
                    .into_iter()
                    .map(|(d, _)| d.to_iso())
                    .collect();
                if target == "reporting.steering_group_dates" && !dates.is_empty() {
                    self.report.reporting.steering_group_dates.extend(dates);
                    self.provenance(target, value.span());
                }
            }
            ValueType::DateRange => {
                let dates = find_dates(&raw, default_year);
                if let (Some((from, _)), Some((to, _))) = (dates.first(), dates.get(1)) {
                    let period = &mut self.report.period;
                    if period.from.is_none() && period.to.is_none() {
                        period.from = Some(from.to_iso());
                        period.to = Some(to.to_iso());
                        self.provenance("period.from", value.span());
                        self.provenance("period.to", value.span());
                    }
                }
            }
            ValueType::Phones => {
                let phones = parse_phones(&raw);
                if phones.is_empty() {
                    return;
                }
                for phone in phones {
                    if phone.unusual {
                        let index = self.report.reporting.phones.len();
                        let field = format!("reporting.phones[{index}]");
                        let digits = &phone.digits;
                        let message = format!(
                            "The phone number {digits} does not have 8 digits; kept as written."
                        );
                        let (warning, code) = (Severity::Warning, IssueCode::UnusualPhone);
                        self.report.issues.push(Issue {
                            raw: Some(raw.trim().to_string()),
                            ..issue(warning, code, Some(&field), message)
                        });
                    }
                    self.report.reporting.phones.push(phone.digits);
                }
                self.provenance("reporting.phones", value.span());
            }
            ValueType::Emails => {
                let emails = parse_emails(&raw);
                if !emails.is_empty() {
                    self.report.reporting.emails.extend(emails);
                    self.provenance("reporting.emails", value.span());
                }
            }
            ValueType::Year | ValueType::Municipality => {}
        }
    }

    fn set_municipality(&mut self, found: Resolved, path_value: Option<&FieldValue<'_>>) {
        match path_value {
            Some(value) => self.provenance("municipality", value.span()),
            None => self.provenance("municipality", find_words(&self.flow.text, &found.name)),
        }
        self.report.municipality = (&found).into();
    }

    fn municipality(&mut self, form: &FormDefinition, field: Option<&FieldValue<'_>>, cover: &str) {
        let at = municipality_date(&self.report);
        let mut tried: Vec<String> = Vec::new();
        // A municipality named without its district ("Oslo kommune" as the
        // running header) takes the district the cover names for it
        // ("Bydel Søndre Nordstrand, Oslo kommune").
        let district = find_district(cover, at).map(|m| m.resolved);
        let refined = |found: Resolved| match &district {
            Some(d) if found.district.is_none() && d.number == found.number => d.clone(),
            _ => found,
        };
        // The register's municipality named by `raw` or its last words.
        let mut resolve = |raw: &str| {
            let found = name_candidates(raw)
                .iter()
                .find_map(|c| lookup(c, at))
                .map(&refined);
            if found.is_none() {
                tried.push(raw.trim().to_string());
            }
            found
        };
        if let Some(value) = field {
            if let Some(found) = resolve(self.raw(value).trim().lines().next().unwrap_or("")) {
                self.set_municipality(found, Some(value));
                return;
            }
        }
        for re in &form.cover_municipality {
            for caps in re.captures_iter(cover) {
                let Some(m) = caps.get(1) else { continue };
                if let Some(found) = resolve(m.as_str().lines().next().unwrap_or("")) {
                    self.set_municipality(found, None);
                    return;
                }
            }
        }
        if let Some(found) = find_in_text(cover, at) {
            self.set_municipality(refined(found.resolved), None);
            return;
        }
        let message =
            "No municipality of the register was found in the municipality field or on the cover.";
        let (warning, code) = (Severity::Warning, IssueCode::UnknownMunicipality);
        self.report.issues.push(Issue {
            raw: tried.first().cloned(),
            ..issue(warning, code, Some("municipality"), message.to_string())
        });
    }
}

fn lookup(name: &str, at: Day) -> Option<Resolved> {
    Register::global().resolve(name, at).found().cloned()
}

/// The register's reference date: 1 July of the period's year, else the reporting date.
fn municipality_date(report: &Report) -> (i32, u32, u32) {
    if let Some(year) = report.period.year {
        return (year, 7, 1);
    }
    let date_year = report.reporting.date.as_deref().and_then(|d| d.get(..4));
    let year = date_year.and_then(|y| y.parse().ok());
    // No year at all: the middle of the programme (2009–2016), when no
    // programme municipality changed number.
    year.map_or((2013, 7, 1), |y| (y, 7, 1))
}

fn base_report(doc: &Document, source: &SourceInfo) -> Report {
    let mut report = Report::empty(
        &report_id(&source.sha256),
        &source.path,
        doc.media_type.as_mime(),
    );
    report.source.sha256 = source.sha256.clone();
    report.source.pages = u32::try_from(doc.pages.len()).unwrap_or(u32::MAX);
    report.source.producer = doc.metadata.producer.clone();
    report.source.creator = doc.metadata.creator.clone();
    report.source.created = doc.metadata.created.clone();
    problem_issues(doc, &mut report);
    report.tables = raw_tables(doc);
    report
}

/// The report of a document when the form definitions did not load.
pub fn without_forms(doc: &Document, source: &SourceInfo, error: &forms::FormError) -> Report {
    let mut report = base_report(doc, source);
    let (severity, code) = (Severity::Error, IssueCode::UnknownTemplate);
    report
        .issues
        .push(issue(severity, code, None, error.to_string()));
    report
}

/// Builds the report of one document with the given form definitions.
pub fn assemble(doc: &Document, source: &SourceInfo, forms: &[FormDefinition]) -> Report {
    let mut report = base_report(doc, source);
    let flow = Flow::new(doc);
    if crate::deadline::stopped() {
        return report;
    }
    let rotated = joined(doc.pages.iter().flat_map(|p| &p.rotated));
    let recognition = recognise(forms, &[&flow.text, "\n", &rotated]);
    report.template = recognition.template;
    report.template_confidence = recognition.confidence;
    let form = match recognition.form {
        Some(form) => form,
        None => {
            report.kind = Kind::Annet;
            let fallback = forms.iter().find(|f| f.fallback);
            let what = if fallback.is_some() {
                "kind, year and municipality come from its title and cover, its \"Label: value\" pairs are in fields.csv"
            } else {
                "only its metadata and tables are reported"
            };
            let message = format!("The document matches none of the known forms; {what}.");
            let (warning, code) = (Severity::Warning, IssueCode::UnknownTemplate);
            let unknown = issue(warning, code, Some("template"), message);
            report.issues.push(unknown);
            match fallback {
                Some(form) => form,
                None => {
                    report.fields = labelled::labelled_values(&flow, &[]);
                    return report;
                }
            }
        }
    };

    let cover = cover_text(doc);
    let mut builder = Builder { doc, flow, report };
    let fields = extract_fields(&builder.flow, form);
    if crate::deadline::stopped() {
        return builder.report;
    }
    let values = &fields.values;
    let first = |target: &str| values.iter().find(|v| v.def.target == target);
    let reporting_year = first("reporting_year").and_then(|v| find_year(builder.raw(v)));
    let period = {
        let input = PeriodInput {
            cover: &cover,
            text: &builder.flow.text,
            reporting_year,
            reporting_date: first("reporting.date").map(|v| builder.raw(v)),
            steering: first("reporting.steering_group_dates").map(|v| builder.raw(v)),
        };
        period::decide(form, &input)
    };
    builder.report.period = period.period;
    builder.report.kind = period.kind;
    builder.report.issues.extend(period.issues);
    if let Some(date) = period.reporting_date {
        builder.report.reporting.date = Some(date.to_iso());
        if let Some(v) = first("reporting.date") {
            builder.provenance("reporting.date", v.span());
        }
    }
    for value in within_budget(values) {
        builder.apply_field(value, period.default_year, &form.guidance);
    }
    resolve_roles(&mut builder.report, form);
    builder.report.fields = labelled::labelled_values(&builder.flow, values);
    // A report whose name is its cover's title (a final report's project).
    if builder.report.programme.name.is_none() && form.title_from_cover {
        // A name in «quotes» on the cover is the project's, whatever text
        // is set larger («Bo trygt» under "Sluttrapport fra prosjektet").
        let title = quoted(&cover).or_else(|| {
            cover_title(builder.doc, form).map(|title| quoted(&title).unwrap_or(title))
        });
        if let Some(title) = title {
            builder.provenance("programme.name", find_words(&builder.flow.text, &title));
            let title = title_case_from_text(&title, &builder.flow.text).unwrap_or(title);
            builder.report.programme.name = Some(title);
        }
    }
    if builder.report.reporting.date.is_some()
        && !builder.report.provenance.contains_key("reporting.date")
    {
        let text = &builder.flow.text;
        let written = form
            .cover_date
            .iter()
            .find_map(|re| re.captures(text)?.get(1));
        if let Some(written) = written.map(|m| m.as_str().to_string()) {
            builder.provenance("reporting.date", find_words(&builder.flow.text, &written));
        }
    }
    builder.municipality(form, first("municipality"), &cover);
    // The stages below are the long ones; each stops with its loops.
    if crate::deadline::stopped() {
        return builder.report;
    }
    let boxed = |p: &skjema_extractor::Page| p.lines.iter().any(|l| l.bbox.is_some());
    let has_geometry = builder.doc.pages.iter().any(boxed);
    // A transcript's tables are running text; a PDF's keep to the table path.
    let text_input = !has_geometry && builder.doc.media_type == MediaType::Text;
    let (views, carried) = if text_input || form.tables.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        tables::views(builder.doc)
    };
    let context = mapper::Context {
        year: builder.report.period.year,
        guidance: &form.guidance,
    };
    let mut tables = TablesOutcome::default();
    for def in within_budget(&form.tables) {
        let blocks = if text_input {
            text_tables::read(&builder.flow, def)
        } else {
            let mut grids = tables::read(def, &views);
            text_tables::complement(&builder.flow, def, &mut grids, &mut tables.issues);
            grids
        };
        let before = tables.rows(&def.list);
        mapper::map(def, &blocks, &context, &mut tables);
        if !text_input && tables.rows(&def.list) > before {
            let unread = audit::unread_grids(&builder.flow, builder.doc, def);
            tables.issues.extend(unread);
        }
        if !text_input && tables.rows(&def.list) == before {
            // A table the PDF path found no grid for (borderless, or ruled
            // in a way the finder rejects) is read from the page text the
            // way a transcript's is, and said to be doubtful.
            let from_text = text_tables::read(&builder.flow, def);
            mapper::map(def, &from_text, &context, &mut tables);
            let read = tables.rows(&def.list).saturating_sub(before);
            if read > 0 {
                let page = from_text.first().map(|b| b.page);
                tables.issues.push(audit::table_from_text(def, read, page));
            }
        }
        if tables.rows(&def.list) > before {
            let unread = audit::unread_areas(&builder.flow, def, &tables.areas(&def.list));
            tables.issues.extend(unread);
        }
        if tables.rows(&def.list) == before {
            // No silent loss: a table the form defines that gave nothing.
            let (looked, seen) = if text_input {
                text_tables::looked_for(&builder.flow, def)
            } else {
                tables::looked_for(def, &views)
            };
            let looked = if blocks.is_empty() {
                looked
            } else {
                "its header was found, but no row under it holds anything".to_string()
            };
            let missing = audit::missing_table(form, def, &looked, seen);
            tables.issues.push(missing);
        }
    }
    builder.report.households = tables.households;
    builder.report.indicators = tables.indicators;
    builder.report.activities = tables.activities;
    builder.report.goals = tables.goals;
    builder.report.budget = tables.budget;
    builder.report.funding_by_year = tables.funding_by_year;
    builder.report.partners = tables.partners;
    builder.report.provenance.extend(tables.provenance);
    builder.report.issues.extend(tables.issues);
    if crate::deadline::stopped() {
        return builder.report;
    }
    let missing = audit::missing_fields(&mut builder.report, form, &builder.flow, &fields);
    builder.report.issues.extend(missing);
    let sections =
        crate::sections::extract(builder.doc, &builder.flow, form.template.as_str(), &carried);
    builder.report.sections = sections.sections;
    builder.report.provenance.extend(sections.provenance);
    builder.report.issues.extend(sections.issues);
    builder.report
}

/// The words inside the first «…» of a title ("«Nytt boligkontor» Larvik
/// kommune" → "Nytt boligkontor"): a project named in quotes, the
/// municipality after it.
fn quoted(title: &str) -> Option<String> {
    let start = title.find('«')? + '«'.len_utf8();
    let len = title.get(start..)?.find('»')?;
    clean_text(title.get(start..start + len)?)
}

/// A title or name written in quotes («Nytt boligkontor», "Bo godt"): the
/// quoted words. Text with more than the quoted part stays as it is.
fn unquote(text: &str) -> String {
    let t = text.trim();
    for (open, close) in [('«', '»'), ('"', '"'), ('“', '”'), ('\'', '\'')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            if !inner.contains(open) && !inner.contains(close) && !inner.trim().is_empty() {
                return inner.trim().to_string();
            }
        }
    }
    t.to_string()
}

/// A title set in capitals on the cover is usually written in ordinary case
/// elsewhere (running footer, foreword); take that spelling when there is one.
fn title_case_from_text(title: &str, text: &str) -> Option<String> {
    if title.chars().any(char::is_lowercase) {
        return None;
    }
    let mut at = 0;
    while let Some((start, end)) = text.get(at..).and_then(|rest| find_words(rest, title)) {
        let found = text.get(at + start..at + end)?;
        if found.chars().any(char::is_lowercase) {
            return clean_text(found);
        }
        at += end;
    }
    None
}

fn find_year(raw: &str) -> Option<i32> {
    let mut groups = raw.split(|c: char| !c.is_ascii_digit());
    groups.find(|t| t.len() == 4).and_then(year_of)
}

/// Where the value of a one-value field target goes.
pub(crate) fn slot<'r>(report: &'r mut Report, target: &str) -> Option<&'r mut Option<String>> {
    let (p, r) = (&mut report.programme, &mut report.reporting);
    Some(match target {
        "programme.name" => &mut p.name,
        "programme.start" => &mut p.start,
        "programme.leader" => &mut p.leader,
        "programme.owner" => &mut p.owner,
        "reporting.date" => &mut r.date,
        "reporting.filled_by" => &mut r.filled_by,
        "period.from" => &mut report.period.from,
        "period.to" => &mut report.period.to,
        _ => return None,
    })
}

/// A person field that holds a role instead of a name ("Utfylt av:
/// Prosjektleder") names the person another field of the form gives that
/// role ("Prosjektleder: Kari Nordmann"): the role is kept as written and
/// the name put after it.
fn resolve_roles(report: &mut Report, form: &FormDefinition) {
    let names = form
        .fields
        .iter()
        .filter(|f| f.value_type == ValueType::Name);
    let names: Vec<&forms::FieldDef> = names.collect();
    for field in &names {
        let Some(value) = slot(report, &field.target).and_then(|s| s.clone()) else {
            continue;
        };
        let lower = value.to_lowercase();
        let mut others = names.iter().filter(|other| other.target != field.target);
        let resolved = others.find_map(|other| {
            let person = slot(report, &other.target).and_then(|s| s.clone())?;
            other.label_texts().find_map(|label| {
                let role = label.to_lowercase();
                let rest = lower.strip_prefix(role.as_str())?;
                let cut = value.len() - rest.len();
                let rest = value.get(cut..)?;
                let whole_word = !rest.starts_with(char::is_alphanumeric);
                // The role stands for a person only when no name follows it.
                let named = name_len(rest.trim_start()) > 0;
                let person_is_role = person.to_lowercase().starts_with(role.as_str());
                (whole_word && !named && !person_is_role)
                    .then(|| format!("{} {person}{rest}", value.get(..cut).unwrap_or("")))
            })
        });
        if let (Some(resolved), Some(slot)) = (resolved, slot(report, &field.target)) {
            *slot = Some(resolved);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;
    use crate::testutil::doc;
    use crate::{normalize, SourceInfo};
    use skjema_model::{IssueCode, Kind, Report, Template};

    fn report(pages: &[&[&str]]) -> Report {
        normalize(
            &doc(pages),
            &SourceInfo {
                path: "t.pdf".into(),
                sha256: "0".repeat(64),
            },
        )
    }

    #[test]
    fn final_report_metadata_from_the_cover_and_prose() {
        let r = report(&[
            &["Sluttrapport", "«Nytt boligkontor»", "Larvik kommune", "Mai 2014"],
            &[
                "FORORD",
                "Denne sluttrapporten beskriver prosjektet «Nytt boligkontor» i Larvik kommune, gjennomført i perioden mai 2011 –",
                "april 2014 med støtte fra Husbanken. Prosjektleder har vært Ragnhild",
                "Nordby.",
                "Larvik, mai 2014",
            ],
        ]);
        assert_eq!(r.kind, Kind::Sluttrapport);
        assert_eq!(r.programme.name.as_deref(), Some("Nytt boligkontor"));
        assert_eq!(r.programme.leader.as_deref(), Some("Ragnhild Nordby"));
        assert_eq!(
            (r.period.from.as_deref(), r.period.to.as_deref()),
            (Some("2011-05"), Some("2014-04"))
        );
        assert_eq!(r.reporting.date.as_deref(), Some("2014-05"));
        assert_eq!(r.municipality.name.as_deref(), Some("Larvik"));
    }

    #[test]
    fn a_leader_signing_below_or_beside_the_role() {
        for signature in [
            &["Kari Nordmann / prosjektleder"][..],
            &["Kari Nordmann", "prosjektleder"],
        ] {
            let mut lines = vec!["FORORD", "Takk til alle som har bidratt."];
            lines.extend_from_slice(signature);
            let r = report(&[
                &[
                    "Sluttrapport",
                    "BOLIG FOR ALLE",
                    "Moss kommune",
                    "Juni 2015",
                ],
                &lines,
            ]);
            assert_eq!(
                r.programme.leader.as_deref(),
                Some("Kari Nordmann"),
                "{signature:?}"
            );
        }
    }

    #[test]
    fn a_labelled_programme_period_in_a_final_report() {
        let r = report(&[&[
            "Sluttrapport",
            "Bolig for alle",
            "Programstart: mai 2010",
            "Programslutt: juni 2014",
            "Prosjektleder: Kari Nordmann",
        ]]);
        assert_eq!(r.programme.start.as_deref(), Some("2010-05"));
        assert_eq!(
            (r.period.from.as_deref(), r.period.to.as_deref()),
            (Some("2010-05"), Some("2014-06"))
        );
        assert_eq!(r.programme.leader.as_deref(), Some("Kari Nordmann"));
    }

    #[test]
    fn a_final_reports_period_leader_date_and_name_in_its_foreword() {
        let r = report(&[
            &[
                "Sluttrapport fra prosjektet",
                "«Bo trygt i Skien»",
                "Skien kommune",
            ],
            &[
                "Forord",
                "Denne sluttrapporten beskriver prosjektet i Skien kommune, som startet",
                "opp i februar 2009 og ble avsluttet ved utgangen av september 2013, med støtte fra Husbanken.",
                "Vi takker alle. Synnøve Brekke har vært prosjektleder i hele perioden.",
                "Skien, 12.01.2014",
                "Styringsgruppen",
            ],
        ]);
        assert_eq!(
            (r.period.from.as_deref(), r.period.to.as_deref()),
            (Some("2009-02"), Some("2013-09"))
        );
        assert_eq!(r.programme.leader.as_deref(), Some("Synnøve Brekke"));
        assert_eq!(r.programme.name.as_deref(), Some("Bo trygt i Skien"));
        assert_eq!(r.reporting.date.as_deref(), Some("2014-01-12"));
        let r = report(&[
            &[
                "Sluttrapport",
                "«Boligkontor under ett tak»",
                "Kongsberg kommune",
            ],
            &[
                "Forord",
                "Prosjektet varte fra juli 2009 til desember 2013.",
            ],
        ]);
        assert_eq!(
            (r.period.from.as_deref(), r.period.to.as_deref()),
            (Some("2009-07"), Some("2013-12"))
        );
        // An activity ended in the body is not the project's end.
        let body = report(&[
            &["Sluttrapport", "«Bo trygt»", "Moss kommune", "Juni 2015"],
            &[
                "Forord",
                "Boveiledertjenesten ble avsluttet i mars 2012 etter to år.",
            ],
        ]);
        assert_eq!(body.period.to, None);
        // A month in the foreword's prose is the period's, not the report's date.
        assert_eq!(r.reporting.date, None);
        assert!(r
            .issues
            .iter()
            .any(|i| i.field.as_deref() == Some("reporting.date")));
    }

    #[test]
    fn labels_parted_from_values_by_a_space_in_a_block_of_such_lines() {
        let r = report(&[
            ARS_COVER,
            &[
                "Generell programinformasjon",
                "Programnavn Bo trygt",
                "Programleder Kari Nordmann",
                "Programstart 02.03.2009",
                "Tlf. 70 23 45 27",
                "E-postadresse: kari.nordmann@moss.kom-",
                "mune.no",
                "1. Rapportering på hovedmål",
            ],
        ]);
        assert_eq!(r.programme.name.as_deref(), Some("Bo trygt"));
        assert_eq!(r.programme.leader.as_deref(), Some("Kari Nordmann"));
        assert_eq!(r.programme.start.as_deref(), Some("2009-03-02"));
        assert_eq!(
            r.reporting
                .phones
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            vec!["70234527"]
        );
        // One such line alone is a sentence that opens with a label word.
        let r = report(&[
            ARS_COVER,
            &[
                "Generell programinformasjon",
                "Programleder Kari Nordmann",
                "1. Rapportering på hovedmål",
            ],
        ]);
        assert_eq!(r.programme.leader, None);
    }

    const ARS_COVER: &[&str] = &[
        "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM",
        "ÅRSRAPPORT 2013",
        "KOMMUNE: MOSS",
    ];

    #[test]
    fn renamed_labels_soft_hyphens_and_a_steering_date_in_brackets() {
        let r = report(&[
            ARS_COVER,
            &[
                "Generell programinformasjon",
                "Programnavn: Bo trygt",
                "Kommune : Moss kommune",
                "Pro\u{ad}sjekt\u{ad}",
                "leder: Kari Nordmann",
                "Rapporteringsdato: 9. februar 2014 (godkjent i styringsgruppen 06.02.2014)",
                "1. Rapportering på hovedmål",
            ],
        ]);
        assert_eq!(r.programme.leader.as_deref(), Some("Kari Nordmann"));
        assert_eq!(r.municipality.name.as_deref(), Some("Moss"));
        assert_eq!(r.reporting.date.as_deref(), Some("2014-02-09"));
        assert_eq!(r.reporting.steering_group_dates, ["2014-02-06"]);
    }

    #[test]
    fn the_year_on_a_half_year_cover_completes_dates_without_one() {
        let r = report(&[&[
            "Skjema for halvårsrapportering",
            "Andre halvår 2012",
            "1. Formalia",
            "Kommunens navn: Moss kommune",
            "Rapporteringsdato: 20.12.",
            "Behandlet i styrinsgruppen: 14.12.",
            "2. Bakgrunn for kommunens deltakelse",
        ]]);
        assert_eq!((r.period.year, r.period.half), (Some(2012), Some(2)));
        assert_eq!(r.reporting.date.as_deref(), Some("2012-12-20"));
        assert_eq!(r.reporting.steering_group_dates, ["2012-12-14"]);
    }

    #[test]
    fn a_half_year_form_used_for_a_whole_year() {
        let r = report(&[&[
            "Årsrapport 2011",
            "1. Formalia",
            "Kommunens navn: Moss kommune",
            "Rapporteringsdato: 15.01.2012",
            "2. Bakgrunn for kommunens deltakelse",
        ]]);
        assert_eq!(r.kind, Kind::Arsrapport);
        assert_eq!((r.period.year, r.period.half), (Some(2011), None));
        assert_eq!(r.period.from.as_deref(), Some("2011-01-01"));
    }

    #[test]
    fn every_field_and_table_missing_is_named_by_an_issue() {
        let r = report(&[
            ARS_COVER,
            &[
                "Generell programinformasjon",
                "Programnavn: Bo trygt",
                "Programansvarlig:",
                "Rapporteringsdato: snart",
                "1. Rapportering på hovedmål",
            ],
        ]);
        let on = |field: &str| {
            r.issues
                .iter()
                .filter(|i| i.field.as_deref() == Some(field))
                .map(|i| (i.code, i.raw.clone()))
                .collect::<Vec<_>>()
        };
        // Blank, unreadable, absent: each says so.
        assert_eq!(
            on("programme.owner"),
            [(
                IssueCode::MissingField,
                Some("Programansvarlig:".to_string())
            )]
        );
        assert_eq!(
            on("reporting.date").first().map(|i| i.0),
            Some(IssueCode::UnparsedDate)
        );
        assert_eq!(on("programme.leader").len(), 1);
        for list in ["households", "indicators", "budget", "funding_by_year"] {
            assert_eq!(
                on(list).first().map(|i| i.0),
                Some(IssueCode::MissingTable),
                "{list}"
            );
        }
    }

    #[test]
    fn a_document_on_no_form_keeps_kind_year_municipality_and_pairs() {
        let r = report(&[&[
            "Larvik kommune",
            "Årsrapport 2011 for det boligsosiale arbeidet",
            "Til: Husbanken region sør",
            "Saksnummer: 2012/9",
            "Arbeidet har gått som planlagt.",
        ]]);
        assert_eq!(r.template, Template::Unknown);
        assert_eq!(r.kind, Kind::Arsrapport);
        assert_eq!(
            (r.period.year, r.period.half, r.period.from.as_deref()),
            (Some(2011), None, Some("2011-01-01"))
        );
        assert_eq!(r.municipality.name.as_deref(), Some("Larvik"));
        let pairs: Vec<(&str, &str, Option<&str>)> = r
            .fields
            .iter()
            .map(|f| (f.label.as_str(), f.value.as_str(), f.field.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Til", "Husbanken region sør", None),
                ("Saksnummer", "2012/9", None)
            ]
        );
        assert!(r.fields.iter().all(|f| f.page == 1 && f.bbox.is_some()));
    }

    #[test]
    fn a_half_year_title_on_no_form_gives_year_and_half() {
        for (title, half) in [
            ("Halvårsrapport, første halvår 2013", Some(1)),
            ("Halvårsrapport juni 2013", None),
        ] {
            let r = report(&[&["Notat", title, "Kommune: Moss"]]);
            assert_eq!(r.template, Template::Unknown, "{title}");
            assert_eq!(r.kind, Kind::Halvarsrapport, "{title}");
            assert_eq!(
                (r.period.year, r.period.half),
                (Some(2013), half),
                "{title}"
            );
            assert_eq!(r.municipality.name.as_deref(), Some("Moss"), "{title}");
        }
    }

    #[test]
    fn a_labelled_value_no_field_takes_is_kept_with_the_mapped_ones() {
        let r = report(&[
            ARS_COVER,
            &[
                "Generell programinformasjon",
                "Programnavn: Bo trygt",
                "Saksnummer: 2013/55",
                "1. Rapportering på hovedmål",
            ],
        ]);
        let pairs: Vec<(&str, &str, Option<&str>)> = r
            .fields
            .iter()
            .map(|f| (f.label.as_str(), f.value.as_str(), f.field.as_deref()))
            .collect();
        assert!(
            pairs.contains(&("Programnavn", "Bo trygt", Some("programme.name"))),
            "{pairs:?}"
        );
        assert!(
            pairs.contains(&("Saksnummer", "2013/55", None)),
            "{pairs:?}"
        );
    }

    #[test]
    fn quoted_titles() {
        assert_eq!(
            quoted("«Ny organisering av boligtildeling» Hamar kommune").as_deref(),
            Some("Ny organisering av boligtildeling")
        );
        assert_eq!(quoted("Bolig for alle"), None);
    }
}
