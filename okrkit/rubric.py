"""Rubrics: named checks with points and feedback, shared by instant feedback and the grader.

Each exercise has a module ``okrkit.rubrics.<exercise_id>`` defining ``RUBRIC``.
The same :class:`Rubric` gives the participant's "Check my answer" button its
feedback and gives the grader its score; the grader calls it in its own process,
so nothing a participant's notebook does can change how it scores.

Examples
--------
>>> r = Rubric("demo", (Check("has-text", 2, lambda a: bool(a.get("text")),
...                           {"en": "Write a text.", "vi": "Hãy viết nội dung."}),))
>>> result = r.grade({"text": ""}, lang="vi")
>>> result.score, result.max_score, result.checks[0].feedback
(0.0, 2.0, 'Hãy viết nội dung.')
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from . import i18n
from .errors import InputError

# A check's test returns True/False, or (passed, detail) where ``detail`` is a
# {"en", "vi"} dict (or plain text) appended to the feedback.
Test = Callable[[dict], Any]


@dataclass(frozen=True)
class Check:
    """One named check worth ``points``, with feedback (en/vi) for when it fails."""

    id: str
    points: float
    test: Test
    feedback: dict[str, str]
    praise: dict[str, str] | None = None
    title: dict[str, str] | None = None  # what the check looks at, shown passed or failed ({"en", "vi"})


@dataclass(frozen=True)
class CheckResult:
    id: str
    passed: bool
    points: float
    earned: float
    feedback: str
    error: str | None = None
    title: str = ""  # the check's title in the result's language; never the id on a participant's screen


@dataclass(frozen=True)
class RubricResult:
    """The outcome of grading one answer."""

    exercise: str
    score: float
    max_score: float
    checks: tuple[CheckResult, ...]
    lang: str = "en"

    @property
    def fraction(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "score": self.score, "max_score": self.max_score,
                "checks": [c.__dict__ for c in self.checks]}

    def __repr__(self) -> str:
        lines = [f"{self.exercise}: {self.score:g} / {self.max_score:g}"]
        for c in self.checks:
            lines.append(f"  [{'x' if c.passed else ' '}] {c.id} ({c.earned:g}/{c.points:g})"
                         + ("" if c.passed and not c.feedback else f" — {c.feedback}"))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<li class='okrkit-check {'passed' if c.passed else 'failed'}'>{'✅' if c.passed else '❌'} "
            f"<b>{html.escape(c.title or c.id)}</b> ({i18n.number(c.earned, self.lang)}/{i18n.number(c.points, self.lang)})"
            f" {html.escape(c.feedback)}</li>"
            for c in self.checks)
        score = f"{i18n.number(self.score, self.lang)} / {i18n.number(self.max_score, self.lang)}"
        return (f"<div class='okrkit-rubric'><b>{html.escape(self.exercise)}: {score}</b>"
                f"<ul>{rows}</ul></div>")


@dataclass(frozen=True)
class Rubric:
    """An exercise's ordered checks."""

    exercise: str
    checks: tuple[Check, ...]

    @property
    def max_score(self) -> float:
        return float(sum(c.points for c in self.checks))

    def grade(self, answer: dict | None, *, lang: str | None = None) -> RubricResult:
        """Run every check on ``answer``; a check that raises counts as failed."""
        lang = i18n.get_lang(lang)
        answer = answer if isinstance(answer, dict) else {}
        results = []
        for check in self.checks:
            error = None
            detail = None
            try:
                outcome = check.test(answer)
                if isinstance(outcome, tuple):
                    outcome, detail = outcome
                passed = bool(outcome)
            except Exception as exc:  # a malformed answer must not crash grading
                passed, error = False, f"{type(exc).__name__}: {exc}"
            if passed:
                text = (check.praise or {}).get(lang, "")
            else:
                text = check.feedback[lang]
            if detail:
                extra = detail.get(lang, "") if isinstance(detail, dict) else str(detail)
                text = f"{text} {extra}".strip()
            title = (check.title or {}).get(lang, "") or check.id
            results.append(CheckResult(check.id, passed, float(check.points),
                                       float(check.points) if passed else 0.0, text, error, title))
        return RubricResult(self.exercise, sum(r.earned for r in results), self.max_score, tuple(results), lang)


def load_rubric(exercise: str) -> Rubric:
    """The rubric of ``exercise`` from ``okrkit.rubrics``."""
    if not exercise.replace("_", "").isalnum():
        raise InputError(f"{exercise!r} is not an exercise id", hint="exercise ids look like ex01_sales_okr")
    try:
        module = import_module(f"okrkit.rubrics.{exercise}")
    except ModuleNotFoundError:
        raise InputError(f"no rubric for exercise {exercise!r}",
                         hint="check the exercise id (see okrkit/rubrics/)") from None
    return module.RUBRIC
