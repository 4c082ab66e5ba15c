"""What the command line prints: steps, warnings and errors as plain, safe text.

Messages carry input text (file names, answers): printed as plain text, never as markup,
with control characters shown as escapes (no terminal control sequences from inputs).
A command decorated with `reported` turns a RunFailed into one error line and its exit code.
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
from collections.abc import Callable
from typing import NoReturn, ParamSpec

import typer
from rich.console import Console
from rich.text import Text

console = Console(stderr=True, highlight=False, soft_wrap=True)
_STARTED = time.perf_counter()  # the timeline's zero: when the command line was loaded
# When set, `analysis run` writes [[seconds, step], ...] to this file (make bench).
TIMELINE_ENV = "ANALYSIS_TIMELINE"
_timeline: list[tuple[float, str]] = []
P = ParamSpec("P")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(message: str) -> str:
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), message)


def short_quotes(message: str, limit: int = 1200) -> str:
    """`message` with every quoted value longer than `core.errors.QUOTE` characters cut
    (`core.errors.quote`), and at most `limit` characters in all (a bound, should a message
    carry more input than it quotes)."""
    from analysis.core.errors import QUOTE, quote, shorten

    long = re.compile(rf"'([^']{{{QUOTE + 1},}})'")
    return shorten(long.sub(lambda m: quote(m[1]), message), limit)


def step(message: str) -> None:
    _timeline.append((round(time.perf_counter() - _STARTED, 4), message))
    console.print(Text.assemble(("→", "bold cyan"), " ", safe(message)))


def write_timeline(phases: dict[str, float] | None = None,
                   steps: dict[str, float] | None = None) -> None:  # fmt: skip
    """Write what was printed, with its time, and the wall time per phase and per step of a
    run to the file named by TIMELINE_ENV, if it is set (for `make bench`)."""
    if target := os.environ.get(TIMELINE_ENV):
        step("done")
        record = {"lines": _timeline, "phases": phases or {}, "steps": steps or {}}
        with open(target, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)


def warn(message: str) -> None:
    console.print(Text.assemble(("warning:", "yellow"), " ", safe(message)))


class RunFailed(Exception):
    """A command cannot go on: `message` is printed as one line, `code` is the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def fail(message: str, code: int = 2) -> NoReturn:
    raise RunFailed(message, code)


def error(message: str) -> None:
    console.print(Text.assemble(("error:", "bold red"), " ", safe(short_quotes(message))))


def reported(command: Callable[P, None]) -> Callable[P, None]:
    """Decorator of a command: a RunFailed becomes one error line and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except RunFailed as failed:
            error(failed.message)
            raise typer.Exit(failed.code) from None

    return wrapper
