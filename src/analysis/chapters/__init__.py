"""The report's chapters: one package per chapter, named after its notebook.

``notebooks/NN-<name>.ipynb`` is the chapter ``analysis.chapters.<name>``, with
``compute.py`` (numbers, no Dutch, no matplotlib), ``text.py`` (Dutch sentences and display
tables) and ``plots.py`` (figures). `compute.tables(period, scoring_rule, paths)` gives the
chapter's tidy tables; an optional `compute.available(period, paths) -> bool` says whether
the period has the chapter's data (if not, the chapter is left out of that period's report,
and `missing_note` says so in the introduction; an optional `text.unavailable(period,
paths)` gives the reason). See ``src/analysis/README.md``.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

import pandas as pd
import yaml

from analysis.core import markdown
from analysis.core.config import Paths
from analysis.core.defaults import DEFAULT_RULE, PUBLISHED_PERIOD
from analysis.core.periods import Period, as_period
from analysis.study import verdicts

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
    """Every chapter's reproduction audit (`analysis.study.verdicts`), with a `chapter` column.

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
        period: str | Period = PUBLISHED_PERIOD,
        scoring_rule: str = DEFAULT_RULE,
        root: Paths | str | None = None,
    ):
        """From a notebook's parameters (`root` None: this project)."""
        return cls(as_period(period), scoring_rule, Paths.from_parameter(root))

    @cached_property
    def audit(self) -> pd.DataFrame:
        """Every chapter's audit rows (`book_audit`), computed once."""
        return book_audit(self.period, self.scoring_rule, self.paths)


def _defines(name: str, module: str) -> bool:
    """True if the chapter module `module` (e.g. 'trend.compute') defines `name` at its top.

    Read from the source, so that asking does not import a chapter's numbers (and pandas).
    """
    try:
        spec = importlib.util.find_spec(f"analysis.chapters.{module}")
    except ModuleNotFoundError:
        return False
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return False
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    defined = {
        node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)
    } | {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return name in defined


def chapter_available(notebook: str | Path, period: Period, paths: Paths) -> bool:
    """False if the chapter's `compute.available(period, paths)` says its data are missing.

    True for a chapter without that function or without a package.
    """
    name = chapter_name(notebook)
    if name is None or not _defines("available", f"{name}.compute"):
        return True
    compute = importlib.import_module(f"analysis.chapters.{name}.compute")
    return bool(compute.available(period, paths))


def missing_note(notebooks: Sequence[str], period: Period, paths: Paths) -> str:
    """A callout for the introduction: one line per chapter left out of this period's report."""
    lines = []
    for notebook in notebooks:
        name = chapter_name(notebook)
        reason = f"voor het {period.label_nl} zijn de gegevens ervoor niet beschikbaar"
        if name and _defines("unavailable", f"{name}.text"):
            text = importlib.import_module(f"analysis.chapters.{name}.text")
            reason = text.unavailable(period, paths)
        title = markdown.literal(chapter_title(name, paths) if name else Path(notebook).stem)
        lines.append(f"Het hoofdstuk ‘{title}’ ontbreekt in dit rapport: {reason}.")
    heading = "Ontbrekend hoofdstuk" if len(lines) == 1 else "Ontbrekende hoofdstukken"
    body = "\n\n".join(lines)
    return f'::: {{.callout-note title="{heading}"}}\n{body}\n:::'


def write_tables(
    notebook: str, period: Period | str, scoring_rule: str, root: str | None, out: str
) -> None:
    """Write the chapter's tidy tables as `out/tables/<chapter>-<table>.csv`.

    Run in the chapter's kernel after its notebook (`analysis run`'s epilogue), where the
    chapter's modules are already imported; `root` as the notebooks get it.
    """
    from analysis.core.periods import as_period
    from analysis.core.tables import file_name, tidy_csv

    paths = Paths.from_parameter(root)
    tables = chapter_tables(notebook, as_period(period), scoring_rule, paths)
    folder = Path(out) / "tables"
    for table, frame in tables.items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file_name(chapter_name(notebook), table)).write_bytes(tidy_csv(frame))
