"""A chapter whose required input (dag.yml's `requires`) the period lacks is left out of that
period's report, and the introduction says so in one line."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from conftest import PERIOD
from pypdf import PdfReader

import analysis.chapters
from analysis.chapters import chapter_title, missing_note, report_chapters
from analysis.core.config import Paths
from analysis.core.periods import Period

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


def test_the_chapter_needs_the_inspection_of_its_period(tmp_path):
    """The interpretation-gap chapter requires the inspection judgements of its period."""
    paths = Paths()
    assert "interpretatieverschillen" in report_chapters(Period.parse("2008-T1"), paths)
    chapters = report_chapters(Period.parse(PERIOD), paths)
    assert "interpretatieverschillen" not in chapters
    assert chapters == ["landkaart", "trend", "arbeidsmarkt", "enquetes", "toonkamer"]


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
        "Het hoofdstuk ‘landkaart’ ontbreekt in dit rapport: voor het 3e tertaal 2009 zijn de "
        "gegevens ervoor niet beschikbaar." in two
    )


@pytest.mark.e2e
def test_run_leaves_the_chapter_out_and_says_so(rendered_run):
    """The session's run of 2009-T3 (no inspection that period): the chapter is neither
    executed nor rendered, and the introduction says why."""
    root, result = rendered_run
    notebook = "notebooks/03-interpretatieverschillen.ipynb"
    assert f"leaving out {notebook}: no data for {PERIOD}" in result.stderr
    assert f"executing {notebook}" not in result.stderr
    out = Paths(root).report_dir(PERIOD)
    assert not (out / notebook).exists()
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(out / "rapport.pdf").pages
    )
    text = text.replace("- ", "")  # words hyphenated at line ends
    assert "Ontbrekend hoofdstuk" in text
    assert "Het hoofdstuk ‘Interpretatieverschillen" in text
