"""Altair charts for the sales review and the check-ins: built, returned, never displayed.

Each builder takes a table from :mod:`okrkit.sales` or :mod:`okrkit.checkin`
(already aggregated, far below Altair's row limit) and returns a chart.  Money
is shown in millions of VND (triệu).  Render offline with
:func:`okrkit.ui.charts.to_svg`.

Examples
--------
>>> import okrkit as ok
>>> from okrkit.ui import sales_charts
>>> r = ok.review(ok.sample_sales(), "2026-03")
>>> spec = sales_charts.plan_actual_chart(r.by_rep, by="rep").to_dict()
>>> spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
'Plan vs actual by rep, 2026-03'
"""

from __future__ import annotations

import altair as alt

from .. import i18n

MAX_ROWS = 5000
GREEN, RED, GREY, BLUE = "#5cb85c", "#d9534f", "#9e9e9e", "#4c78a8"


def _frame(df):
    if len(df) > MAX_ROWS:
        raise ValueError(f"{len(df)} rows is more than a chart should carry; aggregate first")
    return df


def _label(row, by: str) -> str:
    if by in ("rep", "rep_id"):
        return f"{row['rep_id']} {row.get('rep') or ''}".strip()
    if by in ("customer", "customer_id"):
        return f"{row['customer_id']} {row.get('customer') or ''}".strip()
    return str(row[{"product_line": "product_line", "region": "region"}.get(by, by)])


def plan_actual_chart(table, *, by: str = "rep", period: str | None = None, lang: str | None = None, top: int = 25):
    """Actual revenue as bars, plan as a tick, % achieved as a label (one row per key)."""
    import pandas as pd

    df = table.copy()
    df["label"] = [_label(r, by) for r in df.to_dict("records")]
    df = df.sort_values("actual", ascending=False).head(top)
    rows = pd.DataFrame({
        "label": df["label"], "actual": df["actual"] / 1e6, "plan": df["plan"] / 1e6,
        "achieved": [("" if pd.isna(a) else f"{a:.0%}") for a in df["achieved"]],
        "status": ["none" if pd.isna(a) else ("met" if a >= 1 else "below") for a in df["achieved"]],
    })
    title = i18n.t("salescharts.plan_actual", lang, by=i18n.t(f"salescharts.by.{by}", lang),
                   period=period or table.attrs.get("period", "")).rstrip(", ")
    base = alt.Chart(_frame(rows)).encode(y=alt.Y("label:N", sort=list(rows["label"]), title=None))
    bars = base.mark_bar().encode(
        x=alt.X("actual:Q", title=i18n.t("salescharts.million", lang)),
        color=alt.Color("status:N", scale=alt.Scale(domain=["met", "below", "none"], range=[GREEN, RED, GREY]),
                        legend=None),
        tooltip=["label:N", alt.Tooltip("actual:Q", format=",.1f"), alt.Tooltip("plan:Q", format=",.1f"), "achieved:N"])
    ticks = base.mark_tick(color="black", thickness=2, size=14).encode(x="plan:Q")
    text = base.mark_text(align="left", dx=4).encode(x="actual:Q", text="achieved:N")
    return alt.layer(bars, ticks, text).properties(title=title, width=420)


def drilldown_chart(table, *, lang: str | None = None, max_depth: int = 2, top: int = 30, title: str | None = None):
    """Change in revenue along the drill-down path (line › region › rep), reading order kept."""
    import pandas as pd

    df = table.loc[table["depth"] <= max_depth].head(top)
    labels = []
    for r in df.itertuples(index=False):
        rep = r.rep if isinstance(r.rep, str) and r.rep else r.rep_id
        parts = [r.product_line, r.region, rep if isinstance(r.rep_id, str) else None,
                 r.customer_id][: r.depth + 1]
        labels.append(" › ".join(str(p) for p in parts[-2:]) if r.depth else str(parts[0]))
    rows = pd.DataFrame({"label": [f"{i:02d} {x}" for i, x in enumerate(labels)], "change": df["change"] / 1e6,
                         "level": df["level"], "path": [" › ".join(str(x) for x in
                                                                    (r.product_line, r.region, r.rep_id, r.customer_id)[: r.depth + 1])
                                                        for r in df.itertuples(index=False)]})
    direction = table.attrs.get("direction", "decline")
    title = title or i18n.t(f"salescharts.{direction}", lang, period=table.attrs.get("period", ""),
                            against=table.attrs.get("against", ""))
    return alt.Chart(_frame(rows)).mark_bar(color=RED if direction == "decline" else GREEN).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelExpr="substring(datum.label, 3)")),
        x=alt.X("change:Q", title=i18n.t("salescharts.change", lang)),
        opacity=alt.Opacity("level:N", sort=["product_line", "region", "rep_id", "customer_id"], legend=None),
        tooltip=["path:N", alt.Tooltip("change:Q", format=",.1f")],
    ).properties(title=title, width=420)


def customers_chart(table, *, lang: str | None = None):
    """Customers by stage: ordered, not ordered but contacted, not ordered and not contacted."""
    import pandas as pd

    def status(r):
        if r["ordered"]:
            return i18n.t("salescharts.ordered", lang)
        if pd.isna(r["contacted"]):   # no activities table: contacts are not known, not "not contacted"
            return i18n.t("salescharts.contact_unknown", lang)
        if bool(r["contacted"]):
            return i18n.t("salescharts.contacted", lang)
        return i18n.t("salescharts.not_contacted", lang)

    df = table.assign(status=[status(r) for r in table.to_dict("records")],
                      stage=[stage_name(x, lang) for x in table["stage"]])
    rows = df.groupby(["stage", "status"], dropna=False).size().rename("customers").reset_index()
    colours = dict(zip((i18n.t(k, lang) for k in ("salescharts.ordered", "salescharts.contacted",
                                                  "salescharts.not_contacted", "salescharts.contact_unknown")),
                       (GREEN, "#f0ad4e", RED, GREY)))
    order = [k for k in colours if k in set(rows["status"])]   # the legend names only what is there
    return alt.Chart(_frame(rows)).mark_bar().encode(
        y=alt.Y("stage:N", sort=[stage_name(x, lang) for x in ("partner", "first-orders", "approaching", "prospect")],
                title=None),
        x=alt.X("customers:Q", title=i18n.t("salescharts.customers", lang)),
        color=alt.Color("status:N", scale=alt.Scale(domain=order, range=[colours[k] for k in order]), title=None),
        tooltip=["stage:N", "status:N", "customers:Q"],
    ).properties(title=i18n.t("salescharts.customers_title", lang), width=420)


def stage_chart(stages, *, lang: str | None = None):
    """Customers per stage at the start and the end of the period (growth from stage transitions)."""
    import pandas as pd

    counts = stages.attrs["counts"].assign(stage=lambda d: [stage_name(x, lang) for x in d["stage"]])
    start, end = i18n.t("salescharts.start", lang), i18n.t("salescharts.end", lang)
    rows = pd.concat([counts.assign(when=start, customers=counts["start"]),
                      counts.assign(when=end, customers=counts["end"])])[["stage", "when", "customers"]]
    return alt.Chart(_frame(rows)).mark_bar().encode(
        x=alt.X("stage:N", sort=list(counts["stage"]), title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("when:N", sort=[start, end]),
        y=alt.Y("customers:Q", title=i18n.t("salescharts.customers", lang)),
        color=alt.Color("when:N", sort=[start, end], scale=alt.Scale(range=[GREY, BLUE]), title=None),
        tooltip=["stage:N", "when:N", "customers:Q"],
    ).properties(title=i18n.t("salescharts.stages", lang), width=360)


def top_customers_chart(top, *, lang: str | None = None, limit: int = 15):
    """Top customers' revenue, labelled with how many product lines they do not buy yet.

    At most ``limit`` bars: the rest of the top group is one last bar, "N other customers".
    """
    import pandas as pd

    head = top.head(limit)
    rows = pd.DataFrame({"label": [str(b or a) for a, b in zip(head["customer_id"], head["customer"])],
                         "revenue": head["revenue"] / 1e6,
                         "missing": [len([x for x in s.split(", ") if x]) for s in head["lines_not_bought"]]})
    if len(top) > limit:
        rest = top.iloc[limit:]
        rows = pd.concat([rows, pd.DataFrame({"label": [i18n.t("salescharts.others", lang, n=len(rest))],
                                              "revenue": [rest["revenue"].sum() / 1e6], "missing": [None]})],
                         ignore_index=True)
    base = alt.Chart(_frame(rows)).encode(y=alt.Y("label:N", sort=list(rows["label"]), title=None))
    bars = base.mark_bar(color=BLUE).encode(x=alt.X("revenue:Q", title=i18n.t("salescharts.million", lang)),
                                            tooltip=["label:N", alt.Tooltip("revenue:Q", format=",.1f"), "missing:Q"])
    text = base.mark_text(align="left", dx=4).encode(x="revenue:Q", text=alt.Text("missing:Q"))
    return alt.layer(bars, text).properties(title=i18n.t("salescharts.top", lang), width=420)


def stage_name(stage, lang: str | None = None) -> str:
    """A customer stage in words (``partner`` → ``đối tác lâu dài``)."""
    key = f"stage.{stage}"
    return i18n.t(key, lang) if isinstance(stage, str) and key in i18n.keys() else ("–" if stage is None else str(stage))


def _month_label(month: str, lang: str | None) -> str:
    y, m = month.split("-")
    if i18n.get_lang(lang) == "vi":
        return f"T{int(m)}/{y}"
    import datetime as _dt

    from babel.dates import format_date
    return format_date(_dt.date(int(y), int(m), 1), "MMM yyyy", locale=i18n.locale(lang))


def monthly_chart(months, *, lang: str | None = None):
    """Month by month: actual revenue as bars (the period's months dark), plan and last year as lines.

    A month the data does not reach has no bar; a month without last year's figure has no point
    on that line (nothing is drawn as 0).
    """
    import pandas as pd

    actual_s, plan_s, ly_s = (i18n.t(k, lang) for k in ("salescharts.actual", "salescharts.plan", "salescharts.last_year"))
    labels = [_month_label(m, lang) + ("" if done or pd.isna(a) else "*")
              for m, done, a in zip(months["month"], months["complete"], months["actual"])]
    rows = pd.DataFrame({"label": labels, "value": months["actual"] / 1e6, "series": actual_s,
                         "in_period": months["in_period"].astype(bool)})
    lines = pd.concat([pd.DataFrame({"label": labels, "value": months["plan"] / 1e6, "series": plan_s}),
                       pd.DataFrame({"label": labels, "value": months["last_year"] / 1e6, "series": ly_s})])
    lines = lines.dropna(subset=["value"])
    rows = rows.dropna(subset=["value"])
    domain = [actual_s] + [x for x in (plan_s, ly_s) if x in set(lines["series"])]
    colors = {actual_s: BLUE, plan_s: "#222222", ly_s: "#e8833a"}
    scale = alt.Scale(domain=domain, range=[colors[d] for d in domain])
    x = alt.X("label:N", sort=labels, title=None, axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(_frame(rows)).mark_bar(size=26).encode(
        x=x, y=alt.Y("value:Q", title=i18n.t("salescharts.million", lang)),
        color=alt.Color("series:N", scale=scale, title=None, legend=alt.Legend(orient="top")),
        opacity=alt.condition("datum.in_period", alt.value(1.0), alt.value(0.45)),
        tooltip=["label:N", alt.Tooltip("value:Q", format=",.0f")])
    layers = [bars]
    if len(lines):
        layers.append(alt.Chart(_frame(lines)).mark_line(point=True, strokeWidth=2).encode(
            x=x, y="value:Q", color=alt.Color("series:N", scale=scale, title=None),
            strokeDash=alt.condition(f"datum.series == '{plan_s}'", alt.value([5, 3]), alt.value([1, 0])),
            tooltip=["label:N", "series:N", alt.Tooltip("value:Q", format=",.0f")]))
    return alt.layer(*layers).properties(title=i18n.t("salescharts.monthly", lang), width=1000, height=260)


def breakdown_chart(table, *, title: str, lang: str | None = None, limit: int = 10):
    """Revenue per row of a breakdown (``label``, ``actual``, ``plan``, ``achieved``): bars, plan ticks, % of plan.

    At most ``limit`` bars, largest first; the rest is one bar "N others".
    """
    import pandas as pd

    df = table.sort_values("actual", ascending=False, kind="stable")
    head, rest = df.head(limit), df.iloc[limit:]
    rows = pd.DataFrame({"label": head["label"].astype(str), "actual": head["actual"], "plan": head["plan"]})
    if len(rest):
        rows = pd.concat([rows, pd.DataFrame({"label": [i18n.t("salescharts.others", lang, n=len(rest))],
                                              "actual": [rest["actual"].sum()],
                                              "plan": [rest["plan"].sum(min_count=1)]})], ignore_index=True)
    ach = [a / p if pd.notna(p) and p > 0 else None for a, p in zip(rows["actual"], rows["plan"])]
    rows = rows.assign(actual=rows["actual"] / 1e6, plan=rows["plan"] / 1e6,
                       achieved=[i18n.percent(a, lang) if a is not None else "" for a in ach],
                       status=["none" if a is None else ("met" if a >= 1 else "below") for a in ach])
    base = alt.Chart(_frame(rows)).encode(y=alt.Y("label:N", sort=list(rows["label"]), title=None))
    bars = base.mark_bar().encode(
        x=alt.X("actual:Q", title=i18n.t("salescharts.million", lang)),
        color=alt.Color("status:N", scale=alt.Scale(domain=["met", "below", "none"], range=[GREEN, RED, BLUE]),
                        legend=None),
        tooltip=["label:N", alt.Tooltip("actual:Q", format=",.0f"), alt.Tooltip("plan:Q", format=",.0f"), "achieved:N"])
    layers = [bars]
    if rows["plan"].notna().any():
        layers.append(base.mark_tick(color="black", thickness=2, size=16).encode(x="plan:Q"))
        layers.append(base.mark_text(align="left", dx=4, fontSize=11).encode(x="actual:Q", text="achieved:N"))
    return alt.layer(*layers).properties(title=title, width=380, height=max(60, 22 * len(rows)))


def progress_chart(curve, *, kr_ids=None, lang: str | None = None):
    """Progress of key results week by week (0 = baseline, 1 = target)."""
    df = curve if kr_ids is None else curve.loc[curve["kr_id"].isin(list(kr_ids))]
    rows = df[["kr_id", "week_no", "progress_score", "confidence"]].dropna(subset=["progress_score"])
    return alt.Chart(_frame(rows)).mark_line(point=True).encode(
        x=alt.X("week_no:Q", title=i18n.t("salescharts.week", lang), scale=alt.Scale(domain=[1, 13])),
        y=alt.Y("progress_score:Q", title=i18n.t("salescharts.progress", lang)),
        color=alt.Color("kr_id:N", title="KR"),
        tooltip=["kr_id:N", "week_no:Q", alt.Tooltip("progress_score:Q", format=".2f"), "confidence:Q"],
    ).properties(title=i18n.t("salescharts.curve", lang), width=420)


def forecast_chart(forecast, *, lang: str | None = None):
    """End-of-quarter forecast per key result against its expectation (0.7 aspirational, 1.0 committed)."""
    import pandas as pd

    df = forecast.dropna(subset=["forecast"])
    off, on = i18n.t("salescharts.off_track", lang), i18n.t("salescharts.on_track", lang)
    rows = pd.DataFrame({"kr_id": df["kr_id"], "forecast": df["forecast"].clip(upper=1.5),
                         "expected": df["expected"], "status": [off if x else on for x in df["off_track"]]})
    base = alt.Chart(_frame(rows)).encode(y=alt.Y("kr_id:N", sort=list(rows["kr_id"]), title=None))
    bars = base.mark_bar().encode(
        x=alt.X("forecast:Q", title=i18n.t("salescharts.forecast", lang)),
        color=alt.Color("status:N", scale=alt.Scale(domain=[on, off], range=[GREEN, RED]), title=None),
        tooltip=["kr_id:N", alt.Tooltip("forecast:Q", format=".2f"), "expected:Q"])
    ticks = base.mark_tick(color="black", thickness=2, size=12).encode(x="expected:Q")
    return alt.layer(bars, ticks).properties(title=i18n.t("salescharts.forecast_title", lang), width=380)


def calibration_chart(calibration, *, lang: str | None = None):
    """Predicted chance (confidence ÷ 10) against the share of KRs that met expectation, per confidence band."""
    import pandas as pd

    bins = calibration.bins.dropna(subset=["predicted"])
    rows = pd.DataFrame({"band": bins["band"], "predicted": bins["predicted"], "met_share": bins["met_share"],
                         "checkins": bins["checkins"]})
    diag = alt.Chart(pd.DataFrame({"x": [0, 1], "y": [0, 1]})).mark_line(strokeDash=[4, 4], color=GREY).encode(
        x="x:Q", y="y:Q")
    pts = alt.Chart(_frame(rows)).mark_circle(color=BLUE).encode(
        x=alt.X("predicted:Q", scale=alt.Scale(domain=[0, 1]), title=i18n.t("salescharts.predicted", lang)),
        y=alt.Y("met_share:Q", scale=alt.Scale(domain=[0, 1]), title=i18n.t("salescharts.observed", lang)),
        size=alt.Size("checkins:Q", legend=None), tooltip=["band:N", "checkins:Q", "predicted:Q", "met_share:Q"])
    return alt.layer(diag, pts).properties(title=i18n.t("salescharts.calibration", lang), width=300, height=300)


i18n.register({
    "salescharts.plan_actual": {"en": "Plan vs actual by {by}, {period}", "vi": "Kế hoạch và thực tế theo {by}, {period}"},
    "salescharts.by.rep": {"en": "rep", "vi": "nhân viên"},
    "salescharts.by.customer": {"en": "customer", "vi": "khách hàng"},
    "salescharts.by.product_line": {"en": "product line", "vi": "dòng sản phẩm"},
    "salescharts.by.region": {"en": "region", "vi": "khu vực"},
    "salescharts.million": {"en": "million VND", "vi": "triệu đồng"},
    "salescharts.change": {"en": "change (million VND)", "vi": "thay đổi (triệu đồng)"},
    "salescharts.decline": {"en": "Falling revenue {period} vs {against}: line › region › rep",
                            "vi": "Doanh số giảm {period} so với {against}: dòng SP › khu vực › nhân viên"},
    "salescharts.growth": {"en": "Rising revenue {period} vs {against}: line › region › rep",
                           "vi": "Doanh số tăng {period} so với {against}: dòng SP › khu vực › nhân viên"},
    "salescharts.ordered": {"en": "ordered", "vi": "có đơn"},
    "salescharts.contact_unknown": {"en": "no order, contacts not known", "vi": "chưa có đơn, chưa rõ liên hệ"},
    "salescharts.others": {"en": "{n} others", "vi": "{n} mục khác"},
    "salescharts.actual": {"en": "actual", "vi": "thực tế"},
    "salescharts.plan": {"en": "plan", "vi": "kế hoạch"},
    "salescharts.last_year": {"en": "same month last year", "vi": "cùng tháng năm trước"},
    "salescharts.monthly": {"en": "Revenue month by month (million VND)", "vi": "Doanh số theo tháng (triệu đồng)"},
    "salescharts.contacted": {"en": "no order, contacted", "vi": "chưa có đơn, đã liên hệ"},
    "salescharts.not_contacted": {"en": "no order, not contacted", "vi": "chưa có đơn, chưa liên hệ"},
    "salescharts.customers": {"en": "customers", "vi": "khách hàng"},
    "salescharts.customers_title": {"en": "Customers with and without orders, by stage",
                                    "vi": "Khách hàng có và chưa có đơn, theo mức độ"},
    "salescharts.start": {"en": "start", "vi": "đầu kỳ"},
    "salescharts.end": {"en": "end", "vi": "cuối kỳ"},
    "salescharts.stages": {"en": "Customers per stage: start and end", "vi": "Số khách hàng theo mức độ: đầu và cuối kỳ"},
    "salescharts.top": {"en": "Top customers (label: product lines not bought yet)",
                        "vi": "Khách hàng lớn (nhãn: số dòng sản phẩm chưa mua)"},
    "salescharts.week": {"en": "week of the quarter", "vi": "tuần trong quý"},
    "salescharts.progress": {"en": "progress (1 = target)", "vi": "tiến độ (1 = mục tiêu)"},
    "salescharts.curve": {"en": "Progress curves", "vi": "Đường tiến độ"},
    "salescharts.forecast": {"en": "forecast at quarter end", "vi": "dự báo cuối quý"},
    "salescharts.forecast_title": {"en": "Forecast vs expectation (tick)", "vi": "Dự báo so với kỳ vọng (vạch)"},
    "salescharts.off_track": {"en": "off track", "vi": "chệch hướng"},
    "salescharts.on_track": {"en": "on track", "vi": "đúng hướng"},
    "salescharts.predicted": {"en": "confidence ÷ 10", "vi": "độ tự tin ÷ 10"},
    "salescharts.observed": {"en": "share that met expectation", "vi": "tỷ lệ đạt kỳ vọng"},
    "salescharts.calibration": {"en": "Calibration: confidence vs results", "vi": "Hiệu chỉnh: độ tự tin và kết quả"},
})
