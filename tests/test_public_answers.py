"""The public pages answer "is it good, and is it improving?": each headline figure against the same
months of last year (the snapshot keeps them), its months this year, who issues the figures and how
to reach them, English names in English, and the static site's numbers right-aligned with their unit."""
from __future__ import annotations

import re

import pytest

from envboard.core import i18n
from envboard.publish import read, views
from tests.test_publish import publish_once


@pytest.fixture(scope="module")
def snap(demo_db_path, tmp_path_factory):
    return read.load(publish_once(demo_db_path, tmp_path_factory))


@pytest.fixture()
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_last_years_same_months_are_published_and_compared(snap):
    last = snap.figures[(snap.figures.period_kind == "ytd_last_year") & (snap.figures.region_code == "360700")].iloc[0]
    assert (str(last.period_start)[:10], str(last.period_end)[:10]) == ("2021-01-01", "2021-12-31")
    assert (last.tasks_closed, last.tasks_under_closure) == (163, 310)          # 52.6 % → 91.9 % (294 / 320)
    closure = views.last_year_change(snap, "closure", "360700")
    assert (closure.text, closure.direction, closure.arrow) == ("较上年同期 +39.3 个百分点", "better", "up")
    pm25 = views.last_year_change(snap, "pm25", "360700")
    assert (pm25.text, pm25.direction, pm25.arrow) == ("较上年同期 -2 μg/m³", "better", "down")   # lower is better
    water = views.last_year_change(snap, "water_good", "360700")
    assert (water.text, water.direction, water.arrow) == ("较上年同期 持平", "same", "off")
    heavy = views.last_year_change(snap, "heavy_days", "360000")       # a count of days: no unit of concentration
    assert (heavy.text, heavy.direction, heavy.arrow) == ("较上年同期 +1", "worse", "up")
    assert "城市日 3,624 个（有效 3,982 个" in views.air_sentence(snap, "ytd", "360000")


def test_each_figure_has_its_months_of_this_year(snap):
    assert len(views.trend_values(snap, "360700", "closure")) == 12
    assert views.trend_values(snap, "360700", "closure")[-1] == pytest.approx(91.9)


def test_issuer_defaults_to_the_provinces_department_and_the_contact_comes_from_settings(snap, monkeypatch, english):
    assert views.footer_text(snap) == "Issued by Department of Ecology and Environment of Jiangxi"
    monkeypatch.setenv("ENVBOARD_PUBLIC_ISSUER", "江西省生态环境厅督察整改办|Jiangxi Inspection Office")
    monkeypatch.setenv("ENVBOARD_PUBLIC_CONTACT", "0791-00000000|+86 791 00000000")
    assert views.footer_text(snap) == "Issued by Jiangxi Inspection Office · Contact: +86 791 00000000"
    i18n.set_language("zh")
    assert views.footer_text(snap) == "发布单位：江西省生态环境厅督察整改办 · 联系方式：0791-00000000"


def test_region_names_are_english_on_english_pages(snap, english):
    assert snap.name("360700") == "Ganzhou" and snap.name(snap.province) == "Jiangxi"


def test_static_site_numbers_are_right_aligned_and_kept_with_their_unit(demo_db_path, tmp_path_factory):
    site = publish_once(demo_db_path, tmp_path_factory).parent / "site"
    page = (site / "city-360700.html").read_text(encoding="utf-8")
    assert "td.num{text-align:right;white-space:nowrap" in page
    assert "<td>2022年12月</td><td class='num'>294</td><td class='num'>320</td><td class='num'>91.9 %</td>" in page
    assert "<div class='chg better'>较上年同期 +39.3 个百分点</div>" in page
    assert re.search(r"<footer>发布单位：江西省生态环境厅</footer>", page)
