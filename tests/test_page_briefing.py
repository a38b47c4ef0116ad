"""AppTest: the 月度通报 page and meeting mode render from the URL in zh and en, drafts and issued editions."""
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from envboard.briefing import build, editions, exports
from tests.conftest import APP


def _page(page, **params):
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    return at


@pytest.fixture(scope="module")
def issued(demo_db_path):
    """One issued edition of 赣州 2022-12 beside the session database (XLSX only, no charts)."""
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    ed = build.build_edition(con, "360700", dt.date(2022, 12, 31))
    con.close()
    ed["edits"] = {"requirements": "会前核对后的工作要求。"}
    return editions.freeze(ed, lambda e: exports.export(e, ["xlsx"], pngs={}), editions.editions_dir(demo_db_path))[0]


def test_briefing_page_shows_ganzhou_edition_in_chinese(demo_db_path):
    at = _page("app_pages/briefing.py", scope="360700", month="2022-12")
    assert not at.exception
    assert at.title[0].value == "月度通报"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["销号率"] == "91.9%" and metrics["信访办结率"] == "99.1%"
    captions = " ".join(c.value for c in at.caption)
    assert "294 / 320" in captions and "数据截至2022-12-31" in captions and "草稿" in captions
    assert at.text_area[0].value.startswith("截至2022年12月底，赣州市需销号管理问题320个，已销号294个，销号率91.9%")
    closure = at.dataframe[0].value
    assert list(closure.iloc[0][["城市", "销号率", "已销号", "纳入销号管理"]]) == ["赣州市", "91.9%", "294", "320"]
    assert len(at.get("plotly_chart")) == 2
    assert [b.label for b in at.button if b.key in ("brief_make", "brief_publish")] == ["生成 DOCX / PDF / XLSX", "发布本期"]


def test_briefing_page_in_english_keeps_the_chinese_text(demo_db_path):
    at = _page("app_pages/briefing.py", scope="360700", month="2022-12", lang="en")
    assert not at.exception
    assert at.title[0].value == "Monthly briefing"
    assert {m.label: m.value for m in at.metric}["Closure rate"] == "91.9%"
    assert "销号率91.9%" in at.text_area[0].value
    assert "official Chinese document" in " ".join(c.value for c in at.caption)
    assert "City" in at.dataframe[0].value.columns


def test_editing_the_text_marks_it_edited(demo_db_path):
    at = _page("app_pages/briefing.py", scope="360700", month="2022-12")
    at.text_area[5].input("请各地于1月底前报送整改进展。").run()
    assert not at.exception
    assert "已修改" in [c.value for c in at.caption]


def test_issued_edition_reopens_read_only(demo_db_path, issued):
    at = _page("app_pages/briefing.py", edition=issued["id"])
    assert not at.exception
    assert any(issued["id"] in i.value for i in at.info)
    assert at.text_area[0].disabled and at.text_area[5].value == "会前核对后的工作要求。"
    assert at.text_area[0].value.startswith("截至2022年12月底，赣州市需销号管理问题320个")


def test_meeting_mode_shows_one_section_in_large_type(demo_db_path, issued):
    at = _page("app_pages/meeting.py", edition=issued["id"], section="petitions")
    assert not at.exception
    shown = " ".join(el.value for el in at.text)
    assert "二、信访件办理情况" in shown and "已办结2114件，办结率99.1%" in shown
    assert "一、督察整改销号情况" not in shown
    assert "各市信访件办结率（截至12月底）" in shown          # the table under the text names its period
    at.button(key="meet_next").click().run()
    assert at.query_params["section"] == "supervision"


def test_meeting_mode_cover_in_english(demo_db_path):
    at = _page("app_pages/meeting.py", scope="360700", month="2022-12", lang="en")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Closure rate"] == "91.9%"


def test_publishing_keeps_the_edits_and_reopens_the_issued_edition(demo_db_path):
    at = _page("app_pages/briefing.py", scope="360700", month="2022-12")
    at.text_area[5].input("发布前修改的工作要求。").run()
    at.button(key="brief_publish").click().run()
    assert not at.exception
    issued_id = at.query_params["edition"]
    assert issued_id.startswith("360700-2022-12-")
    assert at.text_area[5].disabled and at.text_area[5].value == "发布前修改的工作要求。"
    stored = editions.load(issued_id, editions.editions_dir(demo_db_path))
    assert stored["edits"] == {"requirements": "发布前修改的工作要求。"}
    assert set(editions.issued_files(issued_id, editions.editions_dir(demo_db_path))) == {"docx", "pdf", "xlsx"}
    assert len(at.get("download_button")) == 3


def test_back_to_current_data_keeps_the_edition_scope_and_month(demo_db_path, issued):
    at = _page("app_pages/briefing.py", edition=issued["id"])
    at.button(key="brief_back").click().run()
    assert not at.exception
    assert "edition" not in at.query_params
    assert (at.query_params["scope"], at.query_params["month"]) == ("360700", "2022-12")
    assert "草稿" in " ".join(c.value for c in at.caption)
