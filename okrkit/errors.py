"""The kit's exceptions: one base class, fields a program can read, one line for a person.

Every mistake a user can make with their own input (a file, a parameter, a
widget value) is raised as an :class:`OkrkitError` subclass.  The command line
turns it into one line on stderr and exit status 2; notebooks show the same line.
"""

from __future__ import annotations


class OkrkitError(Exception):
    """Base class of every error the kit raises on purpose.

    Parameters
    ----------
    what : str
        What is wrong, in course words.
    file : str, optional
        The file the problem is in.
    where : str, optional
        Where in that file: a field path (``objectives[0].key_results[1].target``),
        or ``row 3, column target``, or ``sheet okrs, row 3, column target``.
    hint : str, optional
        What to do next.
    """

    def __init__(self, what: str, *, file: str | None = None, where: str | None = None,
                 hint: str | None = None):
        self.what = what
        self.file = None if file is None else str(file)
        self.where = where
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        """The error as one line: ``file: where: what — hint``."""
        parts = [p for p in (self.file, self.where) if p]
        head = ": ".join(parts)
        text = f"{head}: {self.what}" if head else self.what
        if self.hint:
            text += f" — {self.hint}"
        return " ".join(text.split())  # one line, always

    def to_dict(self) -> dict:
        return {"file": self.file, "where": self.where, "what": self.what, "hint": self.hint,
                "message": self.line()}


class InputError(OkrkitError, ValueError):
    """A user's file or value cannot be used as given."""


class WeightError(InputError):
    """Weights that are negative, missing, or do not sum to 1."""


class RateError(InputError):
    """A funnel rate outside (0, 1]."""


class ProblemList(InputError):
    """Several input problems found at once (a manager's file is checked whole).

    ``problems`` holds every :class:`OkrkitError`; the message is the first one
    plus a count, and :meth:`lines` gives them all.
    """

    def __init__(self, problems: list[OkrkitError]):
        if not problems:
            raise ValueError("ProblemList needs at least one problem")
        self.problems = list(problems)
        first = self.problems[0]
        more = len(self.problems) - 1
        what = first.what + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
        super().__init__(what, file=first.file, where=first.where, hint=first.hint)

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]
