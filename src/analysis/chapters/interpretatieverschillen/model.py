"""The interpretation-gap chapter's data: the period's inspection judgements beside the same
locations' Landkaart answers.

The bottom of the chapter: `load` reads the judgements (`analysis.ingest.inspectie`) and the
locations' own answers into an `Inspection`, with one *pair* per inspected location and
milestone (a pair with a blank own answer or a blank judgement is left out of every statistic
and counted). Locations appear only under neutral codes (`display_ids`); remarks are only
counted. The statistics are in `agreement`, `gap` and `sensitivity`, the verdicts in `audit`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.core.config import Paths
from analysis.core.memo import in_run
from analysis.core.periods import Period, as_period
from analysis.ingest import inspectie
from analysis.study import scoring
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import ScoringRule, get_rule

NEUTRAL_ID = re.compile(r"^WP-\d+$")


def display_ids(locations: list[str]) -> dict[str, str]:
    """Neutral codes for the inspected locations: the Landkaart's own when they are neutral
    (WP-001 ...), else I-01, I-02 ... in an order that does not follow the names."""
    if all(NEUTRAL_ID.match(loc) for loc in locations):
        return {loc: loc for loc in locations}
    ordered = sorted(locations, key=lambda loc: hashlib.sha256(loc.encode()).hexdigest())
    width = max(2, len(str(len(ordered))))
    return {loc: f"I-{i:0{width}d}" for i, loc in enumerate(ordered, start=1)}


@dataclass(frozen=True)
class Inspection:
    """One period's inspection judgements beside the same locations' Landkaart answers."""

    period: Period
    rule: ScoringRule
    codebook: Codebook
    paths: Paths
    judgements: inspectie.Judgements | None  # None: no inspection data for the period
    own: pd.DataFrame  # the period's Landkaart answers (location, milestone, category)
    landkaart_metadata: dict

    @property
    def available(self) -> bool:
        return self.judgements is not None

    @property
    def synthetic(self) -> bool:
        """The judgements or the Landkaart answers they are compared with are synthetic."""
        return bool(
            (self.judgements and self.judgements.synthetic)
            or self.landkaart_metadata.get("synthetic")
        )

    @property
    def judgements_synthetic(self) -> bool:
        return bool(self.judgements and self.judgements.synthetic)

    @property
    def landkaart_locations(self) -> int:
        return int(self.own["location"].nunique())

    @property
    def points(self) -> np.ndarray:
        return np.array([float(w) for w in self.rule.weights])

    @cached_property
    def pairs(self) -> pd.DataFrame:
        """One row per judged location x milestone: location (neutral code), milestone,
        own (Int64), judged (Int64), remark (bool), complete (both categories known)."""
        columns = ["location", "milestone", "own", "judged", "remark", "complete"]
        if self.judgements is None:
            return pd.DataFrame(
                {"location": pd.Series(dtype=str), "milestone": pd.Series(dtype=str),
                 "own": pd.Series(dtype="Int64"), "judged": pd.Series(dtype="Int64"),
                 "remark": pd.Series(dtype=bool), "complete": pd.Series(dtype=bool)}
            )  # fmt: skip
        j = self.judgements.frame
        own = self.own.rename(columns={"category": "own"})
        merged = j.merge(own, on=["location", "milestone"], how="left", validate="one_to_one")
        ids = display_ids(sorted(j["location"].unique()))
        out = pd.DataFrame(
            {
                "location": merged["location"].map(ids),
                "milestone": merged["milestone"],
                "own": merged["own"].astype("Int64"),
                "judged": merged["category"].astype("Int64"),
                "remark": merged["remark"] != "",
            }
        )
        out["complete"] = out["own"].notna() & out["judged"].notna()
        order = {code: i for i, code in enumerate(self.codebook.milestone_codes)}
        out = out.sort_values(
            ["location", "milestone"],
            key=lambda s: s.map(order) if s.name == "milestone" else s,
            kind="stable",
        )
        return out[columns].reset_index(drop=True)

    @cached_property
    def complete(self) -> pd.DataFrame:
        """The pairs with both categories known (own and judged as int)."""
        done = self.pairs.loc[self.pairs["complete"].astype(bool)]
        return done.astype({"own": int, "judged": int}).reset_index(drop=True)

    @property
    def locations(self) -> list[str]:
        return sorted(self.pairs["location"].unique())


@in_run
def load(
    period: str | Period,
    scoring_rule: str = scoring.DEFAULT_RULE,
    root: Paths | str | None = None,
) -> Inspection:
    """The period's inspection judgements beside its Landkaart (root None: the repository).

    Without inspection data the Inspection has no judgements (`available` is False). The
    Landkaart answers are the processed ones when they exist, else read from the raw export.
    """
    period = as_period(period)
    paths = Paths.from_parameter(root)
    codebook = load_codebook(paths)
    rule = get_rule(scoring_rule)
    if not inspectie.available(period, paths):
        empty = pd.DataFrame(columns=["location", "milestone", "category"])
        return Inspection(period, rule, codebook, paths, None, empty, {})
    own = inspectie.landkaart_answers(period, paths, codebook)
    names = inspectie.location_names(own)
    judgements = inspectie.read_period_judgements(period, paths, codebook, names)
    return Inspection(period, rule, codebook, paths, judgements, own, own.attrs["metadata"])
