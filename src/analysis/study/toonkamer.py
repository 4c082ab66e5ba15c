"""The Toonkamer pilots (seed 004, Bijlage 1): published outflow tables and the cohort rule.

Shared by the chapter (`analysis.chapters.toonkamer`) and the synthetic client generator
(`analysis.synthetic.toonkamer`), so that both read the published tables and define 'outflow
within h months' the same way:

- a client belongs to the cohort of horizon h when the benefit started on or after the start
  of the measurement period and could be followed for h whole calendar months before its end
  (inflow + h months <= end); the published bracketed count is the size of that cohort;
- the client flowed out within h months when the outflow date is on or before inflow + h
  months (an outflow after the end of the period is not known then, so it does not count).
"""

from __future__ import annotations

import pandas as pd

from analysis.core.config import Paths
from analysis.core.proportions import counts_for_percentage
from analysis.core.values import rounded
from analysis.study.published import load_table
from analysis.study.verdicts import with_lines

REPORT = "toonkamer-2008"
OUTFLOW_TABLES = ("ww-toonkamer", "ww-controlegroep", "wwb-uitstroom")
SURVEY_TABLE = "klantprincipes"
CLAIMS_TABLE = "claims"
TABLES = (*OUTFLOW_TABLES, SURVEY_TABLE, CLAIMS_TABLE)
HORIZONS = (3, 4, 5, 6)
TOONKAMER, CONTROL = "toonkamer", "control"  # group codes (the published 'controlegroep')
GROUP_CODES = {"toonkamer": TOONKAMER, "controlegroep": CONTROL}
CELL_KEYS = ["benefit", "group", "location", "horizon"]


def file_stem(table: str) -> str:
    """'ww-toonkamer' -> 'toonkamer-2008-ww-toonkamer' (the file in data/raw/published)."""
    return f"{REPORT}-{table}"


def published(table: str, paths: Paths | None = None) -> pd.DataFrame:
    """One published Toonkamer table as transcribed, with its CSV `line` and `file` stem."""
    frame = with_lines(load_table(file_stem(table), paths))
    return frame.assign(file=file_stem(table))


def claims(paths: Paths | None = None) -> pd.DataFrame:
    """The text claims (claim, value as text, unit, quote, ...) indexed by claim id."""
    frame = published(CLAIMS_TABLE, paths)
    frame["value"] = frame["value"].astype(str)
    return frame.set_index("claim")


def measurement_window(paths: Paths | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(start, end) of the measurement period as published: 1 December 2005, 1 September 2006."""
    table = claims(paths)
    return (
        pd.Timestamp(table.loc["measurement_start", "value"]),
        pd.Timestamp(table.loc["measurement_end", "value"]),
    )


def outflow_cells(paths: Paths | None = None) -> pd.DataFrame:
    """One row per published outflow cell (benefit x group x location x horizon).

    Columns: benefit ('WW' | 'WWB'), group (`TOONKAMER` | `CONTROL`), location (as printed),
    location_order (the printed row), horizon (months), pct and n (as printed), k (leavers:
    the whole number nearest to pct x n / 100 that rounds back to pct), k_low and k_high
    (every whole number in between rounds to pct; k_low > k_high when none does), the source
    file and the CSV lines of the pct and n values.
    """
    frames = [published(t, paths) for t in OUTFLOW_TABLES]
    raw = pd.concat(frames, ignore_index=True)
    raw["value"] = raw["value"].astype(int)
    keys = ["file", "benefit", "group", "row", "row_label", "horizon_months"]
    wide = raw.pivot_table(
        index=keys, columns="statistic", values=["value", "line"], aggfunc="first"
    )
    wide.columns = [f"{a}_{b}" for a, b in wide.columns]
    cells = wide.reset_index().rename(
        columns={
            "row": "location_order", "row_label": "location", "horizon_months": "horizon",
            "value_pct": "pct", "value_n": "n", "line_pct": "line_pct", "line_n": "line_n",
        }
    )  # fmt: skip
    cells["group"] = cells["group"].map(GROUP_CODES)
    ranges = [counts_for_percentage(p, n) for p, n in zip(cells["pct"], cells["n"], strict=True)]
    cells["k_low"] = [r.start for r in ranges]
    cells["k_high"] = [r.stop - 1 for r in ranges]
    cells["k"] = [
        min(r, key=lambda k, p=p, n=n: (abs(100 * k - p * n), k))
        if r
        else int(rounded(p * n / 100))
        for r, p, n in zip(ranges, cells["pct"], cells["n"], strict=True)
    ]
    order = ["benefit", "group", "location_order", "horizon"]
    columns = [*CELL_KEYS, "location_order", "pct", "n", "k", "k_low", "k_high", "file",
               "line_pct", "line_n"]  # fmt: skip
    cells = cells.sort_values(order, ascending=[True, False, True, True], ignore_index=True)
    return cells[columns]


def horizon_end(inflow: pd.Series, months: int) -> pd.Series:
    """inflow + `months` calendar months (31 January + 1 month = 28 February)."""
    return inflow + pd.DateOffset(months=months)


def cohort_counts(clients: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """n (cohort size) and k (leavers within h months) per benefit x group x location x horizon.

    `clients` has the columns of `analysis.ingest.toonkamer.Clients.frame`.
    """
    records = []
    inside = clients[clients["inflow"] >= start]
    for h in HORIZONS:
        limit = horizon_end(inside["inflow"], h)
        cohort = inside[limit <= end]
        out = cohort["outflow"].notna() & (cohort["outflow"] <= limit[limit <= end])
        grouped = cohort.assign(out=out).groupby(["benefit", "group", "location"], sort=True)
        for (benefit, group, location), part in grouped:
            records.append(
                {"benefit": benefit, "group": group, "location": location, "horizon": h,
                 "n": len(part), "k": int(part["out"].sum())}
            )  # fmt: skip
    return pd.DataFrame(records, columns=[*CELL_KEYS, "n", "k"])


def work_shares(clients: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Per benefit x group: outflows up to the end of the period and the share to work."""
    seen = clients[(clients["inflow"] >= start) & clients["outflow"].notna()]
    seen = seen[seen["outflow"] <= end]
    grouped = seen.groupby(["benefit", "group"], sort=True)["reason"]
    frame = grouped.agg(outflows="size", to_work=lambda r: int((r == "work").sum()))
    frame["pct"] = 100 * frame["to_work"] / frame["outflows"]
    return frame.reset_index()
