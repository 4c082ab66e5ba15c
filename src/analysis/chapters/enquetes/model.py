"""The survey chapter's data: the survey waves a period can report, and the published survey
figures (AKO §3.3, the IWI 2007 survey).

The bottom of the chapter: `load` takes every wave folder under ``data/raw/enquetes`` that
the period can report (processed Parquet written by `analysis run`, or the raw files
validated in memory, ``analysis.ingest.enquetes``) and reads the published figures into an
`Enquetes`. The statistics are in the numbers modules (`aggregate`, `intervals`,
`analyses`, `results`), the verdicts in `audit`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.memo import in_run
from analysis.core.periods import Period, as_period
from analysis.ingest.enquetes import load_metadata, raw_waves, read_wave, up_to_date
from analysis.study.published import AKO_2009_T3, PUBLISHED_PERIOD, load_table
from analysis.study.verdicts import with_lines
from analysis.study.waves import Wave

PUBLISHED_TABLE = f"{AKO_2009_T3}-enquetes"
IWI_TABLE = "iwi-2007-enquete"
Source = Sequence[Path] | pd.DataFrame  # Parquet files (one per wave), or respondents in memory


@dataclass(frozen=True)
class Enquetes:
    """The survey waves a period can report, and the published survey figures."""

    period: Period
    waves: tuple[Wave, ...]
    files: Source  # processed Parquet (one per wave), or all respondents read in memory
    metadata: dict[Wave, dict]
    published: pd.DataFrame  # AKO §3.3 (with `line`)
    iwi: pd.DataFrame  # IWI 2007 survey (with `line`)
    paths: Paths

    @property
    def has_data(self) -> bool:
        return bool(self.waves)

    @property
    def latest(self) -> Wave | None:
        return self.waves[-1] if self.waves else None

    @property
    def synthetic(self) -> bool:
        """True when any wave shown rests on synthetic respondents (sidecar says so)."""
        return any(m.get("synthetic") for m in self.metadata.values())

    @property
    def has_published(self) -> bool:
        return self.period == PUBLISHED_PERIOD

    def wave_row(self, frame: pd.DataFrame, wave: Wave | None, **where: object) -> pd.Series | None:
        """The row of `frame` for a wave (and further column values), or None."""
        if wave is None or frame.empty:
            return None
        mask = frame["wave"] == str(wave)
        for column, value in where.items():
            mask &= frame[column] == value
        found = frame[mask]
        return None if found.empty else found.iloc[0]


@in_run
def load(period: str | Period = PUBLISHED_PERIOD, root: Paths | str | None = None) -> Enquetes:
    """The chapter's data for a period ('YYYY-Tn' or a Period); `root` as in the notebooks.

    Waves are read from data/processed when `analysis run` has brought them up to date, else
    read and validated from data/raw in memory (bad input raises InputError with file, row and
    column); nothing is written.
    """
    paths = Paths.from_parameter(root)
    period = as_period(period)
    waves, _ = raw_waves(paths, period)
    source, metadata = _respondents(waves, paths)
    published = with_lines(load_table(PUBLISHED_TABLE, paths))
    iwi = with_lines(load_table(IWI_TABLE, paths))
    return Enquetes(period, tuple(waves), source, metadata, published, iwi, paths)


def _respondents(waves: list[Wave], paths: Paths) -> tuple[Source, dict[Wave, dict]]:
    """The waves' respondents: their processed Parquet files in a run (its ingest steps staged
    them) or when all are up to date (as after `analysis run`), else every wave read and
    validated in memory (nothing written)."""
    if paths.staged is not None or all(up_to_date(w, paths) for w in waves):
        files = tuple(paths.enquetes_processed(str(w)) for w in waves)
        return files, {w: load_metadata(w, paths) for w in waves}
    read = [read_wave(w, paths) for w in waves]
    frame = pd.concat([r.respondents for r in read], ignore_index=True)
    return frame, {r.wave: json.loads(r.metadata) for r in read}
