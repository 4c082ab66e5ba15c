"""Benchmarks of the pipeline (`make bench`): clients of the `analysis` package, not part of it."""
