//! The municipality register: turns a name as a report writes it ("MOSS
//! KOMMUNE", "Bydel Alna") into SSB's official name, number and county at the
//! report's date, and the number valid today.
//!
//! The register (SSB classification 131, `data/kommuner/`, see its
//! README.md) is compiled into the binary so results do not depend on the
//! machine, and parsed once per process.

mod find;
mod key;
mod load;

use std::collections::HashMap;
use std::sync::LazyLock;

pub use find::{find_district, find_in_text, TextMatch};
pub use load::RegisterError;

use load::{day_key, AliasRow, DayKey, KommuneRow};

const KOMMUNER_CSV: &str = include_str!("../../data/kommuner/kommuner.csv");
const CURRENT_CSV: &str = include_str!("../../data/kommuner/current.csv");
const ALIASES_CSV: &str = include_str!("../../data/kommuner/aliases.csv");

/// A calendar day as (year, month, day).
pub type Day = (i32, u32, u32);

/// How a name was recognised, most to least authoritative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchVia {
    /// The official name at the date.
    OfficialName,
    /// One part of an official multi-language name ("Hammerfest" of
    /// "Hammerfest - Hámmerfeasta").
    NamePart,
    /// A name listed in aliases.csv (former municipality, qualified or
    /// variant spelling).
    Alias,
    /// An urban district (bydel).
    District,
}

/// A name resolved to one municipality at a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Official name at the date, as the register spells it.
    pub name: String,
    /// Kommunenummer valid at the date.
    pub number: String,
    /// Fylke (county) name at the date.
    pub county: String,
    /// Kommunenummer valid today; `None` where the municipality was split
    /// and has no single successor (see `current_candidates`).
    pub number_current: Option<String>,
    /// Every number today that holds part of it (one unless split).
    pub current_candidates: Vec<String>,
    /// Bydel, e.g. "Alna".
    pub district: Option<String>,
    /// How the name matched.
    pub via: MatchVia,
}

impl From<&Resolved> for skjema_model::Municipality {
    fn from(r: &Resolved) -> Self {
        skjema_model::Municipality {
            name: Some(r.name.clone()),
            number: Some(r.number.clone()),
            number_current: r.number_current.clone(),
            county: Some(r.county.clone()),
            district: r.district.clone(),
        }
    }
}

/// One of several municipalities a name could mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Kommunenummer at the date.
    pub number: String,
    /// Official name at the date.
    pub name: String,
    /// County at the date.
    pub county: String,
}

/// The outcome of looking a name up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one municipality.
    Found(Resolved),
    /// Several municipalities carry the name at that date ("Våler", "Nes");
    /// the caller raises an issue rather than picking one.
    Ambiguous(Vec<Candidate>),
    /// No municipality of that name at that date.
    NotFound,
}

impl Resolution {
    /// The municipality, when exactly one was found.
    pub fn found(&self) -> Option<&Resolved> {
        match self {
            Resolution::Found(r) => Some(r),
            _ => None,
        }
    }
}

/// A name a number carried over a period.
#[derive(Debug, Clone)]
struct NameEntry {
    number: String,
    from: DayKey,
    to: DayKey,
    via: MatchVia,
    district: Option<String>,
}

impl NameEntry {
    fn valid_at(&self, at: DayKey) -> bool {
        self.from <= at && at <= self.to
    }
}

/// SSB's municipalities 2008 – today with their names, aliases and bydeler.
#[derive(Debug, Default)]
pub struct Register {
    rows: Vec<KommuneRow>,
    /// number → indices into `rows`.
    by_number: HashMap<String, Vec<usize>>,
    /// key of an official name, name part or alias → entries.
    names: HashMap<String, Vec<NameEntry>>,
    /// key of a bydel name ("alna") → entries.
    districts: HashMap<String, Vec<NameEntry>>,
}

static GLOBAL: LazyLock<Register> = LazyLock::new(|| {
    Register::from_csv(KOMMUNER_CSV, CURRENT_CSV, ALIASES_CSV).unwrap_or_else(|e| {
        // Only a broken build can get here; the tests load the same files.
        tracing::error!("municipality register failed to load: {e}");
        Register::default()
    })
});

impl Register {
    /// The register shipped with the tool, parsed on first use.
    pub fn global() -> &'static Register {
        &GLOBAL
    }

    /// Builds a register from the text of kommuner.csv, current.csv and
    /// aliases.csv.
    pub fn from_csv(
        kommuner_csv: &str,
        current_csv: &str,
        aliases_csv: &str,
    ) -> Result<Register, RegisterError> {
        let rows = load::kommuner(kommuner_csv, current_csv)?;
        let aliases = load::aliases(aliases_csv)?;
        let mut reg = Register::default();
        for (i, row) in rows.iter().enumerate() {
            reg.by_number.entry(row.number.clone()).or_default().push(i);
            let entry = |via| NameEntry {
                number: row.number.clone(),
                from: row.from,
                to: row.to,
                via,
                district: None,
            };
            reg.add_name(&row.name, entry(MatchVia::OfficialName));
            let parts: Vec<&str> = row.name.split(" - ").collect();
            if parts.len() > 1 {
                for part in parts {
                    reg.add_name(part, entry(MatchVia::NamePart));
                }
            }
        }
        for AliasRow {
            alias,
            number,
            from,
            to,
            kind,
            district,
        } in aliases
        {
            let is_bydel = kind == "bydel";
            let entry = NameEntry {
                number,
                from,
                to,
                via: if is_bydel {
                    MatchVia::District
                } else {
                    MatchVia::Alias
                },
                district: district.clone(),
            };
            match (is_bydel, district) {
                (true, Some(d)) => {
                    reg.districts.entry(key::key(&d)).or_default().push(entry);
                }
                _ => reg.add_name(&alias, entry),
            }
        }
        reg.rows = rows;
        Ok(reg)
    }

    fn add_name(&mut self, name: &str, entry: NameEntry) {
        let k = key::key(name);
        if !k.is_empty() {
            self.names.entry(k).or_default().push(entry);
        }
    }

    /// The register row of `number` valid at `at`.
    fn row_at(&self, number: &str, at: DayKey) -> Option<&KommuneRow> {
        self.by_number
            .get(number)?
            .iter()
            .filter_map(|&i| self.rows.get(i))
            .find(|r| r.from <= at && at <= r.to)
    }

    /// How many municipalities existed at a date (430 in 2009, 428 in 2013,
    /// 357 today): a check that the shipped data is whole.
    #[cfg(test)]
    pub fn count_at(&self, at: Day) -> usize {
        let at = day_key(at);
        self.rows
            .iter()
            .filter(|r| r.from <= at && at <= r.to)
            .count()
    }

    /// Looks up a name as written in a report at the date the report speaks
    /// of. Case, punctuation and the words "kommune"/"bydel" do not matter;
    /// "Oslo kommune, bydel Alna" gives Oslo with district Alna.
    pub fn resolve(&self, name: &str, at: Day) -> Resolution {
        self.resolve_with(name, at, true)
    }

    /// As [`Register::resolve`]; `bare_districts` lets a bydel name without
    /// the word "bydel" ("Alna") match, which a free-text scan must not allow
    /// ("Sentrum", "Marka" are ordinary words).
    pub(crate) fn resolve_with(&self, name: &str, at: Day, bare_districts: bool) -> Resolution {
        let at_key = day_key(at);
        let words = key::words(name);
        if let Some(pos) = words.iter().position(|w| w == "bydel" || w == "bydelen") {
            let after = words.iter().skip(pos + 1).map(String::as_str);
            let after: Vec<&str> = after.filter(|w| !key::is_kind_word(w)).collect();
            let found = self.pick(self.districts.get(&after.join(" ")), at_key);
            if !matches!(found, Resolution::NotFound) {
                return found;
            }
        }
        let k = key::key(name);
        if k.is_empty() {
            return Resolution::NotFound;
        }
        let found = self.pick(self.names.get(&k), at_key);
        if !matches!(found, Resolution::NotFound) || !bare_districts {
            return found;
        }
        self.pick(self.districts.get(&k), at_key)
    }

    /// Among the entries of one key, those valid at the date; official names
    /// (and their parts) win over aliases, as SOURCES.md's recipe says.
    fn pick(&self, entries: Option<&Vec<NameEntry>>, at: DayKey) -> Resolution {
        let Some(entries) = entries else {
            return Resolution::NotFound;
        };
        let valid: Vec<&NameEntry> = entries.iter().filter(|e| e.valid_at(at)).collect();
        let official = valid.iter().copied();
        let official =
            official.filter(|e| matches!(e.via, MatchVia::OfficialName | MatchVia::NamePart));
        let official: Vec<&NameEntry> = official.collect();
        let chosen = if official.is_empty() { valid } else { official };
        let mut numbers: Vec<&str> = chosen.iter().map(|e| e.number.as_str()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        match numbers.as_slice() {
            [] => Resolution::NotFound,
            [number] => {
                let Some(row) = self.row_at(number, at) else {
                    return Resolution::NotFound;
                };
                let best = chosen
                    .iter()
                    .min_by_key(|e| e.via as u8)
                    .copied()
                    .or_else(|| chosen.first().copied());
                let current = row.current.clone();
                Resolution::Found(Resolved {
                    name: row.name.clone(),
                    number: row.number.clone(),
                    county: row.fylke_name.clone(),
                    number_current: match current.as_slice() {
                        [one] => Some(one.clone()),
                        _ => None,
                    },
                    current_candidates: current,
                    district: best.and_then(|e| e.district.clone()),
                    via: best.map_or(MatchVia::Alias, |e| e.via),
                })
            }
            several => Resolution::Ambiguous(
                several
                    .iter()
                    .filter_map(|n| self.row_at(n, at))
                    .map(|r| Candidate {
                        number: r.number.clone(),
                        name: r.name.clone(),
                        county: r.fylke_name.clone(),
                    })
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests;
