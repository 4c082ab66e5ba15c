"""The trend chapter's projections in words: method, results, policy dates, caption, summary.

Every projection is named as a tertaal ("3e tertaal 2014") with the moment it rests on
("na 19,2 tertalen") and the rule that puts that moment in a tertaal; every interval is named
as what it is (a 95 %-betrouwbaarheidsinterval of the parameters, not a prediction interval).
The main result rests on the real series (`History.real_series`), the fits on synthetic
means are a comparison only.
"""

from __future__ import annotations

import math

from analysis.chapters.trend import compute
from analysis.chapters.trend.compute import COMPARISON, MAIN, PUBLISHED, History
from analysis.core import stats
from analysis.core.formatting import and_nl, day_nl, number, percent
from analysis.core.periods import Period
from analysis.core.stats import LINEAR, SATURATING, Crossing, TrendFit
from analysis.study import published

FEW_POINTS = 8  # below this many points the chapter warns that the projection is fragile
INTERVAL = f"{percent(95)}-betrouwbaarheidsinterval"
# What the sources say about the date of integrated services on every Werkplein
# (keys of compute.POLICY_DATES).
POLICY_NL = {
    "ako_2009": "het AKO stelde zich ten doel dat 'eind 2009 op alle Werkpleinen integrale en "
    "ontschotte dienstverlening wordt geboden' (AKO 2009, §2.1)",
    "iwi_2010": "volgens IWI moesten de locaties 'per 1 januari 2010 operationeel zijn met de "
    "geïntegreerde dienstverlening' (IWI 2008, hoofdstuk 1)",
    "ako_2010": "in zijn conclusies wil het AKO 'dat eind 2010 alle Werkpleinen op het gewenste "
    "niveau zijn' (AKO 2009, §4.1)",
}


def tertalen(t: float) -> str:
    """'10,9 tertalen', '1,0 tertaal'."""
    text = number(t, 1)
    return f"{text} {'tertaal' if text == '1,0' else 'tertalen'}"


def _series_of(h: History) -> str:
    return _series_name(set(h.real_series["source"]))


def _series_name(sources: set[str]) -> str:
    if sources == {PUBLISHED}:
        return "de gepubliceerde reeks van AKO Tabel 3"
    if PUBLISHED in sources:
        return "de echte gemiddelden, aangevuld met AKO Tabel 3 waar die ontbreken"
    return "de gemiddelden van de echte Landkaart-antwoorden"


def method_text(h: History) -> str:
    """How the trends are fitted: series, symbols, the reaching rule and the interval type."""
    series = h.real_series
    if len(series) < 2:
        return ""
    start = f"{h.first.label_nl} ({day_nl(h.first.end_date)})"
    text = (
        f"De trends zijn gepast op {_series_of(h)}: {number(len(series))} tertalen, de "
        "enige echte gegevens over de ontwikkeling."
    )
    if PUBLISHED in set(series["source"]) and h.published_offset:
        text += (
            " Met de rekenregel die de gemiddelden van Tabel 2 geeft, kapt Tabel 3 af op hele "
            "procenten: een gepubliceerde 73 % is dan een gemiddelde van 73 tot 74 %, dus de "
            "trend gebruikt het midden (73,5 %)."
        )
    if compute.comparison_fits(h):
        text += (
            " Dezelfde trends door de exacte gemiddelden van de synthetische gegevens staan er "
            "alleen ter vergelijking bij: die gemiddelden zijn gemaakt om Tabel 3 te treffen en "
            "voegen geen informatie toe."
        )
    text += (
        f"\n\nIn de formules is *t* de tijd in tertalen na het eind van het {start} en *y* de "
        "gemiddelde score in %.\n\n"
        "- *Rechte lijn* *y* = *b*~0~ + *b*~1~·*t* (kleinste kwadraten): *b*~0~ is het niveau "
        "bij *t* = 0 en *b*~1~ de stijging in procentpunten per tertaal. De lijn loopt ooit door "
        "100 % heen; daarboven heeft ze geen betekenis en is ze afgesneden.\n"
        "- *Verzadigende curve* *y* = 100 − (100 − *a*)·e^−*kt*^ (niet-lineaire kleinste "
        "kwadraten): *a* is het niveau bij *t* = 0 en *k* de snelheid per tertaal; elk tertaal "
        "slinkt de afstand tot 100 % met de factor e^−*k*^. De curve nadert 100 % zonder het te "
        "bereiken; daarom staat hier wanneer ze 95 % en 99 % bereikt.\n\n"
        "*Wanneer een doel bereikt is.* Een trend bereikt een doel in het tertaal waarin haar "
        "snijpunt met het doel valt: het eerste tertaal aan het eind waarvan de trend op of "
        "boven het doel ligt. Een snijpunt na 10,2 of na 10,9 tertalen valt zo in hetzelfde, "
        "elfde tertaal na het startpunt.\n\n"
        f"*Welk interval.* Elk interval bij een projectie is een {INTERVAL}: het geeft de "
        "onzekerheid van de geschatte parameters binnen het model (rechte lijn: "
        "Fieller-interval met de t-verdeling en *n* − 2 vrijheidsgraden, *n* het aantal "
        f"tertalen; curve: {number(stats.SIMULATIONS)} gesimuleerde trekkingen van (*a*, *k*)). "
        "Het is geen voorspellingsinterval voor één toekomstig tertaal, en de "
        "onzekerheid over de keuze van het model valt erbuiten.\n"
    )
    return text


def _interval(c: Crossing) -> str:
    """'95 %-betrouwbaarheidsinterval van het ... tot en met het ...' (or why there is none)."""
    if not c.has_interval:
        return "geen interval: te weinig tertalen"
    if c.low == c.high:
        return "geen interval: het model past exact"
    if not math.isfinite(c.high):
        if not math.isfinite(c.low):
            return f"{INTERVAL} onbegrensd: de gegevens sluiten niet uit dat het nooit gebeurt"
        return (
            f"{INTERVAL} vanaf het {c.low_period.label_nl}, zonder bovengrens: de gegevens "
            "sluiten niet uit dat het nooit gebeurt"
        )
    low, high = c.low_period, c.high_period
    if low == high:
        return f"{INTERVAL}: binnen het {high.label_nl}"
    return f"{INTERVAL} van het {low.label_nl} tot en met het {high.label_nl}"


def reached(c: Crossing) -> str:
    """'na 10,9 tertalen, dus in het 3e tertaal 2011 (interval)', or 'nooit'."""
    if c.t is None:
        return "nooit"
    if c.t <= 0:
        return f"al bij het begin, in het {c.period.label_nl}"
    return f"na {tertalen(c.t)}, dus in het {c.period.label_nl} ({_interval(c)})"


def _model_lines(fits: dict[str, TrendFit]) -> list[str]:
    lines = []
    lin = fits.get(LINEAR)
    if lin is not None:
        b0, b1 = lin.params["b0"], lin.params["b1"]
        c = lin.crossings[0]
        what = (
            f"de lijn snijdt 100 % {reached(c)}."
            if c.t is not None
            else "de lijn stijgt niet en bereikt 100 % dus nooit."
        )
        lines.append(
            f"- **Rechte lijn**: *b*~1~ = {number(b1, 1)} procentpunt per tertaal, "
            f"*b*~0~ = {percent(b0, 1)}; {what}"
        )
    sat = fits.get(SATURATING)
    if sat is not None:
        a, k = sat.params["a"], sat.params["k"]
        half = f"; de afstand tot 100 % halveert elke {tertalen(math.log(2) / k)}" if k > 0 else ""
        parts = [f"{c.target} % {reached(c)}" for c in sat.crossings]
        lines.append(
            f"- **Verzadigende curve**: *a* = {percent(a, 1)}, *k* = {number(k, 3)} per "
            f"tertaal{half}. De curve bereikt " + "; ".join(parts) + "."
        )
    return lines


def projection_sentence(h: History, figure_ref: str = "", table_ref: str = "") -> str:
    """The fitted trends of the real series and their crossings; the comparison in one line."""
    n = len(h.real_series)
    if not compute.fits(h):
        return (
            "Met minder dan twee tertalen met echte gegevens is geen trend te schatten en dus "
            "ook geen projectie van wanneer het gemiddelde 100 % bereikt.\n"
        )
    refs = " en ".join(r for r in (figure_ref, table_ref) if r)
    text = f"Uitkomsten door {_series_of(h)}" + (f" ({refs})" if refs else "") + ":\n\n"
    text += "\n".join(_model_lines(compute.fits(h))) + "\n\n"
    if compute.comparison_fits(h):
        found = [
            f"{'de lijn' if c.model == LINEAR else 'de curve'} {c.target} % in het "
            f"{c.period.label_nl}"
            for c in compute.crossings(h, COMPARISON)
            if c.period is not None
        ]
        text += (
            f"Door de synthetische gemiddelden bereikt {and_nl(found)}. Dat die uitkomsten "
            "vrijwel gelijk zijn aan de hoofduitkomsten, is per constructie en geen "
            "bevestiging.\n\n"
        )
    if n < compute.MIN_INTERVAL_POINTS:
        text += (
            "Met twee tertalen gaan beide trends precies door de punten; een onzekerheid is "
            "niet te schatten. Dit is een rekenvoorbeeld, geen voorspelling.\n"
        )
    else:
        text += (
            "Het verschil tussen de twee modellen laat zien dat de keuze van het model zwaarder "
            "weegt dan de onzekerheid binnen elk model"
            + (
                f"; met maar {number(n)} meetpunten is elke extrapolatie fragiel.\n"
                if n < FEW_POINTS
                else ".\n"
            )
        )
    return text


def _level_at(fit: TrendFit, period: Period, first: Period) -> float:
    value = float(fit.curve([period.steps_since(first)])[0])
    return min(value, 100.0)


def policy_sentence(h: History) -> str:
    """The projections beside the policy dates of the sources."""
    if not compute.fits(h):
        return ""
    series = h.real_series.set_index("period")
    lines = []
    for period in sorted(set(compute.POLICY_DATES.values())):
        keys = [k for k, p in compute.POLICY_DATES.items() if p == period]
        said = and_nl([POLICY_NL[k] for k in keys])
        moment = f"het eind van het {period.label_nl} ({day_nl(period.end_date)})"
        if period in series.index:
            value = series.loc[period, "value_pct"]
            observed = (
                f"Tabel 3 geeft toen {percent(int(value))}"
                if series.loc[period, "source"] == PUBLISHED
                else f"het gemiddelde was toen {percent(value, 1)}"
            )
            if period == published.PUBLISHED_PERIOD:
                full = published.band_counts(
                    "tabel-1", "Gemiddelde score (totaal)", h.codebook, h.paths
                )
                observed += (
                    f", en {number(full[-1])} van de {number(sum(full))} Werkpleinen hadden alle "
                    "mijlpalen volledig gerealiseerd (AKO Tabel 1, §3.4.1)"
                )
            lines.append(f"{said[0].upper()}{said[1:]}. Dat moment is {moment}: {observed}.")
        elif period > h.last:
            levels = [
                f"volgens de {'rechte lijn' if m == LINEAR else 'verzadigende curve'} "
                f"{percent(_level_at(f, period, h.first))}"
                for m, f in compute.fits(h).items()
            ]
            lines.append(
                f"{said[0].upper()}{said[1:]}. Op {moment} staat het gemiddelde {and_nl(levels)}."
            )
    lin = compute.fits(h).get(LINEAR)
    if lin is not None and lin.crossings[0].t is not None:
        c = lin.crossings[0]
        late = [p for p in sorted(set(compute.POLICY_DATES.values())) if c.period > p]
        if late:
            lines.append(
                f"Ook de rechte lijn, de snelste van de twee trends, bereikt 100 % pas in het "
                f"{c.period.label_nl}: {number(c.period.steps_since(late[-1]))} tertalen na het "
                f"eind van het {late[-1].label_nl}."
            )
    lines.append(
        "Een gemiddelde van 100 % vraagt dat elk Werkplein elke mijlpaal volledig heeft "
        "gerealiseerd; dat is strenger dan 'het gewenste niveau', dat de bronnen niet in "
        "Landkaart-scores uitdrukken."
    )
    return " ".join(lines) + "\n"


def caption(h: History) -> str:
    """Caption of the projection figure: which series, which intervals, what is synthetic."""
    text = (
        f"Trends door {_series_of(h)}, met hun 95 %-betrouwbaarheidsbanden (rechte lijn "
        "afgesneden bij 100 %) en per doel het 95 %-betrouwbaarheidsinterval van het moment "
        "(balk)"
    )
    if compute.comparison_fits(h):
        text += (
            "; ter vergelijking stippellijnen door de synthetische gemiddelden "
            "(synthetische gegevens)"
        )
    return text


def alt(h: History) -> str:
    lines = [f"Gemiddelde score in procenten tegen de tijd, met de punten van {_series_of(h)}"]
    for c in compute.crossings(h, MAIN):
        if c.period is not None:
            model = "rechte lijn" if c.model == LINEAR else "verzadigende curve"
            lines.append(f"{model} bereikt {c.target} % in het {c.period.label_nl}")
    return "; ".join(lines) + "."


def projection_summary(facts: dict) -> list[str]:
    """One bullet (without '- ') on the level at the policy date and the main projections,
    from the chapter's facts (`compute.facts`)."""
    found = []
    for c in facts["crossings"]:
        c = Crossing(c["model"], c["target"], Period.parse(c["first"]), c["t"], c["low"], c["high"])
        model = "de rechte lijn" if c.model == LINEAR else "de verzadigende curve"
        found.append(f"{model} bereikt {c.target} % in het {c.period.label_nl} ({_interval(c)})")
    if not found:
        return []
    observed = ""
    if seen := facts["observed"]:
        level = percent(int(seen["pct"])) if seen["published"] else percent(seen["pct"], 1)
        observed = (
            f"Eind {Period.parse(seen['period']).year}, de datum van AKO en IWI voor integrale "
            f"dienstverlening op alle Werkpleinen, stond de gemiddelde Landkaart-score op "
            f"{level}. "
        )
    return [
        f"{observed}Trends door {_series_name(set(facts['sources']))}: {'; '.join(found)}. Met "
        f"{number(facts['points'])} meetpunten zijn dit scenario's, geen voorspellingen."
    ]


def table_caption(h: History) -> str:
    """Caption of the table of crossings."""
    text = (
        f"Wanneer de trends hun doel bereiken: snijpunt, tertaal en {INTERVAL} van het moment, "
        f"door {_series_of(h)}"
    )
    if compute.comparison_fits(h):
        text += "; ter vergelijking door de synthetische gemiddelden (synthetische gegevens)"
    return text
