"""Benchmark output: results of several scales merged into one JSON file, and a short Markdown table."""
from __future__ import annotations

import json
from pathlib import Path

TARGETS = {"warm_p95_ms": 200, "cold_ms": 2000, "leaderboard_ms": 300, "leaderboard_speedup": 10,
           "import_seconds": 30, "peak_rss_mb": 2048, "first_view_ms": 2000, "after_import_ms": 1000,
           "concurrent_p95_ms": 2000, "speedup_pandas": 10, "speedup_polars": 3}


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def merge_json(path: Path, result: dict) -> dict:
    """Write `result` under its scale, keeping the other scales already in the file."""
    merged = load_json(path) | {result["scale"]: result}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return merged


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _page_rows(scale: str, r: dict) -> list[str]:
    rows = []
    for page, m in r["pages"].items():
        warm, cold = m["warm"], m["cold"]["cold_ms"]
        ok = warm["p95_ms"] < TARGETS["warm_p95_ms"] and cold < TARGETS["cold_ms"]
        slow_name, slow = max(warm["queries"].items(), key=lambda kv: kv[1]["p95_ms"])
        label = (f"page {page} ({len(warm['queries'])} steps; slowest {slow_name} p95 {slow['p95_ms']:.0f}; "
                 f"CPU p50 {warm.get('cpu_p50_ms', float('nan')):.0f})")
        rows.append(f"| {scale} | {label} | {warm['p50_ms']:.0f} | {warm['p95_ms']:.0f} | {cold:.0f} | {_mark(ok)} |")
    return rows


def _ui_rows(scale: str, r: dict) -> list[str]:
    """Pages through the UI: repeat view (cached), empty caches, first view after an import (pre-warmed)."""
    ui = r.get("ui")
    if not ui:
        return []
    first = ui["first_view_after_start"]
    rows = [f"| {scale} | UI first view after start ({first['page']}; CPU {first['cpu_ms']:.0f}) | {first['ms']:.0f} | | | "
            f"{_mark(first['ms'] < TARGETS['first_view_ms'] and first['ok'])} |"]
    for page, m in ui["pages"].items():
        cached, empty = m["cached"], m["uncached"]
        after = ui["first_view_after_import"].get(page, float("nan"))
        ok = cached["p95_ms"] < TARGETS["warm_p95_ms"] and after < TARGETS["after_import_ms"] and m["ok"]
        rows.append(f"| {scale} | UI page {page}: repeat view p50 / p95 (CPU p50 {cached['cpu_p50_ms']:.0f}); empty caches "
                    f"p50 {empty['p50_ms']:.0f} (CPU {empty['cpu_p50_ms']:.0f}); after import | {cached['p50_ms']:.0f} | "
                    f"{cached['p95_ms']:.0f} | {after:.0f} | {_mark(ok)} |")
    for n, c in (ui.get("concurrency") or {}).items():
        rows.append(f"| {scale} | UI {n} simultaneous page loads: p50 / p95 (CPU per view {c['cpu_per_view_ms']:.0f}) | "
                    f"{c['p50_ms']:.0f} | {c['p95_ms']:.0f} | | {_mark(c['p95_ms'] < TARGETS['concurrent_p95_ms'] and c['ok']) if n == '20' else _mark(c['ok']) if not c['ok'] else ''} |")
    rows.append(f"| {scale} | UI pre-warm after start / after import (ms, background) | {ui['prewarm_wait_ms']:.0f} | "
                f"{ui['prewarm_after_import_ms']:.0f} | | |")
    return rows


def _baseline_rows(scale: str, r: dict) -> list[str]:
    lead, close = r["baselines"]["composite_leaderboard"], r["baselines"]["closure_ranking"]
    if not lead["years"]:
        return [f"| {scale} | composite leaderboard: no complete year | | | | |"]
    ok = lead["engine_ms"] < TARGETS["leaderboard_ms"] and lead["speedup"] >= TARGETS["leaderboard_speedup"]
    span = f"{lead['years'][0]}–{lead['years'][1]}"
    pre = (f"| {scale} | composite leaderboard {span} ({lead['rows']} city-years), pre-aggregated | "
           f"{lead['engine_ms']:.0f} | pandas {lead['pandas_ms']:.0f} | ×{lead['speedup']:.1f} | {_mark(ok)} |")
    rows = [pre]
    for label, engine, key in (("composite leaderboard " + span + ", computed on request", lead["live_ms"], "live"),
                               (f"closure ranking ({close['rows']} cities)", close["engine_ms"], "close")):
        src = lead if key == "live" else close
        for lib, target in (("pandas", TARGETS["speedup_pandas"]), ("polars", TARGETS["speedup_polars"])):
            base = src.get(f"{lib}_ms")
            if base is None:
                continue
            ratio = base / engine
            rows.append(f"| {scale} | {label} vs {lib} | {engine:.0f} | {lib} {base:.0f} | ×{ratio:.1f} | {_mark(ratio >= target)} |")
    return rows


def _other_rows(scale: str, r: dict) -> list[str]:
    rows = []
    imp = r.get("import")
    if imp:
        ok = imp["seconds"] < TARGETS["import_seconds"] and imp["peak_rss_mb"] < TARGETS["peak_rss_mb"]
        rows.append(f"| {scale} | import {imp['rows']:,} petitions (s; rows/s; peak RSS MB) | {imp['seconds']:.1f} | "
                    f"{imp['rows_per_second']:,.0f} | {imp['peak_rss_mb']:.0f} | {_mark(ok)} |")
    rss = r["peak_rss_mb_pages"]
    rows.append(f"| {scale} | peak RSS MB: pages / with pandas baselines | {rss:.0f} | "
                f"{r['peak_rss_mb_with_pandas']:.0f} | | {_mark(rss < TARGETS['peak_rss_mb'])} |")
    return rows


def markdown(results: dict) -> str:
    """A table per scale: pages (ms), baselines (ms, speed-up), import and memory, with target marks."""
    any_r = next(iter(results.values()))
    m = any_r["machine"]
    lines = [f"Machine: {m['cores']} cores, {m['memory_gb']} GB memory; Python {m['python']}, DuckDB {m['duckdb']}.", "",
             ("Times in ms unless stated. UI rows: each page's whole server work through Streamlit's AppTest "
              "(script, widgets, queries, Python) in a fresh process; ✓ when the repeat view's p95 < 200 ms and the "
              "first view after an import < 1 s. A page row is its query set alone (warm p50, p95; cold); ✓ when the "
              "set's p95 < 200 ms and cold < 2 s. Ratios: baseline time ÷ engine time, same run."), "",
             "| scale | measurement | p50 / engine | p95 / baseline | cold / ratio | target |",
             "|---|---|---:|---:|---:|:-:|"]
    for scale, r in results.items():
        lines += _ui_rows(scale, r) + _page_rows(scale, r) + _baseline_rows(scale, r) + _other_rows(scale, r)
    loads = [f"{s}: {r['machine'].get('load_avg_1m', '?')} → {r.get('load_avg_1m_end', '?')}" for s, r in results.items()]
    sizes = [f"{s}: {r['file_mb']:.0f} MB, {r['rows']['petitions']:,} petitions, {r['rows']['air_daily']:,} air days, "
             f"{r['rows']['water_monthly']:,} water values" for s, r in results.items()]
    unmapped = sorted({p for r in results.values() for p in r.get("unmapped_pages", [])})
    notes = [f"Pages not measured (no entry in envboard/bench/pages.py): {', '.join(unmapped)}."] if unmapped else []
    return "\n".join(lines + ["", "Database: " + "; ".join(sizes) + ".",
                     "Load average (1 min) at start → end, other work included: " + "; ".join(loads) + "."] + notes) + "\n"
