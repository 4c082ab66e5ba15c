"""How notebooks show tables and figures so that the report renderer can pick them up.

A table cell ends with ``display.table(df)`` and a figure cell with ``display.figure(fig)``;
the cell's ``#| label: tbl-...``/``fig-...`` and ``#| tbl-cap:``/``fig-cap:`` options give the
label and caption (see ``analysis.render``).

A caption computed from the data (for example one that says the figure rests on synthetic
data) cannot be a cell option. Such a cell has ``#| output: asis`` and passes ``label=`` and
``caption=`` to `table` or `figure`, which then write the caption in Markdown, as Quarto
documents for computed captions.

``data="<name>"`` names the chapter's tidy table behind a table or figure (one of
``compute.tables()``): the HTML report then offers it for download beside the table
(`analysis.core.datalinks`).
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, Markdown
from matplotlib.figure import Figure

from analysis.core.datalinks import marker
from analysis.core.markdown import literal
from analysis.core.plotting import report_style
from analysis.core.values import missing

# A formatted number: optional sign or euro sign, digits with Dutch/English separators,
# optional percent or per-mille sign ("1.234", "-12,5", "€ 3.400", "12,5 %"), or several
# joined by a slash ("73 / 75": computed / published).
_NUMBER = r"[+\-−±]?\s?(€\s?)?\d[\d.,\s\u00a0\u202f]*\s?[%‰]?"
_NUMERIC = re.compile(rf"{_NUMBER}(\s?/\s?{_NUMBER})*")
# Cells that say "no value" and do not decide a column's alignment.
_BLANK = {"", "-", "–", "—", ".", "n.v.t.", "nvt"}


class _Table(Markdown):
    """Markdown whose text/plain is the same pipe table (readable in a terminal too)."""

    def __repr__(self) -> str:
        return self.data


def table(
    df: pd.DataFrame,
    *,
    index: bool = False,
    label: str | None = None,
    caption: str | None = None,
    data: str | None = None,
    widths: Sequence[int] | None = None,
    small: bool = False,
) -> Markdown:
    """Show a DataFrame of already formatted strings as a pandoc pipe table.

    Columns whose values all look like numbers are right-aligned, others left-aligned.
    Cells are padded to the column width so the text is readable as it is (text/plain).
    With `caption` (Markdown, from the chapter's text module) the table carries its own
    caption and `label` (``tbl-...``); the cell then needs ``#| output: asis``. `data` names
    the chapter's tidy table with these numbers ('phases': `tables/<chapter>-phases.csv`).
    Columns get the width their content needs, unless `widths` gives their relative widths
    (for columns of running text); `small` sets the table in a smaller type.
    """
    if index:
        df = df.reset_index()
    header = [_cell(" ".join(map(str, c)) if isinstance(c, tuple) else c) for c in df.columns]
    rows = [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
    columns = list(zip(header, *rows, strict=True)) if header else []
    sizes = [max(3, *(len(v) for v in col)) for col in columns]  # characters per column
    right = [_is_numeric(col[1:]) for col in columns]

    def line(cells: list[str]) -> str:
        padded = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, sizes, right, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    dashes = sizes
    if widths is not None:
        if len(widths) != len(sizes):
            raise ValueError(f"{len(widths)} widths for {len(sizes)} columns")
        dashes = [max(3, round(200 * w / sum(widths))) for w in widths]
    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if r else (":" + "-" * (w + 1))
            for w, r in zip(dashes, right, strict=True)
        )
        + "|"
    )
    text = "\n".join([line(header), rule, *(line(r) for r in rows)]) + "\n"
    options = (["widths"] if widths is not None else []) + (["small"] if small else [])
    if options:  # read by the renderer's filter (templates/quarto.lua)
        text = f"<!-- table: {' '.join(options)} -->\n\n{text}"
    if caption is not None:
        text += f"\n: {_one_line(caption)}{_id(label, 'tbl-')}\n"
    if data is not None:
        text += f"\n{marker(data)}\n"
    return _Table(text)


def tables(parts: list[tuple[str, pd.DataFrame | None, str | None]]) -> Markdown:
    """Several blocks in one asis cell: each part is Markdown text, then an optional table with
    its caption (for a loop over chapters or groups, where one cell per table cannot be)."""
    blocks = []
    for text, df, caption in parts:
        if text:
            blocks.append(text.rstrip("\n") + "\n")
        if df is not None:
            blocks.append(table(df, caption=caption).data)
    return Markdown("\n".join(blocks))


def figure(
    fig: Figure,
    *,
    dpi: int = 150,
    label: str | None = None,
    caption: str | None = None,
    alt: str | None = None,
    data: str | None = None,
) -> Image | Markdown:
    """Return a matplotlib figure as reproducible PNG bytes and close it.

    The PNG metadata is fixed (no software version), so the same figure gives the same bytes;
    closing the figure keeps the inline backend from showing it a second time. With `caption`
    the figure is Markdown with its own caption, `label` (``fig-...``) and `alt` text (the
    cell needs ``#| output: asis``); the PNG is embedded as a data URI. `data` names the
    chapter's tidy table behind the figure (as for `table`); the figure is then Markdown too.
    """
    buffer = io.BytesIO()
    with report_style():
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    if caption is None and data is None:
        return Image(data=buffer.getvalue(), format="png")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    attributes = _id(label, "fig-").strip()
    if alt:
        alt_text = _one_line(alt).replace("\\", "\\\\").replace('"', '\\"')
        attributes = (attributes[:-1] + " " if attributes else "{") + f'fig-alt="{alt_text}"}}'
    text = f"![{_one_line(caption or '')}](data:image/png;base64,{png}){attributes}\n"
    return Markdown(text if data is None else f"{text}\n{marker(data)}\n")


def _one_line(text: str) -> str:
    """A caption on one line (a line break would end a Markdown caption)."""
    return " ".join(text.split())


def _id(label: str | None, prefix: str) -> str:
    """' {#tbl-x}' for a valid label, '' for none; anything else is a programming error."""
    if label is None:
        return ""
    if not re.fullmatch(rf"{prefix}[a-z0-9][a-z0-9-]*", label):
        raise ValueError(f"label {label!r} must look like '{prefix}name'")
    return f" {{#{label}}}"


def _cell(value: object) -> str:
    """One cell's text: missing values empty, input text inert (`markdown.literal`)."""
    if missing(value):
        return ""
    return literal(value)


def _is_numeric(values: tuple[str, ...]) -> bool:
    """True if every non-blank value looks like a formatted number (and there is one)."""
    filled = [v for v in values if v.strip().lower() not in _BLANK]
    return bool(filled) and all(_NUMERIC.fullmatch(v.strip()) for v in filled)
