"""What the class is doing right now, read from the participants' answer files and scored here.

The trainer view (:mod:`okrkit.classroom.service`) keeps one :class:`ClassProgress` and calls
:meth:`ClassProgress.refresh` twice a second.  A refresh looks at the size and modification time of
every ``home/<user>/answers/<exercise>.json`` (one ``stat`` per file: a class of 40 × 8 exercises
costs well under a millisecond) and re-reads and re-scores only the files that changed, with the
exercise's own rubric (:func:`okrkit.rubric.load_rubric`) in this process — never anything a
participant's kernel computed.  Polling ``stat`` rather than inotify: it needs no extra package and
works the same on the network volumes of a Kubernetes deployment, where inotify does not.

A cell of the participant × exercise grid is

- ``not-started``: no answers file yet;
- ``in-progress``: answers saved, not checked since the last change;
- ``checked``: the participant pressed "Check my answer" after their last change (the button leaves a
  marker, see :func:`mark_checked`);

with the current rubric score either way.  Answer files are only read, never moved or changed.

Examples
--------
>>> import tempfile, pathlib
>>> from okrkit.classroom.layout import ClassLayout
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> write_class(ClassLayout(root), [("Nguyễn Thị Lan", "nguyen-thi-lan")], lang="vi")
>>> progress = ClassProgress(ClassLayout(root))
>>> progress.refresh()
True
>>> progress.cell("nguyen-thi-lan", "ex01_sales_okr").status
'not-started'
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import i18n
from ..answers import FORMAT
from .layout import ClassLayout

CHECKED_DIR = ".checked"  # answers/.checked/<exercise>.json: when the participant last pressed "Check"
OKR_EXERCISES = ("ex01_sales_okr", "ex02_marketing_okrs")  # answers shaped as OKR sets (shown on the debrief)

i18n.register({
    "trainer.status.not-started": {"en": "not started", "vi": "chưa làm"},
    "trainer.status.in-progress": {"en": "in progress", "vi": "đang làm"},
    "trainer.status.checked": {"en": "checked", "vi": "đã tự kiểm tra"},
    "trainer.status.unreadable": {"en": "answers file unreadable", "vi": "tệp bài làm không đọc được"},
    "trainer.rule.missing-id": {"en": "An objective or key result has no id",
                                "vi": "Mục tiêu hoặc kết quả then chốt chưa có mã"},
    "trainer.rule.duplicate-id": {"en": "Two items share one id", "vi": "Hai mục trùng mã"},
    "trainer.rule.parent-missing": {"en": "Aligned to an objective that does not exist",
                                    "vi": "Gắn với một mục tiêu không tồn tại"},
    "trainer.rule.objective-count": {"en": "Too few or too many objectives", "vi": "Số mục tiêu quá ít hoặc quá nhiều"},
    "trainer.rule.kr-count": {"en": "Not 3–5 key results per objective",
                              "vi": "Mỗi mục tiêu chưa có 3–5 kết quả then chốt"},
    "trainer.rule.objective-metric": {"en": "The objective is a number, not a direction",
                                      "vi": "Mục tiêu viết như một con số, chưa phải một hướng đi"},
    "trainer.rule.missing-owner": {"en": "No owner named", "vi": "Chưa ghi người/bộ phận phụ trách"},
    "trainer.rule.kr-measurable": {"en": "A key result cannot be measured",
                                   "vi": "Kết quả then chốt chưa đo được"},
    "trainer.rule.kr-activity": {"en": "A key result is a task, not a result",
                                 "vi": "Kết quả then chốt là việc cần làm, chưa phải kết quả"},
    "trainer.rule.kr-repeats-objective": {"en": "A key result repeats its objective",
                                          "vi": "Kết quả then chốt lặp lại mục tiêu"},
    "trainer.rule.kr-two-targets": {"en": "Two targets in one key result",
                                    "vi": "Một kết quả then chốt có hai chỉ tiêu"},
    "trainer.rule.target-baseline": {"en": "Target and baseline do not fit the direction",
                                     "vi": "Chỉ tiêu và giá trị ban đầu không khớp chiều tăng/giảm"},
    "trainer.rule.kr-target-text": {"en": "The text and the target field disagree",
                                    "vi": "Con số trong câu và ô chỉ tiêu không khớp"},
    "trainer.rule.kr-target-field": {"en": "The target is only in the text", "vi": "Chỉ tiêu mới nằm trong câu chữ"},
    "trainer.rule.weights-sum": {"en": "Weights do not add up to 100%", "vi": "Tổng trọng số chưa bằng 100%"},
    "trainer.rule.weight-zero": {"en": "A key result weighs nothing", "vi": "Có kết quả then chốt trọng số bằng 0"},
    "trainer.rule.okr-type": {"en": "Committed or aspirational not chosen well",
                              "vi": "Chưa chọn đúng loại cam kết hay mở rộng"},
})


# ---------------------------------------------------------------- the class

@dataclass(frozen=True)
class Member:
    """One participant: ``user`` (hub user name, folder name under home/) and ``name`` (as on the roster)."""

    user: str
    name: str


@dataclass(frozen=True)
class ClassInfo:
    """What ``class.json`` says: the roster, the class's language, title, trainer account and sample company."""

    members: tuple[Member, ...]
    lang: str = "vi"
    title: str = ""
    trainer: str = "trainer"
    sample: str = "saomai"

    def member(self, user: str) -> Member | None:
        return next((m for m in self.members if m.user == user), None)


def read_class(layout: ClassLayout) -> ClassInfo:
    """The roster from ``class.json``; without one, the folders under ``home/`` (names = user names).

    Accepts the roster as ``participants``/``roster``/``members``: a list of ``{"user", "name"}``
    objects (``display``/``display_name`` also read as the name, ``username`` as the user).
    """
    data: dict = {}
    try:
        data = json.loads(layout.class_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    raw = data.get("participants") or data.get("roster") or data.get("members") or []
    members: list[Member] = []
    seen: set[str] = set()
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict):
            continue
        user = str(entry.get("user") or entry.get("username") or entry.get("name_slug") or "").strip()
        name = str(entry.get("name") or entry.get("display") or entry.get("display_name") or user).strip()
        if not user or user in seen or "/" in user or user.startswith("."):
            continue
        seen.add(user)
        members.append(Member(user, name or user))
    if not members and layout.homes.is_dir():
        for d in sorted(layout.homes.iterdir()):
            if d.is_dir() and not d.name.startswith("."):
                members.append(Member(d.name, d.name))
    lang = str(data.get("lang") or data.get("language") or "vi")
    trainer = data.get("trainer")
    if isinstance(trainer, dict):
        trainer = trainer.get("user") or trainer.get("name")
    return ClassInfo(tuple(members), lang if lang in i18n.LANGS else "vi", str(data.get("title") or ""),
                     str(trainer or "trainer"), _sample(data.get("sample")))


def _sample(value) -> str:
    """The class's sample company from ``class.json``; a missing or unknown one is the default (the hub
    refuses unknown names when it writes the file, so this only meets files written by hand)."""
    from .. import samples
    from ..errors import InputError

    try:
        return samples.resolve(str(value)) if value else samples.DEFAULT
    except InputError:
        return samples.DEFAULT


def write_class(layout: ClassLayout, members, *, lang: str = "vi", title: str = "", trainer: str = "trainer") -> None:
    """Write a minimal ``class.json`` (``members``: ``(name, user)`` pairs); the hub writes the real one."""
    from ..files import atomic_write

    layout.root.mkdir(parents=True, exist_ok=True)
    data = {"title": title, "lang": lang, "trainer": trainer,
            "participants": [{"name": name, "user": user} for name, user in members]}
    atomic_write(layout.class_file, json.dumps(data, ensure_ascii=False, indent=2))


#: the evaluation forms the live view follows beside the exercises (the survey is anonymous in spirit: not shown)
QUIZZES = ("quiz_pre", "quiz_post")


def exercises() -> tuple[str, ...]:
    """The columns of the live view: the course's exercises, then the pre- and post-course quizzes."""
    from ..rubrics import IDS

    return IDS + QUIZZES


def exercise_title(exercise: str, lang: str) -> str:
    from ..rubrics import title

    try:
        return title(exercise, lang)
    except Exception:  # noqa: BLE001 - a title is a nicety
        return exercise


def short_title(exercise: str, lang: str) -> str:
    """``Bài 1`` / ``Ex. 1`` for ``ex01_…``; ``KT đầu khóa`` / ``Pre-quiz`` for the pre-course quiz."""
    if exercise in QUIZZES:
        return i18n.t(f"trainer.{exercise}", lang)
    digits = "".join(ch for ch in exercise.split("_")[0] if ch.isdigit())
    return i18n.t("trainer.exercise_n", lang, n=int(digits)) if digits else exercise


def shown_names(info: ClassInfo) -> dict[str, str]:
    """``{user: name to show}``: the roster's names, a repeated name numbered (``Nguyễn Thị Lan (2)``)."""
    seen: Counter = Counter()
    out = {}
    for m in info.members:
        seen[m.name.casefold()] += 1
        n = seen[m.name.casefold()]
        out[m.user] = m.name if n == 1 else f"{m.name} ({n})"
    return out


def mark_checked(answers_file: str | os.PathLike, exercise: str) -> None:
    """Leave the marker that says "checked after the last change" (called by the Check button).

    Never raises: the marker is a nicety for the trainer's grid, the participant's work is elsewhere.
    """
    try:
        from ..files import atomic_write

        path = Path(answers_file).parent / CHECKED_DIR / f"{exercise}.json"
        stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
        atomic_write(path, json.dumps({"exercise": exercise, "checked_at": stamp}))
    except Exception:  # noqa: BLE001, S110 - see above
        pass


def check_title(check, lang: str) -> str:
    """A rubric check's title in ``lang``; without one, the start of its feedback (never its id)."""
    title = (check.title or {}).get(lang)
    if title:
        return title
    text = " ".join(str((check.feedback or {}).get(lang) or "").split())
    if not text:
        return check.id
    return text if len(text) <= 80 else text[:77].rstrip() + "…"


# ---------------------------------------------------------------- one cell

@dataclass
class Cell:
    """One participant × exercise: status, current score, what failed, when saved."""

    status: str = "not-started"
    score: float | None = None
    max_score: float | None = None
    saved_at: str | None = None
    seen_at: float | None = None          # time.time() when this service first read the current version
    answer: dict | None = None
    failed: tuple[str, ...] = ()          # ids of the checks that failed
    problem: str | None = None            # why the file could not be read
    findings: tuple[dict, ...] = ()       # lint findings (OKR exercises)
    key: tuple = field(default=(), repr=False)

    def to_json(self, lang: str, titles: dict[str, str]) -> dict:
        label = "–"
        if self.score is not None and self.max_score:
            label = f"{i18n.number(self.score, lang)}/{i18n.number(self.max_score, lang)}"
        return {"status": self.status, "status_text": i18n.t(f"trainer.status.{self.status}", lang),
                "score": self.score, "max": self.max_score, "label": label,
                "fraction": (self.score / self.max_score) if self.score is not None and self.max_score else None,
                "saved_at": self.saved_at, "seen_at": self.seen_at,
                "problem": i18n.t("trainer.status.unreadable", lang) if self.problem else None,
                "failed": [titles.get(c, c) for c in self.failed]}


def _stat_key(path: Path) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def read_answer(path: Path, exercise: str) -> tuple[dict | None, str | None, str | None]:
    """``(answer, saved_at, problem)`` of one answers file; the file is only read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, None, None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, None, f"{type(exc).__name__}"
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("exercise") != exercise \
            or not isinstance(data.get("answer"), dict):
        return None, None, "not an okrkit answers file for this exercise"
    return data["answer"], data.get("saved_at"), None


def _checked_at(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("checked_at")
    except (OSError, ValueError, AttributeError):
        return None


# ---------------------------------------------------------------- the class's progress

class ClassProgress:
    """Scores every participant's saved answers in this process; :meth:`refresh` picks up changes."""

    def __init__(self, layout: ClassLayout, *, exercise_ids: tuple[str, ...] | None = None):
        from ..rubric import load_rubric

        self.layout = layout
        self.info = read_class(layout)
        self.exercises = tuple(exercise_ids or exercises())
        self.rubrics = {ex: load_rubric(ex) for ex in self.exercises}
        self.cells: dict[tuple[str, str], Cell] = {}
        self.version = 0
        self._class_key: tuple = ()
        self._lock = threading.Lock()

    def _titles(self, exercise: str, lang: str) -> dict[str, str]:
        return {c.id: check_title(c, lang) for c in self.rubrics[exercise].checks}

    def cell(self, user: str, exercise: str) -> Cell:
        return self.cells.get((user, exercise)) or Cell()

    def refresh(self) -> bool:
        """Re-read what changed on disk; True when anything did (then :attr:`version` went up)."""
        with self._lock:
            changed = False
            key = _stat_key(self.layout.class_file)
            if key != self._class_key:
                self._class_key = key
                self.info = read_class(self.layout)
                changed = True
            for m in self.info.members:
                folder = self.layout.home(m.user) / "answers"
                for ex in self.exercises:
                    path = folder / f"{ex}.json"
                    marker = folder / CHECKED_DIR / f"{ex}.json"
                    k = (_stat_key(path), _stat_key(marker))
                    old = self.cells.get((m.user, ex))
                    if old is not None and old.key == k:
                        continue
                    self.cells[(m.user, ex)] = self._read(path, marker, ex, k, old)
                    changed = True
            if changed:
                self.version += 1
            return changed

    def _read(self, path: Path, marker: Path, ex: str, key: tuple, old: Cell | None) -> Cell:
        if not key[0]:
            return Cell(key=key)
        answer, saved_at, problem = read_answer(path, ex)
        seen = old.seen_at if old is not None and old.key[:1] == key[:1] else time.time()
        if problem or answer is None:
            return Cell("in-progress", problem=problem or "unreadable", key=key, seen_at=seen)
        result = self.rubrics[ex].grade(answer, lang="en")
        checked_at = _checked_at(marker) if key[1] else None
        status = "checked" if checked_at and saved_at and checked_at >= saved_at else "in-progress"
        findings: tuple[dict, ...] = ()
        if isinstance(answer.get("objectives"), list):
            from ..grading.report import okr_findings

            findings = tuple(okr_findings(answer)[0])
        return Cell(status, result.score, result.max_score, saved_at, seen, answer,
                    tuple(c.id for c in result.checks if not c.passed), None, findings, key)

    # ------------------------------------------------------------ views as JSON

    def grid(self, lang: str) -> dict:
        """The participant × exercise grid, in ``lang``."""
        lang = i18n.get_lang(lang)
        titles = {ex: self._titles(ex, lang) for ex in self.exercises}
        rows = []
        counts = Counter()
        names = shown_names(self.info)
        for m in self.info.members:
            cells = {}
            total = 0.0
            for ex in self.exercises:
                c = self.cell(m.user, ex)
                counts[c.status] += 1
                cells[ex] = c.to_json(lang, titles[ex])
                total += c.score or 0.0
            rows.append({"user": m.user, "name": names[m.user], "cells": cells,
                         "done": sum(1 for ex in self.exercises if cells[ex]["status"] != "not-started")})
        return {"version": self.version, "lang": lang, "title": self.info.title,
                "exercises": [{"id": ex, "short": short_title(ex, lang),
                               "title": exercise_title(ex, lang)} for ex in self.exercises],
                "participants": rows,
                "counts": {s: counts.get(s, 0) for s in ("not-started", "in-progress", "checked")},
                "count_text": {s: i18n.t(f"trainer.status.{s}", lang)
                               for s in ("not-started", "in-progress", "checked")}}

    def findings(self, lang: str, *, top: int = 12) -> dict:
        """The class's most common failed checks (by title) and OKR-writing findings right now."""
        lang = i18n.get_lang(lang)
        failed: Counter = Counter()
        who: dict[tuple[str, str], set[str]] = {}
        rules: Counter = Counter()
        rule_who: dict[str, set[str]] = {}
        example: dict[str, str] = {}
        started: Counter = Counter()
        for (user, ex), c in self.cells.items():
            if c.answer is None or self.info.member(user) is None:
                continue
            started[ex] += 1
            for cid in c.failed:
                failed[(ex, cid)] += 1
                who.setdefault((ex, cid), set()).add(user)
            for f in c.findings:
                rule = f.get("rule") or "?"
                rules[rule] += 1
                rule_who.setdefault(rule, set()).add(user)
                example.setdefault(rule, (f.get("message") or {}).get(lang, ""))
        checks = []
        for (ex, cid), _n in failed.most_common(top):
            checks.append({"exercise": ex, "exercise_title": exercise_title(ex, lang),
                           "short": short_title(ex, lang),
                           "check": self._titles(ex, lang).get(cid, cid), "participants": len(who[(ex, cid)]),
                           "of": started[ex],
                           "share": len(who[(ex, cid)]) / started[ex] if started[ex] else None})
        lint = []
        for rule, n in rules.most_common(top):
            key = f"trainer.rule.{rule}"
            title = i18n.t(key, lang) if key in i18n.keys() else example.get(rule, "")
            lint.append({"title": title, "times": n, "participants": len(rule_who[rule]),
                         "example": example.get(rule, "")})
        return {"version": self.version, "lang": lang, "checks": checks, "lint": lint}

    def debrief(self, lang: str, *, exercise: str = OKR_EXERCISES[0], hide_names: bool = False) -> dict:
        """Every participant's objectives and key results for ``exercise``, for the projector."""
        lang = i18n.get_lang(lang)
        cards = []
        names = shown_names(self.info)
        for n, m in enumerate(self.info.members, 1):
            c = self.cell(m.user, exercise)
            if c.answer is None:
                continue
            objectives = []
            for o in c.answer.get("objectives") or []:
                if not isinstance(o, dict):
                    continue
                krs = []
                for kr in o.get("key_results") or []:
                    text = kr.get("text") if isinstance(kr, dict) else kr
                    if str(text or "").strip():
                        krs.append(str(text).strip())
                text = str(o.get("text") or "").strip()
                if text or krs:
                    objectives.append({"text": text, "key_results": krs, "type": o.get("type")})
            if not objectives:
                continue
            label = i18n.t("trainer.participant_n", lang, n=n) if hide_names else names[m.user]
            cards.append({"name": label, "objectives": objectives,
                          "score": c.to_json(lang, self._titles(exercise, lang))["label"]})
        return {"version": self.version, "lang": lang, "exercise": exercise,
                "exercise_title": exercise_title(exercise, lang), "hide_names": hide_names, "cards": cards,
                "choices": [{"id": ex, "title": exercise_title(ex, lang)} for ex in OKR_EXERCISES
                            if ex in self.exercises]}


i18n.register({"trainer.participant_n": {"en": "Participant {n}", "vi": "Học viên {n}"},
               "trainer.exercise_n": {"en": "Ex. {n}", "vi": "Bài {n}"},
               "trainer.quiz_pre": {"en": "Pre-quiz", "vi": "KT đầu khóa"},
               "trainer.quiz_post": {"en": "Post-quiz", "vi": "KT cuối khóa"}})
