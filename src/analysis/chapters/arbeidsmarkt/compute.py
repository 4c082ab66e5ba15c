"""The labour-market chapter (AKO §3.1-3.2): standcijfers, outflow to work, the 210.000 target.

The chapter's public surface (what the notebook, `text*` and `plots` use). `model` loads the
inputs and the published values of §3.1-3.2 into an `Arbeidsmarkt` seen from one period; the
arithmetic on the series is in `series`, its application to the period (total change,
projections, the verdict on the target) in `target`, the checks against the published values
and the text in `checks`; the tidy `tables` are here. Dutch wording is in `text_labels`,
`text` and `text_tables`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.chapters.arbeidsmarkt.checks import (
    CHECKS,
    OUTFLOW_SUM_CLAIM,
    ROW_SUM_CLAIM,
    TEXT_CLAIM,
    all_claims,
    audit,
    internal_checks,
    published_checks,
    target_claim,
)
from analysis.chapters.arbeidsmarkt.model import (
    BASE_DATE,
    COMPOSITION,
    TARGET_DATE,
    Arbeidsmarkt,
    load,
    load_published,
    wide,
)
from analysis.chapters.arbeidsmarkt.series import (
    MIN_TREND_POINTS,
    OUTFLOW_PARTS,
    OUTFLOW_TOTAL,
    known_series,
    series_labels,
    target_path,
    window_dates,
    years_since,
)
from analysis.chapters.arbeidsmarkt.target import (
    changes,
    changes_all,
    composition,
    pace,
    peak,
    period_outflow,
    projections,
    rise_since_peak,
    target_progress,
    target_verdict,
    total,
)
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import verdicts

__all__ = [
    "BASE_DATE", "CHECKS", "COMPOSITION", "MIN_TREND_POINTS", "OUTFLOW_PARTS", "OUTFLOW_SUM_CLAIM",
    "OUTFLOW_TOTAL", "ROW_SUM_CLAIM", "TARGET_DATE", "TEXT_CLAIM", "Arbeidsmarkt", "all_claims",
    "audit", "changes", "changes_all", "composition", "facts", "internal_checks",
    "known_series", "load", "load_published", "pace", "peak", "period_outflow", "projections",
    "rise_since_peak", "target_claim",
    "published_checks", "series_labels", "tables", "target_path", "target_progress",
    "target_verdict", "total", "wide", "years_since",
]  # fmt: skip


# Column names of the tidy tables (the inputs' own names are Dutch).
NEUTRAL = {
    "peildatum": "date", "first_peildatum": "first_date", "streefwaarde": "target",
    "realisatie": "realised", "table": "computed", "text": "published",
}  # fmt: skip


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's computed tables as tidy frames (`scoring_rule` is not used here).

    Stocks, their changes, the progress and the projections are in thousands (as printed);
    outflow and the claims in persons. In `claims`, `computed` comes from the tables and
    `published` is the number in the text (or, for the sums, the published total).
    """
    am = load(period, paths)
    change = total(am)
    total_change = change if change is not None else pd.Series(dtype=float)
    fit = composition(am)
    weights = fit["weights"].map(lambda w: " ".join(f"{s}:{v}" for s, v in w.items()))
    prog = target_progress(am)
    if prog is None:
        prog = pd.DataFrame(columns=["realised", "path", "pct_of_target", "pct_of_time"])
    frames = {
        "stocks": _standcijfers_table(am),
        "total-change": pd.DataFrame(
            {"peildatum": total_change.index, "value": total_change.to_numpy()}
        ),
        "backtests": published_checks(am)[
            ["check", "statistic", "series", "peildatum", "computed", "published", "equal"]
        ],
        "composition-fit": pd.concat(
            [weights, fit[["hits", "hits_informative", "columns", "n_series"]]], axis=1
        ),
        "progress": prog.rename_axis("peildatum").reset_index(),
        "projections": _projection_table(am),
        "outflow": _outflow_table(am),
        "claims": all_claims(am)[["claim", "series", "peildatum", "table", "text", "equal"]],
        "verdict": _verdict_table(am),
        "audit": audit(am),
    }
    return {name: frame.rename(columns=NEUTRAL) for name, frame in frames.items()}


def _standcijfers_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """The period's standcijfers (x1000) with each value's change since ultimo 2006."""
    stand = am.standcijfers[["series", "peildatum", "value"]].reset_index(drop=True)
    if total(am) is None:
        stand["mutation_vs_base"] = np.nan
        return stand
    since_base = changes(am)
    pairs = zip(stand["series"], stand["peildatum"], strict=True)
    stand["mutation_vs_base"] = [since_base.loc[s, d] for s, d in pairs]
    return stand


def _projection_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """Per window (by its first peildatum): the fit (x in years since ultimo 2006, y x1000),
    its value at ultimo 2010 with the 95 % prediction interval, and whether it reaches the
    target (`reachable`; empty when the interval includes it)."""
    records = []
    for start, proj in projections(am).items():
        mean, lo, hi = proj.interval
        records.append(
            {
                "first_peildatum": start,
                "n": len(window_dates(total(am), start)),
                "df": proj.fit.df,
                "slope": proj.fit.slope,
                "intercept": proj.fit.intercept,
                "at": TARGET_DATE,
                "mean": mean,
                "lower": lo,
                "upper": hi,
                "reachable": target_verdict(am)["windows"][start],
                "from_peak": start == peak(am),
            }
        )
    columns = ["first_peildatum", "n", "df", "slope", "intercept", "at", "mean", "lower",
               "upper", "reachable", "from_peak"]  # fmt: skip
    return pd.DataFrame(records, columns=columns, dtype=object)


def _outflow_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """The period's outflow per series (persons) and realisation as % of target."""
    uit = am.uitstroom
    flows = period_outflow(am)
    flows = pd.DataFrame(columns=["pct"]) if flows is None else flows.copy()  # kept: not changed
    flows.insert(0, "peildatum", uit["peildatum"].max() if not uit.empty else pd.NaT)
    columns = ["peildatum", "streefwaarde", "realisatie", "pct"]
    return flows.reindex(columns=columns).rename_axis("series").reset_index()


def _verdict_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """One row: how many windows' lines end below the target at ultimo 2010, and how many
    of their 95 % prediction intervals lie below it, above it or around it; what the lines
    say over all windows and what the text says (x1000)."""
    verdict = target_verdict(am)
    found = list(verdict["windows"].values())
    return pd.DataFrame(
        [
            {
                "target": am.target,
                "windows": len(found),
                "lines_below": list(verdict["below"].values()).count(True),
                "windows_reachable": found.count(True),
                "windows_unreachable": found.count(False),
                "windows_undecided": found.count(None),
                "reachable": verdict["reachable"],
                "text_reachable": verdict["text_reachable"],
                "required_pace": pace(am),
            }
        ],
        dtype=object,
    )


def facts(period: Period, scoring_rule: str, paths: Paths) -> dict:
    """What the chapter's summary states, as data (`text.summary` words it): the verdicts, the
    claims that deviate (with the table's changes they sum), the total against the target at
    the last peildatum, and the projections of every window."""
    am = load(period, paths)
    changes = changes_all(am)
    claims = all_claims(am)
    deviating = []
    for r in claims[~claims["equal"].astype(bool)].itertuples():
        record = {k: getattr(r, k) for k in ("claim", "series", "row_label", "quote")}
        record.update(peildatum=r.peildatum.date().isoformat(), table=float(r.table),
                      text=float(r.text))  # fmt: skip
        if r.claim == TEXT_CLAIM:
            record["changes"] = {s: float(changes.loc[s, r.peildatum]) for s in r.series.split("+")}
        deviating.append(record)
    out: dict = {"verdicts": verdicts.counts(audit(am)), "deviating": deviating, "level": None,
                 "projections": None}  # fmt: skip
    found = total(am)
    if found is not None:
        last = pd.Timestamp(found.index.max())
        out["level"] = {
            "date": last.date().isoformat(), "sum": float(found[last]), "target": am.target,
            "pct_of_time": float(target_progress(am).loc[last, "pct_of_time"]),
        }  # fmt: skip
    if projections(am):
        verdict = target_verdict(am)
        first = total(am).dropna().index[0]
        out["projections"] = {
            "windows": [
                {"start": start.date().isoformat(), "all": bool(start == first),
                 "peak": bool(start == peak(am)), "mean": float(p.interval[0]),
                 "lower": float(p.interval[1]), "upper": float(p.interval[2]),
                 "interval": verdict["windows"][start], "below": verdict["below"][start]}
                for start, p in projections(am).items()
            ],
            "reachable": verdict["reachable"],
            "text_reachable": verdict["text_reachable"],
        }  # fmt: skip
    rise = rise_since_peak(am)
    if rise is not None and out["level"] is not None:
        out["level"]["peak"] = {"date": rise[0].date().isoformat(), "rise": rise[1]}
        out["level"]["pace"] = pace(am)
    return out
