"""The trend chapter in words: Dutch sentences and callouts (Markdown) from computed values.

The display tables are in `text_tables`.
"""

from __future__ import annotations

import math

from analysis.chapters.trend import compute, locations
from analysis.chapters.trend.compute import History
from analysis.core import stats
from analysis.core.formatting import number, percent
from analysis.core.stats import LINEAR, SATURATING, Crossing

FEW_POINTS = 8  # below this many tertalen the chapter warns that the projection is fragile


def data_note(h: History) -> str:
    """A callout on where the answers come from and how many tertalen are available."""
    n = h.n_periods
    first, last = h.first, h.last
    span = (
        f"alleen het {last.label_nl}"
        if n == 1
        else f"{number(n)} tertalen, van het {first.label_nl} tot en met het {last.label_nl}"
    )
    absent = [
        str(first.shift(i))
        for i in range(last.steps_since(first) + 1)
        if first.shift(i) not in h.periods
    ]
    gap = (
        f" Er ontbreken tertalen: {', '.join(absent)}; de tijdas houdt daar rekening mee."
        if absent
        else ""
    )
    later = (
        f" Het rapport is gevraagd voor {h.period}, maar daarvan zijn geen gegevens verwerkt."
        if h.last != h.period
        else ""
    )
    if h.synthetic:
        synthetic = [str(p) for p in h.periods if h.metadata[p].get("synthetic")]
        which = (
            ("dit tertaal" if n == 1 else "alle tertalen")
            if len(synthetic) == n
            else ", ".join(synthetic)
        )
        return (
            '::: {.callout-warning title="Synthetische gegevens"}\n'
            f"Dit hoofdstuk gebruikt {span}.{gap}{later} De Landkaart-antwoorden van {which} "
            "zijn **synthetisch**: een generator met vaste seed heeft ze gemaakt zodat ze de "
            "gepubliceerde AKO-cijfers exact opleveren (Tabel 3 en de beweringen over de "
            "ontwikkeling in §3.4.1). De codes WP-001 ... horen niet bij bestaande "
            "Werkpleinen, en de paden per Werkplein zijn verzonnen.\n:::\n"
        )
    return (
        f'::: {{.callout-note title="Gegevens"}}\nDit hoofdstuk gebruikt {span}.{gap}{later}\n:::\n'
    )


def single_period_note(h: History) -> str:
    """Plain statement for a history of one tertaal (empty otherwise)."""
    if h.n_periods > 1:
        return ""
    return (
        f"Er is alleen Landkaart-data van het {h.last.label_nl}. Een ontwikkeling "
        "in de tijd, een trend of een verandering per Werkplein is pas te bepalen vanaf twee "
        "tertalen. Dit hoofdstuk toont daarom alleen de stand van dit ene tertaal: het "
        "gemiddelde, de gemiddelden per fase, de verdeling van de totaalscores en de "
        "Werkpleinen met de laagste score.\n"
    )


def tabel3_sentence(h: History) -> str:
    """How many of Tabel 3's values are reproduced, and which periods it does not cover."""
    check = compute.tabel3_backtest(h)
    uncovered = [p for p in h.periods if p not in set(check["period"])]
    parts = []
    if len(check):
        ok, n = int(check["equal"].sum()), len(check)
        if ok == n:
            what = {1: "Het", 2: "Beide"}.get(n, f"Alle {number(n)}")
            word = "gemiddelde" if n == 1 else "gemiddelden"
            verb = "wordt" if n == 1 else "worden"
            parts.append(
                f"{what} gepubliceerde {word} uit Tabel 3 {verb} met de regel "
                f"*{h.rule.description_nl}* exact gereproduceerd."
            )
        else:
            differ = ", ".join(
                f"{p.label_nl} ({c} tegen {v})"
                for p, c, v, e in check[["period", "computed", "published", "equal"]].itertuples(
                    index=False
                )
                if not e
            )
            parts.append(
                f"{number(ok)} van de {number(n)} gepubliceerde gemiddelden uit Tabel 3 worden "
                f"gereproduceerd; afwijkend: {differ}."
            )
    if uncovered:
        names = ", ".join(p.label_nl for p in uncovered)
        parts.append(f"Voor {names} heeft het AKO geen gemiddelde gepubliceerd.")
    blanks = h.overall_means["blank_answers"]
    if blanks.sum():
        parts.append(
            f"In totaal zijn {number(int(blanks.sum()))} antwoorden leeg; die tellen als "
            "'onbekend' en blijven buiten de gemiddelden."
        )
    else:
        parts.append("Er zijn geen lege antwoorden.")
    return " ".join(parts) + "\n"


def _moment_text(c: Crossing, t: float | None) -> str:
    if t is None:
        return "nooit"
    period = c.first.at_moment(max(t, 0.0))
    if t <= 0:
        return f"al bij het begin ({period.end_label})"
    return f"het {period.label_nl} ({period.end_label})"


def _interval_text(c: Crossing) -> str:
    if not c.has_interval:
        return ""
    if c.low is not None and c.high is not None and c.low == c.high:
        return " (het model past exact, dus zonder onzekerheidsmarge)"
    if c.high is not None and not math.isfinite(c.high):
        if c.low is None or not math.isfinite(c.low):
            return (
                "; het 95%-interval is onbegrensd: de gegevens sluiten niet uit dat het "
                "nooit gebeurt"
            )
        return (
            f"; 95%-interval: vanaf het {c.low_period.label_nl}, zonder "
            "bovengrens (de gegevens sluiten niet uit dat het nooit gebeurt)"
        )
    low, high = c.low_period, c.high_period
    if low == high:
        return f"; 95%-interval: binnen het {high.label_nl}"
    return (
        f"; 95%-interval: van het {low.label_nl} ({low.end_label}) tot en met het "
        f"{high.label_nl} ({high.end_label})"
    )


def projection_sentence(h: History, figure_ref: str | None = None) -> str:
    """The fitted trends and their crossings in words (Markdown).

    `figure_ref` (e.g. '@fig-projectie') is mentioned when there is a figure to refer to.
    """
    fitted = h.fits
    n = h.n_periods
    if not fitted:
        return (
            "Met één tertaal is geen trend te schatten en dus ook geen projectie van wanneer "
            "het gemiddelde 100 % bereikt.\n"
        )
    lines = []
    lin = fitted.get(LINEAR)
    if lin is not None:
        slope = lin.params["b1"]
        c = lin.crossings[0]
        when = _moment_text(c, c.t)
        lines.append(
            f"- **Rechte lijn** (kleinste kwadraten): het gemiddelde stijgt met "
            f"{number(slope, 1)} procentpunt per tertaal. Doorgetrokken bereikt de lijn 100 % "
            f"in {when}{_interval_text(c)}."
            if c.t is not None
            else f"- **Rechte lijn**: de lijn stijgt niet ({number(slope, 1)} procentpunt per "
            "tertaal) en bereikt 100 % dus nooit."
        )
    sat = fitted.get(SATURATING)
    if sat is not None:
        k = sat.params["k"]
        half = math.log(2) / k if k > 0 else None
        parts = [
            f"{c.target} % in {_moment_text(c, c.t)}{_interval_text(c)}" for c in sat.crossings
        ]
        half_text = (
            f"; de afstand tot 100 % halveert elke {number(half, 1)} tertaal" if half else ""
        )
        lines.append(
            "- **Verzadigende curve** 100 − (100 − *a*)·e^−*kt*^: het gemiddelde nadert 100 % "
            f"maar bereikt het nooit precies{half_text}. De curve bereikt " + "; ".join(parts) + "."
        )
    shown = (
        f" {figure_ref} toont de gemiddelden, beide trends met hun 95%-band en de projecties."
        if figure_ref
        else ""
    )
    text = (
        f"Aan de {number(n)} exacte gemiddelden (niet afgekapt) zijn twee trends gepast, met de "
        f"tijd in tertalen.{shown}\n\n" + "\n".join(lines) + "\n\n"
    )
    if n < compute.MIN_INTERVAL_POINTS:
        text += (
            "Met twee tertalen gaan beide trends precies door de punten; een onzekerheid is "
            "niet te schatten. Dit is een rekenvoorbeeld, geen voorspelling.\n"
        )
    else:
        text += (
            "De intervallen geven alleen de onzekerheid van de geschatte parameters binnen elk "
            "model (rechte lijn: Fieller-interval met de t-verdeling; curve: "
            f"{number(stats.SIMULATIONS)} simulaties met vaste seed). Het verschil tussen de "
            "twee modellen laat zien dat de keuze van het model minstens zo zwaar weegt"
        )
        text += (
            f"; met maar {number(n)} meetpunten is elke extrapolatie fragiel.\n"
            if n < FEW_POINTS
            else ".\n"
        )
    return text


def change_sentence(h: History) -> str:
    """The change over the whole history in one or two sentences."""
    if h.n_periods < 2:
        return ""
    counts = locations.change_counts(h, "first").loc[h.last]
    known = int(counts[[locations.IMPROVED, locations.EQUAL, locations.WORSE]].sum())
    first, last = h.first, h.last
    if known == 0:
        text = (
            f"Geen enkel Werkplein heeft een totaalscore in zowel het {first.label_nl} als het "
            f"{last.label_nl}, dus de verandering over de hele periode is niet te bepalen."
        )
    elif counts[locations.IMPROVED] == known:
        text = (
            f"Van het {first.label_nl} tot het {last.label_nl} ging de totaalscore van "
            + (
                "het enige vergelijkbare Werkplein"
                if known == 1
                else f"alle {number(known)} Werkpleinen"
            )
            + " omhoog."
        )
    else:
        text = (
            f"Van het {first.label_nl} tot het {last.label_nl} ging de totaalscore van "
            f"{number(int(counts[locations.IMPROVED]))} van de {number(known)} Werkpleinen omhoog, "
            f"bleef die van {number(int(counts[locations.EQUAL]))} gelijk en ging die van "
            f"{number(int(counts[locations.WORSE]))} omlaag."
        )
    setbacks = int(locations.change_counts(h, "previous")[locations.WORSE].sum())
    if setbacks:
        text += (
            f" Van tertaal op tertaal telt de tabel samen {number(setbacks)} keer een "
            "teruggang: de vooruitgang verloopt niet bij elk Werkplein rechtlijnig."
        )
    return text + "\n"


def progress_sentence(h: History) -> str:
    """'Made progress in 2009' (the last complete year available), defined and compared."""
    progress = next(iter(locations.year_progress(h)), None)
    if progress is None:
        return (
            "Voortgang in een kalenderjaar (totaalscore eind van het jaar hoger dan eind van "
            "het jaar ervoor) is niet te bepalen: daarvoor zijn twee opeenvolgende derde "
            "tertalen nodig.\n"
        )
    y = progress.year
    end, start = progress.end, progress.start
    text = (
        f"Een Werkplein heeft in {y} *voortgang geboekt* als zijn totaalscore eind {y} "
        f"({end.end_label}) hoger is dan eind {start.year} ({start.end_label}). Dat geldt "
        f"voor {number(progress.progressed)} van de {number(progress.base)} Werkpleinen "
        f"({percent(progress.pct)})."
    )
    claims = locations.change_claims(h).set_index("claim")
    if claims.loc[locations.PROGRESSED, "period"].year == y:  # the AKO's claim is about this year
        n = int(claims.loc[locations.PROGRESSED, "published"])
        pct = int(claims.loc[locations.PROGRESSED_PCT, "published"])
        same = progress.progressed == n and progress.pct == pct
        text += (
            f" Het AKO noemt {number(n)} Werkpleinen ({percent(pct)}); "
            + ("dat komt overeen." if same else "dat wijkt af.")
            + " Het AKO definieert 'voortgang' niet; dit is de eenvoudigste lezing."
        )
    return text + "\n"


def laggards_sentence(h: History, n: int = locations.LAGGARDS) -> str:
    table = locations.laggards(h, n)
    text = (
        f"De tabel noemt de {number(n)} Werkpleinen met de laagste totaalscore in het "
        f"{h.last.label_nl}"
    )
    if h.n_periods > 1:
        text += (
            f" en de {number(n)} met de kleinste verandering sinds het "
            f"{h.first.label_nl} (Werkpleinen die al op 100 % staan niet "
            "meegerekend)"
        )
    text += (
        f", aangevuld met Werkpleinen die precies gelijk staan met de laatste van een lijst: "
        f"samen {number(len(table))}. Werkpleinen staan er alleen met hun code.\n"
    )
    return text
