"""Figures of the report, in the Landkaart colours. Each function returns a matplotlib Figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from analysis.core.plotting import legend_below, legend_handles, plain, report_figure
from analysis.study import scoring
from analysis.study.codebook import UNKNOWN_COLOUR, Codebook, ink


@report_figure
def milestone_bars(answers: pd.DataFrame, codebook: Codebook) -> Figure:
    """Stacked horizontal bar per milestone: share of locations per answer category."""
    ordered = codebook.in_ako_order()
    counts = (
        answers.assign(category=answers["category"].astype("float").fillna(-1).astype(int))
        .groupby(["milestone", "category"])
        .size()
        .unstack(fill_value=0)
    )
    counts = counts.reindex(index=ordered["code"], columns=[0, 1, 2, 3, -1], fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    colours = [*codebook.colours, UNKNOWN_COLOUR]
    labels = [plain(f"{row.Index}. {row.short_name_nl}") for row in ordered.itertuples()]

    fig, ax = plt.subplots(figsize=(7.5, 3.9))
    left = np.zeros(len(shares))
    for col, colour in zip(shares.columns, colours, strict=True):
        ax.barh(labels, shares[col], left=left, color=colour, edgecolor="white", linewidth=0.5)
        for y, (x0, w) in enumerate(zip(left, shares[col], strict=True)):
            if w >= 6:
                ax.text(
                    x0 + w / 2, y, f"{w:.0f}", ha="center", va="center", fontsize=7, color=ink(col)
                )
        left += shares[col].to_numpy()
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("aandeel Werkpleinen (%)")
    legend_below(fig, legend_handles(codebook.legend_entries(bool(counts[-1].sum()))))
    return fig


@report_figure
def location_heatmap(
    answers: pd.DataFrame, codebook: Codebook, rule: scoring.ScoringRule
) -> Figure:
    """Location x milestone grid of answers, locations sorted by their total score."""
    grid = answers.pivot(index="location", columns="milestone", values="category")
    grid = grid[codebook.milestone_codes].astype("float")
    totals = scoring.location_scores(answers, rule).map(lambda s: -1 if s is None else float(s))
    order = sorted(grid.index, key=lambda loc: (-totals[loc], loc))
    grid = grid.loc[order]
    values = grid.fillna(-1).to_numpy() + 1  # 0 = blank, 1..4 = categories
    cmap = ListedColormap([UNKNOWN_COLOUR, *codebook.colours])

    fig, ax = plt.subplots(figsize=(7.5, 3.1))
    ax.imshow(values, aspect="auto", cmap=cmap, vmin=0, vmax=4, interpolation="nearest")
    ax.set_xticks(range(len(grid.columns)), [str(int(c[1:])) for c in grid.columns])
    ax.set_xlabel("mijlpaal")
    step = max(1, len(grid) // 15)
    ax.set_yticks(range(0, len(grid), step), [plain(x) for x in grid.index[::step]], fontsize=6)
    ax.set_ylabel("Werkplein (hoogste\ntotaalscore boven)")
    for phase_end in np.cumsum([len(v) for v in codebook.phase_milestones().values()])[:-1]:
        ax.axvline(phase_end - 0.5, color="white", linewidth=2)
    ax.spines[:].set_visible(False)
    legend_below(
        fig, legend_handles(codebook.legend_entries(bool(np.isnan(grid.to_numpy()).any())))
    )
    return fig


@report_figure
def score_histogram(answers: pd.DataFrame, codebook: Codebook, rule: scoring.ScoringRule) -> Figure:
    """Distribution of the locations' total scores: one bar per whole percentage (equal bins),
    coloured by Landkaart band; the 100 % bar lies inside the axis."""
    scores = [rule.pct(s) for s in scoring.location_scores(answers, rule) if s is not None]
    counts = np.bincount(scores, minlength=101)
    fig, ax = plt.subplots(figsize=(7.5, 2.2))
    colours = [codebook.colours[scoring.band(pct, codebook)] for pct in range(101)]
    ax.bar(range(101), counts, width=0.9, color=colours)
    for _, lo, _hi in codebook.bands[1:]:
        ax.axvline(lo - 0.5, color="#9E9E9E", linewidth=0.6, linestyle=":")
    ax.set_xlabel("totaalscore Werkplein (%), per hele procent; stippellijnen: bandgrenzen")
    ax.set_ylabel("aantal Werkpleinen")
    ax.set_xlim(-1, 101.5)
    ax.set_xticks([0, 20, 33, 50, 66, 80, 100])
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig
