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
from analysis.core.errors import InputError, quote
from analysis.core.inputs import folders_and_files
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

    The one listing of input folders (`analysis run`, `analysis ingest`, the chapters and the
    factsheets all use it), under the input policy (`core.inputs`): a folder name must be
    exactly a unit's name ('2009-T3', '2009-H2'). One that would be a unit's name but for its
    spaces, case or separators ('2009-H2 ', '2010-h1', '2009_T3') is refused with the name it
    should have, never merged with another or ignored; a file or special file where a unit
    folder belongs is refused too. Of an `optional` kind, a folder without a data file is no
    unit. Other folders (e.g. 'archief') are returned as ignored, for a warning.
    """
    root = paths.raw / kind
    optional = bool(load_dag()["ingest"].get(kind, {}).get("optional"))
    if not root.is_dir():
        return [], []
    if how == "one":
        return (["."] if _has_files(root, paths) else []), []
    parse = Period.parse if how == "periods" else Wave.parse
    folders, files = folders_and_files(root, paths.root)
    found, ignored = [], []
    for entry in [*folders, *files]:
        unit = unit_name(entry.name, parse)
        if unit is None:
            if entry in folders:
                ignored.append(entry.name)
            continue
        if unit != entry.name:
            raise InputError(entry, f"the folder name must be exactly {quote(unit)}, not "
                             f"{quote(entry.name)}")  # fmt: skip
        if entry in files:
            raise InputError(entry, f"a file named like a {kind} unit: {unit} must be a folder")
        wanted = parse(unit) <= period if how == "periods" else parse(unit).reported_in(period)
        if wanted and (_has_files(entry, paths) or not optional):
            found.append(unit)
    return sorted(found, key=parse), ignored


def unit_name(name: str, parse) -> str | None:
    """The unit a folder name stands for ('2010-h1' -> '2010-H1', '2009_T3 ' -> '2009-T3'),
    or None when it stands for none."""
    text = re.sub(r"[\s_.]+", "-", name.strip()).upper()
    text = re.sub(r"^(\d{4})-?([A-Z])-?(\d)$", r"\1-\2\3", text)
    try:
        return str(parse(text))
    except ValueError:
        return None


def _has_files(folder: Path, paths: Paths) -> bool:
    _, files = folders_and_files(folder, paths.root)
    return any(p.suffix.lower() not in (".md", ".txt") for p in files)


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
