"""The run as a graph of declared steps (issue 19): what runs, what is reused and why, and
warm workers that write the same bytes as one fresh Jupyter kernel per notebook."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import PERIOD, committed_project, copy_project, run_cli, tree_digest

from analysis import pipeline
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.pipeline.graph import build
from analysis.render import load_book_config
from analysis.study.dag import units

T1 = "2008-T1"


def _graph(root: Path, period: str = PERIOD):
    paths = Paths(root)
    return build(Period.parse(period), paths, load_book_config(paths.quarto_config).chapters)


def test_the_graph_of_2009_t3(tmp_path):
    graph = _graph(copy_project(tmp_path))
    ids = [s.id for s in graph.steps]
    periods = ("2008-T1", "2008-T2", "2008-T3", "2009-T1", "2009-T2", "2009-T3")
    assert ids[:6] == [f"ingest/landkaart/{p}" for p in periods]
    assert {"ingest/inspectie/2008-T1", "ingest/enquetes/2009-H2", "ingest/arbeidsmarkt",
            "ingest/toonkamer"} <= set(ids)  # fmt: skip
    assert graph["ingest/inspectie/2008-T1"].after == ("ingest/landkaart/2008-T1",)
    assert graph["chapter/landkaart"].after[-1] == "ingest/landkaart/2009-T3"
    assert graph.left_out == ()  # the gap chapter uses the 2008-T1 inspection
    gap = graph["chapter/interpretatieverschillen"]
    assert {"ingest/inspectie/2008-T1", "ingest/landkaart/2009-T3"} <= set(gap.after)
    gather = graph["gather/samenvatting"]
    assert set(gather.after) == {s.id for s in graph.of_kind("chapter")} | {"provenance"}
    assert ids[-1] == "report"
    positions = {step_id: i for i, step_id in enumerate(ids)}
    for step in graph.steps:  # every step comes after the steps it reads
        assert all(positions[a] < positions[step.id] for a in step.after), step.id
    assert "chapter/interpretatieverschillen" in [s.id for s in _graph(tmp_path, T1).steps]


def test_a_unit_folder_must_be_named_exactly(tmp_path):
    """A wave folder with a trailing space is refused with the name it should have: never
    read as a second copy of the wave (which would count its respondents twice)."""
    paths = Paths(copy_project(tmp_path))
    (paths.raw / "enquetes" / "2009-H2 ").mkdir()
    with pytest.raises(InputError, match="must be exactly '2009-H2'"):
        units("enquetes", "waves", Period.parse(PERIOD), paths)
    (paths.raw / "enquetes" / "2009-H2 ").rmdir()
    (paths.raw / "landkaart" / "2009-t3").mkdir()
    with pytest.raises(InputError, match="must be exactly '2009-T3'"):
        units("landkaart", "periods", Period.parse(PERIOD), paths)


@pytest.mark.e2e
def test_every_step_reads_only_what_it_declares(rendered_run):
    """The session's cold run executed every step and found no undeclared read."""
    _, result = rendered_run
    assert "does not declare" not in result.stderr
    for step in ("ingest/landkaart/2009-T3", "ingest/enquetes/2009-H2", "ingest/toonkamer"):
        assert f"validating {step}" in result.stderr
    assert "executing notebooks/03-interpretatieverschillen.ipynb" in result.stderr
    assert "leaving out" not in result.stderr


@pytest.mark.e2e
def test_steps_says_what_would_run_and_why(rendered, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(rendered, root)
    shown = run_cli(root, "steps", "--period", PERIOD)
    assert shown.returncode == 0, shown.stderr
    assert "0 of 22 steps would run." in shown.stderr
    notebook = Paths(root).notebooks / "04-arbeidsmarkt.ipynb"
    notebook.write_text(notebook.read_text("utf-8").replace("# Arbeidsmarkt", "# Arbeidsmarkt ", 1))
    decisions = {
        d.step.id: d
        for d in pipeline.plan(pipeline.Request(Period.parse(PERIOD), "ako-2009"), Paths(root))
    }
    running = {step_id for step_id, d in decisions.items() if d.run}
    assert running == {"chapter/arbeidsmarkt", "provenance", "gather/samenvatting",
                       "gather/verantwoording", "report"}  # fmt: skip
    assert decisions["chapter/arbeidsmarkt"].why == "changed: notebooks/04-arbeidsmarkt.ipynb"
    assert decisions["gather/samenvatting"].why == "after chapter/arbeidsmarkt, which runs"
    shown = run_cli(root, "steps", "--period", PERIOD)
    assert "chapter/arbeidsmarkt" in shown.stderr and "5 of 22 steps would run." in shown.stderr


@pytest.mark.e2e
@pytest.mark.heavy(32)
def test_cold_warm_and_cached_runs_write_the_same_bytes(request, tmp_path):
    """Cold: every notebook in a fresh Jupyter kernel (--executor kernel), every step run
    (--no-cache), in a fresh copy of the project. Warm: the session's run (forked workers),
    asked for once the cold run is done (it may still be running on another worker).
    Cached: a run after the report was removed, which renders it again from the reused
    steps."""
    cold = committed_project(tmp_path / "cold")
    result = run_cli(cold, "run", "--period", PERIOD, "--no-cache", "--executor", "kernel")
    assert result.returncode == 0, result.stderr
    assert "reusing" not in result.stderr
    rendered = request.getfixturevalue("rendered")
    for relative in ("reports", "data/processed"):
        assert tree_digest(cold / relative) == tree_digest(rendered / relative), relative
    cached = tmp_path / "cached"
    shutil.copytree(rendered, cached)
    shutil.rmtree(Paths(cached).report_dir(PERIOD))
    result = run_cli(cached, "run", "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    assert "executing" not in result.stderr and "reusing notebooks/02-trend.ipynb" in result.stderr
    assert tree_digest(Paths(cached).reports) == tree_digest(Paths(rendered).reports)
    written = tree_digest(Paths(rendered).reports)
    assert {f"{PERIOD}/rapport.pdf", f"{PERIOD}/rapport.html", f"{PERIOD}/manifest.json",
            f"{PERIOD}/tables/landkaart-audit.csv"} <= set(written)  # fmt: skip


@pytest.mark.e2e
def test_a_malformed_inspection_file_stops_the_run_before_any_notebook(rendered, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(rendered, root)
    inspection = Paths(root).inspectie_raw(T1) / f"inspectie-{T1}-synthetisch.csv"
    lines = inspection.read_text("utf-8").splitlines()
    cells = lines[5].split(",")  # row 6: locatie, mijlpaal, oordeel, opmerking
    cells[2] = "half af"
    lines[5] = ",".join(cells)
    inspection.write_text("\n".join(lines) + "\n", "utf-8")
    before = [tree_digest(Paths(root).processed), tree_digest(Paths(root).reports)]
    result = run_cli(root, "run", "--period", T1)
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and inspection.name in errors[0], result.stderr
    assert "row 6, column 'oordeel'" in errors[0] and "half af" in errors[0]
    assert "executing" not in result.stderr
    assert [tree_digest(Paths(root).processed), tree_digest(Paths(root).reports)] == before


@pytest.mark.e2e
def test_a_chapter_step_writes_its_outputs_and_record(rendered):
    folder = Paths(rendered).chapter_dir(PERIOD, "landkaart")
    record = json.loads((folder / "step.json").read_text("utf-8"))
    assert record["step"] == "chapter/landkaart" and record["key"]
    assert {"01-landkaart.ipynb", "facts.json", "tables/landkaart-audit.csv"} <= set(
        record["outputs"]
    )
    assert "notebooks/01-landkaart.ipynb" in record["inputs"]
    assert "step:ingest/landkaart/2009-T3" in record["inputs"]


def test_every_published_table_is_read_by_a_chapter():
    """So that each published value gets a verdict once its chapter is in the report."""
    from analysis.study.dag import load_dag, published_tables

    tables = {p.stem for p in Paths().published.glob("*.csv")}
    assert tables <= set(published_tables(list(load_dag()["chapters"])))


def test_the_report_step_reads_the_folders_the_chapters_write():
    """pipeline.steps names a chapter step's folders without importing the chapters."""
    from analysis import chapters
    from analysis.pipeline import steps

    assert (steps.TABLES, steps.ANNEX) == (chapters.TABLES, chapters.ANNEX)
