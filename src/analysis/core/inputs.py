"""How every input is read: one policy for ingest, hashing and the listing of input folders.

- **Regular files only.** A FIFO, device or socket is refused by name from its `lstat`, never
  opened (opening a FIFO would block the run); files are opened non-blocking and checked
  again on the open descriptor, so a file swapped for a FIFO in between cannot block either.
- **Symbolic links** are followed only when they resolve inside the project (the folder that
  holds `data/raw`); otherwise they are refused without reading their target.
- **Names exactly as they are.** A name with spaces before or after it is refused with the
  name it should have (`exact_name`), never stripped and merged with another.
- **Bounded memory.** Files are hashed in blocks (`sha256`); a whole file is read only up to a
  limit per kind (`read_bytes`).
- **Short quotes.** A message quotes at most about 80 characters of any input
  (`core.errors.quote`).

Hidden entries (a name starting with '.' or '~$', e.g. editor lock files) and Python caches
are no inputs: they are skipped, never opened.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from pathlib import Path
from typing import BinaryIO

from analysis.core.errors import InputError, quote

STEP_RECORD = "step.json"  # a run step's record beside its outputs (analysis.pipeline.records)
MAX_JSON = 2**20  # a sidecar is a few KiB
MAX_TABLE = 16 * 2**20  # a transcribed table or the codebook: a few KiB

_SPECIAL = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def project_root(path: Path) -> Path:
    """The project `path` belongs to: the folder above its `data/raw` or `data/processed`;
    for a file outside any project, its own folder."""
    parts = Path(os.path.abspath(path)).parts
    for i in range(len(parts) - 2, 0, -1):
        if parts[i] == "data" and parts[i + 1] in ("raw", "processed"):
            return Path(*parts[:i])
    return Path(os.path.abspath(path)).parent


def hidden(name: str) -> bool:
    """An entry that is no input: hidden files, editor lock files ('~$...'), Python caches."""
    return name.startswith((".", "~$")) or name == "__pycache__"


def _inside(path: Path, root: Path) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def kind_of(path: Path, root: Path | None = None) -> str:
    """'file' or 'folder' for what `path` is (following a link inside the project);
    InputError for anything else: a missing path, a special file, a link leading out."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise InputError(path, "not found") from None
    except OSError as exc:
        raise InputError(path, f"cannot read it: {exc.strerror or exc}") from None
    if not _inside(path, root or project_root(path)):  # the link, or a linked folder above
        what = ("a symbolic link to a place outside the project" if stat.S_ISLNK(info.st_mode)
                else "reached through a link to a place outside the project")  # fmt: skip
        raise InputError(path, f"{what}: refused without reading it (copy the file into the "
                         "project)")  # fmt: skip
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError:
            raise InputError(path, "a symbolic link to nothing (its target is missing)") from None
    if stat.S_ISREG(info.st_mode):
        return "file"
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    what = _SPECIAL.get(stat.S_IFMT(info.st_mode), "not a regular file")
    raise InputError(path, f"{what}, not a regular file: refused without opening it; "
                     "replace it with the file itself or remove it")  # fmt: skip


def regular(path: Path, root: Path | None = None) -> Path:
    """`path` itself if it is a regular file (or a link to one inside the project)."""
    if kind_of(path, root) != "file":
        raise InputError(path, "a folder, where a file is expected")
    return Path(path)


def open_input(path: Path, root: Path | None = None) -> BinaryIO:
    """Open a regular input file for reading, under the policy (see the module docstring)."""
    regular(path, root)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check
        os.close(fd)
        raise InputError(path, "not a regular file: refused")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_bytes(path: Path, limit: int, root: Path | None = None) -> bytes:
    """A whole input file, when it is at most `limit` bytes (else bad input, unread)."""
    with open_input(path, root) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise InputError(path, f"{_size(size)}: larger than the {_size(limit)} an input "
                             "of this kind may have")  # fmt: skip
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew while read
        raise InputError(path, f"larger than the {_size(limit)} an input of this kind may have")
    return data


def buffered(path: Path, limit: int = MAX_TABLE, root: Path | None = None) -> io.BytesIO:
    """A small input file (a codebook or published table) read whole under the policy, for
    a reader that takes a file object (e.g. `pandas.read_csv`)."""
    return io.BytesIO(read_bytes(path, limit, root))


def _size(n: int) -> str:
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def sha256(path: Path, root: Path | None = None) -> str:
    """The sha256 of a regular file, read in blocks (any size, little memory)."""
    with open_input(path, root) as handle:
        return handle_sha256(handle, path)


def handle_sha256(handle: BinaryIO, path: Path) -> str:
    """The sha256 of an opened input (`open_input`) from its current position to its end."""
    try:
        return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None


def read_json(path: Path, root: Path | None = None, limit: int = MAX_JSON) -> object:
    """A small JSON file under the input policy; what does not parse is bad input."""
    data = read_bytes(path, limit, root)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text: not a JSON sidecar") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", row=exc.lineno) from None
    except (ValueError, RecursionError) as exc:  # absurd numbers or nesting
        raise InputError(path, f"unreadable JSON ({type(exc).__name__})") from None


def exact_name(path: Path) -> Path:
    """`path` if its name has no spaces before or after it, nor before its extension; else
    bad input saying what the name should be (a name is never stripped: '2009-H2 ' and
    '2009-H2' would be two folders, 'export .csv' would lose its sidecar 'export.json')."""
    name = path.name
    stem, suffix = os.path.splitext(name)
    should = stem.strip() + suffix.strip() if not name.startswith(".") else name.strip()
    if name != should:
        raise InputError(path, f"the name {quote(name)} has spaces before or after it: it "
                         f"must be exactly {quote(should)}")  # fmt: skip
    return path


def folders_and_files(folder: Path, root: Path | None = None) -> tuple[list[Path], list[Path]]:
    """The visible sub-folders and files of an input folder, each sorted by name.

    Hidden entries are skipped; a special file, a link out of the project or a name with
    outer spaces is bad input (`kind_of`, `exact_name`).
    """
    folders, files = [], []
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise InputError(folder, f"cannot list the folder: {exc.strerror or exc}") from None
    for name in names:
        if hidden(name):
            continue
        path = exact_name(Path(folder) / name)
        (folders if kind_of(path, root) == "folder" else files).append(path)
    return folders, files


def walk(folder: Path, root: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Every visible folder and regular file under `folder` (itself excluded), each sorted;
    links to folders inside the project are followed once. Special files and links out of
    the project are bad input (never opened); names are not checked here."""
    root = root or project_root(folder)
    folders: list[Path] = []
    files: list[Path] = []
    seen: set[str] = set()

    def visit(current: Path) -> None:
        real = os.path.realpath(current)
        if real in seen:
            return
        seen.add(real)
        try:
            names = os.listdir(current)
        except OSError as exc:
            raise InputError(current, f"cannot list the folder: {exc.strerror or exc}") from None
        for name in names:
            if hidden(name):
                continue
            path = current / name
            if kind_of(path, root) == "folder":
                folders.append(path)
                visit(path)
            else:
                files.append(path)

    visit(Path(folder))
    return sorted(folders), sorted(files)


def files_under(folder: Path, root: Path | None = None) -> list[Path]:
    """Every visible regular file under `folder` (or `folder` itself when it is a file),
    sorted (see `walk`)."""
    if kind_of(folder, root) == "file":
        return [Path(folder)]
    return walk(folder, root)[1]


def recorded_intact(file: Path) -> bool:
    """False when the run step that wrote `file` (its record, `STEP_RECORD`, lies beside it)
    recorded another sha256 for it: the file was changed since. True without a record."""
    record = file.parent / STEP_RECORD
    if not record.is_file():
        return True
    try:
        outputs = json.loads(record.read_text("utf-8")).get("outputs", {})
        return outputs.get(file.name) == sha256(file, file.parent)
    except (OSError, ValueError, AttributeError, InputError):
        return False
