"""Render with a real Quarto CLI when one is on PATH (best effort, untested here)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from analysis.render.book import BookConfig
from analysis.render.errors import RenderError
from analysis.render.pandoc import PDF_NAME

Progress = Callable[[str], None]


def render_quarto(
    quarto: str,
    book: BookConfig,
    out: Path,
    parameters: dict[str, Any],
    root: Path,
    subtitle: str | None,
    report: Progress,
) -> Path:
    """Render with the Quarto CLI; return the HTML entry page.

    UNTESTED: no Quarto on the development machines. Quarto executes the notebooks itself
    (no executed copies are kept) and writes a book's HTML as a multi-page site, which is
    copied to ``out/html/``; the PDF is copied to ``out/rapport.pdf``.
    """
    with tempfile.TemporaryDirectory(prefix="quarto-") as build:
        params = Path(build) / "params.yml"
        params.write_text(yaml.safe_dump(parameters, allow_unicode=True), encoding="utf-8")
        for fmt in ("pdf", "html"):
            report(f"quarto render --to {fmt}")
            cmd = [
                quarto,
                "render",
                str(book.root),
                "--to",
                fmt,
                "--execute",
                "--execute-params",
                str(params),
                "--output-dir",
                str(Path(build) / fmt),
            ]
            if subtitle:
                cmd += ["--metadata", f"subtitle:{subtitle}"]
            proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                raise RenderError(f"quarto render --to {fmt} failed:\n{proc.stderr.strip()}")
        pdfs = sorted((Path(build) / "pdf").rglob("*.pdf"))
        if not pdfs:
            raise RenderError("quarto render produced no PDF")
        shutil.copyfile(pdfs[0], out / PDF_NAME)
        shutil.copytree(Path(build) / "html", out / "html")
    return out / "html" / "index.html"
