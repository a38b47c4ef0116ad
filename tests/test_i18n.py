"""The zh/en table: both languages everywhere, matching placeholders, every used key exists."""
import ast
import re
import string
from pathlib import Path

from envboard.core import i18n

ROOT = Path(__file__).resolve().parents[1]


def test_every_entry_has_both_languages():
    for key, (zh, en) in i18n.table().items():
        assert zh.strip() and en.strip(), key


def test_placeholders_match():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    for key, (zh, en) in i18n.table().items():
        assert fields(zh) == fields(en), key


def _used_keys():
    files = [*ROOT.glob("app_pages/*.py"), *ROOT.glob("public_pages/*.py"), *ROOT.glob("envboard/ui/*.py"),
             ROOT / "app.py", *ROOT.glob("public_app.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield path.name, arg.value


def test_every_key_used_in_pages_exists():
    table = i18n.table()
    missing = [(f, k) for f, k in _used_keys() if k not in table]
    assert not missing


def test_chinese_is_the_default_and_english_switches():
    i18n.set_language("zh")
    assert i18n.t("metric.closure_rate") == "销号率"
    i18n.set_language("en")
    try:
        assert i18n.t("metric.closure_rate") == "Closure rate"
    finally:
        i18n.set_language("zh")


def test_enum_labels():
    assert i18n.label("status", "closed", "zh") == "已销号"
    assert i18n.label("kind", "interview", "zh") == "约谈"
    assert re.search("Central", i18n.label("round", "round2", "en"))


def test_language_is_per_thread_not_shared_between_sessions():
    """Streamlit runs each session's script in its own thread of one process: one visitor choosing
    English must not switch another visitor, mid-run, to English."""
    import threading

    both_set = threading.Barrier(2)
    seen: dict[str, str] = {}

    def session(lang: str) -> None:
        i18n.set_language(lang)
        both_set.wait(timeout=5)          # the other session has now chosen its language too
        seen[lang] = i18n.t("metric.closure_rate")

    threads = [threading.Thread(target=session, args=(lang,)) for lang in ("zh", "en")]
    for th in threads:
        th.start()
    for th in threads:
        th.join(5)
    assert seen == {"zh": "销号率", "en": "Closure rate"}
    assert i18n.language() == "zh"        # and the test's own thread kept the default


def test_region_names_in_english_come_from_pinyin():
    assert [i18n.place(n, "en") for n in ("赣州市", "江西省", "吉安市", "陕西省", "天门市")] == \
        ["Ganzhou", "Jiangxi", "Ji'an", "Shaanxi", "Tianmen"]
    assert i18n.place("赣州市", "zh") == "赣州市"


def test_every_catalogue_numerator_and_denominator_has_a_label():
    from envboard import catalog

    names = {x for m in catalog.on("methods") for x in (m.numerator, m.denominator) if x}
    assert sorted(n for n in names if f"part.{n}" not in i18n.table()) == []
