"""The inspection judgements a factsheet shows (`data/raw/inspectie/<period>/`), when any.

Reading and validating them is `analysis.ingest.inspectie`'s job (file, row and column on bad
input, locations matched to the period's Landkaart spelling). This hook keeps only what a
sheet may show: per inspected location its judgement per milestone, whether the file is
synthetic, and the file's sha256 for the provenance line. Remarks are never kept: they do not
appear beside a location.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.ingest import inspectie
from analysis.study.codebook import Codebook


@dataclass(frozen=True)
class Judgements:
    """The inspection's judgement per inspected location and milestone of one period."""

    period: Period
    frame: pd.DataFrame  # location, milestone, category (Int64, <NA> = not judged)
    synthetic: bool
    files: tuple[tuple[str, str], ...]  # (path relative to the root, sha256)

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


def judgements(
    period: Period, paths: Paths, codebook: Codebook, answers: pd.DataFrame
) -> Judgements | None:
    """The period's inspection judgements, validated against its Landkaart `answers`; None
    when the period has no inspection file. Bad input raises InputError."""
    if not inspectie.available(period, paths):
        return None
    read = inspectie.read_period_judgements(
        period, paths, codebook, inspectie.location_names(answers)
    )
    frame = read.frame[["location", "milestone", "category"]].reset_index(drop=True)
    source = read.source.resolve().relative_to(paths.root.resolve()).as_posix()
    return Judgements(period, frame, read.synthetic, ((source, read.sha256),))
