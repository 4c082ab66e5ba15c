"""Reproducible re-runs of the IWI/AKO Werkplein studies."""

__version__ = "0.1.0"
