"""Language-neutral value helpers: missing values, exact half-up rounding, visible text."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd


def missing(value: object) -> bool:
    """None, NaN, NaT or pandas' <NA>; text, fractions and other objects are never missing."""
    if value is None:
        return True
    if isinstance(value, str | Fraction):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # array-like: not one missing value
        return False


def rounded(value: float | int | Fraction, decimals: int = 0) -> Decimal:
    """`value` rounded half up (not to even) to `decimals` places, exactly for fractions."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# Characters no one can see: controls, format characters (zero-width, bidi controls and
# isolates) and the other default-ignorable code points (variation selectors, fillers).
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0000-\U000e0fff]"
)


def visible(text: str) -> str:
    """`text` without the characters no one can see (tabs and newlines are kept)."""
    kept = "".join(c for c in text if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cf"))
    return _IGNORABLE.sub("", kept)
