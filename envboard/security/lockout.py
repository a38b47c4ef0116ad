"""Lock-out with back-off, per account and per client, computed from the audit log's sign-in entries.

After FREE_FAILURES failed sign-ins in a row (no success in between, within WINDOW), each further
attempt must wait BASE_DELAY × 2^(failures − FREE_FAILURES), at most MAX_DELAY. The same rule applies
to the account name tried and to the client address, so neither guessing one account's password
nor trying many accounts from one client gets far. Nothing is kept in process memory: every
replica reading the same audit log agrees.
"""
from __future__ import annotations

import datetime as dt

FREE_FAILURES = 5
BASE_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(hours=1)
WINDOW = dt.timedelta(hours=24)
TAIL = 5000          # only the newest entries matter


def _failures(entries: list[dict], key: str, value: str, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Failed sign-ins for key=value since its last success (within WINDOW), and the latest one's time."""
    count, latest = 0, None
    for e in reversed(entries):
        at = dt.datetime.fromisoformat(e["at"])
        if now - at > WINDOW:
            break
        if e["detail"].get(key) != value:
            continue
        if e["action"] == "login" and key == "account":
            break
        if e["action"] == "login_failed":
            count += 1
            latest = latest or at
    return count, latest


def wait_seconds(entries: list[dict], account: str, client: str, now: dt.datetime | None = None) -> int:
    """Seconds until the next attempt for this account from this client is allowed (0: now)."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    recent = [e for e in entries[-TAIL:] if e["action"] in ("login", "login_failed")]
    waits = []
    for key, value in (("account", account), ("client", client)):
        if not value:
            continue
        n, latest = _failures(recent, key, value, now)
        if n >= FREE_FAILURES and latest is not None:
            delay = min(BASE_DELAY * 2 ** (n - FREE_FAILURES), MAX_DELAY)
            waits.append((latest + delay - now).total_seconds())
    return max(0, int(max(waits, default=0)) + (1 if waits and max(waits) > 0 else 0))
