"""Archive-style transcripts with their expected JSON: the text copies a
document site makes of the reports (a list of "similar documents", then
"Transkript:", then one line per page that starts with the page number,
sometimes doubled, tables flattened into running text).

Each case draws its values from a seeded ``random.Random`` and writes them
the way the archive's copies do (TEMPLATES.md, "How real reports deviate"):
a whole label block on one line ("Kommune :" with a space, "Prosjektleder:"
for "Programleder:", a role in "Utfylt av", empty labels directly followed
by the next label), household and indicator numbers inline before their
comments, a row label directly followed by the next one, a number that
follows no label, and years in a funding table with fewer amounts than
columns, a budget row's note after its amounts and a row that runs on over a page
break. The expected JSON holds only the groups a flattened text decides
(no activities or partners; goals only where the report prints
them a second time) and is computed from the drawn
values, never from skjema's output.
"""

from __future__ import annotations

import hashlib
import random
from typing import Dict, List, Optional, Tuple

from . import texts as T
from .people import person
from .register import Register
from .values import iso

SEED = "skjema-transcripts-v1"
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]
MUNICIPALITIES = ["Moss", "Hamar", "Sarpsborg", "Elverum", "Gjøvik", "Ringsaker", "Drammen", "Lillehammer"]
PROGRAMMES = ["Bolig for alle", "Trygg og egnet bolig for alle", "Egen og egnet bolig", "Bo trygt - bo godt"]
COMMENTS = ["Tallene er hentet fra kartleggingen i uke 48.", "Det er usikkerhet knyttet til tallet for fjoråret.",
            "Flere av sakene gjelder trangboddhet.", "Antakelser basert på erfaring fra tildelingsmøtene.",
            "Etterspørselen etter startlån er sterkt økende."]
INDICATORS = [
    ("startlan_fullfinansiert", "Antall fullfinansierte boligkjøp med startlån"),
    ("startlan_fastrente", "Herav antall med fastrente"),
    ("startlan_samfinansiert", "Antall boligkjøp hvor startlån utgjør del av finansiering (samfinansierte boligkjøp)"),
    ("startlan_med_boligtilskudd", "Antall boligkjøp med startlån, boligtilskudd"),
    ("tilskudd_tilpasning", "Antall tilskudd til tilpasning, ev. sammen med startlån, benyttet til private boliger"),
]
INDICATORS_C2 = [
    ("kommunale_boliger", "Antall kommunalt disponerte boliger"),
    ("nye_soknader_kommunal_bolig", "Antall nye søknader om kommunalt disponerte boliger"),
    ("nye_tildelinger_kommunal_bolig", "Antall nye tildelinger av kommunal utleiebolig"),
]
FUNDING_COLUMNS = ["grant_husbanken", "own_funding", "other_funding", "carried_over"]
GOAL_AREA = f"Programmets hovedmål 1: {T.HS_MAIN_GOALS[0]}"
HOVEDMAL = ["{muni} kommune har ved utgangen av 2015 et helhetlig bolig- og tjenestetilbud for vanskeligstilte.",
            "Alle innbyggere i {muni} kommune skal kunne bo godt og trygt i en egnet bolig."]
DELMAL = ["Boligmassen er tilpasset målgruppenes behov", "Vanskeligstilte er i stand til å beholde egnet bolig",
          "Tilpasset bolig er en integrert del av det helhetlige tjenestetilbudet",
          "Midlertidige boliger er tilgjengelige ved behov", "Flere leietakere i kommunale boliger blir eiere"]
BUDGET_COLUMNS = ["budget", "accounts", "grant_husbanken", "own_funding", "other_funding"]
ACTIVITIES = ["Programledelse og kompetanseutvikling.", "Kartlegging av boligbehov.",
              "Bedre bruk av kommunale boliger.", "Helhetlig organisering av boligsosialt arbeid"]
# The rest of the last budget row's activity cell, on the next page.
LABEL_RUN_ON = ["etablering av oppsøkende booppfølging.", "og bedre samhandling mellom tjenestene."]


def rng_for(name: str) -> random.Random:
    return random.Random(f"{SEED}:{name}")


def kroner(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def page_lines(pages: List[str], doubled: bool) -> str:
    """The archive's page lines: "N text", or "N N text" where the copy doubled the number."""
    head = "Like dokumenter\nÅRS- OG HALVÅRSRAPPORTERING. 31. august 2011\n\nBoligsosialt utviklingsprogram\n\n"
    body = "\n\n".join(f"{i} {i} {p}" if doubled and i > 1 else f"{i} {p}" for i, p in enumerate(pages, 1))
    return head + "Transkript:\n\n" + body + "\n"


def base(name: str, template: str, kind: str, year: int, half: Optional[int]) -> dict:
    frm, to = (iso(year, 1, 1), iso(year, 6, 30)) if half == 1 else (iso(year, 1, 1), iso(year, 12, 31))
    return {"name": name, "template": template, "kind": kind,
            "period": {"year": year, "half": half, "from": frm, "to": to}}


def municipality(register: Register, written: str, year: int) -> dict:
    m = register.resolve(written, iso(year, 7, 1))
    return {"name": m.name, "number": m.number, "number_current": m.number_current, "county": m.county,
            "district": m.district}


def annual_region_east(rng: random.Random, name: str, register: Register) -> Tuple[str, dict]:
    """arsrapport_2012 as the archive copies it: cover year beats Rapporteringsår, one-line label block,
    inline household and indicator numbers, a stacked empty row, a stray number, a funding table by year."""
    year = rng.choice([2012, 2013, 2014])
    muni = rng.choice(MUNICIPALITIES)
    leader, leader_mail = person(rng)
    owner_name, _ = person(rng)
    owner = f"Fung. kommunalsjef {owner_name}"
    prog = rng.choice(PROGRAMMES)
    start_m, start_y = rng.randint(1, 12), year - 2
    rep_d, rep_m = rng.randint(10, 28), rng.randint(1, 3)
    phone = str(rng.randint(90000000, 99999999))
    email = f"{leader_mail}@{muni.lower().replace('ø', 'o').replace('å', 'a')}.kommune.no"
    cover = (f"RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM {rep_d}. {MONTHS[rep_m - 1].upper()} {year + 1} "
             f"ÅRSRAPPORT {year} KOMMUNE: {muni} kommune")
    general = (f"Årsrapportering Formål: Rapporteringen skal dokumentere og formidle resultater. Generell "
               f"programinformasjon Programnavn: {prog} Kommune : {muni} kommune Prosjektleder: {leader} "
               f"Programansvarlig: {owner} Programstart: {MONTHS[start_m - 1].capitalize()} {start_y} "
               f"Rapporteringsår: {year + 1} Rapporteringsdato: {rep_d:02d}.{rep_m:02d}.{year + 1} "
               f"Utfylt av: Prosjektleder Telefon: {phone} E-post: {email}")
    # Households: A with all three numbers, B empty (its label directly followed by C's), C with two.
    a = [rng.randint(20, 60), rng.randint(20, 60), rng.randint(1, 19)]
    c = [rng.randint(5, 30), rng.randint(5, 30)]
    kids = rng.randint(3, 25)
    com_a, com_c, com_k = rng.sample(COMMENTS, 3)
    head = (f"Status behov pr. 01.01.{year} Status behov pr. 31.12.{year} {T.RESULT_HEADER} Eventuelle "
            f"kommentarer {T.COMMENT_HEADER_HELP}")
    households_page = (f"1. Rapportering på hovedmål Hovedmål Flere vanskeligstilte på boligmarkedet har egnede "
                       f"boliger 1.1 Anskaffe og beholde bolig A. {T.HOUSEHOLD_LABELS['A']} "
                       f"{T.HOUSEHOLD_EXPLANATIONS['A']} {head} {' '.join(map(str, a))} {com_a} "
                       f"B. {T.HOUSEHOLD_LABELS['B']} {T.HOUSEHOLD_EXPLANATIONS['B']} "
                       f"C. {T.HOUSEHOLD_LABELS['C']} {T.HOUSEHOLD_EXPLANATIONS['C']} {c[0]} {c[1]} {com_c} "
                       f"{T.SAMLET_11}")
    kids_page = (f"Særskilt prioritert område Status behov pr. 01.01.{year} Status behov pr. 31.12.{year} "
                 f"{T.RESULT_HEADER} Eventuelle kommentarer {T.HOUSEHOLD_LABELS['barnefamilier']} "
                 f"{T.BARNEFAMILIER_NOTE} {kids} {com_k} {T.Q_12[0]} {T.Q_12[2]}")
    households = []
    for cat, nums, com in (("A", a, com_a), ("B", [], None), ("C", c, com_c)):
        nums = nums + [None] * (3 - len(nums))
        households.append({"category": cat, "label": T.HOUSEHOLD_LABELS[cat],
                           "need_start": nums[0], "need_end": nums[1], "housed": nums[2], "comment": com,
                           "as_of_start": iso(year, 1, 1), "as_of_end": iso(year, 12, 31)})
    households.append({"category": "barnefamilier", "label": T.HOUSEHOLD_LABELS["barnefamilier"],
                       "need_start": kids, "need_end": None, "housed": None, "comment": com_k,
                       "as_of_start": iso(year, 1, 1), "as_of_end": iso(year, 12, 31)})
    # Indicators: the first label is directly followed by the next (empty); one number before C.2's
    # first label follows no label.
    c1, indicators = [], []
    for i, (code, label) in enumerate(INDICATORS):
        value = None if i == 0 else rng.randint(1, 90)
        comment = rng.choice(COMMENTS) if i == 1 else None
        c1.append(" ".join(x for x in (label, None if value is None else str(value), comment) if x))
        indicators.append({"code": code, "label": label, "value": value, "unit": "count", "comment": comment})
    c2 = []
    for code, label in INDICATORS_C2:
        value = rng.randint(100, 900)
        c2.append(f"{label} {value}")
        indicators.append({"code": code, "label": label, "value": value, "unit": "count", "comment": None})
    stray = rng.randint(1000, 1999)
    delmal_page = (f"Delmål C Det boligsosiale arbeidet er planlagt og gjennomført med effektiv bruk av virkemidler "
                   f"C.1. Økonomiske virkemidler Tall kan hentes fra annen rapportering til Husbanken Resultat i "
                   f"løpet av året Eventuelle kommentarer Opplysninger som belyser tallmaterialet nærmere "
                   f"{' '.join(c1)} C.2. Kommunalt disponerte boliger, søknader og tildelinger Tall kan hentes "
                   f"fra kommunens rapportering til KOSTRA {stray} {' '.join(c2)} C.3 Samlet/helhetlig "
                   f"resultatoppnåelse Vurder resultatoppnåelse i lys av mål og strategier i lokalt programarbeid")
    # Funding by year: the first year directly followed by the header (empty), then years with
    # one or two amounts, read into the first columns.
    years = list(range(year - 2, year + 2))
    funding, parts = [], []
    for j, y in enumerate(years):
        amounts = [] if j == 0 else [rng.randint(3, 18) * 100000 for _ in range(1 + (j % 2))]
        row = {"year": y, "paid_out": None, "total": None, "note": None}
        for k, col in enumerate(FUNDING_COLUMNS):
            row[col] = amounts[k] if k < len(amounts) else None
        funding.append(row)
        parts.append(" ".join([str(y)] + [kroner(x) for x in amounts]))
        if j == 0:
            parts.append("Tilskudd fra Husbanken Egenfinansiering fra kommunen Annen finansiering "
                         "Overføring av ubrukte Husbank midler")
    # Budget by activity (drawn last, so the values above stay as they were): a text note after a
    # row's amounts, and a row whose label runs on over the page break after its note.
    names = rng.sample(ACTIVITIES, 3)
    budget, rows = [], []
    for n, activity in enumerate(names, 1):
        amounts = [rng.randint(1, 40) * 25000 for _ in BUDGET_COLUMNS]
        note = None if n == 2 else "Ikke avklart"
        label = f"Aktivitet {n}. {activity}"
        budget.append({"activity": label, **dict(zip(BUDGET_COLUMNS, amounts)), "total": None,
                       "deviation": None, "note": note})
        rows.append(" ".join([label] + [f"Kr. {kroner(x)}" for x in amounts] + ([note] if note else [])))
    economy_page = ("5. Rapportering på økonomi Budsjett Regnskap Tilskudd fra HB "
                    "Egen finansiering kommunen Annen finansiering " + " ".join(rows))
    funding_page = (f"{rng.choice(LABEL_RUN_ON)} Samlet oversikt over hele programperioden: " + " ".join(parts))
    pages = [cover, general, households_page, kids_page, delmal_page, economy_page, funding_page]
    exp = base(name, "arsrapport_2012", "arsrapport", year, None)
    exp.update({
        "municipality": municipality(register, muni, year),
        "programme": {"name": prog, "start": iso(start_y, start_m), "leader": leader, "owner": owner},
        "reporting": {"date": iso(year + 1, rep_m, rep_d), "filled_by": f"Prosjektleder {leader}",
                      "phones": [phone], "emails": [email], "steering_group_dates": []},
        "households": households, "indicators": indicators, "funding_by_year": funding, "budget": budget,
    })
    return page_lines(pages, doubled=True), exp


def annual_on_region_south_form(rng: random.Random, name: str, register: Register) -> Tuple[str, dict]:
    """The Region sør half-year form used for an annual report: kind and year from the title, a label
    block with empty labels each directly followed by the next, a role in "Utfylt av", a goal table
    whose descriptions the report prints elsewhere too."""
    year = rng.choice([2011, 2012, 2013])
    muni = rng.choice(MUNICIPALITIES)
    leader, leader_mail = person(rng)
    start_m, start_y = rng.randint(1, 12), year - 1
    email = f"{leader_mail}@{muni.lower().replace('ø', 'o').replace('å', 'a')}.kommune.no"
    pages = [
        f"Årsrapport {year} {muni} kommune Boligsosialt utviklingsprogram",
        (f"Skjema for halvårsrapportering Formålet med rapporteringen Dokumentere mål- og resultatoppnåelse i "
         f"boligsosialt utviklingsprogram. 1. Formalia Kommunens navn: {muni} kommune Prosjektleder: {leader} "
         f"Programstart: {MONTHS[start_m - 1].capitalize()} {start_y} Rapporteringsdato: Behandlet i "
         f"styringsgruppen: Utfylt av: Prosjektleder Telefon: E-post: {email}"),
        (f"2. Bakgrunn for kommunens deltakelse Beskriv kort hvorfor kommunen deltar i programmet. "
         f"{rng.choice(COMMENTS)} 4. Organisering Programmet ledes av en styringsgruppe."),
    ]
    # A goal table whose cells run together (drawn last, so the values above stay as they were): the
    # report prints its hovedmål and delmål before it, which shows where each description ends; two
    # delmål labels stand back to back, and the last delmål is worded otherwise in the list.
    hoved = rng.choice(HOVEDMAL).format(muni=muni)
    delmal = rng.sample(DELMAL, 4)
    listed = delmal[:3] + [" ".join(w for i, w in enumerate(delmal[3].split()) if i != 2)]
    results = rng.sample(COMMENTS, 4)
    pages.append(f"3. Mål Kommunens hovedmål: {hoved} Følgende delmål er definert for lokal gjennomføring: "
                 + " ".join(f"{n}. {d}" for n, d in enumerate(listed, 1)))
    pages.append(f"{GOAL_AREA} Beskrivelse av mål Resultat Varighet (ferdig når) Hovedmål {hoved} {results[0]} "
                 f"2012-2015 Delmål 1 {delmal[0]} {results[1]} Desember {year} Delmål 2 Delmål 3 {delmal[1]} "
                 f"{delmal[2]} {results[2]} Kontinuerlig Delmål 4 {delmal[3]} {results[3]} Våren {year + 1}")
    goals = [{"area": GOAL_AREA, "level": "hovedmål", "number": "1", "label": "Hovedmål", "description": hoved}]
    for n, d in enumerate(delmal[:3] + [None], 1):
        goals.append({"area": GOAL_AREA, "level": "delmål", "number": f"1.{n}", "label": f"Delmål {n}",
                      "description": d})
    exp = base(name, "halvar_sor_2012", "arsrapport", year, None)
    exp.update({
        "municipality": municipality(register, muni, year),
        "programme": {"name": None, "start": iso(start_y, start_m), "leader": leader, "owner": None},
        "reporting": {"date": None, "filled_by": f"Prosjektleder {leader}", "phones": [], "emails": [email],
                      "steering_group_dates": []},
        "goals": [dict(g, result=None, due=None) for g in goals],
    })
    return page_lines(pages, doubled=False), exp


CASES = [
    ("transcript-01-arsrapport_2012", annual_region_east),
    ("transcript-02-arsrapport_2012", annual_region_east),
    ("transcript-03-halvar_sor_2012-annual", annual_on_region_south_form),
    ("transcript-04-halvar_sor_2012-annual", annual_on_region_south_form),
]


def all_transcripts(register: Register) -> List[Tuple[str, str, dict]]:
    """(name, transcript text, expected JSON) of every case."""
    out = []
    for name, make in CASES:
        text, exp = make(rng_for(name), name, register)
        out.append((name, text, exp))
    return out


def expected_json(name: str, text: str, exp: Dict) -> dict:
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    out = {"source": {"path": f"fixtures/transcripts/{name}.txt", "sha256": sha, "media_type": "text/plain"}}
    out.update({k: v for k, v in exp.items() if k != "name"})
    out["issues"] = []
    return out
