"""Published snapshot: allow-list, no months after --as-of, no internal text, figures as published."""
from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from envboard import catalog
from envboard.publish import allowlist, read, snapshot, static_site, views

AS_OF = dt.date(2022, 12, 31)


_PUBLISHED: dict = {}


def publish_once(demo_db_path, tmp_path_factory):
    """A snapshot of 江西 as of 2022-12 from the demo DB and its static site, built once per session."""
    from envboard.core.db import open_reader

    if demo_db_path not in _PUBLISHED:
        out = tmp_path_factory.mktemp("pub")
        con = open_reader(demo_db_path)
        try:
            path = snapshot.publish(con, AS_OF, "360000", out / "published.duckdb", published_on=dt.date(2023, 1, 5))
        finally:
            con.close()
        static_site.write_site(read.load(path), out / "site")
        _PUBLISHED[demo_db_path] = path
    return _PUBLISHED[demo_db_path]


@pytest.fixture(scope="session")
def published(demo_db_path, tmp_path_factory):
    return publish_once(demo_db_path, tmp_path_factory)


@functools.cache
def internal_texts(demo_db_path) -> frozenset[str]:
    """Every petition id, summary, result note and place, task title, responsible unit and note."""
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        sql = ["select petition_id from petitions", "select summary from petitions", "select result_note from petitions",
               "select place from petitions", "select title from tasks", "select responsible_unit from tasks",
               "select note from task_status_history", "select note from supervision_actions"]
        texts = {r[0] for q in sql for r in con.execute(q).fetchall() if r[0]}
    finally:
        con.close()
    return frozenset(x for x in texts if len(x) >= 4)


def snapshot_strings(path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = []
        for (table,) in con.execute("select table_name from duckdb_tables()").fetchall():
            frame = con.execute(f'select * from "{table}"').df()
            out += [str(v) for c in frame.columns for v in frame[c] if isinstance(v, str)]
        return out
    finally:
        con.close()


def test_snapshot_ganzhou_matches_published_figures(published):
    snap = read.load(published)
    gz = snap.figures[(snap.figures.region_code == "360700") & (snap.figures.period_kind == "ytd")].iloc[0]
    assert (gz.tasks_closed, gz.tasks_under_closure, gz.closure_rate_pct) == (294, 320, 91.9)
    assert (gz.petitions_closed, gz.petitions_received, gz.resolution_rate_pct) == (2114, 2133, 99.1)


def test_snapshot_splits_water_by_control_level(published):
    # seed report (赣州, 2022): 国控断面 优良比例 100 %, 省控断面 97.3 %; the pooled 44 / 45 stays
    snap = read.load(published)
    gz = snap.figures[(snap.figures.region_code == "360700") & (snap.figures.period_kind == "ytd")].iloc[0]
    assert (gz.sections_good_national, gz.sections_national, gz.water_good_national_pct) == (8, 8, 100.0)
    assert (gz.sections_good_provincial, gz.sections_provincial, gz.water_good_provincial_pct) == (36, 37, 97.3)
    assert (gz.sections_good, gz.sections_assessed) == (44, 45)
    assert (gz.water_good_national_rank, bool(gz.water_good_national_is_tie)) == (1, True)
    ytd = snap.figures[snap.figures.period_kind == "ytd"]
    assert (ytd.sections_national + ytd.sections_provincial == ytd.sections_assessed).all()
    assert "其中国控断面 8 / 8 个优良（100.0 %）、省控断面 36 / 37 个优良（97.3 %）。" in views.water_sentence(snap, "ytd", "360700")
    assert "国控断面水质优良比例" in (published.parent / "site" / "city-360700.html").read_text(encoding="utf-8")


def test_snapshot_equals_metrics_summary_for_every_region(published, demo_con):
    from envboard.domain.metrics import summary
    from envboard.core.regions import resolve_region

    snap = read.load(published)
    ytd = snap.figures[snap.figures.period_kind == "ytd"].set_index("region_code")
    for code in ["360000", "361000"]:
        s = summary(demo_con, resolve_region(demo_con, code), AS_OF)
        row = ytd.loc[code]
        assert (row.tasks_closed, row.tasks_under_closure, row.closure_rate_pct) == (s["tasks_closed"], s["tasks_under_closure"], s["closure_rate_pct"])
        assert (row.good_days, row.valid_days, row.sections_assessed) == (s["good_days"], s["valid_days"], s["sections_assessed"])


def test_snapshot_holds_no_month_after_as_of(published):
    snap = read.load(published)
    assert max(snap.figures["period_end"]) == AS_OF
    assert max(snap.figures.loc[snap.figures.period_kind == "month", "period_end"]) == AS_OF


def test_snapshot_columns_are_exactly_the_allow_list(published):
    con = duckdb.connect(str(published), read_only=True)
    try:
        for table, columns in allowlist.ALLOWED.items():
            got = [r[0] for r in con.execute(f'describe "{table}"').fetchall()]
            assert got == list(columns)
    finally:
        con.close()


def test_allow_list_rejects_an_extra_column_by_name(tmp_path):
    frames = {"regions": pd.DataFrame({"region_code": ["360700"], "region_name": ["赣州市"], "level": ["city"],
                                       "sort_order": [1], "summary": ["x"]})}
    with pytest.raises(allowlist.PublishRejected, match="regions.summary"):
        snapshot.write(frames, tmp_path / "p.duckdb")
    assert not (tmp_path / "p.duckdb").exists()


def test_allow_list_rejects_an_unknown_table(tmp_path):
    with pytest.raises(allowlist.PublishRejected, match="petitions"):
        snapshot.write({"petitions": pd.DataFrame({"petition_id": ["D4JX1"]})}, tmp_path / "p.duckdb")


def test_ties_share_the_best_rank():
    frame = pd.DataFrame({"region_code": ["a", "b", "c"], "period_kind": "ytd", "period_end": AS_OF,
                          "closure_rate_pct": [90.0, 90.0, 80.0], "resolution_rate_pct": [1.0, 2.0, 3.0],
                          "pm25_ugm3": [30.0, 20.0, 20.0], "good_days_pct": [None, 1.0, 1.0], "water_good_pct": [1.0, 1.0, 1.0],
                          "water_good_national_pct": [100.0, None, 50.0], "water_good_provincial_pct": [97.3, 97.3, 97.3]})
    for m in catalog.on("public"):              # any other published metric: equal values
        if m.public.parts.value not in frame:
            frame[m.public.parts.value] = 1.0
    ranked = snapshot.add_ranks(frame, ["a", "b", "c"])
    assert list(ranked.closure_rank) == [1, 1, 3] and list(ranked.closure_is_tie) == [True, True, False]
    assert list(ranked.pm25_rank) == [3, 1, 1]
    assert ranked.water_good_national_rank.fillna(0).tolist() == [1, 0, 2]     # a city without 国控 sections is not ranked
    assert list(ranked.water_good_provincial_rank) == [1, 1, 1] and ranked.water_good_provincial_is_tie.all()


def test_no_internal_text_in_snapshot_or_site(published, demo_db_path):
    secrets = internal_texts(demo_db_path)
    assert len(secrets) > 1000
    cells = snapshot_strings(published)
    leaked = [c for c in cells if any(s in c for s in secrets if len(s) <= len(c))]
    assert leaked == []
    site = "".join(p.read_text(encoding="utf-8") for p in (published.parent / "site").glob("*.html"))
    ids = {s for s in secrets if s.startswith("D")}
    assert not [s for s in secrets if s in site], "internal text in the static site"
    assert ids and not any(i in site for i in ids)


def test_static_site_pages_in_both_languages(published):
    site = published.parent / "site"
    assert (site / "index.html").is_file() and (site / "index.en.html").is_file()
    assert (site / "methodology.html").is_file()
    city = (site / "city-360700.html").read_text(encoding="utf-8")
    assert "91.9 %" in city and "已销号 294 项 / 纳入销号管理 320 项" in city and "已办结 2,114 件 / 受理 2,133 件" in city
    assert "<table>" in city and "<svg" in (site / "index.html").read_text(encoding="utf-8")
    assert "cdn" not in (site / "index.html").read_text(encoding="utf-8").lower()


def test_cli_publish_and_html_with_audit_entry(demo_db_path, tmp_path):
    internal = tmp_path / "internal.duckdb"
    shutil.copyfile(demo_db_path, internal)
    out = tmp_path / "p.duckdb"
    done = subprocess.run([sys.executable, "-m", "envboard", "publish", "--as-of", "2022-06", "-o", str(out),
                           "--html", str(tmp_path / "site"), "--db", str(internal)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert max(read.load(out).figures["period_end"]) == dt.date(2022, 6, 30)
    assert (tmp_path / "site" / "city-360700.en.html").is_file()
    from envboard.security import audit

    detail = [e["detail"] for e in audit.store_for(internal).entries() if e["action"] == "publish"]
    assert detail == [{"as_of": "2022-06", "scope": "360000", "file": "p.duckdb"}]


def test_missing_snapshot_is_reported(tmp_path):
    with pytest.raises(read.SnapshotMissing):
        read.load(tmp_path / "none.duckdb")


def test_cli_rejects_a_city_scope(demo_db_path, tmp_path):
    done = subprocess.run([sys.executable, "-m", "envboard", "publish", "--as-of", "2022-12", "--scope", "360700",
                           "-o", str(tmp_path / "p.duckdb"), "--db", str(demo_db_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "province" in done.stderr and not (tmp_path / "p.duckdb").exists()


def test_cli_rejects_a_bad_month(demo_db_path, tmp_path):
    done = subprocess.run([sys.executable, "-m", "envboard", "publish", "--as-of", "2022-13", "-o", str(tmp_path / "p.duckdb"),
                           "--db", str(demo_db_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "YYYY-MM" in done.stderr
