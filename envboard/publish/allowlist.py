"""The publication allow-list: the only tables and columns a published snapshot may hold.

One place decides what leaves the internal database. Every column is an aggregate, a region
name or a text written for the public; nothing from a petition or a task row is allowed.
"""
from __future__ import annotations

import pandas as pd

RANKED = ("closure", "resolution", "pm25", "good_days", "water_good")

ALLOWED: dict[str, tuple[str, ...]] = {
    "publication": ("published_on", "as_of", "scope_code", "scope_name", "is_demo", "period_start"),
    "regions": ("region_code", "region_name", "level", "sort_order"),
    "figures": (
        "region_code", "period_kind", "period_start", "period_end",
        "tasks_closed", "tasks_under_closure", "closure_rate_pct",
        "petitions_closed", "petitions_received", "resolution_rate_pct",
        "pm25_ugm3", "pm25_days", "good_days", "valid_days", "good_days_pct",
        "sections_good", "sections_inferior", "sections_assessed", "water_good_pct", "water_inferior_pct",
        *(f"{m}_{part}" for m in RANKED for part in ("rank", "is_tie")),
    ),
    "methodology": ("sort_order", "topic_zh", "topic_en", "text_zh", "text_en"),
}


class PublishRejected(ValueError):
    """A table or column outside the allow-list was about to be published."""


def check(frames: dict[str, pd.DataFrame]) -> None:
    """Raise PublishRejected naming the first table or column that is not on the allow-list."""
    for table, frame in frames.items():
        if table not in ALLOWED:
            raise PublishRejected(f"表 {table} 不在公开白名单中 / table “{table}” is not on the publication allow-list")
        extra = [c for c in frame.columns if c not in ALLOWED[table]]
        if extra:
            raise PublishRejected(f"列 {table}.{extra[0]} 不在公开白名单中 / column “{table}.{extra[0]}” "
                                  "is not on the publication allow-list")
