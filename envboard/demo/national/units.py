"""The regions a synthetic dataset covers, as arrays for vectorised drawing."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import numpy as np

from envboard.demo.national.scales import Scale

# (round key, kind, round_no, round_label, first stationing day); each province is staggered by a week.
ROUNDS = [
    ("central-1", "central", 1, "round1", dt.date(2016, 7, 14)),
    ("central-1r", "central", 1, "review", dt.date(2018, 6, 1)),
    ("central-2", "central", 2, "round2", dt.date(2020, 9, 1)),
    ("provincial-2", "provincial", 2, "provincial2", dt.date(2022, 3, 15)),
    ("central-3", "central", 3, "round3", dt.date(2023, 11, 20)),
]
TEAM_DIGITS = "一二三四五六七八"


@dataclass
class Province:
    code: str
    index: int
    cities: list[str]
    county_flat: np.ndarray     # counties of all cities, grouped by city
    county_start: np.ndarray    # per city: offset into county_flat
    county_count: np.ndarray    # per city: number of counties

    def pick_regions(self, rng: np.random.Generator, city_idx: np.ndarray) -> np.ndarray:
        """A region per item: the city itself for ~20 % (or when it has no counties), else one of its counties."""
        counts = self.county_count[city_idx]
        pick = self.county_start[city_idx] + (rng.random(len(city_idx)) * np.maximum(counts, 1)).astype(np.int64)
        use_city = (counts == 0) | (rng.random(len(city_idx)) < 0.2)
        flat = self.county_flat if len(self.county_flat) else np.array([""], dtype=object)
        counties = flat[np.minimum(pick, len(flat) - 1)]
        return np.where(use_city, np.asarray(self.cities, dtype=object)[city_idx], counties)


def provinces(con: duckdb.DuckDBPyConnection, scale: Scale) -> list[Province]:
    """The provinces of a scale with their cities (a municipality is its own city) and counties."""
    rows = con.execute(
        "select province_code, city_code, list(code order by code) filter (where level = 'county') "
        "from regions where city_code is not null group by all order by province_code, city_code").fetchall()
    by_province: dict[str, list[tuple[str, list[str]]]] = {}
    for prov, city, counties in rows:
        if scale.provinces is None or prov in scale.provinces:
            by_province.setdefault(prov, []).append((city, counties or []))
    out = []
    for index, (prov, cities) in enumerate(sorted(by_province.items())):
        cities = cities[: scale.cities_per_province] if scale.cities_per_province else cities
        counts = np.array([len(c) for _, c in cities], dtype=np.int64)
        flat = np.array([code for _, c in cities for code in c], dtype=object)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        out.append(Province(prov, index, [c for c, _ in cities], flat, starts, counts))
    return out


def inspections(prov: Province) -> list[dict]:
    """The 5 inspection rounds of a province (4 central, 1 provincial)."""
    rows = []
    for key, kind, round_no, label, first in ROUNDS:
        start = first + dt.timedelta(days=7 * (prov.index % 20))
        digit = TEAM_DIGITS[(prov.index + round_no) % 8]
        team = f"中央第{digit}生态环境保护督察组" if kind == "central" else f"省第{digit}生态环境保护督察组"
        rows.append({"inspection_id": f"{key}-{prov.code}", "kind": kind, "round_no": round_no,
                     "round_label": label, "team_name": team, "region_code": prov.code,
                     "stationed_from": start, "stationed_to": start + dt.timedelta(days=30),
                     "feedback_on": start + dt.timedelta(days=120), "plan_due_on": start + dt.timedelta(days=210),
                     "is_synthetic": True})
    return rows
