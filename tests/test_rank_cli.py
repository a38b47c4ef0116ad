"""python -m envboard rank: rows, JSON, exclusions and bad input."""
from __future__ import annotations

import json

from envboard.cli.main import main


def _rank(capsys, *args) -> tuple[int, str]:
    code = main(["rank", *args])
    return code, capsys.readouterr().out


def test_cli_json_ranks_ganzhou_with_its_parts(demo_db_path, capsys):
    code, out = _rank(capsys, "--metric", "closure_rate", "--scope", "360000", "--period", "2022-12", "--json")
    doc = json.loads(out)
    gz = next(r for r in doc["rows"] if r["region_code"] == "360700")
    assert code == 0 and doc["period"] == "2022-12" and len(doc["rows"]) == 11
    assert (gz["numerator"], gz["denominator"], gz["value"]) == (294, 320, 91.9)
    assert list(doc["rows"][0])[:9] == ["rank", "region_code", "region_name", "value", "numerator", "denominator",
                                        "change", "rank_change", "tie"]          # keys are only ever added


def test_cli_text_prints_one_line_per_region_then_exclusions(demo_db_path, capsys):
    code, out = _rank(capsys, "--metric", "closure_rate", "--scope", "全国", "--period", "2022")
    lines = out.strip().splitlines()
    ranked = [ln for ln in lines[1:] if not ln.startswith("-")]
    assert code == 0 and lines[0].startswith("rank\tregion_code") and len(ranked) == 14
    assert any("无纳入销号管理的任务" in ln for ln in lines if ln.startswith("-"))


def test_cli_improvement_by_change(demo_db_path, capsys):
    code, out = _rank(capsys, "--metric", "resolution_rate", "--scope", "360000", "--period", "ytd:2022-11",
                      "--by", "change", "--against", "prev", "--json")
    changes = [r["change"] for r in json.loads(out)["rows"]]
    assert code == 0 and changes == sorted(changes, reverse=True)


def test_cli_bad_period_and_scope_exit_2(demo_db_path, capsys):
    assert main(["rank", "--metric", "closure_rate", "--scope", "360000", "--period", "2022-13"]) == 2
    assert main(["rank", "--metric", "closure_rate", "--scope", "火星", "--period", "2022"]) == 2
    assert "error" in capsys.readouterr().err
