"""Rubric of ex03: split next quarter's revenue goal into department targets through the funnel.

The scenario (:data:`SCENARIO`) differs from the sample cascade on purpose, so
that a form left as it opens does not already hold the answer.  The expected
targets are computed here, in the grader's process, with
:meth:`okrkit.cascade.Cascade.funnel` — never taken from the notebook.

>>> from okrkit.rubrics.ex03_cascade import RUBRIC, expected_targets
>>> expected_targets()["deals"], expected_targets()["leads"]
(625, 5000)
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

from functools import lru_cache

from .. import i18n
from ..rubric import Check, Rubric

# Quarter 2: the board raises the goal; the new package changes the funnel.
SCENARIO = {
    "goal": 15e9,                                   # 15 tỷ đồng
    "amounts": {"deal_size": 24e6, "deals_per_rep": 25},
    "rates": {"lead_to_opportunity": 0.5},          # new channels bring rawer leads
}
REL = 0.005  # typed numbers may be rounded a little


@lru_cache(maxsize=1)
def expected_plan():
    """The sample cascade with the scenario's goal, rates and amounts."""
    import dataclasses

    from ..cascade import sample_cascade

    plan = sample_cascade()
    goal = dataclasses.replace(plan.goal, value=SCENARIO["goal"])
    return dataclasses.replace(plan, goal=goal, rates={**plan.rates, **SCENARIO["rates"]},
                               amounts={**plan.amounts, **SCENARIO["amounts"]})


def expected_targets() -> dict[str, float]:
    return {t.id: t.value for t in expected_plan().funnel()}


def _close(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= REL * max(abs(b), 1e-9)


def _goal(answer):
    return _close(answer.get("goal"), SCENARIO["goal"])


def _parameters(answer):
    plan = expected_plan()
    wrong = []
    for group in ("rates", "amounts"):
        got = answer.get(group) if isinstance(answer.get(group), dict) else {}
        for key, want in getattr(plan, group).items():
            if not _close(got.get(key), want):
                wrong.append(key)
    if not wrong:
        return True
    names = [_name(key, plan) for key in wrong]
    return False, {"en": "Check: " + ", ".join(n["en"] for n in names) + ".",
                   "vi": "Xem lại: " + ", ".join(n["vi"] for n in names) + "."}


def _name(key: str, plan) -> dict[str, str]:
    """A funnel parameter's name in each language (as the cascade table labels it)."""
    try:
        from ..cascade import _labels

        return _labels(key, None, plan.param_names)
    except Exception:  # noqa: BLE001 - a name is a courtesy; the id will do
        return {"en": key, "vi": key}


def _target(tid: str):
    def test(answer):
        got = (answer.get("targets") or {}).get(tid) if isinstance(answer.get("targets"), dict) else None
        want = expected_targets()[tid]
        if _close(got, want):
            return True
        def shown(lang):
            if isinstance(got, (int, float)) and not isinstance(got, bool):
                return i18n.number(got, lang, decimals=0)
            return "–" if got is None else str(got)
        return False, {"en": f"(yours: {shown('en')})", "vi": f"(của bạn: {shown('vi')})"}
    return test


RUBRIC = Rubric("ex03_cascade", (
    Check("goal", 1, _goal,
          title={"en": "The shared revenue goal is entered", "vi": "Đã nhập mục tiêu doanh thu chung"}, feedback={
        "en": "Start here: type the quarter-2 revenue goal, 15 tỷ (15 billion VND), in the shared-goal box; "
              "every department target below is derived from it.",
        "vi": "Bắt đầu từ đây: nhập mục tiêu doanh thu quý 2 là 15 tỷ vào ô mục tiêu chung; mọi chỉ tiêu "
              "của các bộ phận bên dưới đều được tính ra từ con số này.",
    }),
    Check("funnel-parameters", 2, _parameters,
          title={"en": "The quarter-2 assumptions are entered", "vi": "Đã nhập các giả định của quý 2"}, feedback={
        "en": "Enter the quarter-2 assumptions from the instructions: average contract 24 million VND, 25 deals per rep, "
              "50% of quality leads become opportunities; keep the other rates as they are.",
        "vi": "Nhập các giả định quý 2 trong đề bài: hợp đồng trung bình 24 triệu, mỗi nhân viên chốt 25 hợp đồng, "
              "50% lead chất lượng thành cơ hội; giữ nguyên các tỷ lệ còn lại.",
    }),
    Check("deals-for-sales", 1, _target("deals"),
          title={"en": "Deals Sales must close", "vi": "Số hợp đồng Kinh doanh cần chốt"}, feedback={
        "en": "Sales must close revenue ÷ average contract deals: 15 billion ÷ 24 million VND.",
        "vi": "Số hợp đồng Kinh doanh cần chốt = doanh thu ÷ giá trị hợp đồng trung bình: 15 tỷ ÷ 24 triệu.",
    }),
    Check("opportunities-for-sales", 1, _target("opportunities"),
          title={"en": "Opportunities Sales needs", "vi": "Số cơ hội Kinh doanh cần có"}, feedback={
        "en": "Opportunities = deals ÷ win rate (25%): Sales needs four opportunities for every deal.",
        "vi": "Số cơ hội = số hợp đồng ÷ tỷ lệ chốt (25%): cứ bốn cơ hội mới có một hợp đồng.",
    }),
    Check("leads-for-marketing", 1, _target("leads"),
          title={"en": "Quality leads Marketing must bring", "vi": "Số lead chất lượng Marketing cần mang về"}, feedback={
        "en": "Marketing's target is the quality leads Sales needs: opportunities ÷ lead-to-opportunity rate (50%). "
              "This is where one department's output becomes the next one's input.",
        "vi": "Chỉ tiêu của Marketing là số lead chất lượng mà Kinh doanh cần: số cơ hội ÷ tỷ lệ lead thành cơ "
              "hội (50%). Đây là chỗ đầu ra của bộ phận này thành đầu vào của bộ phận kia.",
    }),
    Check("traffic-for-marketing", 1, _target("traffic"),
          title={"en": "Website visits Marketing must bring", "vi": "Lượt truy cập website Marketing cần mang về"}, feedback={
        "en": "Website visits = leads ÷ visit-to-lead rate (0.9%).",
        "vi": "Lượt truy cập website = số lead ÷ tỷ lệ truy cập thành lead (0,9%).",
    }),
    Check("sales-reps-for-hr", 1, _target("sales_reps"),
          title={"en": "Sales reps HR must staff", "vi": "Số nhân viên kinh doanh Nhân sự cần bố trí"}, feedback={
        "en": "HR must staff the deals: deals ÷ (deals per rep × share of reps still with us, 90%), rounded up.",
        "vi": "Nhân sự phải tuyển đủ người cho số hợp đồng: số hợp đồng ÷ (hợp đồng mỗi người × tỷ lệ giữ chân "
              "90%), làm tròn lên.",
    }),
))
