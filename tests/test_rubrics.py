"""Rubrics: reference answers get full marks, empty answers score low, weak answers lose the right checks."""

from __future__ import annotations

import ast
import copy
import re
from importlib import import_module
from pathlib import Path

import nbformat
import pytest

from okrkit.grading.sample_class import reference_value
from okrkit.rubric import Rubric, load_rubric
from okrkit.rubrics import ALL_IDS, EXERCISES, IDS, exercise, title

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"


def reference(exercise_id: str) -> dict:
    """The reference answer: REFERENCE in a solution notebook's `solution` cell, or the rubric's own expected()."""
    module = import_module(f"okrkit.rubrics.{exercise_id}")
    if hasattr(module, "expected"):
        return copy.deepcopy(module.expected())
    nb = nbformat.read(SOLUTIONS / f"{exercise_id}.ipynb", as_version=4)
    for cell in nb.cells:
        if "solution" in cell.metadata.get("tags", []):
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "REFERENCE":
                    return reference_value(node.value)
    raise AssertionError(f"no REFERENCE in solutions/{exercise_id}.ipynb")


def failed(result) -> set[str]:
    return {c.id for c in result.checks if not c.passed}


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_answer_scores_full_marks(exercise_id):
    """The reference answer earns every point, in both languages."""
    rubric = load_rubric(exercise_id)
    for lang in ("en", "vi"):
        result = rubric.grade(reference(exercise_id), lang=lang)
        assert result.score == result.max_score, repr(result)


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("empty", [{}, None, {"objectives": []}, {"answer": "?"}], ids=["dict", "none", "no-objectives", "junk"])
def test_empty_answer_scores_low_with_a_first_step(exercise_id, empty):
    """An empty answer scores at most a tenth and its feedback tells the participant where to start."""
    for lang in ("en", "vi"):
        result = load_rubric(exercise_id).grade(empty, lang=lang)
        assert result.fraction <= 0.1, repr(result)
        texts = [c.feedback for c in result.checks if not c.passed]
        assert texts and all(texts), repr(result)
        first_step = ("Start here", "Not answered yet") if lang == "en" else ("Bắt đầu từ đây", "Chưa trả lời")
        assert any(t.startswith(first_step) or first_step[1] in t for t in texts), repr(result)


def test_exercise_list_matches_modules_and_notebooks():
    """EXERCISES lists ex01…ex09 in order; each has a rubric module, a solution notebook and titles in en and vi."""
    assert IDS == tuple(sorted(IDS)) and len(IDS) == 9
    assert IDS[0] == "ex01_sales_okr" and IDS[-1] == "ex09_individual_okrs"
    assert sorted(p.stem for p in SOLUTIONS.glob("*.ipynb")) == sorted(ALL_IDS)   # and the quizzes and survey
    for e in EXERCISES:
        assert isinstance(load_rubric(e.id), Rubric) and load_rubric(e.id).exercise == e.id
        assert e.title["en"] and e.title["vi"] and title(e.id, "vi") == e.title["vi"]
    with pytest.raises(Exception, match="no exercise"):
        exercise("ex99_nothing")


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_check_speaks_both_languages(exercise_id):
    """Every check has a unique id, positive points and feedback in en and vi."""
    rubric = load_rubric(exercise_id)
    ids = [c.id for c in rubric.checks]
    assert len(ids) == len(set(ids))
    for c in rubric.checks:
        assert c.points > 0 and c.feedback["en"] and c.feedback["vi"] and c.feedback["en"] != c.feedback["vi"]


# ---------------------------------------------------------------- weak answers lose the right checks

def ex01(**change):
    answer = reference("ex01_sales_okr")
    obj = answer["objectives"][0]
    for key, value in change.items():
        if key.startswith("kr"):
            index, field = key[2:].split("_", 1)
            obj["key_results"][int(index)][field] = value
        else:
            obj[key] = value
    return answer


def ex09(**change):
    """ex09's reference with the objective's fields or its KRs' fields changed (``kr0_target=...``)."""
    answer = reference("ex09_individual_okrs")
    obj = answer["objectives"][0]
    for key, value in change.items():
        if key.startswith("kr"):
            index, field = key[2:].split("_", 1)
            obj["key_results"][int(index)][field] = value
        else:
            obj[key] = value
    return answer


def ex09_five_krs():
    answer = ex09(kr0_weight=0.3)
    answer["objectives"][0]["key_results"] += [
        {"id": "O1.KR4", "text": "Tỷ lệ chốt từ cơ hội của tôi tăng từ 18% lên 24%", "baseline": 18, "target": 24,
         "unit": "%", "weight": 0.1},
        {"id": "O1.KR5", "text": "3 khách hàng lớn ký hợp đồng bán thêm", "baseline": 0, "target": 3,
         "unit": "hợp đồng", "weight": 0.1}]
    return answer


def ex09_process_only():
    """Aligned to the team's way of working (S3), with no KR on monthly plans, weekly reports or CRM."""
    return ex09(parent="S3")


def ex02_all_committed():
    answer = reference("ex02_marketing_okrs")
    for obj in answer["objectives"]:
        obj["type"] = "committed"
    return answer


def ex02_busy_work():
    answer = reference("ex02_marketing_okrs")
    answer["objectives"][1]["key_results"][2] = {"id": "O2.KR3", "text": "Đăng 5 bài viết mỗi tuần trên blog",
                                                 "baseline": 0, "target": 65, "unit": "bài", "weight": 0.3}
    return answer


def ex03(**change):
    """The reference with some targets, owners or weight columns changed (a column replaces the reference's)."""
    answer = reference("ex03_cascade")
    for name, value in change.items():
        if name in ("targets", "owners"):
            answer[name] = {**answer[name], **value}
        else:
            answer["weights"] = {**answer["weights"], **value}
    return answer


def ex03_quarter1():
    """Every target worked out on quarter 1's figures (the sample cascade as it is)."""
    from okrkit.cascade import sample_cascade

    return ex03(targets={t.id: t.value for t in sample_cascade().funnel() if t.id != "revenue"})


def ex03_not_rounded():
    """The sales headcount left unrounded (deals ÷ deals per rep ÷ retention)."""
    from okrkit.rubrics.ex03_cascade import expected_plan, expected_targets

    plan = expected_plan()
    raw = expected_targets()["deals"] / plan.amounts["deals_per_rep"] / plan.rates["sales_retention"]
    return ex03(targets={"sales_reps": round(raw, 2)})


def ex03_carried():
    """A wrong win rate (20%) for the opportunities, the leads and visits worked out rightly from it."""
    import math

    from okrkit.rubrics.ex03_cascade import expected_plan, expected_targets

    rates = expected_plan().rates
    opportunities = math.ceil(expected_targets()["deals"] / 0.2)
    leads = math.ceil(opportunities / rates["lead_to_opportunity"])
    return ex03(targets={"opportunities": opportunities, "leads": leads,
                         "traffic": math.ceil(leads / rates["visit_to_lead"])})


def ex03_typed_text():
    """Targets and weights as a participant types them: '5.000', '555 556', '70%', '0,2', '10'."""
    return ex03(targets={"deals": "625", "leads": "5.000", "traffic": "555 556"},
                weights={"Kinh doanh": {"revenue": "70%", "new_customers": "0,2", "churn": "10"}})


def ex04(weights=None, defence=None):
    answer = reference("ex04_weights")
    if weights:
        for dept, row in weights.items():
            answer["weights"][dept] = row
    if defence is not None:
        answer["defence"] = defence
    return answer


def ex04_defence(lang: str, *, accents: bool = True, rank: bool = False, simulator: bool = True) -> str:
    """A defence of the reference weights written by someone else, quoting what the simulator gives for them."""
    from okrkit import i18n
    from okrkit.rubrics.ex04_weights import MARKETING, _start
    from okrkit.rubrics.okr_checks import plain
    from okrkit.simulate import what_if

    ws = reference("ex04_weights")["weights"]
    result = what_if(_start(), schemes={"yours": ws, "silo": {}})
    now, before = result.score("yours", MARKETING), result.score("silo", MARKETING)
    place = result.rank("yours", MARKETING)
    if lang == "en":
        text = ("Revenue is now shared: Sales keeps 70% on it and Marketing 20%, with 60% on quality leads. "
                + (f"In the simulator Marketing's score goes from {i18n.number(before, 'en', decimals=2)} to "
                   f"{i18n.number(now, 'en', decimals=2)}. " if simulator else "")
                + "Leads feed Sales, so both teams win or lose on the same revenue.")
        return text
    text = ("Doanh thu thành KPI chung: Kinh doanh giữ 70%, Marketing 20% doanh thu và 60% cho lead chất lượng. "
            + ((f"Marketing đứng hạng {place} với trọng số này. " if rank else
                f"Điểm của Marketing từ {i18n.number(before, 'vi', decimals=2)} lên {i18n.number(now, 'vi', decimals=2)}. ")
               if simulator else "")
            + "Lead là đầu vào của Kinh doanh nên hai bộ phận cùng chịu trách nhiệm.")
    return text if accents else plain(text)


def ex05(**conf):
    answer = reference("ex05_checkin")
    for row in answer["checkins"]:
        if row["kr"] in conf:
            row["confidence"] = conf[row["kr"]]
    return answer


def ex05_no_problems():
    answer = reference("ex05_checkin")
    answer["checkins"][0]["problems"] = ""
    return answer


def ex05_text(kr: str, **fields):
    """The reference check-in with one key result's Plan, Progress or Problems written differently."""
    answer = reference("ex05_checkin")
    row = next(r for r in answer["checkins"] if r["kr"] == kr)
    row.update(fields)
    return answer


def ex05_in_english():
    """A whole check-in written in English by someone else, in their own words (numbers as English writes them)."""
    answer = reference("ex05_checkin")
    texts = {
        "M1.KR1": ("Sit down with Sales on Monday to agree what counts as an SQL; book a webinar for fashion shops",
                   "Only +14 SQLs over the Tết holiday (2,936 → 2,950)",
                   "At this pace we end near 0.4 of target. Ads bring unqualified leads: I need Sales to rate every "
                   "lead within 48 hours from Feb 23"),
        "M1.KR2": ("Reopen the Wednesday group demo and add one session for retail chains",
                   "968 demo requests, 4 more than last week",
                   "We will miss 1,080. Ask Sales for one more person to run demos, by Friday"),
        "M1.KR3": ("Keep the referral budget and leave the two most expensive ad sets off",
                   "Cost per lead fell from 251,000 to 248,000 VND",
                   "Ad prices usually climb after Tết; if we go over the cap, the board decides next week"),
    }
    for row in answer["checkins"]:
        row["plan"], row["progress"], row["problems"] = texts[row["kr"]]
    return answer


def ex05_unaccented():
    """The reference check-in typed without Vietnamese accents (a phone keyboard without Telex)."""
    from okrkit.rubrics.prose import plain

    answer = reference("ex05_checkin")
    for row in answer["checkins"]:
        for field in ("plan", "progress", "problems"):
            row[field] = plain(row[field]).capitalize()
    return answer


def ex06(**change):
    return {**reference("ex06_sales_review"), **change}


def ex06_call_by_name():
    """The first five silent customers in the table's order instead of the five biggest last month."""
    from okrkit.rubrics.ex06_sales_review import PERIOD, data, silent_customers

    silent = silent_customers(data(), PERIOD).sort_values(["rep", "customer"])
    return ex06(call_first=list(silent["customer_id"].head(5)))


def ex06_four_of_five():
    answer = ex06()
    answer["call_first"] = answer["call_first"][:4]
    return answer


def ex07_one_wrong():
    return {**reference("ex07_kpi_bsc"), "bsc_nps": "process"}


def ex08_unweighted():
    """Scores as plain means of KR progress (weights ignored)."""
    import okrkit as ok

    answer = reference("ex08_score_quarter")
    card = ok.score(ok.sample_company())
    for o in card.objectives:
        if o.id in answer["scores"]:
            ps = [k.progress for k in o.key_results if k.progress is not None]
            answer["scores"][o.id] = sum(ps) / len(ps)
    return answer


def ex08(**change):
    answer = reference("ex08_score_quarter")
    for name, value in change.items():
        answer[name] = {**answer[name], **value} if isinstance(value, dict) else value
    return answer


SALES, MKT = "Kinh doanh", "Marketing - PR - Đối tác"
WEAK = [
    ("ex01_sales_okr", lambda: ex01(text="Doanh thu quý đạt 8,4 tỷ đồng"), {"objective-qualitative"}, "number-in-objective"),
    ("ex01_sales_okr", lambda: ex01(parent=None), {"aligned-to-company"}, "not-aligned"),
    ("ex01_sales_okr", lambda: ex01(owner="Marketing"), {"owner"}, "wrong-owner"),
    ("ex01_sales_okr", lambda: ex01(kr2_text="Gọi điện chăm sóc khách hàng cũ mỗi tuần", kr2_target=None,
                                    kr2_baseline=None), {"krs-measurable", "targets-filled", "outcomes-not-activities"},
     "activity-kr"),
    ("ex01_sales_okr", lambda: ex01(key_results=reference("ex01_sales_okr")["objectives"][0]["key_results"][:2]),
     {"three-to-five-krs", "weights-sum-to-one"}, "two-krs"),
    ("ex01_sales_okr", lambda: ex01(kr1_text="To chuc 12 buoi gap go khach hang lon moi thang"),
     {"outcomes-not-activities"}, "unaccented-activity"),
    ("ex01_sales_okr", lambda: ex01(kr0_weight=0.4), {"weights-sum-to-one"}, "weights-0.9"),
    ("ex01_sales_okr", lambda: ex01(kr0_weight="năm mươi"), {"weights-sum-to-one"}, "weight-not-a-number"),
    ("ex02_marketing_okrs", ex02_all_committed, {"committed-and-aspirational"}, "no-stretch"),
    ("ex02_marketing_okrs", ex02_busy_work, {"outcomes-not-activities"}, "busy-work"),
    ("ex03_cascade", lambda: {"targets": {}, "owners": {}, "weights": {}}, {
        "deals-for-sales", "opportunities-for-sales", "leads-for-marketing", "traffic-for-marketing",
        "sales-reps-for-hr", "owners", "basket-covers-funnel", "revenue-shared", "main-weights", "rows-sum-to-100"},
     "untouched"),
    ("ex03_cascade", ex03_quarter1, {"deals-for-sales", "opportunities-for-sales", "leads-for-marketing",
                                     "traffic-for-marketing", "sales-reps-for-hr"}, "quarter-1-figures"),
    ("ex03_cascade", ex03_not_rounded, {"sales-reps-for-hr"}, "headcount-not-rounded-up"),
    ("ex03_cascade", ex03_carried, {"opportunities-for-sales", "leads-for-marketing", "traffic-for-marketing"},
     "error-carried-forward"),
    ("ex03_cascade", ex03_typed_text, set(), "typed-as-text"),
    ("ex03_cascade", lambda: ex03(owners={"leads": SALES}), {"owners"}, "leads-owned-by-sales"),
    ("ex03_cascade", lambda: ex03(weights={MKT: {"quality_leads": 0.8, "website_traffic": 0.2}}),
     {"revenue-shared"}, "revenue-not-shared"),
    ("ex03_cascade", lambda: ex03(weights={SALES: {"revenue": 0.2, "new_customers": 0.7, "churn": 0.1}}),
     {"revenue-shared", "main-weights"}, "sales-revenue-not-main"),
    ("ex03_cascade", lambda: ex03(weights={"Nhân sự": {"sales_retention": 0.9, "revenue": 0.1}}),
     {"basket-covers-funnel"}, "hr-without-headcount"),
    ("ex03_cascade", lambda: ex03(weights={SALES: {"revenue": 0.7, "new_customers": 0.2}}),
     {"rows-sum-to-100"}, "column-90"),
    ("ex04_weights", lambda: ex04({SALES: {"revenue": 0.9, "new_customers": 0.1, "churn": 0.0},
                                   MKT: {"quality_leads": 0.8, "revenue": 0.0, "website_traffic": 0.2}}),
     {"revenue-binds-both", "sales-main-weight", "marketing-main-weight", "behaviour-lens",
      "defence-names-your-weights"}, "90/0"),
    ("ex04_weights", lambda: ex04({MKT: {"quality_leads": 0.2, "revenue": 0.2, "website_traffic": 0.6}}),
     {"marketing-main-weight", "behaviour-lens"}, "traffic-first"),
    ("ex04_weights", lambda: ex04({SALES: {"revenue": 0.7, "new_customers": 0.2, "churn": 0.0}}),
     {"rows-sum-to-100"}, "row-90"),
    ("ex04_weights", lambda: ex04(defence="Tôi thấy hợp lý."),
     {"defence-names-your-weights", "defence-uses-simulator", "defence-explains-cooperation"}, "thin-defence"),
    ("ex04_weights", lambda: ex04(defence=ex04_defence("en")), set(), "defence-in-english"),
    ("ex04_weights", lambda: ex04(defence=ex04_defence("vi", accents=False)), set(), "defence-without-accents"),
    ("ex04_weights", lambda: ex04(defence=ex04_defence("vi", rank=True)), set(), "defence-quotes-a-rank"),
    ("ex04_weights", lambda: ex04(defence=ex04_defence("vi", simulator=False)), {"defence-uses-simulator"},
     "defence-quotes-only-weights"),
    ("ex04_weights", lambda: ex04({SALES: {"revenue": 0.6, "new_customers": 0.3, "churn": 0.1}},
                                  defence=ex04_defence("vi")), {"defence-names-your-weights"},
     "defence-of-other-weights"),
    ("ex04_weights", lambda: ex04(defence="Kinh doanh giữ 70% doanh thu, Marketing 20% doanh thu và 60% lead. Theo bộ "
                                          "mô phỏng điểm Marketing tăng."), {"defence-uses-simulator",
                                                                            "defence-explains-cooperation"},
     "defence-without-the-link"),
    ("ex05_checkin", lambda: ex05(**{"M1.KR1": 9}), {"honest-confidence"}, "optimistic"),
    ("ex05_checkin", lambda: ex05(**{"M1.KR3": 3}), {"honest-confidence"}, "pessimistic"),
    ("ex05_checkin", ex05_no_problems, {"problems-where-off-track", "problems-ask-for-help"}, "problem-unnamed"),
    ("ex05_checkin", lambda: ex05_text("M1.KR1", plan="Tiếp tục cố gắng đẩy mạnh hơn nữa"), {"plan-written"},
     "vague-plan"),
    ("ex05_checkin", lambda: ex05_text("M1.KR2", plan="Keep working hard"), {"plan-written"}, "vague-plan-en"),
    ("ex05_checkin", lambda: ex05_text("M1.KR2", progress="Tuần Tết ít người đăng ký demo, đội đã họp 2 lần"),
     {"progress-in-numbers"}, "progress-without-the-krs-figures"),
    ("ex05_checkin", lambda: ex05_text("M1.KR1", progress="Moi dat 25% chi tieu quy"), set(), "progress-as-a-share"),
    ("ex05_checkin", lambda: ex05_text("M1.KR1", problems="Lead từ Facebook kém chất lượng, phải xử lý trước 28/2"),
     {"problems-ask-for-help"}, "problem-without-a-helper"),
    ("ex05_checkin", lambda: ex05_text("M1.KR2", problems="Cần Kinh doanh cử thêm người demo cho khách"),
     {"problems-ask-for-help"}, "problem-without-a-deadline"),
    ("ex05_checkin", lambda: ex05_text("M1.KR2", problems="Thiếu người demo: nhờ chị Hạnh điều thêm một bạn, "
                                                            "chậm nhất thứ Sáu tuần này"), set(), "helper-by-name"),
    ("ex05_checkin", ex05_in_english, set(), "written-in-english"),
    ("ex05_checkin", ex05_unaccented, set(), "written-without-accents"),
    ("ex06_sales_review", lambda: ex06(lowest_rep="R04"), {"lowest-rep"}, "lowest-revenue-not-lowest-percent"),
    ("ex06_sales_review", lambda: ex06(team_achieved="78,5%"), set(), "percent-text-accepted"),
    ("ex06_sales_review", lambda: ex06(team_achieved=0.62), {"team-achieved"}, "wrong-share"),
    ("ex06_sales_review", lambda: ex06(lowest_rep="Đặng Ngọc Mai"), set(), "rep-name-accepted"),
    ("ex06_sales_review", lambda: ex06(falling_line="Website bán hàng"), {"falling-line"}, "biggest-line-not-falling"),
    ("ex06_sales_review", lambda: ex06(falling_region="Cần Thơ", falling_rep="R11"), {"falling-region", "falling-rep"},
     "second-region"),
    ("ex06_sales_review", ex06_call_by_name, {"call-first"}, "call-in-table-order"),
    ("ex06_sales_review", ex06_four_of_five, set(), "four-of-five"),
    ("ex06_sales_review", lambda: ex06(action="Cả đội cần cố gắng hơn nữa để đạt kế hoạch tháng tới và gọi thêm nhiều "
                                              "khách hàng hơn"), {"action-concrete"}, "generic-action"),
    ("ex06_sales_review", lambda: ex06(action="Goi lai khach"), {"action-written", "action-concrete"}, "short-action"),
    ("ex06_sales_review", lambda: ex06(action="Tuan sau chi Mai ra soat ke hoach tung khach, ca nhom goi lai cac khach "
                                              "chua dat hang"), set(), "unaccented-action"),
    ("ex07_kpi_bsc", ex07_one_wrong, {"bsc_nps"}, "one-wrong"),
    ("ex07_kpi_bsc", lambda: {**reference("ex07_kpi_bsc"), "kpi_fail": "too-few", "bsc_purpose": "sort"},
     {"kpi_fail", "bsc_purpose"}, "more-kpis-and-four-boxes"),
    ("ex07_kpi_bsc", lambda: {**reference("ex07_kpi_bsc"), "rhythm": "monthly"}, {"rhythm"}, "monthly-check-in"),
    ("ex08_score_quarter", ex08_unweighted, {"objective-scores"}, "weights-ignored"),
    ("ex08_score_quarter", lambda: {**reference("ex08_score_quarter"), "biggest_gap": "S3"}, {"biggest-gap"},
     "lowest-score-not-biggest-gap"),
    ("ex08_score_quarter", lambda: ex08(scores={"S2": 0.63}), {"objective-scores"}, "unscorable-counted-as-zero"),
    ("ex08_score_quarter", lambda: ex08(scores={"S1": "48,5%", "M1": "0,43"}), set(), "typed-the-vietnamese-way"),
    ("ex08_score_quarter", lambda: ex08(meets={"S2": "yes", "M3": "yes"}), {"expectations"}, "green-means-met"),
    ("ex08_score_quarter", lambda: ex08(bands={"M3": "vàng"}), {"bands"}, "band-not-rounded"),
    ("ex08_score_quarter", lambda: ex08(unscorable_krs=["S2.KR3", "M2.KR3", "S3.KR3"]), {"unscorable-krs"},
     "zero-is-not-unscorable"),
    ("ex08_score_quarter", lambda: ex08(retro="Marketing đã làm không tốt trong cả quý này, người phụ trách M1 phải "
                                             "chịu trách nhiệm và bị trừ thưởng cuối năm cho cả nhóm"),
     {"retro-learns"}, "blame-not-learning"),
    ("ex09_individual_okrs", lambda: ex09(parent="C1"), {"aligned-to-team"}, "aligned-to-the-company"),
    ("ex09_individual_okrs", lambda: ex09(kr0_target=1_800_000_000), {"revenue-rolls-up"}, "below-own-plan"),
    ("ex09_individual_okrs", lambda: ex09(kr0_target="2,1 tỷ"), set(), "target-typed-in-words"),
    ("ex09_individual_okrs", lambda: ex09(kr0_target=2.3, kr0_unit="tỷ đồng"), set(), "target-in-billions"),
    ("ex09_individual_okrs", lambda: ex09(kr0_text="Đạt 110% kế hoạch doanh số quý của tôi", kr0_baseline=0,
                                          kr0_target=110, kr0_unit="%"), set(), "share-of-own-plan"),
    ("ex09_individual_okrs", lambda: ex09(text="Đạt doanh thu 2,3 tỷ đồng"), {"objective-qualitative"},
     "objective-is-a-number"),
    ("ex09_individual_okrs", lambda: ex09(kr2_text="Gọi điện cho 10 khách hàng cũ mỗi tuần"),
     {"outcomes-not-activities"}, "a-task"),
    ("ex09_individual_okrs", ex09_five_krs, {"two-to-four-krs"}, "five-krs"),
    ("ex09_individual_okrs", ex09_process_only, {"moves-team-kr"}, "s3-without-a-process-kr"),
    ("ex09_individual_okrs", lambda: ex09(kr2_weight=0.3), {"weights-sum-to-one"}, "weights-110-percent"),
]


@pytest.mark.parametrize("exercise_id, make, lost", [w[:3] for w in WEAK], ids=[f"{w[0][:4]}-{w[3]}" for w in WEAK])
def test_weak_answer_loses_exactly_the_right_checks(exercise_id, make, lost):
    """A typical weak answer fails the checks that describe its weakness, and no others."""
    result = load_rubric(exercise_id).grade(make(), lang="vi")
    assert failed(result) == lost, repr(result)
    for c in result.checks:
        if not c.passed:
            assert c.feedback and c.error is None, c


def test_feedback_names_the_key_results_at_fault():
    """Feedback on an activity KR names that KR as the form labels it, so the participant knows which row to fix."""
    answer = ex01(kr2_text="Gọi điện chăm sóc khách hàng cũ mỗi tuần", kr2_target=None, kr2_baseline=None)
    for lang, name in (("en", "objective 1, KR 3"), ("vi", "KR 3 của mục tiêu 1")):
        result = load_rubric("ex01_sales_okr").grade(answer, lang=lang)
        check = next(c for c in result.checks if c.id == "outcomes-not-activities")
        assert name in check.feedback and "O1.KR3" not in check.feedback


@pytest.mark.parametrize("junk", [{"objectives": "O1"}, {"objectives": [1, None, "x"]}, {"weights": [1, 2]},
                                  {"checkins": {"kr": 1}}, {"scores": [0.5]}, {"goal": "mười lăm"}],
                         ids=["objectives-text", "objectives-junk", "weights-list", "checkins-dict", "scores-list",
                              "goal-words"])
@pytest.mark.parametrize("exercise_id", IDS)
def test_malformed_answers_never_crash(exercise_id, junk):
    """A malformed answer is graded (low), never an exception."""
    result = load_rubric(exercise_id).grade(junk, lang="en")
    assert result.fraction <= 0.1


def test_choice_key_is_not_readable_from_the_package():
    """ex07's answer key is stored as hashes: importing the rubric does not hand participants the answers."""
    from okrkit.rubrics import ex07_kpi_bsc

    values = {o["value"] for q in ex07_kpi_bsc.QUESTIONS for o in q["options"]}
    assert set(ex07_kpi_bsc.KEY.values()).isdisjoint(values)
    assert set(ex07_kpi_bsc.KEY) == {q["id"] for q in ex07_kpi_bsc.QUESTIONS}


def test_correct_choice_explains_why():
    """A right choice earns the point and says why it is right (in the participant's language)."""
    from okrkit.rubrics import ex07_kpi_bsc

    result = load_rubric("ex07_kpi_bsc").grade(reference("ex07_kpi_bsc"), lang="vi")
    assert all(c.feedback == ex07_kpi_bsc.WHY[c.id]["vi"] for c in result.checks)


@pytest.mark.parametrize("exercise_id", ["ex06_sales_review", "ex08_score_quarter"])
def test_form_exercise_checks_have_titles(exercise_id):
    """Every check of the review and quarter forms has a title in en and vi, shown whether it passed or failed."""
    rubric = load_rubric(exercise_id)
    for c in rubric.checks:
        assert c.title and c.title["en"] and c.title["vi"] and c.title["en"] != c.title["vi"], c.id
    for lang in ("en", "vi"):
        result = rubric.grade(reference(exercise_id), lang=lang)
        assert all(r.title and r.title != r.id for r in result.checks), repr(result)


@pytest.mark.parametrize("make, check, vi, en", [
    (ex03_quarter1, "leads-for-marketing", "con số của quý 1", "quarter 1's figure"),
    (ex03_not_rounded, "sales-reps-for-hr", "làm tròn lên", "Round counts up"),
    (ex03_carried, "traffic-for-marketing", "suy đúng từ con số Lead chất lượng (SQL) của bạn",
     "follows rightly from your figure for Quality leads"),
    (lambda: ex03(targets={"sales_reps": 25}), "sales-reps-for-hr", "chỉ 90% ở lại", "90% stay"),
], ids=["quarter-1", "not-rounded", "carried", "no-retention"])
def test_ex03_says_where_a_wrong_target_came_from(make, check, vi, en):
    """A wrong ex03 target is explained by its likely cause, in both languages, without giving the number."""
    from okrkit import i18n
    from okrkit.rubrics.ex03_cascade import RUBRIC, expected_targets

    stage = {"leads-for-marketing": "leads", "sales-reps-for-hr": "sales_reps", "traffic-for-marketing": "traffic"}
    for lang, words in (("vi", vi), ("en", en)):
        result = RUBRIC.grade(make(), lang=lang)
        text = next(c.feedback for c in result.checks if c.id == check)
        assert words in text, text
        assert f" {i18n.number(expected_targets()[stage[check]], lang)}" not in text, text


def test_ex03_owners_and_basket_are_the_sample_cascades():
    """ex03's stage owners and stage KPIs are those of okrkit/data/cascade.yaml (owner, target_from)."""
    import yaml

    import okrkit as ok
    from okrkit.rubrics import ex03_cascade as ex03

    raw = yaml.safe_load(ok.sample_path("cascade.yaml").read_text(encoding="utf-8"))
    owners = {s["id"]: s["owner"] for s in raw["funnel"]["stages"]}
    assert ex03.expected_owners() == {s: owners[s] for s in ex03.STAGES}
    target_from = {k["target_from"]: k["id"] for k in raw["kpis"] if "target_from" in k}
    assert ex03.STAGE_KPI == {s: k for s, k in target_from.items() if s in ex03.STAGES}
    rows = {d["name"]: d["weights"] for d in raw["departments"]}
    assert reference("ex03_cascade")["weights"] == {d: rows[d] for d in ex03.DEPARTMENTS}
    assert set(ex03.BASKET) >= {k for d in ex03.DEPARTMENTS for k in rows[d]}


@pytest.mark.parametrize("text, sales, marketing", [
    ("Revenue weighs 70% for Sales and 20% for Marketing.", [70], [20]),
    ("Kinh doanh giữ 70% và Marketing giữ 20%", [70], [20]),
    ("Doanh thu: 70% cho Kinh doanh, 20% cho Marketing, còn 60% của Marketing là lead", [70], [20, 60]),
    ("Phuong an 70/20: marketing con 60% cho lead", [70], [20, 60]),
    ("Sales 0,7 on revenue; marketing 0.2", [0.7], [0.2]),
], ids=["en-after", "vi-before", "vi-cho", "scheme-name-unaccented", "shares"])
def test_ex04_reads_which_department_a_weight_belongs_to(text, sales, marketing):
    """A weight quoted in a defence goes to the department it is said of, in Vietnamese or English word order."""
    from okrkit.rubrics.ex04_weights import MARKETING, SALES, quoted_weights

    said = quoted_weights(text)
    assert [v for v, *_ in said[SALES]] == sales and [v for v, *_ in said[MARKETING]] == marketing


def test_ex07_hints_do_not_give_the_option_away():
    """A wrong choice's hint points at the reasoning and never repeats the right option's words."""
    from okrkit.rubrics import ex07_kpi_bsc as ex07

    ref = reference("ex07_kpi_bsc")
    for q in ex07.QUESTIONS:
        right = next(o["label"] for o in q["options"] if o["value"] == ref[q["id"]])
        wrong = next(o["value"] for o in q["options"] if o["value"] != ref[q["id"]])
        for lang in ("en", "vi"):
            result = load_rubric("ex07_kpi_bsc").grade({**ref, q["id"]: wrong}, lang=lang)
            text = next(c.feedback for c in result.checks if c.id == q["id"])
            assert right[lang].lower() not in text.lower(), (q["id"], text)


def test_no_feedback_or_exercise_text_names_a_function_to_call():
    """Hints guide the reasoning: no rubric feedback, check title or exercise text tells the participant to call ok.…()."""
    import json
    import re

    call = re.compile(r"\bok\.\w+\(|\bokrkit\.\w+\(|\bui\.\w+\(")
    for exercise_id in IDS:
        for c in load_rubric(exercise_id).checks:
            for text in (*c.feedback.values(), *(c.title or {}).values(), *(c.praise or {}).values()):
                assert not call.search(text), (exercise_id, c.id, text)
        nb = json.loads((ROOT / "exercises" / f"{exercise_id}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"])
                assert not call.search(text), (exercise_id, text)


def test_ex09_feedback_names_the_reps_own_plan_from_the_data():
    """A revenue target below the rep's plan is told the plan's figure, computed from the sales data, and where it comes from."""
    import okrkit as ok
    from okrkit import i18n
    from okrkit.rubrics.ex09_individual_okrs import QUARTER, REP

    table = ok.plan_vs_actual(ok.sample_sales(), QUARTER, by="rep").set_index("rep_id")
    plan = float(table.loc[REP, "plan"])
    answer = ex09(kr0_target=plan - 100_000_000)
    for lang, where in (("vi", "kế hoạch tháng theo khách hàng"), ("en", "monthly plan by customer")):
        check = next(c for c in load_rubric("ex09_individual_okrs").grade(answer, lang=lang).checks
                     if c.id == "revenue-rolls-up")
        assert not check.passed
        assert i18n.amount(plan, lang, short=False) in check.feedback and where in check.feedback, check.feedback
    assert {c.id for c in load_rubric("ex09_individual_okrs").grade(ex09(kr0_target=plan)).checks if not c.passed} == set()


def test_ex09_notebook_states_the_rubrics_max_points():
    """The exercise says what it is scored out of, and that is the rubric's maximum."""
    nb = nbformat.read(ROOT / "exercises" / "ex09_individual_okrs.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    points = int(load_rubric("ex09_individual_okrs").max_score)
    assert f"chấm trên {points} điểm" in text and f"Scored out of {points} points" in text


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_answer_scores_full_marks_for_phuc_an(exercise_id, monkeypatch):
    """With the class on Phúc An ($OKRKIT_SAMPLE=fmcg), every solution's reference earns every point."""
    monkeypatch.setenv("OKRKIT_SAMPLE", "fmcg")
    rubric = load_rubric(exercise_id)
    for lang in ("en", "vi"):
        result = rubric.grade(reference(exercise_id), lang=lang)
        assert result.score == result.max_score, repr(result)


@pytest.mark.parametrize("exercise_id", ["ex03_cascade", "ex05_checkin", "ex06_sales_review", "ex09_individual_okrs"])
def test_sao_mais_reference_is_wrong_for_phuc_an(exercise_id, monkeypatch):
    """The rubrics compute per company: Sao Mai's reference, graded on Phúc An, loses points."""
    answer = reference(exercise_id)        # Sao Mai's (the default)
    monkeypatch.setenv("OKRKIT_SAMPLE", "fmcg")
    result = load_rubric(exercise_id).grade(answer, lang="en")
    assert result.score < result.max_score, repr(result)


@pytest.mark.parametrize("sample,company,other", [("saomai", "Sao Mai", "Phúc An"), ("fmcg", "Phúc An", "Sao Mai")])
def test_situations_and_questions_speak_of_the_class_company_only(sample, company, other, monkeypatch):
    """ex03's quarter 2, ex05's CRM week, ex07's and the quizzes' situations: the class's company, its own figures
    (from its scenario and its check-in log), and never the other company."""
    from okrkit import i18n
    from okrkit.rubrics import ex03_cascade, ex05_checkin, ex07_kpi_bsc, quiz_post, quiz_pre
    from okrkit.ui.choice import _text

    monkeypatch.setenv("OKRKIT_SAMPLE", sample)
    for lang in ("vi", "en"):
        q2, week = ex03_cascade.situation(lang), ex05_checkin.situation(lang)
        for text in (q2, week):
            assert other not in text
            if lang == "vi":   # thousands with a dot, never 2,950
                assert not re.search(r"\d,\d{3}(?!\d)", text), text
        assert i18n.amount(ex03_cascade.scenario()["goal"], lang) in q2
        assert i18n.number(ex05_checkin.crm()["M1.KR1"], lang) in week
        assert i18n.number(ex05_checkin.last_week_values()["M1.KR1"], lang) in week
        questions = [_text(q["text"], lang) for m in (ex07_kpi_bsc, quiz_pre, quiz_post) for q in m.QUESTIONS]
        assert not any(other in t for t in questions)
        assert sum(company in t for t in questions) >= 4
    for ex in ("ex03_cascade", "ex05_checkin"):   # the notebooks leave the figures to the situation
        nb = nbformat.read(Path(__file__).parents[1] / "exercises" / f"{ex}.ipynb", as_version=4)
        shown = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "Sao Mai" not in shown and "Phúc An" not in shown, ex
