"""One run of the study as a transaction: validate every input, stage, render, then commit.

`analysis run` either completes or leaves data/processed and reports/ exactly as they were:

1. one run of the project at a time (`project_lock`; a second run waits and says so), and
   what a killed run left behind is removed first (`clean_leftovers`);
2. every Landkaart export up to the period is read and validated before anything is written;
3. the processed data are written to a staging copy (`staged`), from which the chapters'
   tables are computed and the notebooks run (`STAGED_ENV` points their `Paths` at it), and
   the report is rendered into a staging folder;
4. both are committed together, with SIGINT/SIGTERM held back during the renames.

SIGTERM is handled like Ctrl-C (`terminate_as_interrupt`), so the same clean-up runs.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import analysis
from analysis.core.atomic import TMP_PREFIX, swap_all
from analysis.core.config import PROJ_ROOT, STAGED_ENV, Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.core.provenance import code_version, files_under, input_hashes, sha256, versions

LOCK_NAME = ".analysis-run.lock"
STAGE_PREFIX = ".run-"
# What an interrupted run leaves: staging folders and `core.atomic`'s temporary siblings.
_LEFTOVER = re.compile(rf"^({re.escape(STAGE_PREFIX)}|{re.escape(TMP_PREFIX)})")


@contextmanager
def project_lock(paths: Paths, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the project's run lock; call `waiting` once if another run holds it first."""
    try:
        handle = open(paths.root / LOCK_NAME, "a+b")  # noqa: SIM115 (held for the block)
    except OSError as exc:
        raise InputError(paths.root / LOCK_NAME, f"cannot create the run lock: {exc}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_leftovers(paths: Paths) -> list[Path]:
    """Remove what interrupted runs left in data/processed and reports/ (hold the lock).

    A folder that was being swapped out (`.tmp-X.old`) while X is missing is put back first.
    """
    removed = []
    for top in (paths.processed, paths.reports):
        if not top.is_dir():
            continue
        for old in sorted(top.rglob(f"{TMP_PREFIX}*.old")):
            target = old.with_name(old.name[len(TMP_PREFIX) : -len(".old")])
            if not target.exists():
                os.replace(old, target)
        for folder in sorted(top.rglob(".*"), key=lambda p: len(p.parts)):
            if _LEFTOVER.match(folder.name) and folder.exists():
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
                else:
                    folder.unlink()
                removed.append(folder)
    return removed


@dataclass
class Stage:
    """Where a run writes before it commits: staged processed data and report folders."""

    paths: Paths  # processed data read from and written to the staging copy
    reports: Path  # report folders are rendered here, then moved into reports/
    committed: bool = False

    def report_dir(self, period: Period) -> Path:
        return self.reports / str(period)


@contextmanager
def staged(paths: Paths) -> Iterator[Stage]:
    """A staging copy of data/processed and a staging folder for reports.

    Leaving the block without an error commits: the staged folders replace their
    counterparts in data/processed and reports/, with SIGINT/SIGTERM held back, and a failure
    half-way puts the replaced ones back. On an error nothing outside the stage changes.
    While inside, `STAGED_ENV` points notebook kernels (started by this process) at the copy.
    """
    for top in (paths.processed, paths.reports):
        if top.exists() and not top.is_dir():
            raise InputError(top, "must be a folder")
        top.mkdir(parents=True, exist_ok=True)
    processed = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=paths.processed))
    reports = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=paths.reports))
    previous = os.environ.get(STAGED_ENV)
    try:
        for entry in paths.processed.iterdir():
            if entry.is_dir() and not entry.name.startswith("."):
                shutil.copytree(entry, processed / entry.name)
        os.environ[STAGED_ENV] = str(processed)
        stage = Stage(replace(paths, staged=processed), reports)
        yield stage
        moves = [(e, paths.processed / e.name) for e in sorted(processed.iterdir())]
        moves += [(e, paths.reports / e.name) for e in sorted(reports.iterdir())]
        swap_all(moves)
        stage.committed = True
    finally:
        if previous is None:
            os.environ.pop(STAGED_ENV, None)
        else:
            os.environ[STAGED_ENV] = previous
        shutil.rmtree(processed, ignore_errors=True)
        shutil.rmtree(reports, ignore_errors=True)


# --- the chapters of a run -----------------------------------------------------------------

RELATIVE_ROOT = "."  # the notebooks' `root` outside this project: their working directory


class ChapterCheckFailed(Exception):
    """A chapter's `compute.available` raised (not an InputError): the message names it."""


def notebook_parameters(period: Period, rule: str, paths: Paths) -> dict[str, str]:
    """Notebook parameters; `root` only when it is not the default, and then as "." (the
    notebooks run in the root), so that executed notebooks and the chapter cache do not
    depend on where the project is."""
    params = {"period": str(period), "scoring_rule": rule}
    if paths.root != PROJ_ROOT:
        params["root"] = RELATIVE_ROOT
    return params


def tables_epilogue(period: Period, rule: str, paths: Paths) -> Callable[[str], str | None]:
    """Code run in each chapter's kernel after its notebook: write its tidy tables.

    The tables are computed where the chapter's modules are already imported (not a second
    time in this process), and cached with the chapter (analysis.render.cache).
    """
    from analysis.chapters import chapter_name
    from analysis.render.notebooks import OUTPUTS_VARIABLE

    root = RELATIVE_ROOT if paths.root != PROJ_ROOT else None

    def code(chapter: str) -> str | None:
        if chapter_name(chapter) is None:
            return None
        call = f"write_tables({chapter!r}, {str(period)!r}, {rule!r}, {root!r}, {OUTPUTS_VARIABLE})"
        return f"from analysis.chapters import write_tables\n{call}"

    return code


def unavailable_chapters(chapters: Iterable[str], period: Period, paths: Paths) -> list[str]:
    """The chapters whose `compute.available(period, paths)` is False (left out of the report).

    An InputError passes through; any other failure is a ChapterCheckFailed naming the chapter.
    """
    from analysis.chapters import chapter_available

    missing = []
    for chapter in chapters:
        try:
            if not chapter_available(chapter, period, paths):
                missing.append(chapter)
        except InputError:
            raise
        except Exception as exc:
            raise ChapterCheckFailed(
                f"checking whether {chapter} has data for {period} failed: {exc}"
            ) from exc
    return missing


def terminate_as_interrupt() -> None:
    """Make SIGTERM raise KeyboardInterrupt, so that a terminated run cleans up like Ctrl-C."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


# --- the run manifest: what made a report, and whether a re-run would change it -----------

MANIFEST = "manifest.json"


def run_inputs(paths: Paths, parameters: dict[str, str]) -> dict:
    """Everything a run depends on, hashed: inputs, the package's code, versions, parameters.

    Returns {"key", "inputs", "code", "versions", "parameters"}; `key` changes whenever any
    of the others does.
    """
    inputs = input_hashes(paths)
    package = Path(analysis.__file__).resolve().parent
    code = {
        f"analysis/{f.relative_to(package).as_posix()}": sha256(f) for f in files_under(package)
    }
    parameters = {
        **parameters,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0"),
        "quarto_on_path": shutil.which("quarto") is not None,  # decides the engine 'auto'
        "commit": dataclasses.asdict(code_version(paths.root)),  # printed in the colophon
    }
    record = {"inputs": inputs, "code": code, "versions": versions(), "parameters": parameters}
    key = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
    return {"key": key, **record}


def up_to_date(report_dir: Path, root: Path, key: str) -> bool:
    """True if the report's manifest has this key and every output it lists is unchanged."""
    try:
        manifest = json.loads((report_dir / MANIFEST).read_text("utf-8"))
        outputs = manifest["outputs"]
        return manifest["key"] == key and all(
            (root / name).is_file() and sha256(root / name) == digest
            for name, digest in outputs.items()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def write_manifest(record: dict, root: Path, outputs: dict[str, Path], report_dir: Path) -> None:
    """Write `report_dir/manifest.json`: `record` plus the sha256 of every output.

    `outputs` maps each output's final path (relative to the root) to where it is now.
    """
    hashes = {name: sha256(path) for name, path in sorted(outputs.items())}
    manifest = {**record, "outputs": hashes}
    text = json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    (report_dir / MANIFEST).write_text(text, encoding="utf-8")
