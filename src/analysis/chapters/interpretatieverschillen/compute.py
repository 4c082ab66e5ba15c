"""Interpretation gap: the locations' self-assessment against the inspection's judgement.

Numbers only (the words are in `text` and `text_tables`, the figures in `plots`). `load` reads
the period's inspection judgements (`analysis.ingest.inspectie`) and the same locations' own
answers in the period's Landkaart into an `Inspection`: one *pair* per inspected location and
milestone. A pair with a blank own answer or a blank judgement is left out of every statistic
and counted. The statistics (`agreement`) are computed overall and per milestone; intervals
come from resampling locations, the test of the mean difference from flipping signs of the
per-location mean differences. `sensitivity` checks the conclusions under another scoring rule,
shifted band boundaries and random noise on the self-scores. Locations appear only under
neutral codes (`display_ids`); remarks are only counted.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.chapters.interpretatieverschillen import agreement, sensitivity
from analysis.chapters.interpretatieverschillen.audit import audit_table
from analysis.core.config import Paths
from analysis.core.periods import Period, as_period
from analysis.ingest import inspectie
from analysis.study import scoring
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import ScoringRule, get_rule

BOOTSTRAP_SEED = 20080701  # the interviews started in July 2008
NEUTRAL_ID = re.compile(r"^WP-\d+$")


def available(period: Period | str, paths: Paths) -> bool:
    """True iff inspection judgements exist for the period (data/raw/inspectie/<period>/)."""
    return inspectie.available(as_period(period), Paths.from_parameter(paths))


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

    @cached_property
    def per_location(self) -> np.ndarray:
        """One confusion matrix per inspected location (locations x K x K), sorted by code."""
        c = self.complete
        return np.stack(
            [
                agreement.confusion(c.loc[c["location"] == loc, "own"],
                                    c.loc[c["location"] == loc, "judged"])
                for loc in self.locations
            ]
        ) if self.locations else np.zeros((0, agreement.K, agreement.K))  # fmt: skip

    @cached_property
    def intervals(self) -> dict[str, agreement.Interval]:
        """Every statistic with its 95 % interval from resampling locations (seeded)."""
        return agreement.bootstrap(self.per_location, self.points, seed=BOOTSTRAP_SEED)

    @cached_property
    def location_diffs(self) -> pd.Series:
        """Per location: mean of points(own) - points(judged), in percentage points."""
        c = self.complete
        gap = 100 * (self.points[c["own"]] - self.points[c["judged"]])
        return pd.Series(gap, index=c["location"]).groupby(level=0).mean()

    @cached_property
    def sign_test(self) -> agreement.SignFlip:
        return agreement.sign_flip(self.location_diffs.to_numpy(), seed=BOOTSTRAP_SEED)

    @cached_property
    def sensitivity(self) -> pd.DataFrame:
        return sensitivity.variants(self)

    @cached_property
    def audit(self) -> pd.DataFrame:
        """The reproduction audit of the published IWI figures (`audit.audit_table`)."""
        return audit_table(self)


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


# --- frames --------------------------------------------------------------------------------


def agreement_frame(ins: Inspection) -> pd.DataFrame:
    """statistic, estimate, low, high, undefined_resamples (overall, all complete pairs)."""
    rows = [
        {"statistic": name, "estimate": iv.estimate, "low": iv.low, "high": iv.high,
         "undefined_resamples": iv.undefined}
        for name, iv in ins.intervals.items()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["statistic", "estimate", "low", "high",
                                       "undefined_resamples"])  # fmt: skip


def confusion_frame(ins: Inspection) -> pd.DataFrame:
    """Tidy confusion matrices: milestone ('' = all milestones), own, judged, count."""
    c = ins.complete
    groups = [("", c)] + [(ms, c[c["milestone"] == ms]) for ms in ins.codebook.milestone_codes]
    rows = []
    for milestone, sel in groups:
        matrix = agreement.confusion(sel["own"], sel["judged"])
        for i in range(agreement.K):
            for j in range(agreement.K):
                rows.append((milestone, i, j, int(matrix[i, j])))
    return pd.DataFrame(rows, columns=["milestone", "own", "judged", "count"])


def milestone_frame(ins: Inspection) -> pd.DataFrame:
    """Per milestone: pairs, counts equal/over/under, their shares, mean difference (pp), the
    largest over-claim in categories, blank pairs and remarks (counted, never shown)."""
    rows = []
    for ms in ins.codebook.milestone_codes:
        all_pairs = ins.pairs[ins.pairs["milestone"] == ms]
        sel = ins.complete[ins.complete["milestone"] == ms]
        diff = sel["own"] - sel["judged"]
        n = len(sel)
        gap = 100 * (ins.points[sel["own"]] - ins.points[sel["judged"]])
        rows.append(
            {
                "milestone": ms,
                "n": n,
                "equal": int((diff == 0).sum()),
                "over": int((diff > 0).sum()),
                "under": int((diff < 0).sum()),
                "over_share": (diff > 0).mean() if n else None,
                "under_share": (diff < 0).mean() if n else None,
                "mean_diff": gap.mean() if n else None,
                "max_over": int(diff.max()) if n else None,
                "incomplete": int((~all_pairs["complete"]).sum()),
                "remarks": int(all_pairs["remark"].sum()),
            }
        )
    return pd.DataFrame(rows)


def location_frame(ins: Inspection) -> pd.DataFrame:
    """Per inspected location (neutral code): pairs, own and judged total score (rule-rounded
    %, over the complete pairs), their bands, the mean difference (pp), over/under counts."""
    bands = sensitivity.location_bands(ins, ins.rule, shift=0)
    rows = []
    for loc in ins.locations:
        sel = ins.complete[ins.complete["location"] == loc]
        diff = sel["own"] - sel["judged"]
        b = bands.loc[loc] if loc in bands.index else None
        rows.append(
            {
                "location": loc,
                "n": len(sel),
                "own_pct": None if b is None else int(b["own_pct"]),
                "judged_pct": None if b is None else int(b["judged_pct"]),
                "own_band": None if b is None else int(b["own_band"]),
                "judged_band": None if b is None else int(b["judged_band"]),
                "mean_diff": ins.location_diffs.get(loc),
                "over": int((diff > 0).sum()),
                "under": int((diff < 0).sum()),
            }
        )
    return pd.DataFrame(rows)


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's numbers as tidy frames; only the audit when the period has no
    inspection data."""
    ins = load(period, scoring_rule, paths)
    audit = ins.audit
    if not ins.available:
        return {"audit": audit}
    flip = ins.sign_test
    test = pd.DataFrame(
        [{"statistic": flip.statistic, "p_value": flip.p_value, "exact": flip.exact,
          "sign_vectors": flip.vectors, "locations": len(ins.locations)}]
    )  # fmt: skip

    def marked(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(synthetic=ins.synthetic)

    return {
        "agreement": marked(agreement_frame(ins)),
        "sign-test": marked(test),
        "confusion": marked(confusion_frame(ins)),
        "milestones": marked(milestone_frame(ins)),
        "locations": marked(location_frame(ins)),
        "sensitivity": marked(ins.sensitivity),
        "audit": audit,
    }
