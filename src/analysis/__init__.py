"""Reproducible re-runs of the IWI/AKO Werkplein studies."""

import sys

__version__ = "0.1.0"

# nbformat imports jsonschema, which imports `rfc3987_syntax` when it is installed (a
# dependency of JupyterLab's) and builds its IRI grammar at import: 1,2 s, more than pandas.
# Notebook schemas never check IRIs, so this package runs without it (unless it is loaded).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
