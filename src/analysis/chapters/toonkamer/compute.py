"""The Toonkamer chapter (seed 004, Bijlage 1): pilot against matched control group.

The chapter's public surface (what the notebook, `text`, `text_tables` and `plots` use).
`model` loads the published tables and, when there are any, the client-level data into a
`Toonkamer`. The statistics on the published tables are in `estimates`, those on client data
in `clients`, the verdicts in `audit`, and their results for one Toonkamer in `results`;
`tables` gives them as tidy frames. Pure: no Dutch words, no figures.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.toonkamer.clients import ALL, HORIZON, at_times, km_table
from analysis.chapters.toonkamer.estimates import HETEROGENEITY_ALPHA
from analysis.chapters.toonkamer.model import Toonkamer, load
from analysis.chapters.toonkamer.results import (
    audit,
    curves,
    differences,
    higher,
    mean_difference,
    pooled,
    readings,
    recomputed,
    shares,
    target,
    target_decisions,
    work_recomputed,
    wwb,
)
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import toonkamer as published
from analysis.study import verdicts

__all__ = [
    "ALL", "HETEROGENEITY_ALPHA", "HORIZON", "Toonkamer", "at_times", "audit", "curves",
    "differences", "facts", "higher", "load", "mean_difference", "pooled", "readings",
    "recomputed", "shares", "tables", "target", "target_decisions", "work_recomputed", "wwb",
]  # fmt: skip


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's tables as tidy frames (`scoring_rule` is not used here).

    Percentages and percentage points on the 0–100 scale. Tables from client-level data carry
    `synthetic` (True when the data are synthetic) and are empty without client data.
    """
    tk = load(period, paths)
    cell_cols = ["benefit", "group", "location", "horizon", "pct", "n", "k", "k_low", "k_high"]
    frames = {
        "cells": tk.cells[cell_cols],
        "differences": differences(tk)[
            [
                "location",
                "horizon",
                "pct_t",
                "n_t",
                "k_t",
                "pct_c",
                "n_c",
                "k_c",
                "diff_printed",
                "diff",
                "lower",
                "upper",
                "diff_min",
                "diff_max",
                "relative",
            ]
        ],  # fmt: skip
        "pooled": pooled(tk),
        "claim-7": readings(tk),
        "target-15": target(tk),
        "wwb": wwb(tk)[["location", "horizon", "pct", "n", "k", "lower", "upper"]],
        "survey-share": shares(tk),
        "higher": higher(tk)[["location", "higher_horizons", "higher_from"]],
        "recomputed": _recomputed_table(tk),
        "km": _km_table(tk),
        "audit": audit(tk),
    }
    return frames


def _recomputed_table(tk: Toonkamer) -> pd.DataFrame:
    columns = [*published.CELL_KEYS, "pct", "n", "pct_calc", "n_calc", "k_calc", "equal"]
    if recomputed(tk) is None:
        return pd.DataFrame(columns=[*columns, "synthetic"])
    return recomputed(tk)[columns].assign(synthetic=tk.synthetic)


def _km_table(tk: Toonkamer) -> pd.DataFrame:
    if not curves(tk):
        columns = ["benefit", "group", "location", "horizon", "outflow", "lower", "upper"]
        return pd.DataFrame(columns=[*columns, "synthetic"])
    return km_table(curves(tk)).assign(synthetic=tk.synthetic)


def facts(period: Period, scoring_rule: str, paths: Paths) -> dict:
    """What the chapter's summary states, as data (`text.summary` words it): the '7 %' read
    as the mean difference; per horizon the pooled difference that decides (Mantel–Haenszel,
    or random effects where Cochran's Q rejects one common difference) with its interval; the
    15 % target in both readings with the decision per horizon; and the verdicts."""
    tk = load(period, paths)
    p = pooled(tk)
    t = target(tk)
    m = t.set_index("basis").loc["mean"]
    return {
        "cells": len(differences(tk)),
        "mean_pp": mean_difference(tk),
        "pooled": [
            {
                "horizon": int(r.horizon),
                "method": r.method,
                "est": float(r.est),
                "lower": float(r.est_lower),
                "upper": float(r.est_upper),
                "q_p": float(r.q_p),
                "heterogeneous": bool(r.heterogeneous),
            }
            for r in p.itertuples()
        ],  # fmt: skip
        "target": {
            **{k: float(m[k]) for k in ("target_pp", "target_relative", "pct_c", "pct_t")},
            "statuses": {
                f"{reading}:{h}": state
                for reading, by_horizon in target_decisions(tk).items()
                for h, state in by_horizon.items()
            },
        },
        "verdicts": verdicts.counts(audit(tk)),
        "synthetic": tk.synthetic,
    }
