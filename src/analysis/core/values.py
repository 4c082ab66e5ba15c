"""Language-neutral value helpers: what counts as missing, and exact half-up rounding."""

from __future__ import annotations

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
