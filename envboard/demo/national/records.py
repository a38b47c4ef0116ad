"""Tasks with status histories, petitions and supervision actions of one province, drawn with numpy."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from envboard.demo.dataset import CATEGORIES, CATEGORY_P, POLLUTION_P, POLLUTION_TYPES, UNITS
from envboard.demo.national.scales import DATA_END, Scale
from envboard.demo.national.units import Province

END = np.datetime64(DATA_END, "D")
NAT = np.datetime64("NaT", "D")
ROUND_SHARE = np.array([0.20, 0.10, 0.35, 0.05, 0.30])   # petitions per round (round 2 busiest)


def _days(rng: np.random.Generator, lo: int, hi: int, n: int) -> np.ndarray:
    return rng.integers(lo, hi, n).astype("timedelta64[D]")


def _before_end(days: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """Days after DATA_END (or where keep is False) become NaT."""
    ok = days <= END if keep is None else keep & (days <= END)
    return np.where(ok, days, NAT)


def tasks(rng: np.random.Generator, prov: Province, insp: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """One row per task (ids and text are built in SQL from the numbers here)."""
    n_city, n_round = len(prov.cities), len(insp)
    sizes = rng.poisson(scale.tasks_per_city_round, (n_city, n_round)).ravel()
    city_idx = np.repeat(np.repeat(np.arange(n_city), n_round), sizes)
    round_idx = np.repeat(np.tile(np.arange(n_round), n_city), sizes)
    n = len(city_idx)
    assigned = insp["plan_due_on"].to_numpy(dtype="datetime64[D]")[round_idx]
    managed = rng.random(n) < 0.85
    done = assigned + 30 + rng.exponential(420, n).astype("timedelta64[D]")
    done = _before_end(done, managed & (rng.random(n) < 0.92))
    closed = _before_end(done + 10 + rng.exponential(150, n).astype("timedelta64[D]"), ~np.isnat(done))
    return pd.DataFrame({
        "inspection_id": insp["inspection_id"].to_numpy()[round_idx],
        "city_code": np.asarray(prov.cities, dtype=object)[city_idx],
        "seq": np.arange(n) + 1, "region_code": prov.pick_regions(rng, city_idx),
        "category": np.asarray(CATEGORIES, dtype=object)[rng.choice(len(CATEGORIES), n, p=CATEGORY_P)],
        "unit_no": rng.integers(0, len(UNITS), n),
        "assigned_on": assigned, "deadline_on": np.where(managed, assigned + _days(rng, 150, 900, n), NAT),
        "is_under_closure_mgmt": managed, "done_on": done, "closed_on": closed,
        "started_on": assigned + _days(rng, 5, 25, n),
    })


def history(frame: pd.DataFrame) -> pd.DataFrame:
    """Status entries of the tasks: not_started, in_progress (before done), done, closed."""
    done, closed = frame["done_on"].to_numpy(), frame["closed_on"].to_numpy()
    started = frame["started_on"].to_numpy()
    parts = [(np.ones(len(frame), bool), frame["assigned_on"].to_numpy(), "not_started"),
             (np.isnat(done) | (started < done), started, "in_progress"),
             (~np.isnat(done), done, "done"), (~np.isnat(closed), closed, "closed")]
    out = [pd.DataFrame({"seq": frame["seq"].to_numpy()[m], "inspection_id": frame["inspection_id"].to_numpy()[m],
                         "city_code": frame["city_code"].to_numpy()[m], "changed_on": d[m], "status": s})
           for m, d, s in parts]
    hist = pd.concat(out, ignore_index=True)
    return hist[hist["changed_on"].to_numpy() <= END]


def petitions(rng: np.random.Generator, prov: Province, insp: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """One row per petition of the province, spread over its 5 inspections."""
    n_city = len(prov.cities)
    per_city = rng.poisson(scale.petitions_per_city, n_city)
    city_idx = np.repeat(np.arange(n_city), per_city)
    n = len(city_idx)
    round_idx = rng.choice(len(insp), n, p=ROUND_SHARE[: len(insp)] / ROUND_SHARE[: len(insp)].sum())
    batch = rng.integers(1, 31, n)
    received = insp["stationed_from"].to_numpy(dtype="datetime64[D]")[round_idx] + batch.astype("timedelta64[D]")
    is_closed = rng.random(n) < 0.95
    closed = _before_end(received + 5 + rng.exponential(60, n).astype("timedelta64[D]"), is_closed)
    staged = np.where(np.isnat(closed), _before_end(received + _days(rng, 10, 60, n)), NAT)
    substantiated = rng.choice(np.array(["yes", "partly", "no"], dtype=object), n, p=[0.55, 0.25, 0.20])
    return pd.DataFrame({
        "seq": np.arange(n) + 1, "inspection_id": insp["inspection_id"].to_numpy()[round_idx], "batch_no": batch,
        "region_code": prov.pick_regions(rng, city_idx), "city_code": np.asarray(prov.cities, dtype=object)[city_idx],
        "received_on": received, "pollution_type": np.asarray(POLLUTION_TYPES, dtype=object)[
            rng.choice(len(POLLUTION_TYPES), n, p=POLLUTION_P)],
        "substantiated": substantiated, "staged_on": staged, "closed_on": closed,
        "place_no": rng.integers(1, 40, n),
        "penalties": np.where(substantiated != "no", rng.poisson(0.15, n), 0),
        "people_held_accountable": rng.poisson(0.05, n), "is_recheck": rng.random(n) < 0.03,
    })


def supervision(rng: np.random.Generator, prov: Province, scale: Scale) -> pd.DataFrame:
    """Supervision actions per city and year (letters most often, accountability least)."""
    years = np.arange(max(2017, scale.first_year), dt.date.fromisoformat(DATA_END).year + 1)
    sizes = rng.poisson(scale.supervision_per_city_year, (len(prov.cities), len(years))).ravel()
    city_idx = np.repeat(np.repeat(np.arange(len(prov.cities)), len(years)), sizes)
    year = np.repeat(np.tile(years, len(prov.cities)), sizes)
    n = len(city_idx)
    kinds = np.array(["letter", "notice", "interview", "accountability", "onsite"], dtype=object)
    kind = kinds[rng.choice(5, n, p=[0.5, 0.2, 0.12, 0.08, 0.1])]
    acted = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + _days(rng, 4, 362, n)
    people = np.where(np.isin(kind, ["interview", "accountability"]), rng.poisson(3, n), 0)
    frame = pd.DataFrame({"seq": np.arange(n) + 1, "kind": kind, "region_code": prov.pick_regions(rng, city_idx),
                          "city_code": np.asarray(prov.cities, dtype=object)[city_idx], "acted_on": acted,
                          "people_count": people})
    return frame[frame["acted_on"].to_numpy() <= END]
