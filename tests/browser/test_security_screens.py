"""With local accounts configured: the sign-in page, a wrong password, and the administrator's 数据导入
and 审计日志 pages, in zh and en on a desktop and a phone — screenshots under artifacts/screens/ and
no internals (snake_case, None, raw timestamps, UTC, JSON) in their visible text."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import start_streamlit
from tests.browser.test_screens import INTERNALS, SETTLED, VIEWPORTS, VISIBLE_TEXT

PASSWORD = "correct horse battery"
LABELS = {"zh": ("用户名", "密码", "登录"), "en": ("User name", "Password", "Sign in")}
TITLES = {("audit", "zh"): "审计日志", ("audit", "en"): "Audit log", ("import", "zh"): "数据导入",
          ("import", "en"): "Data import"}


@pytest.fixture(scope="module")
def signed_app(demo_db_path, tmp_path_factory):
    import shutil

    from envboard.security import auth

    tmp = tmp_path_factory.mktemp("accounts")
    db = tmp / "envboard.duckdb"
    shutil.copy(demo_db_path, db)
    users = tmp / "users.toml"
    auth.save_accounts({"chief": {"role": "admin", "password_hash": auth.hash_password(PASSWORD)}}, users)
    env = {"ENVBOARD_DB": str(db), "ENVBOARD_USERS": str(users), "ENVBOARD_AUTH": "local"}
    proc, url = start_streamlit("app.py", tmp, env)
    yield url
    proc.terminate()
    proc.wait(10)


def _settle(page) -> None:
    expect(page.get_by_test_id("stMainBlockContainer")).to_be_visible(timeout=90_000)
    page.wait_for_timeout(800)
    page.wait_for_function(SETTLED, timeout=120_000)
    page.wait_for_timeout(600)


def _sign_in(page, lang: str, password: str) -> None:
    user_label, password_label, submit = LABELS[lang]
    page.get_by_label(user_label, exact=True).fill("chief")
    page.get_by_label(password_label, exact=True).fill(password)
    page.get_by_role("button", name=submit).click()
    _settle(page)


def test_sign_in_audit_and_import_pages_in_both_languages_and_sizes(browser, signed_app, artifacts):
    out = artifacts / "screens"
    out.mkdir(exist_ok=True)
    found = []
    for device, viewport in VIEWPORTS.items():
        for lang in ("zh", "en"):
            context = browser.new_context(viewport=viewport, locale="zh-CN")
            page = context.new_page()
            try:
                for path in ("audit", "import"):
                    # a typed URL shows sign-in (not "Page not found"); signing in there opens that page
                    page.goto(f"{signed_app}/{path}?lang={lang}")
                    _settle(page)
                    name = f"security_login_{lang}_{device}.png"
                    page.screenshot(path=str(out / name))
                    expect(page.get_by_label(LABELS[lang][1], exact=True)).to_be_visible()
                    if path == "audit":
                        _sign_in(page, lang, "wrong")
                        name = f"security_login_failed_{lang}_{device}.png"
                        page.screenshot(path=str(out / name))
                        found += [(name, m.group(0)) for m in INTERNALS.finditer(page.evaluate(VISIBLE_TEXT))]
                    _sign_in(page, lang, PASSWORD)
                    expect(page.get_by_role("heading", name=TITLES[path, lang])).to_be_visible(timeout=60_000)
                    _settle(page)
                    if path == "audit":
                        expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=60_000)
                    name = f"security_{path}_{lang}_{device}.png"
                    page.screenshot(path=str(out / name), full_page=True)
                    text = page.evaluate(VISIBLE_TEXT)
                    assert LABELS[lang][1] not in text and "Traceback" not in text and "{" not in text, name
                    found += [(name, m.group(0)) for m in INTERNALS.finditer(text)]
            finally:
                context.close()
    assert not found, found
