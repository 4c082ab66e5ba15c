"""The chapter's reproduction audit: one verdict per value of `PUBLISHED_TABLE`.

The IWI report (seed 000) gives the sample design and describes the interpretation
differences in words; the few numbers it prints are set beside what the data give. The
audit's `item` and `reason` are Dutch (the audit schema of `analysis.study.verdicts`).
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.interpretatieverschillen.model import Inspection
from analysis.core.memo import once
from analysis.core.periods import Period
from analysis.study import verdicts
from analysis.study.published import load_table

PUBLISHED_TABLE = "iwi-2008-inspectie"
MEASURED = Period(2008, 1)  # the first AKO measurement, the one the IWI inspected
ITEMS = {
    "inspected_locations": "Aantal door de IWI onderzochte locaties",
    "population_locations": "Aantal locaties waaruit de steekproef is getrokken",
    "first_measurement_start_month": "Eerste AKO-meting: eerste maand",
    "first_measurement_end_month": "Eerste AKO-meting: laatste maand",
    "milestones_with_differences": "Mijlpalen met interpretatieverschillen ('alle')",
    "inflow_share_one_municipality": "Klanteninstroom uit één grote gemeente (%, één locatie)",
}
SYNTHETIC = "Synthetische oordelen, zo gemaakt: geen bewijs."


def _source(row: pd.Series) -> str:
    return f"{row['source_file'][:3]}, {row['section']}"


@once
def audit_table(ins: Inspection) -> pd.DataFrame:
    """One audit row per value row of the published table (`verdicts.audit_frame`)."""
    published = verdicts.with_lines(load_table(PUBLISHED_TABLE, ins.paths))
    inspected = ins.available and ins.period == MEASURED
    rows = []
    for _, row in published.iterrows():
        claim, value = row["claim"], row["value"]
        computed, verdict, reason = _check(ins, claim, value, inspected)
        rows.append(
            {
                "published_key": verdicts.published_key(PUBLISHED_TABLE, row["line"]),
                "source": _source(row),
                "item": ITEMS[claim],
                "published": value,
                "computed": computed,
                "difference": None,
                "verdict": verdict,
                "reason": reason,
            }
        )
    return verdicts.audit_frame(rows)


def _check(ins: Inspection, claim: str, value: float, inspected: bool):
    """(computed, verdict, reason) of one published value."""
    if claim == "first_measurement_start_month":
        return (
            MEASURED.start_date.month,
            verdicts.verdict(MEASURED.start_date.month == value, by_construction=False),
            None,
        )
    if claim == "first_measurement_end_month":
        month = MEASURED.end_date.month
        if month == value:
            return month, verdicts.REPRODUCED, None
        reason = (
            "Geen gegevens over het einde van de meting; vergeleken wordt met 2008-T1, dat in "
            "april eindigt (AKO Tabel 3: 'apr-08')."
        )
        return month, verdicts.UNCHECKABLE, reason
    if claim == "inflow_share_one_municipality":
        return None, verdicts.UNCHECKABLE, "Geen gegevens over de klanteninstroom."
    if claim == "population_locations":
        computed = ins.landkaart_locations if inspected else None
        reason = "IWI telt vestigingen van CWI/UWV, de Landkaart Werkpleinen; geen lijst."
        return computed, verdicts.UNCHECKABLE, reason
    if not inspected:
        why = (
            "Geen inspectieoordelen van 2008-T1 in deze run."
            if ins.period == MEASURED
            else f"Geldt voor 2008-T1; dit rapport gaat over {ins.period}."
        )
        return None, verdicts.UNCHECKABLE, why
    if claim == "inspected_locations":
        computed = len(ins.locations)
    else:  # milestones_with_differences
        differ = ins.complete[ins.complete["own"] != ins.complete["judged"]]
        computed = int(differ["milestone"].nunique())
    verdict = verdicts.verdict(computed == value, by_construction=ins.judgements_synthetic)
    reason = SYNTHETIC if verdict == verdicts.BY_CONSTRUCTION else None
    if verdict == verdicts.DEVIATING:
        reason = "De inspectiegegevens geven een ander getal."
    return computed, verdict, reason
