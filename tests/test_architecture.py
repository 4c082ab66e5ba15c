"""The architecture is checked, not only described: import contracts, module sizes, notebooks.

The contracts live in pyproject.toml ([tool.importlinter]); `make lint` runs them too.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "analysis"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 420  # "no module above about 400 lines"


def lint_imports(src: Path, cwd: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the project's contracts on the package under `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_contracts_hold(tmp_path):
    result = lint_imports(ROOT / "src", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("chapters/landkaart/compute.py", "import matplotlib.pyplot", "-> matplotlib"),
        (
            "chapters/trend/compute.py",
            "from analysis.chapters.trend import text",
            "-> analysis.chapters.trend.text",
        ),  # noqa: E501
        (
            "chapters/landkaart/compute.py",
            "from analysis.chapters.trend import compute",
            "-> analysis.chapters.trend.compute",
        ),  # noqa: E501
        (
            "core/formatting.py",
            "from analysis.chapters.landkaart import compute",
            "-> analysis.chapters.landkaart.compute",
        ),  # noqa: E501
        ("chapters/trend/new_numbers.py", "import matplotlib", "-> matplotlib"),
        (
            "chapters/arbeidsmarkt/series.py",
            "from analysis.chapters.arbeidsmarkt import text_labels",
            "-> analysis.chapters.arbeidsmarkt.text_labels",
        ),  # noqa: E501
    ],
)
def test_contracts_catch_a_violation(tmp_path, module, line, broken):
    """A numbers module importing matplotlib or Dutch text (also one that compute does not
    import), a chapter importing another, or the core importing a chapter, breaks a contract."""
    result = _lint_with(tmp_path, module, line)
    assert result.returncode != 0
    assert " 0 broken" not in result.stdout
    assert broken in " ".join(result.stdout.split())  # the report wraps long lines


LAYERS = "A chapter in layers: text and figures, compute, the numbers modules, the model"
CYCLES = "No import cycles inside a chapter package"
THROUGH_COMPUTE = "A chapter's text and figures use its numbers through compute"


@pytest.mark.parametrize(
    ("module", "line", "contracts", "broken"),
    [
        (  # a numbers module importing compute: upwards, and a cycle
            "chapters/trend/checks.py",
            "from analysis.chapters.trend import compute",
            (LAYERS, CYCLES),
            "analysis.chapters.trend.checks -> analysis.chapters.trend.compute",
        ),
        (  # the model importing a numbers module (a cached property calling the audit)
            "chapters/landkaart/model.py",
            "from analysis.chapters.landkaart import audit",
            (LAYERS, CYCLES),
            "analysis.chapters.landkaart.model -> analysis.chapters.landkaart.audit",
        ),
        (  # an import only for type checking counts too
            "chapters/arbeidsmarkt/model.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from analysis.chapters.arbeidsmarkt.target import total",
            (LAYERS, CYCLES),
            "analysis.chapters.arbeidsmarkt.model -> analysis.chapters.arbeidsmarkt.target",
        ),
        (  # two numbers modules importing each other
            "chapters/trend/locations.py",
            "from analysis.chapters.trend import checks",
            (CYCLES,),
            ".locations -> .checks",
        ),
        (  # Dutch text reaching past compute into a numbers module
            "chapters/toonkamer/text.py",
            "from analysis.chapters.toonkamer import estimates",
            (THROUGH_COMPUTE,),
            "analysis.chapters.toonkamer.text -> analysis.chapters.toonkamer.estimates",
        ),
        (  # a module in no layer
            "chapters/enquetes/weights.py",
            "import pandas",
            (LAYERS,),
            "- analysis.chapters.enquetes.weights",
        ),
    ],
)
def test_chapter_layers_catch_a_violation(tmp_path, module, line, contracts, broken):
    """Inside a chapter, text and figures sit on compute, compute on the numbers modules and
    those on the model, without cycles: an import against that order breaks a contract."""
    result = _lint_with(tmp_path, module, line)
    report = " ".join(result.stdout.split())  # the report wraps long lines
    assert result.returncode != 0
    for contract in contracts:  # the summary lists each contract with KEPT or BROKEN
        status = re.search(r"\b(KEPT|BROKEN)\b", report.split(contract, 1)[1])
        assert status and status[1] == "BROKEN", contract
    assert broken in report


def _lint_with(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess:
    """`lint-imports` on a copy of the package with `line` added to `module` (or a new one)."""
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "analysis" / module
    before = target.read_text("utf-8") if target.exists() else '"""A new module."""\n'
    target.write_text(f"{before}\n{line}  # injected by the test\n", "utf-8")
    return lint_imports(src, tmp_path)


def oversized(package: Path, limit: int = MAX_LINES) -> list[str]:
    """Every module under `package` longer than `limit` lines, with its length."""
    sizes = {path: len(path.read_text("utf-8").splitlines()) for path in package.rglob("*.py")}
    return [f"{path.relative_to(package)} ({n})" for path, n in sorted(sizes.items()) if n > limit]


def test_modules_stay_small():
    offenders = oversized(PACKAGE)
    assert not offenders, f"modules above {MAX_LINES} lines, split them: {', '.join(offenders)}"


def test_module_size_check_lists_every_offender(tmp_path):
    for name, lines in (("big.py", MAX_LINES + 1), ("ok.py", MAX_LINES), ("sub/huge.py", 900)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x = 1\n" * lines, "utf-8")
    assert oversized(tmp_path) == [f"big.py ({MAX_LINES + 1})", "sub/huge.py (900)"]


def _notebook_imports(path: Path) -> set[str]:
    modules = set()
    for cell in json.loads(path.read_text("utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "\n".join(
            line for line in "".join(cell["source"]).splitlines() if not line.startswith("#|")
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules.add(node.module)
                modules.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                modules.update(a.name for a in node.names)
    return {m for m in modules if m.split(".")[0] == "analysis"}


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=str)
def test_notebooks_import_only_their_chapter_and_the_core(notebook):
    from analysis.chapters import chapter_name

    own = f"analysis.chapters.{chapter_name(notebook)}"
    imports = _notebook_imports(notebook)
    assert any(m.startswith(own) for m in imports), f"{notebook.name} does not use {own}"
    allowed = ("analysis.core", own)
    stray = {
        m
        for m in imports
        if not m.startswith(allowed) and m not in ("analysis", "analysis.chapters")
    }
    assert not stray, f"{notebook.name} imports {sorted(stray)}"
