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
MAX_JSON_DEPTH = 64  # answers and notebooks nest far less; a deeper file is refused before it is parsed


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


class JSONRefused(ValueError):
    """Why a participant's JSON text was refused, in one line.

    ``kind`` is ``invalid`` (not JSON at all), ``too-deep``, ``duplicate-key`` or
    ``not-unicode``; ``detail`` completes a sentence about the file: "the
    answers file {detail}" (for ``invalid``: what the JSON parser said).
    """

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


# What is not a bracket or a quote, deleted by bytes.translate before the nesting is counted.
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - set(b'[]{}"')))


def json_too_deep(text: str | bytes, limit: int) -> bool:
    """Whether the arrays and objects of JSON ``text`` nest deeper than ``limit``, found without parsing it.

    Escapes and strings are dropped, then only the brackets are kept and the
    innermost pairs removed, one level a pass (brackets that do not pair are left
    to the parser to report).  Linear in the text's size, and never recursive.

    >>> json_too_deep('{"a": [1, {"b": "[[[["}]}', 3), json_too_deep('[[[[1]]]]', 3)
    (False, True)
    """
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    # Backslashes appear only inside strings, always in pairs (escape + character): drop them two by two.
    raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    brackets = b"".join(raw.split(b'"')[::2])  # outside the strings
    if len(brackets) > 1 << 16:  # a long text: one running sum instead of up to ``limit`` passes
        import numpy as np

        b = np.frombuffer(brackets, np.uint8)
        steps = np.where((b == ord("[")) | (b == ord("{")), 1, -1).astype(np.int32)
        return int(np.cumsum(steps, dtype=np.int32).max()) > limit
    for _ in range(limit):
        inner = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if inner == brackets:
            return False
        brackets = inner
    return bool(brackets)


def _unique_keys(pairs: list) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            shown = key if len(key) <= 40 else key[:39] + "…"
            raise JSONRefused("duplicate-key", f"names the key {shown!r} twice in one object")
        out[key] = value
    return out


def load_json(text: str, *, max_depth: int = MAX_JSON_DEPTH):
    """Parse a participant's JSON ``text`` strictly, or raise :class:`JSONRefused`.

    Stricter than :func:`json.loads` where a hand-in could crash or fool the
    reader: nesting deeper than ``max_depth`` (Python's parser would recurse
    until it fails), a key given twice in one object (``json`` keeps the last,
    silently), lone surrogates (text that cannot be written back as UTF-8) and
    numbers too long to convert are refused.

    >>> load_json('{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    okrkit.answers.JSONRefused: names the key 'a' twice in one object
    """
    if json_too_deep(text, max_depth):
        raise JSONRefused("too-deep", f"is nested more than {max_depth} levels deep")
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except JSONRefused:
        raise
    except json.JSONDecodeError as exc:
        raise JSONRefused("invalid", f"{exc.msg} at line {exc.lineno}") from None
    except (ValueError, RecursionError) as exc:  # a number of more than 4300 digits; nesting json_depth missed
        raise JSONRefused("invalid", " ".join(str(exc).split())[:120] or exc.__class__.__name__) from None
    if "\\u" in text:  # an escaped lone surrogate ("\\ud800") parses, but cannot be written as UTF-8
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise JSONRefused("not-unicode", "holds text that is not valid Unicode (a lone surrogate)") from None
    return data


def parse_answers(raw: bytes | str, *, exercise: str, file: str | None = None) -> dict:
    """The validated content of an answers file for ``exercise``, or :class:`InputError`.

    ``raw`` is the file's bytes (or text); the file itself is neither named nor read here, so the grader can
    check exactly the bytes it hashed.
    """
    hint = "restore an earlier version from answers/.history/"
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes | bytearray) else raw
        data = load_json(text)
    except UnicodeDecodeError:
        raise InputError("the answers file is not valid JSON (not UTF-8 text)", file=file, hint=hint) from None
    except JSONRefused as exc:
        what = (f"the answers file is not valid JSON ({exc.detail})" if exc.kind == "invalid"
                else f"the answers file {exc.detail}")
        raise InputError(what, file=file, hint=hint) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("not an okrkit answers file", file=file,
                         hint=f"expected a JSON object with \"format\": \"{FORMAT}\"")
    if data.get("exercise") != exercise:
        raise InputError(f"this file holds answers for exercise {data.get('exercise')!r}, not {exercise!r}",
                         file=file, hint="put each exercise's answers in its own file")
    if not isinstance(data.get("answer"), dict):
        raise InputError("the answers file has no answer object", file=file, where="answer", hint=hint)
    return data


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
        return parse_answers(self.path.read_bytes(), exercise=self.exercise, file=str(self.path))

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
