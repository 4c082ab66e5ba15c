"""Execute one notebook with papermill, without run-dependent metadata.

Two executors give the same notebook (`tests/test_warm.py`): ``warm`` runs the cells in this
process (`analysis.render.inprocess`, in a child forked from a process that has imported the
heavy libraries), ``kernel`` starts a fresh Jupyter kernel for the notebook, as papermill
usually does. After the notebook's last cell the caller's `epilogue` code runs in the same
namespace (e.g. writing the chapter's tidy tables); that cell and the one that reports what
the notebook read (`analysis.core.tracing`) are removed from the executed notebook.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Literal

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from analysis.core import tracing
from analysis.render.cells import cell_options
from analysis.render.errors import RenderError
from analysis.render.inprocess import ENGINE_NAME, SKIP_TAG
from analysis.render.names import NOTEBOOKS_DIR

KERNEL = "python3"
Executor = Literal["warm", "kernel"]
_TRACE_START = "import analysis.core.tracing as _analysis_trace; _analysis_trace.start()"
_TRACE_REPORT = (
    "import json as _analysis_json, analysis.core.tracing as _analysis_trace\n"
    "print(_analysis_json.dumps(_analysis_trace.report()))"
)


def execute_notebook(
    source: Path,
    target: Path,
    parameters: dict[str, Any],
    root: Path,
    *,
    label: str,
    epilogue: str | None = None,
    warnings_shown: bool = True,
    executor: Executor = "warm",
) -> dict[str, list[str]]:
    """Execute `source` (parameters it declares only, working directory `root`) into `target`.

    `label` names the notebook in errors (its path relative to the root). Returns what the
    notebook read (`tracing.report()`). A failing cell raises RenderError naming the cell.
    """
    notebook = nbformat.read(source, as_version=4)
    declared = papermill.inspect_notebook(str(source))
    parameters = {k: v for k, v in parameters.items() if k in declared}
    skipped = _skip_unevaluated(notebook, label)
    appended = [nbformat.v4.new_code_cell(_TRACE_REPORT)]
    if epilogue:
        appended.insert(0, nbformat.v4.new_code_cell(epilogue))
    notebook.cells.extend(appended)
    lines = [_TRACE_START]
    if not warnings_shown:
        lines.insert(0, "import warnings; warnings.simplefilter('ignore')")
    options: dict[str, Any] = {}
    if executor == "kernel":
        options = {"kernel_name": KERNEL, "extra_arguments": [
            "--IPKernelApp.log_level=CRITICAL", f"--IPKernelApp.exec_lines={'; '.join(lines)}"]}
    else:
        if not warnings_shown:
            warnings.simplefilter("ignore")
        tracing.start()
        options = {"kernel_name": KERNEL, "engine_name": ENGINE_NAME}
    try:
        nb = papermill.execute_notebook(
            notebook, None, parameters=parameters or None, cwd=str(root), progress_bar=False,
            request_save_on_cell_execute=False, **options,
        )  # fmt: skip
    except PapermillExecutionError as err:
        raise RenderError(
            f"{label}: cell In [{err.exec_count}] raised {err.ename}: {err.evalue}",
            ename=err.ename,
        ) from err
    except Exception as err:
        raise RenderError(f"{label}: execution failed: {err}") from err
    trace = json.loads("".join(o.get("text", "") for o in nb.cells[-1].outputs))
    del nb.cells[-len(appended) :]
    for cell in nb.cells:  # papermill returns a copy: find the tagged cells by their id
        if cell.get("id") in skipped:
            cell.metadata.tags.remove(SKIP_TAG)
            if not cell.metadata.tags:
                del cell.metadata["tags"]
    _strip_run_metadata(nb, input_path=label, output_path=f"{NOTEBOOKS_DIR}/{source.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return trace


def _skip_unevaluated(nb: nbformat.NotebookNode, chapter: str) -> set[str]:
    """Tag the code cells with `#| eval: false` so that they are not executed, as in Quarto.

    Returns the ids of the cells tagged here (the tag is removed again after execution).
    """
    tagged = set()
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        try:
            options = cell_options(cell.source)
        except ValueError as err:
            raise RenderError(f"{chapter}: cell {index}: {err}") from err
        tags = cell.metadata.setdefault("tags", [])
        if options.get("eval") is False and SKIP_TAG not in tags:
            tags.append(SKIP_TAG)
            tagged.add(cell.get("id"))
        elif not tags:
            del cell.metadata["tags"]
    return tagged


def _strip_run_metadata(nb: nbformat.NotebookNode, *, input_path: str, output_path: str) -> None:
    """Remove what differs between two runs: timings, temporary paths, random cell ids."""
    run = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration"):
        run.pop(key, None)
    run.update(input_path=input_path, output_path=output_path)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            cell.metadata.get("papermill", {}).pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
