"""The planning report as one HTML page a sales director can put in front of the board.

Page one holds the headline figures (revenue, % of plan, growth against the previous
period and the same period last year, the run-rate forecast) and the three things to
act on; then month by month, revenue by product line, region and rep, the drill-down,
customers, top customers, check-ins, OKRs, the cascade and the inputs.  Everything a
reader sees is in the report's language, numbers and dates the way that language
writes them (Babel, through :mod:`okrkit.i18n`).

The page is self-contained: inline CSS, charts as inline SVG rendered by vl-convert
(Vega-Lite without a browser), no script, no link, no font from the network.  A print
style sheet lays it out on A4 with page one on its own sheet; :func:`print_pdf` prints it
with the machine's Chromium for the board pack.
"""

from __future__ import annotations

import html
import math
import os
from datetime import date, datetime
from pathlib import Path

from . import i18n

# d3-format locale for Vega-Lite axis labels: 1.234,5 in Vietnamese.
VEGA_LOCALES = {"vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
                "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " VND"]}}


def svg(chart, lang: str) -> str:
    """A chart as inline SVG, axis numbers written the way ``lang`` writes them (offline)."""
    import altair as alt
    import vl_convert as vlc

    if isinstance(chart, str):
        return chart
    version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    return vlc.vegalite_to_svg(chart.to_dict(), vl_version=version, format_locale=VEGA_LOCALES[lang])


def _missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v)) if not isinstance(v, (str, bytes, list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


ENUMS = {"stage": "stage", "type": "type", "band": "band", "severity": "severity", "level": "level", "kind": "kind"}


def value_text(v, kind: str, lang: str) -> str:
    """One cell as the reader reads it in ``lang`` (unknown is a dash, never 0)."""
    if kind == "known_bool":
        if _missing(v):
            return i18n.t("unknown", lang)
        return i18n.t("yes" if bool(v) else "no", lang)
    if _missing(v):
        return "–"
    if kind == "money":
        return i18n.amount(float(v), lang, unit=None)
    if kind == "signed_money":
        return ("+" if v > 0 else "") + i18n.amount(float(v), lang, unit=None)
    if kind == "pct":
        return i18n.percent(float(v), lang) if abs(v) < 100 else "–"
    if kind == "signed_pct":
        return ("+" if v > 0 else "") + i18n.percent(float(v), lang, decimals=1) if abs(v) < 100 else "–"
    if kind == "ratio":
        return i18n.number(float(v), lang, decimals=2)
    if kind in ("int", "signed_int"):
        return ("+" if kind == "signed_int" and v > 0 else "") + i18n.number(round(float(v)), lang, decimals=0)
    if kind == "number":
        return i18n.number(float(v), lang)
    if kind == "date":
        if hasattr(v, "to_pydatetime"):
            v = v.to_pydatetime()
        return i18n.date(v, lang) if isinstance(v, (date, datetime)) else str(v)
    if kind == "month":
        return i18n.period(str(v), lang)
    if kind == "bool":
        return i18n.t("yes" if bool(v) else "no", lang)
    if kind in ENUMS:
        key = f"{ENUMS[kind]}.{v}"
        return i18n.t(key, lang) if key in i18n.keys() else str(v)
    return str(v)


NUMERIC = {"money", "signed_money", "pct", "signed_pct", "ratio", "int", "signed_int", "number"}


def table_html(sheet, lang: str) -> str:
    """A sheet as an HTML table: the first ``show`` rows, then one line saying how many more."""
    df = sheet.frame
    shown = df.head(sheet.show)
    head = "".join(f"<th class='{'num' if k in NUMERIC else ''}'>{html.escape(h)}</th>" for _, h, k in sheet.columns)
    rows = []
    for rec in shown.to_dict("records"):
        cells = []
        for col, _h, kind in sheet.columns:
            v = rec.get(col)
            text = value_text(v, kind, lang)
            cls = []
            if kind in NUMERIC:
                cls.append("num")
                if kind.startswith("signed") and not _missing(v) and v < 0:
                    cls.append("neg")
            if kind == "band" and not _missing(v):
                cls.append(f"band-{v}")
            cells.append(f"<td class='{' '.join(cls)}'>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if len(df) > len(shown):
        more = (f"<tr class='more'><td colspan='{len(sheet.columns)}'>"
                f"{html.escape(i18n.t('report.more_rows', lang, shown=len(shown), n=len(df)))}</td></tr>")
    if not len(df):
        more = (f"<tr class='more'><td colspan='{len(sheet.columns)}'>"
                f"{html.escape(i18n.t('report.no_rows', lang))}</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}{more}</tbody></table>"


def _cards(cards) -> str:
    out = []
    for c in cards:
        tone = c.get("tone", "")
        out.append(f"<div class='card {tone}'><div class='label'>{html.escape(c['label'])}</div>"
                   f"<div class='value'>{html.escape(c['value'])}</div>"
                   f"<div class='sub'>{html.escape(c.get('sub') or '')}</div></div>")
    return "<div class='cards'>" + "".join(out) + "</div>"


def _actions(actions, lang) -> str:
    if not actions:
        return ""
    items = "".join(f"<li><b>{html.escape(a['title'])}</b><br>{html.escape(a['text'])}</li>" for a in actions)
    return (f"<div class='actions'><h2>{html.escape(i18n.t('report.actions', lang, n=len(actions)))}</h2>"
            f"<ol>{items}</ol></div>")


def _section_body(report, s) -> list[str]:
    """One section's HTML: heading, verdict, cards, lines, note, actions, charts and tables."""
    lang = report.lang
    body = []
    first = s.key == "summary"
    if first:
        body.append(f"<h1>{html.escape(report.title)}</h1>"
                    f"<p class='meta'>{html.escape(report.subtitle)}</p>")
    else:
        body.append(f"<h2>{html.escape(s.title)}</h2>")
    if first and s.lines:
        tone = "on" if s.cards and s.cards[-1].get("tone") == "good" else "off"
        body.append(f"<p class='verdict {tone}'>{html.escape(s.lines[0])}</p>")
    if s.cards:
        body.append(_cards(s.cards))
    if s.lines and not first:
        body.append("<ul class='lines'>" + "".join(f"<li>{html.escape(x)}</li>" for x in s.lines) + "</ul>")
    if s.note:
        body.append(f"<p class='note'>{html.escape(s.note)}</p>")
    if first:
        body.append(_actions(s.actions, lang))
    if s.charts:
        body.append("<div class='charts'>" + "".join(f"<figure>{svg(c, lang)}</figure>" for c in s.charts) + "</div>")
    for sh in s.tables:
        if sh.frame is None or not sh.html:
            continue
        body.append(f"<div class='tablebox'><h3>{html.escape(sh.title)}</h3>")
        if sh.note:
            body.append(f"<p class='note'>{html.escape(sh.note)}</p>")
        body.append(table_html(sh, lang) + "</div>")
    return body


def render(report) -> str:
    """The whole page."""
    lang = report.lang
    body = []
    nav = [f"<a href='#{s.key}'>{html.escape(s.title)}</a>" for s in report.sections if s.key != "summary"]
    for s in report.sections:
        first = s.key == "summary"
        body.append(f"<section id='{s.key}' class='{'first' if first else 'part'}'>")
        body += _section_body(report, s)
        if first:
            body.append(f"<nav><b>{html.escape(i18n.t('report.contents', lang))}</b> " + " · ".join(nav) + "</nav>")
        body.append("</section>")
    return ("<!DOCTYPE html>\n<html lang='" + lang + "'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(report.title)}</title><style>{CSS}</style></head><body><main>"
            + "".join(body) + "</main></body></html>\n")


def section_html(report, keys) -> str:
    """Some sections of the report as a fragment for a notebook's output: the report's own look, its style
    scoped to the fragment (so it leaves JupyterLab's page alone), no script and no link."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    parts = []
    for key in keys:
        try:
            s = report.section(key)
        except KeyError:
            continue
        parts += _section_body(report, s)
    if not parts:
        parts.append(f"<p class='note'>{html.escape(i18n.t('report.part_absent', report.lang))}</p>")
    return f"<div class='okrkit-part'><style>{scoped_css()}</style>" + "".join(parts) + "</div>"


def scoped_css(scope: str = ".okrkit-part") -> str:
    """The report's screen style with every rule under ``scope`` (the page-wide and print rules left out)."""
    screen = CSS.split("@media", 1)[0]
    out = []
    for rule in screen.split("}"):
        if "{" not in rule:
            continue
        selectors, decls = rule.split("{", 1)
        chosen = [x.strip() for x in selectors.split(",") if x.strip() and x.strip() not in ("*", "body", "main")]
        if chosen:
            out.append(",".join(f"{scope} {x}" for x in chosen) + "{" + decls.strip() + "}")
    return f"{scope}{{font-family:'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',Arial,sans-serif;color:#1d2733}}" + "".join(out)


CSS = """
*{box-sizing:border-box}
body{font-family:'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',Arial,sans-serif;margin:0;color:#1d2733;background:#f4f6f9}
main{max-width:1320px;margin:0 auto;padding:24px 32px;background:#fff}
h1{font-size:26px;margin:0 0 4px;color:#12355b}
h2{font-size:20px;color:#12355b;border-bottom:3px solid #2f6db5;padding-bottom:4px;margin:36px 0 12px}
h3{font-size:15px;margin:18px 0 6px;color:#2f6db5}
.meta{color:#5b6877;margin:0 0 18px;font-size:14px}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin:12px 0 8px}
.card{border:1px solid #d5dde8;border-left:6px solid #2f6db5;border-radius:6px;padding:12px 14px;background:#fbfcfe;
break-inside:avoid}
.card .label{font-size:13px;color:#5b6877;text-transform:uppercase;letter-spacing:.02em}
.card .value{font-size:28px;font-weight:700;margin:4px 0;color:#12355b;white-space:nowrap}
.card .sub{font-size:13px;color:#5b6877}
.card.good{border-left-color:#3c9a5f}.card.good .value{color:#23713f}
.card.bad{border-left-color:#c9453b}.card.bad .value{color:#a3302a}
.card.warn{border-left-color:#e0a12b}
.card.unknown{border-left-color:#9aa5b1}.card.unknown .value{color:#6b7785;font-size:22px}
.verdict{font-size:18px;font-weight:600;margin:10px 0 0;padding:8px 14px;background:#fff4e5;border-radius:6px;
color:#7a4b00}.verdict.on{background:#e8f5ec;color:#1d5e33}
.actions{margin-top:8px}.actions h2{margin-top:18px}
.actions ol{margin:0;padding-left:1.4em}.actions li{margin:0 0 10px;font-size:15px;line-height:1.45}
ul.lines{margin:6px 0 10px;padding-left:1.2em;font-size:14px}ul.lines li{margin:2px 0}
.note{color:#5b6877;font-size:13px;font-style:italic}
.charts{display:flex;flex-wrap:wrap;gap:16px 28px;align-items:flex-start}
figure{margin:6px 0;max-width:100%;min-width:0;flex:0 1 auto}figure svg{max-width:100%;height:auto}
.tablebox{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;font-size:13px;margin:4px 0 12px;min-width:50%}
th,td{border-bottom:1px solid #e1e6ee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef3f9;font-weight:600;border-bottom:2px solid #c9d5e5}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.neg{color:#a3302a}tr.more td{color:#5b6877;font-style:italic;border-bottom:none}
td.band-red{color:#a3302a;font-weight:600}td.band-yellow{color:#9a6b00;font-weight:600}
td.band-green{color:#23713f;font-weight:600}
nav{margin:22px 0 0;font-size:13px;color:#5b6877;line-height:1.8}nav a{color:#2f6db5}
@media (max-width:1100px){.cards{grid-template-columns:repeat(3,1fr)}}
@page{size:A4;margin:12mm 11mm}
@media print{
 body{background:#fff;font-size:11px}main{max-width:none;padding:0}
 .cards{grid-template-columns:repeat(3,1fr);gap:8px}.card{padding:8px 10px}.card .value{font-size:22px}
 .card .sub,.card .label{font-size:11px}
 section.first{break-after:page}section.part{break-before:page}
 h2{margin-top:0;font-size:17px}h3{break-after:avoid}
 nav{display:none}figure,.card,tr{break-inside:avoid}
 .charts{gap:6px 16px}figure svg{max-width:100%;max-height:120mm}
 table{font-size:9.5px;width:100%}.tablebox{overflow:visible}th,td{padding:2px 4px;overflow-wrap:anywhere}
 td.num,th.num{white-space:normal}
 .actions li{font-size:12.5px}
}
"""


def print_pdf(report, path: str | os.PathLike, *, html_path: str | os.PathLike | None = None) -> Path:
    """Print the report to an A4 PDF with the machine's Chromium (headless; the page loads nothing)."""
    from .errors import InputError
    from .files import atomic_write

    chromium = os.environ.get("OKRKIT_CHROMIUM", "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise InputError(i18n.t("report.pdf.no_browser", report.lang), where="--pdf",
                         hint=i18n.t("report.pdf.hint", report.lang)) from None
    if not Path(chromium).exists():
        raise InputError(i18n.t("report.pdf.no_browser", report.lang), where="--pdf",
                         hint=i18n.t("report.pdf.hint", report.lang))
    text = Path(html_path).read_text(encoding="utf-8") if html_path else report.to_html()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("data:", "about:"))
                       else route.continue_())
            page.set_content(text, wait_until="load")
            data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()
    return atomic_write(path, data)
