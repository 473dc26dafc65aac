"""Fixtures for the failure classes seen on reports made by other hands
(issue 11 and later rounds): two more reports per form (numbers 09 and 10,
one per producer) and two more final reports (11 and 12), each built from a
base report of the same producer and changed where the class shows. The
ground truth stays what a correct tool must output; only the printed
document carries the trap.

| form | classes |
|---|---|
| arsrapport_2012 | two-row households header with "Status behov" spanning the dates; form-printed partial years ("01.01.20", "31.12.20 14"); narrow budget cells breaking headers and amounts; the form's guidance printed in an answer cell; the steering group's date in brackets after the reporting date; "Prosjektleder:" and "Kommune :" for the printed labels; labels parted from their values by a space only ("Navn på program …", "Programstart November 2010", "Tlf. …") and "E-postadresse:", the funding table cut by the page break with its header not repeated, counts written with their unit ("60 stk.") (09); soft hyphens, the indicator tables headed "Indikator \\| Antall \\| Kommentar" and indicator rows reworded ("Herav med fast rente", "Tildelinger av kommunal utleiebolig (nye)", "Antall bostøttemottakere pr. 31.12.2012" with its date in full), the C.2 table's title and a note on the source repeated as rows of words above its counts, the budget (8.5 pt) and the funding table (9.5 pt, narrow padding, a year with a blank cell) drawn with no borders or shading, one under the other with only the funding table's caption between them (10) |
| ars_halvar_2011 | status "ny"; labels and budget column heads in other words ("Programmets navn", "Programeier", "Programstart (dato):", "Sum", "Kommunal egenandel", "Andre midler") (09); a "Fra/til hvilken aktivitet" column; later years printed blank in the funding table; a budget table long enough to run over a page, a row cut by the break, the area as a row across the activity table, "Status" spanning the n/v/g/a legend and the progress column, a deviation whose first word fills the narrow column's line with an abbreviation after it ("Forsinkelse" / "ca. tre måneder") (10) |
| halvar_sor_2012 | the year only on the cover ("Andre halvår 2013") with dates written without it and the steering group's approval on the cover, the label block as a table with the e-mail address wrapped at its last full stop ("…@holmestrand.kommune" / ".no"), the partner matrices ruled by nothing (lower-case crosses, a last row nobody ticked), the resource table ruled by nothing with its paid-out amounts the only plain figures (two to a row, under a row of years) and its header and first row left at the foot of a page (09); the form used for a whole year ("Årsrapport 2012"), "Prosjektleder:", a misspelt "styrinsgruppen", partner groups titled "Kommunale aktører" / "Eksterne", goal results left as the printed prompt "Beskriv resultat", the resource table ruled by nothing and broken over a page before its own-funding row under a narrow top margin, in narrow cells, its own funding written wider than the amounts above the break, the next heading right under it, the last goal table with only its header boxed and its row's description wrapping below every line of two cells (10) |
| sluttrapport | «quoted» name above "X kommune"; the period and the leader in prose ("i perioden mars 2010 – oktober 2014", "Prosjektleder har vært NN"), "NN / prosjektleder"; a "Nr. \\| Delmål \\| Status \\| Ferdig når" goal table; a funding table with one year and its own funding as "Egenandel kommunen" (09); a labelled block "Prosjekteier / Programstart / Programslutt" (the owner with a role before the name), the leader only as a signature, an "Arbeidsmål \\| Status \\| Ferdig" table (10); "Sluttrapport fra prosjektet" set larger than the «quoted» name and no date on the cover, the report's date only as the foreword's signed place and date ("Ringsaker, 12.01.2014"), the leader as the subject of the role ("NN har vært prosjektleder i hele perioden", "NN var prosjektleder …"), the period as "som startet opp i februar 2011 og ble avsluttet ved utgangen av november 2013" (11) or "som varte fra juli 2009 til desember 2013" with a goal table "Mål \\| Beskrivelse \\| Måloppnåelse \\| Frist" whose first column holds the level, set as LibreOffice imports an HTML table: no rules, shaded header cells side by side, narrow padding, cells centred beside a description wrapped onto lines set far apart (12) |

Helper classes9 (a fresh blind batch) adds one report per class, named with
"classes9": an annual ars_halvar report whose cover prints the deadlines of
both kinds (11); a halvar_sor report with its half only in a season title,
yearless dates and an unruled label block wrapping its e-mail value (11); a
final report with its foreword, naming months in prose, on the cover page (13).
"""

from __future__ import annotations

from typing import Callable, List

import random

from . import texts as T
from .generate import AH_ACTS, ars2012, ars_halvar, budget_lines, halvar_sor, list_issues, m, sluttrapport
from .model import Count, FundingLine, GoalLine, IssueTruth, Money, Report
from .people import mail_domain, person, slug
from .values import MONTHS, group, iso

CASE_INDEXES = (8, 9)
# Blank lines above halvar_sor 09's resource table (see halvar_sor_case).
PUSHED = 29


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
    if i == 8:
        # A label block where labels stand parted from their values by a space only (three of them: a
        # layout, not a sentence), one of them abbreviated ("Tlf."), and a compound label with its colon.
        renamed = {"Programnavn": "Navn på program", "Telefon": "Tlf.", "E-post": "E-postadresse"}
        r.general = [(renamed.get(lbl, lbl), val) for lbl, val in r.general]
        r.layout["spaced_labels"] = ["Navn på program", "Programstart", "Tlf."]
        r.traps += ["labels_parted_by_a_space", "label_abbreviated_tlf", "label_e_postadresse"]
        # Amounts written with øre ("250.000,00") in a narrow column: the cell breaks inside the decimals.
        for b in r.budget:
            if b.own_funding.value:
                b.own_funding = Money(group(b.own_funding.value, ".") + ",00", b.own_funding.value)
        r.traps.append("amount_broken_in_its_decimals")
        # A count written with its unit ("60 stk.").
        for h in [h for h in r.households if h.need_end.value is not None and h.need_end.issue is None][:2]:
            h.need_end = Count(f"{h.need_end.value} stk.", h.need_end.value)
        r.traps.append("count_with_unit_stk")
        # The funding table cut by the page break, its header not repeated on the next page.
        r.layout["funding_pushed_down"] = 22
        r.layout["funding_header_not_repeated"] = True
        r.traps.append("funding_rows_across_pages_no_header")
    if i == 9:
        r.layout["soft_hyphens"] = True
        r.traps.append("soft_hyphens")
        r.layout["indicator_header_words"] = True
        r.traps.append("indicator_header_antall")
        # Indicator rows in the writer's own words (the code is still the form's row).
        reworded = {"startlan_fastrente": "Herav med fast rente",
                    "startlan_fullfinansiert": "Antall boligkjøp fullfinansiert med startlån",
                    "startlan_leie_til_eie": "Antall startlån brukt til overgang fra kommunal utleiebolig til eid bolig",
                    "nye_tildelinger_kommunal_bolig": "Tildelinger av kommunal utleiebolig (nye)"}
        for ind in r.indicators:
            ind.label = reworded.get(ind.code, ind.label)
            if ind.code == "bostotte_mottakere":
                # The count's date written in full: its as_of is that day.
                ind.label = f"Antall bostøttemottakere pr. 31.12.{r.year}"
                ind.as_of = iso(r.year, 12, 31)
        r.traps.append("indicator_labels_reworded")
        r.layout["indicator_rows_of_words"] = True
        r.traps.append("indicator_rows_of_words")
        # The budget and the funding table with borders and shading off and narrow padding, the budget
        # set smaller (8.5 pt) than the funding table (9.5 pt) under it, only the funding table's
        # caption between them; a year whose transfer was left blank (fewer cells than the year above).
        r.layout.update(budget_borderless=True, funding_borderless=True,
                        funding_narrow_padding=True, funding_font_pt=9.5,
                        budget_widths=[0.21, 0.09, 0.09, 0.19, 0.11, 0.1, 0.1, 0.11])
        for f in r.funding[1:2]:
            f.carried_over = Money("", None)
        # One header row (its titles wrapped), as such a budget is usually drawn.
        r.layout["budget_merged_header"] = False
        r.traps = [t for t in r.traps if t != "budget_merged_header"]
        r.traps += ["stacked_borderless_tables_in_two_sizes", "funding_year_with_a_blank_cell"]
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
        # A deviation whose first word fills the narrow column's line, an abbreviation after it:
        # a wrap, not the rest of a broken word ("Forsinkelse" / "ca. tre måneder").
        for a in r.activities[1::3]:
            a.deviation = "Forsinkelse ca. tre måneder"
        r.traps.append("abbreviation_after_a_full_line")
        # The same full first word before a word the document prints nowhere else mid-line: two words
        # wrapped, not one broken, as the reason column shows, where the word stands whole.
        for a in r.activities[2::3]:
            a.deviation = "Forsinkelse grunnet sykefravær"
            a.reason = "Forsinkelse i rekrutteringen utsatte oppstarten."
        r.traps.append("full_word_before_an_unknown_word")
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
        # The status column headed by the code legend alone (its "Status for aktiviteten:" left above
        # the grid, as LibreOffice's HTML import does).
        r.layout["activities_status_header"] = "nytt (n), videreført (v), gjennomført (g) eller avviklet (a)"
        r.traps.append("activity_status_header_legend_only")
        # The activity tables ruled with horizontal lines only: a row's wrapped lines are read as one,
        # and a word the narrow activity column broke must still be joined.
        r.layout["activities_rules_only"] = True
        r.traps.append("activities_ruled_rows_broken_word")
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
        # The label block as a table whose value cell wraps the e-mail address at its last full stop
        # ("…@holmestrand.kommune" / ".no"), as a narrow cell does.
        r.general_as_table = True
        r.general = [(lbl, "\n.".join(val.rsplit(".", 1)) if lbl == "E-post" else val) for lbl, val in r.general]
        r.traps = [t for t in r.traps if t != "general_info_paragraphs"]
        r.traps += ["general_info_table", "email_wrapped_at_full_stop"]
        # The partner matrices ruled by nothing: a grid of crosses, no figure in it.
        r.layout["partners_borderless"] = True
        r.traps.append("partner_ticks_unruled")
        # The resource table ruled by nothing: a row of years over amounts written with spaces,
        # none a plain figure; pushed to the foot of a page, where the break leaves its header and
        # first row behind.
        r.layout.update(funding_borderless=True, funding_pushed_down=PUSHED)
        # The paid-out amounts written with no thousands spaces: the only plain figures of the table,
        # two to a row at most, under a row of evenly stepped years (as a chart's axis labels are).
        for f in r.funding:
            if f.paid_out.value is not None:
                f.paid_out = Money(str(f.paid_out.value), f.paid_out.value)
        r.traps += ["funding_years_over_spaced_amounts", "funding_head_left_at_page_foot"]
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
        # Two results left blank under the form's printed prompt.
        for g in [g for g in r.goals if g.level == "delmål"][:2]:
            g.result = ""
        r.layout["goal_result_prompt"] = "Beskriv resultat"
        r.layout["partner_group_titles"] = ["Kommunale aktører", "Eksterne"]
        r.traps += ["region_sor_form_for_annual_report", "misspelt_steering_label", "label_prosjektleder",
                    "partner_group_kommunale_aktorer", "goal_result_prompt_left_standing"]
        # The resource table ruled by nothing and broken over a page before its own-funding row, under a
        # narrow top margin (the carried rows stand in the page's top band, where running headers do),
        # set with a word processor's narrow cell padding, its own funding written wider than any amount
        # above the break ("kr 1 250 000,-"), and the next section's heading right under it.
        r.layout.update(funding_borderless=True, funding_break_before_row=2, funding_narrow_padding=True,
                        margins_cm=1.0)
        for f in r.funding:
            if f.own_funding.value is not None:
                f.own_funding = Money("kr " + group(f.own_funding.value, " ") + ",-", f.own_funding.value)
        r.traps += ["funding_rows_carried_as_text_lines"]
        # Its cells centred in their rows' height, lines set far apart, the carried rows' labels wrapped:
        # their figures stand between a label's lines, and the rows part wider than a line's spacing.
        r.layout["funding_valign_middle"] = True
        r.layout["funding_row_labels"] = {"own_funding": "Kommunal egenfinansiering (kommunens egne midler)",
                                          "total": "Totalt forbruk per dato (alle midler brukt hittil)"}
        r.traps.append("funding_carried_rows_centred")
        # The last goal table with only its header boxed and its row below ruled by nothing: the row's
        # description wraps further than its result, onto a line below every line that holds two cells.
        r.layout["goals_header_ruled_only"] = True
        r.traps += ["goal_rows_unruled_under_a_boxed_header"]
    return r


def sluttrapport_case(i: int) -> Report:
    if i in SR_FOREWORD_INDEXES:
        return sluttrapport_foreword_case(i)
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
        c["funding_year"] = (2014, [("Tilskudd fra Husbanken", "500 000"), ("Egenandel kommunen", "150 000")])
        r.funding = [FundingLine(2014, m(500_000, "space"), m(None, "space"), m(150_000, "space"), m(None, "space"),
                                 m(None, "space"), m(None, "space"))]
        r.traps += ["quoted_title_with_kommune", "period_in_prose", "leader_in_prose", "signature_slash",
                    "goal_table_nr_delmal_status_ferdig", "funding_single_year", "funding_label_egenandel"]
    else:
        start, end = (2011, 5), (2015, 11)
        owner_name, _ = person(random.Random(f"owner-{r.name}"))
        owner = f"Helse- og sosialsjef {owner_name}"
        c["label_block"] = [("Prosjekteier:", owner),
                            ("Programstart:", f"{MONTHS[start[1] - 1]} {start[0]}"),
                            ("Programslutt:", f"{MONTHS[end[1] - 1]} {end[0]}")]
        r.programme["owner"] = owner
        c["signature"] = [leader, "prosjektleder"]
        c["goal_header"] = "arbeidsmål"
        r.goals = [GoalLine(None, "arbeidsmål", None, desc, res, due) for desc, res, due in goals]
        r.programme["start"] = iso(*start)
        r.traps += ["quoted_title_with_kommune", "labelled_programstart_programslutt", "labelled_prosjekteier",
                    "leader_signature_only",
                    "goal_table_arbeidsmal_status_ferdig"]
    r.period_from, r.period_to = iso(*start), iso(*end)
    return r


# Final reports whose foreword carries what the cover does not (numbers 11 and 12): kept apart from 09
# and 10, which carry the period "i perioden …", "Prosjektleder har vært NN" and the labelled block.
SR_FOREWORD_INDEXES = (10, 11)


def sluttrapport_foreword_case(i: int) -> Report:
    base = i - 6  # 4 (LibreOffice) or 5 (Chromium)
    r = sluttrapport(base)
    key = r.muni_written.split()[0].capitalize()
    _rename(r, "sluttrapport", i, key)
    c = r.cover
    title = "Bo trygt i " + key if i == 10 else "Boligkontor under ett tak"
    k = f"{key} kommune"
    leader = r.programme["leader"]
    # "Sluttrapport fra prosjektet" set larger than the «quoted» name; no date on the cover.
    c.update(title=title, kommune=k, label_cover=False, vertical=False, quoted_cover=True,
             cover_head="Sluttrapport fra prosjektet", date=None)
    r.programme["name"] = title
    if i == 10:
        start, end, signed = (2011, 2), (2013, 11), (2014, 1, 12)
        period = (f"som startet opp i {MONTHS[start[1] - 1]} {start[0]} og ble avsluttet ved utgangen av "
                  f"{MONTHS[end[1] - 1]} {end[0]}")
        role = f"{leader} har vært prosjektleder i hele perioden, og har hatt ansvaret for framdrift og rapportering."
        r.traps += ["period_started_and_ended_in_prose"]
    else:
        start, end, signed = (2009, 7), (2013, 12), (2014, 2, 20)
        period = f"som varte fra {MONTHS[start[1] - 1]} {start[0]} til {MONTHS[end[1] - 1]} {end[0]}"
        role = f"{leader} var prosjektleder fra oppstart til avslutning, med støtte fra en tverrfaglig arbeidsgruppe."
        r.traps += ["period_varte_fra_til"]
        # The goal table with the level in a column of its own headed "Mål", beside "Beskrivelse".
        c["goal_header"] = "level_column"
        goals = [("hovedmål", None, "Flere vanskeligstilte har en egnet bolig og får hjelp til å beholde den",
                  "Videreføres i ordinær drift", "2013"),
                 ("delmål", "1", "Antall utkastelser er halvert", "Ikke nådd", "2012"),
                 ("delmål", "2", "Unge under 25 år får hjelp til å etablere seg i egen bolig", "Delvis nådd", None),
                 ("delmål", "3", "Boligbehovet er kartlagt og oppdateres hvert år", "Nådd", "2013")]
        # As LibreOffice imports an HTML table: no rules, shaded header cells side by side, each cell
        # centred in its row's height; a description wrapped onto two lines has its level, status and date
        # centred beside it, between its lines.
        c["goals_html_import"] = True
        goals[1] = ("delmål", "1", "Antall utkastelser er halvert, og ingen barnefamilier blir satt ut av boligen",
                    "Ikke nådd", "2012")
        r.goals = [GoalLine(None, level, "Hovedmål" if n is None else f"Delmål {n}", desc, res, due, number=n)
                   for level, n, desc, res, due in goals]
        r.traps += ["goal_table_level_column_mal_beskrivelse", "goal_table_html_import_centred"]
    c["foreword"] = (f"Denne sluttrapporten beskriver prosjektet «{title}» i {k}, {period}. Prosjektet var en del av "
                     "Husbankens boligsosiale utviklingsprogram.")
    c["foreword_more"] = [role]
    # The roles table names no leader: the foreword's sentence is the only place the leader stands.
    c["roles_without_leader"] = True
    # The foreword signed with place and date: the report's date.
    c["signature"] = [f"{key}, {signed[2]:02}.{signed[1]:02}.{signed[0]}"]
    r.year, r.muni_ref_date = signed[0], iso(signed[0], 7, 1)
    r.reporting["date"] = iso(*signed)
    r.period_from, r.period_to = iso(*start), iso(*end)
    r.traps = [t for t in r.traps if t not in ("label_value_cover", "leader_in_foreword")]
    r.traps += ["cover_heading_larger_than_quoted_name", "leader_subject_of_role", "foreword_signed_place_date",
                "no_date_on_cover"]
    return r


def halvar_sor_classes9(i: int) -> Report:
    """The half named only by the cover's season ("Høsthalvåret 2012"), the reporting date written without
    a year; the label block as a table with no rules whose e-mail value holds two addresses, the second on
    the line under the first, where the value column starts."""
    r = halvar_sor(1)
    key = r.muni_written.split()[0].capitalize()
    r.name, r.index = f"halvar_sor_2012-{i + 1:02}-classes9-{slug(key)}-{r.producer}", i
    year = r.year
    r.cover["lines"] = [("Skjema for halvårsrapportering", "title"),
                        ("Boligsosialt utviklingsprogram – Region sør", "subtitle"), (f"Høsthalvåret {year}", "subtitle")]
    _set_value(r, "Rapporteringsdato", "20. desember")
    _set_value(r, "Behandlet i styringsgruppen", "10.12.")
    r.reporting["date"], r.reporting["steering_group_dates"] = iso(year, 12, 20), [iso(year, 12, 10)]
    r.issues = [x for x in r.issues if x.field != "reporting.date"]
    r.issues.append(IssueTruth("info", "year_inferred", "reporting.date", "20. desember"))
    other = f"postmottak@{mail_domain(key)}"
    r.general = [(lbl, f"{val},\n{other}" if lbl == "E-post" else val) for lbl, val in r.general]
    r.reporting["emails"] = r.reporting["emails"] + [other.lower()]
    r.layout["general_borderless"] = True
    r.traps += ["half_from_cover_season", "dates_without_year", "label_block_unruled_value_wrapped"]
    return r


def ars_halvar_classes9(i: int) -> Report:
    """An annual report whose cover also prints the form's delivery deadlines, the half-year report's first
    ("Halvårsrapportering leveres 31.08 hvert år."): they name a kind but decide none."""
    r = ars_halvar(7)
    key = r.muni_written.split()[0].capitalize()
    r.name, r.index = f"ars_halvar_2011-{i + 1:02}-classes9-{slug(key)}-{r.producer}", i
    r.cover["notes"] = ["Halvårsrapportering leveres 31.08 hvert år. Årsrapportering leveres 31.01. hvert år."]
    r.traps.append("cover_prints_the_deadlines_of_both_kinds")
    return r


def sluttrapport_classes9(i: int) -> Report:
    """The foreword on the cover's page: its sentences name months ("som startet opp i februar 2011"),
    and the report's date is only the foreword's signed place and date."""
    r = sluttrapport_foreword_case(10)
    key = r.muni_written.split()[0].capitalize()
    r.name, r.index = f"sluttrapport-{i + 1:02}-classes9-{slug(key)}-{r.producer}", i
    r.cover["foreword_on_cover"] = True
    r.traps.append("foreword_on_the_cover_page")
    return r


def classes11_case() -> Report:
    """Activity status cells giving the code and the word together ("v – videreført"), and the
    status legend printed as the activity table's last row (a footnote the grid takes in)."""
    r = ars_halvar(5)
    key = r.muni_written.split()[0].capitalize()
    r.name = f"ars_halvar_2011-11-classes11-{slug(key)}-{r.producer}"
    codes = {"ny": "n – nytt", "videreført": "v – videreført", "gjennomført": "g – gjennomført",
             "avviklet": "a – avviklet"}
    for a in r.activities:
        if a.status in codes:
            a.status_written = codes[a.status]
    r.layout["activities_legend_in_table"] = True
    r.issues = [x for x in r.issues if not x.field or not x.field.startswith("activities")]
    r.issues += list_issues(r)
    r.traps += ["activity_status_code_and_word", "activity_legend_row_in_table"]
    return r


def classes10_case() -> Report:
    """The budget ruled by nothing, the page break right under its header: the header left alone at
    the foot of a page, the rows on the next page with no header repeated; the funding table's header
    in two rows, the one over the years naming one column only."""
    r = ars2012(1)
    r.name = f"arsrapport_2012-classes10-{slug(r.muni_written.split()[0].capitalize())}-{r.producer}"
    r.layout.update(budget_borderless=True, budget_head_left=True, budget_merged_header=False,
                    budget_header=["Aktivitet", "Regnskap", "Budsjett", "Tilskudd fra Husbanken", "Kommunal egenandel",
                                   "Annen finansiering", "Totalt", "Avvik +/-"])
    r.traps = [t for t in r.traps if t != "budget_merged_header"]
    r.traps.append("budget_head_left_at_page_foot")
    # The funding table's first title over two header rows, the lower naming that column only.
    r.layout["funding_header_split"] = ("Kompetansetilskudd", "Husbanken")
    r.traps.append("funding_header_lower_row_names_one_column")
    return r


def classes10_header_rows_case() -> Report:
    """The budget's header typed over two rows with no cell merged: the top row holds only the first
    words of two titles ("Tilskudd fra HB", "Egen") over a blank corner, the row under it the rest."""
    r = ars2012(0)
    r.name = f"arsrapport_2012-classes10-{slug(r.muni_written.split()[0].capitalize())}-{r.producer}"
    r.layout.update(budget_merged_header=False, budget_header_rows=[
        ["", "", "", "Tilskudd fra HB", "Egen", "", "", ""],
        ["Aktivitet", "Regnskap", "Budsjett", "(kompetansetilskudd)", "finansiering kommunen", "Annen finansiering",
         "Totalt", "Avvik"]])
    r.traps = [t for t in r.traps if t != "budget_merged_header"]
    r.traps.append("budget_header_rows_unmerged")
    # Totals written in no groups in a column narrower than them: the cell breaks inside the digits.
    r.layout["budget_widths"] = [0.25, 0.11, 0.11, 0.12, 0.12, 0.12, 0.07, 0.10]
    for b in r.budget:
        if b.total.value is not None and b.total.value >= 100000:
            b.total = Money(str(b.total.value), b.total.value)
    r.traps.append("amount_in_no_groups_broken")
    return r


CASES: List[Callable[[int], Report]] = [ars2012_case, ars_halvar_case, halvar_sor_case, sluttrapport_case]
# Cases of the classes a fresh blind batch showed (helper classes9), one report each.
CLASSES9_CASES = [(ars_halvar_classes9, 10), (halvar_sor_classes9, 10), (sluttrapport_classes9, 12)]


def case_reports() -> List[Report]:
    return ([make(i) for make in CASES for i in CASE_INDEXES] + [sluttrapport_case(i) for i in SR_FOREWORD_INDEXES]
            + [make(i) for make, i in CLASSES9_CASES] + [classes11_case()]
            + [classes10_case(), classes10_header_rows_case()])
