"""Dutch text of the Toonkamer chapter's estimates: the pooled differences per horizon (with
the heterogeneity test and the random-effects estimate where it rejects), the readings of the
'7 %', the 15 % target decided only where an interval decides, and the conclusion."""

from __future__ import annotations

from analysis.chapters.toonkamer import compute
from analysis.chapters.toonkamer.compute import Toonkamer
from analysis.chapters.toonkamer.text_labels import interval, months, months_list
from analysis.core.formatting import and_nl, number, percent
from analysis.core.markdown import literal
from analysis.study.toonkamer import CONTROL, TOONKAMER


def _pct(value: float) -> str:
    return percent(value, 1)


def p_value(p: float) -> str:
    """'p = 0,06'; 'p < 0,01' for small values."""
    return "p < 0,01" if p < 0.005 else f"p = {number(p, 2)}"


def _split(tk: Toonkamer, horizons: list[int]) -> str:
    """'A’dam Zuidoost en Den Bosch liggen daar hoger, Dordrecht en Gouda lager' (per horizon
    when the locations do not split the same way at each)."""
    d = compute.differences(tk)
    parts = []
    for h in horizons:
        part = d[d["horizon"] == h]
        up = and_nl([literal(x) for x in part[part["diff"] > 0]["location"]])
        down = and_nl([literal(x) for x in part[part["diff"] < 0]["location"]])
        parts.append(f"{up} {'ligt' if ' en ' not in up else 'liggen'} hoger, {down} lager"
                     if up and down else "")  # fmt: skip
    if len(set(parts)) == 1:
        return parts[0]
    return "; ".join(f"op {months(h)}: {p}" for h, p in zip(horizons, parts, strict=True) if p)


def _estimates(rows) -> str:
    """'2,4 procentpunt op 0–3 maanden (95 %-interval −6,1 tot 11,0) en 6,3 procentpunt op
    0–4 maanden (95 %-interval −5,9 tot 18,4)': one interval per estimate."""
    return and_nl([
        f"{number(r.est, 1)} procentpunt op {months(int(r.horizon))} (95 %-interval "
        f"{interval(r.est_lower, r.est_upper)})" for r in rows.itertuples()
    ])  # fmt: skip


def _zero(rows) -> str:
    """Whether the intervals of `rows` exclude zero, said for all of them at once."""
    excl = rows["est_lower"] > 0
    subject = {1: "Het interval", 2: "Beide intervallen"}.get(len(rows), "Elk interval")
    plural = len(rows) == 2
    if excl.all():
        return f"{subject} {'sluiten' if plural else 'sluit'} nul uit."
    if not excl.any():
        return f"{subject} {'omvatten' if plural else 'omvat'} nul."
    where = months_list([int(h) for h in rows[excl]["horizon"]])
    return f"Alleen op {where} sluit het interval nul uit."


def pooled_note(tk: Toonkamer) -> str:
    """The Mantel–Haenszel estimates per horizon, the heterogeneity test before them, the
    random-effects estimate where it rejects, and why horizons are not pooled."""
    p = compute.pooled(tk)
    split, common = p[p["heterogeneous"]], p[~p["heterogeneous"]]
    sato_gap = max(
        (p["lower_sato"] - p["lower"]).abs().max(), (p["upper_sato"] - p["upper"]).abs().max()
    )
    alpha = number(compute.HETEROGENEITY_ALPHA, 2)
    text = (
        "Per termijn zijn de vier locaties samen te nemen met de Mantel–Haenszel-schatting van "
        "het verschil: een gewogen gemiddelde van de vier verschillen, met als gewicht het "
        "product van de twee groepsgroottes gedeeld door hun som, zodat elke locatie alleen "
        "met haar eigen controlegroep wordt vergeleken. Zo'n gemeenschappelijk verschil "
        "veronderstelt dat de locaties ongeveer hetzelfde verschil hebben. Dat toetst Cochran's "
        f"*Q* eerst: bij *p* < {alpha} verschillen de locaties meer dan toeval verklaart (met "
        "vier locaties heeft de toets weinig onderscheidend vermogen, vandaar "
        f"{alpha} en niet 0,05). "
    )
    hs = [int(h) for h in split["horizon"]]
    if hs:
        ps = and_nl([p_value(v) for v in split["q_p"]])
        text += (
            f"Op {months_list(hs)} is dat zo ({ps}): {_split(tk, hs)}. Eén "
            "gepoold verschil vat dat slecht samen, en het interval van Mantel–Haenszel is dan "
            "te smal voor een gemiddelde over locaties. Daar geldt de random-effectsschatting "
            "(DerSimonian–Laird), die de spreiding tussen de locaties meeneemt: "
            f"{_estimates(split)}. {_zero(split)} "
        )
    if not common.empty:
        where = months_list([int(h) for h in common["horizon"]])
        ps = and_nl([p_value(v) for v in common["q_p"]])
        text += (
            f"Op {where} wijst de toets geen verschil tussen de locaties aan ({ps}); daar "
            f"geldt het Mantel–Haenszel-verschil: {_estimates(common)}. {_zero(common)} "
        )
    text += (
        "De intervallen van Mantel–Haenszel gebruiken de variantie van Greenland en Robins; "
        f"die van Sato verschilt hooguit {number(sato_gap, 1)} procentpunt. De termijnen zelf "
        "zijn niet samen te nemen: wie zes maanden te volgen was, zit ook in de cohorten van "
        "drie, vier en vijf maanden, zodat een gemiddelde over termijnen dezelfde klanten tot "
        "vier keer telt.\n"
    )
    return text


def claim_note(tk: Toonkamer) -> str:
    """How 'gemiddeld 7 % hoger' arises from the tables, with its exact value."""
    d = compute.differences(tk)
    readings = compute.readings(tk).set_index("reading")
    r = readings["value"]
    claim = int(tk.claims.loc["ww_mean_higher", "value"])
    terms = " + ".join(number(v) for v in d["diff_printed"]).replace("+ −", "− ")
    total, n = int(d["diff_printed"].sum()), len(d)
    ww = tk.cells[tk.cells["benefit"] == "WW"]["n"]
    mh = compute.pooled(tk)
    rounding = mh[[int(round(v)) == claim for v in mh["mh"]]]["horizon"].tolist()
    fits = int(readings["rounds_to_claim"].sum())
    return (
        "De zin 'Over alle Toonkamers gemeten is de uitstroom uit de WW in de gekozen "
        "meetperiode gemiddeld 7% hoger dan in de controlegroep' volgt uit de tabellen als "
        f"ongewogen gemiddelde van de {number(n)} gedrukte verschillen in procentpunten (vier "
        f"locaties × vier termijnen): ({terms}) / {number(n)} = {number(total)} / {number(n)} "
        f"= **{number(r['mean_pp'], 3)}**, afgerond {number(round(r['mean_pp']))}. Het is dus "
        f"geen relatieve toename (die is gemiddeld {_pct(r['mean_relative'])}) en geen "
        "schatting met een foutmarge: elke cel telt even zwaar, of er nu "
        f"{number(ww.min())} of {number(ww.max())} klanten achter zitten, en dezelfde klanten "
        "tellen in tot vier termijnen mee, zodat er geen eerlijk interval bij te geven is. Dat "
        "deze lezing klopt, bevestigt het getal niet: ze is gekozen omdat ze het geeft "
        f"({number(fits)} van de {number(len(readings))} lezingen in @tbl-toonkamer-zeven "
        f"ronden af op {number(claim)}). De Mantel–Haenszel-schattingen per termijn lopen "
        f"uiteen van {number(mh['mh'].min(), 1)} tot {number(mh['mh'].max(), 1)} procentpunt; "
        + (f"alleen die op {and_nl([months(h) for h in rounding])} rondt ook af op "
           f"{number(claim)}." if rounding else f"geen daarvan rondt af op {number(claim)}.")
        + "\n"
    )  # fmt: skip


STATUS_TEXT = {
    "not_met": "boven het interval (niet gehaald)",
    "open": "binnen het interval (niet te beslissen)",
    "met": "onder het interval (gehaald)",
}


def decided(statuses: dict[int, str | None]) -> str:
    """'op 0–3 maanden boven het interval (niet gehaald), op 0–4 ... binnen het interval (...)'
    from {horizon: status}; horizons with the same status are named together."""
    groups: dict[str, list[int]] = {}
    for h, state in statuses.items():
        if state:
            groups.setdefault(state, []).append(h)
    if len(groups) == 1:
        return f"op elke termijn {STATUS_TEXT[next(iter(groups))]}"
    return ", ".join(f"op {months_list(hs)} {STATUS_TEXT[state]}" for state, hs in groups.items())


def target_note(tk: Toonkamer) -> str:
    """The 15 % target read as percentage points and as a relative increase, with numbers;
    decided only where an interval decides (per horizon)."""
    t = compute.target(tk).set_index("basis")
    m, w = t.loc["mean"], t.loc["work_mean"]
    statuses = compute.target_decisions(tk)
    return (
        "Het projectplan stelt als doel: 'De uitstroom uit de Toonkamer naar regulier werk ligt "
        "15% hoger dan de uitstroom uit het reguliere re-integratieproces.' Dat kan twee dingen "
        f"betekenen. Bij de gemiddelde uitstroom van de controlegroep ({_pct(m['pct_c'])}):\n\n"
        f"- **15 procentpunt hoger**: {_pct(m['target_pp'])};\n"
        f"- **15 % hoger** (× 1,15): {_pct(m['target_relative'])}, dat is "
        f"{number(m['needed_pp_relative'], 1)} procentpunt erbij.\n\n"
        f"Het ongewogen gemiddelde van de Toonkamers is {_pct(m['pct_t'])}: "
        f"{number(m['achieved_pp'], 1)} procentpunt of {_pct(m['achieved_relative'])} meer dan "
        "de controlegroep. Relatief gelezen ligt het doel dus op het niveau dat de pilots "
        "gemiddeld lieten zien, in procentpunten op ruim het dubbele. Of de pilots het doel "
        "haalden, beslist dat gemiddelde niet: het telt overlappende cohorten even zwaar en "
        "heeft geen interval. Alleen per termijn beslist een interval, dat van het gepoolde "
        "verschil (@tbl-toonkamer-doel): +15 procentpunt ligt "
        f"{decided(statuses['pp'])}; de relatieve lezing ligt {decided(statuses['relative'])}. "
        "Het doel spreekt van uitstroom naar werk. Met de gepubliceerde aandelen werkhervatting "
        f"({percent(tk.work_published[TOONKAMER])} en {percent(tk.work_published[CONTROL])} van "
        f"de uitstroom, over de hele meetperiode) wordt het gemiddelde {_pct(w['pct_t'])} tegen "
        f"{_pct(w['pct_c'])}: {number(w['achieved_pp'], 1)} procentpunt of "
        f"{_pct(w['achieved_relative'])} meer, ook dat zonder interval. Het doel geldt volgens "
        "het plan ook voor WWB-klanten; daarvoor is geen controlegroep gemeten.\n"
    )  # fmt: skip


def conclusion(tk: Toonkamer) -> str:
    p = compute.pooled(tk)
    m = compute.target(tk).set_index("basis").loc["mean"]
    mean = compute.mean_difference(tk)
    shown, unclear = p[p["est_lower"] > 0], p[p["est_lower"] <= 0]
    split = unclear[unclear["heterogeneous"]]
    plain_unclear = unclear[~unclear["heterogeneous"]]
    seen = (
        "Samengenomen over de vier gemeten Toonkamers stroomden WW-klanten vaker uit dan hun "
        f"controlegroep: {_estimates(shown)}. " if not shown.empty else
        "Op geen enkele termijn is het gepoolde verschil van nul te onderscheiden. "
    )  # fmt: skip
    if not split.empty:
        hs = [int(h) for h in split["horizon"]]
        seen += (
            f"Op {months_list(hs)} verschillen de locaties meer dan toeval "
            f"({_split(tk, hs)}), en is het gemiddelde verschil over de locaties niet van nul te "
            "onderscheiden. "
        )
    if not plain_unclear.empty:
        where = months_list([int(h) for h in plain_unclear["horizon"]])
        seen += f"Op {where} is er geen aantoonbaar verschil. "
    statuses = compute.target_decisions(tk)
    met = any(v == "met" for s in statuses.values() for v in s.values())
    target = (
        f"Relatief gelezen ligt het doel van '15 % hoger' ({_pct(m['target_relative'])} bij "
        f"{_pct(m['pct_c'])}) op het ongewogen gemiddelde van de pilots "
        f"({_pct(m['pct_t'])}), in procentpunten ({_pct(m['target_pp'])}) ruim erboven. "
        + ("Dat de pilots het haalden, toont geen enkele termijn: " if not met else
           "Per termijn: ")
        + f"+15 procentpunt ligt {decided(statuses['pp'])}, de relatieve lezing "
        f"{decided(statuses['relative'])}. Het plan zegt niet welke lezing het bedoelt."
    )  # fmt: skip
    return (
        f"**Wat de pilot laat zien.** {seen.strip()}\n\n"
        "**Wat de pilot niet laat zien.** 'Gemiddeld 7 % hoger' is het ongewogen gemiddelde "
        f"({number(mean, 3)}) van zestien procentpuntverschillen die elkaars klanten "
        "overlappen: een getal zonder foutmarge, in procentpunten en niet relatief. Dat de "
        "Toonkamer de oorzaak is, volgt niet uit een vergelijking met een controlegroep die "
        "op vier kenmerken is samengesteld, in vier pilots die niet door loting zijn gekozen. "
        "Voor de WWB zijn de aantallen te klein en ontbreekt een controlegroep; de "
        f"klanttevredenheid is zonder aantallen respondenten niet te toetsen. {target}\n"
    )
