"""The Toonkamer pilot's numbers from the published tables: differences with intervals, the
Mantel–Haenszel pooled difference per horizon with Cochran's Q of the four locations and,
where the locations differ beyond chance, the DerSimonian–Laird random-effects estimate; the
'7 %' and '15 %' readings, the WWB table and the share of Toonkamer clients implied by the
survey's 'Alle klanten' row.

Percentages and percentage points are on the 0–100 scale; every frame has language-neutral
columns. Inputs are the frames of `analysis.study.toonkamer` (published cells with k, n).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from analysis.core.proportions import (
    Stratum,
    heterogeneity,
    mantel_haenszel_rd,
    newcombe,
    wilson,
)
from analysis.core.values import rounded
from analysis.study.toonkamer import CONTROL, TOONKAMER

TARGET = 15  # the project's target: '15% hoger' (seed 004, §2.2)
ROUNDING = 0.05  # survey scores are printed with one decimal
GRID = 1001  # candidate shares of Toonkamer clients: 0 to 100 % in steps of 0,1 percent point
# Cochran's Q rejects 'one common difference' below this p-value: 0,10 rather than 0,05,
# because with four locations the test has little power (Cochrane Handbook, §10.10.2).
HETEROGENEITY_ALPHA = 0.10


def ww_pairs(cells: pd.DataFrame) -> pd.DataFrame:
    """WW cells side by side: one row per location x horizon with the _t and _c columns."""
    ww = cells[cells["benefit"] == "WW"]
    keys = ["location", "location_order", "horizon"]
    cols = [*keys, "pct", "n", "k", "k_low", "k_high"]
    t = ww[ww["group"] == TOONKAMER][cols]
    c = ww[ww["group"] == CONTROL][cols]
    pairs = t.merge(c, on=keys, suffixes=("_t", "_c"), validate="one_to_one")
    return pairs.sort_values(["location_order", "horizon"], ignore_index=True)


def differences(cells: pd.DataFrame) -> pd.DataFrame:
    """Toonkamer − control per location x horizon with Newcombe's 95 % interval (pp).

    `diff_printed` is the difference of the printed whole percentages (what the source's
    average rests on); `diff` uses the leavers k / n; `diff_min`/`diff_max` are the extremes
    that the rounding of the printed percentages allows.
    """
    p = ww_pairs(cells)
    p["diff_printed"] = p["pct_t"] - p["pct_c"]
    p["diff"] = 100 * (p["k_t"] / p["n_t"] - p["k_c"] / p["n_c"])
    p["diff_min"] = 100 * (p["k_low_t"] / p["n_t"] - p["k_high_c"] / p["n_c"])
    p["diff_max"] = 100 * (p["k_high_t"] / p["n_t"] - p["k_low_c"] / p["n_c"])
    bounds = [newcombe(int(r.k_t), int(r.n_t), int(r.k_c), int(r.n_c)) for r in p.itertuples()]
    p["lower"] = [100 * lo for lo, _ in bounds]
    p["upper"] = [100 * hi for _, hi in bounds]
    p["relative"] = 100 * (p["pct_t"] / p["pct_c"] - 1)
    return p


def pooled(cells: pd.DataFrame) -> pd.DataFrame:
    """Per horizon: the Mantel–Haenszel difference over the locations (pp) with its 95 %
    intervals (Greenland–Robins and Sato variance), the crude pooled rates, Cochran's Q of
    the four differences (`q`, `q_df`, `q_p`, `i2` in %) and the DerSimonian–Laird
    random-effects estimate (`re`, `re_lower`, `re_upper`).

    `heterogeneous` when Q rejects one common difference (p < HETEROGENEITY_ALPHA); then the
    locations differ beyond chance, MH's interval is too narrow for an average over
    locations, and the random-effects estimate is the one that decides: `est`, `est_lower`,
    `est_upper` are that estimate (`method` 're') or else MH's (`method` 'mh').
    Horizons are not pooled with each other: the cohort of 0–6 months is part of that of 0–3.
    """
    p = ww_pairs(cells)
    records = []
    for h, part in p.groupby("horizon", sort=True):
        strata = [
            Stratum(int(r.k_t), int(r.n_t), int(r.k_c), int(r.n_c)) for r in part.itertuples()
        ]
        mh = mantel_haenszel_rd(strata)
        het = heterogeneity(strata)
        gr, sato, re = mh.interval("greenland-robins"), mh.interval("sato"), het.interval()
        k_t, n_t, k_c, n_c = (int(part[c].sum()) for c in ("k_t", "n_t", "k_c", "n_c"))
        split = het.p_value < HETEROGENEITY_ALPHA
        chosen = (het.estimate, *re) if split else (mh.estimate, *gr)
        records.append(
            {
                "horizon": h, "locations": len(part), "k_t": k_t, "n_t": n_t, "k_c": k_c,
                "n_c": n_c, "pct_t": 100 * k_t / n_t, "pct_c": 100 * k_c / n_c,
                "mh": 100 * mh.estimate, "lower": 100 * gr[0], "upper": 100 * gr[1],
                "lower_sato": 100 * sato[0], "upper_sato": 100 * sato[1],
                "relative": 100 * (k_t / n_t) / (k_c / n_c) - 100,
                "q": het.q, "q_df": het.df, "q_p": het.p_value, "i2": 100 * het.i2,
                "tau2": 1e4 * het.tau2, "re": 100 * het.estimate, "re_lower": 100 * re[0],
                "re_upper": 100 * re[1], "heterogeneous": split,
                "method": "re" if split else "mh", "est": 100 * chosen[0],
                "est_lower": 100 * chosen[1], "est_upper": 100 * chosen[2],
            }
        )  # fmt: skip
    return pd.DataFrame(records)


def claim_readings(diffs: pd.DataFrame, pool: pd.DataFrame, claim: float) -> pd.DataFrame:
    """Ways to read 'gemiddeld 7 % hoger', each with its value and whether it rounds to it.

    `reading`: mean_pp (unweighted mean of the 16 printed differences: the source's number),
    mean_pp_counts (the same from k / n), mean_relative (mean of the 16 relative differences),
    ratio_of_means (mean Toonkamer % / mean control % − 1), mh_<h> (pooled per horizon, pp).
    """
    mean_t, mean_c = diffs["pct_t"].mean(), diffs["pct_c"].mean()
    rows = [
        ("mean_pp", "pp", diffs["diff_printed"].mean(), None, None),
        ("mean_pp_counts", "pp", diffs["diff"].mean(), None, None),
        ("mean_relative", "pct", diffs["relative"].mean(), None, None),
        ("ratio_of_means", "pct", 100 * (mean_t / mean_c - 1), None, None),
    ]
    rows += [(f"mh_{r.horizon}", "pp", r.mh, r.lower, r.upper) for r in pool.itertuples()]
    frame = pd.DataFrame(rows, columns=["reading", "unit", "value", "lower", "upper"])
    frame["rounds_to_claim"] = [int(rounded(v)) == int(claim) for v in frame["value"]]
    frame["cells"] = [len(diffs)] * 4 + list(pool["locations"])
    return frame


def target_readings(
    diffs: pd.DataFrame, pool: pd.DataFrame, work: dict[str, float] | None = None
) -> pd.DataFrame:
    """The 15 % target read as percentage points and as relative increase, per basis.

    Basis 'mean' is the unweighted mean of the 16 cells (as the source's 7 %), '<h>' the crude
    pooled rates of one horizon, 'work_mean' the mean rates times the published shares of
    outflow to work (`work`: {'toonkamer': 84, 'control': 76}), since the target speaks of
    'uitstroom naar regulier werk'. `target_pp` = control + 15, `target_relative` = control ×
    1.15; `needed_pp_*` is the difference each reading asks for; `achieved_*` what the pilot
    shows: for the horizons the pooled difference that decides (`est` of `pooled`: MH, or the
    random-effects estimate where the locations differ; `lower`, `upper` its interval, `method`
    which), else the difference of the rates. `status_*` says whether the interval lies above
    the needed difference ('met'), below it ('not_met') or around it ('open'); it is None for
    the bases without an interval (the mean of 16 overlapping cells has none): there no
    decision is made.
    """
    nan = np.nan
    bases = [("mean", diffs["pct_t"].mean(), diffs["pct_c"].mean(), nan, nan, nan, None)]
    bases += [
        (str(r.horizon), r.pct_t, r.pct_c, r.est, r.est_lower, r.est_upper, r.method)
        for r in pool.itertuples()
    ]
    if work:
        bases.append(
            ("work_mean", bases[0][1] * work[TOONKAMER] / 100,
             bases[0][2] * work[CONTROL] / 100, nan, nan, nan, None)
        )  # fmt: skip
    columns = ["basis", "pct_t", "pct_c", "est", "lower", "upper", "method"]
    frame = pd.DataFrame(bases, columns=columns)
    frame["target_pp"] = frame["pct_c"] + TARGET
    frame["target_relative"] = frame["pct_c"] * (1 + TARGET / 100)
    frame["needed_pp_pp"] = float(TARGET)
    frame["needed_pp_relative"] = frame["pct_c"] * TARGET / 100
    frame["achieved_pp"] = frame["est"].fillna(frame["pct_t"] - frame["pct_c"])
    frame["achieved_relative"] = 100 * (frame["pct_t"] / frame["pct_c"] - 1)
    for reading in ("pp", "relative"):
        needed = frame[f"needed_pp_{reading}"]
        frame[f"status_{reading}"] = [
            None if pd.isna(lo) else "met" if lo >= need else "not_met" if hi < need else "open"
            for lo, hi, need in zip(frame["lower"], frame["upper"], needed, strict=True)
        ]
    return frame.drop(columns="est")


def wwb_intervals(cells: pd.DataFrame) -> pd.DataFrame:
    """The WWB cells with the Wilson 95 % interval of each percentage."""
    wwb = cells[cells["benefit"] == "WWB"].copy()
    bounds = [wilson(int(k), int(n)) for k, n in zip(wwb["k"], wwb["n"], strict=True)]
    wwb["lower"] = [100 * lo for lo, _ in bounds]
    wwb["upper"] = [100 * hi for _, hi in bounds]
    wwb["width"] = wwb["upper"] - wwb["lower"]
    return wwb.reset_index(drop=True)


def survey_share(survey: pd.DataFrame) -> pd.DataFrame:
    """Per principle: the share s of Toonkamer clients with Alle = s·Toonkamer + (1 − s)·Regulier.

    `share` uses the printed scores; `share_low`/`share_high` the extremes that rounding to one
    decimal allows (every printed score ± 0.05), clipped to 0–1. The last row ('common')
    intersects the intervals: one share that fits all principles.
    """
    wide = survey.pivot(index="principle", columns="group", values="value").astype(float)
    order = list(dict.fromkeys(survey["principle"]))
    wide = wide.loc[order]
    records = []
    for principle, r in wide.iterrows():
        t, reg, all_ = r["toonkamer"], r["regulier"], r["alle"]
        corners = []
        for dt_, dr, da in itertools.product((-ROUNDING, ROUNDING), repeat=3):
            if t + dt_ != reg + dr:
                corners.append((all_ + da - reg - dr) / (t + dt_ - reg - dr))
        low, high = max(0.0, min(corners)), min(1.0, max(corners))
        share = (all_ - reg) / (t - reg) if t != reg else np.nan
        records.append({"principle": principle, "score_t": t, "score_regular": reg,
                        "score_all": all_, "share": share, "share_low": low,
                        "share_high": high})  # fmt: skip
    frame = pd.DataFrame(records)
    low, high = frame["share_low"].max(), frame["share_high"].min()
    frame.loc[len(frame)] = {"principle": "common", "share": (low + high) / 2 if low <= high else
                             np.nan, "share_low": low, "share_high": high}  # fmt: skip
    return frame


def survey_check(shares: pd.DataFrame) -> pd.DataFrame:
    """The 'Alle klanten' score recomputed with the common share (rounded inputs) per principle,
    the tolerance that the rounding of three printed scores allows, and how many of the `GRID`
    candidate shares would fit it as well (`fitting_shares`)."""
    common = shares[shares["principle"] == "common"].iloc[0]
    rows = shares[shares["principle"] != "common"].copy()
    s = common["share"]
    rows["computed"] = s * rows["score_t"] + (1 - s) * rows["score_regular"]
    rows["tolerance"] = 2 * ROUNDING
    rows["equal"] = (rows["computed"] - rows["score_all"]).abs() <= rows["tolerance"] + 1e-9
    rows["fitting_shares"] = [
        sum(abs(k / (GRID - 1) * t + (1 - k / (GRID - 1)) * reg - all_) <= tolerance + 1e-9
            for k in range(GRID))
        for t, reg, all_, tolerance in zip(rows["score_t"], rows["score_regular"],
                                           rows["score_all"], rows["tolerance"], strict=True)
    ]  # fmt: skip
    return rows[["principle", "score_all", "computed", "tolerance", "equal", "fitting_shares"]]


def higher_from(diffs: pd.DataFrame) -> pd.DataFrame:
    """Per location: horizons with a higher Toonkamer outflow (printed %), and the first horizon
    from which every later one is higher (None when the last is not higher)."""
    records = []
    for (order, location), part in diffs.groupby(["location_order", "location"], sort=True):
        higher = (part.sort_values("horizon")["diff_printed"] > 0).tolist()
        horizons = sorted(part["horizon"])
        first = None
        for h, up in zip(reversed(horizons), reversed(higher), strict=True):
            if not up:
                break
            first = h
        records.append({"location": location, "location_order": order,
                        "higher_horizons": sum(higher), "higher_from": first})  # fmt: skip
    return pd.DataFrame(records)
