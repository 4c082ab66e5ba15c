"""Proportions and their differences: Wilson and Newcombe intervals, Mantel–Haenszel pooling.

- `wilson`: the score interval of one proportion k/n (Wilson 1927), also for k = 0 or k = n;
- `newcombe`: the interval of p1 − p0 from the two Wilson intervals (Newcombe 1998, method 10,
  without continuity correction; equal to statsmodels' ``confint_proportions_2indep(...,
  method="newcomb")``);
- `mantel_haenszel_rd`: the Mantel–Haenszel risk difference over strata with the
  Greenland–Robins (1985) and Sato (1989) variances and Wald intervals.

All take and return plain numbers (proportions, not percentages).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import norm

ALPHA = 0.05


def z_value(alpha: float = ALPHA) -> float:
    """1.959964 for a two-sided 95 % interval."""
    return float(norm.ppf(1 - alpha / 2))


def wilson(k: int, n: int, alpha: float = ALPHA) -> tuple[float, float]:
    """The Wilson score interval of k/n."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, not k={k}, n={n}")
    z = z_value(alpha)
    p = k / n
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


def counts_for_percentage(pct: int, n: int) -> range:
    """Every whole number k with k/n rounding (half up) to the printed whole percentage."""
    # round_half_up(100 k / n) == pct  <=>  (pct - 0.5) n <= 100 k < (pct + 0.5) n
    low = -(-(2 * pct - 1) * n // 200)  # ceil, in whole numbers
    high = -(-(2 * pct + 1) * n // 200) - 1
    return range(max(low, 0), min(high, n) + 1)
