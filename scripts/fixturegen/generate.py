"""Draws the ground truth of the 32 fixture reports from a fixed seed.

Which trap goes into which report is fixed by the report's index (so every
trap is covered for sure); names, numbers and filler text come from a
``random.Random`` seeded with the report's name, so a re-run gives the same
data.
"""

from __future__ import annotations

import random
from typing import List, Optional, Tuple

from . import texts as T
from .model import (ActivityLine, BudgetLine, Count, FundingLine, GoalLine, HouseholdRow, IndicatorRow,
                    IssueTruth, Money, PartnerLine, Report, SectionText)
from .people import emails, mail_domain, person, phones, slug
from .values import date_written, iso, money, month_written, norm_text, strip_trailing_punct

SEED = "skjema-fixtures-v1"
FONTS = ["Liberation Serif", "Carlito", "DejaVu Sans", "Liberation Sans", "Caladea", "DejaVu Serif",
         "Liberation Sans", "Carlito"]
FORMS = ["arsrapport_2012", "ars_halvar_2011", "halvar_sor_2012", "sluttrapport"]


def producer_of(i: int) -> str:
    return "lo" if i % 2 == 0 else "chromium"


def rng_for(name: str) -> random.Random:
    return random.Random(f"{SEED}:{name}")


def sentences(rng: random.Random, n: int) -> str:
    return " ".join(rng.sample(T.SENTENCES, n))


def paragraphs(rng: random.Random, n: int, per: Tuple[int, int] = (2, 4)) -> List[str]:
    return [sentences(rng, rng.randint(*per)) for _ in range(n)]


def half_period(y: int, half: Optional[int]) -> Tuple[str, str]:
    if half == 1:
        return iso(y, 1, 1), iso(y, 6, 30)
    if half == 2:
        return iso(y, 7, 1), iso(y, 12, 31)
    return iso(y, 1, 1), iso(y, 12, 31)


def count(n: Optional[int], written: Optional[str] = None) -> Count:
    if written is None:
        written = "" if n is None else str(n)
    return Count(written, n)


def uncertain(n: int) -> Count:
    return Count(f"{n}?", n, "value_uncertain")


def ranged(a: int, b: int) -> Count:
    return Count(f"{a}-{b}", None, "value_range")


def dash() -> Count:
    return Count("-", None)


def unparsed(written: str) -> Count:
    return Count(written, None, "unparsed_number")


def bullet_list(rng: random.Random, marker: str, n: int) -> Tuple[str, List[str]]:
    return (marker, rng.sample(T.BULLETS, n))


def with_list(rng: random.Random, paras: List[object], marker: str) -> List[object]:
    """An answer with a bullet list: an intro paragraph, the list, then the paragraphs."""
    return [rng.choice(T.LIST_INTROS), bullet_list(rng, marker, rng.randint(3, 5))] + list(paras)


def with_hyphen(rng: random.Random, paras: List[object]) -> List[object]:
    """Appends a sentence with a suspended hyphen ("helse- og omsorg") to the first paragraph."""
    out = list(paras)
    for n, p in enumerate(out):
        if isinstance(p, str):
            out[n] = p + " " + rng.choice(T.HYPHEN_SENTENCES)
            return out
    return out + [rng.choice(T.HYPHEN_SENTENCES)]


MARKERS = ["•", "-", "o"]


def m(amount: Optional[int], style: str) -> Money:
    if amount is None:
        return Money("", None)
    return Money(money(amount, style), amount)


def phone_issues(unusual: List[str], digits: List[str]) -> List[IssueTruth]:
    out = []
    for raw in unusual:
        out.append(IssueTruth("warning", "unusual_phone", f"reporting.phones[{digits.index(raw)}]", raw))
    return out


PROGRAMME_STARTS = [
    ("November 2010", "2010-11"),
    ("Samarbeidsavtale undertegnet 22.12.2009. Programleder ansatt fra 22.02.2010.", "2009-12-22"),
    ("01.03.11", "2011-03-01"),
    ("1. september 2010", "2010-09-01"),
    ("Mars 2011", "2011-03"),
    ("Oktober 2011", "2011-10"),
    ("15.06.2010", "2010-06-15"),
    ("Januar 2012", "2012-01"),
]

PHONE_VARIANTS = ["slash_plain", "pairs", "plus47_and_pairs", "short_switchboard", "one_plain", "nbsp", "og",
                  "seven_digits"]
EMAIL_VARIANTS = ["plain", "capital", "upper_domain", "capital", "plain", "capital", "plain", "upper_domain"]


# --------------------------------------------------------------------------
# arsrapport_2012

ARS_MUNIS = [("Moss", "Moss kommune", "Moss kommune"), ("Elverum", "ELVERUM", "ELVERUM"),
             ("Hamar", "Hamar", "HAMAR"), ("Sarpsborg", "Sarpsborg kommune", "Sarpsborg"),
             ("Fredrikstad", "Fredrikstad", "Fredrikstad"), ("Halden", "Halden kommune", "Halden kommune.."),
             ("Asker", "ASKER KOMMUNE", "Asker"), ("Ringsaker", "Ringsaker", "Ringsaker")]
ARS_YEARS = [2012, 2012, 2013, 2014, 2012, 2013, 2015, 2014]

COMMENTS = [
    ["Det er usikkerhet knyttet til tallet for året før.", "Tallet for i år bygger på antall bostedsløse",
     "innrapportert i uke 48."],
    ["Antakelser basert på erfaring."],
    ["Utgangspunkt ventelister.", "Bo-", "og servicesenter utgjør 70 av disse."],
    ["Kommunen har avsatt 12 millioner kroner", "på investeringsbudsjettet til kjøp av leiligheter."],
    ["Fra 1. mars er det etablert et boligsosialt kontor", "som vil ha spesielt fokus på bosetting av bostedsløse."],
    ["Tallene er hentet fra kartleggingen i NAV og boligkontoret.", "Noen husstander kan være telt to ganger."],
    ["Vil ha et spesielt fokus på vanskeligstilte barnefamilier", "både i forhold til startlån og kommunale utleieboliger."],
    ["Flere familier har fått startlån", "i stedet for kommunal bolig."],
]


def comment_expected(lines: List[str]) -> Optional[str]:
    """FIELD_RULES households.comment: lines joined by single spaces; a line ending in a hyphen
    joins without space unless the next word is og/eller."""
    out = ""
    for line in lines:
        line = norm_text(line) or ""
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and line.split()[0] not in ("og", "eller"):
            out += line
        else:
            out += " " + line
    return out or None


def household_rows(rng: random.Random, i: int, year: int) -> Tuple[List[HouseholdRow], List[str]]:
    traps: List[str] = []
    h_start, h_end = f"Status behov pr. 01.01.{year}", f"Status behov pr. 31.12.{year}"
    # The dates alone under "Status behov" spanning both columns, no "pr." (see the layout of 7).
    dates_only = i == 7
    if dates_only:
        h_start, h_end = f"01.01.{year}", f"31.12.{year}"
    rows = []
    for cat in ("A", "B", "C"):
        a = rng.randint(8, 60)
        b = max(0, a + rng.randint(-10, 12))
        c = rng.randint(2, 40)
        rows.append([cat, count(a), count(b), count(c), rng.choice(COMMENTS) if rng.random() < 0.6 else []])
    bf_year = year + 1 if i in (2, 5) else year
    bf = ["barnefamilier", count(rng.randint(5, 30)), count(rng.randint(5, 30)), count(rng.randint(1, 15)),
          COMMENTS[6] if i % 3 == 0 else []]
    # Fixed traps per index.
    if i == 0:
        rows[0][2] = uncertain(10)
        rows[1][1], rows[1][2] = count(None), count(None)
        rows[0][4] = COMMENTS[0]
        traps += ["uncertain_10?", "blank_cells", "multiline_comment"]
    if i == 1:
        rows[2][1] = ranged(6, 10)
        bf[2] = dash()
        for r in rows:
            r[4] = COMMENTS[rng.randrange(len(COMMENTS))] + COMMENTS[3]
        traps += ["range_6-10", "dash_blank", "table_across_pages"]
    if i == 2:
        bf[1] = uncertain(13)
        rows[1][2] = count(None)
        traps += ["barnefamilier_next_year_header", "uncertain_13?", "blank_middle_cell"]
    if i == 3:
        rows[1][2] = count(None)
        rows[2][4] = COMMENTS[2]
        traps += ["blank_middle_cell", "hyphen_og_line_break_in_comment", "vertical_cover_title"]
    if i == 4:
        rows[0][3] = dash()
        rows[2][2] = ranged(10, 15)
        traps += ["dash_blank", "range_10-15", "vertical_cover_title"]
    if i == 5:
        rows[2][1] = uncertain(5)
        traps += ["barnefamilier_next_year_header", "uncertain_5?", "rapporteringsar_is_delivery_year"]
    if i == 6:
        rows[1][3] = ranged(3, 4)
        bf[3] = count(None)
        for r in rows:
            r[4] = COMMENTS[4] + COMMENTS[5]
        traps += ["range_3-4", "blank_cells", "table_across_pages"]
    if i == 7:
        rows[0][1] = count(None, "")
        traps += ["blank_first_cell", "vertical_cover_title", "households_dates_without_pr"]
    out = []
    for cat, ns, ne, ho, com in rows:
        out.append(HouseholdRow(cat, f"{cat}. {T.HOUSEHOLD_LABELS[cat]}", T.HOUSEHOLD_LABELS[cat],
                                T.HOUSEHOLD_EXPLANATIONS[cat], ns, ne, ho, list(com), comment_expected(com),
                                h_start, h_end, iso(year, 1, 1), iso(year, 12, 31)))
    cat, ns, ne, ho, com = bf
    out.append(HouseholdRow("barnefamilier", T.HOUSEHOLD_LABELS["barnefamilier"], T.HOUSEHOLD_LABELS["barnefamilier"],
                            T.BARNEFAMILIER_NOTE if i % 2 == 0 else None, ns, ne, ho, list(com),
                            comment_expected(com), f"01.01.{bf_year}" if dates_only else f"Status behov pr. 01.01. {bf_year}",
                            f"31.12.{bf_year}" if dates_only else f"Status behov pr. 31.12. {bf_year}",
                            iso(bf_year, 1, 1), iso(bf_year, 12, 31)))
    return out, traps


def household_issues(rows: List[HouseholdRow]) -> List[IssueTruth]:
    out = []
    for n, r in enumerate(rows):
        for fld in ("need_start", "need_end", "housed"):
            c: Count = getattr(r, fld)
            if c.issue:
                out.append(IssueTruth("warning", c.issue, f"households[{n}].{fld}", c.written))
    return out


INDICATOR_OTHER = {"C.1": "Antall husstander som har fått gjeldsrådgivning",
                   "C.2": "Antall husstander i midlertidig botilbud"}


def indicator_traps(rows: List[IndicatorRow], i: int, rng: random.Random) -> Tuple[List[IndicatorRow], List[str]]:
    """Fixed traps per arsrapport index: uncertain, range, unreadable, blank values and labels outside
    the vocabulary (code other)."""
    traps = []
    if i in (2, 3, 6):
        grp = "C.1" if i != 3 else "C.2"
        at = max(n for n, r in enumerate(rows) if r.group == grp) + (0 if grp == "C.1" else 1)
        rows.insert(at, IndicatorRow("other", INDICATOR_OTHER[grp], count(rng.randint(3, 40)), None, None, grp))
        traps.append("indicator_code_other")
    if i == 0:
        rows[1].value = uncertain(12)
        traps.append("indicator_uncertain_12?")
    if i == 1:
        rows[-2].value = ranged(6, 10)
        traps.append("indicator_range_6-10")
    if i == 2:
        rows[3].value = unparsed("Ikke kjent")
        traps.append("indicator_unparsed_text")
    if i == 4:
        rows[2].value = count(None)
        rows[8].value = count(None)
        traps.append("indicator_blank_values")
    if i == 5:
        rows[-1].value = unparsed("Ukjent")
        traps.append("indicator_unparsed_text")
    if i == 6:
        rows[0].value = uncertain(25)
        traps.append("indicator_uncertain_25?")
    if i == 7:
        rows[4].value = ranged(3, 5)
        traps.append("indicator_range_3-5")
    return rows, traps


def list_issues(r: Report) -> List[IssueTruth]:
    """Issues the list fields call for (FIELD_RULES "Tables")."""
    out = []
    for n, ind in enumerate(r.indicators):
        if ind.value.issue:
            out.append(IssueTruth("warning", ind.value.issue, f"indicators[{n}].value", ind.value.written))
    for n, a in enumerate(r.activities):
        if a.status is None and a.status_written.strip():
            out.append(IssueTruth("warning", "unknown_status", f"activities[{n}].status", a.status_written))
    for n, b in enumerate(r.budget):
        parts = [b.grant_husbanken.value, b.own_funding.value, b.other_funding.value]
        if b.total.value is not None and any(v is not None for v in parts):
            if sum(v or 0 for v in parts) != b.total.value:
                out.append(IssueTruth("warning", "sum_mismatch", f"budget[{n}].total", b.total.written))
    return out


def indicators(rng: random.Random, year: int) -> List[IndicatorRow]:
    out = []
    for code, label in T.C1_ROWS:
        v = rng.randint(0, 90)
        as_of = None
        if code == "bostotte_mottakere":
            mth = rng.choice([1, 12])
            label = f"{label} {month_written(year if mth == 12 else year, mth)}"
            as_of = iso(year, mth)
            v = rng.randint(300, 1500)
        c = count(v) if rng.random() > 0.15 else Count("-", None)
        out.append(IndicatorRow(code, label, c, rng.choice([None, None, sentences(rng, 1)]), as_of, "C.1"))
    for code, label in T.C2_ROWS:
        v = rng.randint(0, 800) if code == "kommunale_boliger" else rng.randint(0, 250)
        out.append(IndicatorRow(code, label, count(v), rng.choice([None, None, sentences(rng, 1)]), None, "C.2"))
    return out


BUDGET_STYLES = ["kr_dot", "space", "nbsp", "dash", "dot", "space", "nbsp", "kr_dot"]


def budget_lines(rng: random.Random, style: str, names: List[str]) -> List[BudgetLine]:
    out = []
    for name in names:
        budget = rng.randint(1, 30) * 50_000
        grant = rng.randint(0, budget // 50_000) * 50_000
        own = budget - grant
        accounts = budget - rng.choice([0, 0, 25_000, -50_000, 100_000])
        out.append(BudgetLine(name, m(accounts, style), m(budget, style), m(grant, style), m(own, style),
                              m(None, style), m(budget, style), m(accounts - budget, style),
                              rng.choice([None, "Ikke avklart", None])))
    return out


def budget_variants(lines: List[BudgetLine], style: str, total_row: bool, mismatch_at: Optional[int],
                    kr_blank_at: Optional[int]) -> List[BudgetLine]:
    """A "Totalt" row summing each column, a row whose total is off (sum_mismatch) and a "kr ,-" blank."""
    if mismatch_at is not None:
        b = lines[mismatch_at]
        b.total = m(b.total.value + 50_000, style)
    if kr_blank_at is not None:
        lines[kr_blank_at].other_funding = Money("kr ,-", None)
        lines[kr_blank_at].note = None
    if total_row:
        def tot(attr):
            vals = [getattr(b, attr).value for b in lines]
            return m(sum(v or 0 for v in vals), style) if any(v is not None for v in vals) else m(None, style)
        lines.append(BudgetLine("Totalt", tot("accounts"), tot("budget"), tot("grant_husbanken"), tot("own_funding"),
                                tot("other_funding"), tot("total"), tot("deviation")))
    return lines


def funding_lines(rng: random.Random, style: str, years: range) -> List[FundingLine]:
    out = []
    for y in years:
        g = rng.randint(6, 24) * 50_000
        own = rng.randint(2, 14) * 50_000
        paid = g if rng.random() < 0.7 else None
        out.append(FundingLine(y, m(g, style), m(paid, style), m(own, style), m(None, style),
                               m(rng.choice([None, 100_000, 250_000]), style), m(g + own, style),
                               rng.choice([None, None, "Beløp ennå ikke avklart."])))
    return out


def ars2012(i: int) -> Report:
    key, written, cover_name = ARS_MUNIS[i]
    name = f"arsrapport_2012-{i + 1:02}-{slug(key)}-{producer_of(i)}"
    rng = rng_for(name)
    year = ARS_YEARS[i]
    leader, leader_local = person(rng)
    owner_name, owner_local = person(rng)
    owner = f"{rng.choice(['Fung. kommunalsjef', 'Kommunalsjef', 'Rådmann', 'Assisterende rådmann'])} {owner_name}"
    start_w, start_iso = PROGRAMME_STARTS[i]
    rep_day, rep_month = rng.randint(10, 28), rng.choice([1, 2, 2, 3])
    date_style = ["dotted", "long", "short_year", "dotted", "long", "dotted", "dotted", "long"][i]
    rep_w = date_written(year + 1, rep_month, rep_day, date_style)
    rap_year = str(year + 1) if i in (0, 5) else str(year)
    helper, helper_local = person(rng)
    filled_w = [f"Programleder {leader}/leder av boligsosial avdeling {helper}.", leader, f"{leader}, programleder",
                f"{leader} og {helper}"][i % 4]
    tel_w, tel, unusual = phones(rng, PHONE_VARIANTS[i])
    mail_w, mails = emails(rng, [leader_local] + ([helper_local] if i % 3 == 0 else []), mail_domain(key),
                           EMAIL_VARIANTS[i])
    prog_name = rng.choice(T.PROGRAMME_NAMES).format(k=key)
    general = [("Programnavn", prog_name), ("Kommune", written), ("Programleder", leader),
               ("Programansvarlig", owner + ("." if i % 3 == 1 else "")), ("Programstart", start_w),
               ("Rapporteringsår", rap_year), ("Rapporteringsdato", rep_w), ("Utfylt av", filled_w),
               ("Telefon", tel_w), ("E-post", mail_w)]
    households, traps = household_rows(rng, i, year)
    p_from, p_to = half_period(year, None)
    style = BUDGET_STYLES[i]
    r = Report(
        name=name, form="arsrapport_2012", producer=producer_of(i), font=FONTS[i], index=i, kind="arsrapport",
        year=year, half=None, period_from=p_from, period_to=p_to, muni_written=written,
        muni_ref_date=iso(year, 7, 1), general=general, general_as_table=i % 2 == 1,
        programme={"name": norm_text(prog_name), "start": start_iso, "leader": strip_trailing_punct(leader),
                   "owner": strip_trailing_punct(owner)},
        reporting={"date": iso(year + 1, rep_month, rep_day), "filled_by": strip_trailing_punct(filled_w),
                   "phones": tel, "emails": mails, "steering_group_dates": []},
        households=households,
        indicators=indicators(rng, year),
        budget=budget_lines(rng, style, [
            "Aktivitet 1. Programledelse og kompetanseutvikling.", "Aktivitet 2. Kartlegging av boligbehov.",
            "Aktivitet 3. Helhetlig organisering av boligsosialt arbeid", "Aktivitet 4. Bedre bruk av kommunale boliger.",
            "Aktivitet 5. Regionalt boligprogram."][: 3 + i % 3]),
        layout={"budget_merged_header": i in (1, 2, 5, 6), "funding_borderless": i in (2, 7),
                "budget_html_import": i == 5, "households_header_split": "Status behov" if i == 7 else None},
        funding=funding_lines(rng, style, range(2010, 2015)),
        cover={"date": date_written(year + 1, 1, 15, "upper_long") if i % 2 == 0 else
               date_written(year + 1, rep_month, rep_day, "upper_long"),
               "title": f"ÅRSRAPPORT {year}", "kommune": cover_name, "vertical": i in (3, 4, 7)},
        traps=traps,
    )
    r.traps += ["general_info_table" if r.general_as_table else "general_info_paragraphs",
                f"phones_{PHONE_VARIANTS[i]}", f"emails_{EMAIL_VARIANTS[i]}", f"date_{date_style}",
                f"programstart_{start_iso}"]
    if cover_name.endswith(".."):
        r.traps.append("cover_kommune_trailing_dots")
    lr = rng_for(name + ":lists")
    r.indicators, itraps = indicator_traps(r.indicators, i, lr)
    r.budget = budget_variants(r.budget, style, i in (0, 1, 3, 5, 6), {4: 1, 7: 0}.get(i), 1 if i == 0 else None)
    r.traps += itraps + table_traps(r)
    r.sections = ars2012_sections(rng)
    tr = rng_for(name + ":text")
    sec = {s.number: s for s in r.sections}
    sec["A.1"].text = with_list(tr, sec["A.1"].text, MARKERS[i % 3])
    sec["C.3"].text = with_hyphen(tr, sec["C.3"].text)
    if i % 2 == 0:
        sec["3.2"].text = sec["3.2"].text[:1] + [bullet_list(tr, MARKERS[(i + 1) % 3], 3)] + sec["3.2"].text[1:]
    if i in (1, 4, 6):
        r.sections.append(SectionText("5", "Rapportering på økonomi", None, [
            "Kommentar til regnskapet: Avvik skyldes at stillingen som boligkonsulent sto ubesatt deler av året."]))
    r.traps += ["sections_bullet_list", "sections_hyphen_og"]
    r.issues = household_issues(households) + phone_issues(unusual, tel) + list_issues(r)
    return r


def table_traps(r: Report) -> List[str]:
    out = []
    if r.layout.get("budget_merged_header"):
        out.append("budget_merged_header")
    if r.layout.get("funding_borderless"):
        out.append("funding_table_borderless")
    if r.layout.get("budget_html_import"):
        out.append("budget_html_import_cell_alignments")
    if r.layout.get("partners_merged_header"):
        out.append("partners_merged_header")
    if any(b.activity == "Totalt" for b in r.budget):
        out.append("budget_totalt_row")
    if any(b.other_funding.written == "kr ,-" for b in r.budget):
        out.append("budget_kr_blank")
    if any(b.note for b in r.budget):
        out.append("budget_note_in_money_cell")
    parts_off = [b for b in r.budget if b.total.value is not None and
                 sum(v or 0 for v in (b.grant_husbanken.value, b.own_funding.value, b.other_funding.value))
                 != b.total.value]
    if parts_off:
        out.append("budget_sum_mismatch")
    return out


def ars2012_sections(rng: random.Random) -> List[SectionText]:
    """The answers (keyed by the section number FIELD_RULES gives); the full list of sections with their
    prompts is recorded by the layout (forms.py)."""
    out = [SectionText("1.1", "Anskaffe og beholde bolig", T.SAMLET_11, paragraphs(rng, 1)),
           SectionText("1.2", T.Q_12[0][4:], T.Q_12[2], paragraphs(rng, 1))]
    for _, _, subs in T.DELMAL:
        for num, title, prompt in subs:
            out.append(SectionText(num.rstrip("."), title, prompt, paragraphs(rng, rng.randint(0, 2))
                                   if num != "A.1." else paragraphs(rng, 3)))
    out.append(SectionText(T.C3[0], T.C3[1], T.C3[2], paragraphs(rng, 2)))
    for num, title, prompt in T.LOKALE:
        out.append(SectionText(num.rstrip("."), title, prompt, paragraphs(rng, 2)))
    for num, q, prompt in T.LAERING_41:
        out.append(SectionText("4.1." + num.rstrip("."), q, prompt, paragraphs(rng, rng.randint(0, 1))))
    for num, q in T.LAERING_42:
        out.append(SectionText("4.2." + num.rstrip("."), q, None, paragraphs(rng, rng.randint(0, 1))))
    return out


# --------------------------------------------------------------------------
# ars_halvar_2011

AH_MUNIS = [("Lørenskog", "Lørenskog kommune"), ("Sørum", "SØRUM"), ("Lillehammer", "Lillehammer kommune"),
            ("Bydel Alna", "Bydel Alna"), ("Drammen", "Drammen kommune"), ("Elverum", "Elverum"),
            ("Fredrikstad", "FREDRIKSTAD KOMMUNE"), ("Bydel Grorud", "Bydel Grorud")]
# (cover kind, (y, m, d), date style, Rapporteringsår written)
AH_CASES = [
    ("form", (2011, 8, 31), "long_no_year", "2011"),
    ("halv", (2011, 12, 15), "long", "2011"),
    ("ars", (2012, 1, 31), "dotted", "2011"),
    ("form", (2012, 2, 13), "short_year", "2012"),
    ("form", (2012, 8, 27), "long", "2012"),
    ("halv", (2011, 9, 1), "dotted", "2011"),
    ("form", (2011, 11, 30), "long", "2011"),
    ("ars", (2012, 2, 1), "dotted", ""),
]

AH_AREAS = ["Organisering av det boligsosiale arbeidet", "Kunnskaps- og kompetanseutvikling",
            "Bedre dekning av boligbehov og booppfølgingstjenester"]
AH_ACTS = [
    ("Samle og koordinere det boligsosiale arbeidet.", "Utrede organisering av nytt boligkontor.",
     "Nytt boligkontor i drift fra 01.01.2012."),
    ("Helhetlig bruk av Husbankens virkemidler.", "Avklare ansvarsroller i kommunen. Utnytte bostøtte bedre.",
     "Innvilget flere startlån til vanskeligstilte."),
    ("Få samlet oversikt over boligbehovene.", "Innføre felles kartleggingsverktøy for NAV, flyktning og rus.",
     "Uavklart hvilket verktøy som skal brukes."),
    ("Systematisere og styrke booppfølgingstjenesten.", "Definere booppfølging. Kartlegge dagens tilbud.",
     "Felles faglig plattform under utarbeiding."),
    ("Etablering og utvikling av boligskole.", "Gjennomføre forprosjekt og etablering av boligskole.",
     "Forprosjekt gjennomført."),
    ("Styrke kunnskapen om beboere i kommunale boliger.", "Intervjuundersøkelse blant beboere.",
     "Rapport ferdig i løpet av september."),
    ("Kjøpe 5 gjennomgangsleiligheter i året.", "Kjøp i det ordinære markedet.", "3 leiligheter kjøpt."),
    ("Vurdere tildelingskriterier på kommunale boliger.", "Utvikle og fornye kriteriene.",
     "En arbeidsgruppe er nedsatt."),
    ("Etablere bo- og oppfølgingsteam.", "Samle boveiledere fra rus- og psykiatritjenesten i ett team.",
     "Teamet er i drift med fire årsverk."),
    ("Forebygge utkastelser.", "Avtale med namsmannen om varsling. Tidlig kontakt ved husleierestanser.",
     "Færre begjæringer om utkastelse enn året før."),
    ("Bedre informasjon om startlån.", "Informasjonsmøter og brosjyre til leietakere i kommunale boliger.",
     "To informasjonsmøter holdt."),
    ("Boligsosial handlingsplan.", "Rullere planen og forankre den politisk.", "Planen er vedtatt i bystyret."),
]
STATUSES = [("n", "ny"), ("v", "videreført"), ("g", "gjennomført"), ("a", "avviklet"), ("Nytt", "ny"),
            ("Videreført", "videreført"), ("Gjennomført", "gjennomført"), ("Avviklet", "avviklet")]


AH_LONG = (0, 1, 4, 5)
# Sentences for the narrow activity-table cells: no word longer than 13 letters, so that no producer has
# to break a word inside a cell without a hyphen (the ground truth could not say where).
NARROW = [t for t in T.SENTENCES if max(len(w) for w in t.split()) <= 13]


def ars_halvar(i: int) -> Report:
    key, written = AH_MUNIS[i]
    name = f"ars_halvar_2011-{i + 1:02}-{slug(key)}-{producer_of(i)}"
    rng = rng_for(name)
    cover_kind, (y, mo, d), style, rap_year = AH_CASES[i]
    if cover_kind == "ars":
        half = None
    elif 5 <= mo <= 10:
        half = 1
    elif mo >= 11:
        half = 2
    else:
        half = None
    year = y - 1 if half is None else y
    kind = "arsrapport" if half is None else "halvarsrapport"
    leader, leader_local = person(rng)
    owner_name, _ = person(rng)
    start_w, start_iso = PROGRAMME_STARTS[(i + 3) % len(PROGRAMME_STARTS)]
    tel_w, tel, unusual = phones(rng, PHONE_VARIANTS[(i + 2) % 8])
    mail_w, mails = emails(rng, [leader_local], mail_domain(key), EMAIL_VARIANTS[(i + 1) % 8])
    prog_name = rng.choice(T.PROGRAMME_NAMES).format(k=key.replace("Bydel ", ""))
    rep_w = date_written(y, mo, d, style)
    general = [("Programnavn", prog_name), ("Kommune", written), ("Programleder", leader)]
    owner = None
    if i % 2 == 0:
        owner = f"Boligsjef {owner_name}"
        general.append(("Programansvarlig", owner))
    general += [("Programstart", start_w), ("Rapporteringsår", rap_year), ("Rapporteringsdato", rep_w),
                ("Utfylt av", leader), ("Telefon", tel_w), ("E-post", mail_w)]
    p_from, p_to = half_period(year, half)
    traps = [f"cover_{cover_kind}", f"date_{style}", f"phones_{PHONE_VARIANTS[(i + 2) % 8]}",
             "general_info_table" if i % 2 == 1 else "general_info_paragraphs", "activity_table_multiline_cells"]
    issues = phone_issues(unusual, tel)
    if style in ("no_year", "long_no_year"):
        issues.append(IssueTruth("info", "year_inferred", "reporting.date", rep_w))
        traps.append("reporting_date_without_year")
    if rap_year == "":
        traps.append("rapporteringsar_blank")
    elif int(rap_year) != year:
        traps.append("rapporteringsar_inconsistent")
    if key.startswith("Bydel"):
        traps.append("oslo_bydel")
    activities = []
    for ai, area in enumerate(AH_AREAS[: 2 + i % 2]):
        # A long first table in some reports, so that it runs over a page break (header repeated).
        n_rows = rng.randint(2, 4) if not (ai == 0 and i in AH_LONG) else 10
        for n, idx in enumerate(rng.sample(range(len(AH_ACTS)), n_rows), start=1):
            act, plan, res = AH_ACTS[idx]
            sw, sv = rng.choice(STATUSES)
            pct = rng.choice([None, 10, 20, 30, 50, 90, 100])
            pw = "" if pct is None else rng.choice([f"{pct}%", f"{pct} %", f"{pct}% utført"])
            activities.append(ActivityLine(area, f"{n})", act, plan, res + " " + rng.choice(NARROW), sw, sv, pw,
                                           pct, rng.choice(["", "", "Forsinket"]),
                                           rng.choice(["", rng.choice(NARROW)])))
    style_m = BUDGET_STYLES[(i + 1) % 8]
    r = Report(
        name=name, form="ars_halvar_2011", producer=producer_of(i), font=FONTS[(i + 2) % 8], index=i, kind=kind,
        year=year, half=half, period_from=p_from, period_to=p_to, muni_written=written,
        muni_ref_date=iso(year, 7, 1), general=general, general_as_table=i % 2 == 1,
        programme={"name": norm_text(prog_name), "start": start_iso, "leader": leader, "owner": owner},
        reporting={"date": iso(y, mo, d), "filled_by": leader, "phones": tel, "emails": mails,
                   "steering_group_dates": []},
        issues=issues, activities=activities,
        budget=budget_lines(rng, style_m, ["Aktivitet 1 (programledelse og kompetanseutvikling)", "Aktivitet 2",
                                            "Aktivitet 3", "Aktivitet 4"]),
        funding=funding_lines(rng, style_m, range(2010, 2015)),
        layout={"budget_merged_header": i in (0, 3, 4, 7)},
        cover={"kind": cover_kind, "date": date_written(y, mo, d, "long"), "kommune": written,
               "vertical": i in (1, 6)},
        traps=traps,
        sections=[SectionText("2", "Rapportering på programplanen - status", None, paragraphs(rng, 4)),
                  SectionText("3.1", T.AH_31[0][4:], T.AH_31[1], paragraphs(rng, 2))],
    )
    if r.cover["vertical"]:
        r.traps.append("vertical_cover_title")
    if i == 3:
        a = r.activities[1]
        a.status_written, a.status = "p", None
        r.traps.append("activity_unknown_status_p")
    r.budget = budget_variants(r.budget, style_m, i in (0, 1, 3, 4, 6, 7), {2: 2, 5: 1}.get(i), None)
    r.traps += table_traps(r)
    tr = rng_for(name + ":text")
    sec = {s.number: s for s in r.sections}
    sec["2"].text = sec["2"].text[:2] + with_list(tr, sec["2"].text[2:], MARKERS[(i + 2) % 3])
    sec["3.1"].text = with_hyphen(tr, sec["3.1"].text)
    if i in (2, 5):
        r.sections.append(SectionText("4", f"Rapportering på økonomi {year}", None, [
            "Regnskapet for Aktivitet 3 er ikke endelig. Tallene blir korrigert i neste rapport."]))
    r.traps += ["sections_bullet_list", "sections_hyphen_og"]
    r.issues += list_issues(r)
    return r


# --------------------------------------------------------------------------
# halvar_sor_2012

HS_MUNIS = [("Holmestrand", "Holmestrand kommune"), ("Tønsberg", "Tønsberg kommune"),
            ("Nedre Eiker", "NEDRE EIKER KOMMUNE"), ("Mandal", "Mandal"), ("Kristiansand", "Kristiansand kommune"),
            ("Sandefjord", "SANDEFJORD"), ("Holmestrand", "Holmestrand"), ("Tønsberg", "TØNSBERG KOMMUNE")]
# (date written, (y, m, d), steering written, steering ISO, title line, year written in date?)
HS_CASES = [
    ("20.6.", (2013, 6, 20), "14.6.2013 og 19.6.2013", ["2013-06-14", "2013-06-19"], None),
    ("20.12.2012", (2012, 12, 20), "10.12.2012", ["2012-12-10"], None),
    ("20.06.2013", (2013, 6, 20), "12.06.13", ["2013-06-12"], None),
    ("20.6.", (2013, 6, 20), "14.6. 19.6.", ["2013-06-14", "2013-06-19"], "Halvårsrapport juni 2013"),
    ("15.01.2014", (2014, 1, 15), "09.01.2014", ["2014-01-09"], None),
    ("20. juni 2012", (2012, 6, 20), "18. juni 2012", ["2012-06-18"], None),
    ("20.12.", (2013, 12, 20), "Behandlet 11.12.2013", ["2013-12-11"], None),
    ("19.12.2014", (2014, 12, 19), "", [], "Halvårsrapport desember 2014"),
]


def halvar_sor(i: int) -> Report:
    key, written = HS_MUNIS[i]
    name = f"halvar_sor_2012-{i + 1:02}-{slug(key)}-{producer_of(i)}"
    rng = rng_for(name)
    rep_w, (y, mo, d), st_w, st_iso, title_line = HS_CASES[i]
    if 5 <= mo <= 10:
        year, half = y, 1
    elif mo >= 11:
        year, half = y, 2
    else:
        year, half = y - 1, 2
    leader, leader_local = person(rng)
    start_w, start_iso = PROGRAMME_STARTS[(i + 5) % len(PROGRAMME_STARTS)]
    tel_w, tel1, unusual1 = phones(rng, ["one_plain", "pairs", "one_plain", "nbsp", "short_switchboard",
                                         "pairs", "one_plain", "seven_digits"][i])
    mob = "9" + "".join(rng.choice("0123456789") for _ in range(7))
    mob_w = [mob, f"{mob[:3]} {mob[3:5]} {mob[5:]}", f"+47 {mob[:3]} {mob[3:5]} {mob[5:]}", mob][i % 4]
    tel = tel1 + [mob]
    mail_w, mails = emails(rng, [leader_local], mail_domain(key), "capital" if i % 2 == 0 else "plain")
    general = [("Kommunens navn", written), ("Programleder", leader), ("Programstart", start_w),
               ("Rapporteringsdato", rep_w), ("Behandlet i styringsgruppen", st_w), ("Utfylt av", leader),
               ("Telefon", tel_w), ("Mobil", mob_w), ("E-post", mail_w)]
    p_from, p_to = half_period(year, half)
    issues = phone_issues(unusual1, tel)
    traps = ["form_date_13.02.2012_on_cover", f"phones_plus_mobil", "general_info_table" if i % 2 == 1 else
             "general_info_paragraphs", "partner_matrix_x", "goal_tables"]
    if not any(ch.isdigit() for ch in rep_w.split(".")[-1]) or rep_w.endswith("."):
        issues.append(IssueTruth("info", "year_inferred", "reporting.date", rep_w))
        traps.append("reporting_date_without_year")
    if mo <= 2:
        traps.append("january_date_is_half2_previous_year")
    if st_w == "":
        traps.append("steering_blank")
    goals = []
    for g, main in enumerate(T.HS_MAIN_GOALS, start=1):
        area = f"Programmets hovedmål {g}: {main}"
        goals.append(GoalLine(area, "hovedmål", "Hovedmål", f"{key} kommune har ved utgangen av 2015 et tverrfaglig "
                              "bolig- og tjenestetilbud som sikrer bostedsløse og vanskeligstilte innbyggere en trygg "
                              "og tilpasset bolig.", sentences(rng, 2), rng.choice(["2012-2015", "2011-2015"]),
                              number=str(g)))
        if g == 1:
            for dm, desc in enumerate(["Boligmassen er tilpasset målgruppenes behov",
                                       "Vanskeligstilte er i stand til å skaffe og beholde egnet bolig",
                                       "Tilpasset bolig er en systematisert, integrert og koordinert del av det "
                                       "helhetlige tjenestetilbudet", "Midlertidige boliger er tilgjengelig"], start=1):
                goals.append(GoalLine(area, "delmål", f"Delmål {dm}", desc, sentences(rng, rng.randint(1, 3)),
                                      rng.choice(["Våren 2014", "Desember 2013", "Kontinuerlig", "2012-2015"]),
                                      number=f"{g}.{dm}"))
    partners = []
    for actor in T.HS_PARTNERS_KOMMUNAL + T.HS_PARTNERS_EKSTERN:
        part = rng.choice(["formell", "aktiv", "aktiv", "informert", "ingen", None])
        partners.append(PartnerLine(actor, "kommunal" if actor in T.HS_PARTNERS_KOMMUNAL else "ekstern", part,
                                    "✓" if i in (2, 5) else "X" if i % 3 else "x"))
    style_m = ["space", "nbsp", "space", "dot", "space", "nbsp", "plain", "space"][i]
    funding = []
    for fy in range(2011, year + 1):
        g = rng.choice([1_000_000, 1_200_000, 800_000, 600_000])
        paid = g if fy < year else rng.choice([0, None])
        own = rng.randint(200_000, 400_000)
        funding.append(FundingLine(fy, m(g, style_m), m(paid, style_m), m(own, style_m), m(None, style_m),
                                   m(None, style_m), m((paid or 0) + own, style_m)))
    r = Report(
        name=name, form="halvar_sor_2012", producer=producer_of(i), font=FONTS[(i + 4) % 8], index=i,
        kind="halvarsrapport", year=year, half=half, period_from=p_from, period_to=p_to, muni_written=written,
        muni_ref_date=iso(year, 7, 1), general=general, general_as_table=i % 2 == 1,
        programme={"name": None, "start": start_iso, "leader": leader, "owner": None},
        reporting={"date": iso(y, mo, d), "filled_by": leader, "phones": tel, "emails": mails,
                   "steering_group_dates": st_iso},
        issues=issues, goals=goals, partners=partners, funding=funding,
        cover={"title_line": title_line, "kommune": written, "vertical": i in (2, 5)},
        traps=traps,
        layout={"partners_merged_header": i in (1, 2, 5, 6), "funding_borderless": i in (0, 3)},
        sections=[SectionText("2", "Bakgrunn for kommunens deltakelse", None, paragraphs(rng, 3)),
                  SectionText("3", "Mål for kommunens program", None, paragraphs(rng, 2)),
                  SectionText("4", "Organisering", T.HS_ORG_PROMPT, paragraphs(rng, 3)),
                  SectionText("6", "Brukermedvirkning", T.HS_USER_PROMPT, paragraphs(rng, 2)),
                  SectionText("8", "Suksesshistorier", T.HS_SUCCESS_PROMPT, paragraphs(rng, 2))],
    )
    if title_line:
        r.traps.append("year_from_title_line")
    if r.cover["vertical"]:
        r.traps.append("vertical_cover_title")
    r.traps += table_traps(r) + (["partner_check_glyph"] if i in (2, 5) else [])
    if any(f.paid_out.value is None for f in r.funding):
        r.traps.append("ressursbruk_blank_cell")
    tr = rng_for(name + ":text")
    sec = {s.number: s for s in r.sections}
    sec["4"].text = with_list(tr, sec["4"].text, MARKERS[i % 3])
    sec["8"].text = with_hyphen(tr, sec["8"].text)
    r.traps += ["sections_bullet_list", "sections_hyphen_og"]
    return r


# --------------------------------------------------------------------------
# sluttrapport

SR_MUNIS = [("Hammerfest", "HAMMERFEST KOMMUNE"), ("Narvik", "Narvik kommune"), ("Steinkjer", "Steinkjer"),
            ("Lillehammer", "Lillehammer kommune"), ("Ringsaker", "RINGSAKER KOMMUNE"),
            ("Sarpsborg", "Sarpsborg kommune"), ("Moss", "Moss"), ("Mandal", "Mandal kommune")]
# (cover date written, ISO date, year, label-value cover?)
SR_DATES = [("august 2014", "2014-08", 2014, False), ("Juni 2015", "2015-06", 2015, False),
            ("24.02.2015", "2015-02-24", 2015, True), ("desember 2015", "2015-12", 2015, False),
            ("Oktober 2013", "2013-10", 2013, False), ("31. mars 2016", "2016-03-31", 2016, True),
            ("Mai 2014", "2014-05", 2014, False), ("november 2015", "2015-11", 2015, False)]

SR_CHAPTERS = [
    ("1.", "SAMMENDRAG OG VIKTIGSTE RESULTATER", ["STRATEGISK BOLIGSOSIAL GRUPPE", "BOLIGSOSIAL HANDLINGSPLAN",
                                                  "BOLIGKONTORET", "BOLIGTILDELING", "KOMPETANSEHEVING"]),
    ("2.", "INNLEDNING OG BAKGRUNN", ["PROSJEKTETS VARIGHET OG ØKONOMI", "ORGANISERING AV PROSJEKTET",
                                      "NÆRMERE OM DE FORSKJELLIGE ROLLENE"]),
    ("3.", "BESKRIVELSE AV PROSJEKTARBEIDET", ["AVGRENSNING", "STRATEGIER", "ARBEIDSGRUPPER"]),
    ("4.", "RESULTAT", ["«Vi har en helhetlig strategi for å mestre boligsosiale utfordringer»",
                        "«Nytt boligkontor er på plass»", "«Samordnet boligtildeling er i daglig drift»"]),
    ("5.", "SENTRALE LÆRINGSPROSESSER SOM ER GJENNOMFØRT", ["STUDIETUR, GRUPPEARBEID OG WORKSHOP", "LÆRING"]),
    ("6.", "AVSLUTNING", ["BOLIGPOLITIKK", "SAMARBEID", "REFLEKSJONER RUNDT VIDEREFØRING I DRIFT"]),
]


def sluttrapport(i: int) -> Report:
    key, written = SR_MUNIS[i]
    name = f"sluttrapport-{i + 1:02}-{slug(key)}-{producer_of(i)}"
    rng = rng_for(name)
    date_w, date_iso, year, label_cover = SR_DATES[i]
    leader, _ = person(rng)
    title = T.TITLE_IDEAS[i].format(k=key)
    long = i in (0, 1)
    role = "Prosjektleder" if i % 3 != 2 else "Programleder"
    sections = []
    for num, chap, subs in SR_CHAPTERS[: 6 if long else 4]:
        sections.append(SectionText(num, chap, None, paragraphs(rng, 3 if long else 2, (3, 5))))
        for k, sub in enumerate(subs[: None if long else 2], start=1):
            sections.append(SectionText(f"{num[:-1]}.{k}", sub, None,
                                        paragraphs(rng, rng.randint(3, 5) if long else rng.randint(2, 3), (3, 5))))
    # A caption, not an area; the level is the goal column's header "Arbeidsmål".
    goals = [GoalLine(None, "arbeidsmål", f"{n}.", desc, status, None, number=str(n),
                      caption="Status for arbeidsmålene")
             for n, (desc, status) in enumerate([
                 ("Rekruttering av prosjektleder og igangsetting av prosjektet", "Gjennomført"),
                 ("Langsiktig planlegging av boligsosialt arbeid", "Gjennomført"),
                 ("Revisjon av den boligsosiale handlingsplanen", "Gjennomført, vedtatt i kommunestyret"),
                 ("En ny administrativ organisering av boligkontoret", "Delvis gjennomført"),
                 ("Boligtildelingsutvalg – samordnet boligtildeling", "I drift"),
                 ("Låne- og tilskuddsordninger – synliggjøring og prioritering", "Videreføres i drift")], start=1)]
    traps = ["running_header_footer_page_numbers", "goal_status_table", "working_group_table"]
    if long:
        traps += ["long_15plus_pages", "table_of_contents", "figures_with_captions"]
    if label_cover:
        traps.append("label_value_cover")
    else:
        traps.append("leader_in_foreword")
    r = Report(
        name=name, form="sluttrapport", producer=producer_of(i), font=FONTS[(i + 1) % 8], index=i,
        kind="sluttrapport", year=year, half=None, period_from=None, period_to=None, muni_written=written,
        muni_ref_date=iso(year, 7, 1), general=[], general_as_table=label_cover,
        programme={"name": norm_text(title), "start": None, "leader": leader, "owner": None},
        reporting={"date": date_iso, "filled_by": None, "phones": [], "emails": [], "steering_group_dates": []},
        goals=goals, sections=sections,
        cover={"date": date_w, "title": title, "kommune": written, "role": role, "long": long,
               "label_cover": label_cover, "vertical": i in (3, 6)},
        traps=traps,
    )
    if r.cover["vertical"]:
        r.traps.append("vertical_cover_title")
    tr = rng_for(name + ":text")
    sec = {s.number: s for s in r.sections}
    sec["1."].text = with_list(tr, sec["1."].text, MARKERS[i % 3])
    sec["3.2"].text = sec["3.2"].text[:1] + [bullet_list(tr, MARKERS[(i + 1) % 3], 4)] + sec["3.2"].text[1:]
    sec["2."].text = with_hyphen(tr, sec["2."].text)
    r.traps += ["sections_bullet_list", "sections_hyphen_og"]
    return r


def all_reports() -> List[Report]:
    # The failure classes seen on other hands' reports build on the reports above.
    from .cases import case_reports

    out = []
    for make in (ars2012, ars_halvar, halvar_sor, sluttrapport):
        out += [make(i) for i in range(8)]
    return out + case_reports()
