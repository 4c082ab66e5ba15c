"""The tidy tables behind a chapter's tables and figures, as downloads in the HTML report.

A notebook names the tidy table behind a table or figure with ``display.table(...,
data="phases")``, which leaves the marker ``<!-- tidy-data: phases -->`` in the cell's
Markdown (`analysis.core.datalinks`). While the chapters are read, `qualify` prefixes the
chapter, read from the notebook's name by `analysis.study.dag.chapter_name`
(``01-landkaart.ipynb``: ``landkaart-phases.csv``), and checks that the chapter wrote that
table (``<report>/tables/``, written by the chapters' epilogues before rendering). For the
HTML, `embed` adds the file's bytes as a data URI, which ``templates/html.lua`` turns into a
download link; the PDF drops the marker. Same file, same bytes: the link downloads exactly
the file in ``reports/<period>/tables/``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.core.datalinks import MARKER
from analysis.render.errors import RenderError
from analysis.study.dag import chapter_name

_QUALIFIED = re.compile(r"<!-- tidy-data: (?P<file>[a-z0-9_]+-[a-z0-9-]+\.csv) -->")


def map_markdown(
    blocks: list[Any], change: Callable[[str], str],
    image: Callable[[dict, Callable[[Any], Any]], dict] | None = None,
) -> list[Any]:  # fmt: skip
    """A copy of pandoc JSON `blocks` with `change` applied to the text of every raw
    Markdown block (the cell outputs that the Lua filter parses); `image(node, walk)`, when
    given, makes the copy of every Image node (`walk` copies its parts the same way)."""

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "RawBlock" and node["c"][0] == "markdown":
            return {"t": "RawBlock", "c": ["markdown", change(node["c"][1])]}
        if image is not None and node.get("t") == "Image":
            return image(node, walk)
        return {key: walk(value) for key, value in node.items()}

    return walk(blocks)


def qualify(blocks: list[Any], source: Path, tables: Path, warnings: list[str]) -> list[Any]:
    """`blocks` of the chapter `source` with every marker naming its table's file.

    Raises RenderError naming the notebook when a marker names a table the chapter did not
    write, or stands in a chapter that is not a chapter notebook. Without a `tables` folder
    (a render without the chapters' tidy tables) the markers are dropped, with a warning:
    those tables then download as shown.
    """
    chapter = chapter_name(source)
    if not tables.is_dir():
        dropped: list[str] = []

        def drop(found: re.Match[str]) -> str:
            dropped.append(found["name"])
            return ""

        blocks = map_markdown(blocks, lambda text: MARKER.sub(drop, text))
        if dropped:
            warnings.append(f"{source.name}: no tidy tables to embed; its tables download as shown")
        return blocks

    def name(found: re.Match[str]) -> str:
        table = found["name"]
        if chapter is None:
            raise RenderError(
                f"{source.name}: data={table!r} names a tidy table, but only a chapter "
                "notebook (NN-<chapter>.ipynb) has tidy tables"
            )
        file = f"{chapter}-{table}.csv"
        if not (tables / file).is_file():
            written = sorted(p.name for p in tables.glob(f"{chapter}-*.csv"))
            raise RenderError(
                f"{source.name}: data={table!r} names no tidy table of the chapter: "
                f"{file} was not written (written: {', '.join(written) or 'none'})"
            )
        return f"<!-- tidy-data: {file} -->"

    return map_markdown(blocks, lambda text: MARKER.sub(name, text))


def embed(blocks: list[Any], tables: Path) -> list[Any]:
    """A copy of `blocks` whose markers carry their file's bytes as a data URI (the HTML)."""

    def data(found: re.Match[str]) -> str:
        content = base64.b64encode((tables / found["file"]).read_bytes()).decode("ascii")
        return f"<!-- tidy-data: {found['file']} data:text/csv;charset=utf-8;base64,{content} -->"

    return map_markdown(blocks, lambda text: _QUALIFIED.sub(data, text))
