"""Write a national (or province, or tiny) synthetic dataset province by province in one transaction."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd

from envboard.domain.preagg import refresh_preaggregates
from envboard.core.db import set_meta
from envboard.demo.dataset import UNITS
from envboard.demo.national import environment, records, units
from envboard.demo.national.scales import Scale
from envboard.core.regions import load_regions

TABLES = ["task_status_history", "tasks", "petitions", "supervision_actions", "air_daily",
          "water_monthly", "water_sections", "inspections", "import_history"]
# Ids and text are built in SQL from the drawn numbers: cheaper than millions of Python strings.
INSERT_SQL = {
    "tasks": """insert into tasks by name select
        inspection_id || '/' || city_code || '-' || lpad(seq::varchar, 6, '0') as task_id, inspection_id,
        city_code || '-' || lpad(seq::varchar, 6, '0') as task_code, region_code, city_code,
        '专项整改任务（示例数据）' || category as title, category, $units[unit_no + 1] as responsible_unit,
        '问题整改到位' as target, '制定专项整改方案，按月调度' as measures, assigned_on::date as assigned_on,
        deadline_on::date as deadline_on, is_under_closure_mgmt, true as is_synthetic from frame_in""",
    "task_status_history": """insert into task_status_history by name select
        inspection_id || '/' || city_code || '-' || lpad(seq::varchar, 6, '0') as task_id,
        changed_on::date as changed_on, status from frame_in""",
    "petitions": """insert into petitions by name select
        'N' || $prov || lpad(seq::varchar, 8, '0') as petition_id, inspection_id, batch_no, region_code, city_code,
        received_on::date as received_on, received_on::date as assigned_on, pollution_type, substantiated,
        staged_on::date as staged_on, closed_on::date as closed_on,
        '群众反映某场所' || place_no || '号存在' || pollution_type || '问题（示例数据）' as summary,
        '经调查核实，已责令整改（示例数据）' as result_note, '某场所' || place_no || '号' as place,
        penalties, people_held_accountable, is_recheck, true as is_synthetic from frame_in""",
    "supervision_actions": """insert into supervision_actions by name select
        city_code || '-' || kind || '-' || lpad(seq::varchar, 6, '0') as action_id, kind, region_code, city_code,
        acted_on::date as acted_on, people_count, true as is_synthetic from frame_in""",
}


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, prov: str) -> int:
    con.register("frame_in", frame)
    try:
        sql = INSERT_SQL.get(table, f"insert into {table} by name select * from frame_in")
        params = {k: v for k, v in (("units", UNITS), ("prov", prov[:2])) if f"${k}" in sql}
        con.execute(sql, params)
    finally:
        con.unregister("frame_in")
    return len(frame)


def _province_frames(rng: np.random.Generator, prov: units.Province, scale: Scale):
    """(table, frame) pairs of one province, generated one at a time so that only one is in memory."""
    insp = pd.DataFrame(units.inspections(prov))
    yield "inspections", insp
    task_frame = records.tasks(rng, prov, insp, scale)
    yield "tasks", task_frame
    yield "task_status_history", records.history(task_frame)
    del task_frame
    yield "petitions", records.petitions(rng, prov, insp, scale)
    yield "supervision_actions", records.supervision(rng, prov, scale)
    yield "air_daily", environment.air_daily(rng, prov, scale)
    sections = environment.water_sections(rng, prov, scale)
    yield "water_sections", sections
    yield "water_monthly", environment.water_monthly(rng, sections, scale)


def build_national(con: duckdb.DuckDBPyConnection, scale: Scale, seed: int = 20260101,
                   progress: Callable[[float, str], None] | None = None) -> dict[str, int]:
    """Replace all data with the synthetic dataset of `scale`; return row counts per table."""
    report = progress or (lambda fraction, label: None)
    for table in TABLES:
        con.execute(f"delete from {table}")
    load_regions(con)
    counts: Counter[str] = Counter()
    provinces = units.provinces(con, scale)
    for i, prov in enumerate(provinces):
        rng = np.random.default_rng([seed, int(prov.code)])    # a province's data does not depend on the others
        for table, frame in _province_frames(rng, prov, scale):
            counts[table] += _insert(con, table, frame, prov.code)
        report((i + 1) / len(provinces), prov.code)
    counts.update(refresh_preaggregates(con))
    for key, value in (("is_demo", "1"), ("demo_seed", str(seed)), ("scale", scale.name)):
        set_meta(con, key, value)
    con.execute("insert into import_history (import_id, kind, file_name, imported_by, imported_at, inserted) "
                "values (0, 'demo', $name, 'envboard demo-national', current_timestamp, $n)",
                {"name": f"示例数据 ({scale.name})", "n": sum(counts.values())})
    return dict(counts)
