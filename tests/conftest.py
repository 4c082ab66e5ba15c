"""Shared fixtures: the codebook, hand-made answers, ingested copies, end-to-end runs."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.core.config import Paths
from analysis.study.codebook import Codebook, load_codebook

E2E_FIXTURES = {"rendered", "rendered_run"}  # they run the CLI


def pytest_collection_modifyitems(items):
    """Every test that uses the session's run of the CLI is end to end (marker e2e), like
    those marked so by hand: `make test-fast` leaves them out. The heavy tests go first
    (longest first, as a scheduler would): none is left to run alone at the end."""
    for item in items:
        if E2E_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)

    def seconds(item) -> float:
        heavy = item.get_closest_marker("heavy")
        return heavy.args[0] if heavy else 0

    items.sort(key=seconds, reverse=True)  # stable: the others keep their order


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return load_codebook()


def make_answers(rows: dict[str, list[int | None]]) -> pd.DataFrame:
    """Tidy answers from {location: [category of M01, M02, ...]} (None = blank)."""
    records = [
        (loc, f"M{j:02d}", cat) for loc, cats in rows.items() for j, cat in enumerate(cats, start=1)
    ]
    frame = pd.DataFrame(records, columns=["location", "milestone", "category"])
    frame["category"] = frame["category"].astype("Int64")
    return frame


@pytest.fixture(scope="session")
def chapter_tables_2009(ingested_root) -> dict[str, dict[str, pd.DataFrame]]:
    """Every book chapter's tidy tables for 2009-T3, computed once per session (in memory,
    as a notebook run alone computes them): chapter notebook -> {table: frame}."""
    from analysis.chapters import chapter_name, chapter_tables
    from analysis.core.periods import Period
    from analysis.render import load_book_config

    parts = load_book_config(Paths().quarto_config).chapters
    period = Period.parse(PERIOD)
    return {
        part: chapter_tables(part, period, "ako-2009", ingested_root)
        for part in parts
        if chapter_name(part)
    }


@pytest.fixture(scope="session")
def gathered_2009(ingested_root):
    """Every report chapter's outputs for 2009-T3 as the gathering chapters (summary,
    appendix) read them, computed once per session in memory."""
    from analysis.chapters import gathered
    from analysis.core.periods import Period

    return gathered(Period.parse(PERIOD), "ako-2009", ingested_root)


@pytest.fixture(scope="session")
def ingested_root(tmp_path_factory):
    """A copy of the project's inputs with every Landkaart period ingested (as `run` does)."""
    from analysis.ingest.landkaart import ingest_period, raw_periods

    paths = Paths().copy_inputs_to(tmp_path_factory.mktemp("ingested"))
    codebook = load_codebook(paths)
    periods, _ = raw_periods(paths, "2009-T3")
    for period in periods:
        ingest_period(period, paths, codebook)
    return paths


# --- end-to-end helpers -------------------------------------------------------------------

PERIOD = "2009-T3"


# A book of one chapter, for end-to-end tests of the pipeline's mechanics (locks, signals,
# failures, new periods) rather than of the chapters: the full book runs once per session.
SMALL_BOOK = ("index.md", "notebooks/01-landkaart.ipynb")


def copy_project(dest: Path, book: tuple[str, ...] | None = None) -> Path:
    """The inputs of a run (config, chapters, raw data) in a fresh root.

    With `book`, the copy's `_quarto.yml` lists only those chapters (and no appendices).
    """
    root = Paths().copy_inputs_to(dest).root
    if book is not None:
        config = Paths(root).quarto_config
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["book"]["chapters"] = list(book)
        data["book"].pop("appendices", None)
        config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return root


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`analysis --root ROOT ARGS...` in a fresh process, as a user starts it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def git_commit(root: Path) -> str:
    """Make `root` a git repository with one commit of everything in it; return the commit."""
    ident = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    fixed = {**os.environ, "GIT_AUTHOR_DATE": "2010-01-01T00:00:00Z"}
    fixed["GIT_COMMITTER_DATE"] = fixed["GIT_AUTHOR_DATE"]  # same files, same commit
    for args in (["init", "-q"], ["add", "-A"], [*ident, "commit", "-q", "-m", "inputs"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=fixed)
    head = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    )
    return head.stdout.strip()


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def committed_project(root: Path) -> Path:
    """A copy of the project's inputs in `root`, committed, so that the colophon has a
    commit to print (the same commit in every such copy)."""
    copy_project(root)
    git_commit(root)
    return root


def _cold_run(root: Path) -> subprocess.CompletedProcess:
    committed_project(root)
    result = run_cli(root, "run", "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    assert "executing notebooks/01-landkaart.ipynb" in result.stderr  # visible progress
    return result


@pytest.fixture(scope="session")
def rendered_run(tmp_path_factory, worker_id) -> tuple[Path, subprocess.CompletedProcess]:
    """The session's one cold run of the whole book for the default period, in a project copy
    (shared: copy it before changing it), with what the run printed. With pytest-xdist the
    workers share it: the first one to ask runs it, the others wait for it."""
    if worker_id == "master":
        root = tmp_path_factory.mktemp("project")
        return root, _cold_run(root)
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker
    root, printed = shared / "rendered", shared / "rendered.json"
    with open(shared / "rendered.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not printed.is_file():
            result = _cold_run(root)
            printed.write_text(json.dumps([result.returncode, result.stderr]), "utf-8")
    code, stderr = json.loads(printed.read_text("utf-8"))
    return root, subprocess.CompletedProcess([], code, "", stderr)


@pytest.fixture(scope="session")
def rendered(rendered_run) -> Path:
    """The root of the session's cold run (see `rendered_run`)."""
    return rendered_run[0]
