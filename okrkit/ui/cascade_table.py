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
from .forms import AnswerForm, esc, field_box, number_or_text, show_number, style_widget
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


# ---------------------------------------------------------------- ex03: the participant works the cascade out

i18n.register({
    "ui.cascadeform.data": {"en": "The quarter's data", "vi": "Dữ liệu của quý"},
    "ui.cascadeform.given": {"en": "Given", "vi": "Cho trước"},
    "ui.cascadeform.value": {"en": "Value", "vi": "Giá trị"},
    "ui.cascadeform.targets": {"en": "1. Each stage's target and its owner",
                               "vi": "1. Chỉ tiêu của từng tầng và bộ phận phụ trách"},
    "ui.cascadeform.targets_help": {
        "en": "Work backwards from the revenue goal, stage by stage, with the data above; type each target "
              "(e.g. 1.200) and choose the department that owns it.",
        "vi": "Đi ngược từ mục tiêu doanh thu qua từng tầng của phễu, dùng dữ liệu ở trên; nhập chỉ tiêu "
              "(ví dụ 1.200) và chọn bộ phận phụ trách."},
    "ui.cascadeform.stage": {"en": "Stage of the funnel", "vi": "Tầng của phễu"},
    "ui.cascadeform.pick": {"en": "— choose —", "vi": "— chọn —"},
    "ui.cascadeform.basket": {"en": "2. Each department's KPI basket and weights",
                              "vi": "2. Rổ KPI và trọng số của từng bộ phận"},
    "ui.cascadeform.basket_help": {
        "en": "Each column is one department's basket: give a KPI a weight (e.g. 20%) to put it in, leave the box "
              "empty if the department does not carry it. Each column adds up to 100%.",
        "vi": "Mỗi cột là rổ KPI của một bộ phận: cho KPI một trọng số (ví dụ 20%) để đưa vào rổ, để trống nếu bộ "
              "phận không mang KPI đó. Mỗi cột cộng lại bằng 100%."},
    "ui.cascadeform.total": {"en": "Total", "vi": "Tổng"},
    "ui.cascadeform.bad_count": {"en": "'{text}' is not a number: write e.g. 1.200.",
                                 "vi": "'{text}' không phải là số: hãy viết ví dụ 1.200."},
    "ui.cascadeform.bad_weight": {"en": "'{text}' is not a weight: write e.g. 20%.",
                                  "vi": "'{text}' không phải trọng số: hãy viết ví dụ 20%."},
})

FORM_CSS = """
<style>
.okrkit-cascade-form .okrkit-cascade-grid { display: grid; gap: 4px 10px; align-items: center; }
.okrkit-cascade-form .okrkit-cascade-targets-grid { grid-template-columns: minmax(12em, 1.4fr) 10em 6em minmax(14em, 1fr); }
.okrkit-cascade-form .okrkit-cascade-weights-grid { grid-template-columns: minmax(14em, 1.6fr) repeat(3, minmax(8em, 1fr)); }
.okrkit-cascade-form .okrkit-cascade-head { font-weight: 600; color: #333; border-bottom: 1px solid #ddd; }
.okrkit-cascade-form .okrkit-hint { color: #555; font-size: 0.9em; }
.okrkit-cascade-form .okrkit-num { text-align: right; }
</style>
"""


class CascadeForm(AnswerForm):
    """ex03: the quarter's data shown; the targets, owners and KPI basket typed by the participant.

    Nothing is computed for the participant: the form reads what is typed (a target
    that is not a number, a weight that is not a share, is marked beside its field),
    shows each department's weight total, and saves.  The rubric
    (:mod:`okrkit.rubrics.ex03_cascade`) checks the answer against the funnel it runs
    itself.
    """

    css_class = "okrkit-cascade-form"

    def __init__(self, exercise: str, *, answers_path=None, lang=None, cascade=None, grading: bool = False):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="1100px"))
        from ..rubrics import ex03_cascade as rubric

        self.rubric = rubric
        self.plan = cascade if cascade is not None else rubric.expected_plan()
        saved = self.loaded
        targets = saved.get("targets") if isinstance(saved.get("targets"), dict) else {}
        owners = saved.get("owners") if isinstance(saved.get("owners"), dict) else {}
        weights = saved.get("weights") if isinstance(saved.get("weights"), dict) else {}
        self.data = W.HTML()
        self.data.add_class("okrkit-cascade-data")
        self.target_fields: dict[str, W.Text] = {}
        self.target_errors: dict[str, W.HTML] = {}
        self.owner_fields: dict[str, W.Dropdown] = {}
        self.stage_labels: dict[str, W.HTML] = {}
        self.unit_labels: dict[str, W.HTML] = {}
        self.weight_fields: dict[tuple[str, str], W.Text] = {}
        self.kpi_labels: dict[str, W.HTML] = {}
        self.dept_labels: dict[str, W.HTML] = {}
        self.totals: dict[str, W.HTML] = {}
        self._titles: list[W.HTML] = []
        self._filling = True
        try:
            head = [self._head("ui.cascadeform.stage"), self._head("ui.cascade.target"), W.HTML(),
                    self._head("ui.cascade.owner")]
            cells = list(head)
            for stage in rubric.STAGES:
                key = slug(stage)
                label = W.HTML()
                field = W.Text(value=show_number(targets.get(stage), self.lang) if targets.get(stage) is not None
                               else "", continuous_update=False, placeholder="…", layout=W.Layout(width="100%"))
                field.add_class(f"okrkit-cascade-target-{key}")
                field.observe(self.committed(), names="value")
                err = W.HTML()
                err.add_class("okrkit-field-error")
                unit = W.HTML()
                owner = W.Dropdown(layout=W.Layout(width="100%"))
                owner.add_class(f"okrkit-cascade-owner-{key}")
                owner._okrkit_saved = owners.get(stage)
                owner.observe(self.committed(), names="value")
                self.target_fields[stage], self.target_errors[stage] = field, err
                self.owner_fields[stage], self.stage_labels[stage], self.unit_labels[stage] = owner, label, unit
                cells += [label, W.VBox([field, err], layout=W.Layout(width="100%")), unit, owner]
            self.targets_grid = W.Box(cells, layout=W.Layout(width="100%"))
            for cls in ("okrkit-cascade-grid", "okrkit-cascade-targets-grid"):
                self.targets_grid.add_class(cls)

            cells = [W.HTML()]
            for dept in rubric.DEPARTMENTS:
                label = W.HTML()
                label.add_class("okrkit-cascade-head")
                self.dept_labels[dept] = label
                cells.append(label)
            for kpi in rubric.BASKET:
                label = W.HTML()
                self.kpi_labels[kpi] = label
                cells.append(label)
                for dept in rubric.DEPARTMENTS:
                    row = weights.get(dept) if isinstance(weights.get(dept), dict) else {}
                    value = row.get(kpi)
                    text = (i18n.percent(value, self.lang, decimals=4)
                            if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value or ""))
                    field = W.Text(value=text, continuous_update=False, placeholder="–", layout=W.Layout(width="100%"))
                    field.add_class(f"okrkit-cascade-weight-{slug(dept)}-{slug(kpi)}")
                    field.observe(self.committed(), names="value")
                    self.weight_fields[(dept, kpi)] = field
                    cells.append(field)
            cells.append(self._head("ui.cascadeform.total"))
            for dept in rubric.DEPARTMENTS:
                total = W.HTML()
                total.add_class(f"okrkit-cascade-total-{slug(dept)}")
                self.totals[dept] = total
                cells.append(total)
            self.weights_grid = W.Box(cells, layout=W.Layout(width="100%"))
            for cls in ("okrkit-cascade-grid", "okrkit-cascade-weights-grid"):
                self.weights_grid.add_class(cls)
            self.weight_note = W.HTML()
            self.weight_note.add_class("okrkit-field-error")
            self.relabel()
        finally:
            self._filling = False
        hint = W.HTML()
        hint2 = W.HTML()
        self.label(hint, "value", "ui.cascadeform.targets_help")
        self.label(hint2, "value", "ui.cascadeform.basket_help")
        for h in (hint, hint2):
            h.add_class("okrkit-hint")
        self.children = [style_widget(), W.HTML(FORM_CSS, layout=W.Layout(display="none")), self.header,
                         self._title("ui.cascadeform.data"), self.data,
                         self._title("ui.cascadeform.targets"), hint, self.targets_grid,
                         self._title("ui.cascadeform.basket"), hint2, self.weights_grid, self.weight_note,
                         self.trouble]
        self.update_views()

    def _head(self, key: str) -> W.HTML:
        w = W.HTML()
        w.add_class("okrkit-cascade-head")
        return self.label(w, "value", key)

    def _title(self, key: str) -> W.HTML:
        w = W.HTML()
        w._okrkit_title = key
        self._titles.append(w)
        w.value = f"<h4 style='margin:10px 0 2px 0'>{esc(self.t(key))}</h4>"
        return w

    def relabel(self) -> None:
        """Everything written in the form's language: the data table, stage and KPI names, owner choices."""
        from ..cascade import _labels, fmt_number
        from ..glossary import department_name, unit_name

        lang = self.lang
        plan = self.plan
        rows = [(_labels(plan.goal.id, plan.goal.name, plan.param_names)[lang],
                 i18n.amount(plan.goal.value, lang))]
        for key, value in plan.rates.items():
            rows.append((_labels(key, None, plan.param_names)[lang], show_rate(value, lang)))
        for key, value in plan.amounts.items():
            text = i18n.amount(value, lang) if value >= 1e6 else fmt_number(value, lang)
            rows.append((_labels(key, None, plan.param_names)[lang], text))
        self.data.value = ("<table class='okrkit-table okrkit-cascade-given'><tbody>"
                           + "".join(f"<tr><td>{esc(n[:1].upper() + n[1:])}</td><td class='okrkit-num'><b>{esc(v)}</b></td></tr>"
                                     for n, v in rows) + "</tbody></table>")
        funnel = plan.funnel()
        options = [(self.t("ui.cascadeform.pick"), None)] + [(department_name(d.name, lang), d.name)
                                                             for d in plan.departments]
        for stage in self.rubric.STAGES:
            self.stage_labels[stage].value = f"<b>{esc(self.rubric.stage_label(stage, lang))}</b>"
            self.unit_labels[stage].value = esc(unit_name(funnel[stage].unit, lang))
            owner = self.owner_fields[stage]
            value = owner.value if owner.options else owner._okrkit_saved
            was = self._filling
            self._filling = True
            try:
                owner.options = options
                owner.value = value if value in [v for _, v in options] else None
            finally:
                self._filling = was
        for kpi, label in self.kpi_labels.items():
            label.value = esc(self.rubric.kpi_label(kpi, lang))
        for dept, label in self.dept_labels.items():
            label.value = f"<b>{esc(department_name(dept, lang))}</b>"
        for w in self._titles:
            w.value = f"<h4 style='margin:10px 0 2px 0'>{esc(self.t(w._okrkit_title))}</h4>"

    def set_lang(self, lang: str) -> None:
        super().set_lang(lang)
        self.relabel()

    def _weight(self, text: str):
        """A typed weight: ``None`` when empty, a share when readable, the text itself otherwise."""
        text = (text or "").strip()
        if not text:
            return None
        share = self.rubric.share(text)
        return text if share != share else share

    @property
    def answer(self) -> dict:
        targets = {}
        for stage, field in self.target_fields.items():
            value, _problem = number_or_text(field.value)
            if value is not None:
                targets[stage] = value
        owners = {stage: f.value for stage, f in self.owner_fields.items() if f.value}
        weights = {}
        for (dept, kpi), field in self.weight_fields.items():
            value = self._weight(field.value)
            if value is not None:
                weights.setdefault(dept, {})[kpi] = value
        return {"targets": targets, "owners": owners, "weights": weights}

    def refresh(self) -> None:
        for stage, field in self.target_fields.items():
            _value, problem = number_or_text(field.value)
            err = self.target_errors[stage]
            if problem:
                err.value = "⚠ " + esc(self.t("ui.cascadeform.bad_count", text=field.value))
                field.add_class("okrkit-flagged")
            else:
                err.value = ""
                field.remove_class("okrkit-flagged")
        bad = []
        for dept in self.rubric.DEPARTMENTS:
            total = 0.0
            for kpi in self.rubric.BASKET:
                field = self.weight_fields[(dept, kpi)]
                value = self._weight(field.value)
                if isinstance(value, str):
                    bad.append(field.value)
                    field.add_class("okrkit-flagged")
                    continue
                field.remove_class("okrkit-flagged")
                total += value or 0.0
            ok = abs(total - 1) <= 0.011
            mark = "✓" if ok else ("" if total == 0 else "≠ 100%")
            cls = "okrkit-ok" if ok else ("okrkit-hint" if total == 0 else "okrkit-warn")
            self.totals[dept].value = (f"<span class='{cls}' data-total='{total:.4f}'><b>"
                                       f"{esc(i18n.percent(total, self.lang))}</b> {esc(mark)}</span>")
        self.weight_note.value = "" if not bad else "⚠ " + esc(self.t("ui.cascadeform.bad_weight", text=bad[0]))


@headless_when_grading
def cascade_form(exercise: str, *, answers_path=None, lang: str | None = None, cascade=None,
                 grading: bool = False) -> CascadeForm:
    """ex03's form: the quarter's data shown, the targets, owners and KPI basket typed by the participant."""
    return CascadeForm(exercise, answers_path=answers_path, lang=lang, cascade=cascade, grading=grading)
