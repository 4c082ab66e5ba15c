"""Read and validate the labour-market series under ``data/raw/arbeidsmarkt`` (AKO §3.1-3.2).

Two long-format CSVs, one row per peildatum x series (x measure): ``standcijfers.csv`` (stocks
in thousands, as printed) and ``uitstroom.csv`` (outflow in persons, target and realisation).
A new month is a new block of rows. Empty values stay missing (NaN), never zero. The first
problem raises one InputError naming the file, the row (header = row 1) and the column.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.values import missing

STANDCIJFERS_FILE = "standcijfers.csv"
UITSTROOM_FILE = "uitstroom.csv"
STAND_COLUMNS = (
    "peildatum", "series", "value", "unit", "row_label", "column_label",
    "source_file", "section", "source_table", "note",
)  # fmt: skip
UITSTROOM_COLUMNS = (
    "peildatum", "series", "measure", "value", "unit", "row_label", "column_label",
    "source_file", "section", "source_table", "note",
)  # fmt: skip
MEASURES = ("streefwaarde", "realisatie")


def _read_long(path: Path, columns: tuple[str, ...], keys: list[str]) -> pd.DataFrame:
    """A long-format series file, validated: columns, ISO month-end dates, numbers, unique keys.

    Empty values stay missing (NaN), never zero. Problems raise one InputError naming the row.
    """
    if not path.exists():
        raise InputError(path, "file not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise InputError(path, f"missing columns: {', '.join(absent)}")
    for i, text in enumerate(frame["peildatum"]):
        date = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        if missing(date) or not date.is_month_end:
            raise InputError(
                path, f"{text!r} is not an ISO month-end date (YYYY-MM-DD)", row=i + 2,
                column="peildatum",
            )  # fmt: skip
    values = pd.to_numeric(frame["value"].replace("", None), errors="coerce")
    bad = values.isna() & (frame["value"] != "")
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(path, f"{frame['value'].iloc[i]!r} is not a number", row=i + 2,
                         column="value")  # fmt: skip
    frame["peildatum"] = pd.to_datetime(frame["peildatum"], format="%Y-%m-%d")
    frame["value"] = values.astype(float)
    dup = frame.duplicated(keys, keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(path, f"duplicate {'/'.join(keys)}", row=i + 2)
    return frame


def load_standcijfers(paths: Paths | None = None) -> pd.DataFrame:
    """All standcijfers rows (x1000), sorted by peildatum; file order of series is kept."""
    path = (paths or Paths()).arbeidsmarkt / STANDCIJFERS_FILE
    frame = _read_long(path, STAND_COLUMNS, ["peildatum", "series"])
    units = frame.groupby("series")["unit"].nunique()
    if (units > 1).any():
        raise InputError(path, f"series with more than one unit: {list(units[units > 1].index)}")
    return frame.sort_values("peildatum", kind="stable").reset_index(drop=True)


def load_uitstroom(paths: Paths | None = None) -> pd.DataFrame:
    """All outflow rows (persons): realisation and target per series and peildatum."""
    path = (paths or Paths()).arbeidsmarkt / UITSTROOM_FILE
    frame = _read_long(path, UITSTROOM_COLUMNS, ["peildatum", "series", "measure"])
    wrong = ~frame["measure"].isin(MEASURES)
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        raise InputError(path, f"measure must be one of {MEASURES}", row=i + 2, column="measure")
    return frame.sort_values("peildatum", kind="stable").reset_index(drop=True)
