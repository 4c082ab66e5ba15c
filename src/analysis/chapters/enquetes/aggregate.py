"""The survey chapter's engine: per-cell sums of respondent answers, computed by DuckDB.

Every statistic of the chapter needs only, per cell (wave x location x optional subgroup) and
score, the number of answers, their sum and their sum of squares (`intervals`). DuckDB scans
the processed Parquet files in a streaming fashion, so a national file larger than memory
works too; `make bench` measured it against pandas and polars on 10 million rows
(`benchmarks/surveys.py`). A pandas frame (tests, small inputs) is queried the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analysis.chapters.enquetes.model import Source
from analysis.ingest.enquetes import SCORES


def _relation(con: duckdb.DuckDBPyConnection, source: Source) -> str:
    """A FROM clause for the source: Parquet files, or a registered frame."""
    if isinstance(source, pd.DataFrame):
        con.register("respondents", source)
        return "respondents"
    files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in source)
    return f"read_parquet([{files}])"


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection (results are ordered by the queries themselves)."""
    return duckdb.connect()


def cell_sums(
    source: Source,
    by: Sequence[str] = ("wave", "location"),
    scores: Sequence[str] = SCORES,
    where: str | None = None,
) -> pd.DataFrame:
    """Long frame: the `by` columns, `score`, `respondents` (rows of the cell), `n`
    (answers), `sum` and `sumsq`, sorted by `by` and score order. `where` is a SQL condition
    on the processed columns (code-defined, never from input)."""
    keys = ", ".join(f'"{c}"' for c in by)
    parts = [f'count("{s}") AS "n:{s}", sum("{s}")::DOUBLE AS "sum:{s}", '
             f'sum("{s}"::INTEGER * "{s}")::DOUBLE AS "sumsq:{s}"' for s in scores]  # fmt: skip
    with connect() as con:
        sql = (
            f"SELECT {keys}, count(*) AS respondents, {', '.join(parts)} "
            f"FROM {_relation(con, source)} {'WHERE ' + where if where else ''} "
            f"GROUP BY {keys} ORDER BY {keys}"
        )
        wide = con.execute(sql).df()
    frames = []
    for s in scores:
        part = wide[[*by, "respondents"]].copy()
        part.insert(len(by), "score", s)
        for stat in ("n", "sum", "sumsq"):
            part[stat] = wide[f"{stat}:{s}"].fillna(0).to_numpy(float)
        part["n"] = part["n"].astype(int)
        frames.append(part)
    order = {s: i for i, s in enumerate(scores)}
    long = pd.concat(frames, ignore_index=True)
    long = long.sort_values([*by, "score"], key=lambda c: c.map(order) if c.name == "score"
                            else c, kind="stable")  # fmt: skip
    return long.reset_index(drop=True)


def rows(source: Source, columns: Sequence[str], where: str | None = None) -> pd.DataFrame:
    """Selected respondent columns (for a regression on one wave), in file order."""
    cols = ", ".join(f'"{c}"' for c in columns)
    with connect() as con:
        sql = f"SELECT {cols} FROM {_relation(con, source)} {'WHERE ' + where if where else ''}"
        return con.execute(sql).df()
