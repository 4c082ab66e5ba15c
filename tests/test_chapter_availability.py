"""A chapter whose `compute.available(period, paths)` is False is left out of that period's
report, and the introduction says so in one line."""

from __future__ import annotations

import importlib
import shutil
import signal
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import PERIOD
from pypdf import PdfReader
from typer.testing import CliRunner

import analysis.chapters
from analysis.chapters import chapter_available, chapter_title, missing_note
from analysis.core.config import Paths
from analysis.core.periods import Period

NOTEBOOK = "notebooks/03-inspectie.ipynb"
COMPUTE = """
def available(period, paths):
    return (paths.raw / "inspectie" / str(period)).is_dir()


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


def test_available_follows_the_chapter(fake_chapter, tmp_path):
    paths = Paths(tmp_path / "root")
    assert not chapter_available(NOTEBOOK, Period.parse(PERIOD), paths)
    (paths.raw / "inspectie" / PERIOD).mkdir(parents=True)
    assert chapter_available(NOTEBOOK, Period.parse(PERIOD), paths)
    assert not chapter_available(NOTEBOOK, Period.parse("2010-T1"), paths)


def test_chapters_without_available_are_kept_without_importing_them(monkeypatch):
    imported = []
    real = importlib.import_module

    def recording(name, *args, **kwargs):
        if name.endswith(".compute"):
            imported.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", recording)
    assert chapter_available("notebooks/01-landkaart.ipynb", Period.parse(PERIOD), Paths())
    assert chapter_available("index.md", Period.parse(PERIOD), Paths())
    assert chapter_available("notebooks/09-zonder-pakket.ipynb", Period.parse(PERIOD), Paths())
    assert imported == []  # landkaart defines no `available`: its numbers are not loaded
    assert chapter_available("notebooks/02-trend.ipynb", Period.parse(PERIOD), Paths())
    assert imported == ["analysis.chapters.trend.compute"]


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


def test_run_leaves_the_chapter_out_and_says_so(fake_chapter, rendered, tmp_path, monkeypatch):
    """`analysis run` (in this process, so that it sees the fake package): the chapter is
    neither executed nor rendered, and the introduction says why."""
    root = tmp_path / "project"
    shutil.copytree(rendered, root)
    write_notebook(root)
    config = yaml.safe_load(Paths(root).quarto_config.read_text("utf-8"))
    config["book"]["chapters"].insert(3, NOTEBOOK)
    Paths(root).quarto_config.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    from analysis.cli import app

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # as `rendered` was run (conftest.run_cli)

    handler = signal.getsignal(signal.SIGTERM)
    try:
        result = CliRunner().invoke(app, ["--root", str(root), "run", "--period", PERIOD])
    finally:
        signal.signal(signal.SIGTERM, handler)
    assert result.exit_code == 0, result.output
    assert f"leaving out {NOTEBOOK}: no data for {PERIOD}" in result.output
    assert f"executing {NOTEBOOK}" not in result.output
    # the chapters that do not read the book's files come from the cache (the appendix's
    # colophon hashes every notebook and _quarto.yml, so it runs again)
    assert "reusing notebooks/01-landkaart.ipynb" in result.output
    out = Paths(root).report_dir(PERIOD)
    assert not (out / NOTEBOOK).exists()
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(out / "rapport.pdf").pages
    )
    text = text.replace("- ", "")  # words hyphenated at line ends
    # with the inspection chapter, which has no data for 2009-T3 either
    assert "Ontbrekende hoofdstukken" in text
    assert (
        "Het hoofdstuk ‘Inspectie *en* toezicht’ ontbreekt in dit rapport: voor 2009-T3 zijn "
        "geen inspectiegegevens." in text
    )
    assert "dit hoofdstuk mag niet draaien" not in text
