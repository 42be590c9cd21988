"""The check-in form: Plan / Progress / Problems, current value and confidence for each KR."""

from __future__ import annotations

from okrkit import ui


def test_checkin_saves_and_comes_back(tmp_path):
    """Each field is saved; a second form shows it again."""
    form = ui.checkin_form("ex05_checkin", answers_path=tmp_path / "k.json", lang="vi")
    row = form.rows[0]
    row.texts["plan"].value = "Chạy 2 hội thảo online"
    row.texts["problems"].value = "Thiếu người viết nội dung"
    row.current.value = "3.500"
    row.confidence.value = 7
    again = ui.checkin_form("ex05_checkin", answers_path=tmp_path / "k.json")
    c = again.answer["checkins"][0]
    assert (c["kr"], c["plan"], c["current"], c["confidence"]) == ("M1.KR1", "Chạy 2 hội thảo online", 3500, 7)


def test_checkin_on_given_okrs(tmp_path, company):
    """okrs= picks the key results to check in on; the summary shows their progress."""
    form = ui.checkin_form("ex05_checkin", answers_path=tmp_path / "k.json", okrs=company.objective("S1"))
    assert [r.kr.id for r in form.rows] == ["S1.KR1", "S1.KR2", "S1.KR3"]
    assert "S1.KR1" in form.summary.value


def test_bad_current_value_is_marked(tmp_path):
    """Text in the current value is kept and marked beside the field."""
    form = ui.checkin_form("ex05_checkin", answers_path=tmp_path / "k.json", lang="en")
    form.rows[0].current.value = "lots"
    assert form.answer["checkins"][0]["current"] == "lots"
    assert "not a number" in form.rows[0].current_error.value
