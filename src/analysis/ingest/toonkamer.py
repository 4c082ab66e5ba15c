"""Read and validate the client-level Toonkamer data under ``data/raw/toonkamer`` (optional).

One file (``.csv`` or ``.xlsx``, read like every input by `tabular.read_table`), one row per
client, with the columns `COLUMNS` (Dutch, as an inspector receives them):

- ``klant``: an identifier, unique;
- ``groep``: ``toonkamer`` or ``controlegroep``;
- ``regeling``: ``WW`` or ``WWB``;
- ``locatie``: the pilot location (a name, or a neutral code that the sidecar maps to the
  published location under ``"locations"``);
- ``instroomdatum``: the day the benefit started (ISO, YYYY-MM-DD);
- ``uitstroomdatum``: the day it ended, empty while it runs (not before the inflow);
- ``uitstroomreden``: ``werk`` (return to work) or ``overig``, empty without an outflow.

The optional sidecar ``<same stem>.json`` says whether the data are synthetic. The chapter reads
the file each time it loads (it is small); there is no processed copy. The first problem raises
one InputError naming the file, the row (header = row 1) and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.values import visible
from analysis.ingest.tabular import (
    check_fields,
    copy_inputs,
    norm,
    read_bytes,
    read_sidecar,
    read_table,
)
from analysis.study.toonkamer import CONTROL, TOONKAMER

COLUMNS = (
    "klant", "groep", "regeling", "locatie", "instroomdatum", "uitstroomdatum", "uitstroomreden",
)  # fmt: skip
SUFFIXES = (".csv", ".xlsx")
GROUPS = {"toonkamer": TOONKAMER, "controlegroep": CONTROL, "controle": CONTROL}
BENEFITS = {"ww": "WW", "wwb": "WWB"}
WORK, OTHER = "work", "other"
REASONS = {"werk": WORK, "werkhervatting": WORK, "overig": OTHER}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Clients:
    """Validated clients: one row per client with language-neutral columns and codes.

    `frame` columns: client, group ('toonkamer' | 'control'), benefit ('WW' | 'WWB'),
    location, inflow, outflow (NaT while the benefit runs), reason ('work' | 'other' | None).
    """

    frame: pd.DataFrame
    source: Path
    metadata: dict = field(default_factory=dict)

    @property
    def synthetic(self) -> bool:
        return bool(self.metadata.get("synthetic", False))

    def published_label(self, location: str) -> str:
        """The published location a code stands for (sidecar ``locations``), else itself."""
        return self.metadata.get("locations", {}).get(location, location)


def client_file(paths: Paths) -> Path | None:
    """The one data file in data/raw/toonkamer; None when there is none."""
    folder = paths.toonkamer
    if not folder.is_dir():
        return None
    files = sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
    )  # fmt: skip
    if len(files) > 1:
        raise InputError(folder, f"{len(files)} data files ({', '.join(p.name for p in files)}): "
                         "keep one file with all clients")  # fmt: skip
    return files[0] if files else None


def load_clients(paths: Paths | None = None) -> Clients | None:
    """The validated clients, or None when data/raw/toonkamer holds no data file."""
    path = client_file(paths or Paths())
    if path is None:
        return None
    meta = read_sidecar(path.with_suffix(".json")) or {}
    locations = meta.get("locations", {})
    if not isinstance(locations, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in locations.items()
    ):
        message = "'locations' must map codes to published location names (text)"
        raise InputError(path.with_suffix(".json"), message)
    return Clients(read_clients(path), path, meta)


def read_clients(path: Path) -> pd.DataFrame:
    """One client file as the tidy frame of `Clients.frame` (see the module docstring)."""
    table = read_table(path, read_bytes(path))
    index = {norm(h): i for i, h in enumerate(table.header) if h}
    absent = [c for c in COLUMNS if c not in index]
    if absent:
        raise InputError(path, f"missing columns: {', '.join(absent)}", row=table.header_line)
    seen: dict[str, int] = {}
    records = []
    for line, cells in table.rows:
        check_fields(path, table, line, cells)
        cell = {c: visible(cells[index[c]]).strip() for c in COLUMNS}
        records.append(_record(path, line, cell, table.header, index, seen))
    frame = pd.DataFrame(
        records,
        columns=["client", "group", "benefit", "location", "inflow", "outflow", "reason"],
    )
    for column in ("inflow", "outflow"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _record(
    path: Path, line: int, cell: dict[str, str], header: list[str], index: dict[str, int],
    seen: dict[str, int],
) -> dict[str, object]:  # fmt: skip
    def fail(column: str, message: str) -> InputError:
        return InputError(path, message, row=line, column=header[index[column]])

    client = cell["klant"]
    if not client:
        raise fail("klant", "empty client identifier")
    if client in seen:
        raise fail("klant", f"client {client!r} also on row {seen[client]}")
    seen[client] = line
    values = {}
    for column, allowed in (("groep", GROUPS), ("regeling", BENEFITS)):
        code = allowed.get(norm(cell[column]))
        if code is None:
            raise fail(column, f"{cell[column]!r} is not one of {', '.join(allowed)}")
        values[column] = code
    if not cell["locatie"]:
        raise fail("locatie", "empty location")
    inflow = _date(cell["instroomdatum"])
    if inflow is None:
        raise fail("instroomdatum", f"{cell['instroomdatum']!r} is not a date (YYYY-MM-DD)")
    outflow, reason = None, None
    if cell["uitstroomdatum"]:
        outflow = _date(cell["uitstroomdatum"])
        if outflow is None:
            raise fail("uitstroomdatum", f"{cell['uitstroomdatum']!r} is not a date (YYYY-MM-DD)")
        if outflow < inflow:
            raise fail("uitstroomdatum", f"outflow {outflow.date()} before inflow {inflow.date()}")
        reason = REASONS.get(norm(cell["uitstroomreden"]))
        if reason is None:
            raise fail("uitstroomreden", f"{cell['uitstroomreden']!r} is not one of "
                       f"{', '.join(REASONS)} (required with an outflow date)")  # fmt: skip
    elif cell["uitstroomreden"]:
        raise fail("uitstroomreden", "a reason without an outflow date")
    return {
        "client": client, "group": values["groep"], "benefit": values["regeling"],
        "location": cell["locatie"], "inflow": inflow, "outflow": outflow, "reason": reason,
    }  # fmt: skip


def _date(text: str) -> pd.Timestamp | None:
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return pd.Timestamp(dt.date.fromisoformat(text))
    except ValueError:  # e.g. 2006-02-30
        return None


def stage(unit: None, paths: Paths) -> str:
    """The ingest step of the Toonkamer clients (analysis.pipeline): validate the file in
    data/raw, then copy it and its sidecar to the stage, where the chapter reads them."""
    raw = paths.unstaged()
    clients = load_clients(raw)
    if clients is None:
        return "Toonkamer: no client file"
    copy_inputs([clients.source, clients.source.with_suffix(".json")], paths.toonkamer)
    return f"{clients.source.name}: {len(clients.frame)} clients"
