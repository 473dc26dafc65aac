//! Dates as written in the forms: "31. august 2011", "24.02.2015", "20.6."
//! (year left to the reader), "Oktober 2011" (month only), "01.03.11".

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::text::normalize_spaces;

/// A calendar date known to the day, or only to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
    /// 1–31, `None` when the text gave only month and year.
    pub day: Option<u32>,
}

impl PartialDate {
    /// A date known to the day, if it exists in the calendar.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        (is_valid_year(year) && (1..=days_in_month(year, month)).contains(&day)).then_some(
            PartialDate {
                year,
                month,
                day: Some(day),
            },
        )
    }

    /// A date known to the month.
    pub fn ym(year: i32, month: u32) -> Option<Self> {
        (is_valid_year(year) && (1..=12).contains(&month)).then_some(PartialDate {
            year,
            month,
            day: None,
        })
    }

    /// ISO 8601: "2015-02-24", or "2011-03" when only the month is known.
    pub fn to_iso(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }
}

fn is_valid_year(year: i32) -> bool {
    (1900..=2100).contains(&year)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Norwegian month names and their usual abbreviations, lower-case.
fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    let m = match w {
        "januar" | "jan" => 1,
        "februar" | "feb" | "febr" => 2,
        "mars" | "mar" => 3,
        "april" | "apr" => 4,
        "mai" => 5,
        "juni" | "jun" => 6,
        "juli" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "okt" => 10,
        "november" | "nov" => 11,
        "desember" | "des" => 12,
        _ => return None,
    };
    Some(m)
}

const MONTHS: &str = r"(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|jan\.?|febr?\.?|mar\.|apr\.?|jun\.|jul\.|aug\.?|sept?\.?|okt\.?|nov\.?|des\.?)";

/// The patterns, most specific first: where two overlap, the earlier wins.
static PATTERNS: LazyLock<Vec<(Shape, Regex)>> = LazyLock::new(|| {
    let p = |re: &str| Regex::new(re).expect("static regex");
    vec![
        (Shape::Iso, p(r"(\d{4})-(\d{1,2})-(\d{1,2})")),
        (Shape::Numeric, p(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")),
        (Shape::Numeric, p(r"(\d{1,2})\.(\d{1,2})\.(\d{2})")),
        (Shape::Numeric, p(r"(\d{1,2})/(\d{1,2})[/.-](\d{4})")),
        (
            Shape::Textual,
            p(&format!(r"(?i)(\d{{1,2}})\.?\s*{MONTHS}\s*(\d{{4}})")),
        ),
        (Shape::MonthYear, p(&format!(r"(?i){MONTHS}\s*(\d{{4}})"))),
        // without a year only "20.06" or "20.6.", so that "3.5" stays a number
        (Shape::Numeric, p(r"(\d{1,2})\.(\d{2}\.?|\d\.)")),
        (Shape::Textual, p(&format!(r"(?i)(\d{{1,2}})\.\s*{MONTHS}"))),
    ]
});

#[derive(Debug, Clone, Copy)]
enum Shape {
    Iso,
    Numeric,
    Textual,
    MonthYear,
}

fn group<'t>(caps: &Captures<'t>, i: usize) -> Option<&'t str> {
    caps.get(i).map(|m| m.as_str())
}

fn year_from(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    if text.len() == 2 {
        Some(if y < 50 { 2000 + y } else { 1900 + y })
    } else {
        Some(y)
    }
}

fn build(shape: Shape, caps: &Captures<'_>, default_year: Option<i32>) -> Option<PartialDate> {
    match shape {
        Shape::Iso => PartialDate::ymd(
            group(caps, 1)?.parse().ok()?,
            group(caps, 2)?.parse().ok()?,
            group(caps, 3)?.parse().ok()?,
        ),
        Shape::Numeric | Shape::Textual => {
            let year = match group(caps, 3) {
                Some(y) => year_from(y)?,
                None => default_year?,
            };
            let month = group(caps, 2)?;
            let month = match shape {
                Shape::Textual => month_number(month)?,
                _ => month.trim_end_matches('.').parse().ok()?,
            };
            PartialDate::ymd(year, month, group(caps, 1)?.parse().ok()?)
        }
        Shape::MonthYear => {
            PartialDate::ym(year_from(group(caps, 2)?)?, month_number(group(caps, 1)?)?)
        }
    }
}

/// A date must stand on its own: not glued to digits or letters ("1.200.000",
/// "R2011.12"), not the start or end of a longer dotted number (a phone
/// number written "33.06.41.13").
fn stands_alone(text: &str, span: &Range<usize>) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let mut back = before.chars().rev();
    match back.next() {
        Some(c) if c.is_alphanumeric() => return false,
        Some('.' | ',' | '-' | '/' | '+') if back.next().is_some_and(|c| c.is_ascii_digit()) => {
            return false
        }
        _ => {}
    }
    let mut fwd = after.chars();
    match fwd.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',' | '-' | '/') => !fwd.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// Every date in a longer text, in order, with its byte range in `text`.
/// Dates without a year take `default_year`, or are skipped without one.
pub fn find_dates(text: &str, default_year: Option<i32>) -> Vec<(PartialDate, Range<usize>)> {
    let mut found: Vec<(PartialDate, Range<usize>)> = Vec::new();
    for (shape, re) in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let span = m.range();
            if found
                .iter()
                .any(|(_, r)| r.start < span.end && span.start < r.end)
            {
                continue;
            }
            if !stands_alone(text, &span) {
                continue;
            }
            if let Some(date) = build(*shape, &caps, default_year) {
                found.push((date, span));
            }
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

/// Reads a field that holds one date and nothing else (trailing
/// punctuation aside). A date without a year takes `default_year`; without
/// one it is `None`, as is a date that does not exist ("31.02.2012").
pub fn parse_date(raw: &str, default_year: Option<i32>) -> Option<PartialDate> {
    let text = normalize_spaces(raw);
    let text = text.trim().trim_end_matches([',', ';', ':']).trim();
    let found = find_dates(text, default_year);
    let [(date, span)] = found.as_slice() else {
        return None;
    };
    let rest = format!(
        "{}{}",
        text.get(..span.start).unwrap_or("x"),
        text.get(span.end..).unwrap_or("x")
    );
    rest.chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | ','))
        .then_some(*date)
}

/// The year a header or label names: four digits 1990–2100, maybe followed
/// by ":" (or, in running text, "." or ",").
pub fn year_of(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches([':', '.', ',']);
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

static_regex! {
    /// A date a column header prints: "pr. 01.01.2013", also when a narrow
    /// cell broke the year ("01.01.201" / "3", "31.12.20" / "14") or the form
    /// printed only its first digits for the writer to complete ("01.01.20").
    HEADER_DATE = r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*((?:\d\s*){0,4})";
}

/// Day, month and the year's digits as far as a header gives them.
#[derive(Debug, Clone, PartialEq)]
struct HeaderDate {
    day: u32,
    month: u32,
    digits: String,
}

impl HeaderDate {
    fn read(title: &str) -> Option<HeaderDate> {
        let caps = HEADER_DATE.captures(title)?;
        let day = caps.get(1)?.as_str().parse().ok()?;
        let month = caps.get(2)?.as_str().parse().ok()?;
        let year = caps.get(3).map_or("", |m| m.as_str());
        let digits: String = year.chars().filter(char::is_ascii_digit).collect();
        Some(HeaderDate { day, month, digits })
    }

    /// The year the digits write out in full: four digits, or two that
    /// are not the "20" a form prints for the writer to complete.
    fn full_year(&self) -> Option<i32> {
        match self.digits.len() {
            4 => self.digits.parse().ok(),
            2 if self.digits != "20" => self.digits.parse::<i32>().ok().map(|y| 2000 + y),
            _ => None,
        }
    }

    /// The date, its year completed from `context` years (tried in order)
    /// when the header leaves it unfinished; whether it was completed.
    fn resolve(&self, context: &[Option<i32>]) -> Option<(PartialDate, bool)> {
        if let Some(year) = self.full_year() {
            return PartialDate::ymd(year, self.month, self.day).map(|d| (d, false));
        }
        let year = context
            .iter()
            .flatten()
            .find(|y| y.to_string().starts_with(&self.digits))?;
        PartialDate::ymd(*year, self.month, self.day).map(|d| (d, true))
    }
}

/// The dates a start and an end column header print ("Status behov pr.
/// 01.01.20"), each completed from the other and from the report's `year`
/// where the header leaves its year unfinished; whether any was completed.
pub fn header_dates(
    start: Option<&str>,
    end: Option<&str>,
    year: Option<i32>,
) -> (Option<PartialDate>, Option<PartialDate>, bool) {
    let start = start.and_then(HeaderDate::read);
    let end = end.and_then(HeaderDate::read);
    let start_full = start.as_ref().and_then(HeaderDate::full_year);
    let end_full = end.as_ref().and_then(HeaderDate::full_year);
    let a = start.and_then(|d| d.resolve(&[end_full, year]));
    let b = end.and_then(|d| d.resolve(&[start_full, year]));
    let inferred = a.is_some_and(|d| d.1) || b.is_some_and(|d| d.1);
    (a.map(|d| d.0), b.map(|d| d.0), inferred)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str, default_year: Option<i32>) -> Option<String> {
        parse_date(raw, default_year).map(|d| d.to_iso())
    }

    #[test]
    fn day_precision() {
        assert_eq!(iso("31. august 2011", None).as_deref(), Some("2011-08-31"));
        assert_eq!(iso("31.august 2011", None).as_deref(), Some("2011-08-31"));
        assert_eq!(iso("24.02.2015", None).as_deref(), Some("2015-02-24"));
        assert_eq!(iso("22.03.2013", None).as_deref(), Some("2013-03-22"));
        assert_eq!(iso("01.03.11", None).as_deref(), Some("2011-03-01"));
        assert_eq!(iso("2013-03-22", None).as_deref(), Some("2013-03-22"));
        assert_eq!(iso("15. JANUAR 2013", None).as_deref(), Some("2013-01-15"));
        assert_eq!(iso("29.02.2012", None).as_deref(), Some("2012-02-29"));
        assert_eq!(iso(" 22.12.2009. ", None).as_deref(), Some("2009-12-22"));
        assert_eq!(iso("3. des. 2012", None).as_deref(), Some("2012-12-03"));
    }

    #[test]
    fn year_from_context() {
        assert_eq!(iso("20.6.", Some(2013)).as_deref(), Some("2013-06-20"));
        assert_eq!(iso("20.6.", None), None);
        assert_eq!(iso("20.06", Some(2013)).as_deref(), Some("2013-06-20"));
        assert_eq!(iso("1. mars", Some(2012)).as_deref(), Some("2012-03-01"));
        assert_eq!(iso("31. august", Some(2011)).as_deref(), Some("2011-08-31"));
        assert_eq!(iso("31. august", None), None);
        // an explicit year beats the default
        assert_eq!(iso("24.02.2015", Some(2013)).as_deref(), Some("2015-02-24"));
    }

    #[test]
    fn month_precision() {
        assert_eq!(iso("Oktober 2011", None).as_deref(), Some("2011-10"));
        assert_eq!(iso("november 2010", None).as_deref(), Some("2010-11"));
        assert_eq!(iso("November 2010", None).as_deref(), Some("2010-11"));
        assert_eq!(iso("mai 2012", None).as_deref(), Some("2012-05"));
        assert_eq!(iso("des. 2012", None).as_deref(), Some("2012-12"));
        assert_eq!(iso("jan. 2015", None).as_deref(), Some("2015-01"));
        assert_eq!(iso("Januar 2015", None).as_deref(), Some("2015-01"));
    }

    #[test]
    fn invalid_or_not_a_date() {
        assert_eq!(iso("31.02.2012", None), None);
        assert_eq!(iso("29.02.2013", None), None);
        assert_eq!(iso("32.01.2012", None), None);
        assert_eq!(iso("12.13.2012", None), None);
        assert_eq!(iso("1 000", Some(2012)), None);
        assert_eq!(iso("2011-2014", Some(2012)), None);
        assert_eq!(iso("Ikke avklart", Some(2012)), None);
        assert_eq!(iso("", Some(2012)), None);
        assert_eq!(iso("22.03.2013 og 24.04.2013", None), None);
        assert_eq!(iso("mai", Some(2012)), None);
    }

    #[test]
    fn finds_every_date_in_order() {
        let text = "Samarbeidsavtale undertegnet 22.12.2009. Programleder ansatt fra 22.02.2010.";
        let found: Vec<String> = find_dates(text, None)
            .iter()
            .map(|(d, _)| d.to_iso())
            .collect();
        assert_eq!(found, ["2009-12-22", "2010-02-22"]);
        let (_, span) = &find_dates(text, None)[0];
        assert_eq!(text.get(span.clone()), Some("22.12.2009"));

        let found: Vec<String> = find_dates("14.6. 19.6.", Some(2013))
            .iter()
            .map(|(d, _)| d.to_iso())
            .collect();
        assert_eq!(found, ["2013-06-14", "2013-06-19"]);

        let found: Vec<String> = find_dates(
            "Programstart: Oktober 2011 Rapporteringsdato: 20.6. Behandlet 31. august 2011",
            Some(2013),
        )
        .iter()
        .map(|(d, _)| d.to_iso())
        .collect();
        assert_eq!(found, ["2011-10", "2013-06-20", "2011-08-31"]);
    }

    #[test]
    fn numbers_and_phones_are_not_dates() {
        for text in [
            "1 000",
            "1.200.000",
            "2011-2014",
            "67 93 43 24",
            "Telefon: 95778644/97543729",
            "+47 950 12 345",
            "33.06.41.13",
            "kr 1.234,50",
            "3.5 millioner",
            "versjon 1.10.2",
        ] {
            assert!(
                find_dates(text, Some(2012)).is_empty(),
                "{text:?} gave {:?}",
                find_dates(text, Some(2012))
            );
        }
    }

    fn dates(start: &str, end: &str, year: Option<i32>) -> (Option<String>, Option<String>, bool) {
        let (a, b, inferred) = header_dates(Some(start), Some(end), year);
        (a.map(|d| d.to_iso()), b.map(|d| d.to_iso()), inferred)
    }

    fn full(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn header_years_broken_by_narrow_cells_are_joined() {
        assert_eq!(
            dates(
                "Status behov pr.\n01.01.201\n3",
                "Status behov pr.\n31.12.201\n3",
                None
            ),
            (full("2013-01-01"), full("2013-12-31"), false)
        );
        assert_eq!(
            dates(
                "Status behov\npr.\n01.01.20\n15",
                "31.12.2\n015",
                Some(2016)
            ),
            (full("2015-01-01"), full("2015-12-31"), false)
        );
        assert_eq!(
            dates(
                "Status behov pr. 01.01. 2013",
                "Status behov pr. 31.12.20 12",
                None
            ),
            (full("2013-01-01"), full("2012-12-31"), false)
        );
    }

    #[test]
    fn form_printed_partial_years_are_completed_never_read_as_2020() {
        // "20" printed by the form and left as it was: the other header's year.
        assert_eq!(
            dates(
                "Status behov pr. 01.01.20",
                "Status behov pr. 31.12.2014",
                Some(2013)
            ),
            (full("2014-01-01"), full("2014-12-31"), true)
        );
        // Neither header completed: the report's year.
        assert_eq!(
            dates("pr. 01.01.20", "pr. 31.12.20", Some(2012)),
            (full("2012-01-01"), full("2012-12-31"), true)
        );
        // No year anywhere: no date rather than 2020.
        assert_eq!(
            dates("pr. 01.01.20", "pr. 31.12.20", None),
            (None, None, false)
        );
        // "201" needs a year of the 2010s.
        assert_eq!(
            dates("pr. 01.01.201", "pr. 31.12.201", Some(2009)),
            (None, None, false)
        );
        // A two-digit year the writer wrote.
        assert_eq!(
            dates("pr. 01.01.13", "pr. 31.12.13", None),
            (full("2013-01-01"), full("2013-12-31"), false)
        );
    }
}
