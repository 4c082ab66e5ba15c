"""Dutch text of the labour-market chapter: the data callout, intros, notes and the summary.

Made from the values in `compute`; labels, captions and alt texts are in `text_labels`, the
projection's words in `text_projection`, the display tables in `text_tables`.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from analysis.chapters.arbeidsmarkt import compute
from analysis.chapters.arbeidsmarkt.compute import (
    COMPOSITION,
    Arbeidsmarkt,
    known_series,
    series_labels,
)
from analysis.chapters.arbeidsmarkt.text_labels import (
    CLAIM_LABELS,
    CLAIM_NOTES,
    NB,
    SHORT_NL,
    SUM_OF_STOCKS,
    claim_note,
    column_label,
    formula_nl,
    labelled_claims,
    outflow_label,
    signed_nb,
    thousands_nl,
)
from analysis.chapters.arbeidsmarkt.text_labels import alt as alt  # re-exported for notebooks
from analysis.chapters.arbeidsmarkt.text_labels import caption as caption
from analysis.chapters.arbeidsmarkt.text_projection import projection_intro as projection_intro
from analysis.chapters.arbeidsmarkt.text_projection import projection_note as projection_note
from analysis.chapters.arbeidsmarkt.text_projection import projection_summary
from analysis.core.formatting import and_nl, date_nl, day_nl, number, percent
from analysis.core.markdown import literal
from analysis.core.values import missing
from analysis.study import verdicts
from analysis.study.published import PUBLISHED_PERIOD

# The reports the inputs come from, as the report's list of sources names them.
SOURCES_NL = {"003_77befd6bc52bd4bb.txt": "AKO, tertaalrapportage 3e tertaal 2009"}

# --------------------------------------------------------------------------- callout, notes


def coverage_note(am: Arbeidsmarkt) -> str:
    """Which data the chapter uses for its period, as a callout."""
    stand = am.standcijfers
    lines = []
    if stand.empty:
        lines.append(f"Er zijn geen standcijfers tot en met het einde van {am.period.label_nl}.")
    else:
        dates = sorted(stand["peildatum"].unique())
        table = am.table
        labels = series_labels(stand)
        empty = [literal(lab) for s, lab in labels.items() if table.loc[s].isna().all()]
        lines.append(
            f"Standcijfers: {len(dates)} peildata, van {date_nl(dates[0])} tot en met "
            f"{date_nl(dates[-1])} ({', '.join(column_label(d).lower() for d in dates)})."
            + (f" Zonder waarden ({NB}): {', '.join(empty)}." if empty else "")
        )
        later = am.standcijfers_all["peildatum"] > am.end
        if later.any():
            lines.append(
                f"Peildata na het einde van de periode ({day_nl(am.end.date())}) blijven "
                "buiten beschouwing."
            )
        if pd.Timestamp(dates[-1]) < am.start:
            lines.append(
                f"De laatste peildatum ligt vóór het begin van de periode "
                f"({day_nl(am.start.date())}): voor deze periode zijn nog geen nieuwe "
                "standcijfers ingevoerd."
            )
    uit = am.uitstroom
    if uit.empty:
        lines.append("Uitstroom: voor deze periode zijn geen uitstroomcijfers ingevoerd.")
    else:
        date = uit["peildatum"].iloc[0]
        lines.append(
            f"Uitstroom: peildatum {day_nl(date.date())}; de bron noemt de meetperiode niet."
        )
    sources = sorted(set(stand["source_file"]) | set(uit["source_file"]))
    named = [SOURCES_NL.get(s) or literal(s) for s in sources]
    lines.append(
        f"Bron: {and_nl(named) or 'geen'}, §3.1 (uitstroom naar werk) en §3.2 (standcijfers); "
        "de cijfers zijn overgenomen zoals gepubliceerd."
    )
    if am.has_published:
        lines.append(
            "De gepubliceerde waarden staan telkens naast de berekende (berekend / "
            "gepubliceerd; ≠ bij verschil). Alle invoer is gepubliceerd, niets is synthetisch: "
            "wat daaruit volgt en klopt, is dus *gereproduceerd*."
        )
    else:
        lines.append(
            f"Voor {am.period} is geen AKO-rapportage met deze tabellen gepubliceerd; de "
            "tabellen tonen alleen berekende waarden."
        )
    body = "\n".join(f"- {line}" for line in lines)
    return f'::: {{.callout-note title="Gegevens"}}\n{body}\n:::\n'


def standcijfers_intro(am: Arbeidsmarkt) -> str:
    """The introduction of @tbl-standcijfers, saying which rows are 'n.b.' in the period."""
    table = am.table
    everywhere, partly = [], []
    for series in table.index:
        n_missing = int(table.loc[series].isna().sum())
        name = SHORT_NL.get(series) or literal(series)
        if n_missing == table.shape[1]:
            everywhere.append(name)
        elif n_missing:
            partly.append(f"{name} ({number(n_missing)} van de {number(table.shape[1])})")
    if table.empty:
        missing_text = "Voor deze periode zijn er nog geen peildata. "
    elif everywhere or partly:

        def rows(names: list[str]) -> str:
            return f"in de {'rij' if len(names) == 1 else 'rijen'} {and_nl(names)}"

        where = (
            [f"{rows(everywhere)} staat overal '{NB}' (niet bekend); de tabel hieronder laat ze "
             "weg"] if everywhere else []
        )  # fmt: skip
        where += [f"{rows(partly)} staat op een deel van de peildata '{NB}'"] if partly else []
        text = "; ".join(where)
        missing_text = (
            f"{text[0].upper()}{text[1:]}. Zulke cellen blijven hier leeg en tellen nergens als 0. "
        )
    else:
        missing_text = "In deze periode heeft elke cel een waarde. "
    return (
        "De tabel 'Standcijfers' van §3.2 (in de bron Tabel 1, niet te verwarren met Tabel 1 "
        "van §3.4.1 uit hoofdstuk 1) geeft per peildatum de omvang van vier bestanden "
        "(× 1.000): niet-werkende werkzoekenden (NWW), WW-, AG- en WWB-uitkeringen (WWB: "
        "jonger dan 65), en daarnaast de Nuggers (niet-uitkeringsgerechtigden). "
        f"{missing_text}De tabel heeft twee afgeleide onderdelen: een kolom met de verandering "
        "per bestand sinds ultimo 2006 en een rij 'Mutatie tov ultimo 2006'. "
        + (
            "@tbl-standcijfers zet de peildata onder elkaar, met die rij als laatste kolom en "
            "die kolom als laatste regel, en rekent beide na.\n"
            if compute.total(am) is not None
            else "Zonder standcijfers van ultimo 2006 is daar niets van na te rekenen; "
            "@tbl-standcijfers blijft leeg.\n"
        )
    )


def backtest_note(am: Arbeidsmarkt, checks: tuple[str, ...] | None = None) -> str:
    """'Alle 11 gepubliceerde waarden ... ' or which differ, for the backtests with the given
    ids (`compute.CHECKS`); nothing to compare outside the published period."""
    if not am.has_published:
        return (
            f"Voor {am.period} zijn geen AKO-cijfers gepubliceerd; er valt niets te vergelijken.\n"
        )
    check = compute.published_checks(am)
    if checks:
        check = check[check["check"].isin(checks)]
    blank = check[check["published"].isna()]
    check = check[check["published"].notna()]
    n, ok = len(check), int(check["equal"].sum())
    blank_text = (
        f" {'Eén cel is' if len(blank) == 1 else f'{number(len(blank))} cellen zijn'} in de bron "
        "'n.b.' (niet bekend) en berekend eveneens onbekend; daar valt niets te vergelijken."
        if len(blank)
        else ""
    )
    word = "waarde" if n == 1 else "waarden"
    if n == ok:
        return (
            f"{'De' if n == 1 else 'Alle'} {number(n)} gepubliceerde afgeleide {word} "
            f"{'is' if n == 1 else 'zijn'} *gereproduceerd*: ze volgen uit de gepubliceerde "
            f"invoercijfers alleen.{blank_text}\n"
        )
    bad = check[~check["equal"]]
    listed = "; ".join(
        f"{literal(r.row_label)} ({literal(r.column_label)}): berekend {number(r.computed)}, "
        f"gepubliceerd {number(r.published)}"
        for r in bad.itertuples()
    )
    return (
        f"Van de {number(n)} gepubliceerde afgeleide {word} zijn er {number(ok)} "
        f"*gereproduceerd* en {number(n - ok)} *afwijkend*: {listed}.{blank_text}\n"
    )


def unknown_series(am: Arbeidsmarkt) -> list[str]:
    """Short names of the series left out of `composition_fit` ('n.b.' at a published date)."""
    table = am.table_all
    known = known_series(table, am.published)
    return [SHORT_NL.get(s) or literal(s) for s in table.index if s not in known]


def composition_intro(am: Arbeidsmarkt) -> str:
    """The method of @tbl-samenstelling, with the number of candidates it tries."""
    n_known = len(am.table_all) - len(unknown_series(am))
    return (
        "Het AKO zegt niet hoe de rij is berekend. Schrijf ΔX voor de verandering van bestand X "
        f"sinds ultimo 2006. @tbl-samenstelling probeert elke combinatie van de {number(n_known)} "
        "bestanden met een waarde in alle gepubliceerde kolommen, met gewicht −1, 0 of +1 "
        f"({number(len(compute.composition(am)))} kandidaten), en telt in hoeveel kolommen de "
        "uitkomst exact gelijk is aan de gepubliceerde rij. De kolom ultimo 2006 is voor elke "
        "kandidaat 0 en zegt dus niets; daarom staat het aantal zonder die kolom ernaast.\n"
    )


def composition_note(am: Arbeidsmarkt) -> str:
    fit = compute.composition(am)
    n = int(fit["columns"].iloc[0])
    full = fit[fit["hits"] == n]
    if len(full) == 1 and full["weights"].iloc[0] == COMPOSITION:
        runner = int(fit["hits"].iloc[1])
        unknown = unknown_series(am)
        left_out = (
            f" Zonder waarde in de gepubliceerde kolommen ({NB}) en dus niet meegeteld: "
            f"{and_nl(unknown)}."
            if unknown
            else ""
        )
        return (
            "Op de gepubliceerde standcijfertabel "
            f"({PUBLISHED_PERIOD.label_nl}) reproduceert precies één samenstelling alle {n} "
            "kolommen: "
            f"**{formula_nl(full['weights'].iloc[0])}**, de afname van de vier bestanden samen "
            f"(niet-werkende werkzoekenden, WW, AG en WWB). De beste andere combinatie haalt "
            f"{runner} van de {n}.{left_out} De rij telt "
            "dezelfde persoon mogelijk twee keer: een WW- of WWB-gerechtigde die als werkzoekende "
            "staat ingeschreven, zit ook in het aantal niet-werkende werkzoekenden. De rij is "
            "dus een som van bestanden, geen aantal personen.\n"
        )
    return (
        f"{len(full)} samenstellingen reproduceren alle {n} kolommen; de rekenregel van het "
        "hoofdstuk is dus niet eenduidig uit de tabel af te leiden.\n"
    )


def uitstroom_note(am: Arbeidsmarkt) -> str:
    uit = am.uitstroom
    if uit.empty:
        return f"Voor {am.period} zijn geen uitstroomcijfers ingevoerd.\n"
    table = compute.period_outflow(am)
    no_target = [
        outflow_label(s, lab)
        for s, lab, t in zip(table.index, table["row_label"], table["streefwaarde"], strict=True)
        if missing(t)
    ]
    text = ""
    if am.has_published:
        text += backtest_note(am, (compute.CHECKS["pct_of_target"],)).strip() + " "
    if no_target:
        listed = and_nl([f"'{literal(n[0].lower() + n[1:])}'" for n in no_target])
        which = "de categorie" if len(no_target) == 1 else "de deelcategorieën"
        text += (
            f"De bron noemt geen streefwaarde voor {which} {listed}; daar is geen percentage "
            "te berekenen (leeg, niet 0). "
        )
    internal = compute.internal_checks(am)
    sums = internal[
        (internal["claim"] == compute.OUTFLOW_SUM_CLAIM)
        & (internal["peildatum"] == uit["peildatum"].iloc[0])
    ]
    if not sums.empty and sums[["table", "text"]].notna().all(axis=None):
        r = sums.iloc[0]
        same = "gelijk aan" if r["equal"] else "niet gelijk aan"
        text += (
            f"De drie deelcategorieën tellen op tot {number(r['table'])}, {same} het totaal van "
            f"{number(r['text'])}."
        )
    return text.strip() + "\n"


def claims_note(am: Arbeidsmarkt) -> str:
    """The disagreements between text and table, said plainly."""
    claims = labelled_claims(am)
    intro = (
        ""
        if am.has_published
        else "De tekst hoort bij de AKO-rapportage over het "
        f"{PUBLISHED_PERIOD.label_nl}; voor het {am.period.label_nl} "
        "staan alleen de beweringen waarvan de peildatum binnen de gegevens van de periode "
        "valt. "
    )
    bad = claims[~claims["equal"]]
    if claims.empty:
        return intro + "Er valt voor deze periode niets na te rekenen.\n"
    if bad.empty:
        return intro + "Tekst en tabellen van §3.1–3.2 spreken elkaar hier nergens tegen.\n"
    lines = [
        f"- **{literal(r.label)}**: de tabel geeft {signed_nb(r.table)}, de tekst "
        f"{signed_nb(r.text)}. {literal(r.note)}"
        for r in bad.itertuples()
    ]
    return (
        intro + "Waar tekst en tabel van het AKO elkaar tegenspreken:\n\n" + "\n".join(lines) + "\n"
    )


# --------------------------------------------------------------------------- captions, summary


def summary(facts: dict) -> str:
    """Two to five Markdown bullets with the chapter's findings, for the report's summary,
    from its facts (`compute.facts`)."""
    lines = []
    if sum(facts["verdicts"].values()):
        sentence = verdicts.counts_sentence(facts["verdicts"], "gepubliceerde waarden")
        lines.append(
            f"Arbeidsmarkt (AKO §3.1–3.2): {sentence[0].lower()}{sentence[1:-1]}. De rij "
            "'Mutatie' past alleen met de samenstelling die op die rij is gekozen."
        )
    for claim in facts["deviating"]:
        r = SimpleNamespace(**claim, equal=False)
        date = pd.Timestamp(r.peildatum)
        if r.claim == compute.TEXT_CLAIM:
            label = f"{r.row_label} t.o.v. ultimo 2006 ({date_nl(date)})"
            note = claim_note(r, r.changes)
        else:
            label, note = CLAIM_LABELS[r.claim], CLAIM_NOTES.get(r.claim, "")
        lines.append(f"Afwijkend: {literal(label)}. {literal(note)}")
    if level := facts["level"]:
        date = date_nl(pd.Timestamp(level["date"]))
        text = (
            f"{date[0].upper()}{date[1:]} lag de som van de vier bestanden "
            f"{thousands_nl(level['sum'])} onder ultimo 2006: "
            f"{percent(100 * level['sum'] / level['target'])} van de "
            f"{number(level['target'] * 1000)} uit het convenant (een {SUM_OF_STOCKS}), bij "
            f"{percent(level['pct_of_time'])} van de looptijd"
        )
        if (top := level.get("peak")) and top["rise"] > 0:
            text += (
                f"; sinds {date_nl(pd.Timestamp(top['date']))} groeiden de bestanden weer met "
                f"{thousands_nl(top['rise'])}"
            )
        text += "."
        lines.append(text)
    if line := projection_summary(facts):
        lines.append(line)
    return "\n".join(f"- {line}" for line in lines[:5]) + "\n"
