"""Values derived once per object: `once` keeps a function's result on the object it takes.

A chapter's model (a frozen dataclass) holds its data; the numbers derived from it live in
functions of other modules, decorated with `once`, so each is computed once per model however
many tables, sentences and figures ask for it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

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
