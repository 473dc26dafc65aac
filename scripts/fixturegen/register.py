"""Municipality resolution against SSB's register, done independently of the Rust code.

The expected JSON must not come from skjema itself, so this module follows the
"Resolution recipe" of /work/shared/data/kommuner/SOURCES.md on its own: match
the name at the reference date against official names (and their " - "
parts), then aliases, and take the current number from current.csv.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

REGISTER_DIR = Path("/work/shared/data/kommuner")


@dataclass(frozen=True)
class Resolved:
    name: str
    number: str
    number_current: Optional[str]
    county: str
    district: Optional[str]


def _valid(row: dict, date: str) -> bool:
    return row["valid_from"] <= date and (not row["valid_to"] or date <= row["valid_to"])


class Register:
    def __init__(self, directory: Path = REGISTER_DIR):
        with open(directory / "kommuner.csv", encoding="utf-8") as f:
            self.kommuner = list(csv.DictReader(f))
        with open(directory / "aliases.csv", encoding="utf-8") as f:
            self.aliases = list(csv.DictReader(f))
        with open(directory / "current.csv", encoding="utf-8") as f:
            self.current = list(csv.DictReader(f))

    def resolve(self, written: str, date: str) -> Resolved:
        """Resolves a name as a report writes it ("MOSS", "Moss kommune", "Bydel Alna")."""
        key = _clean(written)
        district = None
        row = None
        for k in self.kommuner:
            parts = [p.strip().casefold() for p in k["name"].split(" - ")]
            if _valid(k, date) and (k["name"].casefold() == key or key in parts):
                row = k
                break
        if row is None:
            hits = [a for a in self.aliases if a["alias"].casefold() == key and _valid(a, date)]
            if len(hits) != 1:
                raise ValueError(f"cannot resolve {written!r} at {date}: {len(hits)} alias hits")
            district = hits[0]["district"] or None
            row = next(k for k in self.kommuner if k["number"] == hits[0]["number"] and _valid(k, date))
        currents = [
            c for c in self.current if c["number"] == row["number"] and c["valid_from"] == row["valid_from"]
        ]
        number_current = currents[0]["current_number"] if len(currents) == 1 else None
        return Resolved(row["name"], row["number"], number_current, row["fylke_name"], district)


def _clean(written: str) -> str:
    s = " ".join(written.replace("\u00a0", " ").split()).strip(" .,:")
    low = s.casefold()
    for suffix in (" kommune",):
        if low.endswith(suffix):
            s = s[: -len(suffix)]
    return s.strip().casefold()
