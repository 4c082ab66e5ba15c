"""Dutch formatting for the report: numbers (`1.234`, `73,8 %`), dates and lists."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from babel.numbers import format_decimal

from analysis.core.values import missing, rounded

LOCALE = "nl_NL"
NBSP = "\u00a0"
DASH = "–"  # shown where a value does not exist
EN_DASH = "–"  # in ranges: '0–32 %', '2008–2009'
MINUS = "\u2212"  # the minus sign of every negative number in the report


MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def number(value: float | int | Fraction | None, decimals: int = 0) -> str:
    """`1234` -> '1.234'; `73.84, 1` -> '73,8'; `-61` -> '−61' (U+2212); halves round up.

    A missing value (None, NaN, <NA>) gives ''.
    """
    if missing(value):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(rounded(value, decimals), format=pattern, locale=LOCALE)
    return text.replace("-", MINUS)


def span(low: str, high: str) -> str:
    """A range of two formatted values with an en dash: '0–32 %' from ('0', '32 %')."""
    return f"{low}{EN_DASH}{high}"


def percent(value: float | int | Fraction | None, decimals: int = 0) -> str:
    """A value already in percent: `73.84, 1` -> '73,8 %' (no-break space before %)."""
    if missing(value):
        return ""
    return f"{number(value, decimals)}{NBSP}%"


def signed(value: float | int | Fraction, decimals: int = 0) -> str:
    """A change with its sign: '+40', '−30', '0', '+4,6' (no '+' when it rounds to zero)."""
    text = number(value, decimals)
    if text.startswith(MINUS) or not text.strip("0,."):
        return text
    return f"+{text}"


def and_nl(names: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return " en ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def date_nl(date: dt.date) -> str:
    """'ultimo oktober 2009'; a year end is 'ultimo 2006', as the AKO writes it."""
    if date.month == 12:
        return f"ultimo {date.year}"
    return f"ultimo {MONTHS_NL[date.month - 1]} {date.year}"


def day_nl(date: dt.date) -> str:
    """'31 december 2009'."""
    return f"{date.day} {MONTHS_NL[date.month - 1]} {date.year}"


def yes_no(value: bool) -> str:
    """'ja' or 'nee'."""
    return "ja" if value else "nee"


FOOTNOTE_MARKS = re.compile(r"\s*[*¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=[\s,.;:)]|$)")


def without_footnote_marks(label: str) -> str:
    """A label as printed, without the source's footnote marks: 'Duidelijkheid ¹' ->
    'Duidelijkheid', 'meting 2e half jaar 2008*' -> 'meting 2e half jaar 2008'."""
    return FOOTNOTE_MARKS.sub("", label).strip()
