"""Values derived once: per object (`once`), and a chapter's model once per run step (`in_run`).

A chapter's model (a frozen dataclass) holds its data; the numbers derived from it live in
functions of other modules, decorated with `once`, so each is computed once per model however
many tables, sentences and figures ask for it. Its `load` is decorated with `in_run`, so that
the outputs a run writes after the notebook (`analysis.chapters.write_outputs`) come from the
model the notebook computed, not from a second one.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

from analysis.core.config import STAGED_ENV, Paths
from analysis.core.periods import as_period

F = TypeVar("F", bound=Callable)
_STORE = "_once"  # the attribute (in the object's __dict__) that holds the results


def once(fn: F) -> F:
    """Decorate `fn(obj, *args)`: computed once per object and (hashable) arguments.

    The result is kept in the object's `__dict__`, as `functools.cached_property` keeps its
    value, so a frozen dataclass can hold it; a new object starts empty. Results are shared:
    callers must not modify them. The computation is the decorated function's `__wrapped__`
    (a test may replace it to count how often a value is computed).
    """
    signature = inspect.signature(fn)

    @wraps(fn)
    def wrapper(obj, *args, **kwargs):
        bound = signature.bind(obj, *args, **kwargs)
        bound.apply_defaults()
        key = (fn.__module__, fn.__qualname__, *list(bound.arguments.items())[1:])  # not obj
        store = obj.__dict__.setdefault(_STORE, {})
        if key not in store:
            store[key] = wrapper.__wrapped__(obj, *args, **kwargs)
        return store[key]

    return wrapper  # type: ignore[return-value]


_sharing = 0  # > 0 inside `shared_models()`


@contextmanager
def shared_models() -> Iterator[None]:
    """Inside the block, `in_run` loads share models as in a run step (e.g. while a chapter's
    outputs are computed in memory: its tables and facts come from one model)."""
    global _sharing
    _sharing += 1
    try:
        yield
    finally:
        _sharing -= 1


def in_run(load: F) -> F:
    """Decorate a chapter's `load(period, ..., root)`: inside a run step (STAGED_ENV set: what
    it reads cannot change until the step ends) or `shared_models()`, the same arguments give
    the same model. Elsewhere (a notebook in Jupyter, a test) every call loads afresh.

    `period` may be text or a Period and `root` what `Paths.from_parameter` takes.
    """
    signature = inspect.signature(load)
    models: dict[tuple, object] = {}

    @wraps(load)
    def wrapper(*args, **kwargs):
        if not (os.environ.get(STAGED_ENV) or _sharing):
            models.clear()  # what a block shared is not kept beyond it
            return load(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = tuple((name, _normal(name, value)) for name, value in bound.arguments.items())
        if key not in models:
            models[key] = load(*args, **kwargs)
        return models[key]

    return wrapper  # type: ignore[return-value]


def _normal(name: str, value: object) -> object:
    if name == "period":
        return str(as_period(value))  # type: ignore[arg-type]
    if name == "root":
        return Paths.from_parameter(value)  # type: ignore[arg-type]
    return value
