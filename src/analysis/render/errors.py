"""The renderer's error type."""

from __future__ import annotations


class RenderError(Exception):
    """A render step failed (a notebook raised, pandoc, Typst or Quarto failed).

    `ename` is the name of the exception a notebook cell raised, if that was the cause.
    """

    def __init__(self, message: str, *, ename: str | None = None) -> None:
        super().__init__(message)
        self.ename = ename

    def __reduce__(self):
        """Picklable (a forked worker sends it to the parent as it is)."""
        return (_render_error, (str(self), self.ename))


def _render_error(message: str, ename: str | None) -> RenderError:
    return RenderError(message, ename=ename)
