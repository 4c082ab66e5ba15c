"""Figures of the trend chapter. Each function returns a matplotlib Figure."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.chapters.trend import compute
from analysis.core.formatting import signed
from analysis.core.periods import Period
from analysis.core.plotting import legend_below, plain, report_figure
from analysis.study import scoring
from analysis.study.codebook import UNKNOWN_COLOUR, hatch, ink

HORIZON = 30  # tertalen (ten years) after the last one: the projection figure ends there
OBSERVED_COLOUR = "#222222"
MODEL_COLOURS = {compute.LINEAR: "#6A3D9A", compute.SATURATING: "#B15928"}
# Phase lines: a sequential palette, so they are not confused with the answer categories,
# and a marker of their own, so they can be told apart in greyscale too.
PHASE_CMAP = "viridis"
PHASE_MARKERS = ("s", "^", "v", "D", "P", "X")
PUBLISHED_COLOUR = "#D62728"
BAND_NAME = "95 %-betrouwbaarheidsband"
MOMENT_NAME = "95 %-betrouwbaarheidsinterval van het moment"
SERIES_STYLE = {
    compute.PUBLISHED: {
        "marker": "x", "markersize": 6, "color": PUBLISHED_COLOUR, "markeredgewidth": 1.5,
        "label": "AKO Tabel 3 (midden van het afkapinterval)",
    },
    compute.COMPUTED: {
        "marker": "o", "markersize": 5, "color": OBSERVED_COLOUR,
        "label": "gemiddelde (echte antwoorden, exact)",
    },
}  # fmt: skip
POLICY_SHORT = {"ako_2009": "doel AKO", "iwi_2010": "IWI: 1 januari 2010", "ako_2010": "AKO §4.1"}


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
            pub_t,
            pub_v,
            marker="x",
            s=40,
            color=PUBLISHED_COLOUR,
            linewidths=1.5,
            zorder=7,
            label=label,
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
            marker=PHASE_MARKERS[i % len(PHASE_MARKERS)],
            markersize=4,
            linewidth=1.2,
            color=cmap(0.12 + i / max(len(phases) - 1, 1) * 0.78),
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
        label="Totaal (berekend, synthetisch)" if h.synthetic else "Totaal (berekend)",
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


def _year_axis(ax, first: Period, t_max: int) -> None:
    """Major ticks at each year end, labelled with the year; minor ticks at every tertaal."""
    ends = [t for t in range(t_max + 1) if first.shift(t).is_year_end]
    ax.set_xticks(ends, [str(first.shift(t).year) for t in ends])
    ax.set_xticks(range(t_max + 1), minor=True)
    ax.set_xlim(-0.4, t_max + 0.4)
    ax.set_xlabel("eind van het jaar (kleine streepjes: tertalen)")


def _draw_fit(ax, fit, grid: np.ndarray, colour: str, main: bool) -> None:
    """One fitted trend: its band (main only, cut at 100 %) and its curve up to 100 %."""
    values = fit.curve(grid)
    shown = values <= 100.0  # a straight line beyond 100 % means nothing: cut there
    name = "rechte lijn" if fit.model == compute.LINEAR else "verzadigende curve"
    if main and fit.band is not None:
        lo, hi = fit.band(grid)
        ax.fill_between(
            grid, np.minimum(lo, 100), np.minimum(hi, 100), where=lo < 100, color=colour,
            alpha=0.15, linewidth=0, label=f"{BAND_NAME}, {name}",
        )  # fmt: skip
    if main:
        if fit.model == compute.LINEAR:
            label = f"rechte lijn: {signed(fit.params['b1'], 1)} procentpunt per tertaal"
        else:
            label = r"verzadigende curve $100 - (100 - a)\,e^{-kt}$"
        ax.plot(grid[shown], values[shown], color=colour, linewidth=1.6, label=label, zorder=3)
    else:
        ax.plot(
            grid[shown], values[shown], color=colour, linewidth=0.9, linestyle="--", alpha=0.8,
            label=f"{name} door de synthetische gemiddelden", zorder=2,
        )  # fmt: skip


def _draw_crossings(ax, fit, t_max: int, colour: str) -> None:
    """Each crossing: the interval of its moment as a bar at the target, the point, a label."""
    for p in fit.crossings:
        if p.t is None:
            continue
        y = p.target
        if p.has_interval and math.isfinite(p.low) and p.low != p.high:
            hi = min(p.high, t_max) if math.isfinite(p.high) else t_max
            ax.plot(
                [max(p.low, 0), hi], [y, y], color=colour, linewidth=4, alpha=0.45,
                solid_capstyle="butt", zorder=4,
            )  # fmt: skip
            if not math.isfinite(p.high) or p.high > t_max:
                ax.annotate(
                    "", xy=(t_max, y), xytext=(t_max - 0.8, y),
                    arrowprops={"arrowstyle": "->", "color": colour},
                )  # fmt: skip
        if p.t <= t_max:
            ax.plot([p.t], [y], marker="D", markersize=5, color=colour, zorder=5)
            ax.annotate(
                f"{p.target} %: {p.period.label_nl}", (p.t, y), xytext=(4, -11),
                textcoords="offset points", fontsize=7, color=colour,
            )  # fmt: skip


@report_figure
def projection(h: compute.History) -> Figure | None:
    """The real series with both fitted trends, their 95 % confidence bands and the 95 %
    confidence interval of each crossing (a bar at its target); the trends through the
    synthetic means as dashed lines for comparison; the policy dates as vertical lines.
    None when no trend can be fitted."""
    fitted = compute.fits(h)
    if not fitted:
        return None
    series = h.real_series
    last_t = h.last.steps_since(h.first)
    ends = [last_t + 3]
    for fit in fitted.values():
        for p in fit.crossings:
            for value in (p.t, p.high):
                if value is not None and math.isfinite(value):
                    ends.append(math.ceil(value) + 1)
    t_max = min(max(ends), last_t + HORIZON)
    grid = np.linspace(0, t_max, 400)

    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for target in (95, 99, 100):
        ax.axhline(target, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
    for fit in compute.comparison_fits(h).values():
        _draw_fit(ax, fit, grid, MODEL_COLOURS[fit.model], main=False)
    for fit in fitted.values():
        _draw_fit(ax, fit, grid, MODEL_COLOURS[fit.model], main=True)
        _draw_crossings(ax, fit, t_max, MODEL_COLOURS[fit.model])
    ax.plot([], [], color="#777777", linewidth=4, alpha=0.45, label=MOMENT_NAME)
    if compute.comparison_fits(h):
        means = h.overall_means.dropna(subset=["mean_exact_pct"])
        ax.plot(
            means["t"], means["mean_exact_pct"], "o", color="#999999", markersize=3.5,
            label="synthetische gemiddelden (vergelijking)", zorder=6,
        )  # fmt: skip
    for source, style in SERIES_STYLE.items():
        sel = series[series["source"] == source]
        if len(sel):
            ax.plot(sel["t"], sel["value_pct"], zorder=7, linestyle="none", **style)
    for period, name in _policy_marks(h, t_max):
        t = period.steps_since(h.first)
        ax.axvline(t, color="#444444", linewidth=0.8, linestyle="-.", zorder=1)
        ax.text(
            t + 0.15, 0.03, name, fontsize=6.5, color="#444444", rotation=90,
            transform=ax.get_xaxis_transform(), va="bottom",
        )  # fmt: skip
    _year_axis(ax, h.first, t_max)
    low = float(np.floor(series["value_pct"].min() / 10) * 10 - 10)
    ax.set_ylim(max(low, 0), 103)
    ax.set_ylabel("gemiddelde score (%)")
    ax.legend(loc="lower right", frameon=False, fontsize=6.5)
    fig.tight_layout()
    return fig


def _policy_marks(h: compute.History, t_max: int) -> list[tuple[Period, str]]:
    """The policy dates inside the figure, each with a short label."""
    marks = {}
    for key, period in compute.POLICY_DATES.items():
        if 0 <= period.steps_since(h.first) <= t_max:
            marks.setdefault(period, []).append(POLICY_SHORT[key])
    return [(p, " en ".join(names)) for p, names in sorted(marks.items())]


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

    counts = compute.band_counts(h)
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
            x, values, bottom=bottom, color=colour, edgecolor="white", linewidth=0.5, width=0.7,
            hatch=hatch(code),
        )  # fmt: skip
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
    handles = [
        Patch(facecolor=colour, edgecolor="white", hatch=hatch(code), label=plain(label))
        for (label, colour), code in zip(h.codebook.legend_entries(has_unknown), codes,
                                         strict=True)
    ]  # fmt: skip
    legend_below(fig, handles)
    return fig
