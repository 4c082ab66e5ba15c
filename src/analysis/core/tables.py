"""Tidy tables: the numbers of each chapter as CSV, for researchers and regression tests.

Each chapter's `compute.tables(period, scoring_rule, paths)` returns its tables as tidy
frames with language-neutral column names; `tidy_csv` turns one into byte-stable CSV, written
as ``reports/<period>/tables/<chapter>-<table>.csv`` beside the report.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pandas as pd

from analysis.core.periods import Period
from analysis.core.values import missing

DECIMALS = 6  # floats are rounded so that the files do not depend on the last bits
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# What a spreadsheet would run as a formula when the CSV is opened (CSV injection).
_FORMULA = re.compile(r"^([=+@\t\r]|-[^0-9.])")


def _cell(value: object) -> object:
    if missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, Fraction | float | np.floating):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        number = round(number, DECIMALS) + 0.0  # no '-0.0'
        return int(number) if number.is_integer() else number
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, tuple | list):
        return " ".join(str(_cell(v)) for v in value)
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value  # text from an input, not a spreadsheet formula
    return value


def tidy_csv(frame: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV with '\\n' line ends: the same values always give the same bytes.

    Floats and fractions are rounded to DECIMALS places (whole ones written as integers),
    missing values are empty, periods and dates are ISO text, booleans are True/False. The
    index is not written.
    """
    bad = [c for c in frame.columns if not isinstance(c, str) or not re.fullmatch(r"[a-z0-9_]+", c)]
    if bad:
        raise ValueError(f"tidy table columns must be snake_case names, not {bad}")
    out = pd.DataFrame({c: [_cell(v) for v in frame[c]] for c in frame.columns}, dtype=object)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def file_name(chapter: str, table: str) -> str:
    """'trend' + 'means' -> 'trend-means.csv'."""
    for part in (chapter, table):
        if not _NAME.fullmatch(part):
            raise ValueError(f"table and chapter names are kebab-case, not {part!r}")
    return f"{chapter}-{table}.csv"
