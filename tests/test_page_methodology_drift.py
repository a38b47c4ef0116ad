"""AppTest: 数据说明 explains why the composite index is computed from unrounded period statistics and
lists the cities whose index recomputed from the displayed concentrations would differ."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import APP, PROJECT_DIR


def _method_page(scope: str, month: str, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"scope": scope, "month": month, "lang": lang})
    at.run()
    return at.switch_page("app_pages/methodology.py").run()


def test_drift_table_lists_ganzhou_a_hundredth_off(demo_db_path):
    at = _method_page("360000", "2022-06")
    assert not at.exception
    body = " ".join(m.value for m in at.markdown)
    assert "环办监测〔2018〕19号" in body and "城市空气质量排名方法的说明" in body and "0.01" in body
    assert "2022年6月，11 个城市中有 9 个用显示浓度重算的综合指数与公布方法的结果不同。" in body
    table = next(d.value for d in at.dataframe if "差值" in d.value.columns).set_index("城市")
    assert list(table.loc["赣州市"]) == ["13 / 20 / 5 / 19 / 1.0 / 170", "2.52", "2.53", "+0.01"]
    assert list(table.loc["南昌市"])[1:] == ["2.72", "2.69", "-0.03"]
    assert "鹰潭市" not in table.index and "新余市" not in table.index      # the two that agree are not listed
    assert (PROJECT_DIR / "docs" / "city_air_ranking_method.md").read_text(encoding="utf-8").count("unrounded") >= 2


def test_drift_note_in_english_at_national_scope(demo_db_path):
    at = _method_page("000000", "2022-06", lang="en")
    assert not at.exception
    body = " ".join(m.value for m in at.markdown)
    assert "2022" in body and "for 11 of 14 cities" in body
