"""Region sør "Skjema for halvårsrapportering" 2012-2014 (`halvar_sor_2012`), also used for an annual report."""
import datetime as dt

import common as C
import data
import values as V

TICKS = ["X", "x", "X", "\u2713", "\u2714", "\u2612"]
DUES = ["Desember {y}", "{y}", "Kontinuerlig", "Juni {y}", "Løpende", "31.12.{y}", "Høsten {y}", "{y}–{y2}"]
PART = [("formell", "Formell deltakelse"), ("aktiv", "Aktiv deltakelse"), ("informert", "Blir informert"),
        ("ingen", "Ingen deltakelse")]


def build(ctx, who, idx, annual=False):
    r = ctx.rng
    Y = r.randint(2012, 2014)
    if annual:
        half = None
        rep_date = dt.date(Y + 1, r.randint(1, 2), r.randint(5, 28))
        kind = "arsrapport"
    else:
        half = r.choice([1, 2])
        rep_date = dt.date(Y, 6 if half == 1 else 12, r.choice([20, 20, 20, 18, 19]))
        kind = "halvarsrapport"
    start = C.rnd_start(r, 2009, Y - 1)
    gold = {"template": "halvar_sor_2012", "kind": kind, "period": {"year": Y, "half": half},
            "municipality": who.gold()}
    blocks = []
    # title block (no separate cover in this form)
    blocks.append({"t": "p", "text": r.choice(["Skjema for halvårsrapportering", "SKJEMA FOR HALVÅRSRAPPORTERING"]),
                   "size": 18, "bold": True, "align": r.choice(["center", "left"])})
    blocks.append({"t": "p", "text": r.choice(["Boligsosialt utviklingsprogram – Region sør",
                                               "Boligsosialt utviklingsprogram, Husbanken Region sør"]),
                   "size": 13, "align": "center"})
    year_in_title = True
    if annual:
        blocks.append({"t": "p", "text": r.choice([f"Årsrapport {Y}", f"ÅRSRAPPORT {Y}", f"Årsrapport for {Y}"]),
                       "size": 16, "bold": True, "align": "center"})
    else:
        t = r.random()
        if t < 0.7:
            w = {1: r.choice(["Første halvår", "1. halvår", "Vårhalvåret"]),
                 2: r.choice(["Andre halvår", "2. halvår", "Høsthalvåret"])}[half]
            blocks.append({"t": "p", "text": f"{w} {Y}", "size": 14, "align": "center"})
        elif t < 0.85:
            blocks.append({"t": "p", "text": f"{who.written(r)} – {data.MONTHS[rep_date.month - 1]} {Y}",
                           "size": 14, "align": "center"})
        else:
            year_in_title = False
    blocks.append(ctx.guidance("Formålet med rapporteringen: Dokumentere mål- og resultatoppnåelse i boligsosialt "
                               "utviklingsprogram. Kunnskapsbasert grunnlag for rapportering til oppdragsgivere. "
                               "Leveres 20.06. og 20.12. hvert år."))
    # 1. Formalia
    lead = who.full(who.leader)
    n_people = 1 if r.random() < 0.5 else 2
    fb, fb_gold, ptxt, pgold, etxt, egold = C.contact(ctx, who, n_people)
    start_txt, start_gold = C.start_value(ctx, start)
    if year_in_title:
        date_txt, date_gold = V.date(r, rep_date, allow_yearless=not annual)
    else:
        date_txt, date_gold = V.date(r, rep_date)
    steering = []
    k = r.random()
    if k < 0.55:
        sd = rep_date - dt.timedelta(days=r.randint(2, 12))
        st, sg = V.date(r, sd, allow_yearless=True, styles=["dotted", "dotted_nopad", "long"])
        steering = [sg]
        if r.random() < 0.25:
            sd2 = rep_date - dt.timedelta(days=r.randint(0, 1))
            st2, sg2 = V.date(r, sd2, styles=["yearless"])
            if sg2 != sg:
                st = f"{st} og {st2}" if r.random() < 0.5 else f"{st} {st2}"
                steering.append(sg2)
        steer_txt = st
    elif k < 0.7:
        steer_txt = r.choice(["Ikke behandlet", "Behandles i neste møte", "(dato)"])
    else:
        steer_txt = ""
    in_brackets = steering and r.random() < 0.2
    if in_brackets:
        date_txt = f"{date_txt} (behandlet i styringsgruppen {steer_txt})"
        steer_txt = ""
    if n_people == 2:
        phone_pairs = [("Telefon", C.join_multi(r, ptxt))] if r.random() < 0.4 else \
            [("Telefon", ptxt[0]), ("Mobil", ptxt[1])]
    else:
        phone_pairs = [("Telefon", ptxt[0]), ("Mobil", "")] if r.random() < 0.5 else [("Telefon", ptxt[0])]
    L = r.choice
    pairs = [(L(["Kommunens navn", "Kommune", "KOMMUNENS NAVN"]), who.written(r)),
             (L(["Programleder", "Prosjektleder", "Programleder"]), lead),
             ("Programstart", start_txt),
             ("Rapporteringsdato", date_txt),
             (L(["Behandlet i styringsgruppen", "Behandlet i styringsgruppa"]), steer_txt),
             ("Utfylt av", fb)] + phone_pairs + [(L(["E-post", "E-post", "Epost"]), C.join_multi(r, etxt))]
    blocks.append(ctx.heading("1. Formalia", 1))
    mode = "flat" if r.random() < 0.12 else None
    blocks += ctx.label_block(pairs, mode=mode)
    gold["programme"] = {"start": start_gold, "leader": lead}
    gold["reporting"] = {"date": date_gold, "filled_by": fb_gold, "phones": pgold, "emails": egold,
                         "steering_group_dates": steering}

    blocks.append(ctx.heading("2. Bakgrunn for kommunens deltakelse", 1))
    blocks.append(ctx.guidance("Beskriv kort hvorfor kommunen deltar i programmet."))
    blocks.append(ctx.filler(who.name, 3))
    blocks.append(ctx.heading("3. Mål for kommunens program", 1))
    blocks.append(ctx.guidance("Beskriv mål og resultater for perioden. Bruk én tabell per hovedmål i programmet."))
    gg, gb = goal_tables(ctx, who, Y)
    blocks += gb
    gold["goals"] = gg
    blocks.append(ctx.heading("4. Organisering", 1))
    blocks.append(ctx.filler(who.name, 2))
    blocks.append(ctx.heading("5. Samarbeidspartnere og aktører", 1))
    blocks.append(ctx.guidance("Gi en oversikt over hvilke faginstanser og aktører som deltar. Sett kryss i ruten der det passer."))
    pg, pb = partners(ctx)
    blocks += pb
    gold["partners"] = pg
    blocks.append(ctx.heading("6. Brukermedvirkning", 1))
    blocks.append(ctx.filler(who.name, 1))
    blocks.append(ctx.heading("7. Ressursbruk", 1))
    fg, fbk = resources(ctx, start.year, Y)
    blocks += fbk
    gold["funding_by_year"] = fg
    blocks.append(ctx.heading("8. Suksesshistorier", 1))
    blocks.append(ctx.guidance("Finnes gode eksempler dere vil løfte fram? Bruk maks én side."))
    blocks.append(ctx.filler(who.name, 3))
    doc = ctx.doc(blocks, f"Halvårsrapport {who.name}", footer=r.choice([None, "{page}", "Side {page}"]))
    return doc, gold


def goal_tables(ctx, who, Y):
    r = ctx.rng
    n_main = r.randint(1, 3)
    sub_label = r.choice(["plain", "dotted"])  # "Delmål 2" or "Delmål 1.2"
    swap = r.random() < 0.2
    label_col = r.random() < 0.85
    result_guide = r.random() < 0.3
    gold = []
    blocks = []
    subs = r.sample(data.GOAL_SUB, 12)
    for h in range(1, n_main + 1):
        blocks.append({"t": "p", "text": f"Programmets hovedmål {h}: {data.HUSBANK_MAIN[h - 1]}", "bold": True})
        hdr = ["Beskrivelse av mål", "Resultat", "Varighet (ferdig når)"]
        if swap:
            hdr = ["Beskrivelse av mål", "Varighet (ferdig når)", "Resultat"]
        rows = [([""] if label_col else []) + hdr]
        main_desc = r.choice([
            f"{who.name} kommune skal innen utgangen av {Y + 2} ha et helhetlig bolig- og tjenestetilbud til vanskeligstilte.",
            f"Alle innbyggere i {who.name} skal ha en trygg og egnet bolig.",
            f"{who.name} kommune har færre bostedsløse og flere som eier egen bolig ved programslutt."])
        items = [("hovedmål", str(h), "Hovedmål", main_desc)]
        for d in range(1, r.randint(2, 4) + 1):
            lab = f"Delmål {d}" if sub_label == "plain" else f"Delmål {h}.{d}"
            items.append(("delmål", f"{h}.{d}", lab, subs.pop()))
        for level, num, lab, desc in items:
            res = r.choice(data.GOAL_RESULTS) if r.random() < 0.7 else None
            res_cell = res or ""
            if res is None and result_guide:
                res_cell = {"text": "Beskriv resultat", "italic": True, "color": "#777777"}
            if r.random() < 0.8:
                due = r.choice(DUES).format(y=r.randint(Y, Y + 1), y2=Y + 2)
            else:
                due = None
            if not label_col:
                desc_cell = f"{lab}: {desc}"
            else:
                desc_cell = desc
            cells = [desc_cell, res_cell, due or ""] if not swap else [desc_cell, due or "", res_cell]
            rows.append(([lab] if label_col else []) + cells)
            gold.append({"level": level, "number": num, "description": desc, "result": res, "due": due})
        fr = ([0.12] if label_col else []) + ([0.4, 0.33, 0.15] if not swap else [0.4, 0.15, 0.33])
        blocks.append(ctx.table(rows, header_rows=1, fracs=fr))
    return gold, blocks


def partners(ctx):
    r = ctx.rng
    tick = r.choice(TICKS)
    order = list(PART)
    if r.random() < 0.15:
        order = [order[1], order[0], order[2], order[3]]
    grp_rows = r.random() < 0.8
    rename = r.random() < 0.4
    rows = [["Aktør"] + [n for _, n in order]]
    gold = []
    for grp, names, title in (("kommunal", data.PARTNERS_KOMMUNAL, r.choice(["Kommunalt baserte", "Kommunale aktører"])),
                              ("ekstern", data.PARTNERS_EKSTERN, r.choice(["Eksterne", "Eksterne aktører"]))):
        if grp_rows:
            rows.append([{"text": title, "bold": True, "italic": True}] + [""] * 4)
        for a in names:
            if a == "Andre" and r.random() < 0.5:
                continue
            name = a
            if rename and a == "Utekontakt":
                name = "Utekontakt e.l."
            if rename and a == "Sosialtjeneste/NAV":
                name = "NAV"
            p = r.choice([None, "formell", "aktiv", "aktiv", "informert", "ingen"])
            rows.append([name] + [tick if p == k else "" for k, _ in order])
            # Without the printed group rows nothing in the document tells the group.
            gold.append({"actor": name, "group": grp if grp_rows else None, "participation": p})
    return gold, [ctx.table(rows, header_rows=1, fracs=[0.4, 0.15, 0.15, 0.15, 0.15])]


def resources(ctx, y0, Y):
    r = ctx.rng
    years = list(range(max(y0, 2009), Y + 1))
    if len(years) < 2:
        years = [Y - 1, Y]
    fields = [("grant_husbanken", r.choice(["Tilsagn om kompetansetilskudd", "Tilsagn kompetansetilskudd"])),
              ("paid_out", "Utbetalt beløp"),
              ("own_funding", r.choice(["Kommunal egenfinansiering", "Kommunens egenfinansiering"])),
              ("total", "Totalt forbruk per dato")]
    gold = []
    cells = {}
    for y in years:
        grant = r.randrange(300_000, 1_500_000, 50_000)
        paid = grant if (y < Y or r.random() < 0.3) else None
        own = r.randrange(50_000, 400_000, 10_000)
        total = (paid or 0) + own
        vals = {"grant_husbanken": grant, "paid_out": paid, "own_funding": own, "total": total}
        g = {"year": y}
        for f, _ in fields:
            t, gv = ctx.money(vals[f])
            cells[(y, f)] = t
            g[f] = gv
        gold.append(g)
    if r.random() < 0.8:
        rows = [[""] + [str(y) for y in years]] + [[n] + [cells[(y, f)] for y in years] for f, n in fields]
        fr = [0.34] + [0.66 / len(years)] * len(years)
    else:
        rows = [["År"] + [n for _, n in fields]] + [[str(y)] + [cells[(y, f)] for f, _ in fields] for y in years]
        fr = [0.12, 0.22, 0.22, 0.22, 0.22]
    return gold, [ctx.guidance("Oppgi tilsagn, utbetalt beløp og kommunens egenfinansiering per år."),
                  ctx.table(rows, header_rows=1, fracs=fr)]
