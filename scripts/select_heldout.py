#!/usr/bin/env python3
"""Chooses the held-out table pages (tests/table_pages/heldout.tsv) by hash.

    python3 scripts/select_heldout.py CORPUS_DIR ENGINE_DIR > pages.txt
    SEED=heldout2 python3 scripts/select_heldout.py CORPUS_DIR - > pages.txt

CORPUS_DIR is ../shared/corpus/pdf; ENGINE_DIR holds `skjema tables --out`
of the engine at the commit the held-out set was drawn at (8168930, before
any rule of the second round), used only to choose pages, never shown. Prints
the chosen `FILE:PAGE` lines in an order shuffled by hash, for
`scripts/label_pages.py --list`.

SEED (default `heldout`, the seed of heldout.tsv) goes into the hash, so
another seed draws another set. ENGINE_DIR `-` runs no engine at all: the
"engine" stratum is left out and the set is drawn from the layout and any
strata alone (COUNTS_LAYOUT / COUNTS_ANY, default 32 / 45; up to three pages a
file in a stratum, as the layout stratum is small), as heldout2.tsv
was, so that nothing of the engine touched the choice. With an ENGINE_DIR,
COUNTS_ENGINE / COUNTS_LAYOUT / COUNTS_ANY (default 45 / 35 / 60) set the
strata's sizes. With another seed,
the pages of every `*.tsv` already in tests/table_pages/ are left out (most
files with text already have a page in one of them, so files are not).

Three strata, each taken in the order of sha1("FILE:PAGE:heldout"), one page
per file and stratum (two where a stratum has too few files), at most three
pages per file in all, leaving out the pages
of tests/table_pages/labels.tsv (the tuned set) and files that are copies of
the ICDAR 2013 development set:

- engine: pages where that engine reported a table (precision);
- layout: pages whose `pdftotext -layout` text has at least four lines of
  three or more fields set apart by runs of spaces, one of them a figure (an
  independent sign of a table, for tables the engine misses: recall);
- any: pages with at least 30 words (most hold no table).
"""
import hashlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ICDAR = os.path.join(ROOT, "..", "shared", "bench", "tables", "icdar2013-dev", "pdf")
COUNTS = {"engine": 45, "layout": 35, "any": 60}
SEED = os.environ.get("SEED", "heldout")


def key(name, page):
    return hashlib.sha1(f"{name}:{page}:{SEED}".encode()).hexdigest()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def page_texts(path):
    try:
        out = subprocess.run(
            ["pdftotext", "-q", "-layout", path, "-"],
            capture_output=True, timeout=60, check=False,
        ).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return []
    return out.split("\f")


FIELD_SPLIT = re.compile(r"\s{2,}")


def looks_tabular(text):
    rows = 0
    for line in text.splitlines():
        fields = [f for f in FIELD_SPLIT.split(line.strip()) if f]
        if len(fields) >= 3 and any(re.search(r"\d", f) and len(f) <= 12 for f in fields):
            rows += 1
    return rows >= 4


def main(argv):
    corpus, engine = argv[1], argv[2]
    labelled = set()
    sets = os.path.join(ROOT, "tests", "table_pages")
    # heldout.tsv was drawn leaving out labels.tsv only; later sets leave out all.
    names = ["labels.tsv"] if SEED == "heldout" else sorted(n for n in os.listdir(sets) if n.endswith(".tsv"))
    for tsv in names:
        with open(os.path.join(sets, tsv), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                name, page, _ = line.rstrip("\n").split("\t")
                labelled.add((name, int(page)))
    counts = {s: int(os.environ.get(f"COUNTS_{s.upper()}", n)) for s, n in COUNTS.items()}
    if engine == "-":
        counts = {
            "layout": int(os.environ.get("COUNTS_LAYOUT", "32")),
            "any": int(os.environ.get("COUNTS_ANY", "45")),
        }
    icdar = {sha256(os.path.join(ICDAR, n)) for n in os.listdir(ICDAR)} if os.path.isdir(ICDAR) else set()
    strata = {s: [] for s in COUNTS}
    for name in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, name)
        if not name.endswith(".pdf") or sha256(path) in icdar:
            continue
        texts = page_texts(path)
        found = set()
        pred = os.path.join(engine, name[:-4] + ".json")
        if engine != "-" and os.path.exists(pred):
            try:
                with open(pred, encoding="utf-8") as f:
                    data = json.load(f)
                found = {t.get("page") for t in data.get("tables", data if isinstance(data, list) else [])}
            except (ValueError, AttributeError):
                found = set()
        for i, text in enumerate(texts, 1):
            if (name, i) in labelled or len(text.split()) < 30:
                continue
            k = key(name, i)
            strata["any"].append((k, name, i))
            if i in found:
                strata["engine"].append((k, name, i))
            if looks_tabular(text):
                strata["layout"].append((k, name, i))
    chosen, per_file = [], {}
    for stratum, count in counts.items():
        here = {}
        taken = 0
        # First one page per file, then a second where the first pass fell short.
        for cap in (1, 2) if SEED == "heldout" else (1, 2, 3):
            for k, name, page in sorted(strata[stratum]):
                if taken == count:
                    break
                if here.get(name, 0) >= cap or per_file.get(name, 0) >= 3 or (k, name, page) in chosen:
                    continue
                here[name] = here.get(name, 0) + 1
                per_file[name] = per_file.get(name, 0) + 1
                chosen.append((k, name, page))
                taken += 1
        print(f"{stratum}: {taken} pages of {len(strata[stratum])}", file=sys.stderr)
    for _, name, page in sorted(chosen):
        print(f"{os.path.join(corpus, name)}:{page}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
