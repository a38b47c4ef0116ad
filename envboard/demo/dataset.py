"""Deterministic demo dataset: 14 cities, 2016-01 to 2026-10, reproducing the published figures.

Published figures are met exactly through the milestones in demo_spec.py; everything else is drawn
from a seeded generator and marked `is_synthetic`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd

from envboard.demo import environment as demo_env
from envboard.demo import spec
from envboard.core.db import set_meta
from envboard.domain.preagg import refresh_preaggregates
from envboard.core.regions import load_regions

DAY = dt.timedelta(days=1)
END = dt.date.fromisoformat(spec.DEMO_END)
CATEGORIES = ["air", "water", "soil", "waste", "ecology", "other"]
CATEGORY_P = [0.34, 0.30, 0.08, 0.12, 0.10, 0.06]
POLLUTION_TYPES = ["air", "water", "noise", "soil", "ecology", "solid_waste", "other"]
POLLUTION_P = [0.36, 0.22, 0.20, 0.05, 0.08, 0.05, 0.04]
UNITS = ["市生态环境局", "市住房和城乡建设局", "市自然资源局", "市水利局", "市农业农村局",
         "市工业和信息化局", "市城市管理局", "市交通运输局", "市林业局", "市发展和改革委员会"]
TITLE = {
    "air": ["{p}扬尘污染整治不到位", "{p}挥发性有机物治理设施运行不正常", "{p}燃煤锅炉淘汰改造滞后"],
    "water": ["{p}生活污水直排", "{p}污水处理厂超标排放", "{p}黑臭水体整治不彻底"],
    "soil": ["{p}重金属污染地块管控不到位", "{p}历史遗留废渣未处置"],
    "waste": ["{p}危险废物贮存不规范", "{p}生活垃圾填埋场渗滤液处理不达标"],
    "ecology": ["{p}自然保护区内违规采矿", "{p}河道非法采砂", "{p}稀土矿区生态修复滞后"],
    "other": ["{p}环境风险隐患排查不到位", "{p}环评审批把关不严"],
}
PLACES = ["工业园区", "经济开发区", "某化工企业", "某建材企业", "某养殖场", "城区", "某矿山", "某污水处理厂", "某砂场"]
PROVINCE_ABBR = {"360000": "JX", "420000": "HB", "410000": "HA", "430000": "HN"}


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _rand_date(rng: np.random.Generator, lo: dt.date, hi: dt.date) -> dt.date:
    """A day in [lo, hi] (lo if the range is empty)."""
    span = (hi - lo).days
    return lo + int(rng.integers(0, span + 1)) * DAY if span > 0 else lo


class DemoBuilder:
    """Collects the rows of every table; `write` inserts them."""

    def __init__(self, con: duckdb.DuckDBPyConnection, seed: int = 20221230):
        self.con, self.rng = con, np.random.default_rng(seed)
        self.tasks, self.history, self.petitions, self.actions = [], [], [], []
        self.inspections = {i.inspection_id: i for i in spec.INSPECTIONS}
        self.counties = self._counties()

    def _counties(self) -> dict[str, list[str]]:
        rows = self.con.execute(
            "select city_code, code from regions where level = 'county' and city_code in (select unnest($c))",
            {"c": spec.DEMO_CITIES}).fetchall()
        out: dict[str, list[str]] = {c: [] for c in spec.DEMO_CITIES}
        for city, code in rows:
            out[city].append(code)
        return out

    def _region_for(self, city: str) -> str:
        options = self.counties.get(city) or [city]
        return city if self.rng.random() < 0.2 else str(self.rng.choice(options))

    # tasks -------------------------------------------------------------------------------
    def add_task_block(self, block: spec.TaskBlock) -> None:
        insp = self.inspections[block.inspection_id]
        assigned = _d(insp.plan_due_on)
        milestones = [(_d(m), done, closed) for m, done, closed in block.milestones]
        for i in range(block.total):
            managed = i < block.managed
            code = f"{block.city_code}-{i + 1:03d}"
            task_id = f"{block.inspection_id}/{code}"
            category = str(self.rng.choice(CATEGORIES, p=CATEGORY_P))
            deadline = assigned + int(self.rng.integers(150, 900)) * DAY if managed else None
            done_on, closed_on = self._task_dates(i, managed, assigned, milestones)
            if managed and block.published and (done_on is None or done_on > milestones[-1][0]):
                deadline = max(deadline, milestones[-1][0] + int(self.rng.integers(30, 500)) * DAY)
            self.tasks.append(self._task_row(task_id, block, code, category, assigned, deadline, managed))
            self._task_history(task_id, assigned, done_on, closed_on, block.open_status)

    def _task_row(self, task_id, block, code, category, assigned, deadline, managed) -> dict:
        place = str(self.rng.choice(PLACES))
        title = str(self.rng.choice(TITLE[category])).format(p=place)
        return {
            "task_id": task_id, "inspection_id": block.inspection_id, "task_code": code,
            "region_code": self._region_for(block.city_code), "city_code": block.city_code,
            "title": title, "category": category, "responsible_unit": str(self.rng.choice(UNITS)),
            "target": "问题整改到位，长效机制建立" if managed else "长期坚持，持续改善",
            "measures": "制定专项整改方案，明确责任人和时限，按月调度", "assigned_on": assigned,
            "deadline_on": deadline, "is_under_closure_mgmt": managed, "is_synthetic": not block.published,
        }

    def _interval(self, index: int, counts: list[int], cutoffs: list[dt.date], lo: dt.date) -> tuple[dt.date, dt.date] | None:
        """The (after, until) window in which item `index` must fall, by cumulative counts at cutoffs."""
        prev = lo
        for count, cutoff in zip(counts, cutoffs):
            if index < count:
                return prev, cutoff
            prev = cutoff + DAY
        return None

    def _task_dates(self, i, managed, assigned, milestones):
        if not managed:
            return None, None
        cutoffs = [m[0] for m in milestones]
        lo = assigned + 30 * DAY
        done_win = self._interval(i, [m[1] for m in milestones], cutoffs, lo)
        closed_win = self._interval(i, [m[2] for m in milestones], cutoffs, lo)
        last = cutoffs[-1] if cutoffs else lo
        if done_win is None:            # open at the last milestone: may finish later
            if self.rng.random() < (0.6 if cutoffs else 0.8):
                done_win = (last + DAY, min(END, last + 900 * DAY))
            else:
                return None, None
        done_on = _rand_date(self.rng, *done_win)
        if closed_win is None:          # not closed by the last milestone: maybe later
            after = max(done_on, last) + DAY
            if self.rng.random() > 0.75 or after > END:
                return done_on, None
            closed_win = (after, min(END, after + 200 * DAY))
        closed_lo = max(closed_win[0], done_on + DAY)
        if closed_lo > closed_win[1]:   # done on the window's last day: complete and close together
            done_on, closed_lo = closed_win[1] - DAY, closed_win[1]
        return done_on, _rand_date(self.rng, closed_lo, closed_win[1])

    def _task_history(self, task_id, assigned, done_on, closed_on, open_status) -> None:
        entries = [(assigned, "not_started", "整改方案印发")]
        start = assigned + int(self.rng.integers(5, 25)) * DAY
        if done_on is None or start < done_on:
            entries.append((start, "in_progress", "已启动整改"))
        if open_status == "on_schedule" and (done_on is None or start + 20 * DAY < done_on):
            entries.append((start + 20 * DAY, "on_schedule", "按序时进度推进"))
        if done_on is not None:
            entries.append((done_on, "done", "整改完成，申请销号"))
        if closed_on is not None:
            entries.append((closed_on, "closed", "验收通过，予以销号"))
        for day, status, note in entries:
            if day <= END:
                self.history.append({"task_id": task_id, "changed_on": day, "status": status, "note": note})

    # petitions ---------------------------------------------------------------------------
    def add_petition_block(self, block: spec.PetitionBlock) -> None:
        insp = self.inspections[block.inspection_id]
        start, stop = _d(insp.stationed_from), _d(insp.stationed_to)
        days = max(1, (stop - start).days)
        batch_of = np.sort(self.rng.integers(1, days + 1, size=block.total))
        cutoffs = [_d(m) for m, _ in block.milestones]
        counts = [c for _, c in block.milestones]
        order = self.rng.permutation(block.total)
        abbr = PROVINCE_ABBR[self._province(block.city_code)]
        for k in range(block.total):
            batch = int(batch_of[k])
            received = start + batch * DAY
            closed_on, staged_on = self._petition_dates(int(order[k]), counts, cutoffs, received)
            self.petitions.append(self._petition_row(block, insp, abbr, k, batch, received, closed_on, staged_on))

    def _province(self, city: str) -> str:
        return city[:2] + "0000"

    def _petition_dates(self, rank, counts, cutoffs, received):
        win = self._interval(rank, counts, cutoffs, received + 2 * DAY) if counts else None
        if win is not None:
            lo = max(win[0], received + 2 * DAY)
            hi = min(win[1], lo + 60 * DAY) if rank < counts[0] else win[1]
            return _rand_date(self.rng, lo, max(lo, hi)), None
        last = cutoffs[-1] if cutoffs else received
        staged = _rand_date(self.rng, received + 10 * DAY, max(received + 10 * DAY, last))
        if self.rng.random() < 0.5 and last + DAY < END:
            return _rand_date(self.rng, last + DAY, min(END, last + 400 * DAY)), staged
        return None, staged

    def _petition_row(self, block, insp, abbr, k, batch, received, closed_on, staged_on) -> dict:
        channel = "D" if self.rng.random() < 0.7 else "X"
        team_no = insp.team_name[2] if insp.kind == "central" else "S"
        team_digit = "一二三四五六七八".find(team_no) + 1 if team_no in "一二三四五六七八" else 9
        ptype = str(self.rng.choice(POLLUTION_TYPES, p=POLLUTION_P))
        substantiated = str(self.rng.choice(["yes", "partly", "no"], p=[0.55, 0.25, 0.20]))
        place = f"{self.rng.choice(PLACES)}{int(self.rng.integers(1, 40))}号"
        return {
            "petition_id": f"{channel}{team_digit}{abbr}{received:%Y%m%d}{block.city_code[2:4]}{k + 1:04d}",
            "inspection_id": block.inspection_id, "batch_no": batch,
            "region_code": self._region_for(block.city_code), "city_code": block.city_code,
            "received_on": received, "assigned_on": received, "pollution_type": ptype,
            "substantiated": substantiated, "staged_on": staged_on, "closed_on": closed_on,
            "summary": f"群众反映{place}存在{ptype}问题（示例数据）", "result_note": "经调查核实，已责令整改（示例数据）",
            "place": place, "penalties": int(self.rng.poisson(0.15)) if substantiated != "no" else 0,
            "people_held_accountable": int(self.rng.poisson(0.05)), "is_recheck": bool(self.rng.random() < 0.03),
            "is_synthetic": not block.published,
        }

    # supervision -------------------------------------------------------------------------
    def add_actions(self, city, year, kind, count, people, synthetic) -> None:
        per = np.full(count, people // count if count else 0)
        per[: people - int(per.sum())] += 1 if count else 0
        city_tasks = [t["task_id"] for t in self.tasks if t["city_code"] == city and t["is_under_closure_mgmt"]]
        for n in range(count):
            day = _rand_date(self.rng, dt.date(year, 1, 5), min(END, dt.date(year, 12, 28)))
            if year == 2018 and city == "430300":
                day = _rand_date(self.rng, dt.date(2018, 1, 5), dt.date(2018, 6, 28))
            task = str(self.rng.choice(city_tasks)) if city_tasks and self.rng.random() < 0.6 else None
            self.actions.append({
                "action_id": f"{city}-{year}-{kind}-{n + 1:03d}", "kind": kind,
                "region_code": self._region_for(city), "city_code": city, "acted_on": day,
                "people_count": int(per[n]), "task_id": task, "note": None, "is_synthetic": synthetic,
            })


def synthetic_task_blocks(rng: np.random.Generator) -> list[spec.TaskBlock]:
    """Tasks for the cities and rounds without published figures."""
    blocks = []
    for city in spec.JIANGXI_CITIES:
        rounds = ["central-3-360000"] if city in ("360700", "361000") else [
            "central-1-360000", "central-1r-360000", "central-2-360000", "central-3-360000"]
        for insp in rounds:
            total = int(rng.integers(20, 45) if insp.startswith("central-3") else rng.integers(60, 160))
            managed = int(total * rng.uniform(0.75, 0.92))
            blocks.append(spec.TaskBlock(city, insp, total, managed, ()))
    return blocks


def synthetic_petition_blocks(rng: np.random.Generator, round2: dict[str, int], round3: dict[str, int]) -> list[spec.PetitionBlock]:
    """Petitions for the rounds without published totals; round 2 and 3 volumes follow the real counts."""
    blocks = []
    for city in spec.JIANGXI_CITIES:
        if city not in ("360700", "361000"):
            blocks.append(spec.PetitionBlock(city, "central-1-360000", int(rng.integers(250, 900)), (("2017-06-30", 0),)))
            blocks.append(spec.PetitionBlock(city, "central-1r-360000", int(rng.integers(120, 450)), (("2019-03-31", 0),)))
            blocks.append(spec.PetitionBlock(city, "central-2-360000", round2[city] + int(rng.integers(0, 25)), (("2021-12-31", 0),)))
        blocks.append(spec.PetitionBlock(city, "central-3-360000", round3[city] + int(rng.integers(0, 10)), (("2024-12-31", 0),)))
    for insp in ("central-1-420000", "central-1r-420000", "central-2-420000"):
        blocks.append(spec.PetitionBlock("429006", insp, int(rng.integers(60, 200)), (("2022-05-31", 0),)))
    return [_with_closure_share(b, rng) for b in blocks]


def _with_closure_share(block: spec.PetitionBlock, rng: np.random.Generator) -> spec.PetitionBlock:
    cutoff = block.milestones[0][0]
    closed = int(block.total * rng.uniform(0.93, 1.0))
    return spec.PetitionBlock(block.city_code, block.inspection_id, block.total, ((cutoff, closed),))


def build_demo(con: duckdb.DuckDBPyConnection, progress: Callable[[float, str], None] | None = None, seed: int = 20221230) -> dict[str, int]:
    """Replace all data with the demo dataset; return row counts per table."""
    report = progress or (lambda fraction, label: None)
    for table in ["task_status_history", "tasks", "petitions", "supervision_actions", "air_daily",
                  "water_monthly", "water_sections", "inspections", "import_history"]:
        con.execute(f"delete from {table}")
    report(0.05, "regions")
    load_regions(con)
    b = DemoBuilder(con, seed)
    for block in spec.TASK_BLOCKS + synthetic_task_blocks(b.rng):
        b.add_task_block(block)
    report(0.25, "petitions")
    round2, round3 = demo_env.jiangxi_round_counts()
    for block in spec.PETITION_BLOCKS + synthetic_petition_blocks(b.rng, round2, round3):
        b.add_petition_block(block)
    _add_supervision(b)
    report(0.45, "air")
    frames = {
        "inspections": pd.DataFrame([vars(i) for i in spec.INSPECTIONS]),
        "tasks": pd.DataFrame(b.tasks), "task_status_history": pd.DataFrame(b.history),
        "petitions": pd.DataFrame(b.petitions), "supervision_actions": pd.DataFrame(b.actions),
        "air_daily": demo_env.air_daily(b.rng),
    }
    report(0.65, "water")
    sections = demo_env.water_sections(b.rng, b.counties)
    monthly = demo_env.water_monthly(b.rng, sections)
    frames["water_sections"], frames["water_monthly"] = demo_env.pin_ganzhou_water(sections, monthly, b.counties)
    report(0.8, "write")
    for table, frame in frames.items():
        con.register("frame_in", frame)
        con.execute(f"insert into {table} by name select * from frame_in")
        con.unregister("frame_in")
    refresh_preaggregates(con)
    set_meta(con, "is_demo", "1")
    set_meta(con, "demo_seed", str(seed))
    con.execute("insert into import_history (import_id, kind, file_name, imported_by, imported_at, inserted) "
                "values (0, 'demo', '示例数据', 'envboard demo', current_timestamp, $n)",
                {"n": sum(len(f) for f in frames.values())})
    report(1.0, "done")
    return {t: len(f) for t, f in frames.items()}


def _add_supervision(b: DemoBuilder) -> None:
    published = {(c, y, k) for c, y, k, _, _ in spec.SUPERVISION_PUBLISHED}
    for city, year, kind, count, people in spec.SUPERVISION_PUBLISHED:
        b.add_actions(city, year, kind, count, people, synthetic=False)
    for city in spec.DEMO_CITIES:
        if city == "430300":
            continue                    # 湘潭: only the published 2018 figures
        for year in range(2017, 2027):
            for kind, lam, ppl in (("letter", 6, 0), ("notice", 2, 0), ("interview", 1, 3), ("accountability", 1, 4)):
                if (city, year, kind) in published:
                    continue
                count = int(b.rng.poisson(lam))
                if count:
                    b.add_actions(city, year, kind, count, int(b.rng.poisson(ppl * count)), synthetic=True)
