"""The chapter's reproduction audit: one verdict per value of `PUBLISHED_TABLE`.

The IWI report (seed 000) gives the sample design and describes the interpretation
differences in words; the few numbers it prints are set beside what the data give. The
audit's `item` and `reason` are Dutch (the audit schema of `analysis.study.verdicts`).
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.interpretatieverschillen.model import Inspection
from analysis.core.formatting import MONTHS_NL, number
from analysis.core.memo import once
from analysis.core.periods import Period
from analysis.study import verdicts
from analysis.study.published import AKO_2009_T3, load_table

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
MONTHS = (
    "maand van het 1e tertaal 2008 (januari tot en met april, AKO Tabel 3: 'apr-08'); exact gelijk"  # noqa: E501
)
RULES = {
    "first_measurement_start_month": f"eerste {MONTHS}",
    "first_measurement_end_month": f"laatste {MONTHS}",
    "inspected_locations": "aantal locaties met oordelen van de inspectie; exact gelijk",
    "milestones_with_differences": "aantal mijlpalen waarop zelfbeoordeling en oordeel van de "
    "inspectie ergens verschillen ('alle' = 14); exact gelijk",
}


@once
def design(ins: Inspection) -> dict[str, int]:
    """The sample design as published: locations inspected and sampled from (IWI), the
    Werkpleinen of the AKO's 2009 tables, the months of the first measurement (IWI)."""
    iwi = load_table(PUBLISHED_TABLE, ins.paths).set_index("claim")["value"]
    t1 = load_table(f"{AKO_2009_T3}-tabel-1", ins.paths)
    return {
        "inspected": int(iwi["inspected_locations"]),
        "population": int(iwi["population_locations"]),
        "werkpleinen": int(t1.loc[t1["statistic"] == "n_locations", "value"].iloc[0]),
        "start_month": int(iwi["first_measurement_start_month"]),
        "end_month": int(iwi["first_measurement_end_month"]),
    }


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
            verdicts.row(
                verdicts.published_key(PUBLISHED_TABLE, row["line"]),
                _source(row),
                ITEMS[claim],
                value,
                computed,
                verdict,
                RULES.get(claim),
                reason,
            )  # fmt: skip
        )
    return verdicts.audit_frame(rows)


def _check(ins: Inspection, claim: str, value: float, inspected: bool):
    """(computed, verdict, reason) of one published value."""
    if claim in ("first_measurement_start_month", "first_measurement_end_month"):
        # the months of a tertaal are a definition: a match proves nothing, a mismatch shows
        # that the IWI's period is not the tertaal the AKO reports the measurement under
        date = MEASURED.start_date if claim.endswith("start_month") else MEASURED.end_date
        equal = date.month == value
        verdict = verdicts.verdict(equal, by_construction=False, by_definition=True)
        reason = (
            "De maanden van een tertaal liggen vast: dat ze kloppen, bewijst niets."
            if equal
            else "Het 1e tertaal 2008 loopt tot en met april (AKO Tabel 3: 'apr-08'); de IWI "
            f"noemt {MONTHS_NL[int(value) - 1]}. Mogelijk liep het invullen door na het einde "
            "van het tertaal."
        )
        return date.month, verdict, reason
    if claim == "inflow_share_one_municipality":
        return None, verdicts.UNCHECKABLE, "Geen gegevens over de klanteninstroom."
    if claim == "population_locations":
        reason = "IWI telt vestigingen van CWI/UWV, de Landkaart Werkpleinen; geen lijst."
        if inspected:
            reason += (
                f" De Landkaart van 2008-T1 telt {number(ins.landkaart_locations)} Werkpleinen."
            )
        return None, verdicts.UNCHECKABLE, reason
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
