"""Read a published snapshot (read-only) into small frames; the public app and the static site
use only this, never the internal database."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from envboard.core.i18n import place
from envboard.core.queries import run
from envboard.core.settings import get_setting


class SnapshotMissing(FileNotFoundError):
    """No published snapshot at the configured path."""


@dataclass(frozen=True)
class Snapshot:
    publication: dict
    regions: pd.DataFrame
    figures: pd.DataFrame
    methodology: pd.DataFrame

    @property
    def as_of(self) -> dt.date:
        return pd.Timestamp(self.publication["as_of"]).date()

    @property
    def province(self) -> str:
        return self.publication["scope_code"]

    @property
    def city_codes(self) -> list[str]:
        """The cities of the snapshot (not its scope row: a province, 全国 or several provinces)."""
        return list(self.regions.loc[self.regions["region_code"] != self.province, "region_code"])

    def name(self, code: str) -> str:
        """A region's name in the current language (赣州市 / Ganzhou)."""
        found = dict(zip(self.regions["region_code"], self.regions["region_name"])).get(code)
        return place(found) if found else code


def snapshot_path() -> Path:
    """The snapshot file: ENVBOARD_SNAPSHOT, else data/published.duckdb."""
    return Path(get_setting("snapshot_path")).expanduser().resolve()


def load(path: Path | None = None) -> Snapshot:
    """The snapshot's tables; SnapshotMissing when the file does not exist."""
    path = Path(path or snapshot_path())
    if not path.is_file():
        raise SnapshotMissing(str(path))
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach '{str(path).replace(chr(39), chr(39) * 2)}' as envboard (read_only)")
        pub = run(con, "public_publication").iloc[0].to_dict()
        for column in ("as_of", "published_on"):    # a garbage date fails here, not later on a page
            if pd.isna(pd.Timestamp(pub[column])):
                raise ValueError(f"publication.{column} is empty")
        figures = run(con, "public_figures")
        for column in ("period_start", "period_end"):
            figures[column] = pd.to_datetime(figures[column]).dt.date
        return Snapshot(pub, run(con, "public_regions"), figures, run(con, "public_methodology"))
    finally:
        con.close()
