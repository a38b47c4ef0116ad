"""Public app and static site in chromium: phone viewport figures, internal URLs unreachable."""
from __future__ import annotations


import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import start_streamlit

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def public_site(demo_db_path, tmp_path_factory):
    """Snapshot + static site of 江西 2022-12, and a plain `streamlit run public_app.py` on it."""
    from tests.test_publish import publish_once

    path = publish_once(demo_db_path, tmp_path_factory)
    out = path.parent
    proc, url = start_streamlit("public_app.py", out, {"ENVBOARD_SNAPSHOT": str(path), "ENVBOARD_DB": str(demo_db_path)})
    yield url, out / "site"
    proc.terminate()
    proc.wait(10)


def test_internal_url_as_first_request_never_reaches_an_internal_page(page: Page, public_site):
    url, _ = public_site
    for path in ("/closure_rank", "/closure-rank", "/ledger", "/petitions", "/methodology"):
        page.goto(url + path)
        if path == "/methodology":             # the public app has a page of that name: its own
            expect(page.get_by_text("数据截至 2022年12月").first).to_be_visible(timeout=30_000)
        else:                                  # our not-found page, with a link to the public overview
            expect(page.get_by_role("heading", name="找不到该页面")).to_be_visible(timeout=30_000)
        for internal_title in ("销号率排名", "整改台账", "信访办理", "数据说明", "总览"):
            assert page.get_by_role("heading", name=internal_title, exact=True).count() == 0
        assert "销号率排名" not in page.locator("body").inner_text()


def test_phone_overview_and_city_page(browser, public_site, artifacts):
    url, _ = public_site
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(url + "/?region=360700")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("91.9 %", timeout=30_000)
    expect(page.get_by_text("已办结 2,114 件 / 受理 2,133 件").first).to_be_visible()
    page.screenshot(path=str(artifacts / "public_overview_phone.png"))
    page.goto(url + "/progress?region=360700")
    expect(page.get_by_role("table").first).to_contain_text("2022年12月", timeout=30_000)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("91.9 %")
    page.screenshot(path=str(artifacts / "public_progress_phone.png"))
    context.close()


def test_static_site_opens_from_disk(browser, public_site, artifacts):
    _, site = public_site
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto((site / "city-360700.html").as_uri())
    expect(page.locator("main")).to_contain_text("91.9 %")
    expect(page.locator("main")).to_contain_text("已办结 2,114 件 / 受理 2,133 件")
    page.screenshot(path=str(artifacts / "public_static_city_phone.png"), full_page=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "首页"     # keyboard reaches the links
    page.goto((site / "index.en.html").as_uri())
    expect(page.locator("main")).to_contain_text("Rectification closure rate")
    page.screenshot(path=str(artifacts / "public_static_index_en.png"), full_page=True)
    context.close()
