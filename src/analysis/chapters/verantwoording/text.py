"""The appendix in Dutch: the reproduction audit per chapter and the colophon."""

from __future__ import annotations

import pandas as pd

from analysis.chapters import chapter_title
from analysis.chapters.verantwoording.compute import Verantwoording, overview
from analysis.core import verdicts
from analysis.core.formatting import DASH, day_nl, number
from analysis.core.markdown import code, literal
from analysis.core.values import missing

VERDICT_TITLES = {
    verdicts.REPRODUCED: "Gereproduceerd",
    verdicts.BY_CONSTRUCTION: "Per constructie",
    verdicts.DEVIATING: "Afwijkend",
    verdicts.UNCHECKABLE: "Niet te controleren",
}


def overview_display(v: Verantwoording) -> pd.DataFrame:
    """Audited values per chapter (rows) and verdict class (columns), with totals."""
    table = overview(v)
    table.loc["totaal"] = table.sum()
    table.index = ["Totaal" if n == "totaal" else chapter_title(n, v.paths) for n in table.index]
    shown = table.rename(columns=VERDICT_TITLES).map(number)
    shown.insert(len(shown.columns), "Samen", table.sum(axis=1).map(number))
    return shown.rename_axis("Hoofdstuk").reset_index()


def audit_display(v: Verantwoording, chapter: str) -> pd.DataFrame:
    """One chapter's audit rows: value, published, computed, verdict and why."""
    rows = v.audit[v.audit["chapter"] == chapter]

    def value(x: object) -> str:
        if missing(x):
            return DASH
        try:
            f = float(x)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return str(x)
        return number(f, 0 if f == int(f) else 1)

    return pd.DataFrame(
        {
            "Bron (bestand:regel)": rows["published_key"].map(code),
            "Gegeven": rows["item"].map(literal),
            "Gepubl.": rows["published"].map(value),
            "Berekend": rows["computed"].map(value),
            "Oordeel": rows["verdict"],
            "Toelichting": rows["reason"].map(lambda r: "" if missing(r) else literal(r)),
        }
    )


def audit_sections(v: Verantwoording) -> str:
    """Per chapter a subsection with its sentence by class (tables follow in the notebook)."""
    parts = []
    for chapter in dict.fromkeys(v.audit["chapter"]):
        rows = v.audit[v.audit["chapter"] == chapter]
        parts.append(f"**{chapter_title(chapter, v.paths)}.** {verdicts.sentence(rows)}")
    return "\n\n".join(parts) + "\n"


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
            f"Alle {number(n)} gepubliceerde waarden die het project als gegevens bevat "
            "(`data/raw/published/`), hebben precies één oordeel.\n"
        )
    return (
        '::: {.callout-warning title="Onvolledige verantwoording"}\n'
        f"Van de {number(n)} gepubliceerde waarden hebben er " + "; ".join(problems) + ".\n:::\n"
    )


def colophon_text(v: Verantwoording) -> str:
    """Code version, engine, parameters and build time as a short list."""
    c = v.colophon()
    if c.code.commit is None:
        version = "onbekend (geen git-werkmap van dit project)"
    else:
        state = "met wijzigingen die niet zijn vastgelegd" if c.code.dirty else "ongewijzigd"
        version = f"commit {code(c.code.commit)}, {state}"
    params = ", ".join(f"{k} = {code(v_)}" for k, v_ in c.parameters.items())
    return (
        f"- **Codeversie:** {version}\n"
        f"- **Opmaak:** {literal(c.engine)}\n"
        f"- **Parameters:** {params}\n"
        f"- **Vast bouwtijdstip:** {day_nl(c.built.date())}, {c.built:%H:%M} UTC "
        f"(`SOURCE_DATE_EPOCH` = {int(c.built.timestamp())}); dezelfde invoer geeft hetzelfde "
        "rapport, byte voor byte.\n"
    )


def inputs_display(v: Verantwoording) -> pd.DataFrame:
    """Every input file with its sha256."""
    inputs = v.colophon().inputs
    return pd.DataFrame(
        {"Bestand": [code(f) for f in inputs], "sha256": [code(h) for h in inputs.values()]}
    )


def versions_display(v: Verantwoording) -> pd.DataFrame:
    versions = v.colophon().versions
    return pd.DataFrame(
        {"Pakket": list(versions), "Versie": [x or "niet geïnstalleerd" for x in versions.values()]}
    )
