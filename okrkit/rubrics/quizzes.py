"""The pre- and post-course quizzes: ten parallel questions on the same skills, never the same wording.

Each skill is asked once before the course (:data:`PRE`) and once after it (:data:`POST`) with a new
case: an outcome key result told apart from an activity, an activity turned into a key result,
what a committed and an aspirational score of 0.7 means, which kind an OKR should be, leads worked
back from a revenue goal through the funnel, what a rate change does to the funnel, a missing weight
so that a department's weights add up to 1, weights of a shared KPI, a KPI's Balanced Scorecard
perspective, and where a sentence of a weekly check-in belongs (Plan / Progress / Problems).

The two quizzes have the same skills in the same order, so a participant's gain is measured skill by
skill (:mod:`okrkit.evaluation`).  Keys are kept as hashes, as in ex07, so that reading this module
does not give the answers away; the reference answers live in ``solutions/quiz_pre.ipynb`` and
``solutions/quiz_post.ipynb``.

>>> from okrkit.rubrics.quizzes import number_in
>>> number_in("2.000"), number_in("2,000 leads"), number_in("15%", share=True), number_in("0,15", share=True)
(2000.0, 2000.0, 0.15, 0.15)
"""

from __future__ import annotations

import hashlib

from ..errors import OkrkitError
from ..quantity import parse_number
from ..rubric import Check, Rubric
from . import LazyText, company, sample_key

#: the skills both quizzes ask about, in order, with the title a trainer reads on the evaluation page
SKILLS: tuple[tuple[str, dict[str, str]], ...] = (
    ("outcome_kr", {"en": "An outcome key result, not an activity", "vi": "KR là kết quả, không phải đầu việc"}),
    ("kr_rewrite", {"en": "Turning an activity into a key result", "vi": "Biến một đầu việc thành kết quả then chốt"}),
    ("score_meaning", {"en": "What a score of 0.7 means", "vi": "Điểm 0,7 nghĩa là gì"}),
    ("okr_type", {"en": "Committed or aspirational", "vi": "Cam kết hay mở rộng"}),
    ("funnel_leads", {"en": "Leads worked back from a revenue goal", "vi": "Tính ngược số lead từ mục tiêu doanh thu"}),
    ("funnel_change", {"en": "What a rate change does to the funnel", "vi": "Một tỷ lệ đổi thì phễu đổi ra sao"}),
    ("weight_missing", {"en": "Weights that add up to 1", "vi": "Trọng số cộng lại bằng 1"}),
    ("shared_weights", {"en": "Weights of a shared KPI", "vi": "Trọng số của một KPI chung"}),
    ("bsc", {"en": "A KPI's Balanced Scorecard perspective", "vi": "KPI thuộc khía cạnh nào của Thẻ điểm cân bằng"}),
    ("ppp", {"en": "Plan, Progress or Problems in a check-in", "vi": "Kế hoạch, Tiến độ hay Vấn đề trong check-in"}),
)
SKILL_TITLES: dict[str, dict[str, str]] = dict(SKILLS)

PPP = (("plan", {"en": "Plan", "vi": "Kế hoạch"}), ("progress", {"en": "Progress", "vi": "Tiến độ"}),
       ("problems", {"en": "Problems", "vi": "Vấn đề"}))
BSC = (("financial", {"en": "Financial", "vi": "Tài chính"}), ("customer", {"en": "Customer", "vi": "Khách hàng"}),
       ("process", {"en": "Internal process", "vi": "Quy trình nội bộ"}),
       ("learning", {"en": "Learning and growth", "vi": "Học hỏi và phát triển"}))
TYPES = (("committed", {"en": "Committed: it must be met in full", "vi": "Cam kết: phải đạt trọn vẹn"}),
         ("aspirational", {"en": "Aspirational: a stretch, about 0.7 counts as success",
                           "vi": "Mở rộng: mục tiêu vươn xa, đạt khoảng 0,7 là thành công"}))


def _o(value, en, vi):
    return {"value": value, "label": {"en": en, "vi": vi}}


def _q(qid, en, vi, *, options=None, kind=None, placeholder=None):
    """A question; ``en``/``vi`` may name ``{company}`` (the class's sample company) or be ``{sample: text}``
    where the situation itself differs between the companies (written when the form is drawn)."""
    q = {"id": qid, "text": {"en": en, "vi": vi}}
    if isinstance(en, dict) or "{company}" in en + vi:
        texts = {"en": en, "vi": vi}

        def text(lang):
            t = texts[lang]
            return (t[sample_key()] if isinstance(t, dict) else t).format(company=company())
        q["text"] = LazyText(text)
    if options is not None:
        q["options"] = [o if isinstance(o, dict) else {"value": o[0], "label": o[1]} for o in options]
    if kind:
        q["kind"] = kind
    if placeholder:
        q["placeholder"] = placeholder
    return q


NUMBER_HINT = {"en": "a number, e.g. 1200", "vi": "một con số, ví dụ 1.200"}
WEIGHT_HINT = {"en": "a weight, e.g. 0.25", "vi": "một trọng số, ví dụ 0,25"}

PRE: tuple[dict, ...] = (
    _q("outcome_kr", "{company}'s Sales team wants old customers to stay. Which line is a key result (an outcome), "
       "not an activity?",
       "Đội Kinh doanh của {company} muốn giữ khách hàng cũ. Dòng nào là kết quả then chốt (một kết quả), không phải "
       "một đầu việc?",
       options=[_o("activity", "Call 50 old customers every week", "Gọi điện cho 50 khách hàng cũ mỗi tuần"),
                _o("outcome", "The renewal rate of old customers rises from 70% to 85%",
                   "Tỷ lệ gia hạn của khách hàng cũ tăng từ 70% lên 85%"),
                _o("vague", "Take better care of old customers", "Chăm sóc khách hàng cũ tốt hơn")]),
    _q("kr_rewrite", "A manager wrote the key result 'Run 3 training sessions for the sales reps'. What makes it a "
       "real key result?",
       "Một quản lý viết kết quả then chốt 'Tổ chức 3 buổi đào tạo cho nhân viên kinh doanh'. Sửa thế nào để nó "
       "thành kết quả then chốt thật sự?",
       options=[_o("more", "Raise it to 6 sessions", "Tăng lên 6 buổi"),
                _o("deadline", "Add a date: 3 sessions by 15 March", "Thêm hạn: 3 buổi trước ngày 15/3"),
                _o("result", "Name the result the training should bring: reps at skill level 2 rise from 40% to 70%",
                   "Nêu kết quả mà việc đào tạo phải mang lại: tỷ lệ nhân viên đạt level 2 tăng từ 40% lên 70%")]),
    _q("score_meaning", "A committed OKR ends the quarter at 0.7. What does that say?",
       "Một OKR cam kết kết thúc quý ở mức 0,7. Điều đó nói lên gì?",
       options=[_o("success", "Success: 0.7 is the usual aim", "Thành công: 0,7 là mức thường nhắm tới"),
                _o("missed", "It was missed: a committed OKR is expected at 1.0",
                   "Chưa đạt: OKR cam kết phải đạt 1,0"),
                _o("easy", "The target was too easy", "Chỉ tiêu quá dễ")]),
    _q("okr_type", "Customer care promises every contract customer a first reply within 2 hours. What kind of OKR "
       "is 'every first reply within 2 hours'?",
       "Bộ phận Chăm sóc khách hàng cam kết trong hợp đồng sẽ phản hồi lần đầu trong vòng 2 giờ. 'Mọi phản hồi lần "
       "đầu trong 2 giờ' là loại OKR nào?", options=TYPES),
    _q("funnel_leads", "The new-customer revenue goal of the quarter is 6 tỷ đồng (6 billion VND). A deal is worth "
       "30 triệu (30 million VND) on average, 25% of opportunities are won and 40% of leads become opportunities. "
       "How many leads does Marketing have to bring?",
       "Mục tiêu doanh thu từ khách hàng mới của quý là 6 tỷ đồng. Mỗi hợp đồng trung bình 30 triệu đồng, tỷ lệ chốt "
       "là 25% và 40% số lead trở thành cơ hội bán hàng. Marketing cần mang về bao nhiêu lead?",
       kind="number", placeholder=NUMBER_HINT),
    _q("funnel_change", "The win rate falls from 25% to 20% and nothing else changes. The leads needed for the same "
       "revenue…",
       "Tỷ lệ chốt giảm từ 25% xuống 20%, mọi thứ khác giữ nguyên. Số lead cần cho cùng mức doanh thu sẽ…",
       options=[_o("down", "fall by a fifth", "giảm một phần năm"),
                _o("same", "stay the same: the win rate is Sales' business", "giữ nguyên: tỷ lệ chốt là việc của "
                   "Kinh doanh"),
                _o("up", "rise by a quarter (25 ÷ 20 = 1.25)", "tăng thêm một phần tư (25 ÷ 20 = 1,25)")]),
    _q("weight_missing", "Sales' KPIs: revenue weighs 0.6, new customers 0.25. What weight does the third KPI, the "
       "win rate, need?",
       "KPI của Kinh doanh: doanh thu có trọng số 0,6, khách hàng mới 0,25. KPI thứ ba, tỷ lệ chốt, cần trọng số bao "
       "nhiêu?", kind="number", placeholder=WEIGHT_HINT),
    _q("shared_weights", "Revenue is a KPI that Sales and Marketing share. Which weights fit the shared goal?",
       "Doanh thu là KPI chung của Kinh doanh và Marketing. Cách đặt trọng số nào hợp với mục tiêu chung?",
       options=[_o("sales-only", "Sales 1.0, Marketing 0: revenue is Sales' job",
                   "Kinh doanh 1,0, Marketing 0: doanh thu là việc của Kinh doanh"),
                _o("equal", "Sales 0.5 and Marketing 0.5", "Kinh doanh 0,5 và Marketing 0,5"),
                _o("shared", "Sales about 0.7, Marketing about 0.2 (its main weight is on quality leads)",
                   "Kinh doanh khoảng 0,7, Marketing khoảng 0,2 (trọng số chính của Marketing là lead chất lượng)")]),
    _q("bsc", "The share of sales reps who leave within their first year: which Balanced Scorecard perspective?",
       "Tỷ lệ nhân viên kinh doanh nghỉ việc trong năm đầu thuộc khía cạnh nào của Thẻ điểm cân bằng?", options=BSC),
    _q("ppp", "In a weekly check-in: 'Two partners have not answered about the integration; we need the CEO to "
       "call them by Friday.' Under which heading?",
       "Trong check-in tuần: 'Hai đối tác chưa trả lời về việc tích hợp; cần Giám đốc gọi cho họ trước thứ Sáu.' "
       "Câu này thuộc mục nào?", options=PPP),
)

POST: tuple[dict, ...] = (
    _q("outcome_kr", "Marketing wants content that brings customers. Which line is a key result (an outcome), not "
       "an activity?",
       "Marketing muốn nội dung mang về khách hàng. Dòng nào là kết quả then chốt (một kết quả), không phải một đầu "
       "việc?",
       options=[_o("vague", "Be more present on social media", "Hiện diện nhiều hơn trên mạng xã hội"),
                _o("activity", "Publish 20 articles a month", "Đăng 20 bài viết mỗi tháng"),
                _o("outcome", "Quality leads from content grow from 120 to 200 a month",
                   "Số lead chất lượng từ nội dung tăng từ 120 lên 200 mỗi tháng")]),
    _q("kr_rewrite", "A Marketing lead wrote the key result 'Send a newsletter every week'. What makes it a real "
       "key result?",
       "Trưởng nhóm Marketing viết kết quả then chốt 'Gửi bản tin mỗi tuần'. Sửa thế nào để nó thành kết quả then "
       "chốt thật sự?",
       options=[_o("result", "Name what the newsletter should bring: demo requests from it rise from 15 to 40 a "
                   "month", "Nêu điều bản tin phải mang lại: số yêu cầu demo từ bản tin tăng từ 15 lên 40 mỗi tháng"),
                _o("more", "Send it twice a week", "Gửi hai lần mỗi tuần"),
                _o("owner", "Name who sends it", "Ghi rõ ai gửi")]),
    _q("score_meaning", "An aspirational OKR ends the quarter at 0.7. What does that say?",
       "Một OKR mở rộng kết thúc quý ở mức 0,7. Điều đó nói lên gì?",
       options=[_o("missed", "It failed: anything under 1.0 is a miss", "Thất bại: dưới 1,0 là chưa đạt"),
                _o("success", "Success: about 0.7 is what a stretch aims at",
                   "Thành công: khoảng 0,7 là mức mà mục tiêu vươn xa nhắm tới"),
                _o("easy", "The target was too easy", "Chỉ tiêu quá dễ")]),
    _q("okr_type", "Marketing wants to double quality leads in a province where {company} has never sold. What kind "
       "of OKR is it?",
       "Marketing muốn tăng gấp đôi lead chất lượng ở một tỉnh mà {company} chưa từng bán hàng. Đó là loại OKR nào?",
       options=TYPES),
    _q("funnel_leads", "The new-customer revenue goal of the quarter is 4,8 tỷ đồng (4.8 billion VND). A deal is "
       "worth 40 triệu (40 million VND) on average, 20% of opportunities are won and half of the leads become "
       "opportunities. How many leads does Marketing have to bring?",
       "Mục tiêu doanh thu từ khách hàng mới của quý là 4,8 tỷ đồng. Mỗi hợp đồng trung bình 40 triệu đồng, tỷ lệ "
       "chốt là 20% và một nửa số lead trở thành cơ hội bán hàng. Marketing cần mang về bao nhiêu lead?",
       kind="number", placeholder=NUMBER_HINT),
    _q("funnel_change", "The average deal grows from 30 to 40 triệu (million VND) and nothing else changes. The deals "
       "needed for the same revenue…",
       "Giá trị hợp đồng trung bình tăng từ 30 lên 40 triệu đồng, mọi thứ khác giữ nguyên. Số hợp đồng cần cho cùng "
       "mức doanh thu sẽ…",
       options=[_o("up", "rise by a third", "tăng thêm một phần ba"),
                _o("down", "fall by a quarter (30 ÷ 40 = 0.75)", "giảm một phần tư (30 ÷ 40 = 0,75)"),
                _o("same", "stay the same: the deal size is Marketing's business",
                   "giữ nguyên: giá trị hợp đồng là việc của Marketing")]),
    _q("weight_missing", "Marketing's KPIs: quality leads weigh 0.5, revenue 0.2. What weight does the third KPI, the "
       "cost per lead, need?",
       "KPI của Marketing: lead chất lượng có trọng số 0,5, doanh thu 0,2. KPI thứ ba, chi phí cho mỗi lead, cần "
       "trọng số bao nhiêu?", kind="number", placeholder=WEIGHT_HINT),
    _q("shared_weights", "Quality leads is a KPI that Marketing and Sales share. Which weights fit the shared goal?",
       "Lead chất lượng là KPI chung của Marketing và Kinh doanh. Cách đặt trọng số nào hợp với mục tiêu chung?",
       options=[_o("shared", "Marketing about 0.5, Sales a smaller weight such as 0.1 (its main weight is on revenue)",
                   "Marketing khoảng 0,5, Kinh doanh một trọng số nhỏ như 0,1 (trọng số chính của Kinh doanh là "
                   "doanh thu)"),
                _o("marketing-only", "Marketing 1.0, Sales 0: leads are Marketing's job",
                   "Marketing 1,0, Kinh doanh 0: lead là việc của Marketing"),
                _o("equal", "Marketing 0.5 and Sales 0.5", "Marketing 0,5 và Kinh doanh 0,5")]),
    _q("bsc", {"saomai": "The days from a new customer's signature to their shop running on Sao Mai: which Balanced "
              "Scorecard perspective?",
              "fmcg": "The hours from a shop's order to the delivery at its door: which Balanced Scorecard "
              "perspective?"},
       {"saomai": "Số ngày từ lúc khách hàng mới ký hợp đồng tới khi cửa hàng của họ chạy được trên Sao Mai thuộc "
              "khía cạnh nào của Thẻ điểm cân bằng?",
        "fmcg": "Số giờ từ lúc cửa hàng đặt đơn tới khi hàng được giao tới cửa thuộc khía cạnh nào của Thẻ điểm cân "
              "bằng?"}, options=BSC),
    _q("ppp", "In a weekly check-in: 'Quality leads: 140 of the 200 planned for the quarter (70%), on track.' "
       "Under which heading?",
       "Trong check-in tuần: 'Lead chất lượng: 140 trên 200 theo kế hoạch quý (70%), đúng tiến độ.' Câu này thuộc mục "
       "nào?", options=PPP),
)

#: hints point at the reasoning, never at the option or the figure
HINTS: dict[str, dict[str, str]] = {
    "outcome_kr": {"en": "ask which line could be done in full while nothing changes for the customer.",
                   "vi": "hãy hỏi dòng nào có thể làm đủ mà khách hàng vẫn chẳng có gì thay đổi."},
    "kr_rewrite": {"en": "a key result says what is different at the end of the quarter, not how busy we were.",
                   "vi": "kết quả then chốt nói điều gì khác đi vào cuối quý, không phải ta bận rộn đến đâu."},
    "score_meaning": {"en": "committed and aspirational OKRs are read on different scales.",
                      "vi": "OKR cam kết và OKR mở rộng được đọc theo hai thang khác nhau."},
    "okr_type": {"en": "ask whether falling short would break a promise or only a stretch.",
                 "vi": "hãy hỏi nếu không đạt thì ta thất hứa, hay chỉ là chưa vươn tới."},
    "funnel_leads": {"en": "work backwards one step at a time: revenue ÷ deal size, then ÷ win rate, then ÷ the "
                           "lead-to-opportunity rate.",
                     "vi": "tính ngược từng bước: doanh thu ÷ giá trị hợp đồng, rồi ÷ tỷ lệ chốt, rồi ÷ tỷ lệ lead "
                           "thành cơ hội."},
    "funnel_change": {"en": "the figure sits in a division: ask what a smaller or larger divisor does.",
                      "vi": "con số này nằm ở phép chia: hãy hỏi số chia nhỏ đi hay lớn lên thì kết quả ra sao."},
    "weight_missing": {"en": "a department's weights add up to exactly 1.", "vi": "các trọng số của một bộ phận cộng "
                       "lại đúng bằng 1."},
    "shared_weights": {"en": "a shared KPI binds both departments, each weighing most what it drives most.",
                       "vi": "KPI chung ràng buộc cả hai bộ phận, mỗi bên đặt trọng số lớn nhất vào thứ mình tác động "
                             "nhiều nhất."},
    "bsc": {"en": "ask whose skills or whose way of working the number measures.",
            "vi": "hãy hỏi con số này đo năng lực của ai, hay cách làm việc nào."},
    "ppp": {"en": "Plan is next week's work, Progress is the figures so far, Problems is what blocks us and who can "
                  "help.",
            "vi": "Kế hoạch là việc tuần tới, Tiến độ là số liệu tới nay, Vấn đề là điều cản trở và ai có thể giúp."},
}


def number_in(text, *, share: bool = False) -> float | None:
    """The figure a participant typed (``None`` when it is not one number); ``share`` reads 15% as 0.15."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        value, unit = float(text), None
    else:
        words = str(text).strip().split()
        if not words:
            return None
        try:
            value, unit = parse_number(str(text).strip())
        except OkrkitError:
            try:   # "2.000 lead", "2,000 leads": the figure with a word after it
                value, unit = parse_number(words[0])
            except OkrkitError:
                return None
    if share and unit == "%":
        value /= 100
    return value


def _canon(qid: str, value) -> str:
    return f"{round(value, 4):g}" if isinstance(value, float) else str(value)


def digest(quiz: str, qid: str, value) -> str:
    """The stored form of a right answer (an option's value, or a figure rounded to 4 decimals)."""
    return hashlib.sha256(f"{quiz}:{qid}:{_canon(qid, value)}".encode()).hexdigest()[:16]


def choices(answer: dict) -> dict:
    """The answer's ``{question id: option or typed figure}``."""
    got = answer.get("choices", answer) if isinstance(answer, dict) else {}
    return got if isinstance(got, dict) else {}


def read(question: dict, got):
    """What the grader compares: the option chosen, or the typed figure as a number (``None`` if unreadable)."""
    if question.get("kind") == "number":
        return number_in(got, share=question["id"] == "weight_missing")
    return got


def rubric(quiz: str, questions: tuple[dict, ...], key: dict[str, str]) -> Rubric:
    """A quiz's rubric: one point per question, the feedback a hint at the reasoning."""
    def check(q: dict) -> Check:
        def test(answer):
            got = choices(answer).get(q["id"])
            if got is None or (isinstance(got, str) and not got.strip()):
                return False, {"en": "Not answered yet.", "vi": "Chưa trả lời."}
            value = read(q, got)
            if value is not None and digest(quiz, q["id"], value) == key[q["id"]]:
                return True
            if value is None:
                return False, {"en": "Write one number.", "vi": "Hãy ghi một con số."}
            return False, {"en": "Not yet: " + HINTS[q["id"]]["en"], "vi": "Chưa đúng: " + HINTS[q["id"]]["vi"]}
        skill = SKILL_TITLES[q["id"]]
        return Check(q["id"], 1, test, {"en": f"{skill['en']} —", "vi": f"{skill['vi']} —"}, title=skill)
    return Rubric(quiz, tuple(check(q) for q in questions))
