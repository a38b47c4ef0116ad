"""Line breaking for Chinese official text (禁则): where a printed line may end and the next begin.

The PDF writer measures and breaks every paragraph and table cell itself, on these units:
- a closing bracket or punctuation mark (），。、；：！？”》〕 …) stays with what precedes it, so no
  line starts with one; an opening bracket stays with what follows it, so no line ends with one;
- a number stays with its unit (91.9%, 320个, 2022年12月31日, 20微克/立方米, 39.3个百分点);
- a rank stays with （并列） ("10（并列）" never splits);
- a run of Latin letters or digits is one unit.
Any other character may break on either side (Chinese text has no spaces).
"""
from __future__ import annotations

import re
from collections.abc import Callable

CLOSING = "）)]】〕》」』”’，。、；：！？%％…—·"
OPENING = "（([【〔《「『“‘"
UNITS = ("个百分点", "微克/立方米", "μg/m³", "mg/m³", "个", "件", "次", "人", "起", "天", "位", "项", "年", "月", "日",
         "号", "名", "家", "条", "元", "%", "％")
_NUMBER = r"[+\-−]?\d[\d,，.]*"
_UNIT = "|".join(re.escape(u) for u in UNITS)
_CORE = (rf"{_NUMBER}（并列）"                                   # 10（并列）
         rf"|第?{_NUMBER}—(?:{_NUMBER}(?:{_UNIT}))+"                 # 1—12月
         rf"|第?(?:{_NUMBER}(?:{_UNIT}))+"                          # 2022年12月31日, 320个, 91.9%, 第3位
         rf"|{_NUMBER}"
         r"|[A-Za-z][A-Za-z0-9.\-/]*"
         r"|.")
TOKEN = re.compile(rf"[{re.escape(OPENING)}]*(?:{_CORE})[{re.escape(CLOSING)}]*", re.S)


PAGE_NUMBER = re.compile(r"— \d+ —")


def tokens(text: str) -> list[str]:
    """`text` cut into units that a line break must not split (see the module docstring)."""
    return TOKEN.findall(text)


def break_lines(text: str, width: float, measure: Callable[[str], float], first_indent: float = 0.0) -> list[str]:
    """`text` as printed lines no wider than `width` (the first `first_indent` narrower); explicit
    newlines are kept; a unit wider than a whole line is cut by characters as a last resort."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, avail = "", width - first_indent
        for tok in tokens(paragraph):
            if line and measure(line + tok) > avail:
                lines.append(line)
                line, avail = "", width
            while measure(tok) > avail and len(tok) > 1:   # here the line is empty
                cut = _longest_prefix(tok, avail, measure)
                lines.append(tok[:cut])
                tok, avail = tok[cut:], width
            line += tok
        lines.append(line)
        first_indent = 0.0
    return lines


def _longest_prefix(tok: str, avail: float, measure: Callable[[str], float]) -> int:
    n = 1
    while n < len(tok) and measure(tok[: n + 1]) <= avail:
        n += 1
    return n


def balanced_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """A centred title in as few lines as fit, each about as long as the others (梯形/菱形, GB/T 9704 7.3.1)."""
    lines = break_lines(text, width, measure)
    if len(lines) < 2:
        return lines
    target = measure(text) / len(lines)
    out, line = [], ""
    for tok in tokens(text):
        if line and (measure(line + tok) > width or (measure(line) >= target and len(out) < len(lines) - 1)):
            out.append(line)
            line = ""
        line += tok
    return out + [line]


def bad_line_starts(lines: list[str]) -> list[tuple[int, str]]:
    """(index, line) of printed lines that break a rule above: starting with closing punctuation, a
    unit split from its number, or （并列） split from its rank. Used by the tests on pdftotext output."""
    bad = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or PAGE_NUMBER.fullmatch(s) or s == "—":      # a page number; a table's missing value
            continue
        prev = lines[i - 1].rstrip() if i else ""
        if s[0] in CLOSING or s.startswith("并列）"):
            bad.append((i, line))
        elif prev and prev[-1].isdigit() and (s.startswith(UNITS) or s.startswith("（并列）")):
            bad.append((i, line))
        elif prev and prev[-1] in OPENING:
            bad.append((i, line))
    return bad
