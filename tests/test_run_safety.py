"""`analysis run` under hostile names, failures, concurrency and termination (issue 9)."""

from __future__ import annotations

import base64
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import PERIOD, SMALL_BOOK, copy_project, run_cli, tree_digest
from pypdf import PdfReader

from analysis import pipeline, render
from analysis.core.config import Paths
from analysis.core.periods import Period

pytestmark = pytest.mark.e2e
NEW = "2010-T1"
MILESTONES = [f"M{n:02d}" for n in range(1, 15)]


def write_export(folder: Path, names: list[str], name: str = "export.csv", answer="groen"):
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["locatie", *MILESTONES])
        for i, location in enumerate(names):
            cells = ["rood", "oranje", "blauw", "groen"] * 5
            writer.writerow([location, *cells[i % 4 : i % 4 + 14]])
        if answer != "groen":
            writer.writerow(["WP-extra", answer, *["groen"] * 13])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def live_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every tag of the document with its attributes, as a browser would see them."""
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def outputs(root: Path) -> list[dict[str, str]]:
    return [tree_digest(Paths(root).processed), tree_digest(Paths(root).reports)]


@pytest.mark.heavy(8)
def test_hostile_names_stay_inert_text(tmp_path):
    """Input text never becomes live HTML, and no local file is read into the report."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731", "utf-8")
    names = [
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(2)">klik</a>',
        '<iframe src="https://example.org/"></iframe>',
        f'<img src="{secret}">',
        f"![x]({secret})",
        "[/] $x$ @fig-x `code` *em* &lt;b&gt;",
    ]
    chapters = ("notebooks/02-trend.ipynb", "notebooks/04-arbeidsmarkt.ipynb")  # names, labels
    root = copy_project(tmp_path / "p", book=(*SMALL_BOOK, *chapters))
    write_export(Paths(root).landkaart_raw(NEW), names, name="export `tick`.csv")
    series = Paths(root).arbeidsmarkt / "standcijfers.csv"  # labels of another input kind
    hostile = '<b onmouseover=""alert(3)"">AG</b>'  # CSV-quoted
    series.write_text(
        series.read_text("utf-8").replace("Aantal AG uitkeringen", f'"{hostile}"'), "utf-8"
    )
    result = run_cli(root, "run", "--period", NEW)
    assert result.returncode == 0, result.stderr
    out = Paths(root).report_dir(NEW)
    html = (out / "rapport.html").read_text("utf-8")
    tags = live_tags(html)
    assert not [t for t, _ in tags if t in ("iframe", "object", "embed")]
    # the one script is the renderer's own navigation (templates/report.js), inlined as it is
    own = (Path(render.__file__).parent / "templates" / "report.js").read_text("utf-8")
    assert [t for t, _ in tags if t == "script"] == ["script"]
    assert html.split("<script>", 1)[1].split("</script>", 1)[0].strip() == own.strip()
    assert not [a for _, attrs in tags for a, v in attrs if a.startswith("on")]
    assert not [v for _, attrs in tags for a, v in attrs if (v or "").startswith("javascript:")]
    sources = [v for t, attrs in tags if t == "img" for a, v in attrs if a == "src"]
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as text
    assert "&lt;iframe" in html
    assert "TOP-SECRET" not in html
    assert base64.b64encode(b"TOP-SECRET-7731")[:12].decode() not in html
    # the export's file name is not shown in the body (issue 20), and never as markup
    assert "<code>tick</code>" not in html
    pdf = " ".join(page.extract_text() for page in PdfReader(out / "rapport.pdf").pages)
    assert "TOP-SECRET" not in pdf and "onerror=alert(1)" in " ".join(pdf.split())


def test_edited_earlier_export_and_malformed_new_period_change_nothing(rendered, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(rendered, root)
    earlier = Paths(root).landkaart_raw("2008-T1") / "landkaart-2008-T1-synthetisch.csv"
    lines = earlier.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("niet", "volledig", 1)  # a valid edit of an earlier period
    earlier.write_text("\n".join(lines) + "\n", "utf-8")
    write_export(Paths(root).landkaart_raw(NEW), ["WP-001", "WP-002"], answer="bijna")
    before = outputs(root)
    result = run_cli(root, "run", "--period", NEW)
    assert result.returncode == 2, result.stderr
    assert "export.csv, row 4, column 'M01': unknown answer 'bijna'" in result.stderr
    assert "executing" not in result.stderr
    assert outputs(root) == before


def test_a_failure_while_rendering_changes_nothing(rendered, tmp_path):
    """A chapter that fails: exit 1 naming its cell; data/processed and reports/ as before
    (though the ingest steps and other chapters of the run had succeeded)."""
    root = tmp_path / "p"
    shutil.copytree(rendered, root)
    config = Paths(root).quarto_config  # a book of two chapters: the failure is what counts
    book = yaml.safe_load(config.read_text("utf-8"))
    book["book"]["chapters"] = [*SMALL_BOOK, "notebooks/04-arbeidsmarkt.ipynb"]
    book["book"].pop("appendices")
    config.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False), "utf-8")
    write_export(Paths(root).landkaart_raw(NEW), ["WP-001", "WP-002", "WP-003"])
    notebook = Paths(root).notebooks / "04-arbeidsmarkt.ipynb"
    notebook.write_text(
        notebook.read_text("utf-8").replace("am = compute.load(period, root)", "1 / 0"), "utf-8"
    )
    before = outputs(root)
    result = run_cli(root, "run", "--period", NEW)
    assert result.returncode == 1, result.stderr
    assert "04-arbeidsmarkt.ipynb: cell In [" in result.stderr
    assert "ZeroDivisionError" in result.stderr
    assert outputs(root) == before


def test_a_markup_like_answer_is_reported_verbatim(tmp_path):
    root = copy_project(tmp_path, book=SMALL_BOOK)
    write_export(Paths(root).landkaart_raw(NEW), ["WP-001"], answer="[/]")
    result = run_cli(root, "run", "--period", NEW)
    assert result.returncode == 2, result.stderr
    assert "unknown answer '[/]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_options_are_checked_before_any_work(tmp_path):
    root = copy_project(tmp_path)
    result = run_cli(root, "run", "--engine", "nope")
    assert result.returncode == 2 and "nope" in result.stderr
    assert "Traceback" not in result.stderr and not Paths(root).processed.exists()
    result = run_cli(root, "synthesize", "--seed", "-1")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.heavy(6)
def test_simultaneous_runs_wait_for_each_other(rendered, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(rendered, root)  # the chapters come from the cache: the lock is tested
    (Paths(root).report_dir(PERIOD) / "manifest.json").unlink()  # not a no-op
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    cmd = [sys.executable, "-m", "analysis.cli", "--root", str(root), "run", "--period", PERIOD]
    runs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in runs]
    for code, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr
    assert sum("another run of this project is busy" in s for _, s in results) >= 1
    out = Paths(root).report_dir(PERIOD)
    assert len(PdfReader(out / "rapport.pdf").pages) > 10
    assert (out / "rapport.html").read_text("utf-8").rstrip().endswith("</html>")
    assert not [p for p in Paths(root).reports.iterdir() if p.name.startswith(".")]


def test_sigterm_leaves_everything_as_it_was(tmp_path):
    root = copy_project(tmp_path, book=SMALL_BOOK)
    before = outputs(root)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    cmd = [sys.executable, "-m", "analysis.cli", "--root", str(root), "run", "--period", PERIOD]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    for line in proc.stderr:
        if "executing notebooks/" in line:
            break
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 130, rest
    assert "interrupted" in rest and "Traceback" not in rest
    assert outputs(root) == before
    assert not [p for p in Paths(root).reports.glob(".*")]


def test_run_all_goes_on_past_a_broken_period(tmp_path):
    """Issue 11 (batch): every period folder runs; the summary names the broken one; exit 1."""
    root = copy_project(tmp_path, book=SMALL_BOOK)
    for folder in Paths(root).landkaart_root.iterdir():
        if folder.name != PERIOD:
            shutil.rmtree(folder)
    write_export(Paths(root).landkaart_raw(NEW), ["WP-001"], answer="bijna")
    result = run_cli(root, "run", "--all")
    assert result.returncode == 1, result.stderr
    summary = result.stderr[result.stderr.index("analysis run --all") :]
    assert "2009-T3" in summary and "ok" in summary
    assert "2010-T1" in summary and "failed" in summary and "bijna" in summary
    assert (Paths(root).report_dir(PERIOD) / "rapport.pdf").exists()
    assert not Paths(root).report_dir(NEW).exists()
    assert "Traceback" not in result.stderr


def test_a_run_with_nothing_changed_stops_at_once(rendered, tmp_path):
    """Same inputs, code and parameters: no work, same bytes; an edited output makes the
    report run again, and only the report (that run's bytes: test_steps, cached run)."""
    root = tmp_path / "project"
    shutil.copytree(rendered, root)  # a cold run's outputs (same bytes in any root)
    out = Paths(root).report_dir(PERIOD)
    before = outputs(root)
    started = time.perf_counter()
    result = run_cli(root, "run", "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    assert "nothing changed since the last run of 2009-T3" in result.stderr
    assert time.perf_counter() - started < 10 and "executing" not in result.stderr
    assert outputs(root) == before
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {"rapport.pdf", "rapport.html", "tables/landkaart-phases.csv"} <= set(
        manifest["outputs"]
    )
    (out / "rapport.html").write_text("edited by hand", "utf-8")
    request = pipeline.Request(Period.parse(PERIOD), "ako-2009")
    running = {d.step.id: d.why for d in pipeline.plan(request, Paths(root)) if d.run}
    assert running == {"report": "its outputs were changed or removed"}


@pytest.mark.heavy(15)
def test_a_changed_input_executes_only_the_chapters_that_read_it(rendered, tmp_path):
    """A corrected labour-market value re-executes its ingest step and that chapter (and the
    gathering chapters, which read every chapter's outputs), nothing else."""
    root = tmp_path / "project"
    shutil.copytree(rendered, root)
    series = Paths(root).arbeidsmarkt / "uitstroom.csv"
    series.write_text(series.read_text("utf-8").replace(",246848,", ",246849,", 1), "utf-8")
    tables = Paths(root).report_dir(PERIOD) / "tables"
    landkaart = (tables / "landkaart-phases.csv").read_bytes()
    outflow = (tables / "arbeidsmarkt-outflow.csv").read_bytes()
    result = run_cli(root, "run", "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    assert "validating ingest/arbeidsmarkt" in result.stderr
    assert "executing notebooks/04-arbeidsmarkt.ipynb" in result.stderr
    assert "reusing notebooks/01-landkaart.ipynb" in result.stderr
    assert "reusing notebooks/02-trend.ipynb" in result.stderr
    assert "reusing ingest/landkaart/2009-T3" in result.stderr
    assert (tables / "landkaart-phases.csv").read_bytes() == landkaart
    changed = (tables / "arbeidsmarkt-outflow.csv").read_bytes()
    assert changed != outflow and b",246849," in changed
