"""Altair charts for scorecards: the BSC perspectives and check-in progress against the expected line.

Built, returned, never displayed (see :mod:`okrkit.ui.charts` for how lessons show
them offline).  Check-in forecasts and calibration are in :mod:`okrkit.ui.sales_charts`
with the other weekly-rhythm charts.

Examples
--------
>>> import okrkit as ok
>>> from okrkit.ui import scorecard_charts
>>> card = ok.score(ok.sample_company())
>>> spec = scorecard_charts.perspective_chart(card, {"S1": "financial", "C1": "customer"}, lang="en").to_dict()
>>> sorted(r["objective"] for r in spec["datasets"][next(iter(spec["datasets"]))])
['C1', 'S1']
"""

from __future__ import annotations

import altair as alt

from .. import i18n
from ..glossary import department_name
from ..scoring import BAND_COLORS
from . import sales_charts  # noqa: F401 - registers the week and progress words these charts share
from .charts import _frame, localized

PERSPECTIVES = ("financial", "customer", "process", "learning")


def perspective_chart(card, perspective_of: dict, *, lang: str | None = None) -> alt.Chart:
    """Each objective as a dot on its BSC perspective's row, at its score, coloured by band (text in the tooltip)."""
    objectives = {o.id: o for o in card.objectives}
    names = {p: i18n.t(f"bsc.{p}", lang) for p in PERSPECTIVES}
    rows = [{"objective": oid, "perspective": names[p], "score": o.score, "band": i18n.t(f"bsc.band.{o.band}", lang),
             "text": o.text, "owner": department_name(o.owner, lang) if o.owner else ""}
            for oid, p in perspective_of.items() if (o := objectives.get(oid)) is not None and o.score is not None]
    bands = [i18n.t(f"bsc.band.{b}", lang) for b in ("red", "yellow", "green")]
    o_t, s_t = i18n.t("bsc.objective", lang), i18n.t("charts.score", lang)
    base = alt.Chart(_frame(rows)).encode(
        y=alt.Y("perspective:N", sort=[names[p] for p in PERSPECTIVES], title=None),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 1]), title=s_t),
        yOffset=alt.YOffset("jitter:Q"),
    ).transform_window(jitter="row_number()", groupby=["perspective"])
    tooltip = [alt.Tooltip("objective:N", title=o_t), alt.Tooltip("text:N", title=" "),
               alt.Tooltip("owner:N", title=i18n.t("charts.owner", lang)),
               alt.Tooltip("score:Q", format=".2f", title=s_t), alt.Tooltip("band:N", title=" ")]
    dots = base.mark_circle(size=260, opacity=0.9).encode(
        color=alt.Color("band:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=bands, range=[BAND_COLORS[b] for b in ("red", "yellow", "green")])),
        tooltip=tooltip)
    # the label sits on the dot's centre, where the pointer goes: it carries the same tooltip
    labels = base.mark_text(fontSize=9, color="white", fontWeight="bold").encode(text="objective:N", tooltip=tooltip)
    return localized(alt.layer(dots, labels).properties(title=i18n.t("bsc.title", lang), width=460,
                                                         height=alt.Step(60)), lang)


def progress_expected_chart(curve, kr_ids, *, weeks: int = 13, lang: str | None = None) -> alt.Chart:
    """Weekly progress of a few key results (solid) against the line each was expected to follow (dashed).

    ``curve`` is ``okrkit.checkin.progress_curve(log)``; the expected line runs straight from 0 in week 0
    to 1.0 (committed) or 0.7 (aspirational) in the quarter's last week.
    """
    import pandas as pd

    df = curve.loc[curve["kr_id"].isin(list(kr_ids))].dropna(subset=["progress_score"])
    if df.empty:
        raise ValueError(f"no check-ins for {list(kr_ids)!r}")
    expected_t, actual_t = i18n.t("bsc.expected", lang), i18n.t("bsc.logged", lang)
    kr_t, w_t, p_t = "KR", i18n.t("salescharts.week", lang), i18n.t("salescharts.progress", lang)
    actual = pd.DataFrame({"kr": df["kr_id"].astype(str), "week": df["week_no"].astype(int),
                           "progress": df["progress_score"].astype(float), "series": actual_t,
                           "confidence": df["confidence"].astype(float)})
    ends = df.groupby("kr_id", observed=True)["type"].first()
    expected = pd.DataFrame([{"kr": str(k), "week": w, "progress": (0.7 if t == "aspirational" else 1.0) * w / weeks,
                              "series": expected_t, "confidence": None}
                             for k, t in ends.items() for w in (0, weeks)])
    tooltip = [alt.Tooltip("kr:N", title=kr_t), alt.Tooltip("series:N", title=" "), alt.Tooltip("week:Q", title=w_t),
               alt.Tooltip("progress:Q", format=".2f", title=p_t)]
    x = alt.X("week:Q", title=w_t, scale=alt.Scale(domain=[0, weeks]))
    y = alt.Y("progress:Q", title=p_t)
    color = alt.Color("kr:N", title=kr_t, sort=sorted(set(actual["kr"])))
    logged = alt.Chart(_frame(actual)).mark_line(point=True).encode(
        x=x, y=y, color=color,
        tooltip=[*tooltip, alt.Tooltip("confidence:Q", title=i18n.t("bsc.confidence", lang))])
    line = alt.Chart(_frame(expected)).mark_line(strokeDash=[5, 4], opacity=0.8).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    chart = alt.layer(logged, line)
    return localized(chart.properties(title=i18n.t("bsc.progress_title", lang), width=460, height=260), lang)


i18n.register({
    "bsc.financial": {"en": "Financial", "vi": "Tài chính"},
    "bsc.customer": {"en": "Customer", "vi": "Khách hàng"},
    "bsc.process": {"en": "Internal process", "vi": "Quy trình nội bộ"},
    "bsc.learning": {"en": "Learning and growth", "vi": "Học hỏi và phát triển"},
    "bsc.band.red": {"en": "red (0.0–0.3)", "vi": "đỏ (0,0–0,3)"},
    "bsc.band.yellow": {"en": "yellow (0.4–0.6)", "vi": "vàng (0,4–0,6)"},
    "bsc.band.green": {"en": "green (0.7–1.0)", "vi": "xanh (0,7–1,0)"},
    "bsc.band.None": {"en": "not scored", "vi": "chưa chấm"},
    "bsc.objective": {"en": "objective", "vi": "mục tiêu"},
    "bsc.title": {"en": "Objectives on the four BSC perspectives (score today)",
                  "vi": "Mục tiêu trên bốn khía cạnh BSC (điểm hiện tại)"},
    "bsc.expected": {"en": "expected line", "vi": "đường kỳ vọng"},
    "bsc.logged": {"en": "check-ins", "vi": "check-in"},
    "bsc.confidence": {"en": "confidence /10", "vi": "độ tự tin /10"},
    "bsc.progress_title": {"en": "Check-in progress against the expected line",
                           "vi": "Tiến độ check-in so với đường kỳ vọng"},
})
