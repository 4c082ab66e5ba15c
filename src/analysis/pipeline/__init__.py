"""One run of the study for a period: a graph of steps, executed as one transaction.

- `graph`: the steps of a period's run, from `analysis/study/dag.yml` and `_quarto.yml`;
- `records`: what each step read and wrote (its key, and the record beside its outputs);
- `run`: `plan` (which steps would run, and why), `run` and `ingest`;
- `steps`: what each kind of step does;
- `transaction`: the project lock, the stage and the commit.

Light to import: a run with nothing changed never imports pandas.
"""

from analysis.pipeline.run import Request, Result, ingest, plan, run
from analysis.pipeline.transaction import (
    clean_leftovers,
    project_lock,
    staged,
    terminate_as_interrupt,
)

__all__ = [
    "Request", "Result", "clean_leftovers", "ingest", "plan", "project_lock", "run", "staged",
    "terminate_as_interrupt",
]  # fmt: skip
