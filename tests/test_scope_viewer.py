"""Finding 7: a viewer's region is applied to what they read, whatever the URL asks for."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from envboard.cli.main import main
from envboard.ui import scope_guard

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture()
def fuzhou_viewer(tmp_path, monkeypatch, demo_db_path):
    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setenv("ENVBOARD_AUDIT", str(tmp_path / "audit.jsonl"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse\n"))
    assert main(["user", "add", "fz", "--role", "viewer", "--region", "361000", "--password-stdin"]) == 0


def test_a_fuzhou_viewer_asking_for_ganzhou_in_the_url_sees_fuzhou(fuzhou_viewer):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = "fz"
    at.query_params["scope"] = "360700"
    at.run()
    at.switch_page("app_pages/petitions.py").run()
    assert not at.exception
    scope_box = next(s for s in at.sidebar.selectbox if s.key == "sel_scope")
    assert scope_box.value == "361000"
    assert [o.strip("　") for o in scope_box.options] == ["抚州市"]
    assert "赣州" not in " ".join(m.label + str(m.value) for m in at.metric)


@pytest.mark.parametrize("name, params, ok", [
    ("petition_summary", {"scope_code": "360700"}, False),
    ("petition_summary", {"scope_code": "361000"}, True),
    ("petition_summary", {"scope_code": "361002"}, True),
    ("petition_summary", {"scope_code": "360000"}, False),
    ("closure_rate_by_city", {"scope_code": "360000"}, True),     # the city's peers: rates only
    ("closure_rate_by_city", {"scope_code": "430000"}, False),
    ("rank_tasks_of_city", {"city_code": "360700"}, False),
    ("petition_summary", {"scope_code": "000000"}, False),             # 全国
    ("petition_summary", {"scope_code": "361000,430000"}, False),      # a list reaching outside
    ("closure_rate_by_city", {"scope_code": "360000,430000"}, False),
])
def test_queries_outside_the_region_are_refused(name, params, ok):
    assert scope_guard.allowed(name, params, "361000") is ok


def test_a_task_of_another_region_is_refused_by_its_id():
    regions = {"central-1-360000/360700-001": "360700", "central-1-360000/361000-001": "361000"}
    assert not scope_guard.allowed("ledger_status_history", {"task_id": "central-1-360000/360700-001"}, "361000",
                                   regions.get)
    assert scope_guard.allowed("ledger_status_history", {"task_id": "central-1-360000/361000-001"}, "361000",
                               regions.get)
