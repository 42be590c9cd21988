"""The course's evaluation loop: learning gain from the pre- and post-course quizzes, and the survey's summary.

Both read what ``okrkit grade`` wrote: ``gradebook.csv`` (one row per participant × quiz) and
``survey.csv`` (the survey's answers, one row per answer, with no names).  A quiz a participant did not
take — or that could not be graded — is *unknown* (``None``), never 0: a missing pre-course quiz would
otherwise look like a large gain.

* **gain** = post − pre, in percentage points of the quiz's points;
* **normalised gain** (Hake's *g*) = (post − pre) / (100 − pre): the share of what there was left to
  learn that was learnt; unknown when pre is 100%;
* the **class** figures are over the participants who took *both* quizzes (the matched pairs):
  mean pre, mean post, mean gain, and the class's normalised gain (mean post − mean pre) /
  (100 − mean pre); how many took only one quiz is said beside them.

>>> p = Person("An", pre=40.0, post=70.0)
>>> p.gain, p.normalised_gain
(30.0, 0.5)
>>> Person("Bình", pre=None, post=80.0).gain is None
True
>>> c = class_gain([p, Person("Chi", pre=60.0, post=80.0), Person("Bình", pre=None, post=80.0)])
>>> c.pairs, c.mean_gain, round(c.normalised_gain, 3), c.only_post
(2, 25.0, 0.5, 1)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .errors import InputError

PRE, POST, SURVEY = "quiz_pre", "quiz_post", "survey"
EVALUATION = (PRE, POST, SURVEY)
SURVEY_COLUMNS = ("question", "answer")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")   # as okrkit.grading.gradebook


@dataclass(frozen=True)
class Person:
    """One participant's two quiz results in percent (``None``: unknown), and why one is unknown."""

    name: str
    pre: float | None = None
    post: float | None = None
    pre_status: str = "graded"
    post_status: str = "graded"

    @property
    def gain(self) -> float | None:
        """post − pre in percentage points (``None`` when either is unknown)."""
        if self.pre is None or self.post is None:
            return None
        return self.post - self.pre

    @property
    def normalised_gain(self) -> float | None:
        """(post − pre) / (100 − pre); ``None`` when either is unknown or pre is already 100%."""
        if self.gain is None or self.pre >= 100:
            return None
        return self.gain / (100 - self.pre)


@dataclass(frozen=True)
class ClassGain:
    """The class's figures over its matched pairs (participants who took both quizzes)."""

    pairs: int
    mean_pre: float | None
    mean_post: float | None
    mean_gain: float | None
    normalised_gain: float | None
    only_pre: int = 0
    only_post: int = 0
    neither: int = 0


def class_gain(people: list[Person]) -> ClassGain:
    """The class's gain over the participants who took both quizzes (see the module's docstring)."""
    pairs = [p for p in people if p.gain is not None]
    only_pre = sum(p.pre is not None and p.post is None for p in people)
    only_post = sum(p.pre is None and p.post is not None for p in people)
    neither = sum(p.pre is None and p.post is None for p in people)
    if not pairs:
        return ClassGain(0, None, None, None, None, only_pre, only_post, neither)
    pre = sum(p.pre for p in pairs) / len(pairs)
    post = sum(p.post for p in pairs) / len(pairs)
    g = (post - pre) / (100 - pre) if pre < 100 else None
    return ClassGain(len(pairs), pre, post, post - pre, g, only_pre, only_post, neither)


def _gradebook_path(path: str | Path) -> Path:
    path = Path(path)
    if path.is_dir():
        path = path / "gradebook.csv"
    if not path.is_file():
        raise InputError({"en": "no gradebook here", "vi": "không có sổ điểm ở đây"}, file=str(path), where="--grades",
                         hint={"en": "give the --out folder of `okrkit grade` (it holds gradebook.csv)",
                               "vi": "chỉ tới thư mục --out của `okrkit grade` (có tệp gradebook.csv)"})
    return path


def read_gradebook(path: str | Path) -> dict[str, dict[str, dict]]:
    """``{participant: {exercise: {"status", "percent"}}}`` from ``gradebook.csv`` (percent ``None`` unless graded)."""
    out: dict[str, dict[str, dict]] = {}
    with _gradebook_path(path).open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            name = unquote(row.get("participant") or "").lstrip("'")   # the gradebook quotes formula-like names
            percent = None
            if row.get("status") == "graded":
                try:
                    score, top = float(row.get("score") or 0), float(row.get("max") or 0)
                    percent = 100 * score / top if top else None
                except ValueError:
                    percent = None
            out.setdefault(name, {})[row.get("exercise") or ""] = {"status": row.get("status") or "", "percent": percent}
    return out


def people(path: str | Path) -> list[Person]:
    """Every participant of the gradebook with their pre- and post-course results, sorted by name.

    A participant with no row for a quiz (the class was graded before they took it) has status ``missing``.
    """
    book = read_gradebook(path)
    result = []
    for name, rows in book.items():
        pre, post = rows.get(PRE, {"status": "missing", "percent": None}), rows.get(POST, {"status": "missing",
                                                                                           "percent": None})
        result.append(Person(name, pre["percent"], post["percent"], pre["status"], post["status"]))
    return sorted(result, key=lambda p: p.name.lower())


def took_quizzes(path: str | Path) -> bool:
    """Whether the gradebook has any quiz row at all (a class graded without the quizzes has none)."""
    return any(ex in (PRE, POST) for rows in read_gradebook(path).values() for ex in rows)


# ---------------------------------------------------------------- the survey

def survey_rows(rows: list[dict]) -> list[dict]:
    """The survey's answers as ``survey.csv`` rows (question id, answer), with no names and in no person's order.

    ``rows`` are the grader's rows; only graded surveys count.  Sorted by question, then answer, so that
    no line of the file can be tied back to a participant by its position in the gradebook.
    """
    from .rubrics.survey import LIKERT_IDS, OPEN_IDS, choices, rating

    out = []
    for r in rows:
        if r.get("exercise") != SURVEY or r.get("status") != "graded" or not isinstance(r.get("answer"), dict):
            continue
        got = choices(r["answer"])
        for qid in LIKERT_IDS:
            value = rating(got.get(qid))
            if value is not None:
                out.append({"question": qid, "answer": str(value)})
        for qid in OPEN_IDS:
            text = got.get(qid)
            if isinstance(text, str) and text.strip():
                out.append({"question": qid, "answer": " ".join(text.split())[:2000]})
    order = {q: i for i, q in enumerate(LIKERT_IDS + OPEN_IDS)}
    return sorted(out, key=lambda r: (order[r["question"]], r["answer"]))


@dataclass
class SurveySummary:
    """How many answered, and per statement the count of each rating 1–5 and the mean; the open answers."""

    respondents: int = 0
    ratings: dict[str, list[int]] = field(default_factory=dict)     # question id → counts of 1…5
    open: dict[str, list[str]] = field(default_factory=dict)        # question id → answers

    def mean(self, qid: str) -> float | None:
        counts = self.ratings.get(qid) or [0] * 5
        n = sum(counts)
        return sum((i + 1) * c for i, c in enumerate(counts)) / n if n else None

    def answered(self, qid: str) -> int:
        return sum(self.ratings.get(qid) or [0])


def survey_summary(grades: str | Path) -> SurveySummary:
    """The survey's summary from the ``okrkit grade`` folder (``survey.csv`` and the gradebook's survey rows)."""
    from .rubrics.survey import LIKERT_IDS, OPEN_IDS, rating

    book = read_gradebook(grades)
    summary = SurveySummary(respondents=sum(rows.get(SURVEY, {}).get("status") == "graded" for rows in book.values()),
                            ratings={q: [0] * 5 for q in LIKERT_IDS}, open={q: [] for q in OPEN_IDS})
    folder = Path(grades) if Path(grades).is_dir() else Path(grades).parent
    path = folder / "survey.csv"
    if not path.is_file():
        return summary
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            qid, answer = row.get("question"), (row.get("answer") or "")
            if answer.startswith("'") and answer[1:2] in FORMULA_STARTS:   # quoted so no cell starts a formula
                answer = answer[1:]
            if qid in summary.ratings and rating(answer) is not None:
                summary.ratings[qid][rating(answer) - 1] += 1
            elif qid in summary.open and answer.strip():
                summary.open[qid].append(answer)
    return summary
