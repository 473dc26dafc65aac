//! `schema.json`: the JSON Schema of one report, generated from the model
//! types so that it can never disagree with `reports.jsonl`.

use skjema_model::Report;

use crate::error::ExportError;

/// The JSON Schema of a report, pretty-printed, ending in a newline.
pub fn report_schema_json() -> Result<String, ExportError> {
    let schema = schemars::schema_for!(Report);
    let mut text = serde_json::to_string_pretty(&schema).map_err(|source| ExportError::Json {
        what: "the report JSON Schema".to_string(),
        source,
    })?;
    text.push('\n');
    Ok(text)
}
