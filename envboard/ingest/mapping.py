"""Column mapping per entity: canonical column → the Chinese headers that mean it.

`mapping_rows(kind)` is the table shown to the user on the import page and in `--help`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from envboard.ingest.normalize import compact

KINDS = ("tasks", "progress", "petitions", "supervision", "air", "water", "inspections", "sections", "units")
REFERENCE_KINDS = ("inspections", "sections", "units")


@dataclass(frozen=True)
class Field:
    name: str                 # canonical column
    label_zh: str             # header used in the template
    aliases: tuple[str, ...]  # other headers accepted
    required: bool = False
    kind: str = "text"        # parser: text | date | int | number | bool | enum name …
    example: str = ""
    choices: tuple[str, ...] = ()   # drop-down values in the template


_PETITION_TYPES = ("大气", "水", "噪声", "生态", "土壤", "固废", "辐射", "其他")
_TASK_CATEGORIES = ("大气", "水", "土壤", "固废", "生态", "其他")
_TASK_STATUS = ("未启动", "正在推进", "达到序时进度", "已完成", "已销号")

_COMMON = {
    "inspection": Field("inspection", "督察轮次", ("督察轮次编号", "轮次", "inspection_id")),
    "seq": Field("seq", "序号", ("编号序号", "no", "no.")),
}

ENTITIES: dict[str, tuple[Field, ...]] = {
    "inspections": (
        Field("inspection_id", "督察编号", ("督察轮次编号", "轮次编号", "inspection_id"), True, "text", "central-3-360000"),
        Field("inspection_kind", "督察类型", ("督察级别", "类型"), True, "inspection_kind", "中央", ("中央", "省级")),
        Field("round", "轮次", ("督察轮次",), True, "round", "第三轮", ("第一轮", "回头看", "第二轮", "第三轮")),
        Field("team_name", "督察组", ("督察组名称",), False, "text", "中央第三生态环境保护督察组"),
        Field("region", "督察对象", ("被督察地区", "督察地区", "地区"), True, "region", "江西省"),
        Field("stationed_from", "进驻日期", ("进驻时间", "督察进驻日期"), True, "date", "2024-04-11"),
        Field("stationed_to", "结束日期", ("督察结束日期", "进驻结束日期", "撤离日期"), False, "date", "2024-05-11"),
        Field("feedback_on", "反馈日期", ("反馈意见日期", "督察反馈日期"), False, "date", "2024-08-20"),
        Field("plan_due_on", "整改方案报送期限", ("方案报送日期",), False, "date", ""),
    ),
    "sections": (
        Field("section_id", "断面编号", ("断面代码", "编号", "section_id"), True, "text", "JX-GJ-01"),
        Field("name", "断面名称", ("断面", "监测断面"), True, "text", "八一桥"),
        Field("water_body", "河流/湖库", ("河流", "所在河流", "河流名称", "湖库", "所在水体", "水体"), True, "text", "赣江"),
        Field("body_type", "水体类型", ("河流湖库类型", "类型"), False, "body_type", "河流", ("河流", "湖库")),
        Field("region", "所在区县", ("所在地区", "行政区域", "地区", "所在城市"), True, "region", "南昌市东湖区"),
        Field("control_level", "级别", ("断面级别", "断面属性", "控制级别"), True, "control_level", "国控",
              ("国控", "省控", "市控")),
        Field("target_class", "水质目标", ("目标水质", "水质类别目标", "考核目标"), True, "water_class", "Ⅲ",
              ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ")),
    ),
    "units": (
        Field("unit_code", "单位代码", ("代码", "编码", "unit_code"), True, "text", "369901"),
        Field("name", "单位名称", ("名称", "功能区名称"), True, "text", "赣江新区"),
        Field("short_name", "简称", (), False, "text", "赣江新区"),
        Field("unit_kind", "单位类型", ("类型",), False, "unit_kind", "新区", ("新区", "开发区", "基地", "其他")),
        Field("parent", "所在地区", ("上级地区", "所属地区", "代管地区"), True, "region", "南昌市"),
        Field("is_ranked_with_cities", "与设区市并列排名", ("并列排名", "单独排名", "是否单独排名"), True, "bool", "是",
              ("是", "否")),
        Field("note", "备注", ("说明",), False, "text", ""),
    ),
    "petitions": (
        _COMMON["seq"],
        Field("petition_id", "受理编号", ("信访编号", "编号", "举报编号", "转办编号", "交办编号"), True,
              "petition_id", "D3JX202405240023"),
        Field("batch", "批次", ("交办批次", "转办批次"), False, "batch", "17"),
        _COMMON["inspection"],
        Field("received_on", "交办日期", ("受理日期", "转办日期", "交办时间", "受理时间"), False, "date", "2024-05-24"),
        Field("summary", "交办问题基本情况", ("举报内容", "信访内容", "问题描述", "反映问题", "群众反映问题"), False,
              "text", "施工扬尘严重"),
        Field("region", "行政区域", ("所属地区", "区县", "地区", "所在地区", "属地", "所在地", "县区", "市县区"), True,
              "region", "九江市浔阳区"),
        Field("pollution_type", "问题类型", ("污染类型", "举报类型", "信访类型", "类型", "分组标题"), True, "pollution_type",
              "大气", _PETITION_TYPES),
        Field("substantiated", "是否属实", ("核实结果", "属实情况"), False, "substantiated", "基本属实",
              ("属实", "基本属实", "部分属实", "不属实")),
        Field("result_note", "处理和整改情况", ("整改情况", "处理情况", "处理整改情况", "办理情况"), False, "text",
              "已完成围挡和洒水降尘"),
        Field("status", "是否办结", ("办理状态", "办结情况", "办理进度", "办结状态", "办理结果", "办结结果", "目前进展",
                                     "办理情况（是否办结）"), False, "petition_status",
              "已办结", ("已办结", "阶段性办结", "正在办理")),
        Field("closed_on", "办结日期", ("办结时间",), False, "date", "2024-05-26"),
        Field("staged_on", "阶段性办结日期", ("阶段性办结时间",), False, "date", ""),
        Field("people_held_accountable", "责任人被处理情况", ("问责情况", "问责人数", "追责问责情况", "问责"), False,
              "people", "无"),
        Field("penalties", "立案处罚", ("立案处罚数", "处罚案件数", "立案处罚（件）"), False, "int", "0"),
        Field("place", "涉及企业或点位", ("企业名称", "点位", "涉及企业", "涉及点位"), False, "text", ""),
        Field("is_recheck", "是否重复件", ("重复件", "是否重复"), False, "bool", "否", ("是", "否")),
    ),
    "tasks": (
        _COMMON["seq"],
        _COMMON["inspection"],
        Field("task_code", "任务编号", ("整改任务编号", "问题编号", "编号"), True, "text", "JX-2-001"),
        Field("title", "整改任务", ("任务名称", "问题", "督察反馈问题", "反馈问题", "整改问题"), True, "text",
              "某工业园区污水直排"),
        Field("region", "责任地区", ("行政区域", "地区", "所属地区", "牵头地区", "区县"), True, "region", "赣州市"),
        Field("category", "任务类别", ("类别", "领域", "问题类别", "问题类型", "分组标题"), True, "category", "水",
              _TASK_CATEGORIES),
        Field("responsible_unit", "责任单位", ("牵头单位", "责任部门"), False, "text", "市生态环境局"),
        Field("target", "整改目标", (), False, "text", ""),
        Field("measures", "整改措施", (), False, "text", ""),
        Field("assigned_on", "交办日期", ("下达日期", "开始日期", "方案印发日期"), True, "date", "2022-03-01"),
        Field("deadline_on", "整改时限", ("完成时限", "整改期限", "时限", "整改完成时限"), False, "deadline", "2022年12月底前"),
        Field("is_under_closure_mgmt", "是否纳入销号管理", ("纳入销号管理", "销号管理", "是否纳入销号"), False, "bool", "是",
              ("是", "否")),
        Field("status", "整改进展", ("整改状态", "完成情况", "是否完成", "整改进度"), False, "task_status",
              "正在推进", _TASK_STATUS),
        Field("status_on", "进展日期", ("更新日期", "填报日期", "截至日期", "调度日期"), False, "date", "2022-06-30"),
        Field("note", "备注", ("进展情况", "整改进展情况"), False, "text", ""),
    ),
    "progress": (
        _COMMON["seq"],
        _COMMON["inspection"],
        Field("task_code", "任务编号", ("整改任务编号", "问题编号", "编号"), True, "text", "JX-2-001"),
        Field("status_on", "进展日期", ("日期", "更新日期", "填报日期", "截至日期", "调度日期"), True, "date", "2022-06-30"),
        Field("status", "整改进展", ("整改状态", "完成情况", "是否完成", "状态"), True, "task_status", "已完成", _TASK_STATUS),
        Field("note", "进展情况", ("备注", "整改进展情况", "说明"), False, "text", ""),
    ),
    "supervision": (
        _COMMON["seq"],
        _COMMON["inspection"],
        Field("action_id", "督办编号", ("编号", "文号"), False, "text", "赣环督函〔2022〕5号"),
        Field("kind", "督办方式", ("类型", "措施", "督办类型", "督办形式", "方式"), True, "action_kind", "约谈",
              ("函告", "通报", "约谈", "问责", "现场督办")),
        Field("region", "行政区域", ("地区", "所属地区", "区县", "对象地区"), True, "region", "赣州市"),
        Field("acted_on", "日期", ("督办日期", "时间", "约谈日期"), True, "date", "2022-05-20"),
        Field("people_count", "涉及人数", ("人数", "问责人数", "约谈人数"), False, "int", "0"),
        Field("task_code", "任务编号", ("关联任务", "整改任务编号"), False, "text", ""),
        Field("note", "备注", ("事由", "内容", "说明"), False, "text", ""),
    ),
    "air": (
        Field("city", "城市", ("地区", "行政区域", "city", "城市名称"), True, "region", "赣州市"),
        Field("station", "站点", ("监测点位", "点位", "监测点", "站点名称", "station"), False, "text", ""),
        Field("measured_on", "日期", ("监测日期", "date"), True, "date", "2024-05-01"),
        Field("pm25_ugm3", "PM2.5", ("pm25", "细颗粒物", "pm2_5", "pm25_ug_m3"), False, "number", "35"),
        Field("pm10_ugm3", "PM10", ("可吸入颗粒物", "pm10_ug_m3"), False, "number", "60"),
        Field("so2_ugm3", "SO2", ("二氧化硫", "so2_ug_m3"), False, "number", "8"),
        Field("no2_ugm3", "NO2", ("二氧化氮", "no2_ug_m3"), False, "number", "20"),
        Field("co_mgm3", "CO", ("一氧化碳", "co_mg_m3"), False, "number", "0.8"),
        Field("o3_8h_ugm3", "O3_8h", ("o3-8h", "o38h", "o3_8h_max", "臭氧8小时", "o3_8h_max_ug_m3", "o3日最大8小时",
                                      "臭氧日最大8小时滑动平均", "臭氧日最大8小时平均", "臭氧8小时滑动平均",
                                      "o3日最大8小时滑动平均"),
              False, "number", "120"),
        Field("o3_1h_ugm3", "O3_1h", ("o3-1h", "o31h", "臭氧1小时", "o3日最大1小时"), False, "number", "150"),
        Field("is_dust", "沙尘", ("是否沙尘", "沙尘天气"), False, "bool", "否", ("是", "否")),
    ),
    "air_hourly": (
        Field("station", "站点", ("监测点位", "点位", "监测点", "station"), False, "text", "赣州市监测站"),
        Field("city", "城市", ("地区", "行政区域", "city"), True, "region", "赣州市"),
        Field("hour_at", "时间", ("监测时间", "日期时间", "datetime"), False, "hour", "2024-05-01 13:00"),
        Field("year", "年", ("year",), False, "int", ""),
        Field("month", "月", ("month",), False, "int", ""),
        Field("day", "日", ("day",), False, "int", ""),
        Field("hour", "小时", ("hour", "时"), False, "int", ""),
        Field("pm25", "PM2.5", ("pm25", "细颗粒物"), False, "number", "35"),
        Field("pm10", "PM10", ("可吸入颗粒物",), False, "number", "60"),
        Field("so2", "SO2", ("二氧化硫",), False, "number", "8"),
        Field("no2", "NO2", ("二氧化氮",), False, "number", "20"),
        Field("co", "CO", ("一氧化碳",), False, "number", "0.8"),
        Field("o3", "O3", ("臭氧",), False, "number", "90"),
    ),
    "water": (
        Field("section", "断面", ("断面名称", "断面编号", "监测断面", "section_id"), True, "text", "赣江-八一桥"),
        Field("month", "月份", ("监测月份", "时间", "监测时间", "年月", "采样日期", "监测日期", "采样时间"), True, "month",
              "2024年5月"),
        Field("indicator", "指标", ("监测项目", "项目", "监测指标"), False, "indicator", "COD_Mn"),
        Field("value", "监测值", ("数值", "浓度", "值", "监测结果", "结果"), False, "measurement", "3.2"),
        Field("detection_limit", "检出限", ("方法检出限", "最低检出浓度"), False, "number", ""),
    ),
}
KEYS = {
    "inspections": ("inspection_id",),
    "sections": ("section_id",),
    "units": ("unit_code",),
    "petitions": ("petition_id",),
    "tasks": ("inspection_id", "task_code"),
    "progress": ("task_id", "changed_on"),
    "supervision": ("action_id",),
    "air": ("city_code", "measured_on"),
    "water": ("section_id", "month", "indicator"),
}


def header_key(text) -> str | None:
    """A header cell reduced for matching: NFKC, no spaces, no unit in brackets, lower case."""
    key = compact(text)
    if key is None:
        return None
    key = re.sub(r"[(（\[【].*?[)）\]】]", "", key).lower()
    return key or None


def alias_table(kind: str) -> dict[str, str]:
    """header_key(alias) → canonical column, for every accepted header of `kind`."""
    table: dict[str, str] = {}
    for field in ENTITIES[kind]:
        for alias in (field.label_zh, field.name, *field.aliases):
            table.setdefault(header_key(alias), field.name)
    return table


def map_header(kind: str, header: list) -> dict[str, int]:
    """canonical column → column index, first match wins; unknown headers are left out."""
    aliases = alias_table(kind)
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = aliases.get(header_key(cell))
        if name and name not in found:
            found[name] = index
    return found


def required_fields(kind: str) -> list[Field]:
    return [f for f in ENTITIES[kind] if f.required]


def mapping_rows(kind: str, header: list | None = None) -> list[dict]:
    """The mapping table shown to the user: one row per canonical column (and its matched header)."""
    matched = map_header(kind, header) if header is not None else {}
    return [
        {"column": f.name, "header": f.label_zh, "aliases": "、".join(f.aliases), "required": f.required,
         "found": (str(header[matched[f.name]]) if f.name in matched else None) if header is not None else None}
        for f in ENTITIES[kind]
    ]
