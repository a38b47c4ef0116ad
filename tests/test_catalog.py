"""The metric catalogue is complete: every metric has its strings, its source returns its columns,
and every surface that claims a metric shows it (leaderboard, 数据说明, overview, briefing, public, CLI)."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from envboard import catalog
from envboard.briefing import build, charts, export_xlsx
from envboard.cli.main import build_parser, main
from envboard.core.i18n import t, table
from envboard.core.queries import run
from envboard.core.regions import resolve_region
from envboard.domain import rank
from envboard.domain.metrics import summary
from envboard.domain.rank_values import leaderboard, raw_values
from envboard.domain.scoring import score_values
from envboard.publish import allowlist, snapshot, views
from envboard.standards.composite import add_composite
from envboard.standards.period import period_stats
from envboard.standards.water import water_city_stats, water_level_city_stats
from tests.conftest import APP

PUBLIC_APP = str(Path(APP).with_name("public_app.py"))

DEC_2022 = dt.date(2022, 12, 31)
JAN_2022 = dt.date(2022, 1, 1)
JIANGXI, GANZHOU = "360000", "360700"
METRICS = list(catalog.METRICS.values())
IDS = [m.key for m in METRICS]


def _on(surface: str) -> list:
    return [pytest.param(m, id=m.key) for m in catalog.on(surface)]


@pytest.mark.parametrize("m", METRICS, ids=IDS)
def test_every_metric_is_declared_completely(m):
    assert m.unit in catalog.UNITS and m.group in ("rect", "pet", "air", "water", "score")
    assert m.surfaces <= set(catalog.SURFACES) and "methods" in m.surfaces
    assert m.min_denominator >= 1 and 0 <= m.places <= 2
    assert ("public" in m.surfaces) == (m.public is not None)
    assert "overview" not in m.surfaces or m.summary is not None


@pytest.mark.parametrize("m", METRICS, ids=IDS)
def test_every_string_a_metric_needs_exists_in_zh_and_en(m):
    strings = table()
    missing = [k for k in [m.label, m.definition, m.exclusion, *m.strings()] if k not in strings]
    assert not missing, f"{m.key}: no string {missing}"
    assert all(strings[k][0].strip() and strings[k][1].strip() for k in m.strings())


SOURCES = {
    "standards.period.period_stats": lambda con: period_stats(con, JAN_2022, DEC_2022, [GANZHOU]),
    "standards.composite.add_composite": lambda con: add_composite(period_stats(con, JAN_2022, DEC_2022, [GANZHOU])),
    "standards.water.water_city_stats": lambda con: water_city_stats(con, JAN_2022, DEC_2022, [GANZHOU]),
    "standards.water.water_level_city_stats": lambda con: water_level_city_stats(con, JAN_2022, DEC_2022, [GANZHOU]),
    "domain.scoring.score_values": lambda con: score_values(con, JIANGXI, rank.parse_period("2022")),
}


@pytest.mark.parametrize("m", METRICS, ids=IDS)
def test_the_source_of_every_metric_returns_its_columns(m, demo_con):
    if m.source in SOURCES:
        frame = SOURCES[m.source](demo_con)
    else:
        frame = run(demo_con, m.source, scope_code=JIANGXI, as_of=DEC_2022)
    wanted = {c for c in (m.numerator, m.denominator, m.value) if c}
    assert (m.numerator is None) == (m.value is not None), "a metric is a ratio or names its value column"
    assert wanted <= set(frame.columns), f"{m.source} lacks {wanted - set(frame.columns)}"
    assert len(frame)


@pytest.mark.parametrize("m", _on("leaderboard"))
def test_every_leaderboard_metric_ranks_jiangxi_cities_and_is_a_cli_choice(m, demo_con):
    assert m.key in rank.REGISTRY
    board = leaderboard(demo_con, m.key, JIANGXI, rank.parse_period("2022"))
    assert len(board.ranked) + len(board.excluded) == 11 and len(board.ranked)
    choices = build_parser()._subparsers._group_actions[0].choices["rank"]._option_string_actions["--metric"].choices
    assert m.key in choices


@pytest.fixture(scope="module")
def methods_page(demo_db_path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["scope"], at.query_params["month"] = GANZHOU, "2022-12"
    at.run()
    at.switch_page("app_pages/methodology.py").run()
    assert not at.exception
    return at.table[0].value.to_string()


@pytest.mark.slow
@pytest.mark.parametrize("m", _on("methods"))
def test_every_metric_is_defined_on_the_methods_page(m, methods_page):
    assert t(m.label, "zh", month=12) in methods_page and t(m.definition, "zh") in methods_page


@pytest.fixture(scope="module")
def overview(demo_db_path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["scope"], at.query_params["month"] = GANZHOU, "2022-12"
    at.run()
    assert not at.exception
    return at


@pytest.mark.slow
@pytest.mark.parametrize("m", _on("overview"))
def test_every_overview_metric_has_a_card_and_a_summary_figure(m, overview, demo_con):
    assert t(m.label, "zh", month=12) in {card.label for card in overview.metric}
    figures = summary(demo_con, resolve_region(demo_con, GANZHOU), DEC_2022)
    assert all(k in figures for k in (m.summary.value, m.summary.numerator, m.summary.denominator, m.summary.change) if k)


def test_the_cli_metrics_json_holds_every_summary_figure(demo_db_path, capsys):
    assert main(["metrics", "--region", GANZHOU, "--as-of", "2022-12", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for m in METRICS:
        if m.summary:
            assert m.summary.value in out, m.key


@pytest.fixture(scope="module")
def edition(demo_db_path):
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    yield build.build_edition(con, GANZHOU, DEC_2022)
    con.close()


@pytest.mark.parametrize("m", _on("briefing"))
def test_every_briefing_metric_has_a_ranked_table_and_a_sheet(m, edition):
    rows = edition["tables"][m.key]
    assert len(rows) == 11 and any(r["value"] is not None for r in rows)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx.to_xlsx(edition, {})), read_only=True)
    assert any(name.endswith(f" {export_xlsx.sheet_name(m.key)}") for name in book.sheetnames)   # 附件N 销号率
    if m.summary:
        assert m.summary.value in edition["figures"]


@pytest.mark.parametrize("m", _on("briefing_chart"))
def test_every_charted_metric_has_a_briefing_chart(m, edition):
    assert m.key in charts.figures(edition)


@pytest.fixture(scope="module")
def published(demo_db_path):
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    yield snapshot.build(con, DEC_2022, JIANGXI, DEC_2022)
    con.close()


@pytest.mark.parametrize("m", _on("public"))
def test_every_public_metric_is_published_ranked_and_allowed(m, published):
    figures = published["figures"]
    p = m.public
    columns = [c for c in (p.parts.value, p.parts.numerator, p.parts.denominator, f"{p.prefix}_rank", f"{p.prefix}_is_tie") if c]
    assert set(columns) <= set(figures.columns) and set(columns) <= set(allowlist.ALLOWED["figures"])
    assert figures[p.parts.value].notna().any() and p.prefix in views.METRIC_VIEWS


@pytest.fixture(scope="module")
def public_cards(demo_db_path, tmp_path_factory):
    """Card labels of the public app's 概览 (year to date) and 空气和水 pages for 赣州."""
    import os

    from tests.test_publish import publish_once

    os.environ["ENVBOARD_SNAPSHOT"] = str(publish_once(demo_db_path, tmp_path_factory))
    try:
        labels = {}
        for page in ("overview.py", "environment.py"):
            at = AppTest.from_file(PUBLIC_APP, default_timeout=60)
            at.query_params["region"] = GANZHOU
            at.run()
            if page != "overview.py":
                at.switch_page(f"public_pages/{page}").run()
            assert not at.exception
            labels[page] = {m.label for m in at.metric}
        return labels
    finally:
        del os.environ["ENVBOARD_SNAPSHOT"]


@pytest.mark.slow
@pytest.mark.parametrize("m", _on("public"))
def test_every_public_metric_has_a_card_on_the_public_pages(m, public_cards):
    assert t(m.public.label, "zh") in public_cards["overview.py"]
    if m.group in ("air", "water"):
        assert t(m.public.label, "zh") in public_cards["environment.py"]


def test_every_leaderboard_metric_has_values_for_the_briefing_fallback(demo_con):
    """A briefing metric without a dedicated figure function is read from the leaderboard values."""
    for m in catalog.on("leaderboard"):
        frame = raw_values(demo_con, m.key, JIANGXI, rank.parse_period("2022"))
        assert {"value", "numerator", "denominator"} <= set(frame.columns)
