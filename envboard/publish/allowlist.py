"""The publication allow-list: the only tables and columns a published snapshot may hold.

One place decides what leaves the internal database. Every column is an aggregate, a region
name or a text written for the public; nothing from a petition or a task row is allowed.
"""
from __future__ import annotations

import pandas as pd

from envboard import catalog

RANKED = tuple(m.public.prefix for m in catalog.on("public"))
# Every published metric's value and parts (envboard/catalog.py: Metric.public), then the other figures.
# (numerator, denominator, value) of a rate, (value, denominator) of a mean; the snapshot keeps this order.
_METRIC_COLUMNS = tuple(dict.fromkeys(
    c for m in catalog.on("public") for c in
    ((m.public.parts.numerator, m.public.parts.denominator, m.public.parts.value) if m.public.parts.numerator
     else (m.public.parts.value, m.public.parts.denominator))))

ALLOWED: dict[str, tuple[str, ...]] = {
    "publication": ("published_on", "as_of", "scope_code", "scope_name", "is_demo", "period_start"),
    "regions": ("region_code", "region_name", "level", "sort_order"),
    "figures": (
        "region_code", "period_kind", "period_start", "period_end",
        *_METRIC_COLUMNS, "sections_inferior", "water_inferior_pct",
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
