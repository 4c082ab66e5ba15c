"""Dutch labels of the labour-market chapter, shared by `text`, `text_tables` and `plots`: column
headings, short series names, numbers in persons, trend windows, formulas and claim wording."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.arbeidsmarkt import checks
from analysis.chapters.arbeidsmarkt.compute import Arbeidsmarkt
from analysis.chapters.arbeidsmarkt.series import window_dates
from analysis.core.formatting import MONTHS_NL, date_nl, number, signed
from analysis.core.periods import END_MONTH
from analysis.core.values import missing

SHORT_NL = {
    "niet_werkende_werkzoekenden": "NWW",
    "ww_uitkeringen": "WW",
    "ag_uitkeringen": "AG",
    "wwb_uitkeringen_lt65": "WWB",
    "nuggers": "Nuggers",
}
CLAIM_LABELS = {
    checks.ROW_SUM_CLAIM: "Mutatie-rij, laatste kolom = −(som van de Mutatie-kolom)",
    checks.OUTFLOW_SUM_CLAIM: "Uitstroom naar werk: WW + WWB + niet-uitkeringsgerechtigden = "
    "totaal",
}
CLAIM_NOTES = {
    checks.ROW_SUM_CLAIM: "Twee tekenconventies in één tabel: de kolom telt een daling "
    "negatief, de rij positief.",
}
WINDOW_NL = {"all": "alle peildata", "since_peak": "vanaf de piek"}
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
    """A value in thousands as persons, rounded to a thousand: 190.02 -> '-190.000'."""
    return number(round(value) * 1000)


def df_nl(df: int) -> str:
    return f"{df} vrijheidsgraad" if df == 1 else f"{df} vrijheidsgraden"


def window_name(window: str, dates: pd.DatetimeIndex | tuple[pd.Timestamp, ...]) -> str:
    """'alle peildata' or 'vanaf de piek, ultimo 2008' for a window and its peildata."""
    name = WINDOW_NL[window]
    if window == "since_peak":
        name += f", {date_nl(dates[0])}"
    return name


def trend_name(am: Arbeidsmarkt, window: str) -> str:
    """`window_name` of a window of `am.projections`."""
    return window_name(window, window_dates(am.total, window))


def formula_nl(weights: dict[str, int]) -> str:
    """'−ΔNWW − ΔWW' for weights {nww: -1, ww: -1}."""
    terms = [(("−" if w < 0 else "+"), f"Δ{SHORT_NL.get(s, s)}") for s, w in weights.items() if w]
    text = " ".join(f"{sign} {term}" for sign, term in terms).strip()
    return text[2:] if text.startswith("+ ") else text.replace("− ", "−", 1)


def labelled_claims(am: Arbeidsmarkt) -> pd.DataFrame:
    """The period's claims (`Arbeidsmarkt.claims`) with a Dutch `label` and `note` per row."""
    claims = am.claims.copy()
    changes = am.changes_all
    claims["label"] = [
        f"{r.row_label} t.o.v. ultimo 2006 ({date_nl(r.peildatum)})"
        if r.claim == checks.TEXT_CLAIM
        else CLAIM_LABELS[r.claim]
        for r in claims.itertuples()
    ]
    claims["note"] = [
        _text_claim_note(r, changes)
        if r.claim == checks.TEXT_CLAIM
        else CLAIM_NOTES.get(r.claim, "")
        for r in claims.itertuples()
    ]
    return claims


def _text_claim_note(r: tuple, changes: pd.DataFrame) -> str:
    """The table's parts of a text claim; when they disagree, what each says."""
    parts = r.series.split("+")
    approx = "ca. " if "ca." in r.quote else ""
    detail = ", ".join(f"{SHORT_NL[s]} {signed_nb(changes.loc[s, r.peildatum])}" for s in parts)
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
