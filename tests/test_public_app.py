"""Public app (AppTest): only public pages, figures from the snapshot, fails closed without one."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PUBLIC_APP = str(Path(__file__).resolve().parents[1] / "public_app.py")
PUBLIC_PAGES = {"overview.py", "cities.py", "environment.py", "progress.py", "methodology.py"}


@pytest.fixture(scope="module")
def snapshot_file(demo_db_path, tmp_path_factory):
    from tests.test_publish import publish_once

    return publish_once(demo_db_path, tmp_path_factory)


@pytest.fixture()
def public(snapshot_file, monkeypatch):
    """AppTest of public_app.py on the snapshot."""

    monkeypatch.setenv("ENVBOARD_SNAPSHOT", str(snapshot_file))
    return AppTest.from_file(PUBLIC_APP, default_timeout=60)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.metric] + [c.value for c in at.caption]
    parts += [tb.value.to_string() for tb in at.table] + [x.value for x in at.title]
    return "\n".join(str(p) for p in parts)


def test_navigation_lists_only_the_public_pages(public):
    at = public.run()
    assert not at.exception
    scripts = {Path(str(p["script_path"])).name: Path(str(p["script_path"])).parent.name for p in at._registered_pages.values()}
    assert set(scripts) == PUBLIC_PAGES and set(scripts.values()) == {"public_pages"}


def test_internal_page_file_cannot_be_switched_to(public):
    at = public.run()
    with pytest.raises(ValueError):
        at.switch_page("app_pages/closure_rank.py")


def test_overview_ganzhou_equals_metrics_summary(public, demo_con):
    from envboard.domain.metrics import format_value, summary
    from envboard.core.regions import resolve_region

    s = summary(demo_con, resolve_region(demo_con, "360700"), dt.date(2022, 12, 31))
    public.query_params["region"] = "360700"
    at = public.run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["整改任务销号率"] == format_value(s["closure_rate_pct"], "pct1") == "91.9 %"
    assert values["信访件办结率"] == format_value(s["petition_resolution_rate_pct"], "pct1") == "99.1 %"
    body = texts(at)
    assert f"已销号 {s['tasks_closed']} 项 / 纳入销号管理 {s['tasks_under_closure']} 项" in body
    assert "已办结 2,114 件 / 受理 2,133 件" in body and "数据截至 2022年12月" in body


@pytest.mark.parametrize("page", ["overview.py", "environment.py"])
def test_water_cards_split_national_and_provincial_sections(public, page):
    # seed report (赣州, 2022): 国控断面 100 %, 省控断面 97.3 %, each with its own denominator
    public.query_params["region"] = "360700"
    at = public.run()
    at.switch_page(f"public_pages/{page}").run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert (values["水质优良（Ⅰ—Ⅲ类）断面比例"], values["国控断面水质优良比例"], values["省控断面水质优良比例"]) == (
        "97.8 %", "100.0 %", "97.3 %")
    captions = [c.value for c in at.caption]
    assert "8 / 8 个断面 · 第 1 名（并列，共 11 个城市）" in captions and any(c.startswith("36 / 37 个断面") for c in captions)


def test_english_switch_from_url(public):
    public.query_params["lang"] = "en"
    public.query_params["region"] = "360700"
    at = public.run()
    assert {m.label: m.value for m in at.metric}["Rectification closure rate"] == "91.9 %"


@pytest.mark.parametrize("page", sorted(PUBLIC_PAGES))
def test_public_pages_render_without_internal_text(public, page, demo_db_path):
    from tests.test_publish import internal_texts

    at = public.run()
    at.switch_page(f"public_pages/{page}").run()
    assert not at.exception
    body = texts(at)
    assert "数据截至 2022年12月" in body
    secrets = internal_texts(demo_db_path)
    assert not [s for s in secrets if s in body]


def test_city_comparison_ranks_ganzhou_first_on_closure(public):
    at = public.run()
    at.switch_page("public_pages/cities.py").run()
    table = at.table[0].value
    assert table.index[0] == "1" and table.iloc[0]["城市"] == "赣州市" and table.iloc[0]["整改任务销号率"] == "91.9 %"


def test_missing_snapshot_fails_closed_even_with_internal_db(demo_db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("ENVBOARD_DB", str(demo_db_path))
    monkeypatch.setenv("ENVBOARD_SNAPSHOT", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(PUBLIC_APP, default_timeout=60).run()
    assert not at.exception
    assert "尚未发布公开数据快照" in at.info[0].value
    assert not at.metric and not at.table and "%" not in texts(at)


def test_unreadable_snapshot_shows_a_notice_not_a_trace(tmp_path, monkeypatch):

    bad = tmp_path / "published.duckdb"
    bad.write_text("not a database", encoding="utf-8")
    monkeypatch.setenv("ENVBOARD_SNAPSHOT", str(bad))
    at = AppTest.from_file(PUBLIC_APP, default_timeout=60).run()
    assert not at.exception
    assert "无法读取" in at.warning[0].value and not at.metric


def test_city_comparison_url_reopens_metric_and_month(public):
    public.query_params["metric"] = "pm25"
    public.query_params["period"] = "2022-06"
    public.query_params["lang"] = "en"
    at = public.run()
    at.switch_page("public_pages/cities.py").run()
    assert not at.exception
    assert at.selectbox(key="public_metric").value == "pm25" and at.selectbox(key="public_period").value == "2022-06"
    assert "Jun 2022" in at.markdown[0].value and "lowest (best) PM2.5 mean" in at.markdown[0].value
    assert list(at.table[0].value.columns)[-1] == "PM2.5 mean"


@pytest.mark.parametrize("column", ["published_on", "as_of"])
def test_a_garbage_snapshot_date_shows_a_notice_not_a_trace(snapshot_file, tmp_path, monkeypatch, column):
    import shutil

    import duckdb

    bad = tmp_path / "published.duckdb"
    shutil.copyfile(snapshot_file, bad)
    con = duckdb.connect(str(bad))
    con.execute(f"alter table publication alter {column} type varchar")
    con.execute(f"update publication set {column} = '2022-13-45 garbage'")
    con.close()
    monkeypatch.setenv("ENVBOARD_SNAPSHOT", str(bad))
    at = AppTest.from_file(PUBLIC_APP, default_timeout=60).run()
    assert not at.exception
    assert "无法读取" in at.warning[0].value and not at.metric
