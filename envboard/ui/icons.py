"""Browser-tab icons served from the repository: a `:material/…` page icon makes the browser fetch
the icon font from a CDN, which an intranet cannot reach."""
from __future__ import annotations

from pathlib import Path

_ASSETS = Path(__file__).resolve().parent / "assets"
APP_ICON = str(_ASSETS / "favicon.png")
PUBLIC_ICON = str(_ASSETS / "favicon_public.png")
