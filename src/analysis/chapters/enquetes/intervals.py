"""Interval arithmetic of the survey chapter, on per-location sums (no respondent rows needed).

Respondents of one location resemble each other, so a national mean is not as precise as
the number of respondents suggests. The intervals here are cluster-robust (clusters =
locations): the sandwich variance of least squares on a constant (a mean) or on a constant and
a group dummy (a difference of two means), with the usual small-sample factor
G/(G-1) x (N-1)/(N-K) and a t-distribution with G-1 degrees of freedom. For one mean that is

    V = G/(G-1) x sum_g (sum_g - n_g x mean)^2 / N^2

which equals `statsmodels` OLS with ``cov_type="cluster"`` (tested). Inputs are frames of
per-cell sums: `n`, `sum` and `sumsq` of the answers (blank answers not counted).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

LEVEL = 0.95


def t_factor(df: float | np.ndarray) -> np.ndarray:
    """The two-sided 95 % t quantile for `df` degrees of freedom (NaN when df < 1)."""
    df = np.asarray(df, dtype=float)
    return np.where(df >= 1, stats.t.ppf(0.5 + LEVEL / 2, np.maximum(df, 1)), np.nan)


def cell_stats(sums: pd.DataFrame) -> pd.DataFrame:
    """Per row: mean, standard deviation, standard error and the 95 % t-interval (n - 1
    degrees of freedom; respondents within one cell counted as independent)."""
    n = sums["n"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums["sum"].to_numpy(float) / n
        var = np.maximum(sums["sumsq"].to_numpy(float) - n * mean**2, 0) / (n - 1)
        se = np.sqrt(var / n)
    half = t_factor(n - 1) * se
    return sums.assign(mean=mean, sd=np.sqrt(var), se=se, lower=mean - half, upper=mean + half)


def clustered_mean(cells: pd.DataFrame, by: list[str], cluster: str = "location") -> pd.DataFrame:
    """Per group of `by`: the mean over all cells' answers and its cluster-robust 95 %
    interval (`cells` has one row per group x cluster). Columns: respondents (when given), n,
    clusters, mean, se, df, lower, upper and the design effect (clustered over simple
    random sampling variance)."""
    records = []
    for key, g in cells[cells["n"] > 0].groupby(by, sort=True, dropna=True):
        n_g, s_g, q_g = (g[c].to_numpy(float) for c in ("n", "sum", "sumsq"))
        big_n, clusters = n_g.sum(), g[cluster].nunique()
        mean = s_g.sum() / big_n
        score = s_g - n_g * mean
        var = _factor(clusters, big_n, 1) * (score**2).sum() / big_n**2
        srs = (q_g.sum() - big_n * mean**2) / (big_n - 1) / big_n
        se, df = np.sqrt(var), clusters - 1
        half = float(t_factor(df)) * se
        rec = dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True))
        if "respondents" in g:
            rec["respondents"] = int(g["respondents"].sum())
        rec.update(n=int(big_n), clusters=int(clusters), mean=mean, se=se, df=int(df),
                   lower=mean - half, upper=mean + half,
                   design_effect=var / srs if srs > 0 else np.nan)  # fmt: skip
        records.append(rec)
    return pd.DataFrame(records)


def clustered_difference(a: pd.DataFrame, b: pd.DataFrame, cluster: str = "location") -> dict:
    """Mean of `b` minus mean of `a` (per-cluster sums of two groups) with its cluster-robust
    95 % interval and two-sided p-value (regression on a constant and a dummy for `b`, both
    groups' clusters together; a location in both groups counts once)."""
    a, b = a[a["n"] > 0], b[b["n"] > 0]
    n_a, n_b = float(a["n"].sum()), float(b["n"].sum())
    mean_a, mean_b = a["sum"].sum() / n_a, b["sum"].sum() / n_b
    score_a = ((a["sum"] - a["n"] * mean_a) / n_a).groupby(a[cluster]).sum()
    score_b = ((b["sum"] - b["n"] * mean_b) / n_b).groupby(b[cluster]).sum()
    both = score_b.sub(score_a, fill_value=0.0)
    clusters = len(both)
    var = _factor(clusters, n_a + n_b, 2) * float((both**2).sum())
    se, df = np.sqrt(var), clusters - 1
    diff = mean_b - mean_a
    half = float(t_factor(df)) * se
    p = float(2 * stats.t.sf(abs(diff) / se, df)) if se > 0 else np.nan
    return {"mean_a": mean_a, "mean_b": mean_b, "n_a": int(n_a), "n_b": int(n_b),
            "difference": diff, "se": se, "df": int(df), "lower": diff - half,
            "upper": diff + half, "p_value": p}  # fmt: skip


def _factor(clusters: int, n: float, k: int) -> float:
    """The small-sample factor of the cluster-robust variance (as statsmodels and Stata)."""
    if clusters < 2 or n <= k:
        return np.nan
    return clusters / (clusters - 1) * (n - 1) / (n - k)


def counts_for(percent: float, decimals: int, n: int) -> list[int]:
    """Whole counts k of n for which 100 k / n rounds (half up) to the printed `percent`."""
    lo, hi = percent - 0.5 * 10**-decimals, percent + 0.5 * 10**-decimals
    return [k for k in range(n + 1) if lo - 1e-9 <= 100 * k / n < hi - 1e-9]
