"""Verdict classes: what a computed value meeting a published one proves.

Every published figure the project holds as data (``data/raw/published/*.csv``) gets one
verdict in the report's reproduction audit. Five outcomes of a comparison, and one class for
values nothing could be compared with:

- ``gereproduceerd``: matches, computed from published figures alone or from real inputs,
  with no reading chosen to make it match: the only class that is evidence;
- ``per constructie``: matches because synthetic data were generated to match;
- ``past na keuze``: matches after a reading (a scoring rule, a composition, a share, which
  milestones a sentence means) was chosen among N candidates because it matches; the row
  names the choice, N and how many of the N match (`Choice`);
- ``per definitie``: matches whatever the data, because the value follows from a definition
  (a change against itself is 0, the first tertaal begins in January): every candidate
  reading gives it;
- ``afwijkend``: does not match (the row says why);
- ``niet te controleren``: nothing could be computed to compare with (the row says why).

A match and a mismatch of the same comparison are treated alike: a row that computed a value
compared it, so it is one of the five outcomes, never 'niet te controleren'. A claim that
holds under every reading *because of the data* (not by definition) is reproduced; its `rule`
says so. Every row states the tolerance and rounding rule of its comparison (`rule`).

A chapter's ``compute.tables()`` returns its audit rows as the table ``audit`` (columns
`AUDIT_COLUMNS`), one row per published value it checks, keyed by `published_key`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core.formatting import and_nl, number
from analysis.core.values import missing

REPRODUCED = "gereproduceerd"
BY_CONSTRUCTION = "per constructie"
AFTER_CHOICE = "past na keuze"
BY_DEFINITION = "per definitie"
DEVIATING = "afwijkend"
UNCHECKABLE = "niet te controleren"
VERDICTS = (REPRODUCED, BY_CONSTRUCTION, AFTER_CHOICE, BY_DEFINITION, DEVIATING, UNCHECKABLE)
OUTCOMES = VERDICTS[:5]  # the five outcomes of a comparison

# One sentence per class, for the method appendix and the summary (Dutch).
DESCRIPTIONS_NL = {
    REPRODUCED: "Berekend uit andere gepubliceerde cijfers of uit echte invoer, zonder dat een "
    "lezing is gekozen om het te laten kloppen. Alleen deze klasse is bewijs.",
    BY_CONSTRUCTION: "Klopt omdat de synthetische gegevens zijn gemaakt om dit getal op te "
    "leveren. Geen bewijs.",
    AFTER_CHOICE: "Klopt nadat uit meerdere mogelijke lezingen (rekenregel, samenstelling, "
    "aandeel, welke mijlpalen bedoeld zijn) de lezing is gekozen die het getal geeft. De rij "
    "noemt de keuze en het aantal mogelijke lezingen. Geen bewijs.",
    BY_DEFINITION: "Klopt bij elke mogelijke lezing en welke gegevens ook, omdat het getal uit "
    "een definitie volgt. Geen bewijs.",
    DEVIATING: "Het berekende getal wijkt af van het gepubliceerde; de rij zegt waarom.",
    UNCHECKABLE: "Niets om mee te vergelijken: de gegevens ontbreken of de bewering is niet "
    "precies genoeg; de rij zegt waarom.",
}

AUDIT_COLUMNS = [
    "published_key",  # '<published file stem>:<line>' (line of the CSV file, header = 1)
    "source",  # seed file, section and table as printed, e.g. '003, §3.4.1, Tabel 2'
    "item",  # what the value is, in Dutch (row and column label as printed)
    "published",
    "computed",
    "difference",
    "verdict",
    "rule",  # Dutch: how the comparison was made (calculation, rounding, tolerance)
    "candidates",  # past na keuze: the number N of readings the choice was made from
    "reason",  # Dutch: why this verdict (required unless gereproduceerd)
]
NOT_COMPARED = "geen vergelijking"  # the rule of a row that compared nothing


@dataclass(frozen=True)
class Choice:
    """A reading chosen among `candidates` because it matches.

    `chosen` names it in Dutch ("rekenregel '0, 33, 66 en 100 %; afgekapt'"); `matching` is
    how many of the candidates give the published value (None when not counted); `of` names
    the candidates in the plural.
    """

    chosen: str
    candidates: int
    matching: int | None = None
    of: str = "mogelijke lezingen"  # what the candidates are, plural ('rekenregels')

    def __post_init__(self) -> None:
        if self.candidates < 2:
            raise ValueError(f"a choice needs at least two candidates, not {self.candidates}")
        if self.matching is not None and not 0 <= self.matching <= self.candidates:
            raise ValueError(f"{self.matching} of {self.candidates} candidates cannot match")

    def reason(self) -> str:
        """'gekozen: X, uit 6 mogelijke lezingen (1 daarvan geeft dit getal)'; when every
        candidate gives it: 'elk van de 80 mogelijke lezingen geeft dit getal (ook: X)'."""
        if self.matching == self.candidates:
            return (
                f"elk van de {number(self.candidates)} {self.of} geeft dit getal "
                f"(ook: {self.chosen})"
            )
        text = f"gekozen: {self.chosen}, uit {number(self.candidates)} {self.of}"
        if self.matching is not None:
            verb = "geeft" if self.matching == 1 else "geven"
            text += f" ({number(self.matching)} daarvan {verb} dit getal)"
        return text


def verdict(
    equal: bool | None,
    *,
    by_construction: bool,
    choice: Choice | None = None,
    by_definition: bool = False,
) -> str:
    """The class of one comparison.

    `equal` is None when nothing could be computed; `by_construction` when the computed value
    rests on synthetic data that were generated to hit the published one; `choice` when the
    computation used a reading chosen because it matches; `by_definition` when the value
    follows from a definition. A choice that every candidate satisfies is `per definitie`. A
    synthetic value that still misses is `afwijkend` (the generator failed), not evidence.
    """
    if equal is None:
        return UNCHECKABLE
    if not equal:
        return DEVIATING
    if by_construction:
        return BY_CONSTRUCTION
    if by_definition or (choice is not None and choice.matching == choice.candidates):
        return BY_DEFINITION
    return AFTER_CHOICE if choice is not None else REPRODUCED


def published_key(file: str | Path, line: int) -> str:
    """'ako-2009-T3-tabel-2:14' for line 14 of data/raw/published/ako-2009-T3-tabel-2.csv."""
    return f"{Path(file).stem}:{int(line)}"


def with_lines(published: pd.DataFrame) -> pd.DataFrame:
    """A published table read with a default index, plus its CSV `line` (header = line 1).

    Valid for CSV files without embedded line breaks in quoted cells (all of data/raw/published).
    """
    return published.assign(line=range(2, len(published) + 2))


def audit_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Audit rows as a frame with `AUDIT_COLUMNS`, checked: known verdicts; a reason unless
    reproduced; a rule unless nothing was compared (then the rule is `NOT_COMPARED`); N for a
    choice; no computed value without a comparison; unique keys. `difference` defaults to computed -
    published when both are numbers.
    """
    frame = pd.DataFrame(list(rows), columns=AUDIT_COLUMNS).astype(
        {"candidates": object, "rule": object, "reason": object}
    )
    for i, row in frame.iterrows():
        key, v = row["published_key"], row["verdict"]
        if v not in VERDICTS:
            raise ValueError(f"audit row {i} ({key}): unknown verdict {v!r}")
        if v != REPRODUCED and missing(row["reason"]):
            raise ValueError(f"audit row {i} ({key}): a reason is required")
        if v == UNCHECKABLE:
            if not missing(row["computed"]):
                raise ValueError(
                    f"audit row {i} ({key}): a computed value was compared, so it matches or "
                    "deviates; 'niet te controleren' is for rows without one"
                )
            frame.at[i, "rule"] = NOT_COMPARED
        elif missing(row["rule"]):
            raise ValueError(f"audit row {i} ({key}): the rule of the comparison is required")
        n = row["candidates"]
        if v == AFTER_CHOICE and (missing(n) or int(n) < 2):
            raise ValueError(f"audit row {i} ({key}): a choice names its N candidates")
        if not missing(n):
            frame.at[i, "candidates"] = int(n)
        if missing(row["difference"]):
            frame.at[i, "difference"] = _difference(row["computed"], row["published"])
    duplicated = frame["published_key"][frame["published_key"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"audit: published value checked twice: {sorted(set(duplicated))}")
    return frame.reset_index(drop=True)


def row(
    key: str, source: str, item: str, published: object, computed: object, verdict: str,
    rule: str | None, reason: str | None = None, choice: Choice | None = None,
) -> dict[str, object]:  # fmt: skip
    """One audit row; a `choice` the verdict rests on (past na keuze, per definitie) gives N
    (`candidates`) and leads the reason; under any other verdict it is left out."""
    if verdict not in (AFTER_CHOICE, BY_DEFINITION):
        choice = None
    if choice is not None:
        reason = choice.reason() + (f"; {reason}" if reason else "")
    return {
        "published_key": key, "source": source, "item": item, "published": published,
        "computed": computed, "difference": None, "verdict": verdict, "rule": rule,
        "candidates": choice.candidates if choice is not None else None, "reason": reason,
    }  # fmt: skip


def counts(audit: pd.DataFrame) -> dict[str, int]:
    """Number of audit rows per verdict class, every class present (0 when none)."""
    found = audit["verdict"].value_counts()
    return {v: int(found.get(v, 0)) for v in VERDICTS}


def rules(audit: pd.DataFrame) -> pd.DataFrame:
    """The distinct comparison rules with their number of rows per class (`rule`, then one
    column per verdict class, then `n`), most used first: Appendix A's rounding and tolerance
    table."""
    if audit.empty:
        return pd.DataFrame(columns=["rule", *VERDICTS, "n"])
    table = pd.crosstab(audit["rule"], audit["verdict"]).reindex(columns=list(VERDICTS))
    table = table.fillna(0).astype(int)
    table["n"] = table.sum(axis=1)
    first = {r: i for i, r in enumerate(dict.fromkeys(audit["rule"]))}
    table = table.reset_index()
    table["_first"] = table["rule"].map(first)
    table = table.sort_values(["n", "_first"], ascending=[False, True])
    return table.drop(columns="_first").rename_axis(columns=None).reset_index(drop=True)


PHRASES_NL = {
    REPRODUCED: "gereproduceerd",
    BY_CONSTRUCTION: "per constructie gelijk (synthetische gegevens, geen bewijs)",
    AFTER_CHOICE: "gelijk na de keuze van een lezing (geen bewijs)",
    BY_DEFINITION: "per definitie gelijk (geen bewijs)",
    DEVIATING: "afwijkend",
    UNCHECKABLE: "niet te controleren",
}


def sentence(audit: pd.DataFrame, what: str = "gepubliceerde waarden") -> str:
    """'Van de 134 gepubliceerde waarden zijn er 45 gereproduceerd en 89 per constructie gelijk
    (synthetische gegevens, geen bewijs).'

    Dutch, for the report; classes without rows are left out.
    """
    return counts_sentence(counts(audit), what)


def counts_sentence(found: Mapping[str, int], what: str = "gepubliceerde waarden") -> str:
    """`sentence` from the counts per class (as a chapter's facts keep them)."""
    n = sum(found.values())
    present = [v for v in VERDICTS if found.get(v)]
    parts = [f"{number(found[v])} {PHRASES_NL[v]}" for v in present]
    if not parts:
        return f"Er zijn geen {what} om na te rekenen."
    verb = "is" if found[present[0]] == 1 else "zijn"  # agrees with the first count
    return f"Van de {number(n)} {what} {verb} er {and_nl(parts)}."


def _difference(computed: object, published: object) -> float | None:
    try:
        a, b = float(computed), float(published)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if missing(a) or missing(b):
        return None
    return round(a - b, 10)
