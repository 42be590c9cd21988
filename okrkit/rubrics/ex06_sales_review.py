"""Rubric of ex06: the monthly sales review of March 2026, answered from the data.

The participant answers the meeting's questions with their own cells on
``ok.sample_sales()``; :func:`expected` answers them here with
:mod:`okrkit.sales`, in the grader's process.

The answer::

    {"team_achieved": 0.79,          # actual ÷ plan for the whole team
     "lowest_rep": "R06",            # the rep with the lowest % of plan
     "customers_without_orders": 46, # first-orders/partner customers with no order this month
     "call_first": ["KH0021", ...],  # of those, the 5 who bought most last month
     "falling_line": "Đào tạo"}      # product line with the largest drop against last month

>>> from okrkit.rubrics.ex06_sales_review import RUBRIC, expected
>>> RUBRIC.grade(expected()).fraction
1.0
"""

from __future__ import annotations

from functools import lru_cache

from ..rubric import Check, Rubric

PERIOD = "2026-03"
CALL_FIRST = 5


@lru_cache(maxsize=1)
def expected() -> dict:
    """The reference answer, computed from the sample sales data with :mod:`okrkit.sales`."""
    from ..sales import Period, customers_without_orders, plan_vs_actual, sample_sales

    data = sample_sales()
    reps = plan_vs_actual(data, PERIOD, by="rep")
    reps = reps[reps["plan"] > 0]
    without = customers_without_orders(data, PERIOD)
    call = without.sort_values(["revenue_previous", "customer_id"], ascending=[False, True]).head(CALL_FIRST)
    now = plan_vs_actual(data, PERIOD, by="product_line").set_index("product_line")["actual"]
    before = plan_vs_actual(data, Period.parse(PERIOD).previous(), by="product_line").set_index("product_line")["actual"]
    change = (now - before.reindex(now.index).fillna(0.0))
    return {
        "team_achieved": round(float(reps["actual"].sum() / reps["plan"].sum()), 4),
        "lowest_rep": str(reps.loc[reps["achieved"].idxmin(), "rep_id"]),
        "customers_without_orders": len(without),
        "call_first": [str(c) for c in call["customer_id"]],
        "falling_line": str(change.idxmin()),
    }


def _share(value):
    """0.79, 79 and '79%' all read as 0.79."""
    if isinstance(value, str):
        value = value.strip().rstrip("%").replace(",", ".")
    value = float(value)
    return value / 100 if value > 1.5 else value


def _achieved(answer):
    try:
        got = _share(answer.get("team_achieved"))
    except (TypeError, ValueError):
        return False
    return abs(got - expected()["team_achieved"]) <= 0.005


def _lowest(answer):
    return str(answer.get("lowest_rep") or "").strip().upper() == expected()["lowest_rep"]


def _without(answer):
    got = answer.get("customers_without_orders")
    if isinstance(got, (list, tuple)):  # the list itself answers "how many" too
        got = len(set(map(str, got)))
    try:
        return int(got) == expected()["customers_without_orders"]
    except (TypeError, ValueError):
        return False


def _call_first(answer):
    got = answer.get("call_first")
    if not isinstance(got, list):
        return False
    want = expected()["call_first"]
    hits = len({str(x).strip().upper() for x in got} & set(want))
    return hits >= len(want) - 1 and len(got) <= len(want) + 1, {
        "en": f"({hits} of your list are among the {len(want)} to call first)",
        "vi": f"({hits} khách trong danh sách của bạn thuộc {len(want)} khách cần gọi trước)"}


def _falling(answer):
    return str(answer.get("falling_line") or "").strip().lower() == expected()["falling_line"].lower()


RUBRIC = Rubric("ex06_sales_review", (
    Check("team-achieved", 2, _achieved, {
        "en": "Start here: compute the team's % of plan for March 2026 — total actual revenue ÷ total planned "
              "revenue of the reps who had a plan (`ok.plan_vs_actual(data, '2026-03')`).",
        "vi": "Bắt đầu từ đây: tính % hoàn thành kế hoạch tháng 3/2026 của cả đội — tổng doanh số thực tế ÷ tổng "
              "doanh số kế hoạch của các nhân viên có kế hoạch (`ok.plan_vs_actual(data, '2026-03')`).",
    }),
    Check("lowest-rep", 1, _lowest, {
        "en": "Which rep has the lowest % achieved (actual ÷ their own plan, not the lowest revenue)? Give the rep id.",
        "vi": "Nhân viên nào có % hoàn thành thấp nhất (thực tế ÷ kế hoạch của chính họ, không phải doanh số thấp "
              "nhất)? Ghi mã nhân viên.",
    }),
    Check("customers-without-orders", 2, _without, {
        "en": "Count the customers already buying from us (stage 'first-orders' or 'partner') who placed no order in "
              "March — the list each rep must explain at the meeting.",
        "vi": "Đếm số khách hàng đã mua của ta (giai đoạn 'first-orders' hoặc 'partner') mà tháng 3 không phát sinh "
              "đơn hàng — danh sách mỗi nhân viên phải giải trình trong buổi họp.",
    }),
    Check("call-first", 2, _call_first, {
        "en": "Of those customers, list the 5 who bought the most in February: they are the first calls to make.",
        "vi": "Trong số khách đó, liệt kê 5 khách mua nhiều nhất trong tháng 2: đó là những cuộc gọi cần làm trước.",
    }),
    Check("falling-line", 1, _falling, {
        "en": "Which product line lost the most revenue against February? That is where the manager's drill-down "
              "(region → rep → customer) starts.",
        "vi": "Dòng sản phẩm nào giảm doanh số nhiều nhất so với tháng 2? Đó là chỗ người quản lý bắt đầu phân tích "
              "sâu (khu vực → nhân viên → khách hàng).",
    }),
))
