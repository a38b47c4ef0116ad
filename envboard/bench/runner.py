"""Run the benchmark on one database file: pages cold and warm, baselines, import, memory."""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from envboard.core import db
from envboard.domain import preagg, rank
from envboard.bench import baselines, pages, ui
from envboard.core.queries import run
from envboard.ingest.bench import make_petition_csv, measure_import

MB = 1024 * 1024
_COLD_CHILD = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from envboard.core import db
from envboard.bench import pages
t1 = time.perf_counter()
cur = db.Reader(Path(sys.argv[1])).cursor()
for _, step in pages.PAGES[sys.argv[2]]:
    step(cur)
t2 = time.perf_counter()
print(json.dumps({"cold_ms": (t2 - t1) * 1000, "import_modules_ms": (t1 - t0) * 1000,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _env() -> dict:
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}


def cold_page(path: Path, page: str) -> dict:
    """One view of a page in a fresh process: open the file, install SQL objects, run its queries once."""
    done = subprocess.run([sys.executable, "-c", _COLD_CHILD, str(path), page], env=_env(),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def warm_page(reader: db.Reader, page: str, repeats: int) -> dict:
    """p50/p95 (ms) of the page's whole query set and of each query, on an open connection, no result cache.

    cpu_p50_ms is the process CPU time (all threads) of the set: less disturbed by other work on the machine."""
    steps = pages.PAGES[page]
    totals, cpu, per_step = [], [], {name: [] for name, _ in steps}
    for i in range(repeats + 1):
        cur = reader.cursor()
        total, c0 = 0.0, time.process_time()
        for name, step in steps:
            ms = _ms(lambda step=step, cur=cur: step(cur))
            total += ms
            if i:                           # the first round warms the connection
                per_step[name].append(ms)
        cur.close()
        if i:
            totals.append(total)
            cpu.append((time.process_time() - c0) * 1000)
    return {"p50_ms": statistics.median(totals), "p95_ms": _p(totals, 0.95), "cpu_p50_ms": statistics.median(cpu),
            "queries": {n: {"p50_ms": statistics.median(v), "p95_ms": _p(v, 0.95)} for n, v in per_step.items()}}


def page_results(path: Path, repeats: int) -> dict:
    reader = db.Reader(path)
    out = {}
    for page in pages.PAGES:
        out[page] = {"cold": cold_page(path, page), "warm": warm_page(reader, page, repeats)}
    return out


def unmapped_pages() -> list[str]:
    """Page files in app_pages/ that the benchmark does not know (add them to pages.PAGES)."""
    folder = Path(__file__).resolve().parents[2] / "app_pages"
    return sorted(p.stem for p in folder.glob("*.py") if p.stem not in pages.PAGES)


def _timed(fn, repeats: int) -> tuple[float, object]:
    """Median ms over `repeats` runs, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def _leaderboard(cur, repeats: int) -> dict:
    """The 10-year composite leaderboard: pre-aggregated, computed on request, and in pandas."""
    years = preagg.complete_years(cur)[-10:]
    if not years:
        return {"years": None, "rows": 0}
    pre_ms, pre = _timed(lambda: preagg.leaderboard(cur, years[0], years[-1]), repeats)
    live_ms, live = _timed(lambda: baselines.leaderboard_live(cur, years), 1)
    pd_ms, lead_pd = _timed(lambda: baselines.leaderboard_pandas(cur, years), repeats)
    pl_ms, lead_pl = _timed(lambda: baselines.leaderboard_polars(cur, years), repeats)
    return {"years": [years[0], years[-1]], "rows": len(pre), "rows_live": len(live), "rows_pandas": len(lead_pd),
            "rows_polars": len(lead_pl), "engine_ms": pre_ms, "live_ms": live_ms, "pandas_ms": pd_ms, "polars_ms": pl_ms,
            "speedup": pd_ms / pre_ms, "speedup_live": pd_ms / live_ms, "speedup_polars": pl_ms / pre_ms,
            "speedup_live_polars": pl_ms / live_ms}


def _closure_ranking(cur):
    """The engine's closure ranking: the named query's counts, ranked by the one ranker (1, 1, 3)."""
    counts = run(cur, "closure_rate_by_city", scope_code=pages.SCOPE, as_of=pages.AS_OF)
    return rank.rank_values(counts.assign(region_code=counts["city_code"], value=counts["closure_rate"] * 100),
                            "value", True, 1)


def baseline_results(path: Path, repeats: int = 3) -> dict:
    """Engine vs pandas: the 10-year composite leaderboard and the closure ranking, same data."""
    cur = db.Reader(path).cursor()
    close_ms, close = _timed(lambda: _closure_ranking(cur), repeats)
    close_pd_ms, close_pd = _timed(lambda: baselines.closure_pandas(cur, pages.SCOPE, pages.AS_OF), repeats)
    close_pl_ms, close_pl = _timed(lambda: baselines.closure_polars(cur, pages.SCOPE, pages.AS_OF), repeats)
    keys = ["city_code", "tasks_closed", "tasks_under_closure"]
    return {
        "composite_leaderboard": _leaderboard(cur, repeats),
        "closure_ranking": {"rows": len(close), "rows_pandas": len(close_pd), "engine_ms": close_ms,
                            "pandas_ms": close_pd_ms, "speedup": close_pd_ms / close_ms, "polars_ms": close_pl_ms,
                            "speedup_polars": close_pl_ms / close_ms,
                            "same_counts": close[keys].astype(str).values.tolist() == close_pd[keys].astype(str).values.tolist(),
                            "same_counts_polars": close[keys].astype(str).values.tolist() == close_pl[keys].astype(str).values.tolist()},
    }


def import_result(path: Path, rows: int) -> dict:
    """Import a petition CSV of `rows` rows into a copy of the database (copy-on-write of the whole file)."""
    with tempfile.TemporaryDirectory(prefix="envboard-bench-") as tmp:
        csv_path = make_petition_csv(Path(tmp) / "petitions.csv", rows)
        target = Path(tmp) / "copy.duckdb"
        shutil.copyfile(path, target)
        report = measure_import(csv_path, db_file=target)
    return {"rows": rows, "seconds": report["seconds"], "rows_per_second": rows / report["seconds"],
            "peak_rss_mb": report["peak_rss_bytes"] / MB, "status": report["status"], "inserted": report["inserted"]}


def machine() -> dict:
    return {"cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
            "load_avg_1m": round(os.getloadavg()[0], 2),
            "python": platform.python_version(), "duckdb": __import__("duckdb").__version__}


def row_counts(path: Path) -> dict:
    cur = db.Reader(path).cursor()
    tables = ["tasks", "task_status_history", "petitions", "supervision_actions", "air_daily", "water_sections", "water_monthly"]
    return {t: cur.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}


def ui_result(path: Path, repeats: int, levels: tuple[int, ...]) -> dict:
    """Pages as the user meets them (envboard/bench/ui.py), on a copy of the database."""
    with tempfile.TemporaryDirectory(prefix="envboard-bench-ui-") as tmp:
        target = Path(tmp) / "ui.duckdb"
        shutil.copyfile(path, target)
        return ui.run_ui(target, repeats=repeats, levels=levels)


def run_all(path: Path, scale: str, repeats: int = 20, import_rows: int = 1_000_000, ui_repeats: int = 10,
            levels: tuple[int, ...] = (1, 5, 10, 20, 40)) -> dict:
    """Every measurement for one database file."""
    if not path.exists():
        raise db.DatabaseMissing(str(path))
    out = {"scale": scale, "machine": machine(), "file_mb": path.stat().st_size / MB, "rows": row_counts(path)}
    out["ui"] = ui_result(path, ui_repeats, levels) if ui_repeats else None
    out |= {"pages": page_results(path, repeats), "unmapped_pages": unmapped_pages()}
    out["peak_rss_mb_pages"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["baselines"] = baseline_results(path)
    out["peak_rss_mb_with_pandas"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["import"] = import_result(path, import_rows) if import_rows else None
    out["load_avg_1m_end"] = round(os.getloadavg()[0], 2)
    return out
