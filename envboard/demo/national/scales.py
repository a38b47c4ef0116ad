"""Sizes of the synthetic datasets: national (all 31 provinces), one province (江西), and tiny (for tests)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    provinces: tuple[str, ...] | None   # None: every province
    cities_per_province: int | None     # None: every city
    first_year: int                     # air and water from 1 January of this year to DATA_END
    tasks_per_city_round: int           # mean; 5 rounds per province
    petitions_per_city: int             # mean over the 5 rounds
    sections_per_city: int              # mean number of water sections
    supervision_per_city_year: int      # mean number of supervision actions


DATA_START, DATA_END = "2016-01-01", "2026-10-31"
# 365 cities × 5 rounds × 82 ≈ 150,000 tasks; × 5,480 ≈ 2,000,000 petitions; × 9.9 ≈ 3,600 sections.
SCALES = {
    "national": Scale("national", None, None, 2016, 82, 5480, 10, 12),
    "province": Scale("province", ("360000",), None, 2016, 82, 5480, 10, 12),
    "tiny": Scale("tiny", ("360000", "420000"), 5, 2025, 8, 60, 2, 3),
}
