"""Pre-warm: every step of the default views runs on the demo data, once per data version and process."""
from __future__ import annotations

from envboard.ui import data, prewarm


def test_every_prewarm_step_runs_on_the_demo_data(demo_db_path):
    names = []
    for name, step in prewarm.steps(data.version()):
        step()
        names.append(name)
    assert {"summary", "ledger", "petitions", "leaderboard", "briefing"} <= set(names)


def test_default_view_is_the_first_scope_and_the_last_data_month(demo_db_path):
    scope, as_of = prewarm.default_view()
    assert scope == str(data.query("region_choices")["code"].iloc[0])
    assert as_of.isoformat() == "2026-10-31"


def test_a_data_version_is_warmed_once_per_process(demo_db_path, monkeypatch):
    monkeypatch.setattr(prewarm, "_started", set())
    monkeypatch.setattr(prewarm, "_warm", lambda version: None)
    first = prewarm.start()
    assert first is not None
    first.join()
    assert prewarm.start() is None
