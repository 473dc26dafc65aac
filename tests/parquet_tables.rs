//! `--format csv,parquet`: every Parquet file, read with pyarrow and with
//! DuckDB, has the types of its Table Schema in `datapackage.json` and the
//! same values as its CSV, row by row.

#[path = "support/loaders.rs"]
mod loaders;

use loaders::{available, fixture_dataset, run_script};

const CHECK: &str = r#"
import csv, datetime, json
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
         "date": pa.date32(), "datetime": pa.timestamp("ms")}
DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE",
          "date": "DATE", "datetime": "TIMESTAMP"}
READ = {"string": str, "integer": int, "number": float,
        "date": datetime.date.fromisoformat, "datetime": datetime.datetime.fromisoformat}

with open("out/datapackage.json", encoding="utf-8") as f:
    package = json.load(f)
con = duckdb.connect()
checked = 0
for resource in package["resources"]:
    name, fields = resource["name"], resource["schema"]["fields"]
    with open(f"out/{name}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    assert header == [f["name"] for f in fields], name
    expected = [[None if cell == "" else READ[f["type"]](cell) for cell, f in zip(row, fields)]
                for row in rows]

    table = pq.read_table(f"out/{name}.parquet")
    assert table.schema.names == header, (name, table.schema.names)
    for f in fields:
        got = table.schema.field(f["name"]).type
        assert got == ARROW[f["type"]], (name, f["name"], f["type"], got)
    assert [list(r.values()) for r in table.to_pylist()] == expected, name

    described = con.execute(f"DESCRIBE SELECT * FROM 'out/{name}.parquet'").fetchall()
    assert [(r[0], r[1]) for r in described] == [(f["name"], DUCKDB[f["type"]]) for f in fields], (name, described)
    got = [list(r) for r in con.execute(f"SELECT * FROM 'out/{name}.parquet'").fetchall()]
    assert got == expected, name
    checked += len(rows)
assert checked > 1000, checked
print("parquet ok:", len(package["resources"]), "tables,", checked, "rows")
"#;

#[test]
fn every_parquet_file_has_the_csv_values_with_the_schema_types() {
    if !available(
        "python3",
        &["-c", "import duckdb, pyarrow"],
        "pyarrow and DuckDB (Python)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fixture_dataset(dir.path());
    run_script(dir.path(), "python3", "check_parquet.py", CHECK);
}

#[test]
fn a_run_without_parquet_leaves_none_of_an_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    fixture_dataset(dir.path());
    let out = dir.path().join("out");
    assert!(out.join("households.parquet").is_file());
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_skjema"))
        .args(["extract", "fixtures/pdf/", "--quiet", "--out"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    let parquet: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".parquet"))
        .collect();
    assert!(parquet.is_empty(), "stale Parquet files: {parquet:?}");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_skjema"))
        .args(["extract", "fixtures/pdf/", "--format", "parquet", "--out"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--format must include csv"));
}
