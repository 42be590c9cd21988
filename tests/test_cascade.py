"""Cascade: funnel back-calculation, weight matrix, scoring, allocation, the cascade file."""

from __future__ import annotations

import copy
import dataclasses
import math
import subprocess
import sys

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import okrkit as ok
from okrkit import i18n
from okrkit.cascade import Cascade, apply_scheme, cascade_from_data, check_weights
from okrkit.errors import InputError, RateError, WeightError
from okrkit.glossary import department_name

SALES, MKT = "Kinh doanh", "Marketing - PR - Đối tác"


@pytest.fixture(scope="module")
def plan():
    """The bundled sample cascade."""
    return ok.sample_cascade()


@pytest.fixture
def data():
    """The sample cascade as parsed YAML, free to break."""
    return yaml.safe_load(ok.sample_path("cascade.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the sample company

def test_sample_is_the_sample_company(plan):
    """The bundled cascade is Sao Mai's 12 tỷ revenue goal for 2026-Q1, five departments."""
    assert plan.organization == ok.sample_company().organization
    assert plan.period == "2026-Q1"
    assert plan.goal.value == 12e9 and plan.goal.unit == "VND"
    assert [d.name for d in plan.departments] == [SALES, MKT, "Nhân sự", "Sản phẩm - Kỹ thuật", "Chăm sóc khách hàng"]


def test_funnel_back_calculation(plan):
    """Revenue → deals → opportunities → leads → traffic, and headcount, as whole numbers."""
    f = plan.funnel()
    assert f.values() == {"revenue": 12e9, "deals": 600, "opportunities": 2400, "leads": 4000,
                          "traffic": 444445, "sales_reps": 24}
    assert f["leads"].owner == MKT and f["sales_reps"].owner == "Nhân sự"


def test_leads_match_the_company_okr(plan):
    """Marketing needs the 4,000 quality leads its M1.KR1 promises."""
    kr = ok.sample_company().objective("M1").key_results[0]
    assert plan.funnel()["leads"].value == kr.target == 4000


def test_counts_round_up_not_float_noise(plan):
    """2,400 ÷ 60% is 4,000 (not 4,001); 600 ÷ 28 ÷ 90% = 23.8 is 24 reps."""
    f = plan.funnel()
    assert f["leads"].value == 4000 and f["leads"].rounded
    assert f["sales_reps"].exact == pytest.approx(23.81, abs=0.01) and f["sales_reps"].value == 24
    assert all(isinstance(t.value, int) for t in list(f)[1:])


def test_every_number_explains_itself(plan):
    """Each target has a formula, its inputs, and an explanation in en and vi."""
    for t in plan.funnel():
        assert t.formula.startswith(t.id)
        assert t.inputs
        for lang in ("en", "vi"):
            text = t.explain(lang)
            assert department_name(t.owner, lang) in text
    leads = plan.funnel()["leads"]
    assert leads.inputs == {"opportunities": 2400, "lead_to_opportunity": 0.6}
    assert leads.formula == "leads = ⌈opportunities ÷ lead_to_opportunity⌉"
    assert "2,400 ÷ 60%" in leads.explain("en") and "4,000" in leads.explain("en")
    assert "2.400 ÷ 60%" in leads.explain("vi") and "làm tròn lên" in leads.explain("vi")


def test_explain_follows_env_language(plan, monkeypatch):
    """Without lang=, explanations follow $OKRKIT_LANG."""
    monkeypatch.setenv("OKRKIT_LANG", "vi")
    assert "phụ trách" in plan.funnel()["deals"].explain()


def test_shared_revenue_weights(plan):
    """Revenue weighs 0.7 for Sales and 0.2 for Marketing, whose main weight is quality leads."""
    m = plan.weights()
    assert m.row(SALES)["revenue"] == 0.7
    assert m.row(MKT)["revenue"] == 0.2
    assert max(m.row(MKT), key=m.row(MKT).get) == "quality_leads"
    assert set(m.shared()["revenue"]) >= {SALES, MKT}
    assert all(abs(sum(m.row(d).values()) - 1) < 1e-9 for d in m.departments)


def test_every_kpi_has_one_owner(plan):
    """Each KPI names the department accountable for it."""
    assert all(k.owner for k in plan.kpis)
    assert plan.weights().owners["quality_leads"] == MKT


def test_kpi_targets_come_from_the_funnel(plan):
    """A KPI with target_from takes the funnel's number."""
    assert plan.kpi("quality_leads").target == 4000
    assert plan.kpi("sales_headcount").target == 24


def test_department_score_is_weighted_sum(plan):
    """Department score = Σ weight × KPI score, with contributions listed."""
    r = plan.score()
    d = r.department(SALES)
    assert d.score == pytest.approx(sum(c for _, _, _, c in d.contributions))
    assert d.score == pytest.approx(0.7 * 10.2 / 12 + 0.2 * 430 / 600 + 0.1 * (8 - 6.2) / 3)
    assert d.band == ok.band(d.score)
    assert r.contributions()["revenue"][SALES] == pytest.approx(0.7 * 0.85)
    assert sorted(x.rank for x in r.departments) == [1, 2, 3, 4, 5]


def test_scoring_policy_applies(plan):
    """Clamped keeps each KPI score ≤ 1; the file's cap (1.2) lets over-achievement count."""
    capped = {k.id: k.score for k in plan.score().kpis}
    clamped = {k.id: k.score for k in plan.score(policy="clamped").kpis}
    assert capped["response_time"] == pytest.approx(1.2)
    assert clamped["response_time"] == 1.0
    assert max(clamped.values()) <= 1.0


def test_payout_at_actuals(plan):
    """Each department's bonus is read off the payout curve at its score."""
    for d in plan.score().departments:
        assert d.payout == pytest.approx(plan.payout(d.score))


def test_result_renders(plan):
    """CascadeResult has a plain repr, small HTML, a dict and a frame."""
    r = plan.score()
    assert repr(r).startswith("CascadeResult")
    assert "<table" in r._repr_html_()
    d = r.to_dict()
    assert d["funnel"][3]["value"] == 4000 and set(d["funnel"][3]["explain"]) == {"en", "vi"}
    assert len(r.to_frame()) == sum(len(x.contributions) for x in r.departments)
    assert "4,000" in repr(plan.funnel())


def test_html_escapes_user_text(data):
    """Department names are escaped in HTML."""
    data["departments"][0]["name"] = "<b>Sales</b>"
    for s in data["schemes"].values():
        s.pop("Kinh doanh", None)
    html = cascade_from_data(data).score()._repr_html_()
    assert "<b>Sales</b>" not in html and "&lt;b&gt;Sales&lt;/b&gt;" in html


def test_cascade_entry_points(plan, tmp_path):
    """ok.cascade takes a Cascade, a path, data, None, or a goal with to= and kpis=."""
    assert ok.cascade().company == pytest.approx(plan.score().company)
    assert ok.cascade(ok.sample_path("cascade.yaml")).company == pytest.approx(plan.score().company)
    import okrkit.cascade  # noqa: F401  -- the submodule shadows the name; calling it still works
    assert ok.cascade(plan).funnel["deals"].value == 600
    r = ok.cascade(3e9, to=[ok.Department("Kinh doanh", (("revenue", 1.0),))],
                   kpis=[ok.KPI("revenue", "Doanh thu", target=3e9, actual=3e9, owner="Kinh doanh")],
                   funnel={"amounts": {"deal_size": "20 triệu"},
                           "stages": [{"id": "deals", "from": "revenue", "divide_by": "deal_size"}]})
    assert r.funnel["deals"].value == 150 and r.department("Kinh doanh").score == 1.0
    with pytest.raises(InputError, match="to="):
        ok.cascade(3e9)


def test_actuals_override(plan):
    """actuals= re-scores without touching the plan."""
    r = plan.score(actuals={"revenue": 12e9})
    assert r.department(SALES).contributions[0][2] == 1.0
    assert plan.kpi("revenue").actual == 10.2e9


def test_import_okrkit_stays_cheap():
    """import okrkit loads neither the cascade, the simulator, NumPy nor Altair."""
    code = ("import sys, okrkit; mods = set(sys.modules); "
            "print(sorted(m for m in ('numpy', 'altair', 'okrkit.simulate', 'okrkit.cascade', 'pandas') if m in mods))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_i18n_keys_have_both_languages():
    """Every cascade message exists in en and vi."""
    for key in i18n.keys():
        if key.startswith(("cascade.", "payout.")):
            assert set(i18n.both(key, **_fields())) == {"en", "vi"}


def _fields():
    return {k: "x" for k in ("name", "value", "unit", "owner", "share", "total", "exact", "policy", "score",
                             "payout", "threshold", "target", "excellence", "tp", "gp", "ep", "cap")}


# ---------------------------------------------------------------- bad input

def _err(data, exc=InputError):
    with pytest.raises(exc) as info:
        cascade_from_data(data, file="c.yaml")
    assert "\n" not in str(info.value) and info.value.file == "c.yaml"
    return info.value


def test_weights_must_sum_to_one(data):
    """A row that sums to 0.90 is refused with a hint to normalise."""
    data["departments"][0]["weights"]["revenue"] = 0.6
    err = _err(data, WeightError)
    assert str(err).endswith("Weights for 'Kinh doanh' sum to 0.90, not 1.00 — raise or lower one weight, "
                             "or call ok.normalize(weights) (in a file: normalize: true)")
    assert err.where == "departments[0].weights"


def test_normalize_true_rescales_and_reports(data):
    """With normalize: true a row is rescaled and the result says so."""
    data["normalize"] = True
    data["departments"][0]["weights"] = {"revenue": 7, "new_customers": 2, "churn": 1}
    plan = cascade_from_data(data)
    assert plan.weights().row(SALES) == pytest.approx({"revenue": 0.7, "new_customers": 0.2, "churn": 0.1})
    assert plan.normalized == (("Kinh doanh", 10.0),)
    assert "renormalised" in "\n".join(plan.score().lines("en"))


@pytest.mark.parametrize("value, words", [(-0.1, "negative"), (None, "missing")], ids=["negative", "missing"])
def test_bad_weight(data, value, words):
    """A negative or missing weight names the KPI and department."""
    data["departments"][1]["weights"]["revenue"] = value
    err = _err(data, WeightError)
    assert words in err.what and "Marketing" in err.what and err.where.endswith("revenue")


def test_weights_sum_to_zero(data):
    """All-zero weights are refused."""
    data["departments"][2]["weights"] = {k: 0 for k in data["departments"][2]["weights"]}
    data["normalize"] = True
    assert "sum to 0" in _err(data, WeightError).what


def test_department_without_weights(data):
    """A department with no weights at all is refused."""
    data["departments"][2]["weights"] = {}
    assert "no weights" in _err(data, WeightError).what


@pytest.mark.parametrize("value", [0, 1.5, "120%", -0.2], ids=["zero", "above-one", "percent-above", "negative"])
def test_rate_outside_unit_interval(data, value):
    """Rates must lie in (0, 1]."""
    data["funnel"]["rates"]["win_rate"] = value
    err = _err(data, RateError)
    assert "outside (0, 1]" in err.what and err.where == "funnel.rates.win_rate"


def test_kpi_without_owner(data):
    """Every KPI needs an owner."""
    del data["kpis"][2]["owner"]
    err = _err(data)
    assert "no owner" in err.what and err.where == "kpis[2].owner"


def test_funnel_cycle(data):
    """A cycle in the funnel is refused and shown."""
    data["funnel"]["stages"][1]["from"] = "leads"
    err = _err(data)
    assert "cycle" in err.what and "opportunities → leads → opportunities" in err.what


def test_unknown_stage_source_and_parameter(data):
    """A stage from nowhere, or using an unknown parameter, is refused."""
    bad = copy.deepcopy(data)
    bad["funnel"]["stages"][0]["from"] = "profit"
    assert "neither the goal nor a stage" in _err(bad).what
    data["funnel"]["stages"][0]["divide_by"] = "deal_value"
    assert "not a rate or an amount" in _err(data).what


def test_unknown_kpi_in_weights_suggests(data):
    """A typo in a weight's KPI id gets a did-you-mean hint."""
    data["departments"][0]["weights"]["revenu"] = data["departments"][0]["weights"].pop("revenue")
    assert "did you mean 'revenue'" in _err(data).hint


def test_unknown_field(data):
    """Unknown fields are refused with a suggestion."""
    data["goals"] = data.pop("goal")
    assert "goal" in (_err(data).hint or "")


def test_scheme_overrides_above_one(data):
    """A scheme whose overrides exceed 1 is a weight error found at load time."""
    data["schemes"]["bad"] = {SALES: {"revenue": 0.8, "churn": 0.4}}
    assert "more than 1.00" in _err(data, WeightError).what


def test_cliff_needs_asking(data):
    """A threshold payout above 0 is a cliff: refused unless cliff: true."""
    data["payout"]["threshold_payout"] = 0.5
    assert "cliff" in _err(data).what
    data["payout"]["cliff"] = True
    assert cascade_from_data(data).payout(0.7) == 0.5


def test_load_cascade_file_errors(tmp_path):
    """Missing files, wrong suffixes and bad YAML are one clear line."""
    with pytest.raises(InputError, match="file not found"):
        ok.load_cascade(tmp_path / "none.yaml")
    with pytest.raises(InputError, match="unsupported"):
        ok.load_cascade(tmp_path / "c.csv")
    bad = tmp_path / "bad.yaml"
    bad.write_text("goal: [1,\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML"):
        ok.load_cascade(bad)


def test_json_cascade(tmp_path, data):
    """A cascade can be JSON too."""
    import json

    path = tmp_path / "c.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert ok.load_cascade(path).funnel()["leads"].value == 4000


# ---------------------------------------------------------------- schemes

def test_scheme_rescales_the_rest(plan):
    """Overriding revenue to 0.5 for Sales lets its other KPIs share the remaining 0.5 in proportion."""
    row = plan.weights("50/40").row(SALES)
    assert row["revenue"] == 0.5
    assert row["new_customers"] == pytest.approx(0.5 * 2 / 3) and row["churn"] == pytest.approx(0.5 / 3)
    zero = plan.weights("90/0").row(MKT)
    assert zero["revenue"] == 0 and sum(zero.values()) == pytest.approx(1)


def test_unknown_scheme(plan):
    """Asking for a scheme that is not in the file names the ones that are."""
    with pytest.raises(InputError, match="70/20"):
        plan.weights("60/30")


# ---------------------------------------------------------------- normalize and allocate

def test_normalize_examples():
    """normalize rescales dicts and departments, and refuses bad weights."""
    assert ok.normalize({"a": 1, "b": 3}) == {"a": 0.25, "b": 0.75}
    d = ok.normalize(ok.Department("X", (("a", 2.0), ("b", 2.0))))
    assert d.weight_map == {"a": 0.5, "b": 0.5}
    with pytest.raises(WeightError, match="sum to 0"):
        ok.normalize({"a": 0, "b": 0})
    with pytest.raises(WeightError, match="negative"):
        ok.normalize({"a": -1, "b": 2})


def test_allocate_examples():
    """Largest remainder: 100 in three equal parts is 34/33/33; by actuals follows last period."""
    a = ok.allocate(100, shares={"Hà Nội": 1, "TP.HCM": 1, "Đà Nẵng": 1})
    assert a.values() == {"Hà Nội": 34, "TP.HCM": 33, "Đà Nẵng": 33}
    b = ok.allocate(12e9, by_actuals={"Miền Bắc": 4.1e9, "Miền Nam": 5.3e9, "Miền Trung": 1.2e9}, unit=1e6)
    assert sum(b.values().values()) == 12e9 and all(v % 1e6 == 0 for v in b.values().values())
    assert b.method == "actuals" and len(b.explain("vi")) == 4
    assert "Allocation(" in repr(a) and "<table" in a._repr_html_() and len(a.to_frame()) == 3


@pytest.mark.parametrize("kwargs, words", [
    ({}, "either"), ({"shares": {"a": 1}, "by_actuals": {"a": 1}}, "either"),
    ({"shares": {"a": -1, "b": 2}}, "negative"), ({"shares": {"a": 0}}, "sum to 0"),
    ({"shares": {"a": 1}, "unit": 7}, "whole number of units"),
    ({"shares": {"a": 1}, "total": -5}, "cannot allocate"),
], ids=["none", "both", "negative", "zero", "unit", "negative-total"])
def test_allocate_bad_input(kwargs, words):
    """Bad allocation requests are one clear error."""
    total = kwargs.pop("total", 100)
    with pytest.raises(InputError, match=words):
        ok.allocate(total, **kwargs)


# ---------------------------------------------------------------- properties

weights_st = st.dictionaries(st.sampled_from(["revenue", "leads", "churn", "uptime", "nps", "hires"]),
                             st.floats(0, 1000, allow_nan=False), min_size=1)


@given(weights_st)
def test_normalized_weights_sum_to_one(w):
    """After normalising, a department's weights sum to 1."""
    assume(sum(w.values()) > 1e-6)
    assert math.isclose(sum(ok.normalize(w).values()), 1.0, rel_tol=1e-9)


@given(weights_st, st.floats(1e-3, 1e6))
def test_scaling_weights_changes_nothing(w, factor):
    """Scaling every weight by the same factor changes nothing after normalising."""
    assume(sum(w.values()) > 1e-3)
    a, b = ok.normalize(w), ok.normalize({k: v * factor for k, v in w.items()})
    assert all(math.isclose(a[k], b[k], rel_tol=1e-9, abs_tol=1e-12) for k in a)


@settings(max_examples=60, deadline=None)
@given(kpi=st.sampled_from(["revenue", "new_customers", "quality_leads", "churn", "response_time", "uptime"]),
       lo=st.floats(0, 2), hi=st.floats(0, 2), policy=st.sampled_from(["clamped", "uncapped", None]))
def test_score_monotone_in_achievement(plan, kpi, lo, hi, policy):
    """A department's score never falls when one KPI's achievement rises."""
    lo, hi = sorted((lo, hi))
    k = plan.kpi(kpi)

    def actual(a):  # achievement a → actual value, in the KPI's direction
        if k.direction == "decrease":
            base = k.baseline if k.baseline is not None else k.target * 2
            return base - a * (base - k.target)
        start = k.baseline or 0.0
        return start + a * (k.target - start)

    r_lo = plan.score(actuals={kpi: actual(lo)}, policy=policy)
    r_hi = plan.score(actuals={kpi: actual(hi)}, policy=policy)
    for a, b in zip(r_lo.departments, r_hi.departments):
        assert b.score >= a.score - 1e-12


@given(total=st.integers(0, 10**9), parts=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=12),
       unit=st.sampled_from([1, 10, 1000]))
def test_allocation_total_is_exact(total, parts, unit):
    """Allocated parts are whole units and add up to the total exactly."""
    assume(sum(parts) > 1e-6)
    total -= total % unit
    a = ok.allocate(total, shares={f"p{i}": p for i, p in enumerate(parts)}, unit=unit)
    values = list(a.values().values())
    assert sum(values) == total
    assert all(v % unit == 0 and v >= 0 for v in values)
    exact = dict(a.exact)
    assert all(abs(v - exact[n]) < unit + 1e-6 * max(1, total) for n, v in a.values().items())


@given(st.dictionaries(st.sampled_from(["revenue", "new_customers", "churn"]), st.floats(0, 1), min_size=1))
def test_schemes_keep_rows_summing_to_one(plan, over):
    """Any scheme that can apply keeps each department's weights summing to 1."""
    assume(sum(over.values()) <= 1)
    carried = {k for k, w in plan.weights().row(SALES).items() if w > 0}
    # it can apply when the overrides sum to 1, or a KPI Sales carries is left to take the rest
    assume(abs(sum(over.values()) - 1) <= 1e-6 or carried - set(over))
    m = apply_scheme(plan.weights(), ok.Scheme("x", {SALES: over}))
    assert math.isclose(sum(m.row(SALES).values()), 1.0, rel_tol=1e-9)


def test_check_weights_accepts_integers():
    """Integer weights are fine when they sum to 1."""
    assert check_weights({"a": 1, "b": 0}) == {"a": 1.0, "b": 0.0}


def test_cascade_is_frozen(plan):
    """A cascade is a frozen value object."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.period = "2026-Q2"  # type: ignore[misc]
    assert isinstance(plan, Cascade)


def test_readme_example_loads():
    """The example in the README's 'Cascade file format' section is a valid cascade."""
    import re

    readme = (ok.DATA.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Cascade file format", 1)[1]
    example = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1))
    plan = cascade_from_data(example)
    assert plan.funnel()["leads"].value == 4000
    assert plan.weights("90/0").row(MKT)["revenue"] == 0


def test_department_score_explains_itself(plan):
    """A department's score reads as its weighted sum, in en and vi, with KPI names and each language's decimals."""
    d = plan.score().department(SALES)
    assert d.explain("en").startswith("Sales = 0.70 × 0.85 (Revenue) + 0.20 × 0.72 (New paying customers)")
    vi = d.explain("vi")
    assert vi.startswith("Kinh doanh = 0,70 × 0,85 (Doanh thu) + 0,20 × 0,72 (Khách hàng trả phí mới)")
    assert "thưởng" in vi and f"{d.score:.2f}".replace(".", ",") in vi and "new_customers" not in vi


def test_bad_actuals(plan):
    """Unknown KPI ids or non-numbers in actuals= are one clear error; NumPy numbers are fine."""
    import numpy as np

    with pytest.raises(InputError, match="no KPI with id 'revenu'"):
        plan.score(actuals={"revenu": 1})
    with pytest.raises(InputError, match="not a number"):
        plan.score(actuals={"revenue": "nhiều"})
    assert plan.score(actuals={"revenue": np.int64(12_000_000_000)}).kpis[0].score == 1.0


def test_cascade_renders_in_a_notebook(plan):
    """A cascade shows its funnel and weights as HTML."""
    page = plan._repr_html_()
    assert "okrkit-funnel" in page and "okrkit-weights" in page
    assert repr(plan).startswith("Cascade(Công ty Phần mềm Sao Mai 2026-Q1")


def test_money_stage_and_multiply(data):
    """round: none keeps money exact; multiply_by multiplies; both explain themselves."""
    data["funnel"]["amounts"]["bonus_rate_vnd"] = 0.5
    data["funnel"]["stages"].append({"id": "revenue_per_rep", "name": "Doanh thu mỗi nhân viên", "from": "revenue",
                                     "divide_by": "deals_per_rep", "multiply_by": "bonus_rate_vnd", "round": "none",
                                     "unit": "VND", "owner": "Kinh doanh"})
    t = cascade_from_data(data).funnel()["revenue_per_rep"]
    assert t.value == pytest.approx(12e9 / 28 * 0.5) and not t.rounded
    assert t.formula == "revenue_per_rep = revenue ÷ deals_per_rep × bonus_rate_vnd"
    assert "⌈" not in t.explain("en") and "× 0.5" in t.explain("en")


def test_stage_order_follows_sources(data):
    """Stages may be listed in any order; each is computed after its source."""
    data["funnel"]["stages"].reverse()
    f = cascade_from_data(data).funnel()
    ids = [t.id for t in f]
    assert ids.index("deals") < ids.index("opportunities") < ids.index("leads") < ids.index("traffic")
    assert f["leads"].value == 4000


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(st.floats(0.01, 100), min_size=3, max_size=3), min_size=5, max_size=5),
       factor=st.floats(0.01, 1000))
def test_file_normalize_sums_and_scale_invariance(rows, factor):
    """With normalize: true every row sums to 1, and scaling every weight changes no score."""
    base = yaml.safe_load(ok.sample_path("cascade.yaml").read_text(encoding="utf-8"))
    base["normalize"] = True
    base.pop("schemes")

    def build(scale):
        data = copy.deepcopy(base)
        for dept, row in zip(data["departments"], rows):
            dept["weights"] = {k: w * scale for k, w in zip(dept["weights"], row)}
        return cascade_from_data(data)

    a, b = build(1.0), build(factor)
    for d in a.weights().departments:
        assert math.isclose(sum(a.weights().row(d).values()), 1.0, rel_tol=1e-9)
    for x, y in zip(a.score().departments, b.score().departments):
        assert math.isclose(x.score, y.score, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("change, exc", [({"rates": {"win_rate": 1.5}}, RateError),
                                          ({"rates": {"win_rate": 0}}, RateError),
                                          ({"amounts": {"deal_size": -1}}, InputError)], ids=["high", "zero", "amount"])
def test_changed_plan_is_checked(plan, change, exc):
    """A plan changed in Python (dataclasses.replace) is checked when its funnel runs."""
    key, values = next(iter(change.items()))
    bad = dataclasses.replace(plan, **{key: {**getattr(plan, key), **values}})
    with pytest.raises(exc):
        bad.funnel()
