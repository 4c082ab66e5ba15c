"""Scale benchmark of the survey chapter: 10 million synthetic respondent rows.

`run()` writes a synthetic national file (processed Parquet schema, generated here and never
committed), then aggregates it - mean and 95 % interval per principle x wave x location, plus
the national cluster-robust interval per principle x wave - with the chapter's engine
(`analysis.chapters.enquetes.aggregate`, DuckDB underneath) and, in the same run, with plain
DuckDB SQL, pandas and (when installed) polars. Each engine runs in its own child process;
its peak memory is that child's maximum resident set size (`os.wait4`), and its time is
measured inside the child around the aggregation (imports excluded); the median of three
children is reported (pandas: one).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.ingest.enquetes import PROCESSED_SCHEMA, SCORES
from benchmarks.record import run_child

N_ROWS = 10_000_000
WAVES = ("2008-H2", "2009-H1", "2009-H2", "2010-H1")
TARGET_RATIO = 1.5  # the engine within 1,5 x DuckDB
TARGET_PEAK_MB = 2048
ENGINES = ("engine", "duckdb", "pandas", "polars")
REPEAT = 3


def generate(path: Path, n_rows: int = N_ROWS, seed: int = 13, chunk: int = 1_000_000) -> None:
    """Synthetic respondents in the processed schema, written one row group at a time."""
    rng = np.random.default_rng(seed)
    locations = np.array([f"WP-{i:03d}" for i in range(1, 126)])
    loc_effect = rng.normal(0, 0.3, len(locations))
    with pq.ParquetWriter(path, PROCESSED_SCHEMA, compression="zstd") as writer:
        for start in range(0, n_rows, chunk):
            n = min(chunk, n_rows - start)
            loc = rng.integers(0, len(locations), n)
            person = loc_effect[loc] + rng.normal(0, 1.3, n)
            cols = {"wave": pa.array(np.array(WAVES)[rng.integers(0, len(WAVES), n)]),
                    "location": pa.array(locations[loc])}  # fmt: skip
            for s in SCORES:
                v = np.clip(np.rint(6.8 + person + rng.normal(0, 0.7, n)), 1, 10).astype(np.int8)
                cols[s] = pa.array(v, mask=rng.random(n) < 0.015)
            benefit = rng.choice(np.array(["ww", "wwb", "other", "none"]), n)
            days = np.clip(5 + rng.gamma(2.0, 12.0, n), 0, 3650).astype(np.int16)
            cols["fixed_contact"] = pa.array(rng.random(n) < 0.8)
            cols["benefit"] = pa.array(benefit)
            cols["days_to_payment"] = pa.array(days, mask=benefit == "none")
            writer.write_table(pa.table(cols, schema=PROCESSED_SCHEMA))


# --- the engines (run in a child process) --------------------------------------------------


def _engine(path: str) -> int:
    from analysis.chapters.enquetes.aggregate import cell_sums
    from analysis.chapters.enquetes.intervals import cell_stats, clustered_mean

    cells = cell_stats(cell_sums([Path(path)]))
    national = clustered_mean(cells, ["wave", "score"])
    return len(cells) + len(national)


def _duckdb(path: str) -> int:
    import duckdb

    parts = ", ".join(
        f'count("{s}") AS "n_{s}", avg("{s}") AS "m_{s}", stddev_samp("{s}") AS "sd_{s}"'
        for s in SCORES
    )
    bounds = ", ".join(
        f'"m_{s}" - 1.96 * "sd_{s}" / sqrt("n_{s}") AS "lo_{s}", '
        f'"m_{s}" + 1.96 * "sd_{s}" / sqrt("n_{s}") AS "hi_{s}"'
        for s in SCORES
    )
    sql = (
        f"SELECT *, {bounds} FROM (SELECT wave, location, {parts} FROM read_parquet('{path}') "
        "GROUP BY wave, location) ORDER BY wave, location"
    )
    return len(duckdb.connect().execute(sql).df())


def _pandas(path: str) -> int:
    import pandas as pd

    frame = pd.read_parquet(path, columns=["wave", "location", *SCORES])
    out = {}
    for s in SCORES:
        g = frame[s].astype("float64").groupby([frame["wave"], frame["location"]])
        agg = g.agg(["count", "mean", "std"])
        half = 1.96 * agg["std"] / np.sqrt(agg["count"])
        out[s] = agg.assign(lower=agg["mean"] - half, upper=agg["mean"] + half)
    return sum(len(v) for v in out.values())


def _polars(path: str) -> int:
    import polars as pl

    aggs = []
    for s in SCORES:
        c = pl.col(s).cast(pl.Float64)
        aggs += [c.count().alias(f"n_{s}"), c.mean().alias(f"m_{s}"), c.std().alias(f"sd_{s}")]
    out = pl.scan_parquet(path).group_by(["wave", "location"]).agg(aggs).collect()
    out = out.with_columns(
        [
            (pl.col(f"m_{s}") - 1.96 * pl.col(f"sd_{s}") / pl.col(f"n_{s}").sqrt()).alias(f"lo_{s}")
            for s in SCORES
        ]  # fmt: skip
    )
    return len(out)


_MODULES = {
    "engine": ("analysis.chapters.enquetes.aggregate", "analysis.chapters.enquetes.intervals"),
    "duckdb": ("duckdb", "pandas"),
    "pandas": ("pandas", "pyarrow.parquet"),
    "polars": ("polars", "pandas"),
}


def child(engine: str, path: str) -> None:
    """Entry point of one measurement: import first, then time the aggregation; print JSON."""
    import importlib

    for module in _MODULES[engine]:
        importlib.import_module(module)
    fn = {"engine": _engine, "duckdb": _duckdb, "pandas": _pandas, "polars": _polars}[engine]
    start = time.perf_counter()
    rows = fn(path)
    print(json.dumps({"seconds": time.perf_counter() - start, "result_rows": rows}))


def measure(engine: str, path: Path) -> dict | None:
    """One engine in a fresh child process: its time and peak memory (None if unavailable)."""
    code = f"from benchmarks.surveys import child; child({engine!r}, {str(path)!r})"
    returncode, out, err, peak_mb = run_child(code)
    if returncode != 0:
        if "ModuleNotFoundError" in err:
            return None
        raise RuntimeError(f"{engine} failed: {err.strip().splitlines()[-1:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return {"time_s": round(result["seconds"], 3), "peak_mb": peak_mb}


def run(n_rows: int = N_ROWS, log=lambda m: print(m, file=sys.stderr, flush=True)) -> dict:
    """The benchmark: time and peak memory of every engine on `n_rows` synthetic rows."""
    with tempfile.TemporaryDirectory(prefix="bench-enquetes-") as tmp:
        path = Path(tmp) / "respondenten-synthetisch.parquet"
        log(f"surveys: generating {n_rows:,} synthetic respondent rows ...")
        start = time.perf_counter()
        generate(path, n_rows)
        log(f"  {time.perf_counter() - start:.1f} s, {path.stat().st_size / 2**20:.0f} MiB")
        results = {}
        for engine in ENGINES:  # median time of REPEAT children (pandas once: it is slow)
            runs = [measure(engine, path) for _ in range(1 if engine == "pandas" else REPEAT)]
            if None in runs:
                results[engine] = None
                continue
            results[engine] = r = {
                "time_s": sorted(x["time_s"] for x in runs)[len(runs) // 2],
                "peak_mb": max(x["peak_mb"] for x in runs),
                "runs": len(runs),
            }
            log(f"  {engine:7s} {r['time_s']:.3f} s (median of {len(runs)}), "
                f"peak {r['peak_mb']:.0f} MB")  # fmt: skip
    main, ref = results["engine"], results["duckdb"]
    ratio = round(main["time_s"] / ref["time_s"], 3)
    report = {
        "rows": n_rows,
        "engine": "duckdb (analysis.chapters.enquetes.aggregate)",
        "time_s": main["time_s"],
        "peak_mb": main["peak_mb"],
        "duckdb_time_s": ref["time_s"],
        "duckdb_peak_mb": ref["peak_mb"],
        "ratio": ratio,
        "alternatives": {k: v for k, v in results.items() if k not in ("engine", "duckdb")},
        "targets": {"ratio": TARGET_RATIO, "peak_mb": TARGET_PEAK_MB},
        "ok": ratio <= TARGET_RATIO and main["peak_mb"] <= TARGET_PEAK_MB,
    }
    log(f"  engine/DuckDB = {ratio:.2f} (target {TARGET_RATIO}), peak {main['peak_mb']:.0f} MB "
        f"(target {TARGET_PEAK_MB} MB)")  # fmt: skip
    return report


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else N_ROWS), indent=2))
