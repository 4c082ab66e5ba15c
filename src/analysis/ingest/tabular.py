"""Read a tabular input file (.csv or .xlsx) into a table of text cells, before any meaning.

Every input kind (Landkaart exports, and later inspection judgements and survey responses)
starts here, so that all of them accept the same dialects and report problems the same way:

- ``.xlsx``: the first visible sheet (hidden sheets are skipped; the log names the sheet
  read); percentage-formatted numbers are read as percentages.
- ``.csv`` separated by ``;``, ``,`` or tab (the one that splits the first lines into the most,
  consistent fields), decoded as UTF-8 (with or without BOM), else Windows-1252; UTF-16 with a
  BOM is also read. A file that mixes UTF-8 and Windows-1252 lines is refused.
- Rows that are entirely blank are skipped; the first other row is the header.

Problems raise one InputError naming the file, the row as the user sees it (header = 1;
spreadsheet row for .xlsx) and, where there is one, the column as written in the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import shutil
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from analysis.core import inputs
from analysis.core.errors import InputError, quote
from analysis.core.values import visible

DELIMITERS = (";", ",", "\t")  # ties go to the first
MAX_FIELD = csv.field_size_limit()  # 128 KiB: no real cell is longer
MAX_FILE = 64 * 2**20  # an export of all Werkpleinen is well under 1 MiB
MAX_SIDECAR = 2**20
MAX_CELLS = 2_000_000  # rows x columns of an .xlsx sheet (a stray cell far away is an error)


@dataclass
class Table:
    """The cells of an export as text, before any interpretation."""

    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]  # (line as the user sees it, cells) of non-blank rows
    dialect: dict

    @property
    def width(self) -> int:
        """Number of fields a data row needs: up to the last column with a header."""
        return max(i for i, h in enumerate(self.header) if h) + 1


def read_bytes(path: Path, limit: int = MAX_FILE) -> bytes:
    """A file's bytes under the input policy (`core.inputs`: regular files inside the
    project, at most `limit` bytes); anything else is bad input, not a crash or a hang."""
    return inputs.read_bytes(path, limit)


def read_input(path: Path) -> tuple[bytes, Table]:
    """An input file's bytes and its Table; a missing or empty file is bad input."""
    if not os.path.lexists(path):
        raise InputError(path, "file not found")
    data = read_bytes(path)
    if not data.strip():
        raise InputError(path, "file is empty")
    return data, read_table(path, data)


def read_table(path: Path, data: bytes) -> Table:
    """The file's bytes as a Table (by its suffix: .xlsx, else CSV)."""
    return _read_xlsx(path, data) if path.suffix.lower() == ".xlsx" else _read_csv(path, data)


def _read_csv(path: Path, data: bytes) -> Table:
    text, encoding = _decode(path, data)
    delimiter = _detect_delimiter(path, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, line = [], 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, _csv_problem(exc), row=line) from exc
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


def _detect_delimiter(path: Path, text: str) -> str:
    """The delimiter giving the most fields, consistently, on the first non-blank lines."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()][:5]
    sample = [line for _, line in lines] or [""]

    def score(delimiter: str) -> tuple[int, int]:
        counts = [len(cells) for cells in csv.reader(sample, delimiter=delimiter)]
        return min(counts), counts[0]

    try:
        return max(DELIMITERS, key=score)
    except csv.Error as exc:
        row = next((n for n, line in lines if len(line) > MAX_FIELD), None)
        raise InputError(path, _csv_problem(exc), row=row) from exc


def _csv_problem(exc: csv.Error) -> str:
    if "field limit" in str(exc):
        return (
            f"a field longer than {MAX_FIELD // 1024} KiB: not a table export (or a quote "
            "that is never closed)"
        )
    return f"cannot parse CSV: {exc}"


def _read_xlsx(path: Path, data: bytes) -> Table:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        shown = [s for s in book.worksheets if s.sheet_state == "visible"]
    except Exception as exc:  # a corrupt workbook can fail in many ways inside openpyxl
        raise InputError(path, f"unreadable .xlsx workbook ({type(exc).__name__})") from exc
    if not shown:
        raise InputError(path, "the workbook has no visible sheet")
    sheet = shown[0]  # hidden sheets (lookup lists, old versions) are not the export
    if sheet.max_row * sheet.max_column > MAX_CELLS:
        raise InputError(
            path, f"sheet {quote(sheet.title)} spans {sheet.max_row} rows x {sheet.max_column} "
            f"columns ({sheet.dimensions}): delete the stray cells far from the table",
        )  # fmt: skip
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


def _table(path: Path, records: list[tuple[int, list[str]]], dialect: dict) -> Table:
    """Split records into header and data rows, dropping entirely blank rows."""
    records = [(line, cells) for line, cells in records if any(c.strip() for c in cells)]
    if not records:
        raise InputError(path, "file is empty")
    (header_line, header), rows = records[0], records[1:]
    header = [h.replace("\ufeff", "").strip() for h in header]
    if not rows:
        raise InputError(path, "file has a header but no data rows", row=header_line)
    return Table(header, header_line, rows, dialect)


def norm(text: str) -> str:
    """Case-, whitespace- and diacritics-insensitive form of a header or answer."""
    decomposed = unicodedata.normalize("NFKD", visible(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def check_unnamed(path: Path, table: Table, i: int, row: int) -> None:
    """Column `i` has no header: bad input when it holds data (else a trailing separator)."""
    if any(i < len(cells) and cells[i].strip() for _, cells in table.rows):
        raise InputError(path, f"column {i + 1} has data but no header", row=row)


def check_fields(path: Path, table: Table, line: int, cells: list[str]) -> None:
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


def read_sidecar(path: Path) -> dict | None:
    """The export's sidecar metadata (a JSON object), or None when there is none."""
    if not os.path.lexists(path):
        return None
    content = inputs.read_json(path, limit=MAX_SIDECAR)
    if not isinstance(content, dict):
        raise InputError(path, "sidecar metadata must be a JSON object")
    if not isinstance(content.get("synthetic", False), bool):
        raise InputError(path, "'synthetic' must be true or false")
    return content


# --- the files of an input folder -----------------------------------------------------------


def data_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The data files of an input folder (their extension one of `suffixes`, in any case),
    sorted, under the input policy (`core.inputs.folders_and_files`: regular files inside
    the project, names exactly as they are). A .json file that would be a data file's
    sidecar but for the case of its name is refused: it would be ignored, and with it a
    'synthetic' mark."""
    _, files = inputs.folders_and_files(folder)
    data = [p for p in files if p.suffix.lower() in suffixes]
    for path in files:
        if path.suffix.lower() != ".json":
            continue
        for source in data:
            sidecar = source.stem + ".json"
            if path.name != sidecar and path.name.casefold() == sidecar.casefold():
                raise InputError(path, f"the sidecar of {quote(source.name)} must be named "
                                 f"exactly {quote(sidecar)}")  # fmt: skip
    return data


def named_file(folder: Path, name: str) -> Path:
    """`folder / name`; a file whose name is `name` but for its case is refused (it would
    be missed, or read as another file)."""
    if folder.is_dir():
        _, files = inputs.folders_and_files(folder)
        for path in files:
            if path.name != name and path.name.casefold() == name.casefold():
                raise InputError(path, f"the file name must be exactly {quote(name)}")
    return folder / name


def copy_inputs(files: list[Path], folder: Path) -> None:
    """Copy validated input files (those that exist) into a staging folder, bytes unchanged
    (in blocks, under the input policy)."""
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        if os.path.lexists(file):
            with inputs.open_input(file) as source, (folder / file.name).open("wb") as target:
                shutil.copyfileobj(source, target)
