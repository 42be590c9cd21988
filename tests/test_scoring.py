"""KR progress, objective scores, bands and expectations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit as ok
from okrkit.model import KeyResult, Objective
from okrkit.scoring import CLAMPED, UNCAPPED, ScoringPolicy, band, progress, score_objective

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize("kr,expected", [
    (KeyResult("a", "Doanh thu 800 triệu", baseline=500e6, target=800e6, current=650e6), 0.5),
    (KeyResult("b", "Churn từ 8% xuống 5%", kind="decrease", baseline=8, target=5, current=6.5), 0.5),
    (KeyResult("c", "Giảm thời gian tuyển từ 45 xuống 30 ngày", baseline=45, target=30, current=36), 0.6),
    (KeyResult("d", "Uptime luôn trên 99.9%", kind="stay-above", target=99.9, current=99.95), 1.0),
    (KeyResult("e", "Uptime luôn trên 99.9%", kind="stay-above", target=99.9, current=99.5), 0.0),
    (KeyResult("f", "Phản hồi dưới 2 giờ", kind="stay-below", target=2, current=1.6), 1.0),
    (KeyResult("g", "Ra mắt bản mới", kind="milestone", current=1), 1.0),
    (KeyResult("h", "Ra mắt bản mới", kind="milestone", current=0), 0.0),
    (KeyResult("i", "Doanh thu 800 triệu", target=800e6, current=1000e6), 1.0),
    (KeyResult("j", "Doanh thu 800 triệu", target=800e6), None),
    (KeyResult("k", "Tổ chức hội thảo"), None),
], ids=list("abcdefghijk"))
def test_progress_by_kind(kr, expected):
    """Each kind of KR scores as the course teaches it."""
    assert progress(kr) == pytest.approx(expected) if expected is not None else progress(kr) is None


def test_uncapped_counts_overachievement():
    """Uncapped scoring lets 125% of target count as 1.25; clamped stops at 1.0."""
    kr = KeyResult("a", "x", baseline=0, target=800, current=1000)
    assert progress(kr, policy=UNCAPPED) == pytest.approx(1.25)
    assert progress(kr, policy=CLAMPED) == 1.0


def test_threshold_policy_gates_low_progress():
    """Below an MBO threshold the progress counts as the floor."""
    pol = ScoringPolicy("gate", threshold=0.5)
    assert progress(KeyResult("a", "x", target=100, current=40), policy=pol) == 0.0
    assert progress(KeyResult("a", "x", target=100, current=60), policy=pol) == pytest.approx(0.6)


def test_unknown_policy_is_a_clear_error():
    """A misspelt policy name says which names exist."""
    with pytest.raises(ok.InputError, match="clamped"):
        progress(KeyResult("a", "x", target=1, current=1), policy="capped")


@pytest.mark.parametrize("value,expected", [
    (0.0, "red"), (0.3, "red"), (0.34, "red"), (0.35, "yellow"), (0.4, "yellow"), (0.6, "yellow"),
    (0.64, "yellow"), (0.65, "green"), (0.7, "green"), (1.0, "green"), (1.3, "green"), (None, None)])
def test_bands_read_to_one_decimal(value, expected):
    """Bands follow the 0.0–0.3 / 0.4–0.6 / 0.7–1.0 grades, rounding to one decimal."""
    assert band(value) == expected


def test_expectation_committed_vs_aspirational():
    """Committed objectives are expected at 1.0, aspirational ones at about 0.7."""
    krs = (KeyResult("k", "x", target=10, current=7),)
    assert score_objective(Objective("O", "x", type="aspirational", key_results=krs)).meets_expectation is True
    assert score_objective(Objective("O", "x", type="committed", key_results=krs)).meets_expectation is False


def test_sample_company_scorecard(company):
    """The sample company's scorecard has a score and band for every objective with data."""
    card = ok.score(company)
    assert len(card.objectives) == len(company.objectives)
    assert all(o.band in ("red", "yellow", "green") for o in card.objectives)
    s1 = next(o for o in card.objectives if o.id == "S1")
    assert s1.score == pytest.approx(0.5 * 1100 / 2400 + 0.3 * 26 / 50 + 0.2 * 3 / 6)
    assert "S1" in repr(card) and "<table" in card._repr_html_()
    assert card.to_dict()["objectives"][0]["id"] == "C1"


def test_html_escapes_user_text():
    """Objective text is escaped in HTML, so a <script> is shown, never run."""
    okrs = ok.OKRSet((Objective("O1", "<script>alert(1)</script>", key_results=(KeyResult("K", "<b>x</b>"),)),))
    html = ok.score(okrs)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


@given(base=finite, target=finite, a=finite, b=finite)
def test_progress_monotone_in_current(base, target, a, b):
    """More of a good thing never lowers the score (increase KRs), for any numbers."""
    if base == target:
        return
    lo, hi = sorted((a, b))
    kind = "increase" if target > base else "decrease"
    kr = KeyResult("k", "x", kind=kind, baseline=base, target=target)
    good_lo, good_hi = (lo, hi) if kind == "increase" else (hi, lo)
    assert progress(kr, current=good_lo) <= progress(kr, current=good_hi) + 1e-9


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0.01, 10)), min_size=1, max_size=6),
       st.floats(0.01, 1000))
def test_weight_scaling_changes_nothing(pairs, factor):
    """Multiplying every KR weight by the same factor leaves the objective score unchanged."""
    def objective(scale):
        krs = tuple(KeyResult(f"k{i}", "x", baseline=0, target=1, current=p, weight=w * scale)
                    for i, (p, w) in enumerate(pairs))
        return score_objective(Objective("O", "x", key_results=krs)).score
    assert objective(1) == pytest.approx(objective(factor), abs=1e-9)


@given(st.floats(-5, 5))
def test_clamped_progress_stays_in_unit_interval(current):
    """Clamped progress is always between 0 and 1."""
    p = progress(KeyResult("k", "x", baseline=1, target=3, current=current))
    assert 0.0 <= p <= 1.0
