"""The trend chapter's display tables: DataFrames of Dutch, formatted strings for the report.

The sentences and callouts are in `text`.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.chapters.trend import compute
from analysis.chapters.trend.compute import COMPARISON, MAIN, History
from analysis.core.formatting import DASH, EN_DASH, day_nl, number, percent, signed, yes_no
from analysis.core.stats import LINEAR, Crossing
from analysis.core.values import missing
from analysis.study import scoring
from analysis.study.scoring import ScoringRule

CHANGE_LABELS_NL = {
    compute.IMPROVED: "Vooruit",
    compute.EQUAL: "Gelijk",
    compute.WORSE: "Achteruit",
    compute.UNKNOWN: "Onbekend",
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
            verdict = check.loc[r.period, "verdict"]
        else:
            pub_text, verdict = DASH, DASH
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
                "Oordeel": verdict,
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
    counts = compute.change_counts(h, since)
    unknown = counts[compute.UNKNOWN].any()
    show = [c for c in compute.CHANGE_CLASSES if c != compute.UNKNOWN or unknown]
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
    """The §3.4.1 change claims beside the computed values, with verdict and reason."""
    rows = [
        {
            "Bewering in §3.4.1": r.item,
            "Berekend": DASH if missing(r.computed) else number(int(r.computed)),
            "Tekst": number(r.published),
            "Oordeel": r.verdict,
            "Toelichting": r.reason,
        }
        for r in compute.claim_checks(h).itertuples()
    ]
    return pd.DataFrame(rows)


def band_display(h: History) -> pd.DataFrame:
    """Number of Werkpleinen per band of the total score, per tertaal."""
    counts = compute.band_counts(h)
    if not counts[scoring.UNKNOWN].any():
        counts = counts.drop(columns=scoring.UNKNOWN)
    table = counts.map(number)
    table.columns = [c.capitalize() for c in table.columns]
    table.insert(0, "Tertaal", [p.label_nl for p in counts.index])
    return table.reset_index(drop=True)


def laggards_display(h: History, n: int = compute.LAGGARDS) -> pd.DataFrame:
    """The laggards with their exact total score per tertaal and the exact change (IDs only).

    Scores and change on the same basis (exact, one decimal): the lists are cut on exact
    values, and a change is the difference of the exact scores before rounding.
    """
    table = compute.laggards(h, n)
    out = pd.DataFrame({"Werkplein": table.index})
    for p in h.periods:
        out[p.end_label] = [DASH if s is None else number(float(s * 100), 1) for s in table[p]]
    if h.n_periods > 1:
        out[f"Verschil {h.first.end_label}–{h.last.end_label}"] = [
            DASH if c is None else signed(float(c * 100), 1) for c in table["change"]
        ]
    out["Laagste score"] = [yes_no(v) for v in table["lowest"]]
    if h.n_periods > 1:
        out["Kleinste veran\u00addering"] = [yes_no(v) for v in table["least_progress"]]
    return out


def projections_display(h: History) -> pd.DataFrame:
    """Every crossing of the main fits and of the comparison fits, in one table."""
    start = day_nl(h.first.end_date)
    main = "gepubliceerd" if set(h.real_series["source"]) == {compute.PUBLISHED} else "echt"
    rows = []
    for basis, name in ((MAIN, main), (COMPARISON, "synthetisch")):
        for c in compute.crossings(h, basis):
            model = "rechte lijn" if c.model == LINEAR else "curve"
            rows.append(
                {
                    "Reeks": name,
                    "Trend en doel": f"{model}, {percent(c.target)}",
                    f"Snijpunt (tertalen na {start})": DASH if c.t is None else number(c.t, 1),
                    "Bereikt in": "nooit" if c.period is None else c.period.label_nl,
                    f"95 %-betrouwbaarheids{SOFT_HYPHEN}interval": interval_cell(c),
                }
            )
    return pd.DataFrame(rows)


def interval_cell(c: Crossing) -> str:
    """'2e tertaal 2011 – 2e tertaal 2012' (en dash), or why there is no interval."""
    if not c.has_interval:
        return "te weinig tertalen"
    if c.low == c.high:
        return "exacte fit"
    low = c.low_period.label_nl if math.isfinite(c.low) else "onbegrensd"
    high = c.high_period.label_nl if math.isfinite(c.high) else "nooit uitgesloten"
    return low if low == high else f"{low} {EN_DASH} {high}"


SOFT_HYPHEN = "\u00ad"  # lets a long header word break inside the margin
