"""The Landkaart chapter in Dutch: callouts, sentences and display tables from `compute`."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.landkaart.compute import (
    Landkaart,
    audit,
    backtests,
    best_rule,
    claim_keys,
    claims_check,
    distribution,
    exclusion_choice,
    exclusion_readings,
)
from analysis.core import compare
from analysis.core.formatting import DASH, number, percent, span, yes_no
from analysis.core.markdown import code
from analysis.core.values import missing
from analysis.study import scoring, verdicts
from analysis.study.codebook import Codebook

CLAIM_LABELS = {
    "excl_m11_m14_locations_85_100": f"Werkpleinen {span('85', '100 %')} zonder mijlpalen 11 en 14",
    "excl_m11_m14_locations_66_84": f"Werkpleinen {span('66', '84 %')} zonder mijlpalen 11 en 14",
    "excl_m11_m14_mean_pct": "Gemiddelde score zonder mijlpalen 11 en 14 (%)",
    "nearly_complete_locations": "Werkpleinen die de invoering (nagenoeg) hebben afgerond",
    "without_portfolio_division_2009_T3": (
        "Werkpleinen zonder portefeuilleverdeling (mijlpaal 8 'niet')"
    ),
    "conclusion_excl_m13_m14_locations": (
        "Conclusie (§4.1): Werkpleinen nagenoeg klaar zonder mijlpalen 13 en 14"
    ),
    "excluded_milestone_number_channels": (
        "Nummer van 'ontschotte en enkelvoudige kanalen' in §3.4.1"
    ),
    "lagging_locations": "Conclusie (§4.1): achterblijvende Werkpleinen",
}
SYNTHETIC = " (synthetische gegevens)"


def category_columns(codebook: Codebook) -> dict[tuple[str, str], str]:
    """Display columns of a distribution table: the mean, then the count per category."""
    cols = {("mean_pct", ""): "Gem. score (%)"}
    cols.update({("count", c): c.capitalize() for c in codebook.category_labels})
    return cols


def caption(lk: Landkaart, text: str, *, synthetic: bool | None = None) -> str:
    """A caption, marked when it rests on the period's synthetic answers."""
    return text + (SYNTHETIC if (lk.synthetic if synthetic is None else synthetic) else "")


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
                f"{span(str(lo), str(hi))} %" if lo != hi else f"{lo} %"
                for lo, hi in zip(cats["band_min_pct"], cats["band_max_pct"], strict=True)
            ],
            "Punten (gedocumenteerd)": [str(p) for p in cats["points"]],
        }
    )


def rule_fit_display(fit: pd.DataFrame, synthetic: bool) -> pd.DataFrame:
    """`compute.rule_fit` with Dutch column titles.

    'Alle aantallen' only when checked on real answers: synthetic answers were generated under
    the winning rule, so that column would hold for it by construction.
    """
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
    if fit["all_counts"].notna().all() and not synthetic:
        table["Alle aantallen"] = fit["all_counts"].map(yes_no)
    return table


def distribution_display(lk: Landkaart, which: str) -> pd.DataFrame:
    """Tabel 1 ('tabel-1') or Tabel 2 ('tabel-2') for the report.

    For the published period each cell reads 'computed / published'; otherwise computed only.
    Row labels are the codebook's names (the published OCR damage is corrected).
    """
    columns = category_columns(lk.codebook)
    if lk.has_published:
        table = compare.side_by_side(backtests(lk)[which], columns)
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
            "openbaar; een generator met vaste startwaarde heeft antwoorden gemaakt die de "
            "gepubliceerde aantallen van het AKO opleveren. Waar berekende en gepubliceerde "
            "aantallen daardoor gelijk zijn, is dat *per constructie*: het toetst de generator, "
            "niet het AKO. Alleen wat uit de gepubliceerde cijfers zelf volgt, zonder dat een "
            "lezing of rekenregel is gekozen omdat die het getal geeft, heet in dit hoofdstuk "
            "*gereproduceerd*. De codes WP-001 ... horen niet bij bestaande "
            f"Werkpleinen.{blank_text}\n:::\n"
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
    text += (
        "Deze vergelijking gebruikt alleen de gepubliceerde aantallen per categorie, geen "
        "gegevens per Werkplein. "
    )
    if lk.synthetic:
        text += (
            "Of een regel ook alle aantallen per scoreband oplevert, is met de synthetische "
            "antwoorden niet te toetsen: die zijn met de gevonden regel gemaakt. "
        )
    if lk.rule.name == best:
        return text + (
            "Dit rapport rekent daarom met die regel. Omdat de regel is gekozen omdat hij de "
            "gepubliceerde gemiddelden geeft, bevestigen die gemiddelden hem niet: ze krijgen "
            "het oordeel *past na keuze*, niet *gereproduceerd*.\n"
        )
    return text + f"Dit rapport rekent op verzoek met de regel *{lk.rule.description_nl}*.\n"


def table_audit(lk: Landkaart, which: str) -> pd.DataFrame:
    """The audit rows of AKO Tabel 1 ('tabel-1') or Tabel 2 ('tabel-2')."""
    rows = audit(lk)
    return rows[rows["published_key"].str.startswith(f"ako-2009-T3-{which}:")]


def backtest_note(lk: Landkaart, which: str) -> str:
    """How the computed table meets the published one, by verdict class."""
    if not lk.has_published:
        return (
            f"Voor {lk.period} zijn geen AKO-cijfers gepubliceerd; de tabel toont alleen de "
            "berekende waarden.\n"
        )
    text = verdicts.sentence(table_audit(lk, which)) + (
        " De percentages volgen uit de gepubliceerde aantallen zelf, de gemiddelden ook, maar "
        "alleen met de rekenregel die om die gemiddelden is gekozen; de aantallen per "
        "scoreband vragen de antwoorden per Werkplein"
    )
    if lk.synthetic:
        text += ", en die zijn hier synthetisch: gelijkheid daar is per constructie"
    return text + ".\n"


def claims_display(lk: Landkaart) -> pd.DataFrame:
    """The chapter's claims (§3.4.1 and the conclusions) with their verdict class and reason."""
    rows = audit(lk)
    rows = rows[rows["published_key"].str.startswith("ako-2009-T3-claims:")]
    keys = claim_keys(lk)
    claims = [keys[k] for k in rows["published_key"]]

    def cell(value: object) -> str:
        return DASH if missing(value) else number(value)

    return pd.DataFrame(
        {
            "Bewering": [CLAIM_LABELS[c] for c in claims],
            "Tekst": rows["published"].map(cell).to_list(),
            "Berekend": rows["computed"].map(cell).to_list(),
            "Oordeel": rows["verdict"].to_list(),
            "Toelichting": rows["reason"].to_list(),
        }
    )


def readings_display(lk: Landkaart) -> pd.DataFrame:
    """The mean 'without two milestones' under both readings of §3.4.1 and two rules."""
    readings = exclusion_readings(lk)
    table = readings.pivot(index="reading", columns="rule", values=["exact_pct", "pct"])
    rules = {scoring.DEFAULT_RULE: "gevonden regel", "gedocumenteerd": "gedocumenteerde regel"}
    out = pd.DataFrame(index=table.index)
    for rule, title in rules.items():
        out[f"{title}: exact"] = table[("exact_pct", rule)].map(lambda v: percent(v, 2))
        out[f"{title}: gepubliceerd als"] = table[("pct", rule)].map(percent)
    return out.rename_axis("Weggelaten mijlpalen volgens").reset_index()


def readings_note(lk: Landkaart) -> str:
    """Which reading of 'mijlpalen (13 ... en 14 ...)' the published mean supports, and why
    that match is no evidence."""
    readings = exclusion_readings(lk)
    ako = readings[readings["rule"] == scoring.DEFAULT_RULE].set_index("reading")
    by_name, by_number = ako.loc["naam (11 en 14)"], ako.loc["nummer (13 en 14)"]
    claims = claims_check(lk).set_index("claim")
    mean = int(claims.loc["excl_m11_m14_mean_pct", "published"])
    text = (
        "§3.4.1 laat twee mijlpalen weg en noemt ze '13 - ontschotte en enkelvoudige kanalen' "
        "en '14 - klantverbetercyclus'. Maar 'ontschotte en enkelvoudige kanalen' is mijlpaal 11 "
        "(Bijlage 1 van het IWI-rapport), en elders in hetzelfde AKO-rapport staat 13 voor "
        "'ketenbrede werkplekken en applicaties'. Naam en nummer wijzen dus naar verschillende "
        "mijlpalen. De gepubliceerde aantallen van Tabel 2 beslissen: met de gevonden "
        f"rekenregel geeft weglaten van 11 en 14 {percent(by_name['exact_pct'], 2)}, "
        f"afgekapt {percent(by_name['pct'])}, en weglaten van 13 en 14 "
        f"{percent(by_number['exact_pct'], 2)}, dus {percent(by_number['pct'])}. "
    )
    fits = [by_name["pct"] == mean, by_number["pct"] == mean]
    text += {
        (True, False): f"De gepubliceerde {percent(mean)} past alleen bij de lezing naar de "
        "naam; dit hoofdstuk laat daarom 11 en 14 weg. ",
        (False, True): f"De gepubliceerde {percent(mean)} past alleen bij de lezing naar het "
        "nummer; dit hoofdstuk volgt toch de naam, zoals de rest van het rapport. ",
        (True, True): f"De gepubliceerde {percent(mean)} past bij beide lezingen. ",
        (False, False): f"De gepubliceerde {percent(mean)} past bij geen van beide lezingen. ",
    }[(bool(fits[0]), bool(fits[1]))]
    choice = exclusion_choice(lk, mean)
    if fits[0] and choice.matching is not None:
        text += (
            "Dat het getal dan klopt, bevestigt het niet: lezing en rekenregel zijn gekozen "
            f"omdat ze het geven ({number(choice.matching)} van de {number(choice.candidates)} "
            "combinaties van lezing en rekenregel doet dat). De conclusies van hetzelfde rapport "
            "(§4.1) laten bovendien mijlpaal 13, ketenbrede werkplekken en applicaties, weg in "
            "plaats van 11. "
        )
    if lk.synthetic and lk.has_published:
        a, b = (claims.loc[f"excl_m11_m14_locations_{r}", "computed"] for r in ("85_100", "66_84"))
        text += (
            f"Dat de synthetische antwoorden daarna {number(a)} en {number(b)} Werkpleinen "
            "opleveren, zegt niets: ze zijn gemaakt om dat te doen."
        )
    return text + "\n"


def summary(facts: dict) -> str:
    """Key findings of the chapter for the report's Samenvatting (Markdown bullets), from its
    facts (`compute.facts`)."""
    rule = scoring.get_rule(facts["rule"]).description_nl
    lines = [
        f"De gemiddelden van AKO Tabel 2 volgen de rekenregel *{rule}*"
        f" ({facts['milestones_hit']} van de {facts['milestones']} mijlpalen), niet de "
        f"gedocumenteerde ⅓-punten ({facts['documented_hit']} van de {facts['milestones']}).",
    ]
    if facts["published"]:
        lines.append(
            verdicts.counts_sentence(
                facts["verdicts"], "getallen uit AKO Tabel 1 en 2 en de tekst van het rapport"
            )
        )
        two = facts["without_two"]
        if two["by_name"] == two["published"] != two["by_number"]:
            lines.append(
                f"De {percent(two['published'])} 'zonder twee mijlpalen' past alleen als "
                "mijlpalen 11 en 14 zijn weggelaten, niet 13 en 14 zoals het nummer in de tekst "
                "zegt; de conclusies van het AKO (§4.1) noemen toch mijlpaal 13, ketenbrede "
                "werkplekken en applicaties."
            )
    return "\n".join(f"- {line}" for line in lines) + "\n"
