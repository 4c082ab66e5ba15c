"""The labour-market chapter's checks: published derived values and text claims recomputed.

Numbers only, with language-neutral ids, each computed once per `Arbeidsmarkt`; `text_labels`
gives them their Dutch wording.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.chapters.arbeidsmarkt.model import PUBLISHED_TABLE, Arbeidsmarkt
from analysis.chapters.arbeidsmarkt.series import (
    OUTFLOW_PARTS,
    OUTFLOW_TOTAL,
    TOTAL,
    mutatie_row,
    outflow,
    round_pct,
)
from analysis.chapters.arbeidsmarkt.target import (
    changes_all,
    composition,
    composition_hits,
    target_verdict,
)
from analysis.core.formatting import date_nl, number
from analysis.core.memo import once
from analysis.core.values import missing
from analysis.study import verdicts
from analysis.study.verdicts import Choice

# Backtest ids (column `check`), by published statistic.
CHECKS = {
    "mutation_vs_base": "mutatie_column",
    "mutatie_row": "mutatie_row",
    "pct_of_target": "outflow_pct",
}
# Claim ids (column `claim`): a number in the text, and two sums within the tables.
TEXT_CLAIM = "text_change_vs_base"  # a change since ultimo 2006 stated in the text
ROW_SUM_CLAIM = "mutatie_row_vs_column_sum"  # last cell of the row = -(sum of the column)
OUTFLOW_SUM_CLAIM = "outflow_parts_sum"  # WW + WWB + niet-uitkeringsgerechtigden = total
BACKTEST_COLUMNS = (
    "check", "statistic", "series", "peildatum", "row_label", "column_label",
    "computed", "published", "equal",
)  # fmt: skip


@once
def backtests(am: Arbeidsmarkt) -> pd.DataFrame:
    """Every published derived value of §3.1-3.2 beside the recomputed one, with `equal`.

    Computed from all data (not only the period's), at the published peildata. A published
    'n.b.' is matched by a computed missing value.
    """
    changes, total = changes_all(am), mutatie_row(am.table_all)
    uit = am.uitstroom_all
    rows = []
    for r in am.published.itertuples():
        if r.statistic == "mutation_vs_base":
            computed = changes.loc[r.series, r.peildatum]
        elif r.statistic == "mutatie_row":
            computed = total.get(r.peildatum, np.nan)
        elif r.statistic == "pct_of_target":
            pct = outflow(uit[uit["peildatum"] == r.peildatum]).loc[r.series, "pct"]
            computed = np.nan if pct is None else round_pct(pct, 1)
        else:
            continue
        both_missing = missing(computed) and missing(r.value)
        rows.append(
            {
                "check": CHECKS[r.statistic],
                "statistic": r.statistic,
                "series": r.series,
                "peildatum": r.peildatum,
                "row_label": r.row_label,
                "column_label": r.column_label,
                "computed": float(computed),
                "published": r.value,
                "equal": bool(both_missing or computed == r.value),
            }
        )
    return pd.DataFrame(rows)


@once
def published_checks(am: Arbeidsmarkt) -> pd.DataFrame:
    """`backtests` for the published period; an empty frame of the same shape otherwise."""
    return backtests(am) if am.has_published else pd.DataFrame(columns=BACKTEST_COLUMNS)


@once
def text_claims(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text and table of §3.1-3.2 side by side: each row a claim (id TEXT_CLAIM, `series` the
    '+'-joined series it sums), its two numbers and whether they agree.

    Values in persons. One sign convention, the table's Mutatie column's: a change since
    ultimo 2006, negative = decrease (the published file holds the text's 'met 25.000
    gedaald' as −25.000). `row_label` and `quote` are passed on from the published table.
    """
    pub = am.published
    rows = []
    for r in pub[pub["statistic"] == TEXT_CLAIM].itertuples():
        table_change = 1000 * float(changes_all(am).loc[r.series.split("+"), r.peildatum].sum())
        rows.append(
            {
                "claim": TEXT_CLAIM,
                "series": r.series,
                "peildatum": r.peildatum,
                "table": table_change,
                "text": float(r.value),
                "equal": table_change == r.value,
                "row_label": r.row_label,
                "quote": r.quote,
            }
        )
    return pd.DataFrame(rows)


@once
def internal_checks(am: Arbeidsmarkt) -> pd.DataFrame:
    """Checks within the published tables: parts add up to totals (ids ROW_SUM_CLAIM and
    OUTFLOW_SUM_CLAIM)."""
    rows = []
    col = am.published[am.published["statistic"] == "mutation_vs_base"]
    row = am.published[am.published["statistic"] == "mutatie_row"]
    last = col["peildatum"].iloc[0]
    col_sum = float(col["value"].sum(min_count=1))
    row_last = float(row.set_index("peildatum")["value"].get(last, np.nan))
    rows.append(
        {
            "claim": ROW_SUM_CLAIM,
            "series": TOTAL,
            "peildatum": last,
            "table": -col_sum * 1000,
            "text": row_last * 1000,
            "equal": -col_sum == row_last,
            "row_label": "",
            "quote": "",
        }
    )
    uit = am.uitstroom_all
    for date in sorted(uit["peildatum"].unique()):
        real = uit[(uit["peildatum"] == date) & (uit["measure"] == "realisatie")].set_index(
            "series"
        )["value"]
        if OUTFLOW_TOTAL in real and all(p in real for p in OUTFLOW_PARTS):
            parts = float(real[list(OUTFLOW_PARTS)].sum(min_count=len(OUTFLOW_PARTS)))
            total = float(real[OUTFLOW_TOTAL])
            rows.append(
                {
                    "claim": OUTFLOW_SUM_CLAIM,
                    "series": OUTFLOW_TOTAL,
                    "peildatum": pd.Timestamp(date),
                    "table": parts,
                    "text": total,
                    "equal": parts == total,
                    "row_label": "",
                    "quote": "",
                }
            )
    return pd.DataFrame(rows)


@once
def all_claims(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text claims and internal sums whose peildatum lies within the period's data."""
    claims = pd.concat([text_claims(am), internal_checks(am)], ignore_index=True)
    return claims[claims["peildatum"] <= am.end].reset_index(drop=True)


# --------------------------------------------------------------------------- audit
# The audit's item and reason are Dutch by the audit schema (`analysis.study.verdicts`).

PUBLISHED_FILE = PUBLISHED_TABLE  # the published values of §3.1-3.2 (`model.load_published`)
MODEL_RESULT = "target_reachable"
RULES = {
    "mutation_vs_base": "stand op de peildatum min die van ultimo 2006, in duizendtallen; exact gelijk",  # noqa: E501
    "mutatie_row": "de veranderingen sinds ultimo 2006 van de vier bestanden samen, met "
    "omgekeerd teken, in duizendtallen; exact gelijk",
    "pct_of_target": "realisatie gedeeld door streefwaarde, in procenten met één decimaal; "
    "exact gelijk",
    TEXT_CLAIM: "verandering sinds ultimo 2006 volgens de tabel (duizendtallen maal 1.000; "
    "negatief is een daling); exact gelijk",
    MODEL_RESULT: "rechte lijn door de Mutatie-rij vanaf elk startpunt met ten minste drie "
    "peildata, verlengd tot ultimo 2010: 'niet haalbaar' als de lijn daar bij elk startpunt "
    "onder de doelstelling uitkomt",
}


def _source(r) -> str:
    return f"{str(r.source_file)[:3]}, {r.section}, {r.source_table}"


def _reason(statistic: str, am: Arbeidsmarkt) -> str:
    """Why a derived value of the tables is *gereproduceerd*: it follows from published
    figures alone (the transcribed standcijfers and outflow)."""
    if statistic == "mutation_vs_base":
        return "volgt uit de gepubliceerde standcijfers alleen (peildatum min ultimo 2006)"
    if statistic == "mutatie_row":
        fit = composition(am)
        full = int((fit["hits"] == fit["columns"]).sum())
        which = (
            "de enige samenstelling die de hele rij geeft"
            if full == 1
            else f"een van de {number(full)} samenstellingen die de hele rij geven"
        )
        return f"volgt uit de gepubliceerde standcijfers met {which}"
    return "volgt uit de gepubliceerde streefwaarde en realisatie alleen"


def _composition_choice(am: Arbeidsmarkt, peildatum: pd.Timestamp) -> Choice:
    """The composition of the 'Mutatie' row, chosen among every -1/0/+1 weighting because
    it gives the row; how many of them give this cell."""
    return Choice(
        "min de som van de veranderingen van NWW, WW, AG en WWB",
        len(composition(am)), int(composition_hits(am).get(peildatum, 0)), of="samenstellingen",
    )  # fmt: skip


@once
def target_claim(am: Arbeidsmarkt) -> tuple[str, str, Choice | None]:
    """The verdict on the text's 'niet gaat lukken': the straight line from every fitting
    start, at ultimo 2010, against the target. The claim holds when every line stays below it
    (whatever the start: reproduced), fails when none does; when the starts disagree, it holds
    only for the starts chosen (past na keuze). The 95 % prediction intervals say how sure
    that is."""
    verdict = target_verdict(am)
    below = list(verdict["below"].values())
    found = list(verdict["windows"].values())
    if not below:
        return verdicts.UNCHECKABLE, "te weinig peildata voor een trend met onzekerheidsmarge", None
    sure = (
        f"het 95 %-voorspellingsinterval ligt bij {number(found.count(False))} van de "
        f"{number(len(found))} startpunten helemaal onder de doelstelling"
        + (f" en bij {number(found.count(True))} helemaal erboven" if found.count(True) else "")
        + f"; bij {number(found.count(None))} omvat het haar" * bool(found.count(None))
    )
    lines = (
        f"{number(below.count(True))} van de {number(len(below))} rechte lijnen komen ultimo "
        "2010 onder de doelstelling uit"
    )
    claim_holds = [b == (not verdict["text_reachable"]) for b in below]
    choice = None
    if 0 < sum(claim_holds) < len(below):
        choice = Choice("een startpunt van de trend waarbij de lijn de bewering volgt",
                        len(below), sum(claim_holds), of="startpunten")  # fmt: skip
    equal = any(claim_holds)
    return verdicts.verdict(equal, by_construction=False, choice=choice), f"{lines}; {sure}", choice


@once
def audit(am: Arbeidsmarkt) -> pd.DataFrame:
    """One audit row (`verdicts.audit_frame`) per published value of §3.1-3.2 (blank 'n.b.'
    cells excluded). The inputs are transcribed published figures, so every derived value
    that matches is *gereproduceerd*."""
    published = verdicts.with_lines(am.published)  # `model.load_published`
    checked = backtests(am).set_index(["statistic", "series", "peildatum"])
    claims = text_claims(am).set_index(["series", "peildatum"])
    rows = []
    for r in published.dropna(subset=["value"]).itertuples():
        row = {
            "published_key": verdicts.published_key(PUBLISHED_FILE, r.line),
            "source": _source(r),
            "item": f"{r.row_label}, {r.column_label}" if r.column_label else r.row_label,
            "published": float(r.value),
            "computed": None,
            "difference": None,
        }
        row["rule"] = RULES.get(r.statistic)
        if r.statistic in CHECKS:
            c = checked.loc[(r.statistic, r.series, r.peildatum)]
            equal = bool(c["equal"])
            choice = _composition_choice(am, r.peildatum) if r.statistic == "mutatie_row" else None
            row["computed"] = c["computed"]
            row["verdict"] = verdicts.verdict(equal, by_construction=False, choice=choice)
            row["reason"] = (
                _reason(r.statistic, am)
                if equal
                else f"berekend {number(c['computed'], 1)}, gepubliceerd "
                f"{number(c['published'], 1)}"
            )
            if row["verdict"] in (verdicts.BY_DEFINITION, verdicts.AFTER_CHOICE):
                row["candidates"] = choice.candidates
            if row["verdict"] == verdicts.BY_DEFINITION:
                row["reason"] = (
                    f"{choice.reason()}: de verandering van ultimo 2006 ten opzichte van "
                    "zichzelf is 0"
                )
            elif row["verdict"] == verdicts.AFTER_CHOICE:
                row["reason"] = f"{choice.reason()}; {row['reason']}"
        elif r.statistic == TEXT_CLAIM:
            c = claims.loc[(r.series, r.peildatum)]
            row["item"] = (
                f"tekst: verandering {r.row_label} t.o.v. ultimo 2006, {date_nl(r.peildatum)} "
                "(negatief is een daling)"
            )
            row["computed"] = float(c["table"])
            row["verdict"] = verdicts.verdict(bool(c["equal"]), by_construction=False)
            row["reason"] = (
                "volgt uit de gepubliceerde standcijfers alleen"
                if c["equal"]
                else f"volgens de tabel is het aantal met {number(abs(c['table']))} "
                + ("gestegen" if c["table"] > 0 else "gedaald")
                + ", de tekst zegt 'gedaald'"
            )
        elif r.statistic == MODEL_RESULT:
            row["item"] = (
                "tekst: de participatiedoelstelling 'gaat niet lukken' (haalbaar: 1 = ja, 0 = nee)"
            )
            overall = target_verdict(am)["reachable"]
            row["computed"] = None if overall is None else float(overall)
            row["verdict"], row["reason"], choice = target_claim(am)
            if choice is not None:
                row["candidates"] = choice.candidates
                row["reason"] = f"{choice.reason()}; {row['reason']}"
        else:
            row["item"] = f"tekst: {r.row_label}, extra werkzoekenden aan het werk (doel)"
            row["verdict"] = verdicts.UNCHECKABLE
            row["reason"] = (
                "een doel uit het convenant, geen uitkomst: het hoofdstuk gebruikt het als gegeven"
            )
        rows.append(row)
    return verdicts.audit_frame(rows)
