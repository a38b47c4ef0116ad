"""Test helpers: a fresh database with regions and a few real inspections."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import duckdb

from envboard.core.db import write_transaction
from envboard.core.regions import load_regions, read_divisions

# The inspections the real petition tables belong to (dates from the ministry's announcements).
INSPECTIONS = [
    ("central-3-360000", "central", 3, "round3", "中央第三生态环境保护督察组", "360000",
     dt.date(2024, 5, 8), dt.date(2024, 6, 8)),
    ("central-3-620000", "central", 3, "round3", "中央第四生态环境保护督察组", "620000",
     dt.date(2023, 11, 21), dt.date(2023, 12, 21)),
    ("central-1-430000", "central", 1, "round1", "中央第六环境保护督察组", "430000",
     dt.date(2017, 4, 24), dt.date(2017, 5, 24)),
    ("central-2-360000", "central", 2, "round2", "中央第四生态环境保护督察组", "360000",
     dt.date(2021, 4, 7), dt.date(2021, 5, 7)),
]


def load_region_rows(con) -> int:
    """The regions table from the division list (a code listed twice is loaded once)."""
    frame = pd.DataFrame(read_divisions()).drop_duplicates("code")
    con.execute("delete from regions")
    con.execute("insert into regions by name select * from frame")
    return len(frame)


def make_db(path: Path, inspections=INSPECTIONS) -> Path:
    """A new database at `path` with regions and `inspections`."""
    with write_transaction(path) as con:
        load_regions(con)
        for row in inspections:
            con.execute(
                "insert into inspections (inspection_id, kind, round_no, round_label, team_name, region_code, "
                "stationed_from, stationed_to, is_synthetic) values (?, ?, ?, ?, ?, ?, ?, ?, false)", list(row))
    return path


def table_checksums(path: Path, tables=("tasks", "task_status_history", "petitions", "supervision_actions",
                                        "air_daily", "water_monthly")) -> dict[str, tuple]:
    """(row count, sum of row hashes) per table: equal iff the contents are equal (up to hash collisions)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {t} as t").fetchall()[0]
                for t in tables}
    finally:
        con.close()
