"""The report's figure style and the plot helpers that several chapters share.

Nothing here changes matplotlib's global state: every figure function of a chapter is
decorated with `report_figure`, which draws it inside `report_style()`, and
`display.figure` saves it inside the same style.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Patch

REPORT_STYLE = {"font.size": 9, "axes.spines.top": False, "axes.spines.right": False}

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def report_style() -> Iterator[None]:
    """Matplotlib settings of the report, for the duration of the block only."""
    with plt.rc_context(REPORT_STYLE):
        yield


def report_figure(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: build the figure inside `report_style()`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with report_style():
            return fn(*args, **kwargs)

    return wrapper


def plain(text: object) -> str:
    """Text from an input for a figure: shown as written (a '$' starts no formula)."""
    return str(text).replace("$", r"\$")


def legend_handles(entries: list[tuple[str, str]]) -> list[Patch]:
    """One patch per (label, colour), the label shown as written."""
    return [Patch(color=colour, label=plain(label)) for label, colour in entries]


def legend_below(fig: Figure, handles: list[Patch]) -> None:
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=8)
    fig.tight_layout(rect=(0, 0.05, 1, 1))


def empty_figure(message: str) -> Figure:
    """A small figure that only says why there is nothing to show."""
    fig, ax = plt.subplots(figsize=(7.5, 1.5))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return fig
