"""The kit's exceptions: one base class, fields a program can read, one line for a person.

Every mistake a user can make with their own input (a file, a parameter, a
widget value) is raised as an :class:`OkrkitError` subclass.  The command line
turns it into one line on stderr and exit status 2; notebooks show the same line.

A message may be given in both languages: ``what`` and ``hint`` are plain text
or ``{"en": ..., "vi": ...}``; :meth:`OkrkitError.line` renders the chosen
language.  A problem in a table carries ``sheet``, ``row`` and ``column`` (the
column as the file names it) so that a program can read where it is.

Examples
--------
>>> e = InputError({"en": "is empty", "vi": "đang trống"}, file="kpi.xlsx", sheet="KPI", row=4, column="Trọng số",
...                hint={"en": "fill in the weight", "vi": "điền trọng số"})
>>> e.line("vi")
'kpi.xlsx: trang tính KPI, dòng 4, cột Trọng số: đang trống — điền trọng số'
>>> e.line("en")
'kpi.xlsx: sheet KPI, row 4, column Trọng số: is empty — fill in the weight'
"""

from __future__ import annotations

import os

Text = str | dict   # plain text, or {"en": ..., "vi": ...}

_WHERE_WORDS = {"en": ("sheet", "row", "column", "cell"), "vi": ("trang tính", "dòng", "cột", "ô")}


def _lang(lang: str | None) -> str:
    chosen = (lang or os.environ.get("OKRKIT_LANG") or "en").strip().lower()
    return chosen if chosen in _WHERE_WORDS else "en"


def pick(text: Text | None, lang: str | None = None) -> str | None:
    """``text`` in ``lang`` (a plain string is the same in every language)."""
    if text is None or isinstance(text, str):
        return text
    return text.get(_lang(lang)) or text.get("en") or next(iter(text.values()), "")


def place(sheet: str | None = None, row: int | None = None, column: str | None = None, *,
          cell: str | None = None, lang: str | None = None) -> str:
    """``sheet S, row N, column C`` in ``lang`` (parts left out when unknown)."""
    w_sheet, w_row, w_col, w_cell = _WHERE_WORDS[_lang(lang)]
    parts = []
    if sheet:
        parts.append(f"{w_sheet} {sheet}")
    if row is not None:
        parts.append(f"{w_row} {row}")
    if column:
        parts.append(f"{w_col} {column}")
    if cell:
        parts.append(f"{w_cell} {cell}")
    return ", ".join(parts)


class OkrkitError(Exception):
    """Base class of every error the kit raises on purpose.

    Parameters
    ----------
    what : str or dict
        What is wrong, in course words (``{"en", "vi"}`` for both languages).
    file : str, optional
        The file the problem is in.
    where : str, optional
        Where in that file, as free text: a field path
        (``objectives[0].key_results[1].target``) or ``row 3, column target``.
        Left out when ``sheet``/``row``/``column`` are given (it is built from them).
    hint : str or dict, optional
        What to do next.
    sheet, row, column : optional
        Where in a table: the sheet's name, the row number a person sees in
        Excel, the column's header as written in the file.
    """

    def __init__(self, what: Text, *, file: str | None = None, where: str | None = None,
                 hint: Text | None = None, sheet: str | None = None, row: int | None = None,
                 column: str | None = None, cell: str | None = None):
        self.texts = what if isinstance(what, dict) else None
        self.hints = hint if isinstance(hint, dict) else None
        self.what = pick(what, "en")
        self.hint = pick(hint, "en")
        self.file = None if file is None else str(file)
        self.sheet = sheet
        self.row = None if row is None else int(row)
        self.column = None if column is None else str(column)
        self.cell = cell
        self._where = where
        super().__init__(self.line("en"))

    @property
    def where(self) -> str | None:
        """Where the problem is, in English (``sheet S, row N, column C``)."""
        return self.where_in("en")

    def where_in(self, lang: str | None = None) -> str | None:
        if self._where is not None:
            return self._where
        return place(self.sheet, self.row, self.column, cell=self.cell, lang=lang) or None

    def what_in(self, lang: str | None = None) -> str:
        return pick(self.texts, lang) if self.texts else self.what

    def hint_in(self, lang: str | None = None) -> str | None:
        return pick(self.hints, lang) if self.hints else self.hint

    def line(self, lang: str | None = None) -> str:
        """The error as one line: ``file: where: what — hint`` (in ``lang``)."""
        parts = [p for p in (self.file, self.where_in(lang)) if p]
        head = ": ".join(parts)
        what = self.what_in(lang)
        text = f"{head}: {what}" if head else what
        hint = self.hint_in(lang)
        if hint:
            text += f" — {hint}"
        return " ".join(text.split())  # one line, always

    def to_dict(self, lang: str | None = None) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "where": self.where_in(lang), "what": self.what_in(lang), "hint": self.hint_in(lang),
                "message": self.line(lang)}


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
        what = {"en": first.what_in("en") + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""),
                "vi": first.what_in("vi") + (f" (và {more} vấn đề khác)" if more else "")}
        hint = {"en": first.hint_in("en"), "vi": first.hint_in("vi")} if first.hint else None
        super().__init__(what, file=first.file, where=first._where, hint=hint, sheet=first.sheet,
                         row=first.row, column=first.column, cell=first.cell)

    def lines(self, lang: str | None = None) -> list[str]:
        return [p.line(lang) for p in self.problems]

    def frame(self, lang: str | None = None):
        """Every problem as a table (file, sheet, row, column, what, what to do), headings in ``lang``."""
        import pandas as pd

        lang = _lang(lang)
        heads = (("file", "tệp"), ("sheet", "trang tính"), ("row", "dòng"), ("column", "cột"),
                 ("problem", "vấn đề"), ("what to do", "cách sửa"))
        k = 1 if lang == "vi" else 0
        rows = []
        for p in self.problems:
            rows.append({heads[0][k]: os.path.basename(p.file) if p.file else "", heads[1][k]: p.sheet or "",
                         heads[2][k]: "" if p.row is None else p.row,
                         heads[3][k]: p.column or ("" if p.sheet or p.row else (p._where or "")),
                         heads[4][k]: p.what_in(lang), heads[5][k]: p.hint_in(lang) or ""})
        return pd.DataFrame(rows)


class FilesRefused(InputError):
    """A notebook run stopped because the manager's files have problems (the table of them is shown above).

    Raised by the planning notebook after it displays every problem; in a
    notebook it shows as one line, not a traceback, and a papermill run ends
    with exit status 1 and this line as its last message.
    """

    def __init__(self, error: OkrkitError, *, lang: str | None = None):
        self.error = error
        n = len(getattr(error, "problems", [error]))
        self.count = n
        self.lang = _lang(lang)
        super().__init__({"en": f"stopped: {n} problem(s) in your files — fix them (see the table above) and run again",
                          "vi": f"dừng lại: có {n} lỗi trong file của bạn — sửa theo bảng ở trên rồi chạy lại"})

    def __str__(self) -> str:
        return self.line(self.lang)

    def _render_traceback_(self) -> list[str]:   # IPython shows these lines instead of a traceback
        return [self.line(self.lang)]


def problem_table(error: OkrkitError, lang: str | None = None):
    """Every problem of ``error`` as a table (file, sheet, row, column, problem, what to do) in ``lang``."""
    return (error if isinstance(error, ProblemList) else ProblemList([error])).frame(lang)
