"""The Python package against the command line: the same reports, the same
tables with the same types, the same error kinds — on the fixture PDFs and a
folder with every kind of bad input."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import skjema
from conftest import FIXTURES, README, REPO, TRANSCRIPT


@pytest.fixture(scope="session")
def dataset(mixed_folder) -> skjema.Dataset:
    return skjema.extract(mixed_folder, jobs=2)


def cli_rows(cli_out: Path, name: str) -> list:
    with open(cli_out / f"{name}.csv", newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_every_table_has_the_rows_and_types_of_the_cli_parquet(dataset, cli_out):
    assert skjema.TABLES == json_tables(cli_out)
    for name, table in dataset.tables().items():
        expected = pq.read_table(cli_out / f"{name}.parquet")
        assert table.schema.names == expected.schema.names, name
        assert table.schema.types == expected.schema.types, name
        assert table.num_rows == expected.num_rows, name
        assert table.to_pylist() == expected.to_pylist(), name
    # Not vacuous: the fixtures fill the lists.
    for name in ("reports", "households", "indicators", "activities", "issues", "provenance", "errors", "duplicates"):
        assert dataset.table(name).num_rows > 0, name


def json_tables(cli_out: Path) -> list:
    package = json.loads((cli_out / "datapackage.json").read_text(encoding="utf-8"))
    return [resource["name"] for resource in package["resources"]]


def test_reports_are_the_lines_of_reports_jsonl(dataset, cli_out):
    lines = (cli_out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert dataset.reports == [json.loads(line) for line in lines]
    assert len(dataset) == len(lines) == len(list(FIXTURES.glob("*.pdf"))) + 1  # + the transcript


def test_values_agree_with_the_ground_truth_of_the_fixtures(dataset):
    by_name = {Path(r["source"]["path"]).name: r for r in dataset.reports}
    checked = 0
    for expected_file in sorted((REPO / "fixtures" / "expected").glob("*.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        report = by_name[expected_file.stem + ".pdf"]
        assert report["municipality"]["number"] == expected["municipality"]["number"], expected_file.name
        assert report["period"]["year"] == expected["period"]["year"], expected_file.name
        checked += 1
    assert checked == len(list(FIXTURES.glob("*.pdf")))
    reports = dataset.table("reports").to_pylist()
    numbers = {Path(r["source_path"]).name: r["municipality_number"] for r in reports}
    lorenskog = json.loads((REPO / "fixtures/expected/ars_halvar_2011-01-lorenskog-lo.json").read_text())
    assert numbers["ars_halvar_2011-01-lorenskog-lo.pdf"] == lorenskog["municipality"]["number"] == "0230"


def test_column_types_are_those_of_the_data_package(dataset, cli_out):
    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32(), "datetime": pa.timestamp("ms")}
    package = json.loads((cli_out / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        table = dataset.table(resource["name"])
        for field in resource["schema"]["fields"]:
            assert table.schema.field(field["name"]).type == types[field["type"]], (resource["name"], field["name"])


def test_pandas_keeps_kommunenummer_as_text_and_dates_as_dates(dataset):
    frame = dataset.to_pandas("reports")
    row = frame[frame["source_path"].str.endswith("ars_halvar_2011-01-lorenskog-lo.pdf")].iloc[0]
    assert row["municipality_number"] == "0230"
    assert isinstance(row["municipality_number"], str)
    assert row["period_from"] == datetime.date(2011, 1, 1)
    assert type(row["period_from"]) is datetime.date
    assert row["period_to"] == datetime.date(2011, 6, 30)
    # Whole numbers stay whole (nullable Int64), even with gaps: every
    # integer column of every table, and the fixtures have such gaps.
    assert str(frame["period_year"].dtype) == "Int64"
    gaps = 0
    for name in skjema.TABLES:
        table = dataset.table(name)
        pandas_frame = dataset.to_pandas(name)
        for field in table.schema:
            if str(field.type) == "int64":
                assert str(pandas_frame[field.name].dtype) == "Int64", (name, field.name)
                gaps += int(pandas_frame[field.name].isna().any())
    assert gaps > 0
    assert frame["template_confidence"].dtype.kind == "f"
    assert set(dataset.to_pandas()) == set(skjema.TABLES)


def test_errors_and_duplicates_are_those_of_the_cli(dataset, cli_out, mixed_folder):
    assert dataset.errors == [dict(row, sha256=row["sha256"] or None) for row in cli_rows(cli_out, "errors")]
    kinds = {Path(e["path"]).name: e["kind"] for e in dataset.errors}
    assert kinds["tom.pdf"] == "empty"
    assert kinds["LESMEG.txt"] == "not_a_report"
    assert kinds["avbrutt.pdf"] in skjema.ERROR_KINDS
    duplicates = dataset.table("duplicates").to_pylist()
    copies = {Path(d["path"]).name: Path(d["same_as"]).name for d in duplicates}
    first = sorted(FIXTURES.glob("*.pdf"))[0]
    assert copies == {f"{first.stem} (2).pdf": first.name, "avbrutt (2).pdf": "avbrutt.pdf"}
    assert not any(".skjult" in e["path"] for e in dataset.errors)


def test_extract_bytes_gives_the_report_of_the_batch(dataset):
    pdf = sorted(FIXTURES.glob("*.pdf"))[3]
    batch = next(r for r in dataset.reports if r["source"]["path"].endswith(pdf.name))
    report = skjema.extract_bytes(pdf.read_bytes(), batch["source"]["path"])
    assert report == batch
    transcript = next(r for r in dataset.reports if r["source"]["path"].endswith("moss-2012.txt"))
    text = skjema.extract_bytes(TRANSCRIPT.encode("utf-8"), transcript["source"]["path"])
    assert text["source"]["media_type"] == "text/plain"
    assert text == transcript


def test_a_broken_pdf_raises_broken_pdf_error():
    data = (sorted(FIXTURES.glob("*.pdf"))[0]).read_bytes()
    with pytest.raises(skjema.BrokenPdfError) as caught:
        skjema.extract_bytes(data[:2000], "avkortet.pdf")
    err = caught.value
    assert isinstance(err, skjema.SkjemaError)
    assert err.kind == "broken_pdf"
    assert err.path == "avkortet.pdf"
    assert "avkortet.pdf" in err.reason and "damaged or truncated" in err.reason
    assert err.sha256 is not None and len(err.sha256) == 64


def test_text_that_is_not_a_report_raises_not_a_report_error():
    with pytest.raises(skjema.NotAReportError) as caught:
        skjema.extract_bytes(README.encode("utf-8"), "LESMEG.txt")
    assert caught.value.kind == "not_a_report"
    assert "no sign of a report" in str(caught.value)
    with pytest.raises(skjema.EmptyError):
        skjema.extract_bytes(b"", "tom.pdf")
    with pytest.raises(skjema.NotADocumentError) as caught:
        skjema.extract_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "bilde.png")
    assert caught.value.kind == "not_a_document"


def test_a_batch_that_cannot_run_raises(tmp_path):
    with pytest.raises(skjema.SkjemaError) as caught:
        skjema.extract(tmp_path / "finnes-ikke")
    assert caught.value.kind is None
    assert "finnes-ikke" in str(caught.value)
    with pytest.raises(KeyError):
        skjema.extract(FIXTURES, jobs=1, include="*lorenskog*").table("nope")


def test_include_chooses_files_as_the_cli_does():
    ds = skjema.extract(FIXTURES, include="*lorenskog*")
    names = [Path(r["source"]["path"]).name for r in ds.reports]
    assert names == sorted(p.name for p in FIXTURES.glob("*lorenskog*.pdf"))
    assert names
