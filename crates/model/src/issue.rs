//! Issues: what went wrong or looked doubtful in one report.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious an issue is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the value is fine.
    Info,
    /// The value is doubtful or missing.
    Warning,
    /// Part of the document could not be read.
    Error,
}

/// Stable issue codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// A number written with a question mark, e.g. "10?".
    ValueUncertain,
    /// A range or other number that cannot be one value, e.g. "6-10".
    ValueRange,
    /// Numbers that should add up do not.
    SumMismatch,
    /// The form was not recognised.
    UnknownTemplate,
    /// A number could not be read.
    UnparsedNumber,
    /// A date could not be read.
    UnparsedDate,
    /// A phone number that is not 8 digits (or +47 and 8 digits).
    UnusualPhone,
    /// A municipality name not in the register.
    UnknownMunicipality,
    /// A municipality name matching more than one number.
    AmbiguousMunicipality,
    /// Two places in the document disagree on a value.
    ConflictingValues,
    /// An expected field was not found.
    MissingField,
    /// The PDF is encrypted.
    EncryptedPdf,
    /// No page has a text layer (scanned document).
    NoTextLayer,
    /// A font without a usable Unicode map.
    NoUnicodeMap,
    /// A font whose Unicode map a re-writer damaged (byte-swapped or folded
    /// ligature entries); the text was read back and may be inexact.
    RepairedUnicodeMap,
    /// One page failed while the others worked.
    PageFailed,
    /// A text file holds bytes that are not valid in its encoding (a
    /// Latin-1 letter in a UTF-8 file); they were read as Windows-1252.
    StrayBytes,
    /// A value that fits no column of its table.
    UnmappedValue,
    /// A status code outside n/v/g/a.
    UnknownStatus,
    /// The year had to be inferred from context.
    YearInferred,
    /// A table the form defines was not found, or its header could not be read.
    MissingTable,
}

impl IssueCode {
    /// The snake_case code used in the data.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// Something that went wrong or looked doubtful.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Issue {
    /// info, warning or error.
    pub severity: Severity,
    /// Stable snake_case code.
    pub code: IssueCode,
    /// Field path the issue is about, or null.
    pub field: Option<String>,
    /// 1-based page, or null.
    pub page: Option<u32>,
    /// One clear English sentence.
    pub message: String,
    /// The text as it stood in the document.
    pub raw: Option<String>,
}
