"""Ways a Norwegian municipality writes a value into a form. Every writer
takes the canonical value and returns the text printed in the PDF; the
canonical value (what a careful reader extracts) goes into the gold."""
import datetime as dt

from data import MONTHS

NBSP, THIN, NNBSP = "\u00a0", "\u2009", "\u202f"
BLANKS = ["", "", "-", "kr ,-", "–", "Kr. -"]


def group3(n, sep=" "):
    s = str(abs(n))
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:])
        s = s[:-3]
    out.insert(0, s)
    return sep.join(out)


def amount(rng, n, style=None):
    """text for an amount in NOK; n None means a blank cell. Returns (text, gold)."""
    if n is None:
        return rng.choice(BLANKS), None
    styles = ["space", "nbsp", "thin", "dots", "kr_space_dash", "kr_dots", "dash_end", "plain", "nok",
              "kr_after", "decimals", "mill"]
    st = style or rng.choice(styles)
    neg = n < 0
    a = abs(n)
    if st == "mill":
        if a >= 1_000_000 and a % 100_000 == 0:
            m = a / 1_000_000
            txt = (f"{m:.1f}" if a % 1_000_000 else f"{int(m)}").replace(".", ",")
            body = rng.choice([f"{txt} mill", f"{txt} mill.", f"kr {txt} mill", f"{txt} millioner"])
        else:
            st = "space"
    if st == "space":
        body = group3(a, " ")
    elif st == "nbsp":
        body = group3(a, NBSP)
    elif st == "thin":
        body = group3(a, rng.choice([THIN, NNBSP]))
    elif st == "dots":
        body = group3(a, ".")
    elif st == "kr_space_dash":
        body = "kr " + group3(a, " ") + ",-"
    elif st == "kr_dots":
        body = "Kr. " + group3(a, ".")
    elif st == "dash_end":
        body = group3(a, " ") + ",-"
    elif st == "plain":
        body = str(a)
    elif st == "nok":
        body = "NOK " + group3(a, " ")
    elif st == "kr_after":
        body = group3(a, " ") + " kr"
    elif st == "decimals":
        body = group3(a, rng.choice([" ", "."])) + ",00"
    if neg:
        form = rng.choice(["minus", "paren", "endash", "uminus"])
        if form == "paren":
            body = f"({body})"
        elif form == "endash":
            body = "– " + body
        elif form == "uminus":
            body = "\u2212" + body
        else:
            body = "-" + body
    return body, n


def signed(rng, n):
    """a deviation: sometimes printed with an explicit plus sign."""
    txt, g = amount(rng, n, rng.choice(["space", "dots", "plain", "nbsp"]) if n is not None else None)
    if n is not None and n > 0 and rng.random() < 0.4:
        txt = "+" + txt
    return txt, g


def count(rng, n, allow_odd=True):
    """a count. Returns (text, gold value, uncertain flag)."""
    if n is None:
        return rng.choice(["", "", "-", "?", "–"]), None
    r = rng.random()
    if allow_odd and r < 0.08:
        return f"{n}?", n
    if allow_odd and r < 0.13 and n > 3:
        return f"{n - 2}-{n + 3}", None  # a range cannot be decided
    if allow_odd and r < 0.18:
        return f"{n} {rng.choice(['stk', 'stk.', 'husstander'])}", n
    if n >= 1000:
        return group3(n, rng.choice([" ", NBSP, ".", ""])), n
    return str(n), n


def percent(rng, p):
    if p is None:
        return rng.choice(["", "", "-"]), None
    return rng.choice([f"{p} %", f"{p}%", f"{p} % utført", f"{p}", f"{p}{NBSP}%", f"{p} % gjennomført"]), p


def date(rng, d, allow_yearless=False, styles=None):
    """a full date, written one of many ways. Returns (text, iso)."""
    opts = styles or ["long", "long_cap", "dotted", "dotted_short", "dotted_nopad", "den_long", "nospace"]
    if allow_yearless:
        opts = opts + ["yearless", "yearless_long"]
    st = rng.choice(opts)
    m = MONTHS[d.month - 1]
    if st == "long":
        t = f"{d.day}. {m} {d.year}"
    elif st == "long_cap":
        t = f"{d.day}. {m.capitalize()} {d.year}"
    elif st == "dotted":
        t = f"{d.day:02d}.{d.month:02d}.{d.year}"
    elif st == "dotted_short":
        t = f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
    elif st == "dotted_nopad":
        t = f"{d.day}.{d.month}.{d.year}"
    elif st == "den_long":
        t = f"den {d.day}. {m} {d.year}"
    elif st == "nospace":
        t = f"{d.day}.{m} {d.year}"
    elif st == "yearless":
        t = f"{d.day}.{d.month}."
    elif st == "yearless_long":
        t = f"{d.day}. {m}"
    return t, d.isoformat()


def month(rng, y, mo):
    m = MONTHS[mo - 1]
    t = rng.choice([f"{m} {y}", f"{m.capitalize()} {y}", f"{m.upper()} {y}", f"{m.capitalize()} {y}"])
    return t, f"{y}-{mo:02d}"


def phone(rng, digits):
    d = digits
    st = rng.choice(["pairs", "3-2-3", "plain", "plus47", "plus47pairs", "pairs"])
    if st == "pairs":
        return " ".join(d[i:i + 2] for i in range(0, 8, 2))
    if st == "3-2-3":
        return f"{d[:3]} {d[3:5]} {d[5:]}"
    if st == "plain":
        return d
    if st == "plus47":
        return "+47 " + d
    return "+47 " + " ".join(d[i:i + 2] for i in range(0, 8, 2))


def rand_date(rng, y, m_lo=1, m_hi=12):
    mo = rng.randint(m_lo, m_hi)
    return dt.date(y, mo, rng.randint(1, 28))


ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A", " ": ".", "é": "e"})


def email_for(first, last, muni, rng):
    host = muni.lower().translate(ASCII).replace(".", "-")
    f = first.lower().replace(" ", ".").translate(ASCII)
    l_ = last.lower().translate(ASCII)
    local = rng.choice([f"{f}.{l_}", f"{f}.{l_}", f"{f[0]}{l_[:2]}", f"{f}.{l_}"])
    return f"{local}@{host}.kommune.no"
