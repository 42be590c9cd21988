"""Charts: builders return Altair charts (tested as data); SVG renders offline."""

from __future__ import annotations

import json

import altair as alt
import pytest

import okrkit as ok
from okrkit.ui import charts

SALES = "Kinh doanh"
MARKETING = "Marketing - PR - Đối tác"


@pytest.fixture(scope="module")
def plan():
    """The bundled sample cascade."""
    return ok.sample_cascade()


@pytest.fixture(scope="module")
def built(plan):
    """One chart of each kind on the sample company."""
    mc = ok.monte_carlo(plan, draws=20000, seed=1)
    return {
        "funnel": charts.funnel_chart(plan),
        "weights": charts.weight_heatmap(plan),
        "schemes": charts.scheme_chart(ok.what_if(plan)),
        "tornado": charts.tornado_chart(ok.sensitivity(plan), SALES),
        "distribution": charts.distribution_chart(mc),
        "distribution_one": charts.distribution_chart(mc, department=SALES, payouts=True),
        "payout": charts.payout_chart(plan.payout),
        "contributions": charts.contribution_chart(plan.score()),
    }


def test_builders_return_charts(built):
    """Every builder returns an Altair chart object and displays nothing."""
    for chart in built.values():
        assert isinstance(chart, alt.TopLevelMixin)


def test_data_is_aggregated(built):
    """No chart carries more than a few hundred rows (Altair's limit is 5,000)."""
    for name, chart in built.items():
        rows = charts.chart_rows(chart.to_dict())
        assert 0 < len(rows) <= 1000, name


def test_funnel_chart_data(built):
    """The funnel chart holds each stage's target, owner and explanation."""
    rows = {r["stage"]: r for r in charts.chart_rows(built["funnel"].to_dict())}
    assert rows["Leads"]["value"] == 4000 and rows["Leads"]["owner"] == "Marketing - PR - Partners"
    assert "⌈" in rows["Leads"]["why"]
    assert "Revenue" not in rows


def test_funnel_chart_in_vietnamese(plan):
    """Labels follow the language."""
    rows = charts.chart_rows(charts.funnel_chart(plan, lang="vi").to_dict())
    assert rows[2]["stage"] == "Lead" and rows[2]["label"] == "4.000 lead"


def test_weight_heatmap_data(built):
    """The heatmap has one cell per carried weight; revenue appears in every row; names, never ids."""
    rows = charts.chart_rows(built["weights"].to_dict())
    revenue = {r["department"]: r["weight"] for r in rows if r["kpi"] == "Revenue"}
    assert revenue["Sales"] == 0.7 and revenue["Marketing - PR - Partners"] == 0.2 and len(revenue) == 5
    assert not {r["kpi"] for r in rows} & {"revenue", "new_customers", "quality_leads"}


def test_weight_heatmap_in_vietnamese(plan):
    """In vi the cells carry the Vietnamese KPI names and the spec formats numbers the Vietnamese way."""
    spec = charts.weight_heatmap(plan, lang="vi").to_dict()
    assert "Doanh thu" in {r["kpi"] for r in charts.chart_rows(spec)}
    assert spec["config"]["locale"]["number"]["decimal"] == "," and spec["config"]["locale"]["number"]["thousands"] == "."
    assert charts.weight_heatmap(plan, lang="en").to_dict()["config"]["locale"]["number"]["decimal"] == "."


def test_scheme_chart_groups_by_scheme(built):
    """The comparison offsets bars by scheme."""
    spec = built["schemes"].to_dict()
    assert spec["encoding"]["xOffset"]["field"] == "scheme"
    assert {r["scheme"] for r in charts.chart_rows(spec)} == {"70/20", "50/40", "90/0"}


def test_contribution_chart_sums_to_scores(plan, built):
    """Stacked contributions add up to each department's score."""
    rows = charts.chart_rows(built["contributions"].to_dict())
    for d in plan.score().departments:
        name = ok.glossary.department_name(d.name, "en")
        assert sum(r["contribution"] for r in rows if r["department"] == name) == pytest.approx(d.score)


def test_tornado_rows(built):
    """The tornado shows the low and high score per KPI for one department."""
    rows = [r for r in charts.chart_rows(built["tornado"].to_dict()) if "kpi" in r]
    assert {r["kpi"] for r in rows} == {"Revenue", "New paying customers", "Customer churn rate"}
    assert all(r["department"] == SALES for r in rows)
    assert built["tornado"].to_dict()["layer"][0]["encoding"]["tooltip"]


def test_distribution_is_binned(built):
    """The distribution chart carries bins, not 20,000 draws."""
    rows = charts.chart_rows(built["distribution"].to_dict())
    assert len(rows) == 30 * 15 and abs(sum(r["share"] for r in rows) - 15) < 1e-6


def test_too_many_rows_refused():
    """A builder never hands Altair more than 5,000 rows."""
    with pytest.raises(ValueError, match="aggregate"):
        charts._frame([{"x": i} for i in range(5001)])


@pytest.mark.parametrize("name", ["funnel", "weights", "schemes", "tornado", "distribution_one", "payout",
                                  "contributions"])
def test_svg_renders_offline(built, name):
    """to_svg renders with vl-convert and the SVG points at no CDN."""
    svg = charts.to_svg(built[name])
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg
    assert charts.external_urls(svg) == []
    assert "cdn" not in svg.lower() and "jsdelivr" not in svg


def test_html_page_has_no_cdn(built):
    """The exported HTML page is self-contained."""
    page = charts.to_html(built["payout"], title="<Bonus>")
    assert "&lt;Bonus&gt;" in page and "<script" not in page and charts.external_urls(page) == []


def test_every_chart_has_a_title_and_tooltips(built):
    """Every chart has a title and at least one tooltip, and axis titles come from the catalogue."""
    for name, chart in built.items():
        spec = chart.to_dict()
        assert spec.get("title"), name
        assert "tooltip" in json.dumps(spec), name


def test_weight_slider_chart_binds_parameters(plan):
    """The before/after chart binds each chosen weight to a range input inside the chart (works with no kernel)."""
    spec = charts.weight_slider_chart(plan, [(SALES, "revenue"), (MARKETING, "revenue")], lang="vi").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    # in whole percent points: the range input prints its value the browser's way, and 20 reads the same in vi
    assert params["w0"]["value"] == 70 and params["w1"]["value"] == 20
    assert params["w1"]["bind"]["input"] == "range" and params["w1"]["bind"]["max"] == 100
    assert "Marketing" in params["w1"]["bind"]["name"] and "(%)" in params["w1"]["bind"]["name"]
    assert "w1 / 100" in json.dumps(spec["transform"])
    assert spec["encoding"]["x"]["scale"]["domain"][1] >= 1.2
    assert "Doanh thu" in params["w1"]["bind"]["name"] and "revenue" not in params["w1"]["bind"]["name"]
    after = [t for t in spec["transform"] if "w1" in t.get("calculate", "")]
    assert after, spec["transform"]
    rows = {r["department"]: r for r in charts.chart_rows(spec)}
    assert rows[MARKETING]["slot"] == 1 and rows[MARKETING]["w"] == 0.2


def test_weight_slider_expression_matches_sensitivity(plan):
    """The in-chart formula gives the score ok.sensitivity computes for the same weight move."""
    spec = charts.weight_slider_chart(plan, [(SALES, "revenue")]).to_dict()
    row = next(r for r in charts.chart_rows(spec) if r["slot"] == 0)
    sens = next(r for r in ok.sensitivity(plan).tornado(SALES) if r["kpi"] == "revenue")
    new = sens["high_weight"]
    after = new * row["s"] + (1 - new) / (1 - row["w"]) * (row["before"] - row["w"] * row["s"])
    assert after == pytest.approx(sens["high"])


def test_weight_slider_chart_refuses_unknown_names(plan):
    """A department or KPI that is not in the cascade is named in the error."""
    with pytest.raises(ValueError, match="Kinh doan"):
        charts.weight_slider_chart(plan, [("Kinh doan", "revenue")])
    with pytest.raises(ValueError, match="uptime"):
        charts.weight_slider_chart(plan, [(SALES, "uptime")])


def test_renderer_html_draws_with_shipped_vega(built):
    """The kit's renderer emits a div, the spec and a vega-embed call; the scripts come from node_modules, no CDN."""
    spec = built["payout"].to_dict()
    html = charts._renderer(spec)["text/html"]
    assert "okrkit-chart" in html and "vegaEmbed" in html
    assert charts.external_urls(html.replace(spec["$schema"], "")) == []  # $schema names the version, never fetched
    loader = charts.loader_html()
    assert loader is not None, "node_modules has no vega: run make setup"
    assert "vegaEmbed" in loader and "<script src" not in loader and loader.count("</script>") == 1


def test_scorecard_charts(plan):
    """The BSC chart puts each objective on its perspective; progress has a dashed expected line per KR."""
    from okrkit.ui import scorecard_charts

    card = ok.score(ok.sample_company())
    spec = scorecard_charts.perspective_chart(card, {"S1": "financial", "H1": "learning"}, lang="vi").to_dict()
    rows = {r["objective"]: r for r in charts.chart_rows(spec)}
    assert rows["S1"]["perspective"] == "Tài chính" and rows["H1"]["perspective"] == "Học hỏi và phát triển"
    from okrkit.checkin import progress_curve

    curve = progress_curve(ok.sample_checkins())
    spec = scorecard_charts.progress_expected_chart(curve, ["S1.KR1"], lang="en").to_dict()
    expected = [r for r in charts.chart_rows(spec) if r["series"] == "expected line"]
    assert [r["week"] for r in expected] == [0, 13] and expected[-1]["progress"] in (0.7, 1.0)


def test_charts_module_is_jupyter_layer():
    """Charts live in okrkit.ui and the core does not import them."""
    import subprocess
    import sys

    code = "import sys, okrkit, okrkit.cascade, okrkit.simulate; print('altair' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_compiles_and_draws_in_vega(plan, lang):
    """Each chart family, in each language, is drawn by Vega itself (vl-convert): a translated label that
    breaks a field name or an expression (an apostrophe in "the sliders' weights") fails here, not on a projector."""
    from okrkit.checkin import progress_curve
    from okrkit.ui import sales_charts, scorecard_charts

    mc = ok.monte_carlo(plan, draws=2000, seed=1)
    data = ok.sample_sales()
    period = data.latest_month()
    card = ok.score(ok.sample_company())
    drawn = {
        "funnel": charts.funnel_chart(plan, lang=lang),
        "weights": charts.weight_heatmap(plan, lang=lang),
        "schemes": charts.scheme_chart(ok.what_if(plan), lang=lang),
        "tornado": charts.tornado_chart(ok.sensitivity(plan), SALES, lang=lang),
        "distribution": charts.distribution_chart(mc, department=SALES, payouts=True, lang=lang),
        "payout": charts.payout_chart(plan.payout, lang=lang),
        "contributions": charts.contribution_chart(plan.score(), lang=lang),
        "slider": charts.weight_slider_chart(plan, [(SALES, "revenue"), (MARKETING, "revenue")], lang=lang),
        "perspectives": scorecard_charts.perspective_chart(card, {"S1": "financial", "H1": "learning"}, lang=lang),
        "progress": scorecard_charts.progress_expected_chart(progress_curve(ok.sample_checkins()), ["S1.KR1"],
                                                             lang=lang),
        "monthly": sales_charts.monthly_chart(ok.sales.monthly(data, period), lang=lang),
    }
    for name, chart in drawn.items():
        svg = charts.to_svg(chart)
        assert svg.startswith("<svg") and "<text" in svg, name
        assert charts.external_urls(svg) == [], name
