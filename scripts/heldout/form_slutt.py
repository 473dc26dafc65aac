"""Final reports (`sluttrapport`): free form, each with its own structure."""
import datetime as dt

import common as C
import data
import values as V

CHAPTERS = [
    ("Sammendrag og viktigste resultater", ["Sammendrag", "Viktigste resultater"]),
    ("Innledning og bakgrunn", ["Bakgrunn for prosjektet", "Mål for prosjektet"]),
    ("Organisering av prosjektet", ["Styringsgruppe", "Arbeidsgrupper"]),
    ("Gjennomføring og resultater", ["Måloppnåelse", "«Boligkontoret er på plass»", "Brukermedvirkning"]),
    ("Økonomi", ["Finansiering"]),
    ("Refleksjoner rundt videreføring i drift", ["Videreføring", "Anbefalinger"]),
]
GOAL_HEADERS = ["nr_delmal", "arbeidsmal", "mal_beskrivelse", "delmal_dotted"]


def build(ctx, who, idx):
    r = ctx.rng
    y_from = r.randint(2009, 2012)
    m_from = r.randint(1, 12)
    y_to = y_from + r.randint(2, 4)
    m_to = r.randint(1, 12)
    d_from = dt.date(y_from, m_from, 1)
    d_to = dt.date(y_to, m_to, 28 if m_to == 2 else 30 if m_to in (4, 6, 9, 11) else 31)
    rep_mo = m_to + 1 if m_to < 12 else 1
    rep_y = y_to if m_to < 12 else y_to + 1
    title = r.choice(data.SLUTT_TITLES).format(m=who.name)
    lead = who.full(who.leader)
    gold = {"template": "sluttrapport", "kind": "sluttrapport", "municipality": who.gold()}
    blocks = []
    # how the period is given
    per_style = r.choice(["months_prose", "dates_prose", "kv_dates", "start_end_prose"])
    if per_style in ("dates_prose", "kv_dates"):
        per_gold = {"from": d_from.isoformat(), "to": d_to.isoformat()}
    else:
        per_gold = {"from": f"{y_from}-{m_from:02d}", "to": f"{y_to}-{m_to:02d}"}
    gold["period"] = per_gold
    lead_style = r.choice(["prose", "signature", "kv", "prose2"])
    if per_style == "kv_dates":
        lead_style = r.choice(["kv", "signature"])
    date_style = r.choice(["cover_month", "cover_month", "signature_date"])
    if date_style == "signature_date":
        rep_d = dt.date(rep_y, rep_mo, r.randint(1, 28))
        rep_txt, rep_gold = V.date(r, rep_d, styles=["long", "dotted", "long_cap"])
    else:
        rep_txt, rep_gold = V.month(r, rep_y, rep_mo)
    gold["reporting"] = {"date": rep_gold}
    owner = None
    # cover
    cov = [{"t": "p", "text": r.choice(["Sluttrapport", "SLUTTRAPPORT", "Sluttrapport fra prosjektet"]),
            "size": 26, "bold": True, "align": "center", "space_after": 14},
           {"t": "p", "text": f"«{title}»", "size": 20, "align": "center", "space_after": 14}]
    if r.random() < 0.5:
        cov.append({"t": "p", "text": "Boligsosialt utviklingsprogram", "size": 13, "align": "center"})
    cov.append({"t": "p", "text": who.written(r), "size": 16, "align": "center", "space_after": 10})
    if date_style == "cover_month":
        cov.append({"t": "p", "text": rep_txt, "size": 14, "align": "center"})
    blocks.append({"t": "cover", "blocks": cov, "vertical": None})
    gold["programme"] = {"name": title, "leader": lead}

    # foreword
    blocks.append(ctx.heading(r.choice(["FORORD", "Forord"]), 1))
    per_txt = period_text(r, per_style, d_from, d_to)
    fw = f"Denne sluttrapporten beskriver prosjektet «{title}» i {who.name} kommune"
    if per_style != "kv_dates":
        fw += f", {per_txt}"
    fw += ", med støtte fra Husbanken gjennom Boligsosialt utviklingsprogram."
    if lead_style == "prose":
        fw += f" Prosjektleder har vært {lead}."
    blocks.append({"t": "p", "text": fw})
    blocks.append(ctx.filler(who.name, 1))
    if lead_style == "signature" or date_style == "signature_date":
        place = who.name if not who.district else "Oslo"
        if date_style == "signature_date":
            blocks.append({"t": "p", "text": f"{place}, {rep_txt}", "space_after": 12})
        else:
            blocks.append({"t": "p", "text": f"{place}", "space_after": 12})
        if lead_style == "signature":
            blocks.append({"t": "p", "text": f"{lead}\n{r.choice(['prosjektleder', 'Prosjektleder', 'programleder'])}"})
        else:
            blocks.append({"t": "p", "text": r.choice(["Styringsgruppen", "Prosjektgruppen"])})
    if per_style == "kv_dates" or lead_style == "kv":
        owner = f"{who.owner_title} {who.full(who.owner)}"
        pairs = [("Prosjektnavn", title), ("Prosjekteier", owner)]
        if lead_style == "kv":
            pairs.append(("Prosjektleder", lead))
        if per_style == "kv_dates":
            a, _ = V.date(r, d_from, styles=["dotted", "dotted_nopad", "long"])
            b, _ = V.date(r, d_to, styles=["dotted", "dotted_nopad", "long"])
            pairs.append(("Prosjektperiode", f"{a} – {b}" if r.random() < 0.5 else f"{a}–{b}"))
        elif per_style == "dates_prose":
            a, _ = V.date(r, d_from, styles=["dotted", "long"])
            b, _ = V.date(r, d_to, styles=["dotted", "long"])
            pairs.append(("Prosjektperiode", f"{a} – {b}"))
        else:
            ma, mb = data.MONTHS[d_from.month - 1], data.MONTHS[d_to.month - 1]
            pairs.append(("Prosjektperiode", f"{ma.capitalize()} {d_from.year} – {mb} {d_to.year}"))
        blocks.append({"t": "p", "text": "Fakta om prosjektet", "bold": True})
        blocks += ctx.label_block(pairs, mode=r.choice(["table", "lines"]))
        gold["programme"]["owner"] = who.full(who.owner)
    blocks.append({"t": "pagebreak"})
    chapters = list(CHAPTERS)
    numbered_caps = r.random() < 0.5
    toc = r.random() < 0.6
    if toc:
        blocks.append(ctx.heading(r.choice(["INNHOLD", "Innhold", "Innholdsfortegnelse"]), 1))
        entries = []
        pg = 3
        for i, (ch, subs) in enumerate(chapters, 1):
            entries.append((f"{i}.", ch.upper() if numbered_caps else ch, pg))
            for j, s in enumerate(subs, 1):
                entries.append((f"{i}.{j}", s, pg))
                pg += r.randint(0, 1)
        blocks.append({"t": "toc", "entries": entries})
        blocks.append({"t": "pagebreak"})
    goals_gold, fund_gold = [], []
    goal_chapter = 4
    for i, (ch, subs) in enumerate(chapters, 1):
        blocks.append(ctx.heading(f"{i}. {ch.upper() if numbered_caps else ch}", 1))
        for j, s in enumerate(subs, 1):
            blocks.append(ctx.heading(f"{i}.{j} {s}", 2))
            for _ in range(r.randint(1, 2)):
                blocks.append(ctx.filler(who.name, r.randint(2, 3)))
            if i == 2 and j == 1 and lead_style == "prose2":
                blocks.append({"t": "p", "text": f"{lead} har vært prosjektleder i hele perioden og har hatt "
                                                 f"kontor i boligkontoret."})
            if i == 3 and j == 2:
                rows = [["Arbeidsgruppe", "Leder", "Deltakere"]]
                for g in r.sample(["Tildeling", "Booppfølging", "Startlån og tilskudd", "Kartlegging", "Bomiljø"], 3):
                    rows.append([g, who.full(who.person(r)), ", ".join(who.full(who.person(r)) for _ in range(r.randint(2, 4)))])
                blocks.append(ctx.table(rows, header_rows=1, fracs=[0.25, 0.25, 0.5]))
            if i == goal_chapter and j == 1:
                goals_gold, gb = goal_table(ctx, rep_y, who.name)
                blocks += gb
            if i == 5 and j == 1:
                if r.random() < 0.6:
                    fund_gold, fb = funding(ctx, y_from, y_to)
                    blocks += fb
                else:
                    blocks.append(ctx.filler(who.name, 1))
    gold["goals"] = goals_gold
    if fund_gold:
        gold["funding_by_year"] = fund_gold
    run_title = f"Sluttrapport: «{title}»"
    footer = r.choice([run_title + " Side {page}", run_title + " – side {page}", "Side {page}", "{page}"])
    header = r.choice([f"{who.name} kommune", None, run_title])
    doc = ctx.doc(blocks, f"Sluttrapport {title}", header=header, footer=footer)
    return doc, gold


def period_text(r, style, a, b):
    ma, mb = data.MONTHS[a.month - 1], data.MONTHS[b.month - 1]
    if style == "months_prose":
        return r.choice([f"gjennomført i perioden {ma} {a.year} – {mb} {b.year}",
                         f"som varte fra {ma} {a.year} til {mb} {b.year}"])
    if style == "dates_prose":
        ta, _ = V.date(r, a, styles=["long", "dotted"])
        tb, _ = V.date(r, b, styles=["long", "dotted"])
        return f"som pågikk fra {ta} til {tb}"
    if style == "start_end_prose":
        return f"som startet opp i {ma} {a.year} og ble avsluttet ved utgangen av {mb} {b.year}"
    return ""


def goal_table(ctx, rep_y, muni):
    r = ctx.rng
    kind = r.choice(GOAL_HEADERS)
    subs = r.sample(data.GOAL_SUB, r.randint(4, 6))
    gold = []
    blocks = [ctx.filler(muni, 1)]
    if r.random() < 0.5:
        blocks.append({"t": "p", "text": r.choice(["Tabell 1: Status for delmålene", "Tabell 2 Måloppnåelse"]),
                       "italic": True})

    def due():
        return r.choice([f"{data.MONTHS[r.randint(0, 11)].capitalize()} {rep_y - 1}", str(rep_y - 1), str(rep_y),
                         None, "Videreføres"])

    if kind == "nr_delmal":
        rows = [["Nr.", "Delmål", "Status", "Ferdig når"]]
        for i, s in enumerate(subs, 1):
            st, d = r.choice(data.SLUTT_STATUS), due()
            rows.append([str(i), s, st, d or ""])
            gold.append({"level": "delmål", "number": str(i), "description": s, "result": st, "due": d})
        fr = [0.07, 0.55, 0.2, 0.18]
    elif kind == "arbeidsmal":
        rows = [["Arbeidsmål", "Status", "Ferdig"]]
        for s in subs:
            st, d = r.choice(data.SLUTT_STATUS), due()
            rows.append([s, st, d or ""])
            gold.append({"level": "arbeidsmål", "number": None, "description": s, "result": st, "due": d})
        fr = [0.6, 0.22, 0.18]
    elif kind == "mal_beskrivelse":
        rows = [["Mål", "Beskrivelse", "Måloppnåelse", "Frist"]]
        main = "Flere vanskeligstilte har en egnet bolig og får hjelp til å beholde den"
        st, d = r.choice(data.SLUTT_STATUS), due()
        rows.append(["Hovedmål", main, st, d or ""])
        gold.append({"level": "hovedmål", "number": None, "description": main, "result": st, "due": d})
        for i, s in enumerate(subs, 1):
            st, d = r.choice(data.SLUTT_STATUS), due()
            rows.append([f"Delmål {i}", s, st, d or ""])
            gold.append({"level": "delmål", "number": str(i), "description": s, "result": st, "due": d})
        fr = [0.14, 0.5, 0.22, 0.14]
    else:
        rows = [["Delmål", f"Resultat per {r.choice(['31.12.', 'desember '])}{rep_y - 1}", "Tidsfrist"]]
        for i, s in enumerate(subs, 1):
            st, d = r.choice(data.SLUTT_STATUS), due()
            rows.append([f"1.{i} {s}", st, d or ""])
            gold.append({"level": "delmål", "number": f"1.{i}", "description": s, "result": st, "due": d})
        fr = [0.6, 0.25, 0.15]
    blocks.append(ctx.table(rows, header_rows=1, fracs=fr))
    return gold, blocks


def funding(ctx, y0, y1):
    r = ctx.rng
    years = list(range(y0, y1 + 1))
    gold = []
    fields = [("grant_husbanken", r.choice(["Kompetansetilskudd Husbanken", "Tilskudd fra Husbanken"])),
              ("own_funding", r.choice(["Kommunal egenfinansiering", "Egenandel kommunen"])),
              ("total", r.choice(["Sum", "Totalt"]))]
    cells = {}
    for y in years:
        grant = r.randrange(200_000, 1_500_000, 50_000)
        own = r.randrange(50_000, 600_000, 25_000)
        vals = {"grant_husbanken": grant, "own_funding": own, "total": grant + own}
        g = {"year": y}
        for f, _ in fields:
            t, gv = ctx.money(vals[f])
            cells[(y, f)] = t
            g[f] = gv
        gold.append(g)
    if r.random() < 0.5:
        rows = [["År"] + [n for _, n in fields]] + [[str(y)] + [cells[(y, f)] for f, _ in fields] for y in years]
        fr = [0.15, 0.3, 0.3, 0.25]
    else:
        rows = [[""] + [str(y) for y in years]] + [[n] + [cells[(y, f)] for y in years] for f, n in fields]
        fr = [0.3] + [0.7 / len(years)] * len(years)
    intro = {"t": "p", "text": "Tabellen viser finansieringen av prosjektet per år."}
    return gold, [intro, ctx.table(rows, header_rows=1, fracs=fr)]
