"""Do the chapter's conclusions hold when the scoring, the bands or the self-scores change?

The conclusions, each a yes/no on one set of pairs:

- ``overclaim``: more over- than under-claims, and a positive mean difference in points;
- ``both_directions``: over- and under-claims both occur;
- ``main_lines``: the total picture agrees "in hoofdlijnen": the band of a location's total
  score (self vs inspection, over its complete pairs) is the same for at least two thirds of
  the locations and never more than one band apart.

Variants (`variants`): the report's scoring rule (``base``); the other scoring rule (the
documented 0, 1/3, 2/3, 1 points against the AKO's 0, 33, 66, 100 %); band boundaries shifted
down and up by `BAND_SHIFT` percentage points; and `NOISE_REPLICATES` seeded replicates in
which each self-score moves one category up or down with probability `NOISE_SHARE` (at the ends
it moves inward). For the noise rows the statistics are medians over the replicates and each
``holds_*`` is the share of replicates in which the conclusion holds (1 or 0 elsewhere).

Total scores are computed in exact integer arithmetic, rounded by the rule as in
`analysis.study.scoring` (so 33,0 % is never 32,99...).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd

from analysis.chapters.interpretatieverschillen import agreement
from analysis.chapters.interpretatieverschillen.model import Inspection
from analysis.core.memo import once
from analysis.study.scoring import ScoringRule, get_rule

MAIN_LINES_SHARE = Fraction(2, 3)
BAND_SHIFT = 5
NOISE_SHARE = 0.25
NOISE_REPLICATES = 500
NOISE_SEED = 20080901
OTHER_RULE = {"ako-2009": "gedocumenteerd"}  # any other rule is set beside the AKO's
COLUMNS = [
    "variant", "rule", "band_shift", "noise_share", "replicates", "exact", "over", "under",
    "mean_diff", "kappa_linear", "alpha_ordinal", "bands_equal", "max_band_gap",
    "holds_overclaim", "holds_both_directions", "holds_main_lines",
]  # fmt: skip


def other_rule(name: str) -> str:
    return OTHER_RULE.get(name, "ako-2009")


def _scaled(rule: ScoringRule) -> tuple[np.ndarray, int]:
    """Integer points per category and D such that points / D is a percentage."""
    pct = [Fraction(w) * 100 for w in rule.weights]
    scale = math.lcm(*(p.denominator for p in pct))
    return np.array([int(p * scale) for p in pct], dtype=np.int64), scale


def percentages(sums: np.ndarray, counts: np.ndarray, rule: ScoringRule, scale: int) -> np.ndarray:
    """Whole percentages of point sums over `counts` milestones, rounded by the rule."""
    unit = counts * scale
    if rule.rounding == "floor":
        return sums // unit
    return (2 * sums + unit) // (2 * unit)


def band_of(pct: np.ndarray, bands: tuple[tuple[int, int, int], ...], shift: int) -> np.ndarray:
    """Band codes of whole percentages; the inner boundaries (not 0 and not 100) shifted."""
    lows = sorted(lo for _, lo, _ in bands)
    top = max(lows)
    edges = [lo + shift if 0 < lo < top else lo for lo in lows[1:]]
    return np.searchsorted(np.array(edges), pct, side="right")


def _totals(own: np.ndarray, member: np.ndarray, rule: ScoringRule) -> np.ndarray:
    """Rule-rounded total percentages per location of categories `own` (..., pairs)."""
    points, scale = _scaled(rule)
    sums = points[own] @ member
    return percentages(sums, member.sum(axis=0), rule, scale)


def _membership(ins: Inspection) -> np.ndarray:
    """pairs x locations 0/1 (which complete pair belongs to which location)."""
    codes = {loc: i for i, loc in enumerate(ins.locations)}
    member = np.zeros((len(ins.complete), len(codes)), dtype=np.int64)
    member[np.arange(len(ins.complete)), ins.complete["location"].map(codes).to_numpy()] = 1
    return member[:, member.sum(axis=0) > 0]


def location_bands(ins: Inspection, rule: ScoringRule, shift: int) -> pd.DataFrame:
    """Per location with complete pairs: own_pct, judged_pct, own_band, judged_band."""
    member = _membership(ins)
    located = [loc for loc in ins.locations if (ins.complete["location"] == loc).any()]
    own = _totals(ins.complete["own"].to_numpy(), member, rule)
    judged = _totals(ins.complete["judged"].to_numpy(), member, rule)
    return pd.DataFrame(
        {
            "own_pct": own,
            "judged_pct": judged,
            "own_band": band_of(own, ins.codebook.bands, shift),
            "judged_band": band_of(judged, ins.codebook.bands, shift),
        },
        index=pd.Index(located, name="location"),
    )


def conclusions(stats: dict[str, np.ndarray], gap: np.ndarray) -> dict[str, np.ndarray]:
    """The three conclusions from `agreement.summarize` output and band gaps (..., locations)."""
    equal = (gap == 0).sum(axis=-1)
    locations = gap.shape[-1]
    return {
        "holds_overclaim": (stats["over"] > stats["under"]) & (stats["mean_diff"] > 0),
        "holds_both_directions": (stats["over"] > 0) & (stats["under"] > 0),
        "holds_main_lines": (equal * MAIN_LINES_SHARE.denominator
                             >= MAIN_LINES_SHARE.numerator * locations)
        & (gap.max(axis=-1, initial=0) <= 1),
    }  # fmt: skip


def _row(variant: str, rule: ScoringRule, shift: int, noise: float, replicates: int,
         stats: dict, gap: np.ndarray) -> dict[str, object]:  # fmt: skip
    held = conclusions(stats, gap)
    centre = np.median if replicates > 1 else np.mean
    row: dict[str, object] = {
        "variant": variant, "rule": rule.name, "band_shift": shift, "noise_share": noise,
        "replicates": replicates,
    }  # fmt: skip
    for name in ("exact", "over", "under", "mean_diff", "kappa_linear", "alpha_ordinal"):
        row[name] = float(centre(np.asarray(stats[name], dtype=float)))
    row["bands_equal"] = float(centre((gap == 0).mean(axis=-1)))
    row["max_band_gap"] = float(centre(gap.max(axis=-1, initial=0)))
    row.update({name: float(np.mean(value)) for name, value in held.items()})
    return row


@once
def variants(ins: Inspection) -> pd.DataFrame:
    """One row per variant (see the module docstring), columns `COLUMNS`."""
    if ins.complete.empty:
        return pd.DataFrame(columns=COLUMNS)
    own = ins.complete["own"].to_numpy()
    judged = ins.complete["judged"].to_numpy()
    member = _membership(ins)
    total = agreement.confusion(own, judged)
    rows = []
    for variant, rule, shift in (
        ("base", ins.rule, 0),
        ("rule", get_rule(other_rule(ins.rule.name)), 0),
        ("bands", ins.rule, -BAND_SHIFT),
        ("bands", ins.rule, BAND_SHIFT),
    ):
        points = np.array([float(w) for w in rule.weights])
        bands = ins.codebook.bands
        gap = np.abs(
            band_of(_totals(own, member, rule), bands, shift)
            - band_of(_totals(judged, member, rule), bands, shift)
        )
        rows.append(_row(variant, rule, shift, 0.0, 1, agreement.summarize(total, points), gap))
    rows.append(noise_row(ins, own, judged, member))
    return pd.DataFrame(rows, columns=COLUMNS)


def add_noise(own: np.ndarray, replicates: int, share: float, seed: int) -> np.ndarray:
    """`replicates` copies of `own` with each category moved one step with probability
    `share`, up or down at random; at the lowest and highest category the step goes inward."""
    rng = np.random.default_rng(seed)
    moved = rng.random((replicates, own.size)) < share
    step = np.where(rng.random((replicates, own.size)) < 0.5, -1, 1)
    noisy = own[None, :] + moved * step
    return np.where(noisy < 0, 1, np.where(noisy > agreement.K - 1, agreement.K - 2, noisy))


def noise_row(ins: Inspection, own: np.ndarray, judged: np.ndarray, member: np.ndarray) -> dict:
    noisy = add_noise(own, NOISE_REPLICATES, NOISE_SHARE, NOISE_SEED)
    k = agreement.K
    offsets = np.arange(NOISE_REPLICATES)[:, None] * k * k
    counts = np.bincount((offsets + noisy * k + judged[None, :]).ravel(),
                         minlength=NOISE_REPLICATES * k * k)  # fmt: skip
    matrices = counts.reshape(NOISE_REPLICATES, k, k).astype(float)
    stats = agreement.summarize(matrices, ins.points)
    bands = ins.codebook.bands
    gap = np.abs(
        band_of(_totals(noisy, member, ins.rule), bands, 0)
        - band_of(_totals(judged, member, ins.rule), bands, 0)[None, :]
    )
    return _row("noise", ins.rule, 0, NOISE_SHARE, NOISE_REPLICATES, stats, gap)
