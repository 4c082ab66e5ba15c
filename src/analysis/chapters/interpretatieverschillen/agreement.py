"""Agreement between self-assessment and inspection judgement, from confusion matrices.

Every statistic here is a function of the self x inspection confusion matrix (rows: the
location's own category, columns: the inspection's; categories 0..K-1 in order), vectorised
over leading axes, so a bootstrap over locations is a weighted sum of per-location matrices:

- ``exact``: share of pairs in the same category; ``within_one``: at most one category apart;
- ``over``/``under``: share where the self-assessment is higher/lower (over- and under-claim);
- ``mean_diff``: mean of points(self) - points(inspection) under a scoring rule, in
  percentage points of one milestone (100 = 'volledig' against 'niet');
- ``kappa_linear``/``kappa_quadratic``: Cohen's weighted kappa with all K categories declared
  (weights |i - j| and (i - j)^2; as scikit-learn's ``cohen_kappa_score(labels=...)``);
- ``alpha_ordinal``: Krippendorff's alpha for two coders with the ordinal metric, from the
  coincidence matrix o = C + C^T (as the ``krippendorff`` package with
  ``value_domain=[0..K-1]``).

The milestones of one location are not independent, so intervals come from resampling whole
locations (`bootstrap`) and the test of the mean difference is an exact sign-flip test on the
per-location mean differences (`sign_flip`), never from formulas that assume i.i.d. pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

K = 4  # answer categories niet .. volledig
STATISTICS = (
    "n", "exact", "within_one", "over", "under", "mean_diff",
    "kappa_linear", "kappa_quadratic", "alpha_ordinal",
)  # fmt: skip
BOOTSTRAP_RESAMPLES = 2000
LEVEL = 0.95
EXACT_FLIP_MAX = 16  # locations up to which the sign-flip test enumerates all 2^n signs
RANDOM_FLIPS = 50_000  # sign vectors drawn (seeded) above that


def confusion(own: np.ndarray, judged: np.ndarray, k: int = K) -> np.ndarray:
    """k x k counts: rows the own category, columns the inspection's."""
    own, judged = np.asarray(own, dtype=int), np.asarray(judged, dtype=int)
    return np.bincount(own * k + judged, minlength=k * k).reshape(k, k).astype(float)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1),
                        np.nan)  # fmt: skip


def weighted_kappa(c: np.ndarray, power: int) -> np.ndarray:
    """Cohen's weighted kappa of confusion matrices (..., k, k); power 1 linear, 2 quadratic.
    NaN where undefined (no pairs, or both raters constant in one category)."""
    k = c.shape[-1]
    idx = np.arange(k)
    w = np.abs(idx[:, None] - idx[None, :]).astype(float) ** power
    n = c.sum(axis=(-2, -1))
    expected = c.sum(axis=-1)[..., :, None] * c.sum(axis=-2)[..., None, :]
    observed = (w * c).sum(axis=(-2, -1))
    chance = _ratio((w * expected).sum(axis=(-2, -1)), n)
    return 1 - _ratio(observed, chance)


def ordinal_alpha(c: np.ndarray) -> np.ndarray:
    """Krippendorff's alpha (ordinal metric) of two coders with no missing values."""
    o = c + np.swapaxes(c, -1, -2)  # coincidences: each pair counted in both orders
    n_c = o.sum(axis=-1)  # (..., k)
    total = n_c.sum(axis=-1)
    k = c.shape[-1]
    cum = np.cumsum(n_c, axis=-1)
    lo, hi = (
        np.minimum.outer(np.arange(k), np.arange(k)),
        np.maximum.outer(np.arange(k), np.arange(k)),
    )
    before = np.concatenate([np.zeros_like(cum[..., :1]), cum], axis=-1)
    between = before[..., hi + 1] - before[..., lo]  # sum of n_g for g from lo to hi
    delta = (between - (n_c[..., :, None] + n_c[..., None, :]) / 2) ** 2
    observed = (o * delta).sum(axis=(-2, -1))
    expected = (n_c[..., :, None] * n_c[..., None, :] * delta).sum(axis=(-2, -1))
    return 1 - (total - 1) * _ratio(observed, expected)


def summarize(c: np.ndarray, points: np.ndarray) -> dict[str, np.ndarray]:
    """Every statistic of `STATISTICS` for confusion matrices (..., k, k).

    `points` holds the scoring rule's weight of each category (fractions of one milestone).
    """
    c = np.asarray(c, dtype=float)
    k = c.shape[-1]
    i, j = np.indices((k, k))
    n = c.sum(axis=(-2, -1))

    def share(mask: np.ndarray) -> np.ndarray:
        return _ratio((c * mask).sum(axis=(-2, -1)), n)

    gap = np.asarray(points, dtype=float)[:, None] - np.asarray(points, dtype=float)[None, :]
    return {
        "n": n,
        "exact": share(i == j),
        "within_one": share(np.abs(i - j) <= 1),
        "over": share(i > j),
        "under": share(i < j),
        "mean_diff": 100 * _ratio((c * gap).sum(axis=(-2, -1)), n),
        "kappa_linear": weighted_kappa(c, 1),
        "kappa_quadratic": weighted_kappa(c, 2),
        "alpha_ordinal": ordinal_alpha(c),
    }


def resample_weights(n_units: int, resamples: int, seed: int) -> np.ndarray:
    """How often each unit occurs in each bootstrap resample (resamples x units)."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_units, size=(resamples, n_units))
    counts = np.zeros((resamples, n_units))
    np.add.at(counts, (np.arange(resamples)[:, None], draws), 1)
    return counts


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    undefined: int  # resamples in which the statistic was undefined (left out)


def bootstrap(
    per_unit: np.ndarray,
    points: np.ndarray,
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int,
    level: float = LEVEL,
) -> dict[str, Interval]:
    """Percentile intervals of every statistic from resampling whole units (locations).

    `per_unit` holds one confusion matrix per unit (units x k x k); a resample draws as many
    units with replacement and sums their matrices.
    """
    per_unit = np.asarray(per_unit, dtype=float)
    units, k = per_unit.shape[0], per_unit.shape[-1]
    weights = resample_weights(units, resamples, seed)
    matrices = (weights @ per_unit.reshape(units, k * k)).reshape(resamples, k, k)
    estimate = summarize(per_unit.sum(axis=0), points)
    drawn = summarize(matrices, points)
    tail = (1 - level) / 2
    out = {}
    for name in STATISTICS:
        values = drawn[name][~np.isnan(drawn[name])]
        low, high = np.quantile(values, [tail, 1 - tail]) if values.size else (np.nan, np.nan)
        out[name] = Interval(
            float(estimate[name]), float(low), float(high), int(resamples - values.size)
        )
    return out


@dataclass(frozen=True)
class SignFlip:
    statistic: float  # mean of the per-unit mean differences
    p_value: float  # two-sided
    exact: bool  # all 2^n sign vectors enumerated (else RANDOM_FLIPS drawn)
    vectors: int


def sign_flip(differences: np.ndarray, *, seed: int) -> SignFlip:
    """Sign-flip (randomisation) test of 'mean difference = 0' on per-unit mean differences.

    Under the null each unit's difference is as likely positive as negative; the p-value is the
    share of sign vectors whose mean is at least as far from 0 as the observed one.
    """
    d = np.asarray(differences, dtype=float)
    n = d.size
    if n == 0:
        return SignFlip(float("nan"), float("nan"), True, 0)
    observed = abs(d.mean())
    if n <= EXACT_FLIP_MAX:
        codes = np.arange(2**n, dtype=np.int64)
        signs = 1 - 2 * ((codes[:, None] >> np.arange(n)) & 1).astype(np.int8)
        exact = True
    else:
        rng = np.random.default_rng(seed)
        signs = rng.choice(np.array([-1, 1], dtype=np.int8), size=(RANDOM_FLIPS, n))
        exact = False
    means = np.abs(signs @ d) / n
    hits = int((means >= observed - 1e-12).sum())
    p = hits / len(signs) if exact else (hits + 1) / (len(signs) + 1)
    return SignFlip(float(d.mean()), p, exact, len(signs))
