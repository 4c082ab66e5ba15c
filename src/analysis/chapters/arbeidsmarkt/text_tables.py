"""Dutch display tables of the labour-market chapter (frames of formatted strings).

Derived values are shown as 'computed / published' (with ≠ when they differ) for the
published period, and as computed values only otherwise. Stocks and their sums are in
thousands, as the AKO prints them; the 'Mutatie' row is a sum of stocks, not of persons.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.arbeidsmarkt import compute
from analysis.chapters.arbeidsmarkt.compute import OUTFLOW_PARTS, TARGET_DATE, Arbeidsmarkt
from analysis.chapters.arbeidsmarkt.text_labels import (
    SHORT_NL,
    claim_verdict,
    column_label,
    formula_nl,
    k_nl,
    labelled_claims,
    outflow_label,
    signed_nb,
    window_nl,
)
from analysis.core.compare import pair
from analysis.core.formatting import DASH, and_nl, day_nl, number, percent, signed
from analysis.core.values import missing
from analysis.study import verdicts

SOFT_HYPHEN = "\u00ad"  # lets a long header word break at the margin
ROW_TOTAL = "Afname vier bestanden (som)"


def _number_or_dash(value: float) -> str:
    return DASH if missing(value) else number(value)


def standcijfers_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """The standcijfers table of §3.2 with peildata as rows: one column per stock (short
    names, × 1.000), the 'Mutatie' row as the last column and the 'Mutatie' column as the
    last row; derived cells 'computed / published'. A stock without any value is left out."""
    table, total = am.table, compute.total(am)
    if total is None:
        return pd.DataFrame({"Peildatum": []})
    shown = [s for s in table.index if table.loc[s].notna().any()]
    last = table.columns[-1]
    check = compute.published_checks(am)
    pub_col = check[check["statistic"] == "mutation_vs_base"]
    pub_col = pub_col[pub_col["peildatum"] == last].set_index("series")
    pub_row = check[check["statistic"] == "mutatie_row"].set_index("peildatum")
    fmt = _number_or_dash

    def with_published(computed: str, frame: pd.DataFrame, key: object) -> str:
        if key not in frame.index:
            return computed
        r = frame.loc[key]
        return pair(computed, fmt(r["published"]), r["equal"])

    records = []
    for d in table.columns:
        rec = {"Peildatum": column_label(d)}
        rec.update({SHORT_NL.get(s, s): fmt(table.loc[s, d]) for s in shown})
        rec[ROW_TOTAL] = with_published(fmt(total[d]), pub_row, d)
        records.append(rec)
    changes = compute.changes(am)
    rec = {"Peildatum": f"Mutatie t.o.v. ultimo 2006 ({column_label(last).lower()})"}
    rec.update(
        {SHORT_NL.get(s, s): with_published(fmt(changes.loc[s, last]), pub_col, s) for s in shown}
    )
    rec[ROW_TOTAL] = ""
    records.append(rec)
    return pd.DataFrame(records)


def composition_display(am: Arbeidsmarkt, top: int = 6) -> pd.DataFrame:
    """The best candidate compositions of the Mutatie row and how many columns each hits."""
    fit = compute.composition(am)
    n = int(fit["columns"].iloc[0])
    return pd.DataFrame(
        {
            "Samenstelling van de rij": fit["weights"].head(top).map(formula_nl),
            f"Kolommen gelijk (van {n})": fit["hits"].head(top).map(number),
            f"Zonder ultimo 2006 (van {n - 1})": fit["hits_informative"].head(top).map(number),
        }
    )


def progress_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Per peildatum: the decrease of the four stocks (× 1.000) vs the linear path to the
    target, the sum as % of the target and the share of time gone."""
    if compute.total(am) is None:
        return pd.DataFrame({"Peildatum": []})
    prog = compute.target_progress(am)
    target = number(am.target * 1000)
    return pd.DataFrame(
        {
            "Peildatum": [column_label(d) for d in prog.index],
            "Afname vier bestanden (som)": prog["realised"].map(k_nl),
            "Lineair doelpad": prog["path"].map(k_nl),
            f"Som als % van {target}": prog["pct_of_target"].map(percent),
            "Verstreken looptijd": prog["pct_of_time"].map(percent),
        }
    ).reset_index(drop=True)


REACH_NL = {False: "nee", True: "ja", None: "onbeslist"}
INTERVAL_NL = {False: "geheel eronder", True: "geheel erboven", None: "omvat het doel"}


def projection_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Every fitting window: peildata used, trend per year, the value at ultimo 2010 with its
    95 % prediction interval (× 1.000) and what that says about the target."""
    if not compute.projections(am):
        return pd.DataFrame({"Venster": ["te weinig peildata voor een trend (minstens 3)"]})
    target = number(am.target)
    records = []
    for start, proj in compute.projections(am).items():
        mean, lo, hi = proj.interval
        records.append(
            {
                "Venster": window_nl(am, start),
                "Peildata": number(proj.fit.n),
                "Trend per jaar": signed(proj.fit.slope),
                column_label(TARGET_DATE): k_nl(mean),
                f"95 %-voorspellings{SOFT_HYPHEN}interval": f"{k_nl(lo)} tot {k_nl(hi)}",
                f"Interval t.o.v. {target}": INTERVAL_NL[
                    compute.target_verdict(am)["windows"][start]
                ],
            }
        )
    return pd.DataFrame(records)


def uitstroom_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """§3.1: target, realisation and % of target per category (computed / published), with
    the verdict on each published percentage."""
    uit = am.uitstroom
    if uit.empty:
        return pd.DataFrame(
            {"Categorie": [f"geen uitstroomcijfers voor {am.period}"], "Realisatie": [DASH]}
        )
    table = compute.period_outflow(am)
    check = compute.published_checks(am)
    pub = check[check["statistic"] == "pct_of_target"].set_index("series")
    pct_cells, verdict_cells = [], []
    for series, pct in table["pct"].items():
        computed = DASH if pct is None else percent(pct, 1)
        if series in pub.index:
            r = pub.loc[series]
            pct_cells.append(pair(computed, percent(r["published"], 1), r["equal"]))
            verdict_cells.append(verdicts.verdict(bool(r["equal"]), by_construction=False))
        else:
            pct_cells.append(computed)
            verdict_cells.append("")
    categories = [
        f"waarvan {outflow_label(s, lab)}" if s in OUTFLOW_PARTS else lab
        for s, lab in table["row_label"].items()
    ]
    out = pd.DataFrame(
        {
            "Categorie": categories,
            "Streefwaarde": table["streefwaarde"].map(_number_or_dash),
            "Realisatie": table["realisatie"].map(_number_or_dash),
            "Percentage": pct_cells,
            "Oordeel": verdict_cells,
        }
    ).reset_index(drop=True)
    return out if any(verdict_cells) else out.drop(columns="Oordeel")


def claims_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text claims and internal sums of §3.1-3.2: the value from the tables beside the text's,
    with the verdict; the judgement on the target (a model result) for the published period."""
    records = [
        {
            "Bewering of samenhang": r.label,
            "Berekend": signed_nb(r.table),
            "Tekst / gepubliceerd": signed_nb(r.text),
            "Oordeel": claim_verdict(r.equal),
            "Toelichting": r.note,
        }
        for r in labelled_claims(am).itertuples()
    ]
    verdict = compute.target_verdict(am)
    if am.has_published and verdict["windows"] and verdict["text_reachable"] is not None:
        below = list(verdict["below"].values())
        sure = [window_nl(am, s) for s, r in verdict["windows"].items() if r is False]
        target = number(am.target * 1000)
        records.append(
            {
                "Bewering of samenhang": "Participatiedoelstelling ultimo 2010 haalbaar?",
                "Berekend": f"{REACH_NL[verdict['reachable']]} ({number(below.count(True))} van "
                f"{number(len(below))} lijnen eronder)",
                "Tekst / gepubliceerd": REACH_NL[verdict["text_reachable"]],
                "Oordeel": compute.target_claim(am)[0],
                "Toelichting": "Geen tabelwaarde maar de uitkomst van rechte lijnen door de "
                f"som, één per startpunt: {number(below.count(True))} van de "
                f"{number(len(below))} komen ultimo 2010 onder {target} uit. Het "
                "95 %-voorspellingsinterval ligt "
                + (f"alleen {and_nl(sure)} geheel onder {target}." if sure else
                   f"bij geen enkel startpunt geheel onder {target}."),
            }
        )  # fmt: skip
    if not records:
        records.append(
            {
                "Bewering of samenhang": "geen beweringen met een peildatum tot en met "
                f"{day_nl(am.end.date())}",
                "Berekend": DASH,
                "Tekst / gepubliceerd": DASH,
                "Oordeel": DASH,
                "Toelichting": "",
            }
        )
    out = pd.DataFrame(records)
    return out if out["Toelichting"].astype(bool).any() else out.drop(columns="Toelichting")
