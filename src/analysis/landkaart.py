"""The Landkaart chapter's computations: published-table backtests, rule fit and text claims."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from analysis import compare, published, scoring
from analysis.codebook import Codebook, load_codebook
from analysis.config import Paths
from analysis.formatting import number, percent
from analysis.ingest import load_answers
from analysis.scoring import ScoringRule, get_rule
from analysis.synthetic import EXCLUDED_IN_CLAIM

PUBLISHED_PERIOD = "2009-T3"


@dataclass(frozen=True)
class Landkaart:
    """One period's answers with everything needed to score them."""

    period: str
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
        return self.period == PUBLISHED_PERIOD


def load(
    period: str, scoring_rule: str = scoring.DEFAULT_RULE, root: str | None = None
) -> Landkaart:
    paths = Paths(root) if root else Paths()
    return Landkaart(
        period, load_answers(period, paths), load_codebook(paths), get_rule(scoring_rule), paths
    )


def category_columns(codebook: Codebook) -> dict[tuple[str, str], str]:
    """Display columns of a distribution table: the mean, then the count per category."""
    cols = {("mean_pct", ""): "Gem. score (%)"}
    cols.update({("count", c): c.capitalize() for c in codebook.category_labels})
    return cols


def backtests(lk: Landkaart) -> dict[str, pd.DataFrame]:
    """Computed Tabel 1 and Tabel 2 next to the published values (tidy, with `equal`)."""
    tables = {
        "tabel-1": scoring.phase_table(lk.answers, lk.codebook, lk.rule),
        "tabel-2": scoring.milestone_table(lk.answers, lk.codebook, lk.rule),
    }
    return {
        name: compare.backtest(
            scoring.to_tidy(table),
            published.load_table(f"{published.AKO_2009_T3}-{name}", lk.paths),
        )
        for name, table in tables.items()
    }


def rule_fit(lk: Landkaart) -> pd.DataFrame:
    """Per candidate scoring rule: how many published means (milestones, phases, total) it hits."""
    rows = []
    for rule in scoring.RULES.values():
        variant = Landkaart(lk.period, lk.answers, lk.codebook, rule, lk.paths)
        checks = backtests(variant)
        t2 = checks["tabel-2"]
        t1 = checks["tabel-1"]
        means2 = t2[(t2["statistic"] == "mean_pct") & (t2["row"] > 1)]
        means1 = t1[(t1["statistic"] == "mean_pct") & (t1["row"] > 1)]
        total = t1[(t1["statistic"] == "mean_pct") & (t1["row"] == 1)]
        rows.append(
            {
                "rule": rule.name,
                "Regel": rule.description_nl,
                "Mijlpalen (van 14)": int(means2["equal"].sum()),
                "Fasen (van 6)": int(means1["equal"].sum()),
                "Totaal": "ja" if bool(total["equal"].all()) else "nee",
                "Alle aantallen": "ja"
                if bool(pd.concat([t1, t2]).query("statistic == 'count'")["equal"].all())
                else "nee",
            }
        )
    return pd.DataFrame(rows).set_index("rule")


def best_rule(fit: pd.DataFrame) -> str:
    """The rule that reproduces most published milestone means (first on ties)."""
    return str(fit["Mijlpalen (van 14)"].idxmax())


def _count_between(scores: pd.Series, rule: ScoringRule, lo: int, hi: int) -> int:
    return sum(1 for s in scores if s is not None and lo <= rule.pct(s) <= hi)


def claims_check(lk: Landkaart) -> pd.DataFrame:
    """The §3.4.1 text claims that one period's data can test, computed beside the text."""
    claims = published.claims(lk.paths)
    kept = [c for c in lk.codebook.milestone_codes if c not in EXCLUDED_IN_CLAIM]
    scores = scoring.location_scores(lk.answers, lk.rule, kept)
    mean = sum((s for s in scores if s is not None), Fraction(0)) / scores.notna().sum()
    complete = scoring.location_scores(lk.answers, lk.rule)
    m08 = lk.answers[lk.answers["milestone"] == "M08"]
    rows = [
        (
            "Werkpleinen 85-100 % zonder mijlpalen 11 en 14",
            "excl_m11_m14_locations_85_100",
            _count_between(scores, lk.rule, 85, 100),
            "",
        ),
        (
            "Werkpleinen 66-84 % zonder mijlpalen 11 en 14",
            "excl_m11_m14_locations_66_84",
            _count_between(scores, lk.rule, 66, 84),
            "",
        ),
        (
            "Gemiddelde score zonder mijlpalen 11 en 14 (%)",
            "excl_m11_m14_mean_pct",
            lk.rule.pct(mean),
            "",
        ),
        (
            "Werkpleinen zonder portefeuilleverdeling (mijlpaal 8 'niet')",
            "without_portfolio_division_2009_T3",
            int((m08["category"] == 0).sum()),
            "",
        ),
        (
            "Werkpleinen die de invoering (nagenoeg) hebben afgerond",
            "nearly_complete_locations",
            _count_between(complete, lk.rule, 100, 100),
            "De tekst noemt 13 Werkpleinen 'nagenoeg' klaar; Tabel 1 en 2 tellen 12 met 100 %. "
            "'Nagenoeg' is niet gedefinieerd, dus alleen de 12 van de tabellen is na te rekenen.",
        ),
    ]
    out = pd.DataFrame(
        [(label, computed, int(claims[key]), note) for label, key, computed, note in rows],
        columns=["Bewering in §3.4.1", "Berekend", "Tekst", "Toelichting"],
    )
    out["Gelijk"] = (out["Berekend"] == out["Tekst"]).map({True: "ja", False: "nee"})
    return out


def format_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Integers in Dutch notation, as strings for `display.table`."""
    return frame.map(lambda v: number(v) if isinstance(v, int) else v)


def summary_sentence(check: pd.DataFrame) -> str:
    """'Alle 70 gepubliceerde waarden ...' or how many differ."""
    n, ok = len(check), int(check["equal"].sum())
    if ok == n:
        return f"Alle {number(n)} gepubliceerde waarden worden exact gereproduceerd."
    return (
        f"{number(ok)} van de {number(n)} gepubliceerde waarden worden gereproduceerd; "
        f"{number(n - ok)} wijken af."
    )


__all__ = ["Landkaart", "load", "backtests", "rule_fit", "best_rule", "claims_check", "percent"]
