"""Development over time: the trend chapter's public surface (what the notebook, `text`,
`text_tables`, `text_projection` and `plots` use).

- `model`: `load` reads the Landkaart of every available tertaal up to a report period into
  a `History`, with the mean score per tertaal (AKO Tabel 3), per phase and per Werkplein,
  and the real series of overall means;
- `projection`: the straight line and the saturating curve fitted to the real series (and,
  as a comparison, to synthetic means), with the moments they reach their targets;
- `locations`: per-Werkplein change, progress in a year, bands and laggards;
- `checks`: the published figures beside the computed ones, with their verdict classes;
- `tidy`: all of it as the chapter's tidy `tables`.

Pure: no Dutch words (`text*`), no figures (`plots`).
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.trend.checks import claim_checks, tabel3_backtest
from analysis.chapters.trend.locations import (
    CHANGE_CLASSES,
    EQUAL,
    IMPROVED,
    LAGGARDS,
    PROGRESSED,
    PROGRESSED_PCT,
    UNKNOWN,
    WORSE,
    band_counts,
    change_counts,
    cutoffs,
    laggards,
    year_progress,
)
from analysis.chapters.trend.model import (
    COMPUTED,
    PUBLISHED,
    TOTAL,
    History,
    load,
    load_history,
)
from analysis.chapters.trend.projection import (
    COMPARISON,
    MAIN,
    MIN_INTERVAL_POINTS,
    POLICY_DATES,
    TARGETS,
    comparison_fits,
    crossings,
    fits,
)
from analysis.chapters.trend.tidy import tidy_tables
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.core.stats import LINEAR, SATURATING
from analysis.study import verdicts

__all__ = [
    "CHANGE_CLASSES", "COMPARISON", "COMPUTED", "EQUAL", "IMPROVED", "LAGGARDS", "LINEAR", "MAIN",
    "MIN_INTERVAL_POINTS", "POLICY_DATES", "PROGRESSED", "PROGRESSED_PCT", "PUBLISHED",
    "SATURATING", "TARGETS", "TOTAL", "UNKNOWN", "WORSE", "History", "band_counts",
    "change_counts", "claim_checks", "comparison_fits", "crossings", "cutoffs", "facts", "fits",
    "laggards", "load", "load_history", "tabel3_backtest", "tables", "year_progress",
]  # fmt: skip


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's numbers as tidy frames (language-neutral columns), by kebab-case name
    (built by `tidy.tidy_tables`)."""
    return tidy_tables(load(period, scoring_rule, paths))


def _judged(check: pd.DataFrame) -> dict:
    reproduced = check[check["verdict"] == verdicts.REPRODUCED]
    return {"verdicts": verdicts.counts(check), "reasons": list(reproduced["reason"])}


def facts(period: Period, scoring_rule: str, paths: Paths) -> dict:
    """What the chapter's summary states, as data (`text.summary` words it): the verdicts on
    Tabel 3 and on the claims about change, the level at the policy date and where the main
    trends reach 95 and 100 %."""
    h = load(period, scoring_rule, paths)
    check = tabel3_backtest(h)
    target = POLICY_DATES["ako_2009"]
    series = h.real_series.set_index("period")
    observed = None
    if target in series.index:
        row = series.loc[target]
        observed = {"period": str(target), "pct": float(row["value_pct"]),
                    "published": bool(row["source"] == PUBLISHED)}  # fmt: skip
    reached = [
        {"model": c.model, "target": c.target, "first": str(c.first), "t": c.t, "low": c.low,
         "high": c.high}
        for c in crossings(h, MAIN)
        if c.period is not None and c.target in (95, 100)
    ]  # fmt: skip
    return {
        "tabel3": _judged(check) if len(check) else None,
        "claims": _judged(claim_checks(h)),
        "observed": observed,
        "sources": sorted(set(h.real_series["source"])),
        "points": len(h.real_series),
        "crossings": reached,
    }
