"""The benchmark helpers work at a small size (the 1,000,000-row run is the benchmark command's job)."""
from __future__ import annotations

from envboard.ingest.bench import make_petition_csv, measure_import


def test_thousand_row_petition_csv_imports_and_is_measured(tmp_path):
    path = make_petition_csv(tmp_path / "petitions.csv", 1000)
    report = measure_import(path)
    assert (report["status"], report["inserted"]) == ("imported", 1000)
    assert 0 < report["seconds"] < 30
    assert 0 < report["peak_rss_bytes"] < 2 * 1024**3
