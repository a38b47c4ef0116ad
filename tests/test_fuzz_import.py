"""Fuzz: messy rows, cells and encodings through preview and commit end in a clean result, and a
rejected file writes nothing (table checksums unchanged)."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from envboard.ingest.testing import make_db

_SPEC = importlib.util.spec_from_file_location(
    "fuzz_import", Path(__file__).resolve().parents[1] / "scripts" / "fuzz_import.py")
fuzz = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz)

cells = st.one_of(st.sampled_from(fuzz.GOOD), st.text(max_size=20), st.integers().map(str))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return make_db(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(fuzz.KINDS), rows=st.lists(st.lists(cells, max_size=12), max_size=8),
       encoding=st.sampled_from(fuzz.ENCODINGS), sep=st.sampled_from([",", "\t", ";"]), keep_header=st.booleans())
def test_messy_csv_is_imported_or_cleanly_rejected(db, kind, rows, encoding, sep, keep_header):
    header = fuzz.HEADERS[kind] if keep_header else []
    text = "\n".join(sep.join(row) for row in [header, *rows])
    case = fuzz.Case("第1批 fuzz.csv", text.encode(encoding, errors="replace"), kind)
    assert fuzz.check_case(db, case) in ("imported", "rejected")


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_random_files_from_the_fuzz_script_never_crash_or_half_write(db, seed):
    assert fuzz.check_case(db, fuzz.random_case(random.Random(seed))) in ("imported", "rejected")
