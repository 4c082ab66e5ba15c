"""The statistics shared by the chapters: one least-squares line, extrapolations, crossings.

- `fit_line`: ordinary least squares y = a + b x (statsmodels), with the confidence band of
  the line and the prediction interval of a new observation;
- `Extrapolation`: a fitted line carried to a later x (value and prediction interval there);
- `Crossing`: the moment at which a trend reaches a target, with an interval;
- `linear_trend` / `saturating_trend`: a straight line (Fieller interval for its crossing)
  and the curve 100 - (100 - a) exp(-k t) (simulated intervals), as `TrendFit`s.

Time `t` of a trend is counted in tertalen after the end of its first tertaal (`first`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, stats

# The two statsmodels names used, from their modules: `statsmodels.api` imports all of
# statsmodels (about twice the start-up time of every kernel that fits a line).
from statsmodels.regression.linear_model import OLS, RegressionResultsWrapper
from statsmodels.tools.tools import add_constant

from analysis.core.periods import Period

CONFIDENCE = 0.95
ALPHA = 0.05  # 1 - CONFIDENCE, written out: 1 - 0.95 is 0.050000000000000044
SIMULATIONS = 20_000
SEED = 20091231  # fixed: simulated intervals are the same on every run
LINEAR, SATURATING = "linear", "saturating"


# --- one least-squares line -----------------------------------------------------------------


@dataclass(frozen=True)
class LineFit:
    """Ordinary least squares y = a + b x (statsmodels)."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    result: RegressionResultsWrapper

    @property
    def intercept(self) -> float:
        return float(self.result.params[0])

    @property
    def slope(self) -> float:
        return float(self.result.params[1])

    @property
    def sigma(self) -> float:
        """Residual standard deviation (n - 2 degrees of freedom)."""
        return float(np.sqrt(self.result.scale))

    @property
    def n(self) -> int:
        return len(self.x)

    @property
    def df(self) -> int:
        return self.n - 2

    @property
    def cov(self) -> np.ndarray | None:
        """Covariance of (a, b); None without residual degrees of freedom, zero for an exact
        fit (up to rounding)."""
        if self.df <= 0:
            return None
        y = np.asarray(self.y)
        if float(self.result.ssr) <= 1e-20 * float(y @ y):
            return np.zeros((2, 2))
        return np.asarray(self.result.cov_params())

    def t_quantile(self, confidence: float = CONFIDENCE) -> float:
        """Student's t quantile for a two-sided interval (nan without degrees of freedom)."""
        return float(stats.t.ppf(0.5 + confidence / 2, self.df)) if self.df > 0 else float("nan")

    def value(self, x: float | np.ndarray) -> np.ndarray:
        return self.intercept + self.slope * np.asarray(x, dtype=float)

    def confidence_band(
        self, x: np.ndarray, confidence: float = CONFIDENCE
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Lower and upper confidence limits of the line at x; None without an error estimate."""
        cov = self.cov
        if cov is None:
            return None
        x = np.asarray(x, dtype=float)
        var = cov[0, 0] + 2 * x * cov[0, 1] + x**2 * cov[1, 1]
        half = self.t_quantile(confidence) * np.sqrt(np.maximum(var, 0.0))
        return self.value(x) - half, self.value(x) + half

    def predict(self, x0: float | np.ndarray, alpha: float = ALPHA) -> tuple:
        """(mean, lower, upper) of the (1 - alpha) prediction interval for a new observation."""
        scalar = np.ndim(x0) == 0
        exog = add_constant(np.atleast_1d(np.asarray(x0, dtype=float)), has_constant="add")
        frame = self.result.get_prediction(exog).summary_frame(alpha=alpha)
        cols = (frame[c].to_numpy() for c in ("mean", "obs_ci_lower", "obs_ci_upper"))
        return tuple(float(c[0]) for c in cols) if scalar else tuple(cols)


def fit_line(x: Iterable[float], y: Iterable[float]) -> LineFit:
    """OLS line through at least 2 points (with 2 there is no error estimate)."""
    x, y = np.asarray(list(x), dtype=float), np.asarray(list(y), dtype=float)
    if len(x) < 2:
        raise ValueError(f"need at least 2 points for a line, got {len(x)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels warns about tiny samples
        result = OLS(y, add_constant(x, has_constant="add")).fit()
    return LineFit(tuple(map(float, x)), tuple(map(float, y)), result)


@dataclass(frozen=True)
class Extrapolation:
    """A fitted line carried forward to x = `at`: its value there and a prediction interval."""

    fit: LineFit
    at: float
    alpha: float = ALPHA

    @property
    def interval(self) -> tuple[float, float, float]:
        """(mean, lower, upper) at `at`."""
        mean, lo, hi = self.fit.predict(self.at, self.alpha)
        return float(mean), float(lo), float(hi)

    def band(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(mean, lower, upper) arrays at x."""
        return self.fit.predict(np.asarray(x, dtype=float), self.alpha)


# --- when a trend reaches a target ------------------------------------------------------------


@dataclass(frozen=True)
class Crossing:
    """When a fitted trend reaches `target` %: moment `t` and a 95 % interval [low, high].

    `t` is None when the fitted trend never reaches the target. `low`/`high` are None when
    the interval cannot be estimated (too few points) and `high` is inf when it is unbounded
    (the data are also consistent with never reaching the target).
    """

    model: str
    target: int
    first: Period
    t: float | None
    low: float | None = None
    high: float | None = None

    @property
    def period(self) -> Period | None:
        return None if self.t is None else self.first.at_moment(max(self.t, 0.0))

    @property
    def low_period(self) -> Period | None:
        return None if self.low is None else self.first.at_moment(max(self.low, 0.0))

    @property
    def high_period(self) -> Period | None:
        if self.high is None or not math.isfinite(self.high):
            return None
        return self.first.at_moment(max(self.high, 0.0))

    @property
    def has_interval(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True)
class TrendFit:
    """A fitted trend of a mean (in %) against the tertaal index."""

    model: str
    first: Period
    t: np.ndarray  # observed tertaal indices
    y: np.ndarray  # observed means in %
    params: dict[str, float]
    curve: Callable[[np.ndarray], np.ndarray]  # fitted mean at t
    band: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None  # 95 % band at t
    crossings: tuple[Crossing, ...] = field(default=())


def linear_trend(
    t: np.ndarray, y: np.ndarray, first: Period, targets: Iterable[int]
) -> TrendFit | None:
    """A straight line with the Fieller interval for the moment it reaches each target.

    The interval is the set of moments at which the target lies inside the 95 % confidence
    band of the line (inverse prediction with Student's t, n - 2 degrees of freedom). With a
    perfect fit it collapses to the point; with two points there is no interval.
    """
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    if len(t) < 2:
        return None
    fit = fit_line(t, y)
    band = None
    if fit.cov is not None:

        def band(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return fit.confidence_band(x)

    crossings = tuple(_fieller(fit, target, first) for target in targets)
    params = {"b0": fit.intercept, "b1": fit.slope}
    return TrendFit(LINEAR, first, t, y, params, fit.value, band, crossings)


def _fieller(fit: LineFit, target: float, first: Period) -> Crossing:
    b0, b1, cov, q = fit.intercept, fit.slope, fit.cov, fit.t_quantile()
    point = (target - b0) / b1 if b1 > 0 else None
    if cov is None or point is None:
        return Crossing(LINEAR, int(target), first, point)
    if not cov.any():  # exact fit: the interval is the point
        return Crossing(LINEAR, int(target), first, point, point, point)
    # {t : (b0 + b1 t - target)^2 <= q^2 Var(b0 + b1 t)} = {t : A t^2 + 2 B t + C <= 0}
    v00, v01, v11 = cov[0, 0], cov[0, 1], cov[1, 1]
    d = b0 - target
    a = b1**2 - q**2 * v11
    b = b1 * d - q**2 * v01
    c = d**2 - q**2 * v00
    if a <= 1e-12 * b1**2:
        # slope not significantly positive: the data are consistent with never reaching it
        return Crossing(LINEAR, int(target), first, point, -math.inf, math.inf)
    disc = b * b - a * c
    if disc <= 1e-12 * b * b:  # degenerate: zero-width interval at the point
        return Crossing(LINEAR, int(target), first, point, point, point)
    root = math.sqrt(disc)
    return Crossing(LINEAR, int(target), first, point, (-b - root) / a, (-b + root) / a)


def _saturating(t: np.ndarray, a: float, k: float) -> np.ndarray:
    return 100.0 - (100.0 - a) * np.exp(np.minimum(-k * t, 700.0))  # no overflow


def _time_to(target: float, a: np.ndarray | float, k: np.ndarray | float) -> np.ndarray:
    """Moment at which 100 - (100 - a) exp(-k t) reaches `target` (inf if never)."""
    a, k = np.asarray(a, dtype=float), np.asarray(k, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.maximum(100.0 - a, 1e-12)
        t = np.log(gap / (100.0 - target)) / k
    return np.where(k > 0, t, np.inf)


def _quantiles(values: np.ndarray, axis: int | None = None) -> np.ndarray:
    # no interpolation: an infinite quantile (never reached) stays infinite
    probs = [(1 - CONFIDENCE) / 2, (1 + CONFIDENCE) / 2]
    return np.quantile(values, probs, axis=axis, method="inverted_cdf")


def saturating_trend(
    t: np.ndarray, y: np.ndarray, first: Period, targets: Iterable[int]
) -> TrendFit | None:
    """Least-squares fit of 100 - (100 - a) exp(-k t), with simulated 95 % intervals.

    `a` is the level at t = 0 and `k` the rate per tertaal (k > 0: the mean approaches
    100 % but never reaches it). Intervals: SIMULATIONS draws of (a, k) from the multivariate
    t distribution (n - 2 degrees of freedom) around the estimate with the fit's covariance,
    from a numpy Generator seeded with SEED, so the result is the same on every run.
    """
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    if len(t) < 2 or np.any(y >= 100):
        return None
    start = (float(min(y[0], 99.0)), 0.1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            popt, pcov = optimize.curve_fit(
                _saturating, t, y, p0=start, bounds=([-np.inf, 1e-9], [100.0, np.inf]),
                max_nfev=10_000,
            )  # fmt: skip
        except (RuntimeError, ValueError):
            return None
    a, k = (float(v) for v in popt)
    df = len(t) - 2
    draws = None
    if df > 0 and np.all(np.isfinite(pcov)):
        rng = np.random.default_rng(SEED)
        z = rng.multivariate_normal(np.zeros(2), pcov, size=SIMULATIONS, method="eigh")
        w = rng.chisquare(df, size=SIMULATIONS) / df
        draws = popt + z / np.sqrt(w)[:, None]

    def curve(x: np.ndarray) -> np.ndarray:
        return _saturating(np.asarray(x, dtype=float), a, k)

    band = None
    if draws is not None:

        def band(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            x = np.asarray(x, dtype=float)
            lo, hi = _quantiles(_saturating(x[None, :], draws[:, :1], draws[:, 1:]), axis=0)
            return lo, hi

    crossings = []
    for target in targets:
        point = float(_time_to(target, a, k))
        point_or_none = point if math.isfinite(point) else None
        if draws is None:
            crossings.append(Crossing(SATURATING, target, first, point_or_none))
            continue
        lo, hi = _quantiles(_time_to(target, draws[:, 0], draws[:, 1]))
        crossings.append(Crossing(SATURATING, target, first, point_or_none, float(lo), float(hi)))
    params = {"a": a, "k": k}
    return TrendFit(SATURATING, first, t, y, params, curve, band, tuple(crossings))
