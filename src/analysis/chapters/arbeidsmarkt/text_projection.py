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


def window_estimates(am: Arbeidsmarkt) -> str:
    """'vanaf ultimo 2006 (alle peildata) op 195 (95 %-voorspellingsinterval −197 tot 588),
    vanaf ...': each window's value at ultimo 2010 with its own interval (× 1.000)."""
    parts = []
    for i, (start, p) in enumerate(compute.projections(am).items()):
        mean, lo, hi = p.interval
        name = "95 %-voorspellingsinterval " if i == 0 else ""
        parts.append(f"{window_nl(am, start)} op {k_nl(mean)} ({name}{k_nl(lo)} tot {k_nl(hi)})")
    return and_nl(parts)


def projection_note(am: Arbeidsmarkt) -> str:
    """What the data say about the target: the level, the pace needed, the movement since the
    peak, and every window's line with its own interval; then how sure that is."""
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
            "Om ultimo 2010 op het doel uit te komen, moeten de vier bestanden samen vanaf dan "
            f"met gemiddeld {thousands_nl(pace)} per jaar kleiner worden; dat hangt van geen "
            "model af. "
        )
    elif pace is not None:
        text += "Het doel is op deze peildatum al bereikt. "
    rise = compute.rise_since_peak(am)
    if rise is not None and rise[1] > 0:
        text += (
            f"Sinds {date_nl(rise[0])}, toen de som het hoogst stond, zijn ze juist met "
            f"{thousands_nl(rise[1])} gegroeid. "
        )
    if not compute.projections(am):
        return text + "Voor een trend met onzekerheidsmarge zijn te weinig peildata.\n"
    verdict = compute.target_verdict(am)
    below = list(verdict["below"].values())
    n = number(len(below))
    if all(below):
        lines = f"Een rechte lijn door de som komt ultimo 2010 bij elk van de {n} startpunten "
        lines += f"onder de {number(am.target)} uit (× 1.000): "
    elif not any(below):
        lines = f"Een rechte lijn door de som komt ultimo 2010 bij elk van de {n} startpunten "
        lines += f"boven de {number(am.target)} uit (× 1.000): "
    else:
        lines = (
            f"Een rechte lijn door de som komt ultimo 2010 bij {number(below.count(True))} van "
            f"de {n} startpunten onder de {number(am.target)} uit (× 1.000): "
        )
    text += f"\n\n{lines}{window_estimates(am)}. "
    found = verdict["windows"]
    decided = [window_nl(am, s) for s, r in found.items() if r is False]
    open_ = [s for s, r in found.items() if r is None]
    if verdict["reachable"] is False:
        text += (
            "De gegevens wijzen dus dezelfde kant op als de tekst, die zegt dat de doelstelling "
            "'niet gaat lukken': geen enkele lijn haalt haar. "
        )
        if decided and open_:
            text += (
                f"Zeker is dat niet: alleen {and_nl(decided)} ligt het hele interval onder de "
                f"{number(am.target)}; bij de andere startpunten omvat het de "
                f"{number(am.target)}, omdat een lijn door zo weinig punten ver vooruit weinig "
                "vastlegt. "
            )
        elif not open_:
            text += "Bij elk startpunt ligt zelfs het hele interval eronder. "
        else:
            text += (
                f"Zeker is dat niet: bij elk startpunt omvat het interval de {number(am.target)}. "
            )
    elif verdict["reachable"] is True:
        text += "De gegevens spreken de tekst dus tegen: elke lijn haalt de doelstelling. "
    else:
        text += (
            "Of de doelstelling 'niet gaat lukken', zoals de tekst zegt, hangt dus af van waar "
            "de trend begint. "
        )
    text += (
        "Met zo weinig punten zijn dit scenario's, geen voorspellingen: het interval neemt aan "
        "dat de lijn recht doorloopt en dat de afwijkingen onafhankelijk zijn, wat voor standen "
        "van bestanden niet geldt. Het werkelijke interval is breder.\n"
    )
    return text


def projection_summary(facts: dict) -> str | None:
    """One summary line on the projections (without '- '), from the chapter's facts."""
    p, level = facts["projections"], facts["level"]
    if not p or not level:
        return None
    target = number(level["target"] * 1000)
    windows = p["windows"]
    below = [w["below"] for w in windows]
    high = max(windows, key=lambda w: w["mean"])
    start = date_nl(pd.Timestamp(high["start"]))
    sure = [w for w in windows if w["interval"] is False]
    if all(below):
        sure_text = (
            "alleen vanaf " + and_nl([date_nl(pd.Timestamp(w["start"])) for w in sure])
            + " ligt het hele interval eronder"
            if sure and len(sure) < len(windows) else
            "bij elk startpunt ligt het hele interval eronder" if sure else
            "bij geen enkel startpunt ligt het hele interval eronder"
        )  # fmt: skip
        return (
            f"Alle {number(len(windows))} rechte lijnen door de som (één per startpunt) blijven "
            f"ultimo 2010 onder de {target}; de hoogste, vanaf {start}, komt uit op "
            f"{thousands_nl(high['mean'])} (95 %-voorspellingsinterval "
            f"{thousands_nl(high['lower'])} tot {thousands_nl(high['upper'])}). De cijfers wijzen "
            f"dus, zoals de tekst zegt, op 'niet gaat lukken'; zeker is dat niet: {sure_text}."
        )
    return (
        f"Projectie ultimo 2010: {number(below.count(True))} van de {number(len(windows))} rechte "
        f"lijnen blijven onder de {target}; het oordeel van de tekst ('niet gaat lukken') hangt "
        "af van het startpunt."
    )
