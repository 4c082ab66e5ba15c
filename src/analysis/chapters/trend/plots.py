"""Figures of the trend chapter. Each function returns a matplotlib Figure."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from analysis.chapters.trend import compute
from analysis.chapters.trend.locations import band_counts
from analysis.core import scoring
from analysis.core.formatting import signed
from analysis.core.periods import Period
from analysis.core.plotting import (
    UNKNOWN_COLOUR,
    ink,
    legend_below,
    legend_handles,
    plain,
    report_figure,
)

HORIZON = 30  # tertalen (ten years) after the last one: the projection figure ends there
OBSERVED_COLOUR = "#222222"
MODEL_COLOURS = {compute.LINEAR: "#6A3D9A", compute.SATURATING: "#B15928"}
# Phase lines: a sequential palette, so they are not confused with the answer categories.
PHASE_CMAP = "viridis"


def _period_axis(ax, first: Period, t_max: int) -> None:
    """Tick labels 'apr-08' ... at every tertaal, or only at december when there are many."""
    ticks = list(range(t_max + 1))
    if len(ticks) > 12:
        ticks = [t for t in ticks if first.shift(t).is_year_end]
    ax.set_xticks(ticks, [first.shift(t).end_label for t in ticks])
    ax.set_xticks(range(t_max + 1), minor=True)
    ax.set_xlim(-0.4, t_max + 0.4)


def _published_markers(ax, h: compute.History, label: str) -> None:
    """The published Tabel 3 means as red crosses (nothing when none apply)."""
    pub_t, pub_v = _published_series(h)
    if pub_t:
        ax.scatter(
            pub_t, pub_v, marker="x", s=40, color="#D62728", linewidths=1.5, zorder=7, label=label
        )


def _published_series(h: compute.History) -> tuple[list[int], list[float]]:
    """Tabel 3 values from the first to the last tertaal of the history, on its time axis.

    Tertalen missing from the history in between keep their published value.
    """
    points = [
        (p.steps_since(h.first), float(v))
        for p, v in h.tabel3["value"].items()
        if h.first <= p <= h.last
    ]
    return [t for t, _ in points], [v for _, v in points]


@report_figure
def trend_lines(h: compute.History) -> Figure:
    """Mean score per tertaal: the total (with AKO Tabel 3) and each phase.

    Exact means, not truncated; the published Tabel 3 values are shown as crosses. With one
    tertaal the figure shows the points of that tertaal.
    """
    means = h.mean_scores
    means = means.assign(t=[p.steps_since(h.first) for p in means["period"]])
    phases = h.codebook.phases["name_nl"]
    cmap = plt.get_cmap(PHASE_CMAP)
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for i, (phase, name) in enumerate(phases.items()):
        sel = means[means["group"] == phase].dropna(subset=["mean_exact_pct"])
        ax.plot(
            sel["t"],
            sel["mean_exact_pct"],
            marker="o",
            markersize=3.5,
            linewidth=1.2,
            color=cmap(i / max(len(phases) - 1, 1) * 0.9),
            label=plain(f"{phase}. {name}"),
        )
    total = means[means["group"] == compute.TOTAL].dropna(subset=["mean_exact_pct"])
    ax.plot(
        total["t"],
        total["mean_exact_pct"],
        marker="o",
        markersize=5,
        linewidth=2.6,
        color=OBSERVED_COLOUR,
        label="Totaal (berekend)",
        zorder=5,
    )
    _published_markers(ax, h, "Totaal, AKO Tabel 3 (gepubliceerd)")
    last_t = h.last.steps_since(h.first)
    _period_axis(ax, h.first, last_t)
    ax.set_ylim(0, 100)
    ax.set_ylabel("gemiddelde score (%)")
    ax.grid(axis="y", linewidth=0.4, alpha=0.5)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


@report_figure
def projection(h: compute.History) -> Figure | None:
    """Observed means, both fitted trends with their 95 % bands, and their crossings.

    The crossing intervals are drawn as horizontal bars at their target level. None when
    no trend can be fitted (one tertaal).
    """
    fitted = h.fits
    if not fitted:
        return None
    means = h.overall_means.dropna(subset=["mean_exact_pct"])
    last_t = int(means["t"].max())
    limit = last_t + HORIZON
    ends = [last_t + 3]
    for fit in fitted.values():
        for p in fit.crossings:
            for value in (p.t, p.high):
                if value is not None and math.isfinite(value):
                    ends.append(math.ceil(value) + 1)
    t_max = min(max(ends), limit)
    grid = np.linspace(0, t_max, 400)

    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    for target in (95, 99, 100):
        ax.axhline(target, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
    for model, fit in fitted.items():
        colour = MODEL_COLOURS[model]
        values = fit.curve(grid)
        shown = values <= 100.5  # a straight line beyond 100 % means nothing
        if fit.band is not None:
            lo, hi = fit.band(grid)
            ax.fill_between(
                grid,
                lo,
                np.minimum(hi, 104),
                where=lo <= 100,
                color=colour,
                alpha=0.15,
                linewidth=0,
            )
        if model == compute.LINEAR:
            label = f"rechte lijn: {signed(fit.params['b1'], 1)} %-punt per tertaal"
        else:
            label = r"verzadigende curve $100 - (100 - a)\,e^{-kt}$"
        ax.plot(grid[shown], values[shown], color=colour, linewidth=1.6, label=label, zorder=3)
        for p in fit.crossings:
            if p.t is None:
                continue
            y = p.target
            if p.has_interval and math.isfinite(p.low) and p.low != p.high:
                hi = min(p.high, t_max) if math.isfinite(p.high) else t_max
                ax.plot(
                    [max(p.low, 0), hi],
                    [y, y],
                    color=colour,
                    linewidth=4,
                    alpha=0.45,
                    solid_capstyle="butt",
                    zorder=4,
                )
                if not math.isfinite(p.high) or p.high > t_max:
                    ax.annotate(
                        "",
                        xy=(t_max, y),
                        xytext=(t_max - 0.8, y),
                        arrowprops={"arrowstyle": "->", "color": colour},
                    )
            if p.t <= t_max:
                ax.plot([p.t], [y], marker="D", markersize=5, color=colour, zorder=5)
                period = p.period
                ax.annotate(
                    f"{p.target} %: {period.end_label}",
                    (p.t, y),
                    xytext=(4, -11),
                    textcoords="offset points",
                    fontsize=7,
                    color=colour,
                )
    ax.plot(
        means["t"],
        means["mean_exact_pct"],
        "o",
        color=OBSERVED_COLOUR,
        markersize=5,
        label="gemiddelde (berekend, exact)",
        zorder=6,
    )
    _published_markers(ax, h, "AKO Tabel 3 (gepubliceerd)")
    ax.axvline(last_t + 0.5, color="#BBBBBB", linewidth=0.8, zorder=1)
    ax.text(
        last_t + 0.7,
        0.02,
        "projectie →",
        fontsize=7,
        color="#777777",
        transform=ax.get_xaxis_transform(),
    )
    _period_axis(ax, h.first, t_max)
    lowest = min([means["mean_exact_pct"].min(), *_published_series(h)[1]])
    low = float(np.floor(lowest / 10) * 10 - 10)
    ax.set_ylim(max(low, 0), 104)
    ax.set_ylabel("gemiddelde score (%)")
    ax.legend(loc="lower right", frameon=False, fontsize=7.5)
    fig.tight_layout()
    return fig


@report_figure
def distribution(h: compute.History) -> Figure:
    """Left: the Werkpleinen's total scores per tertaal (box plot, mean as diamond).

    Right: the share of Werkpleinen per band of the total score, in the Landkaart colours.
    """
    totals = h.totals
    labels = [p.end_label for p in h.periods]
    data = [[float(s) * 100 for s in totals[p] if s is not None] for p in h.periods]
    width = max(7.5, min(11.0, 4.5 + 0.6 * len(labels)))
    fig, (left, right) = plt.subplots(1, 2, figsize=(width, 3.8))
    left.boxplot(
        data,
        tick_labels=labels,
        widths=0.55,
        showmeans=True,
        patch_artist=True,
        boxprops={"facecolor": "#E8E8E8", "edgecolor": "#555555"},
        medianprops={"color": OBSERVED_COLOUR},
        meanprops={
            "marker": "D",
            "markerfacecolor": "white",
            "markeredgecolor": "black",
            "markersize": 4,
        },
        flierprops={
            "marker": "o",
            "markersize": 3,
            "markerfacecolor": "#555555",
            "markeredgecolor": "none",
        },
    )
    left.set_ylim(0, 102)
    left.set_ylabel("totaalscore Werkplein (%)")
    left.set_title("Totaalscores per tertaal", fontsize=9)
    left.grid(axis="y", linewidth=0.4, alpha=0.5)

    counts = band_counts(h)
    has_unknown = bool(counts[scoring.UNKNOWN].any())
    if not has_unknown:
        counts = counts.drop(columns=scoring.UNKNOWN)
    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    colours = [*h.codebook.colours, UNKNOWN_COLOUR][: shares.shape[1]]
    x = np.arange(len(labels))
    bottom = np.zeros(len(labels))
    codes = [*h.codebook.categories.index, -1][: shares.shape[1]]
    for col, colour, code in zip(shares.columns, colours, codes, strict=True):
        values = shares[col].to_numpy(dtype=float)
        right.bar(
            x, values, bottom=bottom, color=colour, edgecolor="white", linewidth=0.5, width=0.7
        )
        for xi, (b, v) in enumerate(zip(bottom, values, strict=True)):
            if v >= 7:
                right.text(
                    xi, b + v / 2, f"{v:.0f}", ha="center", va="center", fontsize=7, color=ink(code)
                )
        bottom += values
    right.set_xticks(x, labels)
    right.set_xlim(-0.75, len(labels) - 0.25)
    right.set_ylim(0, 100)
    right.set_ylabel("aandeel Werkpleinen (%)")
    right.set_title("Band van de totaalscore", fontsize=9)
    legend_below(fig, legend_handles(h.codebook, has_unknown))
    return fig
