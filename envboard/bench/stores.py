"""Benchmark both storage modes on the same data: page cost, import throughput, import while serving,
and concurrent sessions on one process. `python -m envboard.bench.stores [--scale tiny|province|national]`.

Builds the national demo at the scale asked in a temporary folder, starts a throwaway PostgreSQL,
loads the same file into a DuckLake, then measures each mode with the pages' own query lists
(envboard/bench/pages.py). Results go to bench/stores-<scale>.json and bench/stores-<scale>.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from envboard.bench.pages import PAGES
from envboard.core import db, lake, pgcluster
from envboard.core.settings import PROJECT_DIR
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.bench import make_petition_csv

SESSION_PAGES = ("overview", "closure_rank", "petitions")


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 3) if values else float("nan")


def run_page(reader: db.Reader, name: str) -> float:
    started = time.perf_counter()
    for _, step in PAGES[name]:
        cur = reader.cursor()
        try:
            step(cur)
        finally:
            cur.close()
    return time.perf_counter() - started


def page_costs(target: db.Target, repeats: int) -> dict:
    started = time.perf_counter()
    reader = db.Reader(target)
    reader.cursor().close()
    out = {"open_seconds": round(time.perf_counter() - started, 3), "pages": {}}
    for name in PAGES:
        times = [run_page(reader, name) for _ in range(repeats)]
        out["pages"][name] = {"p50": _p(times, 0.5), "p95": _p(times, 0.95)}
    return out


def import_seconds(target: db.Target, csv_path: Path) -> float:
    with db.write_transaction(target) as con:
        con.execute("delete from inspections where inspection_id = 'bench-petitions'")
        con.execute("insert into inspections (inspection_id, kind, round_no, round_label, region_code, is_synthetic) "
                    "values ('bench-petitions', 'central', 3, 'round3', '360000', true)")
    started = time.perf_counter()
    result = api.commit(csv_path, csv_path.name, "petitions", db_file=target,
                        options=Options(inspection_id="bench-petitions", batch_no=1,
                                                    as_of=dt.date(2024, 6, 30)))
    assert result.status == "imported", result.errors[:3]
    return time.perf_counter() - started


def sessions(target: db.Target, n: int, seconds: float, busy: threading.Event | None = None) -> dict:
    """n threads on one process viewing pages without caching, reading as the app does (a new snapshot
    is copied in the background); page p95 while `busy` (if given) is set."""
    reader, times = db.Reader(target, background=True), []
    reader.cursor().close()
    stop = time.monotonic() + seconds

    def viewer(k: int) -> None:
        i = k
        while time.monotonic() < stop and (busy is None or busy.is_set() or not times):
            times.append(run_page(reader, SESSION_PAGES[i % len(SESSION_PAGES)]))
            i += 1

    threads = [threading.Thread(target=viewer, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"sessions": n, "views": len(times), "p50": _p(times, 0.5), "p95": _p(times, 0.95)}


def measure(target: db.Target, csv_path: Path, repeats: int, levels: list[int], window: float) -> dict:
    out = page_costs(target, repeats)
    out["import_rows_per_second"] = round(1000 / import_seconds(target, csv_path), 1)
    busy = threading.Event()
    busy.set()
    imp = threading.Thread(target=lambda: (import_seconds(target, csv_path), busy.clear()))
    imp.start()
    out["while_importing"] = sessions(target, 1, 600, busy)
    imp.join()
    out["sessions"] = [sessions(target, n, window) for n in levels]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m envboard.bench.stores")
    ap.add_argument("--scale", default="tiny", choices=["tiny", "province", "national"])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sessions", default="1,2,4")
    ap.add_argument("--window", type=float, default=20.0)
    args = ap.parse_args(argv)
    from envboard.cli.server import load_file  # deferred: layer exception (see tests/test_architecture.py)

    report = {"scale": args.scale, "repeats": args.repeats, "cores": os.cpu_count(),
              "load_start": round(os.getloadavg()[0], 1), "duckdb": duckdb.__version__}
    started_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="envboard-stores-") as tmp:
        emb = Path(tmp) / "national.duckdb"
        subprocess.run([sys.executable, "-m", "envboard", "demo-national", "--scale", args.scale, "--db", str(emb)],
                       check=True, cwd=PROJECT_DIR, capture_output=True)
        report["embedded_mb"] = round(emb.stat().st_size / 2**20)
        csv_path = make_petition_csv(Path(tmp) / "petitions.csv", 1000)
        with pgcluster.cluster(durable=True) as pg:
            (Path(tmp) / "lake").mkdir()
            store = lake.LakeStore(pg.dsn, str(Path(tmp) / "lake") + "/")
            from envboard.cli.common import create_database  # deferred: layer exception (see tests/test_architecture.py)

            create_database(store, demo=False)
            started = time.perf_counter()
            load_file(store, emb)
            report["lake_load_seconds"] = round(time.perf_counter() - started, 1)
            levels = [int(x) for x in args.sessions.split(",")]
            for mode, target in (("embedded", emb), ("lake", store)):
                report[mode] = measure(target, csv_path, args.repeats, levels, args.window)
    report["load_end"] = round(os.getloadavg()[0], 1)
    report["minutes"] = round((time.perf_counter() - started_all) / 60, 1)
    (PROJECT_DIR / "bench" / f"stores-{args.scale}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (PROJECT_DIR / "bench" / f"stores-{args.scale}.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


def markdown(r: dict) -> str:
    lines = [f"# Embedded file vs server mode (DuckLake on PostgreSQL), `{r['scale']}` scale", "",
             "Seconds; one page view = every query the page runs, uncached (the first view after an import).", "",
             "| page | embedded p50 | embedded p95 | lake p50 | lake p95 |", "|---|---|---|---|---|"]
    for name in r["embedded"]["pages"]:
        e, k = r["embedded"]["pages"][name], r["lake"]["pages"][name]
        lines.append(f"| {name} | {e['p50']} | {e['p95']} | {k['p50']} | {k['p95']} |")
    lines += ["", "| | embedded | lake |", "|---|---|---|"]
    lines.append(f"| open the reader (s) | {r['embedded']['open_seconds']} | {r['lake']['open_seconds']} |")
    lines.append(f"| import 1,000 petitions (rows/s) | {r['embedded']['import_rows_per_second']} | "
                 f"{r['lake']['import_rows_per_second']} |")
    lines.append(f"| page p95 while an import runs (s) | {r['embedded']['while_importing']['p95']} | "
                 f"{r['lake']['while_importing']['p95']} |")
    for e, k in zip(r["embedded"]["sessions"], r["lake"]["sessions"]):
        lines.append(f"| {e['sessions']} concurrent sessions, page p95 (s) | {e['p95']} | {k['p95']} |")
    lines += ["", f"Loading the embedded file into the lake: {r['lake_load_seconds']} s."
              + (f" Embedded file: {r['embedded_mb']} MB." if "embedded_mb" in r else ""), ""]
    if "load_start" in r:
        lines += [f"Machine: {r['cores']} cores, DuckDB {r['duckdb']}; 1-minute load average {r['load_start']} at "
                  f"the start and {r['load_end']} at the end of the {r['minutes']}-minute run"
                  + (" (the run's own sessions and PostgreSQL included; nothing else ran)." if r["load_start"] < r["cores"]
                     else " (other work included): wall times are those of a shared machine."), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
