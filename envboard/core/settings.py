"""Settings: one table with defaults and help text; each can be overridden by an environment variable."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("db_path", "ENVBOARD_DB", str(PROJECT_DIR / "data" / "envboard.duckdb"),
                "DuckDB file used by the app, the CLI and the tests"),
        Setting("store", "ENVBOARD_STORE", "embedded",
                "embedded (the DuckDB file db_path) or ducklake:postgres:<dsn> for server mode (docs/deploy.md)"),
        Setting("data_path", "ENVBOARD_DATA_PATH", "",
                "server mode: the shared folder (or s3:// prefix) of the DuckLake's Parquet files"),
        Setting("snapshot_path", "ENVBOARD_SNAPSHOT", str(PROJECT_DIR / "data" / "published.duckdb"),
                "published aggregate snapshot read by the public app"),
        Setting("cjk_font", "ENVBOARD_CJK_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                "CJK font (TTC, face 2 = Simplified Chinese) embedded in PDF exports"),
        Setting("cjk_font_bold", "ENVBOARD_CJK_FONT_BOLD", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                "bold CJK font for PDF headings"),
        Setting("editor_mode", "ENVBOARD_EDITOR", "1",
                "1 shows the data-import page to every user until roles are configured"),
        Setting("users_file", "ENVBOARD_USERS", str(PROJECT_DIR / "data" / "users.toml"),
                "local accounts (argon2 hashes); without it and without OIDC the app is single-user"),
        Setting("auth_mode", "ENVBOARD_AUTH", "auto",
                "auto: OIDC, local accounts or (nothing configured) open mode; open, local or oidc insist on one"),
        Setting("max_upload_mb", "ENVBOARD_MAX_UPLOAD_MB", "50",
                "largest file accepted by the data-import page, in MB"),
        Setting("briefing_issuers", "ENVBOARD_BRIEFING_ISSUERS", str(PROJECT_DIR / "data" / "briefing_issuers.toml"),
                "per-scope issuer, 文号 prefix, 主送 and 抄送 of the monthly 通报 (TOML; defaults from the scope name)"),
        Setting("audit_path", "ENVBOARD_AUDIT", "",
                "embedded mode: audit log file (hash-chained JSON lines); empty: <database file>.audit.jsonl beside "
                "the database. Server mode keeps the log in the catalog's PostgreSQL (table envboard_audit_log)"),
        Setting("file_mode", "ENVBOARD_FILE_MODE", "0600",
                "permissions of the database, audit log and backups EnvBoard writes (octal, e.g. 0600 or 0640)"),
        Setting("import_memory_mb", "ENVBOARD_IMPORT_MEMORY_MB", "1024",
                "address-space limit of the process that reads an uploaded workbook, in MB"),
        Setting("import_cpu_seconds", "ENVBOARD_IMPORT_CPU_SECONDS", "120",
                "CPU-time limit of the process that reads an uploaded workbook, in seconds"),
        Setting("display_timezone", "ENVBOARD_TIMEZONE", "Asia/Shanghai",
                "time zone in which times (imports, audit log, drafts, editions) are shown; stored times are UTC"),
        Setting("at_risk_days", "ENVBOARD_AT_RISK_DAYS", "30",
                "a task due within this many days and not done is at risk"),
        Setting("public_issuer", "ENVBOARD_PUBLIC_ISSUER", "",
                "issuing authority named on the public pages and static site, 'zh|en' (empty: <province>生态环境厅)"),
        Setting("public_contact", "ENVBOARD_PUBLIC_CONTACT", "",
                "contact (telephone, e-mail, address) on the public pages and static site, 'zh|en'; empty: none shown"),
        Setting("pm25_decimals", "ENVBOARD_PM25_DECIMALS", "0",
                "PM2.5 decimals shown and ranked: 0 (MEE) or 1, per scope as '0,360000=1' (GB/T 8170 either way)"),
    ]
}


def get_setting(name: str) -> str:
    """The setting's value: its environment variable if set and non-empty, else its default."""
    s = SETTINGS[name]
    return os.environ.get(s.env) or s.default


def pm25_decimals(scope_code: str) -> int:
    """PM2.5 decimals for a scope from the pm25_decimals setting: the scope's own entry, else its
    province's, else the default (first bare number). '0,360000=1' → 1 in 江西 and its cities, 0 elsewhere."""
    default, by_scope = 0, {}
    for part in get_setting("pm25_decimals").replace(" ", "").split(","):
        key, sep, value = part.partition("=")
        if not part:
            continue
        if value not in ("0", "1") and key not in ("0", "1"):
            raise ValueError(f"pm25_decimals: expected 0 or 1 per scope, got {part!r}")
        if sep:
            by_scope[key] = int(value)
        else:
            default = int(key)
    code = scope_code or ""
    return by_scope.get(code, by_scope.get(code[:2] + "0000", default))
