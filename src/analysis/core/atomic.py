"""Write outputs all-or-nothing: to a temporary sibling first, then rename into place.

Temporary siblings are named `.tmp-<name>.<random>` (and `.tmp-<name>.old` while a folder is
swapped), so that what an interrupted process leaves behind is recognisable (see
`analysis.pipeline.clean_leftovers`). The renames of a swap run with SIGINT and SIGTERM held
back, so an interrupt never falls between them.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TMP_PREFIX = ".tmp-"
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM for the block (they arrive right after it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def old_name(target: Path) -> Path:
    """Where `target` waits while its replacement is moved in."""
    return target.with_name(f"{TMP_PREFIX}{target.name}.old")


def swap(new: Path, target: Path) -> None:
    """Put `new` in the place of `target` (file or folder); the old one is removed.

    If the second rename fails, the old `target` is put back before the error is raised.
    """
    if not target.is_dir() or target.is_symlink():  # a file is replaced in one rename
        with signals_held():
            os.replace(new, target)
        return
    old = old_name(target)
    with signals_held():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        try:
            os.replace(new, target)
        except OSError:
            os.replace(old, target)
            raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to `target`; on success rename it to `target`.

    Works for files and folders. On an exception the temporary path is removed and
    `target` is left exactly as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f"{TMP_PREFIX}{target.name}."
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent)) / target.name
    try:
        yield tmp
        swap(tmp, target)
    finally:
        shutil.rmtree(tmp.parent, ignore_errors=True)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    """Write UTF-8 text with '\\n' line ends, atomically."""
    write_bytes(target, text.encode("utf-8"))
