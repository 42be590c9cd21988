"""Rubric of the post-course quiz: the pre-course quiz's skills asked again with new cases (see :mod:`.quizzes`).

>>> from okrkit.rubrics.quiz_post import RUBRIC
>>> RUBRIC.max_score
10.0
>>> RUBRIC.grade({"weight_missing": "0,3"}).score, RUBRIC.grade({"weight_missing": "30%"}).score
(1.0, 1.0)
"""

from __future__ import annotations

from .quizzes import POST, choices, rubric

__all__ = ["QUESTIONS", "RUBRIC", "choices"]

QUESTIONS: tuple[dict, ...] = POST
KEY: dict[str, str] = {
    "outcome_kr": "5b3b791748a6280e",
    "kr_rewrite": "7bcda6370ba2c8f2",
    "score_meaning": "f7e975fbfe09b896",
    "okr_type": "80b90a7a796a9edf",
    "funnel_leads": "70b3260abf56a28b",
    "funnel_change": "4620b0e6562992d9",
    "weight_missing": "a2aeee6403f5affa",
    "shared_weights": "f753b52c55bf397a",
    "bsc": "a5edd19e9b8774d7",
    "ppp": "dc69a350db639b27",
}
RUBRIC = rubric("quiz_post", QUESTIONS, KEY)
