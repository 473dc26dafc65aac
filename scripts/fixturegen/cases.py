"""Fixtures for the failure classes seen on reports made by other hands
(issue 11): two more reports per form (numbers 09 and 10, one per
producer), each built from a base report of the same producer and changed
where the class shows. The ground truth stays what a correct tool must
output; only the printed document carries the trap.

| form | classes |
|---|---|
| arsrapport_2012 | two-row households header with "Status behov" spanning the dates; form-printed partial years ("01.01.20", "31.12.20 14"); narrow budget cells breaking headers and amounts; the form's guidance printed in an answer cell; the steering group's date in brackets after the reporting date; "Prosjektleder:" and "Kommune :" for the printed labels; soft hyphens and the indicator tables headed "Indikator \\| Antall \\| Kommentar" (10) |
| ars_halvar_2011 | status "ny"; labels and budget column heads in other words ("Programmets navn", "Programeier", "Programstart (dato):", "Sum", "Kommunal egenandel", "Andre midler") (09); a "Fra/til hvilken aktivitet" column; later years printed blank in the funding table; a budget table long enough to run over a page, a row cut by the break, the area as a row across the activity table, "Status" spanning the n/v/g/a legend and the progress column (10) |
| halvar_sor_2012 | the year only on the cover ("Andre halvår 2013") with dates written without it and the steering group's approval on the cover (09); the form used for a whole year ("Årsrapport 2012"), "Prosjektleder:", a misspelt "styrinsgruppen", partner groups titled "Kommunale aktører" / "Eksterne" (10) |
| sluttrapport | «quoted» name above "X kommune"; the period and the leader in prose ("i perioden mars 2010 – oktober 2014", "Prosjektleder har vært NN"), "NN / prosjektleder"; a "Nr. \\| Delmål \\| Status \\| Ferdig når" goal table; a funding table with one year (09); a labelled block "Programstart / Programslutt", the leader only as a signature, an "Arbeidsmål \\| Status \\| Ferdig" table (10) |
"""

from __future__ import annotations

from typing import Callable, List

import random

from . import texts as T
from .generate import AH_ACTS, ars2012, ars_halvar, budget_lines, halvar_sor, list_issues, m, sluttrapport
from .model import FundingLine, GoalLine, IssueTruth, Money, Report
from .people import slug
from .values import MONTHS, iso

CASE_INDEXES = (8, 9)


def _rename(r: Report, form: str, i: int, key: str) -> None:
    r.name = f"{form}-{i + 1:02}-{slug(key)}-{r.producer}"
    r.index = i


def _swap_label(r: Report, old: str, new: str) -> None:
    r.general = [(new if lbl == old else lbl, val) for lbl, val in r.general]


def _set_value(r: Report, label: str, value: str) -> None:
    r.general = [(lbl, value if lbl == label else val) for lbl, val in r.general]


def ars2012_case(i: int) -> Report:
    base = i - 8  # 0 (LibreOffice) or 1 (Chromium)
    r = ars2012(base)
    key = r.muni_written.split()[0].capitalize()
    _rename(r, "arsrapport_2012", i, key)
    yy = r.year % 100
    r.layout["households_header_split"] = "Status behov"
    r.layout["households_widths"] = [0.42, 0.08, 0.08, 0.12, 0.30]
    for h in r.households:
        if h.category == "barnefamilier":
            continue
        # The form prints "pr. 01.01.20" for the writer to complete; one writer did (with a space), one did not.
        h.header_start = "pr. 01.01.20"
        h.header_end = f"pr. 31.12.20 {yy:02}" if i == 8 else "pr. 31.12.20"
    # The comment column's printed guidance left standing above the answer.
    first = r.households[0]
    first.comment_lines = [T.COMMENT_HEADER_HELP] + (first.comment_lines or ["Tallene er usikre."])
    first.comment = first.comment or "Tallene er usikre."
    r.layout["budget_widths"] = [0.30, 0.085, 0.085, 0.09, 0.09, 0.09, 0.065, 0.195]
    r.layout["budget_font_pt"] = 8.5
    # The steering group's approval in brackets after the reporting date.
    approved = (r.year + 1, 1, 12)
    rep = dict(r.general)["Rapporteringsdato"]
    _set_value(r, "Rapporteringsdato", f"{rep} (godkjent i styringsgruppen {approved[2]:02}.{approved[1]:02}.{approved[0]})")
    r.reporting["steering_group_dates"] = [iso(*approved)]
    _swap_label(r, "Programleder", "Prosjektleder")
    _swap_label(r, "Kommune", "Kommune ")
    r.traps += ["households_two_row_header_spanning", "partial_year_in_header", "narrow_budget_cells",
                "guidance_in_answer_cell", "steering_in_brackets", "label_prosjektleder", "label_space_colon"]
    if i == 9:
        r.layout["soft_hyphens"] = True
        r.traps.append("soft_hyphens")
        r.layout["indicator_header_words"] = True
        r.traps.append("indicator_header_antall")
    return r


def ars_halvar_case(i: int) -> Report:
    base = i - 4  # 4 (LibreOffice) or 5 (Chromium)
    r = ars_halvar(base)
    key = r.muni_written.split()[0].capitalize()
    _rename(r, "ars_halvar_2011", i, key)
    for a in r.activities[::2]:
        a.status_written, a.status = "ny", "ny"
    # Later years printed blank by the form: no rows.
    r.funding = [f for f in r.funding if f.year <= 2012]
    r.layout["funding_blank_years"] = [2013, 2014]
    r.layout["budget_transfer_column"] = True
    r.layout["budget_widths"] = [0.20, 0.09, 0.09, 0.10, 0.10, 0.09, 0.09, 0.09, 0.15]
    style = "space"
    if i == 9:
        # Long enough to run over a page: Chromium cuts a row at the page break.
        more = (" Tiltaket omfatter kartlegging, opplæring og oppfølging av leietakere, og skal gi bedre "
                "samordning mellom tjenestene.") * 3
        names = [f"Aktivitet {n}: {act.rstrip('.')} i samarbeid med NAV, boligkontoret og helse- og "
                 "omsorgstjenesten" + (more if n % 3 == 0 else "") for n, (act, _, _) in enumerate(AH_ACTS, start=1)]
        r.budget = budget_lines(random.Random(r.name), style, names)
        r.traps.append("budget_row_across_pages")
        # The goal area as a row across the activity table, under a guidance line; "Status" spanning
        # the code legend and the progress column.
        areas = list(dict.fromkeys(a.area for a in r.activities))
        for a in r.activities:
            a.area = f"Målområde {areas.index(a.area) + 1}: {a.area}"
        r.layout["activities_area_in_table"] = True
        r.layout["activities_status_spanning"] = True
        r.traps += ["activity_area_row_in_table", "activity_status_spanning_header"]
    notes = ["Fra aktivitet 3", "Til aktivitet 1"]
    for b, note in zip(r.budget[1::2], notes):
        b.note = note
        b.other_funding = Money("", None)
    r.issues = [x for x in r.issues if not x.field or not x.field.startswith(("budget", "activities"))]
    r.issues += list_issues(r)
    r.traps += ["status_ny", "budget_transfer_column", "funding_years_printed_blank"]
    if i == 8:
        # The same labels and column heads in other words, one with a bracketed qualifier before its colon.
        for old, new in [("Programnavn", "Programmets navn"), ("Programansvarlig", "Programeier"),
                         ("Programstart", "Programstart (dato)"), ("Utfylt av", "Skjemaet er fylt ut av")]:
            _swap_label(r, old, new)
        r.layout["budget_header"] = ["Aktivitet", "Regnskap", "Budsjett", "Kompetansetilskudd HB",
                                     "Kommunal egenandel", "Andre midler", "Sum", "Avvik"]
        r.traps += ["label_synonyms", "label_bracketed_qualifier", "budget_header_synonyms"]
    return r


def halvar_sor_case(i: int) -> Report:
    base = i - 8  # 0 (LibreOffice) or 1 (Chromium)
    r = halvar_sor(base)
    key = r.muni_written.split()[0].capitalize()
    _rename(r, "halvar_sor_2012", i, key)
    r.issues = [x for x in r.issues if x.field != "reporting.date"]
    if i == 8:
        # The year only on the cover; dates written without it; the approval on the cover.
        year = r.year
        r.cover["lines"] = [("Skjema for halvårsrapportering", "title"),
                            ("Boligsosialt utviklingsprogram – Region sør", "subtitle"),
                            (f"Andre halvår {year}", "subtitle"),
                            (f"Godkjent styringsgruppa 14.12.{year}", "subtitle")]
        _set_value(r, "Rapporteringsdato", "20.12.")
        _set_value(r, "Behandlet i styringsgruppen", "")
        r.half, r.period_from, r.period_to = 2, iso(year, 7, 1), iso(year, 12, 31)
        r.reporting["date"] = iso(year, 12, 20)
        r.reporting["steering_group_dates"] = [iso(year, 12, 14)]
        r.issues.append(IssueTruth("info", "year_inferred", "reporting.date", "20.12."))
        r.traps += ["year_only_on_cover_half", "steering_on_cover", "dates_without_year"]
    else:
        # The half-year form used for a whole year.
        year = r.year
        r.cover["lines"] = [(f"Årsrapport {year}", "title"),
                            ("Boligsosialt utviklingsprogram – Region sør", "subtitle"),
                            (r.muni_written, "subtitle")]
        r.kind, r.half = "arsrapport", None
        r.period_from, r.period_to = iso(year, 1, 1), iso(year, 12, 31)
        _set_value(r, "Rapporteringsdato", f"15.01.{year + 1}")
        r.reporting["date"] = iso(year + 1, 1, 15)
        r.general = [("Behandlet i styrinsgruppen" if lbl == "Behandlet i styringsgruppen" else lbl,
                      f"10.01.{year + 1}" if lbl == "Behandlet i styringsgruppen" else val) for lbl, val in r.general]
        r.reporting["steering_group_dates"] = [iso(year + 1, 1, 10)]
        _swap_label(r, "Programleder", "Prosjektleder")
        r.layout["partner_group_titles"] = ["Kommunale aktører", "Eksterne"]
        r.traps += ["region_sor_form_for_annual_report", "misspelt_steering_label", "label_prosjektleder",
                    "partner_group_kommunale_aktorer"]
    return r


def sluttrapport_case(i: int) -> Report:
    base = i - 6  # 2 (LibreOffice) or 3 (Chromium)
    r = sluttrapport(base)
    key = r.muni_written.split()[0].capitalize()
    _rename(r, "sluttrapport", i, key)
    c = r.cover
    c["label_cover"], c["vertical"], c["quoted_cover"] = False, False, True
    title, leader = c["title"], r.programme["leader"]
    k = r.muni_written if r.muni_written.lower().endswith("kommune") else f"{r.muni_written} kommune"
    c["kommune"] = k
    goals = [("Midlertidige boliger er tilgjengelige og av god kvalitet", "Delvis nådd", "November 2013"),
             ("Ansatte kjenner Husbankens virkemidler", "Nådd – videreføres i drift", None),
             ("Det boligsosiale arbeidet er forankret i planverket", "Nådd", "Juni 2013"),
             ("Tverrfaglige team følger opp leietakere", "Ikke nådd", "2014")]
    if i == 8:
        start, end = (2010, 3), (2014, 10)
        c["foreword"] = (f"Denne sluttrapporten beskriver prosjektet «{title}» i {k}, gjennomført i perioden "
                         f"{MONTHS[start[1] - 1]} {start[0]} – {MONTHS[end[1] - 1]} {end[0]} med støtte fra Husbanken "
                         f"gjennom Boligsosialt utviklingsprogram. Prosjektleder har vært {leader}.")
        c["signature"] = [f"{leader} / prosjektleder"]
        c["goal_header"] = "delmål"
        r.goals = [GoalLine(None, "delmål", str(n), desc, res, due, number=str(n))
                   for n, (desc, res, due) in enumerate(goals, start=1)]
        c["funding_year"] = (2014, [("Tilskudd fra Husbanken", "500 000"), ("Egenfinansiering fra kommunen", "150 000")])
        r.funding = [FundingLine(2014, m(500_000, "space"), m(None, "space"), m(150_000, "space"), m(None, "space"),
                                 m(None, "space"), m(None, "space"))]
        r.traps += ["quoted_title_with_kommune", "period_in_prose", "leader_in_prose", "signature_slash",
                    "goal_table_nr_delmal_status_ferdig", "funding_single_year"]
    else:
        start, end = (2011, 5), (2015, 11)
        c["label_block"] = [("Programstart:", f"{MONTHS[start[1] - 1]} {start[0]}"),
                            ("Programslutt:", f"{MONTHS[end[1] - 1]} {end[0]}")]
        c["signature"] = [leader, "prosjektleder"]
        c["goal_header"] = "arbeidsmål"
        r.goals = [GoalLine(None, "arbeidsmål", None, desc, res, due) for desc, res, due in goals]
        r.programme["start"] = iso(*start)
        r.traps += ["quoted_title_with_kommune", "labelled_programstart_programslutt", "leader_signature_only",
                    "goal_table_arbeidsmal_status_ferdig"]
    r.period_from, r.period_to = iso(*start), iso(*end)
    return r


CASES: List[Callable[[int], Report]] = [ars2012_case, ars_halvar_case, halvar_sor_case, sluttrapport_case]


def case_reports() -> List[Report]:
    return [make(i) for make in CASES for i in CASE_INDEXES]
