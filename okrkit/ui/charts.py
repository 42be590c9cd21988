"""Altair charts for cascades and weight simulations: built, returned, never displayed.

Each builder takes a core result (a funnel, a weight matrix, a what-if, a
sensitivity, a Monte Carlo) and returns an ``alt.Chart`` whose data is
already aggregated (far below Altair's 5,000-row limit).  In a live notebook
show it after ``okrkit.ui.enable_offline_charts()``; for headless runs and
exported HTML use :func:`to_svg`, which renders with vl-convert — no CDN.

Examples
--------
>>> import okrkit as ok
>>> from okrkit.ui import charts
>>> spec = charts.funnel_chart(ok.sample_cascade()).to_dict()
>>> [row["stage"] for row in charts.chart_rows(spec)][:3]
['Deals', 'Opportunities', 'Leads']
"""

from __future__ import annotations

import re

import altair as alt

from .. import i18n
from ..scoring import BAND_COLORS  # noqa: F401 - re-exported: the colours these charts share

MAX_ROWS = 5000


def _frame(rows):
    import pandas as pd

    frame = pd.DataFrame(rows)
    if len(frame) > MAX_ROWS:  # never hand Altair raw draws: aggregate first
        raise ValueError(f"{len(frame)} rows is more than a chart should carry; aggregate first")
    return frame


def _funnel_of(source):
    from ..cascade import Cascade, CascadeResult, Funnel

    if isinstance(source, Funnel):
        return source
    if isinstance(source, CascadeResult):
        return source.funnel
    if isinstance(source, Cascade):
        return source.funnel()
    raise TypeError(f"expected a Funnel, Cascade or CascadeResult, got {type(source).__name__}")


def funnel_chart(source, *, lang: str | None = None, include_goal: bool = False) -> alt.Chart:
    """Funnel stages as bars (log scale: traffic and headcount differ by 10,000×), labelled and explained."""
    from ..cascade import fmt_number

    funnel = _funnel_of(source)
    targets = list(funnel)[0 if include_goal else 1:]
    rows = [{"stage": t.title(lang), "order": i, "value": float(t.value), "base": 1.0, "label": f"{fmt_number(t.value, lang)} {t.unit or ''}".strip(),
             "owner": t.owner or "", "why": t.explain(lang)} for i, t in enumerate(targets)]
    base = alt.Chart(_frame(rows)).encode(
        y=alt.Y("stage:N", sort=alt.EncodingSortField("order"), title=None),
        x=alt.X("value:Q", scale=alt.Scale(type="log"), title=i18n.t("charts.target", lang)),
        tooltip=["stage:N", "label:N", "owner:N", "why:N"],
    )
    bars = base.mark_bar().encode(x2="base:Q",   # log scale has no zero: bars start at 1
                                  color=alt.Color("owner:N", title=i18n.t("charts.owner", lang)))
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return alt.layer(bars, text).properties(title=i18n.t("charts.funnel", lang), width=420)


def weight_heatmap(source, *, scheme: str | None = None, lang: str | None = None) -> alt.Chart:
    """Departments × KPIs weights as a heatmap; a shared KPI lights up several rows."""
    from ..cascade import Cascade, WeightMatrix

    matrix = source if isinstance(source, WeightMatrix) else (
        source.weights(scheme) if isinstance(source, Cascade) else source.weights)
    rows = [{"department": d, "kpi": k, "weight": w, "owner": matrix.owners.get(k) or ""}
            for d, ws, cs in zip(matrix.departments, matrix.weights, matrix.carries)
            for k, w, c in zip(matrix.kpis, ws, cs) if c]
    base = alt.Chart(_frame(rows)).encode(
        x=alt.X("kpi:N", sort=list(matrix.kpis), title="KPI"),
        y=alt.Y("department:N", sort=list(matrix.departments), title=None),
    )
    rect = base.mark_rect().encode(
        color=alt.Color("weight:Q", scale=alt.Scale(domain=[0, 1], scheme="blues"), title=i18n.t("charts.weight", lang)),
        tooltip=["department:N", "kpi:N", alt.Tooltip("weight:Q", format=".2f"), "owner:N"])
    text = base.mark_text().encode(
        text=alt.Text("weight:Q", format=".2f"),
        color=alt.condition("datum.weight > 0.5", alt.value("white"), alt.value("black")))
    return alt.layer(rect, text).properties(title=i18n.t("charts.weights", lang, scheme=matrix.name))


def scheme_chart(what_if_result, *, lang: str | None = None) -> alt.Chart:
    """Department scores side by side under each weight scheme (grouped bars, rank in the tooltip)."""
    rows = what_if_result.rows()
    return alt.Chart(_frame(rows)).mark_bar().encode(
        x=alt.X("department:N", sort=list(what_if_result.departments), title=None),
        xOffset=alt.XOffset("scheme:N", sort=list(what_if_result.schemes)),
        y=alt.Y("score:Q", title=i18n.t("charts.score", lang)),
        color=alt.Color("scheme:N", sort=list(what_if_result.schemes), title=i18n.t("charts.scheme", lang)),
        tooltip=["scheme:N", "department:N", alt.Tooltip("score:Q", format=".2f"), "rank:O", "band:N",
                 alt.Tooltip("delta:Q", format="+.2f")],
    ).properties(title=i18n.t("charts.schemes", lang))


def contribution_chart(result, *, lang: str | None = None) -> alt.Chart:
    """Company view: each department's score as stacked KPI contributions (who contributes what)."""
    rows = [{"department": d.name, "kpi": k, "weight": w, "kpi_score": s, "contribution": c, "score": d.score}
            for d in result.departments for k, w, s, c in d.contributions if c is not None and w > 0]
    return alt.Chart(_frame(rows)).mark_bar().encode(
        y=alt.Y("department:N", sort=[d.name for d in result.departments], title=None),
        x=alt.X("sum(contribution):Q", title=i18n.t("charts.score", lang)),
        color=alt.Color("kpi:N", title="KPI"),
        tooltip=["department:N", "kpi:N", alt.Tooltip("weight:Q", format=".2f"),
                 alt.Tooltip("kpi_score:Q", format=".2f"), alt.Tooltip("contribution:Q", format=".3f")],
    ).properties(title=i18n.t("charts.contributions", lang))


def tornado_chart(sensitivity_result, department: str, *, lang: str | None = None) -> alt.Chart:
    """For one department: its score with each KPI's weight ``step`` lower and higher (widest swing on top)."""
    rows = sensitivity_result.tornado(department)
    if not rows:
        raise ValueError(f"no sensitivity rows for {department!r}")
    base_score = rows[0]["score"]
    order = [r["kpi"] for r in rows]
    bars = alt.Chart(_frame(rows)).mark_bar().encode(
        y=alt.Y("kpi:N", sort=order, title=None),
        x=alt.X("low:Q", scale=alt.Scale(zero=False), title=i18n.t("charts.score", lang)),
        x2="high:Q",
        color=alt.condition("datum.high >= datum.low", alt.value("#5cb85c"), alt.value("#d9534f")),
        tooltip=["kpi:N", alt.Tooltip("weight:Q", format=".2f"), alt.Tooltip("low:Q", format=".3f"),
                 alt.Tooltip("high:Q", format=".3f")],
    )
    rule = alt.Chart(_frame([{"score": base_score}])).mark_rule(strokeDash=[4, 3]).encode(x="score:Q")
    step = round(sensitivity_result.step * 100)
    return alt.layer(bars, rule).properties(title=i18n.t("charts.tornado", lang, department=department, step=step))


def distribution_chart(mc_result, *, department: str | None = None, bins: int = 30, payouts: bool = False,
                       lang: str | None = None) -> alt.Chart:
    """Monte Carlo distribution of scores (or payouts) per scheme, from binned counts, one panel per department."""
    rows = mc_result.histogram(bins=bins, payouts=payouts)
    if department is not None:
        rows = [r for r in rows if r["department"] == department]
    chart = alt.Chart(_frame(rows)).mark_area(opacity=0.45, interpolate="step").encode(
        x=alt.X("start:Q", title=i18n.t("charts.payout" if payouts else "charts.score", lang)),
        y=alt.Y("share:Q", stack=None, axis=alt.Axis(format="%"), title=i18n.t("charts.share", lang)),
        color=alt.Color("scheme:N", sort=list(mc_result.schemes), title=i18n.t("charts.scheme", lang)),
        tooltip=["scheme:N", "department:N", alt.Tooltip("start:Q", format=".2f"), alt.Tooltip("share:Q", format=".1%")],
    ).properties(width=260, height=120)
    title = i18n.t("charts.distribution", lang, draws=f"{mc_result.draws:,}")
    if department is None:
        return chart.facet(facet=alt.Facet("department:N", sort=list(mc_result.departments), title=None),
                           columns=2).properties(title=title)
    return chart.properties(title=f"{title} — {department}")


def payout_chart(curve, *, lang: str | None = None) -> alt.Chart:
    """A payout curve: the share of target bonus paid for each score."""
    pts = list(curve.points())
    pts.append((pts[-1][0] + 0.2, curve.max_payout))
    rows = [{"score": x, "payout": y, "order": i} for i, (x, y) in enumerate(pts)]
    return alt.Chart(_frame(rows)).mark_line(point=True).encode(
        x=alt.X("score:Q", title=i18n.t("charts.score", lang)),
        y=alt.Y("payout:Q", axis=alt.Axis(format="%"), title=i18n.t("charts.payout", lang)),
        order="order:Q",
    ).properties(title=i18n.t("charts.payout_curve", lang))


# ---------------------------------------------------------------- headless output

def chart_rows(spec: dict) -> list[dict]:
    """The data rows inside a chart's ``to_dict()`` spec (inline datasets), for tests and checks."""
    rows = []
    for values in (spec.get("datasets") or {}).values():
        rows.extend(values)
    return rows


CDN = re.compile(r"https?://(?!www\.w3\.org/)[^\s\"'<>)]+")


def to_svg(chart) -> str:
    """Render a chart to an SVG string with vl-convert (offline: no CDN, no network)."""
    import vl_convert as vlc

    version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    svg = vlc.vegalite_to_svg(chart.to_dict(), vl_version=version)
    return svg


def external_urls(text: str) -> list[str]:
    """URLs in an SVG/HTML string other than XML namespaces (a CDN would show up here)."""
    return CDN.findall(text)


def to_html(chart, *, title: str = "") -> str:
    """A self-contained HTML page holding the chart as inline SVG."""
    import html

    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body>{to_svg(chart)}</body></html>")


i18n.register({
    "charts.target": {"en": "target (log scale)", "vi": "chỉ tiêu (thang log)"},
    "charts.owner": {"en": "owner", "vi": "phụ trách"},
    "charts.funnel": {"en": "Funnel: what each stage needs to reach the goal",
                      "vi": "Phễu: mỗi giai đoạn cần bao nhiêu để đạt mục tiêu"},
    "charts.weight": {"en": "weight", "vi": "trọng số"},
    "charts.weights": {"en": "Weights: departments × KPIs ({scheme})", "vi": "Trọng số: bộ phận × KPI ({scheme})"},
    "charts.score": {"en": "score", "vi": "điểm"},
    "charts.scheme": {"en": "scheme", "vi": "phương án"},
    "charts.schemes": {"en": "Department scores under each weight scheme",
                       "vi": "Điểm các bộ phận theo từng phương án trọng số"},
    "charts.tornado": {"en": "{department}: score if one weight moves ±{step} points",
                       "vi": "{department}: điểm khi một trọng số thay đổi ±{step} điểm"},
    "charts.contributions": {"en": "Who contributes what: weight × KPI score, stacked",
                             "vi": "Ai đóng góp gì: trọng số × điểm KPI, xếp chồng"},
    "charts.payout": {"en": "bonus paid", "vi": "mức thưởng"},
    "charts.share": {"en": "share of draws", "vi": "tỷ lệ số lần rút"},
    "charts.distribution": {"en": "Score distribution ({draws} draws)", "vi": "Phân phối điểm ({draws} lần rút)"},
    "charts.payout_curve": {"en": "Bonus curve", "vi": "Đường thưởng"},
})
