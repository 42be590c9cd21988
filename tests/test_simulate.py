"""Weight simulation: what-if, sensitivity, Monte Carlo, behaviour lens."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit as ok
from okrkit.cascade import cascade_from_data
from okrkit.errors import InputError
from okrkit.simulate import apply_policy, correlation_matrix, draw_raw, kpi_draws

SALES, MKT = "Kinh doanh", "Marketing - PR - Đối tác"


@pytest.fixture(scope="module")
def plan():
    """The bundled sample cascade."""
    return ok.sample_cascade()


@pytest.fixture
def data():
    """The sample cascade as parsed YAML, free to change."""
    return yaml.safe_load(ok.sample_path("cascade.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- what-if

def test_what_if_matches_cascade_scores(plan):
    """Each scheme's scores equal the cascade scored under that scheme."""
    w = ok.what_if(plan)
    assert w.schemes == ("70/20", "50/40", "90/0")
    for s in w.schemes:
        for d in plan.score(scheme=s).departments:
            assert w.score(s, d.name) == pytest.approx(d.score)
            assert w.rank(s, d.name) == d.rank


def test_what_if_shows_rank_changes(plan):
    """Under 90/0 Sales and Marketing swap places; other departments do not move."""
    w = ok.what_if(plan, schemes=["70/20", "90/0"])
    assert (w.rank("70/20", SALES), w.rank("90/0", SALES)) == (5, 4)
    assert (w.rank("70/20", MKT), w.rank("90/0", MKT)) == (4, 5)
    rows = {(r["scheme"], r["department"]): r for r in w.rows()}
    assert rows[("90/0", "Nhân sự")]["delta"] == 0
    assert rows[("90/0", SALES)]["rank_change"] == 1


def test_what_if_custom_schemes(plan):
    """Schemes can be given as a mapping of overrides."""
    w = ok.what_if(plan, schemes={"all revenue": {SALES: {"revenue": 1.0}}})
    assert w.score("all revenue", SALES) == pytest.approx(10.2 / 12)


def test_what_if_renders(plan):
    """WhatIfResult has repr, HTML, dict and frame."""
    w = ok.what_if(plan)
    assert "70/20" in repr(w) and "<table" in w._repr_html_()
    assert len(w.to_frame()) == 15 and len(w.to_dict()["rows"]) == 15
    wide = w.to_frame(wide=True)
    assert list(wide.index) == list(w.departments) and list(wide.columns[:2]) == ["score 70/20", "rank 70/20"]
    assert wide.loc[SALES, "rank 90/0"] == 4
    assert "Giả định" in "\n".join(w.lines("vi"))


def test_what_if_needs_actuals(data):
    """A weighted KPI without an actual cannot be re-scored."""
    del data["kpis"][0]["actual"]
    with pytest.raises(InputError, match="no actual"):
        ok.what_if(cascade_from_data(data))


def test_unknown_scheme_is_refused(plan):
    """Naming a scheme the cascade lacks is one clear error."""
    with pytest.raises(InputError, match="no weight scheme"):
        ok.what_if(plan, schemes=["60/30"])


# ---------------------------------------------------------------- sensitivity

def test_sensitivity_slope_matches_rescoring(plan):
    """The score per weight point equals re-scoring with the weight moved (others rescaled)."""
    sens = ok.sensitivity(plan)
    x = sens.get(SALES, "revenue")
    moved = ok.what_if(plan, schemes={"+10": {SALES: {"revenue": 0.8}}}).score("+10", SALES)
    assert moved - x.score == pytest.approx(10 * x.per_point)
    assert x.at(0.8) == pytest.approx(moved)


def test_sensitivity_flips_are_real(plan):
    """At a reported band flip the band changes; at a rank flip the rank changes."""
    sens = ok.sensitivity(plan)
    flips = [(x, w, b) for x in sens.items for w, b in x.band_flips]
    assert flips
    for x, w, new_band in flips:
        beyond = x.at(w + (1e-4 if w > x.weight else -1e-4))
        assert ok.band(beyond) == new_band != ok.band(x.score)
    ranked = [(x, w, other) for x in sens.items for w, other, _ in x.rank_flips]
    assert ranked
    base = ok.what_if(plan, schemes=["70/20"])
    for x, w, other in ranked[:5]:
        step = 1e-4 if w > x.weight else -1e-4
        before = x.score > base.score("70/20", other)
        after = x.at(w + step) > base.score("70/20", other)
        assert before != after


def test_sensitivity_tornado_and_render(plan):
    """Tornado rows are sorted by swing; results render."""
    sens = ok.sensitivity(plan, step=0.1)
    rows = sens.tornado(SALES)
    assert rows[0]["kpi"] == "churn"
    assert all(rows[i]["swing"] >= rows[i + 1]["swing"] for i in range(len(rows) - 1))
    assert "Sensitivity" in repr(sens) and "<table" in sens._repr_html_()
    assert len(sens.to_frame()) == len(sens.items) and sens.to_dict()["scheme"] == "70/20"


# ---------------------------------------------------------------- Monte Carlo

def test_monte_carlo_is_reproducible(plan):
    """The same seed gives the same draws and summaries."""
    a = ok.monte_carlo(plan, draws=3000, seed=11)
    b = ok.monte_carlo(plan, draws=3000, seed=11)
    c = ok.monte_carlo(plan, draws=3000, seed=12)
    assert np.array_equal(a.scores, b.scores) and a.rows() == b.rows()
    assert not np.array_equal(a.scores, c.scores)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), draws=st.integers(1, 500))
def test_monte_carlo_reproducible_any_seed(plan, seed, draws):
    """Reproducibility holds for any seed and size."""
    a = ok.monte_carlo(plan, draws=draws, seed=seed)
    b = ok.monte_carlo(plan, draws=draws, seed=seed)
    assert np.array_equal(a.scores, b.scores) and np.array_equal(a.payouts, b.payouts)


def test_monte_carlo_uses_file_defaults(plan):
    """Draws and seed default to the cascade's simulation section."""
    mc = ok.monte_carlo(plan)
    assert mc.draws == 20000 and mc.seed == 2026
    assert mc.scores.shape == (20000, 3, 5) and mc.payouts.shape == mc.scores.shape


def test_monte_carlo_scores_match_scalar_scoring(plan):
    """Each draw's scores are the cascade's Σ weight × policy(raw) — checked draw by draw."""
    raw = draw_raw(plan, 20, 5)
    mc = ok.monte_carlo(plan, draws=20, seed=5)
    for n in range(20):
        for i, s in enumerate(mc.schemes):
            m = plan.weights(s)
            for j, _d in enumerate(m.departments):
                expect = sum(w * plan.policy.apply(x) for w, x in zip(m.weights[j], raw[n]))
                assert mc.scores[n, i, j] == pytest.approx(expect, abs=1e-12)
                assert mc.payouts[n, i, j] == pytest.approx(plan.payout(expect), abs=1e-12)


def test_correlations_hold(plan):
    """Linked KPIs move together: leads and revenue correlate as the file says."""
    raw = kpi_draws(plan, draws=40000, seed=3)
    ids = [k.id for k in plan.kpis]
    r = np.corrcoef(raw[:, ids.index("quality_leads")], raw[:, ids.index("revenue")])[0, 1]
    assert r == pytest.approx(0.6, abs=0.03)
    assert correlation_matrix(plan)[ids.index("revenue"), ids.index("quality_leads")] == 0.6


def test_marginals_follow_their_distributions(plan):
    """Normal, uniform and triangular draws have the right centre and range."""
    raw = kpi_draws(plan, draws=40000, seed=4)
    ids = [k.id for k in plan.kpis]
    rev = raw[:, ids.index("revenue")]
    assert rev.mean() == pytest.approx(0.9, abs=0.005) and rev.std() == pytest.approx(0.1, abs=0.005)
    rt = raw[:, ids.index("response_time")]
    assert rt.min() >= 0.9 - 1e-6 and rt.max() <= 1.3 + 1e-6 and rt.mean() == pytest.approx(1.1, abs=0.005)
    hc = raw[:, ids.index("sales_headcount")]
    assert hc.min() >= 0.75 - 1e-6 and hc.max() <= 1.05 + 1e-6
    assert hc.mean() == pytest.approx((0.75 + 0.92 + 1.05) / 3, abs=0.005)


def test_summary_probabilities(plan):
    """P(target) and percentiles are read from the draws."""
    mc = ok.monte_carlo(plan, draws=5000, seed=1)
    s = mc.summary("70/20", SALES)
    scores = mc.scores[:, 0, 0]
    assert s["p_target"] == pytest.approx((scores >= 1.0 - 1e-9).mean())
    assert s["percentiles"]["5"] <= s["percentiles"]["50"] <= s["percentiles"]["95"]
    assert 0 <= s["payout_mean"] <= 1.5
    hist = mc.histogram(bins=20)
    assert len(hist) == 20 * 15
    assert sum(r["share"] for r in hist if r["scheme"] == "70/20" and r["department"] == SALES) == pytest.approx(1)


def test_contradictory_correlations(data):
    """Correlations that cannot hold together are one clear error."""
    data["simulation"]["correlations"] = [
        {"between": ["revenue", "quality_leads"], "r": 0.95},
        {"between": ["revenue", "new_customers"], "r": 0.95},
        {"between": ["quality_leads", "new_customers"], "r": -0.95}]
    with pytest.raises(InputError, match="contradict"):
        ok.monte_carlo(cascade_from_data(data), draws=10)


@pytest.mark.parametrize("spec, words", [
    ({"dist": "normal", "mean": 1}, "needs"), ({"dist": "triangular", "low": 1, "mode": 0.5, "high": 2}, "low ≤ mode"),
    ({"dist": "gamma", "mean": 1}, "not allowed"),
], ids=["missing-sd", "mode-outside", "unknown-dist"])
def test_bad_distributions(data, spec, words):
    """Distributions are checked when the file is read."""
    data["simulation"]["distributions"]["revenue"] = spec
    with pytest.raises(InputError, match=words):
        cascade_from_data(data)


def test_monte_carlo_renders(plan):
    """MonteCarloResult has repr, HTML, dict and frame (no raw arrays in the dict)."""
    mc = ok.monte_carlo(plan, draws=500, seed=1)
    assert "Monte Carlo" in repr(mc) and "<table" in mc._repr_html_()
    assert len(mc.to_frame()) == 15 and "p95" in mc.to_frame().columns
    assert "scores" not in mc.to_dict()


def test_bad_draws(plan):
    """Zero draws is refused."""
    with pytest.raises(InputError, match="draws"):
        ok.monte_carlo(plan, draws=0)


def test_apply_policy_matches_scalar():
    """The array policy equals ScoringPolicy.apply."""
    pol = ok.ScoringPolicy("gate", cap=1.2, floor=0.0, threshold=0.5)
    xs = np.linspace(-1, 2, 301)
    assert np.allclose(apply_policy(xs, pol), [pol.apply(x) for x in xs])


# ---------------------------------------------------------------- behaviour lens

def test_incentives_follow_the_weights(plan):
    """Sales is pulled to revenue; Marketing to quality leads; under 90/0 Marketing has no pull to revenue."""
    inc = ok.incentives(plan)
    assert inc.best("70/20", SALES).kpi == "revenue"
    assert inc.best("70/20", MKT).kpi == "quality_leads"
    assert inc.pull_on_shared("90/0", MKT) == 0.0
    assert inc.pull_on_shared("70/20", MKT) > 0
    assert inc.pull_on_shared("50/40", MKT) > inc.pull_on_shared("70/20", MKT)
    assert any("weight 0" in line for line in inc.lines("en"))


def test_incentives_capped_kpi_pays_nothing(plan):
    """A KPI already at the cap gives no more score for more effort."""
    inc = ok.incentives(plan)
    rt = [x for x in inc.items if x.kpi == "response_time"]
    assert rt and all(x.capped and x.gain == 0 for x in rt)


def test_incentives_effort_and_render(plan):
    """Effort changes the pick; results render."""
    inc = ok.incentives(plan, effort={"revenue": 100})
    assert inc.best("70/20", SALES).kpi != "revenue"
    assert "<table" in inc._repr_html_() and len(inc.to_frame()) == len(inc.items)
    with pytest.raises(InputError, match="effort"):
        ok.incentives(plan, effort={"revenue": 0})


def test_minimal_cascade_simulates():
    """A cascade with no schemes, payout or simulation section still runs every analysis."""
    plan = cascade_from_data({
        "goal": {"value": 1000},
        "kpis": [{"id": "revenue", "target_from": "revenue", "actual": 800, "owner": "Sales"},
                 {"id": "leads", "target": 100, "actual": 120, "owner": "Marketing"}],
        "departments": [{"name": "Sales", "weights": {"revenue": 0.8, "leads": 0.2}},
                        {"name": "Marketing", "weights": {"revenue": 0.3, "leads": 0.7}}],
    })
    w = ok.what_if(plan)
    assert w.schemes == ("base",) and w.payouts is None
    assert w.score("base", "Sales") == pytest.approx(0.8 * 0.8 + 0.2 * 1.0)
    assert ok.sensitivity(plan).scheme == "base"
    mc = ok.monte_carlo(plan, draws=200, seed=1)
    assert mc.payouts is None and mc.rows()[0]["payout_mean"] is None and mc.draws == 200
    assert "Monte Carlo" in repr(mc)
    # leads are already above target and clamped at 1.0: more leads earn Marketing nothing, revenue does
    assert ok.incentives(plan).best("base", "Marketing").kpi == "revenue"
    with pytest.raises(InputError, match="payout"):
        mc.histogram(payouts=True)
