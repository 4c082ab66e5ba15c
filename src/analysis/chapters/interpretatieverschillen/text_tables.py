"""The interpretation-gap chapter's display tables: Dutch, formatted strings for the report.

Locations appear only under their neutral codes; remarks are only counted per milestone.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.interpretatieverschillen import compute
from analysis.chapters.interpretatieverschillen.compute import Inspection
from analysis.chapters.interpretatieverschillen.text import interval, pct
from analysis.core.formatting import DASH, number, percent, signed, yes_no
from analysis.core.values import missing

STATISTIC_LABELS = {
    "exact": ("Zelfde categorie", "percent"),
    "within_one": ("Hooguit één categorie verschil", "percent"),
    "over": ("Zelfbeoordeling hoger (overschatting)", "percent"),
    "under": ("Zelfbeoordeling lager (onderschatting)", "percent"),
    "mean_diff": ("Gemiddeld verschil zelf − inspectie (procentpunt per mijlpaal)", "points"),
    "kappa_linear": ("Gewogen kappa van Cohen, lineair (hoofdmaat)", "coefficient"),
    "kappa_quadratic": ("Gewogen kappa van Cohen, kwadratisch", "coefficient"),
    "alpha_ordinal": ("Alfa van Krippendorff, ordinaal", "coefficient"),
}


def agreement_display(ins: Inspection) -> pd.DataFrame:
    """Maat, waarde en 95 %-interval (herhaald trekken van hele Werkpleinen)."""
    rows = []
    for name, (label, kind) in STATISTIC_LABELS.items():
        iv = compute.intervals(ins)[name]
        if kind == "percent":
            value, band = pct(iv.estimate, 1), interval(ins, name, 1, 100) + " %"
        elif kind == "points":
            value, band = signed(iv.estimate, 1), interval(ins, name, 1)
        else:
            value, band = number(iv.estimate, 2), interval(ins, name, 2)
        rows.append({"Maat": label, "Waarde": value, "95 %-interval": band})
    return pd.DataFrame(rows)


def confusion_display(ins: Inspection) -> pd.DataFrame:
    """Zelfbeoordeling (rijen) tegen oordeel van de inspectie (kolommen), aantallen paren."""
    frame = compute.confusion_frame(ins)
    frame = frame[frame["milestone"] == ""]
    labels = ins.codebook.categories["label_nl"]
    grid = frame.pivot(index="own", columns="judged", values="count")
    out = pd.DataFrame({"Zelfbeoordeling": [labels[i] for i in grid.index]})
    for j in grid.columns:
        out[f"Inspectie: {labels[j]}"] = [number(v) for v in grid[j]]
    out["Totaal"] = [number(v) for v in grid.sum(axis=1)]
    return out


def milestone_display(ins: Inspection) -> pd.DataFrame:
    """Per mijlpaal: paren, gelijk, hoger, lager, aandeel hoger, gemiddeld verschil."""
    frame = compute.milestone_frame(ins)
    names = ins.codebook.milestones.set_index("code")["short_name_nl"]
    rows = []
    for r in frame.itertuples():
        rows.append(
            {
                "Mijlpaal": f"{int(r.milestone[1:])}. {names[r.milestone]}",
                "Paren": number(r.n),
                "Gelijk": number(r.equal),
                "Hoger": number(r.over),
                "Lager": number(r.under),
                "Aandeel hoger": DASH if missing(r.over_share) else pct(r.over_share),
                "Verschil (pp)": DASH if missing(r.mean_diff) else signed(r.mean_diff, 1),
                "Opmerkingen": number(r.remarks),
            }
        )
    return pd.DataFrame(rows)


def location_display(ins: Inspection) -> pd.DataFrame:
    """Per Werkplein (neutrale code): totaalscore zelf en inspectie, verschil, band gelijk."""
    frame = compute.location_frame(ins)
    rows = []
    for r in frame.itertuples():
        known = not missing(r.own_pct)
        rows.append(
            {
                "Werkplein": r.location,
                "Mijlpalen": number(r.n),
                "Totaalscore zelf": percent(r.own_pct) if known else DASH,
                "Totaalscore inspectie": percent(r.judged_pct) if known else DASH,
                "Verschil (pp)": signed(r.own_pct - r.judged_pct) if known else DASH,
                "Hoger / lager": f"{number(r.over)} / {number(r.under)}",
                "Zelfde band": yes_no(r.own_band == r.judged_band) if known else DASH,
            }
        )
    return pd.DataFrame(rows)


def _variant_label(row: pd.Series) -> str:
    """Short labels; the text before the table says which rules and bands they are."""
    if row["variant"] == "base":
        return "Basis"
    if row["variant"] == "rule":
        return "Andere rekenregel"
    if row["variant"] == "bands":
        return f"Bandgrenzen {signed(row['band_shift'])} pp"
    return f"Ruis {pct(row['noise_share'])} (mediaan)"


def _holds(value: float, replicates: int) -> str:
    return yes_no(value == 1) if replicates == 1 else pct(value)


def sensitivity_display(ins: Inspection) -> pd.DataFrame:
    """Per variant: the key statistics and whether each conclusion holds."""
    rows = []
    for _, r in compute.variants(ins).iterrows():
        reps = int(r["replicates"])
        rows.append(
            {
                "Variant": _variant_label(r),
                "Hoger": pct(r["over"]),
                "Lager": pct(r["under"]),
                "Verschil (pp)": signed(r["mean_diff"], 1),
                "Kappa": number(r["kappa_linear"], 2),
                "Zelfde band": pct(r["bands_equal"]),
                "Vaker hoger": _holds(r["holds_overclaim"], reps),
                "Beide richtingen": _holds(r["holds_both_directions"], reps),
                "Hoofdlijnen": _holds(r["holds_main_lines"], reps),
            }
        )
    return pd.DataFrame(rows)


def audit_display(ins: Inspection) -> pd.DataFrame:
    """The published IWI figures beside the computed ones, with their verdict."""
    rows = []
    for r in compute.audit_table(ins).itertuples():
        rows.append(
            {
                "Bron": r.source.replace(",", ""),
                "Gegeven": r.item,
                "Gepubliceerd": number(r.published),
                "Berekend": DASH if missing(r.computed) else number(r.computed),
                "Oordeel": r.verdict,
                "Toelichting": "" if missing(r.reason) else r.reason,
            }
        )
    return pd.DataFrame(rows)

