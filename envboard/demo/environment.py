"""Synthetic environment data for the demo: daily air quality and monthly water sections (all 示例数据)."""
from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pandas as pd

from envboard.demo import spec
from envboard.core.settings import PROJECT_DIR

COUNTS_CSV = PROJECT_DIR / "data" / "demo" / "jiangxi_petition_cumulative_counts_by_city.csv"
WATER_LIMITS_CSV = PROJECT_DIR / "envboard" / "standards" / "data" / "water_limits_gb3838_2002.csv"
JIANGXI_NAMES = {"南昌市": "360100", "景德镇市": "360200", "萍乡市": "360300", "九江市": "360400",
                 "新余市": "360500", "鹰潭市": "360600", "赣州市": "360700", "吉安市": "360800",
                 "宜春市": "360900", "抚州市": "361000", "上饶市": "361100"}
# PM2.5 annual level in 2016 (μg/m³) and yearly decline; 赣州 is pinned by demo_spec.PM25_PUBLISHED.
PM25_2016 = {"360700": 31.0, "410500": 95.0, "430300": 52.0, "429006": 50.0}
RIVERS = {"36": ["赣江", "抚河", "信江", "饶河", "修河", "袁河", "章江", "贡江"],
          "42": ["汉江", "天门河", "汉北河"], "41": ["卫河", "安阳河", "汤河"], "43": ["湘江", "涓水", "涟水"]}
LAKES = {"36": "鄱阳湖", "42": "张家湖", "41": "彰武水库", "43": "水府庙水库"}


def jiangxi_round_counts() -> tuple[dict[str, int], dict[str, int]]:
    """Real cumulative petitions per Jiangxi city: round 2 at 2021-05-05, round 3 at 2024-05-14."""
    r2, r3 = {}, {}
    with COUNTS_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = JIANGXI_NAMES[row["city"]]
            if row["as_of"].startswith("2021-05-05"):
                r2[code] = int(row["cumulative_petitions"])
            elif row["as_of"].startswith("2024-05-14"):
                r3[code] = int(row["cumulative_petitions"])
    return r2, r3


def _season(days: pd.DatetimeIndex, amplitude: float, peak_doy: int) -> np.ndarray:
    return 1 + amplitude * np.cos(2 * np.pi * (days.day_of_year.to_numpy() - peak_doy) / 365.25)


def _pm25_series(rng, days: pd.DatetimeIndex, city: str) -> np.ndarray:
    level = PM25_2016.get(city, float(rng.uniform(36, 48)))
    years = days.year.to_numpy() - 2016
    trend = level * (1 - 0.055) ** years
    values = trend * _season(days, 0.45, 15) * rng.lognormal(0, 0.33, len(days))
    return np.maximum(3, np.round(values))


def _pin_mean(rng, values: np.ndarray, mask: np.ndarray, mean: int) -> None:
    """Adjust integer values under `mask` by ±1 steps so that their mean is exactly `mean`."""
    idx = np.flatnonzero(mask)
    diff = int(mean * len(idx) - values[idx].sum())
    while diff:
        step = 1 if diff > 0 else -1
        pick = rng.choice(idx, size=min(abs(diff), len(idx)), replace=False)
        pick = pick[values[pick] + step >= 3]
        values[pick] += step
        diff -= step * len(pick)


def air_daily(rng: np.random.Generator) -> pd.DataFrame:
    """Daily city means for every demo city, 2016-01-01 to the demo end."""
    days = pd.date_range(spec.DEMO_START, spec.DEMO_END, freq="D")
    frames = []
    for city in spec.DEMO_CITIES:
        pm25 = _pm25_series(rng, days, city)
        for code, start, end, mean in spec.PM25_PUBLISHED:
            if code == city:
                _pin_mean(rng, pm25, (days >= start) & (days <= end), mean)
        frames.append(_city_frame(rng, days, city, pm25))
    return pd.concat(frames, ignore_index=True)


def _city_frame(rng, days: pd.DatetimeIndex, city: str, pm25: np.ndarray) -> pd.DataFrame:
    n = len(days)
    north = city == "410500"
    is_dust = north & (days.month.isin([3, 4])) & (rng.random(n) < 0.06)
    pm10 = np.round(pm25 * rng.uniform(1.4, 1.9, n) * np.where(is_dust, 2.2, 1.0))
    o3_8h = np.maximum(10, np.round(95 * _season(days, 0.45, 200) * rng.lognormal(0, 0.22, n)))
    frame = pd.DataFrame({
        "city_code": city, "measured_on": days.date, "pm25_ugm3": pm25, "pm10_ugm3": pm10,
        "so2_ugm3": np.maximum(2, np.round((22 if north else 12) * 0.9 ** (days.year - 2016) * _season(days, 0.3, 15) * rng.lognormal(0, 0.3, n))),
        "no2_ugm3": np.maximum(4, np.round((36 if north else 24) * _season(days, 0.3, 15) * rng.lognormal(0, 0.25, n))),
        "co_mgm3": np.maximum(0.2, np.round(0.9 * _season(days, 0.3, 15) * rng.lognormal(0, 0.25, n), 1)),
        "o3_8h_ugm3": o3_8h, "o3_1h_ugm3": np.round(o3_8h * rng.uniform(1.1, 1.35, n)), "is_dust": is_dust,
    })
    missing = rng.random(n) < 0.008
    pinned = frame["measured_on"].between(dt.date(2021, 1, 1), dt.date(2022, 12, 31)) & (city == "360700")
    frame.loc[missing & ~pinned.to_numpy(), ["pm25_ugm3", "pm10_ugm3", "o3_8h_ugm3", "o3_1h_ugm3"]] = np.nan
    return frame


def _limits() -> dict[str, list[float]]:
    with WATER_LIMITS_CSV.open(encoding="utf-8") as fh:
        return {r["code"]: [float(r[f"class_{c}"]) for c in ("I", "II", "III", "IV", "V")]
                for r in csv.DictReader(fh) if r["direction"] in ("upper_limit", "lower_limit")}


def water_sections(rng: np.random.Generator, counties: dict[str, list[str]]) -> pd.DataFrame:
    """4–7 monitored sections per demo city, one a lake or reservoir point."""
    rows = []
    for city in spec.DEMO_CITIES:
        prov = city[:2]
        n = int(rng.integers(4, 8))
        for k in range(n):
            lake = k == n - 1
            river = LAKES[prov] if lake else str(rng.choice(RIVERS[prov]))
            region = str(rng.choice(counties.get(city) or [city]))
            rows.append({
                "section_id": f"{city}-W{k + 1:02d}", "name": f"{river}{'点位' if lake else '断面'}{k + 1}",
                "water_body": river, "body_type": "lake" if lake else "river", "region_code": region,
                "city_code": city, "control_level": "national" if k < 2 else "provincial",
                "target_class": int(rng.choice([2, 3], p=[0.4, 0.6])),
            })
    return pd.DataFrame(rows)


def water_monthly(rng: np.random.Generator, sections: pd.DataFrame) -> pd.DataFrame:
    """Monthly values of the 21 assessed indicators plus TN for every section (long form)."""
    limits = _limits()
    months = pd.date_range(spec.DEMO_START, spec.DEMO_END, freq="MS")
    main = ["DO", "COD_Mn", "COD", "BOD5", "NH3_N", "TP"]
    frames = []
    for sec in sections.itertuples():
        latent = rng.uniform(1.6, 3.6) - 0.06 * (months.year.to_numpy() - 2016)
        latent = latent + 0.35 * _season(months, 1.0, 200) - 0.35
        for code, lim in limits.items():
            if code == "TP_lake":
                continue        # a lake's TP is stored under TP and judged on the lake row
            if code == "TP" and sec.body_type == "lake":
                lim = limits["TP_lake"]
            scale = rng.normal(0, 0.45, len(months)) if code in main else rng.normal(-2.5, 0.3, len(months))
            values = _value_at(latent + scale, lim, lower=code == "DO")
            frames.append(pd.DataFrame({"section_id": sec.section_id, "month": months.date, "indicator": code, "value": values}))
        frames.append(pd.DataFrame({"section_id": sec.section_id, "month": months.date, "indicator": "pH",
                                    "value": np.round(rng.normal(7.4, 0.35, len(months)).clip(5.8, 9.3), 2)}))
    return pd.concat(frames, ignore_index=True)


def _value_at(latent: np.ndarray, lim: list[float], lower: bool) -> np.ndarray:
    """A concentration whose class is about `latent` (1 = class I … 6 = 劣V) on this indicator's limits."""
    if lower:   # DO: bigger is better
        xs, ys = [-3, 1, 2, 3, 4, 5, 6], [9.5, lim[0], lim[1], lim[2], lim[3], lim[4], lim[4] * 0.6]
    else:
        xs, ys = [-3, 1, 2, 3, 4, 5, 6], [lim[0] * 0.1, lim[0], lim[1], lim[2], lim[3], lim[4], lim[4] * 1.6]
    return np.round(np.interp(np.clip(latent, -3, 6), xs, ys), 5)


# 赣州's monitored sections by level, so that its published split comes out of the queries:
# 国控断面 优良比例 100 %, 省控断面 97.3 % (36 of 37). The counts (8 national, 37 provincial) are
# synthetic; only the two shares are published. The rest of the demo's random stream is unchanged.
GANZHOU = "360700"
GANZHOU_NATIONAL, GANZHOU_PROVINCIAL = 8, 37


def pin_ganzhou_water(sections: pd.DataFrame, monthly: pd.DataFrame, counties: dict[str, list[str]],
                      seed: int = 3607) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace 赣州's synthetic sections by 8 国控 and 37 省控 sections; every 国控 and all but one 省控
    section are class I–III in every month, the last 省控 section class IV."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(GANZHOU_NATIONAL + GANZHOU_PROVINCIAL):
        national = k < GANZHOU_NATIONAL
        lake = k == GANZHOU_NATIONAL + GANZHOU_PROVINCIAL - 2
        river = LAKES["36"] if lake else str(rng.choice(RIVERS["36"]))
        rows.append({
            "section_id": f"{GANZHOU}-W{k + 1:02d}", "name": f"{river}{'点位' if lake else '断面'}{k + 1}",
            "water_body": river, "body_type": "lake" if lake else "river",
            "region_code": str(rng.choice(counties.get(GANZHOU) or [GANZHOU])), "city_code": GANZHOU,
            "control_level": "national" if national else "provincial", "target_class": 3,
        })
    pinned = pd.DataFrame(rows)
    limits = _limits()
    months = pd.date_range(spec.DEMO_START, spec.DEMO_END, freq="MS")
    main = ["DO", "COD_Mn", "COD", "BOD5", "NH3_N", "TP"]
    frames = []
    for sec in pinned.itertuples():
        base = 4.3 if sec.section_id.endswith(f"W{GANZHOU_NATIONAL + GANZHOU_PROVINCIAL:02d}") else 1.8
        for code, lim in limits.items():
            if code == "TP_lake":
                continue
            if code == "TP" and sec.body_type == "lake":
                lim = limits["TP_lake"]
            latent = base + rng.normal(0, 0.12, len(months)) if code in main else rng.normal(-2.5, 0.3, len(months))
            frames.append(pd.DataFrame({"section_id": sec.section_id, "month": months.date, "indicator": code,
                                        "value": _value_at(latent, lim, lower=code == "DO")}))
        frames.append(pd.DataFrame({"section_id": sec.section_id, "month": months.date, "indicator": "pH",
                                    "value": np.round(rng.normal(7.4, 0.2, len(months)).clip(6.5, 8.5), 2)}))
    others = sections[sections["city_code"] != GANZHOU]
    kept = monthly[~monthly["section_id"].isin(sections.loc[sections["city_code"] == GANZHOU, "section_id"])]
    return (pd.concat([others, pinned], ignore_index=True),
            pd.concat([kept, *frames], ignore_index=True))
