//! The list-valued parts of a report: one struct per tidy CSV file.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Category of a row of the "Anskaffe og beholde bolig" table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum HouseholdCategory {
    /// Husstander uten eid eller leid bolig.
    A,
    /// Husstander med fare for å miste boligen.
    B,
    /// Husstander med uegnet bolig.
    C,
    /// Antall barnefamilier med boligbehov (særskilt prioritert område).
    #[serde(rename = "barnefamilier")]
    Barnefamilier,
    /// Any other row; its label says what it is.
    #[serde(rename = "other")]
    Other,
}

impl HouseholdCategory {
    /// The name used in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            HouseholdCategory::A => "A",
            HouseholdCategory::B => "B",
            HouseholdCategory::C => "C",
            HouseholdCategory::Barnefamilier => "barnefamilier",
            HouseholdCategory::Other => "other",
        }
    }

    /// Parses the name used in the data and in form definitions.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "A" => Some(HouseholdCategory::A),
            "B" => Some(HouseholdCategory::B),
            "C" => Some(HouseholdCategory::C),
            "barnefamilier" => Some(HouseholdCategory::Barnefamilier),
            "other" => Some(HouseholdCategory::Other),
            _ => None,
        }
    }
}

/// One row of hovedmål 1.1 "Anskaffe og beholde bolig".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Household {
    /// A, B, C, barnefamilier or other.
    pub category: HouseholdCategory,
    /// The row label as written (without the printed explanation).
    pub label: Option<String>,
    /// Status behov per 01.01.
    pub need_start: Option<i64>,
    /// Status behov per 31.12.
    pub need_end: Option<i64>,
    /// Resultat: antall husstander som har fått egnet bolig i løpet av året.
    pub housed: Option<i64>,
    /// Eventuelle kommentarer.
    pub comment: Option<String>,
    /// Date in the "Status behov pr." start column header (ISO 8601).
    pub as_of_start: Option<String>,
    /// Date in the "Status behov pr." end column header (ISO 8601).
    pub as_of_end: Option<String>,
}

/// Unit of an indicator value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A count of things.
    Count,
    /// Norwegian kroner.
    Nok,
    /// Percent, 0–100.
    Percent,
}

/// One reported number in long format (delmål C.1, C.2 and others).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    /// Stable snake_case id from the fixed vocabulary, or `other`.
    pub code: String,
    /// The label as written.
    pub label: String,
    /// The number, or null when blank or unreadable.
    pub value: Option<f64>,
    /// count, nok or percent.
    pub unit: Unit,
    /// Date the label gives, e.g. "Januar 2015" → 2015-01.
    pub as_of: Option<String>,
    /// Eventuelle kommentarer.
    pub comment: Option<String>,
}

/// Status of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    /// n: nytt tiltak.
    Ny,
    /// v: videreført.
    #[serde(rename = "videreført")]
    Viderefort,
    /// g: gjennomført.
    #[serde(rename = "gjennomført")]
    Gjennomfort,
    /// a: avviklet.
    Avviklet,
}

/// One row of an activity-plan table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Activity {
    /// The goal or heading the table sits under.
    pub area: Option<String>,
    /// Row number as written ("1", "3)").
    pub number: Option<String>,
    /// Aktivitet.
    pub activity: Option<String>,
    /// Hva skal vi gjøre konkret.
    pub plan: Option<String>,
    /// Resultat / forventet resultat.
    pub result: Option<String>,
    /// ny, videreført, gjennomført or avviklet.
    pub status: Option<ActivityStatus>,
    /// Status framdrift i prosent, 0–100.
    pub progress_pct: Option<f64>,
    /// Avvik.
    pub deviation: Option<String>,
    /// Begrunnelse.
    pub reason: Option<String>,
    /// Frist / ferdig når (ISO 8601 or as written).
    pub due: Option<String>,
}

/// One row of a goal table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Goal {
    /// The heading the table sits under, e.g. "Programmets hovedmål 1: …"
    /// (null when it sits under none; a caption is no area).
    pub area: Option<String>,
    /// hovedmål, delmål, lokalt_mål or arbeidsmål: from the row label, else
    /// from the header of the goal column ("Delmål", "Arbeidsmål").
    pub level: Option<String>,
    /// The goal's number as printed, without the level word ("Delmål 2" →
    /// "2", a "Nr." column's "3." → "3"); under a heading that numbers its
    /// hovedmål ("Programmets hovedmål 2"), the hovedmål row takes that
    /// number and its delmål are numbered within it ("2.1").
    pub number: Option<String>,
    /// Row label as written ("Delmål 2").
    pub label: Option<String>,
    /// Beskrivelse av mål.
    pub description: Option<String>,
    /// Resultat.
    pub result: Option<String>,
    /// Varighet (ferdig når), as written.
    pub due: Option<String>,
}

/// One economy row per activity (all money in whole NOK).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetRow {
    /// Aktivitet.
    pub activity: Option<String>,
    /// Budsjett.
    pub budget: Option<i64>,
    /// Regnskap.
    pub accounts: Option<i64>,
    /// Tilskudd fra HB (kompetansetilskudd).
    pub grant_husbanken: Option<i64>,
    /// Egen finansiering kommunen.
    pub own_funding: Option<i64>,
    /// Annen finansiering.
    pub other_funding: Option<i64>,
    /// TOTALT.
    pub total: Option<i64>,
    /// Avvik (+/-).
    pub deviation: Option<i64>,
    /// Free text in the row, e.g. "Ikke avklart".
    pub note: Option<String>,
}

/// Economy of one programme year (all money in whole NOK).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FundingYear {
    /// The year.
    pub year: i32,
    /// Tilskudd fra Husbanken / tilsagn om kompetansetilskudd.
    pub grant_husbanken: Option<i64>,
    /// Utbetalt beløp.
    pub paid_out: Option<i64>,
    /// Egenfinansiering fra kommunen.
    pub own_funding: Option<i64>,
    /// Annen finansiering.
    pub other_funding: Option<i64>,
    /// Overføring fra året før.
    pub carried_over: Option<i64>,
    /// Totalt.
    pub total: Option<i64>,
    /// Free text in the row.
    pub note: Option<String>,
}

/// Kind of actor in the partner matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartnerGroup {
    /// A municipal service.
    Kommunal,
    /// An actor outside the municipality.
    Ekstern,
}

/// How an actor takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Participation {
    /// Formell deltakelse.
    Formell,
    /// Aktiv deltakelse.
    Aktiv,
    /// Blir informert.
    Informert,
    /// Ingen deltakelse.
    Ingen,
}

/// One actor of the samarbeidspartnere og aktører matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Partner {
    /// The actor as written ("Politi").
    pub actor: String,
    /// kommunal or ekstern.
    pub group: Option<PartnerGroup>,
    /// The ticked column, null when none is ticked.
    pub participation: Option<Participation>,
}

/// A numbered or titled section of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// Number as printed ("3.2", "A.1"), null for a titled section without one.
    pub number: Option<String>,
    /// Title as printed.
    pub title: Option<String>,
    /// The form's printed question or guidance, if any.
    pub prompt: Option<String>,
    /// What the municipality wrote.
    pub text: Option<String>,
    /// First page.
    pub page_start: u32,
    /// Last page.
    pub page_end: u32,
    /// Number of the enclosing section.
    pub parent: Option<String>,
}

/// A table as extracted, before mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawTable {
    /// 1-based page (first page for a table merged across pages).
    pub page: u32,
    /// `[x0, top, x1, bottom]` in PDF points from the top-left; null for text input.
    pub bbox: Option<[f64; 4]>,
    /// The grid, row by row; a spanning cell is written once at its top-left.
    pub rows: Vec<Vec<String>>,
}
