"""One verdict for every published Toonkamer value (`analysis.study.verdicts`).

- the outflow cells (percentage and bracketed count): recomputed from client-level data when
  there are any (synthetic: `per constructie`), else `niet te controleren`;
- the survey: the Toonkamer and regular rows cannot be checked without respondents; each
  'Alle klanten' score is recomputed from the other two rows with one common share, fitted
  on those same rows (*past na keuze*; *per definitie* where any share fits);
- the text claims: the 7 % (one of several readings), which locations are higher when, the
  shares to work, the measurement period, the matching, the survey's 'positiever', the WWB
  outflow, the time per client and the 15 % target.

Reasons are Dutch (they are shown in the report's audit); numbers use `core.formatting`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.chapters.toonkamer.estimates import GRID
from analysis.core.formatting import day_nl, number, percent
from analysis.core.values import rounded
from analysis.study import verdicts
from analysis.study.verdicts import Choice

SOURCE = "004, Bijlage 1"
RULES = {
    "pct": "vertrekkers gedeeld door het cohort, in hele procenten; exact gelijk na afronding",
    "n": "aantal klanten dat de hele termijn te volgen is; exact gelijk",
    "survey": "aandeel × Toonkamerklanten + (1 − aandeel) × reguliere klanten; tolerantie ±0,1 "
    "(drie gedrukte scores, elk op één decimaal)",
    "ww_mean_higher": "gemiddeld verschil in procentpunten, afgerond op een heel procentpunt; "
    "exact gelijk na afronding",
    "horizons": "aantal termijnen waarin het gedrukte percentage van de Toonkamer hoger is dan "
    "dat van de controlegroep; exact gelijk",
    "from": "eerste termijn vanaf welke de Toonkamer bij elke termijn hoger is dan de "
    "controlegroep (gedrukte percentages); exact gelijk",
    "work": "deel van de vertrekkers uit de WW dat werk vond, in hele procenten; exact gelijk "
    "na afronding",
    "measurement": "de cohorten uit de klantgegevens met deze meetperiode; exact gelijk aan de "
    "gedrukte aantallen",
    "survey_toonkamer_higher": "aantal klantprincipes waarop Toonkamerklanten (gedrukt) hoger "
    "scoren dan reguliere klanten; exact gelijk",
}
# Readings of 'pas op termijn, na 4 tot 5 maanden hoger': the first higher horizon(s) each allows.
FROM_READINGS = {"vanaf 0–4 mnd.": {4}, "vanaf 0–5 mnd.": {5}, "vanaf 0–4 of 0–5 mnd.": {4, 5}}
GROUP_NL = {"toonkamer": "Toonkamer", "control": "controlegroep"}
HIGHER_CLAIMS = {
    "ww_higher_horizons_amsterdam_zuidoost": "A’dam Zuidoost",
    "ww_higher_horizons_den_bosch": "Den Bosch",
    "ww_higher_from_months_dordrecht": "Dordrecht",
    "ww_higher_from_months_gouda": "Gouda",
}


CLAIM_ITEMS = {
    "ww_mean_higher": "tekst: WW-uitstroom 'gemiddeld 7% hoger' dan in de controlegroep",
    "ww_higher_horizons_amsterdam_zuidoost": "tekst: A’dam Zuidoost hoger 'in alle "
    "meetperioden': aantal termijnen met een hogere uitstroom",
    "ww_higher_horizons_den_bosch": "tekst: Den Bosch hoger 'in alle meetperioden': aantal "
    "termijnen met een hogere uitstroom",
    "ww_higher_from_months_dordrecht": "tekst: Dordrecht hoger 'na 4 tot 5 maanden': de "
    "termijn in maanden vanaf welke de uitstroom hoger is",
    "ww_higher_from_months_gouda": "tekst: Gouda hoger 'na 4 tot 5 maanden': de termijn in "
    "maanden vanaf welke de uitstroom hoger is",
    "ww_work_share_toonkamer": "tekst: deel van de WW-uitstroom naar werk, Toonkamer (%)",
    "ww_work_share_control": "tekst: deel van de WW-uitstroom naar werk, controlegroep (%)",
    "measurement_start": "tekst: begin van de meetperiode",
    "measurement_end": "tekst: einde van de meetperiode",
    "control_matching": "tekst: kenmerken waarop de controlegroep is samengesteld",
    "target_outflow_higher": "doel (§2.2): uitstroom naar regulier werk '15% hoger'",
    "target_outflow_memo": "doel (collegenota): 'verhoging van het uitstroompercentage met 15%'",
    "target_outflow_benefits": "doel (§9.3): '15% meer uitstroom'",
    "survey_toonkamer_higher": "tekst: klantwaardering Toonkamer 'positiever' dan regulier: "
    "aantal klantprincipes met een hogere score",
    "wwb_outflow_rises": "tekst: WWB-uitstroom 'duidelijke indicatie' dat die toeneemt",
    "time_per_client_not_higher": "tekst (§1.1): tijdsbesteding per werkzoekende 'niet hoger'",
}


def _row(file: str, line: int, source: str, item: str, published, computed, verdict: str,
         reason: str | None = None, rule: str | None = None,
         choice: Choice | None = None) -> dict[str, object]:  # fmt: skip
    return verdicts.row(verdicts.published_key(file, line), source, item, published, computed,
                        verdict, rule, reason, choice=choice)  # fmt: skip


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
            rule = RULES["pct" if item == "percentage" else "n"]
            rows.append(_row(c.file, line, source, f"{where}: {item}", published, computed,
                             verdict, _cell_reason(verdict), rule))  # fmt: skip
    return rows


def _cell_reason(verdict: str) -> str | None:
    return {
        verdicts.BY_CONSTRUCTION: "synthetische klantgegevens, gemaakt om deze tabel te treffen",
        verdicts.DEVIATING: "de klantgegevens geven een ander cohort of aantal vertrekkers",
    }.get(verdict)


def survey_rows(survey: pd.DataFrame, check: pd.DataFrame, share: float) -> list:
    """The Toonkamer and regular scores: uncheckable; 'Alle klanten': recomputed with the one
    share fitted on these rows, so a match is *past na keuze* (or *per definitie* where every
    share between 0 and 100 % fits)."""
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
        choice = Choice(
            f"één aandeel Toonkamerklanten van {percent(100 * share, 1)}, geschat uit dezelfde "
            "vijf rijen", GRID, int(c["fitting_shares"]),
            of="aandelen van 0 tot 100 % in stappen van 0,1 procentpunt",
        )  # fmt: skip
        verdict = verdicts.verdict(bool(c["equal"]), by_construction=False, choice=choice)
        reason = (f"{percent(100 * share, 1)} Toonkamerklanten en de rest regulier, binnen de "
                  f"afronding (±{number(c['tolerance'], 1)})")  # fmt: skip
        rows.append(_row(r.file, r.line, source, item, r.value, c["computed"], verdict, reason,
                         RULES["survey"], choice))  # fmt: skip
    return rows


def claim_rows(claims: pd.DataFrame, facts: dict[str, object], synthetic: bool | None) -> list:
    """The text claims. `facts` holds what the chapter computed (see `results.claim_facts`);
    `synthetic` is None without client-level data."""
    rows = []
    for claim, r in claims.iterrows():
        source = f"004, {r['section']}"
        item = CLAIM_ITEMS.get(claim, f"tekst: {r['quote']}")
        computed, verdict, reason, *more = _claim(claim, r, facts, synthetic)
        rule, choice = (more + [None, None])[:2]
        published = r["value"]
        if r["unit"] == "date":  # shown in the report: a Dutch date, never ISO
            published = day_nl(dt.date.fromisoformat(published))
            computed = published if computed is not None else None
        rows.append(_row(r["file"], r["line"], source, item, published, computed, verdict, reason,
                         rule, choice))  # fmt: skip
    return rows


def _claim(claim: str, r: pd.Series, facts: dict, synthetic: bool | None) -> tuple:
    """(computed, verdict, reason[, rule[, choice]]) of one claim."""
    published = r["value"]
    if claim == "ww_mean_higher":
        mean = facts["mean_pp"]
        equal = int(rounded(mean)) == int(published)
        readings = facts["readings"]
        choice = Choice(
            "het ongewogen gemiddelde van de 16 gedrukte verschillen in procentpunten",
            len(readings), int(readings["rounds_to_claim"].sum()),
        )  # fmt: skip
        reason = (f"ongewogen gemiddelde van de 16 gedrukte verschillen Toonkamer − "
                  f"controlegroep: {number(mean, 3)} procentpunt")  # fmt: skip
        verdict = verdicts.verdict(equal, by_construction=False, choice=choice)
        return mean, verdict, reason, RULES["ww_mean_higher"], choice
    if claim in HIGHER_CLAIMS:
        h = facts["higher"].set_index("location").loc[HIGHER_CLAIMS[claim]]
        value = h["higher_horizons"] if "horizons" in claim else h["higher_from"]
        equal = value is not None and int(value) == int(published)
        reason = None if equal else (
            f"{HIGHER_CLAIMS[claim]} ligt pas vanaf 0–{value} mnd. boven de controlegroep"
        )  # fmt: skip
        if "horizons" in claim:  # 'in alle meetperioden': every printed horizon, no reading
            return value, verdicts.verdict(equal, by_construction=False), reason, RULES["horizons"]
        fits = sum(value is not None and int(value) in hs for hs in FROM_READINGS.values())
        choice = Choice("'na 4 tot 5 maanden' gelezen als: hoger vanaf 0–5 mnd.",
                        len(FROM_READINGS), fits)  # fmt: skip
        verdict = verdicts.verdict(equal, by_construction=False, choice=choice)
        return value, verdict, reason or "volgt uit de gedrukte percentages", RULES["from"], choice
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
        return value, verdict, _cell_reason(verdict), RULES["work"]
    if claim.startswith("measurement_"):
        if synthetic is None:
            return None, verdicts.UNCHECKABLE, "geen gegevens per klant"
        equal = facts["cohorts_equal"]
        verdict = verdicts.verdict(equal, by_construction=synthetic)
        reason = ("met deze meetperiode geven de klantgegevens de gepubliceerde cohorten"
                  if equal else "met deze meetperiode wijken de cohorten af")  # fmt: skip
        return published if equal else None, verdict, reason, RULES["measurement"]
    if claim == "control_matching":
        return None, verdicts.UNCHECKABLE, (
            "geen kenmerken (geslacht, leeftijd, postcode) per klant: of de groepen "
            "vergelijkbaar zijn, is niet na te gaan"
        )  # fmt: skip
    if claim == "survey_toonkamer_higher":
        survey = facts["survey"].pivot(index="principle", columns="group", values="value")
        value = int((survey["toonkamer"] > survey["regulier"]).sum())
        verdict = verdicts.verdict(value == int(published), by_construction=False)
        reason = None if verdict == verdicts.REPRODUCED else (
            f"Toonkamerklanten scoren op {number(value)} van de {number(len(survey))} "
            "klantprincipes hoger"
        )  # fmt: skip
        return value, verdict, reason, RULES["survey_toonkamer_higher"]
    if claim == "wwb_outflow_rises":
        return None, verdicts.UNCHECKABLE, (
            "voor de WWB is geen controlegroep gepubliceerd en de cohorten zijn klein (de "
            f"gedrukte aantallen lopen van {number(facts['wwb_n_min'])} tot "
            f"{number(facts['wwb_n_max'])} klanten): een toename is niet na te gaan"
        )  # fmt: skip
    if claim == "time_per_client_not_higher":
        return None, verdicts.UNCHECKABLE, (
            "Bijlage 1 zegt zelf dat de tijdsbesteding per cliënt niet te vergelijken was; er "
            "zijn geen cijfers over gepubliceerd"
        )  # fmt: skip
    return None, verdicts.UNCHECKABLE, (
        "een doel voor 2008–2009, geen meting; het hoofdstuk geeft beide lezingen"
    )  # fmt: skip


def audit(rows: list[dict[str, object]]) -> pd.DataFrame:
    return verdicts.audit_frame(rows)
