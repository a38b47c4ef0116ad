"""AppTest: the 信访办理 page in zh and en, with published figures and the repeat window."""
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from envboard.core import queries
from envboard.domain import rectification
from envboard.domain.metrics import format_value, pct
from tests.conftest import APP

PAGE = "app_pages/petitions.py"
AS_OF = dt.date(2022, 12, 31)


def _page(**params):
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at.switch_page(PAGE).run()


def test_anyang_114_of_114_closed(demo_db_path, demo_con):
    at = _page(scope="410500", month="2022-12")
    assert not at.exception
    m = {x.label: x.value for x in at.metric}
    assert m["受理信访件"] == "114" and m["办结率"] == format_value(pct(114, 114), "pct1") == "100.0 %"
    s = queries.run(demo_con, "petition_summary", scope_code="410500", as_of=AS_OF).iloc[0]
    assert m["属实率"] == format_value(pct(s.petitions_substantiated, s.petitions_assessed), "pct1")
    captions = " ".join(c.value for c in at.caption)
    assert "114 / 114" in captions and "数据截至 2022-12-31" in captions


def test_ganzhou_by_region_table_matches_published_2114_of_2133(demo_db_path):
    at = _page(scope="360000", month="2022-12")
    by_region = at.dataframe[2].value.set_index("地区")
    assert (by_region.loc["赣州市", "已办结"], by_region.loc["赣州市", "受理"]) == (2114, 2133)
    assert by_region.loc["赣州市", "办结率"] == format_value(pct(2114, 2133), "pct1") == "99.1 %"


def test_repeat_window_from_the_page(demo_db_path, demo_con):
    at = _page(scope="410500", month="2022-12")
    at.number_input(key="pet_window").set_value(1).run()
    expected = rectification.repeat_complaints(demo_con, "410500", AS_OF, 1)
    shown = at.dataframe[-1].value
    assert len(shown) == len(expected) < len(rectification.repeat_complaints(demo_con, "410500", AS_OF, 12))
    assert list(shown["重复次数"]) == list(expected["repeats"])


@pytest.mark.parametrize("lang, title", [("zh", "信访办理"), ("en", "Petition handling")])
def test_page_renders_in_both_languages(demo_db_path, lang, title):
    at = _page(scope="360700", month="2021-06", lang=lang)
    assert not at.exception
    assert at.title[0].value == title
    assert len(at.dataframe) == 5 and len(at.get("plotly_chart")) == 1


def test_by_region_shows_closures_since_the_month_before(demo_db_path, demo_con):
    at = _page(scope="360000", month="2021-07")
    by_region = at.dataframe[2].value.set_index("地区")
    now = queries.run(demo_con, "petition_by_region", scope_code="360000", as_of=dt.date(2021, 7, 31)).set_index("region_name")
    was = queries.run(demo_con, "petition_by_region", scope_code="360000", as_of=dt.date(2021, 6, 30)).set_index("region_name")
    change = int(now.loc["赣州市", "petitions_closed"] - was.loc["赣州市", "petitions_closed"])
    assert change != 0 and by_region.loc["赣州市", "已办结较上月"] == f"{change:+,}"
