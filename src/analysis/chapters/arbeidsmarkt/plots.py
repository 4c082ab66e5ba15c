"""Figures of the labour-market chapter. Each function returns a matplotlib Figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter

from analysis.chapters.arbeidsmarkt import compute
from analysis.chapters.arbeidsmarkt.compute import (
    BASE_DATE,
    OUTFLOW_PARTS,
    OUTFLOW_TOTAL,
    TARGET_DATE,
    Arbeidsmarkt,
    series_labels,
    target_path,
    years_since,
)
from analysis.chapters.arbeidsmarkt.text_labels import SHORT_NL, outflow_label, window_nl
from analysis.core.formatting import number, percent
from analysis.core.plotting import empty_figure, plain, report_figure
from analysis.core.values import missing

# A palette apart from the Landkaart's red, orange, blue and green (chapter 1), so that no
# labour-market line reads as an answer category. Every series also has its own marker and
# is labelled at its end, so that the lines can be told apart in greyscale too.
SERIES_COLOURS = {
    "niet_werkende_werkzoekenden": "#5E3C99",  # purple
    "ww_uitkeringen": "#8C510A",  # brown
    "ag_uitkeringen": "#666666",  # grey
    "wwb_uitkeringen_lt65": "#01665E",  # teal
}
SERIES_MARKERS = {
    "niet_werkende_werkzoekenden": "o",
    "ww_uitkeringen": "s",
    "ag_uitkeringen": "^",
    "wwb_uitkeringen_lt65": "D",
}
# Stacked parts: dark, middle and light, apart in greyscale.
PART_COLOURS = {
    "uitstroom_werk_ww": "#543005",  # dark brown
    "uitstroom_werk_wwb": "#35978F",  # teal
    "uitstroom_werk_nug": "#D8D2EC",  # light purple
}
REALISED = "#1F1F1F"
TARGET = "#000000"
TARGET_PATH = "#A6A6A6"  # the linear path: a broad light-grey band, unlike every trend line
WINDOW_COLOURS = ("#C51B7D", "#5E3C99", "#E08214", "#01665E", "#4D4D4D")  # magenta first
WINDOW_STYLES = ((0, (6, 2)), (0, (2, 1.5)), (0, (6, 2, 1, 2)), (0, (1, 1)), (0, (4, 1)))
WINDOW_MARKERS = ("o", "s", "^", "D", "v")
_DUTCH = FuncFormatter(lambda v, _: number(v))


@report_figure
def standcijfers_chart(am: Arbeidsmarkt) -> Figure:
    """Top: the stock series since ultimo 2006. Bottom: their joint decrease (the published
    'Mutatie' row) against the linear path to the 210.000 target, with the trend projection
    to ultimo 2010 and its 95 % prediction interval."""
    table, total = am.table, compute.total(am)
    if total is None:
        return empty_figure(f"Geen standcijfers vanaf ultimo 2006 voor {am.period}.")
    labels = series_labels(am.standcijfers)

    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(7.5, 7.2), sharex=True, gridspec_kw={"height_ratios": [1, 1.15]}
    )
    not_shown = []
    ends = {}
    for series, row in table.iterrows():
        if row.isna().all():
            not_shown.append(plain(SHORT_NL.get(series, labels[series])))
            continue
        colour = SERIES_COLOURS.get(series, "#404040")
        marker = SERIES_MARKERS.get(series, "o")
        top.plot(row.index, row.to_numpy(), marker=marker, ms=3.5, color=colour, lw=1.5)
        last = row.dropna()
        ends[series] = (last.index[-1], float(last.iloc[-1]), colour)
    gap = 0.09 * max(v for _, v, _ in ends.values())  # labels at least a line apart
    placed: list[float] = []
    for series, (date, value, colour) in sorted(ends.items(), key=lambda kv: kv[1][1]):
        y = max([value, *(p + gap for p in placed)])
        placed.append(y)
        top.annotate(
            plain(SHORT_NL.get(series, series)),
            (date, value),
            xytext=(date + pd.Timedelta(days=90), y),
            textcoords="data",
            va="center",
            color=colour,
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6, "shrinkA": 0,
                        "shrinkB": 2},
        )  # fmt: skip
    top.set_ylabel("bestand (× 1.000)")
    top.set_ylim(0, None)
    top.yaxis.set_major_formatter(_DUTCH)
    title = "Standcijfers"
    if not_shown:
        title += f" ({', '.join(not_shown)}: n.b., niet getoond)"
    top.set_title(title, loc="left", fontsize=9)

    path_dates = pd.DatetimeIndex([BASE_DATE, TARGET_DATE])
    bottom.plot(
        path_dates,
        target_path(path_dates, am.target),
        ls="-",
        color=TARGET_PATH,
        lw=3.0,
        alpha=0.8,
        solid_capstyle="butt",
        label=f"lineair doelpad naar {number(am.target)}",
    )
    bottom.plot(TARGET_DATE, am.target, marker="*", color=TARGET, ms=10, ls="none",
                label=f"doelstelling: {number(am.target)} op ultimo 2010")  # fmt: skip
    for i, (start, proj) in enumerate(compute.projections(am).items()):
        colour = WINDOW_COLOURS[i % len(WINDOW_COLOURS)]
        marker = WINDOW_MARKERS[i % len(WINDOW_MARKERS)]
        grid = pd.date_range(start, TARGET_DATE, periods=60)
        mean, lo, hi = proj.interval
        bottom.plot(
            grid, proj.band(years_since(grid))[0], ls=WINDOW_STYLES[i % len(WINDOW_STYLES)],
            color=colour, lw=1.3, marker=marker, markevery=[len(grid) - 1], ms=4.5,
            label=f"trend {window_nl(am, start)}",
        )  # fmt: skip
        at = TARGET_DATE + pd.Timedelta(days=45 + 45 * i)  # side by side after ultimo 2010
        bottom.errorbar(
            [at], [mean], yerr=[[mean - lo], [hi - mean]], fmt=marker, ms=4.5, color=colour,
            elinewidth=1.2, capsize=2.5,
        )  # fmt: skip
    if compute.projections(am):
        bottom.errorbar([], [], yerr=[], fmt="none", ecolor="#777777", elinewidth=1.2,
                        capsize=2.5, label="95 %-voorspellingsinterval ultimo 2010 (symbool "
                        "van de trend)")  # fmt: skip
    bottom.plot(
        total.index,
        total.to_numpy(),
        marker="o",
        ms=4,
        color=REALISED,
        lw=1.8,
        label="afname van de vier bestanden samen (rij 'Mutatie', som van bestanden)",
    )
    bottom.axhline(0, color="#BFBFBF", lw=0.8)
    bottom.set_ylabel("afname t.o.v. ultimo 2006 (× 1.000)")
    bottom.yaxis.set_major_formatter(_DUTCH)
    bottom.legend(loc="lower left", frameon=False, fontsize=7)
    bottom.set_title("Voortgang naar de participatiedoelstelling", loc="left", fontsize=9)
    year_ends = pd.date_range(BASE_DATE, TARGET_DATE, freq="YE")
    bottom.set_xticks(year_ends, [f"ultimo {d.year}" for d in year_ends])
    bottom.set_xlim(BASE_DATE - pd.Timedelta(days=60), TARGET_DATE + pd.Timedelta(days=260))
    top.tick_params(labelbottom=True)
    fig.tight_layout()
    return fig


@report_figure
def uitstroom_chart(am: Arbeidsmarkt) -> Figure:
    """Outflow realisation per category as bars, the target as a marker, % of target beside.

    The total is split into its parts (WW, WWB, niet-uitkeringsgerechtigden) when known.
    """
    uit = am.uitstroom
    if uit.empty:
        return empty_figure(f"Geen uitstroomcijfers voor {am.period}.")
    table = compute.period_outflow(am)
    rows = [s for s in table.index if s not in OUTFLOW_PARTS]
    parts = [p for p in OUTFLOW_PARTS if p in table.index]

    fig, ax = plt.subplots(figsize=(7.5, 0.75 * len(rows) + 1.2))
    xmax = float(np.nanmax(table[["streefwaarde", "realisatie"]].to_numpy(dtype=float)))
    for y, series in enumerate(rows):
        real = table.loc[series, "realisatie"]
        if series == OUTFLOW_TOTAL and parts:
            left = 0.0
            for p in parts:
                width = float(table.loc[p, "realisatie"])
                ax.barh(
                    y, width, left=left, color=PART_COLOURS.get(p, "#BFBFBF"), height=0.6,
                    label=plain(outflow_label(p, table.loc[p, "row_label"])),
                )  # fmt: skip
                left += width
        elif not missing(real):
            ax.barh(y, float(real), color="#595959", height=0.6)
        target = table.loc[series, "streefwaarde"]
        if not missing(target):
            ax.plot([target, target], [y - 0.42, y + 0.42], color=TARGET, lw=2.2,
                    path_effects=[withStroke(linewidth=4, foreground="white")])  # fmt: skip
        pct = table.loc[series, "pct"]
        text = "geen streefwaarde" if pct is None else f"{percent(pct, 1)} van streefwaarde"
        end = np.nanmax([float(real), np.nan if missing(target) else float(target)])
        ax.text(end + xmax * 0.015, y, text, va="center", fontsize=8)
    ax.plot([], [], color=TARGET, lw=2.2, label="streefwaarde")
    ax.set_yticks(range(len(rows)), [plain(table.loc[s, "row_label"]) for s in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, xmax * 1.32)
    ax.xaxis.set_major_formatter(_DUTCH)
    ax.set_xlabel("personen")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, frameon=False, fontsize=7.5)
    fig.tight_layout()
    return fig
