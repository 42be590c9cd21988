"""Participants' answers on disk: saved at once, never lost, never overwritten when bad.

A widget saves its answer to ``answers/<exercise>.json`` beside the notebook on
every committed change.  The write is atomic (temporary file + rename) and the
previous version is kept in ``answers/.history/<exercise>/`` (the newest
:data:`HISTORY` versions), so a crash, a kernel restart or a closed tab loses at
most the last change.  A file that is corrupt or belongs to another exercise is
renamed aside and reported, never overwritten.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = AnswerFile(folder / "answers" / "ex01.json", exercise="ex01")
>>> _ = store.save({"objective": "Doanh thu vượt mức đỉnh cao"})
>>> store.load().answer["objective"]
'Doanh thu vượt mức đỉnh cao'
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import atomic_write

FORMAT = "okrkit-answers/1"
HISTORY = 20
MIMETYPE = "application/vnd.okrkit.answer+json"


@dataclass(frozen=True)
class Loaded:
    """What :meth:`AnswerFile.load` found.

    ``status`` is ``ok``, ``missing`` (nothing saved yet) or ``quarantined``
    (the file was bad and has been moved to ``moved_to``; ``problem`` says why).
    """

    status: str
    answer: dict = field(default_factory=dict)
    saved_at: str | None = None
    problem: str | None = None
    moved_to: Path | None = None


def answers_path(exercise: str, *, folder: str | os.PathLike | None = None) -> Path:
    """``answers/<exercise>.json`` under ``folder`` (default: the current folder)."""
    return Path(folder or ".") / "answers" / f"{exercise}.json"


class AnswerFile:
    """One exercise's answer file with atomic saves and a bounded history."""

    def __init__(self, path: str | os.PathLike, *, exercise: str):
        self.path = Path(path)
        self.exercise = exercise

    @property
    def history_dir(self) -> Path:
        return self.path.parent / ".history" / self.path.stem

    # ---------------------------------------------------------------- reading
    def read(self) -> dict:
        """The validated answer, or :class:`InputError` (nothing is moved)."""
        if not self.path.exists():
            raise InputError("no answers saved yet", file=str(self.path),
                             hint="fill in the form in the exercise notebook first")
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"the answers file is not valid JSON ({exc.__class__.__name__})", file=str(self.path),
                             hint="restore an earlier version from answers/.history/") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError("not an okrkit answers file", file=str(self.path),
                             hint=f"expected a JSON object with \"format\": \"{FORMAT}\"")
        if data.get("exercise") != self.exercise:
            raise InputError(f"this file holds answers for exercise {data.get('exercise')!r}, not {self.exercise!r}",
                             file=str(self.path), hint="put each exercise's answers in its own file")
        if not isinstance(data.get("answer"), dict):
            raise InputError("the answers file has no answer object", file=str(self.path), where="answer",
                             hint="restore an earlier version from answers/.history/")
        return data

    def load(self) -> Loaded:
        """Load the saved answer; a bad file is renamed aside, never overwritten."""
        if not self.path.exists():
            return Loaded("missing")
        try:
            data = self.read()
        except InputError as exc:
            moved = self.quarantine()
            return Loaded("quarantined", problem=exc.what, moved_to=moved)
        return Loaded("ok", dict(data["answer"]), data.get("saved_at"))

    def quarantine(self) -> Path:
        """Move the current file aside under a new name and return that name."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{n}{self.path.suffix}")
        os.replace(self.path, target)
        return target

    # ---------------------------------------------------------------- writing
    def save(self, answer: dict[str, Any]) -> Path:
        """Save ``answer`` atomically, keeping the previous version in the history.

        Refuses (``InputError``) to overwrite a file that is not a valid answers
        file for this exercise: call :meth:`load` first, which moves it aside.
        """
        if self.path.exists():
            self.read()  # raises on a corrupt/foreign file: never overwrite it
            self._keep_history()
        payload = {"format": FORMAT, "exercise": self.exercise,
                   "saved_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
                   "answer": answer}
        text = json.dumps(payload, ensure_ascii=False, indent=2, default=_jsonable)
        return atomic_write(self.path, text)

    def _keep_history(self) -> None:
        folder = self.history_dir
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        atomic_write(folder / f"{stamp}.json", self.path.read_bytes())
        versions = sorted(folder.glob("*.json"))
        for old in versions[:-HISTORY]:
            old.unlink(missing_ok=True)

    def versions(self) -> list[Path]:
        """Earlier versions, oldest first."""
        return sorted(self.history_dir.glob("*.json")) if self.history_dir.exists() else []


def _jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"cannot save {type(value).__name__} in an answers file")


def record_payload(exercise: str, answer: dict) -> dict:
    """The data a notebook records for the grader (see ``okrkit.ui.record``)."""
    return {"format": FORMAT, "exercise": exercise, "answer": json.loads(json.dumps(answer, default=_jsonable))}
