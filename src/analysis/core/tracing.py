"""What a process read: files opened for reading, folders listed, modules of this package,
and the programs it started (what those read is not seen: the cache treats them apart).

`analysis.render` starts this in every notebook kernel (before the first cell) and asks for
the `report()` after the last one; the executed chapter is then cached on the hashes of
exactly what it read (see `analysis.render.cache`). Standard library only: it is imported
at kernel start, before anything else.
"""

from __future__ import annotations

import os
import sys

_READ_ONLY = ("r", "rb", "rt", "br", "tr")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_reads: set[str] = set()
_listings: set[str] = set()
_programs: set[str] = set()
_started = False


def _path(value: object) -> str | None:
    if isinstance(value, int):  # a file descriptor
        return None
    try:
        return os.path.abspath(os.fsdecode(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _program(executable: object, argv: object) -> str:
    """The name of the program a `subprocess.Popen` audit event starts."""
    if executable is None:
        if isinstance(argv, str | bytes | os.PathLike):
            argv = [argv]
        executable = next(iter(argv or []), "")  # type: ignore[call-overload]
    name = os.path.basename(os.fsdecode(executable)) if executable else ""  # type: ignore[arg-type]
    return name.split()[0] if name.split() else "?"


def _hook(event: str, args: tuple) -> None:
    try:
        _record(event, args)
    except Exception:  # noqa: BLE001 (an audit hook must never break the traced code)
        _programs.add("?")  # something unreadable happened: the chapter is not cached


def _record(event: str, args: tuple) -> None:
    if event == "open":
        path, mode, flags = args
        if mode is None:
            reading = isinstance(flags, int) and not flags & _WRITE_FLAGS
        else:
            reading = mode in _READ_ONLY
        if reading and (name := _path(path)):
            _reads.add(name)
    elif event == "subprocess.Popen":
        _programs.add(_program(args[0], args[1]))
    elif event in ("os.listdir", "os.scandir") and (
        name := _path(args[0] if args and args[0] is not None else ".")
    ):
        _listings.add(name)


def start() -> None:
    """Record from now on (once per process; an audit hook cannot be removed)."""
    global _started
    if not _started:
        sys.addaudithook(_hook)
        _started = True


def report() -> dict[str, list[str]]:
    """{"reads": files opened for reading, "listings": folders listed (other than the import
    system's), "modules": files of the loaded `analysis` modules}, absolute paths, sorted,
    and "programs": the names of the programs started."""
    modules = {
        os.path.abspath(module.__file__)
        for name, module in list(sys.modules.items())
        if (name == "analysis" or name.startswith("analysis."))
        and getattr(module, "__file__", None)
    }
    # the import system lists every folder on sys.path: that is no reading of data
    path_entries = {os.path.abspath(entry or ".") for entry in sys.path}
    return {
        "reads": sorted(p for p in _reads if os.path.isfile(p)),
        "listings": sorted(p for p in _listings - path_entries if os.path.isdir(p)),
        "modules": sorted(modules),
        "programs": sorted(_programs),
    }
