"""A location x milestone table: what its columns mean (wide or long) and its answers per row.

- *wide*: a location column plus one column per milestone;
- *long*: columns location, milestone and answer (one row per location and milestone). A file
  is long when no header names a milestone and a header is one of the long column names.

Headers match case-, whitespace- and diacritics-insensitively (`tabular.norm`); milestones may
be written in any spelling of `answers.milestone_keys`. Columns without a header and without
data are ignored; every other unrecognised column is an error naming the header row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.core.errors import InputError, quote
from analysis.core.values import visible
from analysis.ingest.answers import AnswerParser, is_percentage
from analysis.ingest.tabular import Table, check_fields, check_unnamed, norm

MAX_LOCATION = 200  # characters: a name, an ID or a short description
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
    """What makes two locations the same: case, spacing, Unicode compatibility forms (full
    width letters) and invisible characters do not count."""
    return " ".join(unicodedata.normalize("NFKC", visible(text)).casefold().split())


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
            path, f"two location columns: {quote(first)} and {quote(second)}", row=row,
            column=second,
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
            check_unnamed(path, table, i, row)
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


@dataclass(frozen=True)
class Answer:
    """One tidy row and the file cell it came from."""

    location: str
    milestone: str
    category: int | None
    style: str | None
    line: int
    location_column: str
    milestone_column: str
    answer_column: str


def uses_percentages(table: Table, layout: Layout) -> bool:
    columns = answer_columns(layout)
    return any(
        is_percentage(cells[i]) for _, cells in table.rows for i in columns if i < len(cells)
    )


# --- rows ---------------------------------------------------------------------------------


def _location(path: Path, cell: str, line: int, column: str) -> str:
    """A location as written, without invisible characters and outer spaces."""
    location = visible(cell).strip()
    if not location:
        raise InputError(path, "empty location", row=line, column=column)
    if len(location) > MAX_LOCATION:
        raise InputError(
            path, f"location name of {len(location)} characters (at most {MAX_LOCATION}): "
            f"{quote(location)}", row=line, column=column,
        )  # fmt: skip
    return location


def wide_answers(path: Path, table: Table, layout: Layout, parser: AnswerParser) -> list[Answer]:
    loc_column = table.header[layout.location]
    seen: dict[str, int] = {}
    answers = []
    for line, cells in table.rows:
        check_fields(path, table, line, cells)
        row_answers = []
        location = ""
        for i, cell in enumerate(cells):
            if i == layout.location:
                location = _location(path, cell, line, loc_column)
                key = location_key(location)
                if key in seen:
                    raise InputError(
                        path,
                        f"duplicate location {quote(location)} (also on row {seen[key]})",
                        row=line,
                        column=loc_column,
                    )
                seen[key] = line
            elif i in layout.milestones:
                row_answers.append((i, _parse(path, parser, cell, line, table.header[i])))
        for i, (category, style) in row_answers:
            name = table.header[i]
            answers.append(
                Answer(
                    location, layout.milestones[i], category, style, line, loc_column, name, name
                )
            )
    return answers


def long_answers(
    path: Path, table: Table, layout: Layout, parser: AnswerParser, keys: dict[str, str],
    check: Callable[[str, int, str], None] | None = None,
) -> list[Answer]:  # fmt: skip
    """The answers of a long file, row by row; `check(location, row, column)` may refuse a
    location as soon as its row is read (before the file is checked for completeness)."""
    header = table.header
    loc_column, ms_column = header[layout.location], header[layout.milestone]
    answer_column = header[layout.answer]
    spelling: dict[str, tuple[str, int]] = {}  # location key -> (as first written, row)
    seen: dict[tuple[str, str], int] = {}
    values: dict[str, str] = {}
    answers = []
    for line, cells in table.rows:
        check_fields(path, table, line, cells)
        location = _location(path, cells[layout.location], line, loc_column)
        if check is not None:
            check(location, line, loc_column)
        key = location_key(location)
        first, first_line = spelling.setdefault(key, (location, line))
        if location != first:
            raise InputError(
                path,
                f"location {quote(location)} is written differently on row {first_line}: "
                f"{quote(first)}",
                row=line,
                column=loc_column,
            )
        raw_milestone = cells[layout.milestone].strip()
        milestone = keys.get(norm(raw_milestone))
        if milestone is None:
            what = (f"unknown milestone {quote(raw_milestone)}" if raw_milestone
                    else "empty milestone")  # fmt: skip
            raise InputError(path, what, row=line, column=ms_column)
        values[raw_milestone] = milestone
        if (key, milestone) in seen:
            raise InputError(
                path,
                f"second answer for {quote(location)} {milestone} "
                f"(first on row {seen[key, milestone]})",
                row=line,
                column=ms_column,
            )
        seen[key, milestone] = line
        category, style = _parse(path, parser, cells[layout.answer], line, answer_column)
        answers.append(
            Answer(location, milestone, category, style, line, loc_column, ms_column, answer_column)
        )
    table.dialect["milestone_values"] = dict(sorted(values.items()))
    _check_all_combinations(path, spelling, seen, keys)
    return answers


def _check_all_combinations(
    path: Path,
    spelling: dict[str, tuple[str, int]],
    seen: dict[tuple[str, str], int],
    keys: dict[str, str],
) -> None:
    codes = list(dict.fromkeys(keys.values()))
    for key, (location, _) in spelling.items():
        missing = [code for code in codes if (key, code) not in seen]
        if missing:
            raise InputError(
                path,
                f"incomplete long file (truncated?): {quote(location)} has no row for "
                f"{', '.join(missing)}",
            )


def _parse(
    path: Path, parser: AnswerParser, cell: str, line: int, column: str
) -> tuple[int | None, str | None]:
    try:
        return parser.parse(cell)
    except ValueError as exc:
        raise InputError(path, str(exc), row=line, column=column) from exc
