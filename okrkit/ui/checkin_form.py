"""The weekly check-in form: Plan / Progress / Problems for each key result.

For every key result: what is planned this week, what progressed, what is in
the way, the current value and a confidence from 0 (no chance) to 10
(certain).  The answer::

    {"week": "2026-W05", "checkins": [{"kr": "M1.KR1", "plan": ..., "progress": ...,
                                       "problems": ..., "current": 3300, "confidence": 7}]}

With ``forecast`` (a function of the current values, e.g. the exercise's
:func:`okrkit.rubrics.ex05_checkin.forecast`) the form shows, and updates on every
change, where each key result ends the quarter at today's pace; otherwise the
progress of each key result on its current value.  ``week`` pre-fills the week
(an exercise passes the week its scenario is about; default: this ISO week).
"""

from __future__ import annotations

from datetime import date

import ipywidgets as W

from .. import i18n
from ..model import KeyResult, Objective, OKRSet
from .forms import AnswerForm, esc, field_box, number_or_text, show_number, show_quantity, style_widget
from .headless import headless_when_grading

i18n.register({
    "ui.checkin.week": {"en": "Week", "vi": "Tuần"},
    "ui.checkin.plan": {"en": "Plan (what you will do)", "vi": "Kế hoạch (tuần này làm gì)"},
    "ui.checkin.progress": {"en": "Progress (moved how much?)", "vi": "Tiến độ (tăng/giảm bao nhiêu?)"},
    "ui.checkin.problems": {"en": "Problems (who helps, by when?)", "vi": "Vấn đề (ai giúp, tới khi nào?)"},
    "ui.checkin.current": {"en": "Current value", "vi": "Giá trị hiện tại"},
    "ui.checkin.last": {"en": "last: {value}", "vi": "lần trước: {value}"},
    "ui.checkin.confidence": {"en": "Confidence 0–10", "vi": "Độ tự tin 0–10"},
    "ui.checkin.target": {"en": "target {target}", "vi": "chỉ tiêu {target}"},
    "ui.checkin.summary": {"en": "Progress on current values", "vi": "Tiến độ theo giá trị hiện tại"},
    "ui.checkin.kr": {"en": "Key result", "vi": "Kết quả then chốt"},
    "ui.checkin.progress_col": {"en": "Progress (0–1)", "vi": "Tiến độ (0–1)"},
    "ui.checkin.forecast": {"en": "End-of-quarter forecast at today's pace",
                            "vi": "Dự báo cuối quý nếu giữ tốc độ hiện nay"},
    "ui.checkin.projected": {"en": "Forecast at quarter end", "vi": "Dự báo cuối quý"},
    "ui.checkin.forecast_progress": {"en": "Forecast progress (0–1)", "vi": "Tiến độ dự báo (0–1)"},
    "ui.checkin.status": {"en": "Heading", "vi": "Xu hướng"},
    "ui.checkin.on_track": {"en": "on track", "vi": "đúng hướng"},
    "ui.checkin.off_track": {"en": "off track", "vi": "lệch hướng"},
    "ui.checkin.no_value": {"en": "no value yet", "vi": "chưa có số liệu"},
})


def default_okrs() -> OKRSet:
    """The sample company's first marketing objective (marketing OKRs are checked weekly)."""
    from .. import sample_company

    company = sample_company()
    chosen = [o for o in company.objectives if o.id == "M1"] or list(company.objectives[:1])
    return OKRSet(tuple(chosen), company.period, company.organization)


def as_okrs(okrs) -> OKRSet:
    if okrs is None:
        return default_okrs()
    if isinstance(okrs, OKRSet):
        return okrs
    if isinstance(okrs, Objective):
        return OKRSet((okrs,))
    if isinstance(okrs, dict):
        from ..files import okrs_from_data

        return okrs_from_data(okrs)
    from ..files import load_okrs

    return load_okrs(okrs)


def this_week() -> str:
    year, week, _ = date.today().isocalendar()
    return f"{year}-W{week:02d}"


class KRCheckin(W.VBox):
    """One key result's check-in."""

    def __init__(self, form: CheckinForm, kr: KeyResult, index: int):
        self.form, self.kr, self.index = form, kr, index
        self.title = W.HTML(f"<b>{esc(kr.id)}</b> — {esc(kr.text)}")
        self.texts: dict[str, W.Textarea] = {}
        boxes = []
        for name in ("plan", "progress", "problems"):
            area = W.Textarea(continuous_update=False, rows=3, layout=W.Layout(width="100%"))
            area.add_class(f"okrkit-checkin-{name}-{index}")
            form.typing(area)  # saved as typed
            self.texts[name] = area
            boxes.append(field_box(form.label(W.Label(), "value", f"ui.checkin.{name}"), area, width="18em"))
        self.current = W.Text(continuous_update=False, layout=W.Layout(width="100%"))
        self.current.add_class(f"okrkit-checkin-current-{index}")
        self.current.observe(form.committed(), names="value")
        self.current_error = W.HTML()
        self.current_error.add_class("okrkit-field-error")
        self.confidence = W.IntSlider(value=5, min=0, max=10, continuous_update=False,
                                      layout=W.Layout(width="100%"))
        self.confidence.add_class(f"okrkit-checkin-confidence-{index}")
        self.confidence.observe(form.committed(), names="value")
        self.hint = W.HTML()
        numbers = [field_box(form.label(W.Label(), "value", "ui.checkin.current"), self.current,
                             self.current_error, width="10em"),
                   field_box(form.label(W.Label(), "value", "ui.checkin.confidence"), self.confidence, width="14em")]
        row = W.HBox(boxes + numbers, layout=W.Layout(flex_flow="row wrap", width="100%"))
        row.add_class("okrkit-wrap")
        super().__init__([self.title, self.hint, row], layout=W.Layout(width="100%"))
        self.add_class("okrkit-row")

    def relabel(self) -> None:
        if self.kr.target is not None:
            target = show_quantity(self.kr.target, self.kr.unit, self.form.lang)
            self.hint.value = f"<span style='color:#777'>{esc(self.form.t('ui.checkin.target', target=target))}</span>"

    def fill(self, data: dict) -> None:
        for name, area in self.texts.items():
            area.value = str(data.get(name) or "")
        # the week's value is the participant's to type: the last known one is only a placeholder
        current = data.get("current")
        self.current.value = show_number(current, self.form.lang) if current is not None else ""
        last = self.kr.current
        self.current.placeholder = (self.form.t("ui.checkin.last", value=show_number(last, self.form.lang))
                                    if last is not None else "")
        conf = data.get("confidence", self.kr.confidence)
        try:
            self.confidence.value = max(0, min(10, round(float(conf))))
        except (TypeError, ValueError):
            self.confidence.value = 5

    def data(self) -> dict:
        out = {"kr": self.kr.id}
        for name, area in self.texts.items():
            out[name] = area.value.strip()
        value, problem = number_or_text(self.current.value)
        self.current_error.value = esc(self.form.t(problem, text=value)) if problem else ""
        out["current"] = value
        out["confidence"] = int(self.confidence.value)
        return out


class CheckinForm(AnswerForm):
    """A weekly Plan / Progress / Problems check-in for each key result."""

    css_class = "okrkit-checkin-form"

    def __init__(self, exercise: str, *, answers_path=None, lang=None, okrs=None, grading: bool = False,
                 week: str | None = None, forecast=None):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="980px"))
        self.okrs = as_okrs(okrs)
        self.forecast = forecast
        self.week = W.Text(continuous_update=False, layout=W.Layout(width="10em"))
        self.week.add_class("okrkit-checkin-week")
        self.week.observe(self.committed(), names="value")
        saved = {str(c.get("kr")): c for c in (self.loaded.get("checkins") or []) if isinstance(c, dict)}
        self.rows: list[KRCheckin] = []
        blocks = []
        self._filling = True
        try:
            self.week.value = str(self.loaded.get("week") or week or this_week())
            for obj in self.okrs.objectives:
                blocks.append(W.HTML(f"<h4 style='margin:6px 0'>{esc(obj.id)}: {esc(obj.text)}</h4>"))
                for kr in obj.key_results:
                    row = KRCheckin(self, kr, len(self.rows))
                    row.fill(saved.get(kr.id, {}))
                    self.rows.append(row)
                    blocks.append(row)
        finally:
            self._filling = False
        self.summary = W.HTML()
        self.summary.add_class("okrkit-checkin-summary")
        self.summary.add_class("okrkit-feedback")
        week_box = W.HBox([self.label(W.Label(), "value", "ui.checkin.week"), self.week],
                          layout=W.Layout(align_items="center"))
        self.children = [style_widget(), self.header, week_box, *blocks, self.trouble, self.summary]
        self.update_views()

    @property
    def answer(self) -> dict:
        return {"week": self.week.value.strip(), "checkins": [r.data() for r in self.rows]}

    def refresh(self) -> None:
        for row in self.rows:
            row.relabel()
        self.part(self.summary, self._forecast_html if self.forecast is not None else self._progress_html)

    def _progress_html(self) -> str:
        from ..scoring import progress

        lines = []
        for row in self.rows:
            data = row.data()
            current = data["current"] if isinstance(data["current"], (int, float)) else None
            p = progress(row.kr, current=current) if current is not None else None
            lines.append(f"<tr><td>{esc(row.kr.id)}</td><td>{i18n.number(p, self.lang, decimals=2)}</td>"
                         f"<td>{data['confidence']}/10</td></tr>")
        head = "".join(f"<th>{esc(self.t(k))}</th>" for k in ("ui.checkin.kr", "ui.checkin.progress_col",
                                                              "ui.checkin.confidence"))
        return (f"<b>{esc(self.t('ui.checkin.summary'))}</b>"
                f"<table class='okrkit-table'><thead><tr>{head}</tr></thead>{''.join(lines)}</table>")

    def _forecast_html(self) -> str:
        """Where each key result ends the quarter at today's pace (the exercise's own forecast)."""
        currents = {}
        for row in self.rows:
            value = row.data()["current"]
            currents[row.kr.id] = value if isinstance(value, (int, float)) else None
        by_kr = {f["kr"]: f for f in self.forecast(currents)}
        lines = []
        for row in self.rows:
            f = by_kr.get(row.kr.id) or {}
            if f.get("progress") is None:
                state, cls = self.t("ui.checkin.no_value"), "info"
                projected = "–"
            else:
                on = f.get("on_track")
                state, cls = (self.t("ui.checkin.on_track"), "okrkit-ok") if on else (
                    self.t("ui.checkin.off_track"), "okrkit-warn")
                projected = esc(show_quantity(round(f["projected"]), row.kr.unit, self.lang))
            lines.append(f"<tr data-kr='{esc(row.kr.id)}' data-on-track='{f.get('on_track')}'>"
                         f"<td><b>{esc(row.kr.id)}</b></td><td>{projected}</td>"
                         f"<td>{i18n.number(f.get('progress'), self.lang, decimals=2)}</td>"
                         f"<td class='{cls}'>{esc(state)}</td></tr>")
        head = "".join(f"<th>{esc(self.t(k))}</th>" for k in (
            "ui.checkin.kr", "ui.checkin.projected", "ui.checkin.forecast_progress", "ui.checkin.status"))
        return (f"<b>{esc(self.t('ui.checkin.forecast'))}</b>"
                f"<table class='okrkit-table okrkit-forecast'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(lines)}</tbody></table>")


@headless_when_grading
def checkin_form(exercise: str, *, answers_path=None, lang: str | None = None, okrs=None,
                 grading: bool = False, week: str | None = None, forecast=None) -> CheckinForm:
    """A weekly check-in form; ``okrs`` is an OKRSet, an Objective, OKR-file data or a path
    (default: the sample company's marketing objective M1).

    ``week`` pre-fills the week (default: this ISO week); ``forecast(currents)`` returns, per
    key result, ``{"kr", "projected", "progress", "on_track"}`` and is shown in the form.
    """
    return CheckinForm(exercise, answers_path=answers_path, lang=lang, okrs=okrs, grading=grading, week=week,
                       forecast=forecast)
