"""Region øst annual form 2012-2015 (`arsrapport_2012`), as another team might fill it in."""
import datetime as dt

import common as C
import data
import values as V

HH = [
    ("A", ["A. Antall husstander uten eid eller leid bolig", "A) Antall husstander uten eid eller leid bolig",
           "A Husstander uten eid eller leid bolig (antall)", "A. Antall husstander uten egen eid eller leid bolig"],
     "Dette omfatter husstander som bor ute, bor i akutt- og døgnovernatting, bor i krisesenter, bor i "
     "gjennomgangsbolig, skal utskrives fra institusjon eller løslates fra fengsel innen 2 mnd., bor hos venner."),
    ("B", ["B. Antall husstander med fare for å miste boligen", "B) Antall husstander i fare for å miste boligen",
           "B Husstander med fare for å miste boligen (antall)"],
     "Dette omfatter husstander som er begjært utkastet, er uten gyldig leiekontrakt, har for høye boutgifter."),
    ("C", ["C. Antall husstander med uegnet bolig", "C) Antall husstander i uegnet bolig",
           "C Husstander med uegnet bolig (antall)"],
     "Dette omfatter husstander som bor i boliger med dårlig fysisk standard, som ikke er utformet etter deres "
     "behov, eller som bor i for liten bolig."),
]
FAM_LABELS = ["Antall barnefamilier med boligbehov", "Barnefamilier med boligbehov (antall)",
              "Antall barnefamilier som har behov for bolig"]

C1 = [
    ("startlan_fullfinansiert", ["Antall fullfinansierte boligkjøp med startlån",
                                 "Fullfinansierte boligkjøp med startlån", "Antall boligkjøp fullfinansiert med startlån"]),
    ("startlan_fastrente", ["Herav antall med fastrente", "- herav med fast rente", "Herav med fastrente (antall)"]),
    ("startlan_samfinansiert", ["Antall boligkjøp hvor startlån utgjør del av finansiering (samfinansierte boligkjøp)",
                                "Antall samfinansierte boligkjøp (startlån som del av finansieringen)"]),
    ("startlan_med_boligtilskudd", ["Antall boligkjøp med startlån, boligtilskudd",
                                    "Antall boligkjøp med startlån og boligtilskudd"]),
    ("startlan_leie_til_eie", ["Antall startlån som har muliggjort overgang fra kommunalt disponert bolig til egen eid bolig",
                               "Antall startlån brukt til overgang fra kommunal utleiebolig til eid bolig"]),
    ("tilskudd_tilpasning", ["Antall tilskudd til tilpasning, ev. sammen med startlån, benyttet til private boliger",
                             "Antall tilskudd til tilpasning av private boliger"]),
]
C2 = [
    ("kommunale_boliger", ["Antall kommunalt disponerte boliger", "Kommunalt disponerte boliger totalt"]),
    ("boliger_boligtilskudd", ["Antall fremskaffede kommunalt disponerte boliger med tilsagn om boligtilskudd",
                               "Nye kommunalt disponerte boliger med tilsagn om boligtilskudd"]),
    ("boliger_investeringstilskudd", ["Antall fremskaffede kommunalt disponerte boliger med tilsagn om investeringstilskudd",
                                      "Nye kommunalt disponerte boliger med tilsagn om investeringstilskudd"]),
    ("nye_soknader_kommunal_bolig", ["Antall nye søknader om kommunalt disponerte boliger",
                                     "Nye søknader om kommunal bolig i året"]),
    ("nye_tildelinger_kommunal_bolig", ["Antall nye tildelinger av kommunal utleiebolig",
                                        "Tildelinger av kommunal utleiebolig (nye)"]),
]
COMMENTS = ["Tallet er usikkert.", "Tall fra KOSTRA.", "Inkluderer fire flyktningfamilier.",
            "Økning skyldes ny rutine for registrering.", "Tallene er hentet fra fagsystemet.",
            "Flere saker er under behandling ved årsskiftet.", "Se også punkt 1.2."]
GUIDE_COMMENT = "Opplysninger knyttet til behov og resultater som belyser tallmaterialet nærmere"


def build(ctx, who, idx):
    r = ctx.rng
    Y = r.randint(2012, 2015)
    rep_date = dt.date(Y + 1, r.randint(1, 3), r.randint(1, 28))
    start = C.rnd_start(r, 2009, min(Y - 1, 2012))
    gold = {"template": "arsrapport_2012", "kind": "arsrapport", "period": {"year": Y, "half": None},
            "municipality": who.gold()}
    blocks = []
    year_only_on_cover = r.random() < 0.3

    # cover
    date_txt, date_gold = V.date(r, rep_date)
    steering = []
    cov = []
    title = r.choice(["RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM", "Rapportering i Boligsosialt utviklingsprogram",
                      "BOLIGSOSIALT UTVIKLINGSPROGRAM\nRAPPORTERING"])
    cov.append({"t": "p", "text": title, "size": r.choice([18, 20, 24]), "bold": True, "align": "center",
                "space_after": 18})
    if r.random() < 0.7:
        cov.append({"t": "p", "text": date_txt, "size": 14, "align": "center", "space_after": 18})
    yr_style = r.random()
    if yr_style < 0.2:
        cov.append({"t": "p", "runs": [{"text": "ÅRSRAPPORT 20", "bold": True}, ctx.hand(f"{Y % 100:02d}") | {"size": 22}],
                    "size": 22, "align": "center", "space_after": 18})
    else:
        cov.append({"t": "p", "text": r.choice([f"ÅRSRAPPORT {Y}", f"Årsrapport {Y}", f"ÅRSRAPPORT FOR {Y}"]),
                    "size": 22, "bold": True, "align": "center", "space_after": 18})
    kom = who.written(r, upper=r.random() < 0.5)
    cov.append({"t": "p", "text": r.choice([f"KOMMUNE: {kom}", f"Kommune: {kom}", kom]), "size": 16, "align": "center"})
    if r.random() < 0.25:
        sd = rep_date - dt.timedelta(days=r.randint(3, 20))
        st, sg = V.date(r, sd, styles=["long", "dotted", "dotted_nopad"])
        cov.append({"t": "p", "text": r.choice([f"Godkjent i styringsgruppen {st}", f"Behandlet i styringsgruppa {st}"]),
                    "size": 11, "align": "center", "italic": True})
        steering.append(sg)
    vertical = "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM" if r.random() < 0.35 else None
    blocks.append({"t": "cover", "blocks": cov, "vertical": vertical})

    blocks.append(ctx.heading("Årsrapportering", 1))
    blocks.append(ctx.guidance("Formål: Rapporteringen skal dokumentere resultater og metodikk i programmet, og være "
                               "grunnlag for oppfølgingsmøtet mellom kommunen og Husbanken. Frist: leveres 28.02 hvert år."))

    # Generell programinformasjon
    prog = r.choice(data.PROGRAMME_NAMES).format(m=who.name)
    n_people = 1 if r.random() < 0.6 else 2
    fb, fb_gold, ptxt, pgold, etxt, egold = C.contact(ctx, who, n_people)
    start_txt, start_gold = C.start_value(ctx, start)
    owner = who.full(who.owner)
    owner_txt = r.choice([owner, f"{who.owner_title} {owner}", f"{owner} ({who.owner_title.lower()})"])
    lead = who.full(who.leader)
    L = lambda *xs: r.choice(xs)
    pairs = [
        (L("Programnavn", "Navn på programmet", "Programmets navn"), prog),
        (L("Kommune", "Kommune", "Kommunens navn"), who.written(r)),
        (L("Programleder", "Prosjektleder", "Programleder"), lead),
        (L("Programansvarlig", "Programeier", "Programansvarlig"), owner_txt),
        (L("Programstart", "Oppstart", "Programstart (dato)"), start_txt),
        (L("Rapporteringsår", "År"), "" if year_only_on_cover else str(Y)),
        (L("Rapporteringsdato", "Dato"), date_txt),
        (L("Utfylt av", "Skjemaet er fylt ut av"), fb),
        (L("Telefon", "Tlf.", "Telefon"), C.join_multi(r, ptxt)),
        (L("E-post", "Epost", "E-postadresse"), C.join_multi(r, etxt)),
    ]
    if r.random() < 0.2:
        pairs[6], pairs[7] = pairs[7], pairs[6]
    blocks.append(ctx.heading(L("Generell programinformasjon", "0. Generell programinformasjon"), 2))
    blocks += ctx.label_block(pairs)
    gold["programme"] = {"name": prog, "start": start_gold, "leader": lead, "owner": owner}
    gold["reporting"] = {"date": date_gold, "filled_by": fb_gold, "phones": pgold, "emails": egold}
    if steering:
        gold["reporting"]["steering_group_dates"] = steering

    # 1. hovedmål
    blocks.append(ctx.heading("1. Rapportering på hovedmål", 1))
    blocks.append({"t": "p", "text": "Hovedmål: Flere vanskeligstilte på boligmarkedet har egnede boliger", "bold": True})
    blocks.append(ctx.guidance("Tallene skal vise behov og resultat i året. Usikre tall markeres med spørsmålstegn."))
    households, hh_blocks = households_table(ctx, Y)
    gold["households"] = households
    blocks += hh_blocks
    blocks.append(ctx.heading("1.2 Kvalitet på boliger, bomiljø og booppfølging", 2))
    blocks.append(ctx.guidance("Beskriv innsats og resultatoppnåelse innenfor ett eller flere av målområdene."))
    blocks.append(ctx.filler(who.name, 2))

    # 2. delmål
    blocks.append(ctx.heading("2. Rapportering på delmål", 1))
    for code, title, subs in (("A", "Det boligsosiale arbeidet er kunnskapsbasert, utviklingsrettet, og av høy faglig kvalitet",
                               ["Kunnskap om boligbehov", "Kunnskap om bruk av boligsosiale virkemidler",
                                "Intern kompetanseheving", "Annet arbeid med kunnskap og kompetanse"]),
                              ("B", "Det boligsosiale arbeidet er godt forankret og gjennomført med aktiv samhandling",
                               ["Forankret boligsosialt arbeid", "Klargjort ansvar og roller", "Internt og eksternt samarbeid",
                                "Annet arbeid med forankring og samarbeid"])):
        blocks.append(ctx.heading(f"Delmål {code}: {title}", 2))
        for i, s in enumerate(subs[:r.randint(2, 4)], 1):
            blocks.append(ctx.heading(f"{code}.{i}. {s}", 3))
            blocks.append(ctx.guidance("Beskriv innsats og resultatoppnåelse."))
            if r.random() < 0.85:
                blocks.append(ctx.filler(who.name))
    blocks.append(ctx.heading("Delmål C: Det boligsosiale arbeidet er planlagt og gjennomført med effektiv bruk av virkemidler", 2))
    inds = []
    for part, rows, guide in (("C.1. Økonomiske virkemidler", C1, "Tall kan hentes fra annen rapportering til Husbanken"),
                              ("C.2. Kommunalt disponerte boliger, søknader og tildelinger", C2,
                               "Tall kan hentes fra kommunens rapportering til KOSTRA")):
        blocks.append(ctx.heading(part, 3))
        ib, ig = indicator_table(ctx, rows, Y, rep_date, part.startswith("C.1"), guide)
        blocks += ib
        inds += ig
    gold["indicators"] = inds
    blocks.append(ctx.heading("C.3. Andre virkemidler", 3))
    blocks.append(ctx.filler(who.name, 1))

    blocks.append(ctx.heading("3. Rapportering på lokale mål", 1))
    blocks.append(ctx.filler(who.name, 2))
    blocks.append(ctx.heading("4. Rapportering på læring, formidling og videreføring", 1))
    blocks.append(ctx.guidance("4.1 A Hva har kommunen lært? Beskriv kort."))
    blocks.append(ctx.filler(who.name, 1))

    # 5. økonomi
    blocks.append(ctx.heading(r.choice(["5. Rapportering på økonomi", f"5. Rapportering på økonomi {Y}"]), 1))
    bb, bg = budget_table(ctx, Y)
    blocks += bb
    gold["budget"] = bg
    blocks.append(ctx.heading("Samlet oversikt over hele programperioden", 2))
    fb_, fg = funding_table(ctx, max(start.year, 2009), Y)
    blocks += fb_
    gold["funding_by_year"] = fg
    doc = ctx.doc(blocks, f"Årsrapport {Y} {who.name}",
                  footer=r.choice([None, "Side {page}", "{page}", f"Årsrapport {Y} – side {{page}}"]))
    return doc, gold


def households_table(ctx, Y):
    r = ctx.rng
    merged = r.random() < 0.35
    partial = r.random() < 0.3
    yearless = not partial and r.random() < 0.15
    res_first = r.random() < 0.15
    fam_in_same = r.random() < 0.3
    guide_in_label = r.random() < 0.6
    guide_left_in_comment = r.random() < 0.3

    def date_hdr(dm):
        if yearless:
            return {"text": f"pr. {dm}" if merged else f"Status behov pr. {dm}"}
        if partial:
            base = f"pr. {dm}20" if merged else f"Status behov pr. {dm}20"
            return {"runs": [{"text": base}, ctx.hand(f"{Y % 100:02d}")]}
        return {"text": f"{dm}{Y}" if merged else f"Status behov pr. {dm}{Y}"}

    res_h = "Resultat: Antall husstander som har fått egnet bolig i løpet av året"
    com_h = "Eventuelle kommentarer" + ("" if r.random() < 0.5 else "\n" + GUIDE_COMMENT)
    gold = []

    def cols(label, a, b, c, com):
        return [label, c, a, b, com] if res_first else [label, a, b, c, com]

    def make(title, items):
        if merged:
            h0 = cols(title, {"text": "Status behov" if not yearless else "Status behov"}, "", res_h, com_h)
            h1 = cols("", date_hdr("01.01."), date_hdr("31.12."), "", "")
            if res_first:
                merges = [(0, 0, 2, 1), (0, 2, 1, 2), (0, 1, 2, 1), (0, 4, 2, 1)]
            else:
                merges = [(0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (0, 4, 2, 1)]
            rows = [h0, h1]
            hr = 2
        else:
            rows = [cols(title, date_hdr("01.01."), date_hdr("31.12."), res_h, com_h)]
            merges = []
            hr = 1
        for cat, label, guide in items:
            vals = [r.choice([None, r.randint(0, 80)]) if r.random() < 0.15 else r.randint(0, 90) for _ in range(3)]
            texts = []
            gv = []
            for v in vals:
                t, g = V.count(r, v)
                texts.append(t)
                gv.append(g)
            if guide_left_in_comment and r.random() < 0.5:
                com, comg = {"text": GUIDE_COMMENT, "italic": True, "color": "#666666"}, None
            elif r.random() < 0.55:
                comg = r.choice(COMMENTS)
                com = comg
            else:
                com, comg = "", None
            lab = {"text": label + (("\n" + guide) if guide and guide_in_label else "")}
            if guide and guide_in_label and r.random() < 0.5:
                lab = {"runs": [{"text": label, "bold": True}, {"text": "\n" + guide, "italic": True, "size": 8}]}
            rows.append(cols(lab, texts[0], texts[1], texts[2], com))
            gold.append({"category": cat, "label": label, "need_start": gv[0], "need_end": gv[1], "housed": gv[2],
                         "comment": comg, "as_of_start": f"{Y}-01-01", "as_of_end": f"{Y}-12-31"})
        fr = [0.34, 0.12, 0.12, 0.16, 0.26] if not res_first else [0.34, 0.16, 0.12, 0.12, 0.26]
        return ctx.table(rows, header_rows=hr, fracs=fr, merges=merges)

    items = [(cat, r.choice(labels), guide) for cat, labels, guide in HH]
    fam = ("barnefamilier", r.choice(FAM_LABELS), "Gjelder samlet antall husstander i alle boligsituasjoner (A, B og C).")
    blocks = [ctx.heading("1.1 Anskaffe og beholde bolig", 2)]
    if fam_in_same:
        blocks.append(make("Kategori", items + [fam]))
    else:
        blocks.append(make(r.choice(["1.1 Anskaffe og beholde bolig", "Kategori", ""]), items))
        blocks.append({"t": "p", "text": f"Særskilt prioritert område i {Y}", "bold": True})
        blocks.append(make("Særskilt prioritert område", [fam]))
    return gold, blocks


def indicator_table(ctx, rows_def, Y, rep_date, is_c1, guide):
    r = ctx.rng
    blocks = [ctx.guidance(guide)]
    hdr = ["", "Resultat i løpet av året", "Eventuelle kommentarer"]
    if r.random() < 0.3:
        hdr = ["Indikator", "Antall", "Kommentar"]
    rows = [hdr]
    gold = []
    defs = list(rows_def)
    if is_c1:
        defs.append(("bostotte_mottakere", None))
    for code, labels in defs:
        if code == "bostotte_mottakere":
            k = r.random()
            if k < 0.4:
                mo = r.choice([1, 12])
                yy = Y + 1 if mo == 1 else Y
                mt, mg = V.month(r, yy, mo)
                label = f"Antall bostøttemottakere {mt}"
                as_of = mg
            elif k < 0.7:
                label = f"Antall bostøttemottakere pr. 31.12.{Y}"
                as_of = f"{Y}-12-31"
            else:
                mt, mg = V.month(r, Y, r.choice([6, 9, 10]))
                label = f"Antall bostøttemottakere ({mt.lower()})"
                as_of = mg
            v = r.randint(300, 2500)
        else:
            label = r.choice(labels)
            as_of = None
            v = r.randint(0, 150) if r.random() > 0.1 else None
        t, g = V.count(r, v, allow_odd=code != "bostotte_mottakere")
        com = r.choice(COMMENTS) if r.random() < 0.35 else None
        rows.append([label, {"text": t, "align": r.choice([None, "right", "center"])}, com or ""])
        row = {"code": code, "label": label, "value": g, "unit": "count", "comment": com}
        if as_of:
            row["as_of"] = as_of
        gold.append(row)
    if not is_c1 and r.random() < 0.4:
        label = "Antall husstander i midlertidig botilbud over tre måneder"
        v = r.randint(0, 30)
        rows.append([label, str(v), ""])
        gold.append({"code": "other", "label": label, "value": v, "unit": "count", "comment": None})
    blocks.append(ctx.table(rows, header_rows=1, fracs=[0.58, 0.14, 0.28]))
    return blocks, gold


def budget_table(ctx, Y):
    r = ctx.rng
    n = r.randint(2, 5)
    acts = r.sample(data.BUDGET_ACTIVITIES, n)
    if "Programledelse og kompetanseutvikling" in acts:
        acts.remove("Programledelse og kompetanseutvikling")
    acts.insert(0, "Programledelse og kompetanseutvikling")
    has_other = r.random() < 0.8
    bud_first = r.random() < 0.35
    merged = r.random() < 0.35
    prefix = r.random() < 0.6
    cols = ["accounts", "budget"] if not bud_first else ["budget", "accounts"]
    cols += ["grant_husbanken", "own_funding"] + (["other_funding"] if has_other else []) + ["total", "deviation"]
    names = {"accounts": "Regnskap", "budget": "Budsjett",
             "grant_husbanken": r.choice(["Tilskudd fra HB (kompetansetilskudd)", "Tilskudd fra Husbanken",
                                          "Kompetansetilskudd HB"]),
             "own_funding": r.choice(["Egen finansiering kommunen", "Egenfinansiering", "Kommunal egenandel"]),
             "other_funding": r.choice(["Annen finansiering", "Andre midler"]),
             "total": r.choice(["TOTALT", "Totalt", "Sum"]), "deviation": r.choice(["Avvik (+/-)", "Avvik +/-", "Avvik"])}
    fin = {"grant_husbanken", "own_funding", "other_funding"}
    rows = []
    merges = []
    if merged:
        h0, h1 = ["Aktivitet"], [""]
        for c in cols:
            if c in fin:
                h0.append("Finansiering" if c == "grant_husbanken" else "")
                h1.append(names[c])
            else:
                h0.append(names[c])
                h1.append("")
        rows += [h0, h1]
        gi = 1 + cols.index("grant_husbanken")
        nf = sum(1 for c in cols if c in fin)
        merges.append((0, gi, 1, nf))
        for j, c in enumerate(cols, 1):
            if c not in fin:
                merges.append((0, j, 2, 1))
        merges.append((0, 0, 2, 1))
        hr = 2
    else:
        rows.append(["Aktivitet"] + [names[c] for c in cols])
        hr = 1
    gold = []
    sums = {c: 0 for c in cols}
    for i, a in enumerate(acts, 1):
        grant = r.randrange(50_000, 600_000, 25_000)
        own = r.randrange(0, 300_000, 25_000)
        other = r.choice([None, None, r.randrange(25_000, 150_000, 25_000)]) if has_other else None
        total = grant + own + (other or 0)
        budget = total
        accounts = total + r.choice([-1, 1, 0]) * r.randrange(0, 60_000, 5_000)
        dev = accounts - budget
        vals = {"accounts": accounts, "budget": budget, "grant_husbanken": grant, "own_funding": own,
                "other_funding": other, "total": total, "deviation": dev}
        if r.random() < 0.1:
            vals["total"] = total + 10_000  # a sum that does not add up, kept as written
        label = f"Aktivitet {i}: {a}" if prefix else a
        row = [label]
        g = {"activity": a}
        for c in cols:
            if c == "deviation":
                t, gv = V.signed(ctx.rng, vals[c]) if vals[c] else (r.choice(["0", "-", ""]), 0)
                if t in ("-", ""):
                    gv = None
            else:
                t, gv = ctx.money(vals[c])
            row.append({"text": t, "align": "right"} if r.random() < 0.5 else t)
            g[c] = gv
            if gv:
                sums[c] += gv
        if not has_other:
            g["other_funding"] = None
        rows.append(row)
        gold.append(g)
    tl = r.choice(["TOTALT", "Totalt", "Sum", "SUM"])
    row = [{"text": tl, "bold": True}]
    g = {"activity": tl}
    for c in cols:
        t, gv = ctx.money(sums[c]) if c != "deviation" else V.signed(r, sums[c])
        row.append({"text": t, "bold": True})
        g[c] = gv
    if not has_other:
        g["other_funding"] = None
    rows.append(row)
    gold.append(g)
    fr = [0.26] + [0.74 / len(cols)] * len(cols)
    blocks = [ctx.guidance("Pr. aktivitet og totalt:"),
              ctx.table(rows, header_rows=hr, fracs=fr, merges=merges,
                        font_size=min((ctx.table_font or ctx.font["size"]) - 1, 8.5))]
    return blocks, gold


def funding_table(ctx, y0, Y):
    r = ctx.rng
    years = list(range(y0, Y + 1))
    future = [y for y in range(Y + 1, Y + 1 + r.choice([0, 0, 1, 2]))]
    has_total = r.random() < 0.5
    fields = [("grant_husbanken", r.choice(["Tilskudd fra Husbanken", "Kompetansetilskudd fra Husbanken"])),
              ("own_funding", r.choice(["Egenfinansiering fra kommunen", "Kommunens egenfinansiering"])),
              ("other_funding", "Annen finansiering"),
              ("carried_over", r.choice(["Overføring av ubrukte Husbank-midler", "Overført fra året før"]))]
    if has_total:
        fields.append(("total", r.choice(["TOTALT", "Sum"])))
    gold = []
    cells = {}
    for y in years:
        g = {"year": y}
        grant = r.randrange(200_000, 1_200_000, 50_000)
        own = r.randrange(0, 500_000, 25_000)
        other = r.choice([None, None, r.randrange(25_000, 200_000, 25_000)])
        carried = r.choice([None, None, r.randrange(10_000, 150_000, 10_000)]) if y > y0 else None
        vals = {"grant_husbanken": grant, "own_funding": own, "other_funding": other, "carried_over": carried,
                "total": grant + own + (other or 0) + (carried or 0)}
        for f, _ in fields:
            t, gv = ctx.money(vals[f])
            cells[(y, f)] = t
            g[f] = gv
        gold.append(g)
    for y in future:
        for f, _ in fields:
            cells[(y, f)] = ""
    allyears = years + future
    by_rows = r.random() < 0.5
    if by_rows:
        rows = [["År"] + [n for _, n in fields]]
        for y in allyears:
            rows.append([str(y)] + [cells[(y, f)] for f, _ in fields])
        fr = [0.12] + [0.88 / len(fields)] * len(fields)
    else:
        rows = [[""] + [str(y) for y in allyears]]
        for f, n in fields:
            rows.append([n] + [cells[(y, f)] for y in allyears])
        fr = [0.3] + [0.7 / len(allyears)] * len(allyears)
    return [ctx.table(rows, header_rows=1, fracs=fr)], gold
