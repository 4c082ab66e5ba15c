"""A chapter whose required input (dag.yml's `requires`) the period lacks is left out of that
period's report, and the introduction says so in one line."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from conftest import PERIOD, copy_project, run_cli
from pypdf import PdfReader

import analysis.chapters
from analysis.chapters import ChapterOutputs, chapter_title, missing_note, report_chapters
from analysis.chapters.verantwoording import text as appendix
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study.dag import published_tables

NOTEBOOK = "notebooks/03-inspectie.ipynb"
COMPUTE = """
def tables(period, scoring_rule, paths):
    return {}
"""
TEXT = """
def unavailable(period, paths):
    return f"voor {period} zijn geen inspectiegegevens"
"""


@pytest.fixture
def fake_chapter(tmp_path, monkeypatch):
    """A chapter package `inspectie` (outside the source tree) and its notebook in a root."""
    package = tmp_path / "chapters" / "inspectie"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", "utf-8")
    (package / "compute.py").write_text(COMPUTE, "utf-8")
    (package / "text.py").write_text(TEXT, "utf-8")
    monkeypatch.setattr(
        analysis.chapters, "__path__", [*analysis.chapters.__path__, str(package.parent)]
    )
    yield package
    for name in [m for m in sys.modules if m.startswith("analysis.chapters.inspectie")]:
        del sys.modules[name]


def write_notebook(root: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Inspectie *en* toezicht {#sec-inspectie}\n\nTekst."),
        nbformat.v4.new_code_cell('period = "2009-T3"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell('raise RuntimeError("dit hoofdstuk mag niet draaien")'),
    ]
    (root / NOTEBOOK).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, root / NOTEBOOK)


def test_the_gap_chapter_needs_an_inspection_at_or_before_the_period(tmp_path):
    """The interpretation-gap chapter is in every report from the first inspection on (the
    latest one at or before the period counts), and only there."""
    paths = Paths()
    chapters = ["landkaart", "trend", "interpretatieverschillen", "arbeidsmarkt", "enquetes",
                "toonkamer"]  # fmt: skip
    assert report_chapters(Period.parse(PERIOD), paths) == chapters
    assert "interpretatieverschillen" in report_chapters(Period.parse("2008-T1"), paths)
    copy = Paths().copy_inputs_to(tmp_path)
    _without_inspection(copy.root)
    left = report_chapters(Period.parse(PERIOD), copy)
    assert "interpretatieverschillen" not in left
    # no trace in the appendix: neither its published table nor its method
    assert "iwi-2008-inspectie" in published_tables(chapters)
    assert "iwi-2008-inspectie" not in published_tables(left)
    stub = SimpleNamespace(chapters=[ChapterOutputs(n, n, {}, None) for n in left])
    assert "kappa" not in appendix.methods(stub) and "toonkamer" in appendix.methods(stub)


def _without_inspection(root: Path) -> None:
    """No inspection judgements in a project copy (the folder keeps its README)."""
    for data in (root / "data" / "raw" / "inspectie").rglob("inspectie-*"):
        data.unlink()


def test_missing_note_names_title_and_reason(fake_chapter, tmp_path):
    paths = Paths(tmp_path)
    write_notebook(tmp_path)
    assert chapter_title("inspectie", paths) == "Inspectie *en* toezicht"
    note = missing_note([NOTEBOOK], Period.parse(PERIOD), paths)
    assert note == (
        '::: {.callout-note title="Ontbrekend hoofdstuk"}\n'
        "Het hoofdstuk ‘Inspectie \\*en\\* toezicht’ ontbreekt in dit rapport: "
        "voor 2009-T3 zijn geen inspectiegegevens.\n:::"
    )
    two = missing_note([NOTEBOOK, "notebooks/01-landkaart.ipynb"], Period.parse(PERIOD), paths)
    assert two.startswith('::: {.callout-note title="Ontbrekende hoofdstukken"}')
    assert (  # a chapter without text.unavailable gets the general reason
        "Het hoofdstuk ‘landkaart’ ontbreekt in dit rapport: dit rapport heeft de gegevens niet "
        "waarop het rust." in two
    )


@pytest.mark.e2e
def test_run_leaves_the_chapter_out_and_says_so(tmp_path):
    """A project without any inspection judgements: the gap chapter is neither executed nor
    rendered, the introduction says why, and the appendix holds no trace of it."""
    notebook = "notebooks/03-interpretatieverschillen.ipynb"
    root = copy_project(tmp_path / "project", book=("index.md", notebook))
    _without_inspection(root)
    result = run_cli(root, "run", "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    assert f"leaving out {notebook}: no data for {PERIOD}" in result.stderr
    assert f"executing {notebook}" not in result.stderr
    out = Paths(root).report_dir(PERIOD)
    assert not (out / notebook).exists()
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(out / "rapport.pdf").pages
    )
    text = text.replace("- ", "").replace("\u00ad", "")  # words hyphenated at line ends
    assert "Ontbrekend hoofdstuk" in text
    assert "Het hoofdstuk ‘Interpretatieverschillen" in text
    assert "tot en met het 3e tertaal 2009 heeft geen inspectie" in text
    assert "niet beschikbaar" not in text
