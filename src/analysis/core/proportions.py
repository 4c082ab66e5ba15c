"""Proportions and their differences: Wilson and Newcombe intervals, Mantel–Haenszel pooling,
heterogeneity and the random-effects estimate.

- `wilson`: the score interval of one proportion k/n (Wilson 1927), also for k = 0 or k = n;
  with `population` N, the finite-population correction (N − n)/(N − 1) of its variance;
- `newcombe`: the interval of p1 − p0 from the two Wilson intervals (Newcombe 1998, method 10,
  without continuity correction; equal to statsmodels' ``confint_proportions_2indep(...,
  method="newcomb")``);
- `mantel_haenszel_rd`: the Mantel–Haenszel risk difference over strata with the
  Greenland–Robins (1985) and Sato (1989) variances and Wald intervals;
- `heterogeneity`: Cochran's Q of the strata's risk differences (inverse-variance weights),
  its p-value, I² and the DerSimonian–Laird (1986) between-strata variance τ² and
  random-effects estimate with its Wald interval.

All take and return plain numbers (proportions, not percentages).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import chi2, norm

ALPHA = 0.05


def z_value(alpha: float = ALPHA) -> float:
    """1.959964 for a two-sided 95 % interval."""
    return float(norm.ppf(1 - alpha / 2))


def wilson(
    k: int, n: int, alpha: float = ALPHA, population: float | None = None
) -> tuple[float, float]:
    """The Wilson score interval of k/n.

    With `population` (N >= n), the sample is drawn without replacement from N: the variance
    p(1 − p)/n shrinks by the finite-population correction f = (N − n)/(N − 1), which is
    Wilson's interval with n/f in place of n; a census (n = N) has no sampling error.
    """
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, not k={k}, n={n}")
    z = z_value(alpha)
    p = k / n
    if population is not None:
        if population < n:
            raise ValueError(f"a population of {population} cannot hold a sample of {n}")
        if population == n:
            return p, p
        n = n * (population - 1) / (population - n)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(k1: int, n1: int, k0: int, n0: int, alpha: float = ALPHA) -> tuple[float, float]:
    """Newcombe's hybrid score interval of k1/n1 − k0/n0."""
    p1, p0 = k1 / n1, k0 / n0
    l1, u1 = wilson(k1, n1, alpha)
    l0, u0 = wilson(k0, n0, alpha)
    d = p1 - p0
    return d - math.hypot(p1 - l1, u0 - p0), d + math.hypot(u1 - p1, p0 - l0)


@dataclass(frozen=True)
class Stratum:
    """One 2 × 2 table: k1 of n1 in the first group, k0 of n0 in the second."""

    k1: int
    n1: int
    k0: int
    n0: int


@dataclass(frozen=True)
class PooledDifference:
    """The Mantel–Haenszel risk difference and its two standard errors."""

    estimate: float
    se_greenland_robins: float
    se_sato: float
    alpha: float = ALPHA

    def interval(self, variance: str = "greenland-robins") -> tuple[float, float]:
        """Wald interval with the chosen variance ('greenland-robins' or 'sato')."""
        se = {"greenland-robins": self.se_greenland_robins, "sato": self.se_sato}[variance]
        z = z_value(self.alpha)
        return self.estimate - z * se, self.estimate + z * se


def mantel_haenszel_rd(strata: Sequence[Stratum], alpha: float = ALPHA) -> PooledDifference:
    """Pooled p1 − p0 with weights n1·n0/N (Greenland and Robins 1985, Sato 1989).

    Greenland–Robins: Var = Σ w² (p1 q1 / n1 + p0 q0 / n0) / (Σ w)²
    (Rothman, Modern Epidemiology; valid with few large strata).
    Sato: Var = (RD · Σ P + Σ Q) / (Σ w)² with P = (n1² k0 − n0² k1 + n1 n0 (n0 − n1) / 2) / N²
    and Q = (k1 (n0 − k0) + k0 (n1 − k1)) / (2 N) (valid also with many small strata).
    """
    used = [s for s in strata if s.n1 > 0 and s.n0 > 0]
    if not used:
        raise ValueError("no stratum with clients in both groups")
    weights = [s.n1 * s.n0 / (s.n1 + s.n0) for s in used]
    total = sum(weights)
    rd = sum(w * (s.k1 / s.n1 - s.k0 / s.n0) for w, s in zip(weights, used, strict=True)) / total
    var_gr = 0.0
    p_sum = q_sum = 0.0
    for w, s in zip(weights, used, strict=True):
        p1, p0, big_n = s.k1 / s.n1, s.k0 / s.n0, s.n1 + s.n0
        var_gr += w * w * (p1 * (1 - p1) / s.n1 + p0 * (1 - p0) / s.n0)
        p_sum += (s.n1**2 * s.k0 - s.n0**2 * s.k1 + s.n1 * s.n0 * (s.n0 - s.n1) / 2) / big_n**2
        q_sum += (s.k1 * (s.n0 - s.k0) + s.k0 * (s.n1 - s.k1)) / (2 * big_n)
    var_sato = max(0.0, (rd * p_sum + q_sum) / total**2)
    return PooledDifference(rd, math.sqrt(var_gr) / total, math.sqrt(var_sato), alpha)


@dataclass(frozen=True)
class Heterogeneity:
    """Cochran's Q over strata (inverse-variance weights) and the DerSimonian–Laird
    random-effects estimate; proportions, not percentages."""

    q: float
    df: int
    p_value: float
    i2: float  # share of the variation beyond chance, 0–1 (0 when Q <= df)
    tau2: float  # DerSimonian–Laird between-strata variance (0 when Q <= df)
    estimate: float  # random-effects pooled difference
    se: float
    alpha: float = ALPHA

    def interval(self) -> tuple[float, float]:
        """Wald interval of the random-effects estimate."""
        z = z_value(self.alpha)
        return self.estimate - z * self.se, self.estimate + z * self.se


def heterogeneity(strata: Sequence[Stratum], alpha: float = ALPHA) -> Heterogeneity:
    """Cochran's Q of the strata's differences p1 − p0 and the DerSimonian–Laird estimate.

    Each stratum's variance is p1 q1 / n1 + p0 q0 / n0 (a stratum where it is 0, p = 0 or 1 in
    both groups, has no finite weight and is refused). Q = Σ w (d − d̄)² with w = 1/v and d̄ the
    inverse-variance mean, on k − 1 degrees of freedom; τ² = max(0, (Q − df) / (Σ w − Σ w² /
    Σ w)); the random-effects weights are 1/(v + τ²) (DerSimonian and Laird 1986; I² of
    Higgins and Thompson 2002).
    """
    used = [s for s in strata if s.n1 > 0 and s.n0 > 0]
    if len(used) < 2:
        raise ValueError("heterogeneity needs at least two strata with clients in both groups")
    diffs, variances = [], []
    for s in used:
        p1, p0 = s.k1 / s.n1, s.k0 / s.n0
        v = p1 * (1 - p1) / s.n1 + p0 * (1 - p0) / s.n0
        if v <= 0:
            raise ValueError(f"stratum {s} has no variance: its weight is infinite")
        diffs.append(p1 - p0)
        variances.append(v)
    w = [1 / v for v in variances]
    sw = sum(w)
    mean = sum(wi * d for wi, d in zip(w, diffs, strict=True)) / sw
    q = sum(wi * (d - mean) ** 2 for wi, d in zip(w, diffs, strict=True))
    df = len(used) - 1
    tau2 = max(0.0, (q - df) / (sw - sum(wi * wi for wi in w) / sw))
    w_re = [1 / (v + tau2) for v in variances]
    estimate = sum(wi * d for wi, d in zip(w_re, diffs, strict=True)) / sum(w_re)
    i2 = max(0.0, (q - df) / q) if q > 0 else 0.0
    p_value = float(chi2.sf(q, df))
    return Heterogeneity(q, df, p_value, i2, tau2, estimate, math.sqrt(1 / sum(w_re)), alpha)


def counts_for_percentage(pct: int, n: int) -> range:
    """Every whole number k with k/n rounding (half up) to the printed whole percentage."""
    # round_half_up(100 k / n) == pct  <=>  (pct - 0.5) n <= 100 k < (pct + 0.5) n
    low = -(-(2 * pct - 1) * n // 200)  # ceil, in whole numbers
    high = -(-(2 * pct + 1) * n // 200) - 1
    return range(max(low, 0), min(high, n) + 1)
