"""Import benchmark: a synthetic petition CSV of any size, and the time and peak memory to import it."""
from __future__ import annotations

import csv
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path
import json
import tempfile

from envboard.ingest.testing import make_db

HEADER = ["序号", "受理编号", "交办问题基本情况", "行政区域", "问题类型", "调查核实情况", "是否属实",
          "办结目标", "处理和整改情况", "是否办结", "责任人被处理情况"]
_COUNTIES = ["九江市浔阳区", "章贡区", "南昌市东湖区", "赣州", "上饶市信州区", "吉安市吉州区", "萍乡市安源区", "景德镇"]
_TYPES = ["大气", "水", "噪声", "生态", "土壤", "固废", "其他类型"]
_TRUTH = ["属实", "基本属实", "部分属实", "不属实"]
_STATE = ["已办结", "阶段性办结", "正在办理"]


def make_petition_csv(path: Path, rows: int, seed: int = 7) -> Path:
    """A petition table of `rows` rows in the published layout (UTF-8 with BOM), ids unique."""
    rng = random.Random(seed)
    start = dt.date(2024, 5, 8)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i in range(rows):
            day = start + dt.timedelta(days=i % 30)
            pid = f"D3JX{day:%Y%m%d}{i // 30:05d}"     # unique: (day, serial) differs for every i
            out.writerow([i + 1, pid, f"群众反映某工地施工扬尘和夜间噪声扰民问题，编号{i}。",
                          rng.choice(_COUNTIES), rng.choice(_TYPES), "经现场核查，情况基本属实。",
                          rng.choice(_TRUTH), "落实扬尘防治措施", "已责令整改，完成覆盖和洒水降尘。",
                          rng.choice(_STATE), "无"])
    return path


_CHILD = """
import datetime, json, os, sys, time, threading, psutil
from pathlib import Path
from envboard.ingest import api
from envboard.ingest.context import Options
proc, peak = psutil.Process(), [0]
def watch():
    while True:
        peak[0] = max(peak[0], proc.memory_info().rss); time.sleep(0.05)
threading.Thread(target=watch, daemon=True).start()
path = Path(sys.argv[1]); t0 = time.perf_counter()
result = api.commit(path, path.name, "petitions", options=Options(inspection_id=sys.argv[2], batch_no=1,
                                                                   as_of=datetime.date(2024, 6, 30)))
seconds = time.perf_counter() - t0
peak[0] = max(peak[0], proc.memory_info().rss)
print(json.dumps({"seconds": seconds, "peak_rss_bytes": peak[0], "status": result.status,
                  "inserted": result.counts.inserted, "errors": [e.as_dict() for e in result.errors[:3]]}))
"""


def measure_import(path: Path, db_file: Path | None = None, inspection_id: str = "central-3-360000") -> dict:
    """Import `path` as petitions in a fresh process; return seconds, peak RSS (bytes) and counts.

    The database (default: a new one next to the file) needs regions and the inspection.
    """
    if db_file is None:
        db_file = path.with_suffix(".bench.duckdb")
        db_file.unlink(missing_ok=True)
        make_db(db_file)
    env = {**os.environ, "ENVBOARD_DB": str(db_file),
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")])}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), inspection_id], env=env,
                          capture_output=True, text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall_seconds"] = time.perf_counter() - t0
    return report


def main(argv: list[str] | None = None) -> int:
    """python -m envboard.ingest.bench [ROWS]: build a petition CSV in a temp folder, import it, print JSON."""
    rows = int((argv if argv is not None else sys.argv[1:] or ["1000000"])[0])
    with tempfile.TemporaryDirectory(prefix="envboard-bench-") as tmp:
        path = make_petition_csv(Path(tmp) / "petitions.csv", rows)
        report = measure_import(path)
    report["rows"] = rows
    report.pop("errors", None)
    print(json.dumps(report))
    return 0 if report["status"] == "imported" else 1


if __name__ == "__main__":
    sys.exit(main())
