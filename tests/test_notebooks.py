"""The researcher's workbench: paired notebooks, the project kernel, a run on a fresh clone.

Every `notebooks/NN-name.ipynb` is paired with the percent script `notebooks/py/NN-name.py`
(jupytext.toml) and declares the project's kernel; `make sync` sets the kernel and writes the
scripts from the notebooks. And every
notebook runs top to bottom with its default parameters on a fresh clone, where nothing has
been ingested (data/processed is empty) and the CLI never ran.
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import nbformat
import pytest
from conftest import copy_project
from jupytext.config import load_jupytext_config
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SCRIPTS = ROOT / "notebooks" / "py"
KERNEL = "werkpleinen"  # the Makefile's KERNEL
FIX = (
    "run `make sync` (it sets the project kernel in every notebook and writes "
    "notebooks/py/<name>.py from it)"
)


def _script(notebook: Path) -> Path:
    return SCRIPTS / f"{notebook.stem}.py"


def test_every_notebook_has_its_script_and_every_script_its_notebook():
    missing = [n.name for n in NOTEBOOKS if not _script(n).is_file()]
    assert not missing, f"no paired script for {missing}: {FIX}"
    orphans = {p.stem for p in SCRIPTS.glob("*.py")} - {n.stem for n in NOTEBOOKS}
    assert not orphans, (
        f"notebooks/py/ holds scripts without a notebook: {sorted(orphans)}; create the "
        "notebook with `.venv/bin/jupytext --sync notebooks/py/<name>.py`, or delete the script"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_and_script_are_in_sync(notebook):
    config = load_jupytext_config(str(notebook.parent))
    expected = jupytext.writes(jupytext.read(notebook), fmt="py:percent", config=config)
    script = _script(notebook)
    assert script.is_file(), f"no paired script for {notebook.name}: {FIX}"
    assert script.read_text("utf-8") == expected, (
        f"{notebook.name} and notebooks/py/{script.name} differ: {FIX}; to keep edits made in "
        f"the script instead, run `.venv/bin/jupytext --sync notebooks/py/{script.name}`"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_declares_the_project_kernel(notebook):
    kernel = json.loads(notebook.read_text("utf-8"))["metadata"].get("kernelspec", {})
    assert kernel.get("name") == KERNEL, (
        f"{notebook.name} uses kernel {kernel.get('name')!r}: {FIX}"
    )


# --- a fresh clone: the notebooks prepare what they need ------------------------------------

WHERE = "from analysis.core.config import PROJ_ROOT; print(PROJ_ROOT)"
RESET = "%reset -f\nimport matplotlib.pyplot as plt; plt.close('all')"
KERNELS = 2  # notebooks share two kernels (one per core): imports are paid twice, not 7 times


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory) -> Path:
    """A copy of the project with its own package (src/) and an empty data/processed."""
    root = copy_project(tmp_path_factory.mktemp("clone"))
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "data" / "processed").mkdir()
    return root


def _execute(paths: list[Path]) -> tuple[list[str], str]:
    """Run the notebooks one after the other in one kernel, as Jupyter would (cwd notebooks/),
    each from a clean namespace (`%reset -f`); return the names run and the project the
    kernel used. A failing cell fails the test with its notebook's name."""
    combined = nbformat.v4.new_notebook()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        combined.cells.append(nbformat.v4.new_code_cell(RESET, metadata={"from": path.name}))
        for cell in nb.cells:
            cell.metadata["from"] = path.name
        combined.cells.extend(nb.cells)
    combined.cells.append(nbformat.v4.new_code_cell(WHERE, metadata={"from": "check"}))
    client = NotebookClient(
        combined, timeout=180, kernel_name=KERNEL,
        resources={"metadata": {"path": str(paths[0].parent)}},
    )  # fmt: skip
    try:
        client.execute()
    except CellExecutionError as err:
        failed = next(
            c.metadata["from"]
            for c in combined.cells
            if any(o.output_type == "error" for o in c.get("outputs", []))
        )
        pytest.fail(f"{failed} fails on a fresh clone: {err.ename}: {err.evalue}")
    where = "".join(o.get("text", "") for o in combined.cells[-1].outputs).strip()
    return [p.name for p in paths], where


@pytest.mark.e2e
@pytest.mark.heavy(15)
def test_every_notebook_runs_on_a_fresh_clone(fresh_clone, monkeypatch):
    """Top to bottom with the default parameters, the copy's package imported (PYTHONPATH),
    nothing ingested before and nothing written by the notebooks. (Notebooks share a kernel
    but not a namespace; what they share is the package's imports and in-memory caches.)"""
    monkeypatch.setenv("PYTHONPATH", str(fresh_clone / "src"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebooks = sorted((fresh_clone / "notebooks").glob("*.ipynb"))
    assert [n.name for n in notebooks] == [n.name for n in NOTEBOOKS]
    groups: list[list[Path]] = [[] for _ in range(KERNELS)]
    for i, path in enumerate(notebooks):  # snake order: 0 1 1 0 0 1 1 (00 and 90 apart)
        lane = i % KERNELS
        groups[lane if (i // KERNELS) % 2 == 0 else KERNELS - 1 - lane].append(path)
    with ThreadPoolExecutor(max_workers=KERNELS) as pool:
        results = list(pool.map(_execute, [g for g in groups if g]))
    assert sorted(name for names, _ in results for name in names) == [n.name for n in notebooks]
    for names, where in results:
        assert Path(where) == fresh_clone, f"{names} ran on {where}, not on the clone"
    assert not any((fresh_clone / "data" / "processed").iterdir())  # read in memory
    assert not (fresh_clone / "reports").exists()
