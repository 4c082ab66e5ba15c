"""The trend chapter's fitted trends: when does the mean score reach its target?

Two trends (`analysis.core.stats`) of the real series (`History.real_series`, the main
result) and, when some answers are synthetic, of the computed exact means (a comparison
only): a straight line ``b0 + b1 t`` and a saturating curve ``100 - (100 - a) * exp(-k * t)``,
each with the moment it reaches a target and a 95 % confidence interval for that moment. A
moment ``t`` (possibly fractional) falls in the tertaal ``first.at_moment(t)``: the first at
whose end the fitted mean reached the target. Each fit is computed once per History.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.trend.model import History
from analysis.core.memo import once
from analysis.core.periods import Period
from analysis.core.stats import (
    LINEAR,
    SATURATING,
    Crossing,
    TrendFit,
    linear_trend,
    saturating_trend,
)

MIN_INTERVAL_POINTS = 3  # at least one residual degree of freedom for an interval
TARGETS = {LINEAR: (100,), SATURATING: (95, 99)}
MAIN, COMPARISON = "main", "comparison"  # the basis of a fit: real series, synthetic means
# Policy dates for integrated services on every Werkplein (the moment at the end of a tertaal):
# AKO's goal 'eind 2009' (seed 003, §2.1) and IWI's '1 januari 2010' (seed 000) are the end
# of 2009-T3; AKO's later 'eind 2010' (seed 003, §4.1) is the end of 2010-T3.
POLICY_DATES = {
    "ako_2009": Period(2009, 3),
    "iwi_2010": Period(2009, 3),
    "ako_2010": Period(2010, 3),
}


@once
def fits(h: History) -> dict[str, TrendFit]:
    """The main result: both fitted trends of the real series (those that could be fitted)."""
    series = h.real_series
    return _fit_both(series["t"], series["value_pct"], h.first)


@once
def comparison_fits(h: History) -> dict[str, TrendFit]:
    """Both trends fitted to the computed exact means, when some answers are synthetic
    (a comparison, never evidence); empty when every tertaal is real."""
    if not h.synthetic:
        return {}
    means = h.overall_means.dropna(subset=["mean_exact_pct"])
    return _fit_both(means["t"], means["mean_exact_pct"], h.first)


def _fit_both(t: pd.Series, y: pd.Series, first: Period) -> dict[str, TrendFit]:
    """The straight line and the saturating curve of y against t (those that could be fitted)."""
    t, y = t.to_numpy(dtype=float), y.to_numpy(dtype=float)
    out = {
        LINEAR: linear_trend(t, y, first, TARGETS[LINEAR]),
        SATURATING: saturating_trend(t, y, first, TARGETS[SATURATING]),
    }
    return {k: v for k, v in out.items() if v is not None}


def crossings(h: History, basis: str = MAIN) -> list[Crossing]:
    """Every crossing of both fits (linear: 100 %; saturating: 95 % and 99 %) of the real
    series (`MAIN`) or of the synthetic means (`COMPARISON`)."""
    fitted = fits(h) if basis == MAIN else comparison_fits(h)
    return [c for fit in fitted.values() for c in fit.crossings]
