"""Rubric of ex08: score the quarter of Sales and Marketing, committed vs aspirational.

The participant computes, with their own cells, the scores of the sample
company's Sales and Marketing objectives.  :func:`expected` computes the same
with :func:`okrkit.score` here, in the grader's process.

The answer::

    {"scores": {"S1": 0.49, ...}, "bands": {"S1": "yellow", ...},
     "unscorable_krs": ["S2.KR3", ...], "biggest_gap": "M1",
     "department_scores": {"Kinh doanh": 0.65, "Marketing - PR - Đối tác": 0.54}}

>>> from okrkit.rubrics.ex08_score_quarter import RUBRIC, expected
>>> RUBRIC.grade(expected()).fraction
1.0
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

from functools import lru_cache

from ..rubric import Check, Rubric

OWNERS = ("Kinh doanh", "Marketing - PR - Đối tác")
TOL = 0.02


@lru_cache(maxsize=1)
def expected() -> dict:
    """The reference answer, computed from the sample company."""
    from .. import sample_company
    from ..scoring import score

    card = score(sample_company())
    objs = [o for o in card.objectives if o.owner in OWNERS]
    gaps = {o.id: o.expected - o.score for o in objs}
    return {
        "scores": {o.id: round(o.score, 4) for o in objs},
        "bands": {o.id: o.band for o in objs},
        "unscorable_krs": sorted(k.kr_id for o in objs for k in o.key_results if k.progress is None),
        "biggest_gap": max(gaps, key=gaps.get),
        "department_scores": {owner: round(v, 4) for owner, v in card.by_owner().items() if owner in OWNERS},
    }


def _map(answer, key) -> dict:
    value = answer.get(key)
    return value if isinstance(value, dict) else {}


def _close(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) <= TOL
    except (TypeError, ValueError):
        return False


def _scores(answer):
    got, want = _map(answer, "scores"), expected()["scores"]
    wrong = [k for k in want if not _close(got.get(k), want[k])]
    return not wrong, ({"en": f"Check: {', '.join(wrong)}.", "vi": f"Xem lại: {', '.join(wrong)}."} if wrong else None)


def _bands(answer):
    got, want = _map(answer, "bands"), expected()["bands"]
    wrong = [k for k in want if str(got.get(k) or "").strip().lower() not in (want[k], {"red": "đỏ", "yellow": "vàng",
                                                                                        "green": "xanh"}[want[k]])]
    return not wrong, ({"en": f"Check: {', '.join(wrong)}.", "vi": f"Xem lại: {', '.join(wrong)}."} if wrong else None)


def _unscorable(answer):
    got = answer.get("unscorable_krs")
    return isinstance(got, list) and sorted(map(str, got)) == expected()["unscorable_krs"]


def _gap(answer):
    return str(answer.get("biggest_gap") or "").strip().upper() == expected()["biggest_gap"]


def _departments(answer):
    got, want = _map(answer, "department_scores"), expected()["department_scores"]
    return all(_close(got.get(k), v) for k, v in want.items())


RUBRIC = Rubric("ex08_score_quarter", (
    Check("objective-scores", 2, _scores, {
        "en": "Start here: score each Sales and Marketing objective (S1–S3, M1–M3) — each key result's progress "
              "from baseline to target, then the weighted mean by the KR weights (equal shares when no weights "
              "are given; KRs that cannot be scored are left out). `ok.score(company)` does it for you.",
        "vi": "Bắt đầu từ đây: chấm điểm từng mục tiêu của Kinh doanh và Marketing (S1–S3, M1–M3) — tiến độ mỗi KR "
              "từ mức ban đầu đến mục tiêu, rồi trung bình có trọng số theo trọng số KR (chia đều khi không có trọng "
              "số; KR không chấm được thì bỏ ra). `ok.score(company)` làm việc này giúp bạn.",
    }),
    Check("bands", 1, _bands, {
        "en": "Read each score to one decimal and give its band: red below 0.4, yellow 0.4–0.6, green from 0.7.",
        "vi": "Làm tròn điểm đến một chữ số thập phân rồi xếp màu: đỏ dưới 0,4, vàng 0,4–0,6, xanh từ 0,7.",
    }),
    Check("unscorable-krs", 1, _unscorable, {
        "en": "List the key results that cannot be scored because they have no target: they are tasks, not "
              "results, and should be rewritten next quarter.",
        "vi": "Liệt kê các KR không chấm được vì không có con số mục tiêu: đó là đầu việc chứ không phải kết quả, "
              "quý sau cần viết lại.",
    }),
    Check("biggest-gap", 1, _gap, {
        "en": "Judge each objective against what its type expects: a committed OKR should reach 1.0, an aspirational "
              "one about 0.7. Which objective falls furthest short of its own expectation?",
        "vi": "So mỗi mục tiêu với kỳ vọng theo loại của nó: OKR cam kết cần đạt 1,0, OKR mở rộng khoảng 0,7. Mục "
              "tiêu nào hụt xa nhất so với kỳ vọng của chính nó?",
    }),
    Check("department-scores", 1, _departments, {
        "en": "Give each department's score as the mean of its objectives' scores (Kinh doanh; Marketing - PR - Đối tác).",
        "vi": "Tính điểm mỗi bộ phận là trung bình điểm các mục tiêu của bộ phận đó (Kinh doanh; Marketing - PR - Đối tác).",
    }),
))
