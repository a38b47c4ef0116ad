"""Meeting mode in headless chromium: one section per screen, large type, prev/next with the section in the URL."""
from playwright.sync_api import Page, expect

from tests.hostile_edition import HOSTILE_UNITS, issue_hostile_edition


def test_meeting_mode_pages_through_the_sections(page: Page, app_url, artifacts):
    page.goto(app_url + "/?scope=360700&month=2022-12")
    expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=30_000)
    page.goto(app_url + "/meeting?scope=360700&month=2022-12&section=rectification")
    title = page.locator('[class*="st-key-meeting-title"]')
    expect(title).to_have_text("一、督察整改销号情况", timeout=30_000)
    body = page.locator('[class*="st-key-meeting-body"] [data-testid="stText"]')
    expect(body).to_contain_text("需销号管理问题320个，已销号294个，销号率91.9%，较上年同期提高39.3个百分点")
    assert float(body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 28
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    page.screenshot(path=str(artifacts / "meeting_rectification.png"))

    page.get_by_role("button", name="下一页").click()
    expect(title).to_have_text("二、信访件办理情况", timeout=20_000)
    expect(body).to_contain_text("已办结2114件，办结率99.1%")
    assert "section=petitions" in page.url
    page.screenshot(path=str(artifacts / "meeting_petitions.png"))


def test_briefing_page_shows_the_draft(page: Page, app_url, artifacts):
    page.goto(app_url + "/?scope=360700&month=2022-12")
    expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="月度通报").click()
    expect(page.get_by_role("heading", name="赣州市2022年12月生态环境保护督察整改工作通报")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("91.9%", timeout=20_000)
    expect(page.get_by_role("button", name="发布本期")).to_be_visible()
    page.screenshot(path=str(artifacts / "briefing.png"), full_page=True)


def test_meeting_mode_shows_hostile_unit_names_as_text(page: Page, app_url, demo_db_path, artifacts):
    ed = issue_hostile_edition(demo_db_path)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(app_url + f"/meeting?edition={ed['id']}&section=overdue")
    body = page.locator('[class*="st-key-meeting-body"] [data-testid="stText"]')
    expect(body).to_contain_text(HOSTILE_UNITS[0], timeout=30_000)
    expect(body).to_contain_text(HOSTILE_UNITS[1])
    assert page.locator('a[href*="phish.example"]').count() == 0
    assert page.locator('img[src*="beacon.example"]').count() == 0
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none"
    assert not [u for u in requests if "example" in u]
    page.screenshot(path=str(artifacts / "meeting_hostile_units.png"))
