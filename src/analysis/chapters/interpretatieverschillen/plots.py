"""Figures of the interpretation-gap chapter. Each function returns a matplotlib Figure.

Locations appear only under their neutral codes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.chapters.interpretatieverschillen import compute
from analysis.chapters.interpretatieverschillen.compute import Inspection
from analysis.core.formatting import MINUS
from analysis.core.plotting import legend_below, plain, report_figure
from analysis.study.codebook import UNKNOWN_COLOUR

# self - inspection from -3 to +3: blues below (self lower), white equal, reds above
DIVERGING = ["#08519C", "#4292C6", "#C6DBEF", "#FFFFFF", "#FCBBA1", "#EF3B2C", "#99000D"]
OVER, UNDER = "#CB181D", "#2171B5"


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"{MINUS}{-value}" if value < 0 else "0"


@report_figure
def difference_heatmap(ins: Inspection) -> Figure:
    """Location x milestone grid of self - inspection in categories (grey: no pair)."""
    done = ins.complete.assign(diff=ins.complete["own"] - ins.complete["judged"])
    grid = done.pivot(index="location", columns="milestone", values="diff")
    grid = grid.reindex(index=ins.locations, columns=ins.codebook.milestone_codes)
    values = grid.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(7.5, 0.22 * len(grid) + 1.3))
    cmap = ListedColormap(DIVERGING).with_extremes(bad=UNKNOWN_COLOUR)
    ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap, vmin=-3.5, vmax=3.5,
              interpolation="nearest")  # fmt: skip
    for (i, j), value in np.ndenumerate(values):
        if not np.isnan(value) and value != 0:
            ax.text(j, i, _signed(int(value)), ha="center", va="center", fontsize=7,
                    color="white" if abs(value) >= 2 else "black")  # fmt: skip
    ax.set_xticks(range(len(grid.columns)), [str(int(c[1:])) for c in grid.columns])
    ax.set_yticks(range(len(grid)), [plain(x) for x in grid.index], fontsize=7)
    ax.set_xlabel("mijlpaal")
    ax.set_ylabel("Werkplein")
    for phase_end in np.cumsum([len(v) for v in ins.codebook.phase_milestones().values()])[:-1]:
        ax.axvline(phase_end - 0.5, color="#555555", linewidth=0.8)
    ax.spines[:].set_visible(False)
    handles = [
        Patch(facecolor=DIVERGING[4], label="zelf 1 categorie hoger"),
        Patch(facecolor=DIVERGING[5], label="2 hoger"),
        Patch(facecolor=DIVERGING[2], label="zelf 1 categorie lager"),
        Patch(facecolor=DIVERGING[1], label="2 lager"),
        Patch(facecolor="white", edgecolor="#999999", label="gelijk"),
    ]
    if np.isnan(values).any():
        handles.append(Patch(facecolor=UNKNOWN_COLOUR, label="geen paar"))
    legend_below(fig, handles)
    return fig


@report_figure
def milestone_bars(ins: Inspection) -> Figure:
    """Diverging bars per milestone: share of Werkpleinen over-claiming (right) and
    under-claiming (left), ranked by the net share."""
    frame = compute.milestone_frame(ins)
    frame = frame[frame["n"] > 0].assign(net=lambda f: f["over_share"] - f["under_share"])
    frame = frame.sort_values(["net", "over_share"], ascending=True, kind="stable")
    names = ins.codebook.milestones.set_index("code")["short_name_nl"]
    labels = [plain(f"{int(m[1:])}. {names[m]}") for m in frame["milestone"]]
    fig, ax = plt.subplots(figsize=(7.5, 0.24 * len(frame) + 1.2))
    y = np.arange(len(frame))
    over = 100 * frame["over_share"].to_numpy(dtype=float)
    under = 100 * frame["under_share"].to_numpy(dtype=float)
    ax.barh(y, over, color=OVER, label="zelfbeoordeling hoger dan inspectie")
    ax.barh(y, -under, color=UNDER, label="zelfbeoordeling lager dan inspectie")
    for yi, (o, u) in enumerate(zip(over, under, strict=True)):
        if o:
            ax.text(o + 1, yi, f"{o:.0f}", va="center", fontsize=7)
        if u:
            ax.text(-u - 1, yi, f"{u:.0f}", va="center", ha="right", fontsize=7)
    ax.set_yticks(y, labels, fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    limit = max(10.0, float(max(over.max(initial=0), under.max(initial=0)))) + 10
    ax.set_xlim(-limit, limit)
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [f"{abs(t):.0f}" for t in ticks])
    ax.set_xlim(-limit, limit)
    ax.set_xlabel("aandeel Werkpleinen (%): links lager, rechts hoger ingeschat")
    handles, names_ = ax.get_legend_handles_labels()
    fig.legend(handles, names_, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig
