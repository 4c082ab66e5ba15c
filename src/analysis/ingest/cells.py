"""A respondent-like file (one row per person) as batches of text cells, in bounded memory.

National survey files can hold hundreds of millions of rows, so they are never read whole:

- ``.parquet`` is read one batch of `BATCH_ROWS` rows at a time (pyarrow), each column turned
  into text cells once per distinct value (a column of scores holds a dozen distinct values);
  the number of rows is known from the footer, and a file with more than `max_rows()` rows is
  refused before any row is read;
- ``.csv`` and ``.xlsx`` are read with the dialects of `analysis.ingest.tabular` (whole, up to
  its `MAX_FILE`: save larger files as Parquet) and then cut into the same batches.

Either way the header is checked first: every column must be one of the `required` ones (a
column named twice, an unknown column, a Parquet column of lists, structs, maps or binary
data is refused by its name), and every required one must be there. Each batch holds the
text of the required columns ('' = blank) and the line of each row as a user sees it
(header = 1, also for Parquet). `first_error` raises for the first bad cell of a batch.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.core import inputs
from analysis.core.errors import InputError, quote
from analysis.core.values import visible
from analysis.ingest.tabular import Table, check_unnamed, read_bytes, read_table

BATCH_ROWS = 2**20  # rows validated (and written) at a time: a few hundred MB at most
MAX_ROWS_ENV = "ANALYSIS_MAX_ROWS"
DEFAULT_MAX_ROWS = 250_000_000  # about 2,5 x every Dutch adult; a bigger file is refused
_DIGITS = re.compile(r"[0-9]{1,6}")


def max_rows() -> int:
    """The most rows a respondent file may have (`ANALYSIS_MAX_ROWS`, default 250 million)."""
    try:
        return max(1, int(os.environ.get(MAX_ROWS_ENV, DEFAULT_MAX_ROWS)))
    except ValueError:
        return DEFAULT_MAX_ROWS


@dataclass(frozen=True)
class Batch:
    """Consecutive data rows of a file: text cells by processed column, and their lines."""

    frame: pd.DataFrame  # processed column -> text cells ('' = blank), index 0..n-1
    lines: np.ndarray  # the row as the user sees it (header = 1)


@dataclass(frozen=True)
class Cells:
    """An open file whose header was checked: its batches are read on demand."""

    path: Path
    headers: dict[str, str]  # processed column -> header as written, in file order
    header_line: int
    rows: int
    dialect: dict
    batches: Callable[[], Iterator[Batch]]
    sha256: str  # of the bytes validated (the file is read once)


@contextmanager
def open_cells(path: Path, required: dict[str, str],
               key_of: Callable[[str], str | None]) -> Iterator[Cells]:  # fmt: skip
    """The file's cells (see the module docstring); `required` maps each processed column to
    its name in an export, `key_of` a header as written to its processed column (or None)."""
    if path.suffix.lower() == ".parquet":
        with inputs.open_input(path) as handle:
            yield _parquet(path, handle, required, key_of)
    else:
        yield _tabular(path, required, key_of)


def map_headers(path: Path, names: list[str], line: int, required: dict[str, str],
                key_of: Callable[[str], str | None]) -> dict[str, str]:  # fmt: skip
    """Each processed column -> its header as written; an unknown column, one named twice
    and a missing one are refused by name (`required`: processed column -> export name)."""
    repeated = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if repeated is not None:
        raise InputError(path, f"column {quote(repeated)} appears twice", row=line,
                         column=repeated)  # fmt: skip
    headers: dict[str, str] = {}
    for name in names:
        key = key_of(name)
        if key is None:
            known = ", ".join(required.values())
            raise InputError(path, f"unknown column {quote(name)}; expected {known}", row=line,
                             column=name)  # fmt: skip
        if key in headers:
            raise InputError(path, f"column {quote(required[key])} appears twice (also as "
                             f"{quote(headers[key])})", row=line, column=name)  # fmt: skip
        headers[key] = name
    absent = [raw for key, raw in required.items() if key not in headers]
    if absent:
        raise InputError(path, f"missing columns: {', '.join(absent)}", row=line)
    return headers


def table_columns(path: Path, table: Table, required: dict[str, str],
                  key_of: Callable[[str], str | None]) -> dict[str, int]:  # fmt: skip
    """Each processed column -> its index in a `tabular.Table` (`map_headers`). A column
    without a header is none when it holds no data either (a trailing separator)."""
    kept = []
    for i, name in enumerate(table.header[: table.width]):
        if not name:  # headers are stripped (`tabular`)
            check_unnamed(path, table, i, table.header_line)
            continue
        kept.append((i, name))
    headers = map_headers(path, [n for _, n in kept], table.header_line, required, key_of)
    index = {name: i for i, name in kept}
    return {key: index[name] for key, name in headers.items()}


def _tabular(path: Path, required: dict[str, str], key_of) -> Cells:
    data = read_bytes(path)
    table = read_table(path, data)
    index = table_columns(path, table, required, key_of)
    headers = {key: table.header[i] for key, i in index.items()}
    if len(table.rows) > max_rows():
        raise InputError(path, f"{len(table.rows)} rows: more than {max_rows()}")

    def batches() -> Iterator[Batch]:
        for start in range(0, len(table.rows), BATCH_ROWS):
            part = table.rows[start : start + BATCH_ROWS]
            columns = {}
            for key, i in index.items():
                raw = pd.Series([c[i] if i < len(c) else "" for _, c in part], dtype=object)
                columns[key] = pd.Series(pd.Categorical(per_unique(raw, text)))
            lines = np.array([line for line, _ in part])
            yield Batch(pd.DataFrame(columns), lines)

    digest = hashlib.sha256(data).hexdigest()
    return Cells(path, headers, table.header_line, len(table.rows), table.dialect, batches, digest)


def _parquet(path: Path, handle, required: dict[str, str], key_of) -> Cells:
    digest = inputs.handle_sha256(handle, path)
    handle.seek(0)
    try:
        parquet = pq.ParquetFile(handle)
        schema = parquet.schema_arrow
        rows = parquet.metadata.num_rows
    except (pa.ArrowException, ValueError, OSError) as exc:
        raise InputError(path, f"unreadable Parquet file ({type(exc).__name__})") from None
    names = list(schema.names)
    for field in schema:
        if not _supported(field.type):
            what = quote(str(field.type), 40)
            raise InputError(path, f"column of {what} values: expected text, whole numbers or "
                             "true/false", row=1, column=field.name)  # fmt: skip
    headers = map_headers(path, names, 1, required, key_of)
    if rows > max_rows():
        limit = f"{rows:,} rows: more than the {max_rows():,}".replace(",", ".")
        raise InputError(path, f"{limit} a respondent file may have (set {MAX_ROWS_ENV} to "
                         "allow more)")  # fmt: skip
    if rows == 0:
        raise InputError(path, "file has a header but no data rows", row=1)
    dialect = {"format": "parquet", "encoding": None, "delimiter": None, "sheet": None}

    def batches() -> Iterator[Batch]:
        first = 2
        try:
            reader = parquet.iter_batches(batch_size=BATCH_ROWS, columns=list(headers.values()),
                                          use_threads=False)  # fmt: skip
            for batch in reader:
                columns = {key: arrow_text(batch.column(name)) for key, name in headers.items()}
                lines = np.arange(first, first + batch.num_rows)
                first += batch.num_rows
                yield Batch(pd.DataFrame(columns), lines)
        except (pa.ArrowException, ValueError, OSError) as exc:
            raise InputError(path, f"unreadable Parquet file ({type(exc).__name__})",
                             row=first) from None  # fmt: skip

    return Cells(path, headers, 1, rows, dialect, batches, digest)


def _supported(kind: pa.DataType) -> bool:
    """Text, whole or decimal numbers, true/false, or nothing (and dictionaries of those)."""
    if pa.types.is_dictionary(kind):
        return _supported(kind.value_type)
    return (pa.types.is_string(kind) or pa.types.is_large_string(kind)
            or pa.types.is_integer(kind) or pa.types.is_floating(kind)
            or pa.types.is_boolean(kind) or pa.types.is_null(kind))  # fmt: skip


def arrow_text(column: pa.Array) -> pd.Series:
    """An Arrow column as categorical text cells (`text`), each distinct value converted once
    (no Python object per row)."""
    encoded = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)
    values = encoded.dictionary.to_pylist()
    texts = np.asarray([text(v) for v in values] + [""], dtype=object)
    codes = encoded.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)
    categories, inverse = np.unique(texts.astype(str), return_inverse=True)
    return pd.Series(pd.Categorical.from_codes(inverse[codes], categories=categories))


def categorical(column: pd.Series) -> pd.Categorical:
    """Text cells as a categorical (they usually are already)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.array
    return pd.Categorical(column.astype(str))


def mapped(column: pd.Series, fn, dtype: object = object) -> np.ndarray:
    """`fn` of each row's text, computed once per distinct text (as an array of `dtype`)."""
    cat = categorical(column)
    per_value = np.asarray([fn(c) for c in cat.categories], dtype=dtype)
    if per_value.size == 0:
        return np.empty(len(cat), dtype=per_value.dtype)
    return per_value[cat.codes]


def per_unique(column: pd.Series, fn) -> pd.Series:
    """`fn` applied to each distinct value once (survey columns repeat few values)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return pd.Series(np.asarray([fn(u) for u in uniques], dtype=object)[codes])


def text(value: object) -> str:
    """A cell as the text a user sees: blank for a missing value, '7' for a whole float."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return visible(str(value)).strip()


def whole(cells: pd.Series) -> np.ndarray:
    """Whole numbers written as digits ('7', '007'; not '7,5', '7e0'); NaN elsewhere."""
    return mapped(cells, lambda t: float(t) if _DIGITS.fullmatch(t) else np.nan, float)


def arrow_codes(column: pd.Series, fn, kind: pa.DataType) -> pa.Array:
    """A processed Arrow column from text cells: `fn` of each distinct text (None: null)."""
    cat = categorical(column)
    values = [fn(c) for c in cat.categories]
    dictionary = pa.array(values, type=kind)
    return pa.DictionaryArray.from_arrays(pa.array(cat.codes), dictionary).cast(kind)


def number_array(values: np.ndarray, kind: pa.DataType) -> pa.Array:
    """Whole numbers (NaN: null) as an Arrow integer column."""
    blank = np.isnan(values)
    return pa.array(np.where(blank, 0, values).astype(kind.to_pandas_dtype()), type=kind,
                    mask=blank)  # fmt: skip


def first_error(cells: Cells, batch: Batch, problems: dict[str, tuple[pd.Series, str]]) -> None:
    """Raise for the batch's first bad cell in file order; `problems` maps a column to (bad
    mask, message with `{value}`), checked in the file's column order within a row."""
    order = {key: i for i, key in enumerate(cells.headers)}
    found = []
    for key, (bad, message) in problems.items():
        hits = np.flatnonzero(np.asarray(bad, dtype=bool))
        if hits.size:
            found.append((hits[0], order[key], key, message))
    if found:
        index, _, key, message = min(found)
        value = batch.frame[key].iloc[index]
        raise InputError(cells.path, message.format(value=quote(value)),
                         row=int(batch.lines[index]), column=cells.headers[key])  # fmt: skip
