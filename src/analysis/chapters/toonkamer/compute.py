"""The Toonkamer chapter (seed 004, Bijlage 1): pilot against matched control group.

Numbers only. `load` reads the published tables (`analysis.study.toonkamer`) and, when there
are any, the client-level data (`analysis.ingest.toonkamer`) into a `Toonkamer`. The
statistics on the published tables are in `estimates`, those on client data in `clients`, the
verdicts in `audit`; `tables` gives them as tidy frames. Dutch wording is in `text`,
`text_tables`; figures in `plots`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.chapters.toonkamer import audit, clients, estimates
from analysis.core.config import Paths
from analysis.core.periods import Period, as_period
from analysis.ingest.toonkamer import Clients, load_clients
from analysis.study import toonkamer as published
from analysis.study.published import PUBLISHED_PERIOD

# The project plan with Bijlage 1 is dated 'Haarlem, mei 2008' (seed 004): the chapter
# belongs in the reports of the periods from then on.
PLAN_DATE = dt.date(2008, 5, 1)


@dataclass(frozen=True)
class Toonkamer:
    """Published Toonkamer tables and (optional) client-level data."""

    period: Period
    cells: pd.DataFrame  # `published.outflow_cells`
    survey: pd.DataFrame
    claims: pd.DataFrame
    clients: Clients | None
    start: pd.Timestamp
    end: pd.Timestamp
    paths: Paths

    @property
    def synthetic(self) -> bool | None:
        """True/False for synthetic/real client data; None without client data."""
        return None if self.clients is None else self.clients.synthetic

    @property
    def work_published(self) -> dict[str, float]:
        """The published shares of the WW outflow that return to work (84 and 76)."""
        value = self.claims["value"]
        return {
            published.TOONKAMER: float(value["ww_work_share_toonkamer"]),
            published.CONTROL: float(value["ww_work_share_control"]),
        }

    @cached_property
    def differences(self) -> pd.DataFrame:
        return estimates.differences(self.cells)

    @cached_property
    def pooled(self) -> pd.DataFrame:
        return estimates.pooled(self.cells)

    @cached_property
    def readings(self) -> pd.DataFrame:
        """`estimates.claim_readings` of 'gemiddeld 7 % hoger'."""
        claim = float(self.claims.loc["ww_mean_higher", "value"])
        return estimates.claim_readings(self.differences, self.pooled, claim)

    @cached_property
    def target(self) -> pd.DataFrame:
        """`estimates.target_readings` of the 15 % target."""
        return estimates.target_readings(self.differences, self.pooled, self.work_published)

    @cached_property
    def wwb(self) -> pd.DataFrame:
        return estimates.wwb_intervals(self.cells)

    @cached_property
    def shares(self) -> pd.DataFrame:
        """`estimates.survey_share`: the share of Toonkamer clients in 'Alle klanten'."""
        return estimates.survey_share(self.survey)

    @cached_property
    def higher(self) -> pd.DataFrame:
        return estimates.higher_from(self.differences)

    @cached_property
    def recomputed(self) -> pd.DataFrame | None:
        """Published cells beside the client-level recomputation (None without clients)."""
        if self.clients is None:
            return None
        return clients.recomputed(self.cells, self.clients, self.start, self.end)

    @cached_property
    def work_recomputed(self) -> pd.DataFrame | None:
        if self.clients is None:
            return None
        return clients.shares(self.clients, self.start, self.end)

    @cached_property
    def curves(self) -> dict[tuple[str, str, str], pd.DataFrame]:
        """Kaplan–Meier curves per (benefit, group, location or `clients.ALL`); {} without."""
        if self.clients is None:
            return {}
        return clients.curves(self.clients, self.start, self.end)

    @cached_property
    def audit(self) -> pd.DataFrame:
        share = self.shares.set_index("principle").loc["common", "share"]
        check = estimates.survey_check(self.shares)
        rows = audit.cell_rows(self.cells, self.recomputed, bool(self.synthetic))
        rows += audit.survey_rows(self.survey, check, share)
        rows += audit.claim_rows(self.claims, claim_facts(self), self.synthetic)
        return audit.audit(rows)


def claim_facts(tk: Toonkamer) -> dict[str, object]:
    """What the text claims are checked against (see `audit.claim_rows`)."""
    facts: dict[str, object] = {
        "mean_pp": float(tk.differences["diff_printed"].mean()),
        "higher": tk.higher,
    }
    if tk.recomputed is not None:
        ww = tk.work_recomputed[tk.work_recomputed["benefit"] == "WW"].set_index("group")["pct"]
        facts["work"] = {
            "toonkamer": ww.get(published.TOONKAMER),
            "control": ww.get(published.CONTROL),
        }
        facts["cohorts_equal"] = bool((tk.recomputed["n_calc"] == tk.recomputed["n"]).all())
    return facts


def load(period: str | Period = PUBLISHED_PERIOD, root: Paths | str | None = None) -> Toonkamer:
    """The chapter's data for a period ('YYYY-Tn' or a Period); `root` as in the notebooks."""
    paths = Paths.from_parameter(root)
    survey = published.published(published.SURVEY_TABLE, paths)
    survey["value"] = survey["value"].astype(float)
    start, end = published.measurement_window(paths)
    return Toonkamer(
        as_period(period), published.outflow_cells(paths), survey, published.claims(paths),
        load_clients(paths), start, end, paths,
    )  # fmt: skip


def available(period: Period, paths: Paths) -> bool:
    """In the report from the period of the project plan (May 2008) on, when its tables exist."""
    files = [paths.published / f"{published.file_stem(t)}.csv" for t in published.TABLES]
    return as_period(period).end_date >= PLAN_DATE and all(f.is_file() for f in files)


# --------------------------------------------------------------------------- tidy tables


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's tables as tidy frames (`scoring_rule` is not used here).

    Percentages and percentage points on the 0–100 scale. Tables from client-level data carry
    `synthetic` (True when the data are synthetic) and are empty without client data.
    """
    tk = load(period, paths)
    cell_cols = ["benefit", "group", "location", "horizon", "pct", "n", "k", "k_low", "k_high"]
    frames = {
        "cells": tk.cells[cell_cols],
        "differences": tk.differences[
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
        "pooled": tk.pooled,
        "claim-7": tk.readings,
        "target-15": tk.target,
        "wwb": tk.wwb[["location", "horizon", "pct", "n", "k", "lower", "upper"]],
        "survey-share": tk.shares,
        "higher": tk.higher[["location", "higher_horizons", "higher_from"]],
        "recomputed": _recomputed_table(tk),
        "km": _km_table(tk),
        "audit": tk.audit,
    }
    return frames


def _recomputed_table(tk: Toonkamer) -> pd.DataFrame:
    columns = [*published.CELL_KEYS, "pct", "n", "pct_calc", "n_calc", "k_calc", "equal"]
    if tk.recomputed is None:
        return pd.DataFrame(columns=[*columns, "synthetic"])
    return tk.recomputed[columns].assign(synthetic=tk.synthetic)


def _km_table(tk: Toonkamer) -> pd.DataFrame:
    if not tk.curves:
        columns = ["benefit", "group", "location", "horizon", "outflow", "lower", "upper"]
        return pd.DataFrame(columns=[*columns, "synthetic"])
    return clients.km_table(tk.curves).assign(synthetic=tk.synthetic)
