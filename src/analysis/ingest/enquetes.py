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
InputError with file, row (header = row 1, also for Parquet) and column as written.

Memory stays bounded whatever the number of rows: a wave is validated and written one batch
at a time (`analysis.ingest.cells`), so only the distinct locations (at most
`MAX_LOCATIONS`) and their counts are kept for the whole file. The processed wave is
``data/processed/enquetes/<wave>/respondenten.parquet`` (language-neutral columns, see
`PROCESSED_SCHEMA`, one row group per batch) plus ``metadata.json``, which records the sha256
of both the input and the processed file; the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.core import inputs
from analysis.core.atomic import atomic_path
from analysis.core.config import Paths
from analysis.core.errors import InputError, shorten
from analysis.core.periods import LAST_PERIOD, Period
from analysis.ingest.cells import (
    Batch,
    Cells,
    arrow_codes,
    first_error,
    mapped,
    number_array,
    open_cells,
    whole,
)
from analysis.ingest.tabular import data_files, norm, read_sidecar
from analysis.study.dag import units
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
MAX_LOCATION = 100  # characters
MAX_LOCATIONS = 10_000  # distinct locations in a wave (the country has a few hundred)
INGEST_VERSION = "2"  # raise when the processed output of the same input changes
SAMPLE_PREFIX = "steekproef"
RESPONDENT_SUFFIXES = (".csv", ".xlsx", ".parquet")
PROCESSED_SCHEMA = pa.schema(
    [("wave", pa.string()), ("location", pa.string())]
    + [(s, pa.int8()) for s in SCORES]
    + [("fixed_contact", pa.bool_()), ("benefit", pa.string()), ("days_to_payment", pa.int16())]
)


RESPONDENTS = {v: k for k, v in COLUMNS.items()}  # processed -> raw name
SAMPLE = {"location": "locatie", "invited": "uitgenodigd"}


def header_key(text: str, required: dict[str, str]) -> str | None:
    """The processed column (a key of `required`: processed -> raw name) a header names."""
    key = norm(text.replace("_", " "))
    by_norm = {norm(raw.replace("_", " ")): col for col, raw in required.items()}
    found = by_norm.get(key) or _ALIASES.get(key)
    return found if found in required else None


def _cells(path: Path, required: dict[str, str]):
    return open_cells(path, required, lambda text: header_key(text, required))


# --- files of a wave ----------------------------------------------------------------------


def raw_waves(paths: Paths, up_to: Period | None = None) -> tuple[list[Wave], list[str]]:
    """Wave folders under data/raw/enquetes reported in `up_to` (None: all), oldest first,
    listed as a run lists them (`study.dag.units`: a misnamed folder such as '2010-h1' or
    '2009-H2 ' is bad input, never a second copy of a wave), and the names of folders that
    are no wave at all (for a warning)."""
    names, ignored = units("enquetes", "waves", up_to or LAST_PERIOD, paths)
    return [Wave.parse(name) for name in names], ignored


def find_files(wave: Wave, paths: Paths) -> tuple[Path, Path | None]:
    """The wave's respondent file and its sample frame (None when there is none)."""
    folder = paths.enquetes_raw(str(wave))
    if not folder.is_dir():
        raise InputError(folder, f"folder for survey wave {wave} not found")
    data = data_files(folder, RESPONDENT_SUFFIXES)
    samples = [p for p in data if p.name.lower().startswith(SAMPLE_PREFIX)]
    respondents = [p for p in data if p not in samples]
    if len(respondents) != 1 or len(samples) > 1:
        kind = "respondent files" if len(respondents) != 1 else f"{SAMPLE_PREFIX} files"
        listed = respondents if len(respondents) != 1 else samples
        found = shorten(", ".join(p.name for p in listed), 200)
        raise InputError(
            folder, f"expected one respondent file (.csv, .xlsx or .parquet) and at most one "
            f"{SAMPLE_PREFIX}* file; found {len(listed)} {kind}{': ' + found if found else ''}",
        )  # fmt: skip
    return respondents[0], (samples[0] if samples else None)


# --- validating respondents, one batch at a time --------------------------------------------


def respondent_batch(cells: Cells, batch: Batch, wave: Wave) -> pa.Table:
    """A batch of respondent cells validated into processed rows (`PROCESSED_SCHEMA`); every
    check is computed once per distinct text of a column, then spread over the rows."""
    f = batch.frame
    scores = {s: whole(f[s]) for s in SCORES}
    days = whole(f["days_to_payment"])
    blank = {k: mapped(f[k], lambda t: t == "", bool) for k in (*SCORES, "days_to_payment")}
    no_benefit = mapped(f["benefit"], lambda t: BENEFITS.get(norm(t)) == "none", bool)
    problems = {
        "wave": (mapped(f["wave"], lambda t: t != str(wave), bool),
                 f"wave {{value}} is not {wave}, the wave of the folder the file lies in"),
        "location": (mapped(f["location"], lambda t: not t or len(t) > MAX_LOCATION, bool),
                     f"location {{value}}: must be given (at most {MAX_LOCATION} characters)"),
        **{s: (~blank[s] & ~((scores[s] >= 1) & (scores[s] <= 10)),
               "score {value}: expected a whole number 1-10 or blank") for s in SCORES},
        "fixed_contact": (mapped(f["fixed_contact"], lambda t: bool(t) and norm(t) not in YES_NO,
                                 bool), "{value}: expected ja, nee or blank"),
        "benefit": (mapped(f["benefit"], lambda t: bool(t) and norm(t) not in BENEFITS, bool),
                    "benefit type {value}: expected WW, WWB, anders, geen or blank"),
        "days_to_payment": (
            ~blank["days_to_payment"] & (~((days >= 0) & (days <= MAX_DAYS)) | no_benefit),
            f"days to first payment {{value}}: expected a whole number 0-{MAX_DAYS}, blank "
            "for respondents without a benefit (uitkering geen)",
        ),
    }  # fmt: skip
    first_error(cells, batch, problems)
    columns = {
        "wave": arrow_codes(f["wave"], str, pa.string()),
        "location": arrow_codes(f["location"], str, pa.string()),
        **{s: number_array(scores[s], pa.int8()) for s in SCORES},
        "fixed_contact": arrow_codes(f["fixed_contact"], lambda t: YES_NO.get(norm(t)),
                                     pa.bool_()),
        "benefit": arrow_codes(f["benefit"], lambda t: BENEFITS.get(norm(t)), pa.string()),
        "days_to_payment": number_array(days, pa.int16()),
    }  # fmt: skip
    return pa.table(columns, schema=PROCESSED_SCHEMA)


@dataclass
class Tally:
    """What a wave's batches add up to: respondents per location (bounded: at most
    `MAX_LOCATIONS` distinct locations), checked against the sample frame if there is one."""

    cells: Cells
    invited: dict[str, int] | None
    sample: Path | None
    counts: dict[str, int]

    def add(self, batch: Batch) -> None:
        location = batch.frame["location"]
        if self.invited is not None:
            unknown = mapped(location, lambda t: t not in self.invited, bool)
            first_error(self.cells, batch, {"location": (unknown, "location {value} is not in "
                        f"the sample frame {self.sample.name}")})  # fmt: skip
        counts = location.value_counts(sort=False)
        for name in location.unique():  # in the order they appear
            if name not in self.counts and len(self.counts) >= MAX_LOCATIONS:
                first = mapped(location, lambda t, name=name: t == name, bool)
                first_error(self.cells, batch, {"location": (first, "location {value}: more "
                            f"than {MAX_LOCATIONS:,} distinct locations in one wave"
                            .replace(",", "."))})  # fmt: skip
            self.counts[name] = self.counts.get(name, 0) + int(counts[name])

    @property
    def respondents(self) -> int:
        return sum(self.counts.values())


def read_sample(path: Path) -> tuple[dict[str, int], Cells, Batch]:
    """A sample frame: invited per location (unique locations, whole numbers >= 1)."""
    with _cells(path, SAMPLE) as cells:
        parts = list(cells.batches())
    batch = Batch(pd.concat([b.frame for b in parts], ignore_index=True),
                  pd.concat([pd.Series(b.lines) for b in parts]).to_numpy())  # fmt: skip
    f = batch.frame
    invited = whole(f["invited"])
    problems = {
        "location": ((f["location"] == "") | f["location"].duplicated(),
                     "location {value}: must be given, once"),
        "invited": (~(invited >= 1), "invited {value}: expected a whole number of at least 1"),
    }  # fmt: skip
    first_error(cells, batch, problems)
    return dict(zip(f["location"], invited.astype(int).tolist(), strict=True)), cells, batch


def _check_over(tally: Tally, sample: tuple[dict[str, int], Cells, Batch]) -> None:
    invited, cells, batch = sample
    locations = batch.frame["location"]
    over = locations.map(lambda loc: tally.counts.get(loc, 0) > invited[loc])
    first_error(cells, batch, {"invited": (over, "invited {value}: fewer than the respondents "
                               "of this location in the respondent file")})  # fmt: skip


# How processed waves are written, by the writer of batches and of a whole frame alike.
PARQUET_SETTINGS = {"compression": "zstd", "compression_level": 9, "use_dictionary": True}


@contextmanager
def parquet_writer(target) -> Iterator[Callable[[pa.Table], None]]:
    """A writer of processed batches with fixed settings (`parquet_bytes`'s): the same rows
    in the same batches always give the same bytes (for one pyarrow version)."""
    writer = pq.ParquetWriter(target, PROCESSED_SCHEMA, **PARQUET_SETTINGS)
    try:
        yield writer.write_table
    finally:
        writer.close()


def validate_wave(wave: Wave, paths: Paths, target) -> tuple[Path, dict]:
    """Find, read and validate a wave's files, writing the processed rows to `target` (a path
    or a binary file) batch by batch; return the respondent file and the wave's metadata
    (without `table_sha256`)."""
    source, sample_file = find_files(wave, paths)
    sidecar = read_sidecar(source.with_suffix(".json"))
    sample = read_sample(sample_file) if sample_file is not None else None
    with _cells(source, RESPONDENTS) as cells, parquet_writer(target) as write:
        tally = Tally(cells, sample[0] if sample else None, sample_file, {})
        for batch in cells.batches():
            rows = respondent_batch(cells, batch, wave)
            tally.add(batch)
            write(rows)
    if sample is not None:
        _check_over(tally, sample)
    sample_meta = None
    if sample_file is not None:
        sample_meta = {"source": _relative(sample_file, paths), "sha256": sample[1].sha256}
    return source, {
        "ingest_version": INGEST_VERSION,
        "wave": str(wave),
        "source": _relative(source, paths),
        "sha256": cells.sha256,
        "dialect": cells.dialect,
        "respondents": tally.respondents,
        "locations": len(tally.counts),
        "invited": sample[0] if sample else None,
        "sample_frame": sample_meta,
        "synthetic": bool(sidecar.get("synthetic", False)) if sidecar else False,
        "source_metadata": sidecar,
    }


def _metadata_bytes(metadata: dict, table_sha256: str) -> bytes:
    metadata = {**metadata, "table_sha256": table_sha256}
    return (json.dumps(metadata, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def _relative(path: Path, paths: Paths) -> str:
    try:
        return path.resolve().relative_to(paths.root.resolve()).as_posix()
    except ValueError:
        return path.name


def parquet_bytes(frame: pd.DataFrame, schema: pa.Schema = PROCESSED_SCHEMA) -> bytes:
    """A frame as Parquet with a fixed schema and settings and no pandas metadata: the same
    values always give the same bytes (for one pyarrow version)."""
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(None), buffer, **PARQUET_SETTINGS)
    return buffer.getvalue()


# --- one wave in memory (a notebook on a fresh clone), or written -----------------------------


@dataclass(frozen=True)
class IngestedWave:
    """One wave read and validated in memory, with the bytes it will be written as (for
    files of a size that fits in memory; `write_wave` streams any size)."""

    wave: Wave
    source: Path
    table: bytes  # respondenten.parquet
    metadata: bytes  # metadata.json

    @cached_property
    def respondents(self) -> pd.DataFrame:
        """The processed rows (`PROCESSED_SCHEMA`, nullable pandas types)."""
        types = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(),
                 pa.bool_(): pd.BooleanDtype()}  # fmt: skip
        return pq.read_table(io.BytesIO(self.table)).to_pandas(types_mapper=types.get)


def read_wave(wave: Wave, paths: Paths) -> IngestedWave:
    """Find, read and validate a wave's files in memory; write nothing."""
    buffer = io.BytesIO()
    source, metadata = validate_wave(wave, paths, buffer)
    table = buffer.getvalue()
    digest = hashlib.sha256(table).hexdigest()
    return IngestedWave(wave, source, table, _metadata_bytes(metadata, digest))


def write_wave(wave: Wave, paths: Paths, out: Paths | None = None) -> dict:
    """Validate the wave's raw files (under `paths`) and write it, streaming, to the
    processed data of `out` (default `paths`): both files atomically; on bad input nothing
    is written (and no folder is left behind). Returns the metadata written."""
    table = (out or paths).enquetes_processed(str(wave))
    created = next((p for p in reversed(table.parents) if not p.exists()), None)
    try:
        with (atomic_path(table) as tmp_table,
              atomic_path(table.with_name("metadata.json")) as tmp):  # fmt: skip
            _, metadata = validate_wave(wave, paths, str(tmp_table))
            tmp.write_bytes(_metadata_bytes(metadata, inputs.sha256(tmp_table, tmp_table.parent)))
    except BaseException:
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
        raise
    return metadata


def ingest_wave(wave: Wave, paths: Paths) -> Path:
    """Validate and write one wave to data/processed (`write_wave`), unless it is
    `up_to_date`. Nothing is written when the input is bad."""
    if not up_to_date(wave, paths):
        write_wave(wave, paths)
    return paths.enquetes_processed(str(wave))


def up_to_date(wave: Wave, paths: Paths) -> bool:
    """True when the processed wave is intact (its sha256 as recorded) and its metadata
    names the same input files (sha256), sidecar and ingest version as the raw folder holds."""
    out = paths.enquetes_processed(str(wave))
    meta = out.with_name("metadata.json")
    if not (out.is_file() and meta.is_file()):
        return False
    try:
        known = json.loads(meta.read_text("utf-8"))
        source, sample = find_files(wave, paths)
        return (
            known.get("ingest_version") == INGEST_VERSION
            and known.get("table_sha256") == inputs.sha256(out, out.parent)
            and known.get("source") == _relative(source, paths)
            and known.get("sha256") == inputs.sha256(source)
            and (known.get("sample_frame") or {}).get("sha256")
            == (inputs.sha256(sample) if sample else None)
            and known.get("source_metadata") == read_sidecar(source.with_suffix(".json"))
        )
    except (OSError, ValueError, InputError):
        return False


def load_metadata(wave: Wave, paths: Paths) -> dict:
    """metadata.json of a processed wave."""
    return json.loads(paths.enquetes_processed(str(wave)).with_name("metadata.json").read_text())


def stage(unit: str, paths: Paths) -> str:
    """The ingest step of one wave (analysis.pipeline): validate data/raw, streaming the
    processed rows to the stage."""
    metadata = write_wave(Wave.parse(unit), paths.unstaged(), paths)
    return f"{Path(metadata['source']).name}: {metadata['respondents']} respondents"
