"""The sources' contradictions as a table, and the points for *wederhoor* (what the AKO, and
for the Toonkamer pilots the partners in the Haarlem region, are asked to answer), in Dutch.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.samenvatting.compute import Samenvatting
from analysis.core.formatting import number
from analysis.core.markdown import literal
from analysis.study import verdicts

# Per contradiction (`contradictions.csv` id) the question its author is asked to answer.
QUESTIONS = {
    "K01": "Welke twee mijlpalen laten de conclusies (§4.1) weg: 13 en 14, zoals daar staat, "
    "of 11 en 14, zoals de berekening van de 76 % in §3.4.1? Zijn de 55 Werkpleinen met "
    "dezelfde mijlpalen geteld?",
    "K02": "Bedoelt §3.4.1 met '13 – ontschotte en enkelvoudige kanalen' mijlpaal 11 van de "
    "Landkaart?",
    "K03": "Wat betekent 'nagenoeg afgerond', en welke 13 Werkpleinen zijn bedoeld, waar "
    "Tabel 1 en 2 er 12 met 100 % tellen?",
    "K04": "Is het aantal WW- en AG-uitkeringen sinds ultimo 2006 gedaald, zoals de tekst "
    "zegt, of samen met ongeveer 10.000 gestegen, zoals de tabel geeft?",
    "K05": "Met welke rekenregel zijn de gemiddelde scores berekend: de gedocumenteerde 0, ⅓, "
    "⅔ of 1 punt per mijlpaal, of 0, 33, 66 en 100 % met een afgekapt percentage?",
    "K06": "Welke grenzen van de antwoordklassen gelden: 0–32, 33–65, 66–99 en 100 % (Tabel 1) "
    "of de grenzen die elkaar raken, zoals de IWI ze noemt?",
    "K07": "Liep de eerste meting tot en met april 2008 (het eerste tertaal) of tot en met mei "
    "2008, zoals de IWI schrijft?",
    "K08": "Hoe verhouden de 125 Werkpleinen van 2009 zich tot de 124 locaties waaruit de IWI "
    "in 2008 haar steekproef trok?",
    "K09": "Is het werkgeversprincipe 'Gemak' in de tabel hetzelfde als 'Toegankelijkheid' in "
    "de tekst?",
    "K10": "Vergelijkt 'ten opzichte van het 2e tertaal' met de klantmeting van het eerste "
    "halfjaar van 2009?",
    "K11": "Is het doel dat alle Werkpleinen eind 2009 integrale dienstverlening bieden, of dat "
    "zij eind 2010 op het gewenste niveau zijn?",
    "K12": "Welke Werkpleinen blijven achter, en volgens welke grens zijn dat er 'een 20-tal'?",
    "K13": "Waarop rust de uitkomst dat de tijdsbesteding per werkzoekende niet hoger was, als "
    "de bijlage die vergelijking niet mogelijk noemt?",
    "K14": "Is het doel van 15 % een verschil in procentpunten of een relatieve toename, en "
    "ten opzichte van welke groep?",
}
# Contradictions that bear on nothing this report recomputes: listed, not put to anyone.
NOT_ASKED = {"K15", "K16", "K17"}
WHO_NL = {"AKO": "het AKO", "Haarlem": "de ketenpartners in de regio Haarlem"}
DATA_NL = {"AKO": "per Werkplein en per respondent", "Haarlem": "per klant"}


def _quote(text: str) -> str:
    """A quote on one line (the cells of a quoted table row apart by ' · ')."""
    return " · ".join(part.strip() for part in text.split("\t") if part.strip())


WIDTHS = (6, 50, 34, 10)  # the contradictions table's relative column widths


def contradictions_display(s: Samenvatting) -> pd.DataFrame:
    """One row per contradiction: number; topic and both statements with their source; what
    follows; the verdict of the claim it bears on."""
    c = s.contradictions
    statements = [
        f"{r.topic}. {r.source_a}: ‘{_quote(r.quote_a)}’ — {r.source_b}: ‘{_quote(r.quote_b)}’"
        for r in c.itertuples()
    ]
    return pd.DataFrame(
        {
            "Nr.": c["id"],
            "Onderwerp en uitspraken": statements,
            "Gevolg": c["consequence"].to_list(),
            "Oordeel": c["verdict"],
        }
    )


def addressee_of(row: pd.Series) -> str | None:
    """Who answers a contradiction: the AKO when one side is an AKO text, else the Haarlem
    partners when one side is theirs."""
    sides = (row["source_a"], row["source_b"])
    if any(side.startswith("AKO") for side in sides):
        return "AKO"
    if any(side.startswith("Haarlem") for side in sides):
        return "Haarlem"
    return None


def wederhoor(s: Samenvatting) -> str:
    """The points for *wederhoor*: per addressee the questions of the contradictions, the
    readings this report had to choose, and the data it needs."""
    c = s.contradictions
    asked = c[~c["id"].isin(NOT_ASKED)]
    covered = set(asked["published_key"]) - {""}
    blocks = []
    for who in ("AKO", "Haarlem"):
        points = []
        for _, r in asked.iterrows():
            if addressee_of(r) == who:
                generic = f"Welke lezing is juist: {r['source_a']} of {r['source_b']}?"
                points.append(f"{QUESTIONS.get(r['id'], generic)} ({r['id']})")
        choices = s.choices[s.choices["addressee"] == who]
        for r in choices.itertuples():
            if covered & set(r.keys):
                continue  # the contradiction's question asks it already
            points.append(
                f"Bevestig of corrigeer de lezing die dit rapport koos: {literal(r.chosen)} "
                f"(uit {number(r.candidates)} {r.of}; {number(r.values)} "
                f"{'getal hangt' if r.values == 1 else 'getallen hangen'} ervan af)."
            )
        constructed = verdicts.counts(s.of(who))[verdicts.BY_CONSTRUCTION]
        if constructed:
            points.append(
                f"Stel de gegevens {DATA_NL[who]} beschikbaar waarop de cijfers rusten: "
                f"{number(constructed)} gepubliceerde getallen kloppen in dit rapport alleen "
                "met nagemaakte gegevens (per constructie) en zijn zonder de echte niet te "
                "toetsen."
            )
        if points:
            listed = "\n".join(f"{i}. {p}" for i, p in enumerate(points, start=1))
            blocks.append(f"Aan {WHO_NL[who]}:\n\n{listed}\n")
    not_asked = sorted(NOT_ASKED & set(c["id"]))
    if not_asked:
        blocks.append(
            f"De tegenstrijdigheden {', '.join(not_asked)} vallen buiten wat dit rapport "
            "narekent; ze staan alleen in de tabel.\n"
        )
    return "\n".join(blocks)
