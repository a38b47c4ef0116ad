"""Drafts of the 通报 text: saved per scope and month with author and time, kept on return, never silently
overwritten — in the SQLite file beside the data file, and in server mode in PostgreSQL beside the catalog."""
import itertools
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from envboard.briefing import drafts
from tests.conftest import APP, PROJECT_DIR

_names = itertools.count(1)


@pytest.fixture(params=["file", pytest.param("server", marks=pytest.mark.server)])
def where(request, tmp_path):
    """Where drafts are kept: the SQLite file beside a data file, or a lake's PostgreSQL database."""
    if request.param == "file":
        return tmp_path / "envboard.duckdb.drafts.sqlite"
    from envboard.core import lake, pgcluster

    dsn = pgcluster.create_database(request.getfixturevalue("pg"), f"drafts{next(_names)}")
    return lake.LakeStore(dsn, str(tmp_path) + "/")


def test_versions_are_appended_with_author_and_a_stale_base_is_refused(where):
    path = where
    assert drafts.current("360700", "2022-12", path) is None
    one = drafts.save("360700", "2022-12", {"requirements": "甲的修改。"}, "甲", 0, path)
    two = drafts.save("360700", "2022-12", {"requirements": "甲的第二次修改。"}, "甲", one.version, path)
    assert (one.version, two.version, two.author) == (1, 2, "甲") and two.saved_at
    with pytest.raises(drafts.DraftConflict) as clash:          # 乙 opened version 1 and saves after 甲's version 2
        drafts.save("360700", "2022-12", {"requirements": "乙的修改。"}, "乙", one.version, path)
    assert clash.value.current.edits == {"requirements": "甲的第二次修改。"}
    assert drafts.current("360700", "2022-12", path).edits == {"requirements": "甲的第二次修改。"}
    assert [v.version for v in drafts.history("360700", "2022-12", path)] == [2, 1]
    assert drafts.current("360700", "2022-11", path) is None     # per scope and month
    assert drafts.save("360700", "2022-12", two.edits, "甲", 2, path).version == 2   # unchanged text adds nothing


def test_diff_against_the_generated_text():
    sections = [{"key": "requirements", "title": "六、下一步工作要求", "body": "要按期完成。对整改不力的予以问责。"}]
    diff = drafts.diff_sections(sections, {}, {"requirements": "要在1月底前完成。对整改不力的予以问责。"})
    assert diff == {"六、下一步工作要求": ["-要按期完成。", "+要在1月底前完成。"]}


def _page(**params):
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/briefing.py").run()
    return at


def test_an_edit_is_saved_and_shown_in_a_new_session(demo_db_path):
    at = _page(scope="360800", month="2022-11")
    at.text_area[5].input("请各地于12月底前报送整改进展。").run()
    assert not at.exception
    saved = drafts.current("360800", "2022-11", drafts.drafts_path(demo_db_path))
    assert saved.edits == {"requirements": "请各地于12月底前报送整改进展。"} and saved.author == "admin"
    again = _page(scope="360800", month="2022-11")            # another session: leave and come back
    assert again.text_area[5].value == "请各地于12月底前报送整改进展。"
    assert any("草稿第" in c.value for c in again.caption)


def test_a_second_editor_does_not_overwrite_the_first(demo_db_path):
    first, second = _page(scope="360900", month="2022-11"), _page(scope="360900", month="2022-11")
    first.text_area[5].input("甲：1月10日前报送。").run()
    second.text_area[5].input("乙：1月20日前报送。").run()
    assert not second.exception
    path = drafts.drafts_path(demo_db_path)
    assert drafts.current("360900", "2022-11", path).edits == {"requirements": "甲：1月10日前报送。"}
    assert any("已保存第1版草稿" in w.value for w in second.warning)
    second.button(key="brief_keep_mine").click().run()
    assert drafts.current("360900", "2022-11", path).edits == {"requirements": "乙：1月20日前报送。"}
    assert [v.author for v in drafts.history("360900", "2022-11", path)] == ["admin", "admin"]


def test_every_saved_version_is_in_the_audit_log_and_a_failed_audit_write_keeps_nothing(where, monkeypatch):
    from envboard.security import audit

    path = where
    drafts.save("360700", "2022-12", {"intro": "甲"}, "editor1", 0, path=path)
    logged = [e for e in audit.store_for(drafts._db_file(where)).entries() if e["action"] == "edit"]
    assert [(e["actor"], e["detail"]["briefing_draft"], e["detail"]["version"]) for e in logged] == \
        [("editor1", "360700 2022-12", 1)]

    def refuse(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(audit, "record", refuse)
    with pytest.raises(OSError):
        drafts.save("360700", "2022-12", {"intro": "乙"}, "editor1", 1, path=path)
    assert drafts.current("360700", "2022-12", path=path).version == 1


def test_two_processes_saving_on_the_same_version_one_wins_the_other_is_told(where):
    code = ("import pathlib, sys\n"
            "from envboard.briefing import drafts\n"
            "from envboard.core.lake import LakeStore\n"
            "kind, target, who = sys.argv[1:]\n"
            "where = pathlib.Path(target) if kind == 'file' else LakeStore(target, '')\n"
            "for base in range(10):\n"
            "    try:\n"
            "        drafts.save('360700', '2022-12', {'intro': f'{who}{base}'}, who, base, where)\n"
            "    except drafts.DraftConflict as clash:\n"
            "        print('conflict', clash.current.version)\n")
    kind, target = ("file", str(where)) if isinstance(where, type(PROJECT_DIR)) else ("server", where.dsn)
    drafts.current("360700", "2022-12", where)           # the table exists before the race
    procs = [subprocess.Popen([sys.executable, "-c", code, kind, target, who], cwd=PROJECT_DIR,
                              stdout=subprocess.PIPE, text=True) for who in ("甲", "乙")]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    versions = drafts.history("360700", "2022-12", where)
    assert [v.version for v in versions] == list(range(10, 0, -1))          # one version per base, no gaps
    assert all(v.edits["intro"] == f"{v.author}{v.version - 1}" for v in versions)  # each saved by its winner
    assert sum(out.count("conflict") for out in outs) == 10                 # every loser was told
