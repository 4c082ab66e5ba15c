"""Every Dutch word of a factsheet and of the index, from the computed `Sheet`.

`content` returns the JSON-ready values that `templates/factsheet.typ` lays out: strings are
shown as text (never read as Typst markup), numbers only position the drawings.
"""

from __future__ import annotations

from analysis.core.formatting import DASH, MONTHS_NL, and_nl, number, percent, signed, span
from analysis.core.periods import Period
from analysis.core.provenance import CodeVersion
from analysis.core.values import visible
from analysis.factsheets.compute import BIN_WIDTH, N_BINS, Factsheets, Sheet
from analysis.study.codebook import UNKNOWN_COLOUR, Codebook
from analysis.study.scoring import ScoringRule

SYNTHETIC_TITLE = "Synthetische gegevens"
SHORT = 12  # characters of a digest or commit shown
SHORT_NAME = 40  # characters of a location name that legends and sentences show


def name(location: str) -> str:
    """A location as shown: only its visible characters, white space as single spaces."""
    return " ".join(visible(str(location)).split())


def short_name(location: str) -> str:
    """A location as legends and sentences show it: its name, or 'dit Werkplein' when the
    name is too long for them (the title gives it in full, and the sheet stays one page)."""
    shown = name(location)
    return shown if len(shown) <= SHORT_NAME else "dit Werkplein"


def period_span(period: Period) -> str:
    """'3e tertaal 2009 (september–december 2009)'."""
    first, last = MONTHS_NL[period.start_date.month - 1], MONTHS_NL[period.end_month - 1]
    return f"{period.label_nl} ({span(first, last)} {period.year})"


def _answer(codebook: Codebook, category: int | None, long: bool = False) -> dict:
    if category is None:
        return {"text": "onbekend", "colour": UNKNOWN_COLOUR}
    row = codebook.categories.loc[category]
    return {"text": row["label_long_nl" if long else "label_nl"], "colour": row["hex"]}


def _pct(value: int | None) -> str:
    return DASH if value is None else percent(value)


def synthetic_note(data: Factsheets, location: str) -> dict | None:
    """The warning box, when the period's export (or its inspection data) is synthetic."""
    parts = []
    if data.synthetic:
        parts.append(
            "De Landkaart-antwoorden op deze factsheet zijn synthetisch: de echte export per "
            "Werkplein is niet openbaar, dus zijn met een vaste startwaarde antwoorden "
            "gemaakt die de landelijke aantallen van het AKO exact opleveren. "
            f"{name(location)} is een neutrale code die niet bij een bestaand Werkplein hoort; "
            "deze cijfers zeggen niets over een echt Werkplein."
        )
    if data.judgements is not None and data.judgements.synthetic:
        parts.append("Ook de oordelen van de inspectie zijn synthetisch.")
    return {"title": SYNTHETIC_TITLE, "text": " ".join(parts)} if parts else None


def strip(sheet: Sheet, codebook: Codebook) -> dict:
    """The 14 answers in the Landkaart colours, grouped by phase, with a legend."""
    phases = [
        {"label": f"Fase {phase}", "span": len(codes)}
        for phase, codes in codebook.phase_milestones().items()
    ]
    cells = [
        {"number": str(nr), **_answer(codebook, sheet.answers[code])}
        for nr, code in zip(codebook.milestones.index, codebook.milestone_codes, strict=True)
    ]
    legend = [
        {"text": row.label_long_nl, "colour": row.hex} for row in codebook.categories.itertuples()
    ]
    if sheet.blank:
        legend.append({"text": "onbekend (geen antwoord)", "colour": UNKNOWN_COLOUR})
    alt = (
        f"De veertien mijlpalen van {name(sheet.location)} per fase, elk in de kleur van het "
        "antwoord; de tabel hieronder noemt elk antwoord."
    )
    return {"phases": phases, "cells": cells, "legend": legend, "alt": alt}


def milestone_table(sheet: Sheet, codebook: Codebook) -> dict:
    """One row per milestone: its name, the own answer, the inspection's, the national share."""
    inspected = sheet.judgements is not None
    header = ["Nr.", "Mijlpaal", "Eigen antwoord"]
    header += ["Oordeel inspectie"] if inspected else []
    header += ["Landelijk ‘volledig’"]
    rows = []
    for row in codebook.milestones.itertuples():
        cells = [
            {"text": str(row.Index), "colour": None},
            {"text": row.short_name_nl, "colour": None},
            _answer(codebook, sheet.answers[row.code], long=True),
        ]
        if inspected:
            cells.append(_answer(codebook, sheet.judgements.get(row.code), long=True))
        cells.append({"text": _pct(sheet.national.complete_pct[row.code]), "colour": None})
        rows.append(cells)
    note = (
        "Landelijk ‘volledig’: het aandeel Werkpleinen dat de mijlpaal ‘volledig gerealiseerd’ "
        "noemt, van alle Werkpleinen die hem beantwoordden."
    )
    return {"header": header, "rows": rows, "note": note}


def histogram(sheet: Sheet) -> dict:
    """The national distribution of total scores, the own bin marked."""
    labels = [span(str(i * BIN_WIDTH), str(i * BIN_WIDTH + BIN_WIDTH - 1)) for i in range(N_BINS)]
    labels[-1] = span(str((N_BINS - 1) * BIN_WIDTH), "100")
    national = sheet.national
    own = ""
    if sheet.own_bin is not None:
        own = (
            f"; {name(sheet.location)} ({_pct(sheet.total_pct)}) valt in de klasse "
            f"{labels[sheet.own_bin]} %"
        )
    counts = ", ".join(
        f"{label} %: {number(c)}" for label, c in zip(labels, national.bins, strict=True)
    )
    alt = (
        f"Staafdiagram van het aantal Werkpleinen per klasse van de totaalscore ({counts})"
        f"{own}; het landelijk gemiddelde is {_pct(national.mean_pct)}."
    )
    return {
        "title": "Totaalscore naast alle Werkpleinen",
        "alt": alt,
        "counts": list(national.bins),
        "count_labels": [number(c) for c in national.bins],
        "labels": labels,
        "own": sheet.own_bin,
        "mean": national.mean_pct,
        "mean_label": f"gemiddeld {_pct(national.mean_pct)}",
        "mean_legend": "landelijk gemiddelde",
        "axis": "totaalscore (%), aantal Werkpleinen per klasse",
        "own_label": f"{short_name(sheet.location)}: {_pct(sheet.total_pct)}",
    }


def phase_bars(sheet: Sheet, codebook: Codebook) -> dict:
    rows = [
        {
            "name": f"{phase}. {codebook.phases.loc[phase, 'name_nl']}",
            "own": sheet.phase_pct[phase],
            "own_label": _pct(sheet.phase_pct[phase]),
            "national": sheet.national.phase_means[phase],
        }
        for phase in codebook.phase_milestones()
    ]
    scores = "; ".join(
        f"{r['name']}: {r['own_label']} (landelijk {_pct(r['national'])})" for r in rows
    )
    return {
        "title": "Score per fase",
        "alt": f"Staven met de score van {name(sheet.location)} per fase en een streep voor "
        f"het landelijk gemiddelde: {scores}.",
        "rows": rows,
        "own_legend": short_name(sheet.location),
        "national_legend": "landelijk gemiddelde",
    }


def path(sheet: Sheet) -> dict:
    """The total score per tertaal beside the national mean."""
    points = "; ".join(
        f"{p.period.label_nl}: {_pct(p.own_pct)} (landelijk {_pct(p.national_pct)})"
        for p in sheet.path
    )
    return {
        "title": "Totaalscore per tertaal",
        "alt": f"Lijn van de totaalscore van {name(sheet.location)} per tertaal naast het "
        f"landelijk gemiddelde: {points}.",
        "periods": [[f"{p.period.tertaal}e tert.", str(p.period.year)] for p in sheet.path],
        "own": [p.own_pct for p in sheet.path],
        "own_labels": [_pct(p.own_pct) for p in sheet.path],
        "national": [p.national_pct for p in sheet.path],
        "ticks": [{"value": v, "label": percent(v)} for v in (0, 25, 50, 75, 100)],
        "own_legend": short_name(sheet.location),
        "national_legend": "landelijk gemiddelde",
    }


def werkpleinen(n: int) -> str:
    """'1 Werkplein', '3 Werkpleinen'."""
    return f"{number(n)} Werkplein{'' if n == 1 else 'en'}"


def _ranking(sheet: Sheet) -> str:
    """How many other Werkpleinen score lower, the same and higher (aggregates only)."""
    others = sheet.lower + sheet.same + sheet.higher
    if others == 1:
        where = "lager" if sheet.lower else "even hoog" if sheet.same else "hoger"
        return f"Het enige andere Werkplein scoort {where}."
    return (
        f"Van de {number(others)} andere Werkpleinen scoren er "
        f"{number(sheet.lower)} lager, {number(sheet.same)} even hoog en "
        f"{number(sheet.higher)} hoger."
    )


def findings(sheet: Sheet, codebook: Codebook) -> list[str]:
    """Two to five sentences on the sheet's numbers."""
    loc, nat = short_name(sheet.location), sheet.national
    if sheet.total_pct is None:
        return [f"{loc[:1].upper()}{loc[1:]} heeft in dit tertaal geen mijlpaal beantwoord: er "
                "is geen score."]  # fmt: skip
    band = codebook.categories.loc[sheet.band]
    bounds = span(str(band["band_min_pct"]), percent(band["band_max_pct"]))
    if band["band_min_pct"] == band["band_max_pct"]:
        bounds = percent(band["band_max_pct"])
    out = [
        f"Totaalscore {percent(sheet.total_pct)}: band ‘{band['label_long_nl']}’ ({bounds}); "
        f"het landelijk gemiddelde is {_pct(nat.mean_pct)}.",
        _ranking(sheet),
    ]
    compared = {
        p: v - nat.phase_means[p]
        for p, v in sheet.phase_pct.items()
        if v is not None and nat.phase_means[p] is not None
    }
    above = [str(p) for p, diff in compared.items() if diff > 0]
    below = [str(p) for p, diff in compared.items() if diff < 0]
    parts = []
    if above:
        parts.append(f"boven het landelijk gemiddelde in fase {and_nl(above)}")
    if below:
        parts.append(f"eronder in fase {and_nl(below)}")
    if parts:
        out.append(f"Per fase: {'; '.join(parts)}.")
    known = [p for p in sheet.path if p.own_pct is not None]
    if len(known) > 1:
        first, last = known[0], known[-1]
        out.append(
            f"Sinds het {first.period.label_nl} van {percent(first.own_pct)} naar "
            f"{percent(last.own_pct)} ({signed(last.own_pct - first.own_pct)} procentpunt)."
        )
    if sheet.blank:
        which = "mijlpaal is" if sheet.blank == 1 else "mijlpalen zijn"
        out.append(
            f"{number(sheet.blank)} {which} niet beantwoord (onbekend); de scores rekenen "
            "alleen met de beantwoorde."
        )
    return out


def inspection_note(sheet: Sheet) -> str | None:
    """What the inspection judged, beside the self-assessment (only on the own sheet)."""
    if sheet.inspected is None:
        return None
    if sheet.judgements is None:
        return (
            f"De inspectie beoordeelde in dit tertaal {werkpleinen(sheet.inspected)}; "
            f"{short_name(sheet.location)} was daar niet bij."
        )
    c = sheet.comparison()
    return (
        f"De inspectie beoordeelde {number(c['compared'])} "
        f"{'mijlpaal' if c['compared'] == 1 else 'mijlpalen'} van dit Werkplein: "
        f"{number(c['same'])} gelijk aan het eigen antwoord, {number(c['inspection_lower'])} "
        f"lager en {number(c['inspection_higher'])} hoger."
    )


def provenance(data: Factsheets, code: CodeVersion) -> str:
    """'Bron: <file> (sha256 …); eerdere tertalen: …; rekenregel …; code …'."""
    cur = data.current
    text = f"Bron: {cur.file} (sha256 {cur.sha256[:SHORT]})"
    earlier = [f"{s.period} {s.sha256[:8]}" for s in data.sources[:-1]]
    if earlier:
        text += f"; eerdere tertalen (sha256): {', '.join(earlier)}"
    if data.judgements is not None:
        files = [f"{f} (sha256 {h[:SHORT]})" for f, h in data.judgements.files]
        text += f"; inspectie: {', '.join(files)}"
    text += f". Rekenregel {data.rule.name}: {data.rule.description_nl}. "
    if code.commit:  # worded as on the report's title page (core.provenance.title_lines)
        dirty = ", met niet vastgelegde wijzigingen" if code.dirty else ""
        text += f"Versie: commit {code.commit[:SHORT]}{dirty}."
    else:
        text += "Versie: onbekend (geen git-werkmap)."
    return text + " Gemaakt met analysis factsheets; dezelfde invoer geeft dezelfde factsheet."


def content(data: Factsheets, sheet: Sheet, code: CodeVersion) -> dict:
    """Everything `templates/factsheet.typ` shows for one Werkplein."""
    cb, loc = data.codebook, name(sheet.location)
    band = None if sheet.band is None else cb.categories.loc[sheet.band]
    subtitle = period_span(data.period)
    if data.synthetic:
        subtitle += " · synthetische gegevens"
    return {
        "document_title": f"Factsheet {loc}, {data.period.label_nl}",
        "kicker": "SUWI-Landkaart · factsheet per Werkplein",
        "title": f"Werkplein {loc}",
        "subtitle": subtitle,
        "total": {
            "caption": "Totaalscore",
            "value": _pct(sheet.total_pct),
            "band": DASH if band is None else band["label_long_nl"],
            "colour": UNKNOWN_COLOUR if band is None else band["hex"],
        },
        "synthetic": synthetic_note(data, sheet.location),
        "intro": (
            f"De eigen antwoorden van {short_name(sheet.location)} op de veertien mijlpalen van "
            "de SUWI-Landkaart, "
            "naast het landelijke beeld van alle Werkpleinen: dezelfde gegevens en "
            "rekenregels als het rapport. Landelijke cijfers zijn gemiddelden en aantallen; "
            "geen enkel ander Werkplein staat op deze factsheet."
        ),
        "strip_title": "Antwoorden per mijlpaal",
        "strip": strip(sheet, cb),
        "table": milestone_table(sheet, cb),
        "inspection": inspection_note(sheet),
        "histogram": histogram(sheet),
        "phases": phase_bars(sheet, cb),
        "path": path(sheet),
        "findings_title": "In het kort",
        "findings": findings(sheet, cb),
        "provenance": provenance(data, code),
    }


def index_texts(period: Period, rule: ScoringRule, synthetic: bool, n: int) -> dict[str, str]:
    """The Dutch words of index.html."""
    return {
        "title": f"Factsheets per Werkplein, {period.label_nl}",
        "intro": (
            f"{number(n)} factsheets, één A4 per Werkplein, met dezelfde gegevens en "
            f"rekenregel ({rule.name}) als het rapport van {period}."
        ),
        "synthetic": (
            f"{SYNTHETIC_TITLE}: de Landkaart-antwoorden van {period} zijn synthetisch; de "
            "codes horen niet bij bestaande Werkpleinen."
            if synthetic
            else ""
        ),
        "column": "Werkplein",
        "file": "Factsheet (PDF)",
    }
