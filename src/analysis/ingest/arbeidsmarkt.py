"""Read and validate the labour-market series under ``data/raw/arbeidsmarkt`` (AKO §3.1-3.2).

Two long-format CSVs, one row per peildatum x series (x measure): ``standcijfers.csv`` (stocks
in thousands, as printed) and ``uitstroom.csv`` (outflow in persons, target and realisation).
A new month is a new block of rows. Empty values stay missing (NaN), never zero. The first
problem raises one InputError naming the file, the row (header = row 1) and the column.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError, quote
from analysis.core.values import missing
from analysis.ingest.tabular import check_fields, copy_inputs, named_file, read_bytes, read_table

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
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
# A point or comma before groups of three digits: thousands in one language, decimals in another.
_THOUSANDS = re.compile(r"-?[1-9][0-9]{0,2}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*")
_SERIES = re.compile(r"[a-z][a-z0-9_]*")


def parse_number(text: str) -> float | None:
    """A cell as a number (None when blank); a ValueError says why it is not one.

    Digits with an optional minus and one decimal separator, comma or point ('12,5', '12.5').
    A point or comma followed by groups of three digits ('1.234', '246,848') is refused: Dutch
    sources write thousands with a point and decimals with a comma, English ones the other way
    round, so either could be read wrongly.
    """
    text = text.strip()
    if not text:
        return None
    if _THOUSANDS.fullmatch(text):
        raise ValueError(
            f"{quote(text)} is ambiguous: a thousands separator or a decimal one? Write whole "
            f"numbers without separators ({re.sub('[.,]', '', text)}) and decimals with one or "
            "two digits after the separator"
        )
    if not _NUMBER.fullmatch(text):
        raise ValueError(
            f"{quote(text)} is not a number (digits, an optional minus, a decimal comma or point)"
        )
    return float(text.replace(",", "."))


def _read_long(path: Path, columns: tuple[str, ...], keys: list[str]) -> pd.DataFrame:
    """A long-format series file, validated: columns, ISO month-end dates, numbers, unique keys.

    The file is read like every input (`tabular.read_table`: encodings, delimiters, .xlsx).
    Empty values stay missing (NaN), never zero. Problems raise one InputError naming the row.
    """
    if not os.path.lexists(path):
        raise InputError(path, "file not found")
    table = read_table(path, read_bytes(path))  # under the input policy (core.inputs)
    header = table.header
    absent = [c for c in columns if c not in header]
    if absent:
        raise InputError(path, f"missing columns: {', '.join(absent)}", row=table.header_line)
    records = []
    for line, cells in table.rows:
        check_fields(path, table, line, cells)
        record = dict(zip(header, cells, strict=False))
        text = record["peildatum"].strip()
        date = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        if missing(date) or not date.is_month_end:
            raise InputError(path, f"{quote(text)} is not an ISO month-end date (YYYY-MM-DD)",
                             row=line, column="peildatum")  # fmt: skip
        try:
            value = parse_number(record["value"])
        except ValueError as exc:
            raise InputError(path, str(exc), row=line, column="value") from exc
        if not _SERIES.fullmatch(record["series"]):
            raise InputError(
                path, f"series id {quote(record['series'])} must be lower-case letters, digits and "
                "underscores (e.g. ww_uitkeringen)", row=line, column="series",
            )  # fmt: skip
        records.append({**record, "peildatum": date, "value": value, "line": line})
    frame = pd.DataFrame(records, columns=[*header, "line"])
    frame["value"] = frame["value"].astype(float)
    dup = frame.duplicated(keys, keep="first")
    if dup.any():
        first = frame[dup].iloc[0]
        raise InputError(path, f"duplicate {'/'.join(keys)}", row=int(first["line"]),
                         column=keys[-1])  # fmt: skip
    return frame


def load_standcijfers(paths: Paths | None = None) -> pd.DataFrame:
    """All standcijfers rows (x1000), sorted by peildatum; file order of series is kept."""
    path = named_file((paths or Paths()).arbeidsmarkt, STANDCIJFERS_FILE)
    frame = _read_long(path, STAND_COLUMNS, ["peildatum", "series"])
    first_unit = frame.groupby("series")["unit"].transform("first")
    other = frame[frame["unit"] != first_unit]
    if not other.empty:
        r = other.iloc[0]
        raise InputError(path, f"series {quote(r['series'])} has a second unit {quote(r['unit'])}",
                         row=int(r["line"]), column="unit")  # fmt: skip
    frame = frame.drop(columns="line")
    return frame.sort_values("peildatum", kind="stable").reset_index(drop=True)


def load_uitstroom(paths: Paths | None = None) -> pd.DataFrame:
    """All outflow rows (persons): realisation and target per series and peildatum."""
    path = named_file((paths or Paths()).arbeidsmarkt, UITSTROOM_FILE)
    frame = _read_long(path, UITSTROOM_COLUMNS, ["peildatum", "series", "measure"])
    wrong = frame[~frame["measure"].isin(MEASURES)]
    if not wrong.empty:
        raise InputError(path, f"measure must be one of {MEASURES}",
                         row=int(wrong["line"].iloc[0]), column="measure")  # fmt: skip
    frame = frame.drop(columns="line")
    return frame.sort_values("peildatum", kind="stable").reset_index(drop=True)


def stage(unit: None, paths: Paths) -> str:
    """The ingest step of the labour-market series (analysis.pipeline): validate both files
    in data/raw, then copy them to the stage, where the chapter reads them in a run."""
    raw = paths.unstaged()
    stand, outflow = load_standcijfers(raw), load_uitstroom(raw)
    copy_inputs([raw.arbeidsmarkt / STANDCIJFERS_FILE, raw.arbeidsmarkt / UITSTROOM_FILE],
                paths.arbeidsmarkt)  # fmt: skip
    return f"labour market: {len(stand)} stock rows, {len(outflow)} outflow rows"
