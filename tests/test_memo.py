"""The request memo: one computation per distinct read within a request, nothing kept outside it,
and a briefing edition identical with and without it."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading

import pandas as pd

from envboard.core import memo


def test_reads_repeat_only_outside_a_memo_and_return_copies():
    calls = []

    @memo.memoised
    def read(con, name, **params):
        calls.append(name)
        return pd.DataFrame({"x": [1]})

    read(None, "a"), read(None, "a")
    assert calls == ["a", "a"]
    with memo.request_memo():
        first = read(None, "b", k=[1, 2])
        first["x"] = 99                       # a caller changing its frame does not change the memo
        again = read(None, "b", k=[1, 2])
        read(None, "b", k=[1, 3])
    assert calls == ["a", "a", "b", "b"] and again["x"].tolist() == [1]
    read(None, "b", k=[1, 2])
    assert calls[-1] == "b" and len(calls) == 5


def test_a_memo_belongs_to_its_own_thread():
    seen = []
    with memo.request_memo():
        t = threading.Thread(target=lambda: seen.append(memo._MEMO.get()))
        t.start(), t.join()
    assert seen == [None]


def test_briefing_edition_is_the_same_with_and_without_the_memo(demo_con, monkeypatch):
    import envboard.briefing.build as build
    import envboard.domain.metrics as metrics

    with_memo = build.build_edition(demo_con, "360000", dt.date(2022, 12, 31))
    monkeypatch.setattr(build, "request_memo", contextlib.nullcontext)
    monkeypatch.setattr(metrics, "request_memo", contextlib.nullcontext)
    without = build.build_edition(demo_con, "360000", dt.date(2022, 12, 31))
    for ed in (with_memo, without):
        ed.pop("generated_at")
    assert json.dumps(with_memo, sort_keys=True, default=str) == json.dumps(without, sort_keys=True, default=str)
    assert with_memo["figures"]["tasks_total"] > 0
