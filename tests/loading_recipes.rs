//! Every loading recipe of the README runs as written, on a fixture run,
//! and loads kommunenummer as text, dates as dates and whole numbers as
//! integers. The recipe is taken from README.md itself (the code block after
//! `<!-- recipe: NAME -->`), so the README cannot drift from what works.

#[path = "support/loaders.rs"]
mod loaders;

use loaders::{available, fixture_dataset, run_script};

/// The checks with `N_REPORTS` replaced by the number of fixture PDFs
/// (every fixture is one report).
fn with_report_count(checks: &str) -> String {
    let pdfs = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pdf"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        })
        .count();
    checks.replace("N_REPORTS", &pdfs.to_string())
}

/// The code block after `<!-- recipe: name -->` in README.md.
fn recipe(name: &str) -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let marker = format!("<!-- recipe: {name} -->");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| panic!("README.md has no {marker}"))
        .1;
    let mut lines = after.lines().skip_while(|l| !l.starts_with("```"));
    lines.next();
    let code: Vec<&str> = lines.take_while(|l| !l.starts_with("```")).collect();
    assert!(!code.is_empty(), "empty recipe {name}");
    code.join("\n") + "\n"
}

const PANDAS_CHECKS: &str = r#"
from pandas.api.types import is_datetime64_any_dtype as is_date
assert str(reports["municipality_number"].dtype) == "string", reports.dtypes
assert reports["municipality_number"].dropna().str.startswith("0").any(), "leading zero kept"
assert is_date(reports["reporting_date"]) and is_date(reports["period_from"]), reports.dtypes
assert is_date(reports["source_created"]), reports.dtypes
assert str(households["need_start"].dtype) == "Int64", households.dtypes
assert str(households_pq["need_start"].dtype) == "Int64", households_pq.dtypes
assert str(households_pq["as_of_end_precision"].dtype) in ("string", "object"), households_pq.dtypes
assert len(reports) == N_REPORTS and len(per_municipality) > 0
with open("out/datapackage.json", encoding="utf-8") as f:
    names = [r["name"] for r in json.load(f)["resources"]]
for name in names:
    table = read_table("out", name)
    fields = next(r for r in json.load(open("out/datapackage.json"))["resources"] if r["name"] == name)["schema"]["fields"]
    for f in fields:
        kind, dtype = f["type"], str(table[f["name"]].dtype)
        want = {"string": "string", "integer": "Int64", "number": "Float64"}.get(kind)
        assert (want == dtype) if want else dtype.startswith("datetime64"), (name, f["name"], kind, dtype)
"#;

#[test]
fn the_pandas_recipe_loads_typed_tables() {
    if !available(
        "python3",
        &["-c", "import pandas, pyarrow"],
        "pandas with pyarrow",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fixture_dataset(dir.path());
    let script = recipe("pandas") + &with_report_count(PANDAS_CHECKS);
    run_script(dir.path(), "python3", "pandas_recipe.py", &script);
}

const R_CHECKS: &str = r#"
stopifnot(is.character(reports$municipality_number))
stopifnot(any(startsWith(reports$municipality_number, "0"), na.rm = TRUE))
stopifnot(inherits(reports$reporting_date, "Date"), inherits(reports$period_to, "Date"))
stopifnot(inherits(reports$source_created, "POSIXct"))
stopifnot(is.numeric(households$need_start), nrow(reports) == N_REPORTS)
package <- jsonlite::fromJSON(file.path("out", "datapackage.json"), simplifyVector = FALSE)
for (resource in package$resources) {
  table <- read_table("out", resource$name)
  stopifnot(nrow(problems(table)) == 0)
}
"#;

#[test]
fn the_r_recipe_loads_typed_tables() {
    if !available(
        "Rscript",
        &["-e", "library(readr); library(jsonlite)"],
        "R with readr and jsonlite",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fixture_dataset(dir.path());
    let script = recipe("r") + &with_report_count(R_CHECKS);
    run_script(dir.path(), "Rscript", "r_recipe.R", &script);
}

#[test]
fn the_duckdb_recipe_loads_typed_tables_and_every_column_reads_unquoted() {
    if !available("python3", &["-c", "import duckdb"], "DuckDB (Python)") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fixture_dataset(dir.path());
    let sql = recipe("duckdb");
    let script = format!(
        r#"
import json, duckdb
con = duckdb.connect()
result = con.execute({sql:?}).fetchall()
assert len(result) > 0, result
def types(view):
    return {{r[0]: r[1] for r in con.execute(f"DESCRIBE {{view}}").fetchall()}}
for view in ("reports", "reports_csv"):
    t = types(view)
    assert t["municipality_number"] == "VARCHAR", (view, t)
    assert t["reporting_date"] == "DATE", (view, t)
assert types("reports")["source_created"].startswith("TIMESTAMP"), types("reports")
assert types("households")["need_start"] == "BIGINT", types("households")
with open("out/datapackage.json", encoding="utf-8") as f:
    package = json.load(f)
for resource in package["resources"]:
    for field in resource["schema"]["fields"]:
        con.execute(f"SELECT {{field['name']}} FROM 'out/{{resource['name']}}.parquet'").fetchall()
"#
    );
    run_script(dir.path(), "python3", "duckdb_recipe.py", &script);
}

const POLARS_CHECKS: &str = r#"
assert reports["municipality_number"].dtype == pl.String, reports.schema
assert reports["reporting_date"].dtype == pl.Date, reports.schema
assert households["need_start"].dtype == pl.Int64, households.schema
assert reports_csv["municipality_number"].dtype == pl.String, reports_csv.schema
assert reports_csv["reporting_date"].dtype == pl.Date, reports_csv.schema
assert reports_csv["municipality_number"].str.starts_with("0").any()
"#;

#[test]
fn the_polars_recipe_loads_typed_tables() {
    if !available("python3", &["-c", "import polars"], "polars") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fixture_dataset(dir.path());
    let script = recipe("polars") + POLARS_CHECKS;
    run_script(dir.path(), "python3", "polars_recipe.py", &script);
}
