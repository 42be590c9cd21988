"""Charts: builders return Altair charts (tested as data); SVG renders offline."""

from __future__ import annotations

import altair as alt
import pytest

import okrkit as ok
from okrkit.ui import charts

SALES = "Kinh doanh"


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
    assert rows["Leads"]["value"] == 4000 and rows["Leads"]["owner"] == "Marketing - PR - Đối tác"
    assert "⌈" in rows["Leads"]["why"]
    assert "Revenue" not in rows


def test_funnel_chart_in_vietnamese(plan):
    """Labels follow the language."""
    rows = charts.chart_rows(charts.funnel_chart(plan, lang="vi").to_dict())
    assert rows[2]["stage"] == "Lead" and rows[2]["label"] == "4.000 lead"


def test_weight_heatmap_data(built):
    """The heatmap has one cell per carried weight; revenue appears in every row."""
    rows = charts.chart_rows(built["weights"].to_dict())
    revenue = {r["department"]: r["weight"] for r in rows if r["kpi"] == "revenue"}
    assert revenue[SALES] == 0.7 and revenue["Marketing - PR - Đối tác"] == 0.2 and len(revenue) == 5


def test_scheme_chart_groups_by_scheme(built):
    """The comparison offsets bars by scheme."""
    spec = built["schemes"].to_dict()
    assert spec["encoding"]["xOffset"]["field"] == "scheme"
    assert {r["scheme"] for r in charts.chart_rows(spec)} == {"70/20", "50/40", "90/0"}


def test_contribution_chart_sums_to_scores(plan, built):
    """Stacked contributions add up to each department's score."""
    rows = charts.chart_rows(built["contributions"].to_dict())
    for d in plan.score().departments:
        assert sum(r["contribution"] for r in rows if r["department"] == d.name) == pytest.approx(d.score)


def test_tornado_rows(built):
    """The tornado shows the low and high score per KPI for one department."""
    rows = [r for r in charts.chart_rows(built["tornado"].to_dict()) if "kpi" in r]
    assert {r["kpi"] for r in rows} == {"revenue", "new_customers", "churn"}
    assert all(r["department"] == SALES for r in rows)


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


def test_charts_module_is_jupyter_layer():
    """Charts live in okrkit.ui and the core does not import them."""
    import subprocess
    import sys

    code = "import sys, okrkit, okrkit.cascade, okrkit.simulate; print('altair' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
