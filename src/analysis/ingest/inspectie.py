"""Inspection judgements of one period: the inspectorate's own category per location x milestone.

The inspector drops one file into ``data/raw/inspectie/<period>/`` (``.csv`` or ``.xlsx``, with
an optional sidecar ``<same stem>.json`` such as ``{"synthetic": true}``). It is read with the
dialects of the Landkaart exports (`analysis.ingest.tabular`: ``;`` or ``,``, UTF-8 with or
without BOM or Windows-1252, ``.xlsx``) in the long layout, one row per location and milestone:

- a location column (``locatie``, ``werkplein``, ...), spelled as in the period's Landkaart
  export (case, spacing and invisible characters do not count: `layout.location_key`);
- a milestone column (``mijlpaal``: ``M01``, ``1``, ``Mijlpaal 1`` or the short name);
- a judgement column (``oordeel``, ``inspectieoordeel``, ...) holding a label, colour, points or
  percentage exactly like the Landkaart answers (`analysis.ingest.answers`); a blank judgement
  means 'not judged' and leaves that pair out of every statistic;
- optionally a remark column (``opmerking``, ``toelichting``); remarks are counted, never shown
  beside a location.

Every inspected location needs a row for every milestone (a truncated file is refused). Bad
input raises one InputError naming file, row and column: an unknown column, an unknown
milestone, a second row for a pair, a judgement outside the categories, a location that is not
in the period's Landkaart export (refused on its own row, before the file is checked for
completeness). The ingest step validates the file and copies it to the stage, where the
chapter reads it in a run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError, quote
from analysis.core.periods import Period
from analysis.core.values import visible
from analysis.ingest.answers import AnswerParser, milestone_keys
from analysis.ingest.landkaart import (
    check_period_in_name,
    find_input,
    input_files,
    load_answers,
    read_period,
)
from analysis.ingest.layout import (
    LOCATION_HEADERS,
    LONG_MILESTONE_HEADERS,
    Layout,
    location_key,
    long_answers,
    uses_percentages,
)
from analysis.ingest.tabular import check_unnamed, copy_inputs, norm, read_input, read_sidecar
from analysis.study.codebook import Codebook, load_codebook

JUDGEMENT_HEADERS = frozenset(
    {
        "oordeel", "inspectieoordeel", "oordeel inspectie", "oordeel_inspectie", "judgement",
        "judgment", "inspection", "inspectie", "answer", "antwoord", "category", "categorie",
        "score", "value", "waarde", "status",
    }
)  # fmt: skip
REMARK_HEADERS = frozenset(
    {"opmerking", "opmerkingen", "toelichting", "remark", "remarks", "comment", "notitie"}
)
MAX_REMARK = 2000  # characters
WHAT = "inspection file"


def available(period: Period, paths: Paths) -> bool:
    """True iff the period's inspection folder holds a .csv or .xlsx file."""
    return bool(input_files(paths.inspectie_raw(period)))


@dataclass(frozen=True)
class Judgements:
    """One period's inspection judgements, read and validated against its Landkaart."""

    period: Period
    source: Path
    frame: pd.DataFrame  # location (as in the Landkaart), milestone, category (Int64), remark
    sidecar: dict | None
    dialect: dict
    sha256: str

    @property
    def synthetic(self) -> bool:
        return bool(self.sidecar and self.sidecar.get("synthetic", False))


def read_period_judgements(
    period: Period, paths: Paths, codebook: Codebook, locations: Mapping[str, str]
) -> Judgements:
    """Find, read and validate the period's inspection file; `locations` maps the
    `location_key` of every location in the period's Landkaart to its spelling there."""
    source = find_input(paths.inspectie_raw(period), period, WHAT)
    check_period_in_name(source, period)
    frame = read_judgements(source, codebook, locations, period)
    return Judgements(
        period,
        source,
        frame,
        read_sidecar(source.with_suffix(".json")),
        frame.attrs["dialect"],
        frame.attrs["sha256"],
    )


def landkaart_answers(period: Period, paths: Paths, codebook: Codebook) -> pd.DataFrame:
    """The period's Landkaart answers with `attrs["metadata"]`: the processed ones when they
    exist (a run's staged copy), else read and validated from the raw export (a fresh clone)."""
    try:
        return load_answers(period, paths)
    except FileNotFoundError:
        ingested = read_period(period, paths, codebook)
        answers = ingested.answers.copy()
        answers.attrs["metadata"] = json.loads(ingested.metadata)
        return answers


def location_names(answers: pd.DataFrame) -> dict[str, str]:
    """The Landkaart's locations by `location_key` (what an inspection file may write)."""
    return {location_key(loc): loc for loc in answers["location"].unique()}


def read_judgements(
    path: Path, codebook: Codebook, locations: Mapping[str, str], period: Period | str
) -> pd.DataFrame:
    """Read and validate one inspection file into the tidy frame (see the module docstring)."""
    path = Path(path)
    data, table = read_input(path)
    keys = milestone_keys(codebook)
    layout, remark = map_columns(path, table)
    parser = AnswerParser(codebook, percentages=uses_percentages(table, layout))

    def check(location: str, line: int, column: str) -> None:
        if location_key(location) not in locations:
            raise InputError(path, f"unknown location {quote(location)}: not in the Landkaart "
                             f"export of {period}", row=line, column=column)  # fmt: skip

    answers = long_answers(path, table, layout, parser, keys, check)
    remarks = {line: _remark(path, cells, remark, line, table.header) for line, cells in table.rows}
    rows = [(locations[location_key(a.location)], a.milestone, a.category, remarks[a.line])
            for a in answers]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["location", "milestone", "category", "remark"])
    frame["category"] = frame["category"].astype("Int64")
    order = {code: i for i, code in enumerate(codebook.milestone_codes)}
    frame = frame.sort_values(
        ["location", "milestone"],
        key=lambda s: s.map(order) if s.name == "milestone" else s,
        kind="stable",
    ).reset_index(drop=True)
    frame.attrs["dialect"] = {
        **table.dialect,
        "answers": sorted({a.style for a in answers if a.style}),
        "header": layout.header,
    }
    frame.attrs["sha256"] = hashlib.sha256(data).hexdigest()
    return frame


def map_columns(path: Path, table) -> tuple[Layout, int | None]:
    """The long layout of an inspection file, and the remark column (None when absent)."""
    row = table.header_line
    meanings: dict[str, frozenset[str]] = {
        "location": LOCATION_HEADERS,
        "milestone": LONG_MILESTONE_HEADERS,
        "answer": JUDGEMENT_HEADERS,
        "remark": REMARK_HEADERS,
    }
    found: dict[str, int] = {}
    header: dict[str, str] = {}
    for i, name in enumerate(table.header):
        if not name:
            check_unnamed(path, table, i, row)
            continue
        meaning = next((m for m, names in meanings.items() if norm(name) in names), None)
        if meaning is None:
            raise InputError(
                path,
                "unknown column (expected location, milestone, judgement and an optional "
                "remark: locatie, mijlpaal, oordeel, opmerking)",
                row=row,
                column=name,
            )
        if meaning in found:
            raise InputError(path, f"second column for {meaning}", row=row, column=name)
        found[meaning] = i
        header[name] = meaning
    for meaning, label in (("location", "location"), ("milestone", "milestone"),
                           ("answer", "judgement")):  # fmt: skip
        if meaning not in found:
            raise InputError(path, f"missing {label} column", row=row)
    layout = Layout("long", found["location"], milestone=found["milestone"], answer=found["answer"])
    layout.header = header
    return layout, found.get("remark")


def _remark(path: Path, cells: list[str], column: int | None, line: int, header) -> str:
    if column is None or column >= len(cells):
        return ""
    text = " ".join(visible(cells[column]).split())
    if len(text) > MAX_REMARK:
        raise InputError(
            path, f"remark of {len(text)} characters (at most {MAX_REMARK})", row=line,
            column=header[column],
        )  # fmt: skip
    return text


def stage(unit: str, paths: Paths) -> str:
    """The ingest step of one period's judgements (analysis.pipeline): validate the file in
    data/raw against the period's staged Landkaart, then copy it and its sidecar to the stage,
    where the chapter reads them in a run."""
    period = Period.parse(unit)
    codebook = load_codebook(paths)
    locations = location_names(load_answers(period, paths))
    judged = read_period_judgements(period, paths.unstaged(), codebook, locations)
    copy_inputs([judged.source, judged.source.with_suffix(".json")], paths.inspectie_raw(period))
    return (f"{judged.source.name}: {judged.frame['location'].nunique()} locations judged, "
            f"{int(judged.frame['category'].isna().sum())} blank judgements")  # fmt: skip
