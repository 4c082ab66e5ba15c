"""How notebooks show tables and figures so that the report renderer can pick them up.

A table cell ends with ``display.table(df)`` and a figure cell with ``display.figure(fig)``;
the cell's ``#| label: tbl-...``/``fig-...`` and ``#| tbl-cap:``/``fig-cap:`` options give the
label and caption (see ``analysis.render``).
"""

from __future__ import annotations

import io
import re

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, Markdown
from matplotlib.figure import Figure

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


def table(df: pd.DataFrame, *, index: bool = False) -> Markdown:
    """Show a DataFrame of already formatted strings as a pandoc pipe table.

    Columns whose values all look like numbers are right-aligned, others left-aligned.
    Cells are padded to the column width so the text is readable as it is (text/plain).
    """
    if index:
        df = df.reset_index()
    header = [_cell(" ".join(map(str, c)) if isinstance(c, tuple) else c) for c in df.columns]
    rows = [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
    columns = list(zip(header, *rows, strict=True)) if header else []
    widths = [max(3, *(len(v) for v in col)) for col in columns]
    right = [_is_numeric(col[1:]) for col in columns]

    def line(cells: list[str]) -> str:
        padded = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if r else (":" + "-" * (w + 1))
            for w, r in zip(widths, right, strict=True)
        )
        + "|"
    )
    return _Table("\n".join([line(header), rule, *(line(r) for r in rows)]) + "\n")


def figure(fig: Figure, *, dpi: int = 150) -> Image:
    """Return a matplotlib figure as reproducible PNG bytes and close it.

    The PNG metadata is fixed (no software version), so the same figure gives the same bytes;
    closing the figure keeps the inline backend from showing it a second time.
    """
    buffer = io.BytesIO()
    with report_style():
        fig.savefig(
            buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None}
        )
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")


def _cell(value: object) -> str:
    """One cell's text: missing values empty, input text inert (`markdown.literal`)."""
    if missing(value):
        return ""
    return literal(value)


def _is_numeric(values: tuple[str, ...]) -> bool:
    """True if every non-blank value looks like a formatted number (and there is one)."""
    filled = [v for v in values if v.strip().lower() not in _BLANK]
    return bool(filled) and all(_NUMERIC.fullmatch(v.strip()) for v in filled)
