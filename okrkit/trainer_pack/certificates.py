"""Certificates of completion from a gradebook, with the trainer's pass mark.

A participant's result is their points over every exercise's maximum in ``gradebook.csv`` (an exercise
that is missing, timed out or raised counts 0 of its maximum; the pre- and post-course quizzes and the survey
do not count: they measure the course, not the participant). At or above the pass mark they get a
certificate; below it they get none, and the pack's list names them with the exercises that were not graded.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .. import i18n
from ..errors import InputError
from ..evaluation import EVALUATION


@dataclass
class Result:
    """One participant's total over the gradebook."""

    name: str
    score: float = 0.0
    max: float = 0.0
    exercises: int = 0
    done: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max if self.max else 0.0

    def __repr__(self) -> str:
        return f"Result({self.name!r}, {self.percent:.0f}%, {self.done}/{self.exercises} graded)"


def read_gradebook(path: str | Path) -> list[Result]:
    """Every participant's total from ``gradebook.csv`` (as ``okrkit grade`` writes it), in gradebook order."""
    path = Path(path)
    if path.is_dir():
        path = path / "gradebook.csv"
    if not path.is_file():
        raise InputError({"en": "no gradebook here", "vi": "không có sổ điểm ở đây"}, file=str(path), where="--grades",
                         hint={"en": "give the --out folder of `okrkit grade` (it holds gradebook.csv)",
                               "vi": "chỉ tới thư mục --out của `okrkit grade` (có tệp gradebook.csv)"})
    people: dict[str, Result] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        need = {"participant", "exercise", "status", "score", "max"}
        if not need <= set(reader.fieldnames or ()):
            raise InputError({"en": "this is not a gradebook", "vi": "đây không phải sổ điểm"}, file=str(path),
                             hint={"en": f"a gradebook has the columns {', '.join(sorted(need))}",
                                   "vi": f"sổ điểm có các cột {', '.join(sorted(need))}"})
        for row_no, row in enumerate(reader, start=2):
            if row["exercise"] in EVALUATION:
                continue
            name = unquote(row["participant"]).lstrip("'")   # the gradebook quotes names that could start a formula
            person = people.setdefault(name, Result(name))
            try:
                score, top = float(row["score"] or 0), float(row["max"] or 0)
            except ValueError:
                raise InputError({"en": "score or max is not a number", "vi": "điểm hoặc điểm tối đa không phải số"},
                                 file=str(path), row=row_no) from None
            person.score += score
            person.max += top
            person.exercises += 1
            if row["status"] == "graded":
                person.done += 1
            else:
                person.problems.append(f"{row['exercise']}: {row['status']}")
    return list(people.values())


def split(results: list[Result], pass_mark: float) -> tuple[list[Result], list[Result]]:
    """Those at or above the pass mark (percent of points), and those below it; each sorted by name."""
    key = lambda r: r.name.lower()  # noqa: E731
    return (sorted((r for r in results if r.percent >= pass_mark), key=key),
            sorted((r for r in results if r.percent < pass_mark), key=key))


def file_name(name: str) -> str:
    """A certificate's file name: the participant's name with its Vietnamese letters, nothing a file system refuses."""
    safe = re.sub(r"[^\w\- ]+", "_", name, flags=re.UNICODE).strip(" ._") or "participant"
    return safe.replace(" ", "_")[:80] + "_" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def serial(name: str, org: str, when: str) -> str:
    """A short certificate number that a trainer can look up: the same person, organisation and day give the same."""
    return hashlib.sha1(f"{org}|{name}|{when}".encode()).hexdigest()[:10].upper()


def view(result: Result, lang: str, *, org: str, when: str) -> dict:
    """What a certificate shows of one participant."""
    return {"name": result.name, "percent_text": i18n.percent(result.percent / 100, lang),
            "done": result.done, "exercises": result.exercises, "problems": result.problems,
            "serial": serial(result.name, org, when), "file": f"certificates/{file_name(result.name)}.pdf"}
