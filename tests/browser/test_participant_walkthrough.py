"""Every exercise as a participant does it: a page of forms, filled in Vietnamese with the keyboard.

For each exercise, in participant mode (the kit's Voilà pages on the same server as
JupyterLab), a participant fills every part in Vietnamese, leaving each field with
Tab; the page's kernel is then killed (a crash, or a restart) and the page
reloaded, and everything typed must be back; "Kiểm tra bài làm" is pressed; and
the real ``okrkit grade`` command, run on that participant's folder, must give the
score and the failed checks the page showed.  No code is visible on the page at
any point and nothing is requested from outside the server.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .labdriver import ARTIFACTS, LabServer
from .participant import ParticipantPage, grade_folder, participant_env

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("walkthrough")]  # its own server: a worker of its own


@pytest.fixture(scope="module")
def participant_server(chromium_path):
    """A server started with the kit's participant-mode configuration (Vietnamese class)."""
    yield from _serving("okrkit-participant", participant_env("vi"))


def _serving(name: str, env: dict):
    """Start a participant server, yield it, clean it up (a clear failure when it does not start)."""
    server = LabServer(name=name, env=env)
    try:
        server.start()
    except RuntimeError as exc:
        server.cleanup()
        pytest.fail(f"could not start the participant server: {exc}", pytrace=False)
    yield server
    server.cleanup()


@pytest.fixture
def participant_page(browser, participant_server):
    context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
    pages = []

    def open_exercise(exercise: str) -> ParticipantPage:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        p = ParticipantPage(participant_server, pg, exercise, f"p_{exercise}")
        pages.append(p)
        return p.open()

    yield open_exercise
    context.close()


# ---- what a participant types, exercise by exercise --------------------------------------------

def fill_ex01(p: ParticipantPage) -> dict:
    p.type(".okrkit-objective-text textarea", "Trở thành lựa chọn số một của cửa hàng nhỏ khi bán hàng online")
    p.type(".okrkit-owner input", "Kinh doanh")
    p.choose(".okrkit-parent select", index=1)
    krs = [("Doanh thu từ khách hàng mới tăng từ 6 tỷ lên 8,4 tỷ đồng", "6 tỷ", "8,4 tỷ", "VND", "50%"),
           ("Số khách hàng ký hợp đồng từ 30 triệu trở lên tăng từ 70 lên 120", "70", "120", "khách hàng", "30%"),
           ("Gọi điện cho khách hàng cũ mỗi tuần", "", "", "", "20%")]
    expect = {".okrkit-objective-text textarea": "Trở thành lựa chọn số một của cửa hàng nhỏ khi bán hàng online",
              ".okrkit-owner input": "Kinh doanh"}
    for i, (text, base, target, unit, weight) in enumerate(krs):
        p.type(f".okrkit-kr-text-{i} input", text)
        expect[f".okrkit-kr-text-{i} input"] = text
        for name, value in (("baseline", base), ("target", target), ("unit", unit), ("weight", weight)):
            if value:
                p.type(f".okrkit-kr-{name}-{i} input", value)
                expect[f".okrkit-kr-{name}-{i} input"] = value
    return expect


def fill_ex02(p: ParticipantPage) -> dict:
    expect = {}
    objectives = [
        ("", "Khách hàng mới tự tìm đến Sao Mai qua các kênh online", "Marketing - PR - Đối tác", None,
         [("Số lead chất lượng mỗi quý tăng từ 2.500 lên 4.000", "2.500", "4.000", "lead", "60%"),
          ("Tỷ lệ lead thành cơ hội đạt 60%", "45%", "60%", "%", "40%")]),
        ("-1", "Thương hiệu Sao Mai được chủ cửa hàng nhỏ yêu thích", "Marketing - PR - Đối tác", "mở rộng",
         [("Chỉ số NPS của khách hàng mới tăng từ 30 lên 50", "30", "50", "điểm", "50%"),
          ("Đăng 40 bài viết trên fanpage", "", "", "", "50%")]),
    ]
    for n, text, owner, kind, krs in objectives:
        p.type(f".okrkit-objective-text{n} textarea", text)
        expect[f".okrkit-objective-text{n} textarea"] = text
        p.type(f".okrkit-owner{n} input", owner)
        if kind:
            p.click(f".okrkit-type{n} button:has-text('{kind}')")
        o = n.strip("-")
        for i, (kr, base, target, unit, weight) in enumerate(krs):
            key = f"{o}-{i}" if o else f"{i}"
            p.type(f".okrkit-kr-text-{key} input", kr)
            expect[f".okrkit-kr-text-{key} input"] = kr
            for name, value in (("baseline", base), ("target", target), ("unit", unit), ("weight", weight)):
                if value:
                    p.type(f".okrkit-kr-{name}-{key} input", value)
                    expect[f".okrkit-kr-{name}-{key} input"] = value
    return expect


def fill_ex03(p: ParticipantPage) -> dict:
    """Targets worked out by hand (the visits forgotten, the headcount not rounded up), owners, a basket."""
    expect = {}
    for stage, value in (("deals", "625"), ("opportunities", "2.500"), ("leads", "5.000"), ("sales-reps", "27,78")):
        p.type(f".okrkit-cascade-target-{stage} input", value)
        expect[f".okrkit-cascade-target-{stage} input"] = value
    for stage, owner in (("deals", "Kinh doanh"), ("opportunities", "Kinh doanh"),
                         ("leads", "Marketing - PR - Đối tác"), ("traffic", "Marketing - PR - Đối tác"),
                         ("sales-reps", "Nhân sự")):
        p.choose(f".okrkit-cascade-owner-{stage} select", label=owner)
    weights = {"kinh-doanh-revenue": "70%", "kinh-doanh-new-customers": "30%",
               "marketing-pr-doi-tac-quality-leads": "60%", "marketing-pr-doi-tac-revenue": "20%",
               "marketing-pr-doi-tac-website-traffic": "20%", "nhan-su-sales-headcount": "100%"}
    for key, value in weights.items():
        p.type(f".okrkit-cascade-weight-{key} input", value)
        expect[f".okrkit-cascade-weight-{key} input"] = value
    return expect


def fill_ex04(p: ParticipantPage) -> dict:
    # the score chart is Altair's, drawn offline on the participant's page, one bar per department
    bars = p.page.locator(".okrkit-weight-live svg .mark-rect path")
    bars.first.wait_for()
    assert bars.count() == 5
    p.page.locator(".okrkit-weight-chart").first.screenshot(path=str(ARTIFACTS / "participant-ex04-chart.png"))
    drawn = p.page.locator(".okrkit-weight-live").first.get_attribute("data-rev")
    handles = {
        "kinh-doanh-revenue": ["PageDown", "PageDown", "PageDown"],
        "kinh-doanh-new-customers": ["PageUp", "PageUp"],
        "marketing-pr-doi-tac-revenue": ["PageUp", "PageUp"],
        "marketing-pr-doi-tac-website-traffic": ["PageDown", "PageDown", "PageDown", "PageDown"],
        "marketing-pr-doi-tac-quality-leads": ["PageUp", "PageUp"],
    }
    expect = {}
    for key, presses in handles.items():
        selector = f".okrkit-weight-slider-{key} .noUi-handle"
        p.keys(selector, *presses)
        expect[selector] = p.page.locator(selector).first.get_attribute("aria-valuenow")
    for dept in ("kinh-doanh", "marketing-pr-doi-tac"):  # the button shows while a row is not at 100%
        button = p.page.locator(f".okrkit-normalise-{dept}").first
        p.page.wait_for_timeout(500)   # the last slider's refresh may still hide or show it
        if button.is_visible():
            try:
                p.click(f".okrkit-normalise-{dept}")
            except PlaywrightTimeout:
                assert not button.is_visible(), f"the 'make it 100%' button of {dept} cannot be pressed"
    for key in handles:
        selector = f".okrkit-weight-slider-{key} .noUi-handle"
        expect[selector] = p.page.locator(selector).first.get_attribute("aria-valuenow")
    defence = ("Doanh thu là KPI chung: Kinh doanh giữ trọng số chính, Marketing gánh một phần nhỏ để cùng "
               "chăm lo chất lượng lead thay vì chạy theo lượt truy cập.")
    p.type(".okrkit-weight-defence textarea", defence)
    expect[".okrkit-weight-defence textarea"] = defence
    assert p.page.locator(".okrkit-weight-live").first.get_attribute("data-rev") != drawn, "the chart follows"
    return expect


def fill_ex05(p: ParticipantPage) -> dict:
    rows = [("Chạy 2 hội thảo online cho chủ cửa hàng", "Đã có 3.100 lead, tăng 8% so với tuần trước",
             "Thiếu người viết nội dung cho kênh Zalo", "3.150"),
            ("Gọi lại 40 khách đã dùng thử", "Chốt thêm 12 hợp đồng trong tuần", "Hai nhân viên nghỉ ốm", "1.020"),
            ("Rà soát gói giá cho cửa hàng nhỏ", "Giá trị hợp đồng trung bình nhích lên", "Chưa có", "268.000")]
    expect = {}
    for i, (plan, progress, problems, current) in enumerate(rows):
        for name, text in (("plan", plan), ("progress", progress), ("problems", problems)):
            p.type(f".okrkit-checkin-{name}-{i} textarea", text)
            expect[f".okrkit-checkin-{name}-{i} textarea"] = text
        p.type(f".okrkit-checkin-current-{i} input", current)
        expect[f".okrkit-checkin-current-{i} input"] = current
        selector = f".okrkit-checkin-confidence-{i} .noUi-handle"
        p.keys(selector, *(["ArrowLeft"] * (i + 1)))
        expect[selector] = p.page.locator(selector).first.get_attribute("aria-valuenow")
    return expect


def fill_ex07(p: ParticipantPage) -> dict:
    expect = {}
    selects = p.page.locator(".okrkit-choice-form select")
    for i in range(selects.count()):
        select = selects.nth(i)
        options = select.locator("option").all_inner_texts()
        choice = options[1 + (i % (len(options) - 1))]
        before = p.saves()
        select.scroll_into_view_if_needed()
        select.select_option(label=choice)
        p.wait_saved(before)
        cls = select.evaluate("e => [...e.parentElement.classList].find(c => c.startsWith('okrkit-choice-'))")
        expect[f".{cls} select"] = select.input_value()
    return expect


def fill_questions(p: ParticipantPage, expect: dict) -> dict:
    """The judgement questions at the end of ex06 and ex08: one option each, chosen from the dropdown."""
    selects = p.page.locator(".okrkit-choice-questions select")
    assert selects.count() >= 4
    for i in range(selects.count()):
        select = selects.nth(i)
        before = p.saves()
        select.scroll_into_view_if_needed()
        select.select_option(index=1 + i % 3)
        p.wait_saved(before)
        cls = select.evaluate("e => [...e.parentElement.classList].find(c => c.startsWith('okrkit-choice-'))")
        expect[f".{cls} select"] = select.input_value()
    return expect


def fill_ex06(p: ParticipantPage) -> dict:
    p.type(".okrkit-review-team input", "87%")
    for name, index in (("lowest", 1), ("line", 1), ("region", 1), ("rep", 2)):
        p.choose(f".okrkit-review-{name} select", index=index)
    boxes = p.page.locator(".okrkit-silent-grid input[type=checkbox]")
    for i in range(min(3, boxes.count())):
        before = p.saves()
        boxes.nth(i).scroll_into_view_if_needed()
        boxes.nth(i).click()
        p.wait_saved(before)
    action = ("Gọi ngay cho các khách chưa có đơn trong tháng, ưu tiên khách lớn; trưởng vùng họp với nhân viên "
              "có doanh số thấp nhất để lập kế hoạch tuần.")
    p.type(".okrkit-review-action textarea", action)
    return fill_questions(p, {".okrkit-review-team input": "87%", ".okrkit-review-action textarea": action})


def fill_ex08(p: ParticipantPage) -> dict:
    expect = {}
    for i, field in enumerate(p.page.locator("[class*='okrkit-quarter-score-'] input").all()):
        cls = field.evaluate("e => [...e.parentElement.classList].find(c => c.startsWith('okrkit-quarter-score-'))")
        value = ["0,7", "1", "0,45", "0,8", "0,6"][i % 5]
        p.type(f".{cls} input", value)
        expect[f".{cls} input"] = value
    for kind in ("band", "meets"):
        for i, select in enumerate(p.page.locator(f"[class*='okrkit-quarter-{kind}-'] select").all()):
            before = p.saves()
            select.scroll_into_view_if_needed()
            select.select_option(index=1 + i % 2)
            p.wait_saved(before)
    rewrite = p.page.locator("[class*='okrkit-quarter-rewrite-'] input[type=checkbox]")
    if rewrite.count():
        before = p.saves()
        rewrite.first.scroll_into_view_if_needed()
        rewrite.first.click()
        p.wait_saved(before)
    for i in range(p.page.locator("[class*='okrkit-quarter-dept-'] input").count()):
        p.type(f".okrkit-quarter-dept-{i} input", "0,65")
        expect[f".okrkit-quarter-dept-{i} input"] = "0,65"
    p.choose(".okrkit-quarter-gap select", index=1)
    retro = ("Quý này Marketing đạt mục tiêu lead nhưng doanh thu chưa tới; quý sau cần giữ KR cam kết ở mức "
             "đạt được và viết lại KR về lượt truy cập thành KR về lead chất lượng.")
    p.type(".okrkit-quarter-retro textarea", retro)
    expect[".okrkit-quarter-retro textarea"] = retro
    return fill_questions(p, expect)


def fill_ex09(p: ParticipantPage) -> dict:
    """A rep's own objective under a Sales team objective, with three key results (whichever company)."""
    objective = "Trở thành người bán hàng được các điểm bán trong tuyến của tôi tin cậy nhất"
    p.type(".okrkit-objective-text textarea", objective)
    p.type(".okrkit-owner input", "Nhân viên kinh doanh R09")
    p.choose(".okrkit-parent select", index=1)
    krs = [("Doanh thu của tôi trong quý tăng từ 1,7 tỷ lên 2,3 tỷ đồng", "1,7 tỷ", "2,3 tỷ", "VND", "50%"),
           ("Số khách hàng có đơn hàng trong quý tăng từ 14 lên 20", "14", "20", "khách hàng", "30%"),
           ("5 khách hàng mới có đơn hàng từ 30 triệu đồng trở lên", "0", "5", "khách hàng", "20%")]
    expect = {".okrkit-objective-text textarea": objective}
    for i, (text, base, target, unit, weight) in enumerate(krs):
        p.type(f".okrkit-kr-text-{i} input", text)
        expect[f".okrkit-kr-text-{i} input"] = text
        for name, value in (("baseline", base), ("target", target), ("unit", unit), ("weight", weight)):
            p.type(f".okrkit-kr-{name}-{i} input", value)
            expect[f".okrkit-kr-{name}-{i} input"] = value
    return expect


def assert_graded_as_shown(p: ParticipantPage, exercise: str, tmp_path, score, max_score, failed, **grade) -> None:
    """`okrkit grade` on the participant's folder gives the score and the failed checks the page showed."""
    graded = grade_folder(p.folder, "Nguyễn Thị Lan", tmp_path, **grade)
    row = next(r for r in graded["rows"] if r["exercise"] == exercise)
    assert row["status"] == "graded", row
    assert (float(row["score"]), float(row["max"])) == (score, max_score)
    grader_failed = {c["check"] for c in graded["checks"]
                     if c["exercise"] == exercise and c["passed"].lower() in ("false", "0")}
    assert grader_failed == failed


WALKS = {"ex01_sales_okr": fill_ex01, "ex02_marketing_okrs": fill_ex02, "ex03_cascade": fill_ex03,
         "ex04_weights": fill_ex04, "ex05_checkin": fill_ex05, "ex06_sales_review": fill_ex06,
         "ex07_kpi_bsc": fill_ex07, "ex08_score_quarter": fill_ex08, "ex09_individual_okrs": fill_ex09}


def same_number(shown: str, typed: str) -> bool:
    """A field comes back as typed, or as the same number written the Vietnamese way (``0,5``, ``50%``).

    ``0.5`` (an English decimal point) or ``8400000000`` for a typed ``8,4 tỷ`` do not count.
    """
    import re

    from okrkit.quantity import parse_number

    if shown == typed:
        return True
    if re.search(r"\d\.\d{1,2}(?!\d)", shown) or re.fullmatch(r"\d{7,}", shown):
        return False

    def value(text):
        number, unit = parse_number(text)
        return number / 100 if unit == "%" else number

    try:
        if abs(value(shown) - value(typed)) < 1e-9:
            return True
        # "45%" typed where the KR's unit is "%": the field keeps the number of percent
        return typed.endswith("%") and abs(parse_number(shown)[0] - parse_number(typed)[0]) < 1e-9
    except Exception:  # noqa: BLE001
        return False


@pytest.mark.parametrize("exercise", sorted(WALKS))
def test_participant_completes_the_exercise(exercise, participant_page, tmp_path):
    """Fill in Vietnamese, kill the kernel, reload: all back; the page's score is the grader's."""
    p = participant_page(exercise)
    assert p.code_visible() == 0, "code is visible in participant mode"
    expect = WALKS[exercise](p)
    assert p.warnings() == [], p.warnings()
    p.screenshot(f"participant-{exercise}-filled")
    saved = json.loads((p.folder / "answers" / f"{exercise}.json").read_text(encoding="utf-8"))
    assert saved["exercise"] == exercise if "exercise" in saved else True

    before = p.snapshot()
    p.kill_kernel()
    p.reload()
    after = p.snapshot()
    lost = {k: (before.get(k), after.get(k)) for k in set(before) | set(after)
            if before.get(k) != after.get(k) and not same_number(after.get(k) or "", before.get(k) or "")}
    assert lost == {}, f"changed by the kernel restart and reload: {lost}"
    for selector, typed in expect.items():
        if selector.endswith(".noUi-handle"):
            shown = p.page.locator(selector).first.get_attribute("aria-valuenow")
        else:
            shown = p.value(selector)
        assert same_number(shown, typed), f"{selector}: {shown!r} after reload, typed {typed!r}"
    assert "Đã nạp lại bài làm" in p.status_text()

    score, max_score, failed = p.check()
    p.screenshot(f"participant-{exercise}-checked")
    assert p.foreign_requests() == []
    assert p.code_visible() == 0
    assert p.leaks() == []

    assert_graded_as_shown(p, exercise, tmp_path, score, max_score, failed)
    assert p.ids_shown() == [], "ids or English field names in the Vietnamese feedback"


@pytest.fixture(scope="module")
def distributor_server(chromium_path):
    """A participant server of a class working on the distributor (``okrkit classroom start --sample fmcg``)."""
    yield from _serving("okrkit-participant-fmcg", participant_env("vi", "fmcg"))


@pytest.mark.parametrize("exercise", ["ex06_sales_review", "ex09_individual_okrs"])
def test_a_distributors_class_works_on_its_own_data(exercise, browser, distributor_server, tmp_path):
    """In a class on Phúc An, the data exercises show Phúc An's regions and reps, and the page's score is the one
    `okrkit grade --sample fmcg` gives the same folder."""
    import okrkit as ok

    context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        p = ParticipantPage(distributor_server, pg, exercise, f"fmcg_{exercise}").open()
        text = pg.locator("body").inner_text().replace("\xa0", " ")   # ipywidgets writes options' spaces as NBSP
        assert "TP.HCM" not in text and "Phần mềm POS" not in text     # none of Sao Mai's data
        reps = ok.sample_sales("fmcg").reps
        if exercise == "ex06_sales_review":
            regions = [o.replace("\xa0", " ") for o in pg.locator(".okrkit-review-region select option").all_inner_texts()]
            assert "Hải Phòng" in regions and "TP.HCM" not in regions, regions
        else:
            case = pg.locator(".okrkit-rep-case").inner_text()
            assert reps.loc[reps["rep_id"] == "R09", "name"].iloc[0] in case, case
        WALKS[exercise](p)
        assert p.warnings() == [], p.warnings()
        score, max_score, failed = p.check()
        p.screenshot(f"participant-fmcg-{exercise}-checked")
        assert p.foreign_requests() == [] and p.code_visible() == 0
        assert_graded_as_shown(p, exercise, tmp_path, score, max_score, failed, sample="fmcg")
    finally:
        context.close()


@pytest.mark.parametrize("exercise", ["ex03_cascade", "ex05_checkin"])
def test_a_distributors_situation_is_its_own(exercise, browser, distributor_server):
    """In a class on Phúc An, ex03's quarter 2 and ex05's CRM week are Phúc An's figures, and no Sao Mai."""
    from okrkit import i18n
    from okrkit.rubrics import ex03_cascade, ex05_checkin

    context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        p = ParticipantPage(distributor_server, pg, exercise, f"fmcg_{exercise}").open()
        text = pg.locator("body").inner_text().replace("\xa0", " ")
        assert "Phúc An" in text and "Sao Mai" not in text
        if exercise == "ex03_cascade":
            assert i18n.amount(ex03_cascade.SCENARIOS["fmcg"]["goal"], "vi") in text and "15 tỷ" not in text
        else:
            assert "3.690" in text and "yêu cầu nhận hàng mẫu" in text and "2.950" not in text
            assert ex05_checkin.DEMO["saomai"]["vi"] not in text
        p.screenshot(f"participant-fmcg-{exercise}-situation")
        assert p.foreign_requests() == [] and p.code_visible() == 0
    finally:
        context.close()
