"""The architecture is checked, not only described: import contracts, module sizes, notebooks.

The contracts live in pyproject.toml ([tool.importlinter]); `make lint` runs them too.
"""

from __future__ import annotations

import ast
import json
import os
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
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "analysis" / module
    before = target.read_text("utf-8") if target.exists() else '"""A new module."""\n'
    target.write_text(f"{before}\n{line}  # injected by the test\n", "utf-8")
    result = lint_imports(src, tmp_path)
    assert result.returncode != 0
    assert " 0 broken" not in result.stdout
    assert broken in " ".join(result.stdout.split())  # the report wraps long lines


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path):
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it"


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
