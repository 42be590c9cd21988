"""Judgement questions: one choice among plausible options, each wrong option with its own feedback.

A question is built by a function of the sample company (so that its numbers are
computed, never typed in) and returns a :class:`Judgement`: the question as the
choice form shows it, the right option, and for every option the reason a
participant reads after choosing it.  :func:`check` turns it into a rubric
:class:`~okrkit.rubric.Check` whose id is the question's id; :func:`section`
reads the answers a form saves under ``"questions"``.

>>> j = Judgement("q", {"en": "2 + 2?", "vi": "2 + 2?"}, "four",
...               {"four": ({"en": "4", "vi": "4"}, {"en": "Right.", "vi": "Đúng."}),
...                "five": ({"en": "5", "vi": "5"}, {"en": "One too many.", "vi": "Thừa một."})},
...               {"en": "Adding", "vi": "Phép cộng"})
>>> c = check(lambda: j, "q", j.title, read=lambda a: a)
>>> c.test({"q": "five"})
(False, {'en': 'One too many.', 'vi': 'Thừa một.'})
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..rubric import Check

NOT_ANSWERED = {"en": "No option chosen yet.", "vi": "Chưa chọn phương án nào."}


@dataclass(frozen=True)
class Judgement:
    """A question, its right option and, for each option, its label and the reason shown once it is chosen."""

    id: str
    text: dict[str, str]
    right: str
    options: dict[str, tuple[dict[str, str], dict[str, str]]]  # value -> (label, why)
    title: dict[str, str]

    @property
    def question(self) -> dict:
        """The question as :func:`okrkit.ui.choice_form` and the forms' question sections take it."""
        return {"id": self.id, "text": dict(self.text),
                "options": [{"value": v, "label": dict(label)} for v, (label, _why) in self.options.items()]}


def section(answer: dict) -> dict:
    """The ``{question id: option}`` a form saved under ``"questions"`` (``{}`` when missing)."""
    got = answer.get("questions") if isinstance(answer, dict) else None
    return got if isinstance(got, dict) else {}


def check(make: Callable[[], Judgement], qid: str, title: dict[str, str], *,
          read: Callable[[dict], dict] = section, points: float = 1) -> Check:
    """The rubric check ``qid`` of the question ``make()`` builds: passed on the right option, each wrong one explained.

    ``make`` runs only when an answer is graded (its figures come from the sample company).
    """
    def test(answer):
        j = make()
        got = read(answer).get(j.id)
        if got == j.right:
            return True, j.options[got][1]
        if got in j.options:
            return False, j.options[got][1]
        return False, NOT_ANSWERED

    return Check(qid, points, test, {"en": "Not yet.", "vi": "Chưa đúng."}, praise={"en": "", "vi": ""},
                 title=dict(title))
