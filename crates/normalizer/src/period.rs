//! The period and kind of a report, by the rules of docs/FIELD_RULES.md.

use skjema_model::{Issue, IssueCode, Kind, Period, Severity};

use crate::audit::issue;
use crate::forms::{FormDefinition, PeriodRule};
use crate::lazy_regex::LazyRegex;
use crate::values::{find_dates, parse_date, year_of, PartialDate};

/// What the period rules read from the document.
#[derive(Debug, Default)]
pub struct PeriodInput<'a> {
    /// Text of the first page (the cover), including text set vertically.
    pub cover: &'a str,
    /// The whole reading flow.
    pub text: &'a str,
    /// "Rapporteringsår", when given.
    pub reporting_year: Option<i32>,
    /// "Rapporteringsdato" as written.
    pub reporting_date: Option<&'a str>,
    /// "Behandlet i styringsgruppen" as written.
    pub steering: Option<&'a str>,
}

/// The rules' verdict.
#[derive(Debug)]
pub struct PeriodOutcome {
    /// The period reported on.
    pub period: Period,
    /// The report kind.
    pub kind: Kind,
    /// The year to give dates written without one.
    pub default_year: Option<i32>,
    /// The reporting date, when one was read.
    pub reporting_date: Option<PartialDate>,
    /// Doubts met on the way.
    pub issues: Vec<Issue>,
}

/// The year the first of `patterns` to match in `text` gives in its first
/// group (its digits may be spaced: "20 12").
fn year_in(patterns: &[LazyRegex], text: &str) -> Option<i32> {
    let found = patterns.iter().filter_map(|re| re.captures(text)?.get(1));
    let first = found.min_by_key(|m| m.start())?;
    year_of(
        &first
            .as_str()
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>(),
    )
}

/// The year a cover title gives ("ÅRSRAPPORT 2012", "Andre halvår 2012").
fn title_year(form: &FormDefinition, text: &str) -> Option<i32> {
    year_in(&form.title_year, text)
}

/// The year a title on the cover gives, else one in the text.
fn cover_or_text_year(form: &FormDefinition, input: &PeriodInput<'_>) -> Option<i32> {
    title_year(form, input.cover).or_else(|| title_year(form, input.text))
}

/// The cover without titles that decide nothing (the form's own name).
fn without_ignored(form: &FormDefinition, cover: &str) -> String {
    let mut cover = cover.to_string();
    for re in &form.kind_titles_ignore {
        cover = re.replace_all(&cover, " ").into_owned();
    }
    cover
}

/// The kind a cover title decides, if any.
fn title_kind(form: &FormDefinition, cover: &str) -> Option<Kind> {
    let cover = without_ignored(form, cover);
    let title = form.kind_titles.iter().find(|(re, _)| re.is_match(&cover));
    title.map(|(_, k)| *k)
}

/// The half a cover title names ("Første halvår", "Høsthalvåret").
fn title_half(form: &FormDefinition, cover: &str) -> Option<u8> {
    let half = form.half_titles.iter().find(|(re, _)| re.is_match(cover));
    half.map(|(_, h)| *h)
}

/// The period of a half (`Some(1)`, `Some(2)`) or, with `None`, of the
/// whole year.
fn half_year(year: i32, half: Option<u8>) -> Period {
    let (from, to) = match half {
        None => ("01-01", "12-31"),
        Some(1) => ("01-01", "06-30"),
        Some(_) => ("07-01", "12-31"),
    };
    Period {
        year: Some(year),
        half,
        from: Some(format!("{year:04}-{from}")),
        to: Some(format!("{year:04}-{to}")),
    }
}

/// A period known only by its year (if that).
fn year_only(year: Option<i32>) -> Period {
    Period {
        year,
        ..Period::default()
    }
}

/// The half year a half-year report delivered on `date` is on.
fn delivered_half(date: &PartialDate) -> Period {
    match date.month {
        1..=4 => half_year(date.year - 1, Some(2)),
        5..=10 => half_year(date.year, Some(1)),
        _ => half_year(date.year, Some(2)),
    }
}

fn first_date(raw: Option<&str>, default_year: Option<i32>) -> Option<PartialDate> {
    let raw = raw?;
    let found = || find_dates(raw, default_year).first().map(|(d, _)| *d);
    parse_date(raw.trim(), default_year).or_else(found)
}

/// The half year of a yearless delivery date ("20.6." → 1, "20.12." → 2).
fn yearless_half(raw: Option<&str>) -> Option<u8> {
    // Any leap year will do: only the month is read.
    delivered_half(&first_date(raw, Some(2012))?).half
}

/// Applies the form's period rule.
pub fn decide(form: &FormDefinition, input: &PeriodInput<'_>) -> PeriodOutcome {
    let mut issues = Vec::new();
    let (period, kind, default_year, reporting_date) = match form.period_rule {
        PeriodRule::TitleYear => {
            let written = first_date(input.reporting_date, None);
            let year = cover_or_text_year(form, input)
                // A date printed in the form's tables ("Status behov pr. 01.01.20 12").
                .or_else(|| year_in(&form.table_year, input.text))
                .or(input.reporting_year)
                .or_else(|| written.map(|d| if d.month <= 6 { d.year - 1 } else { d.year }));
            let date_default = input.reporting_year.or(year.map(|y| y + 1));
            let date = written.or_else(|| first_date(input.reporting_date, date_default));
            let period = year.map(|y| half_year(y, None)).unwrap_or_default();
            (period, form.kind, date_default, date)
        }
        PeriodRule::HalfOrYearByDate => {
            let cover = without_ignored(form, input.cover);
            let title_kind = title_kind(form, input.cover);
            let date = first_date(input.reporting_date, input.reporting_year);
            let kind = title_kind.unwrap_or(match date {
                Some(d) if d.month <= 4 => Kind::Arsrapport,
                _ => Kind::Halvarsrapport,
            });
            let period = match kind {
                Kind::Arsrapport => {
                    let year = title_year(form, &cover)
                        .or(date.map(|d| if d.month <= 4 { d.year - 1 } else { d.year }))
                        .or(input.reporting_year);
                    year.map(|y| half_year(y, None)).unwrap_or_default()
                }
                _ => match date {
                    Some(d) => delivered_half(&d),
                    None => year_only(input.reporting_year),
                },
            };
            (period, kind, input.reporting_year, date)
        }
        PeriodRule::HalfByDateSor => {
            // The half-year form used for a whole year, as its title says.
            if title_kind(form, input.cover) == Some(Kind::Arsrapport) {
                let year = cover_or_text_year(form, input).or(input.reporting_year);
                let date = first_date(input.reporting_date, year.map(|y| y + 1));
                let period = year.map(|y| half_year(y, None)).unwrap_or_default();
                (period, Kind::Arsrapport, year.map(|y| y + 1), date)
            } else {
                // A year written in the reporting date, else the other sources.
                let written = first_date(input.reporting_date, None).map(|d| d.year);
                let steered = |s| find_dates(s, None).first().map(|(d, _)| d.year);
                let year = written.or(input.steering.and_then(steered));
                let year = year.or_else(|| cover_or_text_year(form, input));
                let year = year.or(input.reporting_year);
                if year.is_none() {
                    issues.push(Issue {
                    raw: input.reporting_date.map(|r| r.trim().to_string()),
                    ..issue(Severity::Warning, IssueCode::MissingField, Some("period.year"), "The reporting date has no year and no other field or title gives one; the year is left empty rather than guessed.".to_string())
                });
                }
                let date = first_date(input.reporting_date, year);
                // Without a dated delivery, a yearless date's month or the
                // cover's title ("Første halvår 2014") gives the half.
                let half = yearless_half(input.reporting_date).or(title_half(form, input.cover));
                let period = match (date, year, half) {
                    (Some(d), _, _) => delivered_half(&d),
                    (None, Some(y), Some(h)) => half_year(y, Some(h)),
                    (None, _, _) => Period {
                        half,
                        ..year_only(year)
                    },
                };
                (period, form.kind, year, date)
            }
        }
        PeriodRule::Title => {
            let kind = title_kind(form, input.cover)
                .or_else(|| title_kind(form, input.text))
                .unwrap_or(form.kind);
            let year = cover_or_text_year(form, input);
            let period = match (kind, year, title_half(form, input.cover)) {
                (Kind::Arsrapport, Some(y), _) => half_year(y, None),
                (Kind::Halvarsrapport, Some(y), Some(h)) => half_year(y, Some(h)),
                _ => year_only(year),
            };
            let date = first_date(input.reporting_date, year);
            (period, kind, year, date)
        }
        PeriodRule::CoverDate => {
            let printed = |re: &LazyRegex| Some(re.captures(input.cover)?.get(1)?.as_str());
            let on_cover = form
                .cover_date
                .iter()
                .find_map(|re| parse_date(printed(re)?, None));
            let date = on_cover
                .or_else(|| first_date(input.reporting_date, None))
                // Any date the cover prints ("24.02.2015" under the title).
                .or_else(|| find_dates(input.cover, None).first().map(|(d, _)| *d));
            let year = date.map(|d| d.year);
            (year_only(year), form.kind, year, date)
        }
    };
    PeriodOutcome {
        period,
        kind,
        default_year,
        reporting_date,
        issues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yearless_delivery_date_gives_the_half_it_is_delivered_after() {
        assert_eq!(yearless_half(Some("20.6.")), Some(1));
        assert_eq!(yearless_half(Some("20.12.")), Some(2));
        assert_eq!(yearless_half(Some("15.02.")), Some(2));
        assert_eq!(yearless_half(Some("snart")), None);
        assert_eq!(yearless_half(None), None);
    }
}
