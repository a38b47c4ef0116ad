"""Parts of the UI string table; see envboard/i18n.py."""
