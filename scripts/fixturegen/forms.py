"""Lays out each form as blocks, the way the filled-in Word forms look.

The printed guidance of the form goes in ``guidance`` paragraphs between the
headings and the answers, as in the real forms; the answers come from the
report's ground truth. Every printed heading is opened with ``Secs.head``,
which records the section's ground truth (number, title, parent, the form's
prompt, the municipality's text) on ``Document.sections`` while the blocks
are laid out, so the expected sections are the layout's own record.
"""

from __future__ import annotations

import random
from typing import List

from . import texts as T
from .blocks import (Cell, Cover, Document, Figure, Footnote, Heading, LabelValues, P, PageBreak, SectionMark, Table,
                     Toc)
from .model import Report


def build(r: Report) -> Document:
    return {"arsrapport_2012": ars2012, "ars_halvar_2011": ars_halvar, "halvar_sor_2012": halvar_sor,
            "sluttrapport": sluttrapport}[r.form](r)


class RulesOnlyTable(Table):
    """A table ruled with horizontal lines only (a Word table with its vertical borders off); a
    subclass, so that the other documents' blocks, and so their PDFs, stay as they are."""

    rules_only = True


class Secs:
    """Adds headings, prompts and answers to a document and records each section.

    prompt(): the form's printed text under a heading (guidance, or a bold line that is not a table caption);
    caption(): a bold line directly above a table (belongs to neither prompt nor text);
    answer(): what the municipality wrote: paragraphs (str) and bullet lists ((marker, [items]))."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.cur = None

    def head(self, number, title, printed, level=1, parent=None, para=False) -> None:
        self.stop()
        idx = len(self.doc.blocks)
        self.doc.add(P(printed, bold=True) if para else Heading(printed, level))
        self.cur = SectionMark(number, title, parent, [], [], idx)
        self.doc.sections.append(self.cur)

    def stop(self) -> None:
        if self.cur is not None and self.cur.end_block < 0:
            self.cur.end_block = len(self.doc.blocks)
        self.cur = None

    def prompt(self, text: str, bold: bool = False) -> None:
        self.doc.add(P(text, bold=True) if bold else P(text, "guidance"))
        if self.cur is not None and text:
            self.cur.prompt.append(text)

    def caption(self, text: str) -> None:
        self.doc.add(P(text, bold=True))

    def answer(self, items) -> None:
        for it in items:
            if isinstance(it, str):
                self.doc.add(P(it))
            else:
                marker, entries = it
                for e in entries:
                    self.doc.add(P(f"{marker} {e}", "bullet"))
            if self.cur is not None:
                self.cur.text.append(it)

    def add(self, *blocks) -> None:
        self.doc.add(*blocks)


def _doc(r: Report, title: str) -> Document:
    body = 10.5 if r.font in ("DejaVu Sans", "DejaVu Serif") else 11.0
    return Document(title=title, font=r.font, body_pt=body, margins_cm=r.layout.get("margins_cm", 2.0))


def _shy(text: str, on: bool) -> str:
    """With ``on``, soft hyphens (U+00AD) every four letters inside long words, as a word processor's
    hyphenation leaves them in the text: printed text only, never the ground truth."""
    if not on:
        return text
    out = []
    for word in text.split(" "):
        if len(word) >= 9 and word.isalpha():
            word = "\u00ad".join(word[i:i + 4] for i in range(0, len(word), 4))
        out.append(word)
    return " ".join(out)


def _general(doc: Document, r: Report) -> None:
    shy = bool(r.layout.get("soft_hyphens"))
    # Labels printed with only a space before their value (a layout some writers use).
    spaced = set(r.layout.get("spaced_labels", ()))
    pairs = [(_shy(lbl, shy) + ("" if lbl in spaced else ":"), _shy(val, shy)) for lbl, val in r.general]
    if r.layout.get("general_borderless"):
        # A table ruled by nothing, a value's "\n" a line break in its cell.
        doc.add(Table([], [[Cell.of(lbl, bold=True), Cell.of(val)] for lbl, val in pairs], [0.35, 0.65],
                      borders=False))
        return
    doc.add(LabelValues(pairs, as_table=r.general_as_table))


def _answers(r: Report):
    return {s.number: s for s in r.sections}


# --------------------------------------------------------------------------

def ars2012(r: Report) -> Document:
    c = r.cover
    doc = _doc(r, f"Årsrapport {r.year} {r.muni_written}")
    S = Secs(doc)
    ans = _answers(r)
    doc.add(Cover([P("RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM", "title"), P(str(c["date"]), "subtitle"),
                   P(str(c["title"]), "title"), P(f"KOMMUNE: {c['kommune']}", "subtitle")],
                  vertical_text="RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM" if c["vertical"] else None),
            PageBreak())
    for head, body in T.ARS2012_INTRO:
        doc.add(P(head, bold=True) if body is None else P(f"{head} {body}", "guidance"))
    S.head(None, "Generell programinformasjon", "Generell programinformasjon", 2)
    _general(doc, r)
    S.add(PageBreak())
    S.head("1", "Rapportering på hovedmål", "1. Rapportering på hovedmål", 1)
    S.prompt("Hovedmål Flere vanskeligstilte på boligmarkedet har egnede boliger", bold=True)
    S.head("1.1", "Anskaffe og beholde bolig", "1.1 Anskaffe og beholde bolig", 2, "1")
    if r.index in (1, 6):
        # Enough text above the table that it must run over the page break.
        S.answer(["Tabellen under viser status for behov og resultat i programåret. " + " ".join(T.SENTENCES[:8]),
                  " ".join(T.SENTENCES[8:20]), " ".join(T.SENTENCES[12:22])])
    rows = [h for h in r.households if h.category != "barnefamilier"]
    widths = [[0.34, 0.11, 0.11, 0.14, 0.30], [0.30, 0.12, 0.12, 0.16, 0.30], [0.38, 0.10, 0.10, 0.12, 0.30]][r.index % 3]
    widths = r.layout.get("households_widths", widths)
    S.add(_household_table(rows, "", widths, r.index, r.layout))
    sec = ans["1.1"]
    S.prompt(sec.prompt or "")
    S.answer(sec.text)
    bf = [h for h in r.households if h.category == "barnefamilier"]
    if bf:
        year = bf[0].as_of_start[:4]
        S.head(None, "Særskilt prioritert område", "Særskilt prioritert område", 3, "1.1")
        S.add(_household_table(bf, f"Særskilt prioritert område i {year}", widths, r.index, r.layout))
    sec = ans["1.2"]
    S.head("1.2", sec.title, T.Q_12[0], 2, "1")
    S.prompt(T.Q_12[1])
    S.prompt(T.Q_12[2])
    S.answer(sec.text)
    S.add(PageBreak())
    S.head("2", "Rapportering på delmål", "2. Rapportering på delmål", 1)
    for dm, goal, subs in T.DELMAL:
        letter = dm.split()[-1]
        S.head(letter, dm, dm, 2, "2")
        S.prompt(goal, bold=True)
        for num, title, prompt in subs:
            n = num.rstrip(".")
            S.head(n, title, f"{num} {title}", 3, letter)
            S.prompt(prompt)
            S.answer(ans[n].text)
    S.head("C", T.DELMAL_C[0], T.DELMAL_C[0], 2, "2")
    S.prompt(T.DELMAL_C[1], bold=True)
    for group, title, help_ in (("C.1", "Økonomiske virkemidler", "Tall kan hentes fra annen rapportering til Husbanken"),
                                ("C.2", "Kommunalt disponerte boliger, søknader og tildelinger",
                                 "Tall kan hentes fra kommunens rapportering til KOSTRA")):
        S.head(group, title, f"{group}. {title}", 3, "C")
        if r.layout.get("indicator_header_words"):
            # The same columns headed in other words.
            header = [[Cell.of("Indikator", bold=True), Cell.of("Antall", bold=True), Cell.of("Kommentar", bold=True)]]
        else:
            header = [[Cell([P(help_, "guidance")]), Cell.of("Resultat i løpet av året", bold=True),
                       Cell([P("Eventuelle kommentarer", bold=True),
                             P("Opplysninger som belyser tallmaterialet nærmere", "guidance")])]]
        body = [[Cell.of(ind.label), Cell.of(ind.value.written), Cell.of(ind.comment or "")]
                for ind in r.indicators if ind.group == group]
        if r.layout.get("indicator_rows_of_words") and group == "C.2":
            # The writer repeated the group's title and a note on the source as rows of words
            # above the counts: no counts themselves (the title names one the table gives).
            body = [[Cell.of(title), Cell.of(""), Cell.of("")],
                    [Cell.of("Tallene er hentet fra KOSTRA"), Cell.of(""), Cell.of("")]] + body
        S.add(Table(header, body, [0.5, 0.15, 0.35], 9.0))
    s = ans["C.3"]
    S.head("C.3", s.title, f"C.3 {s.title}", 3, "C")
    S.prompt(s.prompt or "")
    S.answer(s.text)
    S.add(PageBreak())
    S.head("3", "Rapportering på lokale mål", "3. Rapportering på lokale mål", 1)
    S.prompt("Måloppnåelse", bold=True)
    for num, title, prompt in T.LOKALE:
        n = num.rstrip(".")
        S.head(n, title, f"{num} {title}", 2, "3")
        S.prompt(prompt)
        S.answer(ans[n].text)
    S.head("4", "Rapportering på læring, formidling og videreføring",
           "4. Rapportering på læring, formidling og videreføring", 1)
    S.head("4.1", "Læring/formidling", "4.1. Læring/formidling", 2, "4")
    for letter, q, prompt in T.LAERING_41:
        n = "4.1." + letter.rstrip(".")
        S.head(n, q, f"{letter} {q}", parent="4.1", para=True)
        S.prompt(prompt)
        S.answer(ans[n].text)
    S.head("4.2", "Videreføring av arbeidet", "4.2. Videreføring av arbeidet", 2, "4")
    S.prompt("Deltagere i tidlige stadier av programarbeidet kan også beskrive planlagte tiltak")
    for letter, q in T.LAERING_42:
        n = "4.2." + letter.rstrip(".")
        S.head(n, q, f"{letter} {q}", parent="4.2", para=True)
        S.answer(ans[n].text)
    S.add(PageBreak())
    S.head("5", "Rapportering på økonomi", "5. Rapportering på økonomi", 1)
    S.caption("Pr. aktivitet og totalt:")
    S.add(_budget_table(r))
    # Blank lines that push the funding table down to the foot of the page, so the break cuts it.
    for _ in range(r.layout.get("funding_pushed_down", 0)):
        S.add(P(""))
    S.caption("Samlet oversikt over hele programperioden:")
    S.add(_funding_table(r, ["Tilskudd fra Husbanken", "Egenfinansiering fra kommunen", "Annen finansiering",
                             "Overføring av ubrukte Husbank-midler"]))
    if "5" in ans:
        S.answer(ans["5"].text)
    S.stop()
    return doc


def _household_table(rows, corner: str, widths, index: int, layout=None) -> Table:
    layout = layout or {}
    first = rows[0]
    comments = Cell([P("Eventuelle kommentarer", bold=True)] + ([P(T.COMMENT_HEADER_HELP, "guidance")]
                                                               if index % 2 == 0 else []), shade=True)
    if layout.get("households_header_split"):
        # "Status behov" spans the two date columns; the dates sit in a second header row.
        top = layout["households_header_split"]
        comments.rowspan = 2
        header = [[Cell([P(corner, bold=True)] if corner else [P("")], shade=True, rowspan=2),
                   Cell.of(top, bold=True, shade=True, span=2),
                   Cell.of(T.RESULT_HEADER, bold=True, shade=True, rowspan=2), comments],
                  [Cell.of(first.header_start, bold=True, shade=True), Cell.of(first.header_end, bold=True, shade=True)]]
    else:
        header = [[Cell([P(corner, bold=True)] if corner else [P("")], shade=True),
                   Cell.of(first.header_start, bold=True, shade=True), Cell.of(first.header_end, bold=True, shade=True),
                   Cell.of(T.RESULT_HEADER, bold=True, shade=True), comments]]
    body = []
    for h in rows:
        label = [P(h.title, bold=True)]
        if h.explanation:
            label.append(P(h.explanation, "guidance"))
        body.append([Cell(label), Cell.of(h.need_start.written), Cell.of(h.need_end.written),
                     Cell.of(h.housed.written), Cell([P(line) for line in h.comment_lines] or [P("")])])
    return Table(header, body, widths, 9.0 if index % 2 else 8.5)


def _budget_table(r: Report) -> Table:
    H = r.layout.get("budget_header", T.BUDGET_HEADER)
    if r.layout.get("budget_merged_header"):
        # Two header rows: "Finansiering" spans the three financing columns, the others span both rows.
        header = [[Cell.of(H[0], bold=True, shade=True, rowspan=2), Cell.of(H[1], bold=True, shade=True, rowspan=2),
                   Cell.of(H[2], bold=True, shade=True, rowspan=2),
                   Cell.of("Finansiering", bold=True, shade=True, span=3),
                   Cell.of(H[6], bold=True, shade=True, rowspan=2), Cell.of(H[7], bold=True, shade=True, rowspan=2)],
                  [Cell.of(h, bold=True, shade=True) for h in H[3:6]]]
    else:
        header = [[Cell.of(h, bold=True, shade=True) for h in H]]
    if r.layout.get("budget_header_rows"):
        # Titles typed over two header rows, no cell merged: the top row holds a few first words only.
        header = [[Cell.of(h, bold=True, shade=True) for h in row] for row in r.layout["budget_header_rows"]]
    transfer = bool(r.layout.get("budget_transfer_column"))
    if transfer:
        # A column where the note has its own place: "Fra/til hvilken aktivitet".
        header[0].append(Cell.of("Fra/til hvilken aktivitet", bold=True, shade=True, rowspan=len(header)))
    body = []
    for b in r.budget:
        bold = b.activity.upper().startswith("TOTALT")
        other = b.other_funding.written if transfer else (b.other_funding.written or (b.note or ""))
        activity = _shy(b.activity, bool(r.layout.get("soft_hyphens")))
        row = [Cell.of(activity, bold=bold), Cell.of(b.accounts.written), Cell.of(b.budget.written),
               Cell.of(b.grant_husbanken.written), Cell.of(b.own_funding.written),
               Cell.of(other), Cell.of(b.total.written), Cell.of(b.deviation.written)]
        if transfer:
            row.append(Cell.of(b.note or ""))
        body.append(row)
    widths = r.layout.get("budget_widths", [0.22, 0.11, 0.11, 0.12, 0.12, 0.11, 0.11, 0.10])
    if r.layout.get("budget_html_import"):
        # As a table converted from HTML prints: no rules, only the header cells shaded, and each cell
        # with its own alignment (every other row's amounts set right), so that one column's figures
        # stand at its two edges.
        for row in body[1::2]:
            for cell in row[1:]:
                for p in cell.paras:
                    p.align = "right"
        return Table(header, body, widths, r.layout.get("budget_font_pt", 8.0), borders=False)
    if r.layout.get("budget_borderless"):
        # A Word table with its borders and shading off: nothing but the text's columns.
        for cell in (c for row in header for c in row):
            cell.shade = False
        head_left = bool(r.layout.get("budget_head_left"))
        return Table(header, body, widths, r.layout.get("budget_font_pt", 8.0), borders=False,
                     narrow_padding=bool(r.layout.get("budget_narrow_padding")), repeat_header=not head_left,
                     break_before_row=0 if head_left else None)
    return Table(header, body, widths, r.layout.get("budget_font_pt", 8.0))


def _funding_table(r: Report, labels: List[str]) -> Table:
    plain = bool(r.layout.get("funding_borderless"))
    header = [[Cell.of("", shade=not plain)] + [Cell.of(lbl, bold=True, shade=not plain) for lbl in labels] +
              [Cell.of("Kommentar", bold=True, shade=not plain)]]
    split = r.layout.get("funding_header_split")
    if split:
        # The first column's title typed over two header rows ("Kompetansetilskudd" / "Husbanken"): the row
        # right over the years names that column only.
        header[0][1] = Cell.of(split[0], bold=True, shade=not plain)
        header.append([Cell.of("", shade=not plain), Cell.of(split[1], bold=True, shade=not plain)] +
                      [Cell.of("", shade=not plain) for _ in labels])
    body = []
    for f in r.funding:
        body.append([Cell.of(str(f.year)), Cell.of(f.grant_husbanken.written), Cell.of(f.own_funding.written),
                     Cell.of(f.other_funding.written), Cell.of(f.carried_over.written), Cell.of(f.note or "")])
    # Later years the form prints in advance, left blank.
    for y in r.layout.get("funding_blank_years", []):
        body.append([Cell.of(str(y))] + [Cell.of("") for _ in labels] + [Cell.of("")])
    return Table(header, body, [0.1, 0.18, 0.18, 0.16, 0.18, 0.2], r.layout.get("funding_font_pt", 8.5), borders=not plain,
                 repeat_header=not r.layout.get("funding_header_not_repeated"),
                 narrow_padding=bool(r.layout.get("funding_narrow_padding")))


# --------------------------------------------------------------------------

def ars_halvar(r: Report) -> Document:
    c = r.cover
    doc = _doc(r, f"Års- og halvårsrapportering {r.muni_written}")
    S = Secs(doc)
    ans = _answers(r)
    k = str(c["kommune"]).upper()
    if not k.endswith("KOMMUNE") and not k.startswith("BYDEL"):
        k += " KOMMUNE"
    title = {"form": "ÅRS- OG HALVÅRSRAPPORTERING", "halv": f"HALVÅRSRAPPORTERING FRA {k}",
             "ars": f"ÅRSRAPPORTERING FOR {r.year} – {k}"}[str(c["kind"])]
    doc.add(Cover([P("BOLIGSOSIALT UTVIKLINGSPROGRAM", "subtitle"), P("RAPPORTERING", "subtitle"), P(title, "title"),
                   P(str(c["date"]), "subtitle")] + [P(t) for t in c.get("notes", [])],
                  vertical_text="BOLIGSOSIALT UTVIKLINGSPROGRAM" if c["vertical"] else None), PageBreak())
    S.head(None, "Skjema for års- og halvårsrapportering", "Skjema for års- og halvårsrapportering", 1)
    S.prompt(T.AH_PURPOSE)
    for head, body in (T.AH_HALV, T.AH_ARS):
        S.prompt(head, bold=True)
        S.prompt(body)
    S.head("1", "Generell programinformasjon", "1. Generell programinformasjon", 1)
    _general(doc, r)
    s = ans["2"]
    S.add(PageBreak())
    S.head("2", s.title, f"2. {s.title}", 1)
    S.answer(s.text[:2])
    S.caption("Styringsgruppe:")
    S.add(Table([[Cell.of("Tittel:", bold=True), Cell.of("Virksomhet:", bold=True)]],
                [[Cell.of("Leder: Rådmann"), Cell.of("Sentraladministrasjonen")],
                 [Cell.of("Programansvarlig: Boligsjef"), Cell.of("Boligkontoret")],
                 [Cell.of("Medlemmer: Kommunalsjef"), Cell.of("Helse og omsorg")],
                 [Cell.of("Sekretær: Programleder"), Cell.of("Boligkontoret")]], [0.5, 0.5], 9.5))
    S.answer(s.text[2:])
    S.add(PageBreak())
    S.head("3", "Rapportering på aktivitetsplan i programplanen", "3. Rapportering på aktivitetsplan i programplanen", 1)
    S.prompt("Rapportering på aktivitetsplan tar utgangspunkt i handlingsplanen for boligsosialt utviklingsprogram.")
    areas: List[str] = []
    for a in r.activities:
        if a.area not in areas:
            areas.append(a.area)
    in_table = bool(r.layout.get("activities_area_in_table"))
    for n, area in enumerate(areas, start=1):
        if not in_table:
            S.caption(area)
        if r.layout.get("activities_status_spanning"):
            # "Status" spans the code legend and the progress column below it.
            H = T.AH_ACTIVITY_HEADER
            header = [[Cell.of(H[0], bold=True, shade=True, rowspan=2),
                       Cell.of(H[1], bold=True, shade=True, rowspan=2),
                       Cell.of(H[2], bold=True, shade=True, rowspan=2), Cell.of("Status", bold=True, shade=True, span=2),
                       Cell.of(H[5], bold=True, shade=True, rowspan=2),
                       Cell.of(H[6], bold=True, shade=True, rowspan=2)],
                      [Cell.of(f"n / v / g / a {n}", bold=True, shade=True),
                       Cell.of("Framdrift i %", bold=True, shade=True)]]
        else:
            header = [[Cell.of(h, bold=True, shade=True) for h in T.AH_ACTIVITY_HEADER]]
            header[0][3].paras[0].text = r.layout.get("activities_status_header", header[0][3].paras[0].text)
            header[0][3].paras[0].text += f" {n}"
        body = [[Cell.of(area, bold=True, span=7)]] if in_table else []
        body += [[Cell.of(f"{a.number} {a.activity}"), Cell.of(a.plan), Cell.of(a.result), Cell.of(a.status_written),
                  Cell.of(a.progress_written), Cell.of(a.deviation), Cell.of(a.reason)]
                 for a in r.activities if a.area == area]
        legend_row = bool(r.layout.get("activities_legend_in_table"))
        if legend_row:
            # The legend as the table's last row, spanning it: printed guidance, no activity.
            body.append([Cell.of(f"{n} {T.AH_LEGEND}", span=7)])
        kind = RulesOnlyTable if r.layout.get("activities_rules_only") else Table
        S.add(kind(header, body, [0.17, 0.17, 0.2, 0.12, 0.09, 0.1, 0.15], 8.5))
        if not legend_row:
            S.add(Footnote(f"{n} {T.AH_LEGEND}"))
    s = ans["3.1"]
    S.head("3.1", s.title, T.AH_31[0], 2, "3")
    S.prompt(T.AH_31[1])
    S.prompt("Godt eksempel 1 (maks 1 side)", bold=True)
    S.answer(s.text)
    S.add(PageBreak())
    S.head("4", f"Rapportering på økonomi {r.year}", f"4. Rapportering på økonomi {r.year}", 1)
    S.caption("Pr. aktivitet og totalt")
    S.add(_budget_table(r))
    S.caption("Samlet oversikt over hele programperioden")
    S.add(_funding_table(r, ["Tilskudd fra Husbanken", "Tilskudd fra kommunen", "Annen finansiering",
                             "Overføring (disponible midler) fra året før"]))
    if "4" in ans:
        S.answer(ans["4"].text)
    S.stop()
    return doc


# --------------------------------------------------------------------------

def halvar_sor(r: Report) -> Document:
    c = r.cover
    doc = _doc(r, f"Skjema for halvårsrapportering {r.muni_written}")
    S = Secs(doc)
    ans = _answers(r)
    lines = [P("Skjema for halvårsrapportering", "title"), P("13.02.2012", "subtitle")]
    if r.index % 2 == 1:
        lines.insert(1, P(str(c["kommune"]).upper(), "subtitle"))
    if c["title_line"]:
        lines.append(P(str(c["title_line"]), "subtitle"))
    if c.get("lines"):
        lines = [P(text, kind) for text, kind in c["lines"]]
    doc.add(Cover(lines, vertical_text="HALVÅRSRAPPORTERING" if c["vertical"] else None))
    doc.add(P(T.HS_INTRO, "guidance"))
    S.head("1", "Formalia", "1. Formalia", 1)
    _general(doc, r)
    s = ans["2"]
    S.head("2", s.title, f"2. {s.title}", 1)
    S.answer(s.text)
    s = ans["3"]
    S.head("3", s.title, f"3. {s.title}", 1)
    S.answer(s.text)
    areas: List[str] = []
    for g in r.goals:
        if g.area not in areas:
            areas.append(g.area)
    for area in areas:
        S.caption(area)
        header = [[Cell.of("", shade=True), Cell.of("Beskrivelse av mål", bold=True, shade=True),
                   Cell.of("Resultat", bold=True, shade=True), Cell.of("Varighet (ferdig når)", bold=True, shade=True)]]
        # A result left blank may still show the form's prompt ("Beskriv resultat").
        prompt = str(r.layout.get("goal_result_prompt") or "")
        body = [[Cell.of(g.label, bold=True), Cell.of(g.description), Cell.of(g.result or prompt),
                 Cell.of(g.due or "")] for g in r.goals if g.area == area]
        S.add(Table(header, body, [0.12, 0.3, 0.43, 0.15], 9.0,
                    header_ruled_only=bool(r.layout.get("goals_header_ruled_only")) and area == areas[-1]))
    s = ans["4"]
    S.head("4", s.title, f"4. {s.title}", 1)
    S.prompt(s.prompt or "")
    S.answer(s.text)
    S.head("5", "Samarbeidspartnere og aktører", "5. Samarbeidspartnere og aktører", 1)
    S.prompt(T.HS_PARTNER_PROMPT)
    merged = bool(r.layout.get("partners_merged_header"))
    titles = r.layout.get("partner_group_titles", ["Kommunalt baserte", "Eksterne aktører"])
    for group, title in zip(("kommunal", "ekstern"), titles):
        if merged:
            header = [[Cell.of(title, bold=True, shade=True, rowspan=2), Cell.of("Deltakelse", bold=True, shade=True, span=4)],
                      [Cell.of(h, bold=True, shade=True) for h in T.HS_PARTICIPATION]]
        else:
            header = [[Cell.of(title, bold=True, shade=True)] + [Cell.of(h, bold=True, shade=True)
                                                                  for h in T.HS_PARTICIPATION]]
        body = []
        for p in r.partners:
            if p.group != group:
                continue
            marks = ["formell", "aktiv", "informert", "ingen"]
            body.append([Cell.of(p.actor)] + [Cell.of(p.mark if p.participation == mk else "") for mk in marks])
        S.add(Table(header, body, [0.36, 0.16, 0.16, 0.16, 0.16], 9.0,
                    borders=not r.layout.get("partners_borderless")))
    s = ans["6"]
    S.head("6", s.title, f"6. {s.title}", 1)
    S.prompt(s.prompt or "")
    S.answer(s.text)
    S.head("7", "Ressursbruk", "7. Ressursbruk", 1)
    plain = bool(r.layout.get("funding_borderless"))
    years = [f.year for f in r.funding]
    header = [[Cell.of("", shade=not plain)] + [Cell.of(str(y), bold=True, shade=not plain) for y in years]]
    rows = [("Tilsagn om kompetansetilskudd", "grant_husbanken"), ("Utbetalt beløp", "paid_out"),
            ("Kommunal egenfinansiering", "own_funding"), ("Totalt forbruk per dato", "total")]
    # Labels in the writer's longer words, wrapping in their cell.
    rows = [(r.layout.get("funding_row_labels", {}).get(attr, lbl), attr) for lbl, attr in rows]
    body = [[Cell.of(lbl)] + [Cell.of(getattr(f, attr).written) for f in r.funding] for lbl, attr in rows]
    w = 0.7 / max(1, len(years))
    # Blank lines that push the table down to the foot of the page, so the break cuts it.
    for _ in range(r.layout.get("funding_pushed_down", 0)):
        S.add(P(""))
    broken = r.layout.get("funding_break_before_row")
    S.add(Table(header, body, [0.3] + [w] * len(years), 9.0, borders=not plain, repeat_header=broken is None,
                break_before_row=broken, narrow_padding=bool(r.layout.get("funding_narrow_padding")),
                valign_middle=bool(r.layout.get("funding_valign_middle"))))
    s = ans["8"]
    S.head("8", s.title, f"8. {s.title}", 1)
    S.prompt(s.prompt or "")
    S.answer(s.text)
    S.stop()
    return doc


# --------------------------------------------------------------------------

def sluttrapport(r: Report) -> Document:
    c = r.cover
    title = str(c["title"])
    doc = _doc(r, f"Sluttrapport {title}")
    S = Secs(doc)
    doc.header_text = f"{r.muni_written} – Boligsosialt utviklingsprogram"
    doc.footer_text = f"Sluttrapport: «{title}» Side"
    doc.page_numbers = True
    leader = r.programme["leader"]
    k = str(c["kommune"])
    if c.get("quoted_cover"):
        # The project's name in quotes, the municipality and the date below it.
        # Or a longer heading set larger than the quoted name, and no date on the cover.
        head = c.get("cover_head")
        lines = ([P(str(head), "title"), P(f"«{title}»", "subtitle")] if head else
                 [P("Sluttrapport", "title"), P(f"«{title}»", "title")]) + [P(k, "subtitle")]
        doc.add(Cover(lines + ([P(str(c["date"]), "subtitle")] if c["date"] else [])))
        if c.get("label_block"):
            doc.add(LabelValues(list(c["label_block"]), as_table=False))
        if not c.get("foreword_on_cover"):
            doc.add(PageBreak())
    elif c["label_cover"]:
        doc.add(Cover([P("SLUTTRAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM", "title"), P("SLUTTRAPPORT", "title"),
                       P(title, "subtitle")], vertical_text="SLUTTRAPPORT" if c["vertical"] else None))
        doc.add(LabelValues([("KOMMUNE:", k), (f"{c['role']}:", str(leader)), ("Dato:", str(c["date"]))], as_table=True))
        doc.add(PageBreak())
    else:
        doc.add(Cover([P(f"Sluttrapport {c['date']}", "subtitle"), P(title.upper(), "title"), P(k.upper(), "subtitle")],
                      vertical_text=title.upper() if c["vertical"] else None), PageBreak())
    S.head(None, "FORORD", "FORORD", 1)
    foreword = [f"Denne sluttrapporten gir en beskrivelse av prosjektet «{title}». Rapporten sier hvordan prosjektet "
                "ble gjennomført, i hvilken grad arbeidsmålene ble realisert, og hva vi erfarte i forbindelse med "
                "prosjektarbeidet.",
                "Tusen takk til alle dyktige ansatte i kommunen som har sittet i arbeidsgrupper og deltatt på møter. "
                "Ved å samarbeide gjør vi hverandre gode!"]
    if c.get("foreword"):
        foreword = [str(c["foreword"])] + list(c.get("foreword_more", [])) + foreword[1:]
    S.answer(foreword)
    if c.get("signature"):
        # The leader signs: "NN / prosjektleder" or the name above the role.
        for line in c["signature"]:
            doc.add(P(line, align="right"))
            S.cur.text.append(line)
    elif not c["label_cover"]:
        doc.add(P(f"{c['role']} {leader}", align="right"))
        S.cur.text.append(f"{c['role']} {leader}")
    S.stop()
    if c["long"]:
        doc.add(PageBreak(), Toc("Innhold", [(1, "FORORD")] + [(1 if s.number.endswith(".") else 2,
                                                                  f"{s.number} {s.title}") for s in r.sections] +
                                 [(1, "REFERANSER")]))
    doc.add(PageBreak())
    rng = random.Random(r.name)
    fig = 0
    for s in r.sections:
        top = s.number.endswith(".")
        if top and s.number != "1.":
            S.add(PageBreak())
        S.head(s.number.rstrip("."), s.title, f"{s.number} {s.title}", 1 if top else 2,
               None if top else s.number.split(".")[0])
        S.answer(s.text)
        if s.number == "2.2":
            S.add(Table([[Cell.of("Rolle", bold=True, shade=True), Cell.of("Hvem", bold=True, shade=True)]],
                        [[Cell.of("Prosjekteier"), Cell.of(f"{k}")],
                         [Cell.of("Prosjektansvar"), Cell.of("Assisterende rådmann")],
                         [Cell.of("Styringsgruppe"), Cell.of("Strategisk ledergruppe (rådmann, assisterende rådmann og "
                                                              "tre kommunalsjefer). Husbanken er observatør")],
                         *([] if c.get("roles_without_leader") else
                           [[Cell.of("Prosjektleder"), Cell.of(str(leader))]])], [0.3, 0.7], 9.5))
        if s.number == "3.3" or (s.number == "3.2" and not c["long"]):
            S.add(Table([[Cell.of(h, bold=True, shade=True) for h in ("Gruppe:", "Deltagere:", "Oppgave:")]],
                        [[Cell.of("Strategisk boligsosial gruppe"),
                          Cell.of("Assisterende rådmann, kommunalsjef kultur og samfunn og leder servicesenteret"),
                          Cell.of("Følge opp arbeidsplan med Husbanken")],
                         [Cell.of("Boligtildelingsutvalget"),
                          Cell.of("Boligkontoret, innvandrertjenesten, helse og omsorg, NAV"),
                          Cell.of("Samordnet tildeling av kommunale boliger")],
                         [Cell.of("BØ-team"), Cell.of("Boligkontoret, økonomisk rådgiver og leder for servicesenteret"),
                          Cell.of("Økonomisk rådgivning og oppfølging")]], [0.28, 0.42, 0.3], 9.0))
        if c["long"] and s.number in ("1.3", "4.2", "5.1"):
            fig += 1
            bars = [(str(y), rng.randint(5, 40)) for y in range(r.year - 3, r.year + 1)]
            what = ["Antall startlån per år", "Antall husstander bosatt", "Antall deltakere på fagdager"][fig - 1]
            S.add(Figure(bars, f"Figur {fig}: {what} {r.year - 3}–{r.year}"))
        if s.number == "4." and c.get("goal_header") == "delmål":
            # "Nr. | Delmål | Status | Ferdig når": the goal column's header is the level.
            S.add(Table([[Cell.of(h, bold=True, shade=True) for h in ("Nr.", "Delmål", "Status", "Ferdig når")]],
                        [[Cell.of(g.label), Cell.of(g.description), Cell.of(g.result), Cell.of(g.due or "")]
                         for g in r.goals], [0.08, 0.5, 0.24, 0.18], 9.5))
        elif s.number == "4." and c.get("goal_header") == "level_column":
            # "Mål | Beskrivelse | Måloppnåelse | Frist": the level in a column of its own, headed "Mål".
            S.add(Table([[Cell.of(h, bold=True, shade=True) for h in ("Mål", "Beskrivelse", "Måloppnåelse", "Frist")]],
                        [[Cell.of(g.label), Cell.of(g.description), Cell.of(g.result), Cell.of(g.due or "")]
                         for g in r.goals], [0.14, 0.48, 0.24, 0.14], 9.5,
                        # As LibreOffice imports an HTML table: no rules, the header cells shaded, cells centred.
                        borders=not c.get("goals_html_import"), valign_middle=bool(c.get("goals_html_import")),
                        narrow_padding=bool(c.get("goals_html_import"))))
        elif s.number == "4." and c.get("goal_header") == "arbeidsmål":
            S.add(Table([[Cell.of(h, bold=True, shade=True) for h in ("Arbeidsmål", "Status", "Ferdig")]],
                        [[Cell.of(g.description), Cell.of(g.result), Cell.of(g.due or "")] for g in r.goals],
                        [0.56, 0.26, 0.18], 9.5))
        elif s.number == "4.":
            S.caption(f"{r.goals[0].caption}:")
            S.add(Table([[Cell.of(h, bold=True, shade=True) for h in ("Nr.", "Arbeidsmål", "Status")]],
                        [[Cell.of(g.label), Cell.of(g.description), Cell.of(g.result)] for g in r.goals],
                        [0.08, 0.6, 0.32], 9.5))
    if c.get("funding_year"):
        # Funding by year over the project, one year printed.
        year, rows = c["funding_year"]
        S.add(Table([[Cell.of("", shade=True), Cell.of(str(year), bold=True, shade=True)]],
                    [[Cell.of(lbl), Cell.of(amount)] for lbl, amount in rows], [0.6, 0.4], 9.5))
    S.head(None, "REFERANSER", "REFERANSER", 1)
    S.answer([f"{k} (2012). Prosjektbeskrivelse.",
              "Andersen, E. S., Grude, K. V., & Haug, T. (2011). Målrettet prosjektstyring. Bergen: Fagbokforlaget.",
              "Husbanken (2009). Programbeskrivelse for boligsosialt utviklingsprogram."])
    S.stop()
    return doc
