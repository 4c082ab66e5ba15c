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
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from analysis.core import inputs
from analysis.core.config import Paths

PACKAGES = (
    "pandas", "numpy", "matplotlib", "scipy", "statsmodels", "babel", "openpyxl", "pandera",
    "papermill", "nbclient", "nbformat", "ipykernel", "pypandoc-binary", "typst", "pyyaml",
    "pyarrow", "duckdb",
)  # fmt: skip
ENGINE_ENV = "ANALYSIS_RENDER_ENGINE"  # set by analysis.render while it executes notebooks
# What the code version looks at: the tracked inputs and code of a run (not its outputs).
_TRACKED = ("src", "notebooks", "data/raw", "docs", "_quarto.yml", "index.md", "pyproject.toml")


def sha256(path: Path) -> str:
    """sha256 of a file, read in blocks under the input policy (`core.inputs`)."""
    return inputs.sha256(path)


def files_under(folder: Path, root: Path | None = None) -> list[Path]:
    """Files under `folder`, sorted, without hidden files and Python caches; a FIFO, device,
    socket or link out of the project is bad input (`core.inputs.files_under`)."""
    return inputs.files_under(folder, root)


def input_hashes(paths: Paths) -> dict[str, str]:
    """sha256 of every file a run reads, by path relative to the project root."""
    hashes = {}
    for source in paths.run_inputs:
        if not os.path.lexists(source):
            continue
        for file in files_under(source, paths.root):
            hashes[file.relative_to(paths.root).as_posix()] = inputs.sha256(file, paths.root)
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
    for sidecar in files_under(paths.raw, paths.root):
        if sidecar.suffix.lower() != ".json":
            continue
        meta = inputs.read_json(sidecar, paths.root)
        if isinstance(meta, dict) and meta.get("synthetic") is True:
            found.append(sidecar.relative_to(paths.root).as_posix())
    return found


def title_lines(record: dict, data_until: str) -> dict[str, str]:
    """The title page's date, version and status lines (Dutch), from the provenance `record`."""
    code = record["code"]
    if code["commit"] is None:
        text = "versie: onbekend (geen git-werkmap)"
    else:
        text = f"versie: commit {code['commit'][:12]}" + (
            ", met niet vastgelegde wijzigingen" if code["dirty"] else ""
        )
    status = (
        "Status: demonstratie met synthetische gegevens"
        if record["synthetic_inputs"]
        else "Status: herberekening met echte gegevens"
    )
    return {"date": f"Gegevens tot en met {data_until}", "version": text, "status": status}


def record(paths: Paths, parameters: dict[str, str], chapters: list[str],
           left_out: list[str], published: list[str]) -> dict:  # fmt: skip
    """What made a report, for its colophon and summary (the run's provenance step writes it
    as JSON; a notebook run alone computes the same in memory): the report's chapters, those
    left out and the published tables they read, the sha256 of every input, the code
    version, package versions, the parameters, the engine, the fixed build time and the
    inputs marked synthetic."""
    return {
        "chapters": list(chapters),
        "left_out": list(left_out),
        "published": list(published),
        "inputs": input_hashes(paths),
        "code": dataclasses.asdict(code_version(paths.root)),
        "versions": versions(),
        "parameters": dict(parameters),
        "engine": engine(),
        "built": int(build_timestamp().timestamp()),
        "synthetic_inputs": synthetic_inputs(paths),
    }
