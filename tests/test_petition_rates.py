"""Both petition resolution rates, as provinces publish them, on the demo data and with the lead setting."""
from __future__ import annotations

from envboard.cli.petition_rate import set_lead
from envboard.domain.metrics import pct, petitions
from envboard.ingest.testing import make_db


def test_ganzhou_both_resolution_rates_on_the_demo_data(demo_con):
    p = petitions(demo_con, "360700", __import__("datetime").date(2022, 12, 31))
    assert (p["petitions_closed"], p["petitions_received"]) == (2114, 2133)      # published 2022-12-30
    assert p["petitions_closed"] + p["petitions_staged"] + p["petitions_in_progress"] == p["petitions_received"]
    assert p["petitions_closed_incl_staged"] == p["petitions_closed"] + p["petitions_staged"]
    assert p["petition_resolution_rate_pct"] == 99.1
    assert p["petition_resolution_rate_incl_staged_pct"] == pct(2114 + p["petitions_staged"], 2133)
    assert p["petition_rate_lead"] == "resolution_rate"


def test_a_province_setting_leads_for_its_cities_and_a_city_may_differ(tmp_path):
    from envboard.core.db import open_reader
    from envboard.domain.metrics import petition_rate_lead

    db = make_db(tmp_path / "envboard.duckdb")
    set_lead(db, "360000", "incl_staged", "admin")
    set_lead(db, "360700", "strict", "admin")
    con = open_reader(db)
    try:
        assert petition_rate_lead(con, "361000") == "resolution_rate_incl_staged"    # 抚州 follows 江西
        assert petition_rate_lead(con, "360700") == "resolution_rate"                 # 赣州's own setting
        assert petition_rate_lead(con, "420000") == "resolution_rate"                 # default: strict
    finally:
        con.close()
    from envboard.security import audit
    edits = [e["detail"] for e in audit.store_for(db).entries() if e["action"] == "edit"]
    assert [(d["setting"], d["scope"]) for d in edits] == [("petition_rate_lead", "360000"), ("petition_rate_lead", "360700")]
