"""Dutch text of the survey chapter: notes, captions and the summary bullets."""

from __future__ import annotations

from analysis.chapters.enquetes import compute
from analysis.chapters.enquetes.compute import Enquetes, counts_for
from analysis.chapters.enquetes.text_labels import (
    BENEFIT_NL,
    interval,
    mean_with_interval,
    score,
    tag,
    wave_nl,
)
from analysis.core.formatting import and_nl, number, percent, span
from analysis.core.proportions import wilson
from analysis.ingest.enquetes import OVERALL
from analysis.study import verdicts


def _waves(en: Enquetes) -> str:
    return and_nl([wave_nl(w) for w in en.waves])


def data_note(en: Enquetes) -> str:
    """What the chapter rests on, and what is therefore true by construction."""
    if not en.has_data:
        return f"Voor {en.period} is nog geen meting van de klantgerichtheid afgerond.\n"
    total = sum(m["respondents"] for m in en.metadata.values())
    locations = max(m["locations"] for m in en.metadata.values())
    text = (
        f"De berekeningen rusten op {number(len(en.waves))} metingen ({_waves(en)}), samen "
        f"{number(total)} respondenten op {number(locations)} locaties, met per respondent een "
        "oordeel van 1 tot 10 per klantprincipe en over de totale dienstverlening. "
    )
    if en.synthetic:
        pub = en.published
        latest = pub[pub["wave"] == pub.loc[pub["statistic"] == "respondents", "wave"].iloc[0]]

        def value(statistic: str, group: str = "") -> float:
            rows = latest[
                (latest["statistic"] == statistic) & (latest["group"].fillna("") == group)
            ]
            return float(rows["value"].iloc[0])

        text += (
            "De antwoorden per respondent zijn niet openbaar. De respondenten hier zijn "
            "**synthetisch**: met een vast startgetal gemaakt, met neutrale codes (WP-001 ...) "
            "in plaats van Werkpleinen. Ze zijn zo gemaakt dat de gepubliceerde gemiddelden per "
            "klantprincipe en meting (op één decimaal), de splitsing "
            f"{score(value('mean_by_contact', 'ja'))} / "
            f"{score(value('mean_by_contact', 'nee'))} naar vaste contactpersoon, de "
            f"{number(value('respondents'))} respondenten bij "
            f"{percent(value('response_rate'), 1)} respons, de stijging van "
            f"{number(value('change_overall'), 2)} punt en de twee beweringen over de "
            "WW-uitkering en de snelheid van betalen kloppen. Die uitkomsten zijn daarom "
            "**waar per constructie** en geen bewijs. Wat "
            "dit hoofdstuk wel laat zien, is hoe de cijfers berekend worden en hoe groot de "
            "onzekerheid eromheen is bij deze aantallen en een spreiding tussen locaties zoals "
            "in de synthetische gegevens.\n"
        )
    return text.strip() + "\n"


def principles_caption(en: Enquetes) -> str:
    return (
        "Gemiddeld oordeel per klantprincipe en meting met 95 %-interval (rekening houdend "
        f"met locaties); rode streep: gepubliceerd{tag(en)}"
    )


def principles_alt(en: Enquetes) -> str:
    m = en.wave_row(compute.means(en), en.latest, score=OVERALL)
    latest = "" if m is None else f" In de laatste meting is het totaal {score(m['mean'], 2)}."
    return (
        "Puntgrafiek met per klantprincipe en voor de totale dienstverlening het gemiddelde "
        f"oordeel per meting met een foutbalk en het gepubliceerde cijfer als streep.{latest}"
    )


def means_caption(en: Enquetes) -> str:
    return f"Gemiddeld oordeel (95 %-interval) per klantprincipe en meting{tag(en)}"


def means_note(en: Enquetes) -> str:
    """Why the intervals are as wide as they are: clustering within locations."""
    m = en.wave_row(compute.means(en), en.latest, score=OVERALL)
    if m is None:
        return ""
    deff = compute.means(en)["design_effect"]
    half = (m["upper"] - m["lower"]) / 2
    srs = half / m["design_effect"] ** 0.5
    return (
        "Respondenten van hetzelfde Werkplein lijken meer op elkaar dan willekeurige "
        "respondenten, want ze hebben met dezelfde mensen en dezelfde werkwijze te maken. De "
        "intervallen houden daar rekening mee (clustercorrectie naar locatie, met "
        f"{number(m['clusters'])} locaties als eenheden). Het design-effect ligt tussen "
        f"{number(deff.min(), 1)} en {number(deff.max(), 1)}: het landelijke gemiddelde van "
        f"{number(m['n'])} antwoorden is zo precies als dat van een veel kleinere aselecte "
        f"steekproef. Voor het totaaloordeel van de {wave_nl(en.latest)} is het 95 %-interval "
        f"±{number(half, 2)} punt, tegen ±{number(srs, 3)} als alle respondenten onafhankelijk "
        "waren. Verschillen van een paar honderdsten tussen metingen vallen daarbinnen.\n"
    )


def change_note(en: Enquetes) -> str:
    """'stijging 0,04%': what it can mean and what the interval says."""
    d = compute.differences(en)
    if d.empty:
        return "Met één meting is er geen verschil tussen metingen te berekenen.\n"
    row = d[d["score"] == OVERALL].iloc[-1]
    zero = row["lower"] <= 0 <= row["upper"]
    text = (
        "Het AKO schrijft dat het totale oordeel 'ten opzichte van het 2e tertaal met een "
        "nagenoeg 6,8 gelijk is gebleven (stijging 0,04%)'. Van de "
        f"{wave_nl(row['wave_a'])} naar de {wave_nl(row['wave_b'])} gaat de totale "
        f"dienstverlening hier van {score(row['mean_a'], 3)} naar {score(row['mean_b'], 3)}: "
        f"{number(row['difference'], 3)} punt, of relatief {percent(row['relative_pct'], 2)}. "
        "'0,04%' kan dus twee dingen betekenen: een verschil van 0,04 punt (dan hoort er geen "
        "procentteken bij), of een relatieve stijging van 0,04 % (dat is 0,003 punt). Alleen "
        "de eerste lezing past bij twee gemiddelden die allebei op 6,8 afronden en een "
        "verschil dat de moeite van het noemen waard was. "
    )
    text += (
        f"Het 95 %-interval van het verschil, {interval(row['lower'], row['upper'], 3)} punt "
        f"(p = {number(row['p_value'], 2)}), "
        + (
            "bevat 0: de stijging is niet te onderscheiden van toeval. 'Nagenoeg gelijk "
            "gebleven' is de juiste samenvatting; 'stijging' niet."
            if zero
            else "bevat 0 niet: het verschil is groter dan toeval alleen verklaart."
        )
    )
    if en.synthetic:
        text += " Het verschil zelf is per constructie; het interval laat zien wat het waard is."
    return text + "\n"


def differences_caption(en: Enquetes) -> str:
    return f"Verschil tussen opeenvolgende metingen, met 95 %-interval en p-waarde{tag(en)}"


def subgroups_caption(en: Enquetes) -> str:
    return (
        "Totale dienstverlening naar vaste contactpersoon en naar uitkering, met "
        f"95 %-interval; rode streep: gepubliceerd{tag(en)}"
    )


def subgroups_alt(en: Enquetes) -> str:
    return (
        "Twee puntgrafieken: links het totaaloordeel met en zonder vaste contactpersoon per "
        "meting, rechts per type uitkering (WW, WWB, ander type, geen)."
    )


def subgroup_note(en: Enquetes) -> str:
    """The contact-person split and the WW claim, with intervals."""
    c = en.wave_row(compute.contrasts(en), en.latest, contrast="contact")
    w = en.wave_row(compute.contrasts(en), en.latest, contrast="ww_vs_other")
    if c is None or w is None:
        return ""
    text = (
        f"In de {wave_nl(en.latest)} geven respondenten met een vaste contactpersoon "
        f"gemiddeld {score(c['mean_b'], 2)}, die zonder {score(c['mean_a'], 2)} (AKO: 7,0 en "
        f"6,2). Het verschil is {number(c['difference'], 2)} punt "
        f"(95 %-interval {interval(c['lower'], c['upper'])}). Respondenten met een "
        f"WW-uitkering geven {score(w['mean_b'], 2)}, de anderen samen (ander type uitkering "
        f"of geen uitkering) {score(w['mean_a'], 2)}: {number(w['difference'], 2)} punt hoger "
        f"(95 %-interval {interval(w['lower'], w['upper'])}). "
    )
    sub = compute.subgroups(en)
    ben = sub[(sub["variable"] == "benefit") & (sub["wave"] == str(en.latest))]
    parts = [f"{BENEFIT_NL[g]} {score(m, 2)}" for g, m in zip(ben["group"], ben["mean"],
                                                               strict=True)]  # fmt: skip
    text += f"Per groep: {and_nl(parts)}. "
    if en.synthetic:
        text += (
            "Beide verschillen zijn in de synthetische gegevens ingebouwd; dat ze zichtbaar "
            "worden, bewijst alleen dat de berekening ze vindt. Ook in echte gegevens zegt zo'n "
            "verschil niets over oorzaak: wie een vaste contactpersoon heeft, is mogelijk een "
            "ander soort klant."
        )
    return text + "\n"


def payment_caption(en: Enquetes) -> str:
    return f"Totaaloordeel naar dagen tot de eerste betaling, met 95 %-interval{tag(en)}"


def payment_alt(en: Enquetes) -> str:
    return (
        "Puntgrafiek met per meting het gemiddelde totaaloordeel in vier groepen naar het "
        "aantal dagen tot de eerste betaling; het oordeel daalt naarmate de betaling later komt."
    )


def payment_note(en: Enquetes) -> str:
    f = en.wave_row(compute.payment(en)[0], en.latest)
    if f is None:
        return ""
    direction = "lager" if f["slope_per_10_days"] < 0 else "hoger"
    text = (
        f"Per 10 dagen later betalen is het totaaloordeel in de {wave_nl(en.latest)} gemiddeld "
        f"{number(abs(f['slope_per_10_days']), 3)} punt {direction} (95 %-interval "
        f"{interval(f['lower'], f['upper'], 3)}"
        f"; lineaire regressie over {number(f['n'])} respondenten met een uitkering, "
        f"clustercorrectie naar locatie). De rangcorrelatie van Spearman is "
        f"{number(f['spearman'], 2)}: de samenhang is duidelijk, maar zwak; de betalingssnelheid "
        "verklaart maar een klein deel van de verschillen in oordeel. "
    )
    if en.synthetic:
        text += "De samenhang is in de synthetische gegevens ingebouwd (per constructie)."
    return text + "\n"


def locations_caption(en: Enquetes) -> str:
    if en.latest is None:
        return f"Totaaloordeel per locatie: geen meting in {en.period}"
    return (
        f"Totaaloordeel per locatie in de {wave_nl(en.latest)} met 95 %-interval; band: "
        f"landelijk gemiddelde met interval{tag(en)}"
    )


def locations_alt(en: Enquetes) -> str:
    return (
        "Per locatie het gemiddelde totaaloordeel met foutbalk, van laag naar hoog gesorteerd, "
        "tegen een horizontale band voor het landelijk gemiddelde."
    )


def locations_note(en: Enquetes) -> str:
    """Spread between locations and the small-cell suppression, said plainly."""
    if en.latest is None:
        return ""
    loc = compute.locations(en)
    part = loc[loc["wave"] == str(en.latest)]
    shown = part[~part["suppressed"]]
    national = en.wave_row(compute.means(en), en.latest, score=OVERALL)
    below = int((shown["upper"] < national["mean"]).sum())
    above = int((shown["lower"] > national["mean"]).sum())
    hidden = int(part["suppressed"].sum())
    text = (
        f"De gemiddelden van de {number(len(shown))} getoonde locaties lopen uiteen van "
        f"{span(score(shown['mean'].min(), 2), score(shown['mean'].max(), 2))}. Bij "
        f"{number(below)} locaties ligt het hele interval onder het landelijk gemiddelde, bij "
        f"{number(above)} erboven; de intervallen per locatie rekenen de respondenten van één "
        "locatie als onafhankelijk. "
    )
    if hidden:
        text += (
            f"**{number(hidden)} locaties hadden minder dan {compute.MIN_RESPONDENTS} "
            "respondenten; hun uitkomsten worden niet getoond**, in de figuur niet en in de "
            "tabellen bij het rapport niet: met zo weinig antwoorden zegt een gemiddelde niets "
            "over de locatie en komt het dicht bij het oordeel van één persoon. Hun "
            "respondenten tellen wel mee in de landelijke cijfers."
        )
    else:
        text += f"Alle locaties hadden ten minste {compute.MIN_RESPONDENTS} respondenten."
    return text + "\n"


def response_caption(en: Enquetes) -> str:
    return f"Respons per meting{tag(en)}"


def response_note(en: Enquetes) -> str:
    pub = en.published.set_index("statistic")
    rate, n = float(pub.loc["response_rate", "value"]), int(pub.loc["respondents", "value"])
    lo, hi = n / ((rate + 0.05) / 100), n / ((rate - 0.05) / 100)
    return (
        f"Uit de gepubliceerde cijfers alleen volgt dat {number(n)} respondenten bij "
        f"{percent(rate, 1)} respons betekent dat er tussen {number(-(-lo // 1))} en "
        f"{number(hi // 1)} mensen zijn uitgenodigd. Het AKO noemt het aantal reacties 'in "
        "onderzoekstermen hoog'; met bijna twee op de drie uitgenodigden die niet antwoorden, "
        "hangt de betekenis van de gemiddelden er wel van af of wie antwoordt anders oordeelt "
        "dan wie niet antwoordt. Daarover zeggen de gegevens niets.\n"
    )


def employer_note(en: Enquetes) -> str:
    pub = en.published[en.published["statistic"] == "employer_mean"].set_index("item")
    principles = pub.drop(index="overall")["value"]
    whole = pub[pub["decimals"] == 0]
    labels = and_nl([f"'{label}'" for label in whole["row_label"]])
    printed = and_nl(sorted({number(v) for v in whole["value"]}))
    return (
        "De werkgeversgerichtheid (§3.3.2) is één meting in 2009, gepubliceerd als zes "
        "gemiddelden zonder aantallen, spreiding of responscijfer; de tekst zegt alleen "
        "'met inachtneming van de matige respons'. Zonder aantal respondenten is er geen "
        "interval te berekenen en niets na te rekenen: alle zes cijfers zijn **niet te "
        "controleren**. Twee dingen vallen op. De tekst noemt als principes Betrouwbaarheid, "
        "Professionaliteit, Daadkracht, Toegankelijkheid en Flexibiliteit, de tabel heeft "
        f"Gemak in plaats van Toegankelijkheid. En {labels} "
        f"{'staat' if len(whole) == 1 else 'staan'} er als {printed}, zonder decimaal, de "
        f"andere met één. Het gemiddelde van de {number(len(principles))} principes is "
        f"{number(principles.mean(), 2)}, wat bij een totaaloordeel van "
        f"{number(pub.loc['overall', 'value'])} past, maar het totaaloordeel is een eigen "
        "vraag, geen gemiddelde.\n"
    )


def iwi_note(en: Enquetes) -> str:
    checks = compute.iwi_checks(en)
    resp = checks[checks["statistic"] == "response_rate"].iloc[0]
    iwi = en.iwi[en.iwi["statistic"].isin(["respondents", "invited"])]
    iwi = iwi.set_index(["statistic", "group"])["value"]
    uwv = 100 * iwi.loc[("respondents", "uwv")] / iwi.loc[("invited", "uwv")]
    one = en.iwi[en.iwi["row_label"].str.startswith("één aanspreekpunt")].iloc[0]
    two_groups = int(iwi.loc[("respondents", "cwi")] + iwi.loc[("respondents", "uwv")])
    fits_two = counts_for(float(one["value"]), int(one["decimals"]), two_groups)
    answered = [int(iwi.loc[("respondents", g)]) for g in ("cwi", "uwv", "gemeenten")]
    n = sum(answered)
    low, high = wilson(round(n / 2), n)
    invited = en.iwi[en.iwi["statistic"] == "invited"]
    municipalities = invited[invited["group"] == "gemeenten"].iloc[0]
    return (
        "De verkennende studie van de IWI uit 2007 (V07/03) rust op een enquête onder alle "
        f"CWI-vestigingen, {number(iwi.loc[('invited', 'uwv')])} re-integratiecoaches van UWV "
        f"en {municipalities['qualifier'] or number(municipalities['value'])} centrumgemeenten, "
        f"met {and_nl([number(a) for a in answered])} ingevulde vragenlijsten "
        f"({number(n)} samen) en een respons van {percent(resp['value'])}. Alleen "
        "de percentages zijn gepubliceerd, niet de antwoorden; de percentages zijn daarom "
        "**niet te controleren**. Wel is na te gaan of ze bij de aantallen passen, en hoe "
        f"onzeker ze zijn. Van de coaches antwoordde {percent(uwv, 1)}. Het aantal "
        f"CWI-vestigingen staat niet in de studie; de {percent(resp['value'])} past bij "
        f"{number(resp['implied_cwi_min'])} tot {number(resp['implied_cwi_max'])} vestigingen. "
        f"Elk percentage met één decimaal past bij een geheel aantal van de {number(n)} "
        f"respondenten; bij {number(n)} antwoorden is een 95 %-interval rond de 50 % ongeveer "
        f"{number(100 * (high - low))} procentpunten breed "
        "(Wilson-interval, zonder correctie voor de eindige populatie). "
        f"Het percentage {percent(one['value'], 1)} voor één aanspreekpunt hoort bij alle "
        f"{number(n)} "
        + (
            "respondenten: bij alleen de CWI-vestigingen en coaches "
            f"({number(two_groups)}) geeft geen enkel aantal precies dat percentage, hoewel de "
            "alinea over hen gaat.\n"
            if not fits_two
            else "respondenten, of bij alleen de CWI-vestigingen en coaches.\n"
        )
    )


def audit_intro(en: Enquetes) -> str:
    return (
        verdicts.sentence(compute.audit(en), "gepubliceerde enquêtecijfers")
        + " Elk heeft hieronder of in @tbl-iwi-2007 zijn oordeel. 'Per constructie' betekent dat "
        "het cijfer klopt omdat de synthetische respondenten ervoor gemaakt zijn; het is geen "
        "bewijs dat het AKO goed rekende.\n"
    )


def audit_caption(en: Enquetes) -> str:
    return f"AKO §3.3: gepubliceerd, herberekend en het oordeel{tag(en)}"


def summary(facts: dict) -> str:
    """Two to five bullets for the report's Samenvatting, from the chapter's facts
    (`compute.facts`)."""
    if facts["latest"] is None:
        return f"- Voor {facts['period']} is nog geen meting van de klantgerichtheid afgerond.\n"
    m, counts = facts["overall"], facts["verdicts"]
    basis = "synthetische respondenten" if facts["synthetic"] else "de respondentenbestanden"
    lines = [
        f"- Klantgerichtheid ({wave_nl(facts['latest'])}, {basis}): totaaloordeel "
        f"{mean_with_interval(m['mean'], m['lower'], m['upper'])}; het interval houdt "
        "rekening met verschillen tussen locaties en is daardoor "
        f"{number(m['design_effect'] ** 0.5, 1)} keer zo breed als bij onafhankelijke "
        "respondenten.",
    ]
    if row := facts["change"]:
        lines.append(
            f"- De 'stijging 0,04%' van het totaaloordeel is {number(row['difference'], 3)} "
            f"punt (95 %-interval {interval(row['lower'], row['upper'], 3)}): niet te "
            "onderscheiden van gelijk blijven." if row["lower"] <= 0 <= row["upper"] else
            f"- De stijging van het totaaloordeel is {number(row['difference'], 3)} punt."
        )  # fmt: skip
    lines.append(
        f"- Enquêtecijfers: {number(counts[verdicts.BY_CONSTRUCTION])} per constructie "
        f"(synthetische gegevens), {number(counts[verdicts.UNCHECKABLE])} niet te controleren "
        f"(werkgevers en IWI 2007: alleen gepubliceerde aggregaten), "
        f"{number(counts[verdicts.DEVIATING])} afwijkend."
    )
    return "\n".join(lines) + "\n"
