"""The appendix in Dutch: the reproduction audit per chapter and the colophon."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.verantwoording.compute import Verantwoording, overview
from analysis.core.formatting import DASH, day_nl, number
from analysis.core.markdown import code, literal
from analysis.core.values import missing
from analysis.study import verdicts

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
    table.index = ["Totaal" if n == "totaal" else v.title(n) for n in table.index]
    shown = table.rename(columns=VERDICT_TITLES).map(number)
    shown.insert(len(shown.columns), "Samen", table.sum(axis=1).map(number))
    return shown.rename_axis("Hoofdstuk").reset_index()


def _value(x: object) -> str:
    if missing(x):
        return DASH
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(x)
    return number(f, 0 if f == int(f) else 1)


def audit_display(rows: pd.DataFrame, reasons: list[str]) -> pd.DataFrame:
    """Audit rows of one published file: line, value, published, computed, verdict [reason].

    `reasons` collects the distinct reasons; a row refers to its reason by number.
    """

    def verdict(r: pd.Series) -> str:
        if missing(r["reason"]):
            return r["verdict"]
        if r["reason"] not in reasons:
            reasons.append(r["reason"])
        return f"{r['verdict']} [{reasons.index(r['reason']) + 1}]"

    return pd.DataFrame(
        {
            "Regel": rows["published_key"].str.rsplit(":", n=1).str[1],
            "Gegeven": rows["item"],
            "Gepubl.": rows["published"].map(_value),
            "Berekend": rows["computed"].map(_value),
            "Oordeel": rows.apply(verdict, axis=1),
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
            f"Alle {number(n)} gepubliceerde waarden die het project als gegevens bevat "
            "(`data/raw/published/`), hebben precies één oordeel.\n"
        )
    return (
        '::: {.callout-warning title="Onvolledige verantwoording"}\n'
        f"Van de {number(n)} gepubliceerde waarden hebben er " + "; ".join(problems) + ".\n:::\n"
    )


def colophon_text(v: Verantwoording) -> str:
    """Code version, engine, parameters and build time as a short list."""
    c = v.colophon
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
    inputs = v.colophon.inputs
    return pd.DataFrame({"Bestand": list(inputs), "sha256": list(inputs.values())})


def versions_display(v: Verantwoording) -> pd.DataFrame:
    versions = v.colophon.versions
    return pd.DataFrame(
        {"Pakket": list(versions), "Versie": [x or "niet geïnstalleerd" for x in versions.values()]}
    )


def audit_parts(v: Verantwoording) -> list[tuple[str, pd.DataFrame | None, str | None]]:
    """Per chapter a heading and its sentence by class; per published file its audit table;
    then the chapter's numbered reasons."""
    parts: list[tuple[str, pd.DataFrame | None, str | None]] = []
    for chapter in dict.fromkeys(v.audit["chapter"]):
        title = v.title(chapter)
        rows = v.audit[v.audit["chapter"] == chapter]
        parts.append((f"### {title}\n\n{verdicts.sentence(rows)}", None, None))
        reasons: list[str] = []
        files = rows["published_key"].str.rsplit(":", n=1).str[0]
        for file in dict.fromkeys(files):
            of_file = rows[files == file]
            caption = f"Oordelen: {file}.csv ({of_file['source'].iloc[0]})"
            parts.append(("", audit_display(of_file, reasons), caption))
        listed = "\n".join(f"{i}. {literal(r)}" for i, r in enumerate(reasons, start=1))
        parts.append((f"Toelichting bij de oordelen van '{title}':\n\n{listed}", None, None))
    return parts
