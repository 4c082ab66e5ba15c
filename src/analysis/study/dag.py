"""The run's step graph as declared in `dag.yml` (read by `analysis.pipeline.graph`), and the
light helpers it needs: which notebook is which chapter, and which units of an input kind a
period's run has. Standard library and PyYAML only: `analysis steps` and a run with nothing
changed use it without importing pandas.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.study.waves import Wave

DAG_FILE = Path(__file__).with_name("dag.yml")
_NOTEBOOK = re.compile(r"^\d+[-_](?P<name>[a-z][a-z0-9_]*)$")


def chapter_name(notebook: str | Path) -> str | None:
    """'notebooks/02-trend.ipynb' -> 'trend'; None for a part that is no notebook."""
    path = Path(notebook)
    match = _NOTEBOOK.match(path.stem)
    return match["name"] if path.suffix == ".ipynb" and match else None


@functools.cache
def load_dag(path: Path = DAG_FILE) -> dict:
    """dag.yml, read once per process (callers must not change it)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def units(kind: str, how: str, period: Period, paths: Paths) -> tuple[list[str], list[str]]:
    """The unit folders of an input kind for a run of `period`, and folders that are none.

    A folder name must be exactly a unit's name ('2009-T3', '2009-H2'): one with spaces or
    another case is refused with the name it should have, never merged or ignored. Of an
    `optional` kind, a folder without a data file is no unit.
    """
    root = paths.raw / kind
    optional = bool(load_dag()["ingest"].get(kind, {}).get("optional"))
    if how == "one":
        return (["."] if root.is_dir() and _has_files(root) else []), []
    parse = Period.parse if how == "periods" else Wave.parse
    units, ignored = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        try:
            unit = parse(folder.name.strip().upper())
        except ValueError:
            ignored.append(folder.name)
            continue
        if str(unit) != folder.name:
            raise InputError(folder, f"the folder name must be exactly {str(unit)!r}")
        wanted = unit <= period if how == "periods" else unit.reported_in(period)
        if wanted and (_has_files(folder) or not optional):
            units.append(str(unit))
    return units, ignored


def _has_files(folder: Path) -> bool:
    return any(
        p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in (".md", ".txt")
        for p in folder.iterdir()
    )


def published_tables(chapters: list[str]) -> list[str]:
    """The published tables (names in data/raw/published) that these chapters read, sorted."""
    declared = load_dag()["chapters"]
    return sorted({t for name in chapters for t in declared.get(name, {}).get("published", [])})


def in_report(name: str, period: Period, paths: Paths, dag: dict | None = None) -> bool:
    """Whether a chapter belongs in the period's report: from its first period on (`from`),
    and when data/raw holds every kind or unit it `requires` ('inspectie' or
    'inspectie/{period}')."""
    dag = dag or load_dag()
    spec = dag["chapters"][name]
    if "from" in spec and period < Period.parse(str(spec["from"])):
        return False
    for required in spec.get("requires", []):
        kind, _, unit = required.replace("{period}", str(period)).partition("/")
        found, _ = units(kind, dag["ingest"][kind]["units"], period, paths)
        if not (unit in found if unit else found):
            return False
    return True
