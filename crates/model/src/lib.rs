//! The canonical reporting model of skjema: the output contract.
//!
//! Every input document becomes one [`Report`]. The JSON written by a run,
//! the tidy CSV files, `schema.json` and the codebook all come from these
//! types; nothing downstream invents a field. This crate depends on nothing
//! else of skjema's.
//!
//! ```
//! use skjema_model::{Report, Template};
//! let report = Report::empty("demo", "reports/demo.pdf", "application/pdf");
//! assert_eq!(report.template, Template::Unknown);
//! let json = serde_json::to_string(&report).unwrap();
//! assert!(json.contains("\"schema_version\""));
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod issue;
mod lists;

pub use issue::{Issue, IssueCode, Severity};
pub use lists::*;

/// Version of this contract; bumped on every breaking change of a field.
pub const SCHEMA_VERSION: &str = "0.2.0";

/// One input document as a structured report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Version of the output contract this report follows.
    pub schema_version: String,
    /// Stable id derived from the SHA-256 of the source bytes (same bytes, same id).
    pub report_id: String,
    /// Where the report came from.
    pub source: Source,
    /// Which form the document follows.
    pub template: Template,
    /// How sure the recogniser is of `template`, 0..1.
    pub template_confidence: f64,
    /// What kind of report this is.
    pub kind: Kind,
    /// The programme period reported on.
    pub period: Period,
    /// The reporting municipality.
    pub municipality: Municipality,
    /// The local programme.
    pub programme: Programme,
    /// Who reported, when, and how to reach them.
    pub reporting: Reporting,
    /// Hovedmål 1.1 "Anskaffe og beholde bolig" and "Særskilt prioritert område".
    #[serde(default)]
    pub households: Vec<Household>,
    /// Every counted quantity reported as a number (delmål C.1, C.2 and others).
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Rows of activity-plan tables.
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Rows of goal tables.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Economy rows per activity.
    #[serde(default)]
    pub budget: Vec<BudgetRow>,
    /// Economy over the whole programme period, one row per year.
    #[serde(default)]
    pub funding_by_year: Vec<FundingYear>,
    /// The partner-participation matrix.
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Every numbered or titled section.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Every table found, as extracted, before mapping.
    #[serde(default)]
    pub tables: Vec<RawTable>,
    /// Every "Label: value" pair written in the document, whether or not a
    /// model field took its value (`field` says which did).
    #[serde(default)]
    pub fields: Vec<LabelledValue>,
    /// What went wrong or looked doubtful.
    #[serde(default)]
    pub issues: Vec<Issue>,
    /// Field path (e.g. `households[2].need_end`) to where the value was read.
    #[serde(default)]
    pub provenance: BTreeMap<String, Provenance>,
}

impl Report {
    /// A report with every field unknown, for the normalizer to fill in.
    pub fn empty(report_id: &str, path: &str, media_type: &str) -> Self {
        Report {
            schema_version: SCHEMA_VERSION.to_string(),
            report_id: report_id.to_string(),
            source: Source {
                path: path.to_string(),
                paths: vec![path.to_string()],
                sha256: String::new(),
                media_type: media_type.to_string(),
                pages: 0,
                producer: None,
                creator: None,
                created: None,
            },
            template: Template::Unknown,
            template_confidence: 0.0,
            kind: Kind::Annet,
            period: Period::default(),
            municipality: Municipality::default(),
            programme: Programme::default(),
            reporting: Reporting::default(),
            households: Vec::new(),
            indicators: Vec::new(),
            activities: Vec::new(),
            goals: Vec::new(),
            budget: Vec::new(),
            funding_by_year: Vec::new(),
            partners: Vec::new(),
            sections: Vec::new(),
            tables: Vec::new(),
            fields: Vec::new(),
            issues: Vec::new(),
            provenance: BTreeMap::new(),
        }
    }
}

/// The source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// Path as given on the command line (or found under a given folder):
    /// the file the report was read from.
    pub path: String,
    /// Every path the same bytes were found at in the batch, `path` first
    /// and then in sorted order; a file copied under several names is one
    /// report.
    #[serde(default)]
    pub paths: Vec<String>,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// `application/pdf` or `text/plain`, decided from the content.
    pub media_type: String,
    /// Number of pages.
    pub pages: u32,
    /// PDF `Producer` from the document information, where present.
    pub producer: Option<String>,
    /// PDF `Creator` from the document information, where present.
    pub creator: Option<String>,
    /// PDF `CreationDate` as ISO 8601, where present and readable.
    pub created: Option<String>,
}

/// Which form a document follows: one of the built-in forms, a form
/// definition loaded at run time (`skjema extract --forms DIR`) by its
/// name, or `unknown`. In the data it is the form's snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// Region øst annual form 2012–2015 ("RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM … ÅRSRAPPORT").
    Arsrapport2012,
    /// Region øst "Skjema for års- og halvårsrapportering" 2011–2012.
    ArsHalvar2011,
    /// Region sør "Skjema for halvårsrapportering" 2012–2014.
    HalvarSor2012,
    /// Final and project reports, free form.
    Sluttrapport,
    /// A form defined at run time, by the `template` name of its
    /// definition (snake_case, see [`Template::is_valid_name`]).
    Loaded(&'static str),
    /// Not recognised.
    Unknown,
}

/// The built-in templates, in the order of the enum.
const BUILT_IN: [Template; 5] = [
    Template::Arsrapport2012,
    Template::ArsHalvar2011,
    Template::HalvarSor2012,
    Template::Sluttrapport,
    Template::Unknown,
];

/// Names of loaded forms, each stored once for the life of the process (a
/// batch meets a handful), so a [`Template`] stays `Copy`.
static LOADED_NAMES: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

fn intern(name: &str) -> &'static str {
    let mut names = match LOADED_NAMES.lock() {
        Ok(names) => names,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

impl Template {
    /// The snake_case name used in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Arsrapport2012 => "arsrapport_2012",
            Template::ArsHalvar2011 => "ars_halvar_2011",
            Template::HalvarSor2012 => "halvar_sor_2012",
            Template::Sluttrapport => "sluttrapport",
            Template::Loaded(name) => name,
            Template::Unknown => "unknown",
        }
    }

    /// Parses the name of a built-in template.
    pub fn from_name(name: &str) -> Option<Self> {
        BUILT_IN.into_iter().find(|t| t.as_str() == name)
    }

    /// The template of a name: a built-in one, else a loaded form's
    /// (`None` when the name is not snake_case).
    pub fn from_any_name(name: &str) -> Option<Self> {
        Template::from_name(name)
            .or_else(|| Template::is_valid_name(name).then(|| Template::Loaded(intern(name))))
    }

    /// A form name: a lower-case ASCII letter, then lower-case letters,
    /// digits and underscores, at most 64 characters.
    pub fn is_valid_name(name: &str) -> bool {
        name.len() <= 64
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }
}

/// The pattern of [`Template::is_valid_name`], for the JSON Schema.
const TEMPLATE_NAME_PATTERN: &str = "^[a-z][a-z0-9_]{0,63}$";

impl Serialize for Template {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Template::from_any_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "template {name:?} is not a form name (lower-case letters, digits, _)"
            ))
        })
    }
}

impl JsonSchema for Template {
    fn schema_name() -> String {
        "Template".to_string()
    }

    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use schemars::schema::{InstanceType, Metadata, SchemaObject, StringValidation};
        SchemaObject {
            metadata: Some(Box::new(Metadata {
                description: Some(
                    "Which form the document follows: arsrapport_2012, ars_halvar_2011, \
                     halvar_sor_2012, sluttrapport, unknown, or the name of a form \
                     definition loaded with --forms."
                        .to_string(),
                ),
                ..Metadata::default()
            })),
            instance_type: Some(InstanceType::String.into()),
            string: Some(Box::new(StringValidation {
                pattern: Some(TEMPLATE_NAME_PATTERN.to_string()),
                ..StringValidation::default()
            })),
            ..SchemaObject::default()
        }
        .into()
    }
}

/// What kind of report a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Half-year report.
    Halvarsrapport,
    /// Annual report.
    Arsrapport,
    /// Final report.
    Sluttrapport,
    /// Anything else.
    Annet,
}

impl Kind {
    /// The snake_case name used in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Halvarsrapport => "halvarsrapport",
            Kind::Arsrapport => "arsrapport",
            Kind::Sluttrapport => "sluttrapport",
            Kind::Annet => "annet",
        }
    }
}

/// The programme period a report covers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    /// The programme year reported on.
    pub year: Option<i32>,
    /// 1 or 2 for a half-year report, null for a full year.
    pub half: Option<u8>,
    /// First day covered (ISO 8601).
    pub from: Option<String>,
    /// Last day covered (ISO 8601).
    pub to: Option<String>,
}

/// The reporting municipality, resolved against SSB's register.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Municipality {
    /// Name as the register spells it ("Elverum").
    pub name: Option<String>,
    /// SSB kommunenummer valid in the report year ("0427").
    pub number: Option<String>,
    /// Kommunenummer valid today.
    pub number_current: Option<String>,
    /// Fylke (county) in the report year.
    pub county: Option<String>,
    /// Bydel (urban district) for Oslo districts, e.g. "Alna".
    pub district: Option<String>,
}

/// The local programme.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Programme {
    /// Programme name ("TAK på eget liv").
    pub name: Option<String>,
    /// Start date (ISO 8601, day or month precision).
    pub start: Option<String>,
    /// Programleder.
    pub leader: Option<String>,
    /// Programansvarlig.
    pub owner: Option<String>,
}

/// Who reported and when.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reporting {
    /// Rapporteringsdato (ISO 8601).
    pub date: Option<String>,
    /// Utfylt av.
    pub filled_by: Option<String>,
    /// Phone numbers, digits only.
    #[serde(default)]
    pub phones: Vec<String>,
    /// E-mail addresses, lower-case.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Dates the report was treated or approved by the steering group (ISO 8601).
    #[serde(default)]
    pub steering_group_dates: Vec<String>,
}

/// Where a value was read: page, box and the raw text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Provenance {
    /// 1-based page number.
    pub page: u32,
    /// `[x0, top, x1, bottom]` in PDF points from the page's top-left; null for text input.
    pub bbox: Option<[f64; 4]>,
    /// The text as it stood in the document.
    pub raw: String,
}

/// One "Label: value" pair as written: a label ending in a colon and the
/// text after it (or in the next cell or line, when the label stands alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LabelledValue {
    /// The label as printed, without its colon ("Saksnummer").
    pub label: String,
    /// The value as printed, whitespace-normalised.
    pub value: String,
    /// The model field path the form definition mapped this value to
    /// (`programme.leader`); null when no field of the model took it.
    pub field: Option<String>,
    /// 1-based page.
    pub page: u32,
    /// `[x0, top, x1, bottom]` of label and value in PDF points from the
    /// page's top-left; null for text input.
    pub bbox: Option<[f64; 4]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_in_json_match_as_str() {
        for t in BUILT_IN {
            let json = serde_json::to_value(t).unwrap_or_default();
            assert_eq!(json.as_str(), Some(t.as_str()));
            assert_eq!(Template::from_name(t.as_str()), Some(t));
            assert_eq!(serde_json::from_value::<Template>(json).ok(), Some(t));
        }
    }

    #[test]
    fn a_loaded_form_is_its_name_in_the_data() {
        let t = Template::from_any_name("kbp_arsrapport_2017").unwrap_or(Template::Unknown);
        assert_eq!(t, Template::Loaded("kbp_arsrapport_2017"));
        assert_eq!(Template::from_name("kbp_arsrapport_2017"), None);
        let json = serde_json::to_value(t).unwrap_or_default();
        assert_eq!(json.as_str(), Some("kbp_arsrapport_2017"));
        assert_eq!(serde_json::from_value::<Template>(json).ok(), Some(t));
        assert_eq!(
            Template::from_any_name("sluttrapport"),
            Some(Template::Sluttrapport)
        );
        for bad in ["", "Årsrapport", "9form", "a b", "a-b"] {
            assert_eq!(Template::from_any_name(bad), None, "{bad:?}");
            assert!(serde_json::from_value::<Template>(bad.into()).is_err());
        }
    }

    #[test]
    fn issue_codes_are_snake_case() {
        assert_eq!(IssueCode::ValueUncertain.as_str(), "value_uncertain");
        assert_eq!(IssueCode::SumMismatch.as_str(), "sum_mismatch");
    }
}
