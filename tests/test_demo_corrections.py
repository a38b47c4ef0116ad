"""Seed facts of the demo, and labels that name the denominator of each figure."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from envboard.domain.metrics import metrics_for
from tests.conftest import APP


def _inspection(con, inspection_id):
    return con.execute("select team_name, stationed_from, stationed_to, feedback_on from envboard.inspections "
                       "where inspection_id = $i", {"i": inspection_id}).fetchall()[0]


def test_tianmen_review_in_2018_11_and_round_two_in_2021_09(demo_con):
    team, start, end, feedback = _inspection(demo_con, "central-1r-420000")     # 回头看 (Hubei, incl. 天门)
    assert (start.year, start.month) == (2018, 11) and end > start and feedback > end
    team, start, end, feedback = _inspection(demo_con, "central-2-420000")      # round 2
    assert (start.year, start.month) == (2021, 9) and feedback.year == 2022
    # 天门 as of 2022-05 is unchanged: round 1 33/33, 回头看 14/18, round 2 0/20
    tianmen = metrics_for(demo_con, "天门市", "2022-05")
    assert (tianmen["tasks_total"], tianmen["tasks_done"]) == (71, 47)


def test_anyang_team_is_the_fourth_provincial_team(demo_con):
    team, start, end, feedback = _inspection(demo_con, "provincial-2-410500")
    assert team == "河南省委第四生态环境保护督察组" and "省委第四生态环境保护督察组" in team
    assert (str(start), str(end), str(feedback)) == ("2021-12-29", "2022-03-09", "2022-05-20")


def test_fuzhou_done_is_counted_against_the_tasks_with_deadlines(demo_con):
    fuzhou = metrics_for(demo_con, "抚州市", "2022-12")
    assert (fuzhou["tasks_total"], fuzhou["tasks_under_closure"], fuzhou["tasks_done"]) == (302, 241, 211)
    assert fuzhou["tasks_done_under_closure"] == 211


def test_overview_names_the_denominator(demo_db_path):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["scope"], at.query_params["month"] = "361000", "2022-12"
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert "211 / 241（纳入销号管理、有完成时限的任务）" in captions
    assert not any(c.startswith("211 / 302") for c in captions)
    en = AppTest.from_file(APP, default_timeout=90)
    en.query_params["scope"], en.query_params["month"], en.query_params["lang"] = "361000", "2022-12", "en"
    en.run()
    assert "211 of 241 tasks under closure management (with deadlines)" in [c.value for c in en.caption]
