"""Choices shared by the four forms: the look of a document, the people and
places in it, and the ways a label block is laid out."""
import datetime as dt

import data
import values as V

FONTS_WORDLIKE = ["Calibri", "Arial", "Times New Roman", "Cambria"]  # substituted by the producer
FONTS_REAL = ["Carlito", "Caladea", "Liberation Sans", "Liberation Serif", "DejaVu Sans", "DejaVu Serif",
              "Nimbus Sans", "Nimbus Roman", "URW Bookman", "URW Gothic", "C059", "P052",
              "Liberation Sans Narrow"]
HAND = ["Z003", "URW Bookman", "C059"]


class Ctx:
    """one document's random choices, drawn independently of each other."""

    def __init__(self, rng, producer):
        self.rng = rng
        r = rng
        self.producer = producer
        fam = r.choice(FONTS_REAL + FONTS_WORDLIKE)
        size = r.choice([9, 9.5, 10, 10, 10.5, 11, 11, 12])
        if fam in ("DejaVu Sans", "DejaVu Serif", "URW Bookman") and size > 10.5:
            size = 10
        self.font = {"family": fam, "size": size, "leading": r.choice([1.1, 1.15, 1.25, 1.35])}
        if r.random() < 0.3:
            self.font["heading_family"] = r.choice(FONTS_REAL)
        self.page = {"size": r.choices(["A4", "Letter"], [0.8, 0.2])[0],
                     "margins_mm": (r.randint(12, 30), r.randint(12, 28), r.randint(12, 30), r.randint(14, 32))}
        self.label_mode = r.choice(["table", "table", "lines", "tabs", "table4", "lines"])
        self.label_bold = r.random() < 0.4
        self.label_case = r.choices(["normal", "upper", "space_colon", "no_colon"], [0.55, 0.15, 0.15, 0.15])[0]
        self.borders = r.choices(["all", "horizontal", "none"], [0.7, 0.2, 0.1])[0]
        self.repeat_header = r.random() < 0.5
        self.cant_split = r.random() < 0.3
        self.table_font = r.choice([None, None, self.font["size"] - 1, self.font["size"] - 1.5])
        self.header_shade = r.choice([None, None, "#d9e2f3", "#e7e6e6", "#fde9d9"])
        self.amount_mode = r.choice(["consistent", "mixed", "mixed"])
        self.amount_style = r.choice(["space", "nbsp", "dots", "kr_space_dash", "kr_dots", "dash_end", "plain",
                                      "thin", "decimals", "nok"])
        self.heading_caps = r.random() < 0.25
        self.content_width = {"A4": 210, "Letter": 215.9}[self.page["size"]] - self.page["margins_mm"][1] \
            - self.page["margins_mm"][3]

    def money(self, n, allow_mill=True):
        r = self.rng
        if n is None:
            return V.amount(r, None)
        if allow_mill and n and abs(n) >= 1_000_000 and abs(n) % 100_000 == 0 and r.random() < 0.25:
            return V.amount(r, n, "mill")
        if self.amount_mode == "consistent":
            return V.amount(r, n, self.amount_style)
        return V.amount(r, n)

    def doc(self, blocks, title, header=None, footer=None):
        return {"page": self.page, "font": self.font, "blocks": blocks, "title": title, "header": header,
                "footer": footer}

    def label(self, text):
        """a printed label, respaced/capitalised the way this document does it."""
        t = text.rstrip(":")
        if self.label_case == "upper":
            return t.upper() + ":"
        if self.label_case == "space_colon":
            return t + " :"
        if self.label_case == "no_colon":
            return t
        return t + ":"

    def heading(self, text, level=1):
        t = text.upper() if self.heading_caps and level == 1 else text
        return {"t": "h", "level": level, "text": t}

    def widths(self, fracs):
        tot = sum(fracs)
        return [round(self.content_width * f / tot, 1) for f in fracs]

    def table(self, rows, header_rows=1, fracs=None, merges=None, **kw):
        b = {"t": "table", "rows": rows, "header_rows": header_rows, "repeat_header": self.repeat_header,
             "borders": kw.pop("borders", self.borders), "font_size": kw.pop("font_size", self.table_font),
             "cant_split": kw.pop("cant_split", self.cant_split), "merges": merges or []}
        if fracs:
            b["widths"] = self.widths(fracs)
        if self.header_shade and header_rows:
            for i in range(header_rows):
                rows[i] = [(c if isinstance(c, dict) else {"text": c}) | {"shade": self.header_shade, "bold": True}
                           for c in rows[i]]
        elif header_rows:
            for i in range(header_rows):
                rows[i] = [(c if isinstance(c, dict) else {"text": c}) | {"bold": True} for c in rows[i]]
        b.update(kw)
        return b

    def label_block(self, pairs, mode=None):
        """pairs of (label, value) -> blocks in this document's label-block layout."""
        mode = mode or self.label_mode
        r = self.rng
        pairs = [(self.label(a), b) for a, b in pairs]
        if mode == "table":
            lw = r.choice([0.3, 0.35, 0.4, 0.5])
            rows = [[{"text": a, "bold": self.label_bold}, b] for a, b in pairs]
            return [self.table(rows, header_rows=0, fracs=[lw, 1 - lw], borders=r.choice(["all", "all", "none"]),
                               cant_split=False)]
        if mode == "table4":
            rows = []
            for i in range(0, len(pairs), 2):
                a1, b1 = pairs[i]
                a2, b2 = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
                rows.append([{"text": a1, "bold": self.label_bold}, b1, {"text": a2, "bold": self.label_bold}, b2])
            return [self.table(rows, header_rows=0, fracs=[0.2, 0.3, 0.2, 0.3], cant_split=False)]
        if mode == "tabs":
            return [{"t": "tabs", "lines": pairs, "stop_mm": r.choice([45, 55, 65])}]
        if mode == "flat":
            text = " ".join(f"{a} {b}".strip() for a, b in pairs)
            return [{"t": "p", "text": text}]
        out = []
        for a, b in pairs:
            runs = [{"text": a + " ", "bold": self.label_bold}, {"text": b}]
            out.append({"t": "p", "runs": runs, "space_after": r.choice([0, 2, 4])})
        return out

    def guidance(self, text):
        return {"t": "p", "runs": [{"text": text, "italic": True, "color": self.rng.choice(["#555555", "#1f3864",
                                                                                          "#000000"])}],
                "size": self.font["size"] - 1}

    def filler(self, muni, n=None):
        r = self.rng
        n = n or r.randint(1, 3)
        return {"t": "p", "text": " ".join(r.sample(data.FILLER, n)).replace("Kommunen", f"{muni} kommune", 1)}

    def hand(self, text):
        """a run completed by hand in a form field."""
        return {"text": text, "font": self.rng.choice(HAND), "italic": self.rng.random() < 0.5,
                "color": self.rng.choice(["#1f3a93", "#000000", "#203864"])}


class Who:
    """the municipality and people of one report."""

    def __init__(self, rng, used_munis):
        r = rng
        choices = [m for m in data.MUNICIPALITIES if m[0] not in used_munis] or data.MUNICIPALITIES
        self.name, self.number, self.county, self.number_current, districts = r.choice(choices)
        used_munis.add(self.name)
        self.district = r.choice(districts) if districts else None
        self.leader = self.person(r)
        self.other = self.person(r)
        self.owner = self.person(r)
        self.owner_title = r.choice(data.TITLES)
        self.phones = [self.phone_digits(r, r.choice("3567")), self.phone_digits(r, r.choice("49"))]
        self.emails = [V.email_for(*self.leader, self.name, r), V.email_for(*self.other, self.name, r)]

    @staticmethod
    def person(r):
        return (r.choice(data.FIRST), r.choice(data.LAST))

    @staticmethod
    def phone_digits(r, first):
        return first + "".join(str(r.randint(0, 9)) for _ in range(7))

    def full(self, p):
        return f"{p[0]} {p[1]}"

    def gold(self):
        g = {"name": self.name, "number": self.number, "county": self.county, "number_current": self.number_current}
        if self.district:
            g["district"] = self.district
        return g

    def written(self, rng, upper=False):
        """how the municipality is named in a field."""
        if self.district:
            t = rng.choice([f"Oslo kommune, bydel {self.district}", f"Bydel {self.district}",
                            f"Bydel {self.district}, Oslo kommune"])
        else:
            t = rng.choice([f"{self.name} kommune", f"{self.name} kommune", self.name, f"{self.name} Kommune"])
        return t.upper() if upper else t


def contact(ctx, who, n_people):
    """(filled_by text, gold filled_by, phone texts, gold phones, email texts, gold emails)"""
    r = ctx.rng
    lead = who.full(who.leader)
    if n_people == 1:
        fb = r.choice([lead, lead, f"{lead}, programleder", f"Programleder {lead}"])
        fb_gold = lead
        phones = [who.phones[r.randint(0, 1)]]
        emails = [who.emails[0]]
    else:
        oth = who.full(who.other)
        fb = r.choice([f"{lead} / {oth}", f"{lead} og {oth}", f"{lead}/{oth}"])
        fb_gold = f"{lead} / {oth}" if "/" in fb else f"{lead} og {oth}"
        phones = list(who.phones)
        emails = list(who.emails)
    ptxt = [V.phone(r, p) for p in phones]
    etxt = [e if r.random() < 0.8 else e.replace(e.split("@")[0], e.split("@")[0].title()) for e in emails]
    return fb, fb_gold, ptxt, phones, etxt, emails


def join_multi(rng, items):
    return rng.choice([" / ", "/", ", ", " og "]).join(items)


def month_date(rng, y, mo):
    return V.month(rng, y, mo)


def start_value(ctx, start):
    """programme start: a month or a full date, sometimes with a note. Returns (text, gold)."""
    r = ctx.rng
    if r.random() < 0.5:
        t, g = V.month(r, start.year, start.month)
    else:
        t, g = V.date(r, start)
    k = r.random()
    if k < 0.15:
        t = f"{t} (samarbeidsavtale inngått)"
    elif k < 0.25:
        t = f"Oppstart {t}"
    return t, g


def rnd_start(rng, lo, hi):
    y = rng.randint(lo, hi)
    return dt.date(y, rng.randint(1, 12), 1 if rng.random() < 0.5 else rng.randint(1, 28))
