#!/usr/bin/env python3
"""Generates skjema's fixture corpus: 42 reports (10 per form, 12 final reports) as PDFs from two
real producers, each with the expected report JSON.

    python3 scripts/gen_fixtures.py            # from the repository root; a few minutes
    python3 scripts/gen_fixtures.py --force    # re-render every PDF
    python3 scripts/gen_fixtures.py --only sluttrapport
    python3 scripts/gen_fixtures.py --check    # verify keys and that asserted values are in the PDFs

The ground truth of every report is drawn from a fixed seed
(``fixturegen/generate.py``); the forms are laid out once as blocks
(``fixturegen/forms.py``) and rendered either as a Word file (python-docx)
exported by LibreOffice Writer, or as HTML printed by headless Chromium.
Expected JSON follows docs/FIELD_RULES.md and is computed from the ground
truth, never from skjema's output. PDFs embed a creation time, so a PDF is
only re-rendered when its source changed (hash in fixtures/sources.sha256);
that keeps report_id and the expected JSON stable across re-runs.

Requirements on Debian/Ubuntu:

    apt-get install libreoffice-writer chromium poppler-utils \\
        fonts-dejavu fonts-liberation fonts-crosextra-carlito fonts-crosextra-caladea
    pip install python-docx

The municipality register is read from /work/shared/data/kommuner/ (override
with SKJEMA_KOMMUNER=DIR).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixturegen import forms, render_docx, render_html  # noqa: E402
from fixturegen.check import check  # noqa: E402
from fixturegen.expected import expected  # noqa: E402
from fixturegen.generate import all_reports  # noqa: E402
from fixturegen.register import REGISTER_DIR, Register  # noqa: E402
from fixturegen.transcripts import all_transcripts, expected_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


def source_hash(doc, producer: str) -> str:
    """Hash of what decides the PDF: the blocks and the renderer code."""
    h = hashlib.sha256(repr(doc).encode())
    h.update(producer.encode())
    gen_dir = Path(__file__).resolve().parent / "fixturegen"
    for name in ("blocks.py", "pngdraw.py", "render_docx.py" if producer == "lo" else "render_html.py"):
        h.update((gen_dir / name).read_bytes())
    return h.hexdigest()


def find(*names: str) -> str:
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    sys.exit(f"none of {names} found; see the docstring for what to install")


def chromium_pdf(chromium: str, html_path: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="fixgen-chrome-") as profile:
        cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}",
               html_path.resolve().as_uri()]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    if not out.exists():
        raise RuntimeError(f"chromium wrote no {out}")


def libreoffice_pdfs(soffice: str, docx_files: list, outdir: Path, work: Path) -> None:
    if not docx_files:
        return
    profile = work / "lo-profile"
    cmd = [soffice, "--headless", f"-env:UserInstallation={profile.resolve().as_uri()}", "--convert-to", "pdf",
           "--outdir", str(outdir), *map(str, docx_files)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)


# Header text of a table kind (whitespace removed) and how many such tables a report lays out: more
# header occurrences in the PDF than tables means a table ran over a page break with its header repeated.
SPLIT_TRAPS = [
    ("Hvaskalvigjørekonkret", lambda r: len({a.area for a in r.activities}), "activity_table_across_pages"),
    ("Beskrivelseavmål", lambda r: len({g.area for g in r.goals}) if r.form == "halvar_sor_2012" else 0,
     "goal_table_across_pages"),
]


def split_traps(r, pdf: Path) -> list:
    text = "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                                  text=True).stdout.split())
    return [trap for head, tables, trap in SPLIT_TRAPS if tables(r) and text.count(head) > tables(r)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="re-render every PDF")
    ap.add_argument("--only", default="", help="only reports whose name contains this")
    ap.add_argument("--check", action="store_true", help="then check keys and values against the PDFs' text")
    args = ap.parse_args()

    register = Register(Path(os.environ.get("SKJEMA_KOMMUNER", REGISTER_DIR)))
    reports = [r for r in all_reports() if args.only in r.name]
    pdf_dir, exp_dir = FIXTURES / "pdf", FIXTURES / "expected"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    exp_dir.mkdir(parents=True, exist_ok=True)
    hash_file = FIXTURES / "sources.sha256"
    hashes = {}
    if hash_file.exists():
        for line in hash_file.read_text().splitlines():
            h, name = line.split(maxsplit=1)
            hashes[name] = h

    chromium = soffice = None
    with tempfile.TemporaryDirectory(prefix="fixgen-") as tmp:
        work = Path(tmp)
        lo_out = work / "lo-out"
        lo_out.mkdir()
        pending_docx = []
        for r in reports:
            doc = forms.build(r)
            h = source_hash(doc, r.producer)
            pdf = pdf_dir / f"{r.name}.pdf"
            if pdf.exists() and hashes.get(r.name) == h and not args.force:
                continue
            hashes[r.name] = h
            if r.producer == "lo":
                path = work / f"{r.name}.docx"
                render_docx.render(doc, str(path))
                pending_docx.append(path)
            else:
                chromium = chromium or find("chromium", "chromium-browser", "google-chrome")
                path = work / f"{r.name}.html"
                path.write_text(render_html.render(doc), encoding="utf-8")
                print(f"chromium  {r.name}", flush=True)
                chromium_pdf(chromium, path, pdf)
        if pending_docx:
            soffice = find("soffice", "libreoffice")
            print(f"libreoffice: {len(pending_docx)} documents", flush=True)
            libreoffice_pdfs(soffice, pending_docx, lo_out, work)
            for path in pending_docx:
                shutil.move(str(lo_out / (path.stem + ".pdf")), pdf_dir / (path.stem + ".pdf"))

    hash_file.write_text("".join(f"{hashes[n]}  {n}\n" for n in sorted(hashes)))
    manifest = ["name\tform\tproducer\tmunicipality\tpages\ttraps"]
    for r in all_reports():
        pdf = pdf_dir / f"{r.name}.pdf"
        if not pdf.exists():
            continue
        exp = expected(r, forms.build(r), pdf, f"fixtures/pdf/{r.name}.pdf", register)
        (exp_dir / f"{r.name}.json").write_text(json.dumps(exp, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
        traps = r.traps + split_traps(r, pdf)
        manifest.append("\t".join([r.name, r.form, "libreoffice" if r.producer == "lo" else "chromium",
                                   r.muni_written, str(exp["source"]["pages"]), ", ".join(traps)]))
    (FIXTURES / "MANIFEST.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print(f"{len(manifest) - 1} fixtures in {FIXTURES}")
    # Archive-style text transcripts (no renderer: the text is the input).
    tr_dir = FIXTURES / "transcripts"
    tr_dir.mkdir(exist_ok=True)
    cases = all_transcripts(register)
    for name, text, exp in cases:
        (tr_dir / f"{name}.txt").write_text(text, encoding="utf-8")
        (tr_dir / f"{name}.json").write_text(
            json.dumps(expected_json(name, text, exp), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(cases)} transcripts in {tr_dir}")
    if args.check and check(ROOT, reports):
        sys.exit(1)


if __name__ == "__main__":
    main()
