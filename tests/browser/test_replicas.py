"""Scale-out: PostgreSQL, a DuckLake, two app replicas behind nginx, browser sessions and two
importers writing at the same time. Every session stays on its replica (sticky cookie), every page
shows the same figures on both replicas, no page shows an error, both imports commit, and both
replicas move on to the newest snapshot."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from envboard.cli import serve
from envboard.core import lake, pgcluster
from envboard.cli.common import create_database

pytestmark = pytest.mark.server
AIR = "城市,日期,PM2.5(μg/m³),PM10,SO2,NO2,CO,O3_8h\n" + "".join(
    f"九江市,2026-11-{d:02d},{30 + d},{50 + d},8,20,0.8,120\n" for d in range(1, 11))
SUPERVISION = "督办方式,行政区域,日期,涉及人数,备注\n" + "".join(
    f"约谈,抚州市,2026-11-{d:02d},2,整改滞后\n" for d in range(1, 11))
PAGES = [("/?scope=360700&month=2022-12", "91.9 %"), ("/closure-rank?scope=360700&month=2022-12", "赣州市")]


def _replica_of(url: str, route: str) -> str:
    req = urllib.request.Request(url + "/_stcore/health", headers={"Cookie": f"envboard_route={route}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.headers["X-EnvBoard-Replica"]


def _routes(url: str, replicas: int) -> dict[str, str]:
    """A cookie value routed to each replica: {replica address: route}."""
    found: dict[str, str] = {}
    for n in range(200):
        found.setdefault(_replica_of(url, f"r{n}"), f"r{n}")
        if len(found) == replicas:
            return found
    raise AssertionError(f"nginx routed 200 routes to {sorted(found)} only")


def _import(path, kind: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "envboard", "import", str(path), "--kind", kind, "--json"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _no_error(page) -> None:
    assert page.get_by_test_id("stException").count() == 0
    assert "Traceback" not in page.content()


def test_two_replicas_behind_nginx_while_two_importers_write(browser, tmp_path, artifacts, monkeypatch):
    with pgcluster.cluster() as pg:
        (tmp_path / "lake").mkdir()
        store = lake.LakeStore(pg.dsn, str(tmp_path / "lake") + "/")
        monkeypatch.setenv("ENVBOARD_STORE", store.url)
        monkeypatch.setenv("ENVBOARD_DATA_PATH", store.data_path)
        create_database(store, demo=True)
        ports = [pgcluster.free_port() for _ in range(3)]
        with serve.farm(2, ports[0], ports[1:], tmp_path / "run") as farm:
            routes = _routes(farm.url, 2)
            for hidden in ("/_stcore/metrics", "/_stcore/agent/x"):     # Streamlit's counters, agent API
                with pytest.raises(urllib.error.HTTPError, match="404"):
                    urllib.request.urlopen(farm.url + hidden, timeout=10)
            (tmp_path / "air.csv").write_text(AIR, encoding="utf-8")
            (tmp_path / "督办.csv").write_text(SUPERVISION, encoding="utf-8")
            env = os.environ.copy()
            importers = [_import(tmp_path / "air.csv", "air", env), _import(tmp_path / "督办.csv", "supervision", env)]
            pages = {}
            for replica, route in routes.items():
                ctx = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
                ctx.add_cookies([{"name": "envboard_route", "value": route, "url": farm.url}])
                pages[replica] = ctx.new_page()
            for path, text in PAGES:                 # while the importers write
                for replica, page in pages.items():
                    response = page.goto(farm.url + path)
                    assert response.headers["x-envboard-replica"] == replica
                    expect(page.get_by_text(text).first).to_be_visible(timeout=120_000)
                    _no_error(page)
            outcomes = [p.communicate(timeout=600) for p in importers]
            docs = [json.loads(out) for out, _ in outcomes]
            assert [p.returncode for p in importers] == [0, 0], [err for _, err in outcomes]
            assert [d["status"] for d in docs] == ["imported", "imported"]
            assert sorted(d["inserted"] for d in docs) == [10, 10]
            assert len({d["import_id"] for d in docs}) == 2
            latest = lake.latest_snapshot(store)
            for n, (replica, page) in enumerate(pages.items()):
                # a replica copies the new snapshot in the background and switches when it is ready
                deadline = time.monotonic() + 300       # generous: the copy is slow on a loaded machine
                while time.monotonic() < deadline:
                    page.goto(farm.url + PAGES[0][0])
                    expect(page.get_by_test_id("stMetricValue").first).to_have_text("91.9 %", timeout=120_000)
                    if f"数据版本 {latest}" in page.inner_text("body"):
                        break
                    page.wait_for_timeout(2000)
                expect(page.get_by_text(f"数据版本 {latest}").first).to_be_visible()
                expect(page.get_by_text("294 / 320").first).to_be_visible()
                _no_error(page)
                page.screenshot(path=str(artifacts / f"replica_{n + 1}.png"))
            for page in pages.values():
                page.context.close()
