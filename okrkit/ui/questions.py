"""One-answer questions inside another exercise form (ex06, ex08), saved with that form's answer.

The questions are those of :mod:`okrkit.ui.choice` (``{"id", "text", "options"}``); the
host form keeps one answers file and saves this box's answer under ``"questions"``.
"""

from __future__ import annotations

import ipywidgets as W

from .. import i18n
from .choice import _options, _text
from .forms import AnswerForm, esc

LONG = 100  # characters: a chosen option longer than this (cut in a closed dropdown) is repeated in full under it


class ChoiceQuestions(W.VBox):
    """One-answer questions inside another exercise form, saved with that form's answer.

    The host form (an :class:`AnswerForm`) puts this box among its fields, calls
    :meth:`fill` with its saved ``answer["questions"]`` and :meth:`relabel` when its
    language changes, and saves :attr:`answer` under ``"questions"``.  Each question is a
    dropdown with the same classes as in :class:`ChoiceForm` (``okrkit-choice-<id>``).
    """

    def __init__(self, form: AnswerForm, questions: list[dict], *, heading: dict | str | None = None):
        super().__init__(layout=W.Layout(width="100%"))
        self.form = form
        self.questions = [dict(q) for q in questions]
        self.heading_text = heading
        self.heading = W.HTML()
        self.titles: dict[str, W.HTML] = {}
        self.inputs: dict[str, W.Dropdown] = {}
        self.echoes: dict[str, W.HTML] = {}  # a long chosen option in full (a closed dropdown cuts it)
        rows = []
        for q in self.questions:
            qid = str(q["id"])
            title = W.HTML()
            title.add_class("okrkit-question")
            field = W.Dropdown(layout=W.Layout(width="auto", min_width="14em", max_width="100%"))
            field.add_class(f"okrkit-choice-{qid}")
            field.add_class("okrkit-choice")
            field.observe(form.committed(), names="value")
            field.observe(lambda _change, qid=qid: self._echo(qid), names="value")
            echo = W.HTML()
            echo.add_class("okrkit-choice-echo")
            self.titles[qid], self.inputs[qid], self.echoes[qid] = title, field, echo
            row = W.VBox([title, field, echo])
            row.add_class("okrkit-row")
            rows.append(row)
        self.add_class("okrkit-choice-questions")
        self.children = [self.heading, *rows]

    def relabel(self) -> None:
        """Question texts and option labels in the host form's language (the choices stay)."""
        lang = self.form.lang
        if self.heading_text:
            self.heading.value = f"<h4>{esc(_text(self.heading_text, lang))}</h4>"
        for i, q in enumerate(self.questions):
            qid = str(q["id"])
            self.titles[qid].value = f"<b>{i + 1}. {esc(_text(q.get('text'), lang))}</b>"
            field = self.inputs[qid]
            value = field.value
            was = self.form._filling
            self.form._filling = True
            try:
                field.options = [(i18n.t("ui.choice.pick", lang), None)] + [
                    (_text(label, lang), v) for v, label in _options(q)]
                field.value = value
            finally:
                self.form._filling = was
            self._echo(qid)

    def _echo(self, qid: str) -> None:
        q = next(q for q in self.questions if str(q["id"]) == qid)
        label = dict(_options(q)).get(self.inputs[qid].value)
        text = _text(label, self.form.lang) if label is not None else ""
        self.echoes[qid].value = (f"<div style='font-size:0.9em;color:#31708f;white-space:normal'>→ {esc(text)}</div>"
                                  if len(text) > LONG else "")

    def fill(self, saved) -> None:
        """Pre-fill from a saved ``{question id: option}`` (anything else leaves the questions empty)."""
        saved = saved if isinstance(saved, dict) else {}
        for q in self.questions:
            qid = str(q["id"])
            values = [v for v, _ in _options(q)]
            self.inputs[qid].value = saved.get(qid) if saved.get(qid) in values else None
            self._echo(qid)

    @property
    def answer(self) -> dict:
        return {qid: field.value for qid, field in self.inputs.items()}
