"""Development over time: the Landkaart of every available tertaal up to a report period.

What this module computes (the trend chapter's numbers):

- the mean score per tertaal, overall (AKO Tabel 3) and per phase, exact and rounded by the
  scoring rule; blank answers are left out of every mean (as in `analysis.scoring`) and
  counted per tertaal;
- a backtest of the overall means against the published Tabel 3, for the tertalen it covers;
- two fitted trends of the overall mean against time (tertaal index): a straight line (OLS)
  and a saturating curve ``100 - (100 - a) * exp(-k * t)``, each with a projection of when
  the mean reaches a target and a 95 % interval for that moment;
- per Werkplein the change of its total score since the previous and since the first
  tertaal (improved / equal / worse), "progress in a year" and the §3.4.1 change claims;
- the distribution of the Werkpleinen's total scores per tertaal and the laggards.

Definitions:

- A Werkplein's *total score* in a tertaal is its mean over its answered milestones
  (`scoring.location_scores`, an exact fraction). Changes compare these exact scores: equal
  means exactly equal, not "equal after truncation".
- A Werkplein *made progress in year Y* when its total score at the end of Y (Y-T3) is higher
  than at the end of Y-1 ((Y-1)-T3); AKO §3.4.1 counts 120 Werkpleinen (96 %) for 2009.
- *Laggards*: the `n` Werkpleinen with the lowest total score in the last tertaal and the `n`
  with the smallest change since the first tertaal among those not yet at 100 %, plus any
  tied with the n-th (exact scores, so the cut-off never depends on the IDs).

Time is the tertaal index ``t`` counted from the first available tertaal (t = 0); a moment
``t`` (possibly fractional) falls in the tertaal ``ceil(t)``: the first tertaal at whose end
the fitted mean has reached the target.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize, stats

from analysis.core import published, scoring
from analysis.core.codebook import Codebook, load_codebook
from analysis.core.config import Paths
from analysis.core.formatting import number, percent, signed
from analysis.core.periods import Period
from analysis.core.scoring import ScoringRule, get_rule
from analysis.ingest.landkaart import load_answers, raw_periods

TABEL_3 = f"{published.AKO_2009_T3}-tabel-3"
TOTAL = "totaal"  # the `group` of the overall mean in `History.mean_scores`
IMPROVED, EQUAL, WORSE, UNKNOWN = "improved", "equal", "worse", "unknown"
CHANGE_CLASSES = (IMPROVED, EQUAL, WORSE, UNKNOWN)
CHANGE_LABELS_NL = {
    IMPROVED: "Vooruit",
    EQUAL: "Gelijk",
    WORSE: "Achteruit",
    UNKNOWN: "Onbekend",
}
MIN_FIT_POINTS = 2  # a line (and the saturating curve) through 2 points, without uncertainty
MIN_INTERVAL_POINTS = 3  # at least one residual degree of freedom for an interval
FEW_POINTS = 8  # below this many tertalen the chapter warns that the projection is fragile
CONFIDENCE = 0.95
SIMULATIONS = 20_000
SEED = 20091231  # fixed: the simulated intervals are the same on every run
HORIZON = 30  # tertalen (ten years) after the last one: projections beyond are "later than"
LINEAR, SATURATING = "linear", "saturating"
TARGETS = {LINEAR: (100,), SATURATING: (95, 99)}
LAGGARDS = 10  # default length of each laggard list


# --- periods and loading ----------------------------------------------------------------


def load_history(periods: list[str], paths: Paths) -> pd.DataFrame:
    """The processed answers of several periods in one tidy frame.

    Columns period, location, milestone, category (Int64, <NA> = blank answer), periods in
    tertaal order. `attrs["metadata"]` maps each period to its metadata.json and
    `attrs["blank_answers"]` to its number of blank answers.
    """
    ordered = [str(p) for p in sorted(Period.parse(p) for p in periods)]
    if len(set(ordered)) != len(ordered):
        raise ValueError(f"a period occurs twice in {periods}")
    frames, metadata = [], {}
    for period in ordered:
        answers = load_answers(period, paths)
        metadata[period] = answers.attrs["metadata"]
        frames.append(answers.assign(period=period)[["period", *answers.columns]])
    if frames:
        history = pd.concat(frames, ignore_index=True)
    else:
        history = pd.DataFrame(
            {
                "period": pd.Series(dtype="str"),
                "location": pd.Series(dtype="str"),
                "milestone": pd.Series(dtype="str"),
                "category": pd.Series(dtype="Int64"),
            }
        )
    history.attrs = {
        "metadata": metadata,
        "blank_answers": {
            p: int(history.loc[history["period"] == p, "category"].isna().sum()) for p in ordered
        },
    }
    return history


def tertaal_index(period: str | Period, first: str | Period) -> int:
    """Tertalen from `first` to `period` (2008-T1 -> 2009-T3 is 5)."""
    p, f = _period(period), _period(first)
    return (p.year * 3 + p.tertaal) - (f.year * 3 + f.tertaal)


def period_at(first: str | Period, steps: int) -> Period:
    """The tertaal `steps` tertalen after `first` (negative: before)."""
    f = _period(first)
    index = f.year * 3 + (f.tertaal - 1) + steps
    return Period(index // 3, index % 3 + 1)


def period_of_moment(first: str | Period, t: float) -> Period:
    """The tertaal in which moment `t` (tertalen after the end of `first`) falls: ceil(t)."""
    return period_at(first, math.ceil(round(t, 9)))


def _period(value: str | Period) -> Period:
    return value if isinstance(value, Period) else Period.parse(value)


@dataclass(frozen=True)
class History:
    """The answers of every available tertaal up to the report period, ready to score.

    Everything derived from the answers is computed once per History (cached properties);
    the cached frames are shared, so callers must not modify them.
    """

    period: str  # the report period (the last one wanted)
    periods: tuple[str, ...]  # available periods, oldest first
    answers: pd.DataFrame  # load_history(...)
    codebook: Codebook
    rule: ScoringRule
    paths: Paths
    _laggards: dict[int, pd.DataFrame] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # laggards(h, n) per n

    @property
    def first(self) -> str:
        return self.periods[0]

    @property
    def last(self) -> str:
        return self.periods[-1]

    @property
    def n_periods(self) -> int:
        return len(self.periods)

    @property
    def metadata(self) -> dict[str, dict]:
        return self.answers.attrs["metadata"]

    @property
    def synthetic(self) -> bool:
        """True when any period's answers are synthetic."""
        return any(m.get("synthetic") for m in self.metadata.values())

    def answers_of(self, period: str) -> pd.DataFrame:
        """The tidy answers (location, milestone, category) of one period."""
        sel = self.answers[self.answers["period"] == period]
        return sel.drop(columns="period").reset_index(drop=True)

    @cached_property
    def phase_tables(self) -> dict[str, pd.DataFrame]:
        """`scoring.phase_table` (AKO Tabel 1) of every period."""
        return {
            p: scoring.phase_table(self.answers_of(p), self.codebook, self.rule)
            for p in self.periods
        }

    @cached_property
    def totals(self) -> pd.DataFrame:
        """Total score (exact Fraction, None = no answered milestone) per location x period."""
        columns = {p: scoring.location_scores(self.answers_of(p), self.rule) for p in self.periods}
        frame = pd.DataFrame(columns, dtype=object).reindex(columns=list(self.periods))
        frame = frame.astype(object).where(frame.notna(), None)
        return frame.rename_axis("location").sort_index()

    @cached_property
    def mean_scores(self) -> pd.DataFrame:
        """Mean score per period, overall and per phase (tidy).

        Columns period, group (``TOTAL`` or the phase number), label, mean (exact Fraction of
        1, None without scores), mean_exact_pct (float), mean_pct (rounded by the rule),
        n_locations (with a score), unknown_locations (without any answered milestone).
        """
        rows = []
        for period, table in self.phase_tables.items():
            for label, row in table.iterrows():
                phase, mean = row["phase"], row["mean"]
                rows.append(
                    {
                        "period": period,
                        "group": TOTAL if pd.isna(phase) else int(phase),
                        "label": label,
                        "mean": mean,
                        "mean_exact_pct": None if mean is None else float(mean * 100),
                        "mean_pct": row["mean_pct"],
                        "n_locations": int(row["n_locations"]),
                        "unknown_locations": int(row[f"count:{scoring.UNKNOWN}"]),
                    }
                )
        return pd.DataFrame(rows)

    @cached_property
    def overall_means(self) -> pd.DataFrame:
        """Tabel 3 of the available periods: one row per period with the data behind the mean.

        Columns period, t (tertaal index), mean (Fraction), mean_exact_pct, mean_pct,
        n_locations, unknown_locations, blank_answers, synthetic.
        """
        means = self.mean_scores
        out = means[means["group"] == TOTAL].drop(columns=["group", "label"])
        out = out.reset_index(drop=True)
        out.insert(1, "t", [tertaal_index(p, self.first) for p in out["period"]])
        out["blank_answers"] = [self.answers.attrs["blank_answers"][p] for p in out["period"]]
        out["synthetic"] = [bool(self.metadata[p].get("synthetic")) for p in out["period"]]
        return out

    @cached_property
    def tabel3(self) -> pd.DataFrame:
        """AKO Tabel 3 as published, read once: index period, column_label ('dec-09'), value.

        Every tertaal that it covers, also those missing from this history; value in whole %.
        """
        table = published.load_table(TABEL_3, self.paths)
        table = table[(table["statistic"] == "mean_pct") & table["value"].notna()]
        return table.set_index("period")[["column_label", "value"]].astype({"value": int})

    @cached_property
    def fits(self) -> dict[str, TrendFit]:
        """Both fitted trends of the exact overall means (those that could be fitted)."""
        means = self.overall_means.dropna(subset=["mean_exact_pct"])
        t = means["t"].to_numpy(dtype=float)
        y = means["mean_exact_pct"].to_numpy(dtype=float)
        out = {LINEAR: linear_fit(t, y, self.first), SATURATING: saturating_fit(t, y, self.first)}
        return {k: v for k, v in out.items() if v is not None}


def load(period: str, scoring_rule: str = scoring.DEFAULT_RULE, root: str | None = None) -> History:
    """The history of every period up to `period` (root None: the repository).

    The periods are the Landkaart export folders under data/raw/landkaart (as `analysis run`
    ingests them); their processed answers are read, so a period must have been ingested.
    """
    paths = Paths.from_parameter(root)
    periods, _ = raw_periods(paths, period)
    if not periods:
        raise FileNotFoundError(
            f"no Landkaart export folder up to {period} under {paths.landkaart_root}: add the "
            f"export and run `analysis ingest --period {period}`"
        )
    return History(
        period,
        tuple(periods),
        load_history(periods, paths),
        load_codebook(paths),
        get_rule(scoring_rule),
        paths,
    )


# --- backtest against Tabel 3 --------------------------------------------------------------


def tabel3_backtest(h: History) -> pd.DataFrame:
    """Computed overall mean beside AKO Tabel 3, for the available periods that it covers.

    Columns period, column_label (as printed, 'dec-09'), computed (mean_pct), published,
    equal.
    """
    pub = h.tabel3
    means = h.overall_means.set_index("period")
    rows = [
        {
            "period": p,
            "column_label": pub.loc[p, "column_label"],
            "computed": means.loc[p, "mean_pct"],
            "published": int(pub.loc[p, "value"]),
        }
        for p in h.periods
        if p in pub.index
    ]
    out = pd.DataFrame(rows, columns=["period", "column_label", "computed", "published"])
    out["equal"] = [
        c is not None and not pd.isna(c) and int(c) == p
        for c, p in zip(out["computed"], out["published"], strict=True)
    ]
    return out


# --- fitted trends and projections ----------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """When a fitted trend reaches `target` %: moment `t` and a 95 % interval [low, high].

    `t` is None when the fitted trend never reaches the target. `low`/`high` are None when
    the interval cannot be estimated (too few points) and `high` is inf when it is unbounded
    (the data are also consistent with never reaching the target).
    """

    model: str
    target: int
    first: str
    t: float | None
    low: float | None = None
    high: float | None = None

    @property
    def period(self) -> Period | None:
        return None if self.t is None else period_of_moment(self.first, max(self.t, 0.0))

    @property
    def low_period(self) -> Period | None:
        return None if self.low is None else period_of_moment(self.first, max(self.low, 0.0))

    @property
    def high_period(self) -> Period | None:
        if self.high is None or not math.isfinite(self.high):
            return None
        return period_of_moment(self.first, max(self.high, 0.0))

    @property
    def has_interval(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True)
class TrendFit:
    """A fitted trend of the overall mean (in %) against the tertaal index."""

    model: str
    first: str
    t: np.ndarray  # observed tertaal indices
    y: np.ndarray  # observed exact means in %
    params: dict[str, float]
    curve: Callable[[np.ndarray], np.ndarray]  # fitted mean at t
    band: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None  # 95 % band at t
    projections: tuple[Projection, ...] = field(default=())


def linear_fit(t: np.ndarray, y: np.ndarray, first: str) -> TrendFit | None:
    """OLS y = b0 + b1 t with the Fieller interval for the moment the line reaches 100 %.

    The interval is the set of moments at which 100 % lies inside the 95 % confidence band of
    the fitted line (inverse prediction with Student's t, n - 2 degrees of freedom). With a
    perfect fit it collapses to the point; with two points there is no interval.
    """
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    if len(t) < MIN_FIT_POINTS:
        return None
    X = sm.add_constant(t, has_constant="add")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = sm.OLS(y, X).fit()
    b0, b1 = (float(v) for v in result.params)
    df = len(t) - 2
    cov = np.asarray(result.cov_params()) if df > 0 else None
    if cov is not None and float(result.ssr) <= 1e-20 * float(y @ y):
        cov = np.zeros((2, 2))  # an exact fit up to rounding: no uncertainty
    q = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) if df > 0 else float("nan")

    def curve(x: np.ndarray) -> np.ndarray:
        return b0 + b1 * np.asarray(x, dtype=float)

    band = None
    if cov is not None:

        def band(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            x = np.asarray(x, dtype=float)
            var = cov[0, 0] + 2 * x * cov[0, 1] + x**2 * cov[1, 1]
            half = q * np.sqrt(np.maximum(var, 0.0))
            return curve(x) - half, curve(x) + half

    projections = tuple(_fieller(b0, b1, cov, q, target, first) for target in TARGETS[LINEAR])
    return TrendFit(LINEAR, first, t, y, {"b0": b0, "b1": b1}, curve, band, projections)


def _fieller(
    b0: float, b1: float, cov: np.ndarray | None, q: float, target: float, first: str
) -> Projection:
    point = (target - b0) / b1 if b1 > 0 else None
    if cov is None or point is None:
        return Projection(LINEAR, int(target), first, point)
    if not cov.any():  # exact fit: the interval is the point
        return Projection(LINEAR, int(target), first, point, point, point)
    # {t : (b0 + b1 t - target)^2 <= q^2 Var(b0 + b1 t)} = {t : A t^2 + 2 B t + C <= 0}
    v00, v01, v11 = cov[0, 0], cov[0, 1], cov[1, 1]
    d = b0 - target
    a = b1**2 - q**2 * v11
    b = b1 * d - q**2 * v01
    c = d**2 - q**2 * v00
    if a <= 1e-12 * b1**2:
        # slope not significantly positive: the data are consistent with never reaching it
        return Projection(LINEAR, int(target), first, point, -math.inf, math.inf)
    disc = b * b - a * c
    if disc <= 1e-12 * b * b:  # degenerate: zero-width interval at the point
        return Projection(LINEAR, int(target), first, point, point, point)
    root = math.sqrt(disc)
    return Projection(LINEAR, int(target), first, point, (-b - root) / a, (-b + root) / a)


def _saturating(t: np.ndarray, a: float, k: float) -> np.ndarray:
    return 100.0 - (100.0 - a) * np.exp(np.minimum(-k * t, 700.0))  # no overflow


def _time_to(target: float, a: np.ndarray | float, k: np.ndarray | float) -> np.ndarray:
    """Moment at which 100 - (100 - a) exp(-k t) reaches `target` (inf if never)."""
    a, k = np.asarray(a, dtype=float), np.asarray(k, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.maximum(100.0 - a, 1e-12)
        t = np.log(gap / (100.0 - target)) / k
    return np.where(k > 0, t, np.inf)


def saturating_fit(t: np.ndarray, y: np.ndarray, first: str) -> TrendFit | None:
    """Least-squares fit of 100 - (100 - a) exp(-k t), with simulated 95 % intervals.

    `a` is the level at t = 0 and `k` the rate per tertaal (k > 0: the mean approaches
    100 % but never reaches it). Intervals: SIMULATIONS draws of (a, k) from the multivariate
    t distribution (n - 2 degrees of freedom) around the estimate with the fit's covariance,
    from a numpy Generator seeded with SEED, so the result is the same on every run.
    """
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    if len(t) < MIN_FIT_POINTS or np.any(y >= 100):
        return None
    start = (float(min(y[0], 99.0)), 0.1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            popt, pcov = optimize.curve_fit(
                _saturating,
                t,
                y,
                p0=start,
                bounds=([-np.inf, 1e-9], [100.0, np.inf]),
                max_nfev=10_000,
            )
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
            values = _saturating(x[None, :], draws[:, :1], draws[:, 1:])
            lo, hi = np.quantile(
                values, [(1 - CONFIDENCE) / 2, (1 + CONFIDENCE) / 2], axis=0, method="inverted_cdf"
            )
            return lo, hi

    projections = []
    for target in TARGETS[SATURATING]:
        point = float(_time_to(target, a, k))
        point_or_none = point if math.isfinite(point) else None
        if draws is None:
            projections.append(Projection(SATURATING, target, first, point_or_none))
            continue
        moments = _time_to(target, draws[:, 0], draws[:, 1])
        # no interpolation: an infinite quantile (never reached) stays infinite
        lo, hi = np.quantile(
            moments, [(1 - CONFIDENCE) / 2, (1 + CONFIDENCE) / 2], method="inverted_cdf"
        )
        projections.append(
            Projection(SATURATING, target, first, point_or_none, float(lo), float(hi))
        )
    return TrendFit(SATURATING, first, t, y, {"a": a, "k": k}, curve, band, tuple(projections))


def projections(h: History) -> list[Projection]:
    """Every projection of both fits (linear: 100 %; saturating: 95 % and 99 %)."""
    return [p for fit in h.fits.values() for p in fit.projections]


# --- per-location change ------------------------------------------------------------------


def _classify(now: Fraction | None, before: Fraction | None) -> str:
    if now is None or before is None:
        return UNKNOWN
    return IMPROVED if now > before else WORSE if now < before else EQUAL


def change_classes(h: History, since: str = "previous") -> pd.DataFrame:
    """Per location x period (from the second on): improved / equal / worse / unknown.

    `since` is "previous" (the tertaal before, as available) or "first" (the first
    available tertaal). Compares exact total scores.
    """
    if since not in ("previous", "first"):
        raise ValueError(f"since must be 'previous' or 'first', not {since!r}")
    totals = h.totals
    out = {}
    for i, period in enumerate(h.periods[1:], start=1):
        base = h.periods[i - 1] if since == "previous" else h.first
        out[period] = [
            _classify(now, before) for now, before in zip(totals[period], totals[base], strict=True)
        ]
    return pd.DataFrame(out, index=totals.index, columns=list(h.periods[1:]))


def change_counts(h: History, since: str = "previous") -> pd.DataFrame:
    """Number of locations per change class, one row per period from the second on."""
    classes = change_classes(h, since)
    counts = {
        period: {c: int((classes[period] == c).sum()) for c in CHANGE_CLASSES}
        for period in classes.columns
    }
    frame = pd.DataFrame.from_dict(counts, orient="index", columns=list(CHANGE_CLASSES))
    return frame.rename_axis("period").astype(int)


@dataclass(frozen=True)
class YearProgress:
    """Locations whose total score at the end of `year` exceeds that at the end of year - 1."""

    year: int
    progressed: int
    base: int  # locations with a total score in both periods

    @property
    def pct(self) -> int | None:
        """Share in whole % (halves up), as published."""
        return scoring.pct_half_up(self.progressed, self.base)


def progress_in_year(h: History, year: int) -> YearProgress | None:
    """Progress in `year` (Y-T3 vs (Y-1)-T3); None when one of those periods is missing."""
    end, start = str(Period(year, 3)), str(Period(year - 1, 3))
    if end not in h.periods or start not in h.periods:
        return None
    classes = [_classify(n, b) for n, b in zip(h.totals[end], h.totals[start], strict=True)]
    base = sum(c != UNKNOWN for c in classes)
    return YearProgress(year, classes.count(IMPROVED), base)


def _green(h: History, period: str) -> int:
    """Werkpleinen whose total score is in the green band (volledig, 100 %)."""
    return int(band_counts(h).loc[period, h.codebook.category_labels[-1]])


def change_claims(h: History) -> pd.DataFrame:
    """The §3.4.1 claims about change over time, computed where the periods are available.

    Columns claim, label (Dutch), periods (needed), computed (None if a period is missing),
    published, equal (None if not computable).
    """
    claims = published.claims(h.paths)
    progress = progress_in_year(h, 2009)
    have = set(h.periods)
    specs = [
        (
            "without_portfolio_division_2009_T2",
            "Werkpleinen zonder portefeuilleverdeling (mijlpaal 8 'niet'), 2e tertaal 2009",
            ["2009-T2"],
            lambda: scoring.without_portfolio_division(h.answers_of("2009-T2")),
        ),
        (
            "green_locations_increase_since_2009_T2",
            "Toename groene Werkpleinen (100 %) sinds het 2e tertaal 2009",
            ["2009-T2", "2009-T3"],
            lambda: _green(h, "2009-T3") - _green(h, "2009-T2"),
        ),
        (
            "progressed_locations_2009",
            "Werkpleinen met voortgang in 2009 (totaalscore dec-09 hoger dan dec-08)",
            ["2008-T3", "2009-T3"],
            lambda: progress.progressed if progress else None,
        ),
        (
            "progressed_locations_2009_pct",
            "Idem, als percentage van de Werkpleinen (%)",
            ["2008-T3", "2009-T3"],
            lambda: progress.pct if progress else None,
        ),
    ]
    rows = []
    for claim, label, needed, compute in specs:
        computed = compute() if have.issuperset(needed) else None
        text = int(claims[claim])
        rows.append(
            {
                "claim": claim,
                "label": label,
                "periods": tuple(needed),
                "computed": computed,
                "published": text,
                "equal": None if computed is None else computed == text,
            }
        )
    return pd.DataFrame(rows, dtype=object)


# --- distribution and laggards --------------------------------------------------------------


def band_counts(h: History) -> pd.DataFrame:
    """Number of locations per band (niet ... volledig, onbekend), one row per period."""
    labels = [*h.codebook.category_labels, scoring.UNKNOWN]
    rows = {
        p: {label: int(table.iloc[0][f"count:{label}"]) for label in labels}
        for p, table in h.phase_tables.items()
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=labels).rename_axis("period")


def laggards(h: History, n: int = LAGGARDS) -> pd.DataFrame:
    """The locations lowest in the last period and with the least change since the first.

    Each list holds the `n` lowest plus any location tied (exactly) with the n-th; locations
    at 100 % in the last period are left out of the least-change list. Returns
    one row per selected location, sorted by last-period score then ID, with the exact total
    score per period (Fraction), `change` since the first period (Fraction of 1, None if
    unknown or only one period) and the flags `lowest` and `least_progress`. Computed once
    per History and `n` (do not modify the result).
    """
    if n not in h._laggards:
        h._laggards[n] = _laggards(h, n)
    return h._laggards[n]


def _laggards(h: History, n: int) -> pd.DataFrame:
    totals = h.totals
    last = totals[h.last]
    lowest = _bottom(last, n)
    if h.n_periods > 1:
        change = pd.Series(
            [
                None if a is None or b is None else a - b
                for a, b in zip(last, totals[h.first], strict=True)
            ],
            index=totals.index,
            dtype=object,
        )
        # a Werkplein at 100 % has nothing left to gain: it is no laggard
        finished = {loc for loc, s in last.items() if s is not None and s >= 1}
        least = _bottom(change.drop(index=list(finished)), n)
    else:
        change = pd.Series(None, index=totals.index, dtype=object)
        least = set()
    chosen = sorted(lowest | least, key=lambda loc: (last[loc] is None, last[loc] or 0, loc))
    out = totals.loc[chosen].copy()
    out["change"] = change.loc[chosen]
    out["lowest"] = [loc in lowest for loc in chosen]
    out["least_progress"] = [loc in least for loc in chosen]
    return out


def _bottom(values: pd.Series, n: int) -> set[str]:
    known = sorted((v, loc) for loc, v in values.items() if v is not None)
    if not known or n <= 0:
        return set()
    cut = known[min(n, len(known)) - 1][0]
    return {loc for v, loc in known if v <= cut}


# --- display (Dutch) ------------------------------------------------------------------------


def _rounding_nl(rule: ScoringRule) -> str:
    return "afgekapt" if rule.rounding == "floor" else "afgerond"


def tabel3_display(h: History) -> pd.DataFrame:
    """Tabel 3 for the report: per tertaal the data, the computed means and AKO's value."""
    check = tabel3_backtest(h).set_index("period")
    rows = []
    for r in h.overall_means.itertuples():
        computed = None if pd.isna(r.mean_pct) else int(r.mean_pct)
        if r.period in check.index:
            pub_text = percent(int(check.loc[r.period, "published"]))
            equal = "ja" if check.loc[r.period, "equal"] else "nee"
        else:
            pub_text, equal = "–", "–"
        rows.append(
            {
                "Tertaal": Period.parse(r.period).label_nl,
                "Einde": Period.parse(r.period).end_label,
                "Werkpleinen": number(r.n_locations + r.unknown_locations),
                "Lege antwoorden": number(r.blank_answers),
                "Gemiddelde (exact)": "–" if computed is None else percent(r.mean_exact_pct, 1),
                f"Berekend ({_rounding_nl(h.rule)})": "–"
                if computed is None
                else percent(computed),
                "AKO Tabel 3": pub_text,
                "Gelijk": equal,
            }
        )
    return pd.DataFrame(rows)


def tabel3_sentence(h: History) -> str:
    """How many of Tabel 3's values are reproduced, and which periods it does not cover."""
    check = tabel3_backtest(h)
    uncovered = [p for p in h.periods if p not in set(check["period"])]
    parts = []
    if len(check):
        ok, n = int(check["equal"].sum()), len(check)
        if ok == n:
            what = {1: "Het", 2: "Beide"}.get(n, f"Alle {number(n)}")
            word = "gemiddelde" if n == 1 else "gemiddelden"
            verb = "wordt" if n == 1 else "worden"
            parts.append(
                f"{what} gepubliceerde {word} uit Tabel 3 {verb} met de regel "
                f"*{h.rule.description_nl}* exact gereproduceerd."
            )
        else:
            differ = ", ".join(
                f"{Period.parse(p).label_nl} ({c} tegen {v})"
                for p, c, v, e in check[["period", "computed", "published", "equal"]].itertuples(
                    index=False
                )
                if not e
            )
            parts.append(
                f"{number(ok)} van de {number(n)} gepubliceerde gemiddelden uit Tabel 3 worden "
                f"gereproduceerd; afwijkend: {differ}."
            )
    if uncovered:
        names = ", ".join(Period.parse(p).label_nl for p in uncovered)
        parts.append(f"Voor {names} heeft het AKO geen gemiddelde gepubliceerd.")
    blanks = h.overall_means["blank_answers"]
    if blanks.sum():
        parts.append(
            f"In totaal zijn {number(int(blanks.sum()))} antwoorden leeg; die tellen als "
            "'onbekend' en blijven buiten de gemiddelden."
        )
    else:
        parts.append("Er zijn geen lege antwoorden.")
    return " ".join(parts) + "\n"


def phase_means_display(h: History) -> pd.DataFrame:
    """Mean score (rule-rounded %) per phase (rows) and tertaal (columns)."""
    table = h.mean_scores.pivot(index="label", columns="period", values="mean_pct")
    order = list(h.phase_tables[h.first].index)
    table = table.loc[order, list(h.periods)]
    table.columns = [Period.parse(p).end_label for p in h.periods]
    names = {scoring.TOTAL_LABEL: "Totaal"}
    phases = h.codebook.phases["name_nl"]
    names.update({name: f"{p}. {name}" for p, name in phases.items()})
    table.index = [names.get(label, label) for label in table.index]
    table = table.map(lambda v: "–" if v is None or pd.isna(v) else percent(int(v)))
    return table.rename_axis("Fase").reset_index()


def data_note(h: History) -> str:
    """A callout on where the answers come from and how many tertalen are available."""
    n = h.n_periods
    first, last = Period.parse(h.first), Period.parse(h.last)
    span = (
        f"alleen het {last.label_nl}"
        if n == 1
        else f"{number(n)} tertalen, van het {first.label_nl} tot en met het {last.label_nl}"
    )
    missing = [
        str(period_at(first, i))
        for i in range(tertaal_index(last, first) + 1)
        if str(period_at(first, i)) not in h.periods
    ]
    gap = (
        f" Er ontbreken tertalen: {', '.join(missing)}; de tijdas houdt daar rekening mee."
        if missing
        else ""
    )
    later = (
        f" Het rapport is gevraagd voor {h.period}, maar daarvan zijn geen gegevens verwerkt."
        if h.last != h.period
        else ""
    )
    if h.synthetic:
        synthetic = [p for p in h.periods if h.metadata[p].get("synthetic")]
        which = (
            ("dit tertaal" if n == 1 else "alle tertalen")
            if len(synthetic) == n
            else ", ".join(synthetic)
        )
        return (
            '::: {.callout-warning title="Synthetische gegevens"}\n'
            f"Dit hoofdstuk gebruikt {span}.{gap}{later} De Landkaart-antwoorden van {which} "
            "zijn **synthetisch**: een generator met vaste seed heeft ze gemaakt zodat ze de "
            "gepubliceerde AKO-cijfers exact opleveren (Tabel 3 en de beweringen over de "
            "ontwikkeling in §3.4.1). De codes WP-001 ... horen niet bij bestaande "
            "Werkpleinen, en de paden per Werkplein zijn verzonnen.\n:::\n"
        )
    return (
        f'::: {{.callout-note title="Gegevens"}}\nDit hoofdstuk gebruikt {span}.{gap}{later}\n:::\n'
    )


def single_period_note(h: History) -> str:
    """Plain statement for a history of one tertaal (empty otherwise)."""
    if h.n_periods > 1:
        return ""
    return (
        f"Er is alleen Landkaart-data van het {Period.parse(h.last).label_nl}. Een ontwikkeling "
        "in de tijd, een trend of een verandering per Werkplein is pas te bepalen vanaf twee "
        "tertalen. Dit hoofdstuk toont daarom alleen de stand van dit ene tertaal: het "
        "gemiddelde, de gemiddelden per fase, de verdeling van de totaalscores en de "
        "Werkpleinen met de laagste score.\n"
    )


def _moment_text(p: Projection, t: float | None) -> str:
    if t is None:
        return "nooit"
    period = period_of_moment(p.first, max(t, 0.0))
    if t <= 0:
        return f"al bij het begin ({period.end_label})"
    return f"het {period.label_nl} ({period.end_label})"


def _interval_text(p: Projection) -> str:
    if not p.has_interval:
        return ""
    if p.low is not None and p.high is not None and p.low == p.high:
        return " (het model past exact, dus zonder onzekerheidsmarge)"
    if p.high is not None and not math.isfinite(p.high):
        if p.low is None or not math.isfinite(p.low):
            return (
                "; het 95%-interval is onbegrensd: de gegevens sluiten niet uit dat het "
                "nooit gebeurt"
            )
        return (
            f"; 95%-interval: vanaf het {p.low_period.label_nl}, zonder "
            "bovengrens (de gegevens sluiten niet uit dat het nooit gebeurt)"
        )
    low, high = p.low_period, p.high_period
    if low == high:
        return f"; 95%-interval: binnen het {high.label_nl}"
    return (
        f"; 95%-interval: van het {low.label_nl} ({low.end_label}) tot en met het "
        f"{high.label_nl} ({high.end_label})"
    )


def projection_sentence(h: History, figure_ref: str | None = None) -> str:
    """The fitted trends and their projections in words (Markdown).

    `figure_ref` (e.g. '@fig-projectie') is mentioned when there is a figure to refer to.
    """
    fitted = h.fits
    n = h.n_periods
    if not fitted:
        return (
            "Met één tertaal is geen trend te schatten en dus ook geen projectie van wanneer "
            "het gemiddelde 100 % bereikt.\n"
        )
    lines = []
    lin = fitted.get(LINEAR)
    if lin is not None:
        slope = lin.params["b1"]
        p = lin.projections[0]
        when = _moment_text(p, p.t)
        lines.append(
            f"- **Rechte lijn** (kleinste kwadraten): het gemiddelde stijgt met "
            f"{number(slope, 1)} procentpunt per tertaal. Doorgetrokken bereikt de lijn 100 % "
            f"in {when}{_interval_text(p)}."
            if p.t is not None
            else f"- **Rechte lijn**: de lijn stijgt niet ({number(slope, 1)} procentpunt per "
            "tertaal) en bereikt 100 % dus nooit."
        )
    sat = fitted.get(SATURATING)
    if sat is not None:
        k = sat.params["k"]
        half = math.log(2) / k if k > 0 else None
        parts = []
        for p in sat.projections:
            parts.append(f"{p.target} % in {_moment_text(p, p.t)}{_interval_text(p)}")
        half_text = (
            f"; de afstand tot 100 % halveert elke {number(half, 1)} tertaal" if half else ""
        )
        lines.append(
            "- **Verzadigende curve** 100 − (100 − *a*)·e^−*kt*^: het gemiddelde nadert 100 % "
            f"maar bereikt het nooit precies{half_text}. De curve bereikt " + "; ".join(parts) + "."
        )
    shown = (
        f" {figure_ref} toont de gemiddelden, beide trends met hun 95%-band en de projecties."
        if figure_ref
        else ""
    )
    text = (
        f"Aan de {number(n)} exacte gemiddelden (niet afgekapt) zijn twee trends gepast, met de "
        f"tijd in tertalen.{shown}\n\n" + "\n".join(lines) + "\n\n"
    )
    if n < MIN_INTERVAL_POINTS:
        text += (
            "Met twee tertalen gaan beide trends precies door de punten; een onzekerheid is "
            "niet te schatten. Dit is een rekenvoorbeeld, geen voorspelling.\n"
        )
    else:
        text += (
            "De intervallen geven alleen de onzekerheid van de geschatte parameters binnen elk "
            "model (rechte lijn: Fieller-interval met de t-verdeling; curve: 20.000 simulaties "
            "met vaste seed). Het verschil tussen de twee modellen laat zien dat de keuze van "
            "het model minstens zo zwaar weegt"
        )
        text += (
            f"; met maar {number(n)} meetpunten is elke extrapolatie fragiel.\n"
            if n < FEW_POINTS
            else ".\n"
        )
    return text


def change_display(h: History, since: str = "previous") -> pd.DataFrame:
    """Number of Werkpleinen whose total score went up / stayed / went down, per tertaal.

    The first tertaal has nothing to compare with and shows '–'.
    """
    counts = change_counts(h, since)
    show = [c for c in CHANGE_CLASSES if c != UNKNOWN or counts[UNKNOWN].any()]
    rows = []
    for i, period in enumerate(h.periods):
        base = (h.periods[i - 1] if i else None) if since == "previous" else h.first
        row = {"Tertaal": Period.parse(period).label_nl}
        if since == "previous":
            row["Vergeleken met"] = Period.parse(base).end_label if base else "–"
        for c in show:
            row[CHANGE_LABELS_NL[c]] = number(int(counts.loc[period, c])) if i else "–"
        rows.append(row)
    return pd.DataFrame(rows)


def change_sentence(h: History) -> str:
    """The change over the whole history in one or two sentences."""
    if h.n_periods < 2:
        return ""
    counts = change_counts(h, "first").loc[h.last]
    known = int(counts[[IMPROVED, EQUAL, WORSE]].sum())
    first, last = Period.parse(h.first), Period.parse(h.last)
    if known == 0:
        text = (
            f"Geen enkel Werkplein heeft een totaalscore in zowel het {first.label_nl} als het "
            f"{last.label_nl}, dus de verandering over de hele periode is niet te bepalen."
        )
    elif counts[IMPROVED] == known:
        text = (
            f"Van het {first.label_nl} tot het {last.label_nl} ging de totaalscore van "
            + (
                "het enige vergelijkbare Werkplein"
                if known == 1
                else f"alle {number(known)} Werkpleinen"
            )
            + " omhoog."
        )
    else:
        text = (
            f"Van het {first.label_nl} tot het {last.label_nl} ging de totaalscore van "
            f"{number(int(counts[IMPROVED]))} van de {number(known)} Werkpleinen omhoog, bleef "
            f"die van {number(int(counts[EQUAL]))} gelijk en ging die van "
            f"{number(int(counts[WORSE]))} omlaag."
        )
    prev = change_counts(h, "previous")
    setbacks = int(prev[WORSE].sum())
    if setbacks:
        text += (
            f" Van tertaal op tertaal telt de tabel samen {number(setbacks)} keer een "
            "teruggang: de vooruitgang verloopt niet bij elk Werkplein rechtlijnig."
        )
    return text + "\n"


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def claims_display(h: History) -> pd.DataFrame:
    """The §3.4.1 change claims beside the computed values (Dutch)."""
    table = change_claims(h)
    rows = []
    for r in table.itertuples():
        missing = [p for p in r.periods if p not in h.periods]
        rows.append(
            {
                "Bewering in §3.4.1": r.label,
                "Berekend": "–" if _missing(r.computed) else number(int(r.computed)),
                "Tekst": number(r.published),
                "Gelijk": "–" if _missing(r.equal) else ("ja" if r.equal else "nee"),
                "Toelichting": f"{', '.join(missing)} niet beschikbaar" if missing else "",
            }
        )
    return pd.DataFrame(rows)


def progress_sentence(h: History) -> str:
    """'Made progress in 2009' (the last complete year available), defined and compared."""
    ends = [Period.parse(p) for p in h.periods]
    years = sorted({p.year for p in ends if p.tertaal == 3}, reverse=True)
    progress = next((x for x in (progress_in_year(h, y) for y in years) if x is not None), None)
    if progress is None:
        return (
            "Voortgang in een kalenderjaar (totaalscore eind van het jaar hoger dan eind van "
            "het jaar ervoor) is niet te bepalen: daarvoor zijn twee opeenvolgende derde "
            "tertalen nodig.\n"
        )
    y = progress.year
    end, start = Period(y, 3), Period(y - 1, 3)
    text = (
        f"Een Werkplein heeft in {y} *voortgang geboekt* als zijn totaalscore eind {y} "
        f"({end.end_label}) hoger is dan eind {y - 1} ({start.end_label}). Dat geldt "
        f"voor {number(progress.progressed)} van de {number(progress.base)} Werkpleinen "
        f"({percent(progress.pct)})."
    )
    if y == 2009:
        claims = published.claims(h.paths)
        n, pct = (
            int(claims["progressed_locations_2009"]),
            int(claims["progressed_locations_2009_pct"]),
        )
        same = progress.progressed == n and progress.pct == pct
        text += (
            f" Het AKO noemt {number(n)} Werkpleinen ({percent(pct)}); "
            + ("dat komt overeen." if same else "dat wijkt af.")
            + " Het AKO definieert 'voortgang' niet; dit is de eenvoudigste lezing."
        )
    return text + "\n"


def band_display(h: History) -> pd.DataFrame:
    """Number of Werkpleinen per band of the total score, per tertaal."""
    counts = band_counts(h)
    if not counts[scoring.UNKNOWN].any():
        counts = counts.drop(columns=scoring.UNKNOWN)
    table = counts.map(number)
    table.columns = [c.capitalize() for c in table.columns]
    table.insert(0, "Tertaal", [Period.parse(p).label_nl for p in counts.index])
    return table.reset_index(drop=True)


def laggards_display(h: History, n: int = LAGGARDS) -> pd.DataFrame:
    """The laggards with their total score (rule-rounded %) per tertaal (IDs only)."""
    table = laggards(h, n)
    out = pd.DataFrame({"Werkplein": table.index})
    for p in h.periods:
        out[Period.parse(p).end_label] = [
            "–" if s is None else percent(h.rule.pct(s)) for s in table[p]
        ]
    if h.n_periods > 1:
        out[f"Verschil sinds {Period.parse(h.first).end_label} (%-punt)"] = [
            "–" if c is None else signed(float(c * 100), 1) for c in table["change"]
        ]
    out["Reden"] = [
        "laagste score en minste voortgang"
        if low and least
        else "laagste score"
        if low
        else "minste voortgang"
        for low, least in zip(table["lowest"], table["least_progress"], strict=True)
    ]
    return out


def laggards_sentence(h: History, n: int = LAGGARDS) -> str:
    last = Period.parse(h.last).label_nl
    table = laggards(h, n)
    text = f"De tabel noemt de {number(n)} Werkpleinen met de laagste totaalscore in het {last}"
    if h.n_periods > 1:
        text += (
            f" en de {number(n)} met de kleinste verandering sinds het "
            f"{Period.parse(h.first).label_nl} (Werkpleinen die al op 100 % staan niet "
            "meegerekend)"
        )
    text += (
        f", aangevuld met Werkpleinen die precies gelijk staan met de laatste van een lijst: "
        f"samen {number(len(table))}. Werkpleinen staan er alleen met hun code.\n"
    )
    return text
