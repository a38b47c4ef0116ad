"""Monthly charts: each point on its own month, month labels in the page's language, hover values in
the metric's format, the PM2.5 limit drawn as it stood each month."""
import datetime as dt

import pandas as pd

from envboard.core import charts
from envboard.core.formatting import format_value
from envboard.standards.composite import pm25_limit


def _december_to_march():
    return pd.DataFrame({"month_end": [dt.date(2022, 12, 31), dt.date(2023, 1, 31), dt.date(2023, 2, 28), dt.date(2023, 3, 31)],
                         "pm25": [64.51926, 58.0, 41.4, None]})


def test_a_month_end_value_is_drawn_on_its_own_month_not_beside_the_next():
    fig = charts.line_chart(_december_to_march(), "month_end", {"pm25": "PM2.5"}, "PM2.5", "μg/m³", lang="zh")
    assert list(fig.data[0].x) == [dt.date(2022, 12, 1), dt.date(2023, 1, 1), dt.date(2023, 2, 1), dt.date(2023, 3, 1)]
    assert fig.layout.yaxis.title.text == "μg/m³"


def test_month_labels_are_written_in_the_language_of_the_page():
    zh = charts.line_chart(_december_to_march(), "month_end", {"pm25": "PM2.5"}, "t", lang="zh")
    en = charts.line_chart(_december_to_march(), "month_end", {"pm25": "PM2.5"}, "t", lang="en")
    assert (zh.layout.xaxis.tickformat, zh.layout.xaxis.hoverformat) == ("%Y年%-m月", "%Y年%-m月")
    assert en.layout.xaxis.tickformat == "%b %Y"
    assert zh.layout.xaxis.dtick == "M1"       # four months: one tick each, never mid-month


def test_hover_shows_the_value_as_the_metric_formats_it():
    fig = charts.line_chart(_december_to_march(), "month_end", {"pm25": "PM2.5"}, "t",
                            fmt=lambda v: format_value(v, "ugm3"), lang="zh")
    assert list(fig.data[0].customdata) == ["65 μg/m³", "58 μg/m³", "41 μg/m³", "—"]
    assert "%{customdata}" in fig.data[0].hovertemplate and "64.5" not in fig.data[0].hovertemplate


def test_the_pm25_limit_steps_down_in_the_month_the_new_standard_took_effect():
    months = [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    frame = pd.DataFrame({"month": months, "pm25": [50.0, 40.0, 33.0, 28.0]})
    fig = charts.line_chart(frame, "month", {"pm25": "PM2.5"}, "t", reference=([pm25_limit(m) for m in months], "二级标准"),
                            fmt=lambda v: format_value(v, "ugm3"))
    line = fig.data[1]
    assert (line.name, list(line.y), line.line.dash) == ("二级标准", [35.0, 35.0, 30.0, 30.0], "dash")
    assert list(line.customdata)[:1] == ["35 μg/m³"]
    assert fig.layout.yaxis.range[0] == 0 and fig.layout.yaxis.range[1] > 50
