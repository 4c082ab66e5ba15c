"""A run as a transaction: it either completes or leaves data/processed and reports/ as they were.

1. one run of the project at a time (`project_lock`; a second run waits and says so), and
   what a killed run left behind is removed first (`clean_leftovers`);
2. the steps write to a staging copy of data/processed (`staged`: hard links to the current
   files, which a step never writes into: it replaces its folder) and a staging folder for
   the report; notebooks read the copy (`STAGED_ENV` points their `Paths` at it);
3. both are committed together, with SIGINT/SIGTERM held back during the renames.

SIGTERM is handled like Ctrl-C (`terminate_as_interrupt`), so the same clean-up runs.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.core.atomic import TMP_PREFIX, swap_all
from analysis.core.config import STAGED_ENV, Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period

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

    def report_dir(self, period: Period) -> Path:
        return self.reports / str(period)


@contextmanager
def staged(paths: Paths) -> Iterator[Stage]:
    """A staging copy of data/processed and a staging folder for reports.

    The copy's files are hard links to the committed ones (no copy of large data): a step
    replaces files and folders of the stage (`fresh_folder`, `core.atomic`), it never
    writes into an existing one.

    Leaving the block without an error commits: the staged folders replace their
    counterparts in data/processed and reports/, with SIGINT/SIGTERM held back, and a failure
    half-way puts the replaced ones back. On an error nothing outside the stage changes.
    While inside, `STAGED_ENV` points notebook kernels (started by this process) at the copy.
    """
    for top in (paths.processed, paths.reports):
        if top.exists() and not top.is_dir():
            raise InputError(top, "must be a folder")
    previous = os.environ.get(STAGED_ENV)
    processed = _stage_folder(paths.processed)
    reports = None
    try:
        reports = _stage_folder(paths.reports)
        for entry in paths.processed.iterdir():
            if entry.is_dir() and not entry.name.startswith("."):
                shutil.copytree(entry, processed / entry.name, symlinks=True,
                                copy_function=_link)  # a link stays a link, never read
        os.environ[STAGED_ENV] = str(processed)
        stage = Stage(replace(paths, staged=processed), reports)
        yield stage
        moves = [(e, paths.processed / e.name) for e in sorted(processed.iterdir())]
        moves += [(e, paths.reports / e.name) for e in sorted(reports.iterdir())]
        swap_all(moves)
    finally:
        if previous is None:
            os.environ.pop(STAGED_ENV, None)
        else:
            os.environ[STAGED_ENV] = previous
        shutil.rmtree(processed, ignore_errors=True)
        if reports is not None:
            shutil.rmtree(reports, ignore_errors=True)


def _stage_folder(top: Path) -> Path:
    """A new staging folder in `top` (created if need be); a folder the run cannot write
    (e.g. a read-only reports/) is one clear error, before anything is written."""
    try:
        top.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=top))
    except OSError as exc:
        raise InputError(top, f"cannot write there: {exc.strerror or exc}") from None


def _link(source: str, target: str) -> None:
    """A hard link (no copy of large files); a plain copy where links are not possible."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def fresh_folder(folder: Path) -> None:
    """Empty a step's folder in the stage before the step writes it (its files may be hard
    links to the committed data: they are unlinked, never written into)."""
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def terminate_as_interrupt() -> None:
    """Make SIGTERM raise KeyboardInterrupt, so that a terminated run cleans up like Ctrl-C."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
