"""Text from inputs as inert Markdown: it reaches the report as the characters it is.

Location names, file names and labels from input files are data, never markup, and are shown
as written: no smart quotes or dashes are made of them (in the HTML and, through pandoc's
escapes, in Typst's PDF). Pandoc reads
the chapters' Markdown and escapes text for HTML and Typst itself, so escaping once here, where
input text enters Markdown, is enough: `display.table` does it for every table cell, and the
chapters' text modules call `literal` / `code` where they put input text into a sentence.
"""

from __future__ import annotations

import re

from analysis.core.values import visible

# Characters that can start Markdown or raw HTML/TeX in pandoc's Markdown (links, images,
# emphasis, code, raw HTML and entities, math, citations, attributes, tables, sub/superscript),
# and those that pandoc's `smart` extension would change: straight quotes (made curly), the
# second and later hyphens of '--' or '---' (made dashes) and dots of '...' (an ellipsis).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&!'\"]|(?<=-)-|(?<=\.)\.)")


def _one_line(text: object) -> str:
    """The visible characters of `text`, every run of white space one space."""
    return " ".join(visible(str(text)).split())


def literal(text: object) -> str:
    """`text` as Markdown that reads as exactly these characters, on one line."""
    return _SPECIAL.sub(r"\\\1", _one_line(text))


def code(text: object) -> str:
    """`text` as an inline code span, whatever backticks it holds."""
    plain = _one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", plain)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {plain} " if plain.startswith("`") or plain.endswith("`") else plain
    return f"{fence}{padded}{fence}"
