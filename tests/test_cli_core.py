"""CLI: bad input gets a clear message and exit code 2, never a traceback."""
import json

from envboard.cli.main import main


def test_unknown_region_suggests_close_names(demo_db_path, capsys):
    assert main(["metrics", "--region", "赣洲", "--as-of", "2022-12", "--db", str(demo_db_path)]) == 2
    err = capsys.readouterr().err
    assert "未知地区" in err and "赣州市" in err and "Traceback" not in err


def test_ambiguous_region_lists_options(demo_db_path, capsys):
    assert main(["metrics", "--region", "吉林", "--as-of", "2022-12", "--db", str(demo_db_path)]) == 2
    err = capsys.readouterr().err
    assert "吉林省" in err and "吉林市" in err


def test_short_name_prefers_the_city_over_its_county(demo_db_path, capsys):
    assert main(["metrics", "--region", "安阳", "--as-of", "2022-12", "--json", "--db", str(demo_db_path)]) == 0
    assert json.loads(capsys.readouterr().out)["region_code"] == "410500"


def test_malformed_month(demo_db_path, capsys):
    for bad in ("2022-13", "2022/12", "12-2022", ""):
        assert main(["metrics", "--region", "赣州", "--as-of", bad, "--db", str(demo_db_path)]) == 2
    assert "YYYY-MM" in capsys.readouterr().err


def test_missing_db_directory(tmp_path, capsys):
    path = tmp_path / "no" / "such" / "dir" / "x.duckdb"
    assert main(["init", "--db", str(path)]) == 2
    assert "不存在" in capsys.readouterr().err


def test_missing_db_file(tmp_path, capsys):
    assert main(["metrics", "--region", "赣州", "--as-of", "2022-12", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "init --demo" in capsys.readouterr().err


def test_init_creates_an_empty_migrated_db(tmp_path, capsys):
    path = tmp_path / "new.duckdb"
    assert main(["init", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["demo"] is False
    assert main(["info", "--db", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["is_demo"] is False and info["coverage"]["tasks"]["rows"] == 0
