"""The OKR builder: write objectives and key results in a form, with live feedback.

Each objective has its text, owner, type (committed / aspirational), the
company objective it aligns to, and 3–5 key-result rows (text, kind, baseline,
target, current, unit, weight) that can be added and removed.  When a field is
committed (on leaving it, or Enter) the builder runs :func:`okrkit.lint.lint`
and shows each finding beside the objective or key result it concerns, updates
the score preview, and saves the answer.

``form.answer`` has the shape of an OKR file::

    {"objectives": [{"id": "O1", "text": ..., "owner": ..., "type": "committed",
                     "parent": "C1", "key_results": [{"id": "O1.KR1", "text": ..., ...}]}]}
"""

from __future__ import annotations

import re

import ipywidgets as W

from .. import glossary, i18n  # noqa: F401 - glossary registers the kinds offered below
from ..model import KR_KINDS, OKR_TYPES, KeyResult, Objective, OKRSet
from .feedback import findings_html, lint_findings
from .forms import AnswerForm, esc, field_box, number_or_text, show_number, style_widget
from .headless import headless_when_grading

MIN_KRS, MAX_KRS, START_KRS = 1, 5, 3
NUMBER_FIELDS = ("baseline", "target", "current", "weight")

i18n.register({
    "ui.builder.title": {"en": "Objective {n}", "vi": "Mục tiêu {n}"},
    "ui.builder.objective": {"en": "Objective (qualitative, ambitious, inspiring)",
                             "vi": "Mục tiêu (định tính, tham vọng, truyền cảm hứng)"},
    "ui.builder.objective_ph": {"en": "e.g. Become the first choice of small retailers going online",
                                "vi": "VD: Trở thành lựa chọn số một của cửa hàng nhỏ khi bán online"},
    "ui.builder.owner": {"en": "Owner", "vi": "Bộ phận phụ trách"},
    "ui.builder.type": {"en": "Type", "vi": "Loại"},
    "ui.builder.parent": {"en": "Aligns to", "vi": "Gắn với mục tiêu"},
    "ui.builder.no_parent": {"en": "(none)", "vi": "(không)"},
    "ui.builder.kr": {"en": "Key result {n}", "vi": "Kết quả then chốt {n}"},
    "ui.builder.kr_ph": {"en": "e.g. Reach 8.4 billion VND revenue from new customers",
                         "vi": "VD: Đạt doanh thu 8,4 tỷ đồng từ khách hàng mới"},
    "ui.builder.kind": {"en": "Kind", "vi": "Kiểu"},
    "ui.builder.baseline": {"en": "Baseline", "vi": "Mức xuất phát"},
    "ui.builder.target": {"en": "Target", "vi": "Chỉ tiêu"},
    "ui.builder.current": {"en": "Current", "vi": "Hiện tại"},
    "ui.builder.unit": {"en": "Unit", "vi": "Đơn vị"},
    "ui.builder.weight": {"en": "Weight", "vi": "Trọng số"},
    "ui.builder.number_ph": {"en": "e.g. 800 million", "vi": "vd 800 triệu"},
    "ui.builder.weight_ph": {"en": "e.g. 50%", "vi": "vd 50%"},
    "ui.builder.add": {"en": "Add a key result", "vi": "Thêm kết quả then chốt"},
    "ui.builder.remove": {"en": "Remove", "vi": "Xóa"},
    "ui.builder.preview": {"en": "Score preview", "vi": "Điểm dự kiến"},
    "ui.builder.no_score": {"en": "no score yet (needs a target and a current value)",
                            "vi": "chưa tính được điểm (cần chỉ tiêu và giá trị hiện tại)"},
    "ui.builder.write_objective": {"en": "Write the objective first.", "vi": "Hãy viết mục tiêu trước."},
    "ui.builder.max_krs": {"en": "At most {n} key results per objective.",
                           "vi": "Tối đa {n} kết quả then chốt cho mỗi mục tiêu."},
})


def _parents(ids: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """The objectives an OKR aligns to: by default the company objectives the rubrics' alignment check accepts.

    Not every objective without a parent: the sample company's M3 is a Marketing objective left
    unaligned on purpose (a lint example), and offering it would invite an answer the check rejects.
    With ``ids`` (e.g. a team's objectives for a rep's own OKR), those objectives of the sample
    company, in that order.
    """
    try:
        if ids is not None:
            from .. import sample_company

            known = {o.id: o for o in sample_company().objectives}
            return [(i, known[i].text) for i in ids if i in known]
        from ..rubrics.okr_checks import company_objectives

        return [(o.id, o.text) for o in company_objectives().values()]
    except Exception:  # noqa: BLE001  -- never raise into the output area
        return []


def _owners() -> list[str]:
    try:
        from .. import sample_company

        return [o for o in sample_company().owners() if o]
    except Exception:  # noqa: BLE001  -- never raise into the output area
        return []


class KRRow(W.VBox):
    """One key-result row: its fields, an error line per number, and its feedback."""

    def __init__(self, form: OKRBuilder, obj: ObjectiveBlock, index: int):
        self.form, self.obj, self.index = form, obj, index
        n = f"{obj.index}-{index}" if obj.index else f"{index}"
        self.title = W.HTML()
        self.text = W.Text(continuous_update=False, layout=W.Layout(width="100%"))
        self.text.add_class(f"okrkit-kr-text-{n}")
        self.kind = W.Dropdown(layout=W.Layout(width="100%"))
        self.kind.add_class(f"okrkit-kr-kind-{n}")
        self.fields: dict[str, W.Text] = {}
        self.errors: dict[str, W.HTML] = {}
        boxes = [field_box(W.Label(), self.kind, width="11em")]
        form.label(boxes[0].children[0], "value", "ui.builder.kind")
        for name in ("baseline", "target", "current", "unit", "weight"):
            field = W.Text(continuous_update=False, layout=W.Layout(width="100%"))
            field.add_class(f"okrkit-kr-{name}-{n}")
            self.fields[name] = field
            err = W.HTML()
            err.add_class("okrkit-field-error")
            self.errors[name] = err
            lab = W.Label()
            form.label(lab, "value", f"ui.builder.{name}")
            boxes.append(field_box(lab, field, err, width="7.5em" if name in ("unit", "weight") else "9em"))
        self.remove = W.Button(icon="trash", layout=W.Layout(width="auto", align_self="flex-end"))
        self.remove.add_class(f"okrkit-kr-remove-{n}")
        form.label(self.remove, "tooltip", "ui.builder.remove")
        self.feedback = W.HTML()
        self.feedback.add_class("okrkit-feedback")
        self.feedback.add_class(f"okrkit-kr-feedback-{n}")
        numbers = W.HBox(boxes + [self.remove], layout=W.Layout(flex_flow="row wrap", width="100%"))
        numbers.add_class("okrkit-wrap")
        super().__init__([self.title, self.text, numbers, self.feedback], layout=W.Layout(width="100%"))
        self.add_class("okrkit-row")
        self.add_class("okrkit-kr-row")
        self.relabel()
        form.typing(self.text)  # saved as typed; feedback on leaving it
        for w in (self.kind, *self.fields.values()):
            w.observe(form.committed(), names="value")
        self.remove.on_click(lambda _b: form.safely(obj.remove_row, self))

    def relabel(self) -> None:
        lang = self.form.lang
        self.title.value = f"<b>{esc(i18n.t('ui.builder.kr', lang, n=self.index + 1))}</b>"
        self.text.placeholder = i18n.t("ui.builder.kr_ph", lang)
        for name in ("baseline", "target", "current"):
            self.fields[name].placeholder = i18n.t("ui.builder.number_ph", lang)
        self.fields["weight"].placeholder = i18n.t("ui.builder.weight_ph", lang)
        current = self.kind.value
        self.kind.options = [(i18n.t("kind.none", lang), "")] + [(i18n.t(f"kind.{k}", lang), k) for k in KR_KINDS]
        self.kind.value = current or ""

    def fill(self, data: dict) -> None:
        self.text.value = str(data.get("text") or "")
        kind = data.get("kind") or ""
        self.kind.value = kind if kind in KR_KINDS else ""
        for name, field in self.fields.items():
            value = data.get(name)
            field.value = show_number(value, self.form.lang) if name != "unit" else str(value or "")

    def data(self) -> dict:
        """The row as an OKR-file key result (numbers parsed; unreadable text kept as typed)."""
        out: dict = {"id": self.kr_id, "text": self.text.value.strip()}
        if self.kind.value:
            out["kind"] = self.kind.value
        for name in NUMBER_FIELDS:
            value, problem = number_or_text(self.fields[name].value, percent_as_share=(name == "weight"))
            self.errors[name].value = esc(i18n.t(problem, self.form.lang, text=value)) if problem else ""
            if value is not None:
                out[name] = value
        unit = self.fields["unit"].value.strip()
        if unit:
            out["unit"] = unit
        return out

    @property
    def kr_id(self) -> str:
        return f"{self.obj.obj_id}.KR{self.index + 1}"

    def is_empty(self) -> bool:
        return not self.text.value.strip() and not self.kind.value and not any(
            f.value.strip() for f in self.fields.values())


class ObjectiveBlock(W.VBox):
    """One objective: its fields, its key-result rows, its feedback and score preview."""

    def __init__(self, form: OKRBuilder, index: int):
        self.form, self.index = form, index
        n = f"-{index}" if index else ""
        self.obj_id = f"O{index + 1}"
        self.title = W.HTML()
        self.text = W.Textarea(continuous_update=False, rows=2, layout=W.Layout(width="100%"))
        self.text.add_class(f"okrkit-objective-text{n}")
        self.owner = W.Combobox(options=_owners(), ensure_option=False, continuous_update=False,
                                layout=W.Layout(width="100%"))
        self.owner.add_class(f"okrkit-owner{n}")
        self.type = W.ToggleButtons(options=[(k, k) for k in OKR_TYPES], value="committed",
                                    style={"button_width": "auto"})
        self.type.add_class(f"okrkit-type{n}")
        self.parent = W.Dropdown(layout=W.Layout(width="100%"))
        self.parent.add_class(f"okrkit-parent{n}")
        self._parents = _parents(form.parent_ids)
        labels = {}
        for key in ("objective", "owner", "type", "parent"):
            labels[key] = form.label(W.Label(), "value", f"ui.builder.{key}")
        self.feedback = W.HTML()
        self.feedback.add_class("okrkit-feedback")
        self.feedback.add_class(f"okrkit-objective-feedback{n}")
        self.rows_box = W.VBox(layout=W.Layout(width="100%"))
        self.rows: list[KRRow] = []
        self.add = W.Button(icon="plus", layout=W.Layout(width="auto"))
        self.add.add_class(f"okrkit-kr-add{n}")
        form.label(self.add, "description", "ui.builder.add")
        self.add.on_click(lambda _b: form.safely(self.add_row, save=True))
        self.preview = W.HTML()
        self.preview.add_class("okrkit-score-preview")
        self.preview.add_class(f"okrkit-score-preview{n}")
        meta = W.HBox([field_box(labels["owner"], self.owner, width="16em"),
                       field_box(labels["type"], self.type, width="auto"),
                       field_box(labels["parent"], self.parent, width="22em")],
                      layout=W.Layout(flex_flow="row wrap", width="100%"))
        meta.add_class("okrkit-wrap")
        super().__init__([self.title, labels["objective"], self.text, meta, self.feedback,
                          self.rows_box, self.add, self.preview], layout=W.Layout(width="100%"))
        self.add_class("okrkit-objective")
        self.relabel()
        form.typing(self.text)  # saved as typed; feedback on leaving it
        for w in (self.owner, self.type, self.parent):
            w.observe(form.committed(), names="value")

    def relabel(self) -> None:
        lang = self.form.lang
        self.title.value = f"<h4 style='margin:6px 0'>{esc(i18n.t('ui.builder.title', lang, n=self.index + 1))}</h4>"
        self.text.placeholder = i18n.t("ui.builder.objective_ph", lang)
        value = self.type.value
        self.type.options = [(i18n.t(f"type.{k}", lang), k) for k in OKR_TYPES]
        self.type.value = value
        parent = self.parent.value
        self.parent.options = [(i18n.t("ui.builder.no_parent", lang), "")] + [
            (text if len(text) <= 70 else text[:69].rstrip() + "…", pid) for pid, text in self._parents]
        self.parent.value = parent if parent in [p for p, _ in self._parents] else ""
        for row in self.rows:
            row.relabel()

    # rows
    def add_row(self, data: dict | None = None, *, save: bool = False) -> KRRow | None:
        if len(self.rows) >= MAX_KRS:
            self.feedback.value = (f"<span class='okrkit-warn'>"
                                   f"{esc(i18n.t('ui.builder.max_krs', self.form.lang, n=MAX_KRS))}</span>")
            return None
        row = KRRow(self.form, self, len(self.rows))
        if data:
            row.fill(data)
        self.rows.append(row)
        self.rows_box.children = tuple(self.rows)
        self.add.disabled = len(self.rows) >= MAX_KRS
        if save:
            self.form.save()
            self.form.update_views()
        return row

    def remove_row(self, row: KRRow) -> None:
        if len(self.rows) <= MIN_KRS or row not in self.rows:
            return
        # keep ids stable by position: shift the data up, drop the last row
        datas = [r.data() for r in self.rows if r is not row]
        self.form._filling = True
        try:
            self.rows = self.rows[:-1]
            for r, d in zip(self.rows, datas):
                r.fill(d)
        finally:
            self.form._filling = False
        self.rows_box.children = tuple(self.rows)
        self.add.disabled = False
        self.form.save()
        self.form.update_views()

    def fill(self, data: dict) -> None:
        self.text.value = str(data.get("text") or "")
        self.owner.value = str(data.get("owner") or "")
        self.type.value = data.get("type") if data.get("type") in OKR_TYPES else "committed"
        parent = data.get("parent") or ""
        self.parent.value = parent if parent in [p for p, _ in self._parents] else ""
        krs = [k for k in (data.get("key_results") or []) if isinstance(k, dict)]
        slots: dict[int, dict] = {}
        for kr in krs:  # each KR back in its row: "O1.KR3" is the third row
            m = re.search(r"KR(\d+)$", str(kr.get("id") or ""))
            pos = int(m.group(1)) - 1 if m else -1
            if not 0 <= pos < MAX_KRS or pos in slots:
                pos = next((i for i in range(MAX_KRS) if i not in slots), None)
            if pos is not None:
                slots[pos] = kr
        for i in range(max([START_KRS, *(p + 1 for p in slots)])):
            self.add_row(slots.get(i))

    def data(self) -> dict:
        out = {"id": self.obj_id, "text": self.text.value.strip(), "owner": self.owner.value.strip() or None,
               "type": self.type.value, "parent": self.parent.value or None,
               "key_results": [r.data() for r in self.rows if not r.is_empty()]}
        return out

    def model(self) -> Objective | None:
        """A lenient model of what is typed so far, for lint and the score preview."""
        data = self.data()
        if not data["text"]:
            return None
        krs = []
        for kr in data["key_results"]:
            if not kr.get("text"):
                continue
            nums = {k: (float(kr[k]) if isinstance(kr.get(k), (int, float)) else None) for k in NUMBER_FIELDS}
            krs.append(KeyResult(id=kr["id"], text=kr["text"], kind=kr.get("kind"), unit=kr.get("unit"), **nums))
        return Objective(id=self.obj_id, text=data["text"], owner=data["owner"], type=data["type"],
                         parent=data["parent"], key_results=tuple(krs))


class OKRBuilder(AnswerForm):
    """Write one or more objectives with their key results; see feedback as you go."""

    css_class = "okrkit-okr-builder"

    def __init__(self, exercise: str, *, answers_path=None, lang=None, objectives: int = 1,
                 grading: bool = False, lint: bool = True, parents=None):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="980px"))
        self.use_lint = lint
        self.parent_ids = tuple(parents) if parents is not None else None
        saved = self.loaded.get("objectives") if isinstance(self.loaded.get("objectives"), list) else []
        count = max(int(objectives), len(saved))
        self.blocks = [ObjectiveBlock(self, i) for i in range(count)]
        self._filling = True
        try:
            for i, block in enumerate(self.blocks):
                block.fill(saved[i] if i < len(saved) and isinstance(saved[i], dict) else {})
        finally:
            self._filling = False
        self.general = W.HTML()
        self.general.add_class("okrkit-feedback")
        self.general.add_class("okrkit-general-feedback")
        self.children = [style_widget(), self.header, self.trouble, *self.blocks, self.general]
        self.update_views()

    @property
    def answer(self) -> dict:
        return {"objectives": [b.data() for b in self.blocks]}

    def okrs(self) -> OKRSet:
        return OKRSet(tuple(m for m in (b.model() for b in self.blocks) if m is not None))

    def set_lang(self, lang: str) -> None:
        self.lang = i18n.get_lang(lang)
        if self.lang_toggle.value == self.lang:
            for block in self.blocks:
                block.relabel()
        super().set_lang(lang)

    def refresh(self) -> None:
        """Re-run lint and the score preview on what is typed now."""
        findings = []
        if self.use_lint:
            # each objective on its own: it aligns to a company objective outside the answer,
            # and an exercise asks for one or two objectives, not a whole quarter's set
            for block in self.blocks:
                model = block.model()
                if model is not None:
                    findings += lint_findings(model, self.lang) or []
        placed: set[int] = set()
        for block in self.blocks:
            mine = [f for f in findings if getattr(f, "where", None) == block.obj_id]
            placed.update(id(f) for f in mine)
            if not block.text.value.strip():
                block.feedback.value = f"<span class='okrkit-hint'>{esc(self.t('ui.builder.write_objective'))}</span>"
            else:
                block.feedback.value = findings_html(mine, self.lang)
            for row in block.rows:
                row_findings = [f for f in findings if getattr(f, "where", None) == row.kr_id]
                placed.update(id(f) for f in row_findings)
                row.feedback.value = findings_html(row_findings, self.lang)
                flagged = {getattr(f, "field", None) for f in row_findings}
                for name, field in {"text": row.text, "kind": row.kind, **row.fields}.items():
                    if name in flagged or bool(row.errors.get(name) and row.errors[name].value):
                        field.add_class("okrkit-flagged")
                    else:
                        field.remove_class("okrkit-flagged")
            block.preview.value = self._preview(block)
        rest = [f for f in findings if id(f) not in placed]
        self.general.value = findings_html(rest, self.lang)

    def _preview(self, block: ObjectiveBlock) -> str:
        from ..scoring import score_objective

        obj = block.model()
        if obj is None or not obj.key_results:
            return ""
        s = score_objective(obj)
        rows = []
        for n, k in enumerate(s.key_results, start=1):
            p = i18n.number(k.progress, self.lang, decimals=2)
            width = 0 if k.progress is None else max(0, min(100, round(k.progress * 100)))
            label = self.t("ui.builder.kr", n=n)  # as the form heads the row, never the id (O1.KR3)
            rows.append(f"<tr><td data-kr='{esc(k.kr_id)}'>{esc(label)}</td><td><div style='background:#eee;width:8em;height:.8em'>"
                        f"<div style='background:#5b8def;width:{width}%;height:100%'></div></div></td>"
                        f"<td>{p}</td></tr>")
        if s.score is None:
            head = esc(self.t("ui.builder.no_score"))
        else:
            band = i18n.t(f"band.{s.band}", self.lang) if s.band else ""
            head = f"<b data-score='{s.score:.2f}'>{i18n.number(s.score, self.lang, decimals=2)}</b> ({esc(band)})"
        return (f"<div><b>{esc(self.t('ui.builder.preview'))}:</b> {head}"
                f"<table class='okrkit-table'>{''.join(rows)}</table></div>")


@headless_when_grading
def okr_builder(exercise: str, *, answers_path=None, lang: str | None = None, objectives: int = 1,
                grading: bool = False, parents=None) -> OKRBuilder:
    """An OKR builder form for ``exercise``, pre-filled from its answers file.

    Display it as the cell's last expression; ``form.answer`` is the answer in
    OKR-file shape (what ``okrkit.files.okrs_from_data`` reads).  ``parents``
    (objective ids of the sample company, e.g. ``("S1", "S2", "S3")`` for a
    rep's own OKR) are the "Aligns to" choices; by default, the company objectives.
    """
    return OKRBuilder(exercise, answers_path=answers_path, lang=lang, objectives=objectives, grading=grading,
                      parents=parents)
