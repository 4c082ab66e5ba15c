"""The survey chapter (AKO §3.3, IWI 2007 survey): customer orientation per principle and wave
recomputed from respondent-level data, with cluster-robust intervals, and the published survey
figures checked.

Numbers only. `load` takes every wave folder under ``data/raw/enquetes`` that the period can
report (processed Parquet written by `analysis run`, or the raw files validated in memory,
``analysis.ingest.enquetes``) and reads the published figures; the statistics run on them
through DuckDB (`aggregate`), the interval arithmetic is in `intervals`, the analyses in
`analyses` and the verdicts on the published figures in `audit`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.chapters.enquetes import analyses, audit
from analysis.chapters.enquetes.aggregate import Source, cell_sums
from analysis.core.config import Paths
from analysis.core.periods import Period, as_period
from analysis.ingest.enquetes import OVERALL, load_metadata, raw_waves, read_wave, up_to_date
from analysis.study.published import PUBLISHED_PERIOD, load_table
from analysis.study.verdicts import with_lines
from analysis.study.waves import Wave

PUBLISHED_TABLE = audit.PUBLISHED_TABLE
IWI_TABLE = audit.IWI_TABLE


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

    @cached_property
    def cells(self) -> pd.DataFrame:
        """Sums per wave x location x score (`aggregate.cell_sums`)."""
        if not self.has_data:
            return pd.DataFrame(columns=["wave", "location", "score", "respondents", "n", "sum",
                                         "sumsq"])  # fmt: skip
        return cell_sums(self.files)

    @cached_property
    def means(self) -> pd.DataFrame:
        return analyses.national_means(self.cells) if self.has_data else _empty_means()

    @cached_property
    def locations(self) -> pd.DataFrame:
        return analyses.location_means(self.cells)

    @cached_property
    def subgroups(self) -> pd.DataFrame:
        if not self.has_data:
            return pd.DataFrame()
        return pd.concat(
            [analyses.subgroup_means(self.files, c) for c in ("fixed_contact", "benefit")],
            ignore_index=True,
        )

    @cached_property
    def contrasts(self) -> pd.DataFrame:
        if not self.has_data:
            return pd.DataFrame()
        parts = [analyses.contrast(self.files, c) for c in analyses.CONTRASTS]
        return pd.concat(parts, ignore_index=True)

    @cached_property
    def differences(self) -> pd.DataFrame:
        return analyses.wave_differences(self.cells) if len(self.waves) > 1 else pd.DataFrame()

    @cached_property
    def payment(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        if not self.has_data:
            return pd.DataFrame(), pd.DataFrame()
        return analyses.payment(self.files)

    @cached_property
    def response(self) -> pd.DataFrame:
        return analyses.response(self.metadata, self.cells)

    @cached_property
    def iwi_checks(self) -> pd.DataFrame:
        return audit.iwi_checks(self.iwi)

    @cached_property
    def audit(self) -> pd.DataFrame:
        return audit.audit(self)

    def wave_row(self, frame: pd.DataFrame, wave: Wave | None, **where: object) -> pd.Series | None:
        """The row of `frame` for a wave (and further column values), or None."""
        if wave is None or frame.empty:
            return None
        mask = frame["wave"] == str(wave)
        for column, value in where.items():
            mask &= frame[column] == value
        found = frame[mask]
        return None if found.empty else found.iloc[0]


def _empty_means() -> pd.DataFrame:
    return pd.DataFrame(columns=["wave", "score", "respondents", "n", "clusters", "mean", "se",
                                 "df", "lower", "upper", "design_effect"])  # fmt: skip


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


def available(period: Period, paths: Paths) -> bool:
    """True when at least one survey wave is complete by the end of the period."""
    return bool(raw_waves(paths, as_period(period))[0])


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's tidy tables (`scoring_rule` is not used here).

    Scores are 1-10; intervals are 95 %; `locations` holds the overall judgement per wave
    and location, blank where fewer than `analyses.MIN_RESPONDENTS` answered.
    """
    en = load(period, paths)
    fits, bands = en.payment
    loc_cols = ["wave", "location", "respondents", "n", "mean", "lower", "upper", "suppressed"]
    return {
        "means": en.means,
        "subgroups": en.subgroups,
        "contrasts": en.contrasts,
        "wave-differences": en.differences,
        "payment": fits,
        "payment-bands": bands,
        "locations": en.locations[loc_cols] if en.has_data else pd.DataFrame(columns=loc_cols),
        "response": en.response,
        "iwi-2007": en.iwi_checks,
        "audit": en.audit,
    }


__all__ = ["OVERALL", "Enquetes", "available", "load", "tables"]
