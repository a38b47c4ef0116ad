"""Errors shown to users as a message, never as a traceback."""
from __future__ import annotations


class UsageError(ValueError):
    """Bad user input to the CLI or a page (unknown region, malformed month …): exit code 2."""


class QueryParamsError(UsageError):
    """The parameters passed to a named query do not match the $params in its file."""

    def __init__(self, name: str, missing: set[str], extra: set[str]):
        super().__init__(f"query {name}: missing {sorted(missing)}, unexpected {sorted(extra)}")
        self.name, self.missing, self.extra = name, missing, extra
