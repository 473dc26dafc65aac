//! Dates as the model holds them (ISO 8601 text, "2014-08-31", "2014-08" when
//! only the month is known, "2014" for a year, "2013-03-22T10:11:12" for a
//! PDF's creation time) turned into typed values for the tables: a date
//! column always holds a whole date (the first day of the month or year when
//! only that is known) and a `_precision` column beside it says how much of
//! it the document gave, so no column mixes precisions and every loader reads
//! the column as a date.

/// How much of a date the document gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A whole date.
    Day,
    /// Date and time of day.
    Second,
}

impl Precision {
    /// The word in a `_precision` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Second => "second",
        }
    }
}

/// A calendar date and, optionally, a time of day, checked for validity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year (1..=9999).
    pub year: i32,
    /// Month, 1..=12 (1 when only the year is known).
    pub month: u8,
    /// Day, 1..=31 (1 when only year or month is known).
    pub day: u8,
    /// Hours, minutes, seconds, when a time is given.
    pub time: Option<(u8, u8, u8)>,
    /// How much of it the text gave.
    pub precision: Precision,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `digits` decimal digits exactly, as a number.
fn number(text: &str, digits: usize) -> Option<u32> {
    (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl PartialDate {
    /// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`; anything
    /// else (or an impossible date such as 2014-02-30) is `None`.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let (date, time) = match text.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (text, None),
        };
        let mut parts = date.split('-');
        let year = i32::try_from(number(parts.next()?, 4)?).ok()?;
        if year == 0 {
            return None;
        }
        let month = match parts.next() {
            Some(m) => Some(number(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(number(d, 2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        let month = u8::try_from(month.unwrap_or(1)).ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        let day_given = day.is_some();
        let day = u8::try_from(day.unwrap_or(1)).ok()?;
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let precision = match (text.len(), day_given) {
            (4, _) => Precision::Year,
            (7, _) => Precision::Month,
            (_, true) => Precision::Day,
            _ => return None,
        };
        let (time, precision) = match time {
            None => (None, precision),
            Some(_) if precision != Precision::Day => return None,
            Some(time) => {
                let mut hms = time.split(':');
                let h = number(hms.next()?, 2)?;
                let m = number(hms.next()?, 2)?;
                let s = number(hms.next()?, 2)?;
                if hms.next().is_some() || h > 23 || m > 59 || s > 59 {
                    return None;
                }
                let hms = (
                    u8::try_from(h).ok()?,
                    u8::try_from(m).ok()?,
                    u8::try_from(s).ok()?,
                );
                (Some(hms), Precision::Second)
            }
        };
        Some(PartialDate {
            year,
            month,
            day,
            time,
            precision,
        })
    }

    /// Days since 1970-01-01 (Arrow's and Parquet's `date32`).
    pub fn days_since_epoch(&self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i32::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i32::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Seconds since 1970-01-01T00:00:00 (no time zone), for timestamps.
    pub fn seconds_since_epoch(&self) -> i64 {
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        i64::from(self.days_since_epoch()) * 86_400
            + i64::from(h) * 3_600
            + i64::from(m) * 60
            + i64::from(s)
    }

    /// The whole date as `YYYY-MM-DD`.
    pub fn date_text(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The whole date and time as `YYYY-MM-DDTHH:MM:SS` (midnight when no
    /// time was given).
    pub fn datetime_text(&self) -> String {
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        format!("{}T{h:02}:{m:02}:{s:02}", self.date_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_precision_reads_and_fills_the_first_day() {
        let day = PartialDate::parse("2011-08-31").unwrap();
        assert_eq!(
            (day.date_text(), day.precision),
            ("2011-08-31".into(), Precision::Day)
        );
        let month = PartialDate::parse("2014-08").unwrap();
        assert_eq!(
            (month.date_text(), month.precision),
            ("2014-08-01".into(), Precision::Month)
        );
        let year = PartialDate::parse("2013").unwrap();
        assert_eq!(
            (year.date_text(), year.precision),
            ("2013-01-01".into(), Precision::Year)
        );
        let time = PartialDate::parse("2013-03-22T10:11:12").unwrap();
        assert_eq!(time.precision, Precision::Second);
        assert_eq!(time.datetime_text(), "2013-03-22T10:11:12");
    }

    #[test]
    fn impossible_or_foreign_dates_are_none() {
        for bad in [
            "",
            "2014-02-30",
            "2013-02-29",
            "2014-13",
            "2014-00",
            "14-08-31",
            "31.08.2014",
            "Kontinuerlig",
            "2014-8-1",
            "2014-08-31-01",
            "2014-08T10:00:00",
            "2014-08-31T24:00:00",
            "0000",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad:?}");
        }
        assert!(PartialDate::parse("2012-02-29").is_some(), "leap day");
        assert!(PartialDate::parse("2000-02-29").is_some(), "leap century");
        assert!(PartialDate::parse("1900-02-29").is_none(), "not leap");
    }

    #[test]
    fn epoch_days_match_the_calendar() {
        let days = |s: &str| PartialDate::parse(s).unwrap().days_since_epoch();
        assert_eq!(days("1970-01-01"), 0);
        assert_eq!(days("1969-12-31"), -1);
        assert_eq!(days("2000-03-01"), 11_017);
        // 2011-08-31: 41 years incl. 10 leap days (1972..2008) = 14_975 days to 2011-01-01, + 242.
        assert_eq!(days("2011-08-31"), 15_217);
        let t = PartialDate::parse("1970-01-02T01:00:01").unwrap();
        assert_eq!(t.seconds_since_epoch(), 86_400 + 3_601);
    }
}
