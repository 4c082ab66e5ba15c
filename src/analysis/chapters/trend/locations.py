"""Per-Werkplein numbers of the trend chapter: change, progress in a year, bands, laggards.

- A Werkplein's change between two tertalen compares its exact total scores
  (`History.totals`): improved, equal (exactly), worse, or unknown without a score in both.
- It *made progress in year Y* when its total score at the end of Y (Y-T3) is higher than
  at the end of Y-1 ((Y-1)-T3); AKO §3.4.1 counts 120 Werkpleinen (96 %) for 2009.
- The §3.4.1 change claims are dated by the `period` column of the published claims file.
- *Laggards*: the `n` Werkpleinen with the lowest total score in the last tertaal and the `n`
  with the smallest change since the first tertaal among those not yet at 100 %, plus any
  tied with the n-th (exact scores, so the cut-off never depends on the IDs).

Pure numbers on a `model.History`, each computed once per History (`analysis.core.memo`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from analysis.chapters.trend.model import History
from analysis.core.memo import once
from analysis.core.periods import Period, as_period
from analysis.study import published, scoring

CLAIMS = f"{published.AKO_2009_T3}-claims"
IMPROVED, EQUAL, WORSE, UNKNOWN = "improved", "equal", "worse", "unknown"
CHANGE_CLASSES = (IMPROVED, EQUAL, WORSE, UNKNOWN)
SINCE = ("previous", "first")  # what a change is measured against
LAGGARDS = 10  # default length of each laggard list
# The §3.4.1 claims about change (ids in the claims file; their `period` column dates them).
WITHOUT_PORTFOLIO = "without_portfolio_division_2009_T2"  # 'niet' on M08 in that tertaal
GREEN_INCREASE = "green_locations_increase_since_2009_T2"  # volledig: tertaal minus previous
PROGRESSED = "progressed_locations_2009"  # progress in the claim's year
PROGRESSED_PCT = "progressed_locations_2009_pct"
CHANGE_CLAIMS = (WITHOUT_PORTFOLIO, GREEN_INCREASE, PROGRESSED, PROGRESSED_PCT)


# --- per-location change ------------------------------------------------------------------


def _classify(now: Fraction | None, before: Fraction | None) -> str:
    if now is None or before is None:
        return UNKNOWN
    return IMPROVED if now > before else WORSE if now < before else EQUAL


@once
def change_classes(h: History, since: str = "previous") -> pd.DataFrame:
    """Per location x period (from the second on): improved / equal / worse / unknown.

    `since` is "previous" (the tertaal before, as available) or "first" (the first
    available tertaal). Compares exact total scores.
    """
    if since not in SINCE:
        raise ValueError(f"since must be 'previous' or 'first', not {since!r}")
    totals = h.totals
    out = {}
    for i, period in enumerate(h.periods[1:], start=1):
        base = h.periods[i - 1] if since == "previous" else h.first
        out[period] = [
            _classify(now, before) for now, before in zip(totals[period], totals[base], strict=True)
        ]
    return pd.DataFrame(out, index=totals.index, columns=list(h.periods[1:]))


@once
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

    @property
    def start(self) -> Period:
        return year_ends(self.year)[0]

    @property
    def end(self) -> Period:
        return year_ends(self.year)[1]


def year_ends(year: int) -> tuple[Period, Period]:
    """The tertalen that 'progress in `year`' compares: the end of year - 1 and of `year`."""
    return Period.year_end(year - 1), Period.year_end(year)


@once
def progress_in_year(h: History, year: int) -> YearProgress | None:
    """Progress in `year` (Y-T3 vs (Y-1)-T3); None when one of those periods is missing."""
    start, end = year_ends(year)
    if end not in h.periods or start not in h.periods:
        return None
    classes = [_classify(n, b) for n, b in zip(h.totals[end], h.totals[start], strict=True)]
    base = sum(c != UNKNOWN for c in classes)
    return YearProgress(year, classes.count(IMPROVED), base)


@once
def year_progress(h: History) -> list[YearProgress]:
    """Progress in every year that can be computed, latest first."""
    years = sorted({p.year for p in h.periods if p.is_year_end}, reverse=True)
    return [x for x in (progress_in_year(h, y) for y in years) if x is not None]


def _green(h: History, period: Period) -> int:
    """Werkpleinen whose total score is in the green band (volledig, 100 %)."""
    return int(band_counts(h).loc[period, h.codebook.category_labels[-1]])


def _claim(h: History, claim: str, period: Period) -> tuple[tuple[Period, ...], Callable]:
    """The periods a change claim needs and how to compute it; `period` is the claim's."""
    if claim == WITHOUT_PORTFOLIO:
        return (period,), lambda: scoring.without_portfolio_division(h.answers_of(period))
    if claim == GREEN_INCREASE:
        since = period.previous()
        return (since, period), lambda: _green(h, period) - _green(h, since)
    progress = progress_in_year(h, period.year)
    if claim == PROGRESSED:
        return year_ends(period.year), lambda: progress.progressed
    if claim == PROGRESSED_PCT:
        return year_ends(period.year), lambda: progress.pct
    raise ValueError(f"unknown change claim {claim!r}")


@once
def change_claims(h: History) -> pd.DataFrame:
    """The §3.4.1 claims about change over time, computed where the periods are available.

    Columns claim, period (the claim's, from the claims file), periods (needed), computed
    (None if a period is missing), published, equal (None if not computable).
    """
    claims = published.load_table(CLAIMS, h.paths).set_index("claim")
    have = set(h.periods)
    rows = []
    for claim in CHANGE_CLAIMS:
        period = as_period(claims.loc[claim, "period"])
        needed, compute = _claim(h, claim, period)
        computed = compute() if have.issuperset(needed) else None
        text = int(claims.loc[claim, "value"])
        rows.append(
            {
                "claim": claim,
                "period": period,
                "periods": needed,
                "computed": computed,
                "published": text,
                "equal": None if computed is None else computed == text,
            }
        )
    return pd.DataFrame(rows, dtype=object)


# --- distribution and laggards --------------------------------------------------------------


@once
def band_counts(h: History) -> pd.DataFrame:
    """Number of locations per band (the codebook's labels and 'onbekend'), one row per period."""
    labels = [*h.codebook.category_labels, scoring.UNKNOWN]
    rows = {
        p: {label: int(table.iloc[0][f"count:{label}"]) for label in labels}
        for p, table in h.phase_tables.items()
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=labels).rename_axis("period")


@once
def laggards(h: History, n: int = LAGGARDS) -> pd.DataFrame:
    """The locations lowest in the last period and with the least change since the first.

    Each list holds the `n` lowest plus any location tied (exactly) with the n-th; locations
    at 100 % in the last period are left out of the least-change list. Returns
    one row per selected location, sorted by last-period score then ID, with the exact total
    score per period (Fraction), `change` since the first period (Fraction of 1, None if
    unknown or only one period) and the flags `lowest` and `least_progress`. Computed once
    per History and `n` (do not modify the result).
    """
    return _laggards(h, n)


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


@dataclass(frozen=True)
class Cutoff:
    """How one laggard list was cut: the n-th value, and how many locations it holds."""

    n: int  # asked for
    value: Fraction | None  # the n-th lowest value (exact); None for an empty list
    selected: int  # n plus the locations tied with the n-th (fewer when fewer are known)

    @property
    def ties(self) -> int:
        """Locations taken in beyond n because they tie with the n-th exactly."""
        return max(self.selected - self.n, 0)


@once
def cutoffs(h: History, n: int = LAGGARDS) -> dict[str, Cutoff]:
    """The cut of both laggard lists ('lowest': last-period score, 'least_progress': change
    since the first period), as `laggards` makes them."""
    table = laggards(h, n)
    out = {}
    for flag, column in (("lowest", h.last), ("least_progress", "change")):
        chosen = table.loc[table[flag], column]
        values = [v for v in chosen if v is not None]
        out[flag] = Cutoff(n, max(values) if values else None, len(values))
    return out


def _bottom(values: pd.Series, n: int) -> set[str]:
    """The n lowest locations plus every location tied exactly with the n-th."""
    known = sorted((v, loc) for loc, v in values.items() if v is not None)
    if not known or n <= 0:
        return set()
    cut = known[min(n, len(known)) - 1][0]
    return {loc for v, loc in known if v <= cut}
