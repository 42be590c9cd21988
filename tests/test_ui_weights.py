"""The weight panel: sliders per department × KPI, row sums, normalise, chart, ranks, Monte Carlo."""

from __future__ import annotations

import numpy as np
import pytest

from okrkit import ui
from okrkit.ui.weights import WeightModel, ranks, slug


@pytest.fixture
def panel(tmp_path):
    """A weight panel on the sample cascade."""
    return ui.weight_panel("ex04_weights", answers_path=tmp_path / "w.json", lang="en")


def slider(panel, dept, kpi):
    m = panel.model
    return panel.sliders[(m.departments.index(dept), m.kpis.index(kpi))]


def test_one_slider_per_carried_weight_with_stable_classes(panel):
    """Each department × KPI weight has a slider named okrkit-weight-slider-<dept>-<kpi>."""
    assert len(panel.sliders) == int(panel.model.carries.sum())
    s = slider(panel, "Marketing - PR - Đối tác", "quality_leads")
    assert "okrkit-weight-slider-marketing-pr-doi-tac-quality-leads" in s._dom_classes
    assert s.value == 60 and s.continuous_update is False


def test_moving_a_slider_redraws_chart_and_ranks_and_saves(panel):
    """Release a slider: the chart's state (scores and labels, not a new chart), the ranks and the answers file
    change."""
    rev, before, spec = panel.rev, dict(panel.live.state), panel.live.spec
    slider(panel, "Kinh doanh", "revenue").value = 40
    after = panel.live.state
    assert panel.rev == rev + 1 and after["rev"] == rev + 1 and after["score"] != before["score"]
    assert panel.live.spec is spec, "the chart is drawn once; a move changes its state parameter"
    i = panel.model.departments.index("Kinh doanh")
    assert after["score"][i] == pytest.approx(panel.model.scores(panel.matrix())[i], abs=1e-4)
    panel.flush()
    assert panel.store.load().answer["weights"]["Kinh doanh"]["revenue"] == 0.4


def test_a_row_off_100_warns_and_normalise_fixes_it(panel):
    """A row summing to 80% shows a warning and a Normalise button that makes it exactly 100%."""
    i = panel.model.departments.index("Kinh doanh")
    slider(panel, "Kinh doanh", "revenue").value = 50
    assert "80%" in panel.sum_labels[i].value and panel.normalise_buttons[i].layout.display == "flex"
    panel.normalise_buttons[i].click()
    row = panel.answer["weights"]["Kinh doanh"]
    assert round(sum(row.values()), 6) == 1.0 and "okrkit-ok" in panel.sum_labels[i].value


def test_ranks_change_when_weights_favour_a_department(panel):
    """Putting HR's whole weight on revenue drops it from first place."""
    def rank_of(name):
        return ranks(panel.model.scores(panel.matrix()))[panel.model.departments.index(name)]
    assert rank_of("Nhân sự") == 1
    for kpi in ("sales_headcount", "sales_retention"):
        slider(panel, "Nhân sự", kpi).value = 0
    slider(panel, "Nhân sự", "revenue").value = 100
    assert rank_of("Nhân sự") > 1
    assert "data-rank" in panel.chart_notes.value


def test_answers_come_back(tmp_path, panel):
    """A second panel on the same file shows the saved weights, Monte Carlo choice and defence."""
    slider(panel, "Kinh doanh", "revenue").value = 55
    panel.defence.value = "Marketing gánh một phần doanh thu"
    panel.mc_toggle.value = False
    panel.flush()
    again = ui.weight_panel("ex04_weights", answers_path=panel.path)
    assert again.answer == panel.answer


def test_monte_carlo_is_cached_and_reweighted(panel):
    """The draws are made once; re-weighting them gives percentiles around the actual-based score."""
    m = panel.model
    draws = m.draws
    p10, p90, reach, first = m.monte_carlo(panel.matrix())
    assert m.draws is draws and draws.shape[1] == len(m.kpis)
    assert np.all(p10 <= p90) and np.all((0 <= reach) & (reach <= 1)) and abs(first.sum() - 1) < 1e-9


def test_model_scores_use_rows_rescaled_to_one():
    """Scaling a department's row changes nothing after normalising; an all-zero row has no score."""
    import okrkit as ok

    m = WeightModel(ok.sample_cascade(), draws=200)
    w = m.base.copy()
    s1 = m.scores(w)
    w[0] *= 3
    assert np.allclose(s1, m.scores(w))
    w[1] = 0
    assert np.isnan(m.scores(w)[1])


def test_slug_is_ascii():
    """Vietnamese names become ASCII CSS class parts."""
    assert slug("Chăm sóc khách hàng") == "cham-soc-khach-hang"
    assert slug("Marketing - PR - Đối tác") == "marketing-pr-doi-tac"


def test_saves_are_queued_in_order_and_all_land(panel):
    """Many quick moves are all saved, in order, on the background writer; the file holds the last one."""
    s = slider(panel, "Kinh doanh", "revenue")
    for v in range(30, 61, 3):
        s.value = v
    panel.flush()
    assert panel.store.load().answer["weights"]["Kinh doanh"]["revenue"] == 0.6
    assert panel.save_count == 11


def test_behaviour_lens_follows_the_weights(panel):
    """The simulator's behaviour lens shows where Marketing's effort pays most, and moves with the sliders."""
    assert "data-dept='marketing-pr-doi-tac' data-best='quality_leads'" in panel.lens_view.value
    slider(panel, "Marketing - PR - Đối tác", "quality_leads").value = 0
    assert "data-dept='marketing-pr-doi-tac' data-best='quality_leads'" not in panel.lens_view.value


def test_draws_come_from_the_simulator(panel):
    """The cached draws are the simulator's own (okrkit.simulate.kpi_draws), after the scoring policy."""
    import okrkit as ok
    from okrkit.simulate import kpi_draws

    raw = kpi_draws(ok.sample_cascade(), draws=len(panel.model.draws))
    assert np.allclose(panel.model.draws, np.clip(raw, 0, 1.2))


def test_lens_agrees_with_the_simulator(panel):
    """The panel's vectorised behaviour lens gives the simulator's answer on the same weights."""
    from okrkit.simulate import incentives

    m = panel.model
    slider(panel, "Kinh doanh", "revenue").value = 30
    w = m.normalised(panel.matrix())
    rows = {d: {k: float(w[i, j]) for j, k in enumerate(m.kpis) if m.carries[i, j]}
            for i, d in enumerate(m.departments)}
    result = incentives(panel.plan, schemes={"yours": rows})
    for (best, gain, pull), d in zip(m.lens(panel.matrix()), m.departments):
        expected = result.best("yours", d)
        assert best == (expected.kpi if expected else None)
        assert abs(gain - (expected.gain if expected else 0.0)) < 1e-9
        assert abs(pull - result.pull_on_shared("yours", d)) < 1e-9


def test_queued_saves_are_written_at_normal_exit(tmp_path):
    """A kernel that shuts down normally writes the saves still queued (atexit flush)."""
    import subprocess
    import sys

    code = (
        "from okrkit import ui\n"
        f"p = ui.weight_panel('ex04_weights', answers_path={str(tmp_path / 'w.json')!r})\n"
        "m = p.model\n"
        "p.sliders[(m.departments.index('Kinh doanh'), m.kpis.index('revenue'))].value = 33\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    import json

    saved = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert saved["answer"]["weights"]["Kinh doanh"]["revenue"] == 0.33


def test_scores_and_schemes_agree_with_the_simulator(panel):
    """The panel's scores (yours and each scheme's) are what okrkit.simulate.what_if gives on the same weights."""
    from okrkit.simulate import what_if

    m = panel.model
    slider(panel, "Marketing - PR - Đối tác", "revenue").value = 35
    w = m.normalised(panel.matrix())
    rows = {d: {k: float(w[i, j]) for j, k in enumerate(m.kpis) if m.carries[i, j]}
            for i, d in enumerate(m.departments)}
    result = what_if(panel.plan, schemes={"yours": rows})
    assert np.allclose(m.scores(panel.matrix()), result.scores[0])
    named = what_if(panel.plan)
    for name, _w, scores in m.schemes:
        assert np.allclose(scores, named.scores[named.schemes.index(name)])


def test_a_failing_lens_costs_neither_the_save_nor_the_chart(tmp_path, monkeypatch):
    """The save comes first: when the behaviour lens fails, the move is on disk and only the lens says so."""
    from okrkit.rubrics.ex04_weights import starting_cascade

    panel = ui.weight_panel("ex04_weights", answers_path=tmp_path / "w.json", lang="vi", cascade=starting_cascade())

    def broken(_weights):
        raise ValueError("lens broke")
    monkeypatch.setattr(panel.model, "lens", broken)
    rev = panel.rev
    slider(panel, "Marketing - PR - Đối tác", "revenue").value = 20
    panel.flush()
    assert panel.store.load().answer["weights"]["Marketing - PR - Đối tác"]["revenue"] == 0.2
    assert "Đã lưu" in panel.status.value and "okrkit-warn" not in panel.status.value
    assert "okrkit-part-problem" in panel.lens_view.value and "Chưa cập nhật được" in panel.lens_view.value
    assert panel.rev == rev + 1 and "okrkit-part-problem" not in panel.chart_notes.value


def test_full_kpi_names_above_the_sliders(panel):
    """Every slider has its KPI's whole name above it (a slider description would be cut)."""
    names = [name.value for name, _j, _shared in panel.names]
    assert any("Tỷ lệ giữ chân nhân viên kinh doanh" in n for n in names)
    assert all(not s.description for s in panel.sliders.values())
    assert sum("shared KPI" in n for n in names) == sum(shared for _n, _j, shared in panel.names) > 0


def test_the_chart_is_altair_drawn_offline_and_moved_by_its_state(panel):
    """The score chart is a Vega-Lite spec (made with Altair) whose numbers come from its `state` parameter; the
    widget's front end carries vega itself (no CDN), and the state speaks the panel's language."""
    import re

    panel.set_lang("vi")
    spec = panel.live.spec
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert [p["name"] for p in spec["params"]] == ["state"] and panel.live.param == "state"
    assert spec["config"]["locale"]["number"]["decimal"] == ","      # axis numbers the Vietnamese way
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "rule", "rule", "text"]
    esm = panel.live._esm
    assert len(esm) > 500_000 and "vega-lite" in esm and not re.search(r"""(import|from)\s*\(?\s*["']https?://""", esm)
    state = panel.live.state
    assert len(state["score"]) == len(panel.model.departments) and all("hạng" in x for x in state["label"])
    panel.set_lang("en")
    assert all("#" in x for x in panel.live.state["label"]) and panel.live.spec["config"]["locale"]["number"]["decimal"] == "."


def test_an_exported_page_shows_the_chart_as_a_picture(panel):
    """On a page exported without a kernel the live chart becomes the same chart as SVG, with its last state."""
    import copy

    import nbformat

    from okrkit.workshop import static_widget_state

    def model(w):
        state = {k: copy.deepcopy(v) for k, v in w.get_state().items() if not k.startswith("_") or k == "_dom_classes"}
        return {"model_module": w._model_module, "model_name": w._model_name, "model_module_version": "*",
                "state": state}
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {
        "chart": model(panel.live), "notes": model(panel.chart_notes)}, "version_major": 2, "version_minor": 0}}
    static_widget_state(nb)
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    picture = state["chart"]
    assert picture["model_name"] == "HTMLModel" and "<svg" in picture["state"]["value"]
    assert "okrkit-live-picture" in picture["state"]["value"] and "okrkit-live-chart" in picture["state"]["_dom_classes"]
    label = panel.live.state["label"][0]      # (the fixture's panel speaks English: 0.80, not 0,80)
    assert label.split(" · ")[0] in picture["state"]["value"]    # drawn with the last state, not the empty one
