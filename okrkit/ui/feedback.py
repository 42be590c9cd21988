"""Feedback a participant sees: lint findings beside fields, and "Check my answer".

``check(exercise, answer)`` grades an answer with the exercise's rubric
(:func:`okrkit.rubric.load_rubric`) — the very rubric the grader uses — and
``check_button`` puts that behind a button.  Neither ever raises into the
output area: a missing rubric or a malformed answer is a message.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import ipywidgets as W

from .. import i18n
from ..answers import answers_path
from ..errors import OkrkitError
from .forms import esc

i18n.register({
    "ui.check": {"en": "Check my answer", "vi": "Kiểm tra bài làm"},
    "ui.handed_back": {"en": "Your trainer has graded your work: open your feedback",
                       "vi": "Giảng viên đã chấm bài của bạn: mở trang nhận xét"},
    "ui.no_rubric": {"en": "There is no automatic check for {exercise} yet: ask your trainer.",
                     "vi": "Bài {exercise} chưa có phần kiểm tra tự động: hãy hỏi giảng viên."},
    "ui.check_failed": {"en": "The check could not run ({problem}).",
                        "vi": "Không chạy được phần kiểm tra ({problem})."},
    "ui.score": {"en": "Score: {score} / {max_score}", "vi": "Điểm: {score} / {max_score}"},
    "ui.lint_clean": {"en": "No problems found.", "vi": "Không thấy vấn đề gì."},
    "ui.lint_unavailable": {"en": "Live feedback is not available yet.",
                            "vi": "Chưa có phản hồi tức thời."},
})

# Symbols every common font has (emoji are missing on many Linux desktops).
SEVERITY_ICON = {"error": "✖", "warning": "⚠", "info": "ℹ"}


# ---------------------------------------------------------------- lint findings
def lint_findings(okrs, lang: str) -> list | None:
    """Findings of :func:`okrkit.lint.lint` on ``okrs``; ``None`` when lint is not available."""
    try:
        from ..lint import lint
    except ImportError:
        return None
    report = lint(okrs, lang=lang)
    return list(report.findings)


def finding_text(finding, lang: str) -> str:
    """A finding's message in ``lang``, form-made ids named as the form shows them ("KR 2 của mục tiêu 1")."""
    from ..glossary import name_ids

    message = getattr(finding, "message", "")
    if isinstance(message, dict):
        message = message.get(lang) or message.get("en") or ""
    return name_ids(str(message), lang)


def findings_html(findings, lang: str) -> str:
    """A small list of findings; each item carries ``okrkit-rule-<rule>`` for tests and styling."""
    if not findings:
        return ""
    items = []
    for f in findings:
        sev = getattr(f, "severity", "warning") or "warning"
        rule = str(getattr(f, "rule", "rule"))
        source = getattr(f, "source", None)
        title = f" title='{esc(source)}'" if source else ""
        items.append(f"<li class='{esc(sev)} okrkit-finding okrkit-rule-{esc(rule)}' data-rule='{esc(rule)}'{title}>"
                     f"{SEVERITY_ICON.get(sev, '•')} {esc(finding_text(f, lang))}</li>")
    return "<ul>" + "".join(items) + "</ul>"


# ---------------------------------------------------------------- rubric checks
def check(exercise: str, answer: dict | None, *, lang: str | None = None):
    """Grade ``answer`` with the exercise's rubric and return the :class:`~okrkit.rubric.RubricResult`.

    Returns ``None`` (after printing why) when there is no rubric yet.
    """
    lang = i18n.get_lang(lang)
    result, message = _grade(exercise, answer, lang)
    if result is None:
        _display_html(f"<div class='okrkit-feedback okrkit-warn'>{esc(message)}</div>", message)
    return result


def _grade(exercise: str, answer, lang: str):
    from ..rubric import load_rubric

    try:
        rubric = load_rubric(exercise)
    except OkrkitError:
        return None, i18n.t("ui.no_rubric", lang, exercise=exercise)
    except Exception as exc:  # noqa: BLE001  -- a broken rubric must not show a traceback
        return None, i18n.t("ui.check_failed", lang, problem=f"{type(exc).__name__}: {exc}")
    try:
        return rubric.grade(answer, lang=lang), None
    except Exception as exc:  # noqa: BLE001  -- never raise into the output area
        return None, i18n.t("ui.check_failed", lang, problem=f"{type(exc).__name__}: {exc}")


def result_html(result, lang: str) -> str:
    """Every check by its title (passed and failed), its points, and its feedback under it."""
    rows = "".join(
        f"<li class='okrkit-check {'passed' if c.passed else 'failed'}' data-check='{esc(c.id)}'>"
        f"{'✔' if c.passed else '✘'} <b class='okrkit-check-title'>{esc(c.title or c.id)}</b> "
        f"<span style='color:#777'>({i18n.number(c.earned, lang)}/{i18n.number(c.points, lang)})</span>"
        + (f"<div class='okrkit-check-text' style='margin-left:1.3em'>{esc(c.feedback)}</div>" if c.feedback else "")
        + "</li>"
        for c in result.checks)
    head = i18n.t("ui.score", lang, score=i18n.number(result.score, lang),
                  max_score=i18n.number(result.max_score, lang))
    return f"<div class='okrkit-rubric'><b>{esc(head)}</b><ul>{rows}</ul></div>"


class CheckButton(W.VBox):
    """A "Check my answer" button and the rubric's feedback under it."""

    def __init__(self, exercise: str, get_answer: Callable[[], Any], *, lang: str | None = None):
        self.exercise = exercise
        self.get_answer = get_answer
        self.lang = i18n.get_lang(lang)
        self.button = W.Button(description=i18n.t("ui.check", self.lang), icon="check",
                               button_style="info", layout=W.Layout(width="auto"))
        self.button.add_class("okrkit-check-button")
        self.output = W.HTML()
        self.output.add_class("okrkit-feedback")
        self.output.add_class("okrkit-check-feedback")
        self.result = None
        self.button.on_click(lambda _b: self.run())
        self.handed_back = W.HTML()   # a link to the feedback the trainer handed back, once there is one
        self.handed_back.add_class("okrkit-handed-back")
        super().__init__([self.button, self.output, self.handed_back])
        self.add_class("okrkit-check-box")
        self.show_handed_back()

    def show_handed_back(self) -> None:
        """Link the feedback page the trainer handed back (class served by a hub), if there is one."""
        from ..classroom.handin import feedback_link

        link = feedback_link()
        self.handed_back.value = (f"<a href='{esc(link)}' target='_blank' rel='noopener'>"
                                  f"{esc(i18n.t('ui.handed_back', self.lang))}</a>") if link else ""

    def set_lang(self, lang: str) -> None:
        self.lang = i18n.get_lang(lang)
        self.button.description = i18n.t("ui.check", self.lang)
        self.show_handed_back()
        if self.output.value:
            self.run()

    def run(self):
        try:
            answer = self.get_answer()
        except Exception as exc:  # noqa: BLE001  -- never raise into the output area
            answer = None
            self.output.value = f"<span class='okrkit-warn'>{esc(i18n.t('ui.check_failed', self.lang, problem=exc))}</span>"
            return None
        result, message = _grade(self.exercise, answer, self.lang)
        self.result = result
        if result is not None and not os.environ.get("OKRKIT_GRADING"):
            from ..classroom.progress import mark_checked  # the trainer's grid shows "checked"

            mark_checked(answers_path(self.exercise), self.exercise)
            self.show_handed_back()
        if result is None:
            self.output.value = f"<span class='okrkit-warn'>{esc(message)}</span>"
        else:
            self.output.value = result_html(result, self.lang)
        return result


def check_button(exercise: str, get_answer: Callable[[], Any] | Any, *, lang: str | None = None) -> CheckButton:
    """A "Check my answer" / "Kiểm tra bài làm" button for ``exercise``.

    ``get_answer`` is a function returning the answer, or a form (its ``.answer`` is used).
    In a grading run (no one to click it) nothing is built: the grader scores the saved answer.
    """
    from .headless import GradingCheck, grading_run

    if grading_run():
        return GradingCheck(exercise)
    if hasattr(get_answer, "answer") and not isinstance(get_answer, type):
        form = get_answer

        def get_answer():
            return form.answer
    return CheckButton(exercise, get_answer, lang=lang)


def _display_html(markup: str, text: str) -> None:
    try:
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - outside Jupyter
        print(text)
        return
    display(HTML(markup))
