"""The Toonkamer chapter's data (seed 004, Bijlage 1): the published tables of the pilot
against its matched control group and, when there are any, the client-level data.

The bottom of the chapter: `load` reads the published tables (`analysis.study.toonkamer`) and
the client data (`analysis.ingest.toonkamer`) into a `Toonkamer`. The statistics are in the
numbers modules (`estimates`, `clients`, `results`), the verdicts in `audit`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.core.config import Paths
from analysis.core.memo import in_run
from analysis.core.periods import Period, as_period
from analysis.ingest.toonkamer import Clients, load_clients
from analysis.study import toonkamer as published
from analysis.study.published import PUBLISHED_PERIOD


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


@in_run
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
