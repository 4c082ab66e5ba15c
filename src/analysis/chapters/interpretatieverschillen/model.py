"""The interpretation-gap chapter's data: the latest inspection judgements at or before the
report's period beside the same locations' Landkaart answers of the inspected tertaal, and
those locations' own answers in every tertaal since.

The bottom of the chapter: `load` finds the latest inspected tertaal up to the period
(`inspected`), reads its judgements (`analysis.ingest.inspectie`) and the locations' own
answers of that tertaal into an `Inspection`, with one *pair* per inspected location and
milestone (a pair with a blank own answer or a blank judgement is left out of every statistic
and counted), and the Landkaart answers of every tertaal from the inspected one up to the
period (`history`). Locations appear only under neutral codes (`display_ids`); remarks are
only counted. The statistics are in `agreement`, `gap` and `sensitivity`, the development since
the inspection in `followup`, the verdicts in `audit`.
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
from analysis.study.dag import units
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
    """The latest inspection up to a report period beside the same locations' answers."""

    period: Period  # the report's period
    rule: ScoringRule
    codebook: Codebook
    paths: Paths
    judgements: inspectie.Judgements | None  # None: no inspection at or before the period
    own: pd.DataFrame  # the inspected tertaal's Landkaart answers (location, milestone, category)
    landkaart_metadata: dict
    # the Landkaart answers of every tertaal from the inspected one up to the period, with a
    # `period` column (Period); `attrs["synthetic"]`: whether any of them is synthetic
    history: pd.DataFrame | None = None

    @property
    def inspected(self) -> Period | None:
        """The tertaal of the judgements (the latest inspection at or before `period`)."""
        return self.judgements.period if self.judgements is not None else None

    @property
    def later(self) -> bool:
        """True when the report's period comes after the inspected tertaal."""
        return self.inspected is not None and self.period > self.inspected

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
    def codes(self) -> dict[str, str]:
        """Each judged location's name -> its neutral code (`display_ids`)."""
        names = sorted(self.judgements.frame["location"].unique()) if self.judgements else []
        return display_ids(names)

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
        out = pd.DataFrame(
            {
                "location": merged["location"].map(self.codes),
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


def latest_inspection(period: Period, paths: Paths) -> Period | None:
    """The latest tertaal at or before `period` whose inspection folder holds judgements."""
    found, _ = units("inspectie", "periods", period, paths)
    return max((Period.parse(p) for p in found), default=None)


def _history(inspected: Period, period: Period, paths: Paths, codebook: Codebook,
             first: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """The Landkaart answers of every tertaal from `inspected` up to `period` that has an
    export (`first` is the inspected tertaal's), with a `period` column."""
    periods, _ = units("landkaart", "periods", period, paths)
    frames, synthetic = [], False
    for p in sorted(Period.parse(name) for name in periods):
        if p < inspected:
            continue
        answers = first if p == inspected else inspectie.landkaart_answers(p, paths, codebook)
        synthetic |= bool(answers.attrs["metadata"].get("synthetic"))
        frames.append(answers[["location", "milestone", "category"]].assign(period=p))
    history = pd.concat(frames, ignore_index=True)
    history.attrs["synthetic"] = synthetic
    return history


@in_run
def load(
    period: str | Period,
    scoring_rule: str = scoring.DEFAULT_RULE,
    root: Paths | str | None = None,
) -> Inspection:
    """The latest inspection at or before the period beside the Landkaart of the inspected
    tertaal, and the answers of every tertaal since (root None: the repository).

    Without an inspection up to the period the Inspection has no judgements (`available` is
    False). The Landkaart answers are the processed ones when they exist, else read from the
    raw export.
    """
    period = as_period(period)
    paths = Paths.from_parameter(root)
    codebook = load_codebook(paths)
    rule = get_rule(scoring_rule)
    inspected = latest_inspection(period, paths)
    if inspected is None:
        empty = pd.DataFrame(columns=["location", "milestone", "category"])
        return Inspection(period, rule, codebook, paths, None, empty, {})
    own = inspectie.landkaart_answers(inspected, paths, codebook)
    names = inspectie.location_names(own)
    judgements = inspectie.read_period_judgements(inspected, paths, codebook, names)
    history = _history(inspected, period, paths, codebook, own)
    return Inspection(period, rule, codebook, paths, judgements, own, own.attrs["metadata"],
                      history)  # fmt: skip
