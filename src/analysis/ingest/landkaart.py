"""Read one period's SUWI-Landkaart export, validate it and write it as tidy processed data.

The inspector drops one export into ``data/raw/landkaart/<period>/``: a ``.csv`` or ``.xlsx``
file, optionally with a sidecar ``<same stem>.json`` (metadata such as ``{"synthetic": true}``)
and a README. The export becomes one row per location x milestone with columns ``location``,
``milestone`` (``M01``..``M14``) and ``category`` (0..3, or <NA> for a blank answer).

Dialects accepted (what was detected ends up in ``attrs["dialect"]`` and in metadata.json):
the file formats, encodings and delimiters of `analysis.ingest.tabular`, the answers of
`analysis.ingest.answers` (labels, colours, points, percentages; a blank cell is a blank
answer, category <NA> meaning 'onbekend', counted and left out of every mean, never 0), and

- Layout: *wide* (a location column plus one column per milestone) or *long* (columns
  location, milestone and answer). A file is long when no header names a milestone and a header
  is one of the long column names below.
- Headers match case-, whitespace- and diacritics-insensitively. Milestones may be written as
  ``M01``, ``M1``, ``1``, ``01``, ``Mijlpaal 1`` or the codebook's ``short_name_nl``.
  Columns without a header and without data (trailing separators) are ignored; every other
  unrecognised column is an error.
- Locations are kept as written (stripped, with diacritics); two locations that differ only in
  case, spacing or Unicode normal form are duplicates.

Errors: the first problem in file order (the header first, then row by row; within a row a
missing field before the cell values) raises one InputError naming the file, the row as the
user sees it (header = 1; spreadsheet row for .xlsx) and the column as written in the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.core import inputs
from analysis.core.atomic import atomic_path
from analysis.core.config import Paths
from analysis.core.errors import InputError, quote, shorten
from analysis.core.periods import LAST_PERIOD, Period, as_period
from analysis.ingest.answers import AnswerParser, milestone_keys
from analysis.ingest.layout import (
    Answer,
    long_answers,
    map_header,
    uses_percentages,
    wide_answers,
)
from analysis.ingest.tabular import data_files, read_input, read_sidecar
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.dag import units

EXPORT_SUFFIXES = (".csv", ".xlsx")
_PERIOD_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_ ]?[tT]([123])(?!\d)")


def landkaart_schema(codebook: Codebook) -> pa.DataFrameSchema:
    """The declared schema of the tidy answers: codebook milestones and categories only."""
    return pa.DataFrameSchema(
        {
            "location": pa.Column(str, pa.Check.str_length(min_value=1)),
            "milestone": pa.Column(str, pa.Check.isin(codebook.milestone_codes)),
            "category": pa.Column(
                "Int64", pa.Check.isin([int(c) for c in codebook.categories.index]), nullable=True
            ),
        },
        unique=["location", "milestone"],
        report_duplicates="exclude_first",
        strict=True,
        ordered=True,
        name="landkaart answers",
    )


# --- public API ---------------------------------------------------------------------------


def find_export(period: Period, paths: Paths) -> Path:
    """The single .csv or .xlsx export in the period's raw folder."""
    return find_input(paths.landkaart_raw(period), period)


def input_files(folder: Path) -> list[Path]:
    """The .csv and .xlsx files in a period folder (no sidecars, READMEs, lock or hidden
    files), under the input policy (`tabular.data_files`)."""
    if not folder.is_dir():
        return []
    return data_files(folder, EXPORT_SUFFIXES)


def find_input(folder: Path, period: Period, what: str = "export") -> Path:
    """The single .csv or .xlsx input in a period folder (`what` names it in errors)."""
    if not folder.is_dir():
        raise InputError(folder, f"folder for period {period} not found; put the {what} there")
    exports = input_files(folder)
    if not exports:
        others = [
            p.name
            for p in inputs.folders_and_files(folder)[1]
            if p.suffix.lower() not in (".json", ".md", ".txt")
        ]
        listed = shorten(", ".join(others))
        found = f"; found only {listed} (save as .csv or .xlsx)" if others else ""
        raise InputError(folder, f"no {what} (.csv or .xlsx) found{found}")
    if len(exports) > 1:
        names = shorten(", ".join(p.name for p in exports))
        raise InputError(folder, f"{len(exports)} {what}s found, expected one: {names}")
    return exports[0]


def read_export(path: Path, codebook: Codebook) -> pd.DataFrame:
    """Read and validate an export into the tidy frame (location, milestone, category)."""
    path = Path(path)
    data, table = read_input(path)
    keys = milestone_keys(codebook)
    layout = map_header(path, table, keys)
    parser = AnswerParser(codebook, percentages=uses_percentages(table, layout))
    if layout.kind == "wide":
        answers = wide_answers(path, table, layout, parser)
    else:
        answers = long_answers(path, table, layout, parser, keys)
    frame = _to_frame(path, answers, codebook)
    frame.attrs["dialect"] = {
        **table.dialect,
        "layout": layout.kind,
        "answers": sorted({a.style for a in answers if a.style}),
        "header": layout.header,
    }
    frame.attrs["blank_answers"] = int(frame["category"].isna().sum())
    frame.attrs["sha256"] = hashlib.sha256(data).hexdigest()
    return frame


@dataclass(frozen=True)
class Ingested:
    """One period's export, read and validated, with the bytes it will be written as."""

    period: Period
    source: Path
    answers: pd.DataFrame
    table: bytes  # the processed CSV
    metadata: bytes  # metadata.json


def read_period(period: Period, paths: Paths, codebook: Codebook) -> Ingested:
    """Find, read and validate the period's export and sidecar; write nothing."""
    source = find_export(period, paths)
    check_period_in_name(source, period)
    answers = read_export(source, codebook)
    sidecar = read_sidecar(source.with_suffix(".json"))
    if sidecar and "period" in sidecar and _as_text_period(sidecar["period"]) != str(period):
        raise InputError(
            source.with_suffix(".json"),
            f"the sidecar says period {quote(str(sidecar['period']))}, but the export lies in the "
            f"folder of {period}",
        )
    metadata = {
        "period": str(period),
        "source": source.resolve().relative_to(paths.root.resolve()).as_posix(),
        "sha256": answers.attrs["sha256"],
        "dialect": answers.attrs["dialect"],
        "locations": int(answers["location"].nunique()),
        "rows": len(answers),
        "blank_answers": answers.attrs["blank_answers"],
        "synthetic": bool(sidecar.get("synthetic", False)) if sidecar else False,
        "source_metadata": sidecar,
    }
    return Ingested(
        period,
        source,
        answers,
        answers.to_csv(index=False, lineterminator="\n").encode("utf-8"),
        (json.dumps(metadata, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode(),
    )


def _as_text_period(value: object) -> str:
    """A sidecar's period as YYYY-Tn if it is one (any case), else as written."""
    text = str(value).strip()
    try:
        return str(Period.parse(text.upper()))
    except ValueError:
        return text


def check_period_in_name(source: Path, period: Period) -> None:
    """An export whose file name names a period must name the period of its folder."""
    named = {f"{year}-T{tertaal}" for year, tertaal in _PERIOD_IN_NAME.findall(source.name)}
    if named and named != {str(period)}:
        raise InputError(
            source,
            f"the file name names {', '.join(sorted(named))}, but the file lies in the folder "
            f"of {period}: move it to its own period folder",
        )


def write_period(ingested: Ingested, paths: Paths) -> Path:
    """Write a read period to data/processed (each file atomically); return the CSV path."""
    out = paths.landkaart_processed(ingested.period)
    with atomic_path(out) as tmp_csv, atomic_path(out.with_name("metadata.json")) as tmp_meta:
        tmp_csv.write_bytes(ingested.table)
        tmp_meta.write_bytes(ingested.metadata)
    return out


def ingest_period(
    period: Period,
    paths: Paths,
    codebook: Codebook,
    log: Callable[[str], object] | None = None,
) -> Path:
    """Read, validate and write one period (`read_period`, then `write_period`).

    Everything is checked before the first byte is written, so on any error nothing is
    written. Returns the processed CSV path.
    """
    ingested = read_period(period, paths, codebook)
    if log is not None:
        log(describe(ingested.source, ingested.answers))
    return write_period(ingested, paths)


def describe(path: Path, answers: pd.DataFrame) -> str:
    """One line saying what was detected in an export."""
    d = answers.attrs["dialect"]
    if d["format"] == "xlsx":
        source = f"xlsx, sheet {quote(d['sheet'])}"
    else:
        source = f"csv, {d['encoding']}, delimiter {quote(d['delimiter'])}"
    return (
        f"{Path(path).name}: {source}, {d['layout']} layout, answers as "
        f"{'/'.join(d['answers']) or 'nothing'}; {answers['location'].nunique()} locations, "
        f"{answers.attrs['blank_answers']} blank answers"
    )


# --- tidy frame ---------------------------------------------------------------------------


def _to_frame(path: Path, answers: list[Answer], codebook: Codebook) -> pd.DataFrame:
    """The tidy frame, validated against the codebook's schema and sorted."""
    frame = pd.DataFrame(
        {
            "location": pd.Series([a.location for a in answers], dtype="str"),
            "milestone": pd.Series([a.milestone for a in answers], dtype="str"),
            "category": pd.array([a.category for a in answers], dtype="Int64"),
        }
    )
    _validate(path, frame, answers, landkaart_schema(codebook))
    order = {code: i for i, code in enumerate(codebook.milestone_codes)}
    frame = frame.sort_values(
        ["location", "milestone"],
        key=lambda s: s.map(order) if s.name == "milestone" else s,
        kind="stable",
    )
    return frame.reset_index(drop=True)


def _validate(
    path: Path, frame: pd.DataFrame, answers: list[Answer], schema: pa.DataFrameSchema
) -> None:
    """Validate with `schema`; report the first failure in file order as InputError."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.to_dict("records")
        located = [c for c in cases if pd.notna(c["index"])]
        if not located:
            case = cases[0]
            raise InputError(path, f"{case['column']}: fails {case['check']}") from exc
        case = min(located, key=lambda c: (answers[int(c["index"])].line, int(c["index"])))
        answer = answers[int(case["index"])]
        column = {
            "location": answer.location_column,
            "milestone": answer.milestone_column,
            "category": answer.answer_column,
        }.get(case["column"])
        raise InputError(
            path,
            f"{case['column']} {quote(case['failure_case'])} fails check {case['check']}",
            row=answer.line,
            column=column,
        ) from exc


# --- processed answers and period folders --------------------------------------------


def load_answers(period: Period, paths: Paths) -> pd.DataFrame:
    """The processed answers of a period, as written by `ingest_period`.

    Without processed data of the period (a fresh clone: nothing ingested yet, e.g. a notebook
    opened in Jupyter) the period's raw export is read and validated in memory instead, to
    exactly the frame that `analysis ingest` would write; nothing is written. So is it when
    the processed files differ from what their run step recorded (changed since:
    `core.inputs.recorded_intact`). Inside a run (staged processed data) a missing period is
    an error. `attrs["metadata"]` holds metadata.json (source, dialect, synthetic, ...).
    """
    path = paths.landkaart_processed(period)
    meta = path.with_name("metadata.json")
    outside_run = paths.staged is None
    if path.exists() and (not outside_run or inputs.recorded_intact(path)
                          and inputs.recorded_intact(meta)):  # fmt: skip
        table, metadata = path.read_bytes(), meta.read_bytes()
    elif outside_run and paths.landkaart_raw(period).is_dir():
        ingested = read_period(period, paths, load_codebook(paths))
        table, metadata = ingested.table, ingested.metadata
    else:
        why = "was changed since its run wrote it" if path.exists() else "does not exist"
        raise FileNotFoundError(f"{path} {why}: run `analysis ingest --period {period}` first")
    answers = pd.read_csv(
        io.BytesIO(table),
        dtype={"location": str, "milestone": str, "category": "Int64"},
        keep_default_na=False,
        na_values={"category": [""]},
    )
    answers.attrs["metadata"] = json.loads(metadata.decode("utf-8"))
    return answers


def raw_periods(paths: Paths, up_to: Period | None = None) -> tuple[list[Period], list[str]]:
    """Period folders under data/raw/landkaart up to and including `up_to` (None: all),
    oldest first, listed as a run lists them (`study.dag.units`: a misnamed folder such as
    '2009-t3' or '2009-T3 ' is bad input). Returns (periods, ignored): folders whose name is
    no period at all (e.g. 'archief'), for a warning."""
    last = LAST_PERIOD if up_to is None else as_period(up_to)
    names, ignored = units("landkaart", "periods", last, paths)
    return [Period.parse(name) for name in names], ignored


def stage(unit: str, paths: Paths) -> str:
    """The ingest step of one period (analysis.pipeline): read and validate the raw export,
    write it to the stage (`paths.processed`); return what was detected."""
    ingested = read_period(Period.parse(unit), paths.unstaged(), load_codebook(paths))
    write_period(ingested, paths)
    return describe(ingested.source, ingested.answers)
