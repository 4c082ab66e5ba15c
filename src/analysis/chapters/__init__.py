"""The report's chapters: one package per chapter, named after its notebook.

``notebooks/NN-<name>.ipynb`` is the chapter ``analysis.chapters.<name>``, with
``compute.py`` (numbers, no Dutch, no matplotlib), ``text.py`` (Dutch sentences and display
tables) and ``plots.py`` (figures). `compute.tables(period, scoring_rule, paths)` gives the
chapter's tidy tables. See ``src/analysis/README.md``.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.periods import Period

_NOTEBOOK = re.compile(r"^\d+[-_](?P<name>[a-z][a-z0-9_]*)$")


def chapter_name(notebook: str | Path) -> str | None:
    """'notebooks/02-trend.ipynb' -> 'trend'; None for a chapter that is not a notebook."""
    path = Path(notebook)
    match = _NOTEBOOK.match(path.stem)
    return match["name"] if path.suffix == ".ipynb" and match else None


def chapter_tables(
    notebook: str | Path, period: Period, scoring_rule: str, paths: Paths
) -> dict[str, pd.DataFrame]:
    """The tidy tables of the chapter behind a notebook.

    {} for a chapter that is no notebook or has no package (a plain notebook in the book); a
    package without `compute.tables`, or a module missing inside it, is an error.
    """
    name = chapter_name(notebook)
    if name is None:
        return {}
    package = f"analysis.chapters.{name}"
    try:
        importlib.import_module(package)
    except ModuleNotFoundError as err:
        if err.name == package:
            return {}
        raise
    compute = importlib.import_module(f"{package}.compute")
    return compute.tables(period, scoring_rule, paths)
