"""Light SVG charts for the weight simulator: pure Python, drawn in a few milliseconds.

The four charts lesson 5 shows, drawn by hand as SVG strings from the same core
results :mod:`okrkit.ui.charts` takes: a what-if comparison, a sensitivity
tornado, a payout curve and a Monte Carlo distribution.  They need no chart
library, no JavaScript and no internet, and importing this module costs nothing
(no Altair, pandas, widgets or IPython; NumPy only inside the result objects).
For the same charts as interactive Altair charts use :mod:`okrkit.ui.charts`.

Each function returns the SVG as a ``str``; wrap it in :class:`Chart` (or
``IPython.display.SVG``) to show it in a notebook.  All text is escaped, labels
follow ``lang`` (``en`` or ``vi``, else ``$OKRKIT_LANG``), and the chart scales
down to the width of the output area.

Examples
--------
>>> import okrkit as ok
>>> from okrkit import svgcharts
>>> svg = svgcharts.scheme_chart(ok.what_if(ok.sample_cascade()), lang="en")
>>> svg.startswith("<svg") and "Kinh doanh" in svg and "70/20" in svg
True
>>> svgcharts.Chart(svg)
<Chart: Department scores under each weight scheme>
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

from . import i18n
from .errors import InputError
from .glossary import department_name, kpi_name
from .scoring import BAND_COLORS
from .scoring import band as _band

__all__ = ["BAND_COLORS", "SCHEME_COLORS", "Chart", "distribution_chart", "payout_chart", "scheme_chart",
           "tornado_chart"]

BAND_EDGES = (0.35, 0.65)   # as okrkit.scoring.band reads scores (to one decimal)
# one colour per weight scheme (no red or green: those are the bands')
SCHEME_COLORS = ("#4c78a8", "#f58518", "#72b7b2", "#b279a2", "#9d755d", "#eeca3b", "#ff9da6", "#bab0ac")
CHAR_W = 6.6   # average width of a 12px sans-serif character, for laying out labels
FONT = "font-family:sans-serif;font-size:12px"
HALO = ' stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'   # text readable over lines


class Chart:
    """An SVG chart string that a notebook displays as a picture: ``display(Chart(svg))``."""

    __slots__ = ("svg",)

    def __init__(self, svg: str):
        self.svg = str(svg)

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        start = self.svg.find("<title>")
        end = self.svg.find("</title>", start)
        title = html.unescape(self.svg[start + 7:end]) if start >= 0 and end > start else f"{len(self.svg)} characters"
        return f"<Chart: {title}>"


# ---------------------------------------------------------------- small helpers

def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def num(x: float, digits: int = 2, lang: str = "en") -> str:
    """``1,234.50`` in English, ``1.234,50`` in Vietnamese; ``—`` for a missing number."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return i18n.number(x, lang, decimals=digits)


def pct(x: float, digits: int = 0, lang: str = "en") -> str:
    return "—" if x is None or math.isnan(x) else num(x * 100, digits, lang) + "%"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering ``lo``…``hi`` (about ``count`` of them)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0]
    if hi - lo < 1e-12:
        hi = lo + 1.0
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw - 1e-12)
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + 1e-9 * step:
        ticks.append(round(k * step, 10))
        k += 1
    return ticks


def _digits(ticks: list[float]) -> int:
    """Decimals needed to write every tick exactly."""
    for d in range(4):
        if all(abs(round(t, d) - t) < 1e-9 for t in ticks):
            return d
    return 4


def _fit(text: str, width: float) -> str:
    """``text`` cut with an ellipsis to about ``width`` pixels."""
    most = max(4, int(width / CHAR_W))
    return text if len(text) <= most else text[:most - 1] + "…"


def _open(width: int, height: float, title: str, css: str) -> list[str]:
    height = math.ceil(height)
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="okrkit-svgchart {css}" role="img" '
            f'aria-label="{esc(title)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'style="max-width:100%;height:auto;{FONT}">',
            f"<title>{esc(title)}</title>",
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>',
            f'<text x="8" y="18" font-size="14" font-weight="bold" fill="#222">{esc(_fit(title, width - 16))}</text>']


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = "#333", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{esc(text)}</text>")


def _legend(x: float, y: float, items: list[tuple[str, str]], width: float) -> tuple[list[str], float]:
    """Colour swatches with their labels, wrapping within ``width``; returns the parts and the height used."""
    parts, cx, cy = [], x, y
    for color, label in items:
        w = 16 + CHAR_W * len(label) + 14
        if cx > x and cx + w > x + width:
            cx, cy = x, cy + 18
        parts.append(f'<rect x="{cx:.1f}" y="{cy - 9:.1f}" width="10" height="10" fill="{color}"/>'
                     + _text(cx + 14, cy, label))
        cx += w
    return parts, cy - y + 18


def _x_axis(scale, ticks, y0: float, y1: float, *, fmt, label: str, mid: float, grid: bool = True) -> list[str]:
    """Vertical grid lines (from ``y0`` to ``y1``), tick labels under ``y1`` and the axis title."""
    parts = [f'<line x1="{scale(ticks[0]):.1f}" y1="{y1:.1f}" x2="{scale(ticks[-1]):.1f}" y2="{y1:.1f}" stroke="#999"/>']
    for t in ticks:
        if grid:
            parts.append(f'<line x1="{scale(t):.1f}" y1="{y0:.1f}" x2="{scale(t):.1f}" y2="{y1:.1f}" '
                         f'stroke="#e4e4e4"/>')
        parts.append(_text(scale(t), y1 + 14, fmt(t), anchor="middle", fill="#666"))
    parts.append(_text(mid, y1 + 30, label, anchor="middle", fill="#444"))
    return parts


def _scheme_color(i: int) -> str:
    return SCHEME_COLORS[i % len(SCHEME_COLORS)]


# ---------------------------------------------------------------- what-if: schemes side by side

def scheme_chart(what_if_result, *, lang: str | None = None, width: int = 640) -> str:
    """Each department's score under each weight scheme: grouped bars, with rank and the band behind."""
    lang = i18n.get_lang(lang)
    r = what_if_result
    schemes, departments = list(r.schemes), list(r.departments)
    if not schemes or not departments:
        raise InputError("nothing to draw: the comparison has no scheme or no department", where="what_if")
    title = i18n.t("svgcharts.schemes", lang)
    longest = max(len(department_name(d, lang)) for d in departments)
    label_w = min(max(80.0, CHAR_W * longest + 12), width * 0.34)
    value_w = CHAR_W * 16
    left, right = label_w + 8, width - value_w
    legend, legend_h = _legend(left, 40, [(_scheme_color(i), s) for i, s in enumerate(schemes)], width - left - 8)
    top = 40 + legend_h
    bar_h, gap, group_gap = 13, 2, 12
    group_h = len(schemes) * (bar_h + gap) - gap
    plot_h = len(departments) * (group_h + group_gap)
    height = top + plot_h + 58
    values = [v for row in r.scores for v in row if v is not None and not math.isnan(v)]
    hi = max([1.0, *values])
    ticks = nice_ticks(0.0, hi)
    if ticks[-1] < hi - 1e-9:
        ticks.append(round(ticks[-1] + (ticks[1] - ticks[0]), 10))
    top_value = ticks[-1]
    x = lambda v: left + (right - left) * max(0.0, min(v, top_value)) / top_value  # noqa: E731
    parts = _open(width, height, title, "okrkit-scheme-chart") + legend
    y0, y1 = top - 4, top + plot_h - group_gap / 2
    # the bands, faintly, behind the bars
    edges = [0.0, *BAND_EDGES, top_value]
    for name, a, b in zip(("red", "yellow", "green"), edges, edges[1:]):
        parts.append(f'<rect class="okrkit-band" data-band="{name}" x="{x(a):.1f}" y="{y0:.1f}" '
                     f'width="{x(b) - x(a):.1f}" height="{y1 - y0:.1f}" fill="{BAND_COLORS[name]}" '
                     f'fill-opacity="0.10"/>')
    digits = _digits(ticks)
    parts += _x_axis(x, ticks, y0, y1, fmt=lambda t: num(t, digits, lang), label=i18n.t("svgcharts.score", lang),
                     mid=(left + right) / 2)
    if 1.0 <= top_value:
        parts.append(f'<line x1="{x(1.0):.1f}" y1="{y0:.1f}" x2="{x(1.0):.1f}" y2="{y1:.1f}" stroke="#777" '
                     f'stroke-dasharray="4,3"/>')
    for j, dept in enumerate(departments):
        gy = top + j * (group_h + group_gap)
        shown = department_name(dept, lang)
        parts.append(f"<g class='okrkit-dept'>{_text(left - 8, gy + group_h / 2 + 4, _fit(shown, label_w), anchor='end')}"
                     f"<title>{esc(shown)}</title></g>")
        for i, scheme in enumerate(schemes):
            score = r.scores[i][j]
            y = gy + i * (bar_h + gap)
            if score is None or math.isnan(score):
                parts.append(_text(left + 4, y + bar_h - 3, "—", fill="#a94442"))
                continue
            rank = r.ranks[i][j]
            band_name = i18n.t(f"band.{_band(score)}", lang)
            tip = i18n.t("svgcharts.bar", lang, scheme=scheme, department=shown, score=num(score, 2, lang),
                         rank=rank, band=band_name)
            parts.append(f'<rect class="okrkit-bar" data-scheme="{esc(scheme)}" data-dept="{esc(dept)}" '
                         f'data-score="{score:.4f}" data-rank="{rank}" x="{left:.1f}" y="{y:.1f}" '
                         f'width="{max(0.0, x(score) - left):.1f}" height="{bar_h}" fill="{_scheme_color(i)}">'
                         f"<title>{esc(tip)}</title></rect>")
            label = f"{num(score, 2, lang)}  {i18n.t('svgcharts.rank', lang, rank=rank)}"
            parts.append(_text(x(score) + 4, y + bar_h - 3, label, fill="#333", extra=HALO))
    note = i18n.t("svgcharts.bands", lang, red=i18n.t("band.red", lang), yellow=i18n.t("band.yellow", lang),
                  green=i18n.t("band.green", lang), low=num(BAND_EDGES[0], 2, lang), high=num(BAND_EDGES[1], 2, lang))
    parts.append(_text(left, height - 6, note, fill="#777", extra=' font-size="11"'))
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- sensitivity: the tornado

def tornado_chart(sensitivity_result, department: str, *, names: Mapping[str, str] | None = None,
                  lang: str | None = None, width: int = 640) -> str:
    """For one department: its score with each KPI's weight ``step`` lower and higher (widest swing on top).

    ``names`` may map KPI ids to the names to show (e.g. ``{k.id: k.name for k in plan.kpis}``).
    """
    lang = i18n.get_lang(lang)
    rows = sensitivity_result.tornado(department)
    if not rows:
        known = sorted({x.department for x in sensitivity_result.items})
        raise InputError(f"no sensitivity rows for {department!r}", where="department",
                         hint=f"departments: {', '.join(known)}" if known else None)
    names = dict(names or {})
    given = dict(getattr(sensitivity_result, "names", {}) or {})
    label_of = lambda kpi: names.get(kpi) or kpi_name(kpi, lang, given=given.get(kpi))  # noqa: E731
    step = round(sensitivity_result.step * 100)
    title = i18n.t("svgcharts.tornado", lang, department=department_name(department, lang), step=step)
    base = rows[0]["score"]
    longest = max(len(label_of(r["kpi"])) for r in rows)
    label_w = min(max(70.0, CHAR_W * longest + 12), width * 0.32)
    end_w = CHAR_W * 13   # room for "20% → 0,816" at each end of a bar
    left, right = label_w + 8 + end_w, width - end_w - 8
    top, row_h = 52, 30
    plot_h = len(rows) * row_h
    height = top + plot_h + 64
    lo = min(min(r["low"], r["high"]) for r in rows + [{"low": base, "high": base}])
    hi = max(max(r["low"], r["high"]) for r in rows + [{"low": base, "high": base}])
    pad = max((hi - lo) * 0.08, 0.005)
    ticks = nice_ticks(lo - pad, hi + pad, 4)
    a, b = min(ticks[0], lo - pad), max(ticks[-1], hi + pad)
    ticks = [t for t in ticks if a <= t <= b]
    x = lambda v: left + (right - left) * (v - a) / (b - a)  # noqa: E731
    parts = _open(width, height, title, "okrkit-tornado-chart")
    y0, y1 = top - 6, top + plot_h
    digits = max(2, _digits(ticks))
    parts += _x_axis(x, ticks, y0, y1, fmt=lambda t: num(t, digits, lang), label=i18n.t("svgcharts.score", lang),
                     mid=(left + right) / 2)
    for i, row in enumerate(rows):
        y = top + i * row_h
        label = label_of(row["kpi"])
        parts.append(f"<g class='okrkit-kpi'>{_text(label_w, y + row_h / 2 + 4, _fit(label, label_w), anchor='end')}"
                     f"<title>{esc(label)} ({esc(row['kpi'])}) — {esc(pct(row['weight'], 0, lang))}</title></g>")
        rising = row["high"] >= row["low"]
        color = BAND_COLORS["green" if rising else "red"]
        x_lo, x_hi = sorted((x(row["low"]), x(row["high"])))
        parts.append(f'<rect class="okrkit-bar" data-kpi="{esc(row["kpi"])}" data-low="{row["low"]:.4f}" '
                     f'data-high="{row["high"]:.4f}" x="{x_lo:.1f}" y="{y + 6:.1f}" width="{max(1.0, x_hi - x_lo):.1f}" '
                     f'height="{row_h - 12}" fill="{color}"/>')
        ends = sorted([(row["low"], row["low_weight"]), (row["high"], row["high_weight"])])
        for (score, weight), xpos, anchor, dx in zip(ends, (x_lo, x_hi), ("end", "start"), (-4, 4)):
            parts.append(_text(xpos + dx, y + row_h / 2 + 4, f"{pct(weight, 0, lang)} → {num(score, 3, lang)}",
                               anchor=anchor, fill="#444"))
    parts.append(f'<line class="okrkit-now" x1="{x(base):.1f}" y1="{y0:.1f}" x2="{x(base):.1f}" y2="{y1:.1f}" '
                 f'stroke="#222" stroke-dasharray="4,3"/>')
    parts.append(_text(x(base), y0 - 2, i18n.t("svgcharts.now", lang, score=num(base, 3, lang)), anchor="middle",
                       fill="#222", extra=' font-size="11"'))
    parts.append(_text(8, height - 6, i18n.t("svgcharts.tornado_note", lang), fill="#777", extra=' font-size="11"'))
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- the payout curve

def payout_chart(curve, *, lang: str | None = None, width: int = 560) -> str:
    """A payout curve: the share of the target bonus paid for each score, its corners labelled."""
    lang = i18n.get_lang(lang)
    pts = [(float(s), float(p)) for s, p in curve.points()]
    pts.append((pts[-1][0] + 0.2, float(curve.max_payout)))
    title = i18n.t("svgcharts.payout_curve", lang)
    left, right, top = 56, width - 24, 44
    plot_h = 220
    height = top + plot_h + 46
    x_ticks = nice_ticks(0.0, pts[-1][0], 6)
    if x_ticks[-1] < pts[-1][0] - 1e-9:
        x_ticks.append(round(x_ticks[-1] + x_ticks[1] - x_ticks[0], 10))
    y_top = max(p for _, p in pts) or 1.0
    y_ticks = nice_ticks(0.0, y_top * 1.1, 4)
    if y_ticks[-1] < y_top * 1.1 - 1e-9:
        y_ticks.append(round(y_ticks[-1] + y_ticks[1] - y_ticks[0], 10))
    x = lambda v: left + (right - left) * v / x_ticks[-1]  # noqa: E731
    y = lambda v: top + plot_h - plot_h * v / y_ticks[-1]  # noqa: E731
    parts = _open(width, height, title, "okrkit-payout-chart")
    xd = _digits(x_ticks)
    parts += _x_axis(x, x_ticks, top, top + plot_h, fmt=lambda t: num(t, xd, lang),
                     label=i18n.t("svgcharts.score", lang), mid=(left + right) / 2)
    for t in y_ticks:
        parts.append(f'<line x1="{left}" y1="{y(t):.1f}" x2="{right}" y2="{y(t):.1f}" stroke="#e4e4e4"/>'
                     + _text(left - 6, y(t) + 4, pct(t, 0, lang), anchor="end", fill="#666"))
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#999"/>')
    parts.append(_text(14, top + plot_h / 2, i18n.t("svgcharts.payout", lang), anchor="middle", fill="#444",
                       extra=f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"'))
    line = " ".join(f"{x(s):.1f},{y(p):.1f}" for s, p in pts)
    parts.append(f'<polyline class="okrkit-curve" points="{line}" fill="none" stroke="{SCHEME_COLORS[0]}" '
                 f'stroke-width="2.5"/>')
    for s, p in pts[1:-1]:
        # a corner on the floor or at the top: label above and to the left; else below and to the right
        # (the curve rises left to right, so neither label sits on the line)
        above = p <= 1e-9 or p >= y_top - 1e-9
        parts.append(f'<circle class="okrkit-point" data-score="{s:.4f}" data-payout="{p:.4f}" cx="{x(s):.1f}" '
                     f'cy="{y(p):.1f}" r="4" fill="white" stroke="{SCHEME_COLORS[0]}" stroke-width="2"/>'
                     + _text(x(s) + (-6 if above else 8), y(p) + (-8 if above else 16),
                             f"{num(s, 2, lang)} → {pct(p, 0, lang)}", anchor="end" if above else "start"))
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- Monte Carlo

def distribution_chart(mc_result, *, department: str | None = None, bins: int = 30, payouts: bool = False,
                       lang: str | None = None, width: int = 640) -> str:
    """Monte Carlo distribution of scores (or payouts) per scheme, as overlaid step areas.

    One panel for ``department``, or one small panel per department (two columns) when it is ``None``.
    """
    lang = i18n.get_lang(lang)
    mc = mc_result
    departments = list(mc.departments) if department is None else [department]
    if department is not None and department not in mc.departments:
        raise InputError(f"no department {department!r} in this simulation", where="department",
                         hint=f"departments: {', '.join(mc.departments)}")
    rows = mc.histogram(bins=bins, payouts=payouts)
    schemes = list(mc.schemes)
    draws = num(mc.draws, 0, lang)
    title = i18n.t("svgcharts.distribution_payout" if payouts else "svgcharts.distribution", lang, draws=draws)
    if department is not None:
        title = f"{title} — {department}"
    if department is not None and not payouts:
        items = []
        for i, s in enumerate(schemes):
            summary = mc.summary(s, department)
            items.append((_scheme_color(i), i18n.t("svgcharts.mc_legend", lang, scheme=s,
                                                    mean=num(summary["mean"], 2, lang),
                                                    p=pct(summary["p_target"], 0, lang))))
    else:
        items = [(_scheme_color(i), s) for i, s in enumerate(schemes)]
    legend, legend_h = _legend(56, 40, items, width - 64)
    top = 40 + legend_h
    columns = 1 if department is not None else 2
    panel_w = (width - 8) / columns
    panel_h = 200 if department is not None else 130
    panel_gap = 0 if department is not None else 22
    n_rows = math.ceil(len(departments) / columns)
    block_h = panel_gap + panel_h + 40
    height = top + n_rows * block_h + 6
    lo, hi = min(r["start"] for r in rows), max(r["end"] for r in rows)
    x_ticks = [t for t in nice_ticks(lo, hi, 5 if columns == 1 else 4) if lo - 1e-9 <= t <= hi + 1e-9]
    fmt_x = (lambda t: pct(t, 0, lang)) if payouts else (lambda t: num(t, _digits(x_ticks), lang))
    y_top = max([r["share"] for r in rows if r["department"] in departments] or [0.0]) or 1.0
    y_ticks = nice_ticks(0.0, y_top * 1.05, 3 if columns == 2 else 4)
    if y_ticks[-1] < y_top - 1e-12:
        y_ticks.append(round(y_ticks[-1] + y_ticks[1] - y_ticks[0], 10))
    y_digits = max(0, _digits([t * 100 for t in y_ticks]))
    parts = _open(width, height, title, "okrkit-distribution-chart") + legend
    by_key = {}
    for r in rows:
        by_key.setdefault((r["department"], r["scheme"]), []).append(r)
    for n, dept in enumerate(departments):
        col, row = n % columns, n // columns
        ox = 8 + col * panel_w
        oy = top + row * block_h + panel_gap
        left, right = ox + 48, ox + panel_w - 16
        y0, y1 = oy, oy + panel_h
        x = lambda v, left=left, right=right: left + (right - left) * (v - lo) / (hi - lo)  # noqa: E731
        y = lambda v, y1=y1: y1 - panel_h * v / y_ticks[-1]  # noqa: E731
        parts.append(f"<g class='okrkit-panel' data-dept='{esc(dept)}'>")
        if department is None:
            parts.append(_text(left, oy - 6, _fit(department_name(dept, lang), right - left), fill="#222",
                               extra=' font-weight="bold"')
                         + f"<title>{esc(dept)}</title>")
        parts += _x_axis(x, x_ticks, y0, y1, fmt=fmt_x, mid=(left + right) / 2,
                         label=i18n.t("svgcharts.payout" if payouts else "svgcharts.score", lang))
        for t in y_ticks:
            parts.append(f'<line x1="{left:.1f}" y1="{y(t):.1f}" x2="{right:.1f}" y2="{y(t):.1f}" stroke="#eee"/>'
                         + _text(left - 5, y(t) + 4, pct(t, y_digits, lang), anchor="end", fill="#666"))
        parts.append(_text(ox + 10, (y0 + y1) / 2, i18n.t("svgcharts.share", lang), anchor="middle", fill="#444",
                           extra=f' font-size="11" transform="rotate(-90 {ox + 10:.1f} {(y0 + y1) / 2:.1f})"'))
        for i, scheme in enumerate(schemes):
            hist = by_key.get((dept, scheme), [])
            if not hist:
                continue
            path = [f"M{x(hist[0]['start']):.1f},{y(0):.1f}"]
            for r in hist:
                path.append(f"L{x(r['start']):.1f},{y(r['share']):.1f}L{x(r['end']):.1f},{y(r['share']):.1f}")
            path.append(f"L{x(hist[-1]['end']):.1f},{y(0):.1f}Z")
            color = _scheme_color(i)
            parts.append(f'<path class="okrkit-area" data-scheme="{esc(scheme)}" data-dept="{esc(dept)}" '
                         f'd="{"".join(path)}" fill="{color}" fill-opacity="0.35" stroke="{color}" '
                         f'stroke-width="1.5"><title>{esc(scheme)} — {esc(dept)}</title></path>')
        if not payouts and lo <= mc.target <= hi:
            parts.append(f'<line class="okrkit-target" x1="{x(mc.target):.1f}" y1="{y0:.1f}" x2="{x(mc.target):.1f}" '
                         f'y2="{y1:.1f}" stroke="#222" stroke-dasharray="4,3"/>'
                         + _text(x(mc.target) - 4, y0 + 12, i18n.t("svgcharts.target", lang), anchor="end",
                                 fill="#222", extra=' font-size="11"'))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


i18n.register({
    "svgcharts.score": {"en": "score", "vi": "điểm"},
    "svgcharts.payout": {"en": "bonus paid", "vi": "mức thưởng"},
    "svgcharts.share": {"en": "share of draws", "vi": "tỷ lệ số lần rút"},
    "svgcharts.target": {"en": "target", "vi": "mục tiêu"},
    "svgcharts.rank": {"en": "#{rank}", "vi": "hạng {rank}"},
    "svgcharts.schemes": {"en": "Department scores under each weight scheme",
                          "vi": "Điểm các bộ phận theo từng phương án trọng số"},
    "svgcharts.bar": {"en": "{scheme} — {department}: score {score}, rank {rank}, {band}",
                      "vi": "{scheme} — {department}: điểm {score}, hạng {rank}, {band}"},
    "svgcharts.bands": {"en": "background: {red} below {low}, {yellow} from {low}, {green} from {high}; "
                              "dashed line: score 1 (target)",
                        "vi": "nền: {red} dưới {low}, {yellow} từ {low}, {green} từ {high}; "
                              "nét đứt: điểm 1 (mục tiêu)"},
    "svgcharts.tornado": {"en": "{department}: score if one weight moves ±{step} points",
                          "vi": "{department}: điểm khi một trọng số thay đổi ±{step} điểm"},
    "svgcharts.now": {"en": "now {score}", "vi": "hiện tại {score}"},
    "svgcharts.tornado_note": {"en": "each end: weight → score · green: more weight raises the score · "
                                     "red: more weight lowers it",
                               "vi": "mỗi đầu thanh: trọng số → điểm · xanh: tăng trọng số thì điểm tăng · "
                                     "đỏ: tăng trọng số thì điểm giảm"},
    "svgcharts.payout_curve": {"en": "Bonus curve: score → share of the target bonus",
                               "vi": "Đường thưởng: điểm → tỷ lệ tiền thưởng mục tiêu"},
    "svgcharts.distribution": {"en": "Score distribution ({draws} draws)", "vi": "Phân phối điểm ({draws} lần rút)"},
    "svgcharts.distribution_payout": {"en": "Bonus distribution ({draws} draws)",
                                      "vi": "Phân phối mức thưởng ({draws} lần rút)"},
    "svgcharts.mc_legend": {"en": "{scheme}: mean {mean}, reaches target in {p} of draws",
                            "vi": "{scheme}: trung bình {mean}, đạt mục tiêu {p} số lần"},
})
