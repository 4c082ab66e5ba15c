"""`_quarto.yml` and every cell option in the notebooks, against the keys Quarto's schema allows.

The allowed keys are data (tests/data/quarto-schema/keys.yml), extracted from quarto-cli's
src/resources/schema/ by tests/data/quarto-schema/extract.py; the file names the commit.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml

from analysis.core.config import Paths
from analysis.render import load_book_config
from analysis.render.cells import cell_options
from analysis.render.quarto import html_front_matter

HERE = Path(__file__).parent
KEYS = yaml.safe_load((HERE / "data" / "quarto-schema" / "keys.yml").read_text("utf-8"))
CONFIGS = [Paths().quarto_config, HERE / "fixtures" / "render" / "_quarto.yml"]
NOTEBOOKS = sorted(Paths().notebooks.glob("*.ipynb")) + [HERE / "fixtures/render/chapter.ipynb"]


def unknown_config_keys(config: dict) -> list[str]:
    """Keys of a `_quarto.yml` (or front matter) that Quarto's schema does not know."""
    unknown = [k for k in config if k not in KEYS["top_level"]]
    for section in ("project", "book", "execute"):
        unknown += [f"{section}.{k}" for k in config.get(section) or {} if k not in KEYS[section]]
    formats = config.get("format") or {}
    for fmt, options in formats.items():
        if fmt not in KEYS["formats"]:
            unknown.append(f"format.{fmt} (not in keys.yml; add it to extract.py's FORMATS)")
            continue
        unknown += [f"format.{fmt}.{k}" for k in options or {} if k not in KEYS["formats"][fmt]]
    return unknown


def unknown_cell_options(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    return [
        f"{notebook.name} cell {index}: {key}"
        for index, cell in enumerate(nb.cells, start=1)
        if cell.cell_type == "code"
        for key in cell_options(cell.source)
        if key not in KEYS["cell"]
    ]


def test_keys_name_their_source():
    source = KEYS["source"]
    assert source["repository"] == "https://github.com/quarto-dev/quarto-cli"
    assert len(source["commit"]) == 40 and source["version"].startswith("v1.")
    assert {"fig-cap", "tbl-cap", "label", "output", "eval"} <= set(KEYS["cell"])
    assert "fig-width" not in KEYS["cell"]  # a knitr-only option, not for Jupyter notebooks


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: str(p.relative_to(Paths().root)))
def test_quarto_yml_uses_only_schema_keys(config: Path):
    assert unknown_config_keys(yaml.safe_load(config.read_text("utf-8"))) == []


def test_quarto_yml_is_a_typst_book_that_quarto_may_render():
    config = yaml.safe_load(Paths().quarto_config.read_text("utf-8"))
    assert config["project"]["type"] == "book"
    # Quarto's `pdf` is LaTeX; the PDF is Typst (books since Quarto 1.9)
    assert "typst" in config["format"] and "pdf" not in config["format"]
    # `quarto render` empties its output dir: never the folder of every period's report
    output_dir = Path(config["project"]["output-dir"])
    assert output_dir.parts[0] != "reports" and not output_dir.is_absolute()
    assert config["book"]["output-file"] == "rapport"
    assert config["project"]["execute-dir"] == "project"  # the notebooks' cwd, as papermill
    assert "embed-resources" not in config["format"].get("html", {})  # not for a book
    book = load_book_config(Paths().quarto_config)
    assert (book.papersize, book.pdf.toc, book.pdf.number_sections) == ("a4", True, True)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_cell_options_are_quarto_options(notebook: Path):
    assert unknown_cell_options(notebook) == []


def test_html_front_matter_uses_only_schema_keys():
    matter = html_front_matter(load_book_config(Paths().quarto_config), "Periode 2009-T3")
    assert unknown_config_keys(matter) == []
    assert matter["format"]["html"]["embed-resources"] is True


def test_a_typo_is_caught(tmp_path: Path):
    config = {"book": {"titel": "x"}, "format": {"typst": {"toc": True, "papersize": "a4"}}}
    config["format"]["html"] = {"number-section": True}
    config["excute"] = {"echo": False}
    assert unknown_config_keys(config) == ["excute", "book.titel", "format.html.number-section"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("#| fig-capt: x\n1")])
    nbformat.write(nb, tmp_path / "typo.ipynb")
    assert unknown_cell_options(tmp_path / "typo.ipynb") == ["typo.ipynb cell 1: fig-capt"]
