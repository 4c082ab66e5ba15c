"""The Landkaart chapter's public surface: what the notebook, `text` and `plots` use.

The data are in `model` (`load`, `Landkaart`), the numbers in `checks` (published-table
backtests, scoring-rule fit, text claims) and `audit` (verdicts); `tables` gives them as tidy
frames. Pure: no Dutch words (`text`), no figures (`plots`).
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.landkaart.audit import (
    audit,
    claim_keys,
    exclusion_choice,
    exclusion_means,
    exclusion_readings,
)
from analysis.chapters.landkaart.checks import (
    CLAIMS,
    backtests,
    best_rule,
    claims_check,
    distribution,
    rule_fit,
)
from analysis.chapters.landkaart.model import Landkaart, load
from analysis.core import compare
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import published, scoring, verdicts

__all__ = [
    "CLAIMS", "Landkaart", "audit", "backtests", "best_rule", "claim_keys", "claims_check",
    "distribution", "exclusion_choice", "exclusion_readings", "facts", "load", "rule_fit",
    "tables",
]  # fmt: skip


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's tidy tables (see `analysis.core.tables`).

    `group` is 'total', the phase number or the milestone code; `category` the answer
    category (0-3). `synthetic` says whether a number rests on synthetic answers; in the rule
    fit only `all_counts` does (the rest uses the published counts). In `claims`, `period` is
    the data's period and `claim_period` the one the published text speaks of.
    """
    lk = load(period, scoring_rule, paths)
    out = {}
    codes = {label: code for code, label in lk.codebook.categories["label_nl"].items()}
    milestone_codes = lk.codebook.milestones["code"]
    for name, label in (("tabel-1", "phases"), ("tabel-2", "milestones")):
        table = distribution(lk, name)
        if name == "tabel-1":
            groups = [str(int(p)) for p in table["phase"].iloc[1:]]
        else:
            groups = [milestone_codes[int(m)] for m in table["milestone"].iloc[1:]]
        computed = scoring.to_tidy(table)
        if lk.has_published:
            check = backtests(lk)[name][[*compare.KEYS, "published", "equal"]]
            computed = computed.merge(check, on=compare.KEYS, how="left")
        else:
            computed = computed.assign(published=None, equal=None)
        computed.insert(1, "group", computed["row"].map(dict(enumerate(["total", *groups], 1))))
        computed["category"] = pd.array([codes.get(c) for c in computed["category"]], "Int64")
        computed = computed.rename(columns={"value": "computed"}).drop(columns="row_label")
        out[label] = computed.assign(synthetic=lk.synthetic)
    fit = rule_fit(lk).reset_index()
    out["rule-fit"] = fit.assign(chosen=fit["rule"] == lk.rule.name, synthetic=lk.synthetic)
    claims = claims_check(lk).copy()  # the shared result is not to be changed
    if not lk.has_published:
        claims = claims.assign(published=None, equal=None)
    periods = published.load_table(f"{published.AKO_2009_T3}-claims", lk.paths)
    claim_period = periods.set_index("claim")["period"]
    claims.insert(1, "claim_period", [claim_period[c] for c in claims["claim"]])
    out["claims"] = claims.assign(period=lk.period, synthetic=lk.synthetic)
    out["audit"] = audit(lk)
    return out


def facts(period: Period, scoring_rule: str, paths: Paths) -> dict:
    """What the chapter's summary states, as data (`text.summary` words it): the scoring
    rule that fits the published means, and for the published period the verdicts and the
    mean 'without two milestones' under both readings of the text."""
    lk = load(period, scoring_rule, paths)
    fit = rule_fit(lk)
    best = best_rule(fit)
    out: dict = {
        "rule": best,
        "milestones_hit": int(fit.loc[best, "milestones_hit"]),
        "milestones": int(fit.loc[best, "milestones"]),
        "documented_hit": int(fit.loc["gedocumenteerd", "milestones_hit"]),
        "published": lk.has_published,
    }
    if lk.has_published:
        means = exclusion_means(lk)  # every rule: the run's may be any of them
        pct = means[means["rule"] == lk.rule.name].set_index("reading")["pct"]
        claims = claims_check(lk).set_index("claim")
        out["verdicts"] = verdicts.counts(audit(lk))
        out["without_two"] = {
            "published": int(claims.loc["excl_m11_m14_mean_pct", "published"]),
            "by_name": int(pct["naam (11 en 14)"]),
            "by_number": int(pct["nummer (13 en 14)"]),
        }
    return out
