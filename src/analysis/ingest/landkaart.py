"""Read one period's SUWI-Landkaart export, validate it and write it as tidy processed data.

The inspector drops one export into ``data/raw/landkaart/<period>/``: a ``.csv`` or ``.xlsx``
file, optionally with a sidecar ``<same stem>.json`` (metadata such as ``{"synthetic": true}``)
and a README. The export becomes one row per location x milestone with columns ``location``,
``milestone`` (``M01``..``M14``) and ``category`` (0..3, or <NA> for a blank answer).

Dialects accepted (what was detected ends up in ``attrs["dialect"]`` and in metadata.json):

- File: ``.xlsx`` (first sheet; percentage-formatted numbers are read as percentages), or
  ``.csv`` separated by ``;``, ``,`` or tab (the one that splits the first lines into the most,
  consistent fields), decoded as UTF-8 (with or without BOM), else Windows-1252; UTF-16 with a
  BOM is also read. A file that mixes UTF-8 and Windows-1252 lines is refused.
- Layout: *wide* (a location column plus one column per milestone) or *long* (columns
  location, milestone and answer). A file is long when no header names a milestone and a header
  is one of the long column names below.
- Headers match case-, whitespace- and diacritics-insensitively. Milestones may be written as
  ``M01``, ``M1``, ``1``, ``01``, ``Mijlpaal 1`` or the codebook's ``short_name_nl``.
  Columns without a header and without data (trailing separators) are ignored; every other
  unrecognised column is an error.
- Rows that are entirely blank are skipped. Locations are kept as written (stripped, with
  diacritics); two locations that differ only in case, spacing or Unicode normal form are
  duplicates.

Answer policy (one cell -> one category; anything else is an error naming the value):

- Dutch labels, short or long (``niet``, ``niet gerealiseerd``, ``in ontwikkeling``,
  ``gedeeltelijk``, ``gedeeltelijk gerealiseerd``, ``volledig``, ``volledig gerealiseerd``)
  and colours (``rood``, ``oranje``, ``blauw``, ``groen``), in any letter case.
- Percentages (``33 %``, ``50%``, ``66,7%``): the category whose band
  [band_min_pct, band_max_pct] holds the percentage rounded down; above 100 is an error.
- Bare numbers are *points*, never category codes: ``0`` = niet, ``1/3``, ``2/3``, ``1`` =
  volledig, or a decimal within 0.01 of a point value (``0,33``, ``0.66``). So a column of only
  0 and 1 is read as points (0 = niet, 1 = volledig), and ``2`` or ``3`` are errors. In a file
  that uses percentages a bare number is ambiguous (``1`` could be 1 %) and is an error.
- A blank cell (empty or whitespace) is a blank answer: category <NA>, meaning 'onbekend'.
  It is kept, counted in ``attrs["blank_answers"]`` and metadata.json, and must be left out of
  means by the analysis; it is never read as 0.

Errors: the first problem in file order (the header first, then row by row; within a row a
missing field before the cell values) raises one InputError naming the file, the row as the
user sees it (header = 1; spreadsheet row for .xlsx) and the column as written in the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pandera.pandas as pa

from analysis.core.atomic import atomic_path
from analysis.core.codebook import Codebook
from analysis.core.config import Paths
from analysis.core.errors import InputError

EXPORT_SUFFIXES = (".csv", ".xlsx")
DELIMITERS = (";", ",", "\t")  # ties go to the first
LOCATION_HEADERS = frozenset(
    {"locatie", "location", "werkplein", "locatie_id", "location_id", "naam"}
)
LONG_MILESTONE_HEADERS = frozenset({"milestone", "mijlpaal", "milestone_id", "mijlpaal_id"})
LONG_ANSWER_HEADERS = frozenset(
    {"answer", "antwoord", "category", "categorie", "score", "value", "waarde", "status"}
)
POINTS_TOLERANCE = Fraction(1, 100)
ANSWER_HELP = (
    "expected a label (niet, in ontwikkeling, gedeeltelijk, volledig), a colour "
    "(rood, oranje, blauw, groen), points (0, 1/3, 2/3, 1) or a percentage (0%-100%)"
)


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


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass
class _Table:
    """The cells of an export as text, before any interpretation."""

    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]  # (line as the user sees it, cells) of non-blank rows
    dialect: dict

    @property
    def width(self) -> int:
        """Number of fields a data row needs: up to the last column with a header."""
        return max(i for i, h in enumerate(self.header) if h) + 1


@dataclass
class _Layout:
    """What each column of the header means."""

    kind: str  # "wide" or "long"
    location: int
    milestones: dict[int, str] = field(default_factory=dict)  # wide: column -> milestone code
    milestone: int | None = None  # long: column holding the milestone
    answer: int | None = None  # long: column holding the answer
    header: dict[str, str] = field(default_factory=dict)  # as written -> meaning


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


def find_export(period: str, paths: Paths) -> Path:
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
    table = _read_xlsx(path, data) if path.suffix.lower() == ".xlsx" else _read_csv(path, data)
    keys = _milestone_keys(codebook)
    layout = _map_header(path, table, keys)
    parser = _AnswerParser(codebook, percentages=_uses_percentages(table, layout))
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
    period: str,
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
    sidecar = _read_sidecar(source.with_suffix(".json"))
    out = paths.landkaart_processed(period)
    table = answers.to_csv(index=False, lineterminator="\n").encode("utf-8")
    metadata = {
        "period": period,
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


# --- reading files into a table of text cells ----------------------------------------------


def _read_csv(path: Path, data: bytes) -> _Table:
    text, encoding = _decode(path, data)
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, line = [], 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, f"cannot parse CSV: {exc}", row=line) from exc
    dialect = {"format": "csv", "encoding": encoding, "delimiter": delimiter, "sheet": None}
    return _table(path, records, dialect)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (BOM optional), else Windows-1252; (text, encoding name)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(path, "undecodable UTF-16 bytes") from exc
    if b"\x00" in data:
        hint = " (an Excel workbook? give it the .xlsx extension)" if data[:2] == b"PK" else ""
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(path, f"binary data, not a text CSV{hint}", row=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = data[: exc.start].count(b"\n") + 1
    else:
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            byte = raw[exc.start]
            raise InputError(
                path, f"undecodable byte 0x{byte:02X}: neither UTF-8 nor Windows-1252", row=number
            ) from exc
    utf8 = [n for n, raw in enumerate(lines, start=1) if not raw.isascii() and _is_utf8(raw)]
    if utf8:
        later = max(utf8[0], first_bad)
        raise InputError(
            path,
            f"mixed encodings: row {utf8[0]} is UTF-8 but row {first_bad} is not; "
            "save the whole file as UTF-8",
            row=later,
        )
    return data.decode("cp1252"), "cp1252"


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect_delimiter(text: str) -> str:
    """The delimiter giving the most fields, consistently, on the first non-blank lines."""
    sample = [line for line in text.splitlines() if line.strip()][:5] or [""]

    def score(delimiter: str) -> tuple[int, int]:
        counts = [len(cells) for cells in csv.reader(sample, delimiter=delimiter)]
        return min(counts), counts[0]

    return max(DELIMITERS, key=score)


def _read_xlsx(path: Path, data: bytes) -> _Table:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheet = book.worksheets[0]
    except Exception as exc:  # a corrupt workbook can fail in many ways inside openpyxl
        raise InputError(path, f"unreadable .xlsx workbook ({type(exc).__name__})") from exc
    records = [(cells[0].row, [_cell_text(c) for c in cells]) for cells in sheet.iter_rows()]
    dialect = {"format": "xlsx", "encoding": None, "delimiter": None, "sheet": sheet.title}
    return _table(path, records, dialect)


def _cell_text(cell) -> str:
    """A spreadsheet cell as the text a user sees (percent-formatted numbers get a '%')."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            return f"{round(value * 100, 6):g}%"
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return f"{value.isoformat()} (a date: Excel may have turned 1/3 into a date)"
    return str(value)


def _table(path: Path, records: list[tuple[int, list[str]]], dialect: dict) -> _Table:
    """Split records into header and data rows, dropping entirely blank rows."""
    records = [(line, cells) for line, cells in records if any(c.strip() for c in cells)]
    if not records:
        raise InputError(path, "file is empty")
    (header_line, header), rows = records[0], records[1:]
    header = [h.replace("\ufeff", "").strip() for h in header]
    if not rows:
        raise InputError(path, "file has a header but no data rows", row=header_line)
    return _Table(header, header_line, rows, dialect)


# --- header -------------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Case-, whitespace- and diacritics-insensitive form of a header or answer."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _location_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _milestone_keys(codebook: Codebook) -> dict[str, str]:
    """Every accepted spelling of each milestone (normalised) -> its code."""
    keys = {}
    for number, row in codebook.milestones.iterrows():
        n = int(number)
        for spelling in (
            row["code"],
            f"M{n}",
            str(n),
            f"{n:02d}",
            f"Mijlpaal {n}",
            f"Mijlpaal {n:02d}",
            row["short_name_nl"],
        ):
            keys[_norm(spelling)] = row["code"]
    return keys


def _map_header(path: Path, table: _Table, keys: dict[str, str]) -> _Layout:
    """Decide the layout and what each column means; header errors first, left to right."""
    header, row = table.header, table.header_line
    norms = [_norm(h) for h in header]
    locations = [i for i, n in enumerate(norms) if n in LOCATION_HEADERS]
    if not locations:
        expected = ", ".join(sorted(LOCATION_HEADERS))
        raise InputError(path, f"missing location column (one of: {expected})", row=row)
    if len(locations) > 1:
        first, second = (header[i] for i in locations[:2])
        raise InputError(
            path, f"two location columns: {first!r} and {second!r}", row=row, column=second
        )
    long = not any(n in keys for n in norms) and any(
        n in LONG_MILESTONE_HEADERS | LONG_ANSWER_HEADERS for n in norms
    )
    layout = _Layout("long" if long else "wide", locations[0])
    layout.header[header[layout.location]] = "location"
    for i, (name, norm) in enumerate(zip(header, norms, strict=True)):
        if i == layout.location:
            continue
        if not name:
            if any(i < len(cells) and cells[i].strip() for _, cells in table.rows):
                raise InputError(path, f"column {i + 1} has data but no header", row=row)
            continue
        meaning = _column_meaning(norm, long, keys)
        if meaning is None:
            hint = (
                "long layout: location, milestone, answer"
                if long
                else "milestone columns are named like M01, 1, Mijlpaal 1 or the short name"
            )
            raise InputError(path, f"unknown column ({hint})", row=row, column=name)
        if meaning in layout.header.values():
            raise InputError(path, f"second column for {meaning}", row=row, column=name)
        layout.header[name] = meaning
        if meaning == "milestone":
            layout.milestone = i
        elif meaning == "answer":
            layout.answer = i
        else:
            layout.milestones[i] = meaning
    _check_complete(path, layout, keys, row)
    return layout


def _column_meaning(norm: str, long: bool, keys: dict[str, str]) -> str | None:
    if long:
        if norm in LONG_MILESTONE_HEADERS:
            return "milestone"
        return "answer" if norm in LONG_ANSWER_HEADERS else None
    return keys.get(norm)


def _check_complete(path: Path, layout: _Layout, keys: dict[str, str], row: int) -> None:
    if layout.kind == "long":
        for name, column in (("milestone", layout.milestone), ("answer", layout.answer)):
            if column is None:
                raise InputError(path, f"missing {name} column in a long-layout file", row=row)
        return
    missing = [code for code in dict.fromkeys(keys.values()) if code not in layout.header.values()]
    if missing:
        raise InputError(path, f"missing milestone column(s): {', '.join(missing)}", row=row)


# --- answers ------------------------------------------------------------------------------


class _AnswerParser:
    """Map one answer cell to a category code, by the policy in the module docstring."""

    def __init__(self, codebook: Codebook, *, percentages: bool) -> None:
        cats = codebook.categories
        self.words: dict[str, tuple[int, str]] = {}
        for code, row in cats.iterrows():
            self.words[_norm(row["label_nl"])] = (int(code), "label")
            self.words[_norm(row["label_long_nl"])] = (int(code), "label")
            self.words[_norm(row["colour_nl"])] = (int(code), "colour")
        self.points = dict(cats["points"].items())
        self.bands = codebook.bands
        self.percentages = percentages

    def parse(self, raw: str) -> tuple[int | None, str | None]:
        """(category, answer style), (None, None) for a blank cell; ValueError if unknown."""
        text = _norm(raw)
        if not text:
            return None, None
        if text in self.words:
            return self.words[text]
        if match := _PERCENT.fullmatch(text):
            return self._percentage(raw, Fraction(match[1].replace(",", "."))), "percentage"
        if match := _FRACTION.fullmatch(text):
            numerator, denominator = int(match[1]), int(match[2])
            if denominator:
                return self._points(raw, Fraction(numerator, denominator), exact=True), "points"
        if _NUMBER.fullmatch(text):
            if self.percentages:
                raise ValueError(
                    f"bare number {raw.strip()!r} in a file that uses percentages is "
                    "ambiguous (points or percent?); write it with a '%'"
                )
            return self._points(raw, Fraction(text.replace(",", ".")), exact=False), "points"
        raise ValueError(f"unknown answer {raw.strip()!r}; {ANSWER_HELP}")

    def _percentage(self, raw: str, value: Fraction) -> int:
        whole = math.floor(value)
        for code, low, high in self.bands:
            if low <= whole <= high:
                return code
        raise ValueError(f"unknown answer {raw.strip()!r}: percentage outside 0%-100%")

    def _points(self, raw: str, value: Fraction, *, exact: bool) -> int:
        tolerance = 0 if exact else POINTS_TOLERANCE
        for code, points in self.points.items():
            if abs(value - points) <= tolerance:
                return code
        raise ValueError(
            f"unknown answer {raw.strip()!r}: bare numbers are points (0, 1/3, 2/3, 1; decimals "
            "within 0.01), not category codes; " + ANSWER_HELP
        )


def _answer_columns(layout: _Layout) -> list[int]:
    return list(layout.milestones) if layout.kind == "wide" else [layout.answer]


def _uses_percentages(table: _Table, layout: _Layout) -> bool:
    columns = _answer_columns(layout)
    return any(
        _PERCENT.fullmatch(_norm(cells[i]))
        for _, cells in table.rows
        for i in columns
        if i < len(cells)
    )


# --- rows ---------------------------------------------------------------------------------


def _check_fields(path: Path, table: _Table, line: int, cells: list[str]) -> None:
    """A row must have a field for every header column; extra fields must be blank."""
    width = table.width
    if len(cells) < width:
        raise InputError(
            path,
            f"truncated row: {len(cells)} fields, the header has {width}",
            row=line,
            column=table.header[len(cells)] or None,
        )
    extra = [i for i in range(width, len(cells)) if cells[i].strip()]
    if extra:
        raise InputError(
            path,
            f"{len(cells)} fields, the header has {width}: field {extra[0] + 1} has data but "
            "no column header (a separator inside an unquoted value?)",
            row=line,
        )


def _location(path: Path, cell: str, line: int, column: str) -> str:
    location = cell.strip()
    if not location:
        raise InputError(path, "empty location", row=line, column=column)
    return location


def _wide_answers(
    path: Path, table: _Table, layout: _Layout, parser: _AnswerParser
) -> list[_Answer]:
    loc_column = table.header[layout.location]
    seen: dict[str, int] = {}
    answers = []
    for line, cells in table.rows:
        _check_fields(path, table, line, cells)
        row_answers = []
        location = ""
        for i, cell in enumerate(cells):
            if i == layout.location:
                location = _location(path, cell, line, loc_column)
                key = _location_key(location)
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
    path: Path, table: _Table, layout: _Layout, parser: _AnswerParser, keys: dict[str, str]
) -> list[_Answer]:
    header = table.header
    loc_column, ms_column = header[layout.location], header[layout.milestone]
    answer_column = header[layout.answer]
    spelling: dict[str, tuple[str, int]] = {}  # location key -> (as first written, row)
    seen: dict[tuple[str, str], int] = {}
    values: dict[str, str] = {}
    answers = []
    for line, cells in table.rows:
        _check_fields(path, table, line, cells)
        location = _location(path, cells[layout.location], line, loc_column)
        key = _location_key(location)
        first, first_line = spelling.setdefault(key, (location, line))
        if location != first:
            raise InputError(
                path,
                f"location {location!r} is written differently on row {first_line}: {first!r}",
                row=line,
                column=loc_column,
            )
        raw_milestone = cells[layout.milestone].strip()
        milestone = keys.get(_norm(raw_milestone))
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
    path: Path, parser: _AnswerParser, cell: str, line: int, column: str
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


# --- sidecar ------------------------------------------------------------------------------


def _read_sidecar(path: Path) -> dict | None:
    """The export's sidecar metadata (a JSON object), or None when there is none."""
    if not path.is_file():
        return None
    try:
        content = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(path, "sidecar metadata is not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", row=exc.lineno) from exc
    if not isinstance(content, dict):
        raise InputError(path, "sidecar metadata must be a JSON object")
    if not isinstance(content.get("synthetic", False), bool):
        raise InputError(path, "'synthetic' must be true or false")
    return content


def load_answers(period: str, paths: Paths) -> pd.DataFrame:
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


def raw_periods(paths: Paths, up_to: str) -> tuple[list[str], list[str]]:
    """Period folders under data/raw/landkaart up to and including `up_to`, oldest first.

    Returns (periods, ignored): folders whose name is not a period (e.g. '2009-t3') are
    ignored and listed so the caller can warn about them.
    """
    from analysis.core.periods import Period

    last = Period.parse(up_to)
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
    return [str(p) for p in sorted(periods)], ignored
