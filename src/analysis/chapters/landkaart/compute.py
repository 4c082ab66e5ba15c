"""The Landkaart chapter's numbers: published-table backtests, scoring-rule fit, text claims.

Pure: answers in, frames out. The Dutch words are in `text`, the figures in `plots`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.chapters.landkaart import audit as audit_rows
from analysis.core import compare
from analysis.core.config import Paths
from analysis.core.periods import Period, as_period
from analysis.ingest.landkaart import load_answers
from analysis.study import published, scoring, verdicts
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import ScoringRule, get_rule

TABLES = ("tabel-1", "tabel-2")  # AKO Tabel 1 (phases) and Tabel 2 (milestones)
# The §3.4.1 claims that one period's answers can test, by claim id in the published data.
CLAIMS = audit_rows.CLAIMS


@dataclass(frozen=True)
class Landkaart:
    """One period's answers with everything needed to score them."""

    period: Period
    answers: pd.DataFrame
    codebook: Codebook
    rule: ScoringRule
    paths: Paths

    @property
    def metadata(self) -> dict:
        return self.answers.attrs["metadata"]

    @property
    def synthetic(self) -> bool:
        return bool(self.metadata.get("synthetic"))

    @property
    def has_published(self) -> bool:
        """AKO published tables exist for this period only."""
        return self.period == published.PUBLISHED_PERIOD

    @cached_property
    def checks(self) -> dict[str, pd.DataFrame]:
        """`backtests` of this period, computed once."""
        return backtests(self)

    @cached_property
    def audited(self) -> pd.DataFrame:
        """`audit` of this period, computed once."""
        return audit(self)

    @cached_property
    def milestone_answers(self) -> tuple[pd.DataFrame, bool]:
        """Answers that give the per-milestone distribution, and whether they are synthetic.

        For the published period the published Tabel 2 counts give it exactly (no synthetic
        data needed); otherwise the period's own answers.
        """
        if self.has_published:
            return answers_from_counts(published.milestone_counts(self.codebook, self.paths)), False
        return self.answers, self.synthetic


def load(
    period: str | Period, scoring_rule: str = scoring.DEFAULT_RULE, root: Paths | str | None = None
) -> Landkaart:
    """The period's processed answers (root None: this project)."""
    paths = Paths.from_parameter(root)
    period = as_period(period)
    return Landkaart(
        period, load_answers(period, paths), load_codebook(paths), get_rule(scoring_rule), paths
    )


def distribution(lk: Landkaart, which: str) -> pd.DataFrame:
    """AKO Tabel 1 ('tabel-1', per phase) or Tabel 2 ('tabel-2', per milestone), computed."""
    build = scoring.phase_table if which == "tabel-1" else scoring.milestone_table
    return build(lk.answers, lk.codebook, lk.rule)


def backtests(lk: Landkaart) -> dict[str, pd.DataFrame]:
    """Computed Tabel 1 and Tabel 2 next to the published values (tidy, with `equal`)."""
    return {
        name: compare.backtest(
            scoring.to_tidy(distribution(lk, name)),
            published.load_table(f"{published.AKO_2009_T3}-{name}", lk.paths),
        )
        for name in TABLES
    }


def answers_from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Tidy answers with the given category counts per milestone (any arrangement).

    Means per milestone, phase and total depend only on these counts, not on which location
    gave which answer; banded counts of phases do depend on the arrangement.
    """
    frames = [
        pd.DataFrame(
            {
                "location": [f"L{i:04d}" for i in range(int(row.sum()))],
                "milestone": code,
                "category": pd.array(
                    [c for c, k in row.items() for _ in range(int(k))], dtype="Int64"
                ),
            }
        )
        for code, row in counts.iterrows()
    ]
    return pd.concat(frames, ignore_index=True)


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
            own = pd.concat(
                backtests(Landkaart(lk.period, lk.answers, lk.codebook, rule, lk.paths)).values()
            )
            row["all_counts"] = bool(own.query("statistic == 'count'")["equal"].all())
        rows.append(row)
    return pd.DataFrame(rows).set_index("rule")


def best_rule(fit: pd.DataFrame) -> str:
    """The rule that reproduces most published milestone means (first on ties)."""
    return str(fit["milestones_hit"].idxmax())


def _count_between(scores: pd.Series, rule: ScoringRule, lo: int, hi: int) -> int:
    return sum(1 for s in scores if s is not None and lo <= rule.pct(s) <= hi)


def claims_check(lk: Landkaart) -> pd.DataFrame:
    """The §3.4.1 text claims that one period's data can test: claim, computed, published."""
    claims = published.claims(lk.paths)
    kept = [c for c in lk.codebook.milestone_codes if c not in published.EXCLUDED_IN_CLAIM]
    scores = scoring.location_scores(lk.answers, lk.rule, kept)
    complete = scoring.location_scores(lk.answers, lk.rule)
    computed = {
        "excl_m11_m14_locations_85_100": _count_between(scores, lk.rule, 85, 100),
        "excl_m11_m14_locations_66_84": _count_between(scores, lk.rule, 66, 84),
        "excl_m11_m14_mean_pct": scoring.summarize(scores, lk.rule, lk.codebook)["mean_pct"],
        "without_portfolio_division_2009_T3": scoring.without_portfolio_division(lk.answers),
        "nearly_complete_locations": _count_between(complete, lk.rule, 100, 100),
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


def audit(lk: Landkaart) -> pd.DataFrame:
    """Every published figure of AKO Tabel 1, Tabel 2 and the chapter's §3.4.1 claims with
    its verdict class (`analysis.study.verdicts`). Figures that need the answers of the
    published period are 'niet te controleren' in any other period."""
    rebuilt = answers_from_counts(published.milestone_counts(lk.codebook, lk.paths))
    rows = []
    for name in TABLES:
        own = scoring.to_tidy(distribution(lk, name)) if lk.has_published else _no_values()
        from_counts = scoring.to_tidy(distribution(_with_answers(lk, rebuilt), name))
        rows += audit_rows.table_rows(name, own, from_counts, lk.synthetic, lk.paths)
    claims = claims_check(lk)
    if not lk.has_published:
        claims = claims.assign(computed=None)
    rows += audit_rows.claim_rows(claims, lk.codebook, lk.rule, lk.synthetic, lk.paths)
    return verdicts.audit_frame(rows)


def _with_answers(lk: Landkaart, answers: pd.DataFrame) -> Landkaart:
    return Landkaart(lk.period, answers, lk.codebook, lk.rule, lk.paths)


def _no_values() -> pd.DataFrame:
    return pd.DataFrame(columns=["row", "row_label", "statistic", "category", "value"])


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
            check = lk.checks[name][[*compare.KEYS, "published", "equal"]]
            computed = computed.merge(check, on=compare.KEYS, how="left")
        else:
            computed = computed.assign(published=None, equal=None)
        computed.insert(1, "group", computed["row"].map(dict(enumerate(["total", *groups], 1))))
        computed["category"] = pd.array([codes.get(c) for c in computed["category"]], "Int64")
        computed = computed.rename(columns={"value": "computed"}).drop(columns="row_label")
        out[label] = computed.assign(synthetic=lk.synthetic)
    fit = rule_fit(lk).reset_index()
    out["rule-fit"] = fit.assign(chosen=fit["rule"] == lk.rule.name, synthetic=lk.synthetic)
    claims = claims_check(lk)
    if not lk.has_published:
        claims = claims.assign(published=None, equal=None)
    periods = published.load_table(f"{published.AKO_2009_T3}-claims", lk.paths)
    claim_period = periods.set_index("claim")["period"]
    claims.insert(1, "claim_period", [claim_period[c] for c in claims["claim"]])
    out["claims"] = claims.assign(period=lk.period, synthetic=lk.synthetic)
    out["audit"] = lk.audited
    return out
