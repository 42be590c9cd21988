"""Rubric of ex09: one sales rep's own OKR, set after and under the Sales team's.

The participant is one rep of the sample company (:data:`REP`).  The figures the
rubric expects come from the bundled sales data (:func:`rep_case`): the rep's own
plan for the quarter is the floor of their revenue key result, and the team
objective they align to (S1–S3 of the sample company) says which measures their
key results should move.

>>> from okrkit.rubrics.ex09_individual_okrs import RUBRIC
>>> RUBRIC.grade({}).score
0.0
>>> RUBRIC.max_score
12.0
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .. import i18n
from ..rubric import Check, Rubric
from . import okr_checks as oc
from . import per_sample

REP = "R09"            # the rep the participant plays (a rep id of the bundled sales data)
QUARTER = "2026-Q1"    # the quarter of the sample company's OKRs
TEAM = "Kinh doanh"    # the department whose objectives the rep's OKR rolls up to
MIN_KRS, MAX_KRS = 2, 4

# The measures a Sales key result can move, read from the text of a key result (team or rep).
MEASURES: dict[str, re.Pattern] = {name: re.compile(oc.plain(rx), re.IGNORECASE) for name, rx in {
    "revenue": r"doanh (thu|số)|revenue|sales volume|cross-sell|bán thêm",
    "customers": r"khách hàng|customer|client",
    "deals": r"hợp đồng|contract|deal|đơn hàng|order",
    "win-rate": r"tỷ lệ chốt|tỉ lệ chốt|win rate|close rate|closing rate|chốt từ cơ hội",
    "plans": r"kế hoạch tháng|monthly plan|báo cáo tuần|weekly report|crm",
}.items()}
MEASURE_NAMES = {
    "revenue": {"en": "revenue", "vi": "doanh thu"},
    "customers": {"en": "customers", "vi": "khách hàng"},
    "deals": {"en": "contracts or orders", "vi": "hợp đồng hoặc đơn hàng"},
    "win-rate": {"en": "win rate", "vi": "tỷ lệ chốt"},
    "plans": {"en": "monthly plans, weekly reports and CRM", "vi": "kế hoạch tháng, báo cáo tuần và CRM"},
}

i18n.register({
    "ex09.case.title": {"en": "Your figures: {rep} ({region}), Sales team",
                        "vi": "Số liệu của bạn: {rep} ({region}), đội Kinh doanh"},
    "ex09.case.plan": {"en": "Your revenue plan for {quarter}", "vi": "Kế hoạch doanh thu của bạn {quarter}"},
    "ex09.case.last_plan": {"en": "Your plan for {quarter}", "vi": "Kế hoạch của bạn {quarter}"},
    "ex09.case.last_actual": {"en": "Your actual revenue in {quarter}", "vi": "Doanh thu thực tế của bạn {quarter}"},
    "ex09.case.achieved": {"en": "Achieved in {quarter}", "vi": "Tỷ lệ đạt {quarter}"},
    "ex09.case.customers": {"en": "Your customers who ordered in {quarter}",
                            "vi": "Khách hàng của bạn có đơn trong {quarter}"},
    "ex09.case.source": {"en": "From the sales data: the plan is the sum of your monthly plan by customer; the "
                              "actual is your invoiced revenue net of returns.",
                         "vi": "Từ dữ liệu bán hàng: kế hoạch là tổng kế hoạch tháng theo từng khách hàng của bạn; "
                               "thực tế là doanh thu đã xuất hóa đơn, trừ hàng trả lại."},
})


@dataclass(frozen=True)
class RepCase:
    """The rep's quarter in figures, as the exercise shows it above the form."""

    rep_id: str
    name: str
    region: str
    quarter: str
    plan: float
    last_quarter: str
    last_plan: float
    last_actual: float
    last_customers: int
    lang: str = "vi"

    @property
    def last_achieved(self) -> float | None:
        return self.last_actual / self.last_plan if self.last_plan else None

    def rows(self) -> list[tuple[str, str]]:
        lang = self.lang
        q, lq = i18n.period(self.quarter, lang), i18n.period(self.last_quarter, lang)
        return [
            (i18n.t("ex09.case.plan", lang, quarter=q), i18n.amount(self.plan, lang, short=False)),
            (i18n.t("ex09.case.last_plan", lang, quarter=lq), i18n.amount(self.last_plan, lang, short=False)),
            (i18n.t("ex09.case.last_actual", lang, quarter=lq), i18n.amount(self.last_actual, lang, short=False)),
            (i18n.t("ex09.case.achieved", lang, quarter=lq), i18n.percent(self.last_achieved, lang, decimals=1)),
            (i18n.t("ex09.case.customers", lang, quarter=lq), i18n.number(self.last_customers, lang)),
        ]

    def title(self) -> str:
        return i18n.t("ex09.case.title", self.lang, rep=self.name, region=self.region)

    def __repr__(self) -> str:
        return "\n".join([self.title(), *(f"  {k}: {v}" for k, v in self.rows()), i18n.t("ex09.case.source", self.lang)])

    def _repr_html_(self) -> str:
        body = "".join(f"<tr><td style='text-align:left'>{html.escape(k)}</td><td style='text-align:right'><b>{html.escape(v)}</b></td></tr>"
                       for k, v in self.rows())
        return (f"<div class='okrkit-rep-case'><h4 style='margin:6px 0'>{html.escape(self.title())}</h4>"
                f"<table class='okrkit-table'>{body}</table>"
                f"<p style='font-size:90%;color:#555'>{html.escape(i18n.t('ex09.case.source', self.lang))}</p></div>")


@per_sample
def _figures() -> dict:
    from ..sales import Period, customer_orders, plan_vs_actual, sample_sales

    data = sample_sales()
    q = Period.parse(QUARTER)
    last = q.previous()
    now = plan_vs_actual(data, q, by="rep").set_index("rep_id")
    before = plan_vs_actual(data, last, by="rep").set_index("rep_id")
    orders = customer_orders(data, last)
    rep = data.reps.loc[REP]
    return {"rep_id": REP, "name": str(rep["name"]), "region": str(rep["region"]), "quarter": q.label,
            "plan": float(now.loc[REP, "plan"]), "last_quarter": last.label,
            "last_plan": float(before.loc[REP, "plan"]), "last_actual": float(before.loc[REP, "actual"]),
            "last_customers": int(orders.loc[orders["rep_id"] == REP, "ordered"].sum())}


def rep_case(*, lang: str | None = None) -> RepCase:
    """The rep's figures from the bundled sales data: this quarter's plan, last quarter's plan and actual.

    >>> case = rep_case(lang="en")
    >>> case.name, case.quarter, case.plan > case.last_actual
    ('Phan Đức Long', '2026-Q1', True)
    """
    return RepCase(**_figures(), lang=i18n.get_lang(lang))


@per_sample
def team_objectives() -> dict:
    """The Sales department's objectives in the sample company (what a rep's OKR aligns to), by id."""
    from .. import sample_company

    return {o.id: o for o in sample_company().objectives if o.owner == TEAM and o.parent}


def measures(text: str) -> set[str]:
    """The Sales measures a key result's text speaks of."""
    t = oc.plain(text)
    return {name for name, rx in MEASURES.items() if rx.search(t)}


def team_measures(parent: str | None) -> set[str]:
    """The measures of a team objective's key results (of all the team's objectives when ``parent`` is not one).

    A key result on the team's way of working (monthly plans, weekly reports, CRM) measures that, even when
    it names customers ("a monthly plan by customer").
    """
    objs = [team_objectives()[parent]] if parent in team_objectives() else list(team_objectives().values())
    out: set[str] = set()
    for obj in objs:
        for kr in obj.key_results:
            found = measures(kr.text)
            out |= {"plans"} if "plans" in found else found
    return out


# ---------------------------------------------------------------- checks

def _objective(answer):
    objs = oc.okrset(answer).objectives
    return objs[0] if objs else None


def _team_list(lang: str) -> str:
    return "; ".join(f"'{o.text}'" for o in team_objectives().values())


def _aligned(answer):
    obj = _objective(answer)
    if obj is None:
        return False
    if obj.parent in team_objectives():
        return True
    return False, {lang: (("The Sales team's objectives are: " if lang == "en" else "Các mục tiêu của đội Kinh doanh: ")
                          + _team_list(lang) + ".") for lang in i18n.LANGS}


def _kr_count(answer):
    obj = _objective(answer)
    if obj is None:
        return False
    n = len(obj.key_results)
    if MIN_KRS <= n <= MAX_KRS:
        return True
    return False, {"en": f"You have {n}.", "vi": f"Bạn đang có {n} KR."}


def _in_vnd(kr) -> float | None:
    """The key result's target in đồng, reading a unit such as 'tỷ đồng' or 'million VND'."""
    if kr.target is None:
        return None
    unit = oc.plain(kr.unit or "")
    scale = 1e9 if re.search(r"\bty\b|billion|\bbn\b", unit) else 1e6 if re.search(r"trieu|million|\bm\b", unit) else 1
    return float(kr.target) * scale


def _is_share_of_plan(kr) -> bool:
    return (kr.unit or "").strip() == "%" and bool(re.search(r"ke hoach|plan", oc.plain(kr.text)))


def revenue_krs(obj) -> list:
    """The objective's key results on revenue (by their words or their unit in đồng)."""
    out = []
    for kr in obj.key_results:
        unit = oc.plain(kr.unit or "")
        if "revenue" in measures(kr.text) or (re.search(r"vnd|dong|\bty\b|trieu|billion|million", unit) and "deals" not in measures(kr.text)
                                             and "customers" not in measures(kr.text)):
            out.append(kr)
    return out


def _rolls_up(answer):
    obj = _objective(answer)
    if obj is None:
        return False
    case = rep_case()
    krs = revenue_krs(obj)
    if not krs:
        return False
    for kr in krs:
        if _is_share_of_plan(kr) and kr.target is not None and kr.target >= 100:
            return True
        target = _in_vnd(kr)
        if target is not None and target >= case.plan * 0.999:
            return True
    best = max((t for t in (_in_vnd(kr) for kr in krs) if t is not None), default=None)
    shown = {lang: i18n.amount(case.plan, lang, short=False) for lang in i18n.LANGS}
    q = {lang: i18n.period(case.quarter, lang) for lang in i18n.LANGS}
    if best is None:
        return False, {"en": f"Fill in the target of your revenue key result; your plan for {q['en']} is "
                             f"{shown['en']}.",
                       "vi": f"Hãy điền chỉ tiêu của KR doanh thu; kế hoạch {q['vi']} của bạn là {shown['vi']}."}
    return False, {"en": f"Your revenue target is {i18n.amount(best, 'en', short=False)}, below your own plan for "
                         f"{q['en']} ({shown['en']}, the sum of your monthly plan by customer in the sales data).",
                   "vi": f"Chỉ tiêu doanh thu của bạn là {i18n.amount(best, 'vi', short=False)}, thấp hơn kế hoạch "
                         f"{q['vi']} của chính bạn ({shown['vi']}, tổng kế hoạch tháng theo khách hàng trong dữ liệu "
                         f"bán hàng)."}


def _moves_team_kr(answer):
    obj = _objective(answer)
    if obj is None:
        return False
    team = team_measures(obj.parent)
    mine = set().union(set(), *(measures(kr.text) for kr in obj.key_results))
    if team & mine:
        return True
    chosen = obj.parent in team_objectives()
    lead = {"en": "The team objective you chose is measured by " if chosen else "The Sales team measures ",
            "vi": "Mục tiêu của đội mà bạn chọn được đo bằng " if chosen else "Đội Kinh doanh đo bằng "}
    return False, {lang: (lead[lang]
                          + ", ".join(MEASURE_NAMES[m][lang] for m in MEASURES if m in team) + ".")
                   for lang in i18n.LANGS}


RUBRIC = Rubric("ex09_individual_okrs", (
    oc.has_objectives(1, 1, {
        "en": "Start here: you are the sales rep named above the form. Write your own objective for the quarter in "
              "the first box, choose the Sales team objective it serves under 'Aligns to', then add 2 to 4 key "
              "results.",
        "vi": "Bắt đầu từ đây: bạn là nhân viên kinh doanh có tên phía trên biểu mẫu. Viết mục tiêu của riêng bạn "
              "cho quý vào ô đầu tiên, chọn mục tiêu của đội Kinh doanh mà nó phục vụ ở ô 'Gắn với mục tiêu', rồi "
              "thêm 2 đến 4 kết quả then chốt.",
    }),
    oc.objective_qualitative(1),
    Check("aligned-to-team", 2, _aligned, title={
        "en": "Aligned to a Sales team objective", "vi": "Gắn với một mục tiêu của đội Kinh doanh"}, feedback={
        "en": "A rep's OKR is set after the team's and sits under it: in 'Aligns to', choose the Sales team "
              "objective your objective helps to reach (not a company objective).",
        "vi": "OKR cá nhân được đặt sau OKR của đội và nằm dưới nó: ở ô 'Gắn với mục tiêu', chọn mục tiêu của đội "
              "Kinh doanh mà mục tiêu của bạn góp phần đạt được (không phải mục tiêu của công ty).",
    }),
    Check("two-to-four-krs", 1, _kr_count, title={
        "en": "2 to 4 key results", "vi": "Có 2–4 kết quả then chốt"}, feedback={
        "en": "Give your objective 2 to 4 key results: one person cannot follow more in a quarter, and one alone "
              "does not show the objective is reached.",
        "vi": "Mục tiêu của bạn cần 2–4 kết quả then chốt: một người khó theo dõi nhiều hơn trong một quý, còn một "
              "KR thì chưa đủ cho thấy mục tiêu đã đạt.",
    }),
    oc.krs_measurable(2),
    oc.no_activities(1),
    Check("revenue-rolls-up", 2, _rolls_up, title={
        "en": "Your revenue target covers your own plan", "vi": "Chỉ tiêu doanh thu đủ kế hoạch của chính bạn"},
        feedback={
        "en": "The team's revenue is the sum of its reps': add a revenue key result whose target is at least your "
              "own plan for the quarter (shown above the form), in VND.",
        "vi": "Doanh thu của đội là tổng doanh thu của từng người: thêm một KR doanh thu có chỉ tiêu ít nhất bằng "
              "kế hoạch quý của chính bạn (ghi phía trên biểu mẫu), tính bằng đồng.",
    }),
    Check("moves-team-kr", 1, _moves_team_kr, title={
        "en": "A key result moves a team key result", "vi": "Có KR làm thay đổi một KR của đội"}, feedback={
        "en": "Roll up: at least one of your key results should move a measure of the team objective you chose "
              "(its revenue, customers, contracts or win rate), so that your result adds to the team's.",
        "vi": "Để OKR cá nhân cộng dồn lên OKR của đội, ít nhất một KR của bạn cần làm thay đổi một thước đo của "
              "mục tiêu đội mà bạn chọn (doanh thu, khách hàng, hợp đồng hay tỷ lệ chốt).",
    }),
    oc.weights_sum(1),
))

__all__ = ["RUBRIC", "REP", "QUARTER", "RepCase", "rep_case", "team_objectives", "measures"]
