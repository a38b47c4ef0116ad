"""What every reader shares: the text form of a cell and the error a reader raises.

Kept free of pandas so that the sandboxed reader process (`sandbox.py`) starts small."""
from __future__ import annotations

import datetime as dt


class ReadError(Exception):
    """A file-level problem; `key` is a message key of envboard.ingest.messages. `sheet`, `row`,
    `column` and `value` say where, when known."""

    def __init__(self, key: str, sheet: str | None = None, row: int | None = None, column: str | None = None,
                 value: str | None = None, **params):
        super().__init__(key)
        self.key, self.params = key, params
        self.sheet, self.row, self.column, self.value = sheet, row, column, value


def cell_text(value) -> str | None:
    """A cell as text: dates ISO, whole floats without '.0', booleans 是/否."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return repr(value)
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    return text if text.strip() else None
