"""Scoring of Landkaart answers: rules, location scores, bands and the AKO distribution tables.

All arithmetic is exact (fractions), so the published truncation to whole percentages is
reproduced without floating-point surprises. Blank answers (category <NA>) are left out of
every mean and counted separately as 'onbekend'.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd

from analysis.core import defaults
from analysis.core.errors import quote
from analysis.study.codebook import UNKNOWN_LABEL, Codebook
from analysis.study.verdicts import Choice

Rounding = Literal["floor", "half_up"]
UNKNOWN = UNKNOWN_LABEL  # a blank answer
PORTFOLIO_MILESTONE = "M08"  # LWI-MT portefeuille verdeling (seed 003 §3.4.1 text)


def whole_pct(rounding: Rounding, num, den):
    """num / den (in [0, 1]) as a whole percentage, rounded down or half up, in whole-number
    arithmetic only: for ints, and element-wise for integer arrays."""
    if rounding == "floor":
        return (100 * num) // den
    return (200 * num + den) // (2 * den)


@dataclass(frozen=True)
class ScoringRule:
    """Points per answer category (as a fraction of one milestone) and how percentages round."""

    name: str
    weights: tuple[Fraction, Fraction, Fraction, Fraction]
    rounding: Rounding
    description_nl: str

    def pct(self, score: Fraction) -> int:
        """A score in [0, 1] as a whole percentage, rounded by this rule (exactly: whole
        numbers only, as floor(100 x) or floor(100 x + 1/2))."""
        score = Fraction(score)
        return whole_pct(self.rounding, score.numerator, score.denominator)

    @property
    def points(self) -> tuple[int, tuple[int, ...]]:
        """(denominator, whole-number points per category): weights = points / denominator."""
        denominator = math.lcm(*(w.denominator for w in self.weights))
        return denominator, tuple(int(w * denominator) for w in self.weights)


def _rule(
    name: str, weights: Iterable[str], rounding: Rounding, description_nl: str
) -> ScoringRule:
    w = tuple(Fraction(x) for x in weights)
    return ScoringRule(name, w, rounding, description_nl)  # type: ignore[arg-type]


THIRDS = ("0", "1/3", "2/3", "1")
BAND_LOWER = ("0", "33/100", "66/100", "1")
BAND_MIDDLE = ("16/100", "49/100", "825/1000", "1")

RULES: dict[str, ScoringRule] = {
    r.name: r
    for r in [
        _rule("gedocumenteerd", THIRDS, "half_up", "0, ⅓, ⅔ en 1 punt; percentage afgerond"),
        _rule("derden-afgekapt", THIRDS, "floor", "0, ⅓, ⅔ en 1 punt; percentage afgekapt"),
        _rule("ako-2009", BAND_LOWER, "floor", "0, 33, 66 en 100 %; percentage afgekapt"),
        _rule(
            "bandgrens-afgerond", BAND_LOWER, "half_up", "0, 33, 66 en 100 %; percentage afgerond"
        ),
        _rule("bandmidden-afgerond", BAND_MIDDLE, "half_up", "16, 49, 82,5 en 100 %; afgerond"),
        _rule("bandmidden-afgekapt", BAND_MIDDLE, "floor", "16, 49, 82,5 en 100 %; afgekapt"),
    ]
}
DEFAULT_RULE = defaults.DEFAULT_RULE


def get_rule(name: str) -> ScoringRule:
    try:
        return RULES[name]
    except KeyError:
        message = f"unknown scoring rule {quote(name)}; choose one of {sorted(RULES)}"
        raise ValueError(message) from None


def mean_rule_nl(rule: ScoringRule) -> str:
    """The audit's comparison rule of a mean: the scoring rule (with its rounding), exact."""
    return f"gemiddelde met de rekenregel '{rule.description_nl}'; exact gelijk"


def rule_choice(rule: ScoringRule, hits: int) -> Choice:
    """`rule` as the reading chosen among every scoring rule, `hits` of which give the value."""
    return Choice(f"rekenregel '{rule.description_nl}'", len(RULES), hits, of="rekenregels")


def band(pct: int, codebook: Codebook) -> int:
    """Category code whose band [band_min_pct, band_max_pct] holds a whole percentage."""
    hits = [code for code, lo, hi in codebook.bands if lo <= pct <= hi]
    if len(hits) != 1:
        raise ValueError(f"percentage {pct} falls in {len(hits)} bands")
    return hits[0]


def without_portfolio_division(answers: pd.DataFrame) -> int:
    """Locations that answered 'niet' (category 0) on the portfolio-division milestone."""
    portfolio = answers[answers["milestone"] == PORTFOLIO_MILESTONE]
    return int((portfolio["category"] == 0).sum())


def location_scores(
    answers: pd.DataFrame, rule: ScoringRule, milestones: Iterable[str] | None = None
) -> pd.Series:
    """Each location's mean score (a Fraction in [0, 1]) over its answered milestones.

    `answers` is the tidy frame (location, milestone, category). A location with no answered
    milestone in the selection gets None.
    """
    grid = _Grid(answers, rule)
    return grid.scores(grid.columns if milestones is None else list(milestones))


class _Grid:
    """Answers as whole-number points per location x milestone (exact: the rule's weights
    over their common denominator), so that a group's scores are sums of columns."""

    def __init__(self, answers: pd.DataFrame, rule: ScoringRule) -> None:
        self.denominator, points = rule.points
        loc_codes, self.locations = pd.factorize(answers["location"], sort=True)
        ms_codes, columns = pd.factorize(answers["milestone"], sort=True)
        self.columns = list(columns)
        self._index = {m: i for i, m in enumerate(self.columns)}
        shape = (len(self.locations), len(self.columns))
        self.present = np.zeros(shape, dtype=bool)
        self.answered = np.zeros(shape, dtype=np.int64)
        self.points = np.zeros(shape, dtype=np.int64)
        category = answers["category"]
        known = category.notna().to_numpy()
        self.present[loc_codes, ms_codes] = True
        self.answered[loc_codes[known], ms_codes[known]] = 1
        values = np.asarray(points, dtype=np.int64)[category[known].astype(int).to_numpy()]
        self.points[loc_codes[known], ms_codes[known]] = values

    def _sums(self, milestones: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per location: whether it has a row, its points and its answered milestones."""
        cols = [self._index[m] for m in milestones if m in self._index]
        rows = self.present[:, cols].any(axis=1)
        return rows, self.points[:, cols].sum(axis=1), self.answered[:, cols].sum(axis=1)

    def scores(self, milestones: list[str]) -> pd.Series:
        rows, sums, counts = self._sums(milestones)
        scores = {
            loc: Fraction(int(s), int(n) * self.denominator) if n else None
            for loc, s, n, keep in zip(self.locations, sums, counts, rows, strict=True)
            if keep
        }
        return pd.Series(scores, dtype=object, name="score")

    def summary(self, milestones: list[str], rule: ScoringRule, codebook: Codebook) -> dict:
        """`summarize(self.scores(milestones), ...)`, in whole-number array arithmetic."""
        rows, sums, counts = self._sums(milestones)
        known = rows & (counts > 0)
        s, c, d = sums[known], counts[known], self.denominator
        n = int(known.sum())
        if not n:
            mean = None
        elif (c == c[0]).all():  # every location answered as many milestones
            mean = Fraction(int(s.sum()), n * int(c[0]) * d)
        else:
            mean = sum((Fraction(int(a), int(b) * d) for a, b in zip(s, c, strict=True)),
                       Fraction(0)) / n  # fmt: skip
        pct = whole_pct(rule.rounding, s, c * d)  # as `ScoringRule.pct`, for every location
        row: dict[str, object] = {
            "n_locations": n,
            "mean": mean,
            "mean_pct": rule.pct(mean) if mean is not None else None,
        }
        labels = codebook.categories["label_nl"]
        inside = {code: (pct >= lo) & (pct <= hi) for code, lo, hi in codebook.bands}
        if not (sum(inside.values()) == 1).all():  # as `band`, for every location at once
            raise ValueError("a percentage falls in no band or in two")
        for code, hits in inside.items():
            k = int(hits.sum())
            row[f"count:{labels[code]}"] = k
            row[f"pct:{labels[code]}"] = pct_half_up(k, n)
        row[f"count:{UNKNOWN}"] = int(rows.sum()) - n
        return row


def summarize(scores: pd.Series, rule: ScoringRule, codebook: Codebook) -> dict[str, object]:
    """Mean, banded counts and shares of a set of location scores (one row of Tabel 1/2).

    Counts per category and their percentages (rounded half up, as published), plus
    'onbekend' for locations without a score.
    """
    known = [s for s in scores if s is not None]
    n = len(known)
    mean = sum(known, Fraction(0)) / n if n else None
    row: dict[str, object] = {
        "n_locations": n,
        "mean": mean,
        "mean_pct": rule.pct(mean) if mean is not None else None,
    }
    bands = [band(rule.pct(s), codebook) for s in known]
    for code, label in codebook.categories["label_nl"].items():
        k = bands.count(code)
        row[f"count:{label}"] = k
        row[f"pct:{label}"] = pct_half_up(k, n)
    row[f"count:{UNKNOWN}"] = len(scores) - n
    return row


def pct_half_up(k: int, n: int) -> int | None:
    """k of n as a whole percentage, halves rounded up (as the AKO publishes shares)."""
    return math.floor(Fraction(100 * k, n) + Fraction(1, 2)) if n else None


def mean_from_counts(counts: pd.DataFrame, rule: ScoringRule) -> Fraction:
    """The total mean score (a Fraction of 1) from answer counts per milestone alone.

    `counts` is milestone x category code (as `published.milestone_counts`). When every
    location answered every milestone (each row sums to the same number of locations), the
    mean of the locations' total scores equals the mean of the milestone means, so the total
    row of AKO Tabel 1 and 2 follows from Tabel 2's counts, whatever the arrangement.
    """
    sizes = set(counts.sum(axis=1).astype(int))
    if len(sizes) != 1 or 0 in sizes:
        raise ValueError(f"milestone rows count different numbers of locations: {sorted(sizes)}")
    (n,) = sizes
    weights = [rule.weights[int(c)] for c in counts.columns]
    means = [sum((w * int(k) for w, k in zip(weights, row, strict=True)), Fraction(0)) / n
             for row in counts.to_numpy()]  # fmt: skip
    return sum(means, Fraction(0)) / len(means)


def distribution(
    answers: pd.DataFrame,
    rule: ScoringRule,
    codebook: Codebook,
    groups: Mapping[str, Iterable[str]],
) -> pd.DataFrame:
    """One summary row per group of milestones (a location's group score is banded)."""
    grid = _Grid(answers, rule)
    rows = {label: grid.summary(list(ms), rule, codebook) for label, ms in groups.items()}
    return pd.DataFrame.from_dict(rows, orient="index")


TOTAL_LABEL = "Gemiddelde score (totaal)"


def phase_table(answers: pd.DataFrame, codebook: Codebook, rule: ScoringRule) -> pd.DataFrame:
    """AKO Tabel 1: the total row, then one row per phase (location score = mean of its phase)."""
    groups: dict[str, list[str]] = {TOTAL_LABEL: codebook.milestone_codes}
    for phase, codes in codebook.phase_milestones().items():
        groups[codebook.phases.loc[phase, "name_nl"]] = codes
    table = distribution(answers, rule, codebook, groups)
    table.insert(0, "phase", [None, *codebook.phase_milestones()])
    return table


def milestone_table(answers: pd.DataFrame, codebook: Codebook, rule: ScoringRule) -> pd.DataFrame:
    """AKO Tabel 2: the total row, then one row per milestone in the AKO table order."""
    ordered = codebook.in_ako_order()
    groups: dict[str, list[str]] = {TOTAL_LABEL: codebook.milestone_codes}
    groups.update({row.short_name_nl: [row.code] for row in ordered.itertuples()})
    table = distribution(answers, rule, codebook, groups)
    table.insert(0, "milestone", [None, *ordered.index])
    table.insert(1, "phase", [None, *ordered["phase"]])
    return table


def to_tidy(table: pd.DataFrame) -> pd.DataFrame:
    """Long form (row, row_label, statistic, category, value) matching data/raw/published."""
    records = []
    for i, (label, row) in enumerate(table.iterrows(), start=1):
        for key in ["n_locations", "mean_pct"]:
            if i == 1 or key == "mean_pct":
                records.append((i, label, key, "", row[key]))
        for col in table.columns:
            if ":" in col and not col.endswith(UNKNOWN):
                stat, cat = col.split(":", 1)
                records.append((i, label, stat, cat, row[col]))
    return pd.DataFrame(records, columns=["row", "row_label", "statistic", "category", "value"])
