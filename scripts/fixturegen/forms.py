"""Lays out each form as blocks, the way the filled-in Word forms look.

The printed guidance of the form goes in ``guidance`` paragraphs between the
headings and the answers, as in the real forms; the answers come from the
report's ground truth.
"""

from __future__ import annotations

import random
from typing import List

from . import texts as T
from .blocks import Cell, Cover, Document, Figure, Footnote, Heading, LabelValues, P, PageBreak, Table, Toc
from .model import Report


def build(r: Report) -> Document:
    return {"arsrapport_2012": ars2012, "ars_halvar_2011": ars_halvar, "halvar_sor_2012": halvar_sor,
            "sluttrapport": sluttrapport}[r.form](r)


def _doc(r: Report, title: str) -> Document:
    body = 10.5 if r.font in ("DejaVu Sans", "DejaVu Serif") else 11.0
    return Document(title=title, font=r.font, body_pt=body)


def _answer(doc: Document, paras: List[str]) -> None:
    for t in paras:
        doc.add(P(t))


def _general(doc: Document, r: Report) -> None:
    doc.add(LabelValues([(lbl + ":", val) for lbl, val in r.general], as_table=r.general_as_table))


# --------------------------------------------------------------------------

def ars2012(r: Report) -> Document:
    c = r.cover
    doc = _doc(r, f"Årsrapport {r.year} {r.muni_written}")
    doc.add(Cover([P("RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM", "title"), P(str(c["date"]), "subtitle"),
                   P(str(c["title"]), "title"), P(f"KOMMUNE: {c['kommune']}", "subtitle")],
                  vertical_text="RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM" if c["vertical"] else None),
            PageBreak())
    for head, body in T.ARS2012_INTRO:
        doc.add(P(head, bold=True) if body is None else P(f"{head} {body}", "guidance"))
    doc.add(Heading("Generell programinformasjon", 2))
    _general(doc, r)
    doc.add(PageBreak())
    doc.add(Heading("1. Rapportering på hovedmål", 1),
            P("Hovedmål Flere vanskeligstilte på boligmarkedet har egnede boliger", bold=True),
            Heading("1.1 Anskaffe og beholde bolig", 2))
    if r.index in (1, 6):
        # Enough text above the table that it must run over the page break.
        doc.add(P("Tabellen under viser status for behov og resultat i programåret. " +
                  " ".join(T.SENTENCES[:8])))
        doc.add(P(" ".join(T.SENTENCES[8:20])), P(" ".join(T.SENTENCES[12:22])))
    rows = [h for h in r.households if h.category != "barnefamilier"]
    widths = [[0.34, 0.11, 0.11, 0.14, 0.30], [0.30, 0.12, 0.12, 0.16, 0.30], [0.38, 0.10, 0.10, 0.12, 0.30]][r.index % 3]
    doc.add(_household_table(rows, "", widths, r.index))
    sec = r.sections[0]
    doc.add(P(sec.prompt or "", "guidance"))
    _answer(doc, sec.text)
    bf = [h for h in r.households if h.category == "barnefamilier"]
    if bf:
        year = bf[0].as_of_start[:4]
        doc.add(Heading("Særskilt prioritert område", 3))
        doc.add(_household_table(bf, f"Særskilt prioritert område i {year}", widths, r.index))
    sec = r.sections[1]
    doc.add(Heading(T.Q_12[0], 2), P(T.Q_12[1], "guidance"), P(sec.prompt or "", "guidance"))
    _answer(doc, sec.text)
    doc.add(PageBreak(), Heading("2. Rapportering på delmål", 1))
    secs = iter(r.sections[2:])
    for dm, goal, subs in T.DELMAL:
        doc.add(Heading(dm, 2), P(goal, bold=True))
        for _ in subs:
            s = next(secs)
            doc.add(Heading(f"{s.number} {s.title}", 3), P(s.prompt or "", "guidance"))
            _answer(doc, s.text)
    doc.add(Heading(T.DELMAL_C[0], 2), P(T.DELMAL_C[1], bold=True))
    for group, title, help_ in (("C.1", "C.1. Økonomiske virkemidler", "Tall kan hentes fra annen rapportering til Husbanken"),
                                ("C.2", "C.2. Kommunalt disponerte boliger, søknader og tildelinger",
                                 "Tall kan hentes fra kommunens rapportering til KOSTRA")):
        doc.add(Heading(title, 3))
        header = [[Cell([P(help_, "guidance")]), Cell.of("Resultat i løpet av året", bold=True),
                   Cell([P("Eventuelle kommentarer", bold=True), P("Opplysninger som belyser tallmaterialet nærmere", "guidance")])]]
        body = [[Cell.of(ind.label), Cell.of(ind.value.written), Cell.of(ind.comment or "")]
                for ind in r.indicators if ind.group == group]
        doc.add(Table(header, body, [0.5, 0.15, 0.35], 9.0))
    s = next(secs)
    doc.add(Heading(f"{s.number} {s.title}", 3), P(s.prompt or "", "guidance"))
    _answer(doc, s.text)
    doc.add(PageBreak(), Heading("3. Rapportering på lokale mål", 1), P("Måloppnåelse", bold=True))
    for _ in T.LOKALE:
        s = next(secs)
        doc.add(Heading(f"{s.number} {s.title}", 2), P(s.prompt or "", "guidance"))
        _answer(doc, s.text)
    doc.add(Heading("4. Rapportering på læring, formidling og videreføring", 1), Heading("4.1. Læring/formidling", 2))
    for _ in T.LAERING_41:
        s = next(secs)
        doc.add(P(f"{s.number.split()[-1]} {s.title}", bold=True), P(s.prompt or "", "guidance"))
        _answer(doc, s.text)
    doc.add(Heading("4.2. Videreføring av arbeidet", 2),
            P("Deltagere i tidlige stadier av programarbeidet kan også beskrive planlagte tiltak", "guidance"))
    for _ in T.LAERING_42:
        s = next(secs)
        doc.add(P(f"{s.number.split()[-1]} {s.title}", bold=True))
        _answer(doc, s.text)
    doc.add(PageBreak(), Heading("5. Rapportering på økonomi", 1), P("Pr. aktivitet og totalt:", bold=True))
    doc.add(_budget_table(r))
    doc.add(P("Samlet oversikt over hele programperioden:", bold=True))
    doc.add(_funding_table(r, ["Tilskudd fra Husbanken", "Egenfinansiering fra kommunen", "Annen finansiering",
                               "Overføring av ubrukte Husbank-midler"]))
    return doc


def _household_table(rows, corner: str, widths, index: int) -> Table:
    first = rows[0]
    header = [[Cell([P(corner, bold=True)] if corner else [P("")], shade=True),
               Cell.of(first.header_start, bold=True, shade=True), Cell.of(first.header_end, bold=True, shade=True),
               Cell.of(T.RESULT_HEADER, bold=True, shade=True),
               Cell([P("Eventuelle kommentarer", bold=True)] + ([P(T.COMMENT_HEADER_HELP, "guidance")]
                                                                if index % 2 == 0 else []), shade=True)]]
    body = []
    for h in rows:
        label = [P(h.title, bold=True)]
        if h.explanation:
            label.append(P(h.explanation, "guidance"))
        body.append([Cell(label), Cell.of(h.need_start.written), Cell.of(h.need_end.written),
                     Cell.of(h.housed.written), Cell([P(line) for line in h.comment_lines] or [P("")])])
    return Table(header, body, widths, 9.0 if index % 2 else 8.5)


def _budget_table(r: Report) -> Table:
    header = [[Cell.of(h, bold=True, shade=True) for h in T.BUDGET_HEADER]]
    body = []
    for b in r.budget:
        body.append([Cell.of(b.activity), Cell.of(b.accounts.written), Cell.of(b.budget.written),
                     Cell.of(b.grant_husbanken.written), Cell.of(b.own_funding.written),
                     Cell.of(b.other_funding.written or (b.note or "")), Cell.of(b.total.written),
                     Cell.of(b.deviation.written)])
    return Table(header, body, [0.22, 0.11, 0.11, 0.12, 0.12, 0.11, 0.11, 0.10], 8.0)


def _funding_table(r: Report, labels: List[str]) -> Table:
    header = [[Cell.of("", shade=True)] + [Cell.of(lbl, bold=True, shade=True) for lbl in labels] +
              [Cell.of("Kommentar", bold=True, shade=True)]]
    body = []
    for f in r.funding:
        body.append([Cell.of(str(f.year)), Cell.of(f.grant_husbanken.written), Cell.of(f.own_funding.written),
                     Cell.of(f.other_funding.written), Cell.of(f.carried_over.written), Cell.of(f.note or "")])
    return Table(header, body, [0.1, 0.18, 0.18, 0.16, 0.18, 0.2], 8.5)


# --------------------------------------------------------------------------

def ars_halvar(r: Report) -> Document:
    c = r.cover
    doc = _doc(r, f"Års- og halvårsrapportering {r.muni_written}")
    k = str(c["kommune"]).upper()
    if not k.endswith("KOMMUNE") and not k.startswith("BYDEL"):
        k += " KOMMUNE"
    title = {"form": "ÅRS- OG HALVÅRSRAPPORTERING", "halv": f"HALVÅRSRAPPORTERING FRA {k}",
             "ars": f"ÅRSRAPPORTERING FOR {r.year} – {k}"}[str(c["kind"])]
    doc.add(Cover([P("BOLIGSOSIALT UTVIKLINGSPROGRAM", "subtitle"), P("RAPPORTERING", "subtitle"), P(title, "title"),
                   P(str(c["date"]), "subtitle")],
                  vertical_text="BOLIGSOSIALT UTVIKLINGSPROGRAM" if c["vertical"] else None), PageBreak())
    doc.add(Heading("Skjema for års- og halvårsrapportering", 1), P(T.AH_PURPOSE, "guidance"))
    for head, body in (T.AH_HALV, T.AH_ARS):
        doc.add(P(head, bold=True), P(body, "guidance"))
    doc.add(Heading("1. Generell programinformasjon", 1))
    _general(doc, r)
    s = r.sections[0]
    doc.add(PageBreak(), Heading(f"{s.number}. {s.title}", 1))
    _answer(doc, s.text[:2])
    doc.add(P("Styringsgruppe:", bold=True))
    doc.add(Table([[Cell.of("Tittel:", bold=True), Cell.of("Virksomhet:", bold=True)]],
                  [[Cell.of("Leder: Rådmann"), Cell.of("Sentraladministrasjonen")],
                   [Cell.of("Programansvarlig: Boligsjef"), Cell.of("Boligkontoret")],
                   [Cell.of("Medlemmer: Kommunalsjef"), Cell.of("Helse og omsorg")],
                   [Cell.of("Sekretær: Programleder"), Cell.of("Boligkontoret")]], [0.5, 0.5], 9.5))
    _answer(doc, s.text[2:])
    doc.add(PageBreak(), Heading("3. Rapportering på aktivitetsplan i programplanen", 1),
            P("Rapportering på aktivitetsplan tar utgangspunkt i handlingsplanen for boligsosialt utviklingsprogram.",
              "guidance"))
    areas: List[str] = []
    for a in r.activities:
        if a.area not in areas:
            areas.append(a.area)
    for n, area in enumerate(areas, start=1):
        doc.add(P(area, bold=True))
        header = [[Cell.of(h, bold=True, shade=True) for h in T.AH_ACTIVITY_HEADER]]
        header[0][3].paras[0].text += f" {n}"
        body = [[Cell.of(f"{a.number} {a.activity}"), Cell.of(a.plan), Cell.of(a.result), Cell.of(a.status_written),
                 Cell.of(a.progress_written), Cell.of(a.deviation), Cell.of(a.reason)]
                for a in r.activities if a.area == area]
        doc.add(Table(header, body, [0.17, 0.17, 0.2, 0.12, 0.09, 0.1, 0.15], 8.5))
        doc.add(Footnote(f"{n} {T.AH_LEGEND}"))
    s = r.sections[1]
    doc.add(Heading(T.AH_31[0], 2), P(T.AH_31[1], "guidance"), P("Godt eksempel 1 (maks 1 side)", bold=True))
    _answer(doc, s.text)
    doc.add(PageBreak(), Heading(f"4. Rapportering på økonomi {r.year}", 1), P("Pr. aktivitet og totalt", bold=True))
    doc.add(_budget_table(r))
    doc.add(P("Samlet oversikt over hele programperioden", bold=True))
    doc.add(_funding_table(r, ["Tilskudd fra Husbanken", "Tilskudd fra kommunen", "Annen finansiering",
                               "Overføring (disponible midler) fra året før"]))
    return doc


# --------------------------------------------------------------------------

def halvar_sor(r: Report) -> Document:
    c = r.cover
    doc = _doc(r, f"Skjema for halvårsrapportering {r.muni_written}")
    lines = [P("Skjema for halvårsrapportering", "title"), P("13.02.2012", "subtitle")]
    if r.index % 2 == 1:
        lines.insert(1, P(str(c["kommune"]).upper(), "subtitle"))
    if c["title_line"]:
        lines.append(P(str(c["title_line"]), "subtitle"))
    doc.add(Cover(lines, vertical_text="HALVÅRSRAPPORTERING" if c["vertical"] else None))
    doc.add(P(T.HS_INTRO, "guidance"))
    doc.add(Heading("1. Formalia", 1))
    _general(doc, r)
    secs = {s.number: s for s in r.sections}
    s = secs["2"]
    doc.add(Heading("2. Bakgrunn for kommunens deltakelse", 1))
    _answer(doc, s.text)
    s = secs["3"]
    doc.add(Heading("3. Mål for kommunens program", 1))
    _answer(doc, s.text)
    areas: List[str] = []
    for g in r.goals:
        if g.area not in areas:
            areas.append(g.area)
    for area in areas:
        doc.add(P(area, bold=True))
        header = [[Cell.of("", shade=True), Cell.of("Beskrivelse av mål", bold=True, shade=True),
                   Cell.of("Resultat", bold=True, shade=True), Cell.of("Varighet (ferdig når)", bold=True, shade=True)]]
        body = [[Cell.of(g.label, bold=True), Cell.of(g.description), Cell.of(g.result), Cell.of(g.due)]
                for g in r.goals if g.area == area]
        doc.add(Table(header, body, [0.12, 0.3, 0.43, 0.15], 9.0))
    s = secs["4"]
    doc.add(Heading("4. Organisering", 1), P(s.prompt or "", "guidance"))
    _answer(doc, s.text)
    doc.add(Heading("5. Samarbeidspartnere og aktører", 1), P(T.HS_PARTNER_PROMPT, "guidance"))
    for group, title in (("kommunal", "Kommunalt baserte"), ("ekstern", "Eksterne aktører")):
        header = [[Cell.of(title, bold=True, shade=True)] + [Cell.of(h, bold=True, shade=True) for h in T.HS_PARTICIPATION]]
        body = []
        for p in r.partners:
            if p.group != group:
                continue
            marks = ["formell", "aktiv", "informert", "ingen"]
            body.append([Cell.of(p.actor)] + [Cell.of(p.mark if p.participation == mk else "") for mk in marks])
        doc.add(Table(header, body, [0.36, 0.16, 0.16, 0.16, 0.16], 9.0))
    s = secs["6"]
    doc.add(Heading("6. Brukermedvirkning", 1), P(s.prompt or "", "guidance"))
    _answer(doc, s.text)
    doc.add(Heading("7. Ressursbruk", 1))
    years = [f.year for f in r.funding]
    header = [[Cell.of("", shade=True)] + [Cell.of(str(y), bold=True, shade=True) for y in years]]
    rows = [("Tilsagn om kompetansetilskudd", "grant_husbanken"), ("Utbetalt beløp", "paid_out"),
            ("Kommunal egenfinansiering", "own_funding"), ("Totalt forbruk per dato", "total")]
    body = [[Cell.of(lbl)] + [Cell.of(getattr(f, attr).written) for f in r.funding] for lbl, attr in rows]
    w = 0.7 / max(1, len(years))
    doc.add(Table(header, body, [0.3] + [w] * len(years), 9.0))
    s = secs["8"]
    doc.add(Heading("8. Suksesshistorier", 1), P(s.prompt or "", "guidance"))
    _answer(doc, s.text)
    return doc


# --------------------------------------------------------------------------

def sluttrapport(r: Report) -> Document:
    c = r.cover
    title = str(c["title"])
    doc = _doc(r, f"Sluttrapport {title}")
    doc.header_text = f"{r.muni_written} – Boligsosialt utviklingsprogram"
    doc.footer_text = f"Sluttrapport: «{title}» Side"
    doc.page_numbers = True
    leader = r.programme["leader"]
    k = str(c["kommune"])
    if c["label_cover"]:
        doc.add(Cover([P("SLUTTRAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM", "title"), P("SLUTTRAPPORT", "title"),
                       P(title, "subtitle")], vertical_text="SLUTTRAPPORT" if c["vertical"] else None))
        doc.add(LabelValues([("KOMMUNE:", k), (f"{c['role']}:", str(leader)), ("Dato:", str(c["date"]))], as_table=True))
        doc.add(PageBreak())
    else:
        doc.add(Cover([P(f"Sluttrapport {c['date']}", "subtitle"), P(title.upper(), "title"), P(k.upper(), "subtitle")],
                      vertical_text=title.upper() if c["vertical"] else None), PageBreak())
    doc.add(Heading("FORORD", 1))
    doc.add(P(f"Denne sluttrapporten gir en beskrivelse av prosjektet «{title}». Rapporten sier hvordan prosjektet "
              "ble gjennomført, i hvilken grad arbeidsmålene ble realisert, og hva vi erfarte i forbindelse med "
              "prosjektarbeidet."),
            P("Tusen takk til alle dyktige ansatte i kommunen som har sittet i arbeidsgrupper og deltatt på møter. "
              "Ved å samarbeide gjør vi hverandre gode!"))
    if not c["label_cover"]:
        doc.add(P(f"{c['role']} {leader}", align="right"))
    if c["long"]:
        doc.add(PageBreak(), Toc("Innhold", [(1, "FORORD")] + [(1 if s.number.endswith(".") else 2,
                                                                  f"{s.number} {s.title}") for s in r.sections]))
    doc.add(PageBreak())
    rng = random.Random(r.name)
    fig = 0
    for s in r.sections:
        top = s.number.endswith(".")
        if top and s.number != "1.":
            doc.add(PageBreak())
        doc.add(Heading(f"{s.number} {s.title}", 1 if top else 2))
        _answer(doc, s.text)
        if s.number == "2.2":
            doc.add(Table([[Cell.of("Rolle", bold=True, shade=True), Cell.of("Hvem", bold=True, shade=True)]],
                          [[Cell.of("Prosjekteier"), Cell.of(f"{k}")],
                           [Cell.of("Prosjektansvar"), Cell.of("Assisterende rådmann")],
                           [Cell.of("Styringsgruppe"), Cell.of("Strategisk ledergruppe (rådmann, assisterende rådmann og "
                                                                "tre kommunalsjefer). Husbanken er observatør")],
                           [Cell.of("Prosjektleder"), Cell.of(str(leader))]], [0.3, 0.7], 9.5))
        if s.number == "3.3" or (s.number == "3.2" and not c["long"]):
            doc.add(Table([[Cell.of(h, bold=True, shade=True) for h in ("Gruppe:", "Deltagere:", "Oppgave:")]],
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
            doc.add(Figure(bars, f"Figur {fig}: {what} {r.year - 3}–{r.year}"))
        if s.number == "4.":
            doc.add(P("Status for arbeidsmålene:", bold=True))
            doc.add(Table([[Cell.of(h, bold=True, shade=True) for h in ("Nr.", "Arbeidsmål", "Status")]],
                          [[Cell.of(g.label), Cell.of(g.description), Cell.of(g.result)] for g in r.goals],
                          [0.08, 0.6, 0.32], 9.5))
    doc.add(Heading("REFERANSER", 1),
            P(f"{k} (2012). Prosjektbeskrivelse."),
            P("Andersen, E. S., Grude, K. V., & Haug, T. (2011). Målrettet prosjektstyring. Bergen: Fagbokforlaget."),
            P("Husbanken (2009). Programbeskrivelse for boligsosialt utviklingsprogram."))
    return doc
