"""The renderer's error type."""

from __future__ import annotations


class RenderError(Exception):
    """A render step failed (a notebook raised, pandoc, Typst or Quarto failed).

    `ename` is the name of the exception a notebook cell raised, if that was the cause.
    """

    def __init__(self, message: str, *, ename: str | None = None) -> None:
        super().__init__(message)
        self.ename = ename
