"""Browser: from the leaderboard (and the map) to a city's file."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_leaderboard_city_link_opens_the_city_file(page: Page, app_url, artifacts):
    page.goto(app_url + "/leaderboard?scope=361000&month=2022-12&metric=closure_rate")   # a city: ranked in 江西
    expect(page.get_by_role("heading", name="排行榜")).to_be_visible(timeout=60_000)
    page.get_by_role("link", name=re.compile("打开城市档案：抚州市")).click()
    expect(page.get_by_role("heading", name="城市档案（一市一档）：抚州市")).to_be_visible(timeout=60_000)
    assert "/city" in page.url and "scope=361000" in page.url
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("82.2 %", timeout=60_000)
    expect(page.get_by_role("heading", name="督办问责记录")).to_be_visible(timeout=90_000)
    page.screenshot(path=str(artifacts / "rank_city_file.png"))


def test_map_click_opens_the_city_file(page: Page, app_url, artifacts):
    page.goto(app_url + "/map?scope=360000&month=2022-12&metric=closure_rate")
    expect(page.get_by_role("heading", name="地图")).to_be_visible(timeout=60_000)
    plot = page.locator(".js-plotly-plot").first
    expect(plot).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)
    marker = plot.locator(".scatterlayer .trace").last.locator("path.point").first
    marker.click(force=True)
    expect(page.get_by_role("heading", name=re.compile("城市档案"))).to_be_visible(timeout=60_000)
    assert "/city" in page.url and "scope=36" in page.url
    expect(page.get_by_role("heading", name="督办问责记录")).to_be_visible(timeout=90_000)
    page.screenshot(path=str(artifacts / "rank_map_click.png"))
