"""The cascade table: parameters in, explained targets out, bad rates marked in place."""

from __future__ import annotations

import pytest

from okrkit import ui


@pytest.fixture
def table(tmp_path):
    """A cascade table on the sample cascade, in Vietnamese."""
    return ui.cascade_table("ex03_cascade", answers_path=tmp_path / "c.json", lang="vi")


def test_targets_follow_the_parameters(table):
    """A lower win rate needs more opportunities and more leads."""
    assert table.answer["targets"]["opportunities"] == 2400
    table.fields[("rates", "win_rate")].value = "20%"
    assert table.answer["targets"]["opportunities"] == 3000
    assert "data-value='3000'" in table.table.value
    assert table.store.load().answer["rates"]["win_rate"] == 0.2


@pytest.mark.parametrize("bad", ["0%", "0", "150%", "abc"], ids=["zero", "zero-no-percent", "above-100", "text"])
def test_a_bad_rate_is_marked_beside_its_field(table, bad):
    """A rate of 0 or above 100% is marked with the message; targets keep the last good values."""
    field = table.fields[("rates", "win_rate")]
    field.value = bad
    err = table.errors[("rates", "win_rate")].value
    assert "không phải tỷ lệ" in err and "okrkit-flagged" in field._dom_classes
    assert table.answer["targets"]["opportunities"] == 2400
    assert table.answer["rates"]["win_rate"] == bad  # kept as typed: nothing is lost
    assert "okrkit-warn" in table.note.value


def test_explanations_in_both_languages(table):
    """Each target says why, in the form's language."""
    assert "làm tròn lên" in table.table.value
    table.set_lang("en")
    assert "rounded up" in table.table.value


def test_reopening_keeps_even_a_bad_value(table):
    """A bad value typed last is back (and still marked) after reopening."""
    table.fields[("amounts", "deal_size")].value = "-5"
    again = ui.cascade_table("ex03_cascade", answers_path=table.path, lang="en")
    assert again.fields[("amounts", "deal_size")].value == "-5"
    assert "not an amount" in again.errors[("amounts", "deal_size")].value
