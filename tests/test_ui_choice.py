"""The choice form: dropdowns and checkboxes for classification questions."""

from __future__ import annotations

import pytest

from okrkit import ui

QUESTIONS = [
    {"id": "nps", "text": {"en": "NPS belongs to which BSC perspective?", "vi": "NPS thuộc khía cạnh BSC nào?"},
     "options": ["financial", {"value": "customer", "label": {"en": "customer", "vi": "khách hàng"}}]},
    {"id": "funnel", "text": "Which KPIs measure acquisition?", "options": ["traffic", "leads", "churn"],
     "multiple": True},
]


def test_choices_are_saved_and_come_back(tmp_path):
    """A dropdown choice and ticked boxes are saved at once and pre-filled again."""
    form = ui.choice_form("ex07_kpi_bsc", questions=QUESTIONS, answers_path=tmp_path / "q.json", lang="vi")
    form.inputs["nps"].value = "customer"
    form.inputs["funnel"].children[0].value = True
    form.inputs["funnel"].children[1].value = True
    assert form.answer == {"nps": "customer", "funnel": ["traffic", "leads"]}
    again = ui.choice_form("ex07_kpi_bsc", questions=QUESTIONS, answers_path=tmp_path / "q.json", lang="en")
    assert again.answer == form.answer
    assert ("khách hàng", "customer") in form.inputs["nps"].options


def test_questions_need_ids():
    """Questions without distinct ids are refused with a clear error."""
    from okrkit.errors import InputError

    with pytest.raises(InputError, match="own id"):
        ui.choice_form("ex07_kpi_bsc", questions=[{"text": "a", "options": ["x"]}] * 2)
