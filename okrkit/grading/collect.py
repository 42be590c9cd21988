"""From a run's recorded outputs and the saved answers file to a scored row — in the grader's process.

The grader trusts two things only: the rubric code of the installed okrkit
(imported here, before any notebook runs) and answer *data*.  For an exercise
answered through a widget the participant's own ``answers/<exercise>.json`` is
that data; what the notebook recorded is cross-checked against it.  For an
exercise answered in the participant's own cells (:data:`RECORDED_EXERCISES`)
the recorded output is the answer.  Recorded payloads are validated strictly;
any other output (a printed "score", a fake score mimetype) is never read.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..answers import FORMAT, parse_answers
from ..errors import InputError
from ..rubric import Rubric
from .submissions import NotRegularFile, read_regular

# Exercises whose answer would be computed in the participant's own cells (the recorded output is the answer).
RECORDED_EXERCISES: frozenset[str] = frozenset()  # none today: every exercise is answered on a form
MAX_ANSWER_BYTES = 256 * 1024
MAX_ANSWERS_FILE_BYTES = 1024 * 1024
STATUSES = ("graded", "error", "timeout", "missing", "invalid-answers")


def one_line(text: str, limit: int = 240) -> str:
    """``text`` on one line, at most ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate_record(value, exercise: str) -> tuple[dict | None, str | None]:
    """``(answer, None)`` for a well-formed record of ``exercise``, else ``(None, why)``."""
    if not isinstance(value, dict):
        return None, "the recorded answer is not a JSON object"
    extra = set(value) - {"format", "exercise", "answer"}
    if extra:
        return None, f"the recorded answer has unexpected fields ({', '.join(sorted(map(str, extra)))[:80]})"
    if "format" in value and value["format"] != FORMAT:
        return None, f"the recorded answer's format is {str(value['format'])[:40]!r}, not {FORMAT!r}"
    if value.get("exercise") != exercise:
        return None, f"the recorded answer is for {str(value.get('exercise'))[:40]!r}, not {exercise!r}"
    answer = value.get("answer")
    if not isinstance(answer, dict):
        return None, "the recorded answer holds no answer object"
    try:
        size = len(json.dumps(answer, ensure_ascii=False, allow_nan=False))
    except (TypeError, ValueError):
        return None, "the recorded answer is not plain JSON data"
    if size > MAX_ANSWER_BYTES:
        return None, f"the recorded answer is too large ({size // 1024} KB)"
    return answer, None


def last_record(records: list, exercise: str) -> tuple[dict | None, str | None]:
    """The last valid record of ``exercise``; records naming other exercises are skipped."""
    why = None
    for value in reversed(records):
        if isinstance(value, dict) and value.get("exercise") not in (exercise, None):
            continue
        answer, problem = validate_record(value, exercise)
        if answer is not None:
            return answer, None
        why = why or problem
    return None, why


def read_answers_file(path: Path | None, exercise: str) -> tuple[str, dict | None, str | None]:
    """``("ok", answer, None)``, ``("absent", None, None)`` or ``("bad", None, why)``; the file is only read."""
    if path is None or not (path.exists() or path.is_symlink()):
        return "absent", None, None
    try:
        raw = read_regular(path, MAX_ANSWERS_FILE_BYTES + 1)
    except NotRegularFile:
        return "bad", None, f"answers/{exercise}.json is not a regular file"
    except OSError as exc:
        return "bad", None, f"answers/{exercise}.json cannot be read ({exc.strerror or exc.__class__.__name__})"
    return answers_from_bytes(raw, exercise)


def answers_from_bytes(raw: bytes, exercise: str) -> tuple[str, dict | None, str | None]:
    """:func:`read_answers_file` for the bytes of ``answers/<exercise>.json`` already read (and hashed)."""
    if len(raw) > MAX_ANSWERS_FILE_BYTES:
        return "bad", None, f"answers/{exercise}.json is larger than {MAX_ANSWERS_FILE_BYTES // 1024} KB"
    try:
        data = parse_answers(raw, exercise=exercise)
    except InputError as exc:
        return "bad", None, f"answers/{exercise}.json: {exc.what}"
    answer = data["answer"]
    try:
        json.dumps(answer, allow_nan=False)
    except ValueError:
        return "bad", None, f"answers/{exercise}.json holds numbers that are not finite"
    return "ok", answer, None


def choose_answer(exercise: str, records: list, file_state: str, file_answer: dict | None,
                  file_problem: str | None, *, record_too_big: bool = False, rubric: Rubric | None = None) -> tuple[dict | None, str, str | None, str | None]:
    """Decide what is graded: ``(answer, source, problem, note)``.

    ``source`` is ``file`` or ``recorded``; ``problem`` (one line) means the row is
    ``invalid-answers``; ``note`` is worth telling the trainer but does not stop grading.
    """
    recorded, record_problem = last_record(records, exercise)
    if record_too_big and recorded is None:
        record_problem = f"the recorded answer is larger than {MAX_ANSWER_BYTES // 1024} KB"
    if exercise in RECORDED_EXERCISES:
        if recorded is not None:
            return recorded, "recorded", None, None
        if file_state == "ok":
            return file_answer, "file", None, "the notebook recorded no answer; the saved answers file was graded"
        return None, "recorded", record_problem or "the notebook recorded no answer (ok.ui.record was not reached)", None
    if file_state == "bad":
        return None, "file", file_problem, None
    if file_state == "ok":
        note = None
        if recorded is not None and _differs(recorded, file_answer, rubric):
            note = (f"the notebook recorded a different answer than answers/{exercise}.json; "
                    "the saved answers file was graded")
        elif recorded is None and records:
            note = f"ignored an invalid recorded answer ({record_problem})"
        return file_answer, "file", None, note
    if recorded is not None:
        return recorded, "recorded", None, f"no answers/{exercise}.json; the recorded answer was graded"
    return None, "file", record_problem or f"no answers saved (answers/{exercise}.json is missing) and none recorded", None


def _canon(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _differs(recorded: dict, saved: dict, rubric: Rubric | None) -> bool:
    """Whether the recorded answer tells a different story than the saved one.

    Forms add defaults when they load a file, so the two are compared by what
    the rubric makes of them (when there is a rubric), not byte for byte.
    """
    if _canon(recorded) == _canon(saved):
        return False
    if rubric is None:
        return True
    a, b = rubric.grade(recorded, lang="en"), rubric.grade(saved, lang="en")
    return [c.passed for c in a.checks] != [c.passed for c in b.checks]


def score(rubric: Rubric, answer: dict) -> dict:
    """Grade ``answer`` with ``rubric`` in both languages: ``{score, max, checks}``."""
    by_lang = {lang: rubric.grade(answer, lang=lang) for lang in ("en", "vi")}
    en, vi = by_lang["en"], by_lang["vi"]
    checks = []
    for ce, cv in zip(en.checks, vi.checks):
        checks.append({"id": ce.id, "passed": ce.passed, "points": ce.points, "earned": ce.earned,
                       "title": {"en": ce.title, "vi": cv.title},
                       "feedback": {"en": ce.feedback, "vi": cv.feedback}, "error": ce.error})
    return {"score": en.score, "max": en.max_score, "checks": checks}


def rubric_checks(rubric: Rubric | None) -> list[dict]:
    """The rubric's checks, all failed, for a row that could not be graded."""
    if rubric is None:
        return []
    return [{"id": c.id, "passed": False, "points": float(c.points), "earned": 0.0,
             "title": {lang: (c.title or {}).get(lang) or c.id for lang in ("en", "vi")},
             "feedback": {"en": "", "vi": ""}, "error": None} for c in rubric.checks]
