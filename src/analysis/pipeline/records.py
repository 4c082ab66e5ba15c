"""What a step read and wrote, hashed: its key, and the record kept beside its outputs.

A step's inputs are the files it reads under the root (raw inputs, its notebook), the files
of its code (dag.yml's `code`), the outputs of the steps before it, the run's parameters, the
package versions and the environment the report prints. Their sha256 values, by name, make
the step's `inputs`; the sha256 of those makes its `key`. After it ran, the step's folder
holds `step.json`: the key, the inputs and the sha256 of every output. A later run reuses the
step when the key is the same and every output still hashes as recorded, and otherwise says
which input changed (`changes`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import analysis
from analysis.core import inputs
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.pipeline.graph import Step

RECORD = inputs.STEP_RECORD
PACKAGE = Path(analysis.__file__).resolve().parent


class Hashes:
    """sha256 of files, each computed once per run, read under the input policy
    (`core.inputs`: a FIFO, device or link out of the project is bad input, never opened)."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def file(self, path: Path, root: Path | None = None) -> str:
        if path not in self._known:
            self._known[path] = inputs.sha256(path, root)
        return self._known[path]

    def tree(self, path: Path, base: Path, prefix: str = "") -> dict[str, str]:
        """Every file under `path` (or `path` itself) by name relative to `base`, and every
        folder (its name ending in '/'), so that a new, renamed or removed folder changes
        the hashes even when it is empty; a missing path is recorded as missing, so that
        adding it later changes the hash."""
        name = prefix + path.relative_to(base).as_posix()
        if not os.path.lexists(path):
            return {name: "missing"}
        if inputs.kind_of(path, base) == "file":
            return {name: self.file(path, base)}
        folders, files = inputs.walk(path, base)
        found = {prefix + f.relative_to(base).as_posix() + "/": "folder" for f in folders}
        found.update({prefix + f.relative_to(base).as_posix(): self.file(f, base) for f in files})
        return found


def step_inputs(
    step: Step, paths: Paths, hashes: Hashes, upstream: dict[str, dict[str, str]],
    context: dict[str, str],
) -> dict[str, str]:  # fmt: skip
    """The step's inputs by name -> sha256 (see the module docstring).

    `upstream` maps each earlier step to its outputs (name -> sha256); `context` holds the
    run's parameters, versions and environment, already reduced to strings.
    """
    inputs: dict[str, str] = {}
    for path in step.raw:
        inputs.update(hashes.tree(path, paths.root))
    if step.notebook:
        inputs.update(hashes.tree(paths.root / step.notebook, paths.root))
    for entry in step.code:
        inputs.update(hashes.tree(PACKAGE / entry, PACKAGE, "code:"))
    for before in step.after:
        inputs[f"step:{before}"] = digest(upstream[before])
    inputs.update({f"context:{k}": v for k, v in sorted(context.items())})
    return {name: inputs[name] for name in sorted(inputs) if "__pycache__" not in name}


def digest(mapping: dict) -> str:
    return hashlib.sha256(json.dumps(mapping, sort_keys=True).encode()).hexdigest()


def outputs_of(folder: Path, record: str = RECORD) -> dict[str, str]:
    """sha256 of every file in a step's folder (its record excluded), by relative name."""
    if not folder.is_dir():
        return {}
    return {
        f.relative_to(folder).as_posix(): inputs.sha256(f, folder)
        for f in inputs.files_under(folder, folder)
        if f.relative_to(folder).as_posix() != record
    }


def read_record(folder: Path, name: str = RECORD) -> dict | None:
    try:
        record = json.loads((folder / name).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def write_record(folder: Path, step: Step, key: str | None, inputs: dict[str, str],
                 outputs: dict[str, str], name: str = RECORD) -> None:  # fmt: skip
    """Write the step's record (`name` in its folder): key, inputs and output hashes."""
    record = {"step": step.id, "key": key, "inputs": inputs, "outputs": outputs}
    text = json.dumps(record, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def intact(record: dict | None, folder: Path, name: str = RECORD,
           complete: bool = True) -> dict[str, str] | None:  # fmt: skip
    """The recorded outputs if every one of them still hashes as recorded, else None. With
    `complete` (a step's folder in data/processed) the folder must hold nothing else either:
    any file added, changed or removed there is seen."""
    if not record or not isinstance(record.get("outputs"), dict):
        return None
    outputs = record["outputs"]
    try:
        if complete:
            return outputs if outputs_of(folder, name) == outputs else None
        for file, expected in outputs.items():
            path = folder / file
            if not os.path.lexists(path) or inputs.sha256(path, folder) != expected:
                return None
    except InputError:  # e.g. a FIFO put among the outputs: changed, never opened
        return None
    return outputs


def changes(record: dict | None, inputs: dict[str, str], limit: int = 3) -> str:
    """Why a step must run: 'never ran', or the first inputs that changed."""
    if not record or not isinstance(record.get("inputs"), dict):
        return "no earlier run"
    if record.get("key") is None:
        return "its last run read undeclared files"
    before = record["inputs"]
    changed = sorted(n for n in set(before) | set(inputs) if before.get(n) != inputs.get(n))
    if not changed:
        return "its outputs changed"
    shown = ", ".join(_plain(n) + ("" if n in before else " (new)") +
                      ("" if n in inputs else " (removed)") for n in changed[:limit])  # fmt: skip
    more = f" and {len(changed) - limit} more" if len(changed) > limit else ""
    return f"changed: {shown}{more}"


def _plain(name: str) -> str:
    kind, _, rest = name.partition(":")
    if kind == "code":
        return f"src/analysis/{rest}"
    if kind == "step":
        return f"the output of {rest}"
    if kind == "context":
        return rest
    return name
