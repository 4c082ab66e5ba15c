"""Dutch labels of the labour-market chapter, shared by `text`, `text_tables` and `plots`: column
headings, short series names, numbers in thousands and persons, trend windows, formulas and
claim wording."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.arbeidsmarkt import compute
from analysis.chapters.arbeidsmarkt.compute import Arbeidsmarkt
from analysis.core.formatting import MONTHS_NL, date_nl, number, signed
from analysis.core.periods import END_MONTH
from analysis.core.values import missing
from analysis.study import verdicts

SHORT_NL = {
    "niet_werkende_werkzoekenden": "NWW",
    "ww_uitkeringen": "WW",
    "ag_uitkeringen": "AG",
    "wwb_uitkeringen_lt65": "WWB",
    "nuggers": "Nuggers",
}
# One spelling per outflow part (the source prints 'Niet uitkeringsgerechtigden').
OUTFLOW_NL = {
    "uitstroom_werk_ww": "met indicering WW",
    "uitstroom_werk_wwb": "met indicering WWB",
    "uitstroom_werk_nug": "niet-uitkeringsgerechtigden",
}
SUM_OF_STOCKS = "som van bestanden, geen aantal personen"
CLAIM_LABELS = {
    compute.ROW_SUM_CLAIM: "Mutatie-rij, laatste kolom = −(som van de Mutatie-kolom)",
    compute.OUTFLOW_SUM_CLAIM: "Uitstroom naar werk: WW + WWB + niet-uitkeringsgerechtigden = "
    "totaal",
}
CLAIM_NOTES = {
    compute.ROW_SUM_CLAIM: "Twee tekenconventies in één tabel: de kolom telt een daling "
    "negatief, de rij positief.",
}
NB = "n.b."


def column_label(date: pd.Timestamp) -> str:
    """The AKO column heading of a peildatum: 'Ultimo 2006', 'Ultimo 1e tertaal 2009', ..."""
    date = pd.Timestamp(date)
    if date.month == 12:
        return f"Ultimo {date.year}"
    for tertaal, month in END_MONTH.items():
        if date.month == month:
            return f"Ultimo {tertaal}e tertaal {date.year}"
    return f"Ultimo {MONTHS_NL[date.month - 1]} {date.year}"


def signed_nb(value: float) -> str:
    """'+40', '-30', '0'; n.b. for a missing value."""
    return NB if missing(value) else signed(value)


def thousands_nl(value: float) -> str:
    """A value in thousands as persons, rounded to a thousand: -190.02 -> '−190.000'."""
    return number(round(value) * 1000)


def k_nl(value: float) -> str:
    """A value in thousands as printed in the tables (× 1.000): -190.02 -> '−190'."""
    return number(value)


def outflow_label(series: str, row_label: str) -> str:
    """The display label of an outflow series: one spelling for the parts, else as printed."""
    return OUTFLOW_NL.get(series, row_label)


def claim_verdict(equal: object) -> str:
    """The verdict class of a text claim or a sum within the tables (real, published inputs)."""
    return verdicts.verdict(None if missing(equal) else bool(equal), by_construction=False)


def df_nl(df: int) -> str:
    return f"{df} vrijheidsgraad" if df == 1 else f"{df} vrijheidsgraden"


def window_nl(am: Arbeidsmarkt, start: pd.Timestamp) -> str:
    """'vanaf ultimo 2006 (alle peildata)', 'vanaf ultimo 2008 (de piek)'."""
    name = f"vanaf {column_label(start).lower()}"
    if start == compute.total(am).dropna().index[0]:
        return f"{name} (alle peildata)"
    return f"{name} (de piek)" if start == compute.peak(am) else name


def formula_nl(weights: dict[str, int]) -> str:
    """'−ΔNWW − ΔWW' for weights {nww: -1, ww: -1}."""
    terms = [(("−" if w < 0 else "+"), f"Δ{SHORT_NL.get(s, s)}") for s, w in weights.items() if w]
    text = " ".join(f"{sign} {term}" for sign, term in terms).strip()
    return text[2:] if text.startswith("+ ") else text.replace("− ", "−", 1)


def labelled_claims(am: Arbeidsmarkt) -> pd.DataFrame:
    """The period's claims (`compute.all_claims`) with a Dutch `label` and `note` per row."""
    claims = compute.all_claims(am).copy()
    changes = compute.changes_all(am)
    claims["label"] = [
        f"{r.row_label} t.o.v. ultimo 2006 ({date_nl(r.peildatum)})"
        if r.claim == compute.TEXT_CLAIM
        else CLAIM_LABELS[r.claim]
        for r in claims.itertuples()
    ]
    claims["note"] = [
        _text_claim_note(r, changes)
        if r.claim == compute.TEXT_CLAIM
        else CLAIM_NOTES.get(r.claim, "")
        for r in claims.itertuples()
    ]
    return claims


def _text_claim_note(r: tuple, changes: pd.DataFrame) -> str:
    """The table's parts of a text claim; when they disagree, what each says."""
    parts = r.series.split("+")
    return claim_note(r, {s: changes.loc[s, r.peildatum] for s in parts})


def claim_note(r, parts: dict[str, float]) -> str:
    """`_text_claim_note` from a claim (attributes series, quote, equal, table, text) and the
    table's change of each series it sums (as a chapter's facts keep them)."""
    approx = "ca. " if "ca." in r.quote else ""
    detail = ", ".join(f"{SHORT_NL[s]} {signed_nb(v)}" for s, v in parts.items())
    if r.equal:
        return f"Tabel: {detail} (× 1.000)." if len(parts) > 1 else ""
    direction = "gestegen" if r.table > 0 else "gedaald"
    note = (
        f"Tabel: {detail} (× 1.000), samen {signed_nb(r.table / 1000)}: het aantal is "
        f"met {approx}{number(abs(r.table))} {direction}. De tekst zegt "
        f"'{approx}{number(-r.text)} gedaald'."
    )
    if abs(r.table) == abs(r.text):
        note += " De omvang klopt, de richting niet."
    return note


# --------------------------------------------------------------------------- captions, alt

CAPTIONS = {
    "tbl-uitstroom": "Uitstroom tegen de streefwaarde (AKO §3.1; percentage berekend / "
    "gepubliceerd, met oordeel)",
    "fig-uitstroom": "Realisatie per categorie (staaf) tegen de streefwaarde (streep)",
    "tbl-standcijfers": "Standcijfers van §3.2 (× 1.000; NWW: niet-werkende werkzoekenden) "
    "per peildatum, afgeleide cellen berekend / gepubliceerd; de laatste kolom is de rij "
    f"'Mutatie tov ultimo 2006' van de bron: een {SUM_OF_STOCKS}",
    "tbl-samenstelling": "Kandidaat-samenstellingen van de rij 'Mutatie tov ultimo 2006' "
    "(beste zes)",
    "tbl-voortgang": "Afname van de vier bestanden samen t.o.v. ultimo 2006 (× 1.000, "
    f"{SUM_OF_STOCKS}) tegen het lineaire doelpad",
    "fig-standcijfers": "Standcijfers sinds ultimo 2006 (boven); de som van de vier "
    "bestanden, het doelpad en de trends vanaf elk startpunt met hun 95 %-voorspellingsinterval "
    "voor ultimo 2010 (onder, × 1.000)",
    "tbl-projectie": "Rechte lijn door de som van de vier bestanden vanaf elk startpunt, "
    "verlengd tot ultimo 2010 (× 1.000)",
    "tbl-arbeidsmarkt-beweringen": "Getallen uit de tekst van §3.1–3.2 en sommen in de "
    "tabellen, nagerekend, met oordeel",
}


def caption(label: str) -> str:
    """A table or figure caption (the labour-market inputs are published figures, never
    synthetic, so there is nothing to mark)."""
    return CAPTIONS[label]


def alt(am: Arbeidsmarkt, label: str) -> str:
    """Alt text of a figure, with its key numbers."""
    if label == "fig-uitstroom":
        uit = am.uitstroom
        if uit.empty:
            return f"Lege figuur: geen uitstroomcijfers voor {am.period}."
        table = compute.period_outflow(am)
        parts = [
            f"{lab}: {number(r)} tegen streefwaarde {number(t)}"
            for lab, t, r in zip(table["row_label"], table["streefwaarde"],
                                 table["realisatie"], strict=True)
            if not missing(t) and not missing(r)
        ]  # fmt: skip
        return "Liggende staven van de uitstroom per categorie. " + "; ".join(parts) + "."
    if compute.total(am) is None:
        return f"Lege figuur: geen standcijfers vanaf ultimo 2006 voor {am.period}."
    last = compute.total(am).index.max()
    return (
        "Boven: lijnen van de standcijfers per bestand sinds ultimo 2006. Onder: de som van de "
        f"vier bestanden, van 0 op ultimo 2006 tot {k_nl(compute.total(am)[last])} duizend op "
        f"{date_nl(last)}, het rechte doelpad naar {number(am.target)} duizend op ultimo 2010, "
        f"en {number(len(compute.projections(am)))} trendlijnen vanaf verschillende startpunten "
        "met hun voorspellingsinterval op ultimo 2010."
    )
