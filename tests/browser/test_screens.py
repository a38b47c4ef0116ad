"""Every page in zh and en, on a desktop (1400×900) and a phone (390×844): a screenshot each under
artifacts/screens/ (to be looked at), and no internals in the visible text (snake_case names, None,
NaN, raw timestamps, UTC)."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_local_assets import INTERNAL, PUBLIC, public_url  # noqa: F401  (fixture)

VIEWPORTS = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}
INTERNALS = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\bNone\b|\bNaN\b|\bnan\b|\d\d:\d\d:\d\d|\bUTC\b")
SETTLED = """() => { const app = document.querySelector('[data-test-script-state]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid=stSkeleton]'); }"""
VISIBLE_TEXT = """() => [...document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebar]')].map(el => {
    const c = el.cloneNode(true);
    c.querySelectorAll('[data-testid=stIconMaterial]').forEach(i => i.remove());
    return c.innerText; }).join('\\n')"""


def _shoot(browser, base: str, app: str, paths: list[str], artifacts) -> list[tuple[str, str]]:
    out_dir = artifacts / "screens"
    out_dir.mkdir(exist_ok=True)
    found = []
    for device, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        try:
            for lang in ("zh", "en"):
                for path in paths:
                    page.goto(f"{base}/{path}?scope=360700&month=2022-12&lang={lang}")
                    expect(page.get_by_test_id("stMainBlockContainer")).to_be_visible(timeout=90_000)
                    page.wait_for_timeout(800)
                    page.wait_for_function(SETTLED, timeout=120_000)
                    page.wait_for_timeout(800)
                    name = f"{app}_{path or 'home'}_{lang}_{device}.png"
                    page.screenshot(path=str(out_dir / name))
                    text = page.evaluate(VISIBLE_TEXT)
                    found += [(name, m.group(0)) for m in INTERNALS.finditer(text)]
        finally:
            context.close()
    return found


def test_internal_pages_screens_and_no_internals_on_screen(browser, app_url, artifacts):
    found = _shoot(browser, app_url, "app", INTERNAL, artifacts)
    (artifacts / "screens" / "internals_app.txt").write_text("\n".join(f"{a}\t{b}" for a, b in found), encoding="utf-8")
    assert not found


def test_public_pages_screens_and_no_internals_on_screen(browser, public_url, artifacts):  # noqa: F811
    found = _shoot(browser, public_url, "public", PUBLIC, artifacts)
    (artifacts / "screens" / "internals_public.txt").write_text("\n".join(f"{a}\t{b}" for a, b in found), encoding="utf-8")
    assert not found


@pytest.mark.parametrize("lang, title, other", [("zh", "找不到该页面", "Page not found"), ("en", "Page not found", "找不到该页面")])
def test_an_unknown_address_gets_our_page_in_the_visitors_language(browser, app_url, public_url, lang, title, other):  # noqa: F811
    for base in (app_url, public_url):
        page = browser.new_page()
        try:
            page.goto(f"{base}/no-such-page?lang={lang}")
            expect(page.get_by_test_id("stMainBlockContainer")).to_be_visible(timeout=90_000)
            page.wait_for_function(SETTLED, timeout=120_000)
            expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=30_000)
            assert "/no-such-page" in page.get_by_test_id("stMain").inner_text()
            assert other not in page.evaluate(VISIBLE_TEXT)
            assert page.get_by_role("dialog").count() == 0          # not Streamlit's English dialog
        finally:
            page.close()
