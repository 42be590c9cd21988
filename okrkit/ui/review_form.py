"""The monthly sales review as a form: read the tables, answer the manager's questions, agree the action.

The page follows the review meeting of lesson 7: plan and actual per rep, the
product line that fell against last month and its drill-down (line → region →
rep), the buying customers who placed no order this month, and the action the
meeting agrees on.  Every table is built from the sales data with
:mod:`okrkit.sales` and written the participant's language's way (names, not
ids; ``750,4`` in Vietnamese).  The answer (ids stored, names shown)::

    {"team_achieved": 0.785, "lowest_rep": "R06", "falling_line": "Đào tạo",
     "falling_region": "Bình Dương", "falling_rep": "R08",
     "call_first": ["KH0021", ...], "action": "..."}

Choosing a product line shows that line by region; choosing a region shows the
line in that region by rep: the drill-down a manager does, one step at a time.
"""

from __future__ import annotations

import ipywidgets as W
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .. import i18n
from .forms import AnswerForm, esc, number_or_text, show_number, style_widget
from .headless import headless_when_grading
from .questions import ChoiceQuestions

i18n.register({
    "ui.review.title": {"en": "Sales review meeting · {period}", "vi": "Họp giao ban kinh doanh · {period}"},
    "ui.review.reps": {"en": "1. Plan and actual per rep, {period}", "vi": "1. Kế hoạch và thực tế theo nhân viên, {period}"},
    "ui.review.rep": {"en": "Rep", "vi": "Nhân viên"},
    "ui.review.region": {"en": "Region", "vi": "Khu vực"},
    "ui.review.plan": {"en": "Plan (million VND)", "vi": "Kế hoạch (triệu đồng)"},
    "ui.review.actual": {"en": "Actual (million VND)", "vi": "Thực tế (triệu đồng)"},
    "ui.review.total": {"en": "Total", "vi": "Tổng cộng"},
    "ui.review.q_team": {"en": "What share of its plan did the whole team reach? (e.g. 0.62 or 62%)",
                         "vi": "Cả đội đạt bao nhiêu % kế hoạch? (ví dụ 0,62 hoặc 62%)"},
    "ui.review.q_lowest": {"en": "Which rep reached the lowest % of their own plan?",
                           "vi": "Nhân viên nào đạt % kế hoạch của mình thấp nhất?"},
    "ui.review.lines": {"en": "2. Revenue per product line: {before} and {now}",
                        "vi": "2. Doanh số theo dòng sản phẩm: {before} và {now}"},
    "ui.review.line": {"en": "Product line", "vi": "Dòng sản phẩm"},
    "ui.review.before": {"en": "{period} (million VND)", "vi": "{period} (triệu đồng)"},
    "ui.review.change": {"en": "Change (million VND)", "vi": "Thay đổi (triệu đồng)"},
    "ui.review.q_line": {"en": "Which product line fell most against last month?",
                         "vi": "Dòng sản phẩm nào giảm doanh số nhiều nhất so với tháng trước?"},
    "ui.review.by_region": {"en": "“{line}” by region", "vi": "“{line}” theo khu vực"},
    "ui.review.q_region": {"en": "Within that product line, which region fell most?",
                           "vi": "Trong dòng sản phẩm đó, khu vực nào giảm nhiều nhất?"},
    "ui.review.by_rep": {"en": "“{line}” in {region} by rep", "vi": "“{line}” tại {region} theo nhân viên"},
    "ui.review.q_rep": {"en": "In that region, which rep's revenue of the line fell most?",
                        "vi": "Ở khu vực đó, doanh số dòng sản phẩm này của nhân viên nào giảm nhiều nhất?"},
    "ui.review.pick_line": {"en": "Choose a product line above to see it by region.",
                            "vi": "Chọn một dòng sản phẩm ở trên để xem theo khu vực."},
    "ui.review.pick_region": {"en": "Choose a region above to see the line there by rep.",
                              "vi": "Chọn một khu vực ở trên để xem dòng sản phẩm đó theo nhân viên."},
    "ui.review.no_sales": {"en": "No sales of this line here in either month.",
                           "vi": "Dòng sản phẩm này không có doanh số ở đây trong cả hai tháng."},
    "ui.review.silent": {"en": "3. Buying customers with no order in {period} ({count})",
                         "vi": "3. Khách hàng đang mua chưa có đơn trong {period} ({count} khách)"},
    "ui.review.silent_help": {"en": "Tick the {n} customers to call first.",
                              "vi": "Đánh dấu {n} khách hàng cần gọi trước."},
    "ui.review.customer": {"en": "Customer", "vi": "Khách hàng"},
    "ui.review.stage": {"en": "Stage", "vi": "Giai đoạn"},
    "ui.review.last_month": {"en": "{period} (million VND)", "vi": "{period} (triệu đồng)"},
    "ui.review.last_year": {"en": "Same month last year (million VND)", "vi": "Cùng kỳ năm trước (triệu đồng)"},
    "ui.review.last_contact": {"en": "Last contact", "vi": "Liên hệ gần nhất"},
    "ui.review.chosen": {"en": "{count} of {n} chosen.", "vi": "Đã chọn {count}/{n} khách."},
    "ui.review.too_many": {"en": "{count} chosen: the meeting needs the first {n} calls, untick some.",
                           "vi": "Đã chọn {count} khách: buổi họp cần {n} cuộc gọi đầu tiên, hãy bỏ bớt."},
    "ui.review.action": {"en": "4. The action the meeting agrees on", "vi": "4. Hành động buổi họp thống nhất"},
    "ui.review.judgements": {"en": "5. After the meeting: planning, growth and trust (lesson 7)",
                             "vi": "5. Sau cuộc họp: kế hoạch, tăng trưởng và niềm tin (Bài 7)"},
    "ui.review.action_help": {"en": "Who does what, with which customers or product line, by when.",
                              "vi": "Ai làm gì, với khách hàng hay dòng sản phẩm nào, trước ngày nào."},
    "ui.review.words": {"en": "{count} words.", "vi": "{count} từ."},
    "ui.review.words_short": {"en": "{count} words: say who, what, with whom and by when (at least {min}).",
                              "vi": "{count} từ: hãy nói ai, làm gì, với ai, trước ngày nào (ít nhất {min} từ)."},
    "ui.review.read_share": {"en": "Read as {value} of plan.", "vi": "Đọc là {value} kế hoạch."},
    "ui.review.share_high": {"en": "Read as {value}: above the plan? Check the Total row of the table.",
                             "vi": "Đọc là {value}: vượt kế hoạch? Hãy xem lại dòng Tổng cộng của bảng."},
    "ui.review.none": {"en": "none fell", "vi": "không có dòng nào giảm"},
})

STAGES = {"prospect": {"en": "Prospect", "vi": "Tiềm năng"},
          "approaching": {"en": "Approaching", "vi": "Đang tiếp cận"},
          "first-orders": {"en": "First orders", "vi": "Bắt đầu mua hàng"},
          "partner": {"en": "Long-term partner", "vi": "Đối tác lâu dài"}}

CSS = """
<style>
.okrkit-review-form h4 { margin: 14px 0 4px 0; }
.okrkit-review-form .okrkit-table td.num, .okrkit-review-form .okrkit-table th.num { text-align: right; }
.okrkit-review-form .okrkit-table tr.total td { font-weight: 600; border-top: 1px solid #999; }
.okrkit-review-form .okrkit-table td.down { color: #a94442; }
.okrkit-review-form .okrkit-question { font-weight: 600; margin-top: 6px; }
.okrkit-review-form .okrkit-hint { color: #555; font-size: 0.9em; }
.okrkit-review-form .okrkit-silent-row { border-bottom: 1px solid #eee; }
.okrkit-review-form .okrkit-silent-grid .widget-checkbox { width: 2.2em; margin: 0; }
.okrkit-review-grid { display: grid; grid-template-columns: 15em 10em 9.5em 7.5em 9em 8em; gap: 0 8px;
                      font-size: 0.9em; line-height: 1.7; }
.okrkit-review-grid .num { text-align: right; }
.okrkit-review-grid.head { font-weight: 600; line-height: 1.2; align-items: end; }
.okrkit-review-form textarea { font-family: inherit; }
</style>
"""


def _million(value, lang: str) -> str:
    if value is None or value != value:
        return "–"
    return i18n.number(value / 1e6, lang, decimals=1)


def _table(head: list[tuple[str, bool]], rows: list[list[tuple[str, str]]], cls: str) -> str:
    """HTML table: ``head`` as (label, numeric); each row a list of (text, css class)."""
    th = "".join(f"<th class='{'num' if num else ''}'>{esc(label)}</th>" for label, num in head)
    body = "".join("<tr class='{}'>".format(r[0][1] if r and r[0][1] == "total" else "")
                   + "".join(f"<td class='{c}'>{esc(t)}</td>" for t, c in r) + "</tr>" for r in rows)
    return f"<table class='okrkit-table {cls}'><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


class SalesReviewForm(AnswerForm):
    """The March sales review: tables from the data, answers as choices, a number and a short text."""

    css_class = "okrkit-review-form"

    def __init__(self, exercise: str, *, data=None, period: str | None = None, answers_path=None, lang=None,
                 grading: bool = False, call_first: int | None = None):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="980px"))
        from ..rubrics import ex06_sales_review as rubric
        from ..sales import Period

        self.rubric = rubric
        self._tables: dict = {}
        self._shown_lang = self._shown_drill = None
        self.data = data if data is not None else rubric.data()
        self.period = Period.parse(period or rubric.PERIOD)
        self.previous = self.period.previous()
        self.n_call = int(call_first or rubric.CALL_FIRST)
        self.reps = rubric.plan_by_rep(self.data, str(self.period))
        self.lines = rubric.month_by(self.data, str(self.period), ("product_line",))
        self.silent = rubric.silent_customers(self.data, str(self.period)).sort_values(
            ["rep", "customer"]).reset_index(drop=True)
        # unknown is not zero: a column the data cannot fill is left out
        first = self.data.first_day
        self.has_last_year = first is not None and first <= self.period.last_year().start
        self.has_contacts = self.data.activities is not None and "last_contact" in self.silent.columns
        self.rep_names = {str(r.rep_id): str(r.name) for r in self.data.reps.itertuples()}
        regions = sorted({str(x) for x in self.data.transactions["region"].dropna().astype(str)})

        def dropdown(name, options):
            field = W.Dropdown(options=[("", None)] + options, value=None,
                               layout=W.Layout(width="auto", min_width="16em"))
            field.add_class(f"okrkit-review-{name}")
            field.observe(self.committed(), names="value")
            return field

        def question(key):
            widget = self.label(W.HTML(), "value", key)
            widget.add_class("okrkit-question")
            return widget

        self.team = W.Text(continuous_update=False, layout=W.Layout(width="10em"))
        self.team.add_class("okrkit-review-team")
        self.team.observe(self.committed(), names="value")
        self.team_note = W.HTML()
        self.team_note.add_class("okrkit-field-note")
        rep_options = sorted(((self.rep_names.get(r, r), r) for r in self.rep_names), key=lambda x: x[0])
        self.lowest = dropdown("lowest", rep_options)
        self.line = dropdown("line", [(str(x), str(x)) for x in self.lines["product_line"]])
        self.region = dropdown("region", [(x, x) for x in regions])
        self.rep = dropdown("rep", list(rep_options))
        self.boxes: list[W.Checkbox] = []
        self.rows_html: list[W.HTML] = []
        rows = []
        # one grid of (tick, row) pairs sharing their layout and style models: a long list stays quick to build
        box_layout, box_style = W.Layout(width="2.2em"), CheckboxStyle()
        cell_layout, cell_style = W.Layout(width="auto"), HTMLStyle()
        for rec in self.silent.itertuples():
            cb = W.Checkbox(value=False, indent=False, layout=box_layout, style=box_style)
            cb.add_class(f"okrkit-review-call-{rec.customer_id}")
            cb._okrkit_value = str(rec.customer_id)
            cb.observe(self.committed(), names="value")
            cells = W.HTML(layout=cell_layout, style=cell_style)
            cells.add_class("okrkit-silent-row")
            self.boxes.append(cb)
            self.rows_html.append(cells)
            rows += [cb, cells]
        self.silent_grid = W.GridBox(rows, layout=W.Layout(grid_template_columns="2.4em auto", align_items="center"))
        self.silent_grid.add_class("okrkit-silent-grid")
        self.action = W.Textarea(continuous_update=False, rows=4, layout=W.Layout(width="100%"))
        self.action.add_class("okrkit-review-action")
        self.action.observe(self.committed(), names="value")
        self.action_note = W.HTML()
        self.call_note = W.HTML()
        self.judgements = ChoiceQuestions(self, rubric.questions(), heading=i18n.both("ui.review.judgements"))
        self.judgements.relabel()

        self.title = W.HTML()
        self.reps_head, self.reps_table = W.HTML(), W.HTML()
        self.lines_head, self.lines_table = W.HTML(), W.HTML()
        self.region_table, self.rep_table = W.HTML(), W.HTML()
        self.silent_head, self.silent_help, self.silent_grid_head = W.HTML(), W.HTML(), W.HTML()
        self.action_head = W.HTML()
        self._filling = True
        try:
            self.fill(self.loaded)
        finally:
            self._filling = False
        for w in (self.team_note, self.call_note, self.action_note):
            w.add_class("okrkit-feedback")
        self.children = [
            style_widget(), W.HTML(CSS, layout=W.Layout(display="none")), self.header, self.trouble, self.title,
            self.reps_head, self.reps_table,
            question("ui.review.q_team"), W.HBox([self.team, self.team_note], layout=W.Layout(align_items="center")),
            question("ui.review.q_lowest"), self.lowest,
            self.lines_head, self.lines_table,
            question("ui.review.q_line"), self.line, self.region_table,
            question("ui.review.q_region"), self.region, self.rep_table,
            question("ui.review.q_rep"), self.rep,
            self.silent_head, self.silent_help, self.silent_grid_head, self.silent_grid, self.call_note,
            self.action_head, self.label(W.HTML(), "value", "ui.review.action_help"), self.action, self.action_note,
            self.judgements,
        ]
        self.update_views()

    # ---------------------------------------------------------------- answer
    def fill(self, saved: dict) -> None:
        value = saved.get("team_achieved")
        self.team.value = "" if value is None else (show_number(value, self.lang)
                                                    if isinstance(value, (int, float)) else str(value))
        for field, name in ((self.lowest, "lowest_rep"), (self.line, "falling_line"),
                            (self.region, "falling_region"), (self.rep, "falling_rep")):
            values = [v for _, v in field.options]
            field.value = saved.get(name) if saved.get(name) in values else None
        chosen = {str(x) for x in saved.get("call_first") or [] if x is not None}
        for cb in self.boxes:
            cb.value = cb._okrkit_value in chosen
        self.action.value = str(saved.get("action") or "")
        self.judgements.fill(saved.get("questions"))

    @property
    def answer(self) -> dict:
        team, _problem = number_or_text(self.team.value, percent_as_share=True)
        return {
            "team_achieved": team,
            "lowest_rep": self.lowest.value,
            "falling_line": self.line.value,
            "falling_region": self.region.value,
            "falling_rep": self.rep.value,
            "call_first": [cb._okrkit_value for cb in self.boxes if cb.value],
            "action": self.action.value.strip(),
            "questions": self.judgements.answer,
        }

    # ---------------------------------------------------------------- what the participant sees
    def refresh(self) -> None:
        lang = self.lang
        now, before = i18n.period(str(self.period), lang), i18n.period(str(self.previous), lang)
        if self._shown_lang != lang:  # the tables change only with the language
            self.title.value = f"<h3 style='margin:4px 0'>{esc(self.t('ui.review.title', period=now))}</h3>"
            self._reps(now)
            self._lines(now, before)
            self._silent(now, before)
            self.judgements.relabel()
            self._shown_lang = lang
        if self._shown_drill != (lang, self.line.value, self.region.value):
            self._drill(now, before)
            self._shown_drill = (lang, self.line.value, self.region.value)
        self._notes()

    def _month_by(self, dims, **where):
        key = (dims, tuple(sorted(where.items())))
        if key not in self._tables:
            self._tables[key] = self.rubric.month_by(self.data, str(self.period), dims, **where)
        return self._tables[key]

    def _reps(self, now: str) -> None:
        self.reps_head.value = f"<h4>{esc(self.t('ui.review.reps', period=now))}</h4>"
        rows = [[(str(r.rep), ""), (self._rep_region(r.rep_id), ""), (_million(r.plan, self.lang), "num"),
                 (_million(r.actual, self.lang), "num")] for r in self.reps.itertuples()]
        rows.append([(self.t("ui.review.total"), "total"), ("", ""),
                     (_million(self.reps["plan"].sum(), self.lang), "num"),
                     (_million(self.reps["actual"].sum(), self.lang), "num")])
        head = [(self.t("ui.review.rep"), False), (self.t("ui.review.region"), False),
                (self.t("ui.review.plan"), True), (self.t("ui.review.actual"), True)]
        self.reps_table.value = _table(head, rows, "okrkit-review-reps")

    def _rep_region(self, rep_id) -> str:
        reps = self.data.reps
        if "region" in reps.columns and rep_id in reps.index:
            return str(reps.loc[rep_id, "region"])
        return ""

    def _change_table(self, table, dim: str, label_key: str, now: str, before: str, cls: str, names=None) -> str:
        head = [(self.t(label_key), False), (self.t("ui.review.before", period=before), True),
                (self.t("ui.review.before", period=now), True), (self.t("ui.review.change"), True)]
        rows = []
        for r in table.to_dict("records"):
            name = (names or {}).get(str(r[dim]), str(r[dim]))
            change = r["change"]
            sign = "+" if change > 0 else ""
            rows.append([(name, ""), (_million(r["before"], self.lang), "num"), (_million(r["now"], self.lang), "num"),
                         (sign + _million(change, self.lang), "num down" if change < 0 else "num")])
        return _table(head, rows, cls)

    def _lines(self, now: str, before: str) -> None:
        self.lines_head.value = f"<h4>{esc(self.t('ui.review.lines', before=before, now=now))}</h4>"
        self.lines_table.value = self._change_table(self.lines, "product_line", "ui.review.line", now, before,
                                                    "okrkit-review-lines")

    def _drill(self, now: str, before: str) -> None:
        line, region = self.line.value, self.region.value
        if not line:
            self.region_table.value = f"<div class='okrkit-hint'>{esc(self.t('ui.review.pick_line'))}</div>"
            self.rep_table.value = ""
            return
        by_region = self._month_by(("region",), product_line=line)
        title = f"<div class='okrkit-hint'><b>{esc(self.t('ui.review.by_region', line=line))}</b></div>"
        self.region_table.value = title + (self._change_table(by_region, "region", "ui.review.region", now, before,
                                                              "okrkit-review-regions")
                                           if len(by_region) else esc(self.t("ui.review.no_sales")))
        if not region:
            self.rep_table.value = f"<div class='okrkit-hint'>{esc(self.t('ui.review.pick_region'))}</div>"
            return
        by_rep = self._month_by(("rep_id",), product_line=line, region=region)
        title = f"<div class='okrkit-hint'><b>{esc(self.t('ui.review.by_rep', line=line, region=region))}</b></div>"
        self.rep_table.value = title + (self._change_table(by_rep, "rep_id", "ui.review.rep", now, before,
                                                           "okrkit-review-by-rep", names=self.rep_names)
                                        if len(by_rep) else
                                        f"<div class='okrkit-hint'>{esc(self.t('ui.review.no_sales'))}</div>")

    def _silent(self, now: str, before: str) -> None:
        lang = self.lang
        self.silent_head.value = f"<h4>{esc(self.t('ui.review.silent', period=now, count=len(self.silent)))}</h4>"
        self.silent_help.value = f"<div class='okrkit-hint'>{esc(self.t('ui.review.silent_help', n=self.n_call))}</div>"
        labels = [self.t("ui.review.customer"), self.t("ui.review.rep"), self.t("ui.review.stage"),
                  self.t("ui.review.last_month", period=before)]
        labels += [self.t("ui.review.last_year")] if self.has_last_year else []
        labels += [self.t("ui.review.last_contact")] if self.has_contacts else []
        numeric = {3, 4} if self.has_last_year else {3}
        cells = "".join(f"<div class='{'num' if i in numeric else ''}'>{esc(x)}</div>" for i, x in enumerate(labels))
        self.silent_grid_head.value = (f"<div style='display:flex'><div style='width:2.6em'></div>"
                                       f"<div class='okrkit-review-grid head'>{cells}</div></div>")
        for rec, html_w in zip(self.silent.itertuples(), self.rows_html):
            contact = getattr(rec, "last_contact", None)
            contact = "–" if contact is None or contact != contact else i18n.date(contact, lang)
            stage = STAGES.get(str(rec.stage), {}).get(lang, str(rec.stage))
            values = [(str(rec.customer), ""), (str(rec.rep), ""), (stage, ""),
                      (_million(rec.revenue_previous, lang), "num")]
            values += [(_million(rec.revenue_last_year, lang), "num")] if self.has_last_year else []
            values += [(contact, "")] if self.has_contacts else []
            html_w.value = "<div class='okrkit-review-grid'>" + "".join(
                f"<div class='{c}'>{esc(t)}</div>" for t, c in values) + "</div>"

    def _notes(self) -> None:
        from ..rubrics.ex06_sales_review import ACTION_WORDS, share, words

        value, problem = number_or_text(self.team.value, percent_as_share=True)
        if problem:
            self.team_note.value = f"<span class='okrkit-field-error'>{esc(self.t(problem, text=value))}</span>"
            self.team.add_class("okrkit-flagged")
        else:
            self.team.remove_class("okrkit-flagged")
            if value is None:
                self.team_note.value = ""
            else:
                got = share(value)
                key = "ui.review.share_high" if got > 1.0 else "ui.review.read_share"
                self.team_note.value = esc(self.t(key, value=i18n.percent(got, self.lang, decimals=1)))
        count = sum(1 for cb in self.boxes if cb.value)
        if count > self.n_call:
            self.call_note.value = f"<span class='okrkit-warn'>{esc(self.t('ui.review.too_many', count=count, n=self.n_call))}</span>"
        else:
            self.call_note.value = esc(self.t("ui.review.chosen", count=count, n=self.n_call))
        n = words(self.action.value)
        if not n:
            self.action_note.value = ""
        elif n < ACTION_WORDS:
            self.action_note.value = esc(self.t("ui.review.words_short", count=n, min=ACTION_WORDS))
        else:
            self.action_note.value = f"<span class='okrkit-ok'>{esc(self.t('ui.review.words', count=n))}</span>"
        self.action_head.value = f"<h4>{esc(self.t('ui.review.action'))}</h4>"


@headless_when_grading
def sales_review_form(exercise: str, *, data=None, period: str | None = None, answers_path=None,
                      lang: str | None = None, grading: bool = False) -> SalesReviewForm:
    """The sales review meeting as a form (default: the sample sales data, March 2026)."""
    return SalesReviewForm(exercise, data=data, period=period, answers_path=answers_path, lang=lang, grading=grading)
