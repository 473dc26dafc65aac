"""How the generator writes values the way municipalities did, and the
FIELD_RULES normalisation the expected JSON needs.

Writing and normalising live side by side so that every written variant has
its expected value computed here, from the same structured number or date,
never by parsing the rendered text back.
"""

from __future__ import annotations

import unicodedata
from typing import Optional

NBSP = "\u00a0"

MONTHS = [
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
]


def norm_text(s: Optional[str]) -> Optional[str]:
    """FIELD_RULES "Text values": NFC, whitespace runs (incl. no-break) to one space, trimmed."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", s)
    s = " ".join(s.replace(NBSP, " ").replace("\u2009", " ").replace("\u202f", " ").split())
    return s or None


def strip_trailing_punct(s: Optional[str]) -> Optional[str]:
    s = norm_text(s)
    if s is None:
        return None
    return s.rstrip(" .,;:") or None


def money(amount: int, style: str) -> str:
    """Writes whole kroner in one of the styles seen in the reports."""
    if style == "space":
        return group(amount, " ")
    if style == "nbsp":
        return group(amount, NBSP)
    if style == "dot":
        return group(amount, ".")
    if style == "kr_dot":
        return "Kr. " + group(amount, ".")
    if style == "dash":
        return group(amount, " ") + ",-"
    if style == "plain":
        return str(amount)
    raise ValueError(style)


def group(amount: int, sep: str) -> str:
    neg = amount < 0
    digits = str(abs(amount))
    parts = []
    while digits:
        parts.append(digits[-3:])
        digits = digits[:-3]
    out = sep.join(reversed(parts))
    return "-" + out if neg else out


def date_written(y: int, m: int, d: int, style: str) -> str:
    """Writes a date; the ISO value is always f"{y:04}-{m:02}-{d:02}"."""
    if style == "dotted":
        return f"{d:02}.{m:02}.{y}"
    if style == "long":
        return f"{d}. {MONTHS[m - 1]} {y}"
    if style == "short_year":
        return f"{d:02}.{m:02}.{y % 100:02}"
    if style == "upper_long":
        return f"{d}. {MONTHS[m - 1]} {y}".upper()
    if style == "no_year":
        return f"{d}.{m}."
    if style == "long_no_year":
        return f"{d}. {MONTHS[m - 1]}"
    raise ValueError(style)


def iso(y: int, m: int, d: Optional[int] = None) -> str:
    return f"{y:04}-{m:02}" if d is None else f"{y:04}-{m:02}-{d:02}"


def month_written(y: int, m: int, capital: bool = True) -> str:
    name = MONTHS[m - 1]
    return f"{name.capitalize() if capital else name} {y}"


def phone_written(digits: str, style: str) -> str:
    """Writes an 8-digit Norwegian number in one of the seen styles."""
    if len(digits) != 8:
        return digits
    if style == "plain":
        return digits
    if style == "pairs":
        return " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    if style == "nbsp_pairs":
        return NBSP.join(digits[i : i + 2] for i in range(0, 8, 2))
    if style == "mobile":
        return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    if style == "plus47":
        return f"+47 {digits[:3]} {digits[3:5]} {digits[5:]}"
    if style == "plus47_plain":
        return f"+47{digits}"
    raise ValueError(style)
