"""Self-check of the generated corpus: every expected JSON has the model's
keys, and every value the expected JSON asserts is present as text in its PDF.

Run: ``python3 scripts/gen_fixtures.py --check`` (after generating).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import List

from .model import Report
from .values import norm_text

MODEL_SRC = "crates/model/src"


def struct_fields(root: Path, struct: str) -> List[str]:
    """Field names of a Rust struct in the model crate, in order (skipping serde renames is not needed:
    the model uses the Rust names)."""
    for f in sorted((root / MODEL_SRC).glob("*.rs")):
        src = f.read_text(encoding="utf-8")
        m = re.search(r"pub struct " + struct + r" \{(.*?)\n\}", src, re.S)
        if m:
            return re.findall(r"^\s*pub (\w+):", m.group(1), re.M)
    raise KeyError(struct)


def defaulted_fields(root: Path, struct: str) -> List[str]:
    """Fields of a model struct marked ``#[serde(default)]``: a reader accepts JSON without them, so an
    expected JSON that does not assert them may leave them out (``fields``, ``source.paths``)."""
    for f in sorted((root / MODEL_SRC).glob("*.rs")):
        src = f.read_text(encoding="utf-8")
        m = re.search(r"pub struct " + struct + r" \{(.*?)\n\}", src, re.S)
        if m:
            return re.findall(r"#\[serde\(default\)\]\s*(?:///[^\n]*\s*)*pub (\w+):", m.group(1))
    raise KeyError(struct)


def keys_match(root: Path, struct: str, keys: List[str]) -> bool:
    """The keys are the struct's fields in order, less any defaulted field left out."""
    optional = set(defaulted_fields(root, struct))
    return list(keys) == [k for k in struct_fields(root, struct) if k in keys or k not in optional]


def enum_values(root: Path, enum: str) -> List[str]:
    """The JSON spellings of a Rust enum's variants (serde rename / rename_all = snake_case)."""
    for f in sorted((root / MODEL_SRC).glob("*.rs")):
        src = f.read_text(encoding="utf-8")
        m = re.search(r"((?:#\[[^\n]*\]\s*)*)pub enum " + enum + r" \{(.*?)\n\}", src, re.S)
        if not m:
            continue
        snake = "rename_all = \"snake_case\"" in m.group(1)
        out = []
        rename = None
        for line in m.group(2).splitlines():
            line = line.strip()
            r = re.match(r'#\[serde\(rename = "([^"]+)"\)\]', line)
            if r:
                rename = r.group(1)
                continue
            v = re.match(r"(\w+),$", line)
            if v:
                name = v.group(1)
                if rename:
                    out.append(rename)
                elif snake:
                    out.append(re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower())
                else:
                    out.append(name)
                rename = None
        return out
    raise KeyError(enum)


LISTS = {"indicators": "Indicator", "activities": "Activity", "goals": "Goal", "budget": "BudgetRow",
         "funding_by_year": "FundingYear", "partners": "Partner", "sections": "Section"}
ENUM_FIELDS = {("indicators", "unit"): "Unit", ("activities", "status"): "ActivityStatus",
               ("partners", "group"): "PartnerGroup", ("partners", "participation"): "Participation"}
INT_FIELDS = {"budget": ("budget", "accounts", "grant_husbanken", "own_funding", "other_funding", "total",
                         "deviation"),
              "funding_by_year": ("year", "grant_husbanken", "paid_out", "own_funding", "other_funding",
                                  "carried_over", "total"),
              "sections": ("page_start", "page_end")}
FLOAT_FIELDS = {"indicators": ("value",), "activities": ("progress_pct",)}


def check_lists(root: Path, name: str, exp: dict) -> int:
    """Keys, enum spellings and number types of the list fields and sections against crates/model."""
    problems = 0
    for key, struct in LISTS.items():
        fields = struct_fields(root, struct)
        for n, row in enumerate(exp[key]):
            if list(row) != fields:
                print(f"{name}: {key}[{n}] keys {list(row)} differ from {struct} {fields}")
                problems += 1
            for (k2, fld), enum in ENUM_FIELDS.items():
                if k2 == key and row.get(fld) is not None and row[fld] not in enum_values(root, enum):
                    print(f"{name}: {key}[{n}].{fld} = {row[fld]!r} is not a {enum}")
                    problems += 1
            for fld in INT_FIELDS.get(key, ()):
                if row.get(fld) is not None and not (isinstance(row[fld], int) and not isinstance(row[fld], bool)):
                    print(f"{name}: {key}[{n}].{fld} is not an integer")
                    problems += 1
            for fld in FLOAT_FIELDS.get(key, ()):
                if row.get(fld) is not None and not isinstance(row[fld], float):
                    print(f"{name}: {key}[{n}].{fld} is not written as a float (the model has f64)")
                    problems += 1
    codes = enum_values(root, "IssueCode")
    sev = enum_values(root, "Severity")
    for i in exp["issues"]:
        if i["code"] not in codes or i["severity"] not in sev:
            print(f"{name}: issue {i['code']}/{i['severity']} not in the model")
            problems += 1
        m = re.match(r"(\w+)\[(\d+)\]", i["field"] or "")
        if m and m.group(1) in exp and int(m.group(2)) >= len(exp[m.group(1)]):
            print(f"{name}: issue field {i['field']} points past its list")
            problems += 1
    secs = exp["sections"]
    for n, s in enumerate(secs):
        if not 1 <= s["page_start"] <= s["page_end"] <= exp["source"]["pages"]:
            print(f"{name}: sections[{n}] pages {s['page_start']}-{s['page_end']} out of order")
            problems += 1
        if n + 1 < len(secs) and s["page_end"] > secs[n + 1]["page_start"]:
            print(f"{name}: sections[{n}] ends after the next section starts")
            problems += 1
    return problems


def section_page_problems(pdf: Path, exp: dict, name: str) -> int:
    """Independent check of the pages: each heading's title is on page_start (per-page pdftotext)."""
    problems = 0
    pages = [re.sub(r"\s+", "", t) for t in subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split("\f")]
    for s in exp["sections"]:
        want = re.sub(r"\s+", "", s["title"])[:40]
        if want not in pages[s["page_start"] - 1]:
            print(f"{name}: section {s['number']} {s['title'][:30]!r} not on its page_start {s['page_start']}")
            problems += 1
    return problems


def pdf_text(pdf: Path) -> str:
    """Text in reading order and in raw order (the default mode re-joins "Bo-" + "og" as "Boog")."""
    out = ""
    for mode in ([], ["-raw"]):
        out += subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout + "\n"
    # Soft hyphens are invisible; a word broken at one is whole.
    out = out.replace("\u00ad\n", "").replace("\u00ad", "")
    return norm_text(out) or ""


def written_values(r: Report) -> List[str]:
    vals = [v for _, v in r.general if v]
    for h in r.households:
        vals += [h.title, h.need_start.written, h.need_end.written, h.housed.written, *h.comment_lines]
    if r.form == "sluttrapport":
        vals += [str(r.cover["date"] or ""), str(r.programme["leader"])]
    for i in r.indicators:
        vals += [i.label, i.value.written, i.comment or ""]
    for b in r.budget:
        vals += [b.activity, b.accounts.written, b.budget.written, b.grant_husbanken.written, b.own_funding.written,
                 b.other_funding.written, b.total.written, b.deviation.written, b.note or ""]
    for f in r.funding:
        vals += [str(f.year), f.grant_husbanken.written, f.own_funding.written, f.note or ""]
    for a in r.activities:
        vals += [a.area, a.number, a.activity, a.plan, a.result, a.status_written, a.progress_written, a.deviation,
                 a.reason]
    for g in r.goals:
        vals += [g.area or g.caption or "", g.label, g.description, g.result, g.due or ""]
    for p in r.partners:
        vals += [p.actor, p.mark if p.participation else ""]
    for s in r.sections:
        for t in s.text:
            vals += [t] if isinstance(t, str) else list(t[1])
    return [v for v in vals if v and v.strip()]


def check(root: Path, reports: List[Report]) -> int:
    problems = 0
    sub = {"source": "Source", "period": "Period", "municipality": "Municipality", "programme": "Programme",
           "reporting": "Reporting"}
    hh_keys = struct_fields(root, "Household")
    issue_keys = struct_fields(root, "Issue")
    for r in reports:
        exp_path = root / "fixtures" / "expected" / f"{r.name}.json"
        pdf = root / "fixtures" / "pdf" / f"{r.name}.pdf"
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        if not keys_match(root, "Report", list(exp)):
            print(f"{r.name}: top-level keys differ from Report: {list(exp)}")
            problems += 1
        for key, struct in sub.items():
            if not keys_match(root, struct, list(exp[key])):
                print(f"{r.name}: keys of {key} differ from {struct}")
                problems += 1
        for h in exp["households"]:
            if list(h) != hh_keys:
                print(f"{r.name}: household keys differ")
                problems += 1
        for i in exp["issues"]:
            if list(i) != issue_keys:
                print(f"{r.name}: issue keys differ")
                problems += 1
        problems += check_lists(root, r.name, exp)
        problems += section_page_problems(pdf, exp, r.name)
        text = pdf_text(pdf)
        flat = text.replace(" ", "")
        for v in written_values(r):
            nv = norm_text(v) or ""
            if nv in text or nv.replace(" ", "") in flat:
                continue
            words = [w for w in nv.split() if w not in text]
            if words:
                print(f"{r.name}: not in PDF text: {v!r} (missing words {words[:4]})")
                problems += 1
        if r.form == "sluttrapport" and exp["source"]["pages"] < 6:
            print(f"{r.name}: only {exp['source']['pages']} pages")
            problems += 1
    print(f"check: {len(reports)} fixtures, {problems} problems")
    return problems
