"""The report's chapters: one package per chapter, named after its notebook.

``notebooks/NN-<name>.ipynb`` is the chapter ``analysis.chapters.<name>``, with
``compute.py`` (numbers, no Dutch, no matplotlib), ``text.py`` (Dutch sentences and display
tables) and ``plots.py`` (figures). `compute.tables(period, scoring_rule, paths)` gives the
chapter's tidy tables. See ``src/analysis/README.md``.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

import pandas as pd
import yaml

from analysis.core import verdicts
from analysis.core.config import Paths
from analysis.core.periods import Period, as_period
from analysis.core.scoring import DEFAULT_RULE

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


def book_chapters(paths: Paths) -> list[str]:
    """The chapter packages of the report, in reading order (chapters, then appendices)."""
    book = (yaml.safe_load(paths.quarto_config.read_text(encoding="utf-8")) or {}).get("book", {})
    parts = [*(book.get("chapters") or []), *(book.get("appendices") or [])]
    names = [chapter_name(part) for part in parts if isinstance(part, str)]
    return [name for name in names if name and chapter_module(name, "compute") is not None]


def chapter_module(name: str, module: str) -> ModuleType | None:
    """`analysis.chapters.<name>.<module>`, or None if the chapter or module does not exist."""
    target = f"analysis.chapters.{name}.{module}"
    try:
        return importlib.import_module(target)
    except ModuleNotFoundError as err:
        if err.name in (target, f"analysis.chapters.{name}"):
            return None
        raise


def book_audit(period: Period, scoring_rule: str, paths: Paths) -> pd.DataFrame:
    """Every chapter's reproduction audit (`analysis.core.verdicts`), with a `chapter` column.

    Chapters without an `audit` table (or without `compute.tables`) add nothing.
    """
    frames = []
    for name in book_chapters(paths):
        compute = chapter_module(name, "compute")
        if not hasattr(compute, "tables") or name in _GATHERING:
            continue
        audit = compute.tables(period, scoring_rule, paths).get("audit")
        if audit is not None:
            frames.append(audit.assign(chapter=name))
    if not frames:
        return pd.DataFrame(columns=[*verdicts.AUDIT_COLUMNS, "chapter"])
    return pd.concat(frames, ignore_index=True)


def published_values(paths: Paths) -> pd.DataFrame:
    """Every published value held as data: `published_key` and `value` of each non-blank row
    of data/raw/published/*.csv."""
    rows = []
    for file in sorted(paths.published.glob("*.csv")):
        table = verdicts.with_lines(pd.read_csv(file, dtype=str, keep_default_na=False))
        for line, value in zip(table["line"], table["value"], strict=True):
            if value.strip():
                rows.append({"published_key": verdicts.published_key(file, line), "value": value})
    return pd.DataFrame(rows, columns=["published_key", "value"])


def chapter_title(name: str, paths: Paths) -> str:
    """The first heading of the chapter's notebook, without its label ('De SUWI-Landkaart')."""
    for notebook in sorted(paths.notebooks.glob(f"*-{name}.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "markdown" else ""
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].split("{")[0].strip()
    return name


# Chapters that gather the others (they must not gather themselves).
_GATHERING = {"samenvatting", "verantwoording"}


@dataclass(frozen=True)
class Report:
    """A period's whole report, for the parts that gather the chapters (summary, appendix)."""

    period: Period
    scoring_rule: str
    paths: Paths

    @classmethod
    def load(
        cls,
        period: str | Period = "2009-T3",
        scoring_rule: str = DEFAULT_RULE,
        root: Paths | str | None = None,
    ):
        """From a notebook's parameters (`root` None: this project)."""
        return cls(as_period(period), scoring_rule, Paths.from_parameter(root))

    @cached_property
    def audit(self) -> pd.DataFrame:
        """Every chapter's audit rows (`book_audit`), computed once."""
        return book_audit(self.period, self.scoring_rule, self.paths)
