"""One selection across pages: 赣州市 / 2022-12 chosen on 总览 follows through every page, Back and a
copied URL reproduce what was shown."""
from playwright.sync_api import Page, expect

WALK = [("排行榜", "/leaderboard"), ("城市档案", "/city"), ("地图", "/map"), ("月度通报", "/briefing")]


def _settled(page: Page) -> str:
    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    return page.get_by_test_id("stMain").inner_text()


def _shows_ganzhou_2022_12(page: Page, where: str) -> None:
    text = _settled(page)
    assert "赣州市" in text and "2022年12月" in text, (where, text[:400])
    assert "scope=360700" in page.url and "month=2022-12" in page.url, (where, page.url)


def test_walk_keeps_ganzhou_2022_12_and_back_reproduces(page: Page, app_url, artifacts):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(app_url + "/?scope=360700&month=2022-12")
    expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=60_000)
    _shows_ganzhou_2022_12(page, "总览")
    urls = [page.url]
    for label, path in WALK:
        page.get_by_test_id("stSidebar").get_by_role("link", name=label).click()
        page.wait_for_url(f"**{path}?*", timeout=60_000)
        _shows_ganzhou_2022_12(page, label)
        urls.append(page.url)
    page.screenshot(path=str(artifacts / "walk_briefing.png"))

    for label, path in reversed(WALK[:-1]):           # Back: each page again, as it was shown
        page.go_back()
        page.wait_for_url(f"**{path}?*", timeout=60_000)
        _shows_ganzhou_2022_12(page, f"Back → {label}")

    fresh = page.context.browser.new_page()          # a copied URL, in a session that never saw it
    try:
        fresh.goto(urls[2])
        _shows_ganzhou_2022_12(fresh, "copied 排行榜")
    finally:
        fresh.close()


def test_month_chosen_on_the_leaderboard_comes_back_to_the_overview(page: Page, app_url, artifacts):
    page.goto(app_url + "/leaderboard?scope=360700&month=2022-12")
    _shows_ganzhou_2022_12(page, "排行榜")
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="截至月份")
    expect(box).to_be_visible(timeout=60_000)
    box.click()
    box.press_sequentially("2022-11")
    page.get_by_role("option", name="2022-11", exact=True).click()
    page.wait_for_url("**month=2022-11*", timeout=60_000)
    _settled(page)
    page.get_by_test_id("stSidebar").get_by_role("link", name="总览").click()
    page.wait_for_timeout(500)
    text = _settled(page)
    assert "2022年11月" in text and "赣州市" in text
    assert "month=2022-11" in page.url
