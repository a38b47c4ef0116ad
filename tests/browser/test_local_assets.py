"""Every page loads with no request leaving the machine: an intranet has no CDN (favicon included)."""
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import start_streamlit

INTERNAL = ["", "closure-rank", "leaderboard", "city", "map", "briefing", "meeting", "ledger", "petitions",
            "supervision", "methodology", "import", "audit"]
PUBLIC = ["", "cities", "air-water", "progress", "methodology"]


@pytest.fixture(scope="module")
def public_url(demo_db_path, tmp_path_factory):
    from tests.test_publish import publish_once

    path = publish_once(demo_db_path, tmp_path_factory)
    proc, url = start_streamlit("public_app.py", path.parent, {"ENVBOARD_SNAPSHOT": str(path)})
    yield url
    proc.terminate()
    proc.wait(10)


def _visit_all(browser, base: str, paths: list[str]) -> tuple[list[str], list[str]]:
    """(URLs of requests to another host, favicon hrefs) over every page."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    remote: list[str] = []
    context.on("request", lambda r: remote.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None)
    page = context.new_page()
    icons = []
    try:
        for path in paths:
            page.goto(f"{base}/{path}?scope=360700&month=2022-12")
            expect(page.get_by_test_id("stMainBlockContainer")).to_be_visible(timeout=60_000)
            page.wait_for_timeout(500)
            expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
            icons.append(page.locator("link[rel*=icon]").first.get_attribute("href") or "")
    finally:
        context.close()
    return [u for u in remote if not u.startswith("data:")], icons


def test_internal_pages_request_nothing_remote(browser, app_url):
    remote, icons = _visit_all(browser, app_url, INTERNAL)
    assert remote == []
    assert all(i.startswith(("data:image/png", "/", "./", "http://127.0.0.1")) for i in icons), icons


def test_public_pages_request_nothing_remote(browser, public_url):
    remote, icons = _visit_all(browser, public_url, PUBLIC)
    assert remote == []
    assert all(i.startswith(("data:image/png", "/", "./", "http://127.0.0.1")) for i in icons), icons
