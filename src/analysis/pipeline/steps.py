"""What each kind of step does; ingest and notebook steps run in a warm forked child.

- ingest: `analysis.ingest.<kind>.stage(unit, paths)` validates the unit's raw input and
  writes it to the stage;
- chapter and gather: the notebook is executed (`analysis.render.notebooks`) into the step's
  folder, and its outputs (`analysis.chapters.write_outputs`) are written after its last cell;
- provenance: the run's provenance record (`analysis.core.provenance.record`), in the parent.

Each function returns what the parent needs to know besides the files: a description, or
what the notebook read.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.core.config import PROJ_ROOT, STAGED_ENV, Paths
from analysis.core.provenance import ENGINE_ENV
from analysis.pipeline.graph import Step
from analysis.render.names import TABLES_DIR

RELATIVE_ROOT = "."  # the notebooks' `root` outside this project: their working directory
ANNEX = "annex"  # analysis.chapters.ANNEX: a step's files published beside the report
TABLES = "tables"  # analysis.chapters.TABLES: a step's tidy tables


def ingest(batch: list[Step], paths: Paths) -> list[str]:
    """Validate units of one input kind and stage them, one after the other (in a child: the
    first one pays for what the kind's reader sets up, the others reuse it)."""
    described = []
    for step in batch:
        module = importlib.import_module(f"analysis.ingest.{step.name}")
        described.append(module.stage(step.unit, paths))
    return described


def notebook_parameters(period: str, rule: str, paths: Paths) -> dict[str, str]:
    """Notebook parameters; `root` only when it is not the default, and then as "." (the
    notebooks run in the root), so that executed notebooks do not depend on where the
    project is."""
    params = {"period": period, "scoring_rule": rule}
    if paths.root != PROJ_ROOT:
        params["root"] = RELATIVE_ROOT
    return params


def epilogue(step: Step, parameters: dict[str, str]) -> str:
    """Code run after the notebook's last cell, in its namespace: write the chapter's outputs."""
    args = (step.notebook, parameters["period"], parameters["scoring_rule"],
            parameters.get("root"), str(step.folder))  # fmt: skip
    call = f"_analysis_write({', '.join(map(repr, args))})"
    return f"from analysis.chapters import write_outputs as _analysis_write\n{call}"


def notebook(step: Step, paths: Paths, parameters: dict[str, str], options: dict[str, Any]) -> dict:
    """Execute a chapter's or gathering notebook into its folder (in a child).

    Returns what the notebook read (`analysis.core.tracing`), as paths relative to the root.
    """
    from analysis.render.notebooks import execute_notebook

    os.environ[STAGED_ENV] = str(paths.processed)
    os.environ[ENGINE_ENV] = options["engine_label"]
    source = paths.root / step.notebook
    trace = execute_notebook(
        source, step.folder / source.name, parameters, paths.root, label=step.notebook,
        epilogue=epilogue(step, parameters), warnings_shown=options["warnings_shown"],
        executor=options["executor"],
    )  # fmt: skip
    return {"reads": sorted(trace["reads"])}


def provenance(step: Step, paths: Paths, parameters: dict[str, str], chapters: list[str],
               left_out: list[str], engine: str,
               sha256: Callable[[Path, Path], str] | None = None) -> None:  # fmt: skip
    """Write the run's provenance record into the step's folder (in the parent: it is light);
    `engine` says how the report is made (the colophon prints it); `sha256(file, root)`: the
    run's memo of the file hashes it made while planning (default: hash again)."""
    from analysis.core.provenance import record
    from analysis.study.dag import published_tables

    data = record(paths, parameters, chapters, left_out, published_tables(chapters), sha256)
    data["engine"] = engine  # the parent does not render: the run's label, not the default
    step.folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    (step.folder / "provenance.json").write_text(text, encoding="utf-8")


def report_files(folders: list[Path]) -> tuple[dict[str, bytes], dict[str, str]]:
    """What the report step publishes from the notebook steps' folders: the tidy tables (as
    `tables/<name>`) and the annexes' other files by name; and the Markdown annexes, by the
    name of the PDF the renderer makes of each."""
    files = {f"{TABLES_DIR}/{f.name}": f.read_bytes()
             for folder in folders for f in sorted((folder / TABLES).glob("*.csv"))}
    annexes = {}
    for f in (f for folder in folders for f in sorted((folder / ANNEX).glob("*"))):
        if f.suffix == ".md":
            annexes[f.with_suffix(".pdf").name] = f.read_text(encoding="utf-8")
        else:
            files[f.name] = f.read_bytes()
    return files, annexes  # fmt: skip


def undeclared(step: Step, reads: list[str], paths: Paths, upstream: list[Path]) -> list[str]:
    """The inputs (data, notebooks, documents) a notebook read that its step does not declare
    in dag.yml: with those, a later run could not know when to run the step again."""
    inputs = [paths.root / "data", paths.processed, paths.notebooks, paths.root / "docs",
              paths.quarto_config, paths.root / "index.md"]  # fmt: skip
    allowed = [*step.raw, *upstream, step.folder]
    if step.notebook:
        allowed.append(paths.root / step.notebook)
    found = []
    for name in reads:
        path = Path(name)
        if any(path.is_relative_to(i) for i in inputs) and not any(
            path.is_relative_to(a) for a in allowed
        ):
            found.append(name)
    return found
