"""The optional hook for inspection judgements (`data/raw/inspectie/<period>/`).

A factsheet shows a Werkplein's inspection judgements beside its self-assessment when the
period has inspection data. Reading and validating them is the job of the ingest module
`analysis.ingest.inspectie` (its own issue); this hook only calls it:

- no folder, or no data file in it: no judgements (None);
- data, but no ingest module in this version of the package: no judgements (None);
- otherwise `read_period(period, paths, codebook)` of that module, whose result is a frame (or
  an object with a frame in `.judgements` or `.answers`) with columns location, milestone and
  the judgement as an answer category 0..3 (`category` or `judgement`; <NA> = none). Its
  InputError (file, row, column) passes through unchanged.

`_from_module` is the one place to adapt should the ingest module's interface differ.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

import pandas as pd

from analysis.core.codebook import Codebook
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.ingest.tabular import read_sidecar

INGEST_MODULE = "analysis.ingest.inspectie"
DATA_SUFFIXES = (".csv", ".xlsx")


def folder(period: Period, paths: Paths) -> Path:
    return paths.raw / "inspectie" / str(period)


def data_files(period: Period, paths: Paths) -> list[Path]:
    """The period's inspection data files (not hidden, .csv or .xlsx), sorted."""
    where = folder(period, paths)
    if not where.is_dir():
        return []
    return sorted(
        p
        for p in where.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix.lower() in DATA_SUFFIXES
    )


@dataclass(frozen=True)
class Judgements:
    """The inspection's judgement per inspected location and milestone of one period."""

    period: Period
    frame: pd.DataFrame  # location, milestone, category (Int64)
    synthetic: bool
    files: tuple[tuple[str, str], ...]  # (path relative to the root, sha256) per data file

    @cached_property
    def _by_location(self) -> dict[str, dict[str, int | None]]:
        out: dict[str, dict[str, int | None]] = {}
        for loc, code, cat in zip(self.frame["location"], self.frame["milestone"],
                                  self.frame["category"], strict=True):  # fmt: skip
            out.setdefault(str(loc), {})[str(code)] = None if pd.isna(cat) else int(cat)
        return out

    @property
    def n_locations(self) -> int:
        return len(self._by_location)

    def of(self, location: str) -> dict[str, int | None] | None:
        """One location's judgements by milestone code; None when it was not inspected."""
        return self._by_location.get(location)


def _ingest_module() -> ModuleType | None:
    try:
        return importlib.import_module(INGEST_MODULE)
    except ModuleNotFoundError as err:
        if err.name == INGEST_MODULE:
            return None
        raise


def _from_module(module: ModuleType, period: Period, paths: Paths, codebook: Codebook):
    """(frame, synthetic) from the ingest module's `read_period` (see the module docstring)."""
    result = module.read_period(period, paths, codebook)
    frame = result
    if not isinstance(result, pd.DataFrame):
        frame = next(
            getattr(result, name)
            for name in ("judgements", "answers")
            if isinstance(getattr(result, name, None), pd.DataFrame)
        )
    column = "category" if "category" in frame.columns else "judgement"
    tidy = pd.DataFrame(
        {
            "location": frame["location"].astype(str),
            "milestone": frame["milestone"].astype(str),
            "category": pd.array(frame[column], dtype="Int64"),
        }
    )
    metadata = frame.attrs.get("metadata") or getattr(result, "metadata", None) or {}
    synthetic = bool(getattr(result, "synthetic", False)) or bool(
        isinstance(metadata, dict) and metadata.get("synthetic")
    )
    return tidy, synthetic


def judgements(
    period: Period, paths: Paths, codebook: Codebook, locations: set[str] | None = None
) -> Judgements | None:
    """The period's inspection judgements, or None when there are none to show.

    `locations` (the period's Landkaart locations) restricts the result to them.
    """
    files = data_files(period, paths)
    if not files:
        return None
    module = _ingest_module()
    if module is None:
        return None
    frame, synthetic = _from_module(module, period, paths, codebook)
    if locations is not None:
        frame = frame[frame["location"].isin(locations)].reset_index(drop=True)
    for sidecar in sorted(folder(period, paths).glob("*.json")):
        synthetic = synthetic or bool((read_sidecar(sidecar) or {}).get("synthetic"))
    digests = tuple(
        (f.relative_to(paths.root).as_posix(), hashlib.sha256(f.read_bytes()).hexdigest())
        for f in files
    )
    return Judgements(period, frame, synthetic, digests)
