"""Each exercise's form, built exactly as its exercise notebook builds it, saves a change and shows no warning.

The participant's copy (``exercises/<id>.ipynb``) is read and its code cells are
executed in this process, in order, in a fresh folder, with the notebook's own
parameters cell followed by what a participant's run has (``grading = False``,
``lang = "vi"``) — the same calls, the same data (ex04's silo start, ex05's
week and forecast), the same answers path.  Then a change is made through the
widgets' traits, as the front end does, and the test asserts that the answers
file holds it and that the form's status line carries no warning.  This is the
test that sees a form which cannot save on its exercise's own data.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
FORM_EXERCISES = ("ex01_sales_okr", "ex02_marketing_okrs", "ex03_cascade", "ex04_weights", "ex05_checkin",
                  "ex06_sales_review", "ex07_kpi_bsc", "ex08_score_quarter", "ex09_individual_okrs", "quiz_pre",
                  "quiz_post", "survey")


def build(exercise: str, folder: Path, *, lang: str = "vi") -> tuple[dict, str]:
    """Run the exercise notebook's code cells (in ``folder``, the current folder, as a kernel would).

    Returns the namespace and what the cells printed.
    """
    assert Path.cwd() == folder
    nb = nbformat.read(ROOT / "exercises" / f"{exercise}.ipynb", as_version=4)
    ns: dict = {"__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            exec(compile(cell.source, f"<{exercise} cell>", "exec"), ns)  # noqa: S102 -- the kit's own notebook
            if "parameters" in cell.metadata.get("tags", []):
                ns.update(grading=False, lang=lang)  # what papermill would inject after the parameters
    return ns, printed.getvalue()


def saved(folder: Path, ns: dict) -> dict:
    form = ns["form"]
    form.flush()
    data = json.loads((folder / ns["answers_path"]).read_text(encoding="utf-8"))
    assert data["exercise"] == ns["exercise"]
    return data["answer"]


def assert_clean(form) -> None:
    """No warning in the status line, no part that failed to draw."""
    assert "okrkit-warn" not in form.status.value, form.status.value
    assert "⚠" not in form.status.value, form.status.value
    assert form.trouble.value == "", form.trouble.value
    for part in ("chart", "chart_notes", "schemes", "lens_view", "summary", "table", "general"):
        widget = getattr(form, part, None)
        if widget is not None and hasattr(widget, "value"):
            assert "okrkit-part-problem" not in widget.value, (part, widget.value)


def visible(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("OKRKIT_LANG", raising=False)
    monkeypatch.chdir(tmp_path)  # the kernel's folder: the notebook's relative answers path lands here
    return tmp_path


@pytest.mark.parametrize("exercise", FORM_EXERCISES)
def test_the_notebook_builds_a_clean_form_and_prints_nothing(exercise, folder):
    """Run as the participant runs it, the notebook shows a form with no warning and no printout."""
    ns, _ = build(exercise, folder)
    assert_clean(ns["form"])
    assert "Bài làm mới" in ns["form"].status.value
    nb = nbformat.read(ROOT / "exercises" / f"{exercise}.ipynb", as_version=4)
    assert not [c.source for c in nb.cells if c.cell_type == "code" and "print(" in c.source]
    from okrkit import ui

    shown = ui.record(exercise, ns["form"])  # the last cell's output: one Vietnamese line, not a printout
    assert "Bài làm của bạn đã được ghi lại" in shown["text/html"]


def test_ex01_saves_the_objective_and_shows_the_amount_as_typed(folder):
    """ex01: the objective and a KR typed as '2,5 tỷ' are saved; reopened, the amount reads '2,5 tỷ'."""
    ns, _ = build("ex01_sales_okr", folder)
    form = ns["form"]
    block = form.blocks[0]
    block.text.value = "Trở thành lựa chọn số một của chủ cửa hàng nhỏ khi bán hàng online"
    block.rows[0].text.value = "Doanh thu từ khách hàng mới tăng từ 1,8 tỷ lên 2,5 tỷ đồng"
    block.rows[0].fields["target"].value = "2,5 tỷ"
    answer = saved(folder, ns)
    assert answer["objectives"][0]["text"].startswith("Trở thành lựa chọn số một")
    assert answer["objectives"][0]["key_results"][0]["target"] == 2_500_000_000
    assert_clean(form)
    again, _ = build("ex01_sales_okr", folder)
    assert again["form"].blocks[0].rows[0].fields["target"].value == "2,5 tỷ"
    assert "Đã nạp lại" in again["form"].status.value


def test_ex02_saves_both_objectives(folder):
    """ex02: text typed into the second (aspirational) objective is saved."""
    ns, _ = build("ex02_marketing_okrs", folder)
    form = ns["form"]
    form.blocks[1].text.value = "Sao Mai là cái tên được nhắc tới đầu tiên với mọi nỗ lực bán hàng online"
    form.blocks[1].type.value = "aspirational"
    answer = saved(folder, ns)
    assert answer["objectives"][1]["text"].endswith("nỗ lực bán hàng online")
    assert answer["objectives"][1]["type"] == "aspirational"
    assert_clean(form)


def test_ex09_shows_the_reps_figures_and_offers_the_sales_teams_objectives(folder):
    """ex09: the rep's plan and last quarter's actual come from the sales data; 'Aligns to' offers S1–S3; a choice is saved."""
    import okrkit as ok
    from okrkit import i18n
    from okrkit.rubrics.ex09_individual_okrs import QUARTER, REP

    ns, _ = build("ex09_individual_okrs", folder)
    data = ok.sample_sales()
    now = ok.plan_vs_actual(data, QUARTER, by="rep").set_index("rep_id")
    before = ok.plan_vs_actual(data, "2025-Q4", by="rep").set_index("rep_id")
    shown = visible(ns["case"]._repr_html_())
    assert data.reps.loc[REP, "name"] in shown
    assert i18n.amount(float(now.loc[REP, "plan"]), "vi", short=False) in shown
    assert i18n.amount(float(before.loc[REP, "actual"]), "vi", short=False) in shown
    assert "Quý 1/2026" in shown and "Quý 4/2025" in shown
    block = ns["form"].blocks[0]
    team = [o for o in ok.sample_company().objectives if o.owner == "Kinh doanh"]
    assert [v for _, v in block.parent.options] == [""] + [o.id for o in team]
    assert [label for label, _ in block.parent.options][1:] == [o.text for o in team]
    block.text.value = "Trở thành người đồng hành tin cậy của các cửa hàng nhỏ ở Đà Nẵng"
    block.parent.value = "S2"
    block.rows[0].text.value = "Doanh thu của tôi tăng từ 1,7 tỷ lên 2,3 tỷ đồng"
    block.rows[0].fields["target"].value = "2,3 tỷ"
    answer = saved(folder, ns)
    assert answer["objectives"][0]["parent"] == "S2"
    assert answer["objectives"][0]["key_results"][0]["target"] == 2_300_000_000
    assert_clean(ns["form"])


def test_ex01_still_offers_the_company_objectives(folder):
    """ex01's 'Aligns to' still offers the company objectives C1–C3 (the team choice is ex09's only)."""
    ns, _ = build("ex01_sales_okr", folder)
    assert [v for _, v in ns["form"].blocks[0].parent.options] == ["", "C1", "C2", "C3"]


def form_text(form) -> str:
    """Everything the form shows: its HTML parts and its fields' values."""
    import ipywidgets as W

    seen, out = set(), []

    def walk(w):
        if id(w) in seen:
            return
        seen.add(id(w))
        if isinstance(w, (W.HTML, W.Text, W.Dropdown)):
            out.append(visible(str(w.value or "")) if isinstance(w, W.HTML) else str(w.value or ""))
        for child in getattr(w, "children", ()):
            walk(child)
    walk(form)
    return " ".join(out)


def test_ex03_shows_the_data_computes_nothing_and_saves_what_is_typed(folder):
    """ex03: the quarter's data is shown, no target is; a typed target, owner and weight are saved and come back."""
    from okrkit import i18n
    from okrkit.rubrics.ex03_cascade import expected_targets

    ns, _ = build("ex03_cascade", folder)
    form = ns["form"]
    shown = form_text(form)
    assert "15 tỷ đồng" in shown and "24 triệu đồng" in shown and "50%" in shown
    for stage in ("opportunities", "leads", "traffic"):
        assert i18n.number(expected_targets()[stage], "vi") not in shown, stage
    form.target_fields["leads"].value = "5.000"
    form.owner_fields["leads"].value = "Marketing - PR - Đối tác"
    form.weight_fields[("Kinh doanh", "revenue")].value = "70%"
    answer = saved(folder, ns)
    assert answer["targets"] == {"leads": 5000}
    assert answer["owners"] == {"leads": "Marketing - PR - Đối tác"}
    assert answer["weights"] == {"Kinh doanh": {"revenue": 0.7}}
    assert_clean(form)
    assert "70%" in form.totals["Kinh doanh"].value
    again, _ = build("ex03_cascade", folder)
    assert again["form"].target_fields["leads"].value == "5.000"
    assert again["form"].owner_fields["leads"].value == "Marketing - PR - Đối tác"
    assert again["form"].weight_fields[("Kinh doanh", "revenue")].value == "70%"


def test_ex04_saves_on_its_own_silo_start(folder):
    """ex04: on the exercise's silo start, a slider move and the defence are saved; the lens updates in the form."""
    ns, _ = build("ex04_weights", folder)
    form = ns["form"]
    assert_clean(form)  # the bug: "Chưa lưu được: schemes.50/40.Kinh doanh …" right after Run All
    m = form.model
    i, j = m.departments.index("Marketing - PR - Đối tác"), m.kpis.index("revenue")
    before = form.lens_view.value
    form.sliders[(i, j)].value = 20
    form.defence.value = "Doanh thu là KPI chung của Kinh doanh và Marketing, lead chất lượng là đầu vào."
    answer = saved(folder, ns)
    assert answer["weights"]["Marketing - PR - Đối tác"]["revenue"] == 0.2
    assert answer["defence"].startswith("Doanh thu là KPI chung")
    assert_clean(form)
    assert form.lens_view.value != before
    lens = visible(form.lens_view.value)
    assert "Lượt truy cập website" in lens and "0,80 điểm" in lens  # names, not ids; numbers the Vietnamese way
    assert "website_traffic" not in lens and "quality_leads" not in lens
    assert "100/0" in visible(form.schemes.value)  # the start is one of the schemes compared


def test_ex05_prefills_the_exercise_week_and_shows_the_forecast(folder):
    """ex05: the week is the scenario's (2026-W08); a current value is saved and the forecast updates in the form."""
    from okrkit.rubrics.ex05_checkin import LAST_WEEK
    from okrkit.ui.forms import show_number

    ns, _ = build("ex05_checkin", folder)
    form = ns["form"]
    assert form.week.value == "2026-W08"
    row = form.rows[0]
    row.current.value = "2.950"
    row.texts["problems"].value = "Quảng cáo mang về nhiều lead không đạt chuẩn"
    answer = saved(folder, ns)
    assert answer["week"] == "2026-W08"
    assert answer["checkins"][0]["current"] == 2950
    assert answer["checkins"][0]["problems"].startswith("Quảng cáo")
    assert_clean(form)
    table = visible(form.summary.value)
    assert "Dự báo cuối quý" in table and "lệch hướng" in table
    assert "3.169 lead" in table  # 2600 + (2950 - 2600) × 13/8, written the Vietnamese way
    # the other key results have no value typed this week: their last one is a hint, never a value or a 0
    last = show_number(LAST_WEEK["M1.KR3"], "vi")   # week 7 of the sample log, not the quarter's end
    assert form.rows[2].current.value == "" and form.rows[2].current.placeholder == f"lần trước: {last}"
    assert f"{last} đồng" not in table and " 0 đồng" not in table
    again, _ = build("ex05_checkin", folder)
    assert again["form"].rows[0].current.value == "2.950"


def test_ex07_saves_a_choice(folder):
    """ex07: picking an answer saves it."""
    ns, _ = build("ex07_kpi_bsc", folder)
    form = ns["form"]
    qid, field = next(iter(form.inputs.items()))
    field.value = field.options[1][1]
    assert saved(folder, ns)[qid] == field.options[1][1]
    assert_clean(form)


def test_survey_saves_ratings_and_open_answers(folder):
    """The survey: a rating chosen and an open answer typed are saved; reopened, both are back; the rubric sees them."""
    from okrkit.rubric import load_rubric

    ns, _ = build("survey", folder)
    form = ns["form"]
    assert "hoàn toàn đồng ý" in str(form.inputs["useful"].options)
    form.inputs["useful"].value = "4"
    form.inputs["most_useful"].value = "Cách tính ngược phễu từ doanh thu"
    answer = saved(folder, ns)
    assert answer["useful"] == "4" and answer["most_useful"] == "Cách tính ngược phễu từ doanh thu"
    assert answer["change"] == "" and answer["pace"] is None
    assert_clean(form)
    assert "2/7" in form.progress.value
    result = load_rubric("survey").grade(answer, lang="vi")
    assert [c.passed for c in result.checks] == [False, True, False]
    again, _ = build("survey", folder)
    assert again["form"].inputs["useful"].value == "4"
    assert again["form"].inputs["most_useful"].value == "Cách tính ngược phễu từ doanh thu"
    assert "Đã nạp lại" in again["form"].status.value


def test_quiz_saves_a_figure_as_typed(folder):
    """The pre-course quiz: a figure typed the Vietnamese way is saved as typed and read by the rubric."""
    from okrkit.rubric import load_rubric

    ns, _ = build("quiz_pre", folder)
    form = ns["form"]
    form.inputs["funnel_leads"].value = "2.000"
    form.inputs["ppp"].value = "problems"
    answer = saved(folder, ns)
    assert answer["funnel_leads"] == "2.000"
    assert load_rubric("quiz_pre").grade(answer).score == 2
    assert_clean(form)
