"""The trend chapter in words: Dutch sentences, callouts and captions from computed values.

What rests on synthetic answers says so, and only while the answers are synthetic (the
sidecar of some tertaal): captions end in "(synthetische gegevens)", sentences about single
Werkpleinen become sentences about the demonstration data. The projections are in
`text_projection`, the display tables in `text_tables`.
"""

from __future__ import annotations

from analysis.chapters.trend import compute
from analysis.chapters.trend.compute import History
from analysis.chapters.trend.text_projection import projection_summary
from analysis.core.formatting import and_nl, number, percent
from analysis.core.periods import Period
from analysis.study import verdicts

SYNTHETIC_MARK = "synthetische gegevens"
CAPTIONS = {
    "tbl-tabel3": "Gemiddelde score per tertaal: berekend en gepubliceerd (AKO Tabel 3), "
    "met het oordeel per gepubliceerde waarde",
    "fig-trend": "Gemiddelde score per tertaal, totaal en per fase (exacte gemiddelden), "
    "met de gepubliceerde waarden van AKO Tabel 3",
    "tbl-fasen-trend": "Gemiddelde score per fase en tertaal",
    "tbl-verandering-vorig": "Aantal Werkpleinen dat vooruit- of achteruitging sinds het "
    "vorige tertaal",
    "tbl-verandering-eerste": "Aantal Werkpleinen dat vooruit- of achteruitging sinds het "
    "eerste tertaal",
    "tbl-beweringen-trend": "Beweringen over de ontwikkeling in §3.4.1, nagerekend, met oordeel",
    "fig-verdeling": "Totaalscores van de Werkpleinen per tertaal en hun verdeling over de banden",
    "tbl-banden": "Aantal Werkpleinen per band van de totaalscore, per tertaal",
    "tbl-achterblijvers": "Werkpleinen met de laagste totaalscore of de kleinste verandering, "
    "exacte totaalscore in %",
}


def caption(h: History, label: str) -> str:
    """The caption of a table or figure resting on the answers, marked while any is synthetic."""
    return CAPTIONS[label] + (f" ({SYNTHETIC_MARK})" if h.synthetic else "")


def alt(h: History, label: str) -> str:
    """Alt text of a figure: what it shows, in one sentence."""
    first, last = h.first.label_nl, h.last.label_nl
    mark = " Synthetische gegevens." if h.synthetic else ""
    if label == "fig-trend":
        return (
            f"Lijndiagram van de gemiddelde score per tertaal van het {first} tot het {last}, "
            "voor het totaal en voor elk van de zes fasen, met de waarden van AKO Tabel 3 als "
            f"kruisjes.{mark}"
        )
    return (
        "Links een boxplot van de totaalscores van de Werkpleinen per tertaal, rechts per "
        "tertaal het aandeel Werkpleinen in elke band van de Landkaart (niet, in ontwikkeling, "
        f"gedeeltelijk, volledig).{mark}"
    )


def _synthetic_periods(h: History) -> list[Period]:
    return [p for p in h.periods if h.metadata[p].get("synthetic")]


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
    gap = f" Er ontbreken tertalen: {', '.join(absent)}; de tijdas houdt daar rekening mee." * bool(
        absent
    )
    later = (
        f" Het rapport is gevraagd voor {h.period}, maar daarvan zijn geen gegevens verwerkt."
        if h.last != h.period
        else ""
    )
    if not h.synthetic:
        return (
            f'::: {{.callout-note title="Gegevens"}}\nDit hoofdstuk gebruikt {span}.{gap}{later}'
            "\n:::\n"
        )
    synthetic = _synthetic_periods(h)
    which = (
        ("dit tertaal" if n == 1 else "alle tertalen")
        if len(synthetic) == n
        else "de tertalen " + and_nl([p.label_nl for p in synthetic])
    )
    return (
        '::: {.callout-warning title="Synthetische gegevens"}\n'
        f"Dit hoofdstuk gebruikt {span}.{gap}{later} De Landkaart-antwoorden van {which} "
        "zijn **synthetisch**: verzonnen, zo dat ze de gepubliceerde AKO-cijfers exact "
        "opleveren (Tabel 3 en de beweringen over de ontwikkeling in §3.4.1). Dat die cijfers "
        "terugkomen, is dus *per constructie* en geen bewijs. De codes WP-001 … horen niet bij "
        "bestaande Werkpleinen en de paden per Werkplein zijn verzonnen: tabellen en figuren "
        "per Werkplein tonen alleen hoe het hoofdstuk eruitziet met de echte antwoorden, en "
        "zeggen niets over echte Werkpleinen. De trend en de projecties rusten op de "
        "gepubliceerde reeks van Tabel 3.\n:::\n"
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
    """The verdicts on Tabel 3's values, and which periods it does not cover."""
    check = compute.tabel3_backtest(h)
    uncovered = [p for p in h.periods if p not in set(check["period"])]
    parts = []
    if len(check):
        found = verdicts.counts(check)
        listed = [f"{number(found[v])} *{v}*" for v in verdicts.VERDICTS if found[v]]
        parts.append(
            f"Oordeel over de {number(len(check))} gepubliceerde gemiddelden uit Tabel 3 in "
            f"deze tabel: {and_nl(listed)}."
        )
        reproduced = check[check["verdict"] == verdicts.REPRODUCED]
        for r in reproduced.itertuples():
            parts.append(
                f"Het gemiddelde van het {r.period.label_nl} is gereproduceerd: het {r.reason}."
            )
        for r in check[check["verdict"] == verdicts.AFTER_CHOICE].itertuples():
            parts.append(
                f"Het gemiddelde van het {r.period.label_nl} past na keuze: het {r.reason}. Dat "
                "het klopt, bevestigt de rekenregel dus niet."
            )
        if found[verdicts.BY_CONSTRUCTION]:
            parts.append(
                "Per constructie betekent: de synthetische antwoorden zijn zo gemaakt dat ze "
                "deze gemiddelden opleveren; dat ze overeenkomen, toetst alleen de berekening, "
                "niet het AKO."
            )
        for r in check[check["verdict"] == verdicts.DEVIATING].itertuples():
            parts.append(f"Afwijkend ({r.period.label_nl}): {r.reason}.")
    if uncovered:
        names = and_nl([p.label_nl for p in uncovered])
        parts.append(f"Voor het {names} heeft het AKO geen gemiddelde gepubliceerd.")
    blanks = h.overall_means["blank_answers"]
    if blanks.sum():
        parts.append(
            f"In totaal zijn {number(int(blanks.sum()))} antwoorden leeg; die tellen als "
            "'onbekend' en blijven buiten de gemiddelden."
        )
    else:
        parts.append("Er zijn geen lege antwoorden.")
    return " ".join(parts) + "\n"


def change_sentence(h: History) -> str:
    """The change over the whole history; about the demonstration data while synthetic."""
    if h.n_periods < 2:
        return ""
    counts = compute.change_counts(h, "first").loc[h.last]
    known = int(counts[[compute.IMPROVED, compute.EQUAL, compute.WORSE]].sum())
    first, last = h.first, h.last
    lead = "In de synthetische gegevens ging" if h.synthetic else "Van het"
    span = (
        f"van het {first.label_nl} tot het {last.label_nl}"
        if h.synthetic
        else f"{first.label_nl} tot het {last.label_nl} ging"
    )
    if known == 0:
        text = (
            f"Geen enkel Werkplein heeft een totaalscore in zowel het {first.label_nl} als het "
            f"{last.label_nl}, dus de verandering over de hele periode is niet te bepalen."
        )
    elif counts[compute.IMPROVED] == known:
        who = "het enige vergelijkbare Werkplein" if known == 1 else f"alle {number(known)} "
        text = f"{lead} {span} de totaalscore van {who}" + ("Werkpleinen" * (known > 1))
        text = text.strip() + " omhoog."
    else:
        text = (
            f"{lead} {span} de totaalscore van {number(int(counts[compute.IMPROVED]))} van de "
            f"{number(known)} Werkpleinen omhoog, bleef die van "
            f"{number(int(counts[compute.EQUAL]))} gelijk en ging die van "
            f"{number(int(counts[compute.WORSE]))} omlaag."
        )
    setbacks = int(compute.change_counts(h, "previous")[compute.WORSE].sum())
    if setbacks:
        text += (
            f" Van tertaal op tertaal telt de tabel samen {number(setbacks)} keer een teruggang."
        )
    if h.synthetic and known:
        text += (
            " Dat zijn eigenschappen van de verzonnen paden, geen waarnemingen: hoeveel echte "
            "Werkpleinen vooruit- of achteruitgingen, is zonder de echte antwoorden per "
            "Werkplein niet bekend."
        )
    return text + "\n"


def progress_sentence(h: History) -> str:
    """'Made progress in 2009' (the last complete year available), defined and judged."""
    progress = next(iter(compute.year_progress(h)), None)
    if progress is None:
        return (
            "Voortgang in een kalenderjaar (totaalscore eind van het jaar hoger dan eind van "
            "het jaar ervoor) is niet te bepalen: daarvoor zijn twee opeenvolgende derde "
            "tertalen nodig.\n"
        )
    y = progress.year
    end, start = progress.end, progress.start
    counted = (
        f"In de synthetische gegevens geldt dat voor {number(progress.progressed)} van de "
        if h.synthetic
        else f"Dat geldt voor {number(progress.progressed)} van de "
    )
    text = (
        f"Een Werkplein heeft in {y} *voortgang geboekt* als zijn totaalscore eind {y} "
        f"({end.end_label}) hoger is dan eind {start.year} ({start.end_label}). {counted}"
        f"{number(progress.base)} Werkpleinen ({percent(progress.pct)})."
    )
    claims = compute.claim_checks(h).set_index("claim")
    if claims.loc[compute.PROGRESSED, "period"].year == y:  # the AKO's claim is about this year
        n = int(claims.loc[compute.PROGRESSED, "published"])
        pct = int(claims.loc[compute.PROGRESSED_PCT, "published"])
        count, share = claims.loc[compute.PROGRESSED], claims.loc[compute.PROGRESSED_PCT]
        text += (
            f" Het AKO noemt {number(n)} Werkpleinen ({percent(pct)}). Het aantal is "
            f"*{count['verdict']}*: {count['reason']}. Het percentage is *{share['verdict']}*; "
            f"het {share['reason']}. Het AKO definieert 'voortgang' niet; dit is de eenvoudigste "
            "lezing."
        )
    return text + "\n"


def laggards_sentence(h: History, n: int = compute.LAGGARDS) -> str:
    """Which Werkpleinen the laggard table lists, how ties at the cut-off are handled."""
    table = compute.laggards(h, n)
    cuts = compute.cutoffs(h, n)
    text = (
        f"@tbl-achterblijvers noemt de {number(n)} Werkpleinen met de laagste totaalscore in het "
        f"{h.last.label_nl}"
    )
    if h.n_periods > 1:
        text += (
            f" en de {number(n)} met de kleinste verandering sinds het {h.first.label_nl} "
            "(Werkpleinen die al op 100 % staan niet meegerekend)"
        )
    text += (
        ". Beide lijsten rekenen met de exacte totaalscores, niet met afgekapte procenten; "
        "staat een Werkplein precies gelijk met het laatste van een lijst, dan komt het er ook "
        "op, zodat de grens nooit van de codes afhangt."
    )
    tied = [
        f"{number(c.ties)} {'Werkplein' if c.ties == 1 else 'Werkpleinen'} bij de "
        + ("laagste score" if flag == "lowest" else "kleinste verandering")
        for flag, c in cuts.items()
        if c.ties
    ]
    text += (
        f" Daardoor kwamen er {and_nl(tied)} bij."
        if tied
        else " Op de grens stond deze keer niemand gelijk."
    )
    text += (
        f" Samen staan er {number(len(table))} in de tabel, met hun totaalscore per tertaal "
        "en alleen met hun code."
    )
    if h.synthetic:
        text += (
            " Het zijn synthetische Werkpleinen: de tabel laat zien hoe het overzicht eruitziet, "
            "niet welke echte Werkpleinen achterblijven."
        )
    return text + "\n"


def summary(facts: dict) -> str:
    """Two to five Markdown bullets with the chapter's findings, for the report's summary,
    from its facts (`compute.facts`)."""
    lines = []
    if facts["tabel3"]:
        lines.append(
            "AKO Tabel 3 (gemiddelde Landkaart-score per tertaal): "
            + _judged(facts["tabel3"], "gemiddelden")
        )
    lines.extend(projection_summary(facts))
    claims = _judged(facts["claims"], "beweringen")
    lines.append(f"Beweringen over de ontwikkeling in §3.4.1: {claims}")
    return "\n".join(f"- {line}" for line in lines[:5]) + "\n"


def _judged(judged: dict, what: str) -> str:
    """'1 van de 6 gemiddelden is gereproduceerd (reason); 5 zijn per constructie gelijk ...',
    from the verdict counts and the reasons of the reproduced values."""
    found = judged["verdicts"]
    n = sum(found.values())
    parts = list(judged["reasons"])
    if found.get(verdicts.REPRODUCED):
        text = f"{number(found[verdicts.REPRODUCED])} van de {number(n)} {what} "
        text += f"{'is' if found[verdicts.REPRODUCED] == 1 else 'zijn'} gereproduceerd"
    else:
        text = f"geen van de {number(n)} {what} is gereproduceerd"
    text += f" ({'; '.join(parts)})" if parts else ""
    others = {
        verdicts.BY_CONSTRUCTION: "per constructie gelijk (synthetische gegevens, gemaakt om "
        "deze getallen op te leveren; geen bewijs)",
        verdicts.AFTER_CHOICE: "gelijk na de keuze van de rekenregel, die om de gemiddelden "
        "van Tabel 2 is gekozen",
        verdicts.BY_DEFINITION: "per definitie gelijk",
        verdicts.DEVIATING: "afwijkend",
        verdicts.UNCHECKABLE: "niet te controleren",
    }
    rest = [f"{number(found[v])} {others[v]}" for v in others if found.get(v)]
    return text + (f"; {'; '.join(rest)}." if rest else ".")
