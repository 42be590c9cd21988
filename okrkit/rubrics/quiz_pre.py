"""Rubric of the pre-course quiz: ten questions on the course's skills, one point each (see :mod:`.quizzes`).

>>> from okrkit.rubrics.quiz_pre import RUBRIC
>>> RUBRIC.max_score
10.0
>>> RUBRIC.grade({"funnel_leads": "2.000"}).score
1.0
>>> RUBRIC.grade({"funnel_leads": "800"}, lang="en").checks[4].feedback
'Leads worked back from a revenue goal — Not yet: work backwards one step at a time: revenue ÷ deal size, then ÷ win rate, then ÷ the lead-to-opportunity rate.'
"""

from __future__ import annotations

from .quizzes import PRE, choices, rubric

__all__ = ["QUESTIONS", "RUBRIC", "choices"]

QUESTIONS: tuple[dict, ...] = PRE
KEY: dict[str, str] = {
    "outcome_kr": "65b9250aa65998f1",
    "kr_rewrite": "c9af78f396fad3b6",
    "score_meaning": "091e52d718275c05",
    "okr_type": "b9a07ec855bf5d09",
    "funnel_leads": "e0f8911f4a256006",
    "funnel_change": "2122db0d7bedf2d8",
    "weight_missing": "2da37f896501fe5f",
    "shared_weights": "2bae70465394104b",
    "bsc": "c46afdc47bb3d61e",
    "ppp": "eb6f128c2f7f87c6",
}
RUBRIC = rubric("quiz_pre", QUESTIONS, KEY)
