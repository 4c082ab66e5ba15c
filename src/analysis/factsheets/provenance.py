"""What made a factsheet: the inputs' sha256 and the code version (git commit, or a digest).

The code version is the commit of the project's git checkout (and whether tracked files were
changed since); outside a checkout (a copy of the project) it is the sha256 of the package's
code, as in the run manifest.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

import analysis

SHORT = 12  # characters of a digest or commit shown on a sheet


@dataclass(frozen=True)
class CodeVersion:
    commit: str | None  # None outside a git checkout of the project
    dirty: bool  # tracked files differ from the commit
    digest: str  # sha256 of the package's code

    @property
    def short(self) -> str:
        return (self.commit or self.digest)[:SHORT]


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def code_digest() -> str:
    """sha256 over the package's files (path and content), as the run manifest hashes them."""
    package = Path(analysis.__file__).resolve().parent
    digest = hashlib.sha256()
    for file in sorted(package.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def code_version(root: Path) -> CodeVersion:
    """The commit of `root` when it is the top of a git checkout, and the code digest."""
    top = _git(root, "rev-parse", "--show-toplevel")
    commit = None
    dirty = False
    if top and Path(top).resolve() == Path(root).resolve():
        commit = _git(root, "rev-parse", "HEAD")
        dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no"))
    return CodeVersion(commit, dirty, code_digest())
