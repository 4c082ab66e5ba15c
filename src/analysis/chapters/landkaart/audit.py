"""What each published Landkaart figure of AKO §3.4.1 proves: the chapter's reproduction audit.

A figure is *reproduced* only when it follows from other published figures (the Tabel 2
counts decide every mean and share) or from real inputs. Banded counts and text claims that
the period's answers must produce are *by construction* when those answers are synthetic,
because the generator was built to hit them. Reasons are Dutch: they appear in the report.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.chapters.landkaart.checks import CLAIMS, TABLES, claims_check, distribution
from analysis.chapters.landkaart.model import Landkaart, answers_from_counts
from analysis.core.config import Paths
from analysis.core.formatting import number
from analysis.core.memo import once
from analysis.core.values import missing
from analysis.study import published, scoring, verdicts
from analysis.study.codebook import Codebook

SOURCE = "AKO 3e tertaal 2009 (bron 003), §3.4.1"
# Readings of 'mijlpalen (13 - ontschotte en enkelvoudige kanalen - en 14 ...)'.
READINGS = {"naam (11 en 14)": ("M11", "M14"), "nummer (13 en 14)": ("M13", "M14")}


@once
def audit(lk: Landkaart) -> pd.DataFrame:
    """Every published figure of AKO Tabel 1, Tabel 2 and the chapter's §3.4.1 claims with
    its verdict class (`analysis.study.verdicts`). Figures that need the answers of the
    published period are 'niet te controleren' in any other period."""
    counts = published.milestone_counts(lk.codebook, lk.paths)
    rebuilt = replace(lk, answers=answers_from_counts(counts))
    rows = []
    for name in TABLES:
        own = scoring.to_tidy(distribution(lk, name)) if lk.has_published else _no_values()
        from_counts = scoring.to_tidy(distribution(rebuilt, name))
        rows += table_rows(name, own, from_counts, lk.synthetic, lk.paths)
    claims = claims_check(lk)
    if not lk.has_published:
        claims = claims.assign(computed=None)
    rows += claim_rows(claims, lk.codebook, lk.rule, lk.synthetic, lk.paths)
    return verdicts.audit_frame(rows)


def _no_values() -> pd.DataFrame:
    return pd.DataFrame(columns=["row", "row_label", "statistic", "category", "value"])


@once
def exclusion_readings(lk: Landkaart) -> pd.DataFrame:
    """The §3.4.1 mean 'without two milestones' under both readings and two scoring rules.

    Exact means from the published Tabel 2 counts; `pct` as each rule rounds.
    """
    counts = published.milestone_counts(lk.codebook, lk.paths)
    rows = []
    for reading, left_out in READINGS.items():
        kept = [m for m in lk.codebook.milestone_codes if m not in left_out]
        for name in (scoring.DEFAULT_RULE, "gedocumenteerd"):
            rule = scoring.get_rule(name)
            mean = scoring.mean_from_counts(counts.loc[kept], rule)
            rows.append(
                {"reading": reading, "left_out": left_out, "rule": name,
                 "exact_pct": float(mean * 100), "pct": rule.pct(mean)}
            )  # fmt: skip
    return pd.DataFrame(rows)


def table_rows(
    name: str, computed: pd.DataFrame, from_counts: pd.DataFrame, synthetic: bool, paths: Paths
) -> list[dict]:
    """Audit rows of AKO Tabel 1 or 2 (`name` 'tabel-1' / 'tabel-2').

    `computed` and `from_counts` are tidy tables (`scoring.to_tidy`) from the period's answers
    and from answers rebuilt out of the published counts. Means and shares follow from the
    published counts alone; banded counts only from the answers.
    """
    file = f"{published.AKO_2009_T3}-{name}"
    pub = verdicts.with_lines(published.load_table(file, paths)).dropna(subset=["value"])
    keys = ["row", "statistic", "category"]
    own = computed.set_index(keys)["value"]
    rebuilt = from_counts.set_index(keys)["value"]
    n_total = _row_totals(pub)
    rows = []
    for r in pub.itertuples():
        key = (r.row, r.statistic, r.category)
        item = f"{r.row_label}: {_statistic_nl(r.statistic, r.category)}"
        if r.statistic == "n_locations":
            value, basis = n_total, "de som van de gepubliceerde aantallen per mijlpaal"
            by_construction = False
        elif r.statistic == "mean_pct":
            value, basis = rebuilt.get(key), "de gepubliceerde aantallen van Tabel 2"
            by_construction = False
        elif r.statistic == "pct":
            row_counts = pub[(pub["row"] == r.row) & (pub["statistic"] == "count")]
            count = row_counts.loc[row_counts["category"] == r.category, "value"]
            n = int(row_counts["value"].sum())
            value = scoring.pct_half_up(int(count.iloc[0]), n) if len(count) else None
            basis, by_construction = "het gepubliceerde aantal in dezelfde rij", False
        else:
            value, basis, by_construction = own.get(key), "de antwoorden van de periode", synthetic
        rows.append(_row(r, file, item, value, by_construction, basis))
    return rows


def claim_rows(
    claims: pd.DataFrame, codebook: Codebook, rule: scoring.ScoringRule, synthetic: bool,
    paths: Paths,
) -> list[dict]:  # fmt: skip
    """Audit rows of the §3.4.1 claims this chapter checks (`claims` from `claims_check`)."""
    file = f"{published.AKO_2009_T3}-claims"
    pub = verdicts.with_lines(published.load_table(file, paths)).set_index("claim")
    counts = published.milestone_counts(codebook, paths)
    t1 = published.load_table(f"{published.AKO_2009_T3}-tabel-1", paths)
    kept = [m for m in codebook.milestone_codes if m not in published.EXCLUDED_IN_CLAIM]
    from_published = {
        "excl_m11_m14_mean_pct": (
            rule.pct(scoring.mean_from_counts(counts.loc[kept], rule)),
            "de gepubliceerde aantallen van Tabel 2 (mijlpalen 11 en 14 weggelaten)",
        ),
        "nearly_complete_locations": (
            int(t1.query("row == 1 and statistic == 'count' and category == 'volledig'")
                ["value"].iloc[0]),
            "het aantal Werkpleinen met 100 % in Tabel 1 en 2; 'nagenoeg' is niet gedefinieerd",
        ),
        "without_portfolio_division_2009_T3": (
            int(counts.loc[scoring.PORTFOLIO_MILESTONE, 0]),
            "het gepubliceerde aantal 'niet' bij mijlpaal 8 in Tabel 2",
        ),
    }  # fmt: skip
    own = claims.set_index("claim")["computed"]
    rows = []
    for claim in CLAIMS:
        r = pub.loc[claim]
        item = f"tekst §3.4.1: {r['quote']}"
        if claim in from_published:
            value, basis = from_published[claim]
            by_construction = False
        else:
            value, basis, by_construction = own[claim], "de antwoorden van de periode", synthetic
        rows.append(_row(r, file, item, value, by_construction, basis))
    return rows


def _row(r, file: str, item: str, value: object, by_construction: bool, basis: str) -> dict:
    """One audit row; `r` is a published row (namedtuple or Series with line and value)."""
    get = r.get if isinstance(r, pd.Series) else lambda k: getattr(r, k)
    published_value = get("value")
    equal = None if missing(value) else float(value) == float(published_value)
    verdict = verdicts.verdict(equal, by_construction=by_construction)
    reason = {
        verdicts.REPRODUCED: f"volgt uit {basis}",
        verdicts.BY_CONSTRUCTION: (
            "de synthetische antwoorden zijn gemaakt om dit getal op te leveren; geen bewijs"
        ),
        verdicts.DEVIATING: f"berekend: {number(value)}, uit {basis}",
        verdicts.UNCHECKABLE: "alleen na te rekenen met de antwoorden van het 3e tertaal 2009",
    }[verdict]
    return {
        "published_key": verdicts.published_key(file, get("line")),
        "source": SOURCE + (f", {get('source_table')}" if "tabel" in file else ", tekst"),
        "item": item,
        "published": published_value,
        "computed": None if missing(value) else value,
        "difference": None,
        "verdict": verdict,
        "reason": reason,
    }


def _row_totals(pub: pd.DataFrame) -> int | None:
    """The number of locations that every row's published counts add up to (None if rows differ)."""
    sums = pub[pub["statistic"] == "count"].groupby("row")["value"].sum()
    return int(sums.iloc[0]) if sums.nunique() == 1 else None


def _statistic_nl(statistic: str, category: str) -> str:
    return {
        "n_locations": "aantal Werkpleinen",
        "mean_pct": "gemiddelde score (%)",
        "count": f"aantal '{category}'",
        "pct": f"aandeel '{category}' (%)",
    }[statistic]
