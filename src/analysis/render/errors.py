"""The renderer's error type."""

from __future__ import annotations


class RenderError(Exception):
    """A render step failed (a notebook raised, pandoc, Typst or Quarto failed)."""
