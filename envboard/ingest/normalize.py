"""Cell normalisers: Chinese dates, numbers, yes/no, status and type words, 受理编号 and batches.

Each parser takes one cell's text and returns the canonical value, None for an empty cell, or raises
`Invalid(message_key)`. Region names are resolved by `regionindex.RegionIndex`.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

EXCEL_EPOCH = dt.date(1899, 12, 30)
_EMPTY = {"", "-", "--", "—", "——", "/", "nan", "na", "n/a", "none", "null", "#n/a"}


class Invalid(ValueError):
    """A cell that cannot be read; args[0] is the message key."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


def clean_text(value) -> str | None:
    """NFKC (full-width digits, letters, spaces and punctuation → ASCII), trimmed; None when empty."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).replace("\u3000", " ").strip()
    return None if text.lower() in _EMPTY else text


def compact(value) -> str | None:
    """clean_text without any inner whitespace (for header cells and code words)."""
    text = clean_text(value)
    return None if text is None else re.sub(r"\s+", "", text)


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})(?:日|$)"),
    re.compile(r"^(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def parse_date(value) -> dt.date | None:
    """2022年5月20日, 2022.5.20, 2022/05/20, 2022-5-20, 20220520, Excel serial 44701, '2022-05-20 00:00:00'."""
    text = clean_text(value) if not isinstance(value, (dt.date, dt.datetime)) else None
    if text is not None:      # drop a midnight time part ("2022-05-20 00:00:00"), then all spaces
        text = re.sub(r"\s+", "", re.sub(r"[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)) or None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if text is None:
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):          # Excel serial day number (1955–2173)
        serial = float(text)
        if 20000 <= serial <= 100000:
            return EXCEL_EPOCH + dt.timedelta(days=int(serial))
        raise Invalid("ingest.err.bad_date")
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise Invalid("ingest.err.bad_date") from None
    raise Invalid("ingest.err.bad_date")


_DATETIME = re.compile(r"^(\d{4})[./\-年](\d{1,2})[./\-月](\d{1,2})日?\s*[T ]?\s*(\d{1,2})(?::(\d{2}))?(?::\d{2})?时?$")


def parse_hour(value) -> dt.datetime | None:
    """A timestamp to the hour: '2024-05-01 13:00', '2024年5月1日13时', Excel serial 45413.5416."""
    text = clean_text(value)
    if text is None:
        return None
    if re.fullmatch(r"\d{5}\.\d+", text):
        serial = float(text)
        return dt.datetime.combine(EXCEL_EPOCH, dt.time()) + dt.timedelta(hours=round(serial * 24))
    m = _DATETIME.match(re.sub(r"\s+", " ", text))
    if not m:
        raise Invalid("ingest.err.bad_date")
    try:
        return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]))
    except ValueError:
        raise Invalid("ingest.err.bad_date") from None


def parse_month(value) -> dt.date | None:
    """The first day of the month: 2022年5月, 2022-05, 2022.5, 202205 or any full date."""
    text = compact(value)
    if text is None:
        return None
    m = re.fullmatch(r"(\d{4})(?:年|[./\-])?(\d{1,2})月?", text)
    if m and 1 <= int(m[2]) <= 12:
        return dt.date(int(m[1]), int(m[2]), 1)
    try:
        day = parse_date(text)
    except Invalid:
        raise Invalid("ingest.err.bad_month") from None
    return day.replace(day=1)


def parse_number(value) -> float | None:
    """A decimal number: '1,234.5', '１２' (full width), '91.9%' → 0.919."""
    text = compact(value)
    if text is None:
        return None
    pct = text.endswith("%")
    text = text.rstrip("%").replace(",", "")
    try:
        number = float(text)
    except ValueError:
        raise Invalid("ingest.err.bad_number") from None
    if number != number:
        raise Invalid("ingest.err.bad_number")
    return number / 100 if pct else number


def parse_share(value) -> float | None:
    """A share as 0–1: '91.9%' and '0.919' → 0.919; '91.9' (no sign, > 1) → 0.919."""
    number = parse_number(value)
    if number is None:
        return None
    return number / 100 if number > 1 else number


def parse_int(value) -> int | None:
    """A whole number ≥ 0: '3', '3.0', '３人' → 3; 无 → 0."""
    text = compact(value)
    if text is None:
        return None
    if text in {"无", "没有", "否"}:
        return 0
    m = re.fullmatch(r"(\d+)(?:\.0+)?(人|件|次|个|家)?", text)
    if not m:
        raise Invalid("ingest.err.bad_integer")
    return int(m[1])


def count_people(value) -> int:
    """People held accountable, read from free text: '无' → 0, '问责3人，约谈2人' → 5; unreadable → 0."""
    text = clean_text(value)
    if text is None:
        return 0
    bare = re.fullmatch(r"(\d+)(?:\.0+)?", text)
    if bare:                                   # a people column holding just the number: '3'
        return int(bare[1])
    return sum(int(n) for n in re.findall(r"(\d+)\s*(?:人|名)", text))


_YES = {"是", "√", "✓", "✔", "y", "yes", "true", "1", "对", "有", "纳入", "纳入销号管理", "已纳入"}
_NO = {"否", "×", "✗", "✘", "x", "n", "no", "false", "0", "无", "不是", "不纳入", "不纳入销号管理", "未纳入"}


def parse_bool(value) -> bool | None:
    """是/否, √/×, Y/N, yes/no, 1/0."""
    text = compact(value)
    if text is None:
        return None
    low = text.lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    raise Invalid("ingest.err.bad_bool")


def _lookup(table: dict[str, str], key: str):
    def parse(value) -> str | None:
        text = compact(value)
        if text is None:
            return None
        found = table.get(text.lower())
        if found is None:
            raise Invalid(key)
        return found
    return parse


# 是否办结 → closed | staged | open
PETITION_STATUS = {
    "已办结": "closed", "办结": "closed", "是": "closed", "已完成": "closed", "完成": "closed",
    "已整改": "closed", "已整改到位": "closed", "√": "closed",
    "阶段性办结": "staged", "阶段办结": "staged", "阶段性完成": "staged",
    "未办结": "open", "正在办理": "open", "办理中": "open", "正在整改": "open", "整改中": "open",
    "否": "open", "未完成": "open", "×": "open",
    # as offices write them (2024 ledgers): qualifiers in brackets
    "已办结(已回访)": "closed", "办结(已回访)": "closed", "已办结,已回访": "closed", "已办结并回访": "closed",
    "阶段性办结(长期整改)": "staged", "阶段性办结(长期坚持)": "staged", "阶段性办结(持续整改)": "staged",
    "正在办理中": "open", "办理中(正在整改)": "open", "正在调查处理": "open", "调查处理中": "open",
}
# 是否属实 → yes | partly | no.  基本属实 counts as yes: the ministry's 边督边改 tables put it
# with 属实 when counting substantiated petitions, and 部分属实 is the only partial category.
SUBSTANTIATED = {
    "属实": "yes", "基本属实": "yes", "是": "yes", "√": "yes",
    "部分属实": "partly", "部分": "partly",
    "不属实": "no", "否": "no", "×": "no", "查无实据": "no",
    "属实(部分)": "partly", "部分属实(基本属实)": "partly", "部份属实": "partly",
    "经核查不属实": "no", "经核实不属实": "no", "经调查不属实": "no", "反映问题不属实": "no",
    "经核查属实": "yes", "经核实属实": "yes", "情况属实": "yes", "查实": "yes", "基本属实(属实)": "yes",
}
POLLUTION_TYPE = {
    "大气": "air", "大气污染": "air", "废气": "air", "扬尘": "air", "扬尘污染": "air", "油烟": "air",
    "异味": "air", "臭气": "air", "air": "air",
    "水": "water", "水污染": "water", "废水": "water", "污水": "water", "water": "water",
    "噪声": "noise", "噪音": "noise", "噪声污染": "noise", "噪音污染": "noise", "noise": "noise",
    "生态": "ecology", "生态破坏": "ecology", "生态破坏类": "ecology", "生态环境": "ecology", "ecology": "ecology",
    "土壤": "soil", "土壤污染": "soil", "soil": "soil",
    "固废": "solid_waste", "固体废物": "solid_waste", "固废污染": "solid_waste", "垃圾": "solid_waste",
    "危废": "solid_waste", "solid_waste": "solid_waste",
    "辐射": "radiation", "辐射污染": "radiation", "电磁辐射": "radiation", "radiation": "radiation",
    "其他": "other", "其他类型": "other", "其他污染": "other", "其它": "other", "other": "other",
}
TASK_STATUS = {
    "已销号": "closed", "销号": "closed", "closed": "closed",
    "已完成": "done", "完成": "done", "已完成整改": "done", "是": "done", "done": "done",
    "达到序时进度": "on_schedule", "序时推进": "on_schedule", "按序时推进": "on_schedule", "on_schedule": "on_schedule",
    "正在推进": "in_progress", "推进中": "in_progress", "正在整改": "in_progress", "整改中": "in_progress",
    "未完成": "in_progress", "否": "in_progress", "in_progress": "in_progress",
    "未启动": "not_started", "未开始": "not_started", "not_started": "not_started",
    # 基本完成 is not done: provinces report it apart from 已完成 (完成X项、基本完成Y项)
    "基本完成": "on_schedule", "达到时序进度": "on_schedule", "未达到序时进度": "in_progress", "滞后": "in_progress",
    "已完成(待销号)": "done", "已完成待销号": "done", "完成待销号": "done", "已完成(已销号)": "closed",
    "已完成并销号": "closed", "已完成销号": "closed", "正在整改中": "in_progress", "持续推进": "in_progress",
}
CATEGORY = {
    "大气": "air", "大气污染": "air", "air": "air", "水": "water", "水污染": "water", "water": "water",
    "土壤": "soil", "土壤污染": "soil", "soil": "soil", "固废": "waste", "固体废物": "waste", "waste": "waste",
    "生态": "ecology", "生态破坏": "ecology", "生态保护": "ecology", "ecology": "ecology",
    "其他": "other", "其它": "other", "other": "other",
    "固体废物污染": "waste", "危险废物": "waste", "生态保护修复": "ecology", "自然保护地": "ecology",
    "矿山生态修复": "ecology", "生物多样性保护": "ecology", "海洋": "water", "饮用水水源": "water",
}
ACTION_KIND = {
    "函告": "letter", "督办函": "letter", "letter": "letter", "通报": "notice", "通报批评": "notice",
    "notice": "notice", "约谈": "interview", "interview": "interview", "问责": "accountability",
    "追责问责": "accountability", "accountability": "accountability", "现场督办": "onsite",
    "现场检查": "onsite", "onsite": "onsite",
    "提醒函": "letter", "督办/提醒函": "letter", "警示函": "letter", "预警函": "letter", "挂牌督办": "letter",
    "公开约谈": "interview", "约谈(公开)": "interview", "追责": "accountability", "移交问责": "accountability",
    "现场督导": "onsite", "现场督察": "onsite",
}

_FIELD_SUFFIX = re.compile(r"(污染防治|污染治理|保护修复|防治|治理|保护|整治|污染类|类|方面|问题|领域)$")
_LEADING_NUMBER = re.compile(r"^[(]?[一二三四五六七八九十\d]+[)、.]")


def _category_words(text: str) -> list[str]:
    """大气污染防治 → [大气污染防治, 大气污染, 大气]: the word, then without its suffix."""
    text = _LEADING_NUMBER.sub("", text)
    text = re.sub(r"\(\d*[项件个]?\)$", "", text)
    out = [text]
    while (shorter := _FIELD_SUFFIX.sub("", out[-1])) != out[-1] and shorter:
        out.append(shorter)
    return out


def _words(table: dict[str, str], key: str, variants=None):
    """A parser over `table`; `variants(text)` gives other spellings to try (bracket and suffix forms)."""
    def parse(value) -> str | None:
        text = compact(value)
        if text is None:
            return None
        for candidate in (variants(text) if variants else [text]):
            found = table.get(candidate.lower())
            if found is not None:
                return found
        raise Invalid(key, value=text)
    return parse


def _without_brackets(text: str) -> list[str]:
    """已办结(已回访) → [已办结(已回访), 已办结]."""
    bare = re.sub(r"\(.*?\)", "", text)
    return [text, bare] if bare and bare != text else [text]


parse_petition_status = _words(PETITION_STATUS, "ingest.err.bad_status", _without_brackets)
parse_substantiated = _words(SUBSTANTIATED, "ingest.err.bad_substantiated")
parse_task_status = _words(TASK_STATUS, "ingest.err.bad_task_status", _without_brackets)
parse_category = _words(CATEGORY, "ingest.err.bad_category", _category_words)
parse_action_kind = _words(ACTION_KIND, "ingest.err.bad_action_kind")
parse_pollution_type = _pollution_one = _words(POLLUTION_TYPE, "ingest.err.bad_pollution_type", _category_words)


def parse_pollution_types(value, one=None) -> list[str] | None:
    """'大气' → ['air']; '大气、噪声' → ['air', 'noise'] (one petition may name several); `one` parses a part."""
    text = compact(value)
    if text is None:
        return None
    parts = [p for p in re.split(r"[、,，;；/和及+]", text) if p]
    return list(dict.fromkeys((one or _pollution_one)(p) for p in parts)) or None


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int:
    """十七 → 17, 三十二 → 32, 一百零五 → 105, '31' → 31."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            raise ValueError(text)
    return total + current


_BATCH = re.compile(r"第\s*([0-9一二三四五六七八九十百零〇两]+)\s*批|batch[_\- ]?(\d+)", re.I)


def batch_from_text(text: str | None) -> int | None:
    """The batch number in a file name or title: 第十七批 / 第17批 / batch17 → 17; None if absent."""
    if not text:
        return None
    m = _BATCH.search(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    return chinese_number(m[1]) if m[1] else int(m[2])


_PETITION_ID = re.compile(r"^(?:第\s*(\d+)\s*批\s*)?([A-Z]\d{0,2}[A-Z]{2}\d{8}\d{3,5}|[A-Za-z0-9\-_/]{4,40})$")


def split_petition_id(value) -> tuple[str | None, int | None]:
    """'第31批 D3GS202312200043' → ('D3GS202312200043', 31); 'D3JX202405240023' → (…, None)."""
    text = clean_text(value)
    if text is None:
        return None, None
    m = _PETITION_ID.match(re.sub(r"\s+", " ", text).upper().replace("第 ", "第").replace("批 ", "批"))
    if not m:
        raise Invalid("ingest.err.bad_petition_id")
    return m[2], int(m[1]) if m[1] else None


def date_in_petition_id(petition_id: str | None) -> dt.date | None:
    """The hand-over date coded in a central 受理编号: D3JX20240524 0023 → 2024-05-24."""
    m = re.match(r"^[A-Z]\d{0,2}[A-Z]{2}(\d{4})(\d{2})(\d{2})\d{3,5}$", petition_id or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
