"""The summary's numbers: the report-wide audit by verdict class and whether inputs are synthetic.

It reads only what the chapters' steps wrote (`analysis.chapters.gathered`): their audit rows
and the facts their summaries state; the summary itself is built from each chapter's own
`text.summary` over those facts (see `text`).
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters import Report
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import verdicts


class Samenvatting(Report):
    @property
    def counts(self) -> dict[str, int]:
        return verdicts.counts(self.audit)

    @property
    def synthetic_inputs(self) -> list[str]:
        """Raw input files marked synthetic by their sidecar (relative paths), sorted."""
        return list(self.provenance["synthetic_inputs"])


load = Samenvatting.load


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """`synthetic-inputs`: the raw inputs marked synthetic (what the title-page status rests on).

    The audit by verdict class is the appendix's table (`verantwoording-verdicts`).
    """
    files = Samenvatting(period, scoring_rule, paths).synthetic_inputs
    return {"synthetic-inputs": pd.DataFrame({"sidecar": files, "synthetic": True})}
