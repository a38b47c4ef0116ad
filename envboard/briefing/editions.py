"""Issued (frozen) editions, kept as files beside the database: <db>.briefings/<id>/.

Each edition folder holds edition.json (data version, figures, tables, lists, generated text and
edits) and the files exported when it was issued. Files rather than database rows: every database
write replaces the whole file (copy-on-write) and bumps the data version, and a demo rebuild
empties the tables, while an issued 通报 must stay exactly as issued.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import shutil
from pathlib import Path

from envboard.core import db
from envboard.briefing import build, gongwen

EDITION_FILE = "edition.json"


def editions_dir(db_file: db.Target | None = None) -> Path:
    """The folder of issued editions of the database in use (server mode: `briefings/` in the shared
    data folder, so every replica lists the same editions)."""
    path = db_file or db.store()
    if isinstance(path, db.LakeStore):
        return Path(path.data_path) / "briefings"
    return path.with_name(f"{path.name}.briefings")


def _next_id(root: Path, ed: dict) -> str:
    stem = f"{ed['scope']['code']}-{ed['month']}"
    n = 1
    while (root / f"{stem}-{n:02d}").exists():
        n += 1
    return f"{stem}-{n:02d}"


def _number(ed: dict, root: Path, year: int) -> dict:
    """The 文号 of a new edition: the issuer's next 顺序号 in `year` (numbering per issuer and year)."""
    issuer = ed.get("issuer") or {}
    prefix = issuer.get("number_prefix", "")
    n = gongwen.next_number(list_editions(root), prefix, year, int(issuer.get("number_start", 1)))
    return {"prefix": prefix, "year": year, "n": n}


def freeze(ed: dict, make_files, root: Path | None = None) -> tuple[dict, dict[str, bytes]]:
    """Issue `ed`: give it an id and issue time, export it with make_files(issued) → {format: bytes}
    and store both; return (issued edition, files)."""
    root = root or editions_dir()
    root.mkdir(parents=True, exist_ok=True)
    with db.write_lock(root / "editions"):
        now = dt.datetime.now()
        issued = {**ed, "id": _next_id(root, ed), "issued_at": now.isoformat(timespec="seconds"),
                  "number": _number(ed, root, now.year)}
        work = root / f".{issued['id']}.{os.getpid()}.tmp"
        work.mkdir()
        try:
            files = make_files(issued)
            (work / EDITION_FILE).write_text(json.dumps(issued, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
            for fmt, data in files.items():
                (work / f"briefing.{fmt}").write_bytes(data)
            os.replace(work, root / issued["id"])
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return issued, files


def list_editions(root: Path | None = None) -> list[dict]:
    """Issued editions, newest first: id, scope, month, issued_at, data_version."""
    root = root or editions_dir()
    out = []
    for path in sorted(root.glob("*/" + EDITION_FILE)) if root.is_dir() else []:
        ed = json.loads(path.read_text(encoding="utf-8"))
        out.append({"id": ed["id"], "scope_code": ed["scope"]["code"], "scope_name": ed["scope"]["name"],
                    "month": ed["month"], "issued_at": ed["issued_at"], "data_version": ed["data_version"],
                    "number": ed.get("number")})
    return sorted(out, key=lambda e: (e["issued_at"], e["id"]), reverse=True)


def load(edition_id: str, root: Path | None = None) -> dict | None:
    """The issued edition as stored, or None for an unknown id."""
    root = root or editions_dir()
    path = root / Path(edition_id).name / EDITION_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def issued_files(edition_id: str, root: Path | None = None) -> dict[str, Path]:
    """{format: path} of the files exported when the edition was issued."""
    folder = (root or editions_dir()) / Path(edition_id).name
    return {p.suffix[1:]: p for p in sorted(folder.glob("briefing.*"))}


def _flat(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out |= _flat(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    return {prefix: value}


def _table_values(ed: dict) -> dict[str, object]:
    return {f"{key}.{r['city_name']}": (r["value"], r["rank"]) for key, rows in ed["tables"].items() for r in rows}


def diff(a: dict, b: dict) -> dict:
    """What changed from edition `a` to `b`: figures [(name, a, b)] and text {section title: diff lines}."""
    fa, fb = _flat(a["figures"]) | _table_values(a), _flat(b["figures"]) | _table_values(b)
    figures = [(k, fa.get(k), fb.get(k)) for k in sorted(fa.keys() | fb.keys()) if fa.get(k) != fb.get(k)]
    text = {}
    for sa, sb in zip(build.final_sections(a), build.final_sections(b)):
        if sa["body"] != sb["body"]:
            text[sb["title"]] = [ln for ln in difflib.ndiff([sa["body"]], [sb["body"]]) if not ln.startswith("?")]
    return {"figures": figures, "text": text}
