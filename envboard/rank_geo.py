"""City shapes for the map: GB/T 2260-coded GeoJSON shipped in data/geo (no tiles, no downloads)."""
from __future__ import annotations

import functools
import json

import plotly.graph_objects as go

from envboard.regions import MUNICIPALITIES
from envboard.settings import PROJECT_DIR

GEO_DIR = PROJECT_DIR / "data" / "geo"
_DROP_NAMES = {"南海诸岛", "九段线"}


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


def choropleth(geo: dict, ids: list[str], values: list, texts: list[str], cities: list[str], title: str,
               reverse: bool) -> go.Figure:
    """A choropleth without a basemap, zoomed to the drawn cities; customdata holds each city code."""
    fig = go.Figure(go.Choropleth(geojson=geo, locations=ids, z=values, text=texts, customdata=cities,
                                  featureidkey="id", colorscale="RdYlGn_r" if reverse else "RdYlGn",
                                  marker_line_color="white", marker_line_width=0.5,
                                  hovertemplate="%{text}<extra></extra>", colorbar={"thickness": 12}))
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(template="plotly_white", title=title, height=620, margin={"l": 0, "r": 0, "t": 40, "b": 0},
                      font_family="Noto Sans CJK SC, sans-serif", clickmode="event+select")
    return fig
