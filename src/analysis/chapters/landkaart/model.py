"""The Landkaart chapter's data: one period's answers with everything needed to score them.

The bottom of the chapter: `load` reads the answers, the codebook and the scoring rule into a
`Landkaart`; the numbers modules (`checks`, `audit`) take it, and `compute` is the surface.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.core.config import Paths
from analysis.core.memo import in_run
from analysis.core.periods import Period, as_period
from analysis.ingest.landkaart import load_answers
from analysis.study import published, scoring
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import ScoringRule, get_rule


@dataclass(frozen=True)
class Landkaart:
    """One period's answers with everything needed to score them."""

    period: Period
    answers: pd.DataFrame
    codebook: Codebook
    rule: ScoringRule
    paths: Paths

    @property
    def metadata(self) -> dict:
        return self.answers.attrs["metadata"]

    @property
    def synthetic(self) -> bool:
        return bool(self.metadata.get("synthetic"))

    @property
    def has_published(self) -> bool:
        """AKO published tables exist for this period only."""
        return self.period == published.PUBLISHED_PERIOD

    @cached_property
    def milestone_answers(self) -> tuple[pd.DataFrame, bool]:
        """Answers that give the per-milestone distribution, and whether they are synthetic.

        For the published period the published Tabel 2 counts give it exactly (no synthetic
        data needed); otherwise the period's own answers.
        """
        if self.has_published:
            return answers_from_counts(published.milestone_counts(self.codebook, self.paths)), False
        return self.answers, self.synthetic


@in_run
def load(
    period: str | Period, scoring_rule: str = scoring.DEFAULT_RULE, root: Paths | str | None = None
) -> Landkaart:
    """The period's processed answers (root None: this project)."""
    paths = Paths.from_parameter(root)
    period = as_period(period)
    return Landkaart(
        period, load_answers(period, paths), load_codebook(paths), get_rule(scoring_rule), paths
    )


def answers_from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Tidy answers with the given category counts per milestone (any arrangement).

    Means per milestone, phase and total depend only on these counts, not on which location
    gave which answer; banded counts of phases do depend on the arrangement.
    """
    frames = [
        pd.DataFrame(
            {
                "location": [f"L{i:04d}" for i in range(int(row.sum()))],
                "milestone": code,
                "category": pd.array(
                    [c for c, k in row.items() for _ in range(int(k))], dtype="Int64"
                ),
            }
        )
        for code, row in counts.iterrows()
    ]
    return pd.concat(frames, ignore_index=True)
