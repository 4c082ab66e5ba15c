"""File names inside a rendered report folder (reports/<period>/)."""

PDF_NAME = "rapport.pdf"
HTML_NAME = "rapport.html"
NOTEBOOKS_DIR = "notebooks"  # the executed notebooks
TABLES_DIR = "tables"  # the chapters' tidy tables (<chapter>-<table>.csv)
