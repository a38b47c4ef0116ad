"""Pages as the user meets them: each page's whole server work (page script, widgets, queries, Python)
run through Streamlit's AppTest in a fresh process on a copy of the database.

Measured per page: the first view after the server process starts; the view with the page caches
empty (what the first user after an import pays when nothing pre-warmed the caches); the repeat view
(caches filled, what every later user meets); and, after an import, the first view once the
background pre-warm (envboard/ui/prewarm.py) has finished. Then the concurrency curve: N simultaneous
page loads in one process (threads, as Streamlit runs sessions), p50/p95 and CPU per view.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from envboard.core import db

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
# page script → ?query of the view measured (江西 as of the last data month is the app's default view)
PAGES = ["overview", "closure_rank", "leaderboard", "map", "city_file", "briefing", "meeting", "ledger", "petitions",
         "supervision", "methodology"]
CONCURRENCY = (1, 5, 10, 20, 40)


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def _stats(ms: list[float]) -> dict:
    return {"p50_ms": statistics.median(ms) if ms else float("nan"), "p95_ms": _p(ms, 0.95), "n": len(ms)}


_components: list = []


def _component_manager():
    """One scan of the installed custom components per process, as the server does at start (a new
    AppTest would scan every installed package's metadata on each run, ~0.3 s of CPU)."""
    from streamlit.components.v2.component_manager import BidiComponentManager  # deferred: streamlit only when the UI benchmark runs

    if not _components:
        manager = BidiComponentManager()
        manager.discover_and_register_components(start_file_watching=False)
        _components.append(manager)
    return _components[0]


def _view(page: str, lang: str = "zh"):
    """A new session (AppTest) opened on `page`; run() performs the view."""
    from streamlit.testing.v1 import AppTest  # deferred: streamlit only when the UI benchmark runs

    at = AppTest.from_file(APP, default_timeout=600)
    at._bidi_component_manager = _component_manager()
    at.query_params["lang"] = lang
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    return at


def _timed_view(page: str) -> tuple[float, float, bool]:
    """(wall ms, CPU ms of the whole process, ok) of one view of `page` in a new session."""
    at = _view(page)
    t0, c0 = time.perf_counter(), time.process_time()
    at.run()
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000, _rendered(at)


def _rendered(at) -> bool:
    """The page itself ran: no exception and no error box (the sign-in page a misconfigured account
    set-up shows instead of every page carries one; it once passed for a 17 ms overview)."""
    return not at.exception and not at.error


def _clear_caches() -> None:
    import streamlit as st  # deferred: streamlit only when the UI benchmark runs

    st.cache_data.clear()


def _bump_version(path: Path) -> float:
    """An empty committed write (what an import does to the caches); returns its seconds."""
    t0 = time.perf_counter()
    with db.write_transaction(path):
        pass
    return time.perf_counter() - t0


def _wait_prewarm(timeout: float = 600) -> float:
    t0 = time.perf_counter()
    for thread in threading.enumerate():
        if thread.name.startswith("envboard-prewarm-"):
            thread.join(timeout)
    return (time.perf_counter() - t0) * 1000


def measure_pages(path: Path, repeats: int, pages: list[str]) -> dict:
    """Run in a fresh process with ENVBOARD_DB=path (a copy: the import step writes to it)."""
    out: dict = {"pages": {}}
    ms, cpu, ok = _timed_view("overview")            # the first view after start, pre-warm starting beside it
    out["first_view_after_start"] = {"page": "overview", "ms": ms, "cpu_ms": cpu, "ok": ok}
    out["prewarm_wait_ms"] = _wait_prewarm()
    for page in pages:
        _clear_caches()
        first_ms, first_cpu, first_ok = _timed_view(page)
        warm = [_timed_view(page) for _ in range(repeats)]
        uncached = []
        for _ in range(max(2, repeats // 4)):
            _clear_caches()
            uncached.append(_timed_view(page))
        out["pages"][page] = {
            "uncached_first": {"ms": first_ms, "cpu_ms": first_cpu, "ok": first_ok},
            "cached": _stats([w[0] for w in warm]) | {"cpu_p50_ms": statistics.median([w[1] for w in warm])},
            "uncached": _stats([u[0] for u in uncached]) | {"cpu_p50_ms": statistics.median([u[1] for u in uncached])},
            "ok": first_ok and all(w[2] for w in warm) and all(u[2] for u in uncached),
        }
    out["import_write_s"] = _bump_version(path)
    _timed_view("methodology")                       # the first session after the import starts the pre-warm
    out["prewarm_after_import_ms"] = _wait_prewarm()
    out["first_view_after_import"] = {p: _timed_view(p)[0] for p in pages}
    return out


def measure_concurrency(levels: tuple[int, ...], pages: list[str]) -> dict:
    """N simultaneous page loads (threads in this process, pages taken in turn), caches filled first."""
    for page in pages:
        _timed_view(page)
    out = {}
    for n in levels:
        results: list[tuple[float, float, bool]] = []
        views = [_view(pages[i % len(pages)]) for i in range(n)]
        barrier = threading.Barrier(n)

        def load(at, barrier=barrier, results=results):
            barrier.wait()
            t0 = time.perf_counter()
            at.run()
            results.append(((time.perf_counter() - t0) * 1000, 0.0, _rendered(at)))

        threads = [threading.Thread(target=load, args=(at,)) for at in views]
        c0, t0 = time.process_time(), time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        out[str(n)] = _stats([r[0] for r in results]) | {"cpu_per_view_ms": cpu / n, "wall_ms": wall,
                                                         "ok": all(r[2] for r in results)}
    return out


_CHILD = """
import json, sys
from pathlib import Path
from envboard.bench import ui
path, repeats, pages, levels = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4]
from envboard.security import auth
if auth.account_mode(None)[0] != "open":
    sys.exit("UI benchmark: the app would show its sign-in page, not the pages (account mode %s)" % (auth.account_mode(None),))
out = ui.measure_pages(path, repeats, pages)
if levels:
    out["concurrency"] = ui.measure_concurrency(tuple(int(n) for n in levels.split(",")), pages)
print("BENCH-JSON " + json.dumps(out))
"""


def run_ui(path: Path, repeats: int = 10, pages: list[str] | None = None,
           levels: tuple[int, ...] = CONCURRENCY) -> dict:
    """The UI measurements in a fresh process on `path` (which it writes to: pass a copy)."""
    env = {**os.environ, "ENVBOARD_DB": str(path), "ENVBOARD_AUTH": "open",     # single-user: no sign-in page
           "ENVBOARD_USERS": str(path.with_suffix(".no-users.toml")),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(repeats), ",".join(pages or PAGES),
                           ",".join(map(str, levels))], env=env, capture_output=True, text=True, cwd=ROOT)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("BENCH-JSON ")]
    if done.returncode or not lines:
        raise RuntimeError(f"UI benchmark failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(lines[-1].removeprefix("BENCH-JSON "))
