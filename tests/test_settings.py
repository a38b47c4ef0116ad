"""Every setting is documented in the README with its environment variable."""
from pathlib import Path

from envboard.core.settings import SETTINGS, get_setting

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_each_setting_is_in_the_readme():
    for s in SETTINGS.values():
        assert f"`{s.name}`" in README and f"`{s.env}`" in README, s.name


def test_environment_overrides_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("ENVBOARD_DB", str(tmp_path / "x.duckdb"))
    assert get_setting("db_path") == str(tmp_path / "x.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", "")
    assert get_setting("db_path").endswith("data/envboard.duckdb")
