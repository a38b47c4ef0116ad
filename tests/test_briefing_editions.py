"""Issued briefing editions stay exactly as issued after a later write; the diff shows what changed."""
import datetime as dt
import json

import pytest

from envboard.cli.main import main
from envboard.briefing import build, editions, exports

DEC_2022 = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def fresh_db(tmp_path_factory):
    """A demo database of this module's own (the session one is never written)."""
    from envboard.cli.common import create_database

    path = tmp_path_factory.mktemp("editions") / "envboard.duckdb"
    create_database(path, demo=True)
    return path


def _edition(path):
    from envboard.core.db import open_reader

    con = open_reader(path)
    try:
        return build.build_edition(con, "360700", DEC_2022)
    finally:
        con.close()


def _close_one_ganzhou_task(path) -> str:
    """Mark one 赣州 task under closure management that was still open on 2022-12-31 as closed on 2022-12-20."""
    from envboard.core.db import write_transaction

    with write_transaction(path) as con:
        task_id = con.execute(
            "select task_id from task_state(date '2022-12-31') where city_code = '360700' "
            "and is_under_closure_mgmt and not is_closed order by task_id limit 1").fetchall()[0][0]
        con.execute("insert or replace into task_status_history (task_id, changed_on, status) values (?, date '2022-12-20', 'closed')",
                    [task_id])
    return task_id


def test_issued_edition_is_unchanged_after_a_later_write(fresh_db):
    root = editions.editions_dir(fresh_db)
    ed = _edition(fresh_db)
    ed["edits"] = {"requirements": "请按期报送整改进展。"}
    issued, files = editions.freeze(ed, lambda e: exports.export(e, ["xlsx"], pngs={}), root)
    assert issued["id"] == "360700-2022-12-01" and issued["issued_at"]
    stored_xlsx = editions.issued_files(issued["id"], root)["xlsx"].read_bytes()
    assert stored_xlsx == files["xlsx"]

    _close_one_ganzhou_task(fresh_db)
    live = _edition(fresh_db)
    assert (live["figures"]["tasks_closed"], live["data_version"]) == (295, issued["data_version"] + 1)

    again = editions.load(issued["id"], root)
    assert again == json.loads(json.dumps(issued, ensure_ascii=False, default=str))
    assert (again["figures"]["tasks_closed"], again["figures"]["closure_rate_pct"]) == (294, 91.9)
    assert "已销号294个" in build.final_sections(again)[0]["body"]
    assert build.final_sections(again)[-1]["body"] == "请按期报送整改进展。"
    assert editions.issued_files(issued["id"], root)["xlsx"].read_bytes() == stored_xlsx

    later, _ = editions.freeze(live, lambda e: {}, root)
    change = editions.diff(again, later)
    figures = {k: (a, b) for k, a, b in change["figures"]}
    assert figures["tasks_closed"] == (294, 295)
    assert figures["closure_rate.赣州市"] == ((91.9, 1), (92.2, 1))
    assert "一、督察整改销号情况" in change["text"] and "六、下一步工作要求" in change["text"]
    assert [e["id"] for e in editions.list_editions(root)] == ["360700-2022-12-02", "360700-2022-12-01"]


def test_diff_of_an_edition_with_itself_is_empty(fresh_db):
    ed = _edition(fresh_db)
    assert editions.diff(ed, ed) == {"figures": [], "text": {}}


def test_cli_writes_the_files_and_freezes(fresh_db, tmp_path, capsys):
    code = main(["briefing", "--month", "2022-12", "--scope", "赣州市", "--format", "xlsx,pdf", "-o", str(tmp_path),
                 "--freeze", "--json", "--db", str(fresh_db)])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert [p.rsplit(".", 1)[1] for p in out["files"]] == ["xlsx", "pdf"]
    assert all(tmp_path.joinpath(p.rsplit("/", 1)[1]).stat().st_size > 1000 for p in out["files"])
    issued = editions.load(out["edition"], editions.editions_dir(fresh_db))
    assert issued["scope"]["name"] == "赣州市" and set(editions.issued_files(out["edition"], editions.editions_dir(fresh_db))) == {"pdf", "xlsx"}


def test_cli_rejects_a_bad_month_and_a_missing_folder(fresh_db, tmp_path, capsys):
    assert main(["briefing", "--month", "2022-13", "--scope", "360700", "-o", str(tmp_path), "--db", str(fresh_db)]) == 2
    assert main(["briefing", "--month", "2022-12", "--scope", "360700", "-o", str(tmp_path / "nope"), "--db", str(fresh_db)]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
