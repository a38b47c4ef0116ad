"""The package's import graph: no module imports itself back, and each layer imports only the
layers below it (README, Architecture)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "envboard"

# Bottom to top. A package's cli.py belongs to the command-line layer, whichever package it is in.
LAYERS = ["core", "standards", "catalog", "domain", "security", "ingest", "demo", "briefing", "publish",
          "bench", "cli", "ui", "__main__"]
# Known exceptions, each with its reason; the test fails when one disappears, so the list stays true.
EXCEPTIONS = {
    # The importer's messages are part of the one string table; the messages module imports nothing.
    ("envboard.core.strings.ingest", "envboard.ingest.messages"),
    # A reader connection is opened with the standards' SQL objects (AQI, water class) installed,
    # so named queries can use them; imported inside open_reader.
    ("envboard.core.db", "envboard.standards.install"),
    # The two-store benchmark drives the operator's own commands (create a database, load a file into
    # the lake), so it measures what a deployment runs; a development tool, not shipped behaviour.
    ("envboard.bench.stores", "envboard.cli.common"),
    ("envboard.bench.stores", "envboard.cli.server"),
}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """envboard modules imported anywhere in the file (functions included)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "envboard":
            out |= {f"{node.module}.{a.name}" if _is_module(f"{node.module}.{a.name}") else node.module for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "envboard"}
    return out


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    return {_module(p): {m for m in _imports(p) if _is_module(m)} for p in PACKAGE.rglob("*.py")}


def _layer(module: str) -> int:
    parts = module.split(".")
    if parts[-1] == "cli" or parts[1] == "__main__":
        return LAYERS.index("cli") if parts[1] != "__main__" else LAYERS.index("__main__")
    return LAYERS.index(parts[1]) if len(parts) > 1 else -1


def test_every_package_has_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} | \
               {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert packages <= set(LAYERS), packages - set(LAYERS)


def test_import_graph_has_no_cycles():
    graph, state, cycles = _graph(), {}, []

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles


def test_each_layer_imports_only_layers_below():
    upward = {(a, b) for a, deps in _graph().items() for b in deps
              if a != "envboard" and b != "envboard" and _layer(b) > _layer(a)}
    assert upward == EXCEPTIONS


# ---------------------------------------------------------------- one ranker

ROOT = PACKAGE.parent
RANKER = PACKAGE / "domain" / "rank.py"
# The benchmark's baselines rank the way a notebook would (pandas, polars), to compare against the engine.
RANK_ELSEWHERE_OK = {PACKAGE / "bench" / "baselines.py"}


def test_sql_has_no_ranking_window():
    """Ranks and ties come from envboard/domain/rank.py, never from a SQL rank() or dense_rank()."""
    sql_files = [*ROOT.joinpath("queries").rglob("*.sql"), *PACKAGE.rglob("*.sql")]
    offenders = [str(p.relative_to(ROOT)) for p in sql_files
                 if re.search(r"\b(dense_)?rank\s*\(\s*\)", "\n".join(
                     ln.split("--")[0] for ln in p.read_text(encoding="utf-8").splitlines()), re.I)]
    assert not offenders, f"SQL ranks outside the one ranker: {offenders}"


def test_python_ranks_only_in_the_ranker():
    offenders = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                 if p != RANKER and p not in RANK_ELSEWHERE_OK and ".rank(" in p.read_text(encoding="utf-8")]
    assert not offenders, f"pandas .rank() outside envboard/domain/rank.py: {offenders}"


# ---------------------------------------------------------------- imports at the top

def _function_imports(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each import inside a function body."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for fn in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    out.append((node.end_lineno, lines[node.end_lineno - 1]))
    return sorted(set(out))


def test_function_level_imports_state_their_reason():
    """An import inside a function hides the module's dependencies (an import cycle can hide there);
    each one says why it cannot be at the top: `# deferred: <reason>` (heavy, optional, CLI start-up,
    a layer exception)."""
    offenders = [f"{p.relative_to(ROOT)}:{n}: {text.strip()}" for p in sorted(PACKAGE.rglob("*.py"))
                 for n, text in _function_imports(p) if not re.search(r"#\s*deferred:\s*\S", text)]
    assert not offenders, "\n".join(offenders)
