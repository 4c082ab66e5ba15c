"""Execute a book's notebook chapters with papermill, without run-dependent metadata."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from analysis.render.book import BookConfig
from analysis.render.errors import RenderError

NOTEBOOKS_DIR = "notebooks"
KERNEL = "python3"
Progress = Callable[[str], None]


def execute_chapters(
    book: BookConfig, nb_dir: Path, parameters: dict[str, Any], root: Path, report: Progress
) -> list[Path]:
    """Execute the notebook chapters into `nb_dir`; return every chapter's source to read."""
    nb_dir.mkdir(parents=True)
    # The kernel's own log (a TCP transport warning, an interrupt at shutdown) is noise here;
    # cell errors still arrive through papermill. `execute.warning: false` silences warnings.
    kernel_args = ["--IPKernelApp.log_level=CRITICAL"]
    if not book.warning:
        kernel_args.append(
            "--IPKernelApp.exec_lines=import warnings; warnings.simplefilter('ignore')"
        )
    notebooks = [c for c in book.chapters if (book.root / c).suffix == ".ipynb"]
    workers = max(1, min(len(notebooks), os.cpu_count() or 1))

    def execute(chapter: str) -> Path:
        report(f"executing {chapter}")
        return _execute(book.root / chapter, nb_dir, parameters, root, kernel_args, chapter)

    # Chapters are independent: each runs in its own kernel, as many at once as there are
    # cores. The first failing chapter (in book order) is the one reported.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {chapter: pool.submit(execute, chapter) for chapter in notebooks}
        wait(futures.values())
    executed = {chapter: future.result() for chapter, future in futures.items()}
    return [executed.get(chapter, book.root / chapter) for chapter in book.chapters]


def _execute(
    source: Path,
    nb_dir: Path,
    parameters: dict[str, Any],
    root: Path,
    kernel_args: list[str],
    chapter: str,
) -> Path:
    """Execute one notebook chapter into `nb_dir`, without run-dependent metadata."""
    declared = papermill.inspect_notebook(str(source))
    executed = nb_dir / source.name
    try:
        nb = papermill.execute_notebook(
            str(source),
            str(executed),
            parameters={k: v for k, v in parameters.items() if k in declared} or None,
            cwd=str(root),
            progress_bar=False,
            kernel_name=KERNEL,
            request_save_on_cell_execute=False,
            extra_arguments=kernel_args,
        )
    except PapermillExecutionError as err:
        raise RenderError(
            f"{chapter}: cell In [{err.exec_count}] raised {err.ename}: {err.evalue}"
        ) from err
    except Exception as err:
        raise RenderError(f"{chapter}: execution failed: {err}") from err
    _strip_run_metadata(nb, input_path=chapter, output_path=f"{NOTEBOOKS_DIR}/{source.name}")
    nbformat.write(nb, executed)
    return executed


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
