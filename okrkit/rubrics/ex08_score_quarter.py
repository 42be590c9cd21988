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
     "retro": "…",                           # what to say to that objective's owner at the quarter review
     "questions": {"payout-curve": "…", …}}  # the judgement questions of lessons 5 and 8 (:data:`JUDGEMENTS`)

>>> from okrkit.rubrics.ex08_score_quarter import RUBRIC, key
>>> key()["biggest_gap"]
'M1'
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

import re

from ..rubric import Check, Rubric
from . import company, judgement, per_sample
from .ex06_sales_review import plain, words

OWNERS = ("Kinh doanh", "Marketing - PR - Đối tác")
TOL = 0.02
RETRO_WORDS = 20
BANDS = {"red": ("red", "đỏ", "do"), "yellow": ("yellow", "vàng", "vang"), "green": ("green", "xanh")}


@per_sample
def okrs():
    """The objectives of the exercise: the sample company's Sales and Marketing objectives."""
    from .. import sample_company
    from ..model import OKRSet

    company = sample_company()
    return OKRSet(tuple(o for o in company.objectives if o.owner in OWNERS), company.period, company.organization)


@per_sample
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

# ---------------------------------------------------------------- judgement questions (lessons 5 and 8)
# Each question is built from the sample company (its bonus curve, its cascade, its Q1 check-ins), so its
# figures and its right option follow the data; every wrong option says why it is wrong.

def _pct(x, lang):
    from ..i18n import percent

    return percent(x, lang)


def _num(x, lang, decimals=1):
    from ..i18n import number

    return number(x, lang, decimals=decimals)


def _both(fn) -> dict[str, str]:
    """``{"en": fn("en"), "vi": fn("vi")}``."""
    return {"en": fn("en"), "vi": fn("vi")}


@per_sample
def payout_question():
    """Lesson 5: what a score past the target pays on the sample company's bonus curve (slower past the target)."""
    from .. import sample_cascade
    from .judgement import Judgement

    c = sample_cascade().payout
    s = round(c.target + (c.excellence - c.target) / 2, 2)
    before = (c(c.target) - c(c.threshold)) / (c.target - c.threshold)     # payout per 1.0 of score before the target
    after = (c(c.excellence) - c(c.target)) / (c.excellence - c.target)
    right, same, flat, cap = c(s), c(c.target) + (s - c.target) * before, c(c.target), c.max_payout

    def text(lang):
        return (f"{company()}'s bonus curve pays nothing below {_num(c.threshold, lang)}, 100% of the bonus at the target "
                f"{_num(c.target, lang)} and {_pct(c(c.excellence), lang)} at the excellence point "
                f"{_num(c.excellence, lang)}, never more. A department scores {_num(s, lang, 2)}. What does it earn?"
                if lang == "en" else
                f"Đường cong thưởng của {company()} không thưởng dưới {_num(c.threshold, lang)}, trả 100% tiền thưởng ở mục "
                f"tiêu {_num(c.target, lang)} và {_pct(c(c.excellence), lang)} ở mức xuất sắc {_num(c.excellence, lang)}, "
                f"không hơn nữa. Một bộ phận đạt {_num(s, lang, 2)} điểm. Bộ phận đó được thưởng bao nhiêu?")

    def per_tenth(x, lang):
        return _pct(x / 10, lang)

    options = {
        "at-target": (_both(lambda lang: _pct(flat, lang)), {
            "en": f"The curve does not stop at the target: it keeps rising up to the excellence point "
                  f"{_num(c.excellence, 'en')}.",
            "vi": f"Đường cong không dừng ở mục tiêu: nó còn tăng tới mức xuất sắc {_num(c.excellence, 'vi')}."}),
        "slower": (_both(lambda lang: _pct(right, lang)), {
            "en": f"Right: past the target the curve still rises, but more slowly — {per_tenth(after, 'en')} per 0.1 "
                  f"of score instead of {per_tenth(before, 'en')} — so beating the target pays, each step a little less.",
            "vi": f"Đúng: vượt mục tiêu thì thưởng vẫn tăng nhưng chậm hơn — {per_tenth(after, 'vi')} cho mỗi 0,1 điểm "
                  f"thay vì {per_tenth(before, 'vi')} — vượt mục tiêu vẫn được thêm, mỗi bước ít hơn một chút."}),
        "same-slope": (_both(lambda lang: _pct(same, lang)), {
            "en": f"That carries on the slope before the target ({per_tenth(before, 'en')} per 0.1). Past "
                  f"{_num(c.target, 'en')} each 0.1 of score is worth {per_tenth(after, 'en')}.",
            "vi": f"Đó là kéo dài độ dốc trước mục tiêu ({per_tenth(before, 'vi')} mỗi 0,1 điểm). Qua "
                  f"{_num(c.target, 'vi')}, mỗi 0,1 điểm chỉ đáng {per_tenth(after, 'vi')}."}),
        "cap": (_both(lambda lang: _pct(cap, lang)), {
            "en": f"{_pct(cap, 'en')} is the cap, paid only from {_num(c.excellence, 'en')}; {_num(s, 'en', 2)} is "
                  f"not there yet.",
            "vi": f"{_pct(cap, 'vi')} là mức trần, chỉ trả từ {_num(c.excellence, 'vi')}; {_num(s, 'vi', 2)} chưa tới "
                  f"đó."}),
    }
    return Judgement("payout-curve", _both(text), "slower", options, TITLE["payout-curve"])


@per_sample
def cliff_question():
    """Lesson 5: the behaviour a payout cliff encourages (deals pulled forward or held back), against the sample curve."""
    from .. import sample_cascade
    from ..payout import PayoutCurve
    from .judgement import Judgement

    c = sample_cascade().payout
    cliff = PayoutCurve(threshold=0.9, threshold_payout=0.8, target=c.target, excellence=c.excellence,
                        excellence_payout=c(c.excellence), cliff=True)   # lesson 5's cliff curve
    jump, smooth = cliff(0.90) - cliff(0.89), c(0.90) - c(0.89)

    def text(lang):
        return (f"A director proposes a bonus curve with a cliff: nothing below {_num(cliff.threshold, lang)}, then at "
                f"once {_pct(cliff.threshold_payout, lang)} of the bonus. Two weeks before the quarter ends, one rep "
                f"stands at {_num(0.88, lang, 2)} and another at {_num(0.6, lang, 2)}. What will the cliff most likely "
                f"encourage?" if lang == "en" else
                f"Một giám đốc đề xuất đường cong thưởng có vách: dưới {_num(cliff.threshold, lang)} không thưởng, chạm "
                f"mức đó là được ngay {_pct(cliff.threshold_payout, lang)} tiền thưởng. Hai tuần trước khi hết quý, một "
                f"nhân viên đang ở {_num(0.88, lang, 2)} và một người ở {_num(0.6, lang, 2)}. Vách đó nhiều khả năng "
                f"khuyến khích điều gì?")

    options = {
        "steady": ({"en": "Both work a little harder, steadily, until the end of the quarter",
                    "vi": "Cả hai cùng cố gắng thêm một chút, đều đặn tới cuối quý"},
                   {"en": f"Steady effort pays on a curve that slopes; on the cliff one deal is worth "
                          f"{_pct(jump, 'en')} of the bonus to the first rep and nothing to the second.",
                    "vi": f"Nỗ lực đều đặn chỉ được đền đáp trên đường cong có dốc; với vách, một hợp đồng đáng "
                          f"{_pct(jump, 'vi')} tiền thưởng với người thứ nhất và chẳng đáng gì với người thứ hai."}),
        "move-deals": ({"en": "The first pulls next quarter's deals into this one to cross the cliff; the second holds "
                              "deals back for next quarter",
                        "vi": "Người thứ nhất kéo hợp đồng của quý sau về quý này để vượt vách; người thứ hai giữ hợp "
                              "đồng lại cho quý sau"},
                       {"en": f"Right: from 0.89 to 0.90 the cliff adds {_pct(jump, 'en')} of the bonus, the sample "
                              f"curve {_pct(smooth, 'en')} — so deals move between quarters instead of being won.",
                        "vi": f"Đúng: từ 0,89 lên 0,90, đường có vách thêm {_pct(jump, 'vi')} tiền thưởng, đường cong "
                              f"mẫu chỉ thêm {_pct(smooth, 'vi')} — nên hợp đồng bị dời giữa các quý thay vì được chốt "
                              f"thêm."}),
        "far-pushes": ({"en": "The rep furthest away pushes hardest, having the most to gain",
                        "vi": "Người còn xa nhất sẽ cố nhiều nhất vì có nhiều thứ để giành"},
                       {"en": f"Below {_num(cliff.threshold, 'en')} an extra deal earns nothing this quarter: keeping "
                              f"it for next quarter pays more.",
                        "vi": f"Dưới {_num(cliff.threshold, 'vi')}, thêm một hợp đồng chẳng được thêm đồng nào trong "
                              f"quý này: để dành cho quý sau có lợi hơn."}),
        "no-change": ({"en": "Nothing changes: the bonus at the target is the same as before",
                       "vi": "Không có gì thay đổi: tiền thưởng ở mục tiêu vẫn như cũ"},
                      {"en": "The target pays the same, but the cliff changes what the last deals before it are worth, "
                             "and so what people do with them.",
                       "vi": "Mức thưởng ở mục tiêu không đổi, nhưng vách làm thay đổi giá trị của những hợp đồng cuối "
                             "cùng trước nó, và vì thế thay đổi cách người ta xử lý chúng."}),
    }
    return Judgement("payout-cliff", _both(text), "move-deals", options, TITLE["payout-cliff"])


@per_sample
def sensitivity_question():
    """Lesson 5: which of Sales' weights moves its score most (the longest tornado bar, not the heaviest weight)."""
    from .. import sample_cascade
    from ..glossary import kpi_name
    from ..simulate import sensitivity
    from .judgement import Judgement

    plan = sample_cascade()
    sens = sensitivity(plan)
    rows = sens.for_department("Kinh doanh")
    longest = max(rows, key=lambda r: abs(r.per_point))
    heaviest = max(rows, key=lambda r: r.weight)

    def step(r, lang):
        sign = "+" if r.per_point >= 0 else "−"
        return f"{sign}{_num(abs(r.per_point) * 10, lang, 3)}"

    def listing(lang):
        return "; ".join(f"{kpi_name(r.kpi, lang, given=sens.names.get(r.kpi))} "
                         f"({'weight' if lang == 'en' else 'trọng số'} {_num(r.weight, lang, 2)}: {step(r, lang)})"
                         for r in rows)

    def text(lang):
        return (f"Lesson 5's sensitivity for Sales under the '{sens.scheme}' scheme, the score's change per 10 weight "
                f"points: {listing(lang)}. Which weight must the directors agree most carefully?"
                if lang == "en" else
                f"Độ nhạy của Kinh doanh theo phương án '{sens.scheme}' ở Bài 5, điểm thay đổi cho mỗi 10 điểm trọng số: "
                f"{listing(lang)}. Trọng số nào Ban Giám đốc cần thống nhất kỹ nhất?")

    options = {}
    for r in rows:
        name = _both(lambda lang, r=r: kpi_name(r.kpi, lang, given=sens.names.get(r.kpi)))
        if r is longest:
            why = {"en": f"Right: the longest bar, {step(r, 'en')} per 10 points whatever its sign — a small move of "
                         f"this weight changes Sales' score (and perhaps its band or rank) the most.",
                   "vi": f"Đúng: thanh dài nhất, {step(r, 'vi')} mỗi 10 điểm dù dấu âm hay dương — dời trọng số này một "
                         f"chút là điểm của Kinh doanh (có khi cả màu, cả hạng) đổi nhiều nhất."}
        elif r is heaviest:
            why = {"en": f"It is the heaviest weight, not the most sensitive one: {step(r, 'en')} per 10 points. "
                         f"Read the length of the bar, not the size of the weight.",
                   "vi": f"Đó là trọng số lớn nhất, không phải trọng số nhạy nhất: {step(r, 'vi')} mỗi 10 điểm. Hãy "
                         f"đọc độ dài của thanh, không phải độ lớn của trọng số."}
        else:
            why = {"en": f"{step(r, 'en')} per 10 points is a shorter bar than {step(longest, 'en')}: a minus sign "
                         f"still counts by its length.",
                   "vi": f"{step(r, 'vi')} mỗi 10 điểm là thanh ngắn hơn {step(longest, 'vi')}: dấu âm vẫn tính theo "
                         f"độ dài."}
        options[r.kpi] = (name, why)
    options["none"] = ({"en": "None: every change is below 0.1, so the weights hardly matter",
                        "vi": "Không trọng số nào: mọi thay đổi đều dưới 0,1 nên trọng số không quan trọng"},
                       {"en": "Small steps add up, and near a band's edge one step flips the colour; the weights also "
                              "tell people where to put their effort.",
                        "vi": "Những bước nhỏ cộng dồn lại, và sát ngưỡng màu thì một bước đủ đổi màu; trọng số còn nói "
                              "với mọi người nên dồn sức vào đâu."})
    return Judgement("sensitivity", _both(text), longest.kpi, options, TITLE["sensitivity"])


@per_sample
def monte_carlo_question():
    """Lesson 5: what a Monte Carlo share of replays means (a chance under uncertainty, not a score)."""
    from .. import sample_cascade
    from ..simulate import monte_carlo
    from .judgement import Judgement

    plan = sample_cascade()
    scheme = plan.scheme_names()[0]
    r = monte_carlo(plan, draws=2000, seed=2026).summary(scheme, "Kinh doanh")
    target, green, median = r["p_target"], r["p_green"], r["percentiles"]["50"]

    def text(lang):
        return (f"Lesson 5 replays the quarter 2,000 times with uncertain results. Under the '{scheme}' scheme Sales "
                f"reaches its target score in {_pct(target, lang)} of the replays and is green in {_pct(green, lang)}. "
                f"What does this tell the directors?"
                if lang == "en" else
                f"Bài 5 chơi lại quý 2.000 lần với kết quả chưa chắc chắn. Theo phương án '{scheme}', Kinh doanh đạt "
                f"điểm mục tiêu trong {_pct(target, lang)} số lần và ở dải xanh trong {_pct(green, lang)}. Điều đó nói gì "
                f"với Ban Giám đốc?")

    options = {
        "score": ({"en": f"Sales will score {_pct(target, 'en')} of its target next quarter",
                   "vi": f"Quý tới Kinh doanh sẽ đạt {_pct(target, 'vi')} chỉ tiêu"},
                  {"en": f"{_pct(target, 'en')} is how often the target is reached across replays, not a score: the "
                         f"middle replay scores {_num(median, 'en', 2)}.",
                   "vi": f"{_pct(target, 'vi')} là tần suất đạt mục tiêu qua các lần chơi lại, không phải một điểm số: "
                         f"lần chơi lại ở giữa đạt {_num(median, 'vi', 2)} điểm."}),
        "risk": ({"en": "A chance: under this scheme Sales seldom earns the full target bonus although it nearly always "
                        "stays green — a risk to weigh before fixing weights and curve",
                  "vi": "Một xác suất: với phương án này Kinh doanh hiếm khi nhận đủ thưởng mục tiêu dù gần như luôn ở dải "
                        "xanh — một rủi ro cần cân nhắc trước khi chốt trọng số và đường cong"},
                 {"en": "Right: a share of replays is a chance under uncertainty. It shows how likely the target and "
                        "the bonus are before anyone commits to the weights.",
                  "vi": "Đúng: tỷ lệ số lần chơi lại là một xác suất khi kết quả chưa chắc. Nó cho thấy khả năng đạt "
                        "mục tiêu và tiền thưởng trước khi ai đó cam kết với bộ trọng số."}),
        "safe": ({"en": f"The scheme is safe: green in {_pct(green, 'en')} of replays means the target is as good as "
                        f"reached",
                  "vi": f"Phương án an toàn: xanh trong {_pct(green, 'vi')} số lần nghĩa là coi như đạt mục tiêu"},
                 {"en": f"Green starts at 0.7; the target is 1.0. Only {_pct(target, 'en')} of replays get there.",
                  "vi": f"Dải xanh bắt đầu từ 0,7; mục tiêu là 1,0. Chỉ {_pct(target, 'vi')} số lần chơi lại tới được đó."}),
        "noise": ({"en": "Nothing: the replays are random, so their figures say nothing about next quarter",
                   "vi": "Không nói gì: các lần chơi lại là ngẫu nhiên nên con số không cho biết gì về quý tới"},
                  {"en": "Each replay draws the KPIs around their expected levels (leads and revenue together); many "
                         "replays turn that uncertainty into a chance you can plan with.",
                   "vi": "Mỗi lần chơi lại rút các KPI quanh mức dự kiến (lead và doanh thu đi cùng nhau); nhiều lần "
                         "chơi lại biến sự chưa chắc chắn thành một xác suất để lập kế hoạch."}),
    }
    return Judgement("monte-carlo", _both(text), "risk", options, TITLE["monte-carlo"])


@per_sample
def capped_question():
    """Lesson 8: capped vs uncapped scoring of a KR beaten by 20% — agree the policy before the quarter."""
    import dataclasses

    from .. import sample_company
    from ..scoring import kind_of, score
    from .judgement import Judgement

    obj = next(o for o in sample_company().objectives if o.owner == "Kinh doanh" and o.key_results
               and o.key_results[0].target is not None and kind_of(o.key_results[0]) == "increase")
    kr = obj.key_results[0]
    start = kr.baseline or 0.0
    beaten = kr.with_current(start + 1.2 * (kr.target - start))
    what_if = dataclasses.replace(obj, key_results=(beaten, *obj.key_results[1:]))
    capped, free = score(what_if).score, score(what_if, policy="uncapped").score

    def text(lang):
        return (f"Suppose {kr.id} beats its target by 20%. Scored capped (each KR at most 1.0), {obj.id} gets "
                f"{_num(capped, lang, 2)}; uncapped, {_num(free, lang, 2)}. Sales asks to use the uncapped score. "
                f"What do you answer?"
                if lang == "en" else
                f"Giả sử {kr.id} vượt mục tiêu 20%. Chấm có chặn (mỗi KR tối đa 1,0), {obj.id} được "
                f"{_num(capped, lang, 2)}; không chặn, {_num(free, lang, 2)}. Kinh doanh đề nghị dùng điểm không chặn. "
                f"Bạn trả lời thế nào?")

    options = {
        "higher": ({"en": "Take whichever of the two is higher: over-achievement deserves a reward",
                    "vi": "Lấy con số nào cao hơn: vượt chỉ tiêu đáng được thưởng"},
                   {"en": "Choosing the policy after seeing the results makes the score a negotiation; and the higher "
                          "one is not always the same policy for every team.",
                    "vi": "Chọn cách chấm sau khi đã thấy kết quả biến điểm số thành cuộc mặc cả; và con số cao hơn "
                          "không phải lúc nào cũng thuộc cùng một cách chấm cho mọi đội."}),
        "before": ({"en": "Keep the policy agreed before the quarter for everyone; change it, if at all, for next "
                          "quarter",
                    "vi": "Giữ cách chấm đã thống nhất trước quý cho mọi người; nếu muốn đổi thì đổi cho quý sau"},
                   {"en": f"Right: the same results give {_num(capped, 'en', 2)} or {_num(free, 'en', 2)} by policy "
                          f"alone, so the policy is agreed before the quarter starts and applied to all.",
                    "vi": f"Đúng: cùng một kết quả cho {_num(capped, 'vi', 2)} hay {_num(free, 'vi', 2)} chỉ vì cách "
                          f"chấm, nên cách chấm phải được thống nhất trước khi quý bắt đầu và áp dụng cho tất cả."}),
        "always-uncapped": ({"en": "Always uncapped: a KR beaten by 20% should make up for a weak one",
                             "vi": "Luôn không chặn: một KR vượt 20% nên bù cho KR yếu"},
                            {"en": "Then one easy KR can hide a weak one, and the objective looks met when part of "
                                   "it is not; that is why the default caps each KR at 1.0.",
                             "vi": "Khi đó một KR dễ có thể che một KR yếu, và mục tiêu trông như đạt trong khi một "
                                   "phần chưa đạt; vì vậy cách chấm mặc định chặn mỗi KR ở 1,0."}),
        "drop-kr": ({"en": "Leave the beaten KR out of the score: its target was too easy",
                     "vi": "Bỏ KR đã vượt ra khỏi điểm: chỉ tiêu của nó quá dễ"},
                    {"en": "A KR is not dropped for doing well; an easy target is a lesson for the retro, not a "
                           "reason to change this quarter's score.",
                     "vi": "Không bỏ một KR vì nó làm tốt; chỉ tiêu dễ là bài học cho buổi rút kinh nghiệm, không phải "
                           "lý do sửa điểm quý này."}),
    }
    return Judgement("capped-scoring", _both(text), "before", options, TITLE["capped-scoring"])


@per_sample
def calibration_question():
    """Lesson 8: the sample Q1 check-ins' confidence against the outcome (calibration)."""
    from .. import sample_checkins
    from ..checkin import calibration
    from .judgement import Judgement

    cal = calibration(sample_checkins())
    top = cal.bins.iloc[-1]
    low, high = str(top["band"]).split("–")
    gap = float(top["predicted"] - top["met_share"])
    right = "over" if gap > 0.1 else ("under" if gap < -0.1 else "fair")   # the bands lesson 8 reads

    def text(lang):
        return (f"In {company()}'s Q1 check-ins, owners wrote a confidence from {low} to {high} (out of 10) "
                f"{int(top['checkins'])} times "
                f"(on average {_pct(top['predicted'], lang)}); in the end {_pct(top['met_share'], lang)} of those "
                f"check-ins belonged to KRs that met their expectation. How do you read it?"
                if lang == "en" else
                f"Trong check-in quý 1 của {company()}, người phụ trách ghi độ tự tin từ {low} đến {high} (trên thang 10) "
                f"tổng cộng {int(top['checkins'])} lần (trung bình {_pct(top['predicted'], lang)}); cuối quý "
                f"{_pct(top['met_share'], lang)} số check-in đó thuộc về KR đạt kỳ vọng. Bạn đọc điều này thế nào?")

    labels = {
        "over": {"en": "Over-confident: the check-ins promised more than came; ask what the Problems lines did not say",
                 "vi": "Tự tin quá mức: check-in hứa nhiều hơn kết quả; hãy hỏi phần Vấn đề đã không nói điều gì"},
        "fair": {"en": "Well calibrated: confidence and results agree", "vi": "Hiệu chỉnh tốt: độ tự tin khớp với kết quả"},
        "under": {"en": "Under-confident: the team achieved more than it dared to say",
                  "vi": "Tự tin quá thấp: đội đạt nhiều hơn mình dám nói"},
    }

    def said(lang):
        return _pct(top["predicted"], lang), _pct(top["met_share"], lang)

    def reason(k, lang):
        p, m = said(lang)
        en = lang == "en"
        if k == right:
            return ({"over": f"Right: {p} said, {m} came — the check-ins did not surface the problems early.",
                     "fair": f"Right: {p} said, {m} came — close enough; a calibrated 7/10 comes true about 7 times in 10.",
                     "under": f"Right: {p} said, {m} came — the team did better than it dared to say."}[k] if en else
                    {"over": f"Đúng: nói {p}, đạt {m} — check-in đã không làm lộ vấn đề sớm.",
                     "fair": f"Đúng: nói {p}, đạt {m} — đủ gần; nói 7/10 thì đạt khoảng 7 trên 10 lần.",
                     "under": f"Đúng: nói {p}, đạt {m} — đội làm tốt hơn mình dám nói."}[k])
        return ({"over": f"Over-confidence means results below the stated confidence: here {p} was said and {m} came.",
                 "fair": f"{p} said, {m} came: calibrated confidence comes true about as often as it says.",
                 "under": f"Under-confidence means results above the stated confidence: here {p} was said and {m} "
                          f"came."}[k] if en else
                {"over": f"Tự tin quá mức nghĩa là kết quả thấp hơn độ tự tin đã ghi: ở đây nói {p}, đạt {m}.",
                 "fair": f"Nói {p}, đạt {m}: độ tự tin hiệu chỉnh tốt thì thành sự thật gần đúng như nó nói.",
                 "under": f"Tự tin quá thấp nghĩa là kết quả cao hơn độ tự tin đã ghi: ở đây nói {p}, đạt {m}."}[k])

    options = {k: (label, _both(lambda lang, k=k: reason(k, lang))) for k, label in labels.items()}
    options["ignore"] = ({"en": "Nothing to learn: confidence is a feeling, only the final score counts",
                          "vi": "Không có gì để học: độ tự tin chỉ là cảm giác, chỉ điểm cuối quý mới tính"},
                         {"en": "Confidence is the early warning of a check-in; when it runs far from the results, the "
                                "warning did not work and the retro should ask why.",
                          "vi": "Độ tự tin là lời cảnh báo sớm của check-in; khi nó lệch xa kết quả, lời cảnh báo đã "
                                "không hoạt động và buổi rút kinh nghiệm cần hỏi vì sao."})
    return Judgement("calibration", _both(text), right, options, TITLE["calibration"])


#: The judgement questions of the form's last part (check id → question), in the order the form shows them.
JUDGEMENTS = {"payout-curve": payout_question, "payout-cliff": cliff_question, "sensitivity": sensitivity_question,
              "monte-carlo": monte_carlo_question,
              "capped-scoring": capped_question, "calibration": calibration_question}
TITLE.update({
    "payout-curve": {"en": "Reading the bonus curve past the target", "vi": "Đọc đường cong thưởng khi vượt mục tiêu"},
    "payout-cliff": {"en": "What a payout cliff encourages", "vi": "Đường cong có vách khuyến khích điều gì"},
    "sensitivity": {"en": "Reading sensitivity: the weight that moves a score most",
                    "vi": "Đọc độ nhạy: trọng số làm điểm thay đổi nhiều nhất"},
    "monte-carlo": {"en": "Reading a Monte Carlo result", "vi": "Đọc kết quả mô phỏng Monte Carlo"},
    "capped-scoring": {"en": "Capped or uncapped scoring", "vi": "Chấm có chặn hay không chặn"},
    "calibration": {"en": "Confidence against results (calibration)", "vi": "Độ tự tin so với kết quả (hiệu chỉnh)"},
})


def questions() -> list[dict]:
    """The form's judgement questions (what :class:`okrkit.ui.choice.ChoiceQuestions` shows)."""
    return [make().question for make in JUDGEMENTS.values()]


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
    *(judgement.check(make, qid, TITLE[qid]) for qid, make in JUDGEMENTS.items()),
))
