"""Rubric of ex03: split next quarter's revenue goal into department targets, owners and a KPI basket.

The participant works it out; the form (:func:`okrkit.ui.cascade_form`) only shows the
quarter's data and takes the answer.  Three things are graded:

* **the targets** of each funnel stage, worked backwards from the revenue goal
  (deals → opportunities → leads → website visits, and the sales headcount), checked
  against :meth:`okrkit.cascade.Cascade.funnel` run here, in the grader's process, on
  the scenario (:data:`SCENARIO`) — never taken from the notebook.  A wrong target is
  explained: quarter 1's figures used, not rounded up, retention left out, or a number
  that follows rightly from the participant's own wrong step before it;
* **the owner** of each stage (whose output it is), as the sample cascade assigns them;
* **the KPI basket and weight matrix** of Sales, Marketing and HR: each department carries
  the KPI of the stage it owns, revenue is shared by Sales and Marketing with different
  weights (Sales' the largest), each department's main weight is its own output, and each
  row adds up to 100%.

The answer (what the form saves)::

    {"targets": {"deals": 625, "opportunities": 2500, ...},
     "owners": {"deals": "Kinh doanh", ...},
     "weights": {"Kinh doanh": {"revenue": 0.7, "new_customers": 0.2, "churn": 0.1}, ...}}

>>> from okrkit.rubrics.ex03_cascade import RUBRIC, expected_targets
>>> expected_targets()["deals"], expected_targets()["leads"]
(625, 5000)
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

import math

from .. import i18n
from ..glossary import department_name, kpi_name
from ..rubric import Check, Rubric
from . import per_sample, sample_key

# Quarter 2: the board raises the goal; the new package (or range) changes the funnel.  One scenario per
# sample company, the one graded on read per call (:func:`scenario`).
SCENARIOS = {
    "saomai": {
        "goal": 15e9,                                   # 15 tỷ đồng
        "amounts": {"deal_size": 24e6, "deals_per_rep": 25},
        "rates": {"lead_to_opportunity": 0.5},          # new channels bring rawer leads
    },
    "fmcg": {
        "goal": 50e9,                                   # 50 tỷ đồng
        "amounts": {"deal_size": 16e6, "deals_per_rep": 130},
        "rates": {"lead_to_opportunity": 0.7},          # new provinces bring rawer leads
    },
}


def scenario() -> dict:
    """Quarter 2's goal, amounts and rates for the company graded on."""
    return SCENARIOS[sample_key()]


SITUATION_TEXT = {
    "saomai": {
        "vi": "Ban Giám đốc đặt doanh thu quý 2 là **{goal}**. Gói sản phẩm mới nâng giá trị hợp đồng trung bình lên "
              "**{deal}**. Marketing mở thêm kênh mới nên lead \"thô\" hơn: chỉ **{rate}** lead chất lượng thành cơ "
              "hội. Mỗi nhân viên kinh doanh chốt khoảng **{per_rep} hợp đồng** một quý.",
        "en": "The board sets quarter 2's revenue at **{goal}**. A new package lifts the average contract to **{deal}**. "
              "New channels bring rawer leads: only **{rate}** of quality leads become opportunities. A rep closes "
              "about **{per_rep} deals** a quarter.",
    },
    "fmcg": {
        "vi": "Ban Giám đốc đặt doanh thu quý 2 là **{goal}**. Dòng hàng mới nâng doanh thu quý bình quân của một điểm "
              "bán lên **{deal}**. Marketing mở thêm tỉnh mới nên lead \"thô\" hơn: chỉ **{rate}** lead chất lượng "
              "được đưa lên tuyến. Mỗi nhân viên bán hàng phục vụ khoảng **{per_rep} điểm bán có đơn** một quý.",
        "en": "The board sets quarter 2's revenue at **{goal}**. A new range lifts an outlet's average quarterly revenue "
              "to **{deal}**. New provinces bring rawer leads: only **{rate}** of quality leads are put on a route. A "
              "rep serves about **{per_rep} ordering outlets** a quarter.",
    },
}


def situation(lang: str | None = None) -> str:
    """Quarter 2's situation for the class's company, as Markdown (figures from :func:`scenario`)."""
    from .. import samples

    lang = i18n.get_lang(lang)
    sc = scenario()
    text = SITUATION_TEXT[sample_key()][lang].format(
        goal=i18n.amount(sc["goal"], lang), deal=i18n.amount(sc["amounts"]["deal_size"], lang),
        rate=i18n.percent(sc["rates"]["lead_to_opportunity"], lang), per_rep=i18n.number(sc["amounts"]["deals_per_rep"], lang))
    head = {"vi": "Tình huống quý 2 của {c}", "en": "Quarter 2 at {c}"}[lang].format(c=samples.get().name(lang))
    rest = {"vi": "Các tỷ lệ còn lại giữ như quý 1.", "en": "The other rates stay as in quarter 1."}[lang]
    return f"**{head}.** {text} {rest}"


def __getattr__(name):
    if name == "SCENARIO":      # read as a constant, but follows the company graded on
        return scenario()
    raise AttributeError(name)


REL = 0.005  # typed numbers may be rounded a little (a head count must be exact)

STAGES = ("deals", "opportunities", "leads", "traffic", "sales_reps")
SALES, MARKETING, HR = "Kinh doanh", "Marketing - PR - Đối tác", "Nhân sự"
DEPARTMENTS = (SALES, MARKETING, HR)
# The KPIs the three departments can put in their basket (the sample cascade's, for these departments).
BASKET = ("revenue", "new_customers", "quality_leads", "website_traffic", "sales_headcount", "sales_retention",
          "churn")
# The KPI that carries each stage's target (``target_from`` in okrkit/data/cascade.yaml).
STAGE_KPI = {"deals": "new_customers", "leads": "quality_leads", "traffic": "website_traffic",
             "sales_reps": "sales_headcount"}
# What each department's main weight should be: its own output.
MAIN = {SALES: ("revenue",), MARKETING: ("quality_leads",), HR: ("sales_headcount", "sales_retention")}


@per_sample
def expected_plan():
    """The sample cascade with the scenario's goal, rates and amounts."""
    import dataclasses

    from ..cascade import sample_cascade

    plan = sample_cascade()
    goal = dataclasses.replace(plan.goal, value=scenario()["goal"])
    return dataclasses.replace(plan, goal=goal, rates={**plan.rates, **scenario()["rates"]},
                               amounts={**plan.amounts, **scenario()["amounts"]})


def expected_targets() -> dict[str, float]:
    return {t.id: t.value for t in expected_plan().funnel()}


@per_sample
def expected_owners() -> dict[str, str]:
    """Each stage's owner, as the sample cascade assigns it."""
    return {s.id: s.owner for s in expected_plan().stages if s.id in STAGES}


@per_sample
def _quarter1():
    """Quarter 1's funnel (the sample as it is): what a participant who kept last quarter's figures gets."""
    from ..cascade import sample_cascade

    return {t.id: t.value for t in sample_cascade().funnel()}


def kpi_label(kpi_id: str, lang: str | None = None) -> str:
    """A basket KPI's name as the form shows it."""
    names = {k.id: k.name for k in expected_plan().kpis}
    return kpi_name(kpi_id, lang, given=names.get(kpi_id))


STAGE_NAMES = {  # what each stage's target counts, as the form and the feedback name it
    "deals": {"en": "Deals to close", "vi": "Hợp đồng cần chốt"},
    "opportunities": {"en": "Sales opportunities", "vi": "Cơ hội bán hàng"},
    "leads": {"en": "Quality leads (SQL)", "vi": "Lead chất lượng (SQL)"},
    "traffic": {"en": "Website visits", "vi": "Lượt truy cập website"},
    "sales_reps": {"en": "Sales reps", "vi": "Nhân viên kinh doanh"},
}


def stage_label(stage: str, lang: str | None = None) -> str:
    """A funnel stage's name as the form shows it."""
    return STAGE_NAMES[stage][i18n.get_lang(lang)]


def number(value) -> float | None:
    """A typed target as a number: 625, '625', '5.000', '555 556'; ``None`` when it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    try:
        from ..quantity import parse_number

        got, unit = parse_number(str(value))
    except Exception:  # noqa: BLE001  -- an unreadable number is a wrong answer, not a crash
        return None
    return None if unit == "%" else got


def _close(a: float | None, b: float, *, exact: bool = False) -> bool:
    if a is None:
        return False
    return a == b if exact else abs(a - b) <= REL * max(abs(b), 1e-9)


def _targets(answer) -> dict:
    got = answer.get("targets")
    return got if isinstance(got, dict) else {}


def _shown(value, lang) -> str:
    n = number(value)
    if n is not None:
        return i18n.number(n, lang, decimals=0 if float(n).is_integer() else 2)
    return "–" if value in (None, "") else str(value)


# What a wrong target most likely came from, said as a hint at the reasoning (never the number).
def _why_wrong(stage: str, got: float, answer: dict) -> dict[str, str] | None:
    plan = expected_plan()
    rates, amounts = plan.rates, plan.amounts
    mine = {k: number(v) for k, v in _targets(answer).items()}
    q1 = _quarter1()
    if _close(got, q1.get(stage, -1)):
        return {"en": "That is quarter 1's figure: use quarter 2's goal and assumptions.",
                "vi": "Đó là con số của quý 1: hãy dùng mục tiêu và giả định của quý 2."}
    raw = {"deals": plan.goal.value / amounts["deal_size"],
           "opportunities": expected_targets()["deals"] / rates["win_rate"],
           "leads": expected_targets()["opportunities"] / rates["lead_to_opportunity"],
           "traffic": expected_targets()["leads"] / rates["visit_to_lead"],
           "sales_reps": expected_targets()["deals"] / amounts["deals_per_rep"] / rates["sales_retention"]}[stage]
    if got != math.ceil(raw) and (abs(got - raw) <= max(0.01, REL * raw) or got == math.floor(raw)):
        return {"en": "Round counts up: nobody closes part of a deal or hires part of a person.",
                "vi": "Số đếm được làm tròn lên: không ai chốt được một phần hợp đồng hay tuyển một phần người."}
    if stage == "sales_reps" and got in (math.ceil(expected_targets()["deals"] / amounts["deals_per_rep"]),
                                         expected_targets()["deals"] / amounts["deals_per_rep"]):
        return {"en": "Allow for the reps who leave during the quarter (90% stay).",
                "vi": "Hãy tính cả những người nghỉ việc trong quý (chỉ 90% ở lại)."}
    from ..cascade import sample_cascade

    old_rate = sample_cascade().rates["lead_to_opportunity"]
    if stage == "leads" and _close(got, math.ceil(expected_targets()["opportunities"] / old_rate)):
        return {"en": "Quarter 2's leads are rawer: check the lead-to-opportunity rate.",
                "vi": "Lead quý 2 \"thô\" hơn: xem lại tỷ lệ lead thành cơ hội."}
    before = {"opportunities": ("deals", rates["win_rate"]), "leads": ("opportunities", rates["lead_to_opportunity"]),
              "traffic": ("leads", rates["visit_to_lead"]),
              "sales_reps": ("deals", amounts["deals_per_rep"] * rates["sales_retention"])}.get(stage)
    if before and mine.get(before[0]) is not None and not _close(mine[before[0]], expected_targets()[before[0]]):
        step = mine[before[0]] / before[1]
        if abs(got - step) <= max(1.0, REL * step):
            name = {lang: stage_label(before[0], lang) for lang in ("en", "vi")}
            return {"en": f"It follows rightly from your figure for {name['en']}: fix that step first.",
                    "vi": f"Con số này suy đúng từ con số {name['vi']} của bạn: hãy sửa bước đó trước."}
    return None


HOW = {  # the reasoning of each stage, as the lesson teaches it
    "deals": {"en": "Deals Sales must close: the revenue goal ÷ the average contract.",
              "vi": "Số hợp đồng Kinh doanh cần chốt: mục tiêu doanh thu ÷ giá trị hợp đồng trung bình."},
    "opportunities": {"en": "Opportunities: the deals ÷ the win rate — how many opportunities does one deal take?",
                      "vi": "Số cơ hội: số hợp đồng ÷ tỷ lệ chốt — cần bao nhiêu cơ hội mới có một hợp đồng?"},
    "leads": {"en": "Quality leads: the opportunities ÷ the lead-to-opportunity rate. Marketing's output is "
                    "Sales' input here.",
              "vi": "Lead chất lượng: số cơ hội ÷ tỷ lệ lead thành cơ hội. Ở đây đầu ra của Marketing là đầu vào "
                    "của Kinh doanh."},
    "traffic": {"en": "Website visits: the quality leads ÷ the visit-to-lead rate.",
                "vi": "Lượt truy cập website: số lead chất lượng ÷ tỷ lệ truy cập thành lead."},
    "sales_reps": {"en": "Sales reps: the deals ÷ deals one rep closes a quarter, allowing for the reps who leave "
                         "(retention), rounded up.",
                   "vi": "Số nhân viên kinh doanh: số hợp đồng ÷ số hợp đồng một người chốt mỗi quý, tính cả người "
                         "nghỉ việc (tỷ lệ giữ chân), làm tròn lên."},
}


def _target(stage: str):
    def test(answer):
        raw = _targets(answer).get(stage)
        got = number(raw)
        if _close(got, expected_targets()[stage], exact=stage == "sales_reps"):
            return True
        if got is None:
            return False
        why = _why_wrong(stage, got, answer) or {}
        return False, {"en": f"(yours: {_shown(raw, 'en')}) {why.get('en', '')}".strip(),
                       "vi": f"(của bạn: {_shown(raw, 'vi')}) {why.get('vi', '')}".strip()}
    return test


# ---------------------------------------------------------------- owners

def _owners(answer):
    got = answer.get("owners") if isinstance(answer.get("owners"), dict) else {}
    want = expected_owners()
    wrong = [s for s in STAGES if str(got.get(s) or "").strip() != want[s]]
    if not wrong:
        return True
    if len(wrong) == len(STAGES) and not any(str(v or "").strip() for v in got.values()):
        return False
    return False, {lang: ("Check: " if lang == "en" else "Xem lại: ")
                   + ", ".join(stage_label(s, lang) for s in wrong) + "." for lang in ("en", "vi")}


# ---------------------------------------------------------------- the KPI basket and weight matrix

def share(value) -> float | None:
    """A typed weight as a share: 0.7, '70%', '70', '0,7'; empty → ``None`` (not in the basket)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        v = float(value)
    else:
        try:
            from ..quantity import parse_number

            v, unit = parse_number(str(value))
            if unit == "%":
                v /= 100
        except Exception:  # noqa: BLE001  -- unreadable: counted as not a weight
            return float("nan")
    if not math.isfinite(v):
        return float("nan")
    return v / 100 if v > 1 else v


def rows(answer) -> dict[str, dict[str, float]]:
    """Each department's weights as shares; KPIs left empty or at 0 are not in its basket."""
    weights = answer.get("weights") if isinstance(answer.get("weights"), dict) else {}
    out = {}
    for dept in DEPARTMENTS:
        row = weights.get(dept) if isinstance(weights.get(dept), dict) else {}
        out[dept] = {k: s for k, v in row.items() if (s := share(v)) is not None and s != 0}
    return out


def _basket(answer):
    r = rows(answer)
    missing = [(owner, STAGE_KPI[s]) for s, owner in expected_owners().items() if s in STAGE_KPI
               and not r.get(owner, {}).get(STAGE_KPI[s], 0) > 0]
    if not missing:
        return True
    if not any(r.values()):
        return False
    return False, {lang: ("Missing: " if lang == "en" else "Còn thiếu: ")
                   + "; ".join(f"{kpi_label(k, lang)} → {department_name(d, lang)}" for d, k in missing) + "."
                   for lang in ("en", "vi")}


def _shared_revenue(answer):
    r = rows(answer)
    rev = {d: r[d].get("revenue", 0) for d in DEPARTMENTS}
    ok = rev[SALES] > 0 and rev[MARKETING] > 0 and rev[SALES] > rev[MARKETING] and rev[SALES] >= max(rev.values())
    if ok or not any(r.values()):
        return ok
    return False, {lang: ("(revenue now: " if lang == "en" else "(doanh thu hiện tại: ")
                   + ", ".join(f"{department_name(d, lang)} {i18n.percent(v, lang)}" for d, v in rev.items()) + ")"
                   for lang in ("en", "vi")}


def _main_weights(answer):
    r = rows(answer)
    wrong = []
    for dept, want in MAIN.items():
        row = {k: v for k, v in r[dept].items() if v == v}
        if not row or max(row, key=lambda k: (row[k], k in want)) not in want:
            wrong.append(dept)
    if not wrong:
        return True
    if not any(r.values()):
        return False
    return False, {lang: ("Check: " if lang == "en" else "Xem lại: ")
                   + ", ".join(department_name(d, lang) for d in wrong) + "." for lang in ("en", "vi")}


def _sums(answer):
    r = rows(answer)
    bad = [(d, sum(r[d].values())) for d in DEPARTMENTS if not r[d] or not abs(sum(r[d].values()) - 1) <= 0.011]
    if not bad:
        return True
    if not any(r.values()):
        return False
    return False, {lang: ("Rows: " if lang == "en" else "Các hàng: ")
                   + "; ".join(f"{department_name(d, lang)} ({i18n.percent(t, lang) if t == t else '?'})"
                               for d, t in bad) + "." for lang in ("en", "vi")}


TITLE = {
    "deals-for-sales": {"en": "Deals Sales must close", "vi": "Số hợp đồng Kinh doanh cần chốt"},
    "opportunities-for-sales": {"en": "Opportunities Sales needs", "vi": "Số cơ hội Kinh doanh cần có"},
    "leads-for-marketing": {"en": "Quality leads Marketing must bring", "vi": "Số lead chất lượng Marketing cần mang về"},
    "traffic-for-marketing": {"en": "Website visits Marketing must bring", "vi": "Lượt truy cập website Marketing cần mang về"},
    "sales-reps-for-hr": {"en": "Sales reps HR must staff", "vi": "Số nhân viên kinh doanh Nhân sự cần bố trí"},
    "owners": {"en": "An owner for each stage of the funnel", "vi": "Mỗi tầng của phễu có bộ phận phụ trách"},
    "basket-covers-funnel": {"en": "Each owner carries its stage's KPI", "vi": "Bộ phận phụ trách mang KPI của tầng mình"},
    "revenue-shared": {"en": "Revenue is shared, with different weights",
                       "vi": "Doanh thu là KPI chung, mỗi bộ phận một trọng số"},
    "main-weights": {"en": "Each department's main weight is its own output",
                     "vi": "Trọng số chính của mỗi bộ phận là đầu ra của chính nó"},
    "rows-sum-to-100": {"en": "Each department's weights add up to 100%",
                        "vi": "Trọng số của mỗi bộ phận cộng lại bằng 100%"},
}


RUBRIC = Rubric("ex03_cascade", (
    Check("deals-for-sales", 1, _target("deals"), title=TITLE["deals-for-sales"], feedback={
        "en": "Start here: work backwards from quarter 2's revenue goal. " + HOW["deals"]["en"],
        "vi": "Bắt đầu từ đây: đi ngược từ mục tiêu doanh thu quý 2. " + HOW["deals"]["vi"],
    }),
    Check("opportunities-for-sales", 1, _target("opportunities"), title=TITLE["opportunities-for-sales"],
          feedback=HOW["opportunities"]),
    Check("leads-for-marketing", 1, _target("leads"), title=TITLE["leads-for-marketing"], feedback=HOW["leads"]),
    Check("traffic-for-marketing", 1, _target("traffic"), title=TITLE["traffic-for-marketing"],
          feedback=HOW["traffic"]),
    Check("sales-reps-for-hr", 1, _target("sales_reps"), title=TITLE["sales-reps-for-hr"],
          feedback=HOW["sales_reps"]),
    Check("owners", 2, _owners, title=TITLE["owners"], feedback={
        "en": "Give each stage the department whose output it is: the one that can move the number. One "
              "department's output is the next one's input.",
        "vi": "Giao mỗi tầng cho bộ phận tạo ra đầu ra đó, tức bộ phận làm con số ấy thay đổi. Đầu ra của bộ phận "
              "này là đầu vào của bộ phận kia.",
    }),
    Check("basket-covers-funnel", 2, _basket, title=TITLE["basket-covers-funnel"], feedback={
        "en": "Put in each department's basket the KPI that carries the target of the stage it owns (give it a "
              "weight): otherwise nobody is measured on that target.",
        "vi": "Đưa vào rổ KPI của mỗi bộ phận KPI mang chỉ tiêu của tầng mà bộ phận đó phụ trách (cho nó một trọng "
              "số): nếu không, chẳng ai được đo bằng chỉ tiêu ấy.",
    }),
    Check("revenue-shared", 2, _shared_revenue, title=TITLE["revenue-shared"], feedback={
        "en": "Revenue is a shared KPI: Sales and Marketing both carry it, with different weights — the largest "
              "for Sales, a smaller one for Marketing, whose main job is quality leads.",
        "vi": "Doanh thu là KPI chung: cả Kinh doanh và Marketing cùng mang, với trọng số khác nhau — lớn nhất ở "
              "Kinh doanh, nhỏ hơn ở Marketing, vì việc chính của Marketing là lead chất lượng.",
    }),
    Check("main-weights", 1, _main_weights, title=TITLE["main-weights"], feedback={
        "en": "Give each department its largest weight on its own output: revenue for Sales, quality leads for "
              "Marketing, the sales team (headcount or retention) for HR.",
        "vi": "Đặt trọng số lớn nhất của mỗi bộ phận vào đầu ra của chính nó: doanh thu với Kinh doanh, lead chất "
              "lượng với Marketing, đội ngũ bán hàng (số người hoặc tỷ lệ giữ chân) với Nhân sự.",
    }),
    Check("rows-sum-to-100", 1, _sums, title=TITLE["rows-sum-to-100"], feedback={
        "en": "Each department's weights must add up to 100% (the Total row under the matrix shows each sum).",
        "vi": "Trọng số của mỗi bộ phận phải cộng lại bằng 100% (dòng Tổng dưới ma trận cho biết tổng từng cột).",
    }),
))
