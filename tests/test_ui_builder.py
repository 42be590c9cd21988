"""The OKR builder: OKR-file answers, numbers in Vietnamese, rows, feedback and score preview."""

from __future__ import annotations

from okrkit import ui
from okrkit.files import okrs_from_data


def fill_good(form):
    b = form.blocks[0]
    b.text.value = "Doanh thu vượt mức đỉnh cao"
    b.owner.value = "Kinh doanh"
    b.type.value = "aspirational"
    b.parent.value = "C1"
    rows = [("Đạt doanh thu 8,4 tỷ đồng từ khách hàng mới", "6 tỷ", "8,4 tỷ", "7,1 tỷ", "VND", "50%"),
            ("Đạt 120 khách hàng hợp đồng từ 30 triệu", "70", "120", "96", "khách hàng", "30%"),
            ("Tỷ lệ chốt từ cơ hội lên 25%", "19", "25", "22", "%", "20%")]
    for row, (text, base, target, current, unit, weight) in zip(b.rows, rows):
        row.text.value = text
        row.fields["baseline"].value = base
        row.fields["target"].value = target
        row.fields["current"].value = current
        row.fields["unit"].value = unit
        row.fields["weight"].value = weight


def test_answer_is_an_okr_file(tmp_path):
    """form.answer reads back with okrs_from_data, numbers parsed from Vietnamese text."""
    form = ui.okr_builder("ex01_sales_okr", answers_path=tmp_path / "a.json", lang="vi")
    fill_good(form)
    okrs = okrs_from_data(form.answer)
    obj = okrs.objectives[0]
    assert (obj.id, obj.type, obj.parent, obj.owner) == ("O1", "aspirational", "C1", "Kinh doanh")
    kr = obj.key_results[0]
    assert (kr.id, kr.baseline, kr.target, kr.current, kr.weight) == ("O1.KR1", 6e9, 8.4e9, 7.1e9, 0.5)


def test_score_preview_follows_the_numbers(tmp_path):
    """The preview shows the weighted score of the KRs typed so far."""
    form = ui.okr_builder("ex01_sales_okr", answers_path=tmp_path / "a.json", lang="en")
    fill_good(form)
    assert "data-score='0.49'" in form.blocks[0].preview.value
    assert "Key result 1" in form.blocks[0].preview.value or "Kết quả then chốt 1" in form.blocks[0].preview.value
    assert ">O1.KR1<" not in form.blocks[0].preview.value  # rows named as the form names them, not by id


def test_text_in_a_number_field_is_kept_and_marked(tmp_path):
    """'tám trăm' in a target is saved as typed and marked beside the field, in the form's language."""
    form = ui.okr_builder("ex01_sales_okr", answers_path=tmp_path / "a.json", lang="vi")
    form.blocks[0].rows[0].text.value = "Doanh thu"
    form.blocks[0].rows[0].fields["target"].value = "tám trăm"
    assert form.answer["objectives"][0]["key_results"][0]["target"] == "tám trăm"
    assert "không phải là số" in form.blocks[0].rows[0].errors["target"].value
    assert "okrkit-flagged" in form.blocks[0].rows[0].fields["target"]._dom_classes


def test_rows_can_be_added_up_to_five_and_removed(tmp_path):
    """Add stops at five rows; removing shifts the rows up and keeps ids by position."""
    form = ui.okr_builder("ex01_sales_okr", answers_path=tmp_path / "a.json")
    block = form.blocks[0]
    assert len(block.rows) == 3
    block.add.click()
    block.add.click()
    assert len(block.rows) == 5 and block.add.disabled
    for i, row in enumerate(block.rows):
        row.text.value = f"KR {i}"
    block.rows[1].remove.click()
    texts = [kr["text"] for kr in form.answer["objectives"][0]["key_results"]]
    ids = [kr["id"] for kr in form.answer["objectives"][0]["key_results"]]
    assert texts == ["KR 0", "KR 2", "KR 3", "KR 4"] and ids == ["O1.KR1", "O1.KR2", "O1.KR3", "O1.KR4"]


def test_two_objectives_have_their_own_classes(tmp_path):
    """objectives=2 builds two blocks; the second one's fields carry '-1-' classes."""
    form = ui.okr_builder("ex02_marketing_okrs", answers_path=tmp_path / "a.json", objectives=2)
    assert len(form.blocks) == 2
    assert "okrkit-kr-text-1-0" in form.blocks[1].rows[0].text._dom_classes
    assert "okrkit-kr-text-0" in form.blocks[0].rows[0].text._dom_classes


def test_lint_findings_go_beside_their_field(tmp_path, monkeypatch):
    """A finding for a KR id shows in that KR's feedback; an objective finding in the objective's."""
    from types import SimpleNamespace

    from okrkit.ui import builder

    def fake(okrs, lang):
        return [SimpleNamespace(rule="kr-no-number", severity="warning", where="O1.KR2", field="text",
                                message={"en": "no number", "vi": "không có số"}, source=None),
                SimpleNamespace(rule="obj-too-short", severity="info", where="O1", field="text",
                                message={"en": "short", "vi": "ngắn"}, source="Doerr")]
    monkeypatch.setattr(builder, "lint_findings", fake)
    form = ui.okr_builder("ex01_sales_okr", answers_path=tmp_path / "a.json", lang="vi")
    form.blocks[0].text.value = "Tốt"
    form.blocks[0].rows[1].text.value = "Làm tốt hơn"
    assert "okrkit-rule-kr-no-number" in form.blocks[0].rows[1].feedback.value
    assert "không có số" in form.blocks[0].rows[1].feedback.value
    assert form.blocks[0].rows[0].feedback.value == ""
    assert "okrkit-rule-obj-too-short" in form.blocks[0].feedback.value
    assert "okrkit-flagged" in form.blocks[0].rows[1].text._dom_classes
