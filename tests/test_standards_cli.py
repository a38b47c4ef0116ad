"""CLI sub-commands aqi, composite-index, water-class: JSON output and exit code 2 on bad input."""
from __future__ import annotations

import json
import math

import pytest

from envboard.standards.cli import main


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_aqi_daily_json(capsys):
    out = _json(capsys, "aqi --date 2025-01-15 --pm25 80 --pm10 120 --so2 10 --no2 40 --co 1.0 "
                        "--o3-8h 100 --json".split())
    # PM2.5 80 on 75–115 → 100 + ceil(50·5/40) = 107
    assert (out["aqi"], out["primary"], out["category"], out["color"]) == (
        107, ["PM2.5"], "轻度污染", "#FF7E00")
    assert out["iaqi"]["pm25_24h"] == 107 and out["level"] == "三级"


def test_aqi_same_day_under_2026_rules(capsys):
    out = _json(capsys, "aqi --date 2025-01-15 --pm25 80 --rules 2026 --json".split())
    assert out["aqi"] == 100 + math.ceil(50 * (80 - 60) / (115 - 60))     # 60 is the 2026 IAQI-100 point
    assert out["rules"] == "2026" and out["missing"] == ["SO2", "NO2", "CO", "O3", "PM10"]


def test_aqi_hourly_reproduces_published_p10(capsys):
    out = _json(capsys, "aqi --hourly --date 2017-07-07 --so2 16 --no2 16 --co 0.9 --o3-1h 156 "
                        "--pm10 74 --pm25 44 --json".split())
    assert (out["aqi"], out["primary"]) == (62, ["PM10", "PM2.5"])


def test_composite_index_json(capsys):
    out = _json(capsys, "composite-index --date 2024-06 --pm25 35 --pm10 60 --so2 10 --no2 30 "
                        "--co 1.2 --o3-8h 160 --json".split())
    assert out["index"] == 4.07 and out["limits_standard"] == "GB 3095-2012 grade II"
    assert out["max_pollutant"] == ["PM2.5", "O3"] and out["weights"]["PM2.5"] == 1.0
    assert out["sub_indices"]["NO2"] == 0.75


def test_water_class_json_with_aliases(capsys):
    out = _json(capsys, ["water-class", "--indicator", "DO=5.5", "--indicator", "CODMn=7",
                         "--indicator", "NH3N=0.4", "--json"])
    assert (out["class"], out["class_label"], out["limiting"]) == (4, "IV", ["COD_Mn"])
    lake = _json(capsys, ["water-class", "--indicator", "TP=0.15", "--lake", "--json"])
    assert (lake["class"], lake["class_label"]) == (5, "V")


@pytest.mark.parametrize("argv, message", [
    ("aqi --pm25 -5 --json", "negative"),
    ("aqi --json", "no usable pollutant"),
    ("composite-index --pm25 30 --json", "missing"),
    ("water-class --indicator XX=1", "unknown water indicator"),
    ("water-class", "--indicator"),
])
def test_bad_values_exit_2_with_message(capsys, argv, message):
    assert main(argv.split()) == 2
    assert message in capsys.readouterr().err


def test_non_numeric_value_is_an_argparse_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main("aqi --pm25 abc".split())
    assert exc.value.code == 2 and "not a number" in capsys.readouterr().err


def test_commands_are_registered_in_the_project_cli(capsys):
    from envboard.__main__ import main as project_main
    assert project_main("water-class --indicator pH=9.5 --json".split()) == 0
    assert json.loads(capsys.readouterr().out)["class_label"] == "劣V"
    assert project_main("aqi --pm25 -1".split()) == 2


def test_composite_index_unrounded_inputs_and_says_which(capsys):
    # unrounded period statistics are indexed as given (the published method) …
    out = _json(capsys, "composite-index --date 2024-06 --pm25 30.49 --pm10 50.49 --so2 8.49 --no2 20.49 "
                        "--co 0.849 --o3-8h 150.49 --json".split())
    assert out["index"] == 3.40 and out["inputs"] == "unrounded" and out["inputs_at_display_precision"] is False
    assert out["concentrations"]["PM2.5"] == 30.49 and out["concentrations_display"]["PM2.5"] == 30
    # … or rounded first on request, to reproduce a table computed from rounded concentrations
    legacy = _json(capsys, "composite-index --date 2024-06 --pm25 30.49 --pm10 50.49 --so2 8.49 --no2 20.49 "
                           "--co 0.849 --o3-8h 150.49 --inputs rounded --json".split())
    assert legacy["index"] == 3.34 and legacy["inputs"] == "rounded"
    # published (rounded) concentrations are recognised and the text says so
    assert main("composite-index --date 2023-05 --pm25 29 --pm10 65 --so2 12 --no2 27 --co 0.8 --o3-8h 191".split()) == 0
    text = capsys.readouterr().out
    assert "综合指数 4.03" in text and "display precision" in text
    assert main("composite-index --date 2023-05 --pm25 29.3 --pm10 65 --so2 12 --no2 27 --co 0.8 --o3-8h 191".split()) == 0
    assert "unrounded period statistics" in capsys.readouterr().out
