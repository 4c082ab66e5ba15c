"""Read and validate the client-level Toonkamer data under ``data/raw/toonkamer`` (optional).

One file (``.csv`` or ``.xlsx``, read like every input by `tabular.read_table`), one row per
client, with the columns `COLUMNS` (Dutch, as an inspector receives them):

- ``klant``: an identifier, unique;
- ``groep``: ``toonkamer`` or ``controlegroep``;
- ``regeling``: ``WW`` or ``WWB``;
- ``locatie``: the pilot location, exactly as the published tables print it, or a neutral
  code that the sidecar maps one-to-one to a published location under ``"locations"``; one
  location is written one way throughout the file;
- ``instroomdatum``: the day the benefit started (ISO, YYYY-MM-DD);
- ``uitstroomdatum``: the day it ended, empty while it runs (not before the inflow);
- ``uitstroomreden``: ``werk`` (return to work) or ``overig``, empty without an outflow.

Any other column, or one named twice, is refused, and so is a date after the data date (the
sidecar's ``"data_date"``, the day the file was extracted; else today). The optional sidecar
``<same stem>.json`` also says whether the data are synthetic. The ingest step validates the
file and copies it to the stage, where the chapter reads it. The first problem raises one
InputError naming the file, the row (header = row 1) and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError, quote, shorten
from analysis.core.values import visible
from analysis.ingest.cells import table_columns
from analysis.ingest.tabular import (
    check_fields,
    copy_inputs,
    data_files,
    norm,
    read_bytes,
    read_sidecar,
    read_table,
)
from analysis.study.toonkamer import CONTROL, TOONKAMER, outflow_cells

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
    files = data_files(folder, SUFFIXES)
    if len(files) > 1:
        names = shorten(", ".join(p.name for p in files), 200)
        raise InputError(folder, f"{len(files)} data files ({names}): keep one file with all "
                         "clients")  # fmt: skip
    return files[0] if files else None


def load_clients(paths: Paths | None = None) -> Clients | None:
    """The validated clients, or None when data/raw/toonkamer holds no data file."""
    paths = paths or Paths()
    path = client_file(paths)
    if path is None:
        return None
    meta = read_sidecar(path.with_suffix(".json")) or {}
    names = location_names(path.with_suffix(".json"), meta, published_locations(paths))
    frame = read_clients(path, names, data_date(path.with_suffix(".json"), meta))
    return Clients(frame, path, meta)


def published_locations(paths: Paths | None = None) -> list[str]:
    """The pilot locations as the published tables print them (seed 004, Bijlage 1)."""
    cells = outflow_cells(paths)
    return list(cells.sort_values("location_order", kind="stable")["location"].unique())


def location_names(sidecar: Path, meta: dict, published: list[str]) -> dict[str, str]:
    """What a client row may write as its location -> the published location it is: each
    published name itself, and each code the sidecar's ``locations`` maps one-to-one to a
    published name (a code that maps to an unknown or already mapped name is refused)."""
    codes = meta.get("locations", {})
    if not isinstance(codes, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in codes.items()
    ):
        raise InputError(sidecar, "'locations' must map codes to published location names (text)")
    known = ", ".join(published)
    taken: dict[str, str] = {}
    for code, name in codes.items():
        if name not in published:
            raise InputError(sidecar, f"'locations' maps {quote(code)} to {quote(name)}, which "
                             f"is not a published location ({known})")  # fmt: skip
        if name in taken:
            raise InputError(sidecar, f"'locations' maps both {quote(taken[name])} and "
                             f"{quote(code)} to {quote(name)}: one code per location")  # fmt: skip
        if code in published and code != name:
            raise InputError(sidecar, f"'locations' maps the published location {quote(code)} "
                             f"to another one, {quote(name)}")  # fmt: skip
        taken[name] = code
    return {**{name: name for name in published}, **codes}


def data_date(sidecar: Path, meta: dict) -> dt.date:
    """The last day the data can describe: the sidecar's ``data_date`` (YYYY-MM-DD, the day
    the file was extracted), else today."""
    if "data_date" not in meta:
        return dt.date.today()
    value = _date(str(meta["data_date"]))
    if value is None:
        raise InputError(sidecar, f"'data_date' {quote(meta['data_date'])} is not a date "
                         "(YYYY-MM-DD)")  # fmt: skip
    return value.date()


def read_clients(path: Path, names: dict[str, str] | None = None,
                 until: dt.date | None = None) -> pd.DataFrame:  # fmt: skip
    """One client file as the tidy frame of `Clients.frame` (see the module docstring).

    `names` maps each accepted location text to its published location (default: the
    published names, `location_names`); `until` is the data date (default today)."""
    names = names if names is not None else {n: n for n in published_locations()}
    table = read_table(path, read_bytes(path))
    index = _columns(path, table)
    context = _Context(path, table.header, index, names, pd.Timestamp(until or dt.date.today()))
    records = []
    for line, cells in table.rows:
        check_fields(path, table, line, cells)
        cell = {c: visible(cells[index[c]]).strip() for c in COLUMNS}
        records.append(_record(context, line, cell))
    frame = pd.DataFrame(
        records,
        columns=["client", "group", "benefit", "location", "inflow", "outflow", "reason"],
    )
    for column in ("inflow", "outflow"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _columns(path: Path, table) -> dict[str, int]:
    """Each column of `COLUMNS` -> its index; unknown, repeated or missing columns refused."""
    def key(header: str) -> str | None:
        return norm(header) if norm(header) in COLUMNS else None

    return table_columns(path, table, {c: c for c in COLUMNS}, key)


@dataclass
class _Context:
    """What the rows of one file are checked against, and what earlier rows said."""

    path: Path
    header: list[str]
    index: dict[str, int]
    names: dict[str, str]  # accepted location text -> published location
    until: pd.Timestamp  # the data date
    seen: dict[str, int] = field(default_factory=dict)  # client -> row
    written: dict[str, tuple[str, int]] = field(default_factory=dict)  # location -> text, row

    def fail(self, line: int, column: str, message: str) -> InputError:
        return InputError(self.path, message, row=line, column=self.header[self.index[column]])


def _record(ctx: _Context, line: int, cell: dict[str, str]) -> dict[str, object]:
    def fail(column: str, message: str) -> InputError:
        return ctx.fail(line, column, message)

    client = cell["klant"]
    if not client:
        raise fail("klant", "empty client identifier")
    if client in ctx.seen:
        raise fail("klant", f"client {quote(client)} also on row {ctx.seen[client]}")
    ctx.seen[client] = line
    values = {}
    for column, allowed in (("groep", GROUPS), ("regeling", BENEFITS)):
        code = allowed.get(norm(cell[column]))
        if code is None:
            raise fail(column, f"{quote(cell[column])} is not one of {', '.join(allowed)}")
        values[column] = code
    _location(ctx, line, cell["locatie"])
    inflow = _date(cell["instroomdatum"])
    if inflow is None:
        raise fail("instroomdatum", f"{quote(cell['instroomdatum'])} is not a date (YYYY-MM-DD)")
    if inflow > ctx.until:
        raise fail("instroomdatum", _future(inflow, ctx))
    outflow, reason = None, None
    if cell["uitstroomdatum"]:
        outflow = _date(cell["uitstroomdatum"])
        if outflow is None:
            raise fail("uitstroomdatum",
                       f"{quote(cell['uitstroomdatum'])} is not a date (YYYY-MM-DD)")
        if outflow < inflow:
            raise fail("uitstroomdatum", f"outflow {outflow.date()} before inflow {inflow.date()}")
        if outflow > ctx.until:
            raise fail("uitstroomdatum", _future(outflow, ctx))
        reason = REASONS.get(norm(cell["uitstroomreden"]))
        if reason is None:
            raise fail("uitstroomreden", f"{quote(cell['uitstroomreden'])} is not one of "
                       f"{', '.join(REASONS)} (required with an outflow date)")  # fmt: skip
    elif cell["uitstroomreden"]:
        raise fail("uitstroomreden", "a reason without an outflow date")
    return {
        "client": client, "group": values["groep"], "benefit": values["regeling"],
        "location": cell["locatie"], "inflow": inflow, "outflow": outflow, "reason": reason,
    }  # fmt: skip


def _location(ctx: _Context, line: int, text: str) -> None:
    """A location must be a published name or a code of the sidecar, written exactly so, and
    one location is written one way throughout the file."""
    if not text:
        raise ctx.fail(line, "locatie", "empty location")
    name = ctx.names.get(text)
    if name is None:
        near = [k for k in ctx.names if norm(k) == norm(text)]
        hint = f" (written exactly so: {quote(near[0])}?)" if near else ""
        raise ctx.fail(line, "locatie", f"unknown location {quote(text)}{hint}: expected a "
                       f"published location or a code of the sidecar's 'locations': "
                       f"{shorten(', '.join(ctx.names), 200)}")  # fmt: skip
    first, where = ctx.written.setdefault(name, (text, line))
    if first != text:
        raise ctx.fail(line, "locatie", f"location {quote(text)} is {quote(name)}, written "
                       f"{quote(first)} on row {where}: write one location one way")  # fmt: skip


def _future(day: pd.Timestamp, ctx: _Context) -> str:
    return (f"{day.date()} lies after the data date {ctx.until.date()} (the sidecar's "
            "'data_date', else today)")  # fmt: skip


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
