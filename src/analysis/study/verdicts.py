"""Verdict classes: what a computed value meeting a published one proves.

Every published figure the project holds as data (``data/raw/published/*.csv``) gets one
verdict in the report's reproduction audit:

- ``gereproduceerd``: follows from published figures alone, or from real inputs;
- ``per constructie``: matches because synthetic data were generated to match (no evidence);
- ``afwijkend``: does not match (the audit row says why);
- ``niet te controleren``: the pipeline lacks the data to recompute it.

A chapter's ``compute.tables()`` returns its audit rows as the table ``audit`` (columns
`AUDIT_COLUMNS`), one row per published value it checks, keyed by `published_key`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis.core.formatting import and_nl, number
from analysis.core.values import missing

REPRODUCED = "gereproduceerd"
BY_CONSTRUCTION = "per constructie"
DEVIATING = "afwijkend"
UNCHECKABLE = "niet te controleren"
VERDICTS = (REPRODUCED, BY_CONSTRUCTION, DEVIATING, UNCHECKABLE)

AUDIT_COLUMNS = [
    "published_key",  # '<published file stem>:<line>' (line of the CSV file, header = 1)
    "source",  # seed file, section and table as printed, e.g. '003, §3.4.1, Tabel 2'
    "item",  # what the value is, in Dutch (row and column label as printed)
    "published",
    "computed",
    "difference",
    "verdict",
    "reason",  # Dutch: why this verdict (required unless gereproduceerd)
]


def verdict(equal: bool | None, *, by_construction: bool) -> str:
    """The class of one comparison.

    `equal` is None when nothing could be computed; `by_construction` when the computed value
    rests on synthetic data that were generated to hit the published one. A synthetic value
    that still misses is `afwijkend` (the generator failed), not evidence either way.
    """
    if equal is None:
        return UNCHECKABLE
    if not equal:
        return DEVIATING
    return BY_CONSTRUCTION if by_construction else REPRODUCED


def published_key(file: str | Path, line: int) -> str:
    """'ako-2009-T3-tabel-2:14' for line 14 of data/raw/published/ako-2009-T3-tabel-2.csv."""
    return f"{Path(file).stem}:{int(line)}"


def with_lines(published: pd.DataFrame) -> pd.DataFrame:
    """A published table read with a default index, plus its CSV `line` (header = line 1).

    Valid for CSV files without embedded line breaks in quoted cells (all of data/raw/published).
    """
    return published.assign(line=range(2, len(published) + 2))


def audit_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Audit rows as a frame with `AUDIT_COLUMNS`, checked: known verdicts, a reason unless
    reproduced, unique keys. `difference` defaults to computed - published when both are numbers.
    """
    frame = pd.DataFrame(list(rows), columns=AUDIT_COLUMNS)
    for i, row in frame.iterrows():
        if row["verdict"] not in VERDICTS:
            raise ValueError(f"audit row {i}: unknown verdict {row['verdict']!r}")
        if row["verdict"] != REPRODUCED and missing(row["reason"]):
            raise ValueError(f"audit row {i} ({row['published_key']}): a reason is required")
        if missing(row["difference"]):
            frame.at[i, "difference"] = _difference(row["computed"], row["published"])
    duplicated = frame["published_key"][frame["published_key"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"audit: published value checked twice: {sorted(set(duplicated))}")
    return frame.reset_index(drop=True)


def counts(audit: pd.DataFrame) -> dict[str, int]:
    """Number of audit rows per verdict class, every class present (0 when none)."""
    found = audit["verdict"].value_counts()
    return {v: int(found.get(v, 0)) for v in VERDICTS}


def sentence(audit: pd.DataFrame, what: str = "gepubliceerde waarden") -> str:
    """'Van de 134 gepubliceerde waarden zijn er 45 gereproduceerd en 89 per constructie gelijk.'

    Dutch, for the report; classes without rows are left out.
    """
    n = len(audit)
    found = counts(audit)
    phrases = {
        REPRODUCED: "gereproduceerd",
        BY_CONSTRUCTION: "per constructie gelijk (synthetische gegevens, geen bewijs)",
        DEVIATING: "afwijkend",
        UNCHECKABLE: "niet te controleren",
    }
    parts = [f"{number(found[v])} {phrases[v]}" for v in VERDICTS if found[v]]
    if not parts:
        return f"Er zijn geen {what} om na te rekenen."
    return f"Van de {number(n)} {what} {'is' if n == 1 else 'zijn'} er {and_nl(parts)}."


def _difference(computed: object, published: object) -> float | None:
    try:
        a, b = float(computed), float(published)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if missing(a) or missing(b):
        return None
    return round(a - b, 10)
