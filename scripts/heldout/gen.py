#!/usr/bin/env python3
"""Generate the held-out report set: filled-in report PDFs on the four forms
(tests/heldout/pdf) with the values a careful reader extracts (tests/heldout/gold).

usage: python3 scripts/heldout/gen.py [--seed N] [--per-form N] [--out tests/heldout] [--only NAME]

Everything is drawn from one seed; each document has its own random stream,
so its content and look do not depend on the other documents. Each document
is made by one producer: a .docx written with python-docx and exported by
LibreOffice ("docx"), HTML printed by headless Chromium ("chromium"), HTML
imported into LibreOffice Writer ("lohtml"), or one of those re-written by
Ghostscript ("gs"). The gold is written after the PDF, with its sha256.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common as C  # noqa: E402
import form_arsrapport  # noqa: E402
import form_arshalvar  # noqa: E402
import form_slutt  # noqa: E402
import form_sor  # noqa: E402
import produce  # noqa: E402
import render_docx  # noqa: E402
import render_html  # noqa: E402

FORMS = [("arsrapport_2012", form_arsrapport.build), ("ars_halvar_2011", form_arshalvar.build),
         ("halvar_sor_2012", form_sor.build), ("sluttrapport", form_slutt.build)]
PRODUCERS = ["docx", "chromium", "lohtml", "gs_docx", "gs_chromium", "docx", "chromium"]


def make_pdf(doc, producer, out_pdf, tmp, stem):
    if producer in ("docx", "gs_docx"):
        src = os.path.join(tmp, stem + ".docx")
        render_docx.render(doc, src)
        first = os.path.join(tmp, stem + ".pdf")
        produce.libreoffice(src, first)
    elif producer in ("chromium", "gs_chromium"):
        src = os.path.join(tmp, stem + ".html")
        render_html.render(doc, src)
        first = os.path.join(tmp, stem + ".pdf")
        produce.chromium(src, first)
    elif producer == "lohtml":
        src = os.path.join(tmp, stem + ".html")
        render_html.render(doc, src, for_libreoffice=True)
        first = os.path.join(tmp, stem + ".pdf")
        produce.libreoffice(src, first, infilter="HTML (StarWriter)")
    else:
        raise ValueError(producer)
    if producer.startswith("gs_"):
        produce.ghostscript(first, out_pdf)
    else:
        shutil.move(first, out_pdf)


def render(doc, prod, out_pdf, name, keep_sources):
    with tempfile.TemporaryDirectory() as tmp:
        make_pdf(doc, prod, out_pdf, tmp, name)
        if keep_sources:
            os.makedirs(keep_sources, exist_ok=True)
            for f in os.listdir(tmp):
                if not f.endswith(".pdf"):
                    shutil.copy(os.path.join(tmp, f), keep_sources)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--per-form", type=int, default=7)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "tests", "heldout"))
    ap.add_argument("--only", default=None, help="generate only documents whose name contains this")
    ap.add_argument("--keep-sources", default=None, help="also copy the .docx/.html sources here")
    ap.add_argument("--gold-only", action="store_true",
                    help="rewrite the gold of the PDFs already there, without rendering them again")
    a = ap.parse_args()
    pdf_dir, gold_dir = os.path.join(a.out, "pdf"), os.path.join(a.out, "gold")
    os.makedirs(pdf_dir, exist_ok=True)
    os.makedirs(gold_dir, exist_ok=True)
    plan_rng = random.Random(f"{a.seed}:plan")
    used = set()
    n = 0
    jobs = []
    for form, build in FORMS:
        prods = (PRODUCERS * 3)[:a.per_form]
        plan_rng.shuffle(prods)
        for i in range(a.per_form):
            n += 1
            jobs.append((n, form, build, i, prods[i]))
    for n, form, build, i, prod in jobs:
        name = f"h{n:02d}_{form}_{prod}"
        rng = random.Random(f"{a.seed}:{form}:{i}")
        who = C.Who(rng, used)
        ctx = C.Ctx(rng, prod)
        if form == "halvar_sor_2012":
            doc, gold = build(ctx, who, i, annual=(i == 1))
        else:
            doc, gold = build(ctx, who, i)
        if a.only and a.only not in name:
            continue
        out_pdf = os.path.join(pdf_dir, name + ".pdf")
        if not (a.gold_only and os.path.exists(out_pdf)):
            render(doc, prod, out_pdf, name, a.keep_sources)
        info = produce.pdfinfo(out_pdf)
        with open(out_pdf, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        src = {"path": name + ".pdf", "sha256": sha, "media_type": "application/pdf",
               "pages": int(info.get("Pages", "0")), "producer": info.get("Producer", "")}
        gold = {"source": src} | gold
        with open(os.path.join(gold_dir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(f"{name}: {src['pages']} pages, {os.path.getsize(out_pdf)} bytes, {src['producer']}", flush=True)


if __name__ == "__main__":
    main()
