"""Exports of an edition: charts rendered once, then DOCX, PDF and XLSX bytes with their file names."""
from __future__ import annotations

from envboard.briefing import build, charts
from envboard.core.errors import UsageError

FORMATS = ("docx", "pdf", "xlsx")
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def parse_formats(text: str) -> list[str]:
    """'docx,pdf' → ['docx', 'pdf']; UsageError for an unknown format."""
    wanted = [f.strip().lower() for f in (text or "").split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise UsageError(f"格式应为 docx,pdf,xlsx / formats must be among docx,pdf,xlsx, got “{text}”")
    return wanted


def file_name(ed: dict, fmt: str) -> str:
    """赣州市2022年12月生态环境保护督察整改工作通报.docx (…-第1期 for an issued edition)."""
    suffix = f"-{ed['id']}" if ed.get("id") else ""
    return f"{build.doc_title(ed)}{suffix}.{fmt}"


def chart_pngs(ed: dict) -> dict[str, bytes]:
    return charts.render_pngs(charts.figures(ed, "zh"))


def export(ed: dict, formats: list[str], pngs: dict[str, bytes] | None = None, progress=None) -> dict[str, bytes]:
    """{format: bytes} for each requested format; charts are rendered once unless given.
    `progress(done, total, step)` is called before each step (step: 'charts' or a format)."""
    steps = ([] if pngs is not None else ["charts"]) + list(formats)
    report = progress or (lambda done, total, step: None)
    if pngs is None:
        report(0, len(steps), "charts")
        pngs = chart_pngs(ed)
    out = {}
    for fmt in formats:
        report(len(out) + len(steps) - len(formats), len(steps), fmt)
        out[fmt] = _writer(fmt)(ed, pngs)
    report(len(steps), len(steps), "done")
    return out


def _writer(fmt: str):
    """The function writing `fmt`. Its library is loaded only when a file is written: python-docx,
    fpdf2 and xlsxwriter together cost a page server about a second at start."""
    if fmt == "docx":
        from envboard.briefing.export_docx import to_docx  # deferred: python-docx only when a DOCX is written
        return to_docx
    if fmt == "pdf":
        from envboard.briefing.export_pdf import to_pdf  # deferred: fpdf2 and fontTools only when a PDF is written
        return to_pdf
    from envboard.briefing.export_xlsx import to_xlsx  # deferred: xlsxwriter only when an XLSX is written
    return to_xlsx
