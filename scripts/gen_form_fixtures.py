#!/usr/bin/env python3
"""Generates the documents of docs/FORMS.md's worked example (fixtures/forms/).

Two documents on no built-in form, written with python-docx and exported to
PDF by LibreOffice (a real PDF producer), from the ground truth below:

- ``kbp_arsrapport_2017.pdf``: a later programme's annual form ("Kommunalt
  boligsosialt program – årsrapport"), read by the definition in
  ``fixtures/forms/definitions/`` with ``skjema extract --forms``;
- ``notat_halvar_2012.pdf``: a municipality's memo that calls itself a
  half-year report, on no form at all (template ``unknown``).

The expected JSON beside them (``*.expected.json``) is written by hand from
the same ground truth, not from the program's output. Run from the
repository root:

    python3 scripts/gen_form_fixtures.py

Needs python-docx and LibreOffice (``soffice``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixturegen.blocks import Cell, Cover, Document, Heading, LabelValues, P, PageBreak, Table  # noqa: E402
from fixturegen.render_docx import render  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "forms"


def kbp_arsrapport() -> Document:
    """A later programme's annual form: a cover, a label block and one table."""
    doc = Document(title="Kommunalt boligsosialt program – årsrapport", font="Calibri", body_pt=11,
                   footer_text="Kommunalt boligsosialt program – årsrapport 2017", page_numbers=True)
    doc.blocks += [
        Cover([
            P("KOMMUNALT BOLIGSOSIALT PROGRAM", "title"),
            P("Årsrapport 2017", "title"),
            P("Skien kommune", "subtitle"),
        ]),
        PageBreak(),
        Heading("1. Om programmet", 1),
        LabelValues([
            ("Programnavn:", "Trygg bolig i Skien"),
            ("Kommune:", "Skien kommune"),
            ("Programkoordinator:", "Hanne Lie"),
            ("Rapporteringsdato:", "15.02.2018"),
            ("Godkjent i programrådet:", "08.02.2018"),
            ("Telefon:", "35 58 10 00"),
            ("E-post:", "hanne.lie@skien.kommune.no"),
            ("Saksnummer:", "2018/311"),
        ], as_table=True),
        Heading("2. Tiltak i 2017", 1),
        Table(
            header=[[Cell.of("Tiltak"), Cell.of("Planlagt innsats"), Cell.of("Oppnådd"), Cell.of("Status"),
                     Cell.of("Frist")]],
            rows=[
                [Cell.of("Boligkartlegging"), Cell.of("Kartlegge alle kommunale boliger"),
                 Cell.of("120 boliger kartlagt"), Cell.of("Videreført"), Cell.of("31.12.2018")],
                [Cell.of("Bostøtteveiledning"), Cell.of("Kurs for søkere av bostøtte"),
                 Cell.of("40 deltakere"), Cell.of("Gjennomført"), Cell.of("30.06.2017")],
                [Cell.of("Leie til eie"), Cell.of("Avtale med Husbanken om startlån"),
                 Cell.of("Avtale inngått"), Cell.of("Ny"), Cell.of("01.06.2018")],
            ],
            widths=[0.2, 0.3, 0.2, 0.15, 0.15],
            font_pt=10,
        ),
        Heading("3. Erfaringer", 1),
        P("Samarbeidet med NAV og boligkontoret har gitt raskere avklaringer for søkerne."),
    ]
    return doc


def notat_halvar() -> Document:
    """A municipality's own memo: labelled lines, prose, no form."""
    doc = Document(title="Notat", font="Liberation Serif", body_pt=12)
    doc.blocks += [
        P("Moss kommune", bold=True),
        P("NOTAT", "title"),
        P("Halvårsrapport, andre halvår 2012", "subtitle"),
        LabelValues([
            ("Til:", "Husbanken region øst"),
            ("Fra:", "Boligkontoret"),
            ("Dato:", "14.01.2013"),
            ("Saksnummer:", "2013/117"),
            ("Kontaktperson:", "Ola Hansen"),
        ], as_table=False),
        Heading("Arbeidet i perioden", 2),
        P("Boligkontoret har i perioden arbeidet med bostøtte, startlån og oppfølging i bolig. "
          "Tolv husstander har fått tilbud om kommunal bolig, og tre har kjøpt egen bolig med startlån."),
        P("Arbeidet fortsetter i 2013 med vekt på unge og barnefamilier."),
    ]
    return doc


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) not found: apt-get install libreoffice-writer")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="formgen-") as tmp:
        work = Path(tmp)
        docx = []
        for name, build in (("kbp_arsrapport_2017", kbp_arsrapport), ("notat_halvar_2012", notat_halvar)):
            path = work / f"{name}.docx"
            render(build(), str(path))
            docx.append(path)
        profile = (work / "lo-profile").resolve().as_uri()
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                        "--outdir", str(OUT), *map(str, docx)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    for path in docx:
        pdf = OUT / f"{path.stem}.pdf"
        if not pdf.exists():
            sys.exit(f"LibreOffice wrote no {pdf}")
        print(pdf.relative_to(OUT.parent.parent))


if __name__ == "__main__":
    main()
