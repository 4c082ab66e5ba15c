"""Interpretation gap: the locations' self-assessment against the inspection's judgement.

The chapter's public surface (what the notebook, `text`, `text_tables` and `plots` use).
`model` loads the period's inspection judgements beside the same locations' Landkaart
answers into an `Inspection` (one *pair* per inspected location and milestone); `agreement`
holds the statistics on confusion matrices, `gap` applies them overall, per milestone and per
location (intervals from resampling locations, the sign-flip test of the mean difference),
`sensitivity` checks the conclusions under another scoring rule, shifted band boundaries and
random noise on the self-scores, `followup` follows the self-assessment of the inspected
locations from the inspected tertaal up to the report's period, and `audit` sets the
published IWI figures beside the data.
Pure: no Dutch words, no figures.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.interpretatieverschillen.audit import MEASURED, audit_table, design
from analysis.chapters.interpretatieverschillen.followup import (
    GROUPS,
    LOWER,
    NOT_LOWER,
    OTHER,
    followup_groups,
    followup_locations,
    groups,
    latest_change,
)
from analysis.chapters.interpretatieverschillen.gap import (
    agreement_frame,
    confusion_frame,
    intervals,
    location_frame,
    milestone_frame,
    sign_test,
)
from analysis.chapters.interpretatieverschillen.model import Inspection, display_ids, load
from analysis.chapters.interpretatieverschillen.sensitivity import BAND_SHIFT, variants
from analysis.core.config import Paths
from analysis.core.periods import Period

__all__ = [
    "BAND_SHIFT", "GROUPS", "LOWER", "MEASURED", "NOT_LOWER", "OTHER", "Inspection",
    "audit_table", "confusion_frame", "design", "display_ids", "facts", "followup_groups",
    "followup_locations", "groups", "intervals", "latest_change", "load", "location_frame",
    "milestone_frame", "sign_test", "tables", "variants",
]  # fmt: skip


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's numbers as tidy frames; only the audit when the period has no
    inspection data."""
    ins = load(period, scoring_rule, paths)
    audited = audit_table(ins)
    if not ins.available:
        return {"audit": audited}
    flip = sign_test(ins)
    test = pd.DataFrame(
        [{"statistic": flip.statistic, "p_value": flip.p_value, "exact": flip.exact,
          "sign_vectors": flip.vectors, "locations": len(ins.locations)}]
    )  # fmt: skip

    def marked(frame: pd.DataFrame, synthetic: bool = ins.synthetic) -> pd.DataFrame:
        return frame.assign(synthetic=synthetic)

    followed = ins.synthetic or bool(ins.history.attrs["synthetic"])
    return {
        "agreement": marked(agreement_frame(ins)),
        "sign-test": marked(test),
        "confusion": marked(confusion_frame(ins)),
        "milestones": marked(milestone_frame(ins)),
        "locations": marked(location_frame(ins)),
        "sensitivity": marked(variants(ins)),
        "followup": marked(followup_groups(ins), followed),
        "followup-locations": marked(followup_locations(ins), followed),
        "audit": audited,
    }


def facts(period: Period, scoring_rule: str, paths: Paths) -> dict:
    """What the chapter's summary states, as data (`text.summary` words it): agreement per
    milestone and per location band, over- and underestimation, with intervals."""
    ins = load(period, scoring_rule, paths)
    if not ins.available or ins.complete.empty:
        return {"period_nl": ins.period.label_nl, "judged": False}
    last = latest_change(ins)
    iv = intervals(ins)
    loc = location_frame(ins).dropna(subset=["own_pct"])
    shares = {name: float(iv[name].estimate) for name in ("exact", "over", "under", "mean_diff")}
    kappa = iv["kappa_linear"]
    return {
        "period_nl": ins.period.label_nl,
        "judged": True,
        "synthetic": ins.synthetic,
        "locations": len(ins.locations),
        **shares,
        "kappa": {"estimate": float(kappa.estimate), "low": float(kappa.low),
                  "high": float(kappa.high)},  # fmt: skip
        "same_band": int((loc["own_band"] == loc["judged_band"]).sum()),
        "scored": len(loc),
        "inspected_nl": ins.inspected.label_nl,
        "later": ins.later,
        "since": {  # mean own total score's change since the inspected tertaal, per group
            g: {"locations": int(last.loc[g, "locations"]),
                "change_pp": float(last.loc[g, "change_pp"])}
            for g in GROUPS if g in last.index
        },  # fmt: skip
    }
