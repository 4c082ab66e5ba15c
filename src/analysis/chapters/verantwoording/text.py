"""The appendix in Dutch: the verdicts counted (per class, per chapter, per rule of
comparison), the colophon, and the line-by-line audit as a separate annex (`annexes`)."""

from __future__ import annotations

import re

import pandas as pd

from analysis.chapters.verantwoording.compute import (
    Verantwoording,
    annex_rows,
    outcomes,
    overview,
    rules,
)
from analysis.core.config import Paths
from analysis.core.formatting import DASH, day_nl, number
from analysis.core.markdown import code, literal
from analysis.core.periods import Period
from analysis.core.tables import tidy_csv
from analysis.core.values import missing
from analysis.study import sources, verdicts

VERDICT_TITLES = {
    verdicts.REPRODUCED: "Gereproduceerd",
    verdicts.BY_CONSTRUCTION: "Per constructie",
    verdicts.AFTER_CHOICE: "Past na keuze",
    verdicts.BY_DEFINITION: "Per definitie",
    verdicts.DEVIATING: "Afwijkend",
    verdicts.UNCHECKABLE: "Niet te controleren",
}
ANNEX = "bijlage-oordelen"  # reports/<period>/bijlage-oordelen.pdf and .csv
ANNEX_TITLE = "Oordelen per gepubliceerd getal"
ANNEX_WIDTHS = (12, 19, 6, 6, 9, 21, 3, 24)  # relative column widths of its tables
_DECIMALS = re.compile(r"^[+-]?\d*[.,](\d+)$")


# How each chapter computes, for the method section: only the report's chapters are listed.
METHODS = {
    "landkaart": "De antwoorden per Werkplein worden gescoord met de rekenregel die de "
    "gepubliceerde gemiddelden reproduceert (`ako-2009`; een andere met `analysis run --rule`); "
    "een Werkplein valt met zijn gemiddelde score in een van de vier scorebanden. De "
    "gemiddelden en percentages van AKO Tabel 1 en 2 volgen uit de gepubliceerde aantallen per "
    "categorie; de aantallen per band vragen de antwoorden per Werkplein.",
    "trend": "De gemiddelde score per tertaal (AKO Tabel 3) wordt met een rechte lijn en een "
    "verzadigende kromme doorgetrokken; de intervallen zijn voorspellingsintervallen of "
    "betrouwbaarheidsintervallen, zoals steeds bij de figuur staat.",
    "interpretatieverschillen": "De laatste inspectie tot en met het tertaal van het rapport: "
    "zelfbeoordeling en oordeel van de inspectie per locatie en mijlpaal in het geïnspecteerde "
    "tertaal (overeenstemming, over- en onderschatting, gewogen kappa en Krippendorffs alfa, "
    "met intervallen uit het herbemonsteren van locaties en een exacte tekentoets); daarna de "
    "eigen totaalscore van de beoordeelde Werkpleinen in elk later tertaal.",
    "arbeidsmarkt": "De standcijfers en de uitstroom naar werk zijn als gegevens overgenomen; "
    "de afgeleide getallen (Mutatie-rij en -kolom, realisatiepercentages) worden nagerekend, "
    "de uitstroom tot ultimo 2010 met kleinste kwadraten geprojecteerd, voor elk mogelijk "
    "startpunt van de reeks.",
    "enquetes": "Gemiddelden per principe en meting met intervallen die rekening houden met het "
    "clusteren van respondenten binnen locaties; verschillen tussen metingen en groepen met een "
    "toets; gepubliceerde percentages met Wilson-intervallen.",
    "toonkamer": "Verschil in uitstroom tussen Toonkamer en controlegroep per locatie en termijn "
    "met Newcombe-intervallen, per termijn samengenomen met Mantel–Haenszel; uitstroomcurven "
    "met Kaplan–Meier uit de gegevens per klant.",
}


def methods(v: Verantwoording) -> str:
    """One bullet per chapter of this report: how it computes (a chapter left out of the
    period's report is not described)."""
    lines = [f"- **{literal(c.title)}.** {METHODS[c.name]}" for c in v.chapters
             if c.name in METHODS]  # fmt: skip
    return "\n".join(lines) + "\n" if lines else ""


def overview_display(v: Verantwoording) -> pd.DataFrame:
    """Audited values per chapter (rows) and verdict class (columns), with totals."""
    table = overview(v)
    table.loc["totaal"] = table.sum()
    table.index = ["Totaal" if n == "totaal" else v.title(n) for n in table.index]
    shown = table.rename(columns=VERDICT_TITLES).map(number)
    shown.insert(len(shown.columns), "Samen", table.sum(axis=1).map(number))
    return shown.rename_axis("Hoofdstuk").reset_index()


def outcomes_display(v: Verantwoording) -> pd.DataFrame:
    """The six verdict classes: what each means and how many values have it."""
    found = outcomes(v).set_index("verdict")["n"]
    rows = [
        {"Oordeel": VERDICT_TITLES[c], "Betekenis": verdicts.DESCRIPTIONS_NL[c],
         "Aantal": number(int(found[c]))}
        for c in verdicts.VERDICTS
    ]  # fmt: skip
    rows.append({"Oordeel": "Totaal", "Betekenis": "", "Aantal": number(int(found.sum()))})
    return pd.DataFrame(rows)


def rules_display(v: Verantwoording) -> pd.DataFrame:
    """Every rule of comparison (calculation, rounding, tolerance) with its number of values
    and their verdicts."""
    table = rules(v)
    columns = {c: c.replace(" ", "_") for c in verdicts.VERDICTS}

    def spread(row: pd.Series) -> str:
        parts = [f"{number(int(row[col]))} {c}" for c, col in columns.items() if row[col]]
        return ", ".join(parts)

    return pd.DataFrame(
        {
            "Regel van de vergelijking": table["rule"].to_list(),
            "Getallen": table["n"].map(number),
            "Oordelen": table.apply(spread, axis=1),
        }
    )


def completeness_note(v: Verantwoording) -> str:
    """Whether every published value held as data has exactly one verdict."""
    n = len(v.published)
    problems = []
    if v.missing:
        problems.append(f"{number(len(v.missing))} zonder oordeel ({', '.join(v.missing[:5])} …)")
    if v.duplicated:
        problems.append(f"{number(len(v.duplicated))} met meer dan één oordeel")
    if v.unknown:
        problems.append(f"{number(len(v.unknown))} oordelen over een onbekende regel")
    if not problems:
        return (
            f"Alle {number(n)} gepubliceerde waarden die de hoofdstukken van dit rapport "
            "nagaan, hebben precies één oordeel.\n"
        )
    return (
        '::: {.callout-warning title="Onvolledige verantwoording"}\n'
        f"Van de {number(n)} gepubliceerde waarden hebben er " + "; ".join(problems) + ".\n:::\n"
    )


def annex_note(v: Verantwoording) -> str:
    """Where the line-by-line audit is (the annex beside the report)."""
    return (
        f"De oordelen per getal staan in een aparte bijlage bij dit rapport, *{ANNEX_TITLE}* "
        f"({code(ANNEX + '.pdf')}, en als tabel {code(ANNEX + '.csv')}, beide naast het "
        f"rapport): voor elk van de {number(len(v.audit))} gepubliceerde waarden het getal zoals "
        "het is gedrukt, het berekende getal, het oordeel, de regel van de vergelijking, bij "
        "een keuze het aantal mogelijke lezingen, en de toelichting.\n"
    )


def colophon_text(v: Verantwoording) -> str:
    """Date, code version, engine and parameters as a short list."""
    c = v.colophon
    if c.code.commit is None:
        version = "onbekend (geen git-werkmap van dit project)"
    else:
        state = "met wijzigingen die niet zijn vastgelegd" if c.code.dirty else "ongewijzigd"
        version = f"commit {code(c.code.commit)}, {state}"
    params = ", ".join(f"{k} = {code(v_)}" for k, v_ in c.parameters.items())
    if c.date is not None:
        dated = (
            f"{day_nl(c.date)} ({code('book.date')} in {code('_quarto.yml')}, gezet bij "
            "publicatie); de PDF draagt dezelfde datum"
        )
    else:
        dated = (
            f"nog niet vastgesteld (concept); de PDF draagt het bouwtijdstip "
            f"{day_nl(c.built.date())} ({code('SOURCE_DATE_EPOCH')} = {int(c.built.timestamp())})"
        )
    return (
        f"- **Datum:** {dated}.\n"
        f"- **Codeversie:** {version}\n"
        f"- **Opmaak:** {literal(c.engine)}\n"
        f"- **Parameters:** {params}\n"
        "- **Reproduceerbaar:** dezelfde invoer, code en pakketversies geven byte voor byte "
        "hetzelfde rapport.\n"
    )


def sources_display() -> pd.DataFrame:
    """The sources by their short name and the text file this project reads them from."""
    names = sources.SOURCE_NAMES_NL
    return pd.DataFrame({"Bron": list(names.values()), "Tekstbestand": list(names)})


def inputs_display(v: Verantwoording) -> pd.DataFrame:
    """Every input file with its sha256."""
    inputs = v.colophon.inputs
    return pd.DataFrame({"Bestand": list(inputs), "sha256": list(inputs.values())})


def versions_text(v: Verantwoording) -> str:
    """Python and the main packages with their versions, as one sentence."""
    versions = v.colophon.versions
    listed = ", ".join(f"{name} {code(x) if x else 'niet geïnstalleerd'}"
                       for name, x in versions.items())  # fmt: skip
    return f"Versies: {listed}.\n"


# --- the annex: every audited value on its own line ------------------------------------


def decimals_of(printed: object) -> int:
    """The decimals a value is printed with ('0.04' -> 2, '7.0' -> 1, '73' -> 0)."""
    found = _DECIMALS.match(str(printed).strip()) if not missing(printed) else None
    return len(found[1]) if found else 0


def shown(value: object, like: object = None) -> str:
    """A value for the annex: a number with at least the decimals of `like` (the published
    value as printed, so '0.04' stays '0,04' and '7.0' stays '7,0') and at most three of its
    own; text as it is; '–' when missing."""
    if missing(value):
        return DASH
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    own = decimals_of(f"{f:.6f}".rstrip("0"))
    return number(f, max(decimals_of(like), min(own, 3)))


def annex_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The annex's rows of one published table, as shown."""
    return pd.DataFrame(
        {
            "Sleutel": rows["published_key"].to_list(),
            "Gegeven": rows["item"].to_list(),
            "Gedrukt": [shown(p) if not missing(p) else shown(q)
                        for p, q in zip(rows["printed"], rows["published"], strict=True)],
            "Berekend": [shown(c, p) for c, p in zip(rows["computed"], rows["printed"],
                                                      strict=True)],
            "Oordeel": rows["verdict"].to_list(),
            "Regel van de vergelijking": rows["rule"].to_list(),
            "N": [DASH if missing(n) else number(int(float(n))) for n in rows["candidates"]],
            "Toelichting": ["" if missing(r) else r for r in rows["reason"]],
        }
    )  # fmt: skip


def annex_markdown(v: Verantwoording) -> str:
    """The annex as Markdown: per chapter its verdicts in a sentence and one table per
    published table."""
    from analysis.core.display import table  # the report's pipe tables

    rows = annex_rows(v)
    blocks = [
        f"# {ANNEX_TITLE}\n",
        f"Bijlage bij het rapport over het {v.period.label_nl}, met de oordelen die Bijlage A "
        "van het rapport telt. Elke rij is één gepubliceerd "
        "getal: *Sleutel* is het tabelbestand en de regel waarin het als gegeven is "
        "vastgelegd, *Gedrukt* het getal zoals de bron het drukt, *Berekend* wat dit rapport "
        "uitrekent, *Regel van de vergelijking* hoe beide zijn vergeleken (berekening, afronding, "
        "tolerantie), *N* bij een keuze het aantal mogelijke lezingen. Bijlage A beschrijft de "
        "zes oordelen.\n",
        verdicts.sentence(v.audit) + "\n",
    ]
    for chapter in dict.fromkeys(rows["chapter"]):
        part = rows[rows["chapter"] == chapter]
        blocks.append(f"## {literal(v.title(chapter))}\n\n{verdicts.sentence(part)}\n")
        files = part["published_key"].str.rsplit(":", n=1).str[0]
        for file in dict.fromkeys(files):
            of_file = part[files == file]
            caption = f"{literal(file)}: {literal(of_file['source'].iloc[0])}"
            blocks.append(table(annex_table(of_file), caption=caption, widths=ANNEX_WIDTHS).data)
    return "\n".join(blocks)


def annexes(period: Period, scoring_rule: str, paths: Paths) -> dict[str, bytes]:
    """The files the appendix's step writes beside the report: the annex as Markdown (the
    report step renders it to PDF) and its rows as tidy CSV."""
    v = Verantwoording(period, scoring_rule, paths)
    return {
        f"{ANNEX}.md": annex_markdown(v).encode("utf-8"),
        f"{ANNEX}.csv": tidy_csv(annex_rows(v)),
    }
