"""The labour-market chapter's data: standcijfers, outflow and the published §3.1-3.2 values,
seen from one period.

The bottom of the chapter: `load` reads the inputs (`analysis.ingest.arbeidsmarkt`) and the
published derived values and text claims (the published table `PUBLISHED_TABLE`) into an
`Arbeidsmarkt`; the numbers modules (`series`, `target`, `checks`) take it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.memo import in_run
from analysis.core.periods import Period, as_period
from analysis.ingest.arbeidsmarkt import STANDCIJFERS_FILE, load_standcijfers, load_uitstroom
from analysis.study.published import AKO_2009_T3, PUBLISHED_PERIOD, load_table

PUBLISHED_TABLE = f"{AKO_2009_T3}-arbeidsmarkt"
BASE_DATE = pd.Timestamp("2006-12-31")  # "ultimo 2006": the start of the participation target
TARGET_DATE = pd.Timestamp("2010-12-31")  # "ultimo 2010": its end
# The published "Mutatie tov ultimo 2006" row as weights on each series' change since the base
# date: the decrease of the four stocks together. Found by `series.composition_fit`, which
# tries every combination of weights -1, 0, +1; only this one reproduces the row (6 of 6).
COMPOSITION: dict[str, int] = {
    "niet_werkende_werkzoekenden": -1,
    "ww_uitkeringen": -1,
    "ag_uitkeringen": -1,
    "wwb_uitkeringen_lt65": -1,
}


def load_published(paths: Paths | None = None) -> pd.DataFrame:
    """The published derived values and text claims of §3.1-3.2 ('n.b.' is NaN)."""
    frame = load_table(PUBLISHED_TABLE, paths)
    frame["peildatum"] = pd.to_datetime(frame["peildatum"], format="%Y-%m-%d")
    frame["value"] = frame["value"].astype(float)
    return frame


def wide(stand: pd.DataFrame) -> pd.DataFrame:
    """Series x peildatum (x1000); series in file order, missing values NaN."""
    order = list(dict.fromkeys(stand["series"]))
    table = stand.pivot(index="series", columns="peildatum", values="value")
    return table.reindex(order).sort_index(axis=1)


@dataclass(frozen=True)
class Arbeidsmarkt:
    """All labour-market data, seen from one period (rows after the period's end are ignored).

    What is derived from the data is computed once per object, by the numbers modules
    (`analysis.core.memo`); the frames are shared, so callers must not modify them.
    """

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

    @cached_property
    def table(self) -> pd.DataFrame:
        """The period's standcijfers as series x peildatum (`wide`)."""
        return wide(self.standcijfers)

    @cached_property
    def table_all(self) -> pd.DataFrame:
        """All standcijfers (also after the period) as series x peildatum (`wide`)."""
        return wide(self.standcijfers_all)


@in_run
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
