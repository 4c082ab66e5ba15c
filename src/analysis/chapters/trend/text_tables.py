"""The trend chapter's display tables: DataFrames of Dutch, formatted strings for the report.

The sentences and callouts are in `text`.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.trend import compute, locations
from analysis.chapters.trend.compute import History
from analysis.core import scoring
from analysis.core.formatting import DASH, number, percent, signed, yes_no
from analysis.core.scoring import ScoringRule
from analysis.core.values import missing

CHANGE_LABELS_NL = {
    locations.IMPROVED: "Vooruit",
    locations.EQUAL: "Gelijk",
    locations.WORSE: "Achteruit",
    locations.UNKNOWN: "Onbekend",
}
# The §3.4.1 change claims in words, from the claim's period and the first period it needs.
CLAIM_LABELS_NL = {
    locations.WITHOUT_PORTFOLIO: lambda period, _: (
        f"Werkpleinen zonder portefeuilleverdeling (mijlpaal 8 'niet'), {period.label_nl}"
    ),
    locations.GREEN_INCREASE: lambda _, since: (
        f"Toename groene Werkpleinen (100 %) sinds het {since.label_nl}"
    ),
    locations.PROGRESSED: lambda period, since: (
        f"Werkpleinen met voortgang in {period.year} (totaalscore {period.end_label} hoger "
        f"dan {since.end_label})"
    ),
    locations.PROGRESSED_PCT: lambda *_: "Idem, als percentage van de Werkpleinen (%)",
}


def _rounding_nl(rule: ScoringRule) -> str:
    return "afgekapt" if rule.rounding == "floor" else "afgerond"


def tabel3_display(h: History) -> pd.DataFrame:
    """Tabel 3 for the report: per tertaal the data, the computed means and AKO's value."""
    check = compute.tabel3_backtest(h).set_index("period")
    rows = []
    for r in h.overall_means.itertuples():
        computed = None if missing(r.mean_pct) else int(r.mean_pct)
        if r.period in check.index:
            pub_text = percent(int(check.loc[r.period, "published"]))
            equal = yes_no(check.loc[r.period, "equal"])
        else:
            pub_text, equal = DASH, DASH
        rows.append(
            {
                "Tertaal": r.period.label_nl,
                "Einde": r.period.end_label,
                "Werkpleinen": number(r.n_locations + r.unknown_locations),
                "Lege antwoorden": number(r.blank_answers),
                "Gemiddelde (exact)": DASH if computed is None else percent(r.mean_exact_pct, 1),
                f"Berekend ({_rounding_nl(h.rule)})": DASH
                if computed is None
                else percent(computed),
                "AKO Tabel 3": pub_text,
                "Gelijk": equal,
            }
        )
    return pd.DataFrame(rows)


def phase_means_display(h: History) -> pd.DataFrame:
    """Mean score (rule-rounded %) per phase (rows) and tertaal (columns)."""
    table = h.mean_scores.pivot(index="label", columns="period", values="mean_pct")
    order = list(h.phase_tables[h.first].index)
    table = table.loc[order, list(h.periods)]
    table.columns = [p.end_label for p in h.periods]
    names = {scoring.TOTAL_LABEL: "Totaal"}
    phases = h.codebook.phases["name_nl"]
    names.update({name: f"{p}. {name}" for p, name in phases.items()})
    table.index = [names.get(label, label) for label in table.index]
    table = table.map(lambda v: DASH if missing(v) else percent(int(v)))
    return table.rename_axis("Fase").reset_index()


def change_display(h: History, since: str = "previous") -> pd.DataFrame:
    """Number of Werkpleinen whose total score went up / stayed / went down, per tertaal.

    The first tertaal has nothing to compare with and shows '–'.
    """
    counts = locations.change_counts(h, since)
    unknown = counts[locations.UNKNOWN].any()
    show = [c for c in locations.CHANGE_CLASSES if c != locations.UNKNOWN or unknown]
    rows = []
    for i, period in enumerate(h.periods):
        base = (h.periods[i - 1] if i else None) if since == "previous" else h.first
        row = {"Tertaal": period.label_nl}
        if since == "previous":
            row["Vergeleken met"] = base.end_label if base else DASH
        for c in show:
            row[CHANGE_LABELS_NL[c]] = number(int(counts.loc[period, c])) if i else DASH
        rows.append(row)
    return pd.DataFrame(rows)


def claims_display(h: History) -> pd.DataFrame:
    """The §3.4.1 change claims beside the computed values (Dutch)."""
    rows = []
    for r in locations.change_claims(h).itertuples():
        absent = [str(p) for p in r.periods if p not in h.periods]
        rows.append(
            {
                "Bewering in §3.4.1": CLAIM_LABELS_NL[r.claim](r.period, r.periods[0]),
                "Berekend": DASH if missing(r.computed) else number(int(r.computed)),
                "Tekst": number(r.published),
                "Gelijk": DASH if missing(r.equal) else yes_no(r.equal),
                "Toelichting": f"{', '.join(absent)} niet beschikbaar" if absent else "",
            }
        )
    return pd.DataFrame(rows)


def band_display(h: History) -> pd.DataFrame:
    """Number of Werkpleinen per band of the total score, per tertaal."""
    counts = locations.band_counts(h)
    if not counts[scoring.UNKNOWN].any():
        counts = counts.drop(columns=scoring.UNKNOWN)
    table = counts.map(number)
    table.columns = [c.capitalize() for c in table.columns]
    table.insert(0, "Tertaal", [p.label_nl for p in counts.index])
    return table.reset_index(drop=True)


def laggards_display(h: History, n: int = locations.LAGGARDS) -> pd.DataFrame:
    """The laggards with their total score (rule-rounded %) per tertaal (IDs only)."""
    table = locations.laggards(h, n)
    out = pd.DataFrame({"Werkplein": table.index})
    for p in h.periods:
        out[p.end_label] = [DASH if s is None else percent(h.rule.pct(s)) for s in table[p]]
    if h.n_periods > 1:
        out[f"Verschil sinds {h.first.end_label} (%-punt)"] = [
            DASH if c is None else signed(float(c * 100), 1) for c in table["change"]
        ]
    out["Reden"] = [
        "laagste score en minste voortgang"
        if low and least
        else "laagste score"
        if low
        else "minste voortgang"
        for low, least in zip(table["lowest"], table["least_progress"], strict=True)
    ]
    return out
