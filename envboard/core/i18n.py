"""All UI text: one zh/en table (zh is the default), assembled from envboard/core/strings/*.py.

Each module in envboard/core/strings defines STRINGS = {key: (zh, en)} for one part of the product;
a key may be defined once only. Pages call t("key", **placeholders).

The current language is a context variable, not a module global: Streamlit runs every session of
the server in one process, each script run in its own thread, and a new thread starts with the
default (zh). The UI sets it at the top of every run from the session's own choice, so concurrent
zh and en visitors never see each other's language.
"""
from __future__ import annotations

import contextvars
import functools
import importlib
import pkgutil

from envboard.core import strings as _strings_pkg
from envboard.core.regions import english_name

LANGS = ("zh", "en")
_lang: contextvars.ContextVar[str] = contextvars.ContextVar("envboard_language", default="zh")


@functools.cache
def table() -> dict[str, tuple[str, str]]:
    """The merged string table; raises if two modules define the same key."""
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(_strings_pkg.__path__), key=lambda i: i.name):
        part = importlib.import_module(f"{_strings_pkg.__name__}.{info.name}").STRINGS
        clash = merged.keys() & part.keys()
        if clash:
            raise KeyError(f"string keys defined twice: {sorted(clash)}")
        merged |= part
    return merged


def set_language(lang: str) -> None:
    """Select the language for t() in the current thread or context ('zh' or 'en')."""
    _lang.set(lang if lang in LANGS else "zh")


def language() -> str:
    """The language t() uses in the current thread or context."""
    return _lang.get()


def t(key: str, lang: str | None = None, **values) -> str:
    """The text for `key` in the current (or given) language with placeholders filled."""
    zh, en = table()[key]
    text = en if (lang or _lang.get()) == "en" else zh
    return text.format(**values) if values else text


def label(kind: str, code: str | None, lang: str | None = None) -> str:
    """The label of an enumerated code, e.g. label('status', 'closed') → 已销号; unknown codes pass through."""
    if code is None:
        return "—"
    key = f"{kind}.{code}"
    return t(key, lang) if key in table() else str(code)


def place(name: str | None, lang: str | None = None) -> str:
    """A region name in the current (or given) language: 赣州市 in zh, Ganzhou in en."""
    if not name:
        return "—"
    if (lang or _lang.get()) != "en":
        return name

    return english_name(name)


def part(name: str | None, lang: str | None = None) -> str:
    """The label of a metric's numerator or denominator (strings part.<name>); "—" for none."""
    if not name:
        return "—"
    return t(f"part.{name}", lang)
