"""Scoring the quarter as a form: read each objective's key results, score it, judge it by its type, write the retro.

For every objective the form shows its type (committed or aspirational) and a
table of its key results at the end of the quarter (baseline, target, result,
weight, progress from 0 to 1); the participant gives the objective's score, its
colour band and whether it meets what its type expects, and ticks the key
results that could not be scored.  Then the department scores, the objective
furthest below its expectation, and the retro.  The answer::

    {"scores": {"S1": 0.49, ...}, "bands": {"S1": "yellow", ...}, "meets": {"S1": "no", ...},
     "unscorable_krs": ["S2.KR3", ...], "biggest_gap": "M1",
     "department_scores": {"Kinh doanh": 0.65, ...}, "retro": "..."}
"""

from __future__ import annotations

import ipywidgets as W

from .. import i18n
from .forms import AnswerForm, esc, number_or_text, show_number, style_widget
from .headless import headless_when_grading
from .questions import ChoiceQuestions

i18n.register({
    "ui.quarter.title": {"en": "Scoring the quarter · {period}", "vi": "Chấm điểm quý · {period}"},
    "ui.quarter.department": {"en": "Department: {name}", "vi": "Bộ phận: {name}"},
    "ui.quarter.committed": {"en": "committed OKR", "vi": "OKR cam kết"},
    "ui.quarter.aspirational": {"en": "aspirational OKR", "vi": "OKR mở rộng"},
    "ui.quarter.kr": {"en": "Key result", "vi": "Kết quả then chốt"},
    "ui.quarter.baseline": {"en": "Baseline", "vi": "Mức xuất phát"},
    "ui.quarter.target": {"en": "Target", "vi": "Chỉ tiêu"},
    "ui.quarter.current": {"en": "End of quarter", "vi": "Cuối quý"},
    "ui.quarter.weight": {"en": "Weight", "vi": "Trọng số"},
    "ui.quarter.progress": {"en": "Progress 0–1", "vi": "Tiến độ 0–1"},
    "ui.quarter.rewrite": {"en": "Cannot be scored", "vi": "Không chấm được"},
    "ui.quarter.score": {"en": "Objective score (0–1)", "vi": "Điểm mục tiêu (0–1)"},
    "ui.quarter.band": {"en": "Colour band", "vi": "Màu"},
    "ui.quarter.meets": {"en": "Against what its type expects", "vi": "So với kỳ vọng của loại OKR"},
    "ui.quarter.yes": {"en": "Meets its expectation", "vi": "Đạt kỳ vọng"},
    "ui.quarter.no": {"en": "Falls short of it", "vi": "Chưa đạt kỳ vọng"},
    "ui.quarter.red": {"en": "red", "vi": "đỏ"},
    "ui.quarter.yellow": {"en": "yellow", "vi": "vàng"},
    "ui.quarter.green": {"en": "green", "vi": "xanh"},
    "ui.quarter.done": {"en": "done", "vi": "đã xong"},
    "ui.quarter.not_done": {"en": "not done", "vi": "chưa xong"},
    "ui.quarter.milestone": {"en": "done by the end", "vi": "hoàn thành"},
    "ui.quarter.none": {"en": "(none)", "vi": "(không có)"},
    "ui.quarter.summary": {"en": "The quarter as a whole", "vi": "Toàn quý"},
    "ui.quarter.dept_score": {"en": "OKR score of {name} (the mean of its objectives' scores)",
                              "vi": "Điểm OKR của {name} (trung bình điểm các mục tiêu)"},
    "ui.quarter.gap": {"en": "Which objective falls furthest below what its type expects?",
                       "vi": "Mục tiêu nào hụt xa nhất so với kỳ vọng của loại OKR của nó?"},
    "ui.quarter.retro": {"en": "What will you tell that objective's owner at the quarter review? Why did it fall "
                               "short, and what changes next quarter?",
                         "vi": "Bạn sẽ nói gì với người phụ trách mục tiêu đó trong buổi tổng kết quý? Vì sao "
                               "hụt, và quý sau sẽ thay đổi gì?"},
    "ui.quarter.judgements": {"en": "Scores, bonuses and confidence: what do the numbers say? (lessons 5 and 8)",
                              "vi": "Điểm, tiền thưởng và độ tự tin: những con số nói gì? (Bài 5 và Bài 8)"},
    "ui.quarter.read": {"en": "Read as {value}.", "vi": "Đọc là {value}."},
    "ui.quarter.out_of_range": {"en": "Read as {value}: a score lies between 0 and 1.",
                                "vi": "Đọc là {value}: điểm nằm trong khoảng 0 đến 1."},
    "ui.quarter.words": {"en": "{count} words.", "vi": "{count} từ."},
    "ui.quarter.words_short": {"en": "{count} words: say why, and what changes (at least {min}).",
                               "vi": "{count} từ: hãy nói vì sao và sẽ thay đổi gì (ít nhất {min} từ)."},
})

CSS = """
<style>
.okrkit-quarter-form h4 { margin: 14px 0 4px 0; }
.okrkit-quarter-form .okrkit-objective { border-left: 3px solid #4c78a8; padding: 2px 0 6px 8px; margin: 8px 0; }
.okrkit-quarter-grid { display: grid; grid-template-columns: minmax(14em, 1fr) 7.5em 7.5em 7.5em 4.5em 5.5em;
                       gap: 0 8px; font-size: 0.9em; line-height: 1.5; align-items: center; }
.okrkit-quarter-grid .num { text-align: right; }
.okrkit-quarter-grid.head { font-weight: 600; border-bottom: 1px solid #ccc; }
.okrkit-quarter-form .okrkit-kr-row { align-items: center; border-bottom: 1px solid #eee; }
.okrkit-quarter-form .okrkit-kr-row .widget-checkbox { width: 7em; margin: 0 0 0 6px; }
.okrkit-quarter-form .okrkit-question { font-weight: 600; margin-top: 6px; }
.okrkit-quarter-form textarea { font-family: inherit; }
.okrkit-quarter-form .okrkit-type { color: #555; }
</style>
"""

BAND_VALUES = ("red", "yellow", "green")


def _value(kr, value, lang: str) -> str:
    """A KR's baseline / target / result as its owner would write it."""
    if value is None or value != value:
        return "–"
    unit = (kr.unit or "").strip()
    if unit.upper() in ("VND", "ĐỒNG", "VNĐ"):
        return i18n.amount(value, lang)
    if unit == "%":
        return f"{i18n.number(value, lang)}%"
    return f"{i18n.number(value, lang)} {unit}".strip()


class ObjectiveScore(W.VBox):
    """One objective: its key results (read only) and the participant's score, band and judgement."""

    def __init__(self, form: QuarterScoreForm, objective, scored):
        self.form, self.objective, self.scored = form, objective, scored
        self.heading = W.HTML()
        self.table_head = W.HTML()
        self.kr_cells: list[W.HTML] = []
        self.rewrite: dict[str, W.Checkbox] = {}
        rows = []
        for kr in objective.key_results:
            cells = W.HTML(layout=W.Layout(flex="1 1 auto"))
            cb = W.Checkbox(value=False, indent=False, layout=W.Layout(width="7em"))
            cb.add_class(f"okrkit-quarter-rewrite-{kr.id.replace('.', '-')}")
            cb.observe(form.committed(), names="value")
            self.kr_cells.append(cells)
            self.rewrite[kr.id] = cb
            row = W.HBox([cells, cb])
            row.add_class("okrkit-kr-row")
            rows.append(row)
        slug = objective.id.replace(".", "-")
        self.score = W.Text(continuous_update=False, layout=W.Layout(width="8em"))
        self.score.add_class(f"okrkit-quarter-score-{slug}")
        self.score.observe(form.committed(), names="value")
        self.score_note = W.HTML()
        self.score_note.add_class("okrkit-feedback")
        self.band = W.Dropdown(layout=W.Layout(width="9em"))
        self.band.add_class(f"okrkit-quarter-band-{slug}")
        self.band.observe(form.committed(), names="value")
        self.meets = W.Dropdown(layout=W.Layout(width="15em"))
        self.meets.add_class(f"okrkit-quarter-meets-{slug}")
        self.meets.observe(form.committed(), names="value")
        self.labels = [W.HTML(), W.HTML(), W.HTML()]
        fields = W.HBox([
            W.VBox([self.labels[0], W.HBox([self.score, self.score_note], layout=W.Layout(align_items="center"))]),
            W.VBox([self.labels[1], self.band]), W.VBox([self.labels[2], self.meets])],
            layout=W.Layout(flex_flow="row wrap"))
        fields.add_class("okrkit-wrap")
        super().__init__([self.heading, self.table_head, *rows, fields])
        self.add_class("okrkit-objective")

    def relabel(self) -> None:
        t, lang, o = self.form.t, self.form.lang, self.objective
        kind = t("ui.quarter.aspirational" if o.type == "aspirational" else "ui.quarter.committed")
        self.heading.value = (f"<b>{esc(o.id)} · {esc(o.text)}</b> "
                              f"<span class='okrkit-type'>— {esc(kind)}</span>")
        head = [t("ui.quarter.kr"), t("ui.quarter.baseline"), t("ui.quarter.target"), t("ui.quarter.current"),
                t("ui.quarter.weight"), t("ui.quarter.progress")]
        self.table_head.value = ("<div style='display:flex'><div class='okrkit-quarter-grid head' style='flex:1'>"
                                 + "".join(f"<div class='{'num' if i else ''}'>{esc(h)}</div>" for i, h in enumerate(head))
                                 + f"</div><div style='width:7.4em;font-weight:600;font-size:0.9em;padding-left:6px'>"
                                   f"{esc(t('ui.quarter.rewrite'))}</div></div>")
        from ..scoring import kind_of

        for kr, ks, cells in zip(o.key_results, self.scored.key_results, self.kr_cells):
            kind = kind_of(kr)
            if kind == "milestone":
                target = t("ui.quarter.milestone")
                current = "–" if kr.current is None else t("ui.quarter.done" if kr.current else "ui.quarter.not_done")
                baseline = "–"
            else:
                prefix = {"stay-above": "≥ ", "stay-below": "< "}.get(kind, "")
                target = prefix + _value(kr, kr.target, lang) if kr.target is not None else t("ui.quarter.none")
                current, baseline = _value(kr, kr.current, lang), _value(kr, kr.baseline, lang)
            weight = "–" if kr.weight is None else i18n.number(kr.weight, lang)
            progress = "–" if ks.progress is None else i18n.number(ks.progress, lang, decimals=2)
            values = [(f"{kr.id} {kr.text}", ""), (baseline, "num"), (target, "num"), (current, "num"),
                      (weight, "num"), (progress, "num")]
            cells.value = ("<div class='okrkit-quarter-grid'>"
                           + "".join(f"<div class='{c}'>{esc(v)}</div>" for v, c in values) + "</div>")
        for widget, key in zip(self.labels, ("ui.quarter.score", "ui.quarter.band", "ui.quarter.meets")):
            widget.value = f"<span class='okrkit-question'>{esc(t(key))}</span>"
        was = self.form._filling
        self.form._filling = True
        try:
            band, meets = self.band.value, self.meets.value
            self.band.options = [("", None)] + [(t(f"ui.quarter.{b}"), b) for b in BAND_VALUES]
            self.band.value = band
            self.meets.options = [("", None), (t("ui.quarter.yes"), "yes"), (t("ui.quarter.no"), "no")]
            self.meets.value = meets
        finally:
            self.form._filling = was

    def note(self) -> None:
        value, problem = number_or_text(self.score.value, percent_as_share=True)
        if problem:
            self.score_note.value = f"<span class='okrkit-field-error'>{esc(self.form.t(problem, text=value))}</span>"
            self.score.add_class("okrkit-flagged")
            return
        self.score.remove_class("okrkit-flagged")
        if value is None:
            self.score_note.value = ""
            return
        shown = i18n.number(value, self.form.lang, decimals=2)
        key = "ui.quarter.read" if 0 <= value <= 1 else "ui.quarter.out_of_range"
        self.score_note.value = esc(self.form.t(key, value=shown))


class QuarterScoreForm(AnswerForm):
    """Score the quarter's objectives, read committed vs aspirational, and write the retro."""

    css_class = "okrkit-quarter-form"

    def __init__(self, exercise: str, *, okrs=None, answers_path=None, lang=None, grading: bool = False):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="1040px"))
        from ..rubrics import ex08_score_quarter as rubric
        from ..scoring import score

        self.okrs = okrs if okrs is not None else rubric.okrs()
        card = score(self.okrs)
        scored = {o.id: o for o in card.objectives}
        self.departments: list[str] = []
        for o in self.okrs.objectives:
            if o.owner not in self.departments:
                self.departments.append(o.owner)
        self.blocks: dict[str, ObjectiveScore] = {}
        self.dept_heads: dict[str, W.HTML] = {}
        children = []
        for dept in self.departments:
            head = W.HTML()
            self.dept_heads[dept] = head
            children.append(head)
            for o in self.okrs.objectives:
                if o.owner == dept:
                    block = ObjectiveScore(self, o, scored[o.id])
                    self.blocks[o.id] = block
                    children.append(block)
        self.summary_head = W.HTML()
        self.dept_scores: dict[str, W.Text] = {}
        self.dept_labels: dict[str, W.HTML] = {}
        self.dept_notes: dict[str, W.HTML] = {}
        summary = []
        for i, dept in enumerate(self.departments):
            field = W.Text(continuous_update=False, layout=W.Layout(width="8em"))
            field.add_class(f"okrkit-quarter-dept-{i}")
            field.observe(self.committed(), names="value")
            label, note = W.HTML(), W.HTML()
            note.add_class("okrkit-feedback")
            self.dept_scores[dept], self.dept_labels[dept], self.dept_notes[dept] = field, label, note
            summary += [label, W.HBox([field, note], layout=W.Layout(align_items="center"))]
        self.gap_label = W.HTML()
        self.gap = W.Dropdown(layout=W.Layout(width="auto", min_width="24em"))
        self.gap.add_class("okrkit-quarter-gap")
        self.gap.observe(self.committed(), names="value")
        self.retro_label = W.HTML()
        self.retro = W.Textarea(continuous_update=False, rows=5, layout=W.Layout(width="100%"))
        self.retro.add_class("okrkit-quarter-retro")
        self.retro.observe(self.committed(), names="value")
        self.retro_note = W.HTML()
        self.retro_note.add_class("okrkit-feedback")
        self.judgements = ChoiceQuestions(self, rubric.questions(), heading=i18n.both("ui.quarter.judgements"))
        self.title = W.HTML()
        self._filling = True
        try:
            self.relabel()
            self.fill(self.loaded)
        finally:
            self._filling = False
        self.children = [style_widget(), W.HTML(CSS, layout=W.Layout(display="none")), self.header, self.trouble, self.title,
                         *children, self.summary_head, *summary, self.gap_label, self.gap,
                         self.retro_label, self.retro, self.retro_note, self.judgements]
        self.update_views()

    # ---------------------------------------------------------------- answer
    def fill(self, saved: dict) -> None:
        scores, bands, meets = (saved.get(k) if isinstance(saved.get(k), dict) else {}
                                for k in ("scores", "bands", "meets"))
        rewrite = {str(x) for x in saved.get("unscorable_krs") or [] if x is not None}
        for oid, block in self.blocks.items():
            value = scores.get(oid)
            block.score.value = "" if value is None else (show_number(value, self.lang) if isinstance(value, (int, float))
                                                          else str(value))
            block.band.value = bands.get(oid) if bands.get(oid) in BAND_VALUES else None
            block.meets.value = meets.get(oid) if meets.get(oid) in ("yes", "no") else None
            for kid, cb in block.rewrite.items():
                cb.value = kid in rewrite
        depts = saved.get("department_scores") if isinstance(saved.get("department_scores"), dict) else {}
        for dept, field in self.dept_scores.items():
            value = depts.get(dept)
            field.value = "" if value is None else (show_number(value, self.lang) if isinstance(value, (int, float))
                                                    else str(value))
        self.gap.value = saved.get("biggest_gap") if saved.get("biggest_gap") in self.blocks else None
        self.retro.value = str(saved.get("retro") or "")
        self.judgements.fill(saved.get("questions"))

    @property
    def answer(self) -> dict:
        def num(field):
            return number_or_text(field.value, percent_as_share=True)[0]

        return {
            "scores": {oid: num(b.score) for oid, b in self.blocks.items()},
            "bands": {oid: b.band.value for oid, b in self.blocks.items()},
            "meets": {oid: b.meets.value for oid, b in self.blocks.items()},
            "unscorable_krs": [kid for b in self.blocks.values() for kid, cb in b.rewrite.items() if cb.value],
            "biggest_gap": self.gap.value,
            "department_scores": {d: num(f) for d, f in self.dept_scores.items()},
            "retro": self.retro.value.strip(),
            "questions": self.judgements.answer,
        }

    # ---------------------------------------------------------------- what the participant sees
    def relabel(self) -> None:
        t = self.t
        period = self.okrs.period
        self.title.value = (f"<h3 style='margin:4px 0'>"
                            f"{esc(t('ui.quarter.title', period=i18n.period(period, self.lang) if period else ''))}</h3>")
        for dept, head in self.dept_heads.items():
            head.value = f"<h4>{esc(t('ui.quarter.department', name=dept))}</h4>"
        for block in self.blocks.values():
            block.relabel()
        self.summary_head.value = f"<h4>{esc(t('ui.quarter.summary'))}</h4>"
        for dept, label in self.dept_labels.items():
            label.value = f"<span class='okrkit-question'>{esc(t('ui.quarter.dept_score', name=dept))}</span>"
        self.gap_label.value = f"<div class='okrkit-question'>{esc(t('ui.quarter.gap'))}</div>"
        self.retro_label.value = f"<div class='okrkit-question'>{esc(t('ui.quarter.retro'))}</div>"
        self.judgements.relabel()
        was = self._filling
        self._filling = True
        try:
            gap = self.gap.value
            self.gap.options = [("", None)] + [(f"{o.id} · {o.text}", o.id) for o in self.okrs.objectives]
            self.gap.value = gap
        finally:
            self._filling = was
        self._shown_lang = self.lang

    def refresh(self) -> None:
        from ..rubrics.ex06_sales_review import words
        from ..rubrics.ex08_score_quarter import RETRO_WORDS

        if getattr(self, "_shown_lang", None) != self.lang:
            self.relabel()
        for block in self.blocks.values():
            block.note()
        for dept, field in self.dept_scores.items():
            value, problem = number_or_text(field.value, percent_as_share=True)
            note = self.dept_notes[dept]
            if problem:
                note.value = f"<span class='okrkit-field-error'>{esc(self.t(problem, text=value))}</span>"
            elif value is None:
                note.value = ""
            else:
                key = "ui.quarter.read" if 0 <= value <= 1 else "ui.quarter.out_of_range"
                note.value = esc(self.t(key, value=i18n.number(value, self.lang, decimals=2)))
        n = words(self.retro.value)
        if not n:
            self.retro_note.value = ""
        elif n < RETRO_WORDS:
            self.retro_note.value = esc(self.t("ui.quarter.words_short", count=n, min=RETRO_WORDS))
        else:
            self.retro_note.value = f"<span class='okrkit-ok'>{esc(self.t('ui.quarter.words', count=n))}</span>"


@headless_when_grading
def quarter_score_form(exercise: str, *, okrs=None, answers_path=None, lang: str | None = None,
                       grading: bool = False) -> QuarterScoreForm:
    """Score the quarter on a form (default: the sample company's Sales and Marketing objectives)."""
    return QuarterScoreForm(exercise, okrs=okrs, answers_path=answers_path, lang=lang, grading=grading)
