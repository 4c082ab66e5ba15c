"""Dutch display tables of the labour-market chapter (frames of formatted strings).

Derived values are shown as 'computed / published' (with ≠ when they differ) for the
published period, and as computed values only otherwise.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.arbeidsmarkt.compute import Arbeidsmarkt
from analysis.chapters.arbeidsmarkt.series import (
    BASE_DATE,
    OUTFLOW_PARTS,
    TARGET_DATE,
    mutations,
    outflow,
    progress,
    series_labels,
    window_dates,
)
from analysis.chapters.arbeidsmarkt.text_labels import (
    column_label,
    formula_nl,
    labelled_claims,
    signed_nb,
    thousands_nl,
    trend_name,
)
from analysis.core.compare import pair
from analysis.core.formatting import DASH, number, percent, yes_no
from analysis.core.values import missing


def _number_or_dash(value: float) -> str:
    return DASH if missing(value) else number(value)


def standcijfers_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """AKO Tabel 1 (standcijfers): the data, the Mutatie column and row, with published values."""
    stand, table, total = am.standcijfers, am.table, am.total
    if total is None:
        return pd.DataFrame({"Standcijfers (× 1.000)": []})
    changes = mutations(table)
    last = table.columns[-1]
    check = am.checks
    pub_col = check[check["statistic"] == "mutation_vs_base"]
    pub_col = pub_col[pub_col["peildatum"] == last].set_index("series")
    pub_row = check[check["statistic"] == "mutatie_row"].set_index("peildatum")
    fmt = _number_or_dash

    mut_title = f"Mutatie t.o.v. {column_label(BASE_DATE).lower()}"
    records = []
    for series, label in series_labels(stand).items():
        rec = {"Standcijfers (× 1.000)": label}
        rec.update({column_label(d): fmt(table.loc[series, d]) for d in table.columns})
        computed = fmt(changes.loc[series, last])
        if series in pub_col.index:
            r = pub_col.loc[series]
            rec[mut_title] = pair(computed, fmt(r["published"]), r["equal"])
        else:
            rec[mut_title] = computed
        records.append(rec)
    rec = {"Standcijfers (× 1.000)": "Mutatie tov ultimo 2006 (afname van de vier bestanden)"}
    for d in table.columns:
        computed = fmt(total[d])
        if d in pub_row.index:
            r = pub_row.loc[d]
            rec[column_label(d)] = pair(computed, fmt(r["published"]), r["equal"])
        else:
            rec[column_label(d)] = computed
    rec[mut_title] = ""
    records.append(rec)
    return pd.DataFrame(records)


def composition_display(am: Arbeidsmarkt, top: int = 6) -> pd.DataFrame:
    """The best candidate compositions of the Mutatie row and how many columns each hits."""
    fit = am.composition
    n = int(fit["columns"].iloc[0])
    return pd.DataFrame(
        {
            "Samenstelling van de rij": fit["weights"].head(top).map(formula_nl),
            f"Kolommen gelijk (van {n})": fit["hits"].head(top).map(number),
            f"Zonder ultimo 2006 (van {n - 1})": fit["hits_informative"].head(top).map(number),
        }
    )


def progress_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Per peildatum: realised decrease vs the linear path to 210.000 and the share of time."""
    if am.total is None:
        return pd.DataFrame({"Peildatum": []})
    prog = progress(am.total, am.target)
    target = number(am.target * 1000)
    return pd.DataFrame(
        {
            "Peildatum": [column_label(d) for d in prog.index],
            "Afname vier bestanden": prog["realised"].map(thousands_nl),
            "Lineair doelpad": prog["path"].map(thousands_nl),
            f"Gerealiseerd van {target}": prog["pct_of_target"].map(percent),
            "Verstreken looptijd": prog["pct_of_time"].map(percent),
        }
    ).reset_index(drop=True)


def projection_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Both trend windows: data used, trend per year, projection at ultimo 2010 with interval."""
    total = am.total
    if total is None:
        return pd.DataFrame({"Venster": []})
    at_title = f"Projectie {column_label(TARGET_DATE).lower()}"
    records = []
    for window, proj in am.projections.items():
        name = trend_name(am, window)
        if proj is None:
            records.append({"Venster": name, "Peildata": number(len(window_dates(total, window))),
                            "Vrijheidsgraden": DASH, "Trend per jaar": DASH, at_title: DASH,
                            "95 %-voorspellingsinterval": "te weinig peildata"})  # fmt: skip
            continue
        mean, lo, hi = proj.interval
        records.append(
            {
                "Venster": name,
                "Peildata": number(proj.fit.n),
                "Vrijheidsgraden": number(proj.fit.df),
                "Trend per jaar": signed_nb(round(proj.fit.slope) * 1000),
                at_title: thousands_nl(mean),
                "95 %-voorspellingsinterval": f"{thousands_nl(lo)} tot {thousands_nl(hi)}",
            }
        )
    return pd.DataFrame(records)


def uitstroom_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """§3.1: target, realisation and % of target per category (computed / published)."""
    uit = am.uitstroom
    if uit.empty:
        return pd.DataFrame(
            {"Categorie": [f"geen uitstroomcijfers voor {am.period}"], "Realisatie": [DASH]}
        )
    table = outflow(uit)
    check = am.checks
    pub = check[check["statistic"] == "pct_of_target"].set_index("series")
    pct_cells = []
    for series, pct in table["pct"].items():
        computed = DASH if pct is None else percent(pct, 1)
        if series in pub.index:
            r = pub.loc[series]
            pct_cells.append(pair(computed, percent(r["published"], 1), r["equal"]))
        else:
            pct_cells.append(computed)
    categories = [
        f"waarvan {lab[0].lower()}{lab[1:]}" if s in OUTFLOW_PARTS else lab
        for s, lab in table["row_label"].items()
    ]
    return pd.DataFrame(
        {
            "Categorie": categories,
            "Streefwaarde": table["streefwaarde"].map(_number_or_dash),
            "Realisatie": table["realisatie"].map(_number_or_dash),
            "Percentage": pct_cells,
        }
    ).reset_index(drop=True)


def claims_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text claims and internal sums of §3.1-3.2: table-derived value beside the text's.

    Only claims with a peildatum inside the period's data; the judgement on the target only
    for the published period (it is that report's text).
    """
    records = [
        {
            "Bewering of samenhang": r.label,
            "Uit de tabel": signed_nb(r.table),
            "Tekst / gepubliceerd": signed_nb(r.text),
            "Gelijk": yes_no(r.equal),
            "Toelichting": r.note,
        }
        for r in labelled_claims(am).itertuples()
    ]
    verdict = am.verdict
    proj = verdict["projection"]
    if am.has_published and proj is not None and verdict["text_reachable"] is not None:
        reach = {False: "nee", True: "ja", None: "onbeslist"}[verdict["reachable"]]
        mean, lo, hi = proj.interval
        records.append(
            {
                "Bewering of samenhang": "Participatiedoelstelling ultimo 2010 haalbaar?",
                "Uit de tabel": reach,
                "Tekst / gepubliceerd": yes_no(verdict["text_reachable"]),
                "Gelijk": yes_no(verdict["reachable"] == verdict["text_reachable"]),
                "Toelichting": f"Projectie ultimo 2010: {thousands_nl(mean)} "
                f"({thousands_nl(lo)} tot {thousands_nl(hi)}) tegen een doel van "
                f"{number(am.target * 1000)}.",
            }
        )
    if not records:
        records.append(
            {
                "Bewering of samenhang": "geen beweringen met een peildatum tot en met "
                f"{am.end.date().isoformat()}",
                "Uit de tabel": DASH,
                "Tekst / gepubliceerd": DASH,
                "Gelijk": DASH,
                "Toelichting": "",
            }
        )
    return pd.DataFrame(records)
