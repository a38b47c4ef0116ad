"""Request memo: within `with request_memo():`, a read function called again with the same
arguments returns (a copy of) the frame it returned the first time.

One request (a briefing edition, one overview summary) asks for the same statistics several times
from different sections; the memo lives in a context variable, so it belongs to the one request
that opened it (one thread, one session) and ends with it. Outside a memo nothing is cached.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator

import pandas as pd

_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("envboard_request_memo", default=None)


@contextlib.contextmanager
def request_memo() -> Iterator[None]:
    """Memoise the decorated reads for the duration of the block (nested blocks share the outer memo)."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _key(value):
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    return value


def memoised(fn: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """fn(con, *args, **kwargs) memoised on (fn, args, kwargs) inside a request memo; `con` is the
    request's connection, so it is not part of the key."""

    @functools.wraps(fn)
    def wrapper(con, *args, **kwargs):
        memo = _MEMO.get()
        if memo is None:
            return fn(con, *args, **kwargs)
        try:
            key = (fn.__module__, fn.__qualname__, _key(args), _key(kwargs))
            hash(key)
        except TypeError:
            return fn(con, *args, **kwargs)
        if key not in memo:
            memo[key] = fn(con, *args, **kwargs)
        return memo[key].copy()

    return wrapper
