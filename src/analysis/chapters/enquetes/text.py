"""Dutch text of the survey chapter: notes, captions and the summary bullets."""

from __future__ import annotations

from analysis.chapters.enquetes import compute
from analysis.chapters.enquetes.compute import Enquetes, counts_for
from analysis.chapters.enquetes.text_labels import (
    interval,
    mean_with_interval,
    score,
    tag,
    wave_het,
    wave_nl,
)
from analysis.core.formatting import and_nl, number, percent, without_footnote_marks
from analysis.core.proportions import wilson
from analysis.ingest.enquetes import OVERALL
from analysis.study import verdicts


def _waves(en: Enquetes) -> str:
    return and_nl([wave_nl(w) for w in en.waves])


def data_note(en: Enquetes) -> str:
    """What the chapter rests on; with synthetic respondents a warning callout saying what
    they were made to hit and that nothing resting on them judges a published figure."""
    if not en.has_data:
        return f"Voor {en.period} is nog geen meting van de klantgerichtheid afgerond.\n"
    total = sum(m["respondents"] for m in en.metadata.values())
    locations = max(m["locations"] for m in en.metadata.values())
    text = (
        f"De berekeningen rusten op {number(len(en.waves))} metingen ({_waves(en)}), samen "
        f"{number(total)} respondenten op {number(locations)} locaties, met per respondent een "
        "oordeel van 1 tot 10 per klantprincipe en over de totale dienstverlening."
    )
    if not en.synthetic:
        return text + "\n"
    pub = en.published
    latest = pub[pub["wave"] == pub.loc[pub["statistic"] == "respondents", "wave"].iloc[0]]

    def value(statistic: str, group: str = "") -> float:
        rows = latest[(latest["statistic"] == statistic) & (latest["group"].fillna("") == group)]
        return float(rows["value"].iloc[0])

    return (
        '::: {.callout-warning title="Synthetische respondenten: een illustratie van de '
        'methode"}\n'
        f"{text} De antwoorden per respondent zijn niet openbaar; de respondenten hier zijn "
        "**synthetisch**, met neutrale codes (WP-001 …) in plaats van Werkpleinen. Ze zijn zo "
        "gemaakt dat de gepubliceerde gemiddelden per klantprincipe en meting (op één decimaal), "
        f"de splitsing {score(value('mean_by_contact', 'ja'))} / "
        f"{score(value('mean_by_contact', 'nee'))} naar vaste contactpersoon, de "
        f"{number(value('respondents'))} respondenten bij {percent(value('response_rate'), 1)} "
        f"respons, de stijging van {number(value('change_overall'), 2)} punt en de twee "
        "beweringen over de WW-uitkering en de snelheid van betalen kloppen. Die cijfers kloppen "
        "dus **per constructie** en bewijzen niets. Ook de spreiding tussen locaties is "
        "verzonnen, en daarmee elk interval, elk design-effect en elke samenhang in dit "
        "hoofdstuk. Die laten zien hoe de cijfers met echte antwoorden berekend worden, niet "
        "hoe zeker de gepubliceerde cijfers zijn; een oordeel over een gepubliceerd cijfer rust "
        "er nergens op.\n:::\n"
    )


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
    """Why the intervals are as wide as they are: clustering within locations; with synthetic
    respondents an illustration only."""
    m = en.wave_row(compute.means(en), en.latest, score=OVERALL)
    if m is None:
        return ""
    deff = compute.means(en)["design_effect"]
    half = (m["upper"] - m["lower"]) / 2
    srs = half / m["design_effect"] ** 0.5
    text = (
        "Respondenten van hetzelfde Werkplein lijken meer op elkaar dan willekeurige "
        "respondenten, want ze hebben met dezelfde mensen en dezelfde werkwijze te maken. De "
        "intervallen houden daar rekening mee (clustercorrectie naar locatie, met "
        f"{number(m['clusters'])} locaties als eenheden). Hoe breed ze daardoor worden, hangt "
        "af van hoe sterk de locaties onderling verschillen. "
    )
    figures = (
        f"het design-effect {number(deff.min(), 1)} tot {number(deff.max(), 1)}, en is het "
        f"95 %-interval van het totaaloordeel in {wave_het(en.latest)} ±{number(half, 2)} punt, "
        f"tegen ±{number(srs, 3)} als alle respondenten onafhankelijk waren"
    )
    if en.synthetic:
        text += (
            "In de synthetische gegevens is die spreiding verzonnen. Ter illustratie: daar is "
            f"{figures}. Hoe onzeker de gepubliceerde gemiddelden werkelijk zijn, is zonder de "
            "echte antwoorden niet te zeggen."
        )
    else:
        text += f"Hier is {figures}."
    return text + footnotes_note(en) + "\n"


def footnotes_note(en: Enquetes) -> str:
    """The source's footnote marks on the table, said once (they are left out of labels)."""
    pub = en.published[en.published["statistic"] == "mean"]
    parts = []
    starred = pub[pub["column_label"].fillna("").str.endswith("*")]["wave"].unique()
    if len(starred):
        waves = and_nl([wave_het(w) for w in starred])
        parts.append(
            f" Volgens een voetnoot bij de tabel van het AKO komen de cijfers van {waves} uit een "
            "eerdere rapportage (TNS NIPO, januari 2009); of die meting vergelijkbaar is met de "
            "latere, zegt de bron niet."
        )
    marked = pub[pub["row_label"].str.contains("¹", regex=False)]["row_label"].unique()
    if len(marked):
        names = and_nl([without_footnote_marks(x) for x in marked])
        parts.append(f" Bij {names} staat een voetnootteken waarvan de tekst in de bron ontbreekt.")
    return "".join(parts)


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
    checks, counts = compute.iwi_checks(en), compute.iwi_counts(en)
    resp = checks[checks["statistic"] == "response_rate"].iloc[0]
    uwv = counts.coach_rate
    one = en.iwi[en.iwi["row_label"].str.startswith("één aanspreekpunt")].iloc[0]
    two_groups = counts.respondents["cwi"] + counts.respondents["uwv"]
    fits_two = counts_for(float(one["value"]), int(one["decimals"]), two_groups)
    answered = [counts.respondents[g] for g in ("cwi", "uwv", "gemeenten")]
    n = counts.total
    population = counts.populations[compute.ALL]
    low, high = wilson(round(n / 2), n, population=population)
    plain_low, plain_high = wilson(round(n / 2), n)
    invited = en.iwi[en.iwi["statistic"] == "invited"]
    municipalities = invited[invited["group"] == "gemeenten"].iloc[0]
    return (
        "De verkennende studie van de IWI uit 2007 (V07/03) rust op een enquête onder alle "
        f"CWI-vestigingen, {number(counts.invited['uwv'])} re-integratiecoaches van UWV "
        f"en {municipalities['qualifier'] or number(municipalities['value'])} centrumgemeenten, "
        f"met {and_nl([number(a) for a in answered])} ingevulde vragenlijsten "
        f"({number(n)} samen) en een respons van {percent(resp['value'])}. Alleen "
        "de percentages zijn gepubliceerd, niet de antwoorden; de percentages zijn daarom "
        "**niet te controleren**. Wel is na te gaan of ze bij de aantallen passen, en hoe "
        f"onzeker ze zijn. Van de coaches antwoordde {percent(uwv, 1)}. Het aantal "
        f"CWI-vestigingen staat niet in de studie; de {percent(resp['value'])} past bij "
        f"{number(resp['implied_cwi_min'])} tot {number(resp['implied_cwi_max'])} vestigingen, "
        f"zodat de enquête naar ten hoogste {number(population)} vestigingen, coaches en "
        f"gemeenten ging. Elk percentage met één decimaal past bij een geheel aantal van de "
        f"{number(n)} respondenten. Omdat die drie kwart van alle aangeschrevenen zijn, is de "
        "onzekerheid door de steekproef kleiner dan bij een kleine steekproef uit een grote "
        "populatie: de intervallen in @tbl-iwi-2007 zijn Wilson-intervallen met correctie voor "
        f"de eindige populatie. Rond de 50 % zijn ze {number(100 * (high - low))} procentpunten "
        f"breed, tegen {number(100 * (plain_high - plain_low))} zonder die correctie. Ze nemen "
        "aan dat wie antwoordde net zo denkt als wie niet antwoordde; over het kwart dat niet "
        "antwoordde, zeggen ze niets. "
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
    (`compute.facts`). With synthetic respondents no bullet states a result that rests on
    them: only what the published figures show, and that the rest needs the real answers."""
    counts = facts["verdicts"]
    lines = []
    if facts["latest"] is None:
        return f"- Voor {facts['period']} is nog geen meting van de klantgerichtheid afgerond.\n"
    if facts["synthetic"]:
        lines.append(
            "Klantgerichtheid (AKO §3.3): de gepubliceerde gemiddelden zijn alleen na te rekenen "
            "met de antwoorden per respondent, en die zijn niet openbaar. Het hoofdstuk toont de "
            "methode met synthetische respondenten; de "
            f"{number(counts[verdicts.BY_CONSTRUCTION])} cijfers die daarmee kloppen, zijn per "
            "constructie gelijk en geen bewijs, en de intervallen zijn een illustratie."
        )
    else:
        m = facts["overall"]
        lines.append(
            f"Klantgerichtheid ({wave_nl(facts['latest'])}): totaaloordeel "
            f"{mean_with_interval(m['mean'], m['lower'], m['upper'])}; het interval houdt "
            "rekening met verschillen tussen locaties en is daardoor "
            f"{number(m['design_effect'] ** 0.5, 1)} keer zo breed als bij onafhankelijke "
            "respondenten."
        )
    readings = facts["readings"]
    if readings and all(r["fits"] for r in readings.values()):
        rel = readings["relative"]
        text = (
            "De 'stijging 0,04%' van het totaaloordeel is te lezen als 0,04 punt of als 0,04 % "
            f"({number(rel['points'], 3)} punt); beide passen bij twee gepubliceerde gemiddelden "
            f"van {score(rel['mean_a'])}."
        )
        row = facts.get("change")
        if facts.get("synthetic") is False and row:
            zero = row["lower"] <= 0 <= row["upper"]
            text += (
                f" In de gegevens is het verschil {number(row['difference'], 3)} punt "
                f"(95 %-interval {interval(row['lower'], row['upper'], 3)}): "
                + ("niet te onderscheiden van gelijk blijven." if zero else "meer dan toeval.")
            )  # fmt: skip
        else:
            text += (
                " Welke lezing bedoeld is en of de stijging meer is dan toeval, is zonder de "
                "echte antwoorden niet te zeggen."
            )
        lines.append(text)
    deviating = counts[verdicts.DEVIATING]
    lines.append(
        f"Werkgevers (AKO §3.3.2) en de IWI-enquête van 2007: alleen gepubliceerde percentages "
        f"en gemiddelden; {number(counts[verdicts.UNCHECKABLE])} cijfers zijn niet te "
        "controleren, "
        + (f"{number(deviating)} wijken af." if deviating else "geen enkel cijfer wijkt af.")
    )
    return "\n".join(f"- {line}" for line in lines) + "\n"
