"""会议模式 — one section of a briefing edition per screen, in large type, for a projector."""
from envboard.ui import briefing_view as view
from envboard.ui import filters

ed = view.frozen_edition() or view.live_edition(filters.scope_and_month(key="meet"))
view.meeting(ed)
