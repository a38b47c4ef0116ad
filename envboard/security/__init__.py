"""Accounts, the audit log and backups."""
