"""Unknown values and the editor's answers: 'this cell means that known value', saved per scope.

A dry run groups every unreadable word by column ("阶段性办结（长期整改）" × 12 rows); an editor maps each
once to a value the column knows; the mapping is stored (value_mappings, audited) and every later
import of that kind in that scope — page or CLI — reads it. A mapping file (--mapping) does the same
for one import without storing anything.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from envboard.ingest import normalize as nz
from envboard.ingest.mapping import ENTITIES
from envboard.security import audit

# message key of an unreadable word → the parser that must accept the mapped value
PARSERS = {
    "ingest.err.bad_status": nz.parse_petition_status,
    "ingest.err.bad_task_status": nz.parse_task_status,
    "ingest.err.bad_substantiated": nz.parse_substantiated,
    "ingest.err.bad_pollution_type": nz.parse_pollution_type,
    "ingest.err.bad_category": nz.parse_category,
    "ingest.err.bad_action_kind": nz.parse_action_kind,
    "ingest.err.bad_bool": nz.parse_bool,
}
FIELD_PARSERS = {"status": (nz.parse_petition_status, nz.parse_task_status), "substantiated": (nz.parse_substantiated,),
                 "pollution_type": (nz.parse_pollution_type,), "category": (nz.parse_category,),
                 "kind": (nz.parse_action_kind,), "is_under_closure_mgmt": (nz.parse_bool,), "is_recheck": (nz.parse_bool,)}


@dataclass(frozen=True)
class UnknownValue:
    """One unreadable word of one column, with how often and where it first occurs."""
    field: str          # canonical column
    column: str         # the file's header
    value: str
    rows: int
    first_row: int | None
    sheet: str | None
    message_key: str

    def choices(self, kind: str) -> tuple[str, ...]:
        """The known values an editor can map it to (the template's drop-down list)."""
        for f in ENTITIES.get(kind, ()):
            if f.name == self.field:
                return f.choices
        return ()


def validate(kind: str, field: str, mapped: str) -> bool:
    """True when `mapped` is a value the column `field` of `kind` reads."""
    parsers = FIELD_PARSERS.get(field, ())
    if field == "status":
        parsers = (nz.parse_task_status,) if kind in ("tasks", "progress") else (nz.parse_petition_status,)
    for parse in parsers:
        try:
            return parse(mapped) is not None
        except nz.Invalid:
            return False
    return False


def read_mapping_file(path: Path) -> dict[str, dict[str, str]]:
    """A mapping file: CSV with columns 列,原值,对应值 (or field,raw,mapped), or JSON {field: {raw: mapped}}."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        doc = json.loads(text)
        return {str(k): {str(r): str(m) for r, m in v.items()} for k, v in doc.items()}
    maps: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(text.splitlines()):
        field = row.get("列") or row.get("field")
        raw = row.get("原值") or row.get("raw")
        mapped = row.get("对应值") or row.get("mapped")
        if field and raw and mapped:
            maps.setdefault(field.strip(), {})[raw.strip()] = mapped.strip()
    return maps


def save(con, kind: str, scope: str | None, entries: list[tuple[str, str, str]], user: str | None) -> int:
    """Store (field, raw, mapped) entries for `kind` in `scope` inside the caller's write; audited."""
    bad = [(f, r, m) for f, r, m in entries if not validate(kind, f, m)]
    if bad:
        raise ValueError(f"not a known value: {bad[0][2]!r} for {bad[0][0]}")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    for field, raw, mapped in entries:
        key = [scope or "", kind, field, nz.compact(raw)]
        # delete + insert rather than INSERT OR REPLACE: server mode's DuckLake tables have no keys
        con.execute("delete from value_mappings where scope_code = ? and kind = ? and field = ? and raw_value = ?", key)
        con.execute("insert into value_mappings values (?, ?, ?, ?, ?, ?, ?)", [*key, mapped, user, now])
    audit.record(con, user, "mapping", {"kind": kind, "scope": scope or "", "entries": [list(e) for e in entries]})
    return len(entries)
