"""The expected report JSON of one fixture, from its ground truth and its PDF.

Field names and order follow ``crates/model`` (``Report``); only the PDF's
identity (hash, page count, producer/creator) is read from the rendered file,
with ``pdfinfo``. Lists the fixtures do not assert yet stay empty.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Dict

from .model import Report
from .register import Register

SCHEMA_VERSION = "0.1.0"


def pdf_info(path: Path) -> Dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], check=True, capture_output=True, text=True).stdout
    info = {}
    for line in out.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            info[k.strip()] = v.strip()
    return info


def expected(r: Report, pdf: Path, rel_path: str, register: Register) -> dict:
    data = pdf.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    info = pdf_info(pdf)
    muni = register.resolve(r.muni_written, r.muni_ref_date)
    return {
        "schema_version": SCHEMA_VERSION,
        "report_id": sha[:16],
        "source": {
            "path": rel_path,
            "sha256": sha,
            "media_type": "application/pdf",
            "pages": int(info["Pages"]),
            "producer": info.get("Producer") or None,
            "creator": info.get("Creator") or None,
            "created": None,
        },
        "template": r.form,
        "template_confidence": 1.0,
        "kind": r.kind,
        "period": {"year": r.year, "half": r.half, "from": r.period_from, "to": r.period_to},
        "municipality": {"name": muni.name, "number": muni.number, "number_current": muni.number_current,
                         "county": muni.county, "district": muni.district},
        "programme": {k: r.programme.get(k) for k in ("name", "start", "leader", "owner")},
        "reporting": {
            "date": r.reporting["date"],
            "filled_by": r.reporting["filled_by"],
            "phones": list(r.reporting["phones"]),
            "emails": list(r.reporting["emails"]),
            "steering_group_dates": list(r.reporting["steering_group_dates"]),
        },
        "households": [
            {"category": h.category, "label": h.label, "need_start": h.need_start.value, "need_end": h.need_end.value,
             "housed": h.housed.value, "comment": h.comment, "as_of_start": h.as_of_start, "as_of_end": h.as_of_end}
            for h in r.households
        ],
        "indicators": [],
        "activities": [],
        "goals": [],
        "budget": [],
        "funding_by_year": [],
        "partners": [],
        "sections": [],
        "tables": [],
        "issues": [
            {"severity": i.severity, "code": i.code, "field": i.field, "page": None, "message": "", "raw": i.raw}
            for i in r.issues
        ],
        "provenance": {},
    }
