"""Rubric of ex07: KPIs in funnel and BSC, cause and effect, why KPI systems fail, the rhythm, shared KPIs, OKRs.

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
from . import LazyText, company

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
    text = {"en": en, "vi": vi}
    if "{company}" in en + vi:     # a situation at the class's sample company, named when the form is drawn
        text = LazyText(lambda lang, t=text: t[lang].format(company=company()))
    question = {"id": qid, "text": text,
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
TOGETHER = (
    ("own-kpi", {"en": "Let each team keep its own clear KPI: people work best alone, with a target nobody else "
                       "touches",
                 "vi": "Để mỗi đội giữ KPI riêng thật rõ: người ta làm tốt nhất khi làm một mình, với chỉ tiêu không ai "
                       "đụng tới"}),
    ("split-duties", {"en": "Keep separate KPIs and write down exactly who is responsible for each hand-over",
                      "vi": "Giữ KPI riêng và ghi rõ ai chịu trách nhiệm cho từng khâu bàn giao"}),
    ("shared-weights", {"en": "Give both teams a shared KPI on the result the customer sees, with different weights, "
                              "so they fix the hand-over together",
                        "vi": "Cho cả hai đội cùng mang một KPI chung về kết quả khách hàng nhận được, với trọng số khác "
                              "nhau, để họ cùng sửa khâu bàn giao"}),
    ("sales-alone", {"en": "Give the revenue KPI to Sales alone: Sales closes the deals",
                     "vi": "Giao KPI doanh thu cho riêng Kinh doanh: Kinh doanh là người chốt hợp đồng"}),
)
BONUS = (
    ("raise-commission", {"en": "Raise the commission, so that the best reps push harder",
                          "vi": "Tăng hoa hồng để những người giỏi nhất cố gắng hơn"}),
    ("harder-penalty", {"en": "Make the penalty for missing the minimum heavier",
                        "vi": "Phạt nặng hơn khi không đạt doanh số tối thiểu"}),
    ("okrs", {"en": "Add OKRs: an objective that says what the company expects and key results that show the way, "
                    "so each rep sees their contribution — and new reps a path",
              "vi": "Thêm OKR: mục tiêu nói công ty kỳ vọng gì và các kết quả then chốt chỉ đường, để mỗi người thấy "
                    "phần đóng góp của mình — và người mới có một lộ trình"}),
    ("drop-minimum", {"en": "Drop the minimum revenue: targets hold people back",
                      "vi": "Bỏ doanh số tối thiểu: chỉ tiêu kìm chân mọi người"}),
)
NUMBERS = (
    ("all-numbers", {"en": "All of them: every number we track is a KPI", "vi": "Tất cả: con số nào ta theo dõi cũng là KPI"}),
    ("tied-to-goal", {"en": "Only those that quantify one of the company's key business goals; the rest are statistics",
                      "vi": "Chỉ những con số lượng hóa một mục tiêu kinh doanh quan trọng của công ty; còn lại là thống kê"}),
    ("only-money", {"en": "Only the ones in money: revenue, costs, profit",
                    "vi": "Chỉ những con số bằng tiền: doanh thu, chi phí, lợi nhuận"}),
    ("only-up", {"en": "Only those that went up this month", "vi": "Chỉ những con số tăng trong tháng này"}),
)
LIGHTER = (
    ("bsc-weekly", {"en": "Run the full scorecard every week anyway: strategy needs discipline",
                    "vi": "Vẫn chạy đủ thẻ điểm mỗi tuần: chiến lược cần kỷ luật"}),
    ("okrs-for-quarter", {"en": "Keep the scorecard as the strategy's story and use OKRs, lighter, for the quarter and "
                                "the week",
                          "vi": "Giữ thẻ điểm làm câu chuyện chiến lược và dùng OKR, nhẹ hơn, cho nhịp quý và tuần"}),
    ("drop-strategy", {"en": "Drop written goals until the company is bigger",
                       "vi": "Bỏ hẳn mục tiêu thành văn cho tới khi công ty lớn hơn"}),
    ("kpis-only", {"en": "Keep only a list of KPIs, without objectives", "vi": "Chỉ giữ một danh sách KPI, không cần mục tiêu"}),
)
COUNT = (
    ("all-nine", {"en": "Accept them all: more objectives, more ambition", "vi": "Nhận hết: càng nhiều mục tiêu càng tham vọng"}),
    ("three-to-five", {"en": "Keep about 3–5 objectives (fewer is fine), each with 3–5 measurable key results; "
                             "campaigns go into the weekly plan",
                       "vi": "Giữ khoảng 3–5 mục tiêu (ít hơn cũng được), mỗi mục tiêu 3–5 KR đo được; các chiến dịch "
                             "nằm trong kế hoạch tuần"}),
    ("merge-krs", {"en": "Fold them all into one objective with a key result per campaign",
                   "vi": "Gộp tất cả vào một mục tiêu, mỗi chiến dịch một KR"}),
    ("one-only", {"en": "Keep a single objective so that nothing distracts",
                  "vi": "Chỉ giữ một mục tiêu để không bị phân tán"}),
)
BEYOND = (
    ("revenue-only", {"en": "No: a sales objective must be about revenue",
                      "vi": "Không: mục tiêu của đội bán hàng phải nói về doanh thu"}),
    ("if-aligned", {"en": "Yes, if it serves a company objective and its key results measure the change (e.g. the win "
                          "rate of trained reps)",
                    "vi": "Có, nếu nó phục vụ một mục tiêu công ty và các KR đo được sự thay đổi (ví dụ tỷ lệ chốt của "
                          "người đã được đào tạo)"}),
    ("skills-no-kr", {"en": "Yes, and it needs no key results: skills cannot be measured",
                      "vi": "Có, và không cần KR: kỹ năng thì không đo được"}),
    ("any-objective", {"en": "Yes, any objective the team likes is fine", "vi": "Có, đội thích mục tiêu nào cũng được"}),
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
    _q("kpi_fail", "{company} set its KPIs two years ago and has not touched them since, although a new competitor "
       "came and customers now ask for other things; the targets look good on paper but nobody acts on them. Why do "
       "KPI systems like this one usually fail?",
       "{company} đặt bộ KPI từ hai năm trước và chưa sửa lần nào, dù đã có đối thủ mới và khách hàng giờ cần thứ khác; "
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
    _q("go_together", "A Marketing specialist says: 'I like my own clear KPI, my work depends on nobody.' Last month "
       "Marketing handed leads to Sales late, customers complained, and the two teams spent the meeting arguing whose "
       "fault it was. What does lesson 1 suggest?",
       "Một chuyên viên Marketing nói: 'Tôi thích KPI riêng rõ ràng, việc của tôi chẳng phụ thuộc ai.' Tháng trước "
       "Marketing giao lead cho Kinh doanh chậm, khách phàn nàn, và hai đội dành cả buổi họp cãi xem lỗi của ai. "
       "Bài 1 gợi ý gì?",
       TOGETHER, "To go fast, go alone; to go far, go together: the gap between two teams belongs to both once they "
       "carry the same KPI, each with its own weight.",
       "Muốn đi nhanh hãy đi một mình, muốn đi xa hãy đi cùng nhau: khoảng hở giữa hai đội là việc của cả hai khi họ "
       "cùng mang một KPI, mỗi bên một trọng số."),
    _q("bonus_only", "{company}'s reps have a minimum revenue, a commission on every sale and a penalty below the minimum. "
       "Most reach the minimum and stop; the keen ones do not know where to start to go further. What does lesson 2 "
       "add?",
       "Nhân viên kinh doanh của {company} có doanh số tối thiểu, hoa hồng theo từng đơn bán và bị phạt khi dưới mức tối "
       "thiểu. Phần đông chạm mức tối thiểu rồi dừng; người muốn vượt lại không biết bắt đầu từ đâu. Bài 2 bổ sung "
       "điều gì?",
       BONUS, "Bonus and penalty alone breed a 'just enough' mindset; OKRs say what the company expects, show the "
       "steps, and let everyone see their contribution.",
       "Chỉ có thưởng và phạt thì dễ sinh tâm lý 'làm vừa đủ'; OKR nói công ty kỳ vọng gì, chỉ ra các bước, và cho mỗi "
       "người thấy phần đóng góp của mình."),
    _q("kpi_number", "{company}'s marketing dashboard shows 40 numbers every week, and the team calls them all KPIs. "
       "Which of them really are KPIs?",
       "Bảng theo dõi của Marketing {company} hiện 40 con số mỗi tuần, và cả đội gọi tất cả là KPI. Trong đó con số "
       "nào thật sự là KPI?",
       NUMBERS, "A KPI is a business goal put into a number: it is tied to a key goal (and has an owner and a "
       "target). A number tied to no goal is a statistic.",
       "KPI là mục tiêu kinh doanh được lượng hóa: nó gắn với một mục tiêu quan trọng (và có người phụ trách, có chỉ "
       "tiêu). Con số không gắn với mục tiêu nào chỉ là thống kê."),
    _q("okr_lighter", "A 30-person start-up drew its strategy map, then found the Balanced Scorecard too heavy to run "
       "week by week. What does lesson 6 suggest?",
       "Một công ty khởi nghiệp 30 người đã vẽ bản đồ chiến lược, rồi thấy Thẻ điểm cân bằng quá nặng để vận hành "
       "hằng tuần. Bài 6 gợi ý gì?",
       LIGHTER, "The BSC tells the strategy's story; OKRs, used by Intel, Google or LinkedIn, are the lighter way to "
       "run the quarter and the week.",
       "BSC kể câu chuyện chiến lược; OKR, từng được Intel, Google, LinkedIn dùng, là cách nhẹ hơn để vận hành nhịp "
       "quý và tuần."),
    _q("objective_count", "For next quarter Marketing - PR - Partners proposes one objective per campaign: nine "
       "objectives in all. What do you advise?",
       "Cho quý tới, Marketing - PR - Đối tác đề xuất mỗi chiến dịch một mục tiêu: tổng cộng chín mục tiêu. Bạn khuyên "
       "gì?",
       COUNT, "About 3–5 objectives a quarter (fewer when the situation calls for it), each with 3–5 measurable key "
       "results, keep the focus; activities belong to the weekly plan.",
       "Khoảng 3–5 mục tiêu mỗi quý (ít hơn khi tình hình cần), mỗi mục tiêu 3–5 KR đo được, giữ được sự tập trung; "
       "hoạt động thuộc về kế hoạch tuần."),
    _q("sales_beyond_revenue", "A sales team lead wants an objective on the team's consultative selling, with no "
       "revenue key result. Is it a sales OKR?",
       "Một trưởng nhóm kinh doanh muốn đặt một mục tiêu về kỹ năng tư vấn bán hàng của đội, không có KR doanh thu. Đó "
       "có phải là một OKR bán hàng không?",
       BEYOND, "Sales objectives need not be about revenue only — skills, process and ways of working count too — as "
       "long as they serve a company objective and their key results are measurable.",
       "Mục tiêu của đội bán hàng không nhất thiết chỉ nói về doanh thu — kỹ năng, quy trình, cách làm việc cũng được "
       "— miễn là phục vụ một mục tiêu công ty và có KR đo được."),
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
    "go_together": "b46c400292f0ca55",
    "bonus_only": "496c184593b5baf0",
    "kpi_number": "17e1d7cfa4b20c7a",
    "okr_lighter": "9c84e68296565603",
    "objective_count": "c88f8048cd82bd59",
    "sales_beyond_revenue": "1b59b8b0298ece69",
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
        reason = WRONG.get(q["id"], {}).get(_digest(q["id"], got))
        if reason:  # this option's own reason
            return False, reason
        # A hint at the reasoning, without giving the option away.
        return False, {"en": "Not yet: " + _hint(q, "en"), "vi": "Chưa đúng: " + _hint(q, "vi")}
    return Check(q["id"], 1, test, q["text"], praise=WHY[q["id"]],
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
    "go_together": {"en": "Working alone or binding teams with a shared KPI",
                    "vi": "Làm một mình hay ràng buộc các đội bằng KPI chung"},
    "bonus_only": {"en": "Why bonus and penalty alone fall short", "vi": "Vì sao chỉ thưởng – phạt là chưa đủ"},
    "kpi_number": {"en": "What makes a number a KPI", "vi": "Khi nào một con số là KPI"},
    "okr_lighter": {"en": "When the Balanced Scorecard is too heavy", "vi": "Khi Thẻ điểm cân bằng quá nặng"},
    "objective_count": {"en": "How many objectives a quarter", "vi": "Bao nhiêu mục tiêu mỗi quý"},
    "sales_beyond_revenue": {"en": "Sales objectives beyond revenue", "vi": "Mục tiêu bán hàng ngoài doanh thu"},
}

# For the newer questions, each wrong option has its own reason, keyed like KEY by the option's digest
# (the right one is praised with WHY).
WRONG: dict[str, dict[str, dict[str, str]]] = {
    "go_together": {
        "f0f4c3c6d90649b1": {"en": "Working alone feels freer and goes faster, but revenue passes through the hand-over: with "
                          "separate KPIs nobody owns the gap where the customers were lost.",
                    "vi": "Làm một mình thấy tự do và nhanh hơn, nhưng doanh thu đi qua khâu bàn giao: KPI riêng thì "
                          "không ai nhận khoảng hở nơi khách hàng bị mất."},
        "c74087686fa84184": {"en": "Splitting duties sounds clean, but one team's output is the next one's input: when a "
                               "hand-over is late both sides explain instead of fixing it. A shared KPI makes the gap "
                               "theirs together.",
                         "vi": "Chia rõ trách nhiệm nghe gọn, nhưng đầu ra của đội này là đầu vào của đội kia: khi bàn "
                               "giao chậm, hai bên lo giải trình thay vì sửa. KPI chung biến khoảng hở thành việc của "
                               "cả hai."},
        "cdf732db9637585e": {"en": "Sales can only close what Marketing brings: if revenue weighs nothing for Marketing, "
                              "late or weak leads cost Marketing nothing.",
                        "vi": "Kinh doanh chỉ chốt được những gì Marketing mang về: nếu doanh thu không có trọng số nào "
                              "với Marketing thì lead chậm, lead yếu không làm Marketing mất gì."},
    },
    "bonus_only": {
        "e72f3d22747762e7": {"en": "More money still moves people mechanically and for a short while; it does not "
                                   "tell the keen rep where to start.",
                             "vi": "Thêm tiền vẫn chỉ đẩy người ta đi một cách máy móc và trong thời gian ngắn; nó không "
                                   "chỉ cho người muốn vượt biết bắt đầu từ đâu."},
        "4b4db51dda5721b5": {"en": "A heavier penalty makes the minimum the goal: people aim at 'just enough'.",
                           "vi": "Phạt nặng hơn biến mức tối thiểu thành đích đến: người ta nhắm tới 'vừa đủ'."},
        "f9f74049b7b1aa8f": {"en": "The minimum is not the problem; what is missing is a clear picture of what the company "
                               "expects and how to get there.",
                         "vi": "Mức tối thiểu không phải là vấn đề; điều còn thiếu là bức tranh rõ về điều công ty kỳ "
                               "vọng và cách đi tới đó."},
    },
    "kpi_number": {
        "c6c9f8ff3bfd1f60": {"en": "Tracking a number does not make it key: a KPI quantifies a key business goal; a number "
                                   "tied to no goal is only a statistic.",
                             "vi": "Theo dõi một con số không làm nó thành then chốt: KPI lượng hóa một mục tiêu kinh "
                                   "doanh quan trọng; con số không gắn với mục tiêu nào chỉ là thống kê."},
        "e5ee0493327d802e": {"en": "KPIs need not be money: lead quality, churn or response time quantify key goals too.",
                             "vi": "KPI không nhất thiết bằng tiền: chất lượng lead, tỷ lệ rời bỏ hay thời gian phản hồi "
                                   "cũng lượng hóa những mục tiêu quan trọng."},
        "d7baeabcb283360f": {"en": "Whether a number rose says nothing about whether it measures a goal.",
                             "vi": "Con số có tăng hay không chẳng nói gì về việc nó có đo một mục tiêu hay không."},
    },
    "okr_lighter": {
        "dd08ac3fe56e1f8e": {"en": "Many start-ups find exactly this too heavy; the lesson keeps the BSC for the strategy "
                                   "and a lighter tool for the week.",
                             "vi": "Nhiều công ty khởi nghiệp thấy chính việc này quá sức; bài học giữ BSC cho chiến lược "
                                   "và một công cụ nhẹ hơn cho nhịp tuần."},
        "194f6994923f8e75": {"en": "Without written goals the strategy map stays on the wall; a lighter rhythm is the "
                                   "answer, not no rhythm.",
                             "vi": "Không có mục tiêu thành văn thì bản đồ chiến lược chỉ nằm trên tường; câu trả lời là "
                                   "một nhịp nhẹ hơn, không phải không có nhịp."},
        "01d30ac6a1dde324": {"en": "KPIs without objectives measure without saying where to go; objectives and key results "
                                   "give the week its direction.",
                             "vi": "KPI không có mục tiêu thì đo mà không nói đi đâu; mục tiêu và kết quả then chốt cho nhịp "
                                   "tuần một hướng đi."},
    },
    "objective_count": {
        "62ec458c260e45a9": {"en": "Nine objectives split the team's attention; focus is the point of OKRs.",
                             "vi": "Chín mục tiêu chia nhỏ sự chú ý của đội; tập trung mới là điều OKR hướng tới."},
        "823c6136eb64090a": {"en": "Then one objective carries nine key results, and each campaign becomes a KR that "
                                   "counts activity, not a result.",
                             "vi": "Khi đó một mục tiêu mang chín KR, và mỗi chiến dịch thành một KR đếm hoạt động chứ "
                                   "không đo kết quả."},
        "c553428b2b8d11b0": {"en": "Fewer is fine when the situation calls for it, but one objective for a whole "
                                   "department usually leaves out a must-do such as quality leads for Sales.",
                             "vi": "Ít hơn cũng được khi tình hình cần, nhưng một mục tiêu cho cả bộ phận thường bỏ sót "
                                   "phần việc bắt buộc như lead chất lượng cho Kinh doanh."},
    },
    "sales_beyond_revenue": {
        "7dc00196cce34d57": {"en": "Skills, process and ways of working are sales objectives too, as long as they serve a "
                                   "company objective.",
                             "vi": "Kỹ năng, quy trình, cách làm việc cũng là mục tiêu bán hàng, miễn là phục vụ một mục "
                                   "tiêu công ty."},
        "548ed303d3fccd30": {"en": "Every objective needs measurable key results; a skill shows in what it changes, such "
                                   "as the win rate.",
                             "vi": "Mục tiêu nào cũng cần KR đo được; kỹ năng thể hiện qua điều nó làm thay đổi, như tỷ "
                                   "lệ chốt."},
        "d994cc0f9056a614": {"en": "Not any objective: it must serve at least one company objective.",
                             "vi": "Không phải mục tiêu nào cũng được: nó phải phục vụ ít nhất một mục tiêu công ty."},
    },
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
    "go_together": ("ask who owns the gap between the two teams.", "hãy hỏi ai nhận khoảng hở giữa hai đội."),
    "bonus_only": ("ask what the keen rep is missing.", "hãy hỏi người muốn vượt đang thiếu điều gì."),
    "kpi_number": ("ask what a KPI is tied to.", "hãy hỏi KPI gắn với điều gì."),
    "okr_lighter": ("ask which tool tells the strategy and which runs the week.",
                    "hãy hỏi công cụ nào kể chiến lược và công cụ nào vận hành nhịp tuần."),
    "objective_count": ("ask what keeps a team focused.", "hãy hỏi điều gì giữ cho đội tập trung."),
    "sales_beyond_revenue": ("ask what every team objective must serve.",
                             "hãy hỏi mọi mục tiêu của đội phải phục vụ điều gì."),
}


def _hint(q: dict, lang: str) -> str:
    en, vi = HINTS[q["id"]]
    return en if lang == "en" else vi


RUBRIC = Rubric("ex07_kpi_bsc", tuple(_check(q) for q in QUESTIONS))
