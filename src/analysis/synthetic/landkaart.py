"""Seeded, deterministic generator of a synthetic Landkaart export matching published aggregates.

The real per-location exports are not public. This generator builds a location x milestone
matrix of answer categories whose column counts equal AKO Tabel 2 exactly, and then searches
(simulated annealing over swaps inside a column, which keep the column counts) for an
arrangement that also meets every banded count: the phase rows of Tabel 1, the total row and
the §3.4.1 text claims. The result is labelled synthetic in its file name and its sidecar.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from analysis.core import atomic, defaults
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import published
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import DEFAULT_RULE, TOTAL_LABEL, ScoringRule, get_rule

GENERATOR_VERSION = "1"
DEFAULT_SEED = defaults.DEFAULT_SEED
N_LOCATIONS = 125
REHEAT, FLOOR, COOLING, PATIENCE = 3.0, 0.2, 0.9998, 60_000  # annealing schedule


@dataclass(frozen=True)
class BandTarget:
    """`counts[i]` locations have a mean score over `milestones` within whole-% band `bands[i]`."""

    label: str
    milestones: tuple[str, ...]
    bands: tuple[tuple[int, int], ...]
    counts: tuple[int, ...]


def export_name(period: Period) -> str:
    return f"landkaart-{period}-synthetisch.csv"


def location_ids(n: int = N_LOCATIONS) -> list[str]:
    return [f"WP-{i:03d}" for i in range(1, n + 1)]


def targets_2009_t3(codebook: Codebook, paths: Paths | None = None) -> list[BandTarget]:
    """Banded counts the 2009-T3 export must reproduce (Tabel 1 phases, total row, §3.4.1)."""
    cat_bands = tuple((lo, hi) for _, lo, hi in codebook.bands)
    targets = [
        BandTarget(
            TOTAL_LABEL,
            tuple(codebook.milestone_codes),
            cat_bands,
            tuple(published.band_counts("tabel-1", TOTAL_LABEL, codebook, paths)),
        ),
    ]
    for phase, codes in codebook.phase_milestones().items():
        if len(codes) > 1:  # single-milestone phases equal their Tabel 2 column already
            name = codebook.phases.loc[phase, "name_nl"]
            counts = tuple(published.band_counts("tabel-1", name, codebook, paths))
            targets.append(BandTarget(name, tuple(codes), cat_bands, counts))
    claims = published.claims(paths)
    kept = tuple(c for c in codebook.milestone_codes if c not in published.EXCLUDED_IN_CLAIM)
    high, mid = (
        int(claims["excl_m11_m14_locations_85_100"]),
        int(claims["excl_m11_m14_locations_66_84"]),
    )
    n = N_LOCATIONS
    targets.append(
        BandTarget(
            "§3.4.1 zonder M11 en M14",
            kept,
            ((0, 65), (66, 84), (85, 100)),
            (n - high - mid, mid, high),
        )
    )
    return targets


def scaled_weights(rule: ScoringRule) -> tuple[np.ndarray, int]:
    """Integer points per category and the scale D such that points / D are percentages."""
    pct = [w * 100 for w in rule.weights]
    scale = math.lcm(*(Fraction(p).denominator for p in pct))
    return np.array([int(p * scale) for p in pct]), scale


def _sum_bounds(rule: ScoringRule, k: int, scale: int, lo: int, hi: int) -> tuple[int, int]:
    """Smallest and largest point sum over k milestones whose rounded mean lies in [lo, hi] %."""
    unit = k * scale
    if rule.rounding == "floor":
        return unit * lo, unit * (hi + 1) - 1
    return math.ceil(unit * (2 * lo - 1) / 2), math.ceil(unit * (2 * hi + 1) / 2) - 1


class _Objective:
    """Distance of a matrix from the band targets: per target, the sorted location sums must
    fall in the bands in order; the cost is the total shortfall in percentage points.

    Keeps each location's point sum per target, so a swap is evaluated incrementally.
    """

    def __init__(self, targets: Sequence[BandTarget], codes: list[str], rule: ScoringRule):
        self.weights, scale = scaled_weights(rule)
        self.member = np.zeros((len(targets), len(codes)), dtype=np.int64)
        lows, highs, units = [], [], []
        for i, t in enumerate(targets):
            k = len(t.milestones)
            bounds = [_sum_bounds(rule, k, scale, lo, hi) for lo, hi in t.bands]
            order = np.argsort([b[0] for b in bounds], kind="stable")
            lows.append(np.repeat([bounds[o][0] for o in order], [t.counts[o] for o in order]))
            highs.append(np.repeat([bounds[o][1] for o in order], [t.counts[o] for o in order]))
            units.append(k * scale)
            self.member[i, [codes.index(m) for m in t.milestones]] = 1
        self.low, self.high = np.array(lows), np.array(highs)
        self.unit = np.array(units, dtype=float)[:, None]
        self._work = tuple(np.empty_like(self.low) for _ in range(3))
        self._scaled = np.empty(self.low.shape, dtype=float)

    def sums(self, matrix: np.ndarray) -> np.ndarray:
        """Point sum of every location (columns) per target (rows)."""
        return self.member @ self.weights[matrix].T

    def __call__(self, sums: np.ndarray) -> tuple[float, int]:
        """(cost, number of location sums outside their band). Called once per step of the
        search: computed in preallocated arrays, with the arithmetic of
        `sum(max(0, low - sorted, sorted - high) / unit)`."""
        ordered, below, gap = self._work
        ordered[...] = sums
        ordered.sort(axis=1)
        np.subtract(self.low, ordered, out=below)
        np.subtract(ordered, self.high, out=gap)
        np.maximum(below, gap, out=gap)
        np.maximum(gap, 0, out=gap)
        np.divide(gap, self.unit, out=self._scaled)
        return float(np.add.reduce(self._scaled, axis=None)), int(np.count_nonzero(gap))


def solve(
    column_counts: pd.DataFrame,
    targets: Sequence[BandTarget],
    rule: ScoringRule,
    seed: int,
    *,
    attempts: int = 20,
    max_iter: int = 300_000,
    progress: Callable[[str], None] | None = None,
) -> np.ndarray:
    """A locations x milestones matrix of category codes meeting the column counts and targets.

    Deterministic for a given seed: attempt i searches from a random start drawn from
    (seed, i). Raises RuntimeError if no attempt finds an exact solution.
    """
    objective = _Objective(targets, list(column_counts.index), rule)
    for attempt in range(attempts):
        rng = np.random.default_rng([seed, attempt])
        matrix = _anneal(column_counts, objective, rng, max_iter)
        if matrix is not None:
            return matrix
        if progress:
            progress(f"attempt {attempt + 1} found no exact arrangement; restarting")
    raise RuntimeError(f"no exact arrangement found in {attempts} attempts (seed {seed})")


def _anneal(
    column_counts: pd.DataFrame, objective: _Objective, rng: np.random.Generator, max_iter: int
) -> np.ndarray | None:
    """One simulated-annealing run from a random start; None if it does not reach cost 0."""
    codes = list(column_counts.index)
    n = int(column_counts.iloc[0].sum())
    matrix = np.empty((n, len(codes)), dtype=np.int64)
    for j, code in enumerate(codes):
        column = np.repeat(column_counts.columns.to_numpy(), column_counts.loc[code].to_numpy())
        matrix[:, j] = rng.permutation(column)
    sums = objective.sums(matrix)
    cost, misses = objective(sums)
    temperature, since_best, best = REHEAT, 0, cost
    # the search's inner loop in plain Python numbers where numpy's per-call cost would
    # dominate: columns as lists, each milestone's targets as a 0/1 column
    columns = [matrix[:, j].tolist() for j in range(len(codes))]
    weights = objective.weights.tolist()
    members = [objective.member[:, j].copy() for j in range(len(codes))]
    for _ in range(max_iter):
        if misses == 0:
            break
        j = int(rng.integers(len(codes)))
        a, b = int(rng.integers(n)), int(rng.integers(n))  # the draws of integers(n, size=2)
        column = columns[j]
        if column[a] == column[b]:
            continue
        delta = members[j] * (weights[column[b]] - weights[column[a]])
        sums[:, a] += delta
        sums[:, b] -= delta
        new_cost, new_misses = objective(sums)
        if new_cost <= cost or rng.random() < math.exp((cost - new_cost) / temperature):
            cost, misses = new_cost, new_misses
            column[a], column[b] = column[b], column[a]
        else:
            sums[:, a] -= delta
            sums[:, b] += delta
        since_best = 0 if cost < best else since_best + 1
        best = min(best, cost)
        temperature = REHEAT if since_best > PATIENCE else max(FLOOR, temperature * COOLING)
        since_best = 0 if since_best > PATIENCE else since_best
    return None if misses else np.array(columns, dtype=np.int64).T


def to_export(matrix: np.ndarray, codebook: Codebook) -> pd.DataFrame:
    """Wide export frame: `locatie` plus one column per milestone code, Dutch labels as answers."""
    labels = codebook.categories["label_nl"]
    frame = pd.DataFrame(
        {
            code: labels.loc[matrix[:, j]].to_numpy()
            for j, code in enumerate(codebook.milestone_codes)
        }
    )
    frame.insert(0, "locatie", location_ids(len(frame)))
    return frame


def generate_2009_t3(
    paths: Paths | None = None,
    seed: int = DEFAULT_SEED,
    *,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """The synthetic 2009-T3 wide export (not written)."""
    codebook = load_codebook(paths)
    rule = get_rule(DEFAULT_RULE)
    counts = published.milestone_counts(codebook, paths)
    matrix = solve(counts, targets_2009_t3(codebook, paths), rule, seed, progress=progress)
    return to_export(matrix, codebook)


def sidecar(period: Period, seed: int, rule: str, reproduces: list[str]) -> dict[str, object]:
    return {
        "synthetic": True,
        "period": str(period),
        "generator": "analysis.synthetic",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scoring_rule": rule,
        "reproduces": reproduces,
        "note_nl": (
            "Synthetische gegevens: de echte Landkaart-export per Werkplein is niet openbaar. "
            "De neutrale codes WP-001 ... horen niet bij bestaande Werkpleinen."
        ),
    }


def write_export(frame: pd.DataFrame, period: Period, meta: dict[str, object], paths: Paths) -> str:
    """Write the export and its JSON sidecar into data/raw/landkaart/<period>/ (atomically).

    This is the one place code writes under data/raw: the generated file *is* an input.
    """
    folder = paths.landkaart_raw(period)
    target = folder / export_name(period)
    atomic.write_text(target, frame.to_csv(index=False, lineterminator="\n"))
    atomic.write_text(
        target.with_suffix(".json"),
        json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
    )
    return str(target.relative_to(paths.root))


REPRODUCES_2009_T3 = [
    "003_77befd6bc52bd4bb.txt §3.4.1 Tabel 2: counts per milestone",
    "003_77befd6bc52bd4bb.txt §3.4.1 Tabel 1: counts per phase and the total row",
    "003_77befd6bc52bd4bb.txt §3.4.1 text: 55 and 41 locations without milestones 11 and 14",
]
