"""Rubric of ex08: score the quarter of Sales and Marketing, committed vs aspirational, and write the retro.

The participant reads the end-of-quarter key results of the sample company's
Sales and Marketing objectives on a form (:mod:`okrkit.ui.quarter_form`) and
rolls them up.  :func:`key` computes the same with :func:`okrkit.score`, in the
grader's process.

The answer (what the form saves)::

    {"scores": {"S1": 0.49, ...},            # each objective's score, 0–1
     "bands": {"S1": "yellow", ...},         # red / yellow / green, the score read to one decimal
     "meets": {"S1": "no", ...},             # does it meet what its type expects (committed 1.0, aspirational ~0.7)?
     "unscorable_krs": ["S2.KR3", ...],      # key results with no target: tasks to rewrite next quarter
     "biggest_gap": "M1",                    # the objective furthest below its own expectation
     "department_scores": {"Kinh doanh": 0.65, "Marketing - PR - Đối tác": 0.54},   # OKR score: mean of objectives
     "retro": "…"}                           # what to say to that objective's owner at the quarter review

>>> from okrkit.rubrics.ex08_score_quarter import RUBRIC, key
>>> key()["biggest_gap"]
'M1'
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rubric import Check, Rubric
from .ex06_sales_review import plain, words

OWNERS = ("Kinh doanh", "Marketing - PR - Đối tác")
TOL = 0.02
RETRO_WORDS = 20
BANDS = {"red": ("red", "đỏ", "do"), "yellow": ("yellow", "vàng", "vang"), "green": ("green", "xanh")}


@lru_cache(maxsize=1)
def okrs():
    """The objectives of the exercise: the sample company's Sales and Marketing objectives."""
    from .. import sample_company
    from ..model import OKRSet

    company = sample_company()
    return OKRSet(tuple(o for o in company.objectives if o.owner in OWNERS), company.period, company.organization)


@lru_cache(maxsize=1)
def key() -> dict:
    """The answers computed from the sample company (the retro excepted)."""
    from .. import sample_company
    from ..scoring import score

    card = score(sample_company())
    objs = [o for o in card.objectives if o.owner in OWNERS]
    gaps = {o.id: o.expected - o.score for o in objs}
    return {
        "scores": {o.id: round(o.score, 4) for o in objs},
        "bands": {o.id: o.band for o in objs},
        "meets": {o.id: "yes" if o.meets_expectation else "no" for o in objs},
        "unscorable_krs": sorted(k.kr_id for o in objs for k in o.key_results if k.progress is None),
        "biggest_gap": max(gaps, key=gaps.get),
        "department_scores": {owner: round(v, 4) for owner, v in card.by_owner().items() if owner in OWNERS},
    }


def number(value) -> float:
    """0.49, '0,49' and '49%' all read as 0.49."""
    if isinstance(value, bool) or value is None:
        raise ValueError("no number")
    if isinstance(value, str):
        from ..quantity import parse_number

        got, unit = parse_number(value)
        return got / 100 if unit == "%" else got
    return float(value)


def _map(answer, name) -> dict:
    value = answer.get(name)
    return value if isinstance(value, dict) else {}


def _close(a, b) -> bool:
    try:
        return abs(number(a) - float(b)) <= TOL
    except Exception:  # noqa: BLE001  -- an unreadable number is a wrong answer, not a crash
        return False


def _named(wrong: list[str]):
    return {"en": f"Check: {', '.join(wrong)}.", "vi": f"Xem lại: {', '.join(wrong)}."} if wrong else None


def _scores(answer):
    got, want = _map(answer, "scores"), key()["scores"]
    wrong = [k for k in want if not _close(got.get(k), want[k])]
    return not wrong and bool(got), _named(wrong if got else [])


def _bands(answer):
    got, want = _map(answer, "bands"), key()["bands"]
    wrong = [k for k in want if plain(got.get(k)).strip() not in BANDS[want[k]]]
    return not wrong, _named(wrong if got else [])


def _meets(answer):
    got, want = _map(answer, "meets"), key()["meets"]
    wrong = [k for k in want if str(got.get(k) or "").strip().lower() != want[k]]
    return not wrong, _named(wrong if got else [])


def _unscorable(answer):
    got = answer.get("unscorable_krs")
    return isinstance(got, list) and sorted({str(x).strip().upper() for x in got}) == key()["unscorable_krs"]


def _gap(answer):
    return str(answer.get("biggest_gap") or "").strip().upper() == key()["biggest_gap"]


def _departments(answer):
    got, want = _map(answer, "department_scores"), key()["department_scores"]
    return all(_close(got.get(k), v) for k, v in want.items())


def _retro_written(answer):
    n = words(answer.get("retro"))
    return n >= RETRO_WORDS, ({"en": f"(now {n} words)", "vi": f"(hiện có {n} từ)"} if 0 < n < RETRO_WORDS else None)


CAUSE = r"\b(vi|do|boi vi|nguyen nhan|ly do|tai sao|vi sao|because|cause|caused|why|reason|due to)\b"
NEXT = (r"\b(quy sau|quy toi|quy 2|thang toi|tuan toi|se|ke hoach|next quarter|next month|will|plan|going to|"
        r"from now)\b")


def _retro_learns(answer):
    text = plain(answer.get("retro"))
    return bool(re.search(CAUSE, text)) and bool(re.search(NEXT, text))


TITLE = {
    "objective-scores": {"en": "Each objective's score", "vi": "Điểm từng mục tiêu"},
    "bands": {"en": "The colour band of each score", "vi": "Màu của từng điểm"},
    "expectations": {"en": "Committed and aspirational read correctly", "vi": "Đọc đúng OKR cam kết và mở rộng"},
    "unscorable-krs": {"en": "Key results to rewrite", "vi": "KR cần viết lại"},
    "biggest-gap": {"en": "The objective furthest below its expectation", "vi": "Mục tiêu hụt xa nhất so với kỳ vọng"},
    "department-scores": {"en": "Each department's OKR score", "vi": "Điểm OKR của từng bộ phận"},
    "retro-written": {"en": "The retro is written", "vi": "Đã viết phần rút kinh nghiệm"},
    "retro-learns": {"en": "The retro looks for causes and next steps", "vi": "Rút kinh nghiệm tìm nguyên nhân và bước tiếp"},
}

RUBRIC = Rubric("ex08_score_quarter", (
    Check("objective-scores", 2, _scores, {
        "en": "Start here: score each objective from its key results' progress — the weighted mean by the KR "
              "weights (equal shares when a weight is missing); a KR that cannot be scored is left out, not counted "
              "as 0.",
        "vi": "Bắt đầu từ đây: chấm điểm từng mục tiêu từ tiến độ các KR — trung bình có trọng số theo trọng số KR "
              "(chia đều khi thiếu trọng số); KR không chấm được thì bỏ ra, không tính là 0.",
    }, title=TITLE["objective-scores"]),
    Check("bands", 1, _bands, {
        "en": "Read each score to one decimal and give its band: red below 0.4, yellow 0.4–0.6, green from 0.7.",
        "vi": "Làm tròn điểm đến một chữ số thập phân rồi xếp màu: đỏ dưới 0,4, vàng 0,4–0,6, xanh từ 0,7.",
    }, title=TITLE["bands"]),
    Check("expectations", 2, _meets, {
        "en": "Judge each objective by what its type expects, not by its colour: a committed OKR is met only at "
              "1.0, an aspirational one succeeds from about 0.7. Green is not enough for a promise.",
        "vi": "Đánh giá mỗi mục tiêu theo kỳ vọng của loại OKR, không theo màu: OKR cam kết chỉ đạt khi tới 1,0, "
              "OKR mở rộng thành công từ khoảng 0,7. Màu xanh chưa đủ cho một lời cam kết.",
    }, title=TITLE["expectations"]),
    Check("unscorable-krs", 1, _unscorable, {
        "en": "Tick the key results that cannot be scored because they have no target: they are tasks, not "
              "results, and should be rewritten next quarter. A KR at 0 is scored (0), it is not the same.",
        "vi": "Đánh dấu các KR không chấm được vì không có con số mục tiêu: đó là đầu việc chứ không phải kết quả, "
              "quý sau cần viết lại. KR đạt 0 vẫn chấm được (0 điểm), không phải trường hợp này.",
    }, title=TITLE["unscorable-krs"]),
    Check("biggest-gap", 1, _gap, {
        "en": "Which objective falls furthest short of its own expectation (1.0 for committed, 0.7 for "
              "aspirational)? Subtract its score from that expectation.",
        "vi": "Mục tiêu nào hụt xa nhất so với kỳ vọng của chính nó (1,0 với cam kết, 0,7 với mở rộng)? Lấy kỳ vọng "
              "trừ đi điểm của mục tiêu.",
    }, title=TITLE["biggest-gap"]),
    Check("department-scores", 1, _departments, {
        "en": "Give each department's OKR score: the mean of its objectives' scores (Kinh doanh; Marketing - PR - "
              "Đối tác). It is not the department score of lesson 4 (Σ weight × KPI score), which sets bonuses.",
        "vi": "Tính điểm OKR của mỗi bộ phận: trung bình điểm các mục tiêu của bộ phận đó (Kinh doanh; Marketing - PR - "
              "Đối tác). Đây không phải điểm bộ phận ở Bài 4 (Σ trọng số × điểm KPI), con số dùng để tính thưởng.",
    }, title=TITLE["department-scores"]),
    Check("retro-written", 1, _retro_written, {
        "en": f"Write what you would tell the owner of that objective at the quarter review, in at least "
              f"{RETRO_WORDS} words.",
        "vi": f"Viết điều bạn sẽ nói với người phụ trách mục tiêu đó trong buổi tổng kết quý, ít nhất {RETRO_WORDS} "
              "từ.",
    }, title=TITLE["retro-written"]),
    Check("retro-learns", 1, _retro_learns, {
        "en": "A retro is for learning, not blame: say why the result fell short (because …) and what changes next "
              "quarter (we will …).",
        "vi": "Rút kinh nghiệm để học chứ không để trách: nêu vì sao kết quả hụt (vì …) và quý sau sẽ thay đổi gì "
              "(quý sau sẽ …).",
    }, title=TITLE["retro-learns"]),
))
