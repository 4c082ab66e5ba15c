"""The trend chapter's tidy tables (`compute.tables`): every number of the chapter as a frame
with language-neutral columns, marked `synthetic` where it rests on synthetic answers.

Read from the numbers modules (`checks`, `locations`, `projection`) and the `model`.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.trend.checks import audit, claim_checks, tabel3_backtest
from analysis.chapters.trend.locations import (
    CHANGE_CLASSES,
    SINCE,
    band_counts,
    change_counts,
    laggards,
    year_progress,
)
from analysis.chapters.trend.model import TOTAL, History
from analysis.chapters.trend.projection import (
    COMPARISON,
    MAIN,
    comparison_fits,
    crossings,
    fits,
)

# -----------------------------------------------------------------------------

CROSSING_COLUMNS = [
    "basis", "model", "target", "t", "low", "high", "period", "low_period", "high_period",
]  # fmt: skip
LAGGARD_COLUMNS = [
    "location", "period", "score_exact_pct", "score_pct", "change_exact_pct", "lowest",
    "least_progress",
]  # fmt: skip


def tidy_tables(h: History) -> dict[str, pd.DataFrame]:
    """The chapter's numbers as tidy frames (language-neutral columns), by kebab-case name."""
    means = h.mean_scores.drop(columns=["label", "mean"])
    per_period = h.overall_means.set_index("period")[["blank_answers", "synthetic"]]
    means = means.join(per_period, on="period")
    total = means["group"] == TOTAL
    means.insert(1, "level", total.map({True: "total", False: "phase"}))
    phases = [None if t else g for t, g in zip(total, means["group"], strict=True)]
    means.insert(2, "phase", pd.array(phases, dtype="Int64"))
    means = means.drop(columns="group")
    bases = {MAIN: fits(h), COMPARISON: comparison_fits(h)}
    fit_rows = [
        {"basis": b, "model": m, "n_points": len(f.t), "parameter": k, "value": v}
        for b, fitted in bases.items()
        for m, f in fitted.items()
        for k, v in f.params.items()
    ]
    crossing_rows = [
        {
            "basis": b, "model": c.model, "target": c.target, "t": c.t, "low": c.low,
            "high": c.high, "period": c.period, "low_period": c.low_period,
            "high_period": c.high_period,
        }
        for b in bases
        for c in crossings(h, b)
    ]  # fmt: skip
    changes = pd.concat(
        [change_counts(h, s).reset_index().assign(since=s) for s in SINCE], ignore_index=True
    )
    bands = band_counts(h).reset_index().melt("period", var_name="band", value_name="n_locations")
    codes = {label: code for code, label in h.codebook.categories["label_nl"].items()}
    bands.insert(1, "category", pd.array([codes.get(b) for b in bands["band"]], dtype="Int64"))
    bands = bands.drop(columns="band")  # category empty: no score (blank answers only)
    claims = claim_checks(h).drop(columns=["item", "reason", "rule"])
    claims = claims.rename(columns={"period": "claim_period"})
    lag = laggards(h)
    laggard_rows = [
        {
            "location": loc, "period": p,
            "score_exact_pct": None if row[p] is None else row[p] * 100,
            "score_pct": None if row[p] is None else h.rule.pct(row[p]),
            "change_exact_pct": None if row["change"] is None else row["change"] * 100,
            "lowest": row["lowest"], "least_progress": row["least_progress"],
        }
        for loc, row in lag.iterrows()
        for p in h.periods
    ]  # fmt: skip

    def marked(frame: pd.DataFrame) -> pd.DataFrame:
        """`synthetic`: the numbers rest on synthetic answers of some period of the history
        (changes, fits and laggards compare periods, so one synthetic period taints them)."""
        return frame.assign(synthetic=h.synthetic)

    fit_columns = ["basis", "model", "n_points", "parameter", "value"]
    return {
        "means": means.reset_index(drop=True),
        "tabel-3-backtest": marked(tabel3_backtest(h).drop(columns="reason")),
        "real-series": h.real_series,
        "fits": pd.DataFrame(fit_rows, columns=fit_columns).assign(
            synthetic=lambda f: f["basis"] == COMPARISON
        ),
        "crossings": pd.DataFrame(crossing_rows, columns=CROSSING_COLUMNS).assign(
            synthetic=lambda f: f["basis"] == COMPARISON
        ),
        "changes": marked(changes[["since", "period", *CHANGE_CLASSES]]),
        "year-progress": marked(
            pd.DataFrame(
                [(x.year, x.progressed, x.base, x.pct) for x in year_progress(h)],
                columns=["year", "progressed", "base", "pct"],
            )
        ),
        "bands": marked(bands.sort_values(["period"], kind="stable").reset_index(drop=True)),
        "claims": marked(claims),
        "laggards": marked(pd.DataFrame(laggard_rows, columns=LAGGARD_COLUMNS)),
        "audit": audit(h),
    }
