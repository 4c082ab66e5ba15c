"""Provenance of a report: input hashes, code version, package versions, build timestamp.

The run manifest (`analysis.pipeline`) and the report's colophon use the same functions, so
what the colophon prints is what the cache compares.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import platform
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

from analysis.core import inputs
from analysis.core.config import Paths
from analysis.core.errors import InputError

PACKAGES = (
    "pandas", "numpy", "matplotlib", "scipy", "statsmodels", "babel", "openpyxl", "pandera",
    "papermill", "nbclient", "nbformat", "ipykernel", "pypandoc-binary", "typst", "pyyaml",
    "pyarrow", "duckdb",
)  # fmt: skip
ENGINE_ENV = "ANALYSIS_RENDER_ENGINE"  # set by analysis.render while it executes notebooks
# What the code version looks at: the tracked inputs and code of a run (not its outputs).
_TRACKED = ("src", "notebooks", "data/raw", "docs", "_quarto.yml", "index.md", "pyproject.toml")


def input_hashes(paths: Paths, sha256: Callable[[Path, Path], str] | None = None
                 ) -> dict[str, str]:  # fmt: skip
    """sha256 of every file a run reads, by path relative to the project root; `sha256(file,
    root)` may be a run's memo of the hashes it already made (`pipeline.records.Hashes`)."""
    sha256 = sha256 or inputs.sha256
    hashes = {}
    for source in paths.run_inputs:
        if not os.path.lexists(source):
            continue
        for file in inputs.files_under(source, paths.root):
            hashes[file.relative_to(paths.root).as_posix()] = sha256(file, paths.root)
    return hashes


def check_inputs(paths: Paths) -> list[str]:
    """Every input of a run checked under the input policy before anything runs: no FIFO,
    device, socket or link out of the project anywhere in them (refused unopened, by name),
    and every .json under data/raw readable (`synthetic_inputs`, returned). Listing only:
    no file is hashed here."""
    for source in paths.run_inputs:
        if os.path.lexists(source):
            inputs.files_under(source, paths.root)
    return synthetic_inputs(paths)


@functools.cache
def _installed() -> tuple[tuple[str, str | None], ...]:
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return tuple(found.items())


def versions() -> dict[str, str | None]:
    """Python's version and those of the main packages (None when one is not installed);
    read once per process."""
    return dict(_installed())


@dataclass(frozen=True)
class CodeVersion:
    """The git commit of the project and whether its code or inputs differ from it."""

    commit: str | None  # None outside a git work tree
    dirty: bool | None


def code_version(root: Path) -> CodeVersion:
    """Commit and dirty flag from git; outputs (reports, processed data) do not count."""

    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout if proc.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if top is None or Path(top.strip()).resolve() != Path(root).resolve():
        return CodeVersion(None, None)  # not the project's own repository (e.g. a copy)
    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=all", "--", *_TRACKED)
    if commit is None or status is None:
        return CodeVersion(None, None)
    return CodeVersion(commit.strip(), bool(status.strip()))


def build_timestamp() -> dt.datetime:
    """The fixed build time of the report: SOURCE_DATE_EPOCH (default 0), in UTC."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)


def engine() -> str:
    """The engine that renders this report (set by analysis.render), else 'Jupyter'."""
    return os.environ.get(ENGINE_ENV, "Jupyter (interactief)")


def synthetic_inputs(paths: Paths) -> list[str]:
    """Raw input files whose sidecar (.json) says they are synthetic, as relative paths.

    Every .json under data/raw is read under the input policy: special files are refused
    unopened, and a file that is no JSON object is bad input naming it (a sidecar that does
    not parse could hide the mark)."""
    found = []
    if not paths.raw.is_dir():
        return found
    for sidecar in inputs.files_under(paths.raw, paths.root):
        if sidecar.suffix.lower() != ".json":
            continue
        meta = inputs.read_json(sidecar, paths.root)
        if isinstance(meta, dict) and meta.get("synthetic") is True:
            found.append(sidecar.relative_to(paths.root).as_posix())
    return found


def report_date(config: Path) -> dt.date | None:
    """The report's date: `book.date` of the report configuration (_quarto.yml), an ISO date
    (YYYY-MM-DD) that the inspector sets when the report is published; None when unset.

    It is the date on the title page, in the colophon and in the PDF's metadata: an input like
    any other, so the same inputs give the same bytes.
    """
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None  # the renderer reports an unreadable configuration
    value = (data.get("book") or {}).get("date") if isinstance(data, dict) else None
    return date_of(value, config)


def date_of(value: object, config: Path) -> dt.date | None:
    """`book.date` as read from the report configuration `config` (see `report_date`)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(config, f"book.date must be a date as YYYY-MM-DD, not {value!r}") from None


def title_lines(record: dict, data_until: str) -> dict[str, str]:
    """The title page's lines (Dutch), from the provenance `record`: the report's date (or
    that it has none yet), the data's end, version and status."""
    from analysis.core.formatting import day_nl  # babel: only when a report is rendered

    code = record["code"]
    if code["commit"] is None:
        text = "onbekend (geen git-werkmap)"
    else:
        text = f"commit {code['commit'][:12]}" + (
            ", met niet vastgelegde wijzigingen" if code["dirty"] else ""
        )
    status = (
        "Demonstratie met synthetische gegevens; geen oordeel over echte Werkpleinen"
        if record["synthetic_inputs"]
        else "Herberekening met echte gegevens"
    )
    date = record.get("date")
    return {
        "date": day_nl(dt.date.fromisoformat(date)) if date else "nog niet vastgesteld (concept)",
        "data-until": data_until,
        "version": text,
        "status": status,
    }


def record(paths: Paths, parameters: dict[str, str], chapters: list[str],
           left_out: list[str], published: list[str],
           sha256: Callable[[Path, Path], str] | None = None) -> dict:  # fmt: skip
    """What made a report, for its colophon and summary (the run's provenance step writes it
    as JSON; a notebook run alone computes the same in memory): the report's chapters, those
    left out and the published tables they read, the sha256 of every input, the code
    version, package versions, the parameters, the engine, the fixed build time and the
    inputs marked synthetic. `sha256` as for `input_hashes`."""
    return {
        "chapters": list(chapters),
        "left_out": list(left_out),
        "published": list(published),
        "inputs": input_hashes(paths, sha256),
        "code": dataclasses.asdict(code_version(paths.root)),
        "versions": versions(),
        "parameters": dict(parameters),
        "engine": engine(),
        "built": int(build_timestamp().timestamp()),
        "date": None if (day := report_date(paths.quarto_config)) is None else day.isoformat(),
        "synthetic_inputs": synthetic_inputs(paths),
    }
