"""Payout curves: threshold, target, excellence, cap; linear, no cliff unless asked for."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit.errors import InputError
from okrkit.payout import PayoutCurve


@pytest.fixture
def curve():
    """The sample company's curve: nothing below 0.7, 100% at 1.0, 150% at 1.2."""
    return PayoutCurve(threshold=0.7, target=1.0, excellence=1.2, excellence_payout=1.5)


def test_points(curve):
    """The curve passes through its corners."""
    assert curve(0.69) == 0.0
    assert curve(0.7) == 0.0
    assert curve(0.85) == pytest.approx(0.5)
    assert curve(1.0) == 1.0
    assert curve(1.2) == pytest.approx(1.5)
    assert curve(2.0) == pytest.approx(1.5)


def test_no_cliff_by_default(curve):
    """Just below and just above the threshold pay almost the same."""
    assert abs(curve(0.7 + 1e-9) - curve(0.7 - 1e-9)) < 1e-6


def test_cap_extends_the_slope():
    """With a cap above the excellence payout, the slope continues up to the cap."""
    c = PayoutCurve(threshold=0.8, target=1.0, excellence=1.2, excellence_payout=1.5, cap=2.0)
    assert c(1.3) == pytest.approx(1.75)
    assert c(5) == 2.0
    assert c.points()[-1] == pytest.approx((1.4, 2.0))


def test_cliff_when_asked():
    """A threshold payout above 0 is allowed with cliff=True and jumps at the threshold."""
    c = PayoutCurve(threshold=0.8, threshold_payout=0.5, cliff=True)
    assert c(0.79) == 0 and c(0.8) == 0.5
    with pytest.raises(InputError, match="cliff"):
        PayoutCurve(threshold=0.8, threshold_payout=0.5)


@pytest.mark.parametrize("kwargs", [
    {"threshold": 1.1}, {"excellence": 1.0}, {"target_payout": 2.0}, {"cap": 1.0}, {"threshold": -0.1},
], ids=["threshold-above-target", "excellence-not-above", "payout-falls", "cap-below", "negative"])
def test_bad_curves(kwargs):
    """Points out of order, falling payouts or a low cap are one clear error."""
    with pytest.raises(InputError):
        PayoutCurve(**kwargs)


@given(st.lists(st.floats(-1, 3, allow_nan=False), min_size=1, max_size=50),
       st.sampled_from([None, 1.8, 3.0]))
def test_vectorised_equals_scalar(scores, cap):
    """The array path gives the same payouts as the one-score path."""
    c = PayoutCurve(threshold=0.6, target=1.0, excellence=1.25, excellence_payout=1.6, cap=cap)
    many = c(np.array(scores))
    assert np.allclose(many, [c(s) for s in scores], atol=1e-12)


@given(st.floats(-1, 3, allow_nan=False), st.floats(-1, 3, allow_nan=False))
def test_monotone(a, b):
    """A higher score never pays less."""
    c = PayoutCurve(cap=2.0)
    lo, hi = sorted((a, b))
    assert c(hi) >= c(lo) - 1e-12


def test_explain_and_render(curve):
    """The curve explains itself in en and vi and renders as a table."""
    assert "70%" in curve.explain("en") and "Dưới" in curve.explain("vi")
    assert repr(curve).startswith("PayoutCurve(") and "<table" in curve._repr_html_()
    assert curve.to_dict()["excellence_payout"] == 1.5
