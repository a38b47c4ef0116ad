"""Office layouts on top of the raw cell grid: which rows of a sheet are the table.

Everything here works on a list of rows (lists of cell text or None) or on a chunk's DataFrame, and
knows nothing about how the grid was read (that is `readers`): the seam between the two stays one
list of rows per sheet.

- sheets that are instructions or summaries (填表说明, 汇总) are skipped;
- rows below the table that are notes or statistics (注, 备注, 数据来源, 填报人, 月均值, 最大值 …)
  end the table and are reported, not read as data;
- a one-cell row inside the table (一、大气污染防治（12项）) is a group label: it is carried to the rows
  below it as the column GROUP_HEADER, so a ledger without a 类别 column still gets its categories;
- regions split over two columns (盟市 + 旗县区) are read as one region;
- a row whose key cells (序号, 编号, 地区) are all blank continues the record above it (vertically merged
  cells): its text is joined to that record's.
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

GROUP_HEADER = "分组标题"
MERGED_PREFIX = "并入行政区域："
_SKIP_SHEETS = re.compile(r"填表说明|填报说明|说明|汇总|统计表|目录|封面|字典|示例|模板说明")
_NOTE = re.compile(r"^(注[:：\s1-9①]|注$|备注[:：]|说明[:：]|数据来源|资料来源|填表人|填报人|制表人?|审核人?|联系人|"
                   r"联系电话|负责人[:：]|单位负责人|月均值|月平均|平均值|均值|最大值|最小值|超标率|达标率|样本数|有效天数)")
_GROUP = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)、.．]|^第[一二三四五六七八九十]+[部类]|(防治|保护|治理|方面|问题|类)[（(]?\d*[项件个]?[）)]?$")
_CITY_COLUMN = re.compile(r"^(盟市|地市|市州|市|设区市|所属城市|城市|所属市|地级市)$")
_COUNTY_COLUMN = re.compile(r"^(旗县区|旗县市区|县区|区县|县市区|县（市、区）|县\(市、区\)|所属区县|县（区）)$")


def skip_sheet(name: str | None) -> bool:
    """True for a sheet that holds instructions or a summary, not ledger rows."""
    return bool(name and _SKIP_SHEETS.search(unicodedata.normalize("NFKC", name).replace(" ", "")))


def _text(cell) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(cell))) if cell is not None else ""


def filled(row: list) -> list[tuple[int, str]]:
    """(column, text) of the non-blank cells of a row."""
    return [(i, _text(c)) for i, c in enumerate(row) if c is not None and _text(c)]


def is_note_row(row: list) -> bool:
    """A row below the table: 注：…, 数据来源：…, 填报人, 月均值/最大值/最小值 statistics."""
    cells = filled(row)
    return bool(cells) and cells[0][0] <= 2 and bool(_NOTE.match(cells[0][1]))


def table_end(rows: list[list]) -> int:
    """The index (within `rows`, the data rows) where notes or statistics below the table begin."""
    for i, row in enumerate(rows):
        if is_note_row(row):
            return i
    return len(rows)


def is_group_row(row: list, width: int) -> bool:
    """One text cell in a table of 3+ columns that reads like a section label (一、大气污染防治)."""
    cells = filled(row)
    return width >= 3 and len(cells) == 1 and not re.fullmatch(r"[\d.\-/]+", cells[0][1]) \
        and bool(_GROUP.search(cells[0][1]))


def group_label(text: str) -> str:
    """一、大气污染防治（12项） → 大气污染防治."""
    text = _text(text)
    text = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]", "", text)
    return re.sub(r"[（(]\d*[项件个]?[）)]$", "", text)


def carry_groups(header: list, rows: list[list]) -> tuple[list, list[list], list[int]]:
    """(header, rows, indices of group rows): group rows blanked, their label added as GROUP_HEADER."""
    width = len(header)
    if not any(is_group_row(r, width) for r in rows):
        return header, rows, []
    out, dropped, label = [], [], None
    for i, row in enumerate(rows):
        if is_group_row(row, width):      # kept as a blank row so that file row numbers stay right
            label, _ = group_label(filled(row)[0][1]), dropped.append(i)
            out.append([None] * (width + 1))
            continue
        out.append((list(row) + [None] * width)[:width] + [label])
    return list(header) + [GROUP_HEADER], out, dropped


def region_columns(header: list) -> tuple[int, int] | None:
    """(city column, county column) when the region is split over two columns (盟市 + 旗县区)."""
    keys = [_text(h) for h in header]
    city = next((i for i, k in enumerate(keys) if _CITY_COLUMN.match(k)), None)
    county = next((i for i, k in enumerate(keys) if _COUNTY_COLUMN.match(k)), None)
    return (city, county) if city is not None and county is not None else None


def join_regions(header: list, rows: list[list]) -> tuple[list, list[list]]:
    """The city column becomes 行政区域 holding city + county (a blank city repeats the one above, as a
    vertically merged cell does); the county column is marked as merged into it."""
    cols = region_columns(header)
    if cols is None:
        return header, rows
    city, county = cols
    header = list(header)
    header[city], header[county] = "行政区域", MERGED_PREFIX + str(header[county])
    last, out = None, []
    for row in rows:
        row = list(row) + [None] * (len(header) - len(row))
        c = _text(row[city]) or last
        last = c
        row[city] = (c or "") + _text(row[county]) or None
        out.append(row)
    return header, out


def fold_continuations(frame: pd.DataFrame, keys: list[int], texts: list[int]) -> tuple[pd.DataFrame, list[int]]:
    """Rows whose key cells are all blank but that have text: joined (with a line break) to the record
    above, as when 序号/编号/地区 cells are merged over one record's rows. Returns the frame and the
    file rows folded."""
    if not keys or frame.empty:
        return frame, []
    blank = frame[keys].isna().all(axis=1) | frame[keys].apply(lambda s: s.str.strip() == "").all(axis=1)
    has_text = frame.drop(columns="_row").notna().any(axis=1)
    cont = blank & has_text
    cont.iloc[0] = False
    if not cont.any():
        return frame, []
    frame = frame.copy()
    owner = (~cont).cumsum()
    for col in texts:
        joined = frame.groupby(owner)[col].agg(lambda s: "\n".join(v for v in s.dropna() if str(v).strip()) or None)
        frame[col] = owner.map(joined).where(~cont, None)
    folded = [int(r) for r in frame.loc[cont, "_row"]]
    return frame[~cont], folded
