"""The participation target seen from one period: the total change since ultimo 2006 (the
published 'Mutatie' row), its projection per fitting window and the verdict on the text's
'niet gaat lukken'; with the changes and the composition fit on all standcijfers.

The arithmetic of `series` applied to an `Arbeidsmarkt`, each value computed once per object.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.arbeidsmarkt.model import BASE_DATE, Arbeidsmarkt
from analysis.chapters.arbeidsmarkt.series import (
    composition_cell_hits,
    composition_fit,
    mutatie_row,
    mutations,
    outflow,
    peak_date,
    progress,
    reachable,
    required_pace,
    window_projections,
)
from analysis.core.memo import once
from analysis.core.stats import Extrapolation


@once
def changes_all(am: Arbeidsmarkt) -> pd.DataFrame:
    """`series.mutations` of all standcijfers (also after the period)."""
    return mutations(am.table_all)


@once
def total(am: Arbeidsmarkt) -> pd.Series | None:
    """The period's 'Mutatie tov ultimo 2006' row (`series.mutatie_row`); None when the period
    has no standcijfers of the base date (e.g. before ultimo 2006)."""
    if am.table.empty or BASE_DATE not in am.table.columns:
        return None
    return mutatie_row(am.table)


@once
def changes(am: Arbeidsmarkt) -> pd.DataFrame:
    """`series.mutations` of the period's standcijfers: each value's change since ultimo 2006."""
    return mutations(am.table)


@once
def target_progress(am: Arbeidsmarkt) -> pd.DataFrame | None:
    """`series.progress` of the period's total towards the target; None without a total."""
    found = total(am)
    return None if found is None else progress(found, am.target)


@once
def pace(am: Arbeidsmarkt) -> float | None:
    """`series.required_pace` to the target from the period's total; None without a total."""
    found = total(am)
    return None if found is None else required_pace(found, am.target)


@once
def peak(am: Arbeidsmarkt) -> pd.Timestamp | None:
    """`series.peak_date` of the period's total; None without a total."""
    found = total(am)
    return None if found is None else peak_date(found)


@once
def period_outflow(am: Arbeidsmarkt) -> pd.DataFrame | None:
    """`series.outflow` of the period's outflow figures; None when the period has none."""
    return None if am.uitstroom.empty else outflow(am.uitstroom)


@once
def projections(am: Arbeidsmarkt) -> dict[pd.Timestamp, Extrapolation]:
    """`series.window_projections` of the period's total, by window start; empty without a
    total."""
    found = total(am)
    return {} if found is None else window_projections(found)


@once
def composition(am: Arbeidsmarkt) -> pd.DataFrame:
    """`series.composition_fit` on all standcijfers and the published row."""
    return composition_fit(am.table_all, am.published)


@once
def composition_hits(am: Arbeidsmarkt) -> pd.Series:
    """`series.composition_cell_hits`: per cell of the published row, the compositions that
    give it."""
    return composition_cell_hits(am.table_all, am.published)


@once
def target_verdict(am: Arbeidsmarkt) -> dict:
    """The text's 'niet gaat lukken' against the projections of every fitting window.

    Keys: windows (start -> `reachable` of that window's 95 % prediction interval: False when
    it lies below the target, True above, None when it includes it), below (start -> whether
    the line itself ends below the target at ultimo 2010), reachable (what the lines say
    when every window agrees: False when every line ends below the target, True when none
    does; None when they differ or there is no window) and text_reachable (the text's
    judgement, None without it).
    """
    claim = am.published[am.published["statistic"] == "target_reachable"]
    text_reachable = bool(claim["value"].iloc[0]) if not claim.empty else None
    windows = {start: reachable(p, am.target) for start, p in projections(am).items()}
    below = {start: bool(p.interval[0] < am.target) for start, p in projections(am).items()}
    found = set(below.values())
    overall = (not found.pop()) if len(found) == 1 else None
    return {"windows": windows, "below": below, "reachable": overall,
            "text_reachable": text_reachable}  # fmt: skip


@once
def rise_since_peak(am: Arbeidsmarkt) -> tuple[pd.Timestamp, float] | None:
    """The peak of the period's total and how far the total fell since (x1000, positive: the
    four stocks rose by that much); None without a total or a peak before the last date."""
    found, top = total(am), peak(am)
    if found is None or top is None or top == found.index.max():
        return None
    return top, float(found[top] - found[found.index.max()])
