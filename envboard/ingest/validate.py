"""Row errors and the vectorised column checks that produce them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from envboard.ingest.messages import message
from envboard.ingest.normalize import Invalid, clean_text

MAX_KEPT = 1000
# an unreadable word an editor can map to a known value (see envboard.ingest.valuemap)
UNKNOWN_WORD_KEYS = frozenset({"ingest.err.bad_status", "ingest.err.bad_task_status", "ingest.err.bad_substantiated",
                               "ingest.err.bad_pollution_type", "ingest.err.bad_category", "ingest.err.bad_action_kind",
                               "ingest.err.bad_bool"})     # errors kept for display per severity; all are counted


@dataclass(frozen=True)
class RowError:
    """One problem: where it is in the original file, what is wrong (a message key), the value."""
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message_key: str
    value: str | None = None
    severity: str = "error"          # error | warning
    params: tuple = ()               # (name, value) pairs for the message's placeholders

    def reason(self, lang: str = "zh") -> str:
        return message(self.message_key, lang, **{"value": self.value or "", **dict(self.params)})

    def as_dict(self, lang: str = "zh") -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": self.value, "reason": self.reason(lang), "severity": self.severity,
                "message_key": self.message_key}


@dataclass
class ErrorLog:
    """Errors and warnings of one file: the first MAX_KEPT of each kept, all counted."""
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    n_errors: int = 0
    n_warnings: int = 0
    unknown: dict = field(default_factory=dict)   # (field, column, value, key) → [rows, first row, sheet]

    def note_unknown(self, name: str, column: str, value: str, key: str, rows: int, first: int, sheet) -> None:
        """Count an unreadable word of a column, for the dry run's grouped list."""
        entry = self.unknown.setdefault((name, column, value, key), [0, first, sheet])
        entry[0] += rows

    def add(self, err: RowError) -> None:
        if err.severity == "error":
            self.n_errors += 1
            if len(self.errors) < MAX_KEPT:
                self.errors.append(err)
        else:
            self.n_warnings += 1
            if len(self.warnings) < MAX_KEPT:
                self.warnings.append(err)

    def count(self, severity: str, n: int) -> None:
        """Count `n` more problems that are not kept."""
        if severity == "error":
            self.n_errors += n
        else:
            self.n_warnings += n

    def file_error(self, file: str, key: str, severity: str = "error", **params) -> None:
        self.add(RowError(file, None, None, None, key, None, severity, tuple(params.items())))

    @property
    def ok(self) -> bool:
        return self.n_errors == 0

    def sorted(self) -> list[RowError]:
        """Errors then warnings, each in file order."""
        def order(e: RowError):
            return (e.sheet or "", e.row or 0, e.column or "")
        return sorted(self.errors, key=order) + sorted(self.warnings, key=order)


@dataclass
class Chunk:
    """One chunk of a table being validated: raw cells, where they came from, the bad-row mask."""
    file: str
    sheet: str | None
    frame: pd.DataFrame                 # raw text columns 0..n-1 and "_row"
    columns: dict[str, int]             # canonical column → raw column index
    header: list
    log: ErrorLog
    bad: pd.Series = None               # rows with an error
    labels: dict = field(default_factory=dict)   # canonical column → header shown for a missing column

    def __post_init__(self):
        if self.bad is None:
            self.bad = pd.Series(False, index=self.frame.index)

    def has(self, name: str) -> bool:
        return name in self.columns

    def raw(self, name: str) -> pd.Series:
        """The column's raw text (all None when the file lacks it)."""
        if name not in self.columns:
            return pd.Series(None, index=self.frame.index, dtype="str")
        return self.frame[self.columns[name]]

    def header_of(self, name: str) -> str:
        return str(self.header[self.columns[name]]) if name in self.columns else self.labels.get(name, name)

    def flag(self, mask: pd.Series, name: str, key: str, severity: str = "error", values=None, **params):
        """Record `key` for every row in `mask`; errors mark the rows bad."""
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        values = self.raw(name) if values is None else values
        kept = self.log.errors if severity == "error" else self.log.warnings
        room = max(0, MAX_KEPT - len(kept))
        picked = mask[mask].index[:room]
        for row, value in zip(self.frame.loc[picked, "_row"], values[picked]):
            self.log.add(RowError(self.file, self.sheet, int(row), self.header_of(name), key,
                                  None if pd.isna(value) else str(value), severity, tuple(params.items())))
        self.log.count(severity, int(mask.sum()) - len(picked))
        if severity == "error":
            self.bad |= mask


def parse_column(chunk: Chunk, name: str, parse: Callable, required: bool = False) -> pd.Series:
    """The column parsed cell by cell over its distinct values; failures are flagged."""
    raw = chunk.raw(name)
    results, failures = {}, {}
    for value in raw.dropna().unique():
        try:
            results[value] = parse(value)
        except Invalid as exc:
            failures[value] = exc
    out = raw.map(results) if results else pd.Series(None, index=raw.index, dtype=object)
    out = out.astype(object).where(out.notna(), None)
    for value, exc in failures.items():
        mask = raw == value
        chunk.flag(mask, name, exc.key, **exc.params)
        if exc.key in UNKNOWN_WORD_KEYS:
            word = exc.params.get("value", value)
            chunk.log.note_unknown(name, chunk.header_of(name), word, exc.key, int(mask.sum()),
                                   int(chunk.frame.loc[mask, "_row"].min()), chunk.sheet)
    if required:
        chunk.flag(out.isna() & ~raw.isin(list(failures)), name, "ingest.err.required")
    return out


def text_column(chunk: Chunk, name: str, required: bool = False) -> pd.Series:
    """Free text trimmed, kept as written (full-width punctuation is part of Chinese text)."""
    raw = chunk.raw(name)
    out = raw.str.strip()
    out = out.where(out.notna() & (out != ""), None)
    if required:
        chunk.flag(out.isna(), name, "ingest.err.required")
    return out


def code_column(chunk: Chunk, name: str, required: bool = False) -> pd.Series:
    """A code (task number, station id …) normalised with NFKC and without inner spaces."""
    out = parse_column(chunk, name, lambda v: (clean_text(v) or "").replace(" ", "") or None)
    if required:
        chunk.flag(out.isna(), name, "ingest.err.required")
    return out
