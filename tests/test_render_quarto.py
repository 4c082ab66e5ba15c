"""The quarto engine, with a stand-in `quarto` on PATH that records how it is called."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from analysis.render import load_book_config, render_report

FIXTURES = Path(__file__).parent / "fixtures" / "render"
SUBTITLE = "Periode 2009-T3 (3e tertaal 2009)"

# Writes what a Quarto >= 1.9 writes: the book's PDF in <output-dir>/<output-file>.pdf,
# a notebook's HTML beside it; records its arguments and QUARTO_PYTHON, and keeps a copy of
# what it was given.
FAKE_QUARTO = """#!{python}
import json, os, shutil, sys
from pathlib import Path
import yaml
log = Path(os.environ["FAKE_QUARTO_LOG"])
calls = json.loads(log.read_text()) if log.exists() else []
args = sys.argv[1:]
calls.append({{"args": args, "cwd": os.getcwd(), "python": os.environ.get("QUARTO_PYTHON")}})
log.write_text(json.dumps(calls))
target, to = Path(args[1]), args[args.index("--to") + 1]
kept = log.parent / "kept"
kept.mkdir(exist_ok=True)
if target.is_dir():
    shutil.copytree(target, kept / target.name)
else:
    shutil.copyfile(target, kept / target.name)
if to == "typst":
    config = yaml.safe_load((target / "_quarto.yml").read_text())
    pdf = target / config["project"]["output-dir"] / (config["book"]["output-file"] + ".pdf")
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-quarto")
else:
    target.with_suffix(".html").write_text("<html>quarto</html>")
"""


@pytest.fixture(scope="module")
def quarto_render(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("quarto")
    shutil.copytree(FIXTURES, tmp / "book")
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "quarto"
    fake.write_text(FAKE_QUARTO.format(python=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    log = tmp / "calls.json"
    patch = pytest.MonkeyPatch()
    patch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    patch.setenv("FAKE_QUARTO_LOG", str(log))
    try:
        book = load_book_config(tmp / "book" / "_quarto.yml")
        result = render_report(book, tmp / "out", {"period": "2009-T3"}, subtitle=SUBTITLE)
    finally:
        patch.undo()
    return result, json.loads(log.read_text()), tmp / "kept"


def test_quarto_renders_typst_and_one_html_page_without_executing(quarto_render):
    result, calls, kept = quarto_render
    assert result.engine == "quarto"
    assert result.pdf.read_bytes() == b"%PDF-quarto"
    assert result.html.name == "rapport.html" and "quarto" in result.html.read_text()
    assert [c["args"][0::2] for c in calls] == [["render", "--to"], ["render", "--to"]]
    assert [c["args"][3] for c in calls] == ["typst", "html"]
    assert Path(calls[0]["args"][1]).name == "quarto-book"
    assert Path(calls[1]["args"][1]).name == "rapport.ipynb"
    assert all("--execute" not in c["args"] for c in calls)  # papermill executed them once
    assert all(c["python"] == sys.executable for c in calls)
    assert [p.name for p in result.notebooks] == ["chapter.ipynb"]


def test_quarto_gets_the_executed_book_with_the_run_subtitle(quarto_render):
    _, _, kept = quarto_render
    config = yaml.safe_load((kept / "quarto-book" / "_quarto.yml").read_text("utf-8"))
    assert config["book"]["subtitle"] == SUBTITLE
    assert config["book"]["chapters"] == ["index.md", "chapter.ipynb"]
    assert config["format"]["typst"]["papersize"] == "a4"
    chapter = nbformat.read(kept / "quarto-book" / "chapter.ipynb", as_version=4)
    outputs = [o for c in chapter.cells if c.cell_type == "code" for o in c.outputs]
    assert any("stdout-tekst uit de cel" in o.get("text", "") for o in outputs)


def test_single_html_page_is_one_notebook_with_front_matter(quarto_render):
    _, _, kept = quarto_render
    nb = nbformat.read(kept / "rapport.ipynb", as_version=4)
    front = yaml.safe_load(nb.cells[0].source.strip("-\n"))
    assert nb.cells[0].cell_type == "raw"
    assert front["format"]["html"]["embed-resources"] is True
    assert (front["title"], front["subtitle"], front["lang"]) == (
        "Testrapport Werkpleinen", SUBTITLE, "nl"
    )  # fmt: skip
    assert front["execute"] == {"echo": False, "warning": False}
    assert "# Inleiding" in nb.cells[1].source  # the Markdown chapter
    assert len({c.id for c in nb.cells}) == len(nb.cells)
