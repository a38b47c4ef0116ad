"""The briefing text in official 通报 style; every number comes from the edition's figures and tables."""
from __future__ import annotations

from envboard.briefing.tables import row_of

SECTIONS = [("rectification", "一、督察整改销号情况"), ("petitions", "二、信访件办理情况"),
            ("supervision", "三、督办问责情况"), ("environment", "四、生态环境质量状况"),
            ("overdue", "五、逾期及临期整改任务"), ("requirements", "六、下一步工作要求")]
KIND_PHRASES = {"letter": ("发出督办/提醒函", "件"), "notice": ("通报", "次"), "interview": ("约谈", "次"),
                "accountability": ("问责", "起"), "onsite": ("现场督办", "次")}
REQUIREMENTS = ("各地各有关部门要对照本通报，逐项核查逾期和临期整改任务，压实整改责任，确保按期完成整改销号；"
                "对整改不力、进度滞后的，将按规定予以督办、约谈或问责。")


def pp_phrase(change: float | None) -> str:
    """较上年同期提高39.3个百分点 / 下降… / 持平; empty without last year's figure."""
    if change is None:
        return ""
    if change == 0:
        return "与上年同期持平"
    return f"较上年同期{'提高' if change > 0 else '下降'}{abs(change):.1f}个百分点"


def _names(rows: list[dict]) -> str:
    return "、".join(r["city_name"] for r in rows)


def _first_last(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    ranked = [r for r in rows if r["rank"] is not None]
    if not ranked:
        return [], []
    worst = max(r["rank"] for r in ranked)
    return [r for r in ranked if r["rank"] == 1], [r for r in ranked if r["rank"] == worst]


def standing(ed: dict, key: str, word: str, fmt) -> str:
    """全省11个设区市中，销号率最高的是抚州市（…），最低的是…；赣州市居第1位（上年同期第3位）。"""
    rows = ed["tables"][key]
    first, last = _first_last(rows)
    ranked = [r for r in rows if r["rank"] is not None]        # unranked cities are listed in the table
    if len(ranked) < 2 or not first:
        return ""
    text = (f"{ed['peers']['label']}{len(ranked)}个设区市中，{word[0]}的是{_names(first)}（{fmt(first[0]['value'])}），"
            f"{word[1]}的是{_names(last)}（{fmt(last[0]['value'])}）")
    own = row_of(rows, ed["scope"]["code"])
    if own and own["rank"] is not None:
        tie = "并列" if own["is_tie"] else ""
        text += f"；{ed['scope']['name']}{tie}居第{own['rank']}位"
        if own["rank_last_year"] is not None:
            text += f"（上年同期第{own['rank_last_year']}位）"
    return text + "。"


def most_improved(ed: dict, key: str, higher_is_better: bool, word: str, unit: str) -> str:
    """较上年同期提高最多的是…（提高…个百分点）。"""
    rows = [r for r in ed["tables"][key] if r["change"] is not None]
    if len(rows) < 2:
        return ""
    sign = 1 if higher_is_better else -1
    best = max(sign * r["change"] for r in rows)
    if best <= 0:
        return ""
    top = [r for r in rows if sign * r["change"] == best]
    return f"较上年同期{word}最多的是{_names(top)}（{word}{best:g}{unit}）。"


def rectification(ed: dict) -> str:
    f, day = ed["figures"], ed["as_of_text"]
    text = (f"截至{day}，{ed['scope']['name']}需销号管理问题{f['tasks_under_closure']}个，已销号{f['tasks_closed']}个，"
            f"销号率{_pct(f['closure_rate_pct'])}")
    text += f"，{pp_phrase(f['closure_rate_change_pp'])}。" if f["closure_rate_change_pp"] is not None else "。"
    text += (f"全部{f['tasks_total']}个整改问题中，已完成整改{f['tasks_done']}个，完成率{_pct(f['completion_rate_pct'])}；"
             f"逾期未完成{f['tasks_overdue']}个。")
    text += standing(ed, "closure_rate", ("销号率最高", "最低"), _pct)
    return text + most_improved(ed, "closure_rate", True, "提高", "个百分点")


def petitions(ed: dict) -> str:
    f = ed["figures"]
    text = (f"截至{ed['as_of_text']}，{ed['scope']['name']}累计受理督察交办信访件{f['petitions_received']}件，"
            f"已办结{f['petitions_closed']}件，办结率{_pct(f['petition_resolution_rate_pct'])}")
    chg = pp_phrase(f["petition_resolution_rate_change_pp"])
    text += (f"，{chg}" if chg else "") + f"；阶段性办结{f['petitions_staged']}件，正在办理{f['petitions_in_progress']}件。"
    return text + standing(ed, "resolution_rate", ("办结率最高", "最低"), _pct)


def supervision(ed: dict) -> str:
    sup, y, m = ed["figures"]["supervision"], ed["year"], ed["month_no"]
    parts = []
    for kind, (verb, unit) in KIND_PHRASES.items():
        v = sup.get(kind, {"actions": 0, "people": 0})
        if v["actions"]:
            parts.append(f"{verb}{v['actions']}{unit}" + (f"（{v['people']}人）" if v["people"] else ""))
    period = f"{y}年1—{m}月" if m > 1 else f"{y}年1月"
    text = f"{period}，{ed['scope']['name']}" + ("共" + "，".join(parts) + "。" if parts else "未开展督办问责。")
    month_rows = ed["supervision_month"]
    if month_rows:
        counts: dict[str, int] = {}
        for r in month_rows:
            counts[r["kind"]] = counts.get(r["kind"], 0) + 1
        detail = "，".join(f"{KIND_PHRASES[k][0]}{n}{KIND_PHRASES[k][1]}" for k, n in counts.items() if k in KIND_PHRASES)
        text += f"其中当月（{m}月）{detail}。"
    return text


def environment(ed: dict) -> str:
    f, m = ed["figures"], ed["month_no"]
    period = f"{ed['year']}年1—{m}月" if m > 1 else f"{ed['year']}年1月"
    text = f"{period}，{ed['scope']['name']}"
    if f["pm25_mean"] is not None:
        text += f"细颗粒物（PM2.5）平均浓度为{f['pm25_mean']}微克/立方米"
        if f["pm25_yoy_pct"] is not None:
            yoy = f["pm25_yoy_pct"]
            text += "，与上年同期持平" if yoy == 0 else f"，同比{'上升' if yoy > 0 else '下降'}{abs(yoy):.1f}%"
        text += "；"
    if f.get("valid_days"):
        text += f"优良天数比例为{_pct(f['good_days_pct'])}（{f['good_days']}/{f['valid_days']}天）；"
    if f.get("sections_assessed"):
        text += f"地表水水质优良（Ⅰ—Ⅲ类）断面比例为{_pct(f['water_good_pct'])}（{f['sections_good']}/{f['sections_assessed']}个）"
        levels = [f"{name}{_pct(f[f'water_good_pct_{key}'])}（{f[f'sections_good_{key}']}/{f[f'sections_assessed_{key}']}个）"
                  for key, name in (("national", "国控断面"), ("provincial", "省控断面")) if f.get(f"sections_assessed_{key}")]
        text += ("，其中" + "、".join(levels) if levels else "") + "。"
    text = text.rstrip("；") + ("" if text.endswith("。") else "。")
    return text + standing(ed, "composite_index", ("环境空气质量综合指数最低（最好）", "最高"), lambda v: f"{v:.2f}")


def overdue(ed: dict) -> str:
    f, rows = ed["figures"], ed["watchlist"]
    if not f["tasks_overdue"]:
        text = f"截至{ed['as_of_text']}，{ed['scope']['name']}无逾期未完成整改任务。"
    else:
        units: dict[str, int] = {}
        for r in rows:
            if r["watch"] == "overdue":
                name = unit_label(r, ed["scope"]["level"])
                units[name] = units.get(name, 0) + 1
        top = sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        text = (f"截至{ed['as_of_text']}，{ed['scope']['name']}逾期未完成整改任务{f['tasks_overdue']}个，涉及责任单位{len(units)}个，"
                f"其中逾期任务较多的是" + "、".join(f"{u}（{n}个）" for u, n in top) + "。")
    at_risk = sum(1 for r in rows if r["watch"] == "at_risk")
    if at_risk:
        text += f"另有{at_risk}个整改任务将在{ed['at_risk_days']}日内到期，需加快推进。"
    worst = [r for r in ed["tables"]["tasks_overdue"] if r["value"]]
    if len(ed["tables"]["tasks_overdue"]) > 1 and worst:
        top = max(r["value"] for r in worst)
        text += f"{ed['peers']['label']}逾期任务最多的是{_names([r for r in worst if r['value'] == top])}（{top}个）。"
    return text


def unit_label(row: dict, scope_level: str) -> str:
    """The responsible unit as named in a 通报: in a province edition with its city in front
    (抚州市 and 赣州市 both have a 市生态环境局 → 抚州市生态环境局), unless it already starts with the city."""
    unit, city = row["responsible_unit"] or "—", row.get("city_name") or ""
    if scope_level != "province" or not city or unit.startswith((city, city.removesuffix("市"))):
        return unit
    return f"{city}{unit[1:]}" if unit.startswith("市") else f"{city}{unit}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


WRITERS = {"rectification": rectification, "petitions": petitions, "supervision": supervision,
           "environment": environment, "overdue": overdue, "requirements": lambda ed: REQUIREMENTS}


def generate(ed: dict) -> list[dict]:
    """The sections of the 通报 as [{key, title, body}], in document order."""
    return [{"key": key, "title": title, "body": WRITERS[key](ed)} for key, title in SECTIONS]
