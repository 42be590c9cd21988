"""Rubric of ex07: KPIs in funnel stages and BSC perspectives, cause and effect, why KPI systems fail, the rhythm.

The questions live here (:data:`QUESTIONS`) so that the notebook's choice form
and the rubric can never disagree.  The answer is what the choice form saves, ``{question id: option value}``
(``{"choices": {...}}`` is read the same way).

>>> from okrkit.rubrics.ex07_kpi_bsc import RUBRIC
>>> RUBRIC.grade({"traffic": "acquisition"}).score
1.0
>>> RUBRIC.grade({"traffic": "retention"}).checks[0].feedback
'Website visits per month: which funnel stage? Not yet: ask at which step a prospect first meets us.'
"""

from __future__ import annotations

import hashlib

from ..rubric import Check, Rubric

FUNNEL = (
    ("acquisition", {"en": "Acquisition (bringing prospects in)", "vi": "Thu hút (kéo khách tiềm năng đến)"}),
    ("engagement", {"en": "Engagement (prospects interact)", "vi": "Tương tác (khách tiềm năng quan tâm, tìm hiểu)"}),
    ("value", {"en": "Value created for customers", "vi": "Tạo giá trị cho khách hàng"}),
    ("retention", {"en": "Retention (keeping customers)", "vi": "Giữ chân khách hàng"}),
    ("financial", {"en": "Financial stability", "vi": "Ổn định tài chính"}),
)
BSC = (
    ("financial", {"en": "Financial", "vi": "Tài chính"}),
    ("customer", {"en": "Customer", "vi": "Khách hàng"}),
    ("process", {"en": "Internal process", "vi": "Quy trình nội bộ"}),
    ("learning", {"en": "Learning and growth", "vi": "Học hỏi và phát triển"}),
)


def _q(qid, en, vi, options, why_en, why_vi):
    question = {"id": qid, "text": {"en": en, "vi": vi},
                "options": [{"value": o, "label": label} for o, label in options]}
    return question, {"en": why_en, "vi": why_vi}


CAUSE = (
    ("process", {"en": "Better sales process: the win rate rises", "vi": "Quy trình bán hàng tốt hơn: tỷ lệ chốt tăng"}),
    ("revenue-now", {"en": "Revenue rises the same week", "vi": "Doanh thu tăng ngay trong tuần"}),
    ("cost-only", {"en": "Only higher costs", "vi": "Chỉ làm tăng chi phí"}),
)
SHARED = (
    ("sales-only", {"en": "Only Sales carries it", "vi": "Chỉ Kinh doanh gánh"}),
    ("shared", {"en": "Sales and Marketing both carry it, with different weights",
                "vi": "Cả Kinh doanh và Marketing cùng gánh, với trọng số khác nhau"}),
    ("marketing-main", {"en": "Marketing carries it as its main weight", "vi": "Marketing gánh với trọng số chính"}),
)

FAIL = (
    ("too-few", {"en": "There are too few KPIs: more numbers belong on the dashboard",
                 "vi": "Có quá ít KPI: cần thêm nhiều con số vào bảng theo dõi"}),
    ("built-once", {"en": "The set was built once and never revisited while the market moved, and nobody is "
                          "committed to acting on it",
                    "vi": "Bộ KPI đặt một lần rồi để đó trong khi thị trường đã đổi, và không ai cam kết thực thi"}),
    ("not-financial", {"en": "Not all of them are financial: only revenue and profit should be tracked",
                       "vi": "Chưa phải toàn chỉ số tài chính: chỉ nên theo dõi doanh thu và lợi nhuận"}),
)
PURPOSE = (
    ("sort", {"en": "Four boxes to sort the company's KPIs into", "vi": "Bốn ngăn để phân loại và sắp xếp KPI của công ty"}),
    ("bonus", {"en": "A formula for each department's bonus", "vi": "Công thức tính thưởng cho từng bộ phận"}),
    ("strategy", {"en": "A framework to describe, explain and carry out the strategy, its perspectives linked by cause "
                        "and effect",
                  "vi": "Khung để mô tả, giải thích và thực thi chiến lược, các khía cạnh nối với nhau bằng quan hệ "
                        "nhân quả"}),
)
RHYTHM = (
    ("daily", {"en": "Every day", "vi": "Hằng ngày"}),
    ("weekly", {"en": "Every week", "vi": "Hằng tuần"}),
    ("monthly", {"en": "Every month", "vi": "Hằng tháng"}),
    ("quarterly", {"en": "At the end of the quarter", "vi": "Cuối quý"}),
)

_ITEMS = (
    _q("traffic", "Website visits per month: which funnel stage?", "Lượt truy cập website mỗi tháng thuộc giai đoạn nào của phễu?",
       FUNNEL, "Visits measure how many prospects we attract: the acquisition stage.",
       "Lượt truy cập đo số khách tiềm năng được thu hút đến: giai đoạn Thu hút."),
    _q("demo", "Demo requests: which funnel stage?", "Số yêu cầu demo sản phẩm thuộc giai đoạn nào của phễu?",
       FUNNEL, "A demo request means a prospect is engaging with us: the engagement stage.",
       "Yêu cầu demo nghĩa là khách tiềm năng đang tương tác, tìm hiểu: giai đoạn Tương tác."),
    _q("active_use", "Shops using the multi-channel feature every week: which funnel stage?",
       "Số cửa hàng dùng tính năng đa kênh mỗi tuần thuộc giai đoạn nào của phễu?",
       FUNNEL, "Regular use shows the product creates value for the customer.",
       "Việc dùng đều đặn cho thấy sản phẩm đang tạo ra giá trị cho khách hàng."),
    _q("churn", "Customer churn rate: which funnel stage?", "Tỷ lệ khách hàng rời bỏ thuộc giai đoạn nào của phễu?",
       FUNNEL, "Churn is the mirror of retention: the share of customers we fail to keep.",
       "Tỷ lệ rời bỏ là mặt trái của giữ chân: phần khách hàng ta không giữ được."),
    _q("cash", "Monthly recurring revenue and cash runway: which funnel stage?",
       "Doanh thu định kỳ hàng tháng và số tháng đủ tiền hoạt động thuộc giai đoạn nào?",
       FUNNEL, "They show whether the business can last: financial stability.",
       "Chúng cho biết doanh nghiệp có trụ vững lâu dài không: Ổn định tài chính."),
    _q("bsc_revenue", "Quarterly revenue: which BSC perspective?", "Doanh thu quý thuộc khía cạnh nào của BSC?",
       BSC, "Revenue is the result shareholders see: the financial perspective.",
       "Doanh thu là kết quả chủ sở hữu nhìn thấy: khía cạnh Tài chính."),
    _q("bsc_nps", "Net Promoter Score (NPS): which BSC perspective?", "Chỉ số NPS thuộc khía cạnh nào của BSC?",
       BSC, "NPS measures how customers see us: the customer perspective.",
       "NPS đo cách khách hàng nhìn nhận chúng ta: khía cạnh Khách hàng."),
    _q("bsc_response", "First response time to support requests: which BSC perspective?",
       "Thời gian phản hồi đầu tiên cho yêu cầu hỗ trợ thuộc khía cạnh nào của BSC?",
       BSC, "It measures how well our own support process runs: internal process.",
       "Nó đo quy trình hỗ trợ của chính ta chạy tốt đến đâu: khía cạnh Quy trình nội bộ."),
    _q("bsc_skills", "Share of sales reps at level 2 of the skills framework: which BSC perspective?",
       "Tỷ lệ nhân viên kinh doanh đạt level 2 khung năng lực thuộc khía cạnh nào của BSC?",
       BSC, "People's skills are the base of the strategy map: learning and growth.",
       "Năng lực con người là nền móng của bản đồ chiến lược: khía cạnh Học hỏi và phát triển."),
    _q("cause", "On the strategy map, better-trained sales reps lead first to…",
       "Trên bản đồ chiến lược, nhân viên kinh doanh được đào tạo tốt hơn trước hết dẫn tới…",
       CAUSE, "Cause and effect runs upward: learning → process → customer → financial.",
       "Quan hệ nhân quả đi từ dưới lên: học hỏi → quy trình → khách hàng → tài chính."),
    _q("shared_kpi", "Who carries the company's revenue KPI?", "Ai gánh KPI doanh thu của công ty?",
       SHARED, "A shared goal binds departments: Sales weighs revenue most (~70%), Marketing less "
       "(~20%) because its main weight is quality leads.",
       "Mục tiêu chung ràng buộc các bộ phận: Kinh doanh đặt trọng số lớn cho doanh thu (~70%), Marketing ít "
       "hơn (~20%) vì trọng số chính của họ là lead chất lượng."),
    _q("kpi_fail", "Sao Mai set its KPIs two years ago and has not touched them since, although a new competitor "
       "came and customers now ask for other things; the targets look good on paper but nobody acts on them. Why do "
       "KPI systems like this one usually fail?",
       "Sao Mai đặt bộ KPI từ hai năm trước và chưa sửa lần nào, dù đã có đối thủ mới và khách hàng giờ cần thứ khác; "
       "chỉ tiêu đẹp trên giấy nhưng không ai hành động theo. Vì sao những hệ thống KPI như thế thường thất bại?",
       FAIL, "A business is a living thing: the set must be revisited as markets, competitors and customers move, "
       "and KPIs are worth setting only where leaders and staff will carry them out.",
       "Doanh nghiệp là một cơ thể sống: bộ KPI phải được xem lại khi thị trường, đối thủ và khách hàng thay đổi, và "
       "chỉ nên đặt KPI mà lãnh đạo và nhân viên sẽ thật sự thực thi."),
    _q("bsc_purpose", "The board asks what the Balanced Scorecard is for. Which answer is right?",
       "Ban Giám đốc hỏi Thẻ điểm cân bằng dùng để làm gì. Câu trả lời nào đúng?",
       PURPOSE, "The BSC is a strategy-execution framework, not a filing system: it describes the strategy and links "
       "people, processes, customers and finance by cause and effect — and helps present the strategy to a board "
       "or investors.",
       "BSC là khung thực thi chiến lược chứ không phải tủ hồ sơ: nó mô tả chiến lược và nối con người, quy trình, "
       "khách hàng và tài chính bằng quan hệ nhân quả — và giúp trình bày chiến lược trước hội đồng quản trị hay "
       "nhà đầu tư."),
    _q("rhythm", "In a sales team's reporting rhythm, when do the team lead and the reps compare plan with actual "
       "and update each key result's current value?",
       "Trong nhịp báo cáo của đội kinh doanh, trưởng nhóm và nhân viên so kế hoạch với thực tế và cập nhật giá trị "
       "hiện tại của từng KR vào lúc nào?",
       RHYTHM, "Weekly: reps log calls and meetings in the CRM every day, the team compares plan with actual and "
       "updates its key results every week, the manager plans by customer every month, and the OKRs are scored at "
       "the end of the quarter.",
       "Hằng tuần: nhân viên ghi cuộc gọi, cuộc gặp vào CRM mỗi ngày; cả nhóm so kế hoạch với thực tế và cập nhật KR "
       "mỗi tuần; quản lý lập kế hoạch theo khách hàng mỗi tháng; cuối quý chấm điểm OKR."),
)

# The form's questions (what ``ui.choice_form`` shows), the key and the reason behind each answer.
QUESTIONS: tuple[dict, ...] = tuple(q for q, _ in _ITEMS)
# The key is kept as hashes so that reading this module does not give the answers away;
# the reference answer lives in solutions/ex07_kpi_bsc.ipynb.
KEY: dict[str, str] = {
    "traffic": "20a934bb625d43d6",
    "demo": "475b3566fa248761",
    "active_use": "446f115b822b408d",
    "churn": "d647295110800edb",
    "cash": "4e1f16e39baa4952",
    "bsc_revenue": "fc7f11472e8ebeeb",
    "bsc_nps": "e13edbb7b603874e",
    "bsc_response": "63f2ea0d15846a53",
    "bsc_skills": "6d354f1c33e70ad9",
    "cause": "aca60abaecf59972",
    "shared_kpi": "2bb02deb29b3b949",
    "kpi_fail": "85eeb4bcf108fe9c",
    "bsc_purpose": "96fd1195b8f2dd22",
    "rhythm": "2266f986e6df798f",
}
WHY: dict[str, dict[str, str]] = {q["id"]: why for q, why in _ITEMS}


def _digest(qid: str, value) -> str:
    return hashlib.sha256(f"ex07:{qid}:{value}".encode()).hexdigest()[:16]


def choices(answer: dict) -> dict:
    """The answer's ``{question id: option id}``."""
    got = answer.get("choices", answer)
    return got if isinstance(got, dict) else {}


def _check(q: dict) -> Check:
    def test(answer):
        got = choices(answer).get(q["id"])
        if _digest(q["id"], got) == KEY[q["id"]]:
            return True
        if not got:
            return False, {"en": "Not answered yet: pick one option.", "vi": "Chưa trả lời: hãy chọn một phương án."}
        # A hint at the reasoning, without giving the option away.
        return False, {"en": "Not yet: " + _hint(q, "en"), "vi": "Chưa đúng: " + _hint(q, "vi")}
    return Check(q["id"], 1, test, {"en": q["text"]["en"], "vi": q["text"]["vi"]}, praise=WHY[q["id"]],
                 title=TITLES[q["id"]])


# What each question is about, as a check's title (shown passed or failed, never the question's id).
TITLES: dict[str, dict[str, str]] = {
    "traffic": {"en": "Website visits: funnel stage", "vi": "Lượt truy cập website: giai đoạn của phễu"},
    "demo": {"en": "Demo requests: funnel stage", "vi": "Yêu cầu demo: giai đoạn của phễu"},
    "active_use": {"en": "Weekly use of the multi-channel feature: funnel stage",
                   "vi": "Cửa hàng dùng tính năng đa kênh mỗi tuần: giai đoạn của phễu"},
    "churn": {"en": "Customer churn rate: funnel stage", "vi": "Tỷ lệ khách hàng rời bỏ: giai đoạn của phễu"},
    "cash": {"en": "Recurring revenue and cash runway: funnel stage",
             "vi": "Doanh thu định kỳ và số tháng đủ tiền: giai đoạn của phễu"},
    "bsc_revenue": {"en": "Quarterly revenue: BSC perspective", "vi": "Doanh thu quý: khía cạnh BSC"},
    "bsc_nps": {"en": "NPS: BSC perspective", "vi": "Chỉ số NPS: khía cạnh BSC"},
    "bsc_response": {"en": "First response time: BSC perspective", "vi": "Thời gian phản hồi đầu tiên: khía cạnh BSC"},
    "bsc_skills": {"en": "Sales reps' skill level: BSC perspective",
                   "vi": "Năng lực nhân viên kinh doanh: khía cạnh BSC"},
    "cause": {"en": "Cause and effect on the strategy map", "vi": "Quan hệ nhân quả trên bản đồ chiến lược"},
    "shared_kpi": {"en": "Who carries the revenue KPI", "vi": "Ai gánh KPI doanh thu"},
    "kpi_fail": {"en": "Why KPI systems fail", "vi": "Vì sao hệ thống KPI thất bại"},
    "bsc_purpose": {"en": "What the Balanced Scorecard is for", "vi": "Thẻ điểm cân bằng dùng để làm gì"},
    "rhythm": {"en": "The sales team's reporting rhythm", "vi": "Nhịp báo cáo của đội kinh doanh"},
}


# Hints point at the reasoning without naming the option.
HINTS = {
    "traffic": ("ask at which step a prospect first meets us.", "hãy hỏi khách tiềm năng gặp ta lần đầu ở bước nào."),
    "demo": ("ask what a prospect does once interested.", "hãy hỏi khách tiềm năng làm gì khi đã quan tâm."),
    "active_use": ("ask what shows the customer actually gets value.",
                   "hãy hỏi điều gì cho thấy khách hàng thật sự nhận được giá trị."),
    "churn": ("ask what happens after the first purchase.", "hãy hỏi điều gì xảy ra sau lần mua đầu tiên."),
    "cash": ("ask what tells us the business can last.", "hãy hỏi điều gì cho biết doanh nghiệp trụ được lâu dài."),
    "bsc_revenue": ("ask who looks at this number first.", "hãy hỏi ai nhìn con số này đầu tiên."),
    "bsc_nps": ("ask whose opinion the number measures.", "hãy hỏi con số này đo ý kiến của ai."),
    "bsc_response": ("ask which of our own ways of working it measures.", "hãy hỏi nó đo cách làm việc nào của chính ta."),
    "bsc_skills": ("ask what the strategy map is built on.", "hãy hỏi bản đồ chiến lược được xây trên nền móng nào."),
    "cause": ("cause and effect goes one level at a time.", "nhân quả đi từng tầng một."),
    "shared_kpi": ("remember the lesson on goals that bind departments.",
                   "hãy nhớ lại bài về mục tiêu chung ràng buộc các bộ phận."),
    "kpi_fail": ("ask what changed around the company since the KPIs were set, and who acts on them.",
                 "hãy hỏi quanh công ty điều gì đã đổi từ khi đặt KPI, và ai hành động theo chúng."),
    "bsc_purpose": ("ask why the four perspectives are linked to each other at all.",
                    "hãy hỏi vì sao bốn khía cạnh lại được nối với nhau."),
    "rhythm": ("the CRM is filled in more often, the OKRs scored less often; what lies between?",
               "CRM được ghi thường xuyên hơn, OKR được chấm thưa hơn; ở giữa là nhịp nào?"),
}


def _hint(q: dict, lang: str) -> str:
    en, vi = HINTS[q["id"]]
    return en if lang == "en" else vi


RUBRIC = Rubric("ex07_kpi_bsc", tuple(_check(q) for q in QUESTIONS))
