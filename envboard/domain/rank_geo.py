"""City shapes for the map: GB/T 2260-coded GeoJSON shipped in data/geo (no tiles, no downloads)."""
from __future__ import annotations

import functools
import json
from math import cos, isnan, radians

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from envboard.core import charts
from envboard.core.regions import MUNICIPALITIES
from envboard.core.settings import PROJECT_DIR

GEO_DIR = PROJECT_DIR / "data" / "geo"
_DROP_NAMES = {"南海诸岛", "九段线"}
# sequential, one hue (ColorBrewer Blues, stopping short of the darkest so black labels stay legible):
# darker = higher; readable with any colour blindness
SCALE = [[0.0, "#f7fbff"], [0.25, "#deebf7"], [0.5, "#c6dbef"], [0.75, "#9ecae1"], [1.0, "#6baed6"]]
NO_DATA = "#e5e5e5"


@functools.cache
def _features(name: str) -> tuple:
    doc = json.loads((GEO_DIR / f"{name}.geojson").read_text(encoding="utf-8"))
    keep = []
    for f in doc["features"]:
        props = f.get("properties") or {}
        code = str(props.get("adcode", ""))
        if props.get("name") in _DROP_NAMES or not code.isdigit() or code.endswith("_JD"):
            continue            # the South China Sea inset and unnamed lines are not cities
        keep.append(f)
    return tuple(keep)


def shapes(scope_code: str) -> tuple[dict, list[str], list[str]]:
    """(GeoJSON with feature ids, feature ids, the city code each feature counts for) for a scope:
    Jiangxi's cities from jiangxi_cities.geojson, else the national city file (a municipality is
    drawn as its districts, each counting for the municipality)."""
    name = "jiangxi_cities" if scope_code == "360000" else "china_cities"
    feats, ids, cities = [], [], []
    for f in _features(name):
        props = f["properties"]
        code = str(props["adcode"])
        province = str(props.get("province_adcode") or code[:2] + "0000")
        city = province if province in MUNICIPALITIES else code
        if props.get("level") == "province" or (scope_code not in ("000000", province) and city != scope_code):
            continue
        feats.append({**f, "id": code})
        ids.append(code)
        cities.append(city)
    return {"type": "FeatureCollection", "features": feats}, ids, cities


def _rings(geometry: dict, step: int) -> list[list]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring[::step] + [ring[0]] for poly in polys for ring in poly[:1]]      # outer rings only


def _bin_colour(value, low: float, high: float, reverse: bool, bins: int = 9) -> str:
    if value is None or isnan(value):
        return NO_DATA
    share = 0.5 if high == low else (value - low) / (high - low)
    share = 1 - share if reverse else share
    return sample_colorscale(SCALE, [round(share * (bins - 1)) / (bins - 1)])[0]


def _reference_ticks(low: float, high: float, reference: tuple[float, str]) -> dict:
    """Legend ticks at the ends and at the reference value, which is named (e.g. "35 标准")."""
    vals = sorted({round(low), round(reference[0]), round(high)})
    return {"tickvals": vals, "ticktext": [reference[1] if v == round(reference[0]) else f"{v:g}" for v in vals],
            "ticks": "outside"}


def choropleth(geo: dict, ids: list[str], values: list, texts: list[str], cities: list[str], title: str,
               reverse: bool, labels: list[str] | None = None, legend: str = "",
               anchor: tuple[float, float] | None = None, reference: tuple[float, str] | None = None) -> go.Figure:
    """Cities filled by value on plain axes (plotly's geo layer fetches a world map from a CDN, so it is
    not used); a clickable marker at each city centre carries the city code in customdata, and each
    city is labelled with `labels` (name and value). `anchor` fixes the scale's ends (e.g. 0 to the
    35 μg/m³ standard) instead of the data's; `reference` marks a value (the standard) on the legend."""
    known = [v for v in values if v is not None and not isnan(v)]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    if anchor:
        low, high = min(anchor[0], low), max(anchor[1], high)
    step = 1 if len(ids) < 50 else 6
    groups: dict[str, tuple[list, list]] = {}
    for feature, value in zip(geo["features"], values):
        xs, ys = groups.setdefault(_bin_colour(value, low, high, reverse), ([], []))
        for ring in _rings(feature["geometry"], step):
            xs.extend([pt[0] for pt in ring] + [None])
            ys.extend([pt[1] for pt in ring] + [None])
    fig = go.Figure([go.Scatter(x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines", hoverinfo="skip",
                                line={"color": "white", "width": 0.6}, showlegend=False)
                     for colour, (xs, ys) in groups.items()])
    centres = [f["properties"].get("centroid") or f["properties"].get("center") for f in geo["features"]]
    has = [i for i, v in enumerate(values) if v is not None and not isnan(v)]
    fig.add_trace(go.Scatter(
        x=[centres[i][0] for i in has], y=[centres[i][1] for i in has], mode="markers+text" if labels else "markers",
        customdata=[cities[i] for i in has], hovertext=[texts[i] for i in has],
        text=[labels[i] for i in has] if labels else None, textposition="bottom center",
        textfont={"size": 11, "color": "#111"}, hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        marker={"size": 10 if len(ids) < 50 else 7, "color": [values[i] for i in has],
                "colorscale": SCALE, "reversescale": reverse, "cmin": low, "cmax": high, "showscale": True,
                "line": {"color": "#333", "width": 0.6},
                "colorbar": {"thickness": 12, "title": {"text": legend, "side": "top"},
                             **(_reference_ticks(low, high, reference) if reference else {})}}))
    mid_lat = sum(c[1] for c in centres) / max(len(centres), 1)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / max(cos(radians(mid_lat)), 0.3))
    fig.update_layout(template=charts.TEMPLATE, title=title, height=620, margin={"l": 0, "r": 0, "t": 40, "b": 0},
                      font_family="Noto Sans CJK SC, sans-serif", clickmode="event+select", dragmode="pan",
                      plot_bgcolor="white")
    return fig
