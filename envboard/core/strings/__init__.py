"""Parts of the UI string table; see envboard/core/i18n.py."""
