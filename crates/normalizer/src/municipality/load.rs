//! Reads the CSV files of the register shipped in `data/kommuner/`.

use std::collections::HashMap;

use serde::Deserialize;
use thiserror::Error;

/// The shipped register could not be read: a packaging bug, never caused by
/// a report.
#[derive(Debug, Error)]
pub enum RegisterError {
    /// A CSV file did not parse.
    #[error("register file {file}: {source}")]
    Csv {
        /// Which file.
        file: &'static str,
        /// The parser's complaint.
        #[source]
        source: csv::Error,
    },
    /// A date column did not hold `YYYY-MM-DD`.
    #[error("register file {file}: bad date {value:?}")]
    Date {
        /// Which file.
        file: &'static str,
        /// The text found.
        value: String,
    },
}

/// A day as a sortable number, `yyyymmdd`.
pub(crate) type DayKey = i64;

/// Open-ended validity ("valid_to" empty).
pub(crate) const FOREVER: DayKey = 99_991_231;

pub(crate) fn day_key((y, m, d): (i32, u32, u32)) -> DayKey {
    i64::from(y) * 10_000 + i64::from(m) * 100 + i64::from(d)
}

fn parse_day(file: &'static str, value: &str, empty: DayKey) -> Result<DayKey, RegisterError> {
    if value.is_empty() {
        return Ok(empty);
    }
    let bad = || RegisterError::Date {
        file,
        value: value.to_string(),
    };
    let mut parts = value.split('-');
    let y = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let m = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let d = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(day_key((y, m, d)))
}

#[derive(Deserialize)]
struct KommuneCsv {
    number: String,
    name: String,
    valid_from: String,
    valid_to: String,
    #[allow(dead_code)]
    fylke_number: String,
    fylke_name: String,
}

#[derive(Deserialize)]
struct CurrentCsv {
    number: String,
    valid_from: String,
    current_number: String,
}

#[derive(Deserialize)]
struct AliasCsv {
    alias: String,
    number: String,
    valid_from: String,
    valid_to: String,
    kind: String,
    district: String,
}

/// One number with one official name over one period.
#[derive(Debug, Clone)]
pub(crate) struct KommuneRow {
    pub number: String,
    pub name: String,
    pub from: DayKey,
    pub to: DayKey,
    pub fylke_name: String,
    /// Today's number(s): one, or several where it was split.
    pub current: Vec<String>,
}

/// Another name for a number over a period.
#[derive(Debug, Clone)]
pub(crate) struct AliasRow {
    pub alias: String,
    pub number: String,
    pub from: DayKey,
    pub to: DayKey,
    pub kind: String,
    pub district: Option<String>,
}

fn read<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
) -> Result<Vec<T>, RegisterError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|source| RegisterError::Csv { file, source })
}

pub(crate) fn kommuner(
    kommuner_csv: &str,
    current_csv: &str,
) -> Result<Vec<KommuneRow>, RegisterError> {
    let mut current: HashMap<(String, String), Vec<String>> = HashMap::new();
    for c in read::<CurrentCsv>("current.csv", current_csv)? {
        let today = current.entry((c.number, c.valid_from)).or_default();
        if !today.contains(&c.current_number) {
            today.push(c.current_number);
        }
    }
    let mut rows = Vec::new();
    for k in read::<KommuneCsv>("kommuner.csv", kommuner_csv)? {
        let from = parse_day("kommuner.csv", &k.valid_from, 0)?;
        let today = current
            .remove(&(k.number.clone(), k.valid_from.clone()))
            .unwrap_or_default();
        rows.push(KommuneRow {
            to: parse_day("kommuner.csv", &k.valid_to, FOREVER)?,
            number: k.number,
            name: k.name,
            from,
            fylke_name: k.fylke_name,
            current: today,
        });
    }
    Ok(rows)
}

pub(crate) fn aliases(aliases_csv: &str) -> Result<Vec<AliasRow>, RegisterError> {
    read::<AliasCsv>("aliases.csv", aliases_csv)?
        .into_iter()
        .map(|a| {
            Ok(AliasRow {
                from: parse_day("aliases.csv", &a.valid_from, 0)?,
                to: parse_day("aliases.csv", &a.valid_to, FOREVER)?,
                alias: a.alias,
                number: a.number,
                kind: a.kind,
                district: Some(a.district).filter(|d| !d.is_empty()),
            })
        })
        .collect()
}
