"""The numbers of a factsheet: one Werkplein's own figures beside national aggregates.

Pure: validated answers in, frozen dataclasses out; no Dutch, no drawing. Scores come from
the report's own functions (`study.scoring`): a Werkplein's total is its mean over its answered
milestones, its phase score the mean over the phase's milestones, whole percentages follow the
scoring rule, and national means are those of AKO Tabel 1 and Tabel 3 (`scoring.summarize`).

Disclosure: a `Sheet` holds the location's own answers, scores, path and inspection
judgements, and national aggregates only (means, counts per score bin, shares per milestone,
how many Werkpleinen score lower or higher). Nothing of any other single location.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period, as_period
from analysis.factsheets import inspection
from analysis.ingest.landkaart import raw_periods, read_period
from analysis.study import scoring
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import ScoringRule, get_rule

BIN_WIDTH = 10  # the total-score histogram: 0–9, 10–19, ..., 90–100 %
N_BINS = 10
COMPLETE = 3  # the answer category 'volledig'


@dataclass(frozen=True)
class Source:
    """One period's Landkaart export, read and validated as `analysis run` reads it."""

    period: Period
    answers: pd.DataFrame  # location, milestone, category (Int64, <NA> = blank)
    file: str  # relative to the project root
    sha256: str
    synthetic: bool


def read_sources(period: Period, paths: Paths, codebook: Codebook) -> tuple[Source, ...]:
    """Every period's export up to `period`, oldest first; `period` itself must exist.

    Bad input raises InputError with file, row and column; nothing is written.
    """
    periods, _ = raw_periods(paths, period)
    if period not in periods:
        folder = paths.landkaart_raw(period)
        raise InputError(folder, f"folder for period {period} not found; put the export there")
    sources = []
    for p in periods:
        ingested = read_period(p, paths, codebook)
        meta = json.loads(ingested.metadata)
        sources.append(Source(p, ingested.answers, meta["source"], meta["sha256"],
                              bool(meta["synthetic"])))  # fmt: skip
    return tuple(sources)


@dataclass(frozen=True)
class National:
    """Aggregates over every Werkplein of the period (with a total score)."""

    n_locations: int
    mean_pct: int | None  # AKO Tabel 1, total row
    bins: tuple[int, ...]  # Werkpleinen per total-score bin (`bin_of`)
    phase_means: dict[int, int | None]  # AKO Tabel 1, phase rows
    complete_pct: dict[str, int | None]  # per milestone: % of answers 'volledig'


@dataclass(frozen=True)
class PathPoint:
    period: Period
    own_pct: int | None  # None: the Werkplein has no score in that tertaal
    national_pct: int | None


@dataclass(frozen=True)
class Sheet:
    """Everything one factsheet shows (the location's own figures, national aggregates)."""

    location: str
    period: Period
    answers: dict[str, int | None]  # milestone code -> category, None = blank
    total_pct: int | None
    band: int | None  # answer category whose band holds total_pct
    phase_pct: dict[int, int | None]
    lower: int  # other Werkpleinen with a lower total score (whole percentages)
    same: int
    higher: int
    path: tuple[PathPoint, ...]
    judgements: dict[str, int | None] | None  # the inspection's, when it was inspected
    inspected: int | None  # Werkpleinen the inspection judged in the period (None: no data)
    national: National

    @property
    def blank(self) -> int:
        return sum(1 for c in self.answers.values() if c is None)

    @property
    def own_bin(self) -> int | None:
        return None if self.total_pct is None else bin_of(self.total_pct)

    def comparison(self) -> dict[str, int] | None:
        """Inspection against self-assessment, over milestones both answered."""
        if self.judgements is None:
            return None
        out = {"same": 0, "inspection_lower": 0, "inspection_higher": 0, "compared": 0}
        for code, own in self.answers.items():
            judged = self.judgements.get(code)
            if own is None or judged is None:
                continue
            out["compared"] += 1
            key = "same" if judged == own else "inspection_lower" if judged < own else None
            out[key or "inspection_higher"] += 1
        return out


def bin_of(pct: int) -> int:
    """The histogram bin of a whole percentage: 0–9 -> 0, ..., 90–100 -> 9."""
    return min(int(pct) // BIN_WIDTH, N_BINS - 1)


def _pct(rule: ScoringRule, score: Fraction | None) -> int | None:
    return None if score is None else rule.pct(score)


@dataclass(frozen=True)
class Factsheets:
    """A period's answers (and those of earlier tertalen, for the path), ready to score."""

    period: Period
    rule: ScoringRule
    codebook: Codebook
    paths: Paths
    sources: tuple[Source, ...]  # oldest first; the last is `period`
    judgements: inspection.Judgements | None

    @property
    def current(self) -> Source:
        return self.sources[-1]

    @property
    def synthetic(self) -> bool:
        return self.current.synthetic

    @cached_property
    def locations(self) -> list[str]:
        return sorted(self.current.answers["location"].unique())

    @cached_property
    def _answers(self) -> dict[str, dict[str, int | None]]:
        out: dict[str, dict[str, int | None]] = {}
        frame = self.current.answers
        for loc, code, cat in zip(frame["location"], frame["milestone"], frame["category"],
                                  strict=True):  # fmt: skip
            out.setdefault(loc, {})[code] = None if pd.isna(cat) else int(cat)
        return out

    @cached_property
    def _totals(self) -> dict[Period, dict[str, int | None]]:
        """Whole-percentage total score per location, per period."""
        return {
            s.period: {
                loc: _pct(self.rule, score)
                for loc, score in scoring.location_scores(s.answers, self.rule).items()
            }
            for s in self.sources
        }

    @cached_property
    def _phases(self) -> dict[int, dict[str, int | None]]:
        answers = self.current.answers
        return {
            phase: {
                loc: _pct(self.rule, score)
                for loc, score in scoring.location_scores(answers, self.rule, codes).items()
            }
            for phase, codes in self.codebook.phase_milestones().items()
        }

    @cached_property
    def _national_means(self) -> dict[Period, int | None]:
        return {
            s.period: scoring.summarize(
                scoring.location_scores(s.answers, self.rule), self.rule, self.codebook
            )["mean_pct"]
            for s in self.sources
        }

    @cached_property
    def national(self) -> National:
        answers = self.current.answers
        totals = [p for p in self._totals[self.period].values() if p is not None]
        bins = [0] * N_BINS
        for pct in totals:
            bins[bin_of(pct)] += 1
        phase_means = {
            int(row.phase): row.mean_pct
            for row in scoring.phase_table(answers, self.codebook, self.rule).iloc[1:].itertuples()
        }
        complete = {}
        for code, group in answers.groupby("milestone", sort=False):
            answered = group["category"].dropna()
            complete[code] = scoring.pct_half_up(int((answered == COMPLETE).sum()), len(answered))
        return National(
            n_locations=len(totals),
            mean_pct=self._national_means[self.period],
            bins=tuple(bins),
            phase_means=phase_means,
            complete_pct={c: complete.get(c) for c in self.codebook.milestone_codes},
        )


def load(
    period: str | Period,
    scoring_rule: str = scoring.DEFAULT_RULE,
    root: Paths | str | None = None,
) -> Factsheets:
    """The period's validated exports up to `period` and its inspection judgements, if any."""
    period = as_period(period)
    paths = Paths.from_parameter(root)
    codebook = load_codebook(paths)
    sources = read_sources(period, paths, codebook)
    judgements = inspection.judgements(period, paths, codebook, sources[-1].answers)
    return Factsheets(period, get_rule(scoring_rule), codebook, paths, sources, judgements)


def sheet(data: Factsheets, location: str) -> Sheet:
    """The factsheet numbers of one location of the period (KeyError if it has none)."""
    if location not in data._answers:
        raise KeyError(location)
    answers = data._answers[location]
    totals = data._totals[data.period]
    own = totals[location]
    others = [p for loc, p in totals.items() if loc != location and p is not None]
    known = own is not None
    path = tuple(
        PathPoint(s.period, data._totals[s.period].get(location), data._national_means[s.period])
        for s in data.sources
    )
    return Sheet(
        location=location,
        period=data.period,
        answers={code: answers.get(code) for code in data.codebook.milestone_codes},
        total_pct=own,
        band=scoring.band(own, data.codebook) if known else None,
        phase_pct={phase: scores.get(location) for phase, scores in data._phases.items()},
        lower=sum(1 for p in others if known and p < own),
        same=sum(1 for p in others if known and p == own),
        higher=sum(1 for p in others if known and p > own),
        path=path,
        judgements=None if data.judgements is None else data.judgements.of(location),
        inspected=None if data.judgements is None else data.judgements.n_locations,
        national=data.national,
    )
