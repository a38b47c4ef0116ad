"""Region names as written in 台账 → (region_code, city_code), via the regions table."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb

from envboard.ingest.normalize import Invalid, compact

_LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}


@dataclass(frozen=True)
class _Region:
    code: str
    name: str
    level: str
    parent_code: str | None
    province_code: str
    city_code: str | None


class RegionIndex:
    """Resolves 章贡区, 赣州, 赣州市章贡区, 江西省九江市浔阳区 or 360702; ambiguity is an error."""

    def __init__(self, rows: list[tuple]):
        self.by_code: dict[str, _Region] = {}
        self.by_name: dict[str, list[_Region]] = defaultdict(list)
        for code, name, short, level, parent, province, city in rows:
            region = _Region(code, name, level, parent, province, city)
            self.by_code[code] = region
            for key in {name, short}:
                self.by_name[key].append(region)

    @classmethod
    def from_db(cls, con: duckdb.DuckDBPyConnection) -> RegionIndex:
        """The index of every region in the database's regions table."""
        rows = con.execute(
            "select code, name, short_name, level, parent_code, province_code, city_code from regions"
        ).fetchall()
        index = cls(rows)
        index.units = {r[0] for r in con.execute(
            "select code from regions where coalesce(is_reporting_unit, false)").fetchall()} \
            if "is_reporting_unit" in {r[0] for r in con.execute("describe regions").fetchall()} else set()
        return index

    def is_unit(self, code: str) -> bool:
        """True for a reporting unit (新区, 基地 …) rather than an administrative division."""
        return code in getattr(self, "units", set())

    def resolve(self, value, scope: str | None = None) -> tuple[str, str] | None:
        """(region_code, city_code) of a city or county; None for an empty cell; Invalid otherwise."""
        text = compact(value)
        if text is None:
            return None
        region = self._find(text, scope)
        if region is None:
            raise Invalid("ingest.err.unknown_region")
        if region.city_code is None:      # a province: province-level tasks and petitions count for it
            return region.code, region.code
        return region.code, region.city_code

    def level(self, code: str) -> str:
        """province | city | county of a resolved code."""
        return self.by_code[code].level

    def _find(self, text: str, scope: str | None) -> _Region | None:
        if text in self.by_code:
            return self.by_code[text]
        found = self._pick([r for r in self.by_name.get(text, []) if _within(r, scope)])
        if found is not None:
            return found
        return self._find_compound(text, scope)

    def _pick(self, candidates: list[_Region]) -> _Region | None:
        if not candidates:
            return None
        cities = {r.city_code for r in candidates}
        if len(candidates) == 1 or (len(cities) == 1 and None not in cities):
            # 嘉峪关市 is both a city and its own county-level unit: take the higher level
            return min(candidates, key=lambda r: (_LEVEL_ORDER[r.level], r.code))
        options = "、".join(f"{self._label(r)}({r.code})" for r in candidates[:6])
        raise Invalid("ingest.err.ambiguous_region", options=options)

    def _label(self, region: _Region) -> str:
        parent = self.by_code.get(region.parent_code or "")
        return f"{parent.name}{region.name}" if parent and region.level == "county" else region.name

    def _find_compound(self, text: str, scope: str | None) -> _Region | None:
        """九江市浔阳区 → 浔阳区 within 九江市; 江西省九江市 → 九江市 within 江西省."""
        for cut in range(len(text) - 2, 1, -1):
            head, rest = text[:cut], text[cut:]
            heads = [r for r in self.by_name.get(head, []) if r.level != "county" and _within(r, scope)]
            for parent in heads:
                try:
                    found = self._find(rest, parent.code)
                except Invalid:
                    continue
                if found is not None:
                    return found
        return None


def _within(region: _Region, scope: str | None) -> bool:
    if not scope:
        return True
    return scope in (region.code, region.parent_code, region.city_code, region.province_code)
