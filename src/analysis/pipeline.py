"""One run of the study as a transaction: validate every input, stage, render, then commit.

`analysis run` either completes or leaves data/processed and reports/ exactly as they were:

1. one run of the project at a time (`project_lock`; a second run waits and says so), and
   what a killed run left behind is removed first (`clean_leftovers`);
2. every Landkaart export up to the period is read and validated before anything is written;
3. the processed data are written to a staging folder (`staged`), from which the chapters'
   tables are computed and the notebooks run (`STAGED_ENV` points their `Paths` at it);
4. the report folder is replaced atomically by the renderer, and only then the staged data
   replace data/processed.

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
from dataclasses import replace
from pathlib import Path

from analysis.core.config import STAGED_ENV, Paths

LOCK_NAME = ".analysis-run.lock"
STAGE_PREFIX = ".run-"
# What `core.atomic.atomic_path` and `staged` leave when a run is killed: `.<name>.<random>`
# and `.<name>.old` folders, and staging folders.
_LEFTOVER = re.compile(r"^(\..+\.(old|[a-z0-9_]{8})|\.run-[a-z0-9_]{8})$")


@contextmanager
def project_lock(paths: Paths, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the project's run lock; call `waiting` once if another run holds it first."""
    with open(paths.root / LOCK_NAME, "a+b") as handle:
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
    """Remove what killed runs left in data/processed and reports/ (hold the lock)."""
    removed = []
    for top in (paths.processed, paths.reports):
        if not top.is_dir():
            continue
        for folder in sorted(p for p in top.rglob(".*") if p.is_dir()):
            if _LEFTOVER.match(folder.name) and folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


@contextmanager
def staged(paths: Paths) -> Iterator[Paths]:
    """Paths whose processed data live in a staging copy of data/processed.

    On leaving the block without an error, the staged folders replace their counterparts in
    data/processed; on an error the staging copy is removed and data/processed is untouched.
    While inside, `STAGED_ENV` points notebook kernels (started by this process) at it.
    """
    paths.processed.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=paths.processed))
    previous = os.environ.get(STAGED_ENV)
    try:
        for entry in paths.processed.iterdir():
            if entry.is_dir() and not entry.name.startswith("."):
                shutil.copytree(entry, stage / entry.name)
        os.environ[STAGED_ENV] = str(stage)
        yield replace(paths, staged=stage)
        _commit(stage, paths.processed)
    finally:
        if previous is None:
            os.environ.pop(STAGED_ENV, None)
        else:
            os.environ[STAGED_ENV] = previous
        shutil.rmtree(stage, ignore_errors=True)


def _commit(stage: Path, processed: Path) -> None:
    """Swap every staged folder into data/processed (old ones out, new ones in)."""
    for entry in sorted(stage.iterdir()):
        target = processed / entry.name
        old = processed / f".{entry.name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(entry, target)
        shutil.rmtree(old, ignore_errors=True)


def terminate_as_interrupt() -> None:
    """Make SIGTERM raise KeyboardInterrupt, so that a terminated run cleans up like Ctrl-C."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
