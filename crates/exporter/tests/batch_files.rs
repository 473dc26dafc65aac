//! The files a batch writes, read back as a user would read them.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use skjema_exporter::{
    report_tables, BatchWriter, ErrorKind, ErrorRow, ExportOptions, DUPLICATES, ERRORS,
};
use skjema_model::*;

fn full_report(id: &str) -> Report {
    let mut r = Report::empty(id, "inn/Moss, 2012.pdf", "application/pdf");
    r.source.sha256 = format!("{id}{}", "0".repeat(48));
    r.source.pages = 12;
    r.source.producer = Some("Microsoft® Word 2010".into());
    r.template = Template::Arsrapport2012;
    r.template_confidence = 0.75;
    r.kind = Kind::Arsrapport;
    r.period.year = Some(2012);
    r.municipality.name = Some("Moss".into());
    r.municipality.number = Some("0104".into());
    r.programme.name = Some("Bo trygt, \"alle\"".into());
    r.reporting.phones = vec!["69241000".into(), "91234567".into()];
    r.households.push(Household {
        category: HouseholdCategory::A,
        label: Some("Husstander uten eid eller leid bolig".into()),
        need_start: Some(40),
        need_end: None,
        housed: Some(12),
        comment: Some("linje 1\nlinje 2".into()),
        as_of_start: Some("2012-01-01".into()),
        as_of_end: Some("2012-12-31".into()),
    });
    r.households.push(Household {
        category: HouseholdCategory::Barnefamilier,
        label: None,
        need_start: None,
        need_end: Some(5),
        housed: None,
        comment: None,
        as_of_start: None,
        as_of_end: None,
    });
    r.indicators.push(Indicator {
        code: "startlan_fastrente".into(),
        label: "Herav antall med fastrente".into(),
        value: Some(3.0),
        unit: Unit::Count,
        as_of: None,
        comment: None,
    });
    r.indicators.push(Indicator {
        code: "other".into(),
        label: "Andel".into(),
        value: Some(12.5),
        unit: Unit::Percent,
        as_of: Some("2015-01".into()),
        comment: None,
    });
    r.activities.push(Activity {
        area: None,
        number: Some("3)".into()),
        activity: Some("Boveiledning".into()),
        plan: None,
        result: None,
        status: Some(ActivityStatus::Viderefort),
        progress_pct: Some(30.0),
        deviation: None,
        reason: None,
        due: None,
    });
    r.budget.push(BudgetRow {
        activity: Some("Prosjektleder".into()),
        budget: Some(800_000),
        accounts: Some(-150_000),
        grant_husbanken: None,
        own_funding: None,
        other_funding: None,
        total: Some(8_560_507),
        deviation: None,
        note: Some("Ikke avklart".into()),
    });
    r.partners.push(Partner {
        actor: "Politi".into(),
        group: Some(PartnerGroup::Ekstern),
        participation: None,
    });
    r.tables.push(RawTable {
        page: 3,
        bbox: None,
        rows: vec![vec!["A".into(), "40".into()], vec!["B".into()]],
    });
    r.issues.push(Issue {
        severity: Severity::Warning,
        code: IssueCode::ValueUncertain,
        field: Some("households[0].need_start".into()),
        page: Some(3),
        message: "The number was written with a question mark.".into(),
        raw: Some("40?".into()),
    });
    r.provenance.insert(
        "households[0].need_start".into(),
        Provenance {
            page: 3,
            bbox: Some([72.0, 100.5, 369.38000000000005, 112.004_999]),
            raw: "40?".into(),
        },
    );
    r
}

fn read_csv(dir: &Path, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(dir.join(name)).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header.iter().position(|h| h == name).unwrap();
    &row[i]
}

fn all_csv_names() -> Vec<String> {
    report_tables()
        .iter()
        .map(|t| format!("{}.csv", t.name()))
        .chain([
            format!("{}.csv", DUPLICATES.name),
            format!("{}.csv", ERRORS.name),
        ])
        .collect()
}

#[test]
fn an_empty_batch_writes_every_file_with_its_header() {
    let out = tempfile::tempdir().unwrap();
    let summary = BatchWriter::create(out.path(), &ExportOptions::default())
        .unwrap()
        .finish()
        .unwrap();
    assert_eq!(summary.reports, 0);
    for name in all_csv_names() {
        let text = fs::read_to_string(out.path().join(&name)).unwrap();
        assert_eq!(
            text.lines().count(),
            1,
            "{name} should hold only its header"
        );
        assert!(
            text.starts_with("report_id,") || name == "errors.csv" || name == "duplicates.csv",
            "{name}: {text}"
        );
    }
    assert_eq!(fs::read(out.path().join("reports.jsonl")).unwrap(), b"");
    assert!(out.path().join("schema.json").exists());
    assert!(out.path().join("datapackage.json").exists());
}

#[test]
fn rows_are_typed_cells_keyed_by_report_id() {
    let out = tempfile::tempdir().unwrap();
    let mut batch = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
    batch.add_report(&full_report("aaaaaaaaaaaaaaaa")).unwrap();
    let summary = batch.finish().unwrap();
    assert_eq!((summary.reports, summary.errors, summary.issues), (1, 0, 1));
    let dir = out.path();

    let (h, rows) = read_csv(dir, "reports.csv");
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(column(&h, r, "report_id"), "aaaaaaaaaaaaaaaa");
    assert_eq!(column(&h, r, "source_path"), "inn/Moss, 2012.pdf");
    assert_eq!(column(&h, r, "source_pages"), "12");
    assert_eq!(column(&h, r, "template"), "arsrapport_2012");
    assert_eq!(column(&h, r, "template_confidence"), "0.75");
    assert_eq!(column(&h, r, "period_year"), "2012");
    assert_eq!(column(&h, r, "period_half"), "");
    assert_eq!(column(&h, r, "programme_name"), "Bo trygt, \"alle\"");
    assert_eq!(column(&h, r, "reporting_phones"), "69241000; 91234567");
    assert_eq!(column(&h, r, "reporting_emails"), "");
    assert_eq!(column(&h, r, "n_issues"), "1");

    let (h, rows) = read_csv(dir, "households.csv");
    assert_eq!(
        h,
        [
            "report_id",
            "row",
            "category",
            "label",
            "need_start",
            "need_end",
            "housed",
            "comment",
            "as_of_start",
            "as_of_start_precision",
            "as_of_end",
            "as_of_end_precision"
        ]
    );
    assert_eq!(column(&h, &rows[0], "as_of_end"), "2012-12-31");
    assert_eq!(column(&h, &rows[0], "as_of_end_precision"), "day");
    assert_eq!(column(&h, &rows[1], "as_of_end"), "");
    assert_eq!(column(&h, &rows[1], "as_of_end_precision"), "");
    assert_eq!(rows.len(), 2);
    assert_eq!(column(&h, &rows[0], "need_start"), "40");
    assert_eq!(column(&h, &rows[0], "need_end"), "");
    assert_eq!(column(&h, &rows[0], "comment"), "linje 1\nlinje 2");
    assert_eq!(column(&h, &rows[1], "row"), "1");
    assert_eq!(column(&h, &rows[1], "category"), "barnefamilier");

    let (h, rows) = read_csv(dir, "indicators.csv");
    assert_eq!(column(&h, &rows[0], "value"), "3");
    assert_eq!(column(&h, &rows[1], "value"), "12.5");
    assert_eq!(column(&h, &rows[1], "unit"), "percent");
    assert_eq!(column(&h, &rows[1], "as_of"), "2015-01-01");
    assert_eq!(column(&h, &rows[1], "as_of_precision"), "month");

    let (h, rows) = read_csv(dir, "activities.csv");
    assert_eq!(column(&h, &rows[0], "status"), "videreført");
    assert_eq!(column(&h, &rows[0], "progress_pct"), "30");

    let (h, rows) = read_csv(dir, "budget.csv");
    assert_eq!(column(&h, &rows[0], "accounts"), "-150000");
    assert_eq!(column(&h, &rows[0], "total"), "8560507");

    let (h, rows) = read_csv(dir, "partners.csv");
    assert_eq!(column(&h, &rows[0], "actor_group"), "ekstern");
    assert_eq!(column(&h, &rows[0], "participation"), "");

    let (h, rows) = read_csv(dir, "tables.csv");
    assert_eq!(
        h,
        ["report_id", "table_index", "page", "row", "col", "text"]
    );
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().skip(1).map(String::as_str).collect())
        .collect();
    assert_eq!(
        cells,
        [
            ["0", "3", "0", "0", "A"],
            ["0", "3", "0", "1", "40"],
            ["0", "3", "1", "0", "B"]
        ]
    );

    let (h, rows) = read_csv(dir, "issues.csv");
    assert_eq!(column(&h, &rows[0], "code"), "value_uncertain");
    assert_eq!(column(&h, &rows[0], "severity"), "warning");
    assert_eq!(column(&h, &rows[0], "field"), "households[0].need_start");
    assert_eq!(column(&h, &rows[0], "list"), "households");
    assert_eq!(column(&h, &rows[0], "list_row"), "0");
    assert_eq!(column(&h, &rows[0], "column_name"), "need_start");

    let (h, rows) = read_csv(dir, "provenance.csv");
    assert_eq!(column(&h, &rows[0], "top"), "100.5");
    assert_eq!(column(&h, &rows[0], "x0"), "72");
    assert_eq!(column(&h, &rows[0], "x1"), "369.38", "to 0.01 pt");
    assert_eq!(column(&h, &rows[0], "bottom"), "112");
    assert_eq!(column(&h, &rows[0], "list"), "households");
    assert_eq!(column(&h, &rows[0], "list_row"), "0");
    assert_eq!(column(&h, &rows[0], "column_name"), "need_start");

    let jsonl = fs::read_to_string(dir.join("reports.jsonl")).unwrap();
    let back: Report = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(back, full_report("aaaaaaaaaaaaaaaa"));
}

#[test]
fn errors_are_written_in_the_order_given() {
    let out = tempfile::tempdir().unwrap();
    let mut batch = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
    for (path, kind) in [
        ("b.pdf", ErrorKind::Empty),
        ("a, b.pdf", ErrorKind::BrokenPdf),
    ] {
        batch
            .add_error(&ErrorRow {
                path: path.into(),
                sha256: (kind != ErrorKind::Empty).then(|| "ff".repeat(32)),
                kind,
                reason: format!("{path} went wrong."),
            })
            .unwrap();
    }
    assert_eq!(batch.finish().unwrap().errors, 2);
    let text = fs::read_to_string(out.path().join("errors.csv")).unwrap();
    assert_eq!(
        text,
        format!(
            "path,sha256,kind,reason\nb.pdf,,empty,b.pdf went wrong.\n\"a, b.pdf\",{},broken_pdf,\"a, b.pdf went wrong.\"\n",
            "ff".repeat(32)
        )
    );
}

#[test]
fn per_report_json_files_are_written_on_request() {
    let out = tempfile::tempdir().unwrap();
    let options = ExportOptions {
        per_report_json: true,
        ..ExportOptions::default()
    };
    let mut batch = BatchWriter::create(out.path(), &options).unwrap();
    batch.add_report(&full_report("bbbbbbbbbbbbbbbb")).unwrap();
    assert!(batch
        .add_report(&Report::empty("../evil", "x", "text/plain"))
        .is_err());
    batch.finish().unwrap();
    let text = fs::read_to_string(out.path().join("reports/bbbbbbbbbbbbbbbb.json")).unwrap();
    let back: Report = serde_json::from_str(&text).unwrap();
    assert_eq!(back.report_id, "bbbbbbbbbbbbbbbb");
    assert!(!out.path().join("evil.json").exists());
}

#[test]
fn an_unfinished_batch_leaves_the_previous_files_and_no_temporaries() {
    let out = tempfile::tempdir().unwrap();
    let mut first = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
    first.add_report(&full_report("cccccccccccccccc")).unwrap();
    first.finish().unwrap();
    let before = fs::read(out.path().join("households.csv")).unwrap();

    let mut second = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
    second.add_report(&full_report("dddddddddddddddd")).unwrap();
    drop(second); // interrupted: never finished

    assert_eq!(fs::read(out.path().join("households.csv")).unwrap(), before);
    assert!(fs::read_to_string(out.path().join("reports.csv"))
        .unwrap()
        .contains("cccccccccccccccc"));
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn the_same_bytes_twice_are_one_report_and_rows_of_duplicates_csv() {
    let out = tempfile::tempdir().unwrap();
    let mut batch = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
    // A caller that grouped the copies: one report listing every path.
    let mut first = full_report("1111111111111111");
    first.source.paths = vec![first.source.path.clone(), "arkiv/kopi.pdf".into()];
    // A caller that did not: the same bytes again under another name.
    let mut copy = full_report("1111111111111111");
    copy.source.path = "kopi/Moss.pdf".into();
    copy.source.paths = vec![copy.source.path.clone()];
    batch.add_report(&first).unwrap();
    batch.add_report(&copy).unwrap();
    let summary = batch.finish().unwrap();
    assert_eq!((summary.reports, summary.duplicates), (1, 2));
    let dir = out.path();
    let (h, rows) = read_csv(dir, "reports.csv");
    assert_eq!(rows.len(), 1);
    assert_eq!(column(&h, &rows[0], "source_copies"), "1");
    let (_, households) = read_csv(dir, "households.csv");
    assert_eq!(households.len(), 2, "one report's rows, not two");
    assert_eq!(
        fs::read_to_string(dir.join("reports.jsonl"))
            .unwrap()
            .lines()
            .count(),
        1
    );
    let (h, rows) = read_csv(dir, "duplicates.csv");
    assert_eq!(h, ["path", "report_id", "same_as", "sha256"]);
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().take(3).map(String::as_str).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["arkiv/kopi.pdf", "1111111111111111", "inn/Moss, 2012.pdf"],
            ["kopi/Moss.pdf", "1111111111111111", "inn/Moss, 2012.pdf"]
        ]
    );
}

#[test]
fn a_new_run_leaves_no_per_report_json_of_an_earlier_one() {
    let out = tempfile::tempdir().unwrap();
    let options = ExportOptions {
        per_report_json: true,
        ..ExportOptions::default()
    };
    let mut first = BatchWriter::create(out.path(), &options).unwrap();
    first.add_report(&full_report("1111111111111111")).unwrap();
    first.add_report(&full_report("2222222222222222")).unwrap();
    first.finish().unwrap();
    let mut second = BatchWriter::create(out.path(), &options).unwrap();
    second.add_report(&full_report("2222222222222222")).unwrap();
    second.finish().unwrap();
    let dir = out.path().join("reports");
    let names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2222222222222222.json"]);
    let third = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
    third.finish().unwrap();
    assert!(!dir.exists(), "a run without --per-report-json leaves none");
}

#[test]
fn the_unwritable_output_directory_is_named_in_the_error() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("not-a-dir");
    fs::write(&file, b"x").unwrap();
    let err = BatchWriter::create(&file.join("out"), &ExportOptions::default())
        .err()
        .unwrap();
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

/// Property names of a model type's JSON Schema.
fn properties(schema: schemars::schema::RootSchema) -> BTreeSet<String> {
    schema
        .schema
        .object
        .unwrap()
        .properties
        .into_keys()
        .collect()
}

/// The columns of a table that hold a model field, by the field's name:
/// without the keys, the columns derived from another (`_precision` beside a
/// date, `due_text` beside `due`, where an issue's path lands), and with the
/// fields renamed so that no column is an SQL keyword under the model's name.
fn columns_of(name: &str) -> BTreeSet<String> {
    let table = report_tables()
        .into_iter()
        .find(|t| t.name() == name)
        .unwrap();
    let derived = [
        "report_id",
        "row",
        "due_text",
        "list",
        "list_row",
        "column_name",
    ];
    table
        .fields()
        .iter()
        .map(|f| f.name.to_string())
        .filter(|n| !derived.contains(&n.as_str()) && !n.ends_with("_precision"))
        .map(|n| match n.as_str() {
            "actor_group" => "group".to_string(),
            _ => n,
        })
        .collect()
}

#[test]
fn every_field_of_every_list_has_a_column() {
    use schemars::schema_for;
    let cases = [
        ("households", properties(schema_for!(Household))),
        ("indicators", properties(schema_for!(Indicator))),
        ("activities", properties(schema_for!(Activity))),
        ("goals", properties(schema_for!(Goal))),
        ("budget", properties(schema_for!(BudgetRow))),
        ("funding_by_year", properties(schema_for!(FundingYear))),
        ("partners", properties(schema_for!(Partner))),
        ("sections", properties(schema_for!(Section))),
        ("issues", properties(schema_for!(Issue))),
    ];
    for (table, fields) in cases {
        assert_eq!(columns_of(table), fields, "columns of {table}.csv");
    }
}

#[test]
fn every_scalar_of_a_report_has_a_column_in_reports_csv() {
    let report = serde_json::to_value(full_report("eeeeeeeeeeeeeeee")).unwrap();
    let mut expected = BTreeSet::new();
    for (key, value) in report.as_object().unwrap() {
        match value {
            serde_json::Value::Object(inner) if key != "provenance" => {
                expected.extend(inner.keys().map(|k| format!("{key}_{k}")));
            }
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => {}
            _ => {
                expected.insert(key.clone());
            }
        }
    }
    let mut columns = columns_of("reports");
    assert!(columns.remove("n_issues"));
    assert!(columns.remove("source_copies"));
    // source.paths is a list of strings kept whole in reports.jsonl and
    // duplicates.csv; source_copies counts it.
    expected.remove("source_paths");
    expected.remove("report_id");
    assert_eq!(columns, expected);
}

#[test]
fn the_data_package_describes_the_files_as_written() {
    let out = tempfile::tempdir().unwrap();
    let mut batch = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
    batch.add_report(&full_report("ffffffffffffffff")).unwrap();
    batch.finish().unwrap();
    let package: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("datapackage.json")).unwrap())
            .unwrap();
    let resources = package["resources"].as_array().unwrap();
    let paths: Vec<String> = resources
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, all_csv_names());
    for resource in resources {
        let path = resource["path"].as_str().unwrap();
        let (header, _) = read_csv(out.path(), path);
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, fields, "{path}");
        for key in resource["schema"]["primaryKey"].as_array().unwrap() {
            assert!(fields.contains(&key.as_str().unwrap()), "{path}: key {key}");
        }
        let joins = resource["schema"].get("foreignKeys").is_some();
        assert_eq!(
            joins,
            !["reports.csv", "errors.csv"].contains(&path),
            "{path}"
        );
    }
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("schema.json")).unwrap()).unwrap();
    assert_eq!(schema["title"], "Report");
    assert!(schema["properties"]["households"].is_object());
}

/// DuckDB's reserved keywords (`select keyword_name from duckdb_keywords()
/// where keyword_category = 'reserved'`), which include SQL's common ones;
/// plus a few more PostgreSQL and SQLite reserve.
const SQL_RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "default",
    "deferrable",
    "desc",
    "describe",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "group",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "lambda",
    "lateral",
    "leading",
    "limit",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "pivot",
    "pivot_longer",
    "pivot_wider",
    "placing",
    "primary",
    "qualify",
    "references",
    "returning",
    "select",
    "show",
    "some",
    "summarize",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "unpivot",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
    "user",
    "current_date",
    "current_time",
    "index",
    "key",
    "values",
    "join",
    "natural",
    "is",
    "between",
    "like",
    "by",
];

#[test]
fn no_column_name_is_an_sql_keyword() {
    let mut names: Vec<(String, &str)> = Vec::new();
    for table in report_tables() {
        for field in table.fields() {
            names.push((table.name().to_string(), field.name));
        }
    }
    for spec in [DUPLICATES.fields(), ERRORS.fields()] {
        for field in spec {
            names.push(("other".into(), field.name));
        }
    }
    let bad: Vec<String> = names
        .iter()
        .filter(|(_, n)| SQL_RESERVED.contains(n))
        .map(|(t, n)| format!("{t}.{n}"))
        .collect();
    assert!(bad.is_empty(), "SQL keywords as column names: {bad:?}");
}
