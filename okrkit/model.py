"""The course's objects: objectives, key results, KPIs and departments.

Value objects are frozen dataclasses that do as little as possible on
construction; reading and checking files lives in :mod:`okrkit.files`.

Examples
--------
>>> import okrkit as ok
>>> company = ok.sample_company()
>>> company.objectives[0].key_results[0].unit
'VND'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

KR_KINDS = ("increase", "decrease", "stay-above", "stay-below", "milestone")
OKR_TYPES = ("committed", "aspirational")


@dataclass(frozen=True, slots=True)
class KeyResult:
    """A measurable result that shows an objective is being reached.

    ``kind`` says which way is good: ``increase`` (from baseline up to target),
    ``decrease`` (from baseline down to target), ``stay-above`` / ``stay-below``
    (keep a level), ``milestone`` (done or not; ``current`` is 1 when done).
    Only ``id`` and ``text`` are required: participants start with text.
    """

    id: str
    text: str
    kind: str | None = None
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str | None = None
    weight: float | None = None
    confidence: float = 5.0
    due: date | None = None

    def with_current(self, current: float | None) -> KeyResult:
        return dataclasses.replace(self, current=current)


@dataclass(frozen=True, slots=True)
class Objective:
    """A qualitative, ambitious goal with 3–5 key results.

    ``type`` is ``committed`` (expected to be met in full) or ``aspirational``
    (a stretch: about 0.7 counts as success).  ``parent`` is the id of the
    objective this one aligns to.
    """

    id: str
    text: str
    owner: str | None = None
    type: str = "committed"
    parent: str | None = None
    key_results: tuple[KeyResult, ...] = ()


@dataclass(frozen=True, slots=True)
class OKRSet:
    """A period's objectives for an organisation (one OKR file)."""

    objectives: tuple[Objective, ...] = ()
    period: str | None = None
    organization: str | None = None
    source: str | None = field(default=None, compare=False)

    def __iter__(self) -> Iterator[Objective]:
        return iter(self.objectives)

    def __len__(self) -> int:
        return len(self.objectives)

    def objective(self, objective_id: str) -> Objective:
        for obj in self.objectives:
            if obj.id == objective_id:
                return obj
        raise KeyError(objective_id)

    def key_results(self) -> Iterator[tuple[Objective, KeyResult]]:
        for obj in self.objectives:
            for kr in obj.key_results:
                yield obj, kr

    def owners(self) -> list[str]:
        seen: dict[str, None] = {}
        for obj in self.objectives:
            seen.setdefault(obj.owner or "", None)
        return list(seen)


@dataclass(frozen=True, slots=True)
class KPI:
    """A key performance indicator: a number tied to a business goal.

    ``direction`` is ``increase`` (more is better) or ``decrease``;
    ``owner`` is the department accountable for it.
    """

    id: str
    name: str
    unit: str | None = None
    target: float | None = None
    actual: float | None = None
    baseline: float | None = None
    direction: str = "increase"
    owner: str | None = None
    stage: str | None = None          # funnel stage or BSC perspective


@dataclass(frozen=True, slots=True)
class Department:
    """A department and the weight each KPI carries in its score."""

    name: str
    weights: tuple[tuple[str, float], ...] = ()

    @property
    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)
