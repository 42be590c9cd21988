"""Classification questions as a form: dropdowns (one answer) and checkboxes (several).

A question is a dict::

    {"id": "q1",
     "text": {"en": "Which BSC perspective is 'NPS'?", "vi": "NPS thuộc khía cạnh nào của BSC?"},
     "options": ["financial", "customer", {"value": "process", "label": {"en": "internal process",
                                                                          "vi": "quy trình nội bộ"}}],
     "multiple": False}

``text`` and an option's ``label`` are plain text or ``{"en", "vi"}``.  The
answer maps each question id to the chosen value (``None`` when unanswered), or
to a list of values for a ``multiple`` question.

A question with ``"kind": "number"`` is a one-line field for a figure the participant works out, and
one with ``"kind": "text"`` a few lines of their own words (saved as they type); either may carry a
``placeholder`` (``{"en", "vi"}``).  Their answer is the text as typed (``""`` when empty): the rubric
reads the figure (``okrkit.quantity``), so "1.200", "1,200" and "1200" are all the participant's to write.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as W

from .. import i18n
from ..errors import InputError
from .forms import AnswerForm, esc, style_widget
from .headless import headless_when_grading

i18n.register({
    "ui.choice.pick": {"en": "(choose)", "vi": "(chọn)"},
    "ui.choice.answered": {"en": "{done} of {total} answered", "vi": "Đã trả lời {done}/{total} câu"},
})


def _text(value, lang: str) -> str:
    if isinstance(value, Mapping):     # a dict, or a rubric's LazyText (written from the class's company)
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _options(question: dict) -> list[tuple[str, object]]:
    """``[(value, label), …]`` of a question."""
    out = []
    for opt in question.get("options") or []:
        if isinstance(opt, dict):
            out.append((str(opt["value"]), opt.get("label", opt["value"])))
        elif isinstance(opt, (tuple, list)) and len(opt) == 2:
            out.append((str(opt[0]), opt[1]))
        else:
            out.append((str(opt), str(opt)))
    return out


class ChoiceForm(AnswerForm):
    """Answer classification questions by choosing; every choice is saved at once."""

    css_class = "okrkit-choice-form"

    def __init__(self, exercise: str, *, questions: list[dict], answers_path=None, lang=None,
                 grading: bool = False):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="980px"))
        if not questions:
            raise InputError("a choice form needs at least one question", where="questions",
                             hint='pass questions=[{"id": "q1", "text": ..., "options": [...]}]')
        self.questions = [dict(q) for q in questions]
        ids = [str(q.get("id")) for q in self.questions]
        if len(set(ids)) != len(ids) or "None" in ids:
            raise InputError("every question needs its own id", where="questions", hint="give ids such as q1, q2, …")
        self.titles: dict[str, W.HTML] = {}
        self.inputs: dict[str, object] = {}
        rows = []
        self._filling = True
        try:
            for q in self.questions:
                qid = str(q["id"])
                title = W.HTML()
                self.titles[qid] = title
                kind = q.get("kind")
                if kind in ("text", "number"):
                    saved = self.loaded.get(qid)
                    saved = "" if saved is None or isinstance(saved, (dict, list)) else str(saved)
                    if kind == "text":
                        field = W.Textarea(value=saved, layout=W.Layout(width="100%", height="4.5em"))
                        self.typing(field)
                    else:   # commits on Enter or on leaving the field
                        field = W.Text(value=saved, continuous_update=False, layout=W.Layout(width="16em"))
                        field.observe(self.committed(), names="value")
                elif q.get("multiple"):
                    boxes = []
                    chosen = self.loaded.get(qid) if isinstance(self.loaded.get(qid), list) else []
                    for value, _label in _options(q):
                        cb = W.Checkbox(value=value in chosen, indent=False, layout=W.Layout(width="auto"))
                        cb.add_class(f"okrkit-choice-{qid}-{value}")
                        cb._okrkit_value = value
                        cb.observe(self.committed(), names="value")
                        boxes.append(cb)
                    field = W.HBox(boxes, layout=W.Layout(flex_flow="row wrap"))
                    field.add_class("okrkit-wrap")
                else:
                    field = W.Dropdown(layout=W.Layout(width="auto", min_width="14em"))
                    field.observe(self.committed(), names="value")
                field.add_class(f"okrkit-choice-{qid}")
                field.add_class("okrkit-choice")
                self.inputs[qid] = field
                row = W.VBox([title, field])
                row.add_class("okrkit-row")
                rows.append(row)
            self.progress = W.HTML()
            self.progress.add_class("okrkit-choice-progress")
            self.relabel()
            for q in self.questions:
                qid = str(q["id"])
                if not q.get("multiple") and q.get("kind") not in ("text", "number"):
                    saved = self.loaded.get(qid)
                    values = [v for v, _ in _options(q)]
                    self.inputs[qid].value = saved if saved in values else None
        finally:
            self._filling = False
        self.children = [style_widget(), self.header, *rows, self.trouble, self.progress]
        self.update_views()

    def relabel(self) -> None:
        for i, q in enumerate(self.questions):
            qid = str(q["id"])
            self.titles[qid].value = f"<b>{i + 1}. {esc(_text(q.get('text'), self.lang))}</b>"
            field = self.inputs[qid]
            if q.get("kind") in ("text", "number"):
                field.placeholder = _text(q.get("placeholder"), self.lang)
            elif q.get("multiple"):
                labels = dict(_options(q))
                for cb in field.children:
                    cb.description = _text(labels[cb._okrkit_value], self.lang)
            else:
                value = field.value
                was = self._filling
                self._filling = True
                try:
                    field.options = [(self.t("ui.choice.pick"), None)] + [
                        (_text(label, self.lang), v) for v, label in _options(q)]
                    field.value = value
                finally:
                    self._filling = was

    def set_lang(self, lang: str) -> None:
        self.lang = i18n.get_lang(lang)
        if self.lang_toggle.value == self.lang:
            self.relabel()
        super().set_lang(lang)

    @property
    def answer(self) -> dict:
        out = {}
        for q in self.questions:
            qid = str(q["id"])
            field = self.inputs[qid]
            if q.get("kind") in ("text", "number"):
                out[qid] = field.value
            elif q.get("multiple"):
                out[qid] = [cb._okrkit_value for cb in field.children if cb.value]
            else:
                out[qid] = field.value
        return out

    def refresh(self) -> None:
        done = sum(1 for v in self.answer.values() if (v.strip() if isinstance(v, str) else v))
        self.progress.value = esc(self.t("ui.choice.answered", done=done, total=len(self.questions)))


@headless_when_grading
def choice_form(exercise: str, *, questions: list[dict], answers_path=None, lang: str | None = None,
                grading: bool = False) -> ChoiceForm:
    """A form of classification questions (dropdowns / checkboxes) for ``exercise``."""
    return ChoiceForm(exercise, questions=questions, answers_path=answers_path, lang=lang, grading=grading)
