"""Names, contact details and their FIELD_RULES values."""

from __future__ import annotations

import random
from typing import List, Tuple

from .values import phone_written

FIRST = ["Roald", "Tore", "Wenche", "Solfrid", "Silje", "Lars", "Heidi", "Ann Kristin", "Kari", "Ola",
         "Ingrid", "Bjørn", "Åse", "Ørjan", "Marit", "Hege", "Terje", "Gunn", "Eirik", "Sølvi", "Håkon",
         "Randi", "Geir", "Tone", "Kjersti", "Øystein", "Liv", "Arne", "Bente", "Jørgen"]
LAST = ["Engman", "Ekran", "Sandlie", "Nilsen", "Hobbel", "Uglem", "Nordermoen", "Strandheim", "Haugen",
        "Johansen", "Bakka", "Sæther", "Østby", "Løvås", "Berg", "Dahl", "Kristiansen", "Holm", "Myhre",
        "Aasen", "Grøtting", "Lie", "Solberg", "Brænden", "Wold", "Fjellheim"]
TITLES = ["kommunalsjef", "Fung. kommunalsjef", "rådmann", "assisterende rådmann", "enhetsleder",
          "boligsjef", "NAV-leder"]


def person(rng: random.Random) -> Tuple[str, str]:
    """A name and its e-mail local part."""
    first = rng.choice(FIRST)
    last = rng.choice(LAST)
    local = (first.split()[0] + "." + last).lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a")):
        local = local.replace(a, b)
    return f"{first} {last}", local


def slug(name: str) -> str:
    s = name.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), (" ", "-")):
        s = s.replace(a, b)
    return s


def mail_domain(key: str) -> str:
    if key.lower().startswith("bydel "):
        short = {"Alna": "bal", "Grorud": "bgo", "Stovner": "bst", "Bjerke": "bbj"}[key.split()[1]]
        return f"{short}.oslo.kommune.no"
    return f"{slug(key).replace('-', '')}.kommune.no"


def number(rng: random.Random, mobile: bool) -> str:
    first = rng.choice("49") if mobile else rng.choice("3567")
    return first + "".join(rng.choice("0123456789") for _ in range(7))


def phones_field(rng: random.Random, variant: str) -> Tuple[str, List[str], List[str]]:
    """Telefon as written, the expected digits, and the raw numbers that must raise unusual_phone."""
    a, b = number(rng, False), number(rng, True)
    if variant == "one_plain":
        return a, [a], []
    if variant == "slash_plain":
        return f"{b}/{number(rng, True)}", None, []  # filled below
    if variant == "pairs":
        return phone_written(a, "pairs"), [a], []
    if variant == "plus47_and_pairs":
        return f"{phone_written(b, 'plus47')} / {phone_written(a, 'pairs')}", [b, a], []
    if variant == "nbsp":
        return phone_written(a, "nbsp_pairs"), [a], []
    if variant == "short_switchboard":
        return f"02180 / {phone_written(b, 'mobile')}", ["02180", b], ["02180"]
    if variant == "og":
        return f"{phone_written(a, 'pairs')} og {phone_written(b, 'mobile')}", [a, b], []
    if variant == "seven_digits":
        return f"{a[:7]} / {b}", [a[:7], b], [a[:7]]
    raise ValueError(variant)


def phones(rng: random.Random, variant: str) -> Tuple[str, List[str], List[str]]:
    written, digits, unusual = phones_field(rng, variant)
    if digits is None:
        digits = [p for p in written.split("/")]
    return written, digits, unusual


def emails(rng: random.Random, locals_: List[str], domain: str, variant: str) -> Tuple[str, List[str]]:
    addrs = [f"{loc}@{domain}" for loc in locals_]
    if variant == "capital":
        written = [".".join(p.capitalize() for p in a.split("@")[0].split(".")) + "@" + domain for a in addrs]
    elif variant == "upper_domain":
        written = [a.split("@")[0] + "@" + domain.upper() for a in addrs]
    else:
        written = addrs
    sep = rng.choice(["/", " / ", ", "])
    return sep.join(written), [a.lower() for a in addrs]
