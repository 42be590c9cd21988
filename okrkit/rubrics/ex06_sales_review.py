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
     "action": "…"}                     # the action agreed at the meeting, in the participant's words

>>> from okrkit.rubrics.ex06_sales_review import RUBRIC, key
>>> key()["falling_line"], key()["lowest_rep"]
('Đào tạo', 'R06')
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..rubric import Check, Rubric

PERIOD = "2026-03"
CALL_FIRST = 5
ACTION_WORDS = 12
TOL = 0.005


@lru_cache(maxsize=1)
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


@lru_cache(maxsize=1)
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
}

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
))
