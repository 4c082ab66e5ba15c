"""The summary's numbers: the report-wide audit by verdict class and whether inputs are synthetic.

The summary itself is built from the chapters' own `text.summary` functions (see `text`).
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from analysis.chapters import Report, book_chapters
from analysis.core import provenance
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import verdicts


class Samenvatting(Report):
    @property
    def chapters(self) -> list[str]:
        """The report's chapters that this summary summarises (not itself, not appendices)."""
        return [c for c in book_chapters(self.paths) if c not in ("samenvatting", "verantwoording")]

    @property
    def counts(self) -> dict[str, int]:
        return verdicts.counts(self.audit)

    @cached_property
    def synthetic_inputs(self) -> list[str]:
        """Raw input files marked synthetic by their sidecar (relative paths), sorted."""
        return provenance.synthetic_inputs(self.paths)


load = Samenvatting.load


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """`synthetic-inputs`: the raw inputs marked synthetic (what the title-page status rests on).

    The audit by verdict class is the appendix's table (`verantwoording-verdicts`).
    """
    files = Samenvatting(period, scoring_rule, paths).synthetic_inputs
    return {"synthetic-inputs": pd.DataFrame({"sidecar": files, "synthetic": True})}
