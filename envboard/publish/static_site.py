"""A static HTML site of a published snapshot: index, one page per city and methodology, in Chinese
(*.html) and English (*.en.html). Charts are inline SVG with a table beside them; no scripts, no CDN."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from envboard.core import charts, i18n
from envboard.core.i18n import t
from envboard.publish import views
from envboard.publish.read import Snapshot

CSS = ("body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:46rem;margin:0 auto;padding:1rem;"
       "line-height:1.5;color:#111}nav a{margin-right:1rem}table{border-collapse:collapse;margin:.5rem 0}"
       ".scroll{overflow-x:auto}td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}td:first-child,td:nth-child(2){white-space:nowrap}td:last-child{white-space:normal}"
       ".fig{font-size:1.6rem;font-weight:bold}.card{border:1px solid #ccc;border-radius:.5rem;padding:.5rem;margin:.5rem 0}"
       "a:focus{outline:3px solid #E69F00}svg{max-width:100%;height:auto}"
       # figures right-aligned in their column and never split from their unit
       "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}th.num{text-align:right}.fig,.chg{white-space:nowrap}"
       ".chg.better{color:#0072B2}.chg.worse{color:#B35C00}.chg.same{color:#555}footer{margin-top:2rem;color:#444;font-size:.9rem}")
_NUMBER = re.compile(r"^[+\-−]?\d")


def _esc(value) -> str:
    return html.escape(str(value))


def _table(frame: pd.DataFrame) -> str:
    numeric = [i > 0 and len(frame) > 0 and all(_NUMBER.match(str(v)) or str(v) == "—" for v in frame.iloc[:, i])
               for i in range(frame.shape[1])]
    head = "".join(f"<th scope='col' class='num'>{_esc(c)}</th>" if n else f"<th scope='col'>{_esc(c)}</th>"
                   for c, n in zip(frame.columns, numeric))
    body = "".join("<tr>" + "".join(f"<td class='num'>{_esc(v)}</td>" if i and (_NUMBER.match(str(v)) or str(v) == "—")
                                    else f"<td>{_esc(v)}</td>" for i, v in enumerate(row)) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<div class='scroll'><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def bar_svg(chart: pd.DataFrame, title: str) -> str:
    """Horizontal bars with the value written on each bar (the table carries the same data)."""
    top = max([*chart["value"], 1.0])
    rows = []
    for i, r in enumerate(chart.itertuples()):
        y, width = 30 + i * 26, 300 * r.value / top
        rows.append(f"<text x='0' y='{y + 15}' font-size='13'>{_esc(r.city)}</text>"
                    f"<rect x='90' y='{y}' width='{width:.1f}' height='20' fill='{charts.PALETTE[0]}'/>"
                    f"<text x='{95 + width:.1f}' y='{y + 15}' font-size='12'>{_esc(r.label)}</text>")
    height = 40 + 26 * len(chart)
    return (f"<svg role='img' aria-label='{_esc(title)}' viewBox='0 0 480 {height}' width='480' height='{height}'>"
            f"<title>{_esc(title)}</title><text x='0' y='16' font-size='14' font-weight='bold'>{_esc(title)}</text>"
            + "".join(rows) + "</svg>")


def _trend_chart(trend: pd.DataFrame) -> pd.DataFrame:
    """A monthly table as bar-chart input: month label, value, shown text."""
    return pd.DataFrame({"city": trend.iloc[:, 0], "value": trend.attrs["values"], "label": trend.iloc[:, -1]})


def _page(snap: Snapshot, lang: str, title: str, body: str, stem: str) -> str:
    other = "en" if lang == "zh" else "zh"
    nav = (f"<nav aria-label='site'><a href='{_href('index', lang)}'>{t('public.site.home')}</a>"
           f"<a href='{_href('methodology', lang)}'>{t('public.nav.methodology')}</a>"
           f"<a href='{_href(stem, other)}' lang='{other}'>{t('public.lang_switch')}</a></nav>")
    as_of = t("public.as_of", month=views.month_text(snap.as_of), date=f"{pd.Timestamp(snap.publication['published_on']):%Y-%m-%d}")
    demo = f"<p>{t('public.demo')}</p>" if snap.publication.get("is_demo") else ""
    return (f"<!doctype html><html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{_esc(title)}</title>"
            f"<style>{CSS}</style></head><body>{nav}<main><h1>{_esc(title)}</h1><p>{_esc(as_of)}</p>{demo}{body}</main>"
            f"<footer>{_esc(views.footer_text(snap))}</footer></body></html>")


def _href(stem: str, lang: str) -> str:
    return f"{stem}.html" if lang == "zh" else f"{stem}.en.html"


def _cards(snap: Snapshot, code: str) -> str:
    out = []
    for metric, mv in views.METRIC_VIEWS.items():
        row = views.region_row(snap, "ytd", code)
        rank = views.rank_sentence(snap, metric, "ytd", code)
        change = views.last_year_change(snap, metric, code)
        change_html = f"<div class='chg {change.direction}'>{_esc(change.text)}</div>" if change else ""
        out.append(f"<div class='card'><div>{_esc(t(mv.label))}</div><div class='fig'>{_esc(views.value_text(mv, row.get(mv.value)))}</div>{change_html}"
                   f"<div>{_esc(views.detail_text(metric, row, code == snap.province))}{' · ' + _esc(rank) if rank else ''}</div></div>")
    return "".join(out)


def index_body(snap: Snapshot, lang: str) -> str:
    parts = [f"<p>{_esc(views.overview_sentence(snap, snap.province))}</p><p>{_esc(views.period_label(snap, 'ytd'))}</p>",
             _cards(snap, snap.province)]
    for metric, mv in views.METRIC_VIEWS.items():
        parts.append(f"<h2>{_esc(t(mv.label))}</h2><p>{_esc(views.comparison_sentence(snap, metric, 'ytd'))}</p>"
                     + bar_svg(views.chart_frame(snap, metric, "ytd"), t(mv.label)) + _table(views.city_table(snap, metric, "ytd")))
    links = "".join(f"<li><a href='{_href('city-' + c, lang)}'>{_esc(snap.name(c))}</a></li>" for c in snap.city_codes)
    return "".join(parts) + f"<h2>{t('public.site.city_pages')}</h2><ul>{links}</ul>"


def city_body(snap: Snapshot, code: str) -> str:
    trend = views.monthly_table(snap, code, "closure")
    return (f"<p>{_esc(views.overview_sentence(snap, code))}</p><p>{_esc(views.period_label(snap, 'ytd'))}</p>" + _cards(snap, code)
            + f"<h2>{t('public.progress.trend')}</h2><p>{_esc(views.closure_trend_sentence(snap, code, trend))}</p>"
            + bar_svg(_trend_chart(trend), t("public.progress.trend")) + _table(trend)
            + f"<h2>{t('public.env.air')}</h2><p>{_esc(views.air_sentence(snap, 'ytd', code))}</p>"
            + f"<h2>{t('public.env.water')}</h2><p>{_esc(views.water_sentence(snap, 'ytd', code))}</p>")


def methodology_body(snap: Snapshot, lang: str) -> str:
    aqi = views.aqi_table(lang)
    swatch = [f"<span aria-hidden='true' style='display:inline-block;width:1em;height:1em;border:1px solid #555;"
              f"background:{h}'></span> {_esc(name)}" for h, name in zip(aqi["hex"], aqi.iloc[:, 3])]
    rows = "".join(f"<tr><td>{_esc(r.iloc[0])}</td><td>{_esc(r.iloc[1])}</td><td>{_esc(r.iloc[2])}</td><td>{sw}</td></tr>"
                   for (_, r), sw in zip(aqi.iterrows(), swatch))
    head = "".join(f"<th scope='col'>{_esc(c)}</th>" for c in aqi.columns[:4])
    return (_table(views.methodology_table(snap, lang)) + f"<h2>{t('public.env.aqi_levels')}</h2>"
            + f"<div class='scroll'><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")


def write_site(snap: Snapshot, out_dir: Path) -> Path:
    """Write the site (both languages) into out_dir; return the Chinese index page."""
    out_dir = Path(out_dir).expanduser().resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = i18n.language()
    try:
        for lang in i18n.LANGS:
            i18n.set_language(lang)
            pages = {"index": (t("public.overview.title", scope=snap.name(snap.province)), index_body(snap, lang)),
                     "methodology": (t("public.method.title"), methodology_body(snap, lang))}
            for code in snap.city_codes:
                pages[f"city-{code}"] = (t("public.overview.title", scope=snap.name(code)), city_body(snap, code))
            for stem, (title, body) in pages.items():
                (out_dir / _href(stem, lang)).write_text(_page(snap, lang, title, body, stem), encoding="utf-8")
    finally:
        i18n.set_language(previous)
    return out_dir / "index.html"
