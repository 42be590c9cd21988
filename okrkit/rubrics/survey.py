"""The post-course survey: five statements rated 1–5 and two open questions, saved like any form.

There is no right answer: the "rubric" only says whether the survey is complete (every statement
rated, both open questions answered), so that the gradebook shows who has filled it in.  The trainer
pack summarises the answers (:func:`okrkit.evaluation.survey_summary`) from the ``survey.csv`` that
``okrkit grade`` writes beside the gradebook.

>>> from okrkit.rubrics.survey import RUBRIC
>>> RUBRIC.grade({"useful": "5", "confident_okr": "4"}, lang="en").checks[0].feedback
'Rate every statement: 2 of 5 rated.'
"""

from __future__ import annotations

from ..rubric import Check, Rubric

SCALE: tuple[tuple[str, dict[str, str]], ...] = (
    ("1", {"en": "1 · strongly disagree", "vi": "1 · hoàn toàn không đồng ý"}),
    ("2", {"en": "2 · disagree", "vi": "2 · không đồng ý"}),
    ("3", {"en": "3 · neither agree nor disagree", "vi": "3 · phân vân"}),
    ("4", {"en": "4 · agree", "vi": "4 · đồng ý"}),
    ("5", {"en": "5 · strongly agree", "vi": "5 · hoàn toàn đồng ý"}),
)

LIKERT: tuple[tuple[str, dict[str, str]], ...] = (
    ("useful", {"en": "What I learnt is useful in my own work.",
                "vi": "Những gì tôi học được có ích cho công việc của tôi."}),
    ("confident_okr", {"en": "I can now write my team's OKRs: outcomes, not activities.",
                       "vi": "Giờ tôi tự viết được OKR cho đội mình: kết quả chứ không phải đầu việc."}),
    ("confident_cascade", {"en": "I can split a shared goal into my department's targets and weights.",
                           "vi": "Tôi chia được mục tiêu chung thành chỉ tiêu và trọng số cho bộ phận mình."}),
    ("pace", {"en": "The pace of the course suited me.", "vi": "Nhịp độ của khóa học phù hợp với tôi."}),
    ("recommend", {"en": "I would recommend this course to a colleague.",
                   "vi": "Tôi sẽ giới thiệu khóa học này cho đồng nghiệp."}),
)
OPEN: tuple[tuple[str, dict[str, str]], ...] = (
    ("most_useful", {"en": "What was most useful to you, and what will you use first?",
                     "vi": "Điều gì có ích nhất với bạn, và bạn sẽ áp dụng điều gì trước tiên?"}),
    ("change", {"en": "What should we change in the course?", "vi": "Chúng tôi nên thay đổi gì trong khóa học?"}),
)
PLACEHOLDER = {"en": "In your own words", "vi": "Viết bằng lời của bạn"}

QUESTIONS: tuple[dict, ...] = tuple(
    [{"id": qid, "text": text, "options": [{"value": v, "label": label} for v, label in SCALE]} for qid, text in LIKERT]
    + [{"id": qid, "text": text, "kind": "text", "placeholder": PLACEHOLDER} for qid, text in OPEN])
LIKERT_IDS: tuple[str, ...] = tuple(q for q, _ in LIKERT)
OPEN_IDS: tuple[str, ...] = tuple(q for q, _ in OPEN)
TEXTS: dict[str, dict[str, str]] = dict(LIKERT + OPEN)


def choices(answer: dict) -> dict:
    """The answer's ``{question id: rating or text}``."""
    got = answer.get("choices", answer) if isinstance(answer, dict) else {}
    return got if isinstance(got, dict) else {}


def rating(value) -> int | None:
    """A statement's rating 1–5 (``None`` when not rated)."""
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return n if 1 <= n <= 5 else None


def _rated(answer):
    got = choices(answer)
    done = sum(rating(got.get(q)) is not None for q in LIKERT_IDS)
    if done == len(LIKERT_IDS):
        return True
    if not done:
        return False, {"en": "Not answered yet.", "vi": "Chưa trả lời."}
    return False, {"en": f"{done} of {len(LIKERT_IDS)} rated.", "vi": f"đã chấm {done}/{len(LIKERT_IDS)} ý."}


def _open(qid):
    def test(answer):
        text = choices(answer).get(qid)
        if isinstance(text, str) and len(text.split()) >= 2:
            return True
        return False, {"en": "Not answered yet.", "vi": "Chưa trả lời."}
    return test


RUBRIC = Rubric("survey", (
    Check("rated", 1, _rated, {"en": "Rate every statement:", "vi": "Hãy chấm mọi ý:"},
          title={"en": "Every statement rated", "vi": "Chấm đủ mọi ý"}),
    Check("most_useful", 1, _open("most_useful"), {"en": "Say what was most useful:", "vi": "Hãy ghi điều có ích nhất:"},
          title={"en": "What was most useful", "vi": "Điều có ích nhất"}),
    Check("change", 1, _open("change"), {"en": "Say what we should change:", "vi": "Hãy ghi điều nên thay đổi:"},
          title={"en": "What to change", "vi": "Điều nên thay đổi"}),
))
