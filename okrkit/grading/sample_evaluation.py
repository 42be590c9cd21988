"""The sample class's quizzes and surveys: a few participants' hand-ins of the evaluation loop.

Written beside the sample class (:mod:`okrkit.grading.sample_class`) by ``demo(..., evaluation=True)``,
as a participant hands them in: the exercise notebook (``exercises/<quiz>.ipynb``) and the answers
file its form saved.  Some took both quizzes, one missed the pre-course quiz (their gain is unknown,
not their post-course score), one missed the post-course quiz; three filled in the survey.
"""

from __future__ import annotations

import ast
import copy
import json
from importlib import import_module
from pathlib import Path

from ..answers import FORMAT
from .sample_class import SAVED_AT, _exercises_dir, _read_nb, _src, reference_value

#: name → {quiz: how many of its questions are answered wrongly (the first ones), or None: not taken}
QUIZZES: dict[str, dict[str, int | None]] = {
    "Nguyễn Thị Lan": {"quiz_pre": 4, "quiz_post": 0},
    "Trần Văn Minh": {"quiz_pre": 7, "quiz_post": 3},
    "Emily Carter": {"quiz_pre": None, "quiz_post": 1},
    "David Nguyen": {"quiz_pre": 6, "quiz_post": None},
    "Ngô Bảo Châu": {"quiz_pre": 5, "quiz_post": 2},
}
SURVEYS: dict[str, dict[str, str]] = {
    "Nguyễn Thị Lan": {"useful": "5", "confident_okr": "5", "confident_cascade": "4", "pace": "4", "recommend": "5",
                       "most_useful": "Tính ngược phễu từ mục tiêu doanh thu; tuần sau tôi làm lại cho đội mình.",
                       "change": "Thêm thời gian cho phần trọng số."},
    "Trần Văn Minh": {"useful": "4", "confident_okr": "3", "confident_cascade": "3", "pace": "2", "recommend": "4",
                      "most_useful": "Phân biệt kết quả với đầu việc khi viết KR.",
                      "change": "Ngày đầu hơi nhanh, nên có thêm bài tập nhóm."},
    "Ngô Bảo Châu": {"useful": "5", "confident_okr": "4", "confident_cascade": "4", "pace": "4", "recommend": "5",
                     "most_useful": "The weekly Plan / Progress / Problems check-in.",
                     "change": "=cmd|' /C calc'!A0 more examples from retail companies"},
}
WRONG_FIGURE = {"funnel_leads": "800", "weight_missing": "0,25"}


def reference(exercise: str) -> dict:
    """``REFERENCE`` of ``solutions/<exercise>.ipynb`` (the cell tagged ``solution``)."""
    nb = _read_nb(_exercises_dir("solutions") / f"{exercise}.ipynb")
    for cell in nb["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            for node in ast.parse(_src(cell)).body:
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "REFERENCE":
                    return reference_value(node.value)
    raise KeyError(exercise)


def quiz_answer(quiz: str, wrong: int) -> dict:
    """The reference answer of ``quiz`` with its first ``wrong`` questions answered wrongly."""
    questions = import_module(f"okrkit.rubrics.{quiz}").QUESTIONS
    answer = copy.deepcopy(reference(quiz))
    for q in questions[:wrong]:
        if q.get("kind") == "number":
            answer[q["id"]] = WRONG_FIGURE[q["id"]]
        else:
            answer[q["id"]] = next(o["value"] for o in q["options"] if o["value"] != answer[q["id"]])
    return answer


def _hand_in(folder: Path, exercise: str, answer: dict) -> None:
    nb = _read_nb(_exercises_dir("exercises") / f"{exercise}.ipynb")
    (folder / "answers").mkdir(parents=True, exist_ok=True)
    (folder / f"{exercise}.ipynb").write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    payload = {"format": FORMAT, "exercise": exercise, "saved_at": SAVED_AT, "answer": answer}
    (folder / "answers" / f"{exercise}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2),
                                                         encoding="utf-8")


def write(dest) -> dict[tuple[str, str], float | None]:
    """Add the sample quizzes and surveys to the sample class in ``dest``; return each quiz's expected percent."""
    dest = Path(dest)
    expected: dict[tuple[str, str], float | None] = {}
    for name, quizzes in QUIZZES.items():
        for quiz, wrong in quizzes.items():
            if wrong is None:
                expected[(name, quiz)] = None
                continue
            _hand_in(dest / name, quiz, quiz_answer(quiz, wrong))
            expected[(name, quiz)] = 100.0 * (10 - wrong) / 10
    for name, answer in SURVEYS.items():
        _hand_in(dest / name, "survey", dict(answer))
    return expected
