"""销号率排名 — the 排行榜 with its closure preset (销号率, by standing); the selection in the URL is kept."""
from envboard.ui import rank_view

rank_view.open_preset("closure")
