"""Scoring: key-result progress, objective scores, grade bands, expectations.

The policy is explicit.  :data:`CLAMPED` (the default) keeps every progress
in 0–1; :data:`UNCAPPED` lets over-achievement count above 1 (never below 0);
a policy can also set a ``threshold`` below which progress counts as 0.

Examples
--------
>>> import okrkit as ok
>>> kr = ok.KeyResult("KR1", "Doanh thu 800 triệu", baseline=500e6, target=800e6, current=650e6)
>>> ok.progress(kr)
0.5
>>> ok.band(0.72)
'green'
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import i18n
from .errors import InputError
from .model import KeyResult, Objective, OKRSet


@dataclass(frozen=True, slots=True)
class ScoringPolicy:
    """How raw achievement becomes a score.

    ``cap``: highest score (``None`` = uncapped); ``floor``: lowest score;
    ``threshold``: progress below it scores ``floor`` (an MBO gate).
    """

    name: str = "clamped"
    cap: float | None = 1.0
    floor: float = 0.0
    threshold: float | None = None

    def apply(self, raw: float) -> float:
        if self.threshold is not None and raw < self.threshold:
            return self.floor
        value = max(self.floor, raw)
        return value if self.cap is None else min(self.cap, value)


CLAMPED = ScoringPolicy("clamped")
UNCAPPED = ScoringPolicy("uncapped", cap=None)
POLICIES = {"clamped": CLAMPED, "uncapped": UNCAPPED}


def get_policy(policy: str | ScoringPolicy | None) -> ScoringPolicy:
    if policy is None:
        return CLAMPED
    if isinstance(policy, ScoringPolicy):
        return policy
    try:
        return POLICIES[policy]
    except KeyError:
        raise InputError(f"unknown scoring policy {policy!r}", where="policy",
                         hint="use 'clamped' (0–1) or 'uncapped'") from None


def kind_of(kr: KeyResult) -> str:
    """The KR's kind: as written, else from baseline and target, else from its words."""
    if kr.kind:
        return kr.kind
    if kr.baseline is not None and kr.target is not None and kr.target < kr.baseline:
        return "decrease"
    from .quantity import direction_hint  # text cues such as "giảm", "reduce", "dưới"

    return direction_hint(kr.text) or "increase"


def raw_progress(kind: str, *, baseline: float | None, target: float | None,
                 current: float | None) -> float | None:
    """Unclamped progress of one measure, or ``None`` when it cannot be scored yet."""
    if current is None:
        return None
    if kind == "milestone":
        return 1.0 if current >= 1 else 0.0
    if target is None:
        return None
    if kind == "stay-above":
        return 1.0 if current >= target else 0.0
    if kind == "stay-below":
        return 1.0 if current <= target else 0.0
    if kind == "decrease":
        if baseline is not None and baseline != target:
            return (baseline - current) / (baseline - target)
        if current <= 0:
            return 1.0
        return target / current if current > target else 1.0 + (target - current) / max(abs(target), 1e-12)
    start = 0.0 if baseline is None else baseline
    if target == start:
        return 1.0 if current >= target else 0.0
    return (current - start) / (target - start)


def progress(kr: KeyResult, *, current: float | None = None,
             policy: str | ScoringPolicy | None = None) -> float | None:
    """Progress of a key result from 0.0 to 1.0 (or above, uncapped).

    Linear from baseline (0 when missing) to target; ``decrease`` runs the
    other way; ``stay-above``/``stay-below`` and ``milestone`` are 1 or 0.
    Returns ``None`` when the KR has no target or no current value yet.
    """
    raw = raw_progress(kind_of(kr), baseline=kr.baseline, target=kr.target,
                       current=kr.current if current is None else current)
    return None if raw is None else get_policy(policy).apply(raw)


# How each band is drawn everywhere (tables, SVG and Altair charts, reports); None: no score.
BAND_COLORS = {"red": "#d9534f", "yellow": "#f0ad4e", "green": "#5cb85c"}


def band(score: float | None) -> str | None:
    """Google-style band: ``red`` (0.0–0.3), ``yellow`` (0.4–0.6), ``green`` (0.7–1.0).

    Scores are read to one decimal, as OKR grades are given.
    """
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    grade = round(score + 1e-9, 1)
    if grade < 0.4:
        return "red"
    if grade < 0.7:
        return "yellow"
    return "green"


EXPECTED = {"committed": 1.0, "aspirational": 0.7}


def weighted_mean(values: Iterable[tuple[float, float | None]]) -> float | None:
    """Mean of ``(score, weight)`` pairs; missing weights share equally what is left."""
    pairs = list(values)
    if not pairs:
        return None
    given = [w for _, w in pairs if w is not None]
    if len(given) == len(pairs) and sum(given) > 0:
        total = sum(given)
        return sum(s * w for s, w in pairs) / total
    return sum(s for s, _ in pairs) / len(pairs)


@dataclass(frozen=True)
class KRScore:
    objective_id: str
    kr_id: str
    text: str
    kind: str
    progress: float | None
    weight: float | None


@dataclass(frozen=True)
class ObjectiveScore:
    id: str
    text: str
    owner: str | None
    type: str
    score: float | None
    band: str | None
    expected: float
    meets_expectation: bool | None
    key_results: tuple[KRScore, ...] = ()


@dataclass(frozen=True)
class ScoreCard:
    """Scores of every objective in an OKR set, with bands and expectations."""

    objectives: tuple[ObjectiveScore, ...]
    policy: str = "clamped"
    period: str | None = None
    organization: str | None = None
    lang: str = field(default="en", compare=False)

    def by_owner(self) -> dict[str, float | None]:
        """Mean objective score per owner (equal weight per objective)."""
        owners: dict[str, list[float]] = {}
        for o in self.objectives:
            if o.score is not None:
                owners.setdefault(o.owner or "", []).append(o.score)
        return {k: sum(v) / len(v) for k, v in owners.items()}

    def to_dict(self) -> dict:
        return {
            "period": self.period, "organization": self.organization, "policy": self.policy,
            "objectives": [{
                "id": o.id, "text": o.text, "owner": o.owner, "type": o.type,
                "score": o.score, "band": o.band, "expected": o.expected,
                "meets_expectation": o.meets_expectation,
                "key_results": [{"id": k.kr_id, "text": k.text, "kind": k.kind,
                                 "progress": k.progress, "weight": k.weight} for k in o.key_results],
            } for o in self.objectives],
        }

    def lines(self, lang: str | None = None) -> list[str]:
        lang = i18n.get_lang(lang or self.lang)
        out = []
        for o in self.objectives:
            grade = "  —  " if o.score is None else f"{o.score:4.2f}"
            band_text = i18n.t(f"band.{o.band}", lang) if o.band else ""
            verdict = ""
            if o.meets_expectation is not None:
                verdict = i18n.t("score.meets" if o.meets_expectation else "score.below", lang,
                                 expected=f"{o.expected:.1f}", type=i18n.t(f"type.{o.type}", lang))
            out.append(f"{o.id:<5} {grade}  {band_text:<6} [{o.owner or '-'}] {o.text}  {verdict}".rstrip())
            for k in o.key_results:
                p = "  —  " if k.progress is None else f"{k.progress:4.2f}"
                out.append(f"   {k.kr_id:<9} {p}  {k.text}")
        return out

    def __repr__(self) -> str:
        head = f"ScoreCard({self.organization or ''} {self.period or ''}, policy={self.policy})".replace("( ", "(")
        return "\n".join([head, *self.lines()])

    def _repr_html_(self) -> str:
        colors = {**BAND_COLORS, None: "#999"}
        rows = []
        for o in self.objectives:
            score = "—" if o.score is None else f"{o.score:.2f}"
            rows.append(f"<tr><td><b>{html.escape(o.id)}</b></td><td>{html.escape(o.text)}</td>"
                        f"<td>{html.escape(o.owner or '')}</td>"
                        f"<td style='background:{colors[o.band]};color:white;text-align:center'>{score}</td></tr>")
            for k in o.key_results:
                p = "—" if k.progress is None else f"{k.progress:.2f}"
                rows.append(f"<tr><td style='padding-left:1.5em'>{html.escape(k.kr_id)}</td>"
                            f"<td style='padding-left:1.5em'>{html.escape(k.text)}</td><td></td>"
                            f"<td style='text-align:center'>{p}</td></tr>")
        return ("<table class='okrkit-scorecard'><thead><tr><th>id</th><th>objective / key result</th>"
                "<th>owner</th><th>score</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def score_objective(obj: Objective, *, policy: str | ScoringPolicy | None = None) -> ObjectiveScore:
    """Score one objective: the weighted mean of its scorable key results."""
    pol = get_policy(policy)
    krs = tuple(KRScore(obj.id, kr.id, kr.text, kind_of(kr), progress(kr, policy=pol), kr.weight)
                for kr in obj.key_results)
    scored = [(k.progress, k.weight) for k in krs if k.progress is not None]
    value = weighted_mean(scored)
    expected = EXPECTED.get(obj.type, 1.0)
    meets = None if value is None else value >= expected - 1e-9
    return ObjectiveScore(obj.id, obj.text, obj.owner, obj.type, value, band(value), expected, meets, krs)


def score(okrs: OKRSet | Objective | KeyResult, *, actual: float | None = None,
          policy: str | ScoringPolicy | None = None, lang: str | None = None):
    """Score a whole OKR set (a :class:`ScoreCard`), one objective, or one KR.

    >>> import okrkit as ok
    >>> card = ok.score(ok.sample_company())
    >>> card.objectives[0].band in ("red", "yellow", "green")
    True
    """
    if isinstance(okrs, KeyResult):
        return progress(okrs, current=actual, policy=policy)
    if isinstance(okrs, Objective):
        return score_objective(okrs, policy=policy)
    pol = get_policy(policy)
    return ScoreCard(tuple(score_objective(o, policy=pol) for o in okrs.objectives), pol.name,
                     okrs.period, okrs.organization, lang=i18n.get_lang(lang))


i18n.register({
    "score.meets": {"en": "meets the {type} expectation ({expected})",
                    "vi": "đạt kỳ vọng của OKR {type} ({expected})"},
    "score.below": {"en": "below the {type} expectation ({expected})",
                    "vi": "dưới kỳ vọng của OKR {type} ({expected})"},
})
