"""The interpretation-gap chapter after the inspection, in Dutch: how the self-assessment of
the judged Werkpleinen moved in every later tertaal (the table and the words around it).

Locations appear only under their neutral codes.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.interpretatieverschillen import compute
from analysis.chapters.interpretatieverschillen.compute import Inspection
from analysis.core.formatting import DASH, and_nl, number, signed
from analysis.core.periods import Period
from analysis.core.values import missing

GROUP_NL = {  # '... bij de 11 Werkpleinen die de inspectie lager beoordeelde'
    "lower": "die de inspectie lager beoordeelde",
    "not_lower": "die zij even hoog of hoger beoordeelde",
    "other": "die zij niet bezocht",
}


def followup_intro(ins: Inspection) -> str:
    """What the section after the inspection shows, or that there is nothing after it yet."""
    if not ins.available or ins.complete.empty:
        return ""
    if not ins.later:
        return (
            "Een oordeel van de inspectie geldt voor het tertaal waarin zij keek. Dit rapport "
            "gaat over dat tertaal zelf; hoe de zelfbeoordeling van de beoordeelde Werkpleinen "
            "zich daarna ontwikkelde, laten de rapporten over latere tertalen zien.\n"
        )
    return (
        "Een oordeel van de inspectie geldt voor het tertaal waarin zij keek. "
        "@tbl-iv-sindsdien volgt de eigen totaalscore van de beoordeelde Werkpleinen in elk "
        "later tertaal, apart voor de Werkpleinen die de inspectie lager beoordeelde dan zij "
        "zichzelf, en zet die naast de Werkpleinen die zij niet bezocht.\n"
    )


def followup_sentence(ins: Inspection) -> str:
    """How the own total score of the groups moved since the inspected tertaal."""
    if not ins.later or ins.complete.empty:
        return ""
    last = compute.latest_change(ins)
    mark = " Ook deze cijfers rusten op synthetische gegevens." if ins.synthetic else ""
    parts = [
        f"met {signed(last.loc[g, 'change_pp'], 1)} procentpunt bij de "
        f"{number(int(last.loc[g, 'locations']))} Werkpleinen {GROUP_NL[g]}"
        for g in compute.GROUPS if g in last.index
    ]
    return (
        f"De gemiddelde eigen totaalscore veranderde van het {ins.inspected.label_nl} tot en met "
        f"het {ins.period.label_nl} {and_nl(parts)}. Of een Werkplein dat de inspectie lager "
        "beoordeelde zijn eigen score heeft bijgesteld, is zonder nieuw oordeel van de "
        f"inspectie niet te zeggen: de stijging kan ook echte voortgang zijn.{mark}\n"
    )


FOLLOWUP_TITLES = {
    "lower": "Lager beoordeeld",
    "not_lower": "Even hoog of hoger beoordeeld",
    "other": "Niet beoordeeld",
}


def followup_display(ins: Inspection) -> pd.DataFrame:
    """Per tertaal since the inspection the mean own total score (%) of each group, with the
    number of Werkpleinen in the column title; the last row is the change (pp)."""
    frame = compute.followup_groups(ins)
    grid = frame.pivot(index="period", columns="group", values="mean_pct")
    counts = frame.groupby("group")["locations"].max()
    out = pd.DataFrame({"Tertaal": [Period.parse(p).label_nl for p in grid.index]})
    for group in (g for g in compute.GROUPS if g in grid.columns):
        title = f"{FOLLOWUP_TITLES[group]} ({number(int(counts[group]))})"
        values = grid[group]
        column = [DASH if missing(v) else number(v, 1) for v in values]
        out[title] = column
    change = {"Tertaal": "Verandering (procentpunt)"}
    last = compute.latest_change(ins)
    for group, title in zip((g for g in compute.GROUPS if g in grid.columns), out.columns[1:],
                            strict=True):  # fmt: skip
        change[title] = signed(last.loc[group, "change_pp"], 1)
    return pd.concat([out, pd.DataFrame([change])], ignore_index=True)
