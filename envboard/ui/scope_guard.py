"""A signed-in user's region applied to every named query a page runs.

The URL may name any scope; what is read is decided by the session's user. A viewer or editor with
a region gets only queries whose scope parameters lie in that region (the one exception: rankings of
the cities of their own province, which show each city's aggregate rate and nothing per record).
Administrators and the single user of open mode have no region.
"""
from __future__ import annotations

from envboard.security.auth import in_scope
from envboard.ui import auth_gate

SCOPED_PARAMS = ("scope_code", "city_code", "region_code")
PEER_QUERIES = frozenset({"closure_rate_by_city"})


def user_region() -> str | None:
    """The region the session's user is limited to (None: every region)."""
    user = auth_gate.current_user()
    return None if user is None or user.can("admin") else user.region


def province_of(code: str) -> str:
    return str(code)[:2] + "0000"


def allowed(name: str, params: dict, region: str | None, task_region=None) -> bool:
    """True when query `name` with `params` stays inside `region`."""
    if region is None:
        return True
    for key in SCOPED_PARAMS:
        code = params.get(key)
        if code is None or in_scope(region, str(code)):
            continue
        if name in PEER_QUERIES and str(code) == province_of(region):
            continue
        return False
    if "task_id" in params and task_region is not None:
        return in_scope(region, task_region(params["task_id"]) or "")
    return True
