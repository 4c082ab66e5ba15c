"""One verdict for every published Toonkamer value (`analysis.study.verdicts`).

- the outflow cells (percentage and bracketed count): recomputed from client-level data when
  there are any (synthetic: `per constructie`), else `niet te controleren`;
- the survey: the Toonkamer and regular rows cannot be checked without respondents; each
  'Alle klanten' score is recomputed from the other two rows with one common share;
- the text claims: the 7 %, which locations are higher when, the shares to work, the
  measurement period, the matching and the 15 % target.

Reasons are Dutch (they are shown in the report's audit); numbers use `core.formatting`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.core.formatting import day_nl, number, percent
from analysis.core.values import rounded
from analysis.study import verdicts

SOURCE = "004, Bijlage 1"
GROUP_NL = {"toonkamer": "Toonkamer", "control": "controlegroep"}
HIGHER_CLAIMS = {
    "ww_higher_horizons_amsterdam_zuidoost": "A’dam Zuidoost",
    "ww_higher_horizons_den_bosch": "Den Bosch",
    "ww_higher_from_months_dordrecht": "Dordrecht",
    "ww_higher_from_months_gouda": "Gouda",
}


CLAIM_ITEMS = {
    "ww_mean_higher": "tekst: WW-uitstroom 'gemiddeld 7% hoger' dan in de controlegroep",
    "ww_higher_horizons_amsterdam_zuidoost": "tekst: A’dam Zuidoost hoger 'in alle meetperioden' "
    "(aantal termijnen)",
    "ww_higher_horizons_den_bosch": "tekst: Den Bosch hoger 'in alle meetperioden' (aantal "
    "termijnen)",
    "ww_higher_from_months_dordrecht": "tekst: Dordrecht hoger 'na 4 tot 5 maanden' (vanaf "
    "termijn, maanden)",
    "ww_higher_from_months_gouda": "tekst: Gouda hoger 'na 4 tot 5 maanden' (vanaf termijn, "
    "maanden)",
    "ww_work_share_toonkamer": "tekst: deel van de WW-uitstroom naar werk, Toonkamer (%)",
    "ww_work_share_control": "tekst: deel van de WW-uitstroom naar werk, controlegroep (%)",
    "measurement_start": "tekst: begin van de meetperiode",
    "measurement_end": "tekst: einde van de meetperiode",
    "control_matching": "tekst: kenmerken waarop de controlegroep is samengesteld",
    "target_outflow_higher": "doel (§2.2): uitstroom naar regulier werk '15% hoger'",
    "target_outflow_memo": "doel (collegenota): 'verhoging van het uitstroompercentage met 15%'",
    "target_outflow_benefits": "doel (§9.3): '15% meer uitstroom'",
}


def _row(file: str, line: int, source: str, item: str, published, computed, verdict: str,
         reason: str | None = None) -> dict[str, object]:  # fmt: skip
    return {
        "published_key": verdicts.published_key(file, line), "source": source, "item": item,
        "published": published, "computed": computed, "difference": None,
        "verdict": verdict, "reason": reason,
    }  # fmt: skip


def cell_rows(cells: pd.DataFrame, recomputed: pd.DataFrame | None, synthetic: bool) -> list:
    """Two rows per outflow cell: its percentage and its bracketed count."""
    rows = []
    calc = None if recomputed is None else recomputed.set_index(["file", "line_pct"])
    for c in cells.itertuples():
        where = f"{c.benefit} {GROUP_NL[c.group]}, {c.location}, 0–{c.horizon} mnd."
        source = f"{SOURCE}, uitstroom {c.benefit} {GROUP_NL[c.group]}"
        if calc is None:
            reason = (f"geen gegevens per klant; {percent(c.pct)} past bij {number(c.k)} van "
                      f"{number(c.n)} klanten")  # fmt: skip
            rows.append(_row(c.file, c.line_pct, source, f"{where}: percentage", c.pct, None,
                             verdicts.UNCHECKABLE, reason))  # fmt: skip
            rows.append(_row(c.file, c.line_n, source, f"{where}: aantal tussen haken", c.n, None,
                             verdicts.UNCHECKABLE, "geen gegevens per klant"))  # fmt: skip
            continue
        r = calc.loc[(c.file, c.line_pct)]
        pct_equal = r["n_calc"] > 0 and int(rounded(r["pct_calc"])) == c.pct
        for line, item, published, computed, equal in (
            (c.line_pct, "percentage", c.pct, r["pct_calc"], pct_equal),
            (c.line_n, "aantal tussen haken", c.n, r["n_calc"], r["n_calc"] == c.n),
        ):
            verdict = verdicts.verdict(bool(equal), by_construction=synthetic)
            rows.append(_row(c.file, line, source, f"{where}: {item}", published, computed,
                             verdict, _cell_reason(verdict)))  # fmt: skip
    return rows


def _cell_reason(verdict: str) -> str | None:
    return {
        verdicts.BY_CONSTRUCTION: "synthetische klantgegevens, gemaakt om deze tabel te treffen",
        verdicts.DEVIATING: "de klantgegevens geven een ander cohort of aantal vertrekkers",
    }.get(verdict)


def survey_rows(survey: pd.DataFrame, check: pd.DataFrame, share: float) -> list:
    """The Toonkamer and regular scores: uncheckable; 'Alle klanten': recomputed."""
    rows = []
    computed = check.set_index("principle")
    for r in survey.itertuples():
        item = f"klantprincipes, {r.row_label}, {r.column_label}"
        source = f"{SOURCE}, tabel klantprincipes"
        if r.group != "alle":
            rows.append(_row(r.file, r.line, source, item, r.value, None, verdicts.UNCHECKABLE,
                             "geen aantallen respondenten of antwoorden gepubliceerd"))  # fmt: skip
            continue
        c = computed.loc[r.principle]
        verdict = verdicts.REPRODUCED if c["equal"] else verdicts.DEVIATING
        reason = (f"{percent(100 * share, 1)} Toonkamerklanten en de rest regulier, binnen de "
                  f"afronding (±{number(c['tolerance'], 1)})")  # fmt: skip
        rows.append(_row(r.file, r.line, source, item, r.value, c["computed"], verdict, reason))
    return rows


def claim_rows(claims: pd.DataFrame, facts: dict[str, object], synthetic: bool | None) -> list:
    """The text claims. `facts` holds what the chapter computed (see `results.claim_facts`);
    `synthetic` is None without client-level data."""
    rows = []
    for claim, r in claims.iterrows():
        source = f"004, {r['section']}"
        item = CLAIM_ITEMS.get(claim, f"tekst: {r['quote']}")
        computed, verdict, reason = _claim(claim, r, facts, synthetic)
        published = r["value"]
        if r["unit"] == "date":  # shown in the report: a Dutch date, never ISO
            published = day_nl(dt.date.fromisoformat(published))
            computed = published if computed is not None else None
        rows.append(_row(r["file"], r["line"], source, item, published, computed, verdict, reason))
    return rows


def _claim(claim: str, r: pd.Series, facts: dict, synthetic: bool | None) -> tuple:
    """(computed, verdict, reason) of one claim."""
    published = r["value"]
    if claim == "ww_mean_higher":
        mean = facts["mean_pp"]
        equal = int(rounded(mean)) == int(published)
        reason = (f"ongewogen gemiddelde van de 16 gedrukte verschillen Toonkamer − "
                  f"controlegroep: {number(mean, 3)} procentpunt")  # fmt: skip
        return mean, verdicts.REPRODUCED if equal else verdicts.DEVIATING, reason
    if claim in HIGHER_CLAIMS:
        h = facts["higher"].set_index("location").loc[HIGHER_CLAIMS[claim]]
        value = h["higher_horizons"] if "horizons" in claim else h["higher_from"]
        equal = value is not None and int(value) == int(published)
        reason = None if equal else (
            f"{HIGHER_CLAIMS[claim]} ligt pas vanaf 0–{value} mnd. boven de controlegroep"
        )  # fmt: skip
        return value, verdicts.REPRODUCED if equal else verdicts.DEVIATING, reason
    if claim.startswith("ww_work_share_"):
        if synthetic is None:
            return (
                None,
                verdicts.UNCHECKABLE,
                "geen gegevens per klant: geen aantallen gepubliceerd",
            )
        value = facts["work"][claim.removeprefix("ww_work_share_")]
        equal = int(rounded(value)) == int(published)
        verdict = verdicts.verdict(equal, by_construction=synthetic)
        return value, verdict, _cell_reason(verdict)
    if claim.startswith("measurement_"):
        if synthetic is None:
            return None, verdicts.UNCHECKABLE, "geen gegevens per klant"
        equal = facts["cohorts_equal"]
        verdict = verdicts.verdict(equal, by_construction=synthetic)
        reason = ("met deze meetperiode geven de klantgegevens de gepubliceerde cohorten"
                  if equal else "met deze meetperiode wijken de cohorten af")  # fmt: skip
        return published if equal else None, verdict, reason
    if claim == "control_matching":
        return None, verdicts.UNCHECKABLE, (
            "geen kenmerken (geslacht, leeftijd, postcode) per klant: of de groepen "
            "vergelijkbaar zijn, is niet na te gaan"
        )  # fmt: skip
    return None, verdicts.UNCHECKABLE, (
        "een doel voor 2008–2009, geen meting; het hoofdstuk geeft beide lezingen"
    )  # fmt: skip


def audit(rows: list[dict[str, object]]) -> pd.DataFrame:
    return verdicts.audit_frame(rows)
