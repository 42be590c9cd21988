"""Altair charts for cascades and weight simulations: built, returned, never displayed.

Each builder takes a core result (a funnel, a weight matrix, a what-if, a
sensitivity, a Monte Carlo) and returns an ``alt.Chart`` whose data is
already aggregated (far below Altair's 5,000-row limit), titles, axes and
legends in the chosen language, KPI and department names (never ids), numbers
the language's way (``config.locale`` from Babel: ``0,70`` and ``4.000`` in vi)
and tooltips.

Showing them, offline everywhere:

* in a lesson, :func:`enable_offline` (``okrkit.ui.enable_offline_charts()``)
  displays the Vega, Vega-Lite and vega-embed scripts shipped with the kit
  (``node_modules``, from ``package.json``) once, inline, and switches Altair to
  the kit's ``okrkit`` renderer: each chart is a ``<div>`` with its spec, drawn
  by vega-embed — interactive (tooltips, sliders bound to parameters) in
  JupyterLab and in the exported page opened from ``file://``;
* where a page must be static (reports, feedback, PDF), :func:`to_svg` renders
  with vl-convert.

Why not ``alt.JupyterChart`` offline: ``enable_offline()`` builds vl-convert's
JavaScript bundle in the kernel, 11–13 s on the 2-core development machine, more
than a whole lesson may take (``benchmarks/bench_notebooks.py``).

Examples
--------
>>> import okrkit as ok
>>> from okrkit.ui import charts
>>> spec = charts.funnel_chart(ok.sample_cascade()).to_dict()
>>> [row["stage"] for row in charts.chart_rows(spec)][:3]
['Deals', 'Opportunities', 'Leads']
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import altair as alt

from .. import i18n
from ..glossary import department_name, kpi_name
from ..scoring import BAND_COLORS  # noqa: F401 - re-exported: the colours these charts share

MAX_ROWS = 5000


def number_locale(lang: str | None = None) -> dict:
    """The d3-format number locale of ``lang``, from Babel (vi: decimal ``,``, thousands ``.``)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    loc = i18n.locale(lang)
    return {"decimal": get_decimal_symbol(loc), "thousands": get_group_symbol(loc), "grouping": [3],
            "currency": ["", " ₫"] if i18n.get_lang(lang) == "vi" else ["", " VND"], "percent": "%"}


def localized(chart, lang: str | None = None):
    """``chart`` with the number locale of ``lang`` in its config (axes, labels and tooltips follow it)."""
    return chart.configure(locale={"number": number_locale(lang)})


def _clean(value):
    if isinstance(value, float) and value != value:  # NaN: unknown, JSON null (never 0)
        return None
    return value


def _frame(rows):
    """A chart's data: a list of dicts stays inline (no pandas import, 0.75 s of a lesson's start);
    a DataFrame is handed to Altair as it is."""
    if len(rows) > MAX_ROWS:  # never hand Altair raw draws: aggregate first
        raise ValueError(f"{len(rows)} rows is more than a chart should carry; aggregate first")
    if isinstance(rows, list):
        return alt.InlineData(values=[{k: _clean(v) for k, v in row.items()} for row in rows])
    return rows


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
    rows = [{"stage": t.title(lang), "order": i, "value": float(t.value), "base": 1.0,
             "label": f"{fmt_number(t.value, lang)} {t.unit or ''}".strip(),
             "owner": department_name(t.owner, lang) if t.owner else "", "why": t.explain(lang)}
            for i, t in enumerate(targets)]
    stage, target, owner, why = (i18n.t(k, lang) for k in ("charts.stage", "charts.target_value", "charts.owner",
                                                           "charts.why"))
    base = alt.Chart(_frame(rows)).encode(
        y=alt.Y("stage:N", sort=alt.EncodingSortField("order"), title=None),
        # room on the right for the longest bar's label
        x=alt.X("value:Q", scale=alt.Scale(type="log", domain=[1, max(r["value"] for r in rows) * 30]),
                title=i18n.t("charts.target", lang)),
        tooltip=[alt.Tooltip("stage:N", title=stage), alt.Tooltip("label:N", title=target),
                 alt.Tooltip("owner:N", title=owner), alt.Tooltip("why:N", title=why)],
    )
    bars = base.mark_bar().encode(x2="base:Q",   # log scale has no zero: bars start at 1
                                  color=alt.Color("owner:N", title=owner, legend=alt.Legend(orient="bottom")))
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return localized(alt.layer(bars, text).properties(title=i18n.t("charts.funnel", lang), width=420), lang)


def _names(source) -> dict:
    """KPI id → the name the cascade file gives (``{}`` when ``source`` carries no KPIs)."""
    return {k.id: k.name for k in getattr(source, "kpis", ()) or () if getattr(k, "id", None)}


def weight_heatmap(source, *, scheme: str | None = None, names: dict | None = None,
                   lang: str | None = None) -> alt.Chart:
    """Departments × KPIs weights as a heatmap; a shared KPI lights up several rows (names, never ids)."""
    from ..cascade import Cascade, WeightMatrix

    matrix = source if isinstance(source, WeightMatrix) else (
        source.weights(scheme) if isinstance(source, Cascade) else source.weights)
    given = {**_names(source), **(names or {})}
    kpi = {k: kpi_name(k, lang, given=given.get(k)) for k in matrix.kpis}
    dept = {d: department_name(d, lang) for d in matrix.departments}
    rows = [{"department": dept[d], "kpi": kpi[k], "weight": w,
             "owner": department_name(matrix.owners.get(k), lang) if matrix.owners.get(k) else ""}
            for d, ws, cs in zip(matrix.departments, matrix.weights, matrix.carries)
            for k, w, c in zip(matrix.kpis, ws, cs) if c]
    d_t, k_t, w_t, o_t = (i18n.t(k, lang) for k in ("charts.department", "charts.kpi", "charts.weight", "charts.owner"))
    base = alt.Chart(_frame(rows)).encode(
        x=alt.X("kpi:N", sort=[kpi[k] for k in matrix.kpis], title=None, axis=alt.Axis(labelAngle=-30, labelLimit=180)),
        y=alt.Y("department:N", sort=[dept[d] for d in matrix.departments], title=None),
    )
    tooltip = [alt.Tooltip("department:N", title=d_t), alt.Tooltip("kpi:N", title=k_t),
               alt.Tooltip("weight:Q", format=".0%", title=w_t), alt.Tooltip("owner:N", title=o_t)]
    rect = base.mark_rect().encode(
        color=alt.Color("weight:Q", scale=alt.Scale(domain=[0, 1], scheme="blues"), title=w_t,
                        legend=alt.Legend(format="~%")),
        tooltip=tooltip)
    text = base.mark_text().encode(   # the label is where the pointer goes: it carries the tooltip too
        text=alt.Text("weight:Q", format=".0%"), tooltip=tooltip,
        color=alt.condition("datum.weight > 0.5", alt.value("white"), alt.value("black")))
    return localized(alt.layer(rect, text).properties(title=i18n.t("charts.weights", lang, scheme=matrix.name),
                                                       width=alt.Step(64), height=alt.Step(30)), lang)


def scheme_chart(what_if_result, *, lang: str | None = None) -> alt.Chart:
    """Department scores side by side under each weight scheme (grouped bars, rank in the tooltip)."""
    rows = [{**r, "department": department_name(r["department"], lang)} for r in what_if_result.rows()]
    d_t, s_t, sc_t = (i18n.t(k, lang) for k in ("charts.department", "charts.score", "charts.scheme"))
    return localized(alt.Chart(_frame(rows)).mark_bar().encode(
        x=alt.X("department:N", sort=[department_name(d, lang) for d in what_if_result.departments], title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=120)),
        xOffset=alt.XOffset("scheme:N", sort=list(what_if_result.schemes)),
        y=alt.Y("score:Q", title=s_t),
        color=alt.Color("scheme:N", sort=list(what_if_result.schemes), title=sc_t),
        tooltip=[alt.Tooltip("scheme:N", title=sc_t), alt.Tooltip("department:N", title=d_t),
                 alt.Tooltip("score:Q", format=".2f", title=s_t), alt.Tooltip("rank:O", title=i18n.t("charts.rank", lang)),
                 alt.Tooltip("delta:Q", format="+.2f", title=i18n.t("charts.delta", lang))],
    ).properties(title=i18n.t("charts.schemes", lang), width=alt.Step(26)), lang)


def contribution_chart(result, *, names: dict | None = None, lang: str | None = None) -> alt.Chart:
    """Company view: each department's score as stacked KPI contributions (who contributes what)."""
    names = names or {}
    rows = [{"department": department_name(d.name, lang), "kpi": kpi_name(k, lang, given=names.get(k)), "weight": w,
             "kpi_score": s, "contribution": c, "score": d.score}
            for d in result.departments for k, w, s, c in d.contributions if c is not None and w > 0]
    d_t, k_t, w_t = (i18n.t(k, lang) for k in ("charts.department", "charts.kpi", "charts.weight"))
    return localized(alt.Chart(_frame(rows)).mark_bar().encode(
        y=alt.Y("department:N", sort=[department_name(d.name, lang) for d in result.departments], title=None),
        x=alt.X("sum(contribution):Q", title=i18n.t("charts.score", lang)),
        color=alt.Color("kpi:N", title=k_t),
        tooltip=[alt.Tooltip("department:N", title=d_t), alt.Tooltip("kpi:N", title=k_t),
                 alt.Tooltip("weight:Q", format=".0%", title=w_t),
                 alt.Tooltip("kpi_score:Q", format=".2f", title=i18n.t("charts.kpi_score", lang)),
                 alt.Tooltip("contribution:Q", format=".3f", title=i18n.t("charts.contribution", lang))],
    ).properties(title=i18n.t("charts.contributions", lang)), lang)


def tornado_chart(sensitivity_result, department: str, *, names: dict | None = None,
                  lang: str | None = None) -> alt.Chart:
    """For one department: its score with each KPI's weight ``step`` lower and higher (widest swing on top)."""
    rows = sensitivity_result.tornado(department)
    if not rows:
        raise ValueError(f"no sensitivity rows for {department!r}")
    names = names or {}
    rows = [{**r, "kpi": kpi_name(r["kpi"], lang, given=names.get(r["kpi"]))} for r in rows]
    base_score = rows[0]["score"]
    order = [r["kpi"] for r in rows]
    k_t, w_t = i18n.t("charts.kpi", lang), i18n.t("charts.weight", lang)
    low_t, high_t = i18n.t("charts.score_low", lang), i18n.t("charts.score_high", lang)
    bars = alt.Chart(_frame(rows)).mark_bar().encode(
        y=alt.Y("kpi:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("low:Q", scale=alt.Scale(zero=False), title=i18n.t("charts.score", lang)),
        x2="high:Q",
        color=alt.Color("effect:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=[i18n.t("charts.raises", lang), i18n.t("charts.lowers", lang)],
                                        range=["#5cb85c", "#d9534f"])),
        tooltip=[alt.Tooltip("kpi:N", title=k_t), alt.Tooltip("weight:Q", format=".0%", title=w_t),
                 alt.Tooltip("low:Q", format=".3f", title=low_t), alt.Tooltip("high:Q", format=".3f", title=high_t)],
    ).transform_calculate(effect=f"datum.high >= datum.low ? {json.dumps(i18n.t('charts.raises', lang))}"
                                 f" : {json.dumps(i18n.t('charts.lowers', lang))}")
    rule = alt.Chart(_frame([{"score": base_score}])).mark_rule(strokeDash=[4, 3]).encode(
        x="score:Q", tooltip=[alt.Tooltip("score:Q", format=".3f", title=i18n.t("charts.score_now", lang))])
    step = round(sensitivity_result.step * 100)
    title = i18n.t("charts.tornado", lang, department=department_name(department, lang), step=step)
    return localized(alt.layer(bars, rule).properties(title=title, width=420), lang)


def distribution_chart(mc_result, *, department: str | None = None, bins: int = 30, payouts: bool = False,
                       lang: str | None = None) -> alt.Chart:
    """Monte Carlo distribution of scores (or payouts) per scheme, from binned counts, one panel per department."""
    rows = mc_result.histogram(bins=bins, payouts=payouts)
    if department is not None:
        rows = [r for r in rows if r["department"] == department]
        if not rows:
            raise ValueError(f"no Monte Carlo rows for {department!r}")
    rows = [{**r, "department": department_name(r["department"], lang)} for r in rows]
    x_t = i18n.t("charts.payout" if payouts else "charts.score", lang)
    sc_t, sh_t = i18n.t("charts.scheme", lang), i18n.t("charts.share", lang)
    chart = alt.Chart(_frame(rows)).mark_area(opacity=0.45, interpolate="step-after").encode(
        x=alt.X("start:Q", title=x_t, axis=alt.Axis(format="~%") if payouts else alt.Axis()),
        y=alt.Y("share:Q", stack=None, axis=alt.Axis(format="~%"), title=sh_t),
        color=alt.Color("scheme:N", sort=list(mc_result.schemes), title=sc_t),
        tooltip=[alt.Tooltip("scheme:N", title=sc_t), alt.Tooltip("department:N", title=i18n.t("charts.department", lang)),
                 alt.Tooltip("start:Q", format=".0%" if payouts else ".2f", title=x_t),
                 alt.Tooltip("share:Q", format=".1%", title=sh_t)],
    ).properties(width=260 if department is None else 420, height=120 if department is None else 200)
    title = i18n.t("charts.distribution_payout" if payouts else "charts.distribution", lang,
                   draws=i18n.number(mc_result.draws, lang))
    if department is None:
        return localized(chart.facet(facet=alt.Facet("department:N", title=None,
                                                     sort=[department_name(d, lang) for d in mc_result.departments]),
                                     columns=2).properties(title=title), lang)
    return localized(chart.properties(title=f"{title} — {department_name(department, lang)}"), lang)


def payout_chart(curve, *, lang: str | None = None) -> alt.Chart:
    """A payout curve: the share of target bonus paid for each score (a cliff shows as a vertical jump)."""
    pts = list(curve.points())
    pts.append((pts[-1][0] + 0.2, curve.max_payout))
    rows = [{"score": x, "payout": y, "order": i} for i, (x, y) in enumerate(pts)]
    s_t, p_t = i18n.t("charts.score", lang), i18n.t("charts.payout", lang)
    return localized(alt.Chart(_frame(rows)).mark_line(point=True).encode(
        x=alt.X("score:Q", title=s_t),
        y=alt.Y("payout:Q", axis=alt.Axis(format="~%"), title=p_t),
        order="order:Q",
        tooltip=[alt.Tooltip("score:Q", format=".2f", title=s_t), alt.Tooltip("payout:Q", format=".0%", title=p_t)],
    ).properties(title=i18n.t("charts.payout_curve", lang), width=420), lang)


def weight_slider_chart(plan, sliders, *, lang: str | None = None) -> alt.Chart:
    """Department scores before and after moving weights with sliders *inside the chart* (Vega-Lite parameters).

    ``sliders`` is a list of ``(department, kpi)`` pairs, at most one per department.  Each
    pair becomes a range input under the chart; moving it sets that weight and scales the
    department's other weights so they still sum to 1 (as ``ok.sensitivity`` does), and the
    "after" bars are recomputed by Vega in the browser — no kernel needed, so an exported
    page on a projector still answers "what if Marketing's revenue weight went to 0%?".
    """
    result = plan.score()
    names = _names(plan)
    by_dept = {}
    for i, (dept, kpi) in enumerate(sliders):
        if dept in by_dept:
            raise ValueError(f"two sliders for {dept!r}: give at most one weight per department")
        by_dept[dept] = (i, kpi)
    params, rows = [], []
    for d in result.departments:
        row = {"department": department_name(d.name, lang), "before": d.score, "slot": -1, "w": 0.0, "s": 0.0}
        if d.name in by_dept:
            i, kpi = by_dept[d.name]
            found = [(w, s) for k, w, s, _c in d.contributions if k == kpi]
            if not found or found[0][1] is None:
                raise ValueError(f"{d.name!r} carries no scored KPI {kpi!r}")
            w, s = found[0]
            row.update(slot=i, w=w, s=s)
            label = i18n.t("charts.slider", lang, department=department_name(d.name, lang),
                           kpi=kpi_name(kpi, lang, given=names.get(kpi)))
            # in percent, as a manager says it ("from 20% to 0%"), and whole numbers: the range input
            # writes its value as the browser does (0.2, never 0,2), which a whole number avoids
            params.append(alt.param(name=f"w{i}", value=round(w * 100),
                                    bind=alt.binding_range(min=0, max=100, step=5, name=label + " (%) ")))
        rows.append(row)
    if len(params) != len(sliders):
        missing = [d for d in by_dept if d not in {x.name for x in result.departments}]
        raise ValueError(f"no department named {missing[0]!r}")
    # after = new·s + (1 − new)/(1 − old) · (before − old·s): the other weights keep their proportions
    after = "datum.before"
    for i in reversed(range(len(params))):
        new = f"(w{i} / 100)"
        moved = (f"({new} * datum.s + (datum.w < 1 ? (1 - {new}) / (1 - datum.w) * (datum.before - datum.w * datum.s)"
                 f" : 0))")
        after = f"(datum.slot == {i} ? {moved} : {after})"
    before_t, after_t = i18n.t("charts.before", lang), i18n.t("charts.after", lang)
    d_t, s_t = i18n.t("charts.department", lang), i18n.t("charts.score", lang)
    # no slider can push a score past the department's best KPI score: the axis holds every position
    best = [s for d in result.departments for _k, _w, s, _c in d.contributions if s is not None]
    top = max(1.2, math.ceil(max(best, default=1.0) * 10) / 10)
    # field names stay fixed ASCII: a translated label is only ever a value ("with the sliders' weights"
    # as a field name is a broken Vega access path)
    chart = alt.Chart(_frame(rows)).transform_calculate(
        score_before="datum.before", score_after=after
    ).transform_fold(["score_before", "score_after"], as_=["key", "score"]).transform_calculate(
        when=f"datum.key == 'score_before' ? {json.dumps(before_t, ensure_ascii=False)} : "
             f"{json.dumps(after_t, ensure_ascii=False)}"
    ).mark_bar().encode(
        y=alt.Y("department:N", sort=[r["department"] for r in rows], title=None, axis=alt.Axis(labelLimit=200)),
        yOffset=alt.YOffset("when:N", sort=[before_t, after_t]),
        x=alt.X("score:Q", title=s_t, scale=alt.Scale(domain=[0, top])),
        color=alt.Color("when:N", sort=[before_t, after_t], title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(range=["#b0b7bf", "#4c78a8"])),
        tooltip=[alt.Tooltip("department:N", title=d_t), alt.Tooltip("when:N", title=" "),
                 alt.Tooltip("score:Q", format=".2f", title=s_t)],
    ).add_params(*params).properties(title=i18n.t("charts.slider_title", lang), width=420, height=alt.Step(14))
    return localized(chart, lang)


# ---------------------------------------------------------------- headless output

def chart_rows(spec: dict) -> list[dict]:
    """The data rows inside a chart's ``to_dict()`` spec (inline datasets), for tests and checks."""
    rows = []
    for values in (spec.get("datasets") or {}).values():
        rows.extend(values)

    def inline(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("values"), list):
                rows.extend(data["values"])
            for key, value in node.items():
                if key != "data":
                    inline(value)
        elif isinstance(node, list):
            for value in node:
                inline(value)

    inline(spec)
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


# ---------------------------------------------------------------- interactive, offline

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
#: Vega, Vega-Lite and vega-embed as shipped in ``node_modules`` (``package.json`` pins the versions)
VEGA_SCRIPTS = ("vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js")

# Each chart's own script: draw now if vega-embed is on the page, else wait for it in a queue.
_EMBED = """<div class="okrkit-chart" id="{id}" style="min-height:2em">{fallback}</div>
<script type="application/json" id="{id}-spec">{spec}</script>
<script>(function () {{
  var draw = function () {{
    var el = document.getElementById("{id}");
    var spec = JSON.parse(document.getElementById("{id}-spec").textContent);
    window.vegaEmbed(el, spec, {{actions: false, renderer: "svg"}}).then(function () {{ el.dataset.drawn = "1"; }});
  }};
  if (window.vegaEmbed) {{ draw(); }} else {{ (window.okrkitCharts = window.okrkitCharts || []).push(draw); }}
}})();</script>"""

# The loader carries the three scripts gzip-compressed and base64-encoded (about 300 KB instead of
# 830 KB in every saved lesson and exported page), unpacked by the browser's own DecompressionStream,
# then run so that vega, vegaLite and vegaEmbed become globals even where an AMD loader or CommonJS
# shim is present; the charts waiting for them are then drawn.
_LOADER = """<script>(function () {{
  if (window.vegaEmbed || window.okrkitVegaLoading) {{ return; }}
  window.okrkitVegaLoading = true;
  var run = function (js) {{
    var s = document.createElement("script");
    s.text = "(function(){{var define, module, exports;\\n" + js + "\\n}}).call(window);";
    document.head.appendChild(s);
    (window.okrkitCharts || []).forEach(function (f) {{ f(); }});
    window.okrkitCharts = [];
  }};
  var fail = function () {{
    document.querySelectorAll(".okrkit-chart:not([data-drawn])").forEach(function (el) {{
      el.textContent = {unsupported};
    }});
  }};
  if (typeof DecompressionStream === "undefined") {{ fail(); return; }}
  var packed = "{packed}";
  var bytes = Uint8Array.from(atob(packed), function (c) {{ return c.charCodeAt(0); }});
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(run, fail);
}})();</script>"""


def _packed_vega() -> str | None:
    """The shipped Vega scripts, gzip + base64, cached beside them (built once per installed version)."""
    import base64
    import gzip
    import hashlib

    files = [NODE_MODULES / name for name in VEGA_SCRIPTS]
    if not all(f.is_file() for f in files):
        return None
    stamp = hashlib.sha256("|".join(f"{f}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files).encode())
    cache = NODE_MODULES / ".cache" / f"okrkit-vega-{stamp.hexdigest()[:16]}.b64"
    try:
        return cache.read_text(encoding="ascii")
    except OSError:
        pass
    js = ";\n".join(f.read_text(encoding="utf-8") for f in files)
    packed = base64.b64encode(gzip.compress(js.encode("utf-8"), 9, mtime=0)).decode("ascii")
    try:
        cache.parent.mkdir(exist_ok=True)
        tmp = cache.with_suffix(f".{__import__('os').getpid()}.tmp")
        tmp.write_text(packed, encoding="ascii")
        tmp.replace(cache)
    except OSError:  # a read-only install: packed again next time
        pass
    return packed


def loader_html(lang: str | None = None) -> str | None:
    """One ``<script>`` that puts Vega on the page and draws the charts waiting for it."""
    packed = _packed_vega()
    if packed is None:
        return None
    unsupported = json.dumps(i18n.t("charts.old_browser", lang), ensure_ascii=False)
    return _LOADER.format(packed=packed, unsupported=unsupported)


_count = 0


def chart_html(spec: dict, *, fallback: str = "") -> str:
    """A chart as HTML: a ``<div>``, its Vega-Lite spec, and the call that draws it with vega-embed."""
    global _count
    _count += 1
    import secrets

    ident = f"okrkit-chart-{secrets.token_hex(4)}-{_count}"
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return _EMBED.format(id=ident, spec=text, fallback=fallback)


def _renderer(spec: dict, **_options) -> dict:
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    fallback = ("<span style='color:#888;font-family:sans-serif;font-size:90%'>"
                + i18n.t("charts.not_drawn", None) + "</span>")
    return {"text/html": chart_html(spec, fallback=fallback), "text/plain": f"<Chart: {title or ''}>"}


alt.renderers.register("okrkit", _renderer)


def enable_offline() -> str:
    """Charts drawn with the Vega shipped with the kit, no CDN; returns the renderer used.

    Displays the Vega scripts once (one output, about 1 MB) and switches Altair to the kit's
    ``okrkit`` renderer.  Without ``node_modules`` (``make setup`` installs it), charts are
    rendered to static SVG with vl-convert instead (``"svg"``).
    """
    loader = loader_html()
    if loader is None:
        alt.renderers.enable("svg")
        return "svg"
    alt.renderers.enable("okrkit")
    try:
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover
        return "okrkit"
    display(HTML(loader))
    return "okrkit"


i18n.register({
    "charts.target": {"en": "target (log scale)", "vi": "chỉ tiêu (thang log)"},
    "charts.target_value": {"en": "target", "vi": "chỉ tiêu"},
    "charts.stage": {"en": "stage", "vi": "giai đoạn"},
    "charts.why": {"en": "why this number", "vi": "vì sao có con số này"},
    "charts.department": {"en": "department", "vi": "bộ phận"},
    "charts.kpi": {"en": "KPI", "vi": "KPI"},
    "charts.rank": {"en": "rank", "vi": "hạng"},
    "charts.delta": {"en": "change from the first scheme", "vi": "chênh lệch so với phương án đầu"},
    "charts.kpi_score": {"en": "KPI score", "vi": "điểm KPI"},
    "charts.contribution": {"en": "weight × KPI score", "vi": "trọng số × điểm KPI"},
    "charts.score_low": {"en": "score, weight lower", "vi": "điểm khi giảm trọng số"},
    "charts.score_high": {"en": "score, weight higher", "vi": "điểm khi tăng trọng số"},
    "charts.score_now": {"en": "score today", "vi": "điểm hiện tại"},
    "charts.raises": {"en": "more weight raises the score", "vi": "tăng trọng số thì điểm tăng"},
    "charts.lowers": {"en": "more weight lowers the score", "vi": "tăng trọng số thì điểm giảm"},
    "charts.distribution_payout": {"en": "Bonus distribution ({draws} draws)", "vi": "Phân phối mức thưởng ({draws} lần rút)"},
    "charts.before": {"en": "weights in the plan", "vi": "trọng số trong kế hoạch"},
    "charts.after": {"en": "with the sliders' weights", "vi": "theo trọng số trên thanh trượt"},
    "charts.slider": {"en": "{department}: weight of {kpi}", "vi": "{department}: trọng số {kpi}"},
    "charts.slider_title": {"en": "Move a weight: department scores before and after",
                            "vi": "Dời một trọng số: điểm các bộ phận trước và sau"},
    "charts.not_drawn": {"en": "Chart: run the notebook (with ui.enable_offline_charts()) to draw it.",
                         "vi": "Biểu đồ: chạy notebook (có ui.enable_offline_charts()) để vẽ."},
    "charts.owner": {"en": "owner", "vi": "phụ trách"},
    "charts.old_browser": {"en": "This browser is too old to draw the chart: open the page in a current Chrome, Edge, "
                                 "Firefox or Safari.",
                           "vi": "Trình duyệt này quá cũ để vẽ biểu đồ: hãy mở trang bằng Chrome, Edge, Firefox "
                                 "hoặc Safari bản mới."},
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
    "charts.payout_curve": {"en": "Bonus curve: score → share of the target bonus",
                            "vi": "Đường thưởng: điểm → tỷ lệ tiền thưởng mục tiêu"},
})
