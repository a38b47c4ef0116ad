"""Month arithmetic shared by every layer: month ends, the same day a year earlier, and the
command line's and URL's YYYY-MM month (its last day). Data months are first days (see ingest)."""
from __future__ import annotations

import datetime as dt
import re

from envboard.core.errors import UsageError

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month_end(text: str) -> dt.date:
    """'2022-12' → 2022-12-31 (the month's last day, an as-of date); UsageError for anything else."""
    m = _MONTH.match((text or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise UsageError(f"月份格式应为 YYYY-MM / month must be YYYY-MM, got “{text}”")
    return month_end(int(m.group(1)), int(m.group(2)))


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def same_day_last_year(day: dt.date) -> dt.date:
    """The same month end one year earlier (29 Feb → 28 Feb)."""
    return month_end(day.year - 1, day.month) if day == month_end(day.year, day.month) else day.replace(year=day.year - 1)
