"""File names inside a rendered report folder (reports/<period>/)."""

PDF_NAME = "rapport.pdf"
HTML_NAME = "rapport.html"
NOTEBOOKS_DIR = "notebooks"  # the executed notebooks
