"""Dutch text of the survey chapter's findings from respondents: the change between waves,
the subgroups, payment speed and the locations. With synthetic respondents every one of them
is an illustration of the method and says so where it stands."""

from __future__ import annotations

from analysis.chapters.enquetes import compute
from analysis.chapters.enquetes.compute import Enquetes
from analysis.chapters.enquetes.text_labels import (
    BENEFIT_NL,
    interval,
    score,
    tag,
    wave_het,
)
from analysis.core.formatting import and_nl, number
from analysis.ingest.enquetes import OVERALL


def change_note(en: Enquetes) -> str:
    """'stijging 0,04%': what it can mean, what the published figures allow, and what only the
    real respondents could decide (with synthetic ones, the interval is an illustration)."""
    readings = compute.change_readings(en).set_index("reading")
    text = (
        "Het AKO schrijft dat het totale oordeel 'ten opzichte van het 2e tertaal met een "
        "nagenoeg 6,8 gelijk is gebleven (stijging 0,04%)'. '0,04%' kan twee dingen betekenen: "
        "een verschil van 0,04 punt (dan hoort er geen procentteken bij), of een relatieve "
        "stijging van 0,04 % (bij 6,8 is dat "
        f"{number(readings.loc['relative', 'change_points'], 3)} punt). "
    )
    if len(readings) and readings["fits"].all():
        r = readings.loc["points"]
        text += (
            "Beide lezingen passen bij de gepubliceerde cijfers: de totale dienstverlening staat "
            f"in {wave_het(r['wave_a'])} en in {wave_het(r['wave_b'])} op "
            f"{score(r['mean_a'])}, en zowel 6,780 → 6,820 als 6,800 → 6,803 rondt twee keer af "
            f"op {score(r['mean_a'])}. Welke lezing het AKO bedoelt, en of de stijging groter is "
            "dan toeval, is alleen met de echte antwoorden per respondent na te gaan. "
        )
    row = compute.last_change(en)
    if row is None:
        return text.strip() + "\n"
    between = (
        f"van {score(row['mean_a'], 3)} naar {score(row['mean_b'], 3)} "
        f"({number(row['difference'], 3)} punt)"
    )
    bounds = f"{interval(row['lower'], row['upper'], 3)} punt"
    if en.synthetic:
        text += (
            f"Ter illustratie van de methode: in de synthetische gegevens gaat de totale "
            f"dienstverlening {between}; daarop zijn ze gemaakt. Met hun verzonnen spreiding "
            f"tussen locaties is het 95 %-interval van dat verschil {bounds}. Dat interval zegt "
            "niets over de echte meting."
        )
    else:
        zero = row["lower"] <= 0 <= row["upper"]
        text += (
            f"In de gegevens gaat de totale dienstverlening {between}, met een 95 %-interval "
            f"van {bounds}; het interval "
            + ("bevat 0: de stijging is niet te onderscheiden van toeval, en 'nagenoeg gelijk "
               "gebleven' past daarbij." if zero else
               "bevat 0 niet: de stijging is groter dan toeval alleen verklaart.")
        )  # fmt: skip
    return text.strip() + "\n"


def differences_note(en: Enquetes) -> str:
    """How the differences between waves are tested, and what they are with synthetic data."""
    if compute.differences(en).empty:
        return ""
    text = (
        "Het verschil tussen twee metingen is getoetst met een regressie op de meting, met "
        "clustercorrectie naar locatie: dezelfde locaties komen in beide metingen voor, zodat "
        "een locatie die in beide metingen hoog scoort, het verschil niet vergroot."
    )
    if en.synthetic:
        text += (
            " Met synthetische respondenten zijn de verschillen die van de gepubliceerde, op "
            "één decimaal afgeronde gemiddelden (daarop zijn de respondenten gemaakt; een "
            "verschil van 0,000 betekent twee gelijke gedrukte cijfers), en hangen de intervallen "
            "af van de verzonnen spreiding tussen locaties: de tabel toont de methode, geen "
            "uitkomst."
        )
    return text + "\n"


def differences_caption(en: Enquetes) -> str:
    return f"Verschil tussen opeenvolgende metingen, met 95 %-interval{tag(en)}"


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
    """The contact-person split and the WW claim, with intervals (an illustration when the
    respondents are synthetic)."""
    c = en.wave_row(compute.contrasts(en), en.latest, contrast="contact")
    w = en.wave_row(compute.contrasts(en), en.latest, contrast="ww_vs_other")
    if c is None or w is None:
        return ""
    lead = "In de synthetische gegevens geven" if en.synthetic else "In"
    when = wave_het(en.latest)
    text = (
        (f"{lead} respondenten in {when} " if en.synthetic else f"{lead} {when} geven "
         "respondenten ")
        + f"met een vaste contactpersoon gemiddeld {score(c['mean_b'], 2)}, die zonder "
        f"{score(c['mean_a'], 2)} (AKO: 7,0 en 6,2). Het verschil is {number(c['difference'], 2)}"
        f" punt (95 %-interval {interval(c['lower'], c['upper'])}). Respondenten met een "
        f"WW-uitkering geven {score(w['mean_b'], 2)}, de anderen samen (ander type uitkering "
        f"of geen uitkering) {score(w['mean_a'], 2)}: {number(w['difference'], 2)} punt hoger "
        f"(95 %-interval {interval(w['lower'], w['upper'])}). "
    )  # fmt: skip
    sub = compute.subgroups(en)
    ben = sub[(sub["variable"] == "benefit") & (sub["wave"] == str(en.latest))]
    parts = [f"{BENEFIT_NL[g]} {score(m, 2)}" for g, m in zip(ben["group"], ben["mean"],
                                                               strict=True)]  # fmt: skip
    text += f"Per groep: {and_nl(parts)}. "
    if en.synthetic:
        text += (
            "Beide verschillen en hun intervallen zijn in de synthetische gegevens ingebouwd; "
            "dat ze zichtbaar worden, laat alleen zien dat de berekening ze vindt. "
        )
    text += (
        "Ook in echte gegevens zegt zo'n verschil niets over oorzaak: wie een vaste "
        "contactpersoon heeft, is mogelijk een ander soort klant."
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
    lead = "In de synthetische gegevens is het" if en.synthetic else "Het"
    text = (
        f"{lead} totaaloordeel in {wave_het(en.latest)} per 10 dagen later betalen gemiddeld "
        f"{number(abs(f['slope_per_10_days']), 3)} punt {direction} (95 %-interval "
        f"{interval(f['lower'], f['upper'], 3)}; lineaire regressie over "
        f"{number(f['n'])} respondenten met een uitkering, clustercorrectie naar locatie). De "
        f"rangcorrelatie van Spearman is {number(f['spearman'], 2)}. "
    )
    if en.synthetic:
        text += (
            "Die samenhang is in de synthetische gegevens ingebouwd (per constructie); of en hoe "
            "sterk hij in werkelijkheid bestaat, is alleen met de echte antwoorden te zeggen."
        )
    else:
        text += (
            "Een rangcorrelatie van die omvang betekent dat de betalingssnelheid maar een klein "
            "deel van de verschillen in oordeel verklaart."
        )
    return text + "\n"


def locations_caption(en: Enquetes) -> str:
    if en.latest is None:
        return f"Totaaloordeel per locatie: geen meting in {en.period}"
    return (
        f"Totaaloordeel per locatie in {wave_het(en.latest)} met 95 %-interval; band: "
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
    lead = "In de synthetische gegevens lopen de" if en.synthetic else "De"
    verb = "" if en.synthetic else " lopen"
    text = (
        f"{lead} gemiddelden van de {number(len(shown))} getoonde locaties{verb} uiteen van "
        f"{score(shown['mean'].min(), 2)} tot {score(shown['mean'].max(), 2)}. Bij "
        f"{number(below)} locaties ligt het hele interval onder het landelijk gemiddelde, bij "
        f"{number(above)} erboven; de intervallen per locatie rekenen de respondenten van één "
        "locatie als onafhankelijk. "
    )
    if en.synthetic:
        text += "Welke locaties dat zijn, is verzonnen en zegt niets over echte Werkpleinen. "
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
