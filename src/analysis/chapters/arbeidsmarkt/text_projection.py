"""The labour-market projection in words: every fitting window, never one chosen afterwards.

Values in thousands as the standcijfers table prints them; the 'Mutatie' row is a sum of
stocks, not a number of persons.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.arbeidsmarkt import compute
from analysis.chapters.arbeidsmarkt.compute import MIN_TREND_POINTS, Arbeidsmarkt
from analysis.chapters.arbeidsmarkt.text_labels import SUM_OF_STOCKS, k_nl, thousands_nl, window_nl
from analysis.core.formatting import and_nl, date_nl, number, percent


def projection_intro(am: Arbeidsmarkt) -> str:
    """How the projections of @tbl-projectie are made: every window, not one chosen."""
    if compute.total(am) is None:
        return (
            "Zonder standcijfers van ultimo 2006 is er geen afname te berekenen en dus ook geen "
            "trend; @tbl-projectie blijft leeg.\n"
        )
    n = int(compute.total(am).notna().sum())
    if not compute.projections(am):
        return (
            f"Met {number(n)} {'peildatum' if n == 1 else 'peildata'} is geen trend met "
            f"onzekerheidsmarge te schatten (daarvoor zijn er minstens {MIN_TREND_POINTS} "
            "nodig); @tbl-projectie maakt dat zichtbaar.\n"
        )
    return (
        "Het hoofdstuk legt een rechte lijn (kleinste kwadraten, tijd in jaren) door de som "
        "van de vier bestanden en verlengt die tot ultimo 2010, met een 95 %-voorspellingsinterval "
        "voor de waarde op die datum (t-verdeling met *n* − 2 vrijheidsgraden, *n* het aantal "
        "peildata in het venster). Waar de lijn begint, bepaalt de uitkomst: de reeks stijgt tot "
        "eind 2008 en daalt daarna, na de omslag door de economische crisis die de tekst zelf "
        f"noemt. Daarom kiest het hoofdstuk geen venster achteraf, maar toont het alle "
        f"{number(len(compute.projections(am)))} vensters met minstens {MIN_TREND_POINTS} van de "
        f"{number(n)} peildata, van alle peildata tot alleen de laatste "
        f"{MIN_TREND_POINTS} (@tbl-projectie).\n"
    )


def projection_note(am: Arbeidsmarkt) -> str:
    """What the trends say about the target, window by window, with the caveats."""
    total = compute.total(am)
    if total is None:
        return "Zonder standcijfers van ultimo 2006 is geen voortgang te berekenen.\n"
    last = pd.Timestamp(total.index.max())
    target = number(am.target * 1000)
    pace = compute.pace(am)
    now = float(total[last])
    direction = "lager" if now >= 0 else "hoger"
    text = (
        f"Op {date_nl(last)} liggen de vier bestanden samen {thousands_nl(abs(now))} {direction} "
        f"dan ultimo 2006. Die som is {percent(100 * now / am.target)} van de {target} extra "
        "werkenden uit het convenant, terwijl "
        f"{percent(compute.target_progress(am).loc[last, 'pct_of_time'])} van de looptijd "
        f"voorbij is. Omdat de som bestanden optelt ({SUM_OF_STOCKS}: wie als werkzoekende "
        "staat ingeschreven en een uitkering heeft, telt twee keer), is dat percentage een "
        "indicatie en geen gemeten aandeel van de doelstelling; het AKO zelf verwijst voor de "
        "doelstelling naar deze tabel. "
    )
    if pace is not None and pace > 0:
        text += (
            "Om ultimo 2010 op het doel uit te komen, moet de som vanaf dan met gemiddeld "
            f"{thousands_nl(pace)} per jaar dalen; dat hangt van geen model af. "
        )
    elif pace is not None:
        text += "Het doel is op deze peildatum al bereikt. "
    if not compute.projections(am):
        return text + "Voor een trend met onzekerheidsmarge zijn te weinig peildata.\n"
    found = compute.target_verdict(am)["windows"]
    means = {start: p.interval[0] for start, p in compute.projections(am).items()}
    low, high = min(means.values()), max(means.values())
    below = all(m < am.target for m in means.values())
    text += (
        f"\n\nDe {number(len(means))} lijnen komen ultimo 2010 uit tussen {k_nl(low)} en "
        f"{k_nl(high)} (× 1.000)" + (f", alle onder de {number(am.target)}. " if below else ". ")
    )
    excluded = [window_nl(am, s) for s, r in found.items() if r is False]
    open_ = [window_nl(am, s) for s, r in found.items() if r is None]
    if excluded:
        text += (
            f"Het 95 %-voorspellingsinterval sluit de {number(am.target)} uit bij "
            f"{and_nl(excluded)}"
        )
        text += f"; bij {and_nl(open_)} omvat het de {number(am.target)}. " if open_ else ". "
    elif open_:
        text += f"Bij elk venster omvat het 95 %-voorspellingsinterval de {number(am.target)}. "
    reached = [window_nl(am, s) for s, r in found.items() if r is True]
    if reached:
        text += f"Bij {and_nl(reached)} ligt zelfs de ondergrens erboven. "
    if compute.target_verdict(am)["reachable"] is None:
        text += (
            "Of de doelstelling 'niet gaat lukken', zoals de tekst zegt, beslissen de "
            "gegevens dus niet: het antwoord hangt af van waar de trend begint. "
        )
    elif compute.target_verdict(am)["reachable"] is False:
        text += "In elk venster wordt het doel dus niet gehaald, zoals de tekst zegt. "
    text += (
        "Met zo weinig punten zijn dit scenario's, geen voorspellingen: het interval neemt aan "
        "dat de lijn recht doorloopt en dat de afwijkingen onafhankelijk zijn, wat voor standen "
        "van bestanden niet geldt. Het werkelijke interval is breder.\n"
    )
    return text
