"""Data import (数据导入): spreadsheets of tasks, progress, petitions, supervision, air and water data.

Public API (envboard.ingest.api): preview(), commit(), history(), rollback(); PreviewResult.
CLI (envboard.ingest.cli): import, template, imports, rollback. Messages: envboard.ingest.messages.
"""
