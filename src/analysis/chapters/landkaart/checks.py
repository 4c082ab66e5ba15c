"""The Landkaart chapter's numbers: AKO Tabel 1 and 2 computed and set beside the published
values, the fit of every scoring rule, and the §3.4.1 claims one period's answers can test.

Pure: a `model.Landkaart` in, frames out; each result computed once per Landkaart.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.chapters.landkaart.model import Landkaart, answers_from_counts
from analysis.core import compare
from analysis.core.memo import once
from analysis.study import published, scoring
from analysis.study.scoring import ScoringRule

TABLES = ("tabel-1", "tabel-2")  # AKO Tabel 1 (phases) and Tabel 2 (milestones)
# Claims of §3.4.1 this chapter checks (the others, about change, belong to the trend chapter).
CLAIMS = (
    "excl_m11_m14_locations_85_100",
    "excl_m11_m14_locations_66_84",
    "excl_m11_m14_mean_pct",
    "nearly_complete_locations",
    "without_portfolio_division_2009_T3",
)


@once
def distribution(lk: Landkaart, which: str) -> pd.DataFrame:
    """AKO Tabel 1 ('tabel-1', per phase) or Tabel 2 ('tabel-2', per milestone), computed."""
    build = scoring.phase_table if which == "tabel-1" else scoring.milestone_table
    return build(lk.answers, lk.codebook, lk.rule)


@once
def backtests(lk: Landkaart) -> dict[str, pd.DataFrame]:
    """Computed Tabel 1 and Tabel 2 next to the published values (tidy, with `equal`)."""
    return {
        name: compare.backtest(
            scoring.to_tidy(distribution(lk, name)),
            published.load_table(f"{published.AKO_2009_T3}-{name}", lk.paths),
        )
        for name in TABLES
    }


@once
def rule_fit(lk: Landkaart) -> pd.DataFrame:
    """Per candidate scoring rule: how many published means (milestones, phases, total) it hits.

    Means are computed from the published Tabel 2 counts, so the fit does not depend on the
    (synthetic) microdata. Whether all banded counts match (`all_counts`) is checked on the
    period's own answers when the period is the published one (else it is None).
    """
    from_counts = answers_from_counts(published.milestone_counts(lk.codebook, lk.paths))
    rows = []
    for rule in scoring.RULES.values():
        means = backtests(
            Landkaart(published.PUBLISHED_PERIOD, from_counts, lk.codebook, rule, lk.paths)
        )
        t1, t2 = (m[m["statistic"] == "mean_pct"] for m in (means["tabel-1"], means["tabel-2"]))
        row = {
            "rule": rule.name,
            "milestones_hit": int(t2.loc[t2["row"] > 1, "equal"].sum()),
            "milestones": int((t2["row"] > 1).sum()),
            "phases_hit": int(t1.loc[t1["row"] > 1, "equal"].sum()),
            "phases": int((t1["row"] > 1).sum()),
            "total_hit": bool(t1.loc[t1["row"] == 1, "equal"].all()),
            "all_counts": None,
        }
        if lk.has_published:
            own = pd.concat(backtests(replace(lk, rule=rule)).values())
            row["all_counts"] = bool(own.query("statistic == 'count'")["equal"].all())
        rows.append(row)
    return pd.DataFrame(rows).set_index("rule")


def best_rule(fit: pd.DataFrame) -> str:
    """The rule that reproduces most published milestone means (first on ties)."""
    return str(fit["milestones_hit"].idxmax())


# The §3.4.1 counts of Werkpleinen 'without two milestones': their score band (%).
CLAIM_BOUNDS = {
    "excl_m11_m14_locations_85_100": (85, 100),
    "excl_m11_m14_locations_66_84": (66, 84),
}


def count_between(scores: pd.Series, rule: ScoringRule, lo: int, hi: int) -> int:
    """Locations whose score under `rule` lies in [lo, hi] % (blank scores left out)."""
    return sum(1 for s in scores if s is not None and lo <= rule.pct(s) <= hi)


@once
def claims_check(lk: Landkaart) -> pd.DataFrame:
    """The §3.4.1 text claims that one period's data can test: claim, computed, published."""
    claims = published.claims(lk.paths)
    kept = [c for c in lk.codebook.milestone_codes if c not in published.EXCLUDED_IN_CLAIM]
    scores = scoring.location_scores(lk.answers, lk.rule, kept)
    complete = scoring.location_scores(lk.answers, lk.rule)
    computed = {
        **{claim: count_between(scores, lk.rule, *b) for claim, b in CLAIM_BOUNDS.items()},
        "excl_m11_m14_mean_pct": scoring.summarize(scores, lk.rule, lk.codebook)["mean_pct"],
        "without_portfolio_division_2009_T3": scoring.without_portfolio_division(lk.answers),
        "nearly_complete_locations": count_between(complete, lk.rule, 100, 100),
    }
    out = pd.DataFrame(
        {
            "claim": list(CLAIMS),
            "computed": [computed[c] for c in CLAIMS],
            "published": [int(claims[c]) for c in CLAIMS],
        },
        dtype=object,
    )
    out["equal"] = [c == p for c, p in zip(out["computed"], out["published"], strict=True)]
    return out
