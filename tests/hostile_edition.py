"""An issued 萍乡 2022-12 edition (82 overdue tasks) whose overdue list names hostile responsible units (HTML, Markdown, CSS)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

HOSTILE_UNITS = [
    '<a href="http://phish.example/login">点击查看</a>',
    '<img src="http://beacon.example/b.gif">',
    "<style>body{display:none}</style>",
    "[立即核对](http://phish.example/md)",
]


def issue_hostile_edition(db_path: Path) -> dict:
    """Freeze an edition whose overdue tasks belong to HOSTILE_UNITS; return it (no files exported)."""
    from envboard.briefing import build, editions, text
    from envboard.core.db import open_reader

    con = open_reader(db_path)
    try:
        ed = build.build_edition(con, "360300", dt.date(2022, 12, 31))
    finally:
        con.close()
    overdue = [r for r in ed["watchlist"] if r["watch"] == "overdue"]
    for i, row in enumerate(overdue):
        row["responsible_unit"] = HOSTILE_UNITS[i % len(HOSTILE_UNITS)]
    ed["sections"] = text.generate(ed)
    return editions.freeze(ed, lambda e: {}, editions.editions_dir(db_path))[0]
