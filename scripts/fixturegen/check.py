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


def pdf_text(pdf: Path) -> str:
    """Text in reading order and in raw order (the default mode re-joins "Bo-" + "og" as "Boog")."""
    out = ""
    for mode in ([], ["-raw"]):
        out += subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout + "\n"
    return norm_text(out) or ""


def written_values(r: Report) -> List[str]:
    vals = [v for _, v in r.general if v]
    for h in r.households:
        vals += [h.title, h.need_start.written, h.need_end.written, h.housed.written, *h.comment_lines]
    if r.form == "sluttrapport":
        vals += [str(r.cover["date"]), str(r.programme["leader"])]
    return [v for v in vals if v and v.strip()]


def check(root: Path, reports: List[Report]) -> int:
    problems = 0
    model_keys = struct_fields(root, "Report")
    sub = {"source": "Source", "period": "Period", "municipality": "Municipality", "programme": "Programme",
           "reporting": "Reporting"}
    hh_keys = struct_fields(root, "Household")
    issue_keys = struct_fields(root, "Issue")
    for r in reports:
        exp_path = root / "fixtures" / "expected" / f"{r.name}.json"
        pdf = root / "fixtures" / "pdf" / f"{r.name}.pdf"
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        if list(exp) != model_keys:
            print(f"{r.name}: top-level keys differ from Report: {list(exp)}")
            problems += 1
        for key, struct in sub.items():
            if list(exp[key]) != struct_fields(root, struct):
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
