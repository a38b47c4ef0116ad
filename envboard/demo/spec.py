"""What the demo dataset must reproduce: published figures, and the synthetic frame around them.

Published figures (sources in docs/DATA.md) are encoded as milestones: how many tasks or petitions
exist, are done or closed at given month ends. demo.py draws dates that meet them exactly; every
other value is synthetic (`is_synthetic = true`) and says so on screen (示例数据).
"""
from __future__ import annotations

from dataclasses import dataclass, field

JIANGXI_CITIES = ["360100", "360200", "360300", "360400", "360500", "360600",
                  "360700", "360800", "360900", "361000", "361100"]
OTHER_CITIES = ["429006", "410500", "430300"]        # 天门, 安阳, 湘潭
DEMO_CITIES = JIANGXI_CITIES + OTHER_CITIES
DEMO_PROVINCES = ["360000", "420000", "410000", "430000"]
DEMO_START, DEMO_END = "2016-01-01", "2026-10-31"


@dataclass(frozen=True)
class Inspection:
    inspection_id: str
    kind: str
    round_no: int
    round_label: str
    team_name: str
    region_code: str
    stationed_from: str
    stationed_to: str
    feedback_on: str
    plan_due_on: str
    is_synthetic: bool = True


INSPECTIONS = [
    Inspection("central-1-360000", "central", 1, "round1", "中央第四环境保护督察组", "360000",
               "2016-07-14", "2016-08-14", "2016-11-13", "2017-02-10"),
    Inspection("central-1r-360000", "central", 1, "review", "中央第四环境保护督察组", "360000",
               "2018-10-30", "2018-11-30", "2019-05-09", "2019-08-08"),
    Inspection("central-2-360000", "central", 2, "round2", "中央第四生态环境保护督察组", "360000",
               "2021-04-07", "2021-05-07", "2021-07-16", "2021-10-14", is_synthetic=False),
    Inspection("central-3-360000", "central", 3, "round3", "中央第三生态环境保护督察组", "360000",
               "2024-04-11", "2024-05-11", "2024-08-20", "2024-11-18", is_synthetic=False),
    Inspection("provincial-2-360700", "provincial", 2, "provincial2", "江西省第二生态环境保护督察组", "360700",
               "2022-03-15", "2022-04-15", "2022-06-10", "2022-07-10"),
    Inspection("central-1-420000", "central", 1, "round1", "中央第三环境保护督察组", "420000",
               "2016-11-26", "2016-12-26", "2017-04-13", "2017-07-12"),
    # 天门 (seed): 回头看 stationed 2018-11, round 2 in 2021-09; the days are synthetic, the months published
    Inspection("central-1r-420000", "central", 1, "review", "中央第四环境保护督察组", "420000",
               "2018-11-01", "2018-12-01", "2019-05-10", "2019-08-08"),
    Inspection("central-2-420000", "central", 2, "round2", "中央第六生态环境保护督察组", "420000",
               "2021-09-01", "2021-10-01", "2022-01-14", "2022-04-14"),
    # 安阳 (seed): the team was 省委第四生态环境保护督察组 (河南)
    Inspection("provincial-2-410500", "provincial", 2, "provincial2", "河南省委第四生态环境保护督察组", "410500",
               "2021-12-29", "2022-03-09", "2022-05-20", "2022-06-20", is_synthetic=False),
    Inspection("central-1-430000", "central", 1, "round1", "中央第六环境保护督察组", "430000",
               "2017-04-24", "2017-05-24", "2017-07-31", "2017-10-29"),
]


@dataclass(frozen=True)
class TaskBlock:
    """Tasks of one inspection for one city, and when they are done/closed.

    milestones: (month_end, done_or_closed_count, closed_count) that must hold exactly then.
    statuses_at: the status every not-done task has at the last milestone.
    """
    city_code: str
    inspection_id: str
    total: int
    managed: int
    milestones: tuple[tuple[str, int, int], ...]
    open_status: str = "in_progress"
    published: bool = False


TASK_BLOCKS = [
    # 赣州: 361 problems, 320 under closure management; closed 163/310 at 2021-12, 294/320 at 2022-12.
    TaskBlock("360700", "central-1-360000", 130, 118, (("2021-12-31", 104, 100), ("2022-12-31", 117, 116)), published=True),
    TaskBlock("360700", "central-1r-360000", 70, 62, (("2021-12-31", 50, 45), ("2022-12-31", 61, 60)), published=True),
    TaskBlock("360700", "central-2-360000", 151, 130, (("2021-12-31", 25, 18), ("2022-12-31", 118, 110)), published=True),
    TaskBlock("360700", "provincial-2-360700", 10, 10, (("2022-12-31", 9, 8),), published=True),
    # 抚州: 302 problems since 2016, 241 with deadlines (under closure management), 211 done at 2022-12.
    TaskBlock("361000", "central-1-360000", 110, 90, (("2022-12-31", 88, 85),), published=True),
    TaskBlock("361000", "central-1r-360000", 60, 48, (("2022-12-31", 45, 42),), published=True),
    TaskBlock("361000", "central-2-360000", 132, 103, (("2022-12-31", 78, 71),), published=True),
    # 天门 at 2022-05: round 1 33/33 done; 回头看 14/18 done, 4 in progress; round 2 20 in progress.
    TaskBlock("429006", "central-1-420000", 33, 33, (("2022-05-31", 33, 33),), published=True),
    TaskBlock("429006", "central-1r-420000", 18, 18, (("2022-05-31", 14, 14),), published=True),
    TaskBlock("429006", "central-2-420000", 20, 20, (("2022-05-31", 0, 0),), published=True),
    # 安阳 at 2022-12: 38 tasks, 27 done, 11 序时推进.
    TaskBlock("410500", "provincial-2-410500", 38, 38, (("2022-12-31", 27, 20),), open_status="on_schedule", published=True),
    # 湘潭 at 2018-06: 14 problems, 13 done and closed.
    TaskBlock("430300", "central-1-430000", 14, 14, (("2018-06-30", 13, 13),), published=True),
]


@dataclass(frozen=True)
class PetitionBlock:
    """Petitions of one inspection for one city; milestones: (month_end, closed_count)."""
    city_code: str
    inspection_id: str
    total: int
    milestones: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    published: bool = False


PETITION_BLOCKS = [
    # 赣州: 2133 received; 1826 closed at 2021-12 (85.6 %), 2114 at 2022-12 (99.1 %, +13.5 points).
    PetitionBlock("360700", "central-1-360000", 1100, (("2021-12-31", 1100),), True),
    PetitionBlock("360700", "central-1r-360000", 578, (("2021-12-31", 560), ("2022-12-31", 575)), True),
    PetitionBlock("360700", "central-2-360000", 455, (("2021-12-31", 166), ("2022-12-31", 439)), True),
    # 抚州: 1100 received, 1093 closed at 2022-12.
    PetitionBlock("361000", "central-1-360000", 560, (("2022-12-31", 560),), True),
    PetitionBlock("361000", "central-1r-360000", 340, (("2022-12-31", 338),), True),
    PetitionBlock("361000", "central-2-360000", 200, (("2022-12-31", 195),), True),
    # 安阳: 114 群众举报件, all closed.
    PetitionBlock("410500", "provincial-2-410500", 114, (("2022-12-31", 114),), True),
    # 湘潭: 310 petitions, all closed on time.
    PetitionBlock("430300", "central-1-430000", 310, (("2017-12-31", 310),), True),
]

# Supervision actions with published totals: (city, year, kind, actions, people).
SUPERVISION_PUBLISHED = [
    ("360700", 2022, "letter", 47, 0),          # 赣州 2022: 47 督办/提醒函
    ("360700", 2022, "notice", 8, 0),           # 8 通报
    ("360700", 2022, "interview", 3, 9),        # 3 约谈
    ("430300", 2018, "interview", 6, 27),       # 湘潭: 约谈 27 people
    ("430300", 2018, "accountability", 11, 59), # 问责 59 people
]

# PM2.5 period means that must hold exactly: (city, start, end, mean μg/m³).
PM25_PUBLISHED = [
    ("360700", "2021-01-01", "2021-11-30", 22), ("360700", "2021-12-01", "2021-12-31", 22),
    ("360700", "2022-01-01", "2022-11-30", 20), ("360700", "2022-12-01", "2022-12-31", 20),
]
