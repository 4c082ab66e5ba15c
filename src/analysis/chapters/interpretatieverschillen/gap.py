"""The interpretation gap of one `Inspection`: agreement with its intervals, the sign test of
the mean difference, and the pairs per milestone and per location.

The statistics (`agreement`) are computed overall and per milestone; intervals come from
resampling locations, the test of the mean difference from flipping signs of the
per-location mean differences. Each value is computed once per Inspection.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.chapters.interpretatieverschillen import agreement, sensitivity
from analysis.chapters.interpretatieverschillen.model import Inspection
from analysis.core.memo import once

BOOTSTRAP_SEED = 20080701  # the interviews started in July 2008


@once
def per_location(ins: Inspection) -> np.ndarray:
    """One confusion matrix per inspected location (locations x K x K), sorted by code."""
    c = ins.complete
    return np.stack(
        [
            agreement.confusion(c.loc[c["location"] == loc, "own"],
                                c.loc[c["location"] == loc, "judged"])
            for loc in ins.locations
        ]
    ) if ins.locations else np.zeros((0, agreement.K, agreement.K))  # fmt: skip


@once
def intervals(ins: Inspection) -> dict[str, agreement.Interval]:
    """Every statistic with its 95 % interval from resampling locations (seeded)."""
    return agreement.bootstrap(per_location(ins), ins.points, seed=BOOTSTRAP_SEED)


@once
def location_diffs(ins: Inspection) -> pd.Series:
    """Per location: mean of points(own) - points(judged), in percentage points."""
    c = ins.complete
    gap = 100 * (ins.points[c["own"]] - ins.points[c["judged"]])
    return pd.Series(gap, index=c["location"]).groupby(level=0).mean()


@once
def sign_test(ins: Inspection) -> agreement.SignFlip:
    """The sign-flip test of the per-location mean differences (seeded)."""
    return agreement.sign_flip(location_diffs(ins).to_numpy(), seed=BOOTSTRAP_SEED)


@once
def agreement_frame(ins: Inspection) -> pd.DataFrame:
    """statistic, estimate, low, high, undefined_resamples (overall, all complete pairs)."""
    rows = [
        {"statistic": name, "estimate": iv.estimate, "low": iv.low, "high": iv.high,
         "undefined_resamples": iv.undefined}
        for name, iv in intervals(ins).items()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["statistic", "estimate", "low", "high",
                                       "undefined_resamples"])  # fmt: skip


@once
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


@once
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


@once
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
                "mean_diff": location_diffs(ins).get(loc),
                "over": int((diff > 0).sum()),
                "under": int((diff < 0).sum()),
            }
        )
    return pd.DataFrame(rows)
