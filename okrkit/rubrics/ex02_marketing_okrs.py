"""Rubric of ex02: a Marketing set with one committed and one aspirational objective.

>>> from okrkit.rubrics.ex02_marketing_okrs import RUBRIC
>>> RUBRIC.grade({"objectives": []}).score
0.0
"""

from __future__ import annotations

from ..rubric import Check, Rubric
from . import okr_checks as oc


def _mix(answer):
    types = [o.type for o in oc.okrset(answer).objectives]
    return "committed" in types and "aspirational" in types


RUBRIC = Rubric("ex02_marketing_okrs", (
    oc.has_objectives(2, 1, {
        "en": "Start here: write two objectives for Marketing - PR - Partners — one the team commits to "
              "deliver in full, one aspirational objective — then give each its key results.",
        "vi": "Bắt đầu từ đây: viết hai mục tiêu cho Marketing - PR - Đối tác — một mục tiêu đội cam kết đạt "
              "trọn vẹn, một mục tiêu mở rộng đầy thách thức — rồi thêm KR cho từng mục tiêu.",
    }),
    Check("committed-and-aspirational", 2, _mix, title={
        "en": "One committed and one aspirational objective",
        "vi": "Một mục tiêu cam kết và một mục tiêu mở rộng"}, feedback={
        "en": "Mark one objective 'committed' (the work that must be delivered in full, e.g. quality leads for "
              "Sales) and one 'aspirational' (a stretch where reaching about 0.7 is already a success).",
        "vi": "Đánh dấu một mục tiêu là 'cam kết' (phần việc phải hoàn thành trọn vẹn, ví dụ lead chất lượng cho "
              "Kinh doanh) và một mục tiêu là 'mở rộng' (thách thức, đạt khoảng 0,7 đã là thành công).",
    }),
    oc.objective_qualitative(1),
    oc.owner_is(("marketing", "mkt", "pr"), 1, title={
        "en": "Owned by Marketing - PR - Partners", "vi": "Bộ phận Marketing - PR - Đối tác phụ trách"}, feedback={
        "en": "Name the owner of both objectives: Marketing - PR - Partners.",
        "vi": "Ghi rõ bộ phận phụ trách cả hai mục tiêu: Marketing - PR - Đối tác.",
    }),
    oc.aligned(1),
    oc.kr_count(1),
    oc.krs_measurable(2),
    oc.targets_set(1),
    oc.no_activities(2),
    oc.some_kr_matches("quality-leads", r"lead|sql|mql|demo|dùng thử|trial|khách hàng tiềm năng|cơ hội|opportunit",
                       1, title={"en": "A key result on quality leads",
                                 "vi": "Có kết quả then chốt về lead chất lượng"}, feedback={
        "en": "Marketing's main contribution to revenue is quality leads for Sales: add a key result on "
              "quality leads (SQL), demo requests or the lead-to-opportunity rate.",
        "vi": "Đóng góp chính của Marketing vào doanh thu là lead chất lượng cho đội Kinh doanh: thêm một KR về "
              "số lead chất lượng (SQL), yêu cầu demo hoặc tỷ lệ lead thành cơ hội.",
    }, units=("lead", "leads", "sql")),
    oc.weights_sum(1),
))

__all__ = ["RUBRIC"]
