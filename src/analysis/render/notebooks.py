"""Execute a book's notebook chapters with papermill, without run-dependent metadata.

Chapters run in parallel, one kernel each. Every kernel records what it reads
(`analysis.core.tracing`), so that a later run can reuse a chapter whose inputs did not
change (`analysis.render.cache`). After a chapter's last cell, its kernel runs the caller's
`epilogue` code (e.g. writing the chapter's tidy tables); those cells are not kept.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from analysis.render import cache
from analysis.render.book import BookConfig
from analysis.render.cells import cell_options
from analysis.render.errors import RenderError
from analysis.render.names import NOTEBOOKS_DIR

KERNEL = "python3"
SKIP_TAG = "skip-execution"  # nbclient leaves cells with this tag unexecuted
OUTPUTS_VARIABLE = "_analysis_outputs"  # the epilogue's folder for files beside the report
_TRACE_START = "import analysis.core.tracing as _analysis_trace; _analysis_trace.start()"
_TRACE_REPORT = (
    "import json as _analysis_json, analysis.core.tracing as _analysis_trace\n"
    "print(_analysis_json.dumps(_analysis_trace.report()))"
)
Progress = Callable[[str], None]
Epilogue = Callable[[str], str | None]  # chapter -> code to run after its last cell


@dataclass(frozen=True)
class Execution:
    """How the chapters of one render are executed."""

    nb_dir: Path  # executed notebooks go here
    out_dir: Path  # files the epilogues write go here (relative paths kept)
    build: Path  # scratch space
    parameters: dict[str, Any]
    root: Path  # the notebooks' working directory
    setup: list[str]  # kernel arguments
    epilogue: Epilogue | None = None
    previous: Path | None = None  # an earlier report folder, for reusing unchanged chapters


def execute_chapters(
    book: BookConfig,
    nb_dir: Path,
    parameters: dict[str, Any],
    root: Path,
    report: Progress,
    *,
    out_dir: Path | None = None,
    build: Path | None = None,
    epilogue: Epilogue | None = None,
    previous: Path | None = None,
) -> list[Path]:
    """Execute (or reuse from `previous`) the notebook chapters into `nb_dir`.

    Returns every chapter's source to read, in book order.
    """
    nb_dir.mkdir(parents=True)
    # The kernel's own log (a TCP transport warning, an interrupt at shutdown) is noise here;
    # cell errors still arrive through papermill. `execute.warning: false` silences warnings.
    lines = [_TRACE_START]
    if not book.warning:
        lines.insert(0, "import warnings; warnings.simplefilter('ignore')")
    setup = ["--IPKernelApp.log_level=CRITICAL", f"--IPKernelApp.exec_lines={'; '.join(lines)}"]
    run = Execution(
        nb_dir=nb_dir,
        out_dir=out_dir or nb_dir.parent,
        build=build or nb_dir.parent,
        parameters=parameters,
        root=root,
        setup=setup,
        epilogue=epilogue,
        previous=previous,
    )
    ctx = cache.Context.of(root)
    notebooks = [c for c in book.chapters if (book.root / c).suffix == ".ipynb"]
    workers = max(1, min(len(notebooks), os.cpu_count() or 1))

    def execute(chapter: str) -> Path:
        return _chapter(book.root / chapter, chapter, run, ctx, report)

    # Chapters are independent: each runs in its own kernel, as many at once as there are
    # cores. Once one fails, the chapters not yet started are not started; of those that
    # ran, the first failing one (in book order) is the one reported.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {chapter: pool.submit(execute, chapter) for chapter in notebooks}
        _, pending = wait(futures.values(), return_when=FIRST_EXCEPTION)
        for future in pending:
            future.cancel()
        wait(futures.values())
    for future in futures.values():
        if not future.cancelled() and future.exception() is not None:
            raise future.exception()
    executed = {chapter: future.result() for chapter, future in futures.items()}
    return [executed.get(chapter, book.root / chapter) for chapter in book.chapters]


def _chapter(source: Path, chapter: str, run: Execution, ctx: cache.Context, report: Progress):
    """Reuse the chapter from the previous report if nothing it read changed, else execute."""
    declared = papermill.inspect_notebook(str(source))
    parameters = {k: v for k, v in run.parameters.items() if k in declared}
    epilogue = run.epilogue(chapter) if run.epilogue else None
    key = cache.static_key(source, parameters, run.setup, epilogue, ctx)
    executed = run.nb_dir / source.name
    if run.previous is not None:
        earlier = run.previous / NOTEBOOKS_DIR / source.name
        try:
            record = nbformat.read(earlier, as_version=4).metadata.get(cache.METADATA_KEY, {})
        except (OSError, ValueError):
            record = {}
        if cache.unchanged(record, key, ctx, run.previous):
            report(f"reusing {chapter} (nothing it reads changed)")
            shutil.copyfile(earlier, executed)
            cache.copy_outputs(record, run.previous, run.out_dir)
            return executed
    report(f"executing {chapter}")
    return _execute(source, chapter, parameters, epilogue, key, run, ctx)


def _execute(
    source: Path,
    chapter: str,
    parameters: dict[str, Any],
    epilogue: str | None,
    key: str,
    run: Execution,
    ctx: cache.Context,
) -> Path:
    """Execute one notebook chapter into `nb_dir`, without run-dependent metadata."""
    executed = run.nb_dir / source.name
    notebook = nbformat.read(source, as_version=4)
    skipped = _skip_unevaluated(notebook, chapter)
    outputs = run.build / "outputs" / source.stem
    outputs.mkdir(parents=True)
    appended = [nbformat.v4.new_code_cell(_TRACE_REPORT)]
    if epilogue:
        code = f"{OUTPUTS_VARIABLE} = {str(outputs)!r}\n{epilogue}"
        appended.insert(0, nbformat.v4.new_code_cell(code))
    notebook.cells.extend(appended)
    try:
        nb = papermill.execute_notebook(
            notebook,
            str(executed),
            parameters=parameters or None,
            cwd=str(run.root),
            progress_bar=False,
            kernel_name=KERNEL,
            request_save_on_cell_execute=False,
            extra_arguments=run.setup,
        )
    except PapermillExecutionError as err:
        raise RenderError(
            f"{chapter}: cell In [{err.exec_count}] raised {err.ename}: {err.evalue}",
            ename=err.ename,
        ) from err
    except Exception as err:
        raise RenderError(f"{chapter}: execution failed: {err}") from err
    trace = json.loads("".join(o.get("text", "") for o in nb.cells[-1].outputs))
    del nb.cells[-len(appended) :]
    for cell in nb.cells:  # papermill returns a copy: find the tagged cells by their id
        if cell.get("id") in skipped:
            cell.metadata.tags.remove(SKIP_TAG)
            if not cell.metadata.tags:
                del cell.metadata["tags"]
    _strip_run_metadata(nb, input_path=chapter, output_path=f"{NOTEBOOKS_DIR}/{source.name}")
    record = {"key": key, **cache.dependencies(trace, ctx), "outputs": {}}
    for file in sorted(p for p in outputs.rglob("*") if p.is_file()):
        name = file.relative_to(outputs).as_posix()
        target = run.out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(file, target)
        record["outputs"][name] = cache.sha256(target)
    nb.metadata[cache.METADATA_KEY] = record
    nbformat.write(nb, executed)
    return executed


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
