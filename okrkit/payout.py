"""MBO bonus payout curves: threshold, target, excellence point and cap.

A payout curve turns a score (achievement, 1.0 = on target) into a share of
the target bonus.  It is linear between its points and has no cliff unless
asked for: below the threshold it pays nothing, and by default it starts from
0 at the threshold so one extra lead never doubles a bonus.

Examples
--------
>>> from okrkit.payout import PayoutCurve
>>> curve = PayoutCurve(threshold=0.8, target=1.0, excellence=1.2, excellence_payout=1.5)
>>> [round(curve(s), 2) for s in (0.7, 0.9, 1.0, 1.1, 1.5)]
[0.0, 0.5, 1.0, 1.25, 1.5]
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from . import i18n
from .errors import InputError


@dataclass(frozen=True, slots=True)
class PayoutCurve:
    """A bonus curve: share of the target bonus paid for a score.

    Points are ``(threshold, threshold_payout)``, ``(target, target_payout)``
    and ``(excellence, excellence_payout)``; below the threshold nothing is
    paid; past the excellence point the target→excellence slope continues up
    to ``cap`` (``cap=None`` means ``excellence_payout``: flat after it).
    ``threshold_payout`` above 0 is a cliff and needs ``cliff=True``.
    """

    threshold: float = 0.8
    target: float = 1.0
    excellence: float = 1.2
    threshold_payout: float = 0.0
    target_payout: float = 1.0
    excellence_payout: float = 1.5
    cap: float | None = None
    cliff: bool = False

    def __post_init__(self):
        check_curve(self)

    @property
    def max_payout(self) -> float:
        return self.excellence_payout if self.cap is None else self.cap

    def points(self) -> tuple[tuple[float, float], ...]:
        """The curve's corners as ``(score, payout)`` pairs, for a chart."""
        pts = [(0.0, 0.0), (self.threshold, 0.0)]
        if self.threshold_payout > 0:
            pts.append((self.threshold, self.threshold_payout))
        pts += [(self.target, self.target_payout), (self.excellence, self.excellence_payout)]
        if self.max_payout > self.excellence_payout:
            slope = (self.excellence_payout - self.target_payout) / (self.excellence - self.target)
            pts.append((self.excellence + (self.max_payout - self.excellence_payout) / slope, self.max_payout))
        return tuple(pts)

    def __call__(self, score):
        """Payout for one score (a float) or many (a NumPy array, vectorised)."""
        if hasattr(score, "__array__") and not isinstance(score, float):
            return self._many(score)
        return self._one(float(score))

    def _one(self, s: float) -> float:
        if math.isnan(s):
            return s
        if s < self.threshold:
            return 0.0
        if s <= self.target:
            if self.target == self.threshold:
                return self.target_payout
            frac = (s - self.threshold) / (self.target - self.threshold)
            return self.threshold_payout + frac * (self.target_payout - self.threshold_payout)
        slope = (self.excellence_payout - self.target_payout) / (self.excellence - self.target)
        if s <= self.excellence:
            return self.target_payout + (s - self.target) * slope
        if self.cap is None:
            return self.excellence_payout
        return min(self.cap, self.excellence_payout + (s - self.excellence) * slope)

    def _many(self, score):
        import numpy as np

        s = np.asarray(score, dtype=float)
        slope = (self.excellence_payout - self.target_payout) / (self.excellence - self.target)
        end = self.excellence + (self.max_payout - self.excellence_payout) / slope if slope > 0 else self.excellence
        # target → excellence (→ cap) part, then threshold → target part, in place (big arrays)
        out = np.maximum(s, self.target)
        np.minimum(out, end, out=out)
        out -= self.target
        out *= slope
        out += self.target_payout
        if self.target > self.threshold:
            low = np.maximum(s, self.threshold)
            np.minimum(low, self.target, out=low)
            low -= self.target
            low *= (self.target_payout - self.threshold_payout) / (self.target - self.threshold)
            out += low
        out[s < self.threshold] = 0.0
        return out

    def explain(self, lang: str | None = None) -> str:
        """The curve in one sentence, in the participant's language."""
        return i18n.t("payout.explain", lang, threshold=_pct(self.threshold), target=_pct(self.target),
                      excellence=_pct(self.excellence), tp=_pct(self.threshold_payout),
                      gp=_pct(self.target_payout), ep=_pct(self.excellence_payout), cap=_pct(self.max_payout))

    def to_dict(self) -> dict:
        return {"threshold": self.threshold, "target": self.target, "excellence": self.excellence,
                "threshold_payout": self.threshold_payout, "target_payout": self.target_payout,
                "excellence_payout": self.excellence_payout, "cap": self.cap, "cliff": self.cliff}

    def __repr__(self) -> str:
        return (f"PayoutCurve(threshold={self.threshold:g}, target={self.target:g}, "
                f"excellence={self.excellence:g}, cap={self.max_payout:g})")

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{x:.0%}</td><td>{y:.0%}</td></tr>" for x, y in self.points())
        return (f"<p>{html.escape(self.explain())}</p><table class='okrkit-payout'><thead><tr>"
                f"<th>score</th><th>payout</th></tr></thead><tbody>{rows}</tbody></table>")


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def check_curve(c: PayoutCurve, *, file: str | None = None, where: str = "payout") -> None:
    """Raise :class:`InputError` when the curve's points are out of order or make a cliff."""
    if not (0 <= c.threshold <= c.target < c.excellence):
        raise InputError(f"payout points must rise: threshold {c.threshold:g} ≤ target {c.target:g} "
                         f"< excellence {c.excellence:g}", file=file, where=where,
                         hint="e.g. threshold 0.8, target 1.0, excellence 1.2")
    if not (0 <= c.threshold_payout <= c.target_payout <= c.excellence_payout):
        raise InputError("payouts must not fall as the score rises", file=file, where=where,
                         hint="e.g. threshold_payout 0, target_payout 1.0, excellence_payout 1.5")
    if c.cap is not None and c.cap < c.excellence_payout:
        raise InputError(f"cap {c.cap:g} is below the excellence payout {c.excellence_payout:g}", file=file,
                         where=f"{where}.cap", hint="raise the cap or lower excellence_payout")
    if c.threshold_payout > 0 and not c.cliff:
        raise InputError(f"a threshold payout of {_pct(c.threshold_payout)} makes a cliff at score "
                         f"{c.threshold:g}", file=file, where=f"{where}.threshold_payout",
                         hint="set threshold_payout to 0, or cliff: true if the jump is meant")


i18n.register({
    "payout.explain": {
        "en": "No bonus below a score of {threshold}; from {threshold} ({tp}) to target {target} ({gp}) "
              "and on to excellence {excellence} ({ep}) the bonus rises in straight lines, capped at {cap}.",
        "vi": "Dưới mức điểm {threshold} không có thưởng; từ {threshold} ({tp}) đến mục tiêu {target} ({gp}) "
              "rồi đến mức xuất sắc {excellence} ({ep}) thưởng tăng theo đường thẳng, tối đa {cap}.",
    },
})
