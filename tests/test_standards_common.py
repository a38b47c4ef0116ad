"""Shared helpers for the standards tests: worked examples and a fresh in-memory database."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

DATA_DIR = Path(__file__).resolve().parent / "data" / "standards"
MIGRATION = Path(__file__).resolve().parents[1] / "envboard" / "migrations" / "001_init.sql"


def examples() -> dict[str, dict[str, str]]:
    """worked_examples.csv rows keyed by id (copy of the reference file)."""
    with open(DATA_DIR / "worked_examples.csv", encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def pairs(text: str) -> dict[str, str]:
    """'a=1;b=2;(note)' → {'a': '1', 'b': '2'}; parenthesised notes dropped."""
    out = {}
    for part in text.split(";"):
        part = re.sub(r"\(.*?\)", "", part).strip()
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def numbers(text: str) -> dict[str, float]:
    """Inputs of a worked example as floats."""
    return {k: float(v) for k, v in pairs(text).items()}


def fresh_db() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the project schema."""
    con = duckdb.connect()
    con.execute(MIGRATION.read_text(encoding="utf-8"))
    return con
