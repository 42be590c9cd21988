"""SVG charts (okrkit.svgcharts): well-formed, carrying the right names and numbers, escaped, light to import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import nbformat
import pytest
from conftest import ROOT

import okrkit as ok
from okrkit import i18n, svgcharts
from okrkit.errors import InputError
from okrkit.simulate import MonteCarloResult, Sensitivity, SensitivityResult, WhatIfResult

SVG = "{http://www.w3.org/2000/svg}"
SALES = "Kinh doanh"
EVIL = "<script>alert('x')</script> & Co"


@pytest.fixture(scope="module")
def plan():
    return ok.sample_cascade()


@pytest.fixture(scope="module")
def results(plan):
    return {"what_if": ok.what_if(plan), "sensitivity": ok.sensitivity(plan),
            "mc": ok.monte_carlo(plan, draws=3000, seed=7), "curve": plan.payout}


def draw_all(results, lang, **kw):
    r = results
    return {"schemes": svgcharts.scheme_chart(r["what_if"], lang=lang, **kw),
            "tornado": svgcharts.tornado_chart(r["sensitivity"], SALES, lang=lang, **kw),
            "payout": svgcharts.payout_chart(r["curve"], lang=lang, **kw),
            "distribution": svgcharts.distribution_chart(r["mc"], department=SALES, lang=lang, **kw),
            "distribution_all": svgcharts.distribution_chart(r["mc"], lang=lang, **kw),
            "payouts": svgcharts.distribution_chart(r["mc"], department=SALES, payouts=True, lang=lang, **kw)}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def text(root: ET.Element) -> str:
    return " ".join(t.strip() for t in root.itertext() if t.strip())


def find(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if cls in (e.get("class") or "").split()]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_chart_is_well_formed_svg_with_a_title(results, lang):
    """Each chart parses as XML, is an <svg> with a viewBox, and its <title> is the drawn heading."""
    for name, svg in draw_all(results, lang).items():
        root = parse(svg)
        assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox")), name
        title = root.find(f"{SVG}title")
        assert title is not None and title.text, name
        assert root.get("aria-label") == title.text
        assert "http" not in svg.replace("http://www.w3.org/2000/svg", ""), f"{name} points to the network"


def test_scheme_chart_has_one_bar_per_scheme_and_department(results):
    """A bar for each (scheme, department) with its score and rank, and every name written out."""
    w = results["what_if"]
    root = parse(svgcharts.scheme_chart(w, lang="en"))
    bars = find(root, "rect", "okrkit-bar")
    assert len(bars) == len(w.schemes) * len(w.departments)
    for bar in bars:
        scheme, dept = bar.get("data-scheme"), bar.get("data-dept")
        assert float(bar.get("data-score")) == pytest.approx(w.score(scheme, dept), abs=1e-4)
        assert int(bar.get("data-rank")) == w.rank(scheme, dept)
    words = text(root)
    from okrkit.glossary import department_name

    for name in (*w.schemes, *(department_name(d, "en") for d in w.departments)):
        assert name in words  # the English chart names departments in English
    for scheme in w.schemes:
        for dept in w.departments:
            assert f"{w.score(scheme, dept):.2f}  #{w.rank(scheme, dept)}" in words
    # a higher score is a longer bar
    by_score = sorted(bars, key=lambda b: float(b.get("data-score")))
    widths = [float(b.get("width")) for b in by_score]
    assert widths == sorted(widths) and widths[-1] > widths[0]


def test_tornado_shows_each_kpi_of_the_department(results, plan):
    """One bar per KPI the department carries, widest swing on top, ends at the low/high scores."""
    sens = results["sensitivity"]
    rows = sens.tornado(SALES)
    names = {k.id: k.name for k in plan.kpis}
    root = parse(svgcharts.tornado_chart(sens, SALES, names=names, lang="en"))
    bars = find(root, "rect", "okrkit-bar")
    assert [b.get("data-kpi") for b in bars] == [r["kpi"] for r in rows]
    ys = [float(b.get("y")) for b in bars]
    assert ys == sorted(ys)   # the order of rows is the order of swings
    for bar, row in zip(bars, rows):
        assert float(bar.get("data-low")) == pytest.approx(row["low"], abs=1e-4)
        assert float(bar.get("data-high")) == pytest.approx(row["high"], abs=1e-4)
        rising = row["high"] >= row["low"]
        assert bar.get("fill") == svgcharts.BAND_COLORS["green" if rising else "red"]
    words = text(root)
    from okrkit.glossary import department_name

    assert department_name(SALES, "en") in words and f"±{round(sens.step * 100)}" in words
    for row in rows:
        assert names[row["kpi"]] in words
        assert f"{row['low']:.3f}" in words and f"{row['high']:.3f}" in words
    assert f"now {rows[0]['score']:.3f}" in words
    # without names the KPI ids are shown
    assert rows[0]["kpi"] in text(parse(svgcharts.tornado_chart(sens, SALES, lang="en")))


def test_payout_chart_marks_the_curves_corners(results):
    """The corners of the curve are points with their score and payout written beside them."""
    curve = results["curve"]
    root = parse(svgcharts.payout_chart(curve, lang="en"))
    points = [(float(c.get("data-score")), float(c.get("data-payout"))) for c in find(root, "circle", "okrkit-point")]
    assert points == [pytest.approx(p, abs=1e-4) for p in curve.points()[1:]]
    words = text(root)
    for s, p in curve.points()[1:]:
        assert f"{s:.2f} → {p * 100:.0f}%" in words
    line = find(root, "polyline", "okrkit-curve")[0].get("points").split()
    ys = [float(pair.split(",")[1]) for pair in line]
    assert ys == sorted(ys, reverse=True)   # a payout never falls as the score rises (y grows downwards)


def test_payout_chart_draws_a_cliff(results):
    cliff = ok.PayoutCurve(threshold=0.9, threshold_payout=0.8, target=1.0, excellence=1.2, excellence_payout=1.5,
                           cliff=True)
    root = parse(svgcharts.payout_chart(cliff, lang="en"))
    points = [(float(c.get("data-score")), float(c.get("data-payout"))) for c in find(root, "circle", "okrkit-point")]
    assert (0.9, 0.0) in points and (0.9, 0.8) in points


def test_distribution_chart_for_one_department(results):
    """One area per scheme, the draws and the department in the title, mean and P(target) in the legend."""
    mc = results["mc"]
    root = parse(svgcharts.distribution_chart(mc, department=SALES, lang="en"))
    areas = find(root, "path", "okrkit-area")
    assert [a.get("data-scheme") for a in areas] == list(mc.schemes)
    assert {a.get("data-dept") for a in areas} == {SALES}
    title = root.find(f"{SVG}title").text
    assert f"{mc.draws:,} draws" in title and title.endswith(SALES)
    words = text(root)
    for s in mc.schemes:
        summary = mc.summary(s, SALES)
        assert f"{s}: mean {summary['mean']:.2f}, reaches target in {summary['p_target'] * 100:.0f}%" in words
    assert find(root, "line", "okrkit-target")
    # each area has a step per bin
    bins = 12
    one = parse(svgcharts.distribution_chart(mc, department=SALES, bins=bins, lang="en"))
    assert find(one, "path", "okrkit-area")[0].get("d").count("L") == 2 * bins + 1


def test_distribution_chart_all_departments_and_payouts(results):
    mc = results["mc"]
    root = parse(svgcharts.distribution_chart(mc, lang="en"))
    assert [p.get("data-dept") for p in find(root, "g", "okrkit-panel")] == list(mc.departments)
    assert len(find(root, "path", "okrkit-area")) == len(mc.schemes) * len(mc.departments)
    pay = parse(svgcharts.distribution_chart(mc, department=SALES, payouts=True, lang="en"))
    assert pay.find(f"{SVG}title").text.startswith("Bonus distribution")
    assert "bonus paid" in text(pay)


def test_unknown_department_is_one_clear_error(results):
    with pytest.raises(InputError, match="Kinh doan"):
        svgcharts.tornado_chart(results["sensitivity"], "Kinh doan")
    with pytest.raises(InputError, match="Kinh doan"):
        svgcharts.distribution_chart(results["mc"], department="Kinh doan")


# ---------------------------------------------------------------- escaping

def evil_results():
    """Results whose department and scheme names are markup."""
    import numpy as np

    depts = (EVIL, "Marketing")
    schemes = ('"A" & <B>', "base")
    w = WhatIfResult(schemes, depts, ((0.5, 0.9), (0.8, 0.3)), ((2, 1), (1, 2)))
    sens = SensitivityResult("base", (
        Sensitivity(EVIL, "<kpi>", 0.6, 1.0, 0.5, 0.8, 0.005),
        Sensitivity(EVIL, "other", 0.4, 0.5, 1.0, 0.8, -0.005)))
    scores = np.random.default_rng(1).uniform(0.5, 1.2, size=(200, 2, 2))
    mc = MonteCarloResult(schemes, depts, 200, 1, 1.0, 0.8, (5, 50, 95), scores, scores * 0.9)
    return w, sens, mc


def test_markup_in_names_is_escaped():
    """A department called <script>… is shown as text, never as an element."""
    w, sens, mc = evil_results()
    charts = {"schemes": svgcharts.scheme_chart(w, lang="en", width=900),
              "tornado": svgcharts.tornado_chart(sens, EVIL, names={"<kpi>": "<b>KPI</b>"}, lang="en", width=900),
              "distribution": svgcharts.distribution_chart(mc, department=EVIL, lang="en"),
              "distribution_all": svgcharts.distribution_chart(mc, lang="en", payouts=True, width=900)}
    for name, svg in charts.items():
        assert "<script" not in svg and "<b>" not in svg, name
        root = parse(svg)
        assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "b", "kpi")], name
        everything = text(root) + " ".join(v for e in root.iter() for v in e.attrib.values())
        assert EVIL in everything, name
    assert '"A" & <B>' in text(parse(charts["schemes"]))
    assert "<b>KPI</b>" in text(parse(charts["tornado"]))


# ---------------------------------------------------------------- languages

def test_charts_speak_vietnamese_and_english(results):
    """Titles, axis labels and numbers follow the language: 0,80 and 'hạng' in vi, 0.80 and '#' in en."""
    en, vi = draw_all(results, "en"), draw_all(results, "vi")
    assert parse(en["schemes"]).find(f"{SVG}title").text == i18n.t("svgcharts.schemes", "en")
    assert parse(vi["schemes"]).find(f"{SVG}title").text == i18n.t("svgcharts.schemes", "vi")
    for name in en:
        assert parse(en[name]).find(f"{SVG}title").text != parse(vi[name]).find(f"{SVG}title").text, name
    w = results["what_if"]
    score, rank = w.score(w.schemes[0], SALES), w.rank(w.schemes[0], SALES)
    assert f"{score:.2f}  #{rank}" in text(parse(en["schemes"]))
    assert f"{score:.2f}".replace(".", ",") + f"  hạng {rank}" in text(parse(vi["schemes"]))
    assert i18n.t("svgcharts.score", "vi") in text(parse(vi["tornado"]))
    assert i18n.t("svgcharts.payout", "vi") in text(parse(vi["payout"]))
    assert f"{results['mc'].draws:,}".replace(",", ".") + " lần rút" in parse(vi["distribution"]).find(f"{SVG}title").text


def test_language_comes_from_the_environment(results, monkeypatch):
    monkeypatch.setenv("OKRKIT_LANG", "vi")
    svg = svgcharts.payout_chart(results["curve"])
    assert parse(svg).find(f"{SVG}title").text == i18n.t("svgcharts.payout_curve", "vi")


def test_every_message_has_both_languages():
    keys = [k for k in i18n.keys() if k.startswith("svgcharts.")]
    assert len(keys) >= 10
    for key in keys:
        texts = i18n.both(key, **dict.fromkeys(re.findall(r"{(\w+)}", i18n.t(key, "en")), "x"))
        assert texts["en"] and texts["vi"]


# ---------------------------------------------------------------- size and display

def test_width_is_respected(results):
    """The chart is as wide as asked, nothing is drawn past its edge, and it scales down in a narrow page."""
    for width in (420, 640, 900):
        for name, svg in draw_all(results, "en", width=width).items():
            root = parse(svg)
            assert root.get("width") == str(width) and root.get("viewBox").split()[2] == str(width), name
            assert "max-width:100%" in root.get("style")
            for rect in root.iter(f"{SVG}rect"):
                assert float(rect.get("x")) + float(rect.get("width")) <= width + 0.5, name


def test_chart_wrapper_displays_as_svg(results):
    """``Chart(svg)`` displays as image/svg+xml in Jupyter and has a short plain-text form."""
    from IPython.core.formatters import DisplayFormatter

    svg = svgcharts.scheme_chart(results["what_if"], lang="en")
    chart = svgcharts.Chart(svg)
    data, _meta = DisplayFormatter().format(chart)
    assert data["image/svg+xml"] == svg
    assert data["text/plain"] == f"<Chart: {i18n.t('svgcharts.schemes', 'en')}>"
    assert str(chart) == svg


def test_nice_ticks():
    assert svgcharts.nice_ticks(0, 1.0) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    ticks = svgcharts.nice_ticks(0.776, 0.82, 4)
    assert ticks[0] >= 0.776 and ticks[-1] <= 0.82 and len(ticks) >= 2


def test_band_colours_match_the_altair_charts():
    from okrkit.ui import charts

    assert svgcharts.BAND_COLORS == charts.BAND_COLORS


# ---------------------------------------------------------------- staying light

def loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return set(json.loads(out.splitlines()[-1]))


HEAVY = ("altair", "vl_convert", "pandas", "ipywidgets", "IPython", "jsonschema")


def test_import_is_light():
    """Importing okrkit.svgcharts loads no chart, table, widget or NumPy library."""
    loaded = loaded_after("import okrkit.svgcharts")
    assert not [m for m in (*HEAVY, "numpy") if m in loaded]


def test_drawing_every_chart_stays_light():
    """Drawing the four charts of lesson 5 (from NumPy results) loads no Altair, pandas, widgets or IPython."""
    code = ("import okrkit as ok\nfrom okrkit import svgcharts as sc\nplan = ok.sample_cascade()\n"
            "sc.scheme_chart(ok.what_if(plan)); sc.tornado_chart(ok.sensitivity(plan), 'Kinh doanh')\n"
            "sc.payout_chart(plan.payout); mc = ok.monte_carlo(plan, draws=500, seed=1)\n"
            "sc.distribution_chart(mc, department='Kinh doanh'); sc.distribution_chart(mc, payouts=True)")
    loaded = loaded_after(code)
    assert "okrkit.svgcharts" in loaded and "numpy" in loaded
    assert not [m for m in HEAVY if m in loaded]


def test_jupyter_layer_does_not_import_altair():
    """``from okrkit import ui`` (lesson 5's weight panel) leaves Altair and vl-convert for okrkit.ui.charts."""
    loaded = loaded_after("from okrkit import ui\nui.weight_panel")
    assert "ipywidgets" in loaded
    assert not [m for m in ("altair", "vl_convert", "pandas") if m in loaded]


def test_lesson_5_draws_with_svgcharts():
    """Lesson 5's code draws its four charts with okrkit.svgcharts and never imports Altair."""
    nb = nbformat.read(ROOT / "notebooks" / "05_weights_and_scores.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not re.search(r"\baltair\b|okrkit\.ui\.charts|from okrkit\.ui import .*\bcharts\b|enable_offline_charts",
                         code)
    for name in ("scheme_chart", "tornado_chart", "payout_chart", "distribution_chart"):
        assert f"svgcharts.{name}(" in code
    assert "ui.weight_panel(" in code
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "okrkit.ui.charts" in prose   # the interactive Altair charts are pointed to, in the text
