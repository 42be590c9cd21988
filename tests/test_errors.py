"""Errors carry fields a program can read and one line a person can."""

from __future__ import annotations

import pytest

from okrkit.errors import InputError, OkrkitError, ProblemList, WeightError


def test_line_is_one_line_with_file_where_what_hint():
    """The message reads file: where: what — hint, on one line."""
    err = InputError("weights sum to 0.90,\nnot 1.00", file="c.yaml", where="departments[0]", hint="call ok.normalize")
    assert err.line() == "c.yaml: departments[0]: weights sum to 0.90, not 1.00 — call ok.normalize"
    assert str(err) == err.line()
    assert err.to_dict()["where"] == "departments[0]"


def test_errors_also_subclass_builtins():
    """Kit errors can be caught as ValueError too."""
    assert issubclass(WeightError, ValueError) and issubclass(WeightError, OkrkitError)


def test_problem_list_keeps_every_problem():
    """A ProblemList reports all problems, not only the first."""
    probs = [InputError("bad", file="a.csv", where=f"row {i}") for i in (2, 5, 9)]
    err = ProblemList(probs)
    assert len(err.lines()) == 3 and "2 more problems" in str(err)
    with pytest.raises(ValueError):
        ProblemList([])
