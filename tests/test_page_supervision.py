"""AppTest: the 督办问责 page in zh and en: actions and people kept apart, linked to tasks."""
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from envboard.core import queries
from tests.conftest import APP

PAGE = "app_pages/supervision.py"


def _page(**params):
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at.switch_page(PAGE).run()


def test_xiangtan_2018_interviews_27_people_accountability_59_people(demo_db_path):
    at = _page(scope="430300", month="2018-06")
    assert not at.exception
    by_region = at.dataframe[0].value.set_index(["年度", "市"])
    row = by_region.loc[(2018, "湘潭市")]
    assert (row["约谈（人）"], row["问责（人）"]) == (27, 59)
    captions = " ".join(c.value for c in at.caption)
    assert "27 人" in captions and "59 人" in captions


def test_ganzhou_2022_letters_notices_interviews(demo_db_path, demo_con):
    at = _page(scope="360700", month="2022-12")
    m = {x.label: x.value for x in at.metric}
    s = queries.run(demo_con, "supervision_summary", scope_code="360700", from_date=dt.date(2022, 1, 1),
                    as_of=dt.date(2022, 12, 31)).set_index("kind")
    assert (m["督办/提醒函"], m["通报"], m["约谈"]) == ("47", "8", "3") == tuple(str(s.loc[k, "actions"]) for k in ("letter", "notice", "interview"))


def test_actions_are_linked_to_task_titles(demo_db_path, demo_con):
    at = _page(scope="430300", month="2018-06")
    linked = queries.run(demo_con, "supervision_by_task", scope_code="430300", as_of=dt.date(2018, 6, 30))
    shown = at.dataframe[1].value
    assert len(shown) == len(linked)
    first = linked.dropna(subset=["task_id"]).iloc[0]
    assert dict(zip(shown["任务 ID"], shown["关联任务"]))[first.task_id] == first.task_title


@pytest.mark.parametrize("lang, title", [("zh", "督办问责"), ("en", "Supervision & accountability")])
def test_page_renders_in_both_languages(demo_db_path, lang, title):
    at = _page(scope="360000", month="2022-12", lang=lang)
    assert not at.exception
    assert at.title[0].value == title and len(at.metric) == 5
