"""Scale benchmark of the survey ingest: a 100-million-row respondent file, in bounded memory.

`run()` writes a synthetic raw respondent file (the columns an inspector receives, generated
here and never committed) into a fresh project copy, then validates it and writes its
processed Parquet exactly as the ingest step does (`analysis.ingest.enquetes.write_wave`), in a
child process: its peak memory is the child's maximum resident set size (`os.wait4`), its
time is measured inside the child (imports excluded). A second child shows the configurable
row limit (`ANALYSIS_MAX_ROWS`) refusing the same file up front, before any row is read.
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

from analysis.ingest.cells import MAX_ROWS_ENV
from analysis.synthetic.enquetes import RAW_SCHEMA
from benchmarks.record import run_child

N_ROWS = 100_000_000
WAVE = "2030-H1"
TARGET_PEAK_MB = 2048  # issue 22: under 2 GB for 100 million rows
CHUNK = 2**20


def generate(path: Path, n_rows: int = N_ROWS, seed: int = 22) -> None:
    """Random respondents in the raw columns (125 locations, 1,5 % blank scores), written one
    row group of `CHUNK` rows at a time."""
    rng = np.random.default_rng(seed)
    locations = np.array([f"WP-{i:03d}" for i in range(1, 126)])
    benefits = np.array(["WW", "WWB", "anders", "geen"])
    with pq.ParquetWriter(path, RAW_SCHEMA, compression="zstd") as writer:
        for start in range(0, n_rows, CHUNK):
            n = min(CHUNK, n_rows - start)
            cols: dict[str, pa.Array] = {
                "meting": pa.array(np.full(n, WAVE)),
                "locatie": pa.array(locations[rng.integers(0, 125, n)]),
            }
            for name in RAW_SCHEMA.names[2:8]:
                scores = rng.integers(1, 11, n).astype(np.int8)
                cols[name] = pa.array(scores, mask=rng.random(n) < 0.015)
            benefit = benefits[rng.integers(0, 4, n)]
            cols["vaste_contactpersoon"] = pa.array(np.where(rng.random(n) < 0.8, "ja", "nee"))
            cols["uitkering"] = pa.array(benefit)
            days = rng.integers(0, 120, n).astype(np.int16)
            cols["dagen_eerste_betaling"] = pa.array(days, mask=benefit == "geen")
            writer.write_table(pa.table(cols, schema=RAW_SCHEMA))


def child(root: str) -> None:
    """One measurement: validate and write the wave of the project at `root`; print JSON."""
    from analysis.core.config import Paths
    from analysis.core.errors import InputError
    from analysis.ingest.enquetes import write_wave
    from analysis.study.waves import Wave

    start = time.perf_counter()
    try:
        meta = write_wave(Wave.parse(WAVE), Paths(Path(root)))
        result = {"respondents": meta["respondents"], "locations": meta["locations"]}
    except InputError as exc:
        result = {"refused": str(exc)}
    print(json.dumps({"seconds": time.perf_counter() - start, **result}))


def measure(root: Path, env: dict | None = None) -> dict:
    """`child` in a fresh process: its time, peak memory and result."""
    code = f"from benchmarks.ingest_scale import child; child({str(root)!r})"
    returncode, out, err, peak_mb = run_child(code, env)
    if returncode:
        raise RuntimeError(f"ingest failed: {err.strip().splitlines()[-3:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return {**result, "seconds": round(result["seconds"], 1), "peak_mb": peak_mb}


def run(n_rows: int = N_ROWS, log=lambda m: print(m, file=sys.stderr, flush=True)) -> dict:
    """Generate, then ingest `n_rows` respondents; and the same file refused up front."""
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp) / "data" / "raw" / "enquetes" / WAVE
        folder.mkdir(parents=True)
        path = folder / "respondenten.parquet"
        log(f"survey ingest: generating {n_rows:,} synthetic respondent rows ...")
        start = time.perf_counter()
        generate(path, n_rows)
        size = path.stat().st_size / 2**20
        log(f"  {time.perf_counter() - start:.0f} s, {size:.0f} MiB; validating and writing ...")
        ingest = measure(Path(tmp))
        log(f"  {ingest['seconds']} s, peak {ingest['peak_mb']} MB")
        refused = measure(Path(tmp), {MAX_ROWS_ENV: str(n_rows // 2)})
        log(f"  with {MAX_ROWS_ENV}={n_rows // 2}: refused in {refused['seconds']} s, "
            f"peak {refused['peak_mb']} MB")  # fmt: skip
        return {
            "rows": n_rows, "file_mib": round(size, 1), "ingest": ingest, "limit": refused,
            "target_peak_mb": TARGET_PEAK_MB,
            "ok": ingest.get("respondents") == n_rows and ingest["peak_mb"] <= TARGET_PEAK_MB,
        }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=N_ROWS)
    parser.add_argument("--out", type=Path, help="Also write the result (JSON) here.")
    args = parser.parse_args(argv)
    result = run(args.rows)
    text = json.dumps(result, indent=2) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, "utf-8")
    print(text, end="")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
