"""Daily air quality and monthly water quality of one province (synthetic, shaped like the demo's)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from envboard.demo import environment as demo_env
from envboard.demo.national.scales import DATA_END, Scale
from envboard.demo.national.units import Province

MAIN_INDICATORS = ("DO", "COD_Mn", "COD", "BOD5", "NH3_N", "TP")


def air_daily(rng: np.random.Generator, prov: Province, scale: Scale) -> pd.DataFrame:
    """Daily city means for every city of the province, from 1 January of the first year."""
    days = pd.date_range(f"{scale.first_year}-01-01", DATA_END, freq="D")
    frames = [demo_env._city_frame(rng, days, city, demo_env._pm25_series(rng, days, city)) for city in prov.cities]
    return pd.concat(frames, ignore_index=True)


def water_sections(rng: np.random.Generator, prov: Province, scale: Scale) -> pd.DataFrame:
    """About `sections_per_city` sections per city; the last of a city is a lake point for one city in five."""
    sizes = np.maximum(1, scale.sections_per_city + rng.integers(-2, 3, len(prov.cities)))
    city_idx = np.repeat(np.arange(len(prov.cities)), sizes)
    k = np.concatenate([np.arange(s) for s in sizes])
    last = np.concatenate([np.arange(s) == s - 1 for s in sizes])
    lake = last & np.repeat(rng.random(len(prov.cities)) < 0.2, sizes)
    cities = np.asarray(prov.cities, dtype=object)[city_idx]
    ids = pd.Series(cities).str.cat(pd.Series(k + 1).astype(str).str.zfill(2), sep="-W").to_numpy()
    body = np.where(lake, "湖库", "河流") + pd.Series(k % 4 + 1).astype(str).to_numpy()
    return pd.DataFrame({
        "section_id": ids, "name": body + np.where(lake, "点位", "断面") + pd.Series(k + 1).astype(str).to_numpy(),
        "water_body": body, "body_type": np.where(lake, "lake", "river"),
        "region_code": prov.pick_regions(rng, city_idx), "city_code": cities,
        "control_level": np.where(k < 2, "national", "provincial"),
        "target_class": rng.choice([2, 3], len(k), p=[0.4, 0.6]),
    })


def water_monthly(rng: np.random.Generator, sections: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """Long-form monthly values of the 21 assessed indicators, TN and pH for every section."""
    limits = demo_env._limits()
    months = pd.date_range(f"{scale.first_year}-01-01", DATA_END, freq="MS")
    n_sec, n_mon = len(sections), len(months)
    latent = rng.uniform(1.6, 3.6, (n_sec, 1)) - 0.06 * (months.year.to_numpy() - 2016)
    latent = latent + 0.35 * demo_env._season(months, 1.0, 200) - 0.35
    is_lake = (sections["body_type"].to_numpy() == "lake")[:, None]
    blocks = {}
    for code, lim in limits.items():
        if code == "TP_lake":
            continue            # a lake's TP is stored under TP and judged on the lake row
        noise = rng.normal(0, 0.45, latent.shape) if code in MAIN_INDICATORS else rng.normal(-2.5, 0.3, latent.shape)
        values = demo_env._value_at(latent + noise, lim, lower=code == "DO")
        if code == "TP":
            values = np.where(is_lake, demo_env._value_at(latent + noise, limits["TP_lake"], lower=False), values)
        blocks[code] = values
    blocks["pH"] = np.round(rng.normal(7.4, 0.35, latent.shape).clip(5.8, 9.3), 2)
    return pd.DataFrame({
        "section_id": np.tile(np.repeat(sections["section_id"].to_numpy(), n_mon), len(blocks)),
        "month": np.tile(months.to_numpy(dtype="datetime64[D]"), n_sec * len(blocks)),
        "indicator": np.repeat(np.array(list(blocks), dtype=object), n_sec * n_mon),
        "value": np.concatenate([v.ravel() for v in blocks.values()]),
    })
