"""The SUWI-Landkaart codebook (phases, milestones, answer categories) from data/raw/codebook."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache, cached_property
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.inputs import buffered

UNKNOWN_LABEL = "onbekend"  # a blank answer (`scoring.UNKNOWN`)
UNKNOWN_COLOUR = "#BDBDBD"


def ink(category: int) -> str:
    """Text colour readable on a category's bar (-1: unknown): white on the dark red and blue,
    black on the light orange, green and grey (categories.csv: the four colours differ in
    lightness too, so that they stay apart in greyscale)."""
    return "white" if category in (0, 2) else "black"


def hatch(category: int) -> str:
    """A hatch pattern per category (-1: unknown): 'niet' (red) and 'gedeeltelijk' (blue)
    differ from 'volledig' (green) in pattern as well as in lightness (categories.csv)."""
    return {0: "xx", 2: "//"}.get(category, "")


@dataclass(frozen=True)
class Codebook:
    phases: pd.DataFrame  # index phase: name_nl
    milestones: pd.DataFrame  # index milestone: code, phase, ako_table_order, short_name_nl, ...
    categories: pd.DataFrame  # index code 0..3: label_nl, colour_nl, hex, band_min_pct, points

    @property
    def milestone_codes(self) -> list[str]:
        return list(self.milestones["code"])

    @property
    def category_labels(self) -> list[str]:
        return list(self.categories["label_nl"])

    @property
    def colours(self) -> list[str]:
        return list(self.categories["hex"])

    def legend_entries(self, with_unknown: bool) -> list[tuple[str, str]]:
        """(label, colour) per answer category, in Landkaart colours ('onbekend' if wanted)."""
        entries = [
            (f"{row.label_nl} ({row.colour_nl})", row.hex) for row in self.categories.itertuples()
        ]
        return entries + ([(UNKNOWN_LABEL, UNKNOWN_COLOUR)] if with_unknown else [])

    @cached_property
    def bands(self) -> tuple[tuple[int, int, int], ...]:
        """(category code, band_min_pct, band_max_pct) per category."""
        cats = self.categories
        return tuple(
            (int(code), int(lo), int(hi))
            for code, lo, hi in zip(
                cats.index, cats["band_min_pct"], cats["band_max_pct"], strict=True
            )
        )

    def phase_milestones(self) -> dict[int, list[str]]:
        """Milestone codes per phase, in milestone order."""
        return {p: list(g["code"]) for p, g in self.milestones.groupby("phase", sort=True)}

    def in_ako_order(self) -> pd.DataFrame:
        """Milestones in the row order of the AKO tables (seed 003, Tabel 2)."""
        return self.milestones.sort_values("ako_table_order")


@cache
def _load(folder: Path) -> Codebook:
    phases = pd.read_csv(buffered(folder / "phases.csv"), index_col="phase")
    milestones = pd.read_csv(buffered(folder / "milestones.csv"), index_col="milestone")
    categories = pd.read_csv(buffered(folder / "categories.csv"), index_col="code",
                             dtype={"points": str})  # fmt: skip
    categories["points"] = categories["points"].map(Fraction)
    return Codebook(phases=phases, milestones=milestones, categories=categories)


def load_codebook(paths: Paths | None = None) -> Codebook:
    """Read the codebook CSVs (cached per folder)."""
    return _load((paths or Paths()).codebook)
