"""The labour-market chapter (AKO §3.1-3.2): standcijfers, outflow to work, the 210.000 target.

Numbers only. `load` reads the inputs (`analysis.ingest.arbeidsmarkt`) and the published
derived values and text claims of §3.1-3.2 (the published table `PUBLISHED_TABLE`) into an
`Arbeidsmarkt` seen from one period. The arithmetic on the series is in `series`, the checks
against the published values and the text in `checks`; the verdict on the target and the tidy
`tables` are here. Dutch wording is in `text_labels`, `text` and `text_tables`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.chapters.arbeidsmarkt.checks import (
    BACKTEST_COLUMNS,
    all_claims,
    audit,
    backtests,
    internal_checks,
)
from analysis.chapters.arbeidsmarkt.series import (
    BASE_DATE,
    COMPOSITION,
    TARGET_DATE,
    composition_fit,
    mutatie_row,
    mutations,
    outflow,
    peak_date,
    progress,
    projections,
    reachable,
    required_pace,
    wide,
    window_dates,
)
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period, as_period
from analysis.core.stats import Extrapolation
from analysis.ingest.arbeidsmarkt import STANDCIJFERS_FILE, load_standcijfers, load_uitstroom
from analysis.study.published import AKO_2009_T3, PUBLISHED_PERIOD, load_table

PUBLISHED_TABLE = f"{AKO_2009_T3}-arbeidsmarkt"


def load_published(paths: Paths | None = None) -> pd.DataFrame:
    """The published derived values and text claims of §3.1-3.2 ('n.b.' is NaN)."""
    frame = load_table(PUBLISHED_TABLE, paths)
    frame["peildatum"] = pd.to_datetime(frame["peildatum"], format="%Y-%m-%d")
    frame["value"] = frame["value"].astype(float)
    return frame


@dataclass(frozen=True)
class Arbeidsmarkt:
    """All labour-market data, seen from one period (rows after the period's end are ignored)."""

    period: Period
    standcijfers_all: pd.DataFrame
    uitstroom_all: pd.DataFrame
    published: pd.DataFrame
    paths: Paths

    @property
    def start(self) -> pd.Timestamp:
        return pd.Timestamp(self.period.start_date)

    @property
    def end(self) -> pd.Timestamp:
        return pd.Timestamp(self.period.end_date)

    @property
    def standcijfers(self) -> pd.DataFrame:
        """Standcijfers up to the end of the period."""
        return self.standcijfers_all[self.standcijfers_all["peildatum"] <= self.end]

    @property
    def uitstroom(self) -> pd.DataFrame:
        """Outflow of the period: the latest peildatum inside the period (empty if none)."""
        rows = self.uitstroom_all[
            (self.uitstroom_all["peildatum"] >= self.start)
            & (self.uitstroom_all["peildatum"] <= self.end)
        ]
        if rows.empty:
            return rows
        return rows[rows["peildatum"] == rows["peildatum"].max()]

    @property
    def has_published(self) -> bool:
        """The AKO report with §3.1-3.2 exists for the published period only."""
        return self.period == PUBLISHED_PERIOD

    @property
    def target(self) -> float:
        """The participation target in thousands (210 for 210.000), as stated in the text."""
        row = self.published[self.published["statistic"] == "participation_target"]
        return float(row["value"].iloc[0]) / 1000

    # Derived once per object (the dataclass is frozen; its data are never changed).

    @cached_property
    def table(self) -> pd.DataFrame:
        """The period's standcijfers as series x peildatum (`wide`)."""
        return wide(self.standcijfers)

    @cached_property
    def table_all(self) -> pd.DataFrame:
        """All standcijfers (also after the period) as series x peildatum (`wide`)."""
        return wide(self.standcijfers_all)

    @cached_property
    def changes_all(self) -> pd.DataFrame:
        """`mutations` of all standcijfers."""
        return mutations(self.table_all)

    @cached_property
    def total(self) -> pd.Series | None:
        """The period's 'Mutatie tov ultimo 2006' row (`mutatie_row`); None when the period has
        no standcijfers of the base date (e.g. before ultimo 2006)."""
        if self.table.empty or BASE_DATE not in self.table.columns:
            return None
        return mutatie_row(self.table)

    @cached_property
    def projections(self) -> dict[pd.Timestamp, Extrapolation]:
        """`projections` of the period's total, by window start; empty without a total."""
        return {} if self.total is None else projections(self.total)

    @cached_property
    def verdict(self) -> dict:
        """`target_verdict` of this period."""
        return target_verdict(self)

    @cached_property
    def checks(self) -> pd.DataFrame:
        """`backtests` for the published period; an empty frame of the same shape otherwise."""
        return backtests(self) if self.has_published else pd.DataFrame(columns=BACKTEST_COLUMNS)

    @cached_property
    def composition(self) -> pd.DataFrame:
        """`composition_fit` on all standcijfers and the published row."""
        return composition_fit(self.table_all, self.published)

    @cached_property
    def internal(self) -> pd.DataFrame:
        """`internal_checks` (sums within the published tables)."""
        return internal_checks(self)

    @cached_property
    def claims(self) -> pd.DataFrame:
        """`all_claims` of this period."""
        return all_claims(self)


def load(period: str | Period = PUBLISHED_PERIOD, root: Paths | str | None = None) -> Arbeidsmarkt:
    """The chapter's data for a period ('YYYY-Tn' or a Period); `root` as in the notebooks."""
    paths = Paths.from_parameter(root)
    stand = load_standcijfers(paths)
    _check_needed(stand, paths.arbeidsmarkt / STANDCIJFERS_FILE)
    return Arbeidsmarkt(
        as_period(period), stand, load_uitstroom(paths), load_published(paths), paths
    )


def _check_needed(stand: pd.DataFrame, path: Path) -> None:
    """The series of the 'Mutatie' row and the base date must be in the standcijfers."""
    absent = [s for s in COMPOSITION if s not in set(stand["series"])]
    if absent:
        raise InputError(
            path, f"series {', '.join(map(repr, absent))} missing: the chapter sums "
            f"{', '.join(COMPOSITION)}", column="series",
        )  # fmt: skip
    if not (stand["peildatum"] == BASE_DATE).any():
        raise InputError(
            path, f"no standcijfers for the base date {BASE_DATE.date()} (ultimo 2006), from "
            "which every change is counted", column="peildatum",
        )  # fmt: skip


def target_verdict(am: Arbeidsmarkt) -> dict:
    """The text's 'niet gaat lukken' against the projections of every fitting window.

    Keys: windows (start -> `reachable` of that window's projection: False, True or None),
    reachable (False or True when every window agrees, None when they differ or there is
    no window) and text_reachable (the text's judgement, None without it).
    """
    claim = am.published[am.published["statistic"] == "target_reachable"]
    text_reachable = bool(claim["value"].iloc[0]) if not claim.empty else None
    windows = {start: reachable(p, am.target) for start, p in am.projections.items()}
    found = set(windows.values())
    overall = found.pop() if len(found) == 1 else None
    return {"windows": windows, "reachable": overall, "text_reachable": text_reachable}


# --------------------------------------------------------------------------- tidy tables


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
    total = am.total if am.total is not None else pd.Series(dtype=float)
    fit = am.composition
    weights = fit["weights"].map(lambda w: " ".join(f"{s}:{v}" for s, v in w.items()))
    prog = (
        pd.DataFrame(columns=["realised", "path", "pct_of_target", "pct_of_time"])
        if am.total is None
        else progress(am.total, am.target)
    )
    frames = {
        "stocks": _standcijfers_table(am),
        "total-change": pd.DataFrame({"peildatum": total.index, "value": total.to_numpy()}),
        "backtests": am.checks[
            ["check", "statistic", "series", "peildatum", "computed", "published", "equal"]
        ],
        "composition-fit": pd.concat(
            [weights, fit[["hits", "hits_informative", "columns", "n_series"]]], axis=1
        ),
        "progress": prog.rename_axis("peildatum").reset_index(),
        "projections": _projection_table(am),
        "outflow": _outflow_table(am),
        "claims": am.claims[["claim", "series", "peildatum", "table", "text", "equal"]],
        "verdict": _verdict_table(am),
        "audit": audit(am),
    }
    return {name: frame.rename(columns=NEUTRAL) for name, frame in frames.items()}


def _standcijfers_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """The period's standcijfers (x1000) with each value's change since ultimo 2006."""
    stand = am.standcijfers[["series", "peildatum", "value"]].reset_index(drop=True)
    if am.total is None:
        stand["mutation_vs_base"] = np.nan
        return stand
    changes = mutations(am.table)
    pairs = zip(stand["series"], stand["peildatum"], strict=True)
    stand["mutation_vs_base"] = [changes.loc[s, d] for s, d in pairs]
    return stand


def _projection_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """Per window (by its first peildatum): the fit (x in years since ultimo 2006, y x1000),
    its value at ultimo 2010 with the 95 % prediction interval, and whether it reaches the
    target (`reachable`; empty when the interval includes it)."""
    records = []
    peak = None if am.total is None else peak_date(am.total)
    for start, proj in am.projections.items():
        mean, lo, hi = proj.interval
        records.append(
            {
                "first_peildatum": start,
                "n": len(window_dates(am.total, start)),
                "df": proj.fit.df,
                "slope": proj.fit.slope,
                "intercept": proj.fit.intercept,
                "at": TARGET_DATE,
                "mean": mean,
                "lower": lo,
                "upper": hi,
                "reachable": am.verdict["windows"][start],
                "from_peak": start == peak,
            }
        )
    columns = ["first_peildatum", "n", "df", "slope", "intercept", "at", "mean", "lower",
               "upper", "reachable", "from_peak"]  # fmt: skip
    return pd.DataFrame(records, columns=columns, dtype=object)


def _outflow_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """The period's outflow per series (persons) and realisation as % of target."""
    uit = am.uitstroom
    flows = outflow(uit) if not uit.empty else pd.DataFrame(columns=["pct"])
    flows.insert(0, "peildatum", uit["peildatum"].max() if not uit.empty else pd.NaT)
    columns = ["peildatum", "streefwaarde", "realisatie", "pct"]
    return flows.reindex(columns=columns).rename_axis("series").reset_index()


def _verdict_table(am: Arbeidsmarkt) -> pd.DataFrame:
    """One row: how many windows reach the target by ultimo 2010, do not, or cannot tell;
    the verdict over all windows and the text's (x1000)."""
    verdict = am.verdict
    found = list(verdict["windows"].values())
    pace = None if am.total is None else required_pace(am.total, am.target)
    return pd.DataFrame(
        [
            {
                "target": am.target,
                "windows": len(found),
                "windows_reachable": found.count(True),
                "windows_unreachable": found.count(False),
                "windows_undecided": found.count(None),
                "reachable": verdict["reachable"],
                "text_reachable": verdict["text_reachable"],
                "required_pace": pace,
            }
        ],
        dtype=object,
    )


def available(period: Period, paths: Paths) -> bool:
    """Whether the chapter has anything to show for `period`: standcijfers up to its end or
    outflow figures inside it (the inputs are validated when the chapter loads)."""
    am = load(period, paths)
    return not (am.standcijfers.empty and am.uitstroom.empty)
