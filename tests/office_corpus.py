"""A corpus of office files laid out the way inspection offices keep and publish them.

Each case builds one file deterministically (no randomness, no clock), names the import options an
editor would give, and states what the import must produce: rows read back from the database, or the
errors (message keys and rows) that reject it. tests/test_office_corpus.py runs every case.
Run this module as a script to write the files to a folder for a look in a spreadsheet program.
"""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

D = dt.date
JX_HEAD = ["序号", "受理编号", "交办问题基本情况", "行政区域", "问题类型", "调查核实情况", "是否属实", "办结目标",
           "处理和整改情况", "是否办结", "责任人被处理情况"]
TASK_HEAD = ["序号", "任务编号", "整改任务", "责任地区", "任务类别", "责任单位", "交办日期", "整改时限", "是否纳入销号管理",
             "整改进展"]


def jx_row(n: int, pid: str, region: str = "九江市浔阳区", ptype: str = "大气", truth: str = "属实",
           status: str = "已办结", people: str = "无") -> list:
    return [n, pid, f"群众反映施工扬尘问题{n}", region, ptype, "经现场核查", truth, "落实扬尘防治", "已完成整改", status, people]


def task_row(n: int, region: str = "赣州市", category: str = "水", deadline: str = "2022年12月底前",
             managed: str = "是", status: str = "正在推进") -> list:
    return [n, f"T-{n:03d}", f"整改任务{n}", region, category, "市生态环境局", "2022-03-01", deadline, managed, status]


@dataclass
class Case:
    name: str                      # file name (its suffix chooses the reader)
    kind: str
    build: Callable[[Path], None]
    options: dict = field(default_factory=dict)
    expect: list[tuple[str, list]] = field(default_factory=list)   # (SQL, rows) after the import
    errors: list[tuple] = field(default_factory=list)             # (row, message_key) that reject the file
    warnings: list[str] = field(default_factory=list)             # message keys that must be among the warnings
    covers: str = ""


def xlsx(sheets: dict[str, list[list]]):
    def build(path: Path) -> None:
        import openpyxl
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, rows in sheets.items():
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(row)
        book.save(path)
    return build


def text_csv(rows: list[list], encoding: str = "utf-8"):
    def build(path: Path) -> None:
        with open(path, "w", encoding=encoding, newline="") as fh:
            csv.writer(fh).writerows(rows)
    return build


PET = "select petition_id, batch_no, region_code, pollution_type, substantiated, staged_on, closed_on from petitions order by petition_id"
PET_TYPES = "select petition_id, pollution_types from petitions order by petition_id"
TASKS = "select task_code, region_code, city_code, category, deadline_on, is_under_closure_mgmt from tasks order by task_code"
STATUS = "select task_id, changed_on, status from task_status_history order by task_id, changed_on"
AIR = "select city_code, measured_on, pm25_ugm3, co_mgm3, o3_8h_ugm3 from air_daily order by city_code, measured_on"
WATER = "select section_id, month, indicator, value, raw_text, is_below_dl, detection_limit from water_monthly order by indicator, month"
AS_OF = {"as_of": D(2024, 5, 31)}
TITLE = "中央第三生态环境保护督察组交办群众信访举报件边督边改公开情况一览表（第十七批）"


def _petitions() -> list[Case]:
    a, b = "D3JX202405240001", "D3JX202405240002"
    two = [jx_row(1, a), jx_row(2, b, "九江市濂溪区", "噪声")]
    closed = [(a, 17, "360403", "air", "yes", None, D(2024, 5, 26)), (b, 17, "360402", "noise", "yes", None, D(2024, 5, 26))]
    return [
        Case("信访_标题和填报行.xlsx", "petitions", xlsx({"Sheet1": [[TITLE], ["填报单位：九江市生态环境局", None, None, "填报日期：2024年5月26日"], JX_HEAD, *two]}),
             expect=[(PET, closed)], covers="title rows, 填报单位/日期 row; batch and as-of date from the title"),
        Case("信访_表下注释_第17批.xlsx", "petitions", xlsx({"Sheet1": [JX_HEAD, *two, ["注：本表按交办顺序排列。"], ["数据来源：九江市生态环境局"], [None, "填表人：张三", None, "审核人：李四"]]}),
             {"as_of": D(2024, 5, 26)}, [(PET, closed)], warnings=["ingest.warn.notes_below_table"],
             covers="notes below the table (注, 数据来源, 填表人)"),
        Case("信访_空行和合计_第17批.xlsx", "petitions", xlsx({"Sheet1": [JX_HEAD, two[0], [None] * 11, two[1], [None] * 11, ["合计", "2件"]]}),
             {"as_of": D(2024, 5, 26)}, [(PET, closed)], covers="blank rows, 合计 row"),
        Case("信访_表头换行_第17批.xlsx", "petitions", xlsx({"Sheet1": [[h if h not in ("受理编号", "是否办结") else h[:2] + "\n" + h[2:] for h in JX_HEAD], *two]}),
             {"as_of": D(2024, 5, 26)}, [(PET, closed)], covers="header cells with line breaks"),
        Case("信访_两级表头_第17批.xlsx", "petitions", xlsx({"Sheet1": [
            JX_HEAD[:8] + ["处理和整改情况", None, "是否办结"], [None] * 8 + ["约谈（人）", "问责（人）", None],
            jx_row(1, a)[:8] + ["2", "3", "已办结"], jx_row(2, b)[:8] + ["0", "0", "已办结"]]}),
             {"as_of": D(2024, 5, 26)}, [("select petition_id, people_held_accountable from petitions order by 1", [(a, 3), (b, 0)])],
             covers="two-row group header (处理和整改情况 over 约谈（人）/问责（人）); bare numbers in people columns"),
        Case("信访_合并单元格_第17批.xlsx", "petitions", xlsx({"Sheet1": [JX_HEAD, jx_row(1, a), [None] * 8 + ["2024年5月26日完成覆盖", None, None], jx_row(2, b)]}),
             {"as_of": D(2024, 5, 26)}, [("select petition_id, result_note from petitions order by 1", [(a, "已完成整改\n2024年5月26日完成覆盖"), (b, "已完成整改")])],
             warnings=["ingest.warn.continuation_row"], covers="vertically merged cells spanning one record's rows"),
        Case("信访_多工作表.xlsx", "petitions", xlsx({"填表说明": [["请按模板填写"], ["受理编号", "是否办结"]], "第17批": [JX_HEAD, jx_row(1, a)],
                                                "第18批": [JX_HEAD, jx_row(1, "D3JX202405250001")], "汇总": [["批次", "件数"], ["17", "1"]]}),
             {"as_of": D(2024, 5, 31)}, [("select petition_id, batch_no from petitions order by 1", [(a, 17), ("D3JX202405250001", 18)])],
             covers="several sheets; 填表说明/汇总 skipped; batch from each sheet's name"),
        Case("信访_跨表重复.xlsx", "petitions", xlsx({"第17批": [JX_HEAD, jx_row(1, a)], "第18批": [JX_HEAD, jx_row(1, a)]}),
             AS_OF, errors=[(2, "ingest.err.duplicate_across_sheets")], covers="duplicates across sheets name both sheets"),
        Case("信访_盟市旗县区_第5批.xlsx", "petitions", xlsx({"Sheet1": [
            ["序号", "受理编号", "盟市", "旗县区", "问题类型", "是否属实", "是否办结"],
            [1, "D3NM202306010001", "锡林郭勒盟", "锡林浩特市", "大气", "属实", "已办结"],
            [2, "D3NM202306010002", None, "二连浩特市", "水", "不属实", "已办结"]]}),
             {"as_of": D(2023, 6, 30), "inspection_id": "central-3-150000"},
             [("select petition_id, region_code from petitions order by 1", [("D3NM202306010001", "152502"), ("D3NM202306010002", "152501")])],
             covers="regions split over two columns (盟市 + 旗县区), merged city cell"),
        Case("信访_办结状态用语_第17批.xlsx", "petitions", xlsx({"Sheet1": [JX_HEAD, jx_row(1, a, status="阶段性办结（长期整改）"),
                                                              jx_row(2, b, status="已办结（已回访）"), jx_row(3, "D3JX202405240003", status="正在办理中")]}),
             {"as_of": D(2024, 5, 26)},
             [("select petition_id, staged_on, closed_on from petitions order by 1",
               [(a, D(2024, 5, 26), None), (b, None, D(2024, 5, 26)), ("D3JX202405240003", None, None)])],
             covers="阶段性办结（长期整改）, 已办结（已回访）, 正在办理中"),
        Case("信访_属实用语_第17批.xlsx", "petitions", xlsx({"Sheet1": [JX_HEAD, jx_row(1, a, truth="属实（部分）"),
                                                            jx_row(2, b, truth="基本属实"), jx_row(3, "D3JX202405240003", truth="经核查不属实")]}),
             {"as_of": D(2024, 5, 26)},
             [("select petition_id, substantiated from petitions order by 1", [(a, "partly"), (b, "yes"), ("D3JX202405240003", "no")])],
             covers="属实（部分）, 基本属实, 经核查不属实"),
        Case("信访_多个问题类型_第17批.csv", "petitions", text_csv([JX_HEAD, jx_row(1, a, ptype="大气、噪声"), jx_row(2, b, ptype="水污染类")]),
             {"as_of": D(2024, 5, 26)}, [(PET_TYPES, [(a, ["air", "noise"]), (b, ["water"])])],
             covers="several values in one cell (问题类型 大气、噪声), category words"),
        Case("信访_未知状态_第17批.csv", "petitions", text_csv([JX_HEAD, jx_row(1, a, status="已转办"), jx_row(2, b, status="已转办")]),
             {"as_of": D(2024, 5, 26)}, errors=[(2, "ingest.err.bad_status"), (3, "ingest.err.bad_status")],
             covers="an unknown value rejects the file and is named"),
        Case("信访_未知状态已对应_第17批.csv", "petitions", text_csv([JX_HEAD, jx_row(1, a, status="已转办"), jx_row(2, b)]),
             {"as_of": D(2024, 5, 26), "value_maps": {"status": {"已转办": "正在办理"}}},
             [("select petition_id, closed_on from petitions order by 1", [(a, None), (b, D(2024, 5, 26))])],
             covers="an unknown value mapped once by an editor (--mapping)"),
        Case("信访_无截至日期_第17批.csv", "petitions", text_csv([JX_HEAD, jx_row(1, a)]),
             errors=[(2, "ingest.err.no_as_of")], covers="a status without a date and no as-of date is asked for"),
        Case("信访_GBK编码_第17批.csv", "petitions", text_csv([JX_HEAD, *two], encoding="gb18030"),
             {"as_of": D(2024, 5, 26)}, [(PET, closed)], covers="GBK/GB18030 CSV"),
        Case("信访_办理中却有日期_第17批.csv", "petitions", text_csv([JX_HEAD + ["办结日期"], jx_row(1, a, status="正在办理") + ["2024-05-25"],
                                                                 jx_row(2, b, status="阶段性办结") + ["2024-05-25"]]),
             {"as_of": D(2024, 5, 31)},
             [("select petition_id, staged_on, closed_on from petitions order by 1", [(a, None, None), (b, D(2024, 5, 25), None)])],
             warnings=["ingest.warn.open_with_date"], covers="办结日期 of a 阶段性办结 row stages it; an open row is not closed"),
    ]


def _tasks() -> list[Case]:
    ins = {"inspection_id": "central-2-360000", "as_of": D(2024, 5, 31)}
    return [
        Case("任务_整改时限用语.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1, deadline="2022年12月底前"), task_row(2, deadline="2022年底"),
                                                    task_row(3, deadline="立行立改"), task_row(4, deadline="长期坚持")]}), ins,
             [("select task_code, deadline_on from tasks order by 1",
               [("T-001", D(2022, 12, 31)), ("T-002", D(2022, 12, 31)), ("T-003", D(2022, 3, 1)), ("T-004", None)])],
             covers="deadlines 2022年12月底前, 2022年底, 立行立改, 长期坚持"),
        Case("任务_进展用语.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1, status="基本完成"), task_row(2, status="已完成（待销号）"),
                                                 task_row(3, status="已完成（已销号）")]}), ins,
             [(STATUS, [("central-2-360000/T-001", D(2024, 5, 31), "on_schedule"), ("central-2-360000/T-002", D(2024, 5, 31), "done"),
                        ("central-2-360000/T-003", D(2024, 5, 31), "closed")])],
             covers="基本完成 (not done), 已完成（待销号）; undated statuses dated by the as-of date"),
        Case("任务_销号管理用语.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1, managed="纳入"), task_row(2, managed="不纳入销号管理")]}), ins,
             [("select task_code, is_under_closure_mgmt from tasks order by 1", [("T-001", True), ("T-002", False)])],
             covers="纳入/不纳入销号管理"),
        Case("任务_类别用语.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1, category="大气污染防治"), task_row(2, category="水污染防治"),
                                                 task_row(3, category="生态保护修复")]}), ins,
             [("select task_code, category from tasks order by 1", [("T-001", "air"), ("T-002", "water"), ("T-003", "ecology")])],
             covers="category words (大气污染防治, 水污染防治 …)"),
        Case("任务_分组标题行.xlsx", "tasks", xlsx({"清单": [
            ["序号", "任务编号", "整改任务", "责任地区", "交办日期", "整改进展"],
            ["一、大气污染防治（2项）"], [1, "T-001", "任务1", "赣州市", "2022-03-01", "正在推进"], [2, "T-002", "任务2", "赣州市", "2022-03-01", "已完成"],
            ["二、水污染防治（1项）"], [3, "T-003", "任务3", "抚州市", "2022-03-01", "已销号"]]}), ins,
             [("select task_code, category from tasks order by 1", [("T-001", "air"), ("T-002", "air"), ("T-003", "water")])],
             warnings=["ingest.warn.group_rows"], covers="group-label rows carry the category"),
        Case("任务_省级责任地区.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1, region="江西省"), task_row(2, region="赣州市章贡区")]}), ins,
             [("select task_code, region_code, city_code from tasks order by 1", [("T-001", "360000", "360000"), ("T-002", "360702", "360700")])],
             covers="province-level tasks are first-class"),
        Case("任务_功能区.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1, region="赣江新区")]}), ins,
             [("select task_code, region_code, city_code from tasks", [("T-001", "369901", "369901")])],
             covers="a reporting unit (赣江新区) as the responsible region"),
        Case("任务_截至日期在标题.xlsx", "tasks", xlsx({"清单": [["整改落实情况台账（截至2024年6月30日）"], TASK_HEAD, task_row(1, status="已完成")]}),
             {"inspection_id": "central-2-360000"}, [(STATUS, [("central-2-360000/T-001", D(2024, 6, 30), "done")])],
             covers="the ledger's as-of date from its title"),
        Case("任务_无截至日期.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1, status="已完成")]}), {"inspection_id": "central-2-360000"},
             errors=[(2, "ingest.err.no_as_of")], covers="an undated status is never backdated to the hand-over date"),
        Case("任务_督察描述.xlsx", "tasks", xlsx({"清单": [TASK_HEAD, task_row(1)]}), {"inspection_id": "中央第二轮 江西", "as_of": D(2024, 5, 31)},
             [("select task_id from tasks", [("central-2-360000/T-001",)])], covers="--inspection by description"),
    ]


def _supervision_and_air() -> list[Case]:
    sup_head = ["序号", "督办编号", "督办方式", "地区", "日期", "涉及人数"]
    air_head = ["城市", "日期", "PM2.5(μg/m³)", "PM10(μg/m³)", "SO2(μg/m³)", "NO2(μg/m³)", "CO(mg/m³)", "臭氧日最大8小时滑动平均(O3-8h)(μg/m³)", "首要污染物"]
    return [
        Case("督办_用语.xlsx", "supervision", xlsx({"Sheet1": [sup_head, [1, "DB-1", "提醒函", "赣州市", "2022-05-20", None],
                                                        [2, "DB-2", "挂牌督办", "抚州市", "2022-05-21", None], [3, "DB-3", "公开约谈", "赣州市", "2022-05-22", "3"]]}),
             expect=[("select action_id, kind, people_count from supervision_actions order by 1",
                      [("DB-1", "letter", 0), ("DB-2", "letter", 0), ("DB-3", "interview", 3)])], covers="提醒函, 挂牌督办, 公开约谈"),
        Case("空气_O3表头和首要污染物.xlsx", "air", xlsx({"5月": [air_head, ["赣州市", "2024-05-01", "PM2.5", "50", "8", "20", "0.8", "100", "PM2.5"]][:1] +
                                                          [["赣州市", "2024-05-01", "35", "50", "8", "20", "0.8", "100", "PM2.5"],
                                                           ["赣州市", "2024-05-02", "30", "45", "7", "18", "0.7", "110", "O3"]]}),
             expect=[(AIR, [("360700", D(2024, 5, 1), 35.0, 0.8, 100.0), ("360700", D(2024, 5, 2), 30.0, 0.7, 110.0)])],
             covers="O3-8h header; a first data row holding PM2.5 (= a column name) is data"),
        Case("空气_CO微克.xlsx", "air", xlsx({"Sheet1": [["城市", "日期", "PM2.5", "CO(μg/m³)", "O3_8h"], ["赣州市", "2024-05-01", "35", "800", "100"]]}),
             expect=[(AIR, [("360700", D(2024, 5, 1), 35.0, 0.8, 100.0)])], warnings=["ingest.warn.co_ugm3"], covers="CO in μg/m³ in a daily file"),
        Case("空气_县级市.xlsx", "air", xlsx({"Sheet1": [["城市", "日期", "PM2.5", "O3_8h"], ["揭阳市", "2024-05-01", "30", "90"], ["普宁市", "2024-05-01", "40", "95"]]}),
             expect=[("select city_code, pm25_ugm3 from air_daily order by 1", [("445200", 30.0), ("445281", 40.0)])],
             covers="county-level cities (普宁市 is not 揭阳市)"),
        Case("空气_统计行.xlsx", "air", xlsx({"Sheet1": [["城市", "日期", "PM2.5", "O3_8h"], ["赣州市", "2024-05-01", "30", "90"], ["赣州市", "2024-05-02", "40", "100"],
                                                         ["月均值", None, "35", "95"], ["最大值", None, "40", "100"], ["最小值", None, "30", "90"]]}),
             expect=[("select count(*), avg(pm25_ugm3) from air_daily", [(2, 35.0)])], warnings=["ingest.warn.notes_below_table"],
             covers="月均值/最大值/最小值 rows below the table"),
        Case("空气_站点日数据.xlsx", "air", xlsx({"Sheet1": [["城市", "站点", "日期", "PM2.5", "O3_8h"], ["赣州市", "章贡区站", "2024-05-01", "30", "90"],
                                                         ["赣州市", "蓉江站", "2024-05-01", "40", "100"]]}),
             expect=[("select city_code, measured_on, pm25_ugm3, o3_8h_ugm3 from air_daily", [("360700", D(2024, 5, 1), 35.0, 95.0)])],
             warnings=["ingest.warn.stations_averaged"], covers="station-level daily rows averaged to the city (HJ 663)"),
    ]


def _water() -> list[Case]:
    wide = ["断面", "月份", "溶解氧", "高锰酸盐指数", "氨氮", "总磷", "六价铬", "挥发酚"]
    return [
        Case("水质_低于检出限.xlsx", "water", xlsx({"Sheet1": [wide, ["GJ-01", "2024年5月", "7.5", "3.1", "0.3", "0.08", "0.004L", "<0.0003"]]}),
             expect=[(WATER + " limit 2", [("GJ-01", D(2024, 5, 1), "COD_Mn", 3.1, "3.1", False, None), ("GJ-01", D(2024, 5, 1), "Cr6", 0.002, "0.004L", True, 0.004)]),
                     ("select value, raw_text, is_below_dl from water_monthly where indicator = 'VPhen'", [(0.00015, "<0.0003", True)])],
             covers="below-DL values (0.004L, <0.0003): half the limit in statistics, 六价铬 header"),
        Case("水质_未检出带检出限.csv", "water", text_csv([["断面", "月份", "指标", "监测值", "检出限"], ["GJ-01", "2024-05", "汞", "未检出", "0.00004"],
                                                            ["GJ-01", "2024-05", "氨氮", "ND", "0.025"]]),
             expect=[("select indicator, value, raw_text, detection_limit from water_monthly order by 1",
                      [("Hg", 0.00002, "未检出", 0.00004), ("NH3_N", 0.0125, "ND", 0.025)])], covers="ND / 未检出 with a 检出限 column"),
        Case("水质_未检出无检出限.xlsx", "water", xlsx({"Sheet1": [wide[:3], ["GJ-01", "2024年5月", "ND"]]}),
             errors=[(2, "ingest.err.nd_without_dl")], covers="ND without a detection limit is asked for"),
        Case("水质_一月两次采样.xlsx", "water", xlsx({"Sheet1": [["断面", "采样日期", "溶解氧", "氨氮"], ["GJ-01", "2024-05-08", "7.0", "0.2"],
                                                           ["GJ-01", "2024-05-22", "8.0", "0.05L"]]}),
             expect=[("select indicator, value from water_monthly order by 1", [("DO", 7.5), ("NH3_N", 0.1125)])],
             warnings=["ingest.warn.samplings_averaged"], covers="two samplings in one month averaged (DL/2 for the below-DL one)"),
        Case("水质_检出限高于I类.xlsx", "water", xlsx({"Sheet1": [["断面", "月份", "氨氮"], ["GJ-01", "2024年5月", "0.5L"]]}),
             expect=[("select value, is_below_dl from water_monthly", [(0.25, True)])], warnings=["ingest.warn.dl_above_class1"],
             covers="a detection limit above Class I: class only 'k or better', flagged"),
    ]


def _reference() -> list[Case]:
    return [
        Case("督察轮次清单.xlsx", "inspections", xlsx({"Sheet1": [
            ["督察编号", "督察类型", "轮次", "督察组", "督察对象", "进驻日期", "结束日期", "反馈日期"],
            ["central-1r-360000", "中央", "第一轮“回头看”", "中央第四环境保护督察组", "江西省", "2018-10-30", "2018-11-30", "2019-05-09"],
            ["provincial-2-360700", "省级", "第二轮", "江西省第二生态环境保护督察组", "赣州市", "2022-03-15", "2022-04-15", "2022-06-10"]]}),
             expect=[("select inspection_id, kind, round_no, round_label, region_code, feedback_on from inspections where inspection_id in "
                      "('central-1r-360000', 'provincial-2-360700') order by 1",
                      [("central-1r-360000", "central", 1, "review", "360000", D(2019, 5, 9)),
                       ("provincial-2-360700", "provincial", 2, "provincial2", "360700", D(2022, 6, 10))])],
             covers="inspections kind"),
        Case("监测断面清单.xlsx", "sections", xlsx({"Sheet1": [["断面编号", "断面名称", "河流/湖库", "水体类型", "所在区县", "级别", "水质目标"],
                                                         ["GJ-02", "生米", "赣江", "河流", "南昌市新建区", "国控", "Ⅱ类"],
                                                         ["PY-01", "都昌", "鄱阳湖", None, "九江市都昌县", "省控", "Ⅲ"],
                                                         ["XS-01", "下山", "抚河", "河流", "抚州市", "市控", "III"]]}),
             expect=[("select section_id, body_type, region_code, control_level, target_class from water_sections where section_id <> 'GJ-01' order by 1",
                      [("GJ-02", "river", "360112", "national", 2), ("PY-01", "lake", "360428", "provincial", 3), ("XS-01", "river", "361000", "municipal", 3)])],
             covers="sections kind (国控/省控/市控, Ⅱ类/Ⅲ/III, lake from the name)"),
        Case("报告单位.xlsx", "units", xlsx({"Sheet1": [["单位代码", "单位名称", "简称", "单位类型", "所在地区", "与设区市并列排名"],
                                                    ["369902", "赣州经济技术开发区", "赣州经开区", "开发区", "赣州市", "否"]]}),
             expect=[("select code, level, parent_code, city_code from regions where code = '369902'", [("369902", "county", "360700", "360700")])],
             covers="a reporting unit folded into its parent city"),
        Case("报告单位_代码冲突.xlsx", "units", xlsx({"Sheet1": [["单位代码", "单位名称", "所在地区", "与设区市并列排名"], ["360700", "某新区", "赣州市", "是"]]}),
             errors=[(2, "ingest.err.unit_code_taken")], covers="a unit code may not take an administrative division's"),
    ]


CASES: list[Case] = _petitions() + _tasks() + _supervision_and_air() + _water() + _reference()


def write_all(folder: Path) -> list[Path]:
    """Write every case's file to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in CASES:
        case.build(folder / case.name)
        paths.append(folder / case.name)
    return paths


if __name__ == "__main__":
    import sys
    for p in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "office_corpus")):
        print(p)
