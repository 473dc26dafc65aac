"""Region øst "Skjema for års- og halvårsrapportering" 2011-2012 (`ars_halvar_2011`)."""
import datetime as dt

import common as C
import data
import values as V

STATUS = {
    "letter": {"ny": "n", "videreført": "v", "gjennomført": "g", "avviklet": "a"},
    "paren": {"ny": "(n)", "videreført": "(v)", "gjennomført": "(g)", "avviklet": "(a)"},
    "upper": {"ny": "N", "videreført": "V", "gjennomført": "G", "avviklet": "A"},
    "word": {"ny": "nytt", "videreført": "videreført", "gjennomført": "gjennomført", "avviklet": "avviklet"},
    "Word": {"ny": "Nytt tiltak", "videreført": "Videreført", "gjennomført": "Gjennomført", "avviklet": "Avviklet"},
    "both": {"ny": "n – nytt", "videreført": "v – videreført", "gjennomført": "g – gjennomført",
             "avviklet": "a – avviklet"},
}
STATUS_H = "Status for aktiviteten: nytt (n), videreført (v), gjennomført (g) eller avviklet (a)"
LEGEND = "Nytt tiltak (n), videreført (v), gjennomført (g), avviklet (a)"


def build(ctx, who, idx):
    r = ctx.rng
    Y = r.randint(2011, 2012)
    half = r.random() < 0.45
    if half:
        rep_date = dt.date(Y, 8, r.choice([25, 29, 30, 31]))
        kind = "halvarsrapport"
    else:
        rep_date = dt.date(Y + 1, r.randint(1, 2), r.randint(1, 28))
        kind = "arsrapport"
    start = C.rnd_start(r, 2009, Y - 1 if Y > 2010 else 2010)
    gold = {"template": "ars_halvar_2011", "kind": kind, "period": {"year": Y, "half": 1 if half else None},
            "municipality": who.gold()}
    blocks = []
    # cover
    cov = [{"t": "p", "text": r.choice(["BOLIGSOSIALT UTVIKLINGSPROGRAM", "Boligsosialt utviklingsprogram"]),
            "size": 20, "bold": True, "align": "center", "space_after": 10}]
    cov.append({"t": "p", "text": "Husbanken Region øst", "size": 12, "align": "center", "space_after": 30})
    kind_word = ("HALVÅRSRAPPORT" if half else "ÅRSRAPPORT")
    cover_year = r.random() < 0.6
    ttl = r.choice([f"{kind_word} {Y}" if cover_year else kind_word,
                    f"{'HALVÅRSRAPPORTERING' if half else 'ÅRSRAPPORTERING'} {Y}" if cover_year else
                    ('HALVÅRSRAPPORTERING' if half else 'ÅRSRAPPORTERING')])
    cov.append({"t": "p", "text": ttl, "size": 24, "bold": True, "align": "center", "space_after": 20})
    cov.append({"t": "p", "text": who.written(r, upper=r.random() < 0.6), "size": 16, "align": "center"})
    date_txt, date_gold = V.date(r, rep_date, allow_yearless=half)
    if r.random() < 0.5:
        ct, _ = V.date(r, rep_date, styles=["long", "dotted"])
        cov.append({"t": "p", "text": ct, "size": 12, "align": "center"})
    blocks.append({"t": "cover", "blocks": cov,
                   "vertical": ("ÅRS- OG HALVÅRSRAPPORTERING" if r.random() < 0.3 else None)})

    blocks.append(ctx.heading("Skjema for års- og halvårsrapportering", 1))
    blocks.append(ctx.guidance("Formålet med rapporteringen: Oppfølging av samarbeidsavtalen og programplanen. "
                               "Halvårsrapportering leveres 31.08 hvert år. Årsrapportering leveres 31.01. hvert år."))
    # 1. Generell programinformasjon
    prog = r.choice(data.PROGRAMME_NAMES).format(m=who.name)
    n_people = 1 if r.random() < 0.65 else 2
    fb, fb_gold, ptxt, pgold, etxt, egold = C.contact(ctx, who, n_people)
    start_txt, start_gold = C.start_value(ctx, start)
    lead = who.full(who.leader)
    k = r.random()
    if k < 0.2:
        year_txt = ""  # the year only on the cover / in the title
        if not cover_year:
            year_txt = str(Y)
    elif k < 0.35 and half:
        year_txt = r.choice([f"{Y} første halvår", f"1. halvår {Y}", f"{Y} (1. halvår)"])
    elif k < 0.5:
        year_txt = {"runs": [{"text": "20"}, ctx.hand(f"{Y % 100:02d}")]}
    else:
        year_txt = str(Y)
    L = r.choice
    pairs = [
        (L(["Programnavn", "Navn på program"]), prog),
        (L(["Kommune", "Kommune"]), who.written(r)),
        (L(["Programleder", "Prosjektleder"]), lead),
        (L(["Programstart", "Programstart"]), start_txt),
        ("Rapporteringsår", year_txt),
        ("Rapporteringsdato", date_txt),
        (L(["Utfylt av", "Utfylt av"]), fb),
        (L(["Telefon", "Tlf"]), C.join_multi(r, ptxt)),
        (L(["E-post", "E-post", "Epost"]), C.join_multi(r, etxt)),
    ]
    if ctx.label_mode not in ("table", "table4"):
        pairs = [(a, v if isinstance(v, str) else f"{Y}") for a, v in pairs]
    blocks.append(ctx.heading("1. Generell programinformasjon", 1))
    blocks += ctx.label_block(pairs)
    gold["programme"] = {"name": prog, "start": start_gold, "leader": lead}
    gold["reporting"] = {"date": date_gold, "filled_by": fb_gold, "phones": pgold, "emails": egold}

    blocks.append(ctx.heading("2. Rapportering på programplanen – status", 1))
    blocks.append(ctx.guidance("Beskriv kort status for organisering, styringsgruppe og forankring."))
    blocks.append(ctx.filler(who.name, 2))
    sg = [["Tittel", "Virksomhet"], ["Rådmann", f"{who.name} kommune"], ["Kommunalsjef", "Helse og velferd"],
          ["Leder", "NAV " + who.name], ["Boligsjef", "Boligkontoret"]]
    blocks.append({"t": "p", "text": "Styringsgruppe:", "bold": True})
    blocks.append(ctx.table(sg, header_rows=1, fracs=[0.4, 0.6]))

    # 3. aktivitetsplan
    blocks.append(ctx.heading("3. Rapportering på aktivitetsplan i programplanen", 1))
    blocks.append(ctx.guidance("Rapporteringen tar utgangspunkt i aktivitetsplanen i programplanen. Én tabell per målområde."))
    acts_gold, ab = activity_tables(ctx, who)
    blocks += ab
    gold["activities"] = acts_gold
    blocks.append(ctx.heading("3.1 Formidling av erfaringer og eksempler på godt arbeid", 2))
    blocks.append(ctx.guidance("Fortell et par case fra arbeidet i perioden. Godt eksempel 1 (maks 1 side)"))
    blocks.append(ctx.filler(who.name, 2))

    # 4. økonomi
    if r.random() < 0.3:
        blocks.append({"t": "h", "level": 1, "runs": [{"text": "4. Rapportering på økonomi 20"}, ctx.hand(f"{Y % 100:02d}")]})
    else:
        blocks.append(ctx.heading(f"4. Rapportering på økonomi {Y}", 1))
    bb, bg = budget(ctx)
    blocks += bb
    gold["budget"] = bg
    fb_, fg = funding(ctx, Y)
    blocks.append({"t": "p", "text": "Samlet oversikt over hele programperioden", "bold": True})
    blocks += fb_
    gold["funding_by_year"] = fg
    doc = ctx.doc(blocks, f"{kind_word.capitalize()} {who.name}",
                  footer=r.choice([None, "{page}", "Side {page}"]),
                  header=r.choice([None, None, f"{who.name} kommune – boligsosialt utviklingsprogram"]))
    return doc, gold


def activity_tables(ctx, who):
    r = ctx.rng
    st_style = r.choice(list(STATUS))
    numbering = r.choice(["paren", "paren", "column", "dot", "paren"])
    area_style = r.choice(["malomrade", "hovedmal", "plain", "in_table"])
    merged_status = r.random() < 0.25
    footnote = r.random() < 0.6
    pct_blank_ok = True
    areas = r.sample(data.AREAS, r.randint(2, 3))
    pool = r.sample(data.ACTIVITIES, 12)
    gold = []
    blocks = []
    ncols_base = ["Aktivitet", "Hva skal vi gjøre konkret for å nå målet?", "Resultat",
                  STATUS_H + ("¹" if footnote else ""), "Status framdrift i prosent", "Avvik", "Begrunnelse"]
    for ai, area in enumerate(areas, 1):
        n = r.randint(2, 5)
        if area_style == "malomrade":
            blocks.append({"t": "p", "text": f"Målområde {ai}: {area}", "bold": True})
        elif area_style == "hovedmal":
            blocks.append(ctx.heading(f"Hovedmål {ai} – {area}", 3))
        elif area_style == "plain":
            blocks.append({"t": "p", "text": area, "bold": True, "size": ctx.font["size"] + 1})
        rows = []
        merges = []
        if numbering == "column":
            hdr = ["Nr."] + ncols_base
        else:
            hdr = list(ncols_base)
        off = 1 if numbering == "column" else 0
        if merged_status:
            h0 = list(hdr)
            h1 = [""] * len(hdr)
            si = 3 + off
            h0[si] = "Status"
            h0[si + 1] = ""
            h1[si] = "n / v / g / a¹" if footnote else "n / v / g / a"
            h1[si + 1] = "Framdrift i %"
            rows += [h0, h1]
            for j in range(len(hdr)):
                if j not in (si, si + 1):
                    merges.append((0, j, 2, 1))
            merges.append((0, si, 1, 2))
            hr = 2
        else:
            rows.append(hdr)
            hr = 1
        if area_style == "in_table":
            rows.insert(hr, [{"text": f"Målområde {ai}: {area}", "bold": True}] + [""] * (len(hdr) - 1))
            merges.append((hr, 0, 1, len(hdr)))
            body_start = hr + 1
        else:
            body_start = hr
        _ = body_start
        for i in range(1, n + 1):
            act, plan, res = pool.pop()
            status = r.choice(["ny", "videreført", "gjennomført", "avviklet", "videreført"])
            pct = {"ny": r.choice([0, 10, 20, None]), "videreført": r.choice([30, 40, 50, 60, 75]),
                   "gjennomført": r.choice([100, 100, None]), "avviklet": r.choice([None, 25, 50])}[status]
            ptxt, pgold = V.percent(r, pct)
            dev, reason = (None, None)
            if r.random() < 0.35:
                dev, reason = r.choice(data.DEVIATIONS)
            num_txt = {"paren": f"{i})", "column": str(i), "dot": f"{i}."}[numbering]
            act_cell = act if numbering == "column" else f"{num_txt} {act}"
            row = ([num_txt] if numbering == "column" else []) + [act_cell, plan, res, STATUS[st_style][status],
                                                                   ptxt, dev or "", reason or ""]
            rows.append(row)
            gold.append({"area": area, "number": str(i), "activity": act, "plan": plan, "result": res,
                         "status": status, "progress_pct": pgold, "deviation": dev, "reason": reason})
        fr = ([0.05] if numbering == "column" else []) + [0.16, 0.19, 0.19, 0.12, 0.09, 0.11, 0.14]
        blocks.append(ctx.table(rows, header_rows=hr, fracs=fr, merges=merges,
                                font_size=min((ctx.table_font or ctx.font["size"]) - r.choice([0, 1, 1.5]), 9)))
        if footnote:
            blocks.append({"t": "p", "runs": [{"text": "¹ ", "sup": False}, {"text": LEGEND}],
                           "size": ctx.font["size"] - 2})
    _ = pct_blank_ok
    return gold, blocks


def budget(ctx):
    r = ctx.rng
    named = r.random() < 0.7
    n = r.randint(2, 4)
    acts = ["programledelse og kompetanseutvikling"] + r.sample([a.lower() for a in data.BUDGET_ACTIVITIES[1:]], n - 1)
    hdr = ["Aktivitet", "Regnskap", "Budsjett", "Tilskudd fra HB (kompetansetilskudd)", "Egen finansiering kommunen",
           "Annen finansiering", "TOTALT", "Avvik (+/-)"]
    extra_col = r.random() < 0.4
    if extra_col:
        hdr.append("Fra/til hvilken aktivitet")
    rows = [hdr]
    gold = []
    sums = dict.fromkeys(["accounts", "budget", "grant_husbanken", "own_funding", "other_funding", "total", "deviation"], 0)
    for i, a in enumerate(acts, 1):
        grant = r.randrange(50_000, 500_000, 10_000)
        own = r.randrange(0, 250_000, 10_000)
        other = r.choice([None, None, r.randrange(10_000, 100_000, 10_000)])
        total = grant + own + (other or 0)
        budget_ = total
        accounts = total + r.choice([-1, 0, 1]) * r.randrange(0, 50_000, 5_000)
        dev = accounts - budget_
        if named:
            label = r.choice([f"Aktivitet {i} ({a})", f"Aktivitet {i}: {a}", f"Aktivitet {i} – {a}"])
            ga = a
        else:
            label = f"Aktivitet {i}"
            ga = label
        g = {"activity": ga}
        row = [label]
        for key, v in (("accounts", accounts), ("budget", budget_), ("grant_husbanken", grant), ("own_funding", own),
                       ("other_funding", other), ("total", total)):
            t, gv = ctx.money(v)
            row.append(t)
            g[key] = gv
            sums[key] += gv or 0
        if dev:
            t, gv = V.signed(r, dev)
        else:
            t, gv = r.choice([("0", 0), ("", None), ("-", None)])
        row.append(t)
        g["deviation"] = gv
        sums["deviation"] += gv or 0
        if extra_col:
            row.append(r.choice(["", "", f"Til aktivitet {r.randint(1, n)}"]))
        rows.append(row)
        gold.append(g)
    tl = r.choice(["Totalt", "TOTALT", "Sum"])
    row = [{"text": tl, "bold": True}]
    g = {"activity": tl}
    for key in ("accounts", "budget", "grant_husbanken", "own_funding", "other_funding", "total"):
        t, gv = ctx.money(sums[key])
        row.append(t)
        g[key] = gv
    t, gv = V.signed(r, sums["deviation"])
    row.append(t)
    g["deviation"] = gv
    if extra_col:
        row.append("")
    rows.append(row)
    gold.append(g)
    fr = [0.2] + [0.1] * (len(hdr) - 1)
    return [ctx.guidance("Pr. aktivitet og totalt"), ctx.table(rows, header_rows=1, fracs=fr,
                                                               font_size=min((ctx.table_font or ctx.font["size"]) - 1.5, 8.5))], gold


def funding(ctx, Y):
    r = ctx.rng
    years = list(range(2010, 2015))
    filled = [y for y in years if y <= Y + (1 if r.random() < 0.3 else 0)]
    fields = [("grant_husbanken", "Tilskudd fra Husbanken"),
              ("own_funding", r.choice(["Tilskudd fra kommunen", "Egenfinansiering fra kommunen"])),
              ("other_funding", "Annen finansiering"),
              ("carried_over", r.choice(["Overføring (disponible midler) fra året før", "Overført fra året før"])),
              ("total", "TOTALT")]
    rows = [[""] + [str(y) for y in years]]
    gold = []
    cols = {}
    for y in years:
        if y not in filled:
            cols[y] = {f: "" for f, _ in fields}
            continue
        grant = r.randrange(200_000, 900_000, 50_000)
        own = r.randrange(0, 400_000, 25_000)
        other = r.choice([None, None, r.randrange(25_000, 100_000, 25_000)])
        carried = r.choice([None, None, r.randrange(10_000, 100_000, 5_000)]) if y > 2010 else None
        vals = {"grant_husbanken": grant, "own_funding": own, "other_funding": other, "carried_over": carried,
                "total": grant + own + (other or 0) + (carried or 0)}
        g = {"year": y}
        cols[y] = {}
        for f, _ in fields:
            t, gv = ctx.money(vals[f])
            cols[y][f] = t
            g[f] = gv
        gold.append(g)
    for f, name in fields:
        rows.append([name] + [cols[y][f] for y in years])
    return [ctx.table(rows, header_rows=1, fracs=[0.3] + [0.14] * 5)], gold
