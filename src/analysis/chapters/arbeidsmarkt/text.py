"""Dutch text of the labour-market chapter: the data callout, intros and notes.

Made from the values in `compute`; labels are in `text_labels`, the display tables in `text_tables`.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.arbeidsmarkt import checks
from analysis.chapters.arbeidsmarkt.compute import Arbeidsmarkt
from analysis.chapters.arbeidsmarkt.series import (
    COMPOSITION,
    known_series,
    outflow,
    progress,
    required_pace,
    series_labels,
)
from analysis.chapters.arbeidsmarkt.text_labels import (
    NB,
    SHORT_NL,
    column_label,
    df_nl,
    formula_nl,
    labelled_claims,
    signed_nb,
    thousands_nl,
    trend_name,
)
from analysis.core.formatting import and_nl, date_nl, number, percent
from analysis.core.markdown import code, literal
from analysis.core.published import PUBLISHED_PERIOD
from analysis.core.values import missing

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
                f"Peildata na het einde van de periode ({am.end.date().isoformat()}) blijven "
                "buiten beschouwing."
            )
        if pd.Timestamp(dates[-1]) < am.start:
            lines.append(
                f"De laatste peildatum ligt vóór het begin van de periode "
                f"({am.start.date().isoformat()}): voor deze periode zijn nog geen nieuwe "
                "standcijfers ingevoerd."
            )
    uit = am.uitstroom
    if uit.empty:
        lines.append("Uitstroom: voor deze periode zijn geen uitstroomcijfers ingevoerd.")
    else:
        date = uit["peildatum"].iloc[0]
        lines.append(
            f"Uitstroom: peildatum {date.date().isoformat()}; de bron noemt de meetperiode niet."
        )
    sources = sorted(set(stand["source_file"]) | set(uit["source_file"]))
    lines.append(
        "Bestanden: `data/raw/arbeidsmarkt/standcijfers.csv` en `uitstroom.csv`; bron: "
        + (", ".join(code(s) for s in sources) or "geen")
        + "."
    )
    if am.has_published:
        lines.append("De gepubliceerde waarden staan telkens naast de berekende (berekend / "
                     "gepubliceerd; ≠ bij verschil).")  # fmt: skip
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

        where = [f"{rows(everywhere)} staat overal '{NB}' (niet bekend)"] if everywhere else []
        where += [f"{rows(partly)} staat op een deel van de peildata '{NB}'"] if partly else []
        text = "; ".join(where)
        missing_text = (
            f"{text[0].upper()}{text[1:]}. Zulke cellen blijven hier leeg en tellen nergens als 0. "
        )
    else:
        missing_text = "In deze periode heeft elke cel een waarde. "
    return (
        "Tabel 1 van §3.2 geeft per peildatum de omvang van vier bestanden (× 1.000): "
        "niet-werkende werkzoekenden, WW-, AG- en WWB-uitkeringen (jonger dan 65), en daarnaast "
        f"de Nuggers (niet-uitkeringsgerechtigden). {missing_text}De tabel heeft twee afgeleide "
        "onderdelen: een kolom met de verandering per bestand sinds ultimo 2006 en een rij "
        "'Mutatie tov ultimo 2006'. "
        + (
            "@tbl-standcijfers rekent beide na.\n"
            if am.total is not None
            else "Zonder standcijfers van ultimo 2006 is daar niets van na te rekenen; "
            "@tbl-standcijfers blijft leeg.\n"
        )
    )


def backtest_note(am: Arbeidsmarkt, checks: tuple[str, ...] | None = None) -> str:
    """'Alle 11 gepubliceerde waarden ... ' or which differ, for the backtests with the given
    ids (`checks.CHECKS`); nothing to compare outside the published period."""
    if not am.has_published:
        return (
            f"Voor {am.period} zijn geen AKO-cijfers gepubliceerd; er valt niets te vergelijken.\n"
        )
    check = am.checks
    if checks:
        check = check[check["check"].isin(checks)]
    n, ok = len(check), int(check["equal"].sum())
    n_missing = int(check["published"].isna().sum())
    blank = (
        f" Daarvan {'is' if n_missing == 1 else 'zijn'} {number(n_missing)} in de bron 'n.b.' "
        "(niet bekend) en berekend eveneens onbekend; in de tabel staat daar een streepje."
        if n_missing
        else ""
    )
    if n == ok:
        return (
            f"Alle {number(n)} gepubliceerde afgeleide waarden worden exact gereproduceerd."
            f"{blank}\n"
        )
    bad = check[~check["equal"]]
    listed = "; ".join(
        f"{literal(r.row_label)} ({literal(r.column_label)}): berekend {number(r.computed)}, "
        "gepubliceerd "
        f"{number(r.published)}"
        for r in bad.itertuples()
    )
    return f"{ok} van de {n} gepubliceerde waarden worden gereproduceerd; afwijkend: {listed}.\n"


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
        f"({number(len(am.composition))} kandidaten), en telt in hoeveel kolommen de uitkomst "
        "exact gelijk is aan de gepubliceerde rij. De kolom ultimo 2006 is voor elke kandidaat 0 "
        "en zegt dus niets; daarom staat het aantal zonder die kolom ernaast.\n"
    )


def composition_note(am: Arbeidsmarkt) -> str:
    fit = am.composition
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
            f"Op de gepubliceerde Tabel 1 ({PUBLISHED_PERIOD}) reproduceert precies één "
            f"samenstelling alle {n} kolommen: "
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


def projection_intro(am: Arbeidsmarkt) -> str:
    """How many peildata the projection of @tbl-projectie rests on."""
    if am.total is None:
        return (
            "Zonder standcijfers van ultimo 2006 is er geen afname te berekenen en dus ook geen "
            "trend; @tbl-projectie blijft leeg.\n"
        )
    n = int(am.total.notna().sum())
    if n < 3:
        return (
            f"Met {number(n)} {'peildatum' if n == 1 else 'peildata'} is geen trend met "
            "onzekerheidsmarge te schatten (daarvoor zijn er minstens 3 nodig); @tbl-projectie "
            "maakt dat zichtbaar.\n"
        )
    return (
        f"Met {number(n)} peildata valt weinig te voorspellen; @tbl-projectie maakt dat "
        "zichtbaar.\n"
    )


def projection_note(am: Arbeidsmarkt) -> str:
    """What the trend says about the target, with the caveats of few data points."""
    total = am.total
    if total is None:
        return "Zonder standcijfers van ultimo 2006 is geen voortgang te berekenen.\n"
    last = pd.Timestamp(total.index.max())
    target = number(am.target * 1000)
    verdict = am.verdict
    proj = verdict["projection"]
    pace = required_pace(total, am.target)
    now = float(total[last])
    direction = "lager" if now >= 0 else "hoger"
    text = (
        f"Op {date_nl(last)} liggen de vier bestanden samen {thousands_nl(abs(now))} {direction} "
        f"dan ultimo 2006: {percent(100 * now / am.target)} van de {target}, terwijl "
        f"{percent(progress(total, am.target).loc[last, 'pct_of_time'])} van de looptijd "
        "voorbij is. "
    )
    if pace is not None and pace > 0:
        text += (
            "Om het doel ultimo 2010 te halen moeten de bestanden vanaf dan met gemiddeld "
            f"{thousands_nl(pace)} per jaar dalen. "
        )
    elif pace is not None:
        text += "Het doel is op deze peildatum al bereikt. "
    if proj is None:
        return text + "Voor een trend met onzekerheidsmarge zijn te weinig peildata (< 3).\n"
    mean, lo, hi = proj.interval
    window = verdict["window"]
    text += (
        f"Een rechte lijn door de peildata {trend_name(am, window)} "
        f"({proj.fit.n} punten, "
        f"{df_nl(proj.fit.df)}; trend {signed_nb(round(proj.fit.slope) * 1000)} per jaar) "
        f"komt ultimo 2010 uit op {thousands_nl(mean)}"
        + (
            f", dus bestanden die {thousands_nl(-mean)} hoger liggen dan ultimo 2006"
            if mean < 0
            else ""
        )
        + f" (95 %-voorspellingsinterval {thousands_nl(lo)} tot {thousands_nl(hi)}). "
    )
    if verdict["reachable"] is False:
        text += f"Ook de bovengrens blijft onder de {target}: het doel wordt niet gehaald. "
    elif verdict["reachable"] is True:
        text += f"Ook de ondergrens ligt boven de {target}. "
    else:
        text += f"Het interval omvat de {target}: de gegevens beslissen het niet. "
    other = am.projections.get("all")
    if window != "all" and other is not None:
        o_mean, o_lo, o_hi = other.interval
        text += (
            f"De lijn door alle peildata komt uit op {thousands_nl(o_mean)}, met een interval "
            f"van {thousands_nl(o_lo)} tot {thousands_nl(o_hi)}: zij trekt de stijging tot de "
            "piek en de daling daarna door één lijn en zegt daardoor weinig. "
        )
    text += (
        "Met zo weinig punten is dit een scenario, geen voorspelling: het interval neemt aan dat "
        "de lijn recht doorloopt en dat de afwijkingen onafhankelijk zijn, wat voor maandstanden "
        "van bestanden niet geldt. Het werkelijke interval is breder.\n"
    )
    return text


def uitstroom_note(am: Arbeidsmarkt) -> str:
    uit = am.uitstroom
    if uit.empty:
        return f"Voor {am.period} zijn geen uitstroomcijfers ingevoerd.\n"
    table = outflow(uit)
    no_target = [lab for lab, t in zip(table["row_label"], table["streefwaarde"], strict=True)
                 if missing(t)]  # fmt: skip
    text = ""
    if am.has_published:
        text += backtest_note(am, (checks.CHECKS["pct_of_target"],)).strip() + " "
    if no_target:
        listed = and_nl([literal(n[0].lower() + n[1:]) for n in no_target])
        text += (
            f"Voor {listed} noemt de bron geen streefwaarde; daar is geen percentage te "
            "berekenen (leeg, niet 0). "
        )
    internal = am.internal
    sums = internal[
        (internal["claim"] == checks.OUTFLOW_SUM_CLAIM)
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
        else f"De tekst hoort bij de AKO-rapportage van {PUBLISHED_PERIOD}; voor {am.period} "
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
