"""全国 (000000) in every command that takes a region or scope: each one is listed here, and a new
command with --region or --scope fails the first test until it is."""
from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from envboard.cli.main import build_parser, main
from envboard.core.db import open_reader
from envboard.ingest.testing import make_db

TESTED = {"metrics": "--region", "import": "--region", "mapping": "--scope", "briefing": "--scope",
          "publish": "--scope", "air-board": "--scope", "rank": "--scope", "petition-rate": "--scope",
          "user add": "--region", "user set-role": "--region"}


def _commands(parser: argparse.ArgumentParser, prefix: str = ""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, f"{prefix}{name} ")
    for action in parser._actions:
        for option in action.option_strings:
            if option in ("--region", "--scope"):
                yield prefix.strip(), option


def test_every_command_with_a_region_or_scope_is_covered_here():
    assert dict(_commands(build_parser())) == TESTED


@pytest.mark.parametrize("national", ["全国", "000000"])
def test_reading_commands_take_national(demo_db_path, capsys, national):
    assert main(["metrics", "--region", national, "--as-of", "2022-12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tasks_total"] == 3779
    assert main(["rank", "--metric", "closure_rate", "--scope", national, "--period", "2022-12", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["rows"]) == 14
    assert main(["air-board", "--scope", national, "--month", "2022-11", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scope"] == "000000"


def test_briefing_and_publish_take_national(demo_db_path, tmp_path, monkeypatch, capsys):
    import duckdb

    assert main(["briefing", "--month", "2022-12", "--scope", "全国", "--format", "xlsx", "-o", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.glob("*.xlsx")] == ["全国2022年12月生态环境保护督察整改工作通报.xlsx"]
    monkeypatch.setenv("ENVBOARD_SNAPSHOT", str(tmp_path / "published.duckdb"))
    assert main(["publish", "--as-of", "2022-12", "--scope", "000000"]) == 0
    with duckdb.connect(str(tmp_path / "published.duckdb"), read_only=True) as con:
        assert con.execute("select scope_code from publication").fetchall() == [("000000",)]


@pytest.fixture()
def small_db(tmp_path, monkeypatch):
    path = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    monkeypatch.setenv("ENVBOARD_AUDIT", str(tmp_path / "audit.jsonl"))
    return path


def _meta(path, prefix: str) -> dict:
    con = open_reader(path)
    try:
        return dict(con.execute("select key, value from meta where key like $p", {"p": prefix + "%"}).fetchall())
    finally:
        con.close()


def test_petition_rate_for_national_and_a_list_of_provinces(small_db, capsys):
    from envboard.domain.metrics import petition_rate_lead

    assert main(["petition-rate", "--lead", "incl_staged", "--scope", "全国"]) == 0
    assert main(["petition-rate", "--lead", "strict", "--scope", "000000"]) == 0
    assert main(["petition-rate", "--lead", "incl_staged", "--scope", "江西,湖北"]) == 0
    assert main(["petition-rate", "--lead", "incl_staged", "--scope", "360000"]) == 0
    assert _meta(small_db, "petition_rate_lead:") == {
        "petition_rate_lead:000000": "resolution_rate", "petition_rate_lead:360000,420000": "resolution_rate_incl_staged",
        "petition_rate_lead:360000": "resolution_rate_incl_staged"}
    con = open_reader(small_db)
    try:
        assert petition_rate_lead(con, "000000") == "resolution_rate"                       # its own setting
        assert petition_rate_lead(con, "360000,420000") == "resolution_rate_incl_staged"
        assert petition_rate_lead(con, "420000,430000") == "resolution_rate"                # not 湖北's neighbour's
        assert petition_rate_lead(con, "360700") == "resolution_rate_incl_staged"           # 赣州 follows 江西
    finally:
        con.close()


def test_mapping_for_national_is_for_every_scope(small_db, tmp_path, capsys):
    mapping = tmp_path / "对应.csv"
    mapping.write_text("列,原值,对应值\nstatus,已转办,正在办理\n", encoding="utf-8")
    for scope in ("全国", "赣州", "江西,湖北"):
        assert main(["mapping", str(mapping), "--kind", "petitions", "--scope", scope]) == 0
    con = open_reader(small_db)
    try:
        assert sorted(r[0] for r in con.execute("select scope_code from value_mappings").fetchall()) == [
            "", "360000", "360700", "420000"]
    finally:
        con.close()
    assert main(["mapping", str(mapping), "--kind", "petitions", "--scope", "火星"]) == 2
    assert "火星" in capsys.readouterr().err


@pytest.mark.parametrize("region", ["全国", "000000", "江西,湖北"])
def test_import_region_national_is_a_clear_usage_error(small_db, tmp_path, capsys, region):
    src = tmp_path / "air.csv"
    src.write_text("日期,PM2.5,PM10,SO2,NO2,CO,O3_8h\n2024-05-01,35,60,8,20,0.8,120\n", encoding="utf-8")
    assert main(["import", str(src), "--kind", "air", "--dry-run", "--region", region]) == 2
    err = capsys.readouterr().err
    assert f"--region {region}" in err and "城市" in err and "Traceback" not in err


def test_account_for_a_national_office(tmp_path, monkeypatch, capsys):
    from envboard.security import auth

    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setenv("ENVBOARD_DB", str(tmp_path / "none.duckdb"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse\n"))
    assert main(["user", "add", "mee", "--role", "editor", "--region", "全国", "--password-stdin"]) == 0
    assert auth.load_accounts()["mee"]["region"] == "000000"
    assert main(["user", "set-role", "mee", "viewer", "--region", "000000"]) == 0
    assert auth.load_accounts()["mee"]["region"] == "000000"
    assert auth.in_scope("000000", "360702") and auth.in_scope("000000", "360000,420000")
    assert auth.in_scope("000000", "000000") and not auth.in_scope("360000", "000000")
