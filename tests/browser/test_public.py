"""Public app and static site in chromium: phone viewport figures, internal URLs unreachable."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import APP_DIR, _free_port

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def public_site(demo_db_path, tmp_path_factory):
    """Snapshot + static site of 江西 2022-12, and the public app started by its launcher."""
    from tests.test_publish import publish_once

    path = publish_once(demo_db_path, tmp_path_factory)
    out = path.parent
    with open(out / "public.log", "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "envboard", "public-app", "--", "--server.headless", "true",
                                 "--server.address", "127.0.0.1", "--server.port", str(port := _free_port()),
                                 "--server.fileWatcherType", "none"],
                                cwd=APP_DIR, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "ENVBOARD_SNAPSHOT": str(path), "ENVBOARD_DB": str(demo_db_path)})
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(proc, url, log.name)
        yield url, out / "site"
        proc.terminate()
        proc.wait(10)


def _wait_healthy(proc, url: str, log_name: str) -> None:
    deadline = time.time() + 60
    while True:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise RuntimeError(f"public app did not start, see {log_name}")
        time.sleep(0.3)


def test_internal_url_as_first_request_gets_public_page(page: Page, public_site):
    url, _ = public_site
    for path in ("/closure_rank", "/closure-rank", "/ledger", "/petitions", "/methodology"):
        page.goto(url + path)
        expect(page.get_by_text("数据截至 2022年12月").first).to_be_visible(timeout=30_000)
        for internal_title in ("销号率排名", "整改台账", "信访办理", "数据说明", "总览"):
            assert page.get_by_role("heading", name=internal_title, exact=True).count() == 0
        assert "销号率排名" not in page.locator("body").inner_text()


def test_phone_overview_and_city_page(browser, public_site, artifacts):
    url, _ = public_site
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(url + "/?region=360700")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("91.9 %", timeout=30_000)
    expect(page.get_by_text("已办结 2114 件 / 受理 2133 件").first).to_be_visible()
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
    expect(page.locator("main")).to_contain_text("已办结 2114 件 / 受理 2133 件")
    page.screenshot(path=str(artifacts / "public_static_city_phone.png"), full_page=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "首页"     # keyboard reaches the links
    page.goto((site / "index.en.html").as_uri())
    expect(page.locator("main")).to_contain_text("Rectification closure rate")
    page.screenshot(path=str(artifacts / "public_static_index_en.png"), full_page=True)
    context.close()
