"""The edition as a workbook (xlsxwriter): each table a sheet, plus the text and the headline figures."""
from __future__ import annotations

import io

import pandas as pd

from envboard.briefing import build, layout
from envboard.core.i18n import t

def sheet_name(key: str) -> str:
    """The XLSX sheet of a ranked table (zh, as the 通报 is printed; string key briefing.sheet.<key>)."""
    return t(f"briefing.sheet.{key}", "zh")


def _sheet(writer, name: str, frame: pd.DataFrame, heading: list[str]) -> None:
    frame.to_excel(writer, sheet_name=name, index=False, startrow=len(heading) + 1)
    ws = writer.sheets[name]
    for i, line in enumerate(heading):
        ws.write(i, 0, line)
    ws.set_column(0, max(len(frame.columns) - 1, 0), 16)


def to_xlsx(ed: dict, pngs: dict[str, bytes]) -> bytes:
    """XLSX bytes: 主要指标, 通报正文, one sheet per ranked table (with its chart), watch list, supervision."""
    heading = [build.doc_title(ed), f"{build.edition_date(ed)}　{build.as_of_line(ed)}"]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        _sheet(writer, t("export.sheet.summary", "zh"), layout.headline_frame(ed), heading)
        text = pd.DataFrame([(s["title"], s["body"]) for s in build.final_sections(ed)], columns=["章节", "正文"])
        _sheet(writer, t("export.sheet.text", "zh"), text, heading)
        writer.sheets[t("export.sheet.text", "zh")].set_column(1, 1, 120)
        for key, (title, frame) in layout.ranked_frames(ed).items():
            _sheet(writer, sheet_name(key), frame, [title, *heading[1:]])
            if key in pngs:
                writer.sheets[sheet_name(key)].insert_image(1, len(frame.columns) + 1, f"{key}.png",
                                                             {"image_data": io.BytesIO(pngs[key]), "x_scale": 0.5, "y_scale": 0.5})
        _sheet(writer, t("export.sheet.watchlist", "zh"), layout.watchlist_frame(ed), heading)
        _sheet(writer, t("export.sheet.supervision", "zh"), layout.supervision_frame(ed), heading)
    return buf.getvalue()
