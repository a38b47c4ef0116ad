-- 004_audit: the audit log, append-only (the code has no update or delete path for it).
-- One row per security-relevant action: login, import, rollback, edit, publish, freeze,
-- weight change, user administration, backup and restore.
--   actor   who did it (account name, OIDC e-mail, or the OS login for the CLI)
--   action  a short verb: login | logout | import | rollback | edit | publish | freeze | weights | user | backup | restore
--   detail  JSON object with what and counts, e.g. {"import_id": 3, "inserted": 10, "file": "x.xlsx"}
create sequence audit_log_seq start 1;
create table audit_log (
    audit_id   bigint primary key default nextval('audit_log_seq'),
    logged_at  timestamp not null,
    actor      varchar not null,
    action     varchar not null,
    detail     json
);
