"""Figures of the survey chapter. Each function returns a matplotlib Figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.chapters.enquetes import compute
from analysis.chapters.enquetes.compute import Enquetes
from analysis.chapters.enquetes.text_labels import (
    BENEFIT_NL,
    CONTACT_NL,
    CONTACT_SHORT,
    SCORE_SHORT,
    wave_nl,
)
from analysis.core.formatting import number
from analysis.core.plotting import empty_figure, report_figure
from analysis.ingest.enquetes import OVERALL, SCORES
from analysis.study.waves import Wave

WAVE_COLOURS = ("#8FAADC", "#2E75B6", "#1F3864", "#548235", "#C55A11")
PUBLISHED = "#A50021"
_DUTCH = FuncFormatter(lambda v, _: number(v, 1))


def _colours(waves: list[str]) -> dict[str, str]:
    return {w: WAVE_COLOURS[i % len(WAVE_COLOURS)] for i, w in enumerate(waves)}


def _errorbar(ax, x, frame: pd.DataFrame, colour: str, label: str | None) -> None:
    yerr = np.vstack([frame["mean"] - frame["lower"], frame["upper"] - frame["mean"]])
    ax.errorbar(x, frame["mean"], yerr=yerr, fmt="o", ms=4, color=colour, capsize=2,
                lw=1, label=label)  # fmt: skip


def _published_means(en: Enquetes, statistic: str) -> pd.DataFrame:
    pub = en.published
    return pub[pub["statistic"] == statistic]


@report_figure
def principles_chart(en: Enquetes) -> Figure:
    """Mean per principle (and overall) per wave with its cluster-robust 95 % interval; the
    published means as red dashes."""
    if not en.has_data:
        return empty_figure(f"Geen enquêtegegevens voor {en.period}.")
    means = compute.means(en)
    waves = [str(w) for w in en.waves]
    colours = _colours(waves)
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    width = 0.8 / len(waves)
    pub = _published_means(en, "mean")
    for i, wave in enumerate(waves):
        part = means[means["wave"] == wave].set_index("score").reindex(list(SCORES))
        x = np.arange(len(SCORES)) + (i - (len(waves) - 1) / 2) * width
        _errorbar(ax, x, part, colours[wave], wave_nl(wave))
        p = pub[pub["wave"] == wave].set_index("item")["value"].reindex(list(SCORES))
        ax.scatter(x, p, marker="_", s=120, color=PUBLISHED, zorder=3,
                   label="gepubliceerd (AKO)" if i == len(waves) - 1 else None)  # fmt: skip
    ax.set_xticks(range(len(SCORES)), [SCORE_SHORT[s] for s in SCORES])
    ax.yaxis.set_major_formatter(_DUTCH)
    ax.set_ylabel("gemiddeld oordeel (1–10)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.32), ncol=len(waves) + 1,
              frameon=False, fontsize=8)  # fmt: skip
    fig.tight_layout()
    return fig


@report_figure
def subgroups_chart(en: Enquetes) -> Figure:
    """Overall judgement per wave: with or without a fixed contact person (left), by benefit
    type (right), with cluster-robust 95 % intervals; published values as red dashes."""
    sub = compute.subgroups(en)
    if sub.empty:
        return empty_figure(f"Geen enquêtegegevens voor {en.period}.")
    waves = [str(w) for w in en.waves]
    colours = _colours(waves)
    fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.4), sharey=True,
                             gridspec_kw={"width_ratios": [2, 4]})  # fmt: skip
    pub = _published_means(en, "mean_by_contact")
    for ax, (variable, labels) in zip(axes, (("fixed_contact", CONTACT_NL),
                                             ("benefit", BENEFIT_NL)), strict=True):  # fmt: skip
        groups = list(labels)
        width = 0.8 / len(waves)
        for i, wave in enumerate(waves):
            part = sub[(sub["variable"] == variable) & (sub["wave"] == wave)]
            part = part.set_index("group").reindex(groups)
            x = np.arange(len(groups)) + (i - (len(waves) - 1) / 2) * width
            _errorbar(ax, x, part, colours[wave], wave_nl(wave) if variable == "benefit" else None)
            if variable == "fixed_contact":
                p = pub[pub["wave"] == wave].assign(g=lambda d: (d["group"] == "ja").astype(str))
                p = p.set_index("g")["value"].reindex(groups)
                ax.scatter(x, p, marker="_", s=120, color=PUBLISHED, zorder=3)
        ticks = [CONTACT_SHORT[g] if variable == "fixed_contact" else labels[g] for g in groups]
        ax.set_xticks(range(len(groups)), [t.replace(" ", "\n", 1) for t in ticks])
        ax.set_xlabel("vaste contactpersoon" if variable == "fixed_contact" else "uitkering")
    axes[0].yaxis.set_major_formatter(_DUTCH)
    axes[0].set_ylabel("totale dienstverlening (1–10)")
    axes[1].legend(loc="lower right", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


@report_figure
def payment_chart(en: Enquetes) -> Figure:
    """Overall judgement by days to the first payment (bands), per wave, with cluster-robust
    95 % intervals."""
    _, bands = compute.payment(en)
    if bands.empty:
        return empty_figure(f"Geen betalingsgegevens voor {en.period}.")
    waves = [str(w) for w in en.waves]
    colours = _colours(waves)
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    labels = []
    for i, wave in enumerate(waves):
        part = bands[bands["wave"] == wave].sort_values("band")
        x = part["band"].to_numpy(float) + (i - (len(waves) - 1) / 2) * 0.15
        _errorbar(ax, x, part, colours[wave], wave_nl(wave))
        ax.plot(x, part["mean"], color=colours[wave], lw=0.8)
        labels = [
            f"{f}–{t} dagen" if t < 1000 else f"{f} dagen of meer"
            for f, t in zip(part["from_day"], part["to_day"], strict=True)
        ]
    ax.set_xticks(range(len(labels)), labels)
    ax.yaxis.set_major_formatter(_DUTCH)
    ax.set_ylabel("totale dienstverlening (1–10)")
    ax.set_xlabel("dagen tot de eerste betaling van de uitkering")
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


@report_figure
def locations_chart(en: Enquetes, wave: Wave | None = None) -> Figure:
    """Overall judgement per location in one wave (default: the latest), sorted, with 95 %
    intervals; the national mean and its cluster-robust interval as a band. Locations with
    fewer than 10 respondents are left out."""
    wave = wave or en.latest
    if wave is None:
        return empty_figure(f"Geen enquêtegegevens voor {en.period}.")
    loc = compute.locations(en)
    part = loc[(loc["wave"] == str(wave)) & ~loc["suppressed"]].sort_values("mean")
    national = en.wave_row(compute.means(en), wave, score=OVERALL)
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    x = np.arange(len(part))
    ax.axhspan(national["lower"], national["upper"], color="#BDD7EE", lw=0)
    ax.axhline(national["mean"], color="#1F3864", lw=0.8, label="landelijk gemiddelde")
    yerr = np.vstack([part["mean"] - part["lower"], part["upper"] - part["mean"]])
    ax.errorbar(x, part["mean"], yerr=yerr, fmt="o", ms=2, lw=0.6, color="#404040",
                label="locatie (95 %-interval)")  # fmt: skip
    ax.set_xticks([])
    ax.set_xlabel(f"{len(part)} locaties, van laag naar hoog ({wave_nl(wave)})")
    ax.yaxis.set_major_formatter(_DUTCH)
    ax.set_ylabel("totale dienstverlening (1–10)")
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
