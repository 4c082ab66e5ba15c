"""Issue 22 from the command line: bad input of every kind is one line and exit 2, before any
step runs, and data/processed and reports/ stay as they were (the in-process side of the
same cases is in tests/test_input_policy.py)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import copy_project, run_cli, tree_digest

from analysis.core.config import Paths

pytestmark = pytest.mark.e2e


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _bad_survey(paths: Paths) -> str:
    sample = paths.enquetes_raw("2008-H2") / "steekproef-2008-H2-synthetisch.csv"
    _edit(sample, "WP-001,", "WP-001,nul")
    return "steekproef-2008-H2-synthetisch.csv, row 2, column 'uitgenodigd': invited 'nul"


def _bad_clients(paths: Paths) -> str:
    _edit(paths.toonkamer / "toonkamer-klanten-synthetisch.csv", ",TK-1,", ",tk-1,")
    return ("toonkamer-klanten-synthetisch.csv, row 2, column 'locatie': unknown location "
            "'tk-1' (written exactly so: 'TK-1'?)")  # fmt: skip


def _bad_inspection(paths: Paths) -> str:
    _edit(paths.inspectie_raw("2008-T1") / "inspectie-2008-T1-synthetisch.csv", "WP-004,M05",
          "WP-04,M05")  # fmt: skip
    return ("inspectie-2008-T1-synthetisch.csv, row 6, column 'locatie': unknown location "
            "'WP-04': not in the Landkaart export of 2008-T1")  # fmt: skip


@pytest.mark.parametrize(
    ("chapter", "period", "spoil"),
    [("05-enquetes", "2008-T3", _bad_survey), ("06-toonkamer", "2008-T2", _bad_clients),
     ("03-interpretatieverschillen", "2008-T1", _bad_inspection)],
)  # fmt: skip
def test_6_ingest_exits_2_on_bad_survey_toonkamer_and_inspection_input(tmp_path, chapter,
                                                                        period, spoil):  # fmt: skip
    root = copy_project(tmp_path, book=("index.md", f"notebooks/{chapter}.ipynb"))
    paths = Paths(root)
    before = tree_digest(paths.processed)
    expected = spoil(paths)
    result = run_cli(root, "ingest", "--period", period)
    assert result.returncode == 2, result.stderr
    assert len(_errors(result.stderr)) == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(paths.processed) == before


def test_1_a_wave_folder_with_a_trailing_space_stops_the_run_naming_it(tmp_path):
    root = copy_project(tmp_path, book=("index.md", "notebooks/05-enquetes.ipynb"))
    paths = Paths(root)
    shutil.copytree(paths.enquetes_raw("2009-H2"), paths.enquetes_root / "2009-H2 ")
    result = run_cli(root, "run", "--period", "2009-T3")
    assert result.returncode == 2, result.stderr
    assert "data/raw/enquetes/2009-H2 : the name '2009-H2 ' has spaces before or after it: " \
           "it must be exactly '2009-H2'" in result.stderr  # fmt: skip
    assert "validating" not in result.stderr and not paths.processed.exists()


def test_2_a_fifo_under_data_raw_stops_the_run_at_once_and_frees_the_lock(tmp_path):
    root = copy_project(tmp_path, book=("index.md", "notebooks/01-landkaart.ipynb"))
    fifo = Paths(root).raw / "landkaart" / "2009-T3" / "notities.json"
    os.mkfifo(fifo)
    started = time.perf_counter()
    result = run_cli(root, "run", "--period", "2009-T3")
    assert result.returncode == 2, result.stderr
    assert time.perf_counter() - started < 30  # the start-up; the refusal itself is instant
    assert "notities.json: a FIFO (named pipe), not a regular file" in result.stderr
    fifo.unlink()
    result = run_cli(root, "steps", "--period", "2009-T3")  # the lock is free
    assert result.returncode == 0 and "another run" not in result.stderr


def test_7_a_link_out_of_the_project_is_refused_and_nothing_of_it_shown(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    root = copy_project(tmp_path / "p", book=("index.md", "notebooks/01-landkaart.ipynb"))
    export = Paths(root).landkaart_raw("2009-T3") / "landkaart-2009-T3-synthetisch.csv"
    export.unlink()
    export.symlink_to(secret)
    result = run_cli(root, "ingest", "--period", "2009-T3")
    assert result.returncode == 2, result.stderr
    assert "a symbolic link to a place outside the project" in result.stderr
    assert "root:x" not in result.stderr + result.stdout


def test_7_a_huge_option_is_quoted_short(tmp_path):
    root = copy_project(tmp_path, book=("index.md",))
    for args in (["steps", "--period", "9" * 100_000], ["run", "--engine", "e" * 100_000]):
        result = run_cli(root, *args)
        assert result.returncode == 2, result.stderr[-500:]
        assert "(100.000 characters)" in result.stderr and len(result.stderr) < 3000


def test_8_a_misnamed_wave_folder_is_reported_not_ignored(tmp_path):
    root = copy_project(tmp_path, book=("index.md", "notebooks/05-enquetes.ipynb"))
    (Paths(root).enquetes_root / "2010-h1").mkdir()
    result = run_cli(root, "ingest", "--period", "2010-T3")
    assert result.returncode == 2
    assert "data/raw/enquetes/2010-h1: the folder name must be exactly '2010-H1'" in result.stderr
