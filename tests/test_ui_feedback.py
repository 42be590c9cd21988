"""Check my answer, record for the grader, offline charts."""

from __future__ import annotations

import sys
import types

from okrkit import ui
from okrkit.answers import MIMETYPE
from okrkit.rubric import Check, Rubric


def test_check_without_a_rubric_is_a_message(capsys):
    """An exercise without a rubric gives a clear message and no exception."""
    assert ui.check("ex98_nothing", {}, lang="vi") is None


def test_check_button_grades_with_the_rubric(tmp_path, monkeypatch):
    """The button runs the exercise's rubric on the form's answer and shows the feedback."""
    module = types.ModuleType("okrkit.rubrics.ex97_demo")
    module.RUBRIC = Rubric("ex97_demo", (Check("has-text", 1, lambda a: bool(a["objectives"][0]["text"]),
                                                {"en": "Write an objective.", "vi": "Hãy viết mục tiêu."}),))
    monkeypatch.setitem(sys.modules, "okrkit.rubrics.ex97_demo", module)
    form = ui.okr_builder("ex97_demo", answers_path=tmp_path / "a.json", lang="vi")
    button = ui.check_button("ex97_demo", form, lang="vi")
    assert button.button.description == "Kiểm tra bài làm"
    button.button.click()
    assert "Hãy viết mục tiêu." in button.output.value and "0 / 1" in button.output.value
    form.blocks[0].text.value = "Có"
    assert button.run().score == 1.0
    result = ui.check("ex97_demo", form.answer, lang="en")
    assert result.score == 1.0


def test_check_button_without_rubric(tmp_path):
    """A missing rubric is a message under the button."""
    button = ui.check_button("ex98_nothing", dict, lang="en")
    button.button.click()
    assert "no automatic check" in button.output.value


def test_record_displays_the_grader_mimetype():
    """record() returns the bundle with the answers mimetype and a short text."""
    bundle = ui.record("ex01_sales_okr", {"objectives": [{"id": "O1", "text": "x", "key_results": [{}, {}]}]})
    assert bundle[MIMETYPE]["exercise"] == "ex01_sales_okr"
    assert "1 objective(s), 2 key result(s)" in bundle["text/plain"]


def test_offline_charts_never_use_a_cdn():
    """enable_offline_charts picks a renderer that needs no internet: what it puts on the page loads nothing."""
    import re

    import altair as alt

    assert ui.enable_offline_charts() in ("okrkit", "svg")
    chart = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q")
    bundle = alt.renderers.get()(chart.to_dict())
    html = " ".join(str(v) for v in (bundle[0] if isinstance(bundle, tuple) else bundle).values())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), html[:500]

