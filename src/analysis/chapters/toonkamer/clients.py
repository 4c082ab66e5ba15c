"""The Toonkamer tables recomputed from client-level data, and the outflow curves.

`recomputed` puts the cohort counts of the clients (the rule of `analysis.study.toonkamer`)
beside every published cell; `kaplan_meier` estimates the share still on benefit after t
months with censoring at the end of the measurement period (lifelines' Kaplan–Meier), per
group, pooled over the locations (per location they would only show invented detail of
real, named pilots). The curves end at the longest published
horizon (`HORIZON`): beyond it the source says nothing, and synthetic clients would only
show what they were invented to do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter

from analysis.core.values import rounded
from analysis.ingest.toonkamer import Clients
from analysis.study.toonkamer import CELL_KEYS, HORIZONS, cohort_counts, work_shares

DAYS_PER_MONTH = 365.25 / 12
ALL = "alle"  # the 'location' of curves pooled over the locations
HORIZON = float(max(HORIZONS))  # months: the longest horizon of the published tables


def recomputed(
    cells: pd.DataFrame, clients: Clients, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """Every published cell with n and k recomputed from the clients (published labels).

    `equal` when the cohort size equals the bracketed count and the recomputed percentage,
    rounded half up, equals the printed one. Cells without clients get n = 0.
    """
    frame = clients.frame.assign(location=clients.frame["location"].map(clients.published_label))
    counts = cohort_counts(frame, start, end).rename(columns={"n": "n_calc", "k": "k_calc"})
    merged = cells.merge(counts, on=CELL_KEYS, how="left")
    merged[["n_calc", "k_calc"]] = merged[["n_calc", "k_calc"]].fillna(0).astype(int)
    merged["pct_calc"] = np.where(
        merged["n_calc"] > 0, 100 * merged["k_calc"] / merged["n_calc"].clip(lower=1), np.nan
    )
    merged["equal"] = [
        n == nc and nc > 0 and int(rounded(p)) == pub
        for n, nc, p, pub in zip(
            merged["n"], merged["n_calc"], merged["pct_calc"], merged["pct"], strict=True
        )
    ]
    return merged


def shares(clients: Clients, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """`work_shares` of the clients (outflow to work as % of all outflow, per benefit x group)."""
    return work_shares(clients.frame, start, end)


def durations(clients: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Clients who entered in the period with time on benefit (months) and whether they left.

    Time runs to the outflow, or to the end of the period (censored) when there is none yet.
    """
    inside = clients[(clients["inflow"] >= start) & (clients["inflow"] < end)].copy()
    left = inside["outflow"].notna() & (inside["outflow"] <= end)
    stop = inside["outflow"].where(left, end)
    inside["months"] = (stop - inside["inflow"]).dt.days / DAYS_PER_MONTH
    inside["event"] = left
    return inside


def kaplan_meier(
    months: pd.Series, event: pd.Series, horizon: float | None = HORIZON
) -> pd.DataFrame:
    """Kaplan–Meier (lifelines) as a step table: time, at_risk, survival and its 95 % interval
    (exponential Greenwood, lifelines' default); time 0 first. With `horizon`, the table ends
    there: the steps after it are dropped and a last row at `horizon` carries the value the
    curve has then."""
    fitter = KaplanMeierFitter(alpha=0.05).fit(np.asarray(months, float), np.asarray(event, bool))
    band = fitter.confidence_interval_survival_function_
    table = pd.DataFrame(
        {
            "time": fitter.survival_function_.index.to_numpy(),
            "at_risk": fitter.event_table["at_risk"].to_numpy(),
            "survival": fitter.survival_function_.iloc[:, 0].to_numpy(),
            "lower": band.iloc[:, 0].to_numpy(),
            "upper": band.iloc[:, 1].to_numpy(),
        }
    )
    if horizon is None:
        return table
    inside = table[table["time"] <= horizon].reset_index(drop=True)
    if inside["time"].iloc[-1] < horizon:
        inside = pd.concat([inside, inside.iloc[[-1]].assign(time=horizon)], ignore_index=True)
    return inside


def at_times(curve: pd.DataFrame, times: list[float]) -> pd.DataFrame:
    """The step function's value (survival and interval) at each time."""
    index = np.searchsorted(curve["time"].to_numpy(), times, side="right") - 1
    picked = curve.iloc[index].reset_index(drop=True)
    return picked.assign(time=times)


def curves(
    clients: Clients, start: pd.Timestamp, end: pd.Timestamp
) -> dict[tuple[str, str, str], pd.DataFrame]:
    """Kaplan–Meier per (benefit, group, ALL): the locations pooled, up to `HORIZON`."""
    data = durations(clients.frame, start, end)
    return {
        (benefit, group, ALL): kaplan_meier(part["months"], part["event"])
        for (benefit, group), part in data.groupby(["benefit", "group"], sort=True)
    }


def km_table(fitted: dict[tuple[str, str, str], pd.DataFrame]) -> pd.DataFrame:
    """Outflow within 3 ... 6 months (1 − S(t), %) per curve, with its 95 % interval.

    Here a month is 365.25 / 12 days, not a calendar month as in the cohort tables.
    """
    records = []
    for (benefit, group, location), curve in fitted.items():
        values = at_times(curve, [float(h) for h in HORIZONS])
        for h, r in zip(HORIZONS, values.itertuples(), strict=True):
            records.append(
                {"benefit": benefit, "group": group, "location": location, "horizon": h,
                 "outflow": 100 * (1 - r.survival),
                 "lower": 100 * (1 - r.upper), "upper": 100 * (1 - r.lower)}
            )  # fmt: skip
    return pd.DataFrame(records)
