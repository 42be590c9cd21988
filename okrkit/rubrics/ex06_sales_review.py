"""Rubric of ex06: the monthly sales review of March 2026, answered on a form from the data shown.

The participant reads the review tables of ``ok.sample_sales()`` on the form
(:mod:`okrkit.ui.review_form`): plan and actual per rep, revenue per product
line against last month with its drill-down, and the buying customers who
placed no order this month.  :func:`key` computes the answers here with
:mod:`okrkit.sales`, in the grader's process.

The answer (what the form saves; ids are stored, the form shows names)::

    {"team_achieved": 0.785,            # the team's actual ÷ plan
     "lowest_rep": "R06",               # the rep with the lowest % of their own plan
     "falling_line": "Đào tạo",         # the product line that fell most against last month
     "falling_region": "Bình Dương",    # within that line, the region that fell most
     "falling_rep": "R08",              # within that line and region, the rep who fell most
     "call_first": ["KH0021", ...],     # 5 buying customers without an order: the biggest last month
     "action": "…",                     # the action agreed at the meeting, in the participant's words
     "questions": {"monthly-plan": …}}  # the judgement questions of lesson 7 (:data:`JUDGEMENTS`)

>>> from okrkit.rubrics.ex06_sales_review import RUBRIC, key
>>> key()["falling_line"], key()["lowest_rep"]
('Đào tạo', 'R06')
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

import re
import unicodedata

from ..rubric import Check, Rubric
from . import judgement, per_sample

PERIOD = "2026-03"
CALL_FIRST = 5
ACTION_WORDS = 12
TOL = 0.005


@per_sample
def data():
    from ..sales import sample_sales

    return sample_sales()


def month_by(data, period, dims: tuple[str, ...], **where):
    """Revenue of ``period`` and the month before, per ``dims``: columns ``before``, ``now``, ``change``.

    ``where`` keeps only the transactions whose column equals the value
    (``product_line="Đào tạo"``).
    """
    import pandas as pd

    from ..sales import Period

    now_p = Period.parse(period)
    before_p = now_p.previous()
    tx = data.transactions
    mask = pd.Series(True, index=tx.index)
    for col, value in where.items():
        mask &= tx[col].astype(str) == str(value)
    dates = pd.to_datetime(tx["date"])
    out = {}
    for name, p in (("before", before_p), ("now", now_p)):
        span = mask & (dates >= pd.Timestamp(p.start)) & (dates <= pd.Timestamp(p.end))
        part = tx.loc[span, list(dims) + ["amount"]].copy()
        for d in dims:
            part[d] = part[d].astype(str)
        out[name] = part.groupby(list(dims))["amount"].sum()
    table = pd.concat(out, axis=1).fillna(0.0)
    table["change"] = table["now"] - table["before"]
    return table.reset_index()


def plan_by_rep(data, period):
    """Plan and actual per rep with a plan in ``period`` (names, not ids), in rep order."""
    from ..sales import plan_vs_actual

    reps = plan_vs_actual(data, period, by="rep")
    return reps[reps["plan"] > 0].reset_index(drop=True)


def silent_customers(data, period):
    """Buying customers (first orders, partners) with no order in ``period``, with last month's revenue."""
    from ..sales import customers_without_orders

    return customers_without_orders(data, period)


@per_sample
def key() -> dict:
    """The answers computed from the sample sales data (the participant's text fields excepted)."""
    d = data()
    reps = plan_by_rep(d, PERIOD)
    lines = month_by(d, PERIOD, ("product_line",)).sort_values(["change", "product_line"])
    line = str(lines.iloc[0]["product_line"])
    regions = month_by(d, PERIOD, ("region",), product_line=line).sort_values(["change", "region"])
    region = str(regions.iloc[0]["region"])
    by_rep = month_by(d, PERIOD, ("rep_id",), product_line=line, region=region).sort_values(["change", "rep_id"])
    without = silent_customers(d, PERIOD)
    call = without.sort_values(["revenue_previous", "customer_id"], ascending=[False, True]).head(CALL_FIRST)
    names = {str(r.rep_id): str(r.name) for r in d.reps.itertuples()}
    customers = {str(r.customer_id): str(r.name) for r in d.customers.itertuples()}
    return {
        "team_achieved": round(float(reps["actual"].sum() / reps["plan"].sum()), 4),
        "lowest_rep": str(reps.loc[reps["achieved"].idxmin(), "rep_id"]),
        "falling_line": line,
        "falling_region": region,
        "falling_rep": str(by_rep.iloc[0]["rep_id"]),
        "call_first": [str(c) for c in call["customer_id"]],
        "rep_names": names,
        "customer_names": {c: customers.get(c, c) for c in without["customer_id"].astype(str)},
    }


def plain(text) -> str:
    """Lower case without Vietnamese accents: 'Đặng Ngọc Mai' → 'dang ngoc mai'."""
    text = unicodedata.normalize("NFD", str(text or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def share(value) -> float:
    """0.785, '0,785', '78,5%' and 78.5 all read as 0.785."""
    if isinstance(value, bool) or value is None:
        raise ValueError("no number")
    if isinstance(value, str):
        from ..quantity import parse_number

        number, unit = parse_number(value)
        value = number / 100 if unit == "%" else number
    value = float(value)
    return value / 100 if value > 1.5 else value


def _same_id(got, want: str, names: dict[str, str]) -> bool:
    """An id ('R06') or the name it stands for ('Đặng Ngọc Mai') matches ``want``."""
    text = str(got or "").strip()
    if not text:
        return False
    return text.upper() == want.upper() or plain(text) == plain(names.get(want, ""))


def _achieved(answer):
    try:
        got = share(answer.get("team_achieved"))
    except (TypeError, ValueError, ArithmeticError):
        return False
    except Exception:  # noqa: BLE001  -- an unreadable number is a wrong answer, not a crash
        return False
    return abs(got - key()["team_achieved"]) <= TOL


def _lowest(answer):
    return _same_id(answer.get("lowest_rep"), key()["lowest_rep"], key()["rep_names"])


def _line(answer):
    return plain(answer.get("falling_line")).strip() == plain(key()["falling_line"])


def _region(answer):
    return plain(answer.get("falling_region")).strip() == plain(key()["falling_region"])


def _rep(answer):
    return _same_id(answer.get("falling_rep"), key()["falling_rep"], key()["rep_names"])


def _call_first(answer):
    got = answer.get("call_first")
    if not isinstance(got, list) or not got:
        return False
    want = key()["call_first"]
    hits = len({str(x).strip().upper() for x in got} & set(want))
    ok = hits >= len(want) - 1 and len(got) <= len(want) + 1
    return ok, (None if ok else {"en": f"({hits} of the {len(got)} you chose are among the {len(want)} to call first.)",
                                 "vi": f"({hits} trong {len(got)} khách bạn chọn thuộc {len(want)} khách cần gọi trước.)"})


def words(text) -> int:
    return len(re.findall(r"\w+", str(text or "")))


def _action_written(answer):
    n = words(answer.get("action"))
    return n >= ACTION_WORDS, ({"en": f"(now {n} words)", "vi": f"(hiện có {n} từ)"} if 0 < n < ACTION_WORDS else None)


def concrete_terms() -> list[str]:
    """Names an action can point at: the reps, the falling line and region, the customers to call first."""
    k = key()
    terms = [k["falling_line"], k["falling_region"]]
    terms += [k["rep_names"].get(r, r) for r in (k["lowest_rep"], k["falling_rep"])]
    for cid in k["call_first"]:
        name = k["customer_names"].get(cid, cid)
        terms.append(re.sub(r"\s+\d+$", "", name))  # 'Shop Minh Anh 21' is also written 'Shop Minh Anh'
        terms.append(cid)
    return terms


def _action_concrete(answer):
    text = plain(answer.get("action"))
    if not text.strip():
        return False
    given = {plain(v) for v in (answer.get("lowest_rep"), answer.get("falling_rep")) if v}
    terms = [plain(t) for t in concrete_terms()] + sorted(given)
    # a rep is often called by the given name only ('chị Mai', 'anh Ngân')
    for rid in (key()["lowest_rep"], key()["falling_rep"]):
        terms.append(plain(key()["rep_names"].get(rid, "")).split()[-1] if key()["rep_names"].get(rid) else rid)
    return any(t and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text) for t in terms)


TITLE = {
    "team-achieved": {"en": "The team's % of plan", "vi": "% kế hoạch của cả đội"},
    "lowest-rep": {"en": "The rep furthest below plan", "vi": "Nhân viên đạt kế hoạch thấp nhất"},
    "falling-line": {"en": "The falling product line", "vi": "Dòng sản phẩm giảm doanh số"},
    "falling-region": {"en": "The region behind the fall", "vi": "Khu vực kéo doanh số giảm"},
    "falling-rep": {"en": "The rep behind the fall", "vi": "Nhân viên kéo doanh số giảm"},
    "call-first": {"en": "Customers to call first", "vi": "Khách hàng cần gọi trước"},
    "action-written": {"en": "The meeting's action is written", "vi": "Đã viết hành động sau buổi họp"},
    "action-concrete": {"en": "The action names who and where", "vi": "Hành động nêu rõ ai, ở đâu"},
    "monthly-plan": {"en": "What a rep's monthly plan holds", "vi": "Kế hoạch tháng của nhân viên gồm những gì"},
    "cross-sell": {"en": "Growth from the largest customers", "vi": "Tăng trưởng từ nhóm khách hàng lớn nhất"},
    "ask-or-look": {"en": "From asking to look – read – act", "vi": "Từ “hỏi” sang “xem – đọc – làm”"},
    "customer-layers": {"en": "Customers belong to the company", "vi": "Khách hàng là tài sản của công ty"},
}


# ---------------------------------------------------------------- judgement questions (lesson 7)
# Built from the sample sales data (the month's top customers, the rep furthest behind plan), so the figures
# and names follow the data; every wrong option says why it is wrong.

def _both(fn) -> dict[str, str]:
    return {"en": fn("en"), "vi": fn("vi")}


def _month(value: str, lang: str) -> str:
    """A month inside a sentence: "tháng 3/2026", "March 2026"."""
    from ..i18n import period

    text = period(value, lang)
    return text[:1].lower() + text[1:] if lang == "vi" else text


def _next_month(value: str) -> str:
    from datetime import timedelta

    from ..sales import Period

    return (Period.parse(value).end + timedelta(days=1)).strftime("%Y-%m")


@per_sample
def _top():
    """The month's largest customers (the top 10% of buyers) and the product line most of them do not buy yet."""
    from collections import Counter

    from ..sales import top_customers

    top = top_customers(data(), PERIOD, share=TOP_SHARE)
    lacking = Counter(x.strip() for cell in top["lines_not_bought"].fillna("") for x in str(cell).split(",") if x.strip())
    line, count = sorted(lacking.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return top, line, count


TOP_SHARE = 0.10


@per_sample
def monthly_plan_question():
    """Lesson 7: what a rep's monthly plan holds (customers by stage, a goal each, calls – meetings – tasks)."""
    from .judgement import Judgement

    k = key()
    name = k["rep_names"].get(k["lowest_rep"], k["lowest_rep"])

    def text(lang):
        now, nxt = _month(PERIOD, lang), _month(_next_month(PERIOD), lang)
        return (f"{name} ends {now} furthest below plan and, with the team lead, prepares the plan for {nxt}. What "
                f"must it hold?" if lang == "en" else
                f"{name} kết thúc {now} với % đạt kế hoạch thấp nhất và cùng trưởng nhóm lập kế hoạch cho {nxt}. Kế "
                f"hoạch đó cần có gì?")

    options = {
        "target": ({"en": "The next month's revenue target, raised to make up for this month's gap",
                    "vi": "Chỉ tiêu doanh số tháng sau, nâng lên để bù phần hụt của tháng này"},
                   {"en": "A number alone does not say whom to see or what to do; the plan starts from the customers.",
                    "vi": "Một con số không nói phải gặp ai, làm gì; kế hoạch bắt đầu từ danh sách khách hàng."}),
        "calls": ({"en": "A fixed number of calls and meetings a day", "vi": "Một số cuộc gọi và cuộc gặp cố định mỗi ngày"},
                  {"en": "Calls and meetings are the last part of the plan; without the customers and a goal for each "
                         "they are busy-work.",
                   "vi": "Cuộc gọi, cuộc gặp là phần cuối của kế hoạch; thiếu danh sách khách và mục tiêu từng khách thì "
                         "đó chỉ là sự bận rộn."}),
        "stages": ({"en": "The rep's customers by stage (prospect, approaching, first orders, long-term partner), a revenue "
                          "goal for each, and the calls, meetings and tasks to get there",
                    "vi": "Khách hàng của mình theo giai đoạn (tiềm năng, đang tiếp cận, bắt đầu mua, đối tác lâu dài), "
                          "doanh số dự kiến của từng khách, và cuộc gọi, cuộc gặp, đầu việc để đạt được"},
                   {"en": "Right: customers by stage, a goal per customer (and whether a volume contract is needed), "
                          "then the actions — the plan the weekly review can check line by line.",
                    "vi": "Đúng: khách theo giai đoạn, mục tiêu cho từng khách (và có cần hợp đồng cam kết doanh số "
                          "không), rồi mới tới hành động — kế hoạch mà buổi họp tuần soát được từng dòng."}),
        "last-year": ({"en": "Each customer's revenue in the same month last year",
                       "vi": "Doanh số cùng kỳ năm trước của từng khách hàng"},
                      {"en": "Last year's figures help the review of customers without orders; a plan says what the rep "
                             "will do this month, customer by customer.",
                       "vi": "Số cùng kỳ năm trước giúp xem lại khách chưa có đơn; kế hoạch nói tháng này nhân viên sẽ "
                             "làm gì với từng khách."}),
    }
    return Judgement("monthly-plan", _both(text), "stages", options, TITLE["monthly-plan"])


@per_sample
def cross_sell_question():
    """Lesson 7: growth from selling new lines to the largest customers (the share and the line from the data)."""
    from ..i18n import percent, period
    from .judgement import Judgement

    top, line, count = _top()
    share_rev = float(top["share_of_revenue"].sum())
    n = len(top)

    def text(lang):
        p = percent(share_rev, lang)
        return (f"In {_month(PERIOD, lang)} the {n} largest customers (the top {percent(TOP_SHARE, lang)} of buyers) brought {p} of "
                f"the revenue, and {count} of them do not buy {line} yet. Where should the growth effort go first?"
                if lang == "en" else
                f"{period(PERIOD, lang)}, {n} khách hàng lớn nhất ({percent(TOP_SHARE, lang)} số khách có mua) mang lại {p} doanh thu, "
                f"và {count} khách trong số đó chưa mua {line}. Nỗ lực tăng trưởng nên đặt vào đâu trước?")

    options = {
        "discount-all": ({"en": f"A discount on {line} for every customer",
                          "vi": f"Giảm giá {line} cho mọi khách hàng"},
                         {"en": f"Spread over everyone, the effort is thin; the lesson aims new lines at the few "
                                f"largest customers, who already bring {percent(share_rev, 'en')} of revenue.",
                          "vi": f"Dàn đều cho mọi khách thì nỗ lực mỏng đi; bài học nhắm dòng sản phẩm mới vào số ít "
                                f"khách lớn nhất, những người đã mang lại {percent(share_rev, 'vi')} doanh thu."}),
        "survey": ({"en": f"Send each of these customers' reps to find out how much {line} and their other missing "
                          f"lines they could use, then set an offer per customer",
                    "vi": f"Giao nhân viên phụ trách từng khách này tìm hiểu khách có thể dùng bao nhiêu {line} và các "
                          f"dòng còn thiếu khác, rồi đưa chính sách cho từng khách"},
                   {"en": "Right: cross-selling to the top customers starts from what each of them could still use "
                          "(their market size), surveyed by their own rep.",
                    "vi": "Đúng: bán thêm cho khách lớn bắt đầu từ nhu cầu còn lại của từng khách (khả năng tiêu thụ), "
                          "do chính nhân viên phụ trách đi tìm hiểu."}),
        "prospects": ({"en": "New prospects first: the largest customers already buy from us",
                       "vi": "Tìm khách tiềm năng mới trước: khách lớn đã mua của ta rồi"},
                      {"en": f"New customers are one source of growth, but {count} of the largest still lack {line}: "
                             f"selling to customers who already trust us is quicker.",
                       "vi": f"Khách mới là một nguồn tăng trưởng, nhưng {count} khách lớn nhất vẫn chưa mua {line}: "
                             f"bán cho khách đã tin mình thì nhanh hơn."}),
        "best-rep": ({"en": "Hand all of them to the best rep", "vi": "Giao hết những khách này cho nhân viên giỏi nhất"},
                     {"en": "The largest customers belong to the company: looking after them in two or three layers "
                            "keeps them when one person leaves; one rep for all is the opposite.",
                      "vi": "Khách lớn là tài sản của công ty: chăm sóc qua hai, ba lớp người để giữ được khách khi một "
                            "người rời đi; dồn hết cho một nhân viên là ngược lại."}),
    }
    return Judgement("cross-sell", _both(text), "survey", options, TITLE["cross-sell"])


@per_sample
def ask_or_look_question():
    """Lesson 7: from "asking" to "look – read – act": a view everyone shares builds trust."""
    from .judgement import Judgement

    text = {"en": "The sales manager phones each rep several times a day to ask where the deals stand. The reps say "
                  "they feel watched, and the manager still lacks a clear picture. What should change?",
            "vi": "Quản lý kinh doanh gọi cho từng nhân viên nhiều lần mỗi ngày để hỏi tình hình hợp đồng. Nhân viên "
                  "thấy mình bị soi, còn quản lý vẫn không nắm rõ. Nên thay đổi điều gì?"}
    options = {
        "ask-more": ({"en": "Ask by email too, so that nothing is missed", "vi": "Hỏi thêm qua email để không sót gì"},
                     {"en": "More asking is the cause: it breeds tension and suspicion without giving both sides the "
                            "same picture.",
                      "vi": "Hỏi nhiều hơn chính là nguyên nhân: nó sinh căng thẳng, nghi kỵ mà hai bên vẫn không có "
                            "chung một bức tranh."}),
        "stop": ({"en": "Stop following up: trust means not checking", "vi": "Thôi theo dõi: tin nhau là không kiểm tra"},
                 {"en": "Trust grows from a way of working both sides can check, not from looking away.",
                  "vi": "Niềm tin lớn lên từ một cơ chế hai bên cùng kiểm chứng được, không phải từ việc làm ngơ."}),
        "shared-view": ({"en": "Put each rep's plan and results where everyone can see them, so the manager reads "
                               "instead of asking and reps act on their own numbers",
                         "vi": "Đưa kế hoạch và kết quả của từng nhân viên lên nơi ai cũng xem được, để quản lý đọc "
                               "thay vì hỏi và nhân viên tự hành động theo số liệu của mình"},
                        {"en": "Right: from asking to look – read – act. A view everyone shares lowers conflict, builds "
                               "trust and respect, and reps stop waiting to be asked.",
                         "vi": "Đúng: từ “hỏi” sang “xem – đọc – làm”. Số liệu ai cũng xem được làm bớt xung đột, thêm "
                               "tin tưởng và tôn trọng, và nhân viên không còn chờ bị hỏi."}),
        "daily-report": ({"en": "Have every rep write the manager a long report each evening",
                          "vi": "Yêu cầu mỗi nhân viên viết báo cáo dài cho quản lý mỗi tối"},
                         {"en": "It is still asking, only in writing: reps spend the evening reporting, and the team "
                                "still has no view it shares.",
                          "vi": "Vẫn là hỏi, chỉ là bằng văn bản: nhân viên mất buổi tối để báo cáo, còn cả đội vẫn "
                                "không có chung một bức tranh."}),
    }
    return Judgement("ask-or-look", text, "shared-view", options, TITLE["ask-or-look"])


@per_sample
def customer_layers_question():
    """Lesson 7: customers belong to the company — care in two or three layers (the month's largest customer)."""
    from .judgement import Judgement

    top, _line, _count = _top()
    first = top.iloc[0]
    customer, rep = str(first["customer"]), str(first["rep"])

    def text(lang):
        return (f"{customer}, the largest customer of {_month(PERIOD, lang)}, is looked after by {rep} alone. {rep} announces a move "
                f"to another company. What should already have been in place?" if lang == "en" else
                f"{customer}, khách hàng lớn nhất {_month(PERIOD, lang)}, chỉ do một mình {rep} chăm sóc. {rep} báo sắp chuyển sang "
                f"công ty khác. Điều gì lẽ ra đã phải có từ trước?")

    options = {
        "bonus": ({"en": f"A bigger bonus to keep {rep}", "vi": f"Thưởng thêm để giữ {rep}"},
                  {"en": "It may keep one person this time; the customer still hangs on one relationship.",
                   "vi": "Có thể giữ được một người lần này, nhưng khách hàng vẫn treo trên một mối quan hệ."}),
        "handover": ({"en": "A handover meeting on the last day", "vi": "Một buổi bàn giao vào ngày làm việc cuối"},
                     {"en": "A last-day handover comes too late: the customer has never met anyone else.",
                      "vi": "Bàn giao ngày cuối là quá muộn: khách chưa từng gặp ai khác."}),
        "layers": ({"en": "The customer looked after in two or three layers (the rep, the team lead, customer care), "
                          "its data shared in the team",
                    "vi": "Khách được chăm sóc qua hai, ba lớp (nhân viên, trưởng nhóm, chăm sóc khách hàng), dữ liệu "
                          "khách được chia sẻ trong đội"},
                   {"en": "Right: customers are the company's asset — don't put all the eggs in one basket.",
                    "vi": "Đúng: khách hàng là tài sản của công ty — đừng đặt hết trứng vào một giỏ."}),
        "contract": ({"en": "A clause forbidding the rep to contact customers after leaving",
                      "vi": "Một điều khoản cấm nhân viên liên hệ khách sau khi nghỉ"},
                     {"en": "A clause does not make the customer know anyone else here; care in layers does.",
                      "vi": "Điều khoản không làm khách quen thêm ai ở công ty; chăm sóc nhiều lớp mới làm được."}),
    }
    return Judgement("customer-layers", _both(text), "layers", options, TITLE["customer-layers"])


#: The judgement questions at the end of the form (check id → question), in the order the form shows them.
JUDGEMENTS = {"monthly-plan": monthly_plan_question, "cross-sell": cross_sell_question,
              "ask-or-look": ask_or_look_question, "customer-layers": customer_layers_question}


def questions() -> list[dict]:
    """The form's judgement questions (what :class:`okrkit.ui.questions.ChoiceQuestions` shows)."""
    return [make().question for make in JUDGEMENTS.values()]


RUBRIC = Rubric("ex06_sales_review", (
    Check("team-achieved", 2, _achieved, {
        "en": "Start here: the team's % of plan for March 2026 is the total actual ÷ the total plan in the first "
              "table (the Total row), e.g. 0.62 or 62%.",
        "vi": "Bắt đầu từ đây: % kế hoạch tháng 3/2026 của cả đội là tổng thực tế ÷ tổng kế hoạch ở bảng đầu tiên "
              "(dòng Tổng cộng), ví dụ 0,62 hoặc 62%.",
    }, title=TITLE["team-achieved"]),
    Check("lowest-rep", 1, _lowest, {
        "en": "Which rep reached the smallest share of their own plan? Divide each rep's actual by their plan: "
              "the lowest revenue is not the same as the lowest % of plan.",
        "vi": "Nhân viên nào đạt tỷ lệ thấp nhất so với kế hoạch của chính mình? Lấy thực tế của từng người chia "
              "cho kế hoạch của họ: doanh số thấp nhất chưa chắc là % đạt thấp nhất.",
    }, title=TITLE["lowest-rep"]),
    Check("falling-line", 1, _line, {
        "en": "Which product line sold less in March than in February? Look at the Change column of the product "
              "line table: that is where the manager's drill-down starts.",
        "vi": "Dòng sản phẩm nào tháng 3 bán ít hơn tháng 2? Xem cột Thay đổi của bảng theo dòng sản phẩm: người "
              "quản lý bắt đầu phân tích sâu từ đó.",
    }, title=TITLE["falling-line"]),
    Check("falling-region", 1, _region, {
        "en": "Within the falling product line, which region lost the most revenue against February? Choose the "
              "line first: its table by region appears under it.",
        "vi": "Trong dòng sản phẩm giảm, khu vực nào mất nhiều doanh số nhất so với tháng 2? Hãy chọn dòng sản "
              "phẩm trước: bảng theo khu vực của dòng đó hiện ngay bên dưới.",
    }, title=TITLE["falling-region"]),
    Check("falling-rep", 1, _rep, {
        "en": "Within that line and region, which rep's revenue fell most? Choose the region: the table by rep "
              "appears under it.",
        "vi": "Trong dòng sản phẩm và khu vực đó, doanh số của nhân viên nào giảm nhiều nhất? Hãy chọn khu vực: "
              "bảng theo nhân viên hiện ngay bên dưới.",
    }, title=TITLE["falling-rep"]),
    Check("call-first", 2, _call_first, {
        "en": "Of the buying customers with no order in March, tick the 5 who bought the most in February: the "
              "first calls to make, before they drift away.",
        "vi": "Trong số khách đang mua mà tháng 3 chưa có đơn, đánh dấu 5 khách mua nhiều nhất trong tháng 2: đó là "
              "những cuộc gọi cần làm trước, trước khi họ rời đi.",
    }, title=TITLE["call-first"]),
    Check("action-written", 1, _action_written, {
        "en": f"Write the action the meeting agrees on, in at least {ACTION_WORDS} words: who does what, with which "
              "customers or product line, by when.",
        "vi": f"Viết hành động buổi họp thống nhất, ít nhất {ACTION_WORDS} từ: ai làm gì, với khách hàng hay dòng "
              "sản phẩm nào, trước ngày nào.",
    }, title=TITLE["action-written"]),
    Check("action-concrete", 1, _action_concrete, {
        "en": "Make the action concrete: name the rep, the customers to call, or the product line and region "
              "that fell, as the tables show them.",
        "vi": "Hãy làm hành động thật cụ thể: nêu tên nhân viên, khách hàng cần gọi, hoặc dòng sản phẩm và khu vực "
              "bị giảm như trong bảng.",
    }, title=TITLE["action-concrete"]),
    *(judgement.check(make, qid, TITLE[qid]) for qid, make in JUDGEMENTS.items()),
))
