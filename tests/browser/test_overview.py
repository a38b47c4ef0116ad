"""The internal dashboard in headless chromium: KPI text, navigation, and a copied URL."""
from playwright.sync_api import Page, expect


def test_overview_navigation_and_copied_url(page: Page, app_url, artifacts):
    page.goto(app_url + "/?scope=360700&month=2022-12")
    expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=30_000)
    values = page.get_by_test_id("stMetricValue")
    expect(values.first).to_have_text("91.9 %", timeout=30_000)
    expect(page.get_by_text("294 / 320")).to_be_visible()
    expect(page.get_by_text("示例数据").first).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    page.screenshot(path=str(artifacts / "overview.png"))

    page.get_by_role("link", name="销号率排名").click()          # the 排行榜 with its closure preset
    expect(page.get_by_role("heading", name="排行榜")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("所选城市：赣州市").first).to_be_visible(timeout=20_000)
    assert "/leaderboard" in page.url and "scope=360700" in page.url and "month=2022-12" in page.url
    copied = page.url
    page.screenshot(path=str(artifacts / "closure_rank.png"))

    fresh = page.context.new_page()
    fresh.goto(copied)
    expect(fresh.get_by_role("heading", name="排行榜")).to_be_visible(timeout=30_000)
    expect(fresh.get_by_text("所选城市：赣州市").first).to_be_visible(timeout=20_000)
    fresh.close()

    old_link = page.context.new_page()                                 # links to the former page still work
    old_link.goto(app_url + "/closure-rank?scope=360700&month=2022-12")
    expect(old_link.get_by_role("heading", name="排行榜")).to_be_visible(timeout=30_000)
    old_link.close()


def test_english_switch_from_the_url(page: Page, app_url):
    page.goto(app_url + "/?scope=360700&month=2022-12&lang=en")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stMetricLabel").first).to_contain_text("Closure rate")
