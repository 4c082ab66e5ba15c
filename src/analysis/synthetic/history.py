"""Synthetic Landkaart history 2008-T1 ... 2009-T2, walked back from the 2009-T3 export.

Each earlier tertaal is made from the next one by undoing progress: random answers step one
category down (at most one step per cell per tertaal) until the period's mean equals AKO
Tabel 3 under the report's scoring rule, and a few answers step up instead (forward in time
these are setbacks). On top, the §3.4.1 text claims are built in:

- 2009-T2 has 23 locations with milestone 8 (LWI-MT portefeuille verdeling) at 'niet'
  (2009-T3: 12);
- 2009-T2 has 3 all-green locations, so 2009-T3's 12 are "+9 since the 2nd tertaal";
- 120 locations (96 %) made progress in 2009: their total score in 2009-T3 is higher than in
  2008-T3. The other 5 stand still over 2009, one of them with a net setback.

The counts come from data/raw/published (Tabel 1, Tabel 3 and the claims), not from code.

Everything is drawn from one seeded numpy Generator per period, so the files are
reproducible; they are labelled synthetic like the 2009-T3 export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import published
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import (
    DEFAULT_RULE,
    PORTFOLIO_MILESTONE,
    TOTAL_LABEL,
    ScoringRule,
    get_rule,
)
from analysis.synthetic import landkaart as synthetic

LAST = published.PUBLISHED_PERIOD  # walked back from the published report's period
FIRST = Period(2008, 1)
SETBACK_SHARE = 0.012  # share of answers per tertaal that were higher in the tertaal before
VOLLEDIG, NIET = 3, 0


@dataclass(frozen=True)
class StepTargets:
    """What one walked-back period must show."""

    period: Period
    mean_pct: int
    portfolio_niet: int | None = None  # locations with M08 'niet'
    all_green: int | None = None  # locations with all 14 milestones 'volledig'


def step_targets(paths: Paths | None = None) -> list[StepTargets]:
    """Targets for 2009-T2 back to 2008-T1, from Tabel 3 and the §3.4.1 claims."""
    tabel3 = published.load_table(f"{published.AKO_2009_T3}-tabel-3", paths)
    tabel3 = tabel3.set_index("period")["value"]
    claims = published.claims(paths)
    green_last = published.band_counts("tabel-1", TOTAL_LABEL, load_codebook(paths), paths)[-1]
    green_t2 = green_last - int(claims["green_locations_increase_since_2009_T2"])
    t2 = str(LAST.previous())
    targets = []
    period = LAST.previous()
    while period >= FIRST:
        name = str(period)
        targets.append(
            StepTargets(
                period,
                int(tabel3[name]),
                int(claims["without_portfolio_division_2009_T2"]) if name == t2 else None,
                green_t2 if name == t2 else None,
            )
        )
        period = period.previous()
    return targets


def _points(rule: ScoringRule) -> np.ndarray:
    points, scale = synthetic.scaled_weights(rule)
    if scale != 1:
        raise ValueError(f"rule {rule.name} has non-integer percentage points")
    return points


class _Walk:
    """Walks a matrix back one tertaal at a time."""

    def __init__(
        self, last: np.ndarray, codes: list[str], rule: ScoringRule, seed: int, stagnant: int
    ):
        self.codes = codes
        self.points = _points(rule)
        self.rng = np.random.default_rng([seed, 2009])
        self.last = last
        rows = np.flatnonzero((last < VOLLEDIG).any(axis=1))
        self.stagnant = np.sort(self.rng.choice(rows, size=stagnant, replace=False))

    def step(self, nxt: np.ndarray, target: StepTargets, in_2009: bool, closes_2009: bool):
        n, m = nxt.shape
        cur = nxt.copy()
        frozen = np.zeros((n, m), dtype=bool)
        if in_2009:
            frozen[self.stagnant] = True
        port = self.codes.index(PORTFOLIO_MILESTONE)
        if target.portfolio_niet is not None:  # only exact transitions decide M08 'niet'
            need = target.portfolio_niet - int((nxt[:, port] == NIET).sum())
            ones = np.flatnonzero((nxt[:, port] == 1) & ~frozen[:, port])
            cur[self.rng.choice(ones, size=need, replace=False), port] = NIET
            frozen[:, port] = True
        if target.all_green is not None:
            green = np.flatnonzero((nxt == VOLLEDIG).all(axis=1))
            keep = self.rng.choice(green, size=target.all_green, replace=False)
            frozen[keep] = True
            for row in np.setdiff1d(green, keep):  # break the others: one answer lower
                col = self.rng.choice(np.flatnonzero(~frozen[row]))
                cur[row, col] -= 1
                frozen[row, col] = True
        if closes_2009:  # 2008-T3: one stagnant location was higher before 2009 (a setback)
            row = self.stagnant[0]
            col = self.rng.choice(np.flatnonzero(self.last[row] < VOLLEDIG))
            cur[row, col] = self.last[row, col] + 1
        self._setbacks(cur, frozen, allow_green=target.all_green is None)
        if closes_2009:  # every other location must have progressed over 2009
            for row in np.setdiff1d(np.arange(n), self.stagnant):
                if self._total(cur[row]) >= self._total(self.last[row]):
                    col = self.rng.choice(np.flatnonzero((cur[row] > 0) & ~frozen[row]))
                    cur[row, col] -= 1
                    frozen[row, col] = True
        self._undo_progress(cur, frozen, target.mean_pct)
        return cur

    def _total(self, row: np.ndarray) -> int:
        return int(self.points[row].sum())

    def _setbacks(self, cur: np.ndarray, frozen: np.ndarray, allow_green: bool) -> None:
        cells = np.argwhere((cur < VOLLEDIG) & ~frozen)
        k = round(SETBACK_SHARE * cur.size)
        for r, c in cells[self.rng.choice(len(cells), size=k, replace=False)]:
            cur[r, c] += 1
            if not allow_green and (cur[r] == VOLLEDIG).all():
                cur[r, c] -= 1
                continue
            frozen[r, c] = True

    def _undo_progress(self, cur: np.ndarray, frozen: np.ndarray, mean_pct: int) -> None:
        """Step random answers one category down until the mean is `mean_pct` (truncated)."""
        cells = cur.size
        goal = cells * mean_pct + cells // 2  # the middle of [mean_pct, mean_pct + 1) %
        total = int(self.points[cur].sum())
        order = np.argwhere((cur > 0) & ~frozen)
        for r, c in order[self.rng.permutation(len(order))]:
            if total <= goal:
                break
            total -= int(self.points[cur[r, c]] - self.points[cur[r, c] - 1])
            cur[r, c] -= 1
        if not cells * mean_pct <= total < cells * (mean_pct + 1):
            raise RuntimeError(f"cannot reach a mean of {mean_pct} %: only {total / cells:.2f} %")


def walk_back(
    last: pd.DataFrame,
    codebook: Codebook,
    paths: Paths | None = None,
    seed: int = synthetic.DEFAULT_SEED,
    rule: ScoringRule | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[Period, pd.DataFrame]:
    """Wide exports for 2009-T2 back to 2008-T1 from the 2009-T3 wide export `last`."""
    codes = codebook.milestone_codes
    label_to_code = {label: code for code, label in codebook.categories["label_nl"].items()}
    matrix = last[codes].apply(lambda col: col.map(label_to_code)).to_numpy(dtype=np.int64)
    stagnant = len(matrix) - int(published.claims(paths)["progressed_locations_2009"])
    walk = _Walk(matrix, codes, rule or get_rule(DEFAULT_RULE), seed, stagnant)
    out, nxt = {}, matrix
    year_before = Period.year_end(LAST.year - 1)  # the base of 'progress in 2009'
    for target in step_targets(paths):
        in_2009 = target.period.year == LAST.year or target.period == year_before
        nxt = walk.step(nxt, target, in_2009, closes_2009=target.period == year_before)
        frame = synthetic.to_export(nxt, codebook)
        frame["locatie"] = last["locatie"].to_numpy()
        out[target.period] = frame
        if progress:
            progress(f"{target.period}: mean {target.mean_pct} %")
    return out


def generate(
    paths: Paths | None = None,
    seed: int = synthetic.DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
) -> dict[Period, pd.DataFrame]:
    """The synthetic history, walked back from the committed 2009-T3 export."""
    paths = paths or Paths()
    last = pd.read_csv(paths.landkaart_raw(LAST) / synthetic.export_name(LAST), dtype=str)
    return walk_back(last, load_codebook(paths), paths, seed, progress=progress)


REPRODUCES_HISTORY = [
    "003_77befd6bc52bd4bb.txt §3.4.1 Tabel 3: mean score of the period (truncated)",
    "003_77befd6bc52bd4bb.txt §3.4.1 text: 23 -> 12 locations without portfolio division "
    "(2009-T2 -> 2009-T3), +9 green locations since 2009-T2, 120 locations (96 %) progressed "
    "in 2009 (total score 2009-T3 > 2008-T3)",
]
