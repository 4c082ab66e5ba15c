"""Figures of the Toonkamer chapter: the forest plot of the differences and the outflow curves."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from analysis.chapters.toonkamer import compute
from analysis.chapters.toonkamer.compute import ALL, Toonkamer
from analysis.chapters.toonkamer.text_labels import (
    GROUP_TITLE,
    NOT_NEEDED_NL,
    POOLED_NL,
    RANDOM_NL,
    horizon,
)
from analysis.core.plotting import empty_figure, plain, report_figure
from analysis.study.toonkamer import CONTROL, HORIZONS, TOONKAMER

# Toonkamer dark blue and control mid grey, solid and dashed: apart in greyscale too.
COLOURS = {TOONKAMER: "#1F4E99", CONTROL: "#8C8C8C"}
STYLES = {TOONKAMER: "-", CONTROL: "--"}
POOLED_COLOUR = "#C0392B"  # Mantel–Haenszel: red diamond
RANDOM_COLOUR = "#000000"  # random effects: open black square


@report_figure
def forest(tk: Toonkamer) -> Figure:
    """Toonkamer − control (pp) per location with Newcombe's interval, the pooled (MH)
    difference and, where the locations differ beyond chance (Cochran's Q), the random-effects
    difference, each with its interval; one panel per horizon; the dotted line is the source's
    7."""
    d, p = compute.differences(tk), compute.pooled(tk)
    locations = list(dict.fromkeys(d["location"]))
    labels = [plain(loc) for loc in locations] + [POOLED_NL, RANDOM_NL]
    fig, axes = plt.subplots(1, len(HORIZONS), figsize=(7.5, 3.0), sharey=True, sharex=True)
    claim = float(tk.claims.loc["ww_mean_higher", "value"])
    y = list(range(len(labels)))[::-1]
    for ax, h in zip(axes, HORIZONS, strict=True):
        part = d[d["horizon"] == h].set_index("location").loc[locations]
        ax.errorbar(
            part["diff"], y[: len(locations)],
            xerr=[part["diff"] - part["lower"], part["upper"] - part["diff"]],
            fmt="o", color=COLOURS[TOONKAMER], markersize=4, capsize=2, linewidth=1,
        )  # fmt: skip
        row = p[p["horizon"] == h].iloc[0]
        ax.errorbar(
            [row["mh"]], [y[-2]], xerr=[[row["mh"] - row["lower"]], [row["upper"] - row["mh"]]],
            fmt="D", color=POOLED_COLOUR, markersize=5, capsize=2, linewidth=1.5,
        )  # fmt: skip
        if row["heterogeneous"]:
            ax.errorbar(
                [row["re"]], [y[-1]],
                xerr=[[row["re"] - row["re_lower"]], [row["re_upper"] - row["re"]]],
                fmt="s", color=RANDOM_COLOUR, markerfacecolor="white", markersize=5,
                capsize=2, linewidth=1.5,
            )  # fmt: skip
        else:
            ax.text(0, y[-1], NOT_NEEDED_NL, ha="center", va="center", fontsize=7,
                    color="#555555")  # fmt: skip
        ax.axvline(0, color="black", linewidth=0.8)
        ax.axvline(claim, color="#555555", linewidth=0.8, linestyle=":")
        ax.set_title(horizon(h))
        ax.set_xlabel("procentpunt")
        ax.grid(axis="x", color="#e0e0e0", linewidth=0.5)
    axes[0].set_yticks(y, labels)
    axes[0].set_ylim(-0.7, len(labels) - 0.3)
    fig.tight_layout()
    return fig


@report_figure
def outflow_curves(tk: Toonkamer) -> Figure:
    """Kaplan–Meier outflow (1 − S) of the WW clients per group, the locations pooled, up to
    the longest published horizon; the published pooled cohort percentages as open dots."""
    if not compute.curves(tk):
        return empty_figure("Geen gegevens per klant: geen uitstroomcurven.")
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    for group in (TOONKAMER, CONTROL):
        curve = compute.curves(tk).get(("WW", group, ALL))
        if curve is None:
            continue
        colour = COLOURS[group]
        ax.step(curve["time"], 100 * (1 - curve["survival"]), where="post", color=colour,
                linestyle=STYLES[group], label=GROUP_TITLE[group], linewidth=1.4)  # fmt: skip
        ax.fill_between(curve["time"], 100 * (1 - curve["upper"]), 100 * (1 - curve["lower"]),
                        step="post", color=colour, alpha=0.15, linewidth=0)  # fmt: skip
    published = compute.pooled(tk).set_index("horizon")
    for group, column in ((TOONKAMER, "pct_t"), (CONTROL, "pct_c")):
        ax.plot(list(HORIZONS), published.loc[list(HORIZONS), column], "o", color=COLOURS[group],
                markersize=5, markerfacecolor="white")  # fmt: skip
    ax.plot([], [], "o", color="black", markerfacecolor="white", markersize=5,
            label="gepubliceerd, vier locaties samen per termijn")  # fmt: skip
    ax.set_xlim(0, max(HORIZONS))
    ax.set_ylim(0, 100)
    ax.set_xlabel("maanden na instroom")
    ax.set_ylabel("uitgestroomd (%)")
    ax.grid(color="#e0e0e0", linewidth=0.5)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
