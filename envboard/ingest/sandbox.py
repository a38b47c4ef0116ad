"""Read a workbook's cell grid in a child process with memory, CPU and time limits.

A hostile workbook can only exhaust the child: its address space is capped (setting
`import_memory_mb`), its CPU time too (`import_cpu_seconds`), and the parent gives up after three
times that in wall time. The child writes the grid as JSON lines (a sheet line, then one line per row); the
parent turns whatever went wrong — a ReadError, a crash, a limit hit — into a ReadError, never a
traceback. `python -m envboard.ingest.sandbox FILE SUFFIX OUT` is the child's entry point.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from envboard.ingest import xls_grid, xlsx_stream
from envboard.ingest.cells import ReadError
from envboard.core.settings import get_setting


def _limits() -> None:     # runs in the child between fork and exec
    mb = int(get_setting("import_memory_mb"))
    cpu = int(get_setting("import_cpu_seconds"))
    resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def read_grids(path: Path, suffix: str) -> list[tuple[str, list[list]]]:
    """(sheet name, rows) of every sheet of the .xlsx/.xlsm/.xls at `path`, read in a limited child."""
    wall = 3 * int(get_setting("import_cpu_seconds")) + 10     # a busy machine shares its cores
    with tempfile.TemporaryDirectory(prefix="envboard-grid-") as tmp:
        out = Path(tmp) / "grid.jsonl"
        env = {k: v for k, v in os.environ.items() if k.startswith(("ENVBOARD_", "PYTHON", "PATH", "LANG", "LC_"))}
        env["OPENBLAS_NUM_THREADS"] = "1"
        try:
            proc = subprocess.run([sys.executable, "-m", "envboard.ingest.sandbox", str(path), suffix, str(out)],
                                  preexec_fn=_limits, capture_output=True, timeout=wall, env=env,
                                  cwd=str(Path(__file__).resolve().parents[2]))
        except subprocess.TimeoutExpired:
            raise ReadError("ingest.err.read_limit", limit=f"{wall} s") from None
        return _collect(proc, out)


def _collect(proc: subprocess.CompletedProcess, out: Path) -> list[tuple[str, list[list]]]:
    grids: list[tuple[str, list[list]]] = []
    if out.exists():
        with open(out, encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                if isinstance(item, dict) and "error" in item:
                    raise ReadError(item["error"], **item.get("where", {}), **item.get("params", {}))
                if isinstance(item, dict) and "sheet" in item:
                    grids.append((item["sheet"], []))
                elif isinstance(item, dict) and item.get("end"):
                    return grids
                else:
                    grids[-1][1].append(item)
    if proc.returncode < 0 and -proc.returncode in (signal.SIGXCPU, signal.SIGKILL):
        raise ReadError("ingest.err.read_limit", limit=f"{get_setting('import_cpu_seconds')} s CPU")
    raise ReadError("ingest.err.read_limit", limit=f"{get_setting('import_memory_mb')} MB")


def _write_grids(path: Path, suffix: str, out) -> None:
    read = xls_grid.read_grids if suffix == ".xls" else xlsx_stream.read_grids
    for name, rows in read(path):
        out.write(json.dumps({"sheet": name}, ensure_ascii=False) + "\n")
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.write('{"end": true}\n')


def _error_line(key: str, where: dict | None = None, **params) -> str:
    return json.dumps({"error": key, "where": where or {}, "params": params}, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    path, suffix, target = Path(argv[0]), argv[1], argv[2]
    with open(target, "w", encoding="utf-8") as out:
        try:
            _write_grids(path, suffix, out)
        except ReadError as exc:
            where = {k: getattr(exc, k) for k in ("sheet", "row", "column", "value") if getattr(exc, k) is not None}
            out.write(_error_line(exc.key, where, **{k: str(v) for k, v in exc.params.items()}))
            return 3
        except MemoryError:
            out.write(_error_line("ingest.err.read_limit", limit=f"{get_setting('import_memory_mb')} MB"))
            return 3
        except Exception as exc:   # a damaged workbook: name the cause, never a traceback or path
            out.write(_error_line("ingest.err.xlsx_damaged", detail=type(exc).__name__))
            return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
