"""The briefing's charts: plotly figures built from an edition's tables, and PNGs rendered server-side."""
from __future__ import annotations

import threading
import warnings

import pandas as pd
import plotly.graph_objects as go

from envboard import catalog
from envboard.core import charts
from envboard.briefing.layout import PERIODS, period_text
from envboard.core.i18n import t

_KALEIDO = threading.Lock()   # one kaleido server per process at a time
# (table key, bar label format) of each charted table, from the catalogue
CHARTS = [(m.key, f"{{value:.{m.places}f}}" + ("%" if m.unit == "share" else "")) for m in catalog.on("briefing_chart")]


def figures(ed: dict, lang: str = "zh") -> dict[str, go.Figure]:
    """{table key: horizontal ranking bar}; the scope's own city is highlighted; template plotly_white."""
    out = {}
    for key, label in CHARTS:
        frame = pd.DataFrame([r for r in ed["tables"][key] if r["value"] is not None])
        if frame.empty:
            continue
        frame["text"] = [label.format(value=v) for v in frame["value"]]
        title = t(f"briefing.chart.{key}", lang, period=period_text(ed, PERIODS[key], lang))
        fig = charts.ranking_bar(frame, "city_name", "value", title, highlight=ed["scope"]["name"], text="text")
        fig.update_layout(paper_bgcolor="white", plot_bgcolor="white", showlegend=False)     # template: ranking_bar's
        fig.update_traces(cliponaxis=False)
        fig.update_xaxes(range=[0, float(frame["value"].max()) * 1.15])
        out[key] = fig
    return out


def render_pngs(figs: dict[str, go.Figure], width: int = 900) -> dict[str, bytes]:
    """PNG bytes of each figure, with one kaleido browser for the whole batch."""
    import kaleido  # deferred: heavy (kaleido drives a browser; only for chart images)

    if not figs:
        return {}
    with _KALEIDO, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        kaleido.start_sync_server(silence_warnings=True)
        try:
            return {key: fig.to_image(format="png", width=width, height=int(fig.layout.height or 450), scale=2)
                    for key, fig in figs.items()}
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
