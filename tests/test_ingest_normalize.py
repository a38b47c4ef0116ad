"""Cell normalisers and region resolution."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import given, strategies as st

from envboard.core.db import migrate
from envboard.ingest import normalize as nz
from envboard.ingest.mapping import KINDS, map_header, mapping_rows
from envboard.ingest.messages import MESSAGES
from envboard.ingest.regionindex import RegionIndex
from envboard.ingest.testing import load_region_rows


@pytest.mark.parametrize("text", ["2022年5月20日", "2022.5.20", "2022/05/20", "2022-5-20", "20220520", "44701",
                                  "44701.0", "２０２２年５月２０日", "2022-05-20 00:00:00", "2022 年 5 月 20 日"])
def test_dates(text):
    assert nz.parse_date(text) == dt.date(2022, 5, 20)


@pytest.mark.parametrize("text", ["2022/13/01", "2022年2月30日", "明天", "123"])
def test_bad_dates(text):
    with pytest.raises(nz.Invalid) as exc:
        nz.parse_date(text)
    assert exc.value.key == "ingest.err.bad_date"


@pytest.mark.parametrize("text, month", [("2024年5月", dt.date(2024, 5, 1)), ("2024-05", dt.date(2024, 5, 1)),
                                         ("202405", dt.date(2024, 5, 1)), ("2024.5", dt.date(2024, 5, 1)),
                                         ("2024-05-17", dt.date(2024, 5, 1))])
def test_months(text, month):
    assert nz.parse_month(text) == month


@pytest.mark.parametrize("text, share", [("91.9%", 0.919), ("0.919", 0.919), ("91.9", 0.919), ("９１.９％", 0.919)])
def test_shares(text, share):
    assert nz.parse_share(text) == pytest.approx(share)


def test_numbers_and_people():
    assert nz.parse_number("1,234.5") == 1234.5
    assert nz.parse_int("３人") == 3 and nz.parse_int("无") == 0
    assert nz.count_people("问责3人，约谈2人") == 5 and nz.count_people("无") == 0


@pytest.mark.parametrize("text, value", [("是", True), ("√", True), ("Y", True), ("否", False), ("×", False),
                                         ("N", False), (" ", None)])
def test_yes_no(text, value):
    assert nz.parse_bool(text) is value


@pytest.mark.parametrize("text, value", [("属实", "yes"), ("基本属实", "yes"), ("部分属实", "partly"), ("不属实", "no")])
def test_substantiated(text, value):
    assert nz.parse_substantiated(text) == value


@pytest.mark.parametrize("text, value", [("已办结", "closed"), ("阶段性办结", "staged"), ("正在办理", "open"),
                                         ("办理中", "open")])
def test_petition_status(text, value):
    assert nz.parse_petition_status(text) == value


@pytest.mark.parametrize("text, value", [
    ("大气", "air"), ("大气污染", "air"), ("扬尘污染", "air"), ("水", "water"), ("水污染", "water"),
    ("噪声", "noise"), ("噪音", "noise"), ("噪声污染", "noise"), ("生态", "ecology"), ("生态破坏", "ecology"),
    ("土壤", "soil"), ("固废", "solid_waste"), ("辐射", "radiation"), ("其他", "other"), ("其他类型", "other")])
def test_pollution_types(text, value):
    assert nz.parse_pollution_types(text) == [value]


def test_several_pollution_types_keep_their_order():
    assert nz.parse_pollution_types("大气、噪声") == ["air", "noise"]


@pytest.mark.parametrize("text, result", [
    ("第31批 D3GS202312200043", ("D3GS202312200043", 31)), ("D3JX202405240023", ("D3JX202405240023", None)),
    ("第 32 批D3GS202312210031", ("D3GS202312210031", 32))])
def test_petition_id_with_batch_prefix(text, result):
    assert nz.split_petition_id(text) == result
    assert nz.date_in_petition_id(result[0]) in (dt.date(2023, 12, 20), dt.date(2023, 12, 21), dt.date(2024, 5, 24))


@pytest.mark.parametrize("text, batch", [("第十七批", 17), ("第17批", 17), ("（第三十二批 2017年5月25日）", 32),
                                         ("petition_batch17.csv", 17), ("第一百零五批", 105), ("台账.xlsx", None)])
def test_batch_from_text(text, batch):
    assert nz.batch_from_text(text) == batch


@pytest.fixture(scope="module")
def regions():
    con = duckdb.connect()
    migrate(con)
    load_region_rows(con)
    yield RegionIndex.from_db(con)
    con.close()


@pytest.mark.parametrize("text, codes", [
    ("章贡区", ("360702", "360700")), ("九江市浔阳区", ("360403", "360400")), ("浔阳区", ("360403", "360400")),
    ("嘉峪关市", ("620200", "620200")), ("嘉峪关", ("620200", "620200")), ("赣州", ("360700", "360700")),
    ("江西省九江市浔阳区", ("360403", "360400")), ("360702", ("360702", "360700")), ("北京市", ("110000", "110000"))])
def test_regions(regions, text, codes):
    assert regions.resolve(text) == codes


def test_ambiguous_region_lists_the_options(regions):
    with pytest.raises(nz.Invalid) as exc:
        regions.resolve("鼓楼区")
    assert exc.value.key == "ingest.err.ambiguous_region"
    assert "南京市鼓楼区(320106)" in exc.value.params["options"]
    assert regions.resolve("鼓楼区", scope="350000") == ("350102", "350100")


def test_unknown_region(regions):
    with pytest.raises(nz.Invalid) as exc:
        regions.resolve("火星市")
    assert exc.value.key == "ingest.err.unknown_region"


def test_header_aliases_map_to_canonical_columns():
    header = ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "是否 属实", "是否办结"]
    assert map_header("petitions", header) == {"seq": 0, "petition_id": 1, "summary": 2, "region": 3,
                                               "pollution_type": 4, "substantiated": 5, "status": 6}


def test_mapping_table_for_every_kind_has_required_columns():
    for kind in KINDS:
        rows = mapping_rows(kind)
        assert any(r["required"] for r in rows) and all(r["header"] for r in rows)


def test_messages_have_both_languages_and_matching_placeholders():
    import string

    for key, (zh, en) in MESSAGES.items():
        assert key.startswith("ingest.") and zh and en
        names = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (zh, en)]
        assert names[0] == names[1], key


@given(st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2150, 12, 31)),
       st.sampled_from(["{y}年{m}月{d}日", "{y}.{m}.{d}", "{y}/{m:02d}/{d:02d}", "{y}-{m}-{d}", "serial"]))
def test_any_date_in_any_written_form_reads_back(day, form):
    text = str((day - nz.EXCEL_EPOCH).days) if form == "serial" else form.format(y=day.year, m=day.month, d=day.day)
    assert nz.parse_date(text) == day
