"""First start: the app builds the demo database in a server thread and then shows the overview."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_first_start_builds_the_demo_database_then_renders(tmp_path, monkeypatch):
    path = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=600).run()
    assert not at.exception
    assert path.exists()
    assert at.title[0].value == "总览"
    assert any("示例数据" in w.value for w in at.warning)
