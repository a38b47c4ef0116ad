"""A typed page URL as a fresh server's very first request runs through app.py (navigation,
language switch, sign-in gate), never a page script on its own."""
from playwright.sync_api import Page, expect

from tests.browser.conftest import start_streamlit


def test_first_request_to_a_page_url_gets_the_app_shell(page: Page, demo_db_path, tmp_path, artifacts):
    proc, url = start_streamlit("app.py", tmp_path, {"ENVBOARD_DB": str(demo_db_path)})
    try:
        page.goto(url + "/ledger?scope=360700&month=2022-12")
        expect(page.get_by_role("heading", name="整改台账")).to_be_visible(timeout=30_000)
        nav = page.get_by_test_id("stSidebar")
        expect(nav.get_by_role("link", name="总览")).to_be_visible()
        expect(page.get_by_text("语言 / Language")).to_be_visible()
        expect(page.get_by_text("示例数据").first).to_be_visible()
        assert nav.get_by_text("data import").count() == 0      # no file-name navigation
        page.screenshot(path=str(artifacts / "deep_link_ledger.png"))
    finally:
        proc.terminate()
        proc.wait(10)
