"""Figures of the Toonkamer chapter: the forest plot of the differences and the outflow curves."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from analysis.chapters.toonkamer import compute
from analysis.chapters.toonkamer.compute import ALL, Toonkamer
from analysis.chapters.toonkamer.text_labels import GROUP_TITLE, POOLED_NL, horizon
from analysis.core.plotting import empty_figure, plain, report_figure
from analysis.study.toonkamer import CONTROL, HORIZONS, TOONKAMER

COLOURS = {TOONKAMER: "#1f77b4", CONTROL: "#7f7f7f"}
POOLED_COLOUR = "#d62728"


@report_figure
def forest(tk: Toonkamer) -> Figure:
    """Toonkamer − control (pp) per location with Newcombe's interval, and the pooled (MH)
    difference with its interval, one panel per horizon; the dotted line is the source's 7."""
    d, p = compute.differences(tk), compute.pooled(tk)
    locations = list(dict.fromkeys(d["location"]))
    labels = [plain(loc) for loc in locations] + [POOLED_NL]
    fig, axes = plt.subplots(1, len(HORIZONS), figsize=(7.5, 2.8), sharey=True, sharex=True)
    claim = float(tk.claims.loc["ww_mean_higher", "value"])
    for ax, h in zip(axes, HORIZONS, strict=True):
        part = d[d["horizon"] == h].set_index("location").loc[locations]
        y = list(range(len(labels)))[::-1]
        ax.errorbar(
            part["diff"], y[:-1],
            xerr=[part["diff"] - part["lower"], part["upper"] - part["diff"]],
            fmt="o", color=COLOURS[TOONKAMER], markersize=4, capsize=2, linewidth=1,
        )  # fmt: skip
        row = p[p["horizon"] == h].iloc[0]
        ax.errorbar(
            [row["mh"]], [y[-1]], xerr=[[row["mh"] - row["lower"]], [row["upper"] - row["mh"]]],
            fmt="D", color=POOLED_COLOUR, markersize=5, capsize=2, linewidth=1.5,
        )  # fmt: skip
        ax.axvline(0, color="black", linewidth=0.8)
        ax.axvline(claim, color="#555555", linewidth=0.8, linestyle=":")
        ax.set_title(horizon(h))
        ax.set_xlabel("procentpunt")
        ax.grid(axis="x", color="#e0e0e0", linewidth=0.5)
    axes[0].set_yticks(range(len(labels))[::-1], labels)
    axes[0].set_ylim(-0.7, len(labels) - 0.3)
    fig.tight_layout()
    return fig


@report_figure
def outflow_curves(tk: Toonkamer) -> Figure:
    """Kaplan–Meier outflow (1 − S) of the WW clients per group: pooled (top) and per location
    (bottom, with the codes of the data); the published cohort percentages as dots."""
    if not compute.curves(tk):
        return empty_figure("Geen gegevens per klant: geen uitstroomcurven.")
    locations = sorted({loc for (b, _, loc) in compute.curves(tk) if b == "WW" and loc != ALL})
    fig = plt.figure(figsize=(7.5, 5.2))
    grid = fig.add_gridspec(2, max(len(locations), 1), height_ratios=[1.4, 1])
    top = fig.add_subplot(grid[0, :])
    _panel(top, tk, ALL, legend=True)
    top.set_title("Alle locaties samen")
    published = compute.pooled(tk).set_index("horizon")
    for group, column in ((TOONKAMER, "pct_t"), (CONTROL, "pct_c")):
        top.plot(list(HORIZONS), published.loc[list(HORIZONS), column], "o", color=COLOURS[group],
                 markersize=4, markerfacecolor="white")  # fmt: skip
    for i, loc in enumerate(locations):
        ax = fig.add_subplot(grid[1, i], sharey=top)
        _panel(ax, tk, loc, legend=False)
        ax.set_title(plain(loc))
        if i:
            ax.tick_params(labelleft=False)
    fig.tight_layout()
    return fig


def _panel(ax, tk: Toonkamer, location: str, legend: bool) -> None:
    for group in (TOONKAMER, CONTROL):
        curve = compute.curves(tk).get(("WW", group, location))
        if curve is None:
            continue
        colour = COLOURS[group]
        ax.step(curve["time"], 100 * (1 - curve["survival"]), where="post", color=colour,
                label=GROUP_TITLE[group], linewidth=1.2)  # fmt: skip
        ax.fill_between(curve["time"], 100 * (1 - curve["upper"]), 100 * (1 - curve["lower"]),
                        step="post", color=colour, alpha=0.15, linewidth=0)  # fmt: skip
    ax.set_xlim(0, 9)
    ax.set_ylim(0, 100)
    ax.set_xlabel("maanden na instroom")
    ax.set_ylabel("uitgestroomd (%)")
    ax.grid(color="#e0e0e0", linewidth=0.5)
    if legend:
        ax.plot([], [], "o", color="black", markerfacecolor="white", markersize=4,
                label="gepubliceerd, gepoold per termijn")  # fmt: skip
        ax.legend(loc="upper left", frameon=False, fontsize=8)
