//! `datapackage.json`: a Frictionless Data Package describing every CSV of a
//! batch, built from the same column tables that write the files.

use serde_json::{json, Value};

use crate::columns::FieldInfo;
use crate::duplicates_table::DUPLICATES;
use crate::error::ExportError;
use crate::errors_table::ERRORS;
use crate::report_tables::report_tables;

/// A CSV resource: its name, what a row is, its columns and keys.
struct Resource {
    name: &'static str,
    description: &'static str,
    fields: Vec<FieldInfo>,
    primary_key: &'static [&'static str],
    joins_reports: bool,
}

fn resource_json(resource: &Resource) -> Value {
    let fields: Vec<Value> = resource
        .fields
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "type": f.kind.table_schema_type(),
                "description": f.description,
            })
        })
        .collect();
    let mut schema = json!({
        "fields": fields,
        "missingValues": [""],
        "primaryKey": resource.primary_key,
    });
    if resource.joins_reports && resource.name != "reports" {
        schema["foreignKeys"] = json!([{
            "fields": ["report_id"],
            "reference": { "resource": "reports", "fields": ["report_id"] },
        }]);
    }
    json!({
        "name": resource.name,
        "path": format!("{}.csv", resource.name),
        "profile": "tabular-data-resource",
        "description": resource.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {
            "delimiter": ",",
            "lineTerminator": "\n",
            "quoteChar": "\"",
            "doubleQuote": true,
            "header": true,
        },
        "schema": schema,
    })
}

/// The data package as JSON.
pub fn datapackage() -> Value {
    let mut resources: Vec<Resource> = report_tables()
        .iter()
        .map(|table| Resource {
            name: table.name(),
            description: table.description(),
            fields: table.fields(),
            primary_key: table.primary_key(),
            joins_reports: true,
        })
        .collect();
    resources.push(Resource {
        name: DUPLICATES.name,
        description: DUPLICATES.description,
        fields: DUPLICATES.fields(),
        primary_key: DUPLICATES.primary_key,
        joins_reports: true,
    });
    resources.push(Resource {
        name: ERRORS.name,
        description: ERRORS.description,
        fields: ERRORS.fields(),
        primary_key: ERRORS.primary_key,
        joins_reports: false,
    });
    json!({
        "profile": "tabular-data-package",
        "name": "skjema-boligsosialt-utviklingsprogram",
        "title": "Husbanken's Boligsosialt utviklingsprogram: municipal reports 2009-2016",
        "description": "Tidy tables extracted by skjema from municipal reports. Every table joins to reports.csv on report_id; the full reports are in reports.jsonl (JSON Schema in schema.json).",
        "version": skjema_model::SCHEMA_VERSION,
        "resources": resources.iter().map(resource_json).collect::<Vec<_>>(),
    })
}

/// The data package pretty-printed, ending in a newline.
pub fn datapackage_json() -> Result<String, ExportError> {
    let mut text =
        serde_json::to_string_pretty(&datapackage()).map_err(|source| ExportError::Json {
            what: "datapackage.json".to_string(),
            source,
        })?;
    text.push('\n');
    Ok(text)
}
