"""Per-chapter cache: an executed chapter is reused while everything it read hashes the same.

Every kernel records what it reads (`analysis.core.tracing`): the files it opens, the folders
it lists and the modules of this package it imports. The executed notebook keeps, in its
metadata under ``analysis``:

- ``key``: sha256 of the source notebook, the parameters it gets, the kernel's start-up
  lines and the code run after it (`epilogue`), Python and every installed package's
  version, the environment the report reads (the engine's name, SOURCE_DATE_EPOCH), and
  the names of all files under data/ (a new or removed file anywhere misses);
- ``reads`` / ``listings`` / ``code``: sha256 of every file read (paths relative to the root;
  the run's staged processed data count as data/processed), of the names in every folder
  listed, and of every module of the package imported;
- ``outputs``: sha256 of the files the epilogue wrote beside the report (its tidy tables);
- ``commit``: for a chapter that ran `git` (the colophon's code version), the project's
  commit and dirty flag (`core.provenance.code_version`), compared again. A chapter that
  started any other program is never reused: what that program read is not known.

A later run reuses the executed notebook and its outputs from the previous report when the
key and every one of those hashes are unchanged: a change re-executes only the chapters
that read it. Same inputs, same bytes: a reused chapter is the file a cold run writes.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import platform
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import analysis
from analysis.core.config import Paths
from analysis.core.provenance import ENGINE_ENV, code_version

METADATA_KEY = "analysis"
# What a kernel may read from its environment and print in the report.
ENVIRONMENT = (ENGINE_ENV, "SOURCE_DATE_EPOCH")


@dataclass(frozen=True)
class Context:
    """Where a run's files are: the root, its (staged) processed data, the package."""

    root: Path
    processed: Path
    processed_name: str  # data/processed, relative to the root
    data: Path  # data/, whose file names are part of every key
    package: Path

    @classmethod
    def of(cls, root: Path) -> Context:
        paths = Paths.from_parameter(root)
        return cls(
            root=paths.root.resolve(),
            processed=paths.processed.resolve(),
            processed_name=Paths(paths.root).processed.relative_to(paths.root).as_posix(),
            data=paths.raw.parent.resolve(),
            package=Path(analysis.__file__).resolve().parent,
        )

    def name(self, path: str | Path) -> tuple[str, str] | None:
        """('reads' | 'code', relative name) of an absolute path; None if not tracked."""
        path = Path(path)
        for base, kind, prefix in (
            (self.processed, "reads", self.processed_name),
            (self.package, "code", ""),
            (self.root, "reads", ""),
        ):
            try:
                rel = path.relative_to(base)
            except ValueError:
                continue
            if any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
                return None
            if kind == "reads" and path.suffix in (".py", ".pyc"):
                return None  # code: tracked as modules
            return kind, f"{prefix}/{rel.as_posix()}".lstrip("/")
        return None

    def path(self, kind: str, name: str) -> Path:
        """The current file behind a relative name (the inverse of `name`)."""
        if kind == "code":
            return self.package / name
        if name == self.processed_name or name.startswith(self.processed_name + "/"):
            return self.processed / name[len(self.processed_name) :].lstrip("/")
        return self.root / name


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> str:
    names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


@functools.cache
def versions() -> tuple[tuple[str, str], ...]:
    """Python and every installed distribution, with versions (once per process)."""
    found = {(d.metadata["Name"] or "").lower(): d.version for d in metadata.distributions()}
    return (("python", platform.python_version()), *sorted(found.items()))


def data_names(ctx: Context) -> list[str]:
    """Every file under data/ (the staged processed data as data/processed), by name."""
    names = []
    committed = ctx.root / ctx.processed_name  # counted through ctx.processed instead
    for top in (ctx.data, ctx.processed):
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and Path(folder, d) != committed
            )
            for file in files:
                if not file.startswith(".") and (named := ctx.name(Path(folder) / file)):
                    names.append(named[1])
    return sorted(set(names))


def static_key(source: Path, parameters: dict[str, Any], setup: list[str], epilogue: str | None,
               ctx: Context) -> str:  # fmt: skip
    record = {
        "notebook": sha256(source),
        "parameters": parameters,
        "setup": setup,
        "epilogue": epilogue,
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
        "versions": versions(),
        "data": data_names(ctx),
    }
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def dependencies(trace: dict[str, list[str]], ctx: Context) -> dict[str, Any]:
    """What a kernel read (`tracing.report()`), as relative names and their hashes."""
    deps: dict[str, dict[str, str]] = {"reads": {}, "listings": {}, "code": {}}
    for file in [*trace["reads"], *trace["modules"]]:
        if named := ctx.name(file):
            deps[named[0]][named[1]] = sha256(Path(file))
    for folder in trace["listings"]:
        if (named := ctx.name(folder)) and named[0] == "reads":
            deps["listings"][named[1]] = _listing(Path(folder))
    record: dict[str, Any] = {kind: dict(sorted(h.items())) for kind, h in deps.items()}
    programs = trace.get("programs", [])
    if programs == ["git"]:
        record["commit"] = dataclasses.asdict(code_version(ctx.root))
    elif programs:
        record["programs"] = programs  # never reused
    return record


def unchanged(record: dict[str, Any], key: str, ctx: Context, previous: Path) -> bool:
    """True if a cached chapter's `record` (notebook metadata) still holds for this run."""
    try:
        if record["key"] != key or record.get("programs"):
            return False
        if "commit" in record and record["commit"] != dataclasses.asdict(code_version(ctx.root)):
            return False
        for kind in ("reads", "code"):
            for name, digest in record[kind].items():
                file = ctx.path(kind, name)
                if not file.is_file() or sha256(file) != digest:
                    return False
        for name, digest in record["listings"].items():
            folder = ctx.path("reads", name)
            if not folder.is_dir() or _listing(folder) != digest:
                return False
        return all(
            (previous / name).is_file() and sha256(previous / name) == digest
            for name, digest in record["outputs"].items()
        )
    except (KeyError, TypeError, AttributeError, OSError):
        return False


def copy_outputs(record: dict[str, Any], previous: Path, out_dir: Path) -> None:
    for name in record["outputs"]:
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(previous / name, target)
