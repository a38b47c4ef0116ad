"""Commands `demo-national` (synthetic national dataset) and `bench` (the benchmark)."""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from envboard.demo.national.scales import SCALES

DEFAULT_DB = {name: Path("data") / f"envboard_{name}.duckdb" for name in SCALES}


def cmd_demo_national(args) -> int:
    """Build the dataset; print JSON with row counts, seconds and file size."""
    from envboard.core.db import write_transaction  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.demo.national.generate import build_national  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    path = Path(args.db or DEFAULT_DB[args.scale]).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    # Built in a new file that then replaces the old one: a copy-on-write of the old data would
    # copy it only to delete it, and leave its freed blocks in the file.
    fresh = path.with_name(f".{path.name}.building")
    fresh.unlink(missing_ok=True)
    with write_transaction(fresh) as con:
        counts = build_national(con, SCALES[args.scale], seed=args.seed,
                                progress=lambda f, label: print(f"{f:4.0%} {label}", flush=True) if args.verbose else None)
    os.replace(fresh, path)
    Path(f"{fresh}.lock").unlink(missing_ok=True)
    report = {"scale": args.scale, "db": str(path), "seconds": round(time.perf_counter() - t0, 1),
              "file_bytes": path.stat().st_size, "rows": counts}
    print(json.dumps(report, ensure_ascii=False))
    return 0


def cmd_bench(args) -> int:
    """Run the benchmark on one database; write JSON and Markdown if asked; print the table."""
    from envboard.bench import report, runner  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    path = Path(args.db or DEFAULT_DB[args.scale]).resolve()
    levels = tuple(int(n) for n in args.concurrency.split(",") if n.strip()) if args.concurrency else ()
    result = runner.run_all(path, scale=args.scale, repeats=args.repeats, import_rows=args.import_rows,
                            ui_repeats=args.ui_repeats, levels=levels)
    if args.json:
        report.merge_json(Path(args.json), result)
    if args.md:
        text = report.markdown(report.load_json(Path(args.json)) if args.json else {args.scale: result})
        notes = Path(args.notes).read_text(encoding="utf-8") if args.notes else ""
        Path(args.md).write_text(text + ("\n" + notes if notes else ""), encoding="utf-8")
    print(report.markdown({args.scale: result}))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo-national", help="synthetic dataset at national, province or tiny scale")
    p.add_argument("--scale", choices=sorted(SCALES), default="national")
    p.add_argument("--seed", type=int, default=20260101)
    p.add_argument("--db", help="database file (default data/envboard_<scale>.duckdb)")
    p.add_argument("--verbose", action="store_true", help="print progress per province")
    p.set_defaults(func=cmd_demo_national)
    b = sub.add_parser("bench", help="benchmark pages as the user meets them, page queries, pandas and polars baselines, import")
    b.add_argument("--scale", choices=sorted(SCALES), default="national")
    b.add_argument("--db", help="database built by demo-national (default data/envboard_<scale>.duckdb)")
    b.add_argument("--json", help="merge this scale's results into a JSON file")
    b.add_argument("--md", help="write the Markdown table of all scales in the JSON file")
    b.add_argument("--notes", help="Markdown appended to --md (which targets are missed and why)")
    b.add_argument("--repeats", type=int, default=20, help="warm runs per page")
    b.add_argument("--import-rows", type=int, default=1_000_000, help="rows of the petition CSV import (0: skip)")
    b.add_argument("--ui-repeats", type=int, default=10, help="repeat views per page through the UI (0: skip the UI part)")
    b.add_argument("--concurrency", default="1,5,10,20,40", help="simultaneous page loads per step of the curve ('': skip)")
    b.set_defaults(func=cmd_bench)
