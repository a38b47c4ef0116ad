"""Monitoring sections (断面): 断面编号, 名称, 河流/湖库, 水体类型, 所在区县, 级别, 水质目标."""
from __future__ import annotations

import pandas as pd

from envboard.ingest import reference as ref
from envboard.ingest.context import Context
from envboard.ingest.supervision import region_pairs
from envboard.ingest.validate import Chunk, code_column, parse_column, text_column

TABLE = "water_sections"
KEY = ("section_id",)
COLUMNS = {
    "section_id": "varchar", "name": "varchar", "water_body": "varchar", "body_type": "varchar",
    "region_code": "varchar", "city_code": "varchar", "control_level": "varchar", "target_class": "integer",
}
DEFAULTS = {"body_type": "'river'"}
_LAKE_WORDS = ("湖", "水库", "库", "湾", "淀", "泊")


def _body_types(chunk: Chunk, water_body: pd.Series) -> pd.Series:
    given = parse_column(chunk, "body_type", ref.parse_body_type)
    guessed = water_body.map(lambda w: "lake" if str(w).endswith(_LAKE_WORDS) else "river", na_action="ignore")
    return given.where(given.notna(), guessed)


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    """The staged sections of one chunk; 水体类型 defaults from the name (…湖, …水库 → lake)."""
    region, city = region_pairs(chunk, ctx)
    body = text_column(chunk, "water_body", required=True)
    return pd.DataFrame({
        "section_id": code_column(chunk, "section_id", required=True),
        "name": text_column(chunk, "name", required=True), "water_body": body,
        "body_type": _body_types(chunk, body), "region_code": region, "city_code": city,
        "control_level": parse_column(chunk, "control_level", ref.parse_control_level, required=True),
        "target_class": parse_column(chunk, "target_class", ref.parse_water_class, required=True),
    })
