"""The sales-review form (ex06) and the quarter-scoring form (ex08), built exactly as their exercise notebooks build them.

Each test executes the exercise notebook's own code cells, with its own
parameters (``grading = False``), in a temporary folder, then changes fields
through the widgets' traits as the browser does, and reads the answers file.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from okrkit.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[1]


def run_exercise(exercise: str, folder: Path, monkeypatch) -> dict:
    """Run every code cell of ``exercises/<exercise>.ipynb`` in ``folder``; the notebook's namespace."""
    nb = nbformat.read(ROOT / "exercises" / f"{exercise}.ipynb", as_version=4)
    monkeypatch.chdir(folder)
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, f"<{exercise} cell {cell.id}>", "exec"), namespace)  # noqa: S102
    assert namespace["grading"] is False and namespace["answers_path"].startswith("answers/")
    return namespace


def saved(folder: Path, exercise: str) -> dict:
    return json.loads((folder / "answers" / f"{exercise}.json").read_text(encoding="utf-8"))["answer"]


def no_warning(form) -> None:
    assert "okrkit-warn" not in form.status.value and "⚠" not in form.status.value, form.status.value


def test_sales_review_form_saves_each_answer(tmp_path, monkeypatch):
    """ex06: every field typed, chosen or ticked is in answers/ex06_sales_review.json at once, with no warning."""
    ns = run_exercise("ex06_sales_review", tmp_path, monkeypatch)
    form = ns["form"]
    no_warning(form)
    assert not (tmp_path / "answers" / "ex06_sales_review.json").exists()  # nothing saved before a change
    assert "Tổng cộng" in form.reps_table.value and "Đặng Ngọc Mai" in form.reps_table.value
    assert "R06" not in form.reps_table.value  # names, not ids

    form.team.value = "78,5%"
    assert saved(tmp_path, "ex06_sales_review")["team_achieved"] == pytest.approx(0.785)
    assert "78,5%" in form.team_note.value
    no_warning(form)

    form.lowest.value = "R06"
    form.line.value = "Đào tạo"
    assert "Bình Dương" in form.region_table.value  # the drill-down opens on the chosen line
    form.region.value = "Bình Dương"
    assert "Huỳnh Kim Ngân" in form.rep_table.value
    form.rep.value = "R08"
    for cid in ("KH0021", "KH0082", "KH0191", "KH0081", "KH0054"):
        next(cb for cb in form.boxes if cb._okrkit_value == cid).value = True
    assert "5/5" in form.call_note.value
    form.action.value = ("Trước ngày 5/4 chị Đặng Ngọc Mai gọi lại Shop Minh Anh và Chuỗi Sao Việt, "
                         "chị Huỳnh Kim Ngân gặp khách Đào tạo ở Bình Dương.")
    # lesson 7's judgement questions: a wrong choice is saved and explained, then the right one
    plan = form.judgements.inputs["monthly-plan"]
    assert "Đặng Ngọc Mai" in form.judgements.titles["monthly-plan"].value
    plan.value = "target"
    assert saved(tmp_path, "ex06_sales_review")["questions"]["monthly-plan"] == "target"
    wrong = ns["ui"].check_button("ex06_sales_review", form, lang="vi").run()
    assert "danh sách khách hàng" in next(c.feedback for c in wrong.checks if c.id == "monthly-plan")
    for qid, value in (("monthly-plan", "stages"), ("cross-sell", "survey"), ("ask-or-look", "shared-view"),
                       ("customer-layers", "layers")):
        form.judgements.inputs[qid].value = value
    answer = saved(tmp_path, "ex06_sales_review")
    assert answer == form.answer
    assert answer["falling_rep"] == "R08" and sorted(answer["call_first"]) == sorted(
        ["KH0021", "KH0082", "KH0191", "KH0081", "KH0054"])
    no_warning(form)
    result = ns["ui"].check_button("ex06_sales_review", form, lang="vi").run()
    assert result.score == result.max_score, repr(result)

    # a participant's mistake is a message beside the field, and what they typed is kept
    form.team.value = "khoảng tám mươi"
    assert saved(tmp_path, "ex06_sales_review")["team_achieved"] == "khoảng tám mươi"
    assert "không phải là số" in form.team_note.value

    # reopening the notebook pre-fills every field
    again = run_exercise("ex06_sales_review", tmp_path, monkeypatch)["form"]
    assert again.answer == saved(tmp_path, "ex06_sales_review")
    assert again.team.value == "khoảng tám mươi" and again.rep.value == "R08"
    assert again.judgements.inputs["cross-sell"].value == "survey"


def test_quarter_form_saves_each_answer(tmp_path, monkeypatch):
    """ex08: scores typed the Vietnamese way, bands, judgements, ticks and the retro are saved at once."""
    ns = run_exercise("ex08_score_quarter", tmp_path, monkeypatch)
    form = ns["form"]
    no_warning(form)
    s1 = form.blocks["S1"]
    assert "OKR mở rộng" in s1.heading.value and "OKR cam kết" in form.blocks["M1"].heading.value
    assert "8,4 tỷ đồng" in s1.kr_cells[0].value and "0,46" in s1.kr_cells[0].value

    s1.score.value = "0,49"
    assert saved(tmp_path, "ex08_score_quarter")["scores"]["S1"] == pytest.approx(0.49)
    assert "0,49" in s1.score_note.value
    s1.band.value = "yellow"
    s1.meets.value = "no"
    form.blocks["S2"].rewrite["S2.KR3"].value = True
    form.dept_scores["Kinh doanh"].value = "65%"
    form.gap.value = "M1"
    form.retro.value = "M1 hụt vì lead ít; quý sau sẽ check-in hằng tuần."
    # lessons 5 and 8's judgement questions, each option explained in the grader's feedback
    assert "1,10" in form.judgements.titles["payout-curve"].value
    form.judgements.inputs["payout-curve"].value = "same-slope"
    form.judgements.inputs["calibration"].value = "over"
    answer = saved(tmp_path, "ex08_score_quarter")
    assert answer["questions"]["payout-curve"] == "same-slope" and answer["questions"]["calibration"] == "over"
    graded = {c.id: c for c in load_rubric("ex08_score_quarter").grade(answer, lang="vi").checks}
    assert not graded["payout-curve"].passed and "33%" in graded["payout-curve"].feedback
    assert graded["calibration"].passed and graded["calibration"].feedback.startswith("Đúng")
    assert answer == form.answer
    assert answer["bands"]["S1"] == "yellow" and answer["meets"]["S1"] == "no"
    assert answer["unscorable_krs"] == ["S2.KR3"] and answer["biggest_gap"] == "M1"
    assert answer["department_scores"]["Kinh doanh"] == pytest.approx(0.65)
    no_warning(form)
    result = load_rubric("ex08_score_quarter").grade(answer, lang="vi")
    assert {c.id for c in result.checks if c.passed} >= {"biggest-gap"}

    form.set_lang("en")
    assert "aspirational OKR" in s1.heading.value and "8.4 billion VND" in s1.kr_cells[0].value
    assert "1.10" in form.judgements.titles["payout-curve"].value
    assert form.judgements.inputs["payout-curve"].value == "same-slope"
    assert saved(tmp_path, "ex08_score_quarter") == answer  # switching language changes no answer

    again = run_exercise("ex08_score_quarter", tmp_path, monkeypatch)["form"]
    assert again.answer == answer


def test_answer_is_saved_before_feedback_can_fail(tmp_path, monkeypatch):
    """A bug in the tables or notes costs no keystroke: the answer is on disk first, one line says a part failed."""
    for exercise, change in (("ex06_sales_review", lambda f: setattr(f.team, "value", "0,785")),
                             ("ex08_score_quarter", lambda f: setattr(f.blocks["M1"].score, "value", "0,43"))):
        folder = tmp_path / exercise
        folder.mkdir()
        form = run_exercise(exercise, folder, monkeypatch)["form"]

        def broken():
            raise RuntimeError("chart engine down")
        monkeypatch.setattr(form, "refresh", broken)
        change(form)
        answer = saved(folder, exercise)
        assert answer.get("team_achieved", answer.get("scores", {}).get("M1")) == pytest.approx(0.785 if "06" in exercise
                                                                                                  else 0.43)
        assert "okrkit-warn" not in form.status.value and "Đã lưu" in form.status.value
        assert "okrkit-warn" in form.trouble.value and "vẫn đã được lưu" in form.trouble.value
