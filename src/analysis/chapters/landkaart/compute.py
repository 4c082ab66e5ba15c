"""The Landkaart chapter's computations: published-table backtests, rule fit and text claims."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.core import compare, published, scoring
from analysis.core.codebook import Codebook, load_codebook
from analysis.core.config import Paths
from analysis.core.formatting import number
from analysis.core.scoring import ScoringRule, get_rule
from analysis.ingest.landkaart import load_answers
from analysis.synthetic.landkaart import EXCLUDED_IN_CLAIM

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

    @cached_property
    def checks(self) -> dict[str, pd.DataFrame]:
        """`backtests` of this period, computed once."""
        return backtests(self)


def load(
    period: str, scoring_rule: str = scoring.DEFAULT_RULE, root: str | None = None
) -> Landkaart:
    paths = Paths.from_parameter(root)
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
    (synthetic) microdata. Whether all banded counts match is checked on the period's own
    answers when the period is the published one.
    """
    from_counts = answers_from_counts(published.milestone_counts(lk.codebook, lk.paths))
    rows = []
    for rule in scoring.RULES.values():
        means = backtests(Landkaart(PUBLISHED_PERIOD, from_counts, lk.codebook, rule, lk.paths))
        t1, t2 = (m[m["statistic"] == "mean_pct"] for m in (means["tabel-1"], means["tabel-2"]))
        row = {
            "rule": rule.name,
            "Regel": rule.description_nl,
            "Mijlpalen (van 14)": int(t2.loc[t2["row"] > 1, "equal"].sum()),
            "Fasen (van 6)": int(t1.loc[t1["row"] > 1, "equal"].sum()),
            "Totaal": "ja" if bool(t1.loc[t1["row"] == 1, "equal"].all()) else "nee",
        }
        if lk.has_published:
            own = pd.concat(
                backtests(Landkaart(lk.period, lk.answers, lk.codebook, rule, lk.paths)).values()
            )
            row["Alle aantallen"] = (
                "ja" if bool(own.query("statistic == 'count'")["equal"].all()) else "nee"
            )
        rows.append(row)
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
    mean_pct = scoring.summarize(scores, lk.rule, lk.codebook)["mean_pct"]
    complete = scoring.location_scores(lk.answers, lk.rule)
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
            mean_pct,
            "",
        ),
        (
            "Werkpleinen zonder portefeuilleverdeling (mijlpaal 8 'niet')",
            "without_portfolio_division_2009_T3",
            scoring.without_portfolio_division(lk.answers),
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


def summary_sentence(check: pd.DataFrame) -> str:
    """'Alle 70 gepubliceerde waarden ...' or how many differ."""
    n, ok = len(check), int(check["equal"].sum())
    if ok == n:
        return f"Alle {number(n)} gepubliceerde waarden worden exact gereproduceerd."
    return (
        f"{number(ok)} van de {number(n)} gepubliceerde waarden worden gereproduceerd; "
        f"{number(n - ok)} wijken af."
    )


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """Phases and milestones with their numbers and AKO names, for the report."""
    ms = codebook.milestones
    return pd.DataFrame(
        {
            "Fase": [f"{p}. {codebook.phases.loc[p, 'name_nl']}" for p in ms["phase"]],
            "Mijlpaal": [
                f"{n}. {name}" for n, name in zip(ms.index, ms["short_name_nl"], strict=True)
            ],
        }
    )


def categories_table(codebook: Codebook) -> pd.DataFrame:
    cats = codebook.categories
    return pd.DataFrame(
        {
            "Categorie": cats["label_long_nl"],
            "Kleur": cats["colour_nl"],
            "Band": [
                f"{lo}-{hi} %" if lo != hi else f"{lo} %"
                for lo, hi in zip(cats["band_min_pct"], cats["band_max_pct"], strict=True)
            ],
            "Punten (gedocumenteerd)": [str(p) for p in cats["points"]],
        }
    )


def distribution_display(lk: Landkaart, which: str) -> pd.DataFrame:
    """Tabel 1 ('tabel-1') or Tabel 2 ('tabel-2') for the report.

    For the published period each cell reads 'computed / published'; otherwise computed only.
    Row labels are the codebook's names (the published OCR damage is corrected).
    """
    columns = category_columns(lk.codebook)
    if lk.has_published:
        table = compare.side_by_side(lk.checks[which], columns)
    else:
        build = scoring.phase_table if which == "tabel-1" else scoring.milestone_table
        raw = build(lk.answers, lk.codebook, lk.rule)
        table = pd.DataFrame(
            {
                title: raw[f"{s}:{c}" if c else s].map(lambda v: number(v) or "–")
                for (s, c), title in columns.items()
            }
        )
        if raw[f"count:{scoring.UNKNOWN}"].any():
            table["Onbekend"] = raw[f"count:{scoring.UNKNOWN}"].map(number)
    return table.rename_axis("Fase" if which == "tabel-1" else "Mijlpaal").reset_index()


def data_note(lk: Landkaart) -> str:
    """A callout saying where the period's answers come from (and that they are synthetic)."""
    meta = lk.metadata
    n = number(meta["locations"])
    blanks = meta["blank_answers"]
    blank_text = (
        f" {number(blanks)} {'antwoord is' if blanks == 1 else 'antwoorden zijn'} leeg; "
        "lege antwoorden tellen als 'onbekend' en blijven buiten de gemiddelden."
        if blanks
        else ""
    )
    if lk.synthetic:
        return (
            '::: {.callout-warning title="Synthetische gegevens"}\n'
            f"De Landkaart-antwoorden van {lk.period} ({n} Werkpleinen, bestand "
            f"`{meta['source']}`) zijn **synthetisch**. De echte export per Werkplein is niet "
            "openbaar; een generator met vaste seed heeft antwoorden gemaakt die de "
            "gepubliceerde aantallen van het AKO exact opleveren. De codes WP-001 ... horen "
            f"niet bij bestaande Werkpleinen.{blank_text}\n:::\n"
        )
    return (
        '::: {.callout-note title="Gegevens"}\n'
        f"Landkaart-export van {lk.period}: {n} Werkpleinen, bestand `{meta['source']}`."
        f"{blank_text}\n:::\n"
    )


def rule_note(lk: Landkaart, fit: pd.DataFrame) -> str:
    """Which rule reproduces the published means, and which one this report uses."""
    best = best_rule(fit)
    hits = int(fit.loc[best, "Mijlpalen (van 14)"])
    used = lk.rule.name
    text = (
        f"De regel *{fit.loc[best, 'Regel']}* reproduceert {hits} van de 14 gepubliceerde "
        "mijlpaalgemiddelden"
    )
    documented = int(fit.loc["gedocumenteerd", "Mijlpalen (van 14)"])
    text += f"; de gedocumenteerde regel (⅓-punten, afgerond) slechts {documented}. "
    if used == best:
        return text + "Dit rapport rekent daarom met die regel.\n"
    return text + f"Dit rapport rekent op verzoek met de regel *{lk.rule.description_nl}*.\n"


def backtest_note(lk: Landkaart, which: str) -> str:
    if not lk.has_published:
        return (
            f"Voor {lk.period} zijn geen AKO-cijfers gepubliceerd; de tabel toont alleen de "
            "berekende waarden.\n"
        )
    return summary_sentence(lk.checks[which]) + "\n"


def claims_display(lk: Landkaart) -> pd.DataFrame:
    """The §3.4.1 claims as a display table (Dutch numbers)."""
    table = claims_check(lk)
    if not lk.has_published:
        table["Tekst"] = None
        table["Gelijk"] = "–"
    return table[["Bewering in §3.4.1", "Berekend", "Tekst", "Gelijk", "Toelichting"]].map(
        lambda v: number(v) if isinstance(v, int) else ("–" if v is None else v)
    )
