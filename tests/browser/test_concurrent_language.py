"""Four visitors at once, two in Chinese and two in English: each keeps its own language."""
import re

from playwright.sync_api import expect

CJK = re.compile(r"[\u4e00-\u9fff]")
PAGES = ["", "leaderboard", "map", "ledger"]


def _nav_and_title(page) -> list[str]:
    """The sidebar's page links and the page title, without material-icon ligature words."""
    nav = page.get_by_test_id("stSidebar").locator("a").evaluate_all(
        "els => els.map(a => { const c = a.cloneNode(true);"
        " c.querySelectorAll('[data-testid=stIconMaterial]').forEach(i => i.remove()); return c.innerText; })")
    title = page.locator("h1").first.inner_text()
    return [*nav, title[:4]]      # the title's start: its end may name a region


def test_concurrent_zh_and_en_sessions_keep_their_own_language(browser, app_url):
    langs = ["zh", "en", "zh", "en"]
    contexts = [browser.new_context(viewport={"width": 1400, "height": 900}) for _ in langs]
    pages = [c.new_page() for c in contexts]
    try:
        for path in PAGES:
            for page, lang in zip(pages, langs):     # start all four loads before waiting on any
                page.goto(f"{app_url}/{path}?scope=360700&month=2022-12&lang={lang}", wait_until="commit")
            for page, lang in zip(pages, langs):
                expect(page.locator("h1").first).to_be_visible(timeout=60_000)
                expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
                texts = [x for x in _nav_and_title(page) if x.strip()]
                assert texts
                if lang == "en":
                    wrong = [x for x in texts if CJK.search(x)]
                else:
                    wrong = [x for x in texts if not CJK.search(x)]
                assert not wrong, (path, lang, wrong)
    finally:
        for c in contexts:
            c.close()
