"""Labour-market arithmetic on frames and series: changes since ultimo 2006, the composition of
the published 'Mutatie' row, progress to the target, linear trends and outflow percentages.

Pure functions of data (no chapter object, no Dutch); `target` applies them to a period.
Units: standcijfers in thousands (``x1000``) as printed; outflow in persons.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pandas as pd

from analysis.chapters.arbeidsmarkt.model import BASE_DATE, COMPOSITION, TARGET_DATE
from analysis.core.stats import Extrapolation, fit_line
from analysis.core.values import missing, rounded
from analysis.ingest.arbeidsmarkt import MEASURES

TOTAL = "mutatie_totaal"  # id of the published "Mutatie tov ultimo 2006" row
OUTFLOW_TOTAL = "uitstroom_werk_totaal"
OUTFLOW_PARTS = ("uitstroom_werk_ww", "uitstroom_werk_wwb", "uitstroom_werk_nug")
MIN_TREND_POINTS = 3  # 2 points leave no degrees of freedom for the error


# --------------------------------------------------------------------------- standcijfers


def series_labels(stand: pd.DataFrame) -> dict[str, str]:
    """Row label per series (as in the input file): the one of its latest peildatum."""
    return stand.groupby("series", sort=False)["row_label"].last().to_dict()


def mutations(table: pd.DataFrame, base: pd.Timestamp = BASE_DATE) -> pd.DataFrame:
    """Each series' change since the base date (same shape as `table`; NaN stays NaN)."""
    if base not in table.columns:
        raise ValueError(f"no standcijfers for the base date {base.date()}")
    return table.sub(table[base], axis=0)


def combine(changes: pd.DataFrame, weights: dict[str, int]) -> pd.Series:
    """Sum of weight x change per peildatum; missing if any weighted series is missing there."""
    used = changes.loc[list(weights)]
    weighted = used.mul(pd.Series(weights), axis=0)
    return weighted.sum(min_count=len(weights)).where(used.notna().all())


def mutatie_row(table: pd.DataFrame, base: pd.Timestamp = BASE_DATE) -> pd.Series:
    """The 'Mutatie tov ultimo 2006' row: the decrease of the four stocks together (x1000)."""
    return combine(mutations(table, base), COMPOSITION).rename(TOTAL)


def _published_row(published: pd.DataFrame) -> pd.Series:
    """The published 'Mutatie' row by peildatum."""
    return published[published["statistic"] == "mutatie_row"].set_index("peildatum")["value"]


def known_series(table: pd.DataFrame, published: pd.DataFrame) -> list[str]:
    """Series with a value at every peildatum of the published 'Mutatie' row."""
    dates = _published_row(published).index
    return [s for s in table.index if table.loc[s, dates].notna().all()]


def composition_fit(table: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Every combination of weights -1/0/+1 on the known series, scored on the published row.

    One row per candidate with the number of published columns it reproduces exactly, best
    first. The base-date column (0 for every candidate) is also left out in `hits_informative`.
    """
    row = _published_row(published)
    changes = mutations(table)
    informative = [d for d in row.index if d != BASE_DATE]
    records = []
    for weights in _weightings(known_series(table, published)):
        hits = combine(changes, weights)[row.index] == row
        records.append(
            {
                "weights": weights,
                "hits": int(hits.sum()),
                "hits_informative": int(hits[informative].sum()),
                "columns": len(row),
            }
        )
    out = pd.DataFrame(records)
    out["n_series"] = out["weights"].map(len)
    return out.sort_values(
        ["hits", "n_series"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def composition_cell_hits(table: pd.DataFrame, published: pd.DataFrame) -> pd.Series:
    """Per peildatum of the published 'Mutatie' row: how many of the candidate compositions
    of `composition_fit` reproduce that cell (all of them at the base date, where every
    change is 0)."""
    row = _published_row(published)
    changes = mutations(table)
    hits = pd.Series(0, index=row.index)
    for weights in _weightings(known_series(table, published)):
        hits += (combine(changes, weights)[row.index] == row).astype(int)
    return hits


def _weightings(known: list[str]):
    """Every combination of weights -1/0/+1 on the known series, except all zero."""
    for signs in itertools.product((-1, 0, 1), repeat=len(known)):
        if any(signs):
            yield {s: w for s, w in zip(known, signs, strict=True) if w}


# --------------------------------------------------------------------------- progress, trend


def years_since(dates: pd.Series | pd.DatetimeIndex, base: pd.Timestamp = BASE_DATE) -> np.ndarray:
    """Time in years (of 365,25 days) since the base date."""
    return np.asarray((pd.DatetimeIndex(dates) - base).days, dtype=float) / 365.25


def target_path(
    dates: pd.DatetimeIndex | pd.Series,
    target: float,
    base: pd.Timestamp = BASE_DATE,
    target_date: pd.Timestamp = TARGET_DATE,
) -> np.ndarray:
    """The straight line from 0 at the base date to the target at the target date.

    The convenant gives no intermediate milestones in the source; the linear path is an
    assumption used as a yardstick only.
    """
    span = years_since(pd.DatetimeIndex([target_date]), base)[0]
    return target * years_since(dates, base) / span


def progress(
    total: pd.Series,
    target: float,
    base: pd.Timestamp = BASE_DATE,
    target_date: pd.Timestamp = TARGET_DATE,
) -> pd.DataFrame:
    """Per peildatum: the realised decrease, the linear target path, % of target and of time."""
    dates = pd.DatetimeIndex(total.index)
    span = years_since(pd.DatetimeIndex([target_date]), base)[0]
    out = pd.DataFrame(index=dates)
    out["realised"] = total.to_numpy(dtype=float)
    out["path"] = target_path(dates, target, base, target_date)
    out["pct_of_target"] = 100 * out["realised"] / target
    out["pct_of_time"] = 100 * years_since(dates, base) / span
    return out


def required_pace(
    total: pd.Series, target: float, target_date: pd.Timestamp = TARGET_DATE
) -> float | None:
    """Decrease per year still needed from the last peildatum to reach the target in time."""
    last = pd.Timestamp(total.index.max())
    remaining = years_since(pd.DatetimeIndex([target_date]), last)[0]
    if remaining <= 0:
        return None
    return (target - float(total[last])) / remaining


def window_dates(total: pd.Series, start: pd.Timestamp) -> pd.DatetimeIndex:
    """Peildata of the fitting window that starts at `start` (a peildatum of `total`)."""
    dates = pd.DatetimeIndex(total.dropna().index)
    if pd.Timestamp(start) not in dates:
        raise ValueError(f"window start {pd.Timestamp(start).date()} is not a peildatum")
    return dates[dates >= pd.Timestamp(start)]


def window_starts(total: pd.Series) -> pd.DatetimeIndex:
    """Every peildatum that starts a window of at least MIN_TREND_POINTS peildata, oldest
    first: the first is the window through all peildata, each later one drops the oldest.

    Fitting every such window, instead of one chosen after seeing the series, shows how much
    a projection depends on where its window starts.
    """
    dates = pd.DatetimeIndex(total.dropna().index)
    return dates[: max(len(dates) - MIN_TREND_POINTS + 1, 0)]


def peak_date(total: pd.Series) -> pd.Timestamp | None:
    """The peildatum of the highest value (the first, if tied); None without values."""
    total = total.dropna()
    return None if total.empty else pd.Timestamp(total.idxmax())


def project(
    total: pd.Series, start: pd.Timestamp, at: pd.Timestamp = TARGET_DATE
) -> Extrapolation | None:
    """Linear trend (x in `years_since`) over the window from `start`, extrapolated to `at`;
    None with fewer than MIN_TREND_POINTS peildata (no trend with an error estimate)."""
    dates = window_dates(total, start)
    if len(dates) < MIN_TREND_POINTS:
        return None
    fit = fit_line(years_since(dates), total[dates].to_numpy(dtype=float))
    return Extrapolation(fit, years_since(pd.DatetimeIndex([at]))[0])


def window_projections(total: pd.Series) -> dict[pd.Timestamp, Extrapolation]:
    """The projection to ultimo 2010 of every window (`window_starts`), by its start."""
    return {start: project(total, start) for start in window_starts(total)}


def reachable(projection: Extrapolation, target: float) -> bool | None:
    """False when the 95 % prediction interval at the target date lies below the target,
    True when it lies on or above it, None when it includes the target (undecided)."""
    _, lo, hi = projection.interval
    if hi < target:
        return False
    if lo >= target:
        return True
    return None


# --------------------------------------------------------------------------- outflow


def round_pct(value: Fraction, decimals: int = 1) -> float:
    """A percentage rounded as printed (half up, 105,9)."""
    return float(rounded(value, decimals))


def outflow(uit: pd.DataFrame) -> pd.DataFrame:
    """Per outflow series: target, realisation and realisation as % of target (exact Fraction).

    A missing target gives a missing percentage, never 0 or infinity.
    """
    table = uit.pivot(index="series", columns="measure", values="value")
    table = table.reindex(index=list(dict.fromkeys(uit["series"])), columns=list(MEASURES))
    labels = uit.drop_duplicates("series").set_index("series")["row_label"]
    table.insert(0, "row_label", labels)
    table["pct"] = [
        Fraction(int(r), int(t)) * 100 if not missing(t) and not missing(r) and t else None
        for t, r in zip(table["streefwaarde"], table["realisatie"], strict=True)
    ]
    return table
