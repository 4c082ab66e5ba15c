"""Customer-survey respondents: one wave per folder, validated, written as Parquet.

``data/raw/enquetes/<wave>/`` (wave ``YYYY-H1`` or ``YYYY-H2``, `analysis.study.waves`) holds

- one respondent file (``.csv`` or ``.xlsx`` in the dialects of `analysis.ingest.tabular`, or
  ``.parquet`` for national-scale files): one row per respondent with the columns of
  `COLUMNS` (headers match case-, space-, underscore- and diacritics-insensitively; the
  aliases in `_ALIASES` are accepted too), and an optional sidecar ``<same stem>.json``;
- optionally a sample frame, a file whose name starts with ``steekproef``: per location the
  number of people invited (columns ``locatie``, ``uitgenodigd``), for response rates.

Cells: a score is a whole number 1-10 or blank (not answered); ``vaste_contactpersoon`` is
ja/nee (true/false from a Parquet boolean) or blank; ``uitkering`` is WW, WWB, anders or
geen (blank: unknown); ``dagen_eerste_betaling`` is a whole number of days 0-3650, blank
when unknown and always blank for ``geen``. The first problem in file order raises one
InputError with file, row (header = row 1, also for Parquet) and column as written. The
processed wave is ``data/processed/enquetes/<wave>/respondenten.parquet`` (language-neutral
columns, see `PROCESSED_SCHEMA`) plus ``metadata.json``; the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.core.atomic import atomic_path
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.core.values import visible
from analysis.ingest.tabular import norm, read_bytes, read_sidecar, read_table
from analysis.study.waves import Wave

PRINCIPLES = ("accessibility", "personal_attention", "customisation", "timeliness", "clarity")
OVERALL = "overall"
SCORES = (*PRINCIPLES, OVERALL)
# Raw header (as in an export) -> processed column.
COLUMNS = {
    "meting": "wave",
    "locatie": "location",
    "bereikbaarheid": "accessibility",
    "persoonlijke_aandacht": "personal_attention",
    "maatwerk": "customisation",
    "tijdigheid": "timeliness",
    "duidelijkheid": "clarity",
    "totaal": OVERALL,
    "vaste_contactpersoon": "fixed_contact",
    "uitkering": "benefit",
    "dagen_eerste_betaling": "days_to_payment",
}
_ALIASES = {
    "wave": "wave", "werkplein": "location", "location": "location",
    "bereikbaarheid en toegankelijkheid": "accessibility",
    "totale dienstverlening": OVERALL, "totaaloordeel": OVERALL,
    "vast contactpersoon": "fixed_contact", "dagen tot eerste betaling": "days_to_payment",
}  # fmt: skip
BENEFITS = {"ww": "ww", "wwb": "wwb", "anders": "other", "ander": "other", "overig": "other",
            "geen": "none", "geen uitkering": "none"}  # fmt: skip
YES_NO = {"ja": True, "j": True, "nee": False, "n": False, "true": True, "false": False}
MAX_DAYS = 3650
INGEST_VERSION = "1"  # raise when the processed output of the same input changes
_DIGITS = re.compile(r"[0-9]{1,6}")
SAMPLE_PREFIX = "steekproef"
RESPONDENT_SUFFIXES = (".csv", ".xlsx", ".parquet")
PROCESSED_SCHEMA = pa.schema(
    [("wave", pa.string()), ("location", pa.string())]
    + [(s, pa.int8()) for s in SCORES]
    + [("fixed_contact", pa.bool_()), ("benefit", pa.string()), ("days_to_payment", pa.int16())]
)


def header_key(text: str, required: dict[str, str]) -> str | None:
    """The processed column (a key of `required`: processed -> raw name) a header names."""
    key = norm(text.replace("_", " "))
    by_norm = {norm(raw.replace("_", " ")): col for col, raw in required.items()}
    found = by_norm.get(key) or _ALIASES.get(key)
    return found if found in required else None


# --- files of a wave ----------------------------------------------------------------------


def raw_waves(paths: Paths, up_to: Period | None = None) -> tuple[list[Wave], list[str]]:
    """Wave folders under data/raw/enquetes reported in `up_to` (None: all), oldest first,
    and the names of folders that are not a wave (ignored, for a warning)."""
    root = paths.enquetes_root
    waves, ignored = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        try:
            wave = Wave.parse(folder.name)
        except ValueError:
            ignored.append(folder.name)
            continue
        if up_to is None or wave.reported_in(up_to):
            waves.append(wave)
    return sorted(waves), ignored


def find_files(wave: Wave, paths: Paths) -> tuple[Path, Path | None]:
    """The wave's respondent file and its sample frame (None when there is none)."""
    folder = paths.enquetes_raw(str(wave))
    if not folder.is_dir():
        raise InputError(folder, f"folder for survey wave {wave} not found")
    files = sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
    )
    data = [p for p in files if p.suffix.lower() in RESPONDENT_SUFFIXES]
    samples = [p for p in data if p.name.lower().startswith(SAMPLE_PREFIX)]
    respondents = [p for p in data if p not in samples]
    if len(respondents) != 1 or len(samples) > 1:
        kind = "respondent files" if len(respondents) != 1 else f"{SAMPLE_PREFIX} files"
        found = ", ".join(p.name for p in (respondents if len(respondents) != 1 else samples))
        raise InputError(
            folder, f"expected one respondent file (.csv, .xlsx or .parquet) and at most one "
            f"{SAMPLE_PREFIX}* file; found {len(respondents if kind[0] == 'r' else samples)} "
            f"{kind}{': ' + found if found else ''}",
        )  # fmt: skip
    return respondents[0], (samples[0] if samples else None)


# --- reading cells ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cells:
    """A file's data cells as text columns, with each row's line and each column's header."""

    path: Path
    frame: pd.DataFrame  # processed column name -> text cells ('' = blank)
    lines: np.ndarray  # the row as the user sees it (header = 1)
    headers: dict[str, str]  # processed column -> header as written
    dialect: dict
    sha256: str


def read_cells(path: Path, required: dict[str, str]) -> Cells:
    """Read a .csv/.xlsx/.parquet file into text cells of the `required` columns
    (processed name -> raw name); an unknown or missing column is an error."""
    if path.suffix.lower() == ".parquet":
        raw, lines, header_line, dialect, digest = _parquet_cells(path)
    else:
        data = read_bytes(path)
        table = read_table(path, data)
        width = table.width
        rows = [cells[:width] + [""] * (width - len(cells)) for _, cells in table.rows]
        raw = pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame()
        raw.columns = table.header[:width]
        lines = np.array([line for line, _ in table.rows])
        header_line, dialect = table.header_line, table.dialect
        digest = hashlib.sha256(data).hexdigest()
    headers: dict[str, str] = {}
    for name in raw.columns:
        if not str(name).strip() and (raw[name].astype(str).str.strip() == "").all():
            continue  # a trailing separator: no header and no data
        key = header_key(str(name), required)
        if key is None:
            known = ", ".join(required.values())
            raise InputError(path, f"unknown column {str(name)!r}; expected {known}",
                             row=header_line, column=str(name))  # fmt: skip
        if key in headers:
            raise InputError(path, f"column {key!r} appears twice", row=header_line,
                             column=str(name))  # fmt: skip
        headers[key] = str(name)
    absent = [raw_name for key, raw_name in required.items() if key not in headers]
    if absent:
        raise InputError(path, f"missing column(s): {', '.join(absent)}", row=header_line)
    frame = pd.DataFrame({k: _per_unique(raw[h], _text) for k, h in headers.items()})
    return Cells(path, frame, lines, headers, dialect, digest)


def _per_unique(column: pd.Series, fn) -> pd.Series:
    """`fn` applied to each distinct value once (survey columns repeat few values)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return pd.Series(np.asarray([fn(u) for u in uniques], dtype=object)[codes])


def _text(value: object) -> str:
    """A cell as the text a user sees: blank for a missing value, '7' for a whole float."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return visible(str(value)).strip()


def _parquet_cells(path: Path) -> tuple[pd.DataFrame, np.ndarray, int, dict, str]:
    try:
        data = path.read_bytes()
        table = pq.read_table(io.BytesIO(data))
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    except (pa.ArrowException, ValueError) as exc:
        raise InputError(path, f"unreadable Parquet file ({type(exc).__name__})") from exc
    if table.num_rows == 0:
        raise InputError(path, "file has a header but no data rows", row=1)
    frame = pd.DataFrame({name: table[name].to_pandas() for name in table.column_names})
    lines = np.arange(2, table.num_rows + 2)
    dialect = {"format": "parquet", "encoding": None, "delimiter": None, "sheet": None}
    return frame, lines, 1, dialect, hashlib.sha256(data).hexdigest()


def first_error(cells: Cells, problems: dict[str, tuple[pd.Series, str]]) -> None:
    """Raise for the first bad cell in file order; `problems` maps a column to (bad mask,
    message), in the file's column order within a row."""
    order = {key: i for i, key in enumerate(cells.headers)}
    found = []
    for key, (bad, message) in problems.items():
        hits = np.flatnonzero(bad.to_numpy())
        if hits.size:
            found.append((hits[0], order[key], key, message))
    if found:
        index, _, key, message = min(found)
        value = cells.frame[key].iloc[index]
        raise InputError(cells.path, message.format(value=value), row=int(cells.lines[index]),
                         column=cells.headers[key])  # fmt: skip


def _whole(text: pd.Series) -> pd.Series:
    """Whole numbers written as digits ('7', '007'; not '7,5', '7e0'); NaN elsewhere."""
    return _per_unique(text, lambda t: float(t) if _DIGITS.fullmatch(t) else np.nan).astype(float)


# --- one wave ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestedWave:
    """One wave's respondents, read and validated, with the bytes it will be written as."""

    wave: Wave
    source: Path
    respondents: pd.DataFrame
    table: bytes  # respondenten.parquet
    metadata: bytes  # metadata.json


def read_respondents(path: Path, wave: Wave) -> tuple[pd.DataFrame, Cells]:
    """Validate a respondent file of `wave` into the processed frame (`PROCESSED_SCHEMA`)."""
    cells = read_cells(path, {v: k for k, v in COLUMNS.items()})
    f = cells.frame
    scores = {s: _whole(f[s]) for s in SCORES}
    days = _whole(f["days_to_payment"])
    benefit = _per_unique(f["benefit"], lambda t: BENEFITS.get(norm(t)) if t else "")
    problems = {
        "wave": (f["wave"] != str(wave), f"wave {{value!r}} is not {wave}, the wave of the "
                 "folder the file lies in"),
        "location": ((f["location"] == "") | (f["location"].str.len() > 100),
                     "location {value!r}: must be given (at most 100 characters)"),
        **{s: ((f[s] != "") & ~scores[s].between(1, 10),
               "score {value!r}: expected a whole number 1-10 or blank") for s in SCORES},
        "fixed_contact": (_per_unique(f["fixed_contact"], lambda t: bool(t) and norm(t)
                                      not in YES_NO).astype(bool),
                          "{value!r}: expected ja, nee or blank"),
        "benefit": (benefit.isna(), "benefit type {value!r}: expected WW, WWB, anders, geen or "
                    "blank"),
        "days_to_payment": (
            ((f["days_to_payment"] != "") & ~days.between(0, MAX_DAYS))
            | ((benefit == "none") & (f["days_to_payment"] != "")),
            f"days to first payment {{value!r}}: expected a whole number 0-{MAX_DAYS}, blank "
            "for respondents without a benefit (uitkering geen)",
        ),
    }  # fmt: skip
    first_error(cells, {k: problems[k] for k in cells.headers})
    out = pd.DataFrame(
        {
            "wave": f["wave"],
            "location": f["location"],
            **{s: scores[s].astype("Int8") for s in SCORES},
            "fixed_contact": _per_unique(f["fixed_contact"], lambda t: YES_NO.get(norm(t))).astype(
                "boolean"
            ),
            "benefit": benefit.replace("", None).astype(object),
            "days_to_payment": days.astype("Int16"),
        }
    )
    return out, cells


def read_sample(path: Path) -> tuple[dict[str, int], Cells]:
    """A sample frame: invited per location (unique locations, whole numbers >= 1)."""
    cells = read_cells(path, {"location": "locatie", "invited": "uitgenodigd"})
    f = cells.frame
    invited = _whole(f["invited"])
    problems = {
        "location": ((f["location"] == "") | f["location"].duplicated(),
                     "location {value!r}: must be given, once"),
        "invited": (~(invited >= 1), "invited {value!r}: expected a whole number of at least 1"),
    }  # fmt: skip
    first_error(cells, problems)
    return dict(zip(f["location"], invited.astype(int), strict=True)), cells


def read_wave(wave: Wave, paths: Paths) -> IngestedWave:
    """Find, read and validate a wave's files; write nothing."""
    source, sample_file = find_files(wave, paths)
    respondents, cells = read_respondents(source, wave)
    sidecar = read_sidecar(source.with_suffix(".json"))
    invited = None
    sample_meta = None
    if sample_file is not None:
        invited, sample_cells = read_sample(sample_file)
        _check_sample(cells, respondents, invited, sample_cells)
        sample_meta = {"source": _relative(sample_file, paths), "sha256": sample_cells.sha256}
    metadata = {
        "ingest_version": INGEST_VERSION,
        "wave": str(wave),
        "source": _relative(source, paths),
        "sha256": cells.sha256,
        "dialect": cells.dialect,
        "respondents": len(respondents),
        "locations": int(respondents["location"].nunique()),
        "invited": invited,
        "sample_frame": sample_meta,
        "synthetic": bool(sidecar.get("synthetic", False)) if sidecar else False,
        "source_metadata": sidecar,
    }
    return IngestedWave(
        wave,
        source,
        respondents,
        parquet_bytes(respondents),
        (json.dumps(metadata, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode(),
    )


def _check_sample(
    cells: Cells, respondents: pd.DataFrame, invited: dict[str, int], sample: Cells
) -> None:
    unknown = ~respondents["location"].isin(list(invited))
    first_error(cells, {"location": (unknown, "location {value!r} is not in the sample frame "
                                     f"{sample.path.name}")})  # fmt: skip
    counts = respondents["location"].value_counts()
    over = sample.frame["location"].map(counts).fillna(0) > pd.Series(
        [invited[loc] for loc in sample.frame["location"]]
    )
    first_error(sample, {"invited": (over, "invited {value!r}: fewer than the respondents of "
                                     "this location in the respondent file")})  # fmt: skip


def _relative(path: Path, paths: Paths) -> str:
    try:
        return path.resolve().relative_to(paths.root.resolve()).as_posix()
    except ValueError:
        return path.name


def parquet_bytes(frame: pd.DataFrame, schema: pa.Schema = PROCESSED_SCHEMA) -> bytes:
    """A frame as Parquet with a fixed schema and settings and no pandas metadata: the same
    values always give the same bytes (for one pyarrow version)."""
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    table = table.replace_schema_metadata(None)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", compression_level=9, use_dictionary=True)
    return buffer.getvalue()


def write_wave(ingested: IngestedWave, paths: Paths) -> Path:
    """Write a read wave to data/processed (both files atomically, only when they changed)."""
    out = paths.enquetes_processed(str(ingested.wave))
    meta = out.with_name("metadata.json")
    current = (out.read_bytes() if out.is_file() else b"", meta.read_bytes() if meta.is_file()
               else b"")  # fmt: skip
    if current != (ingested.table, ingested.metadata):
        with atomic_path(out) as tmp_table, atomic_path(meta) as tmp_meta:
            tmp_table.write_bytes(ingested.table)
            tmp_meta.write_bytes(ingested.metadata)
    return out


def ingest_wave(wave: Wave, paths: Paths) -> Path:
    """Read, validate and write one wave (`read_wave`, then `write_wave`); a processed wave
    that is `up_to_date` is left as it is. Nothing is written when the input is bad."""
    if up_to_date(wave, paths):
        return paths.enquetes_processed(str(wave))
    return write_wave(read_wave(wave, paths), paths)


def up_to_date(wave: Wave, paths: Paths) -> bool:
    """True when the processed wave's metadata names the same input files (sha256), sidecar
    and ingest version as the raw folder holds now."""
    out = paths.enquetes_processed(str(wave))
    return _up_to_date(wave, paths, out, out.with_name("metadata.json"))


def _up_to_date(wave: Wave, paths: Paths, out: Path, meta: Path) -> bool:
    if not (out.is_file() and meta.is_file()):
        return False
    try:
        known = json.loads(meta.read_text("utf-8"))
        source, sample = find_files(wave, paths)
        sample_sha = hashlib.sha256(sample.read_bytes()).hexdigest() if sample else None
        return (
            known.get("ingest_version") == INGEST_VERSION
            and known.get("source") == _relative(source, paths)
            and known.get("sha256") == hashlib.sha256(source.read_bytes()).hexdigest()
            and (known.get("sample_frame") or {}).get("sha256") == sample_sha
            and known.get("source_metadata") == read_sidecar(source.with_suffix(".json"))
        )
    except (OSError, ValueError, InputError):
        return False


def load_metadata(wave: Wave, paths: Paths) -> dict:
    """metadata.json of a processed wave."""
    return json.loads(paths.enquetes_processed(str(wave)).with_name("metadata.json").read_text())


def stage(unit: str, paths: Paths) -> str:
    """The ingest step of one wave (analysis.pipeline): validate, then write to the stage."""
    write_wave(wave := read_wave(Wave.parse(unit), paths.unstaged()), paths)
    return f"{wave.source.name}: {len(wave.respondents)} respondents"
