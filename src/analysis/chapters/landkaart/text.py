"""The Landkaart chapter in Dutch: callouts, sentences and display tables from `compute`."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.landkaart.compute import Landkaart, best_rule, claims_check, distribution
from analysis.core import compare, scoring
from analysis.core.codebook import Codebook
from analysis.core.formatting import DASH, number, yes_no
from analysis.core.markdown import code
from analysis.core.values import missing

CLAIM_LABELS = {
    "excl_m11_m14_locations_85_100": "Werkpleinen 85-100 % zonder mijlpalen 11 en 14",
    "excl_m11_m14_locations_66_84": "Werkpleinen 66-84 % zonder mijlpalen 11 en 14",
    "excl_m11_m14_mean_pct": "Gemiddelde score zonder mijlpalen 11 en 14 (%)",
    "without_portfolio_division_2009_T3": (
        "Werkpleinen zonder portefeuilleverdeling (mijlpaal 8 'niet')"
    ),
    "nearly_complete_locations": "Werkpleinen die de invoering (nagenoeg) hebben afgerond",
}
CLAIM_NOTES = {
    "nearly_complete_locations": (
        "De tekst noemt 13 Werkpleinen 'nagenoeg' klaar; Tabel 1 en 2 tellen 12 met 100 %. "
        "'Nagenoeg' is niet gedefinieerd, dus alleen de 12 van de tabellen is na te rekenen."
    ),
}


def category_columns(codebook: Codebook) -> dict[tuple[str, str], str]:
    """Display columns of a distribution table: the mean, then the count per category."""
    cols = {("mean_pct", ""): "Gem. score (%)"}
    cols.update({("count", c): c.capitalize() for c in codebook.category_labels})
    return cols


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


def rule_fit_display(fit: pd.DataFrame) -> pd.DataFrame:
    """`compute.rule_fit` with Dutch column titles ('Alle aantallen' only when checked)."""
    n_ms, n_ph = int(fit["milestones"].iloc[0]), int(fit["phases"].iloc[0])
    table = pd.DataFrame(
        {
            "Regel": [scoring.get_rule(name).description_nl for name in fit.index],
            f"Mijlpalen (van {n_ms})": fit["milestones_hit"],
            f"Fasen (van {n_ph})": fit["phases_hit"],
            "Totaal": fit["total_hit"].map(yes_no),
        },
        index=fit.index,
    )
    if fit["all_counts"].notna().all():
        table["Alle aantallen"] = fit["all_counts"].map(yes_no)
    return table


def distribution_display(lk: Landkaart, which: str) -> pd.DataFrame:
    """Tabel 1 ('tabel-1') or Tabel 2 ('tabel-2') for the report.

    For the published period each cell reads 'computed / published'; otherwise computed only.
    Row labels are the codebook's names (the published OCR damage is corrected).
    """
    columns = category_columns(lk.codebook)
    if lk.has_published:
        table = compare.side_by_side(lk.checks[which], columns)
    else:
        raw = distribution(lk, which)
        table = pd.DataFrame(
            {
                title: raw[f"{s}:{c}" if c else s].map(lambda v: number(v) or DASH)
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
            f"{code(meta['source'])}) zijn **synthetisch**. De echte export per Werkplein is niet "
            "openbaar; een generator met vaste seed heeft antwoorden gemaakt die de "
            "gepubliceerde aantallen van het AKO exact opleveren. De codes WP-001 ... horen "
            f"niet bij bestaande Werkpleinen.{blank_text}\n:::\n"
        )
    return (
        '::: {.callout-note title="Gegevens"}\n'
        f"Landkaart-export van {lk.period}: {n} Werkpleinen, bestand {code(meta['source'])}."
        f"{blank_text}\n:::\n"
    )


def rule_note(lk: Landkaart, fit: pd.DataFrame) -> str:
    """Which rule reproduces the published means, and which one this report uses."""
    best = best_rule(fit)
    hits = int(fit.loc[best, "milestones_hit"])
    n = int(fit.loc[best, "milestones"])
    text = (
        f"De regel *{scoring.get_rule(best).description_nl}* reproduceert {hits} van de {n} "
        "gepubliceerde mijlpaalgemiddelden"
    )
    documented = int(fit.loc["gedocumenteerd", "milestones_hit"])
    text += f"; de gedocumenteerde regel (⅓-punten, afgerond) slechts {documented}. "
    if lk.rule.name == best:
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
    check = claims_check(lk)

    def cell(value: object) -> str:
        return DASH if missing(value) else number(value)

    return pd.DataFrame(
        {
            "Bewering in §3.4.1": check["claim"].map(CLAIM_LABELS),
            "Berekend": check["computed"].map(cell),
            "Tekst": check["published"].map(cell) if lk.has_published else DASH,
            "Gelijk": check["equal"].map(yes_no) if lk.has_published else DASH,
            "Toelichting": check["claim"].map(lambda c: CLAIM_NOTES.get(c, "")),
        }
    )
