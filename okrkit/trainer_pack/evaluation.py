"""The pack's evaluation page: learning gain per participant and for the class, and the survey's summary.

What the page shows comes from :mod:`okrkit.evaluation`; this module only writes it the language's way.
An unknown result (a quiz not taken, or one that could not be graded) is written as "unknown" with its
reason, never as 0, and never enters the class's figures.
"""

from __future__ import annotations

from pathlib import Path

from .. import evaluation, i18n

UNKNOWN = {"missing": {"vi": "chưa biết (chưa làm bài)", "en": "unknown (not taken)"},
           "error": {"vi": "chưa biết (bài lỗi khi chạy)", "en": "unknown (the notebook raised)"},
           "timeout": {"vi": "chưa biết (quá thời gian)", "en": "unknown (timed out)"},
           "invalid-answers": {"vi": "chưa biết (câu trả lời không đọc được)", "en": "unknown (answers unreadable)"}}
UNKNOWN_ANY = {"vi": "chưa biết", "en": "unknown"}


def _unknown(status: str, lang: str) -> str:
    return UNKNOWN.get(status, UNKNOWN_ANY)[lang]


def _points(value: float | None, lang: str) -> str:
    """A gain in percentage points, signed: +30 / −5 (``None``: unknown)."""
    if value is None:
        return UNKNOWN_ANY[lang]
    text = i18n.number(abs(value), lang, max_decimals=1)
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{text} {'điểm %' if lang == 'vi' else 'pts'}"


def _share(value: float | None, lang: str) -> str:
    return UNKNOWN_ANY[lang] if value is None else i18n.number(value, lang, decimals=2)


def _percent(value: float | None, status: str, lang: str) -> str:
    return _unknown(status, lang) if value is None else i18n.percent(value / 100, lang)


def view(grades: str | Path, lang: str) -> dict:
    """Everything the evaluation page shows, as text in ``lang``."""
    from ..rubrics.survey import LIKERT, OPEN

    people = evaluation.people(grades)
    taken = evaluation.took_quizzes(grades)
    rows = [{"name": p.name, "pre": _percent(p.pre, p.pre_status, lang), "post": _percent(p.post, p.post_status, lang),
             "pre_known": p.pre is not None, "post_known": p.post is not None,
             "gain": _points(p.gain, lang), "g": _share(p.normalised_gain, lang), "known": p.gain is not None}
            for p in people]
    c = evaluation.class_gain(people)
    whole = {"pairs": c.pairs, "people": len(people),
             "pre": i18n.percent(c.mean_pre / 100, lang) if c.mean_pre is not None else UNKNOWN_ANY[lang],
             "post": i18n.percent(c.mean_post / 100, lang) if c.mean_post is not None else UNKNOWN_ANY[lang],
             "gain": _points(c.mean_gain, lang), "g": _share(c.normalised_gain, lang),
             "only_pre": c.only_pre, "only_post": c.only_post, "neither": c.neither}
    s = evaluation.survey_summary(grades)
    statements = []
    for qid, text in LIKERT:
        counts = s.ratings.get(qid, [0] * 5)
        n = sum(counts)
        mean = s.mean(qid)
        statements.append({"text": text[lang], "n": n,
                           "mean": i18n.number(mean, lang, decimals=1) if mean is not None else "–",
                           "bars": [{"rating": i + 1, "count": k, "width": round(100 * k / n) if n else 0}
                                    for i, k in enumerate(counts)]})
    open_answers = [{"text": text[lang], "answers": s.open.get(qid, [])} for qid, text in OPEN]
    neither = [r["name"] for r in rows if not r["pre_known"] and not r["post_known"]]
    return {"taken": taken, "rows": rows, "neither": neither, "whole": whole, "survey": {"respondents": s.respondents,
                                                                     "statements": statements, "open": open_answers}}
