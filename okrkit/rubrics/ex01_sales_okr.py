"""Rubric of ex01: one Sales objective with 3–5 measurable key results, aligned to the company.

>>> from okrkit.rubrics.ex01_sales_okr import RUBRIC
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

from ..rubric import Check, Rubric
from . import okr_checks as oc

RUBRIC = Rubric("ex01_sales_okr", (
    oc.has_objectives(1, 1, {
        "en": "Start here: write one objective for the Sales department in the first box — a short, "
              "ambitious sentence about where Sales wants to be at the end of the quarter — then add its "
              "key results below it.",
        "vi": "Bắt đầu từ đây: viết một mục tiêu cho bộ phận Kinh doanh vào ô đầu tiên — một câu ngắn, đầy "
              "tham vọng về nơi đội Kinh doanh muốn đến cuối quý — rồi thêm các kết quả then chốt bên dưới.",
    }),
    oc.objective_qualitative(1),
    oc.owner_is(("kinh doanh", "sales", "bán hàng"), 1, title={
        "en": "Owned by the Sales department", "vi": "Bộ phận Kinh doanh phụ trách"}, feedback={
        "en": "Name the owner: this objective belongs to the Sales department ('Kinh doanh').",
        "vi": "Ghi rõ bộ phận phụ trách: mục tiêu này thuộc về bộ phận Kinh doanh.",
    }),
    oc.aligned(1),
    oc.kr_count(1),
    oc.krs_measurable(2),
    oc.targets_set(1),
    oc.no_activities(1),
    oc.some_kr_matches("revenue-result", r"doanh (thu|số)|revenue|sales volume|hợp đồng|contract|khách hàng|customer|điểm bán|outlet|"
                       r"đơn hàng|order|sản lượng",
                       1, title={"en": "A key result on revenue or customers",
                                 "vi": "Có kết quả then chốt về doanh thu hoặc khách hàng"}, feedback={
        "en": "A Sales objective should move money or customers: add a key result on revenue, contract value "
              "or paying customers (e.g. 'Revenue from new customers from 6 to 8.4 billion VND').",
        "vi": "Mục tiêu của Kinh doanh cần làm thay đổi doanh thu hoặc khách hàng: thêm một KR về doanh thu, "
              "giá trị hợp đồng hoặc số khách hàng trả tiền (ví dụ 'Doanh thu khách hàng mới từ 6 lên 8,4 tỷ đồng').",
    }, units=("vnd", "đồng", "khách hàng", "customers", "hợp đồng", "điểm bán", "outlets", "đơn hàng",
                                   "orders")),
    oc.weights_sum(1),
))

__all__ = ["RUBRIC", "Check"]
