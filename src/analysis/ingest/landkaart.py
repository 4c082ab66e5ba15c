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
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.core.atomic import atomic_path
from analysis.core.codebook import Codebook
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period, as_period
from analysis.ingest.answers import AnswerParser, is_percentage, milestone_keys
from analysis.ingest.layout import Layout, answer_columns, location_key, map_header
from analysis.ingest.tabular import Table, check_fields, norm, read_sidecar, read_table

EXPORT_SUFFIXES = (".csv", ".xlsx")

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


@dataclass(frozen=True)
class _Answer:
    """One tidy row and the file cell it came from."""

    location: str
    milestone: str
    category: int | None
    style: str | None
    line: int
    location_column: str
    milestone_column: str
    answer_column: str


# --- public API ---------------------------------------------------------------------------


def find_export(period: Period, paths: Paths) -> Path:
    """The single .csv or .xlsx export in the period's raw folder."""
    folder = paths.landkaart_raw(period)
    if not folder.is_dir():
        raise InputError(folder, f"folder for period {period} not found; put the export there")
    files = sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
    )
    exports = [p for p in files if p.suffix.lower() in EXPORT_SUFFIXES]
    if not exports:
        others = [p.name for p in files if p.suffix.lower() not in (".json", ".md", ".txt")]
        found = f"; found only {', '.join(others)} (save as .csv or .xlsx)" if others else ""
        raise InputError(folder, f"no export (.csv or .xlsx) found{found}")
    if len(exports) > 1:
        names = ", ".join(p.name for p in exports)
        raise InputError(folder, f"{len(exports)} exports found, expected one: {names}")
    return exports[0]


def read_export(path: Path, codebook: Codebook) -> pd.DataFrame:
    """Read and validate an export into the tidy frame (location, milestone, category)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "file not found")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "file is empty")
    table = read_table(path, data)
    keys = milestone_keys(codebook)
    layout = map_header(path, table, keys)
    parser = AnswerParser(codebook, percentages=_uses_percentages(table, layout))
    if layout.kind == "wide":
        answers = _wide_answers(path, table, layout, parser)
    else:
        answers = _long_answers(path, table, layout, parser, keys)
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


def ingest_period(
    period: Period,
    paths: Paths,
    codebook: Codebook,
    log: Callable[[str], object] | None = None,
) -> Path:
    """Find, read and validate the period's export; write the processed CSV and metadata.json.

    Everything is checked and rendered before the first byte is written, so on any error
    nothing is written. Returns the processed CSV path.
    """
    source = find_export(period, paths)
    answers = read_export(source, codebook)
    if log is not None:
        log(describe(source, answers))
    sidecar = read_sidecar(source.with_suffix(".json"))
    out = paths.landkaart_processed(period)
    table = answers.to_csv(index=False, lineterminator="\n").encode("utf-8")
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
    meta = (json.dumps(metadata, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()
    with atomic_path(out) as tmp_csv, atomic_path(out.with_name("metadata.json")) as tmp_meta:
        tmp_csv.write_bytes(table)
        tmp_meta.write_bytes(meta)
    return out


def describe(path: Path, answers: pd.DataFrame) -> str:
    """One line saying what was detected in an export."""
    d = answers.attrs["dialect"]
    if d["format"] == "xlsx":
        source = f"xlsx, sheet {d['sheet']!r}"
    else:
        source = f"csv, {d['encoding']}, delimiter {d['delimiter']!r}"
    return (
        f"{Path(path).name}: {source}, {d['layout']} layout, answers as "
        f"{'/'.join(d['answers']) or 'nothing'}; {answers['location'].nunique()} locations, "
        f"{answers.attrs['blank_answers']} blank answers"
    )


def _uses_percentages(table: Table, layout: Layout) -> bool:
    columns = answer_columns(layout)
    return any(
        is_percentage(cells[i])
        for _, cells in table.rows
        for i in columns
        if i < len(cells)
    )


# --- rows ---------------------------------------------------------------------------------


def _location(path: Path, cell: str, line: int, column: str) -> str:
    location = cell.strip()
    if not location:
        raise InputError(path, "empty location", row=line, column=column)
    return location


def _wide_answers(
    path: Path, table: Table, layout: Layout, parser: AnswerParser
) -> list[_Answer]:
    loc_column = table.header[layout.location]
    seen: dict[str, int] = {}
    answers = []
    for line, cells in table.rows:
        check_fields(path, table, line, cells)
        row_answers = []
        location = ""
        for i, cell in enumerate(cells):
            if i == layout.location:
                location = _location(path, cell, line, loc_column)
                key = location_key(location)
                if key in seen:
                    raise InputError(
                        path,
                        f"duplicate location {location!r} (also on row {seen[key]})",
                        row=line,
                        column=loc_column,
                    )
                seen[key] = line
            elif i in layout.milestones:
                row_answers.append((i, _parse(path, parser, cell, line, table.header[i])))
        for i, (category, style) in row_answers:
            name = table.header[i]
            answers.append(
                _Answer(
                    location, layout.milestones[i], category, style, line, loc_column, name, name
                )
            )
    return answers


def _long_answers(
    path: Path, table: Table, layout: Layout, parser: AnswerParser, keys: dict[str, str]
) -> list[_Answer]:
    header = table.header
    loc_column, ms_column = header[layout.location], header[layout.milestone]
    answer_column = header[layout.answer]
    spelling: dict[str, tuple[str, int]] = {}  # location key -> (as first written, row)
    seen: dict[tuple[str, str], int] = {}
    values: dict[str, str] = {}
    answers = []
    for line, cells in table.rows:
        check_fields(path, table, line, cells)
        location = _location(path, cells[layout.location], line, loc_column)
        key = location_key(location)
        first, first_line = spelling.setdefault(key, (location, line))
        if location != first:
            raise InputError(
                path,
                f"location {location!r} is written differently on row {first_line}: {first!r}",
                row=line,
                column=loc_column,
            )
        raw_milestone = cells[layout.milestone].strip()
        milestone = keys.get(norm(raw_milestone))
        if milestone is None:
            what = f"unknown milestone {raw_milestone!r}" if raw_milestone else "empty milestone"
            raise InputError(path, what, row=line, column=ms_column)
        values[raw_milestone] = milestone
        if (key, milestone) in seen:
            raise InputError(
                path,
                f"second answer for {location!r} {milestone} (first on row {seen[key, milestone]})",
                row=line,
                column=ms_column,
            )
        seen[key, milestone] = line
        category, style = _parse(path, parser, cells[layout.answer], line, answer_column)
        answers.append(
            _Answer(
                location, milestone, category, style, line, loc_column, ms_column, answer_column
            )
        )
    table.dialect["milestone_values"] = dict(sorted(values.items()))
    _check_all_combinations(path, spelling, seen, keys)
    return answers


def _check_all_combinations(
    path: Path,
    spelling: dict[str, tuple[str, int]],
    seen: dict[tuple[str, str], int],
    keys: dict[str, str],
) -> None:
    codes = list(dict.fromkeys(keys.values()))
    for key, (location, _) in spelling.items():
        missing = [code for code in codes if (key, code) not in seen]
        if missing:
            raise InputError(
                path,
                f"incomplete long file (truncated?): {location!r} has no row for "
                f"{', '.join(missing)}",
            )


def _parse(
    path: Path, parser: AnswerParser, cell: str, line: int, column: str
) -> tuple[int | None, str | None]:
    try:
        return parser.parse(cell)
    except ValueError as exc:
        raise InputError(path, str(exc), row=line, column=column) from exc


# --- tidy frame ---------------------------------------------------------------------------


def _to_frame(path: Path, answers: list[_Answer], codebook: Codebook) -> pd.DataFrame:
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
    path: Path, frame: pd.DataFrame, answers: list[_Answer], schema: pa.DataFrameSchema
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
            f"{case['column']} {case['failure_case']!r} fails check {case['check']}",
            row=answer.line,
            column=column,
        ) from exc


# --- processed answers and period folders --------------------------------------------


def load_answers(period: Period, paths: Paths) -> pd.DataFrame:
    """The processed answers of a period, as written by `ingest_period`.

    `attrs["metadata"]` holds metadata.json (source, dialect, synthetic, ...).
    """
    path = paths.landkaart_processed(period)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist: run `analysis ingest --period {period}` first"
        )
    answers = pd.read_csv(
        path,
        dtype={"location": str, "milestone": str, "category": "Int64"},
        keep_default_na=False,
        na_values={"category": [""]},
    )
    answers.attrs["metadata"] = json.loads(path.with_name("metadata.json").read_text("utf-8"))
    return answers


def raw_periods(paths: Paths, up_to: Period) -> tuple[list[Period], list[str]]:
    """Period folders under data/raw/landkaart up to and including `up_to`, oldest first.

    Returns (periods, ignored): folders whose name is not a period (e.g. '2009-t3') are
    ignored and listed so the caller can warn about them.
    """
    last = as_period(up_to)
    root = paths.landkaart_root
    periods, ignored = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        try:
            period = Period.parse(folder.name)
        except ValueError:
            ignored.append(folder.name)
            continue
        if period <= last:
            periods.append(period)
    return sorted(periods), ignored
