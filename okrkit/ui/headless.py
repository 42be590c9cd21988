"""Forms in a grading run: the saved answer read, no widgets built.

A grading run (``grading=True``, papermill with no browser) needs from a form only
what the notebook hands to :func:`okrkit.ui.record`: the answer in the
participant's answers file.  Building the widgets (and the data behind them:
the sales review loads a year of transactions) costs most of a notebook's run
and nobody sees it, so each form factory returns a :class:`GradingForm` instead.
What a participant sees in JupyterLab and Voilà is never built this way.
"""

from __future__ import annotations

import functools
import html
import os
from pathlib import Path

from .. import i18n
from ..answers import AnswerFile
from ..answers import answers_path as default_answers_path
from ..errors import InputError


def grading_run() -> bool:
    """True inside a kernel started by ``okrkit grade``."""
    return bool(os.environ.get("OKRKIT_GRADING"))


class GradingForm:
    """What a form is in a grading run: its exercise, language and saved answer (read once)."""

    def __init__(self, exercise: str, *, answers_path=None, lang: str | None = None):
        self.exercise = exercise
        self.lang = i18n.get_lang(lang)
        self.grading = True
        self.path = Path(answers_path) if answers_path else default_answers_path(exercise)
        try:
            data = AnswerFile(self.path, exercise=exercise).read()
            self.problem = None
            self.answer = dict(data["answer"])
            self.saved_at = data.get("saved_at")
        except InputError as exc:
            self.problem = exc.what
            self.answer = {}
            self.saved_at = None

    def status_text(self) -> str:
        if self.problem:
            return i18n.t("ui.grading_missing", self.lang, path=self.path, problem=self.problem)
        return i18n.t("ui.grading", self.lang, path=self.path)

    def __repr__(self) -> str:
        return self.status_text()

    def _repr_html_(self) -> str:
        return f"<div class='okrkit-grading'>{html.escape(self.status_text())}</div>"


def headless_when_grading(factory):
    """Decorate a form factory: with ``grading=True`` it returns a :class:`GradingForm`."""

    @functools.wraps(factory)
    def build(exercise: str, *args, **kwargs):
        if kwargs.get("grading"):
            return GradingForm(exercise, answers_path=kwargs.get("answers_path"), lang=kwargs.get("lang"))
        return factory(exercise, *args, **kwargs)

    return build


class GradingCheck:
    """The check button in a grading run: nothing to click, so nothing is shown or graded."""

    def __init__(self, exercise: str):
        self.exercise = exercise
        self.result = None

    def __repr__(self) -> str:
        return ""

    def _repr_html_(self) -> str:
        return ""
