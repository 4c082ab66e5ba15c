"""The survey chapter (AKO §3.3, IWI 2007 survey): customer orientation per principle and wave
recomputed from respondent-level data, with cluster-robust intervals, and the published survey
figures checked.

The chapter's public surface (what the notebook, `text`, `text_tables` and `plots` use).
`model` loads the waves the period can report and the published figures into an `Enquetes`;
the statistics run on them through DuckDB (`aggregate`), the interval arithmetic is in
`intervals`, the analyses in `analyses`, their results for the period in `results` and the
verdicts on the published figures in `audit`. Pure: no Dutch words, no figures.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.enquetes.analyses import MIN_RESPONDENTS
from analysis.chapters.enquetes.audit import (
    ALL,
    audit,
    change_readings,
    iwi_checks,
    iwi_counts,
)
from analysis.chapters.enquetes.intervals import counts_for
from analysis.chapters.enquetes.model import IWI_TABLE, PUBLISHED_TABLE, Enquetes, load
from analysis.chapters.enquetes.results import (
    contrasts,
    differences,
    last_change,
    locations,
    means,
    payment,
    response,
    subgroups,
)
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.ingest.enquetes import OVERALL
from analysis.study import verdicts

__all__ = [
    "ALL", "IWI_TABLE", "MIN_RESPONDENTS", "OVERALL", "PUBLISHED_TABLE", "Enquetes", "audit",
    "change_readings", "contrasts", "facts", "counts_for", "differences", "iwi_checks",
    "iwi_counts", "last_change", "load", "locations", "means", "payment", "response",
    "subgroups", "tables",
]  # fmt: skip


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's tidy tables (`scoring_rule` is not used here).

    Scores are 1-10; intervals are 95 %; `locations` holds the overall judgement per wave
    and location, blank where fewer than `analyses.MIN_RESPONDENTS` answered.
    """
    en = load(period, paths)
    fits, bands = payment(en)
    loc_cols = ["wave", "location", "respondents", "n", "mean", "lower", "upper", "suppressed"]
    return {
        "means": means(en),
        "subgroups": subgroups(en),
        "contrasts": contrasts(en),
        "wave-differences": differences(en),
        "change-readings": change_readings(en),
        "payment": fits,
        "payment-bands": bands,
        "locations": locations(en)[loc_cols] if en.has_data else pd.DataFrame(columns=loc_cols),
        "response": response(en),
        "iwi-2007": iwi_checks(en),
        "audit": audit(en),
    }


def facts(period: Period, scoring_rule: str, paths: Paths) -> dict:
    """What the chapter's summary states, as data (`text.summary` words it): whether the
    respondents are synthetic, the overall judgement of the latest wave with its interval and
    design effect and the last change (stated only for real respondents), the two readings of
    the published 'stijging 0,04%' against the published means, and the verdicts."""
    en = load(period, paths)
    readings = change_readings(en)
    out = {
        "period": str(period),
        "latest": None,
        "readings": {
            r.reading: {
                "points": float(r.change_points),
                "fits": bool(r.fits),
                "mean_a": float(r.mean_a),
                "mean_b": float(r.mean_b),
            }
            for r in readings.itertuples()
        },  # fmt: skip
        "verdicts": verdicts.counts(audit(en)),
    }
    if not en.has_data:
        return out
    m = en.wave_row(means(en), en.latest, score=OVERALL)
    row = last_change(en)
    change = None if row is None else {k: float(row[k]) for k in ("difference", "lower", "upper")}
    return {
        **out,
        "latest": str(en.latest),
        "synthetic": en.synthetic,
        "overall": {k: float(m[k]) for k in ("mean", "lower", "upper", "design_effect")},
        "change": change,
    }
