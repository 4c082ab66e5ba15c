"""The survey chapter's analyses on top of the per-cell sums: subgroups, differences between
waves and groups, the payment-speed relation and response. Numbers only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from analysis.chapters.enquetes.aggregate import cell_sums, rows
from analysis.chapters.enquetes.intervals import (
    cell_stats,
    clustered_difference,
    clustered_mean,
    t_factor,
)
from analysis.ingest.enquetes import OVERALL
from analysis.study.waves import Wave

MIN_RESPONDENTS = 10  # cells with fewer respondents are not shown
DAY_BANDS = (0, 15, 29, 43, 10_000)  # first payment within 0-14, 15-28, 29-42, 43+ days
# Subgroups compared in the text: (id, SQL condition of group b, of group a): b minus a.
CONTRASTS = {
    "contact": ("fixed_contact", "NOT fixed_contact"),
    "ww_vs_other": ("benefit = 'ww'", "benefit IN ('wwb', 'other', 'none')"),
}


def national_means(cells: pd.DataFrame) -> pd.DataFrame:
    """Mean per wave and score with its cluster-robust 95 % interval."""
    return clustered_mean(cells, ["wave", "score"])


def location_means(cells: pd.DataFrame, score: str = OVERALL) -> pd.DataFrame:
    """Per wave and location: the mean of `score` with a 95 % t-interval; cells with fewer
    than MIN_RESPONDENTS respondents are suppressed (values blank, `suppressed` True)."""
    part = cell_stats(cells[cells["score"] == score].reset_index(drop=True))
    small = part["respondents"] < MIN_RESPONDENTS
    shown = ["respondents", "n", "sum", "sumsq", "mean", "sd", "se", "lower", "upper"]
    part[shown] = part[shown].astype(float).mask(small)
    part["suppressed"] = small
    return part.drop(columns=["sum", "sumsq"])


def subgroup_means(files: Sequence[Path], column: str) -> pd.DataFrame:
    """Overall judgement per wave and value of `column` (blank values left out), clustered."""
    sums = cell_sums(files, by=("wave", "location", column), scores=(OVERALL,))
    sums = sums[sums[column].notna()].copy()
    sums[column] = sums[column].astype(str)
    means = clustered_mean(sums, ["wave", column, "score"])
    return means.rename(columns={column: "group"}).assign(variable=column)


def contrast(files: Sequence[Path], contrast_id: str, score: str = OVERALL) -> pd.DataFrame:
    """Per wave: group b minus group a of a CONTRASTS entry, cluster-robust."""
    cond_b, cond_a = CONTRASTS[contrast_id]
    b = cell_sums(files, scores=(score,), where=cond_b)
    a = cell_sums(files, scores=(score,), where=cond_a)
    out = []
    for wave in sorted(set(a["wave"]) & set(b["wave"]), key=Wave.parse):
        diff = clustered_difference(a[a["wave"] == wave], b[b["wave"] == wave])
        out.append({"contrast": contrast_id, "wave": wave, "score": score, **diff})
    return pd.DataFrame(out)


def wave_differences(cells: pd.DataFrame) -> pd.DataFrame:
    """Per score, each wave against the wave before it in the data, cluster-robust."""
    waves = sorted(cells["wave"].unique(), key=Wave.parse)
    out = []
    for score in cells["score"].unique():
        part = cells[cells["score"] == score]
        for before, after in zip(waves, waves[1:], strict=False):
            diff = clustered_difference(part[part["wave"] == before], part[part["wave"] == after])
            relative = 100 * diff["difference"] / diff["mean_a"]
            out.append({"score": score, "wave_a": before, "wave_b": after, **diff,
                        "relative_pct": relative})  # fmt: skip
    return pd.DataFrame(out)


def payment(files: Sequence[Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Overall judgement against days to first payment, per wave.

    Returns (fits, bands): per wave the least-squares slope per 10 days with a
    cluster-robust 95 % interval (t, G - 1 degrees of freedom) and Spearman's rank
    correlation; and the clustered mean per band of days (`DAY_BANDS`).
    """
    data = rows(files, ["wave", "location", OVERALL, "days_to_payment"],
                where=f'days_to_payment IS NOT NULL AND "{OVERALL}" IS NOT NULL')  # fmt: skip
    fits, band_frames = [], []
    for wave in sorted(data["wave"].unique(), key=Wave.parse):
        d = data[data["wave"] == wave]
        y = d[OVERALL].to_numpy(float)
        x = sm.add_constant(d["days_to_payment"].to_numpy(float) / 10)
        groups = pd.factorize(d["location"])[0]
        fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": groups})
        slope, se = float(fit.params[1]), float(fit.bse[1])
        clusters = len(np.unique(groups))
        half = float(t_factor(clusters - 1)) * se
        rho = stats.spearmanr(d["days_to_payment"], d[OVERALL]).statistic
        fits.append({"wave": wave, "n": len(d), "clusters": clusters, "slope_per_10_days": slope,
                     "se": se, "lower": slope - half, "upper": slope + half,
                     "p_value": float(2 * stats.t.sf(abs(slope / se), clusters - 1)),
                     "spearman": float(rho)})  # fmt: skip
        band = pd.cut(d["days_to_payment"], DAY_BANDS, right=False, labels=False)
        y2 = d[OVERALL].astype(float)
        grouped = pd.DataFrame({"band": band, "location": d["location"], "y": y2, "y2": y2**2})
        sums = grouped.groupby(["band", "location"], as_index=False).agg(
            n=("y", "size"), sum=("y", "sum"), sumsq=("y2", "sum")
        )
        band_frames.append(clustered_mean(sums, ["band"]).assign(wave=wave))
    bands = pd.concat(band_frames, ignore_index=True) if band_frames else pd.DataFrame()
    if not bands.empty:
        bands["from_day"] = [DAY_BANDS[int(b)] for b in bands["band"]]
        bands["to_day"] = [DAY_BANDS[int(b) + 1] - 1 for b in bands["band"]]
    return pd.DataFrame(fits), bands


def response(metadata: dict[Wave, dict], cells: pd.DataFrame) -> pd.DataFrame:
    """Per wave: respondents, invited (when a sample frame exists), the response rate in %,
    and the spread of the response over locations (quartiles, in %)."""
    out = []
    for wave, meta in metadata.items():
        invited = meta.get("invited")
        rec = {
            "wave": str(wave),
            "respondents": meta["respondents"],
            "locations": meta["locations"],
        }
        if invited:
            total = sum(invited.values())
            per_loc = cells[(cells["wave"] == str(wave)) & (cells["score"] == OVERALL)].set_index(
                "location"
            )["respondents"].reindex(list(invited)).fillna(0) / pd.Series(invited)
            rec.update(invited=total, rate_pct=100 * meta["respondents"] / total,
                       location_q1_pct=100 * per_loc.quantile(0.25),
                       location_median_pct=100 * per_loc.median(),
                       location_q3_pct=100 * per_loc.quantile(0.75))  # fmt: skip
        out.append(rec)
    columns = ["wave", "respondents", "locations", "invited", "rate_pct", "location_q1_pct",
               "location_median_pct", "location_q3_pct"]  # fmt: skip
    return pd.DataFrame(out, columns=columns)
