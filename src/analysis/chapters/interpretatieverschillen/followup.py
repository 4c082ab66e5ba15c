"""After the inspection: how the self-assessment of the inspected locations moved since.

The inspected locations fall into two groups by their total score in the inspected tertaal:
``lower``, those the inspection judged lower than they judged themselves, and ``not_lower``
(the same or higher). For every tertaal from the inspected one up to the report's period
(`Inspection.history`), `followup_locations` gives each inspected location's own total score
and `followup_groups` the mean per group, beside the Werkpleinen that were not inspected
(``other``). A location is followed by its name in the Landkaart (case and spacing do not
count, `ingest.layout.location_key`) and shown under its neutral code only.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from analysis.chapters.interpretatieverschillen.gap import location_frame
from analysis.chapters.interpretatieverschillen.model import Inspection
from analysis.core.memo import once
from analysis.ingest.layout import location_key
from analysis.study import scoring

LOWER, NOT_LOWER, OTHER = "lower", "not_lower", "other"
GROUPS = (LOWER, NOT_LOWER, OTHER)
LOCATION_COLUMNS = ["period", "location", "group", "own_pct", "change_pp"]
GROUP_COLUMNS = ["period", "group", "locations", "mean_pct", "change_pp"]


@once
def groups(ins: Inspection) -> dict[str, str]:
    """Neutral code -> group of every inspected location with a total score."""
    frame = location_frame(ins).dropna(subset=["own_pct"])
    return {
        r.location: LOWER if r.judged_pct < r.own_pct else NOT_LOWER
        for r in frame.itertuples()
    }


def _codes(ins: Inspection) -> dict[str, str]:
    """location_key of each inspected location -> its neutral code."""
    return {location_key(name): code for name, code in ins.codes.items()}


@once
def _scores(ins: Inspection) -> pd.DataFrame:
    """period, key (location_key), score (exact Fraction): every located total score."""
    rows = []
    history = ins.history if ins.history is not None else pd.DataFrame(columns=["period"])
    for period, answers in history.groupby("period", sort=True):
        for name, score in scoring.location_scores(answers, ins.rule).items():
            if score is not None:
                rows.append({"period": period, "key": location_key(name), "score": score})
    return pd.DataFrame(rows, columns=["period", "key", "score"])


@once
def followup_locations(ins: Inspection) -> pd.DataFrame:
    """Per inspected location with a total score and tertaal since the inspection: its own
    total score (rule-rounded %) and the change since the inspected tertaal (pp)."""
    codes, grouped = _codes(ins), groups(ins)
    scores = _scores(ins)
    scores = scores[scores["key"].map(codes).isin(grouped)]
    rows, first = [], {}
    for r in scores.sort_values("period", kind="stable").itertuples():
        code, pct = codes[r.key], ins.rule.pct(r.score)
        first.setdefault(code, pct)
        rows.append({"period": str(r.period), "location": code, "group": grouped[code],
                     "own_pct": pct, "change_pp": pct - first[code]})  # fmt: skip
    frame = pd.DataFrame(rows, columns=LOCATION_COLUMNS)
    return frame.sort_values(["location", "period"], kind="stable").reset_index(drop=True)


@once
def followup_groups(ins: Inspection) -> pd.DataFrame:
    """Per tertaal since the inspection and group (`GROUPS`): the number of Werkpleinen, their
    mean own total score (exact mean of the unrounded totals, %) and its change since the
    inspected tertaal (pp)."""
    codes, grouped = _codes(ins), groups(ins)
    scores = _scores(ins)
    group = scores["key"].map(codes).map(grouped)
    scores = scores.assign(group=group.where(scores["key"].isin(codes), OTHER))
    scores = scores[scores["group"].notna()]
    rows, first = [], {}
    for (period, name), part in scores.groupby(["period", "group"], sort=True):
        mean = float(sum(part["score"], Fraction(0)) / len(part) * 100)
        first.setdefault(name, mean)
        rows.append({"period": str(period), "group": name, "locations": len(part),
                     "mean_pct": mean, "change_pp": mean - first[name]})  # fmt: skip
    frame = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    order = {g: i for i, g in enumerate(GROUPS)}
    frame = frame.sort_values(["period", "group"], key=lambda s: s.map(order) if s.name ==
                              "group" else s, kind="stable")  # fmt: skip
    return frame.reset_index(drop=True)


@once
def latest_change(ins: Inspection) -> pd.DataFrame:
    """`followup_groups` of the last tertaal, by group: each group's change since the
    inspected tertaal (`change_pp`) and its number of Werkpleinen."""
    frame = followup_groups(ins)
    return frame[frame["period"] == frame["period"].max()].set_index("group")
