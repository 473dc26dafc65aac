#!/usr/bin/env python3
"""Generates the table-detection fixtures in fixtures/tables/: pages that
hold no table but whose text lines up in columns (the classes the table
engine must reject) and a few pages with tables (that it must keep), each
written by a real PDF producer, with the expected table boxes in
fixtures/tables/expected.json.

    python3 scripts/gen_table_fixtures.py            # all of them
    python3 scripts/gen_table_fixtures.py NAME...    # only these (e.g. positive-stacked-tables)

Needs headless Chromium and LibreOffice Writer (soffice) with python-docx,
as scripts/gen_fixtures.py does; the tests only read the committed PDFs and
expected.json. Kept apart from fixtures/pdf/ (the report fixtures, which
scripts/gen_fixtures.py rewrites).

Chromium pages are laid out at 96 CSS pixels to the inch on an A4 page with
no margin, so a CSS pixel is 0.75 point from the page's top-left corner;
the expected box of each table is its element's bounding box, measured in
the same Chromium run (--dump-dom) and written in points. LibreOffice pages
hold no table, so their expected list is empty.
"""
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "tables"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer", "--window-size=794,1123"]

PAGE_CSS = """
@page { size: 210mm 297mm; margin: 0; }
html, body { margin: 0; padding: 0; }
body { width: 794px; font-family: 'DejaVu Sans', sans-serif; font-size: 13px; line-height: 1.35; }
.page { padding: 60px 70px; }
"""

MEASURE_JS = """
<script>
document.addEventListener('DOMContentLoaded', () => {
  const out = [...document.querySelectorAll('.expect-table')].map(e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom].map(v => Math.round(v * 0.75 * 100) / 100);
  });
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = 'MEASURED' + JSON.stringify(out) + 'END';
  pre.style.display = 'none';
  document.body.appendChild(pre);
});
</script>
"""

LOREM = ("The municipality has worked with housing for vulnerable groups since the programme started, and "
         "the report describes the work done in the period, the results reached and what remains to be done. "
         "Most of the effort went into finding homes for families with children and into helping young people "
         "keep their flats, in close cooperation with the housing office and the social services.")


def page(body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{PAGE_CSS}</style>{MEASURE_JS}</head>" \
           f"<body><div class='page'>{body}</div></body></html>"


def prose() -> str:
    paras = "".join(f"<p style='text-align:justify; word-spacing:{2 + i}px'>{LOREM} {LOREM}</p>" for i in range(5))
    return page(f"<h2>Running text</h2>{paras}")


def bullets() -> str:
    items = "".join(f"<li style='margin:4px 0'>Measure {i}: {LOREM[:90 + 7 * i]}.</li>" for i in range(1, 10))
    return page(f"<h2>Planned measures</h2><ul>{items}</ul><ol>{items}</ol>")


def notes_block() -> str:
    rows = [("NB:", "Figures for 2012 are preliminary and will be revised in the annual report."),
            ("Source:", "Statistics Norway, the municipal housing register and the programme's own counts."),
            ("*", "Households counted once even when they moved twice during the year."),
            ("**", "Includes the flats bought with the state housing grant in the autumn."),
            ("1)", "The target was changed when the programme was extended by the ministry."),
            ("2)", "Young people under 25 who left child welfare care during the period.")]
    body = "".join(f"<div style='display:flex; margin:3px 0'><div style='width:70px'>{a}</div>"
                   f"<div style='flex:1'>{b}</div></div>" for a, b in rows)
    return page(f"<p>{LOREM}</p>{body}<p>{LOREM}</p>")


def numbered_headings() -> str:
    heads = [("1", "Introduction"), ("1.1", "Background of the programme"), ("1.2", "Goals for the period"),
             ("2", "Housing for families with children"), ("2.1", "Results in the first half"),
             ("3", "Young people"), ("3.1", "Follow-up in their own home"), ("4", "Plans for next year")]
    body = "".join(f"<div style='display:flex; margin:10px 0 4px'><b style='width:60px'>{n}</b><b>{t}</b></div>"
                   f"<p style='margin:0 0 0 60px'>{LOREM[:160]}</p>" for n, t in heads)
    return page(body)


def chart() -> str:
    # A stacked bar chart with data labels in the bars and a 0-100 % axis.
    bars, labels = [], []
    groups = [("Oslo", [35, 40, 25]), ("Bergen", [20, 50, 30]), ("Moss", [45, 30, 25]), ("Bodø", [30, 30, 40])]
    colours = ["#4e79a7", "#f28e2b", "#59a14f"]
    for gi, (name, parts) in enumerate(groups):
        x = 120 + gi * 120
        y = 340
        for pi, v in enumerate(parts):
            h = v * 3
            y -= h
            bars.append(f"<rect x='{x}' y='{y}' width='70' height='{h}' fill='{colours[pi]}'/>")
            labels.append(f"<text x='{x + 22}' y='{y + h / 2 + 5}' font-size='13' fill='#fff'>{v} %</text>")
        labels.append(f"<text x='{x + 10}' y='362' font-size='13'>{name}</text>")
    axis = "".join(f"<text x='50' y='{345 - t * 3}' font-size='12'>{t} %</text>"
                   f"<line x1='100' x2='600' y1='{340 - t * 3}' y2='{340 - t * 3}' stroke='#ccc'/>"
                   for t in range(0, 101, 20))
    legend = "".join(f"<rect x='{120 + i * 140}' y='385' width='12' height='12' fill='{c}'/>"
                     f"<text x='{138 + i * 140}' y='396' font-size='12'>{t}</text>"
                     for i, (c, t) in enumerate(zip(colours, ["Rented", "Owned", "Temporary"])))
    svg = f"<svg width='660' height='410'>{axis}{''.join(bars)}{''.join(labels)}{legend}</svg>"
    return page(f"<h2>Housing situation by municipality</h2>{svg}<p>{LOREM}</p>")


def two_columns() -> str:
    text = "".join(f"<p style='text-align:justify'>{LOREM}</p>" for _ in range(6))
    return page(f"<h2>Report</h2><div style='column-count:2; column-gap:36px'>{text}</div>")


def monospaced() -> str:
    lines = []
    words = LOREM.split()
    for i in range(0, len(words) * 3, 9):
        chunk = [words[(i + k) % len(words)] for k in range(9)]
        lines.append("  ".join(chunk))
    text = "\n".join(lines * 2)
    return page(f"<pre style='font-family:DejaVu Sans Mono, monospace; font-size:12px'>{text}</pre>")


def key_values() -> str:
    rows = [("Invoice date:", "3 June 2013", "Customer:", "Bayside Wholesale"),
            ("Invoice number:", "INV-0046", "Address:", "23 Main Street"),
            ("Due date:", "17 June 2013", "City:", "Marineville"),
            ("Reference:", "PO 1187", "Country:", "USA")]
    body = "".join(f"<div style='display:flex'><div style='width:130px'>{a}</div><div style='width:200px'>{b}</div>"
                   f"<div style='width:100px'>{c}</div><div>{d}</div></div>" for a, b, c, d in rows)
    return page(f"<h2>Invoice</h2>{body}<p>{LOREM}</p>")


def table_controls() -> str:
    ruled = ("<table class='expect-table' style='border-collapse:collapse; margin:20px 0' border='1' cellpadding='4'>"
             "<tr><th>Municipality</th><th>2011</th><th>2012</th><th>2013</th></tr>"
             + "".join(f"<tr><td>{m}</td><td>{a}</td><td>{b}</td><td>{c}</td></tr>"
                       for m, a, b, c in [("Oslo", "1,204", "1,310", "1,452"), ("Bergen", "640", "702", "689"),
                                          ("Moss", "88", "91", "97"), ("Bodø", "120", "133", "141")])
             + "</table>")
    borderless = ("<table class='expect-table' style='margin:20px 0' cellpadding='3'>"
                  "<tr><td>Households</td><td style='padding-left:60px'>Start</td><td style='padding-left:60px'>End</td></tr>"
                  + "".join(f"<tr><td>{m}</td><td style='padding-left:60px'>{a}</td><td style='padding-left:60px'>{b}</td></tr>"
                            for m, a, b in [("Families with children", "21", "24"), ("Young people", "14", "9"),
                                            ("Refugees", "30", "12"), ("Leaving prison", "5", "3")])
                  + "</table>")
    return page(f"<h2>Tables</h2><p>{LOREM}</p>{ruled}<p>{LOREM[:200]}</p>{borderless}")


def blank_form() -> str:
    """Forms' grids to be filled in: a header row over empty ruled rows
    (text in one row only, and a table all the same), six rows in one,
    one row in the other."""
    head = "".join(f"<th style='font-weight:normal'>{h}</th>" for h in
                   ("Name", "Date of birth", "Relation to the applicant", "Signature"))
    empty = "".join("<tr>" + "<td>&nbsp;</td>" * 4 + "</tr>" for _ in range(6))
    grid = ("<table class='expect-table' style='border-collapse:collapse; width:100%; margin:20px 0' "
            f"border='1' cellpadding='5'><tr>{head}</tr>{empty}</table>")
    # A second form's grid left with one row to fill in.
    cell = "border:0.75px solid #000; padding:4px 6px; font-weight:normal; text-align:left"
    one = ("<table class='expect-table' style='border-collapse:collapse; width:100%; margin:20px 0'>"
           f"<tr><th style='{cell}; width:30%'>Key word</th><th style='{cell}'>Description</th></tr>"
           f"<tr><td style='{cell}; height:14px'></td><td style='{cell}'></td></tr></table>")
    return page(f"<h2>Members of the household</h2><p>{LOREM[:220]}</p>{grid}<p>{LOREM[:160]}</p>"
                f"<h2>Future work</h2>{one}")


def timetable() -> str:
    """A schedule: a ruled grid of many short slots, most of them empty,
    a time every sixth row and an act in three of four stages there (far
    fewer than a fifth of the cells hold text)."""
    rows = []
    for i in range(54):
        cells = ["&nbsp;"] * 5
        if i % 6 == 0:
            cells[0] = f"{10 + i // 12}:{(i % 12) * 5:02d}"
            for stage in range(1, 4):
                cells[stage] = f"Act {i // 6 + 1}{'ABC'[stage - 1]}"
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Time", "Main stage", "Tent", "Club", "Yard"))
    grid = ("<table class='expect-table' style='border-collapse:collapse; width:100%; font-size:10px; "
            f"line-height:1.1' border='1' cellpadding='1'><tr>{head}</tr>{''.join(rows)}</table>")
    return page(f"<h3>Saturday</h3>{grid}")


def stacked_tables() -> str:
    """Two borderless tables one right under the other, each with its own
    header row of words over columns of figures, a blank line apart and no
    caption between them: two tables, not one."""
    def table(head, rows):
        cells = "".join(f"<td style='padding-left:60px'>{h}</td>" for h in head[1:])
        body = "".join(f"<tr><td>{r[0]}</td>" + "".join(f"<td style='padding-left:60px'>{v}</td>" for v in r[1:])
                       + "</tr>" for r in rows)
        return (f"<table class='expect-table' style='margin:14px 0' cellpadding='3'>"
                f"<tr><td>{head[0]}</td>{cells}</tr>{body}</table>")
    first = table(("Households", "Start", "End"),
                  [("Families with children", "21", "24"), ("Young people", "14", "9"),
                   ("Refugees", "30", "12"), ("Leaving prison", "5", "3")])
    second = table(("Measure", "Planned", "Done"),
                   [("Flats bought", "12", "10"), ("Flats rented", "40", "37"),
                    ("Home visits", "120", "96"), ("Courses held", "6", "4")])
    return page(f"<h2>Status</h2><p>{LOREM[:200]}</p>{first}{second}<p>{LOREM[:200]}</p>")


def codes_and_slots() -> str:
    """Two borderless tables whose data are no plain figures: a grid of
    codes of capitals and digits ("A1", "F3"), with the inner columns
    filled further down than the outer ones, and a programme whose slots
    are time ranges with their length in brackets ("09:30-11:15(105min)").
    Without rules, a table is told by its data: codes and slots are data
    as much as figures are."""
    gap = "style='padding-left:48px'"
    heads = ("Outer 1", "Outer 2", "Long 1", "Long 2", "Inner", "Long 3")
    codes = [["A1", "B1", "C1", "D1", "E1", "F1"]] + [["", "", f"C{i}", f"D{i}", "", f"F{i}"] for i in range(2, 6)]
    grid = ("<table class='expect-table' style='margin:14px 0' cellpadding='3'><tr>"
            + "".join(f"<td {gap if i else ''}>{h}</td>" for i, h in enumerate(heads)) + "</tr>"
            + "".join("<tr>" + "".join(f"<td {gap if i else ''}>{c}</td>" for i, c in enumerate(r)) + "</tr>"
                      for r in codes) + "</table>")
    talks = [("Opening", "Main hall", "09:00-09:30(30min)"), ("Keynote", "Main hall", "09:30-11:15(105min)"),
             ("Housing panel", "Library", "11:30-12:30(60min)"), ("Workshops", "Annex", "13:30-15:00(90min)"),
             ("Closing", "Main hall", "15:15-15:45(30min)")]
    slots = ("<table class='expect-table' style='margin:14px 0' cellpadding='3'>"
             f"<tr><td>Session</td><td {gap}>Where</td><td {gap}>When</td></tr>"
             + "".join(f"<tr><td>{a}</td><td {gap}>{b}</td><td {gap}>{c}</td></tr>" for a, b, c in talks)
             + "</table>")
    return page(f"<h2>Seating plan</h2><p>{LOREM[:200]}</p>{grid}<h2>Programme</h2><p>{LOREM[:160]}</p>{slots}")


def two_tables_in_one_frame() -> str:
    """Two ruled tables inside one drawn frame, a blank band between them:
    the frame's sides join both tables into one grid. The second table has
    a header of its own (other words than the first's) over its figures;
    a title over the first table fills the frame's first row alone."""
    def table(head, rows):
        th = "".join(f"<th style='border:1px solid #000; padding:3px'>{h}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td style='border:1px solid #000; padding:3px'>{v}</td>" for v in r)
                       + "</tr>" for r in rows)
        return (f"<table class='expect-table' style='border-collapse:collapse; width:100%; margin:0'>"
                f"<tr>{th}</tr>{body}</table>")
    first = table(("Flights", "Domestic", "International", "Total"),
                  [("Operated", "18,391", "4,348", "22,739"), ("Delayed", "1,590", "349", "1,939"),
                   ("Cancelled", "151", "2", "153"), ("Diverted", "7", "6", "13")])
    second = table(("Carrier", "North", "South", "West", "East"),
                   [("Operated", "2,172", "1,285", "3,916", "689"), ("Delayed", "152", "98", "305", "89"),
                    ("Cancelled", "4", "0", "51", "21"), ("Diverted", "0", "1", "0", "0")])
    frame = ("<div style='border:1px solid #000; padding:0'>"
             "<div style='border-bottom:1px solid #000; padding:4px'>Monthly flight operation data, December</div>"
             f"{first}<div style='height:40px'></div>{second}</div>")
    return page(f"<h2>Operations</h2><p>{LOREM[:200]}</p>{frame}")


def book_index() -> str:
    """A book's index set in two columns: terms with their page references
    after a comma, sub-entries indented under a heading ending in a colon,
    run-over lines of references. The page numbers line up like a column
    of figures, but an index is no table."""
    terms = ["Abbott, Anne", "adoption", "Bergen", "building loans", "Caritas", "cities:", "Drammen", "Eid",
             "families:", "Fjell, Ole", "grants", "Hamar", "housing:", "Indre Fosen", "Jensen, Kari",
             "Kongsberg", "leases", "Moss", "municipal flats", "Nord-Odal", "Oslo", "planning:", "quotas",
             "refugees", "rent support", "Sandnes", "Tromsø", "Ullensaker", "Vadsø", "waiting lists"]
    lines = []
    for i, t in enumerate(terms):
        if t.endswith(":"):
            lines.append(f"<div>{t}</div>")
            for k in range(3):
                pages = ", ".join(str(10 + 7 * i + 3 * k + j * 11) for j in range(1 + k % 3))
                lines.append(f"<div style='padding-left:1.2em'>sub-entry {chr(97 + k)}, {pages}</div>")
        else:
            pages = ", ".join(f"{12 + 9 * i + 5 * j}–{14 + 9 * i + 5 * j}" if j % 2 else str(12 + 9 * i + 5 * j)
                              for j in range(1 + i % 4))
            lines.append(f"<div>{t}, {pages}</div>")
            if i % 5 == 4:
                lines.append(f"<div style='padding-left:2.4em'>{200 + i}–{203 + i}, {211 + i}, {220 + i}n</div>")
    body = "".join(lines)
    return page(f"<h2>Index</h2><div style='column-count:2; column-gap:40px; font-size:12px'>{body}</div>")


def unreadable_glyphs() -> str:
    """Text whose text layer holds only marks (what a font without a
    usable ToUnicode map gives): runs of "%", "&", "#", "'" in lines whose
    gaps line up like columns, a few figures among them in one column, as
    a garbled paragraph or figure label reads. No table can be read there."""
    marks = ["%", "&", "'", "#", "!#", "**", "+", "(", ")&", "%'", "&&"]
    rows = []
    for r in range(10):
        cells = [" ".join(marks[(r * 5 + c * 3 + k) % len(marks)] for k in range(1 + (r + c) % 3))
                 for c in range(4)]
        cells[2] = f"({(r * 37) % 90 + 10}00)" if r % 2 == 0 else cells[2]
        rows.append("<div style='display:flex'>" + "".join(
            f"<div style='width:{w}px'>{t}</div>" for w, t in zip((150, 170, 130, 150), cells)) + "</div>")
    return page(f"<h2>Section 3</h2><p>{LOREM[:160]}</p>{''.join(rows)}<p>{LOREM[:200]}</p>")


def glyph_code_words() -> str:
    """A reference list whose text layer is a subset font's glyph codes
    read as ASCII (the font numbers its glyphs from "!" on, so common
    letters come out as "&", "<", "@"): words mixed of capitals, digits
    and such marks, a few real words among them (a second font that
    reads), a run of "figures" in one column. Set out in columns by its
    hanging indents and tabs, it is no table a reader could use."""
    junk = ["&C&", "<&(7009)&", "6&<&", "5.D/7&", "E&#&", "(-./5)&", "@", "O&", "K", "=&", "-/;D.-&", "!&"]
    real = ["Journal", "of", "Information", "Systems", "Research,", "Management"]
    rows = []
    for r in range(12):
        cells = [" ".join(junk[(r * 3 + c * 5 + k) % len(junk)] for k in range(1 + (r + c) % 2)) for c in range(3)]
        if r % 3 == 1:
            cells[1] = " ".join(real[(r + k) % len(real)] for k in range(3))
        cells.append(f"{(r * 53) % 90 + 10}")
        rows.append("<div style='display:flex'>" + "".join(
            f"<div style='width:{w}px'>{t}</div>" for w, t in zip((140, 220, 150, 80), cells)) + "</div>")
    return page(f"<h2>References</h2><p>{LOREM[:160]}</p>{''.join(rows)}")


def statement_continued() -> str:
    """A ruled statement continued from the page before (no header row):
    items in the first column, their value cells blank but for one row
    with figures, more items below it; under a heading, then a second
    table with a header. The lone row of figures is not a row under a
    title: the items above and below it are the table's rows."""
    cell = "border:1px solid #000; padding:3px 5px; height:16px"
    items = ["Other comprehensive income", "Items not reclassified", "Items reclassified later",
             "Exchange differences", "Cash flow hedges", None, "Earnings per share", "Basic", "Diluted"]
    body = "".join(
        (f"<tr><td style='{cell}'>Total comprehensive income</td><td style='{cell}; text-align:right'>2,434,623.51"
         f"</td><td style='{cell}; text-align:right'>-7,061,044.01</td></tr>") if t is None else
        f"<tr><td style='{cell}'>{t}</td><td style='{cell}'></td><td style='{cell}'></td></tr>"
        for t in items)
    first = (f"<table class='expect-table' style='border-collapse:collapse; width:640px; font-size:12px'>"
             f"<col style='width:260px'><col><col>{body}</table>")
    rows = "".join(
        f"<tr><td style='{cell}'>{t}</td><td style='{cell}; text-align:right'>{a}</td>"
        f"<td style='{cell}; text-align:right'>{b}</td></tr>"
        for t, a, b in [("Sales of goods", "7,715,912.60", "15,096,149.30"), ("Tax refunds", "", ""),
                        ("Other receipts", "31,200.00", "12,004.50")])
    second = (f"<table class='expect-table' style='border-collapse:collapse; width:640px; font-size:12px;"
              f" margin-top:10px'><col style='width:260px'><col><col><tr><td style='{cell}'>Item</td>"
              f"<td style='{cell}'>This period</td><td style='{cell}'>Last period</td></tr>{rows}</table>")
    return page(f"{first}<h3>5. Cash flow statement</h3>{second}")


def slug_outside_crop() -> str:
    """A printer's proof page: prose inside the trim, and outside it,
    where the page's CropBox cuts it away, a slug line at the top and the
    plate control strip's readings below the text (plate, ink, tint,
    density in rows and columns, figures in each). Cropped by Ghostscript
    after Chromium prints it (see CROPPED): a reader sees only the prose,
    so the readings are no table of the page."""
    plates = [("1", "Cyan", "100", "1.42"), ("2", "Magenta", "100", "1.38"), ("3", "Yellow", "100", "0.97"),
              ("4", "Black", "100", "1.71"), ("4", "Black", "50", "0.52")]
    strip = "".join("<div style='display:flex'>" + "".join(f"<div style='width:110px'>{v}</div>" for v in row)
                    + "</div>" for row in [("Plate", "Ink", "Tint %", "Density"), *plates])
    slug = ("<div style='position:absolute; top:10px; left:20px; font-size:9px'>"
            "proof_0147.qxd 2/10/04 3:51 PM Page 53</div>")
    marks = f"<div style='position:absolute; top:990px; left:70px; font-size:10px'>{strip}</div>"
    return page(f"{slug}<h2>Chapter Four</h2><p>{LOREM}</p><p>{LOREM}</p>{marks}")


def uml_diagram() -> str:
    """A UML class diagram as modelling tools draw it: class boxes (a
    name compartment over an attribute compartment), each with its own
    drop shadow, a row of three sub-classes set a few points apart (their
    shadows bridge the gaps), two classes above joined to them by connector
    lines, and role labels on the lines. The boxes and lines form a grid,
    but the frames only touch through shadows and connectors: no table."""
    def box(x, y, w, stereo, name, attrs):
        rows = "".join(f"<div>{a}</div>" for a in attrs)
        return (f"<div style='position:absolute; left:{x}px; top:{y}px; width:{w}px; border:1px solid #000;"
                f" background:#fdf3e3; box-shadow:2px 2px 0 #999; font-size:9px'>"
                f"<div style='text-align:center; padding:2px'>&laquo;{stereo}&raquo;<br><b>{name}</b></div>"
                f"<div style='border-top:1px solid #000; padding:2px 4px; color:#800'>{rows}</div></div>")
    def line(x, y, w, h):
        return f"<div style='position:absolute; left:{x}px; top:{y}px; width:{w}px; height:{h}px; background:#000'></div>"
    def label(x, y, text):
        return f"<div style='position:absolute; left:{x}px; top:{y}px; font-size:8px; background:#fff'>{text}</div>"
    parts = [
        line(185, 200, 176, 1), line(185, 200, 1, 60), line(360, 200, 1, 60),
        label(150, 210, "+is defined by"), label(195, 225, "1..*"), label(300, 210, "+defines"),
        label(365, 225, "1..*"),
        box(120, 260, 130, "spatialEvol", "HydrographicEntity", ["- NID: DT_UUID"]),
        box(290, 260, 140, "spatialEvol", "NamedFeature", ["- NID: DT_UUID", "- FeatureType: CL_Type",
                                                           "- RelatedNID: DT_UUID"]),
        line(360, 328, 1, 50), line(230, 378, 226, 1), line(230, 378, 1, 22), line(349, 378, 1, 22),
        line(455, 378, 1, 22),
        box(170, 400, 120, "spatialEvol", "NamedPointFeature", ["+ geometry: GB_Point"]),
        box(294, 400, 110, "spatialEvol", "NamedLineFeature", ["+ geometry: GB_Line"]),
        box(408, 400, 120, "spatialEvol", "NamedPolygonFeature", ["+ geometry: GB_Surface"]),
    ]
    return page(f"<h2>Manmade hydrographic entities</h2><p>{LOREM[:200]}</p>" + "".join(parts))


def white_shading() -> str:
    """A ruled table of one header row and one row of figures, under it
    empty paragraphs each shaded white across the text width (as a word
    processor exports a page whose paragraphs have a white background):
    the white bands meet the table's bottom rule and one another, but on
    the white paper nobody sees them. One table of two rows."""
    cell = "border:1px solid #000; padding:2px 5px"
    head = ("Totally agree", "Agree", "Disagree", "Totally disagree", "Total")
    row = ("165", "69", "14", "14", "262")
    table = ("<table class='expect-table' style='border-collapse:collapse; font-size:12px'><tr>"
             + "".join(f"<td style='{cell}; font-weight:bold'>{h}</td>" for h in head) + "</tr><tr>"
             + "".join(f"<td style='{cell}'>{v}</td>" for v in row) + "</tr></table>")
    bands = "".join("<div style='background:#fff; height:31px'>&nbsp;</div>" for _ in range(12))
    return page(f"<h2>Reduce speed near schools</h2><p>{LOREM[:180]}</p>"
                f"<p style='background:#fff'>Results</p>{table}{bands}")


# Pages Ghostscript gives a CropBox after printing: name -> [llx lly urx ury]
# in points (A4 is 595 x 842). The slug and the control strip lie outside.
CROPPED = {"negative-slug-outside-crop": [30, 120, 565, 812]}


def horizontal_rules_only() -> str:
    """Two tables ruled with horizontal lines only (a Word table with its
    vertical borders off): a rule under every row, none between columns.
    The first holds words only (titles and where the people work); the
    second has narrow columns whose long header titles wrap onto many lines
    (most of them filling one or two columns) and rows whose cells wrap
    onto several lines, with a group label row across the table. The
    rules, not the line spacing, say where a row ends."""
    rule = "border-top:1px solid #000; border-bottom:1px solid #000; padding:2px 4px; vertical-align:top"
    def table(head, rows, widths):
        cols = "".join(f"<col style='width:{w}px'>" for w in widths)
        th = "".join(f"<td style='{rule}; font-weight:bold'>{h}</td>" for h in head)
        body = "".join(
            (f"<tr><td colspan='{len(head)}' style='{rule}; font-weight:bold'>{r}</td></tr>" if isinstance(r, str)
             else "<tr>" + "".join(f"<td style='{rule}'>{v}</td>" for v in r) + "</tr>")
            for r in rows)
        return (f"<table class='expect-table' style='border-collapse:collapse; table-layout:fixed; margin:10px 0;"
                f" font-size:11px'>{cols}<tr>{th}</tr>{body}</table>")
    group = table(("Title", "Organisation"),
                  [("Chief executive", "Eid municipality"), ("Head of welfare", "Health and care"),
                   ("Manager", "Labour and welfare office"), ("Housing manager", "Housing office")], (250, 250))
    activities = table(
        ("No.", "Activity", "What will we do to reach the goal?", "Result",
         "Status of the activity: new (n), continued (c), done (d)", "Progress in per cent", "Deviation"),
        ["Goal area 1: Steering and organisation",
         ("1", "Sale of council flats to tenants", "Offer tenants to buy the flat they rent with a start loan.",
          "Six flats sold to the tenants.", "c", "40%", "Reduced scope"),
         ("2", "Rent guarantee", "Offer a guarantee instead of a deposit in the private market.",
          "Used by the welfare office in 37 cases.", "d", "100%", "None"),
         ("3", "Joint allocation meeting", "Hold an allocation meeting for council flats every second week.",
          "The meeting is held as planned.", "c", "40%", "Postponed")],
        (28, 80, 110, 100, 62, 50, 70))
    return page(f"<h2>Steering group</h2><p>{LOREM[:160]}</p>{group}"
                f"<h2>Activities</h2><p>{LOREM[:120]}</p>{activities}")


def titled_stacked_tables() -> str:
    """Two borderless tables of figures one right under the other, parted
    only by a title line across the page set in the tables' own type and
    spacing (a statistics sheet: daily values, then monthly statistics),
    not by a repeated header row or a blank band: two tables, not one."""
    def table(rows):
        body = "".join("<tr>" + "".join(f"<td style='padding:0 0 0 {0 if i == 0 else 50}px'>{v}</td>"
                                        for i, v in enumerate(r)) + "</tr>" for r in rows)
        return f"<table class='expect-table' style='border-collapse:collapse; margin:0'>{body}</table>"
    daily = table([("DAY", "JAN", "FEB", "MAR", "APR", "MAY")]
                  + [(str(d), *(str(1000 + 37 * d * m % 900) for m in range(1, 6))) for d in range(1, 9)]
                  + [("TOTAL", "8120", "7645", "9033", "8410", "7702"), ("MEAN", "1015", "956", "1129", "1051", "963")])
    stats = table([("MEAN", "4685", "4828", "5745", "8358", "8936"), ("MAX", "9018", "9377", "9843", "9970", "9890"),
                   ("(YR)", "1965", "1978", "1984", "1937", "1960"), ("MIN", "1095", "992", "1056", "1803", "2120"),
                   ("(YR)", "1955", "1932", "2002", "1942", "2001")])
    title = "<div style='margin:0'>STATISTICS OF MONTHLY MEAN DATA FOR THE YEARS 1990 - 2004, BY YEAR (YR)</div>"
    return page(f"<h2>Discharge, cubic feet per second</h2><p>{LOREM[:200]}</p>"
                f"<div style='font-family:monospace; font-size:11px; line-height:1.3'>{daily}{title}{stats}</div>"
                f"<p>{LOREM[:200]}</p>")


def staggered_boxes() -> str:
    """A figure of filled boxes set edge to edge: two side by side, a wider
    one under the first, its right edge lined up with neither box above,
    and the corner beside it empty (levels of a data model drawn as grey
    and black boxes). Boxes of a diagram, not a table's cells."""
    def box(x, y, w, h, fill, text, colour="#fff"):
        return (f"<div style='position:absolute; left:{x}px; top:{y}px; width:{w}px; height:{h}px;"
                f" background:{fill}; border:1px solid #000; box-sizing:border-box; color:{colour};"
                f" font-weight:bold; font-size:24px; padding:8px'>{text}</div>")
    figure = (box(0, 0, 150, 64, "#333", "Mandatory") + box(150, 0, 135, 64, "#bbb", "Optional")
              + box(0, 64, 205, 130, "#bbb", "Optional"))
    return page(f"<h2>Overview</h2><p>{LOREM}</p>"
                f"<div style='position:relative; height:200px; margin:30px 120px'>{figure}</div>"
                f"<p style='text-align:center'><b>Figure 1 - Levels of the model</b></p><p>{LOREM}</p>")


def scattered_widgets() -> str:
    """A form's answer boxes: three rows of five separate square boxes, a
    few of them holding a number (the order the reader is asked to put
    things in), lined up so their edges meet in a grid. No row or column
    is labelled: widgets, not a table."""
    marks = {(0, 0): "1", (0, 4): "4", (1, 3): "3", (2, 2): "2", (2, 4): "5"}
    boxes = "".join(
        f"<div style='position:absolute; left:{c * 36}px; top:{r * 26}px; width:34px; height:24px;"
        f" border:1px solid #000; text-align:center; line-height:24px'>{marks.get((r, c), '')}</div>"
        for r in range(3) for c in range(5))
    return page(f"<h2>Exercise 4</h2><p>{LOREM}</p><p>Put the steps in order:</p>"
                f"<div style='position:relative; height:90px; margin:10px 0'>{boxes}</div><p>{LOREM}</p>")


def specimen_grid() -> str:
    """A type specimen: one sample phrase set in each box of a ruled grid
    of coloured patches, a style and a size each. The same text repeated
    along every row, not data in rows and columns."""
    styles = [("#fde2e2", "font-size:12px"), ("#e2f0fd", "font-size:14px; font-weight:bold"),
              ("#e8fde2", "font-size:12px; font-style:italic"), ("#fdf6e2", "font-size:16px")]
    cells = [f"<td style='background:{bg}; {st}; padding:18px; border:1px solid #000'>The quick brown fox</td>"
             for bg, st in styles]
    grid = ("<table style='border-collapse:collapse; margin:20px auto'>"
            f"<tr>{cells[0]}{cells[1]}</tr><tr>{cells[2]}{cells[3]}</tr></table>")
    return page(f"<h2>Type specimen</h2><p>{LOREM}</p>{grid}<p>{LOREM}</p>")


def stacked_timetables() -> str:
    """A festival programme: three days stacked, each a borderless table
    under a centred day title, opening with the same header row of stage
    names (one an ordinal, "2nd") over pairs of columns (the act, then
    its slot written with spaces round the dash and before the bracketed
    length, "21:00 - 22:45 (105min)"), the stages running to different
    lengths. A slot is a figure, an ordinal a header's word: three
    tables, not one and not none."""
    acts = ["Faith Lane", "Korn Field", "Limp Wire", "Kill Switch", "Tall Bill", "Stained", "Blackout", "Hollow Wood"]
    stages = ("Main", "2nd", "Tent")

    def slot(day, stage, i):
        end = 22 * 60 + 45 - 95 * i - 20 * stage - 5 * day
        length = 105 - 10 * i if i < 4 else 30 + 5 * ((i + stage) % 3)
        start = end - length
        return f"{start // 60}:{start % 60:02d} - {end // 60}:{end % 60:02d} ({length}min)"

    pad = "style='padding:1px 8px 1px 0'"
    days = ""
    for day, name in enumerate(("Friday", "Saturday", "Sunday")):
        counts = (6 + day % 2, 7, 8)
        head = "".join(f"<td {pad}>{s}</td><td {pad}></td>" for s in stages)
        body = ""
        for i in range(max(counts)):
            cells = ""
            for st, n in enumerate(counts):
                if i < n:
                    act = acts[(i + 3 * st + day) % len(acts)]
                    cells += f"<td {pad}>{act}</td><td {pad}>{slot(day, st, i)}</td>"
                else:
                    cells += f"<td {pad}></td><td {pad}></td>"
            body += f"<tr>{cells}</tr>"
        days += (f"<div style='text-align:center; margin-top:18px'>{name}</div>"
                 f"<table class='expect-table' style='border-collapse:collapse'><tr>{head}</tr>{body}</table>")
    return page(f"<h2 style='text-align:center'>Festival 2009 timetable</h2>"
                f"<div style='font-size:10px; line-height:1.25'>{days}</div>")


def long_cell_mid_table() -> str:
    """A borderless activity table (no rules, as a report's plain table
    prints it): number, activity, status and amount in one line each, but
    one row's result cell in the middle of the table, in a narrow column,
    runs on over five lines: those lines hold one cell each, more in a run
    than the lines a group label or a note inside a table takes. One
    table, not two parted at the long cell."""
    rows = [("1", "Kartlegging av behov", "Ferdig", "125 000"),
            ("2", "Boveiledning i kommunale boliger", "Pågår", "340 000"),
            ("3", "Opplæring av ansatte", "Videreføres i ordinær drift fra neste år etter vedtak i "
             "kommunestyret, med egne midler og ny stilling i boligkontoret", "80 000"),
            ("4", "Startlån til unge", "Ferdig", "0"),
            ("5", "Samarbeid med NAV", "Pågår", "60 000"),
            ("6", "Evaluering", "Ikke startet", "45 000")]
    pad = "style='padding:2px 10px 4px 0; vertical-align:top'"
    head = "".join(f"<td {pad}><b>{h}</b></td>" for h in ("Nr.", "Aktivitet", "Status", "Beløp"))
    body = "".join("<tr>" + "".join(f"<td {pad}>{c}</td>" for c in r) + "</tr>" for r in rows)
    table = ("<table class='expect-table' style='border-collapse:collapse; font-size:11px; line-height:1.2'>"
             "<colgroup><col style='width:40px'><col style='width:260px'><col style='width:150px'>"
             f"<col style='width:80px'></colgroup><tr>{head}</tr>{body}</table>")
    return page(f"<h3>Aktiviteter</h3><p>{LOREM}</p>{table}<p>{LOREM}</p>")


def ruled_key_values() -> str:
    """An order's details set as a form sets its fields: a ruled grid of
    two columns, a label without a colon on the left of each row and its
    value on the right, the values of mixed kinds (names and words beside
    a date, an amount, a reference number). A key-value block, no table
    (the engine keeps it for reading a form's fields, but does not report
    it). Under it, as a control, a ruled table of two columns whose values
    are all of one kind (figures under a header): one table."""
    cell = "border:1px solid #000; padding:3px 6px"
    fields = [("Customer", "Bayside Wholesale"), ("Order date", "3 June 2013"),
              ("Delivery method", "Standard post"), ("Order reference", "PO 1187"),
              ("Payment terms", "Bank transfer on receipt of invoice"), ("Amount due", "£273.13"),
              ("Contact person", "Ingrid Nilsen")]
    block = ("<table style='border-collapse:collapse; width:100%; margin:16px 0'>"
             + "".join(f"<tr><td style='{cell}; width:35%; font-weight:bold'>{k}</td><td style='{cell}'>{v}</td></tr>"
                       for k, v in fields) + "</table>")
    counts = [("Families with children", "21"), ("Young people", "14"), ("Refugees", "30"),
              ("Leaving prison", "5"), ("Elderly", "11")]
    control = ("<table class='expect-table' style='border-collapse:collapse; margin:16px 0'>"
               f"<tr><th style='{cell}'>Group</th><th style='{cell}'>Households</th></tr>"
               + "".join(f"<tr><td style='{cell}'>{g}</td><td style='{cell}'>{n}</td></tr>" for g, n in counts)
               + "</table>")
    return page(f"<h2>Order</h2><p>{LOREM[:200]}</p>{block}<p>{LOREM[:240]}</p>{control}")


# How an OCR engine set to Latin misreads Cyrillic print: each letter as
# the Latin letter or marks it looks like, capitals and small letters
# mixed as the shapes suggest (a small "н" reads as a capital "H").
MISREAD = {"а": "a", "б": "6", "в": "B", "г": "r", "д": ",Q", "е": "e", "ж": ">K", "з": "3", "и": "H",
           "й": "H", "к": "K", "л": "n", "м": "M", "н": "H", "о": "o", "п": "n", "р": "p", "с": "c",
           "т": "T", "у": "y", "ф": "cp", "х": "x", "ц": "LI", "ч": "4", "ш": "III", "щ": "IIJ",
           "ъ": "b", "ы": "bI", "ь": "b", "э": "3", "ю": "l}", "я": "R"}


def misread(text: str) -> str:
    return "".join(MISREAD.get(c, MISREAD.get(c.lower(), c).upper() if c.isupper() else c) for c in text)


def misread_text_layer() -> str:
    """A scanned tax form whose text layer an OCR engine read as Latin:
    the form's lines (a field, its value, a code of figures) line up in
    columns as the form does, and the code column is figures, but the
    words are Cyrillic misread letter by letter ("AocToBepHocTb",
    "HanoroBoro"): capitals after small letters, figures and braces between
    letters. No word can be read: no table."""
    rows = [("Достоверность и полноту сведений", "Подтверждаю", "0301"),
            ("Налоговый период", "Годовой отчет", "0034"),
            ("Представляется в налоговый орган", "По месту учета", "1152"),
            ("Номер корректировки", "Первичный", "0001"),
            ("Код вида экономической деятельности", "Торговля", "4711"),
            ("Форма реорганизации", "Ликвидация", "0000"),
            ("Номер контактного телефона", "Указан в заявлении", "8812"),
            ("Наименование документа", "Доверенность представителя", "2017")]
    pad = "style='padding:3px 30px 3px 0'"
    body = "".join(f"<tr><td {pad}>{misread(a)}</td><td {pad}>{misread(b)}</td><td {pad}>{c}</td></tr>"
                   for a, b, c in rows)
    return page(f"<h2>{misread('Налоговая декларация')}</h2><p>{misread('Заполняется налогоплательщиком')}</p>"
                f"<table style='border-collapse:collapse'>{body}</table>")


def caption_boxes() -> str:
    """A tax form's name and address boxes: a ruled grid of boxes to write
    in, each with a small caption at its top ("Your first name and
    initial", "Last name", "Apt. no.") and blank below it for the answer.
    No table. Under it, as a control, a ruled table whose rows are as tall
    but whose text stands in the middle of each cell: one table."""
    cell = "border:1px solid #000; padding:1px 4px; height:40px"
    caption = f"{cell}; vertical-align:top; font-size:9px"
    rows = [("Your first name and initial", "Last name", "Your social security number"),
            ("If a joint return, spouse's first name and initial", "Last name", "Spouse's social security number"),
            ("Home address (number and street)", "Apt. no.", "Daytime phone number"),
            ("City, town or post office", "State", "ZIP code")]
    form = ("<table style='border-collapse:collapse; width:100%; margin:16px 0'>"
            + "".join("<tr>" + "".join(f"<td style='{caption}'>{c}</td>" for c in r) + "</tr>" for r in rows)
            + "</table>")
    data = [("Wages", "2010", "41,200"), ("Interest", "2010", "312"), ("Dividends", "2010", "1,045"),
            ("Refunds", "2010", "88")]
    control = ("<table class='expect-table' style='border-collapse:collapse; margin:16px 0'>"
               f"<tr><th style='{cell}'>Income</th><th style='{cell}'>Year</th><th style='{cell}'>Amount</th></tr>"
               + "".join("<tr>" + "".join(f"<td style='{cell}'>{c}</td>" for c in r) + "</tr>" for r in data)
               + "</table>")
    return page(f"<h2>Form 1040</h2><p>{LOREM[:160]}</p>{form}<p>{LOREM[:200]}</p>{control}")


def glyph_codes_with_lone_letters() -> str:
    """An undecodable text layer (a subset font's glyph codes read as
    ASCII) over prose and a small table, as a scanned journal's pages
    read: most cells are marks ("%", "!#", "7)&"), but about half are lone
    letters or digits ("6", "D", "2 6 D"), the codes that happen to be
    letters, with a few figures in brackets ("(-.45)"). Lone letters say
    nothing of whether the text reads; the marks say it does not. No
    table."""
    marks = ["%", "!#", "'", "7)&", "+", "&./ %", "8&", "$", "(", "\"", "%&", "?"]
    lone = ["6", "D", "2", "5", "2 6 D", "7", "6 I", "8", "3"]
    rows = []
    for r in range(12):
        cells = []
        for c in range(5):
            k = r * 5 + c * 3
            cells.append(lone[k % len(lone)] if (r + c) % 2 == 0 else marks[k % len(marks)])
        if r % 3 == 0:
            cells[3] = f"(-.{(r * 7) % 90 + 10})"
        rows.append("<div style='display:flex'>" + "".join(
            f"<div style='width:{w}px'>{t}</div>" for w, t in zip((70, 90, 110, 120, 90), cells)) + "</div>")
    return page(f"<h2>Table 5</h2><p>{LOREM[:160]}</p>{''.join(rows)}<p>{LOREM[:200]}</p>")


CHROMIUM_PAGES = {
    "negative-prose": prose,
    "negative-bullets": bullets,
    "negative-notes-block": notes_block,
    "negative-numbered-headings": numbered_headings,
    "negative-chart-data-labels": chart,
    "negative-two-columns": two_columns,
    "negative-monospaced": monospaced,
    "negative-key-value-block": key_values,
    "negative-book-index": book_index,
    "negative-unreadable-glyphs": unreadable_glyphs,
    "positive-ruled-and-borderless": table_controls,
    "positive-blank-form": blank_form,
    "positive-timetable": timetable,
    "positive-stacked-tables": stacked_tables,
    "positive-codes-and-slots": codes_and_slots,
    "positive-two-tables-in-one-frame": two_tables_in_one_frame,
    "positive-horizontal-rules-only": horizontal_rules_only,
    "negative-glyph-code-words": glyph_code_words,
    "positive-statement-continued": statement_continued,
    "negative-slug-outside-crop": slug_outside_crop,
    "negative-uml-diagram": uml_diagram,
    "positive-white-shading": white_shading,
    "positive-titled-stacked-tables": titled_stacked_tables,
    "negative-staggered-boxes": staggered_boxes,
    "positive-stacked-timetables": stacked_timetables,
    "negative-scattered-widgets": scattered_widgets,
    "negative-specimen-grid": specimen_grid,
    "positive-long-cell-mid-table": long_cell_mid_table,
    "negative-ruled-key-value-block": ruled_key_values,
    "negative-misread-text-layer": misread_text_layer,
    "negative-caption-boxes": caption_boxes,
    "negative-glyph-codes-lone-letters": glyph_codes_with_lone_letters,
}


def libreoffice_pages(work: Path) -> list:
    """Prose with tab stops, a notes block and numbered headings set with
    tabs, as a Word user writes them."""
    from docx import Document
    from docx.shared import Pt
    docs = []
    d = Document()
    for i in range(4):
        p = d.add_paragraph(LOREM + " " + LOREM)
        p.paragraph_format.alignment = 3  # justified
    for n, t in [("1.", "Introduction"), ("2.", "Status"), ("2.1", "Families"), ("2.2", "Young people"),
                 ("3.", "Plans")]:
        p = d.add_paragraph(f"{n}\t{t}")
        p.runs[0].bold = True
        d.add_paragraph(LOREM[:180])
    for a, b in [("NB:", "Preliminary figures, see the annual report."), ("Source:", "Housing register."),
                 ("*", "Counted once per household."), ("**", "Including flats bought in the autumn.")]:
        p = d.add_paragraph(f"{a}\t{b}")
        p.runs[0].font.size = Pt(9)
    path = work / "negative-lo-tabs.docx"
    d.save(path)
    docs.append(path)
    return docs


def crop(pdf: Path, box) -> None:
    """Gives every page of `pdf` the CropBox `box` (Ghostscript's pdfwrite
    with a /CropBox pdfmark), in place."""
    gs = find("gs")
    out = pdf.with_suffix(".cropped.pdf")
    llx, lly, urx, ury = box
    subprocess.run([gs, "-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite", f"-sOutputFile={out}",
                    "-c", f"[/CropBox [{llx} {lly} {urx} {ury}] /PAGES pdfmark", "-f", str(pdf)],
                   check=True, timeout=180)
    out.replace(pdf)


def find(*names):
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    sys.exit(f"none of {names} found (apt-get install chromium libreoffice-writer)")


def main() -> int:
    chromium = find("chromium", "chromium-browser", "google-chrome")
    soffice = find("soffice", "libreoffice")
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])
    unknown = only - set(CHROMIUM_PAGES) - {"negative-lo-tabs"}
    if unknown:
        sys.exit(f"no such fixture: {sorted(unknown)}")
    expected = {}
    if only and (OUT / "expected.json").exists():
        expected = json.loads((OUT / "expected.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="tablefix-") as tmp:
        work = Path(tmp)
        for name, make in CHROMIUM_PAGES.items():
            if only and name not in only:
                continue
            html = work / f"{name}.html"
            html.write_text(make(), encoding="utf-8")
            with tempfile.TemporaryDirectory(prefix="tablefix-chrome-") as profile:
                base = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
                dom = subprocess.run([*base, "--dump-dom", html.as_uri()], capture_output=True, text=True,
                                     timeout=180, check=True).stdout
                pdf = OUT / f"{name}.pdf"
                subprocess.run([*base, f"--print-to-pdf={pdf}", html.as_uri()], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            if name in CROPPED:
                crop(pdf, CROPPED[name])
            m = re.search(r"MEASURED(\[.*?\])END", dom)
            boxes = json.loads(m.group(1)) if m else []
            expected[f"{name}.pdf"] = [{"page": 1, "tables": boxes}]
            print(f"chromium     {name}.pdf  {len(boxes)} tables")
        docs = [] if only and "negative-lo-tabs" not in only else libreoffice_pages(work)
        profile = work / "lo-profile"
        if docs:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.resolve().as_uri()}",
                            "--convert-to", "pdf", "--outdir", str(OUT), *map(str, docs)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        for d in docs:
            expected[f"{d.stem}.pdf"] = [{"page": n, "tables": []} for n in (1, 2)]
            print(f"libreoffice  {d.stem}.pdf")
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
