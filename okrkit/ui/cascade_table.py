"""The cascade table: funnel parameters in, department targets out, each explained.

The participant sets the shared goal (e.g. ``12 tỷ``), the rates (``25%``) and
amounts (``20 triệu``) of the funnel; the table back-calculates deals,
opportunities, leads, traffic and sales headcount with
:meth:`okrkit.cascade.Cascade.funnel`, and says for each target why it is what
it is.  A rate of 0 or above 100%, or an amount that is not a positive number,
is marked beside its field with the message — the other targets keep their
last good values, and no traceback ever reaches the output area.

The answer::

    {"goal": 12000000000, "rates": {"win_rate": 0.25, ...}, "amounts": {"deal_size": 20000000, ...},
     "targets": {"deals": 600, "opportunities": 2400, ...}}
"""

from __future__ import annotations

import dataclasses

import ipywidgets as W

from .. import i18n
from ..quantity import parse_number
from .forms import AnswerForm, esc, field_box, show_number, style_widget
from .headless import headless_when_grading
from .weights import slug

i18n.register({
    "ui.cascade.inputs": {"en": "Funnel parameters", "vi": "Thông số của phễu"},
    "ui.cascade.outputs": {"en": "Department targets (derived)", "vi": "Chỉ tiêu của các bộ phận (tính ra)"},
    "ui.cascade.goal": {"en": "Shared goal: {name}", "vi": "Mục tiêu chung: {name}"},
    "ui.cascade.target": {"en": "Target", "vi": "Chỉ tiêu"},
    "ui.cascade.owner": {"en": "Owner", "vi": "Phụ trách"},
    "ui.cascade.why": {"en": "Why", "vi": "Vì sao"},
    "ui.cascade.bad_rate": {"en": "'{text}' is not a rate above 0% and at most 100% (write e.g. 25%).",
                            "vi": "'{text}' không phải tỷ lệ lớn hơn 0% và tối đa 100% (viết ví dụ 25%)."},
    "ui.cascade.bad_amount": {"en": "'{text}' is not an amount above 0 (write e.g. 20 triệu or 28).",
                              "vi": "'{text}' không phải số lớn hơn 0 (viết ví dụ 20 triệu hoặc 28)."},
    "ui.cascade.stale": {"en": "Fix the marked fields: the targets below still use the last valid values.",
                         "vi": "Hãy sửa các ô được đánh dấu: các chỉ tiêu bên dưới vẫn dùng giá trị hợp lệ gần nhất."},
})


def read_rate(text: str) -> float | None:
    """``'25%'`` or ``'0.25'`` → 0.25; ``'25'`` (no %) reads as 25% too; ``None`` when not a rate in (0, 1]."""
    try:
        value, unit = parse_number(text)
    except Exception:  # noqa: BLE001  -- never raise into the output area
        return None
    if unit == "%" or value > 1:
        value = value / 100
    return value if 0 < value <= 1 else None


def read_amount(text: str) -> float | None:
    try:
        value, _unit = parse_number(text)
    except Exception:  # noqa: BLE001  -- never raise into the output area
        return None
    return value if value > 0 else None


def show_rate(value: float, lang: str | None = None) -> str:
    """``0.009`` → ``'0,9%'`` (vi) / ``'0.9%'`` (en)."""
    return i18n.percent(value, lang, decimals=4)


def show_amount(value: float, lang: str | None = None) -> str:
    """``12e9`` → ``'12 tỷ'`` (vi) / ``'12 billion'`` (en); reads back to the same number."""
    return show_number(value, lang)


class CascadeTable(AnswerForm):
    """Funnel parameters in, derived department targets out, each with its explanation."""

    css_class = "okrkit-cascade-table"

    def __init__(self, exercise: str, *, answers_path=None, lang=None, cascade=None, grading: bool = False):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="1100px"))
        if cascade is None:
            from ..cascade import sample_cascade

            cascade = sample_cascade()
        elif not hasattr(cascade, "funnel"):
            from ..cascade import cascade_from_data, load_cascade

            cascade = cascade_from_data(cascade) if isinstance(cascade, dict) else load_cascade(cascade)
        self.plan = cascade
        self.good = cascade
        saved = self.loaded
        from ..cascade import _labels

        self.fields: dict[tuple[str, str], W.Text] = {}
        self.errors: dict[tuple[str, str], W.HTML] = {}
        self.names: dict[tuple[str, str], dict] = {}
        boxes = []
        specs = [("goal", cascade.goal.id, cascade.goal.value)]
        specs += [("rates", k, v) for k, v in cascade.rates.items()]
        specs += [("amounts", k, v) for k, v in cascade.amounts.items()]
        self._filling = True
        try:
            for group, key, default in specs:
                if group == "goal":
                    value = saved.get("goal", default)
                    names = _labels(key, cascade.goal.name, cascade.param_names)
                else:
                    value = (saved.get(group) or {}).get(key, default) if isinstance(saved.get(group), dict) else default
                    names = _labels(key, None, cascade.param_names)
                if isinstance(value, (int, float)):
                    text = show_rate(value, self.lang) if group == "rates" else show_amount(value, self.lang)
                else:
                    text = str(value)
                field = W.Text(value=text, continuous_update=False, layout=W.Layout(width="100%"))
                field.add_class(f"okrkit-cascade-{slug(key)}")
                field.observe(self.committed(), names="value")
                err = W.HTML()
                err.add_class("okrkit-field-error")
                err.add_class(f"okrkit-cascade-error-{slug(key)}")
                label = W.HTML()
                self.fields[(group, key)] = field
                self.errors[(group, key)] = err
                self.names[(group, key)] = names
                box = field_box(label, field, err, width="14em")
                box._okrkit_label = label
                boxes.append(box)
        finally:
            self._filling = False
        self.boxes = boxes
        grid = W.HBox(boxes, layout=W.Layout(flex_flow="row wrap", width="100%"))
        grid.add_class("okrkit-wrap")
        self.note = W.HTML()
        self.note.add_class("okrkit-cascade-note")
        self.table = W.HTML(layout=W.Layout(width="100%"))
        self.table.add_class("okrkit-cascade-targets")
        self.children = [style_widget(), self.header, self.label(W.HTML(), "value", "ui.cascade.inputs"), grid,
                         self.note, self.trouble, self.label(W.HTML(), "value", "ui.cascade.outputs"), self.table]
        self.update_views()

    def _read(self):
        """Read every field; returns (values, problems) where problems maps field → message key."""
        values: dict = {"goal": None, "rates": {}, "amounts": {}}
        problems = {}
        for (group, key), field in self.fields.items():
            text = field.value.strip()
            if group == "rates":
                v = read_rate(text)
                if v is None:
                    problems[(group, key)] = "ui.cascade.bad_rate"
                    values[group][key] = text
                else:
                    values[group][key] = v
            else:
                v = read_amount(text)
                if v is None:
                    problems[(group, key)] = "ui.cascade.bad_amount"
                if group == "goal":
                    values["goal"] = text if v is None else v
                else:
                    values[group][key] = text if v is None else v
        return values, problems

    @property
    def answer(self) -> dict:
        """The parameters as typed and the targets they give (the last valid ones while a field is wrong).

        Computed here, not taken from the last refresh: the answer is saved before the table is redrawn.
        """
        values, problems = self._read()
        plan = self.good
        if not problems:
            try:
                plan = self._candidate(values)
            except Exception:  # noqa: BLE001, S110  -- the refresh shows the problem; the save goes on
                pass
        values["targets"] = {t.id: t.value for t in plan.funnel()}
        return values

    def refresh(self) -> None:
        for (group, key), box in zip(self.fields, self.boxes):
            box._okrkit_label.value = f"<b>{esc(self.names[(group, key)][self.lang])}</b>"
        values, problems = self._read()
        for k, err in self.errors.items():
            field = self.fields[k]
            if k in problems:
                err.value = "⚠ " + esc(self.t(problems[k], text=field.value))
                field.add_class("okrkit-flagged")
            else:
                err.value = ""
                field.remove_class("okrkit-flagged")
        if not problems:
            self.good = self._candidate(values)  # raises (shown beside the table) if the plan cannot run
            self.note.value = ""
        else:
            self.note.value = f"<span class='okrkit-warn'>{esc(self.t('ui.cascade.stale'))}</span>"
        self.table.value = self._table_html()

    def _candidate(self, values):
        """The plan with the typed parameters; its funnel is checked to run."""
        goal = dataclasses.replace(self.plan.goal, value=float(values["goal"]))
        candidate = dataclasses.replace(self.plan, goal=goal, rates=dict(values["rates"]),
                                        amounts=dict(values["amounts"]))
        candidate.funnel()
        return candidate

    def _table_html(self) -> str:
        from ..cascade import fmt_number

        rows = []
        for t in self.good.funnel():
            rows.append(f"<tr class='okrkit-target-{esc(slug(t.id))}' data-target='{esc(t.id)}' data-value='{t.value:g}'>"
                        f"<td><b>{esc(t.title(self.lang))}</b></td>"
                        f"<td style='text-align:right;white-space:nowrap'>{esc(fmt_number(t.value, self.lang))} "
                        f"{esc(t.unit or '')}</td><td>{esc(t.owner or '')}</td>"
                        f"<td style='color:#555'>{esc(t.explain(self.lang))}</td></tr>")
        head = "".join(f"<th>{esc(self.t(k))}</th>" for k in ("ui.cascade.target", "ui.cascade.owner"))
        return (f"<table class='okrkit-table'><thead><tr><th></th>{head}<th>{esc(self.t('ui.cascade.why'))}</th>"
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


@headless_when_grading
def cascade_table(exercise: str, *, answers_path=None, lang: str | None = None, cascade=None,
                  grading: bool = False) -> CascadeTable:
    """A cascade table for ``exercise`` on ``cascade`` (default: ``ok.sample_cascade()``)."""
    return CascadeTable(exercise, answers_path=answers_path, lang=lang, cascade=cascade, grading=grading)
