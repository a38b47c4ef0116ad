"""Meeting mode in headless chromium: one section per screen, large type, prev/next with the section in the URL."""
import pytest
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


def test_an_edit_is_kept_as_a_draft_after_leaving_the_page(page: Page, app_url, artifacts):
    url = app_url + "/briefing?scope=360400&month=2022-10"
    page.goto(url)
    expect(page.get_by_role("heading", name="九江市2022年10月生态环境保护督察整改工作通报")).to_be_visible(timeout=40_000)
    box = page.get_by_label("六、下一步工作要求")
    expect(box).to_be_visible(timeout=60_000)
    box.fill("请各县（市、区）于11月20日前报送整改进展。")
    box.press("Tab")                                   # leaving the field saves the draft
    expect(page.get_by_text("已保存草稿第1版")).to_be_visible(timeout=20_000)
    page.goto(app_url + "/?scope=360400&month=2022-10")
    expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=30_000)
    page.goto(url)
    expect(page.get_by_label("六、下一步工作要求")).to_have_value("请各县（市、区）于11月20日前报送整改进展。", timeout=60_000)
    expect(page.get_by_text("已保存草稿第1版")).to_be_visible()
    page.get_by_text("与生成文本比较").click()
    expect(page.get_by_text("+请各县（市、区）于11月20日前报送整改进展。")).to_be_visible(timeout=10_000)
    page.screenshot(path=str(artifacts / "briefing_draft.png"), full_page=True)


@pytest.mark.parametrize("lang, width, height", [("zh", 1400, 900), ("en", 1400, 900), ("zh", 390, 844), ("en", 390, 844)])
def test_briefing_and_meeting_pages_render(page: Page, app_url, artifacts, lang, width, height):
    page.set_viewport_size({"width": width, "height": height * 3})
    page.goto(app_url + f"/briefing?scope=360700&month=2022-12&lang={lang}")
    title = "赣州市2022年12月生态环境保护督察整改工作通报"
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("91.9%", timeout=60_000)
    page.screenshot(path=str(artifacts / f"briefing_{lang}_{width}.png"))
    page.goto(app_url + f"/meeting?scope=360700&month=2022-12&section=supervision&lang={lang}")
    expect(page.locator('[class*="st-key-meeting-body"] [data-testid="stText"]')).to_contain_text(
        "其中当月（12月）", timeout=60_000)
    page.screenshot(path=str(artifacts / f"meeting_{lang}_{width}.png"))


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
