"""The report's chapters: one package per chapter, named after its notebook.

``notebooks/NN-<name>.ipynb`` is the chapter ``analysis.chapters.<name>``, with
``compute.py`` (numbers, no Dutch, no matplotlib), ``text.py`` (Dutch sentences and display
tables) and ``plots.py`` (figures). What a chapter gives the rest of the report, its
*outputs*, is computed once, in the chapter's own step of `analysis run`, right after its
notebook (`write_outputs`): its tidy tables (`compute.tables`, the audit rows among them) as
``tables/<name>-<table>.csv`` and the facts its summary states (`compute.facts`) with its
title as ``facts.json``, and the files its `text.annexes` gives as ``annex/<file>`` (the
appendix's line-by-line audit: the report step renders a Markdown annex to PDF beside the
report and copies the rest). The gathering chapters (summary, appendix) read only those outputs
(`gathered`): from the run's stage during a run, computed in memory when a researcher runs
their notebook alone. See ``src/analysis/README.md``.
"""

from __future__ import annotations

import importlib
import io
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

import pandas as pd
import yaml

from analysis.core import markdown, provenance
from analysis.core.config import Paths
from analysis.core.defaults import DEFAULT_RULE, PUBLISHED_PERIOD
from analysis.core.inputs import buffered
from analysis.core.memo import shared_models
from analysis.core.periods import Period, as_period
from analysis.core.tables import file_name, tidy_csv
from analysis.study import verdicts
from analysis.study.dag import chapter_name, in_report, load_dag, published_tables

FACTS = "facts.json"
TABLES = "tables"
ANNEX = "annex"  # files a chapter publishes beside the report (`text.annexes`)
PROVENANCE = "provenance.json"  # the run's provenance step (analysis.pipeline)


def chapter_module(name: str, module: str) -> ModuleType | None:
    """`analysis.chapters.<name>.<module>`, or None if the chapter or module does not exist."""
    target = f"analysis.chapters.{name}.{module}"
    try:
        return importlib.import_module(target)
    except ModuleNotFoundError as err:
        if err.name in (target, f"analysis.chapters.{name}"):
            return None
        raise


def chapter_tables(
    notebook: str | Path, period: Period, scoring_rule: str, paths: Paths
) -> dict[str, pd.DataFrame]:
    """The tidy tables of the chapter behind a notebook ({} for a part without a package)."""
    name = chapter_name(notebook)
    compute = chapter_module(name, "compute") if name else None
    if compute is None or not hasattr(compute, "tables"):
        return {}
    return compute.tables(period, scoring_rule, paths)


def chapter_title(name: str, paths: Paths) -> str:
    """The first heading of the chapter's notebook, without its label ('De SUWI-Landkaart')."""
    for notebook in sorted(paths.notebooks.glob(f"*-{name}.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "markdown" else ""
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].split("{")[0].strip()
    return name


def chapter_outputs(name: str, period: Period, scoring_rule: str, paths: Paths) -> dict[str, bytes]:
    """What a chapter's step writes beside its notebook, by relative name: its tidy tables,
    `facts.json` (its title and the facts of `compute.facts`, {} without one) and the files
    of its `text.annexes` under `annex/`."""
    compute = chapter_module(name, "compute")
    if compute is None:
        return {}
    with shared_models():  # the tables and the facts from one model
        return _outputs(name, compute, period, scoring_rule, paths)


def _outputs(name: str, compute: ModuleType, period: Period, scoring_rule: str,
             paths: Paths) -> dict[str, bytes]:  # fmt: skip
    files = {
        f"{TABLES}/{file_name(name, table)}": tidy_csv(frame)
        for table, frame in compute.tables(period, scoring_rule, paths).items()
    }
    facts = compute.facts(period, scoring_rule, paths) if hasattr(compute, "facts") else {}
    record = {"chapter": name, "title": chapter_title(name, paths), "facts": facts}
    written = json.dumps(record, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    files[FACTS] = written.encode("utf-8")
    annexes = getattr(chapter_module(name, "text"), "annexes", None)
    for file, data in (annexes(period, scoring_rule, paths) if annexes else {}).items():
        files[f"{ANNEX}/{file}"] = data
    return files


def write_outputs(
    notebook: str, period: Period | str, scoring_rule: str, root: str | None, out: str
) -> None:
    """Write the chapter's outputs (`chapter_outputs`) into the folder `out`.

    Run in the chapter's step after its notebook (`analysis run`), where the chapter's modules
    are already imported; `root` as the notebooks get it.
    """
    paths = Paths.from_parameter(root)
    name = chapter_name(notebook)
    outputs = chapter_outputs(name, as_period(period), scoring_rule, paths) if name else {}
    for file, data in outputs.items():
        target = Path(out) / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


# --- what the gathering chapters read ----------------------------------------------------


def book_parts(paths: Paths) -> list[str]:
    """The book's parts in reading order (chapters, then appendices), from _quarto.yml."""
    book = (yaml.safe_load(paths.quarto_config.read_text(encoding="utf-8")) or {}).get("book", {})
    parts = [*(book.get("chapters") or []), *(book.get("appendices") or [])]
    return [part for part in parts if isinstance(part, str)]


def report_chapters(period: Period, paths: Paths) -> list[str]:
    """The chapters of the period's report whose outputs the gathering chapters read: the
    book's chapter notebooks (not the gathering ones) whose required inputs the period has.

    In a run this is what the run's provenance step recorded; alone, it is worked out here the
    same way (`analysis.study.dag`).
    """
    if paths.staged is not None:
        record = json.loads((paths.chapter_dir(period, "provenance") / PROVENANCE).read_bytes())
        return list(record["chapters"])
    dag = load_dag()
    names = [chapter_name(part) for part in book_parts(paths)]
    return [n for n in names if n in dag["chapters"] and in_report(n, period, paths, dag)]


@dataclass(frozen=True)
class ChapterOutputs:
    """One chapter as the gathering chapters see it: its outputs, parsed."""

    name: str
    title: str
    facts: dict
    audit: pd.DataFrame


def read_outputs(name: str, files: dict[str, bytes]) -> ChapterOutputs:
    record = json.loads(files[FACTS])
    audit_file = f"{TABLES}/{file_name(name, 'audit')}"
    if audit_file in files:
        audit = pd.read_csv(io.BytesIO(files[audit_file]), dtype=object)
        audit = audit.astype(object).where(audit.notna(), None)
    else:
        audit = pd.DataFrame(columns=verdicts.AUDIT_COLUMNS)
    return ChapterOutputs(name, record["title"], record["facts"], audit)


def gathered(period: Period, scoring_rule: str, paths: Paths) -> list[ChapterOutputs]:
    """Every report chapter's outputs, in reading order: read from the run's stage, or
    computed in memory (the same bytes) when the notebook runs alone."""
    out = []
    for name in report_chapters(period, paths):
        if paths.staged is not None:
            folder = paths.chapter_dir(period, name)
            files = {
                f.relative_to(folder).as_posix(): f.read_bytes()
                for f in [folder / FACTS, *sorted((folder / TABLES).glob("*.csv"))]
            }
        else:
            files = chapter_outputs(name, period, scoring_rule, paths)
        out.append(read_outputs(name, files))
    return out


def published_values(paths: Paths) -> pd.DataFrame:
    """Every published value held as data: `published_key` and `value` of each non-blank row
    of data/raw/published/*.csv."""
    rows = []
    for file in sorted(paths.published.glob("*.csv")):
        table = verdicts.with_lines(pd.read_csv(buffered(file), dtype=str, keep_default_na=False))
        for line, value in zip(table["line"], table["value"], strict=True):
            if value.strip():
                rows.append({"published_key": verdicts.published_key(file, line), "value": value})
    return pd.DataFrame(rows, columns=["published_key", "value"])


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
    def chapters(self) -> list[ChapterOutputs]:
        return gathered(self.period, self.scoring_rule, self.paths)

    @cached_property
    def audit(self) -> pd.DataFrame:
        """Every chapter's audit rows, with a `chapter` column."""
        frames = [c.audit.assign(chapter=c.name) for c in self.chapters if len(c.audit)]
        if not frames:
            return pd.DataFrame(columns=[*verdicts.AUDIT_COLUMNS, "chapter"])
        return pd.concat(frames, ignore_index=True)

    def title(self, name: str) -> str:
        return next((c.title for c in self.chapters if c.name == name), name)

    @cached_property
    def provenance(self) -> dict:
        """The run's provenance record (`core.provenance.record`): read from the stage in a
        run, computed in memory when the notebook runs alone."""
        if self.paths.staged is not None:
            folder = self.paths.chapter_dir(self.period, "provenance")
            return json.loads((folder / PROVENANCE).read_bytes())
        parameters = {"period": str(self.period), "scoring_rule": self.scoring_rule}
        chapters = report_chapters(self.period, self.paths)
        return provenance.record(self.paths, parameters, chapters, [], published_tables(chapters))


def missing_note(notebooks: list[str], period: Period, paths: Paths) -> str:
    """A callout for the introduction: one line per chapter left out of this period's report."""
    lines = []
    for notebook in notebooks:
        name = chapter_name(notebook)
        reason = "dit rapport heeft de gegevens niet waarop het rust"
        text = chapter_module(name, "text") if name else None
        if text is not None and hasattr(text, "unavailable"):
            reason = text.unavailable(period, paths)
        title = markdown.literal(chapter_title(name, paths) if name else Path(notebook).stem)
        lines.append(f"Het hoofdstuk ‘{title}’ ontbreekt in dit rapport: {reason}.")
    heading = "Ontbrekend hoofdstuk" if len(lines) == 1 else "Ontbrekende hoofdstukken"
    body = "\n\n".join(lines)
    return f'::: {{.callout-note title="{heading}"}}\n{body}\n:::'
