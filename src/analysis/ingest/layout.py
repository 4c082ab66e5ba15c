"""What the columns of a location x milestone table mean: its header, wide or long.

- *wide*: a location column plus one column per milestone;
- *long*: columns location, milestone and answer (one row per location and milestone). A file
  is long when no header names a milestone and a header is one of the long column names.

Headers match case-, whitespace- and diacritics-insensitively (`tabular.norm`); milestones may
be written in any spelling of `answers.milestone_keys`. Columns without a header and without
data are ignored; every other unrecognised column is an error naming the header row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from analysis.core.errors import InputError
from analysis.ingest.tabular import Table, norm

LOCATION_HEADERS = frozenset(
    {"locatie", "location", "werkplein", "locatie_id", "location_id", "naam"}
)
LONG_MILESTONE_HEADERS = frozenset({"milestone", "mijlpaal", "milestone_id", "mijlpaal_id"})
LONG_ANSWER_HEADERS = frozenset(
    {"answer", "antwoord", "category", "categorie", "score", "value", "waarde", "status"}
)


@dataclass
class Layout:
    """What each column of the header means."""

    kind: str  # "wide" or "long"
    location: int
    milestones: dict[int, str] = field(default_factory=dict)  # wide: column -> milestone code
    milestone: int | None = None  # long: column holding the milestone
    answer: int | None = None  # long: column holding the answer
    header: dict[str, str] = field(default_factory=dict)  # as written -> meaning


def location_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def map_header(path: Path, table: Table, keys: dict[str, str]) -> Layout:
    """Decide the layout and what each column means; header errors first, left to right."""
    header, row = table.header, table.header_line
    norms = [norm(h) for h in header]
    locations = [i for i, n in enumerate(norms) if n in LOCATION_HEADERS]
    if not locations:
        expected = ", ".join(sorted(LOCATION_HEADERS))
        raise InputError(path, f"missing location column (one of: {expected})", row=row)
    if len(locations) > 1:
        first, second = (header[i] for i in locations[:2])
        raise InputError(
            path, f"two location columns: {first!r} and {second!r}", row=row, column=second
        )
    long = not any(n in keys for n in norms) and any(
        n in LONG_MILESTONE_HEADERS | LONG_ANSWER_HEADERS for n in norms
    )
    layout = Layout("long" if long else "wide", locations[0])
    layout.header[header[layout.location]] = "location"
    for i, (name, key) in enumerate(zip(header, norms, strict=True)):
        if i == layout.location:
            continue
        if not name:
            if any(i < len(cells) and cells[i].strip() for _, cells in table.rows):
                raise InputError(path, f"column {i + 1} has data but no header", row=row)
            continue
        meaning = _column_meaning(key, long, keys)
        if meaning is None:
            hint = (
                "long layout: location, milestone, answer"
                if long
                else "milestone columns are named like M01, 1, Mijlpaal 1 or the short name"
            )
            raise InputError(path, f"unknown column ({hint})", row=row, column=name)
        if meaning in layout.header.values():
            raise InputError(path, f"second column for {meaning}", row=row, column=name)
        layout.header[name] = meaning
        if meaning == "milestone":
            layout.milestone = i
        elif meaning == "answer":
            layout.answer = i
        else:
            layout.milestones[i] = meaning
    _check_complete(path, layout, keys, row)
    return layout


def _column_meaning(norm: str, long: bool, keys: dict[str, str]) -> str | None:
    if long:
        if norm in LONG_MILESTONE_HEADERS:
            return "milestone"
        return "answer" if norm in LONG_ANSWER_HEADERS else None
    return keys.get(norm)


def _check_complete(path: Path, layout: Layout, keys: dict[str, str], row: int) -> None:
    if layout.kind == "long":
        for name, column in (("milestone", layout.milestone), ("answer", layout.answer)):
            if column is None:
                raise InputError(path, f"missing {name} column in a long-layout file", row=row)
        return
    missing = [code for code in dict.fromkeys(keys.values()) if code not in layout.header.values()]
    if missing:
        raise InputError(path, f"missing milestone column(s): {', '.join(missing)}", row=row)


def answer_columns(layout: Layout) -> list[int]:
    return list(layout.milestones) if layout.kind == "wide" else [layout.answer]
