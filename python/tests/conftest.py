"""Shared set-up: the fixtures folder, a mixed folder with every kind of
input, and what the ``skjema`` command line writes for them (the reference
the Python package and the Dask job are compared with)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "pdf"

# A transcript of the first lines of an annual report (the form's title,
# the year, the municipality): text the reader takes as a report.
TRANSCRIPT = """RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM
ÅRSRAPPORT 2012
KOMMUNE: Moss kommune
Generell programinformasjon
Programnavn: Bo trygt
"""

# A text file of an archive folder with no sign of a report.
README = "Dette er en mappe med skannede dokumenter fra arkivet.\nKontakt arkivet ved spørsmål.\n"


def skjema_binary() -> Path:
    """The command line built by cargo (SKJEMA_BIN, else target/{debug,release})."""
    given = os.environ.get("SKJEMA_BIN")
    candidates = [Path(given)] if given else [REPO / "target" / "debug" / "skjema", REPO / "target" / "release" / "skjema"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.fail(f"no skjema binary at {', '.join(map(str, candidates))}; run cargo build first")


def run_cli(inputs: Path, out: Path) -> None:
    result = subprocess.run(
        [str(skjema_binary()), "extract", str(inputs), "--out", str(out), "--format", "csv,parquet", "--quiet"],
        capture_output=True,
        text=True,
    )
    # 0: every input is a report; 1: some are rows of errors.csv.
    assert result.returncode in (0, 1), result.stderr


@pytest.fixture(scope="session")
def mixed_folder(tmp_path_factory) -> Path:
    """Every fixture PDF, plus a copy of one, a truncated PDF and its copy,
    an empty file, a transcript, a README and a hidden file."""
    folder = tmp_path_factory.mktemp("inputs") / "rapporter"
    (folder / "kopier").mkdir(parents=True)
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    for pdf in pdfs:
        shutil.copy(pdf, folder / pdf.name)
    shutil.copy(pdfs[0], folder / "kopier" / f"{pdfs[0].stem} (2).pdf")
    data = pdfs[1].read_bytes()
    (folder / "avbrutt.pdf").write_bytes(data[: len(data) // 3])
    (folder / "kopier" / "avbrutt (2).pdf").write_bytes(data[: len(data) // 3])
    (folder / "tom.pdf").write_bytes(b"")
    (folder / "moss-2012.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "LESMEG.txt").write_text(README, encoding="utf-8")
    (folder / ".skjult.pdf").write_bytes(data)
    return folder


@pytest.fixture(scope="session")
def cli_out(mixed_folder, tmp_path_factory) -> Path:
    """What `skjema extract --format csv,parquet` writes for the mixed folder."""
    out = tmp_path_factory.mktemp("cli")
    run_cli(mixed_folder, out)
    return out
