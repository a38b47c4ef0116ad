"""The 台账 XLSX export reopens with the same rows, headers and labels."""
import datetime as dt

import openpyxl
import pytest

from envboard.domain import ledger_export, rectification
from envboard.core.i18n import label, t


@pytest.fixture()
def anyang(demo_con):
    return rectification.ledger(demo_con, "410500", dt.date(2022, 12, 31), 30)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_reopens_with_the_same_rows(anyang, lang):
    rows = ledger_export.ledger_rows(anyang, lang)
    data = ledger_export.xlsx_bytes(rows, "安阳市生态环境保护督察整改台账", t("ledger.sheet", lang))
    back = ledger_export.read_ledger_xlsx(data)
    assert len(back) == len(anyang) == 38
    assert back.equals(rows.astype({c: str for c in rows.columns[1:]}))
    assert list(back[t("ledger.col.task_code", lang)]) == list(anyang["task_code"])


def test_export_has_the_ledger_layout_and_title(anyang):
    rows = ledger_export.ledger_rows(anyang, "zh")
    wb = openpyxl.load_workbook(__import__("io").BytesIO(ledger_export.xlsx_bytes(rows, "整改台账标题", "整改台账")))
    ws = wb["整改台账"]
    assert ws["A1"].value == "整改台账标题"
    headers = [c.value for c in ws[2]]
    assert headers[:12] == ["序号", "任务编号", "督察轮次", "问题/任务", "类别", "所在地区", "责任单位", "整改目标",
                            "整改措施", "整改时限", "当前状态", "是否销号"]
    assert "逾期" in headers and ws.freeze_panes == "A3"


def test_export_counts_match_the_ledger(anyang):
    rows = ledger_export.ledger_rows(anyang, "zh")
    closed = (rows["是否销号"] == "是").sum()
    assert closed == anyang["is_closed"].sum()
    assert (rows["当前状态"] == label("status", "on_schedule", "zh")).sum() == 11
    assert list(rows["序号"]) == list(range(1, 39))
