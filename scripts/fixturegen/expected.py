"""The expected report JSON of one fixture, from its ground truth and its PDF.

Field names and order follow ``crates/model`` (``Report``); only the PDF's
identity (hash, page count, producer/creator) is read from the rendered file,
with ``pdfinfo``, and the pages of each section from its text (``pages.py``).
The lists come from the report's ground truth (``model.py``) and the sections
from the layout's record (``Document.sections``). ``tables`` and
``provenance`` are not asserted and stay empty.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

from .blocks import Document
from .model import Report
from .pages import section_pages
from .register import Register
from .values import norm_text

STATUS = {"ny", "videreført", "gjennomført", "avviklet"}


def _num(v: Optional[int]) -> Optional[float]:
    """Counts and percentages are f64 in the model: serde writes 12.0, so the expected JSON does too."""
    return None if v is None else float(v)


def section_text(items: List[object]) -> Optional[str]:
    """FIELD_RULES "Sections": paragraphs joined by a blank line, a list as "- item" lines."""
    parts = []
    for it in items:
        if isinstance(it, str):
            t = norm_text(it)
            if t:
                parts.append(t)
        else:
            _, entries = it
            lines = [f"- {norm_text(e)}" for e in entries if norm_text(e)]
            if lines:
                parts.append("\n".join(lines))
    return "\n\n".join(parts) or None


def sections(doc: Document, pdf: Path, name: str) -> List[dict]:
    pages = section_pages(pdf, doc, name)
    out = []
    for s, (p0, p1) in zip(doc.sections, pages):
        out.append({"number": s.number, "title": norm_text(s.title),
                    "prompt": norm_text(" ".join(p for p in s.prompt if p)),
                    "text": section_text(s.text), "page_start": p0, "page_end": p1, "parent": s.parent})
    return out


def lists(r: Report) -> Dict[str, list]:
    ind = [{"code": i.code, "label": norm_text(i.label), "value": _num(i.value.value), "unit": "count",
            "as_of": i.as_of, "comment": norm_text(i.comment)} for i in r.indicators]
    act = []
    for a in r.activities:
        assert a.status is None or a.status in STATUS, a.status
        act.append({"area": norm_text(a.area), "number": a.number, "activity": norm_text(a.activity),
                    "plan": norm_text(a.plan), "result": norm_text(a.result), "status": a.status,
                    "progress_pct": _num(a.progress), "deviation": norm_text(a.deviation),
                    "reason": norm_text(a.reason), "due": None})
    goals = [{"area": norm_text(g.area), "level": g.level, "number": g.number, "label": norm_text(g.label),
              "description": norm_text(g.description), "result": norm_text(g.result), "due": norm_text(g.due)}
             for g in r.goals]
    budget = [{"activity": norm_text(b.activity), "budget": b.budget.value, "accounts": b.accounts.value,
               "grant_husbanken": b.grant_husbanken.value, "own_funding": b.own_funding.value,
               "other_funding": b.other_funding.value, "total": b.total.value, "deviation": b.deviation.value,
               "note": norm_text(b.note) if not b.other_funding.written else None} for b in r.budget]
    # Which funding columns the form prints (the rest are null).
    if r.form == "halvar_sor_2012":
        cols = {"grant_husbanken", "paid_out", "own_funding", "total"}
    else:
        cols = {"grant_husbanken", "own_funding", "other_funding", "carried_over", "note"}
    funding = []
    for f in r.funding:
        row = {"year": f.year}
        for k in ("grant_husbanken", "paid_out", "own_funding", "other_funding", "carried_over", "total"):
            row[k] = getattr(f, k).value if k in cols else None
        row["note"] = norm_text(f.note) if "note" in cols else None
        funding.append(row)
    partners = [{"actor": p.actor, "group": p.group, "participation": p.participation} for p in r.partners]
    return {"indicators": ind, "activities": act, "goals": goals, "budget": budget, "funding_by_year": funding,
            "partners": partners}

SCHEMA_VERSION = "0.2.0"


def pdf_info(path: Path) -> Dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], check=True, capture_output=True, text=True).stdout
    info = {}
    for line in out.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            info[k.strip()] = v.strip()
    return info


def expected(r: Report, doc: Document, pdf: Path, rel_path: str, register: Register) -> dict:
    data = pdf.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    info = pdf_info(pdf)
    muni = register.resolve(r.muni_written, r.muni_ref_date)
    ls = lists(r)
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
        "indicators": ls["indicators"],
        "activities": ls["activities"],
        "goals": ls["goals"],
        "budget": ls["budget"],
        "funding_by_year": ls["funding_by_year"],
        "partners": ls["partners"],
        "sections": sections(doc, pdf, r.name),
        "tables": [],
        "issues": [
            {"severity": i.severity, "code": i.code, "field": i.field, "page": None, "message": "", "raw": i.raw}
            for i in r.issues
        ],
        "provenance": {},
    }
