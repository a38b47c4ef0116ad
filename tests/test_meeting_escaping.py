"""Meeting mode shows imported 责任单位 names as text: no HTML or Markdown from data reaches the page."""
from streamlit.testing.v1 import AppTest

from tests.conftest import APP
from tests.hostile_edition import HOSTILE_UNITS, issue_hostile_edition


def test_hostile_unit_names_are_plain_text_in_meeting_mode(demo_db_path):
    ed = issue_hostile_edition(demo_db_path)
    body = next(s["body"] for s in ed["sections"] if s["key"] == "overdue")
    assert HOSTILE_UNITS[0] in body           # the generated text does carry the imported names
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["edition"] = ed["id"]
    at.query_params["section"] = "overdue"
    at.run()
    at.switch_page("app_pages/meeting.py").run()
    assert not at.exception
    texts = [el.value for el in at.text]
    assert body in texts
    for md in at.markdown:                    # only the fixed stylesheet may use HTML
        assert "phish" not in md.value and "beacon" not in md.value and "立即核对" not in md.value
