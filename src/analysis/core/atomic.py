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


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


def swap_all(moves: list[tuple[Path, Path]]) -> None:
    """Put each `new` in the place of its `target`: all of them, or (on an error) none.

    Each existing target waits at `old_name(target)` until every move has succeeded; if a
    rename fails, the moved-in ones are removed and the old ones put back before the error
    is raised. The renames run with SIGINT and SIGTERM held back.
    """
    done: list[Path] = []
    with signals_held():
        try:
            for new, target in moves:
                _remove(old_name(target))  # a stale one from an interrupted process
                if target.exists() or target.is_symlink():
                    os.replace(target, old_name(target))
                os.replace(new, target)
                done.append(target)
        except OSError:
            for target in reversed(done):
                _remove(target)
            for _, target in moves:
                if old_name(target).exists() and not target.exists():
                    os.replace(old_name(target), target)
            raise
    for target in done:
        _remove(old_name(target))


def swap(new: Path, target: Path) -> None:
    """Put `new` in the place of `target` (file or folder); the old one is removed."""
    if not target.is_dir() or target.is_symlink():  # a file is replaced in one rename
        with signals_held():
            os.replace(new, target)
        return
    swap_all([(new, target)])


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
