"""A manager's tables (CSV or XLSX) read whole, with every problem listed at once.

A :class:`Schema` names a table's columns, their kind (text, number, date, …),
which are required, a description and an example row; the same schema reads a
file, writes its template and documents it.  :func:`read_frame` returns a
:class:`Table`: a pandas frame of the rows used, indexed by the row number a
person sees in Excel (the header is row 1), plus how many rows came in, how
many were blank and how many were used.  Problems (a missing or unknown column,
text in a number cell, a date that is not a date, a duplicate id, …) are
appended to a list — one :class:`~okrkit.errors.InputError` each, naming file,
sheet, row and column and what to do — so a caller can check several tables and
raise one :class:`~okrkit.errors.ProblemList` at the end.

Nothing is dropped silently: a row is used, or blank (counted), or has a problem.

pandas and numpy are imported inside the functions that need them.

Examples
--------
>>> from okrkit.tables import Column, Schema
>>> s = Schema("reps", (Column("rep_id", "id", example="R01"), Column("name", "text", example="Lan")))
>>> s.names
('rep_id', 'name')
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import InputError, OkrkitError, ProblemList
from .quantity import parse_number

KINDS = ("id", "text", "number", "int", "date", "month", "choice", "bool")
# At most this many lines per (column, kind of problem); the rest are counted in one line.
MAX_LINES_PER_PROBLEM = 20


@dataclass(frozen=True)
class Column:
    """One column of a manager's table.

    ``kind``: ``id`` and ``text`` (text), ``number`` (``1.500.000``, ``2,5 tỷ``),
    ``int``, ``date`` (``2026-03-31``, ``31/03/2026``), ``month`` (``2026-03``,
    ``03/2026``), ``choice`` (one of ``choices``; ``aliases`` maps other spellings),
    ``bool`` (yes/no, có/không).
    """

    name: str
    kind: str = "text"
    required: bool = True
    en: str = ""
    vi: str = ""
    example: Any = ""
    choices: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()   # (spelling, canonical choice)
    headers: tuple[str, ...] = ()               # other header names accepted
    min: float | None = None
    max: float | None = None
    optional_value: bool = False                # column required, cells may be empty


@dataclass(frozen=True)
class Schema:
    """A table's columns; ``key`` columns must be unique together."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    en: str = ""
    vi: str = ""
    sheet_names: tuple[str, ...] = ()           # other sheet names accepted in a workbook
    more_examples: tuple[dict, ...] = ()        # extra example rows for the template

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def example_row(self) -> dict:
        return {c.name: c.example for c in self.columns}

    def example_rows(self) -> list[dict]:
        """The template's example rows: the columns' examples, then ``more_examples``."""
        return [self.example_row(), *({c.name: r.get(c.name, "") for c in self.columns} for r in self.more_examples)]


@dataclass(frozen=True, eq=False)
class Table:
    """The rows of one table that were used, and the count of rows in and out.

    ``frame`` is indexed by the Excel row number (``row``); ``rows_in`` counts the
    non-blank rows below the header, ``blank`` the blank rows skipped,
    ``rows_used`` the rows in ``frame`` (``rows_in`` when there was no problem).
    """

    schema: str
    file: str
    sheet: str | None
    frame: Any
    rows_in: int
    blank: int
    columns_in: tuple[str, ...] = ()
    all_rows: Any = None       # every non-blank row, bad cells empty (for further checks by the caller)

    @property
    def rows_used(self) -> int:
        return len(self.frame)

    def where(self, row: int, column: str | None = None) -> str:
        return where(self.sheet, row, column)

    def summary(self) -> dict:
        return {"table": self.schema, "file": self.file, "sheet": self.sheet, "rows_in": self.rows_in,
                "blank_rows": self.blank, "rows_used": self.rows_used}


def where(sheet: str | None, row: int | None, column: str | None = None) -> str:
    """``sheet S, row N, column C`` (parts left out when unknown)."""
    parts = []
    if sheet:
        parts.append(f"sheet {sheet}")
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(f"column {column}")
    return ", ".join(parts)


class Problems:
    """Collects input problems, at most :data:`MAX_LINES_PER_PROBLEM` lines per group.

    ``add(group, error)``: errors in one group (e.g. ``"amount:number"``) beyond
    the limit are counted and reported as one extra line by :meth:`raise_if_any`.
    """

    def __init__(self, limit: int = MAX_LINES_PER_PROBLEM):
        self.limit = limit
        self.items: list[OkrkitError] = []
        self._counts: dict[tuple, int] = {}
        self._last: dict[tuple, OkrkitError] = {}

    def add(self, error: OkrkitError, group: tuple | str | None = None) -> None:
        key = (error.file, group if group is not None else len(self.items) + len(self._counts))
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        if n <= self.limit:
            self.items.append(error)
        self._last[key] = error

    def extend(self, errors) -> None:
        for e in errors:
            self.add(e)

    def __len__(self) -> int:
        return sum(self._counts.values())

    def __bool__(self) -> bool:
        return bool(self._counts)

    def all(self) -> list[OkrkitError]:
        """Every problem, by file and then row (the header's first), then the counted rest."""
        files: dict = {}
        for e in self.items:
            files.setdefault(e.file, len(files))

        def order(e: OkrkitError):
            m = re.search(r"row (\d+)", e.where or "")
            return files[e.file], int(m.group(1)) if m else 0

        out = sorted(self.items, key=order)
        for key, n in self._counts.items():
            if n > self.limit:
                last = self._last[key]
                group = key[1] if isinstance(key[1], tuple) else ()
                sheet = group[0] if len(group) > 0 else None
                column = group[1] if len(group) > 2 else None
                out.append(InputError(f"{n - self.limit} more rows with the same problem as above ({last.what})",
                                      file=last.file, where=where(sheet, None, column) or None, hint=last.hint))
        return out

    def raise_if_any(self) -> None:
        if self:
            raise ProblemList(self.all())


# ---------------------------------------------------------------- headers

def norm_header(text: Any) -> str:
    """``' Product Line '`` → ``'product_line'``; Vietnamese letters lose their marks."""
    s = "" if text is None else str(text)
    s = s.strip().lower().replace("đ", "d")
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = re.sub(r"[\s\-./]+", "_", s)
    return s.strip("_")


def _header_map(schema: Schema) -> dict[str, str]:
    out = {}
    for c in schema.columns:
        out[norm_header(c.name)] = c.name
        for h in c.headers:
            out[norm_header(h)] = c.name
    return out


# ---------------------------------------------------------------- raw reading

def _raw_rows(path: Path, schema: Schema, sheet: str | None, problems: Problems):
    """``(header, body as a list of columns (object arrays), sheet name)`` or ``None``."""
    import numpy as np

    suffix = path.suffix.lower()
    if suffix == ".csv":
        from .files import read_text

        text = read_text(path)
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
            sep = dialect.delimiter
        except csv.Error:
            sep = ","
        import pandas as pd

        try:
            df = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                             skip_blank_lines=False, quotechar='"')
        except pd.errors.ParserError as exc:
            m = re.search(r"line (\d+), saw (\d+)", str(exc))
            where_ = f"row {m.group(1)}" if m else None
            problems.add(InputError("a row has more cells than the header" if m else f"cannot read the CSV ({exc})",
                                    file=str(path), where=where_,
                                    hint="remove the extra cells, or quote text that contains the separator"))
            return None
        if df.empty:
            problems.add(InputError("the file is empty", file=str(path), where="row 1",
                                    hint="the first row must name the columns (see `okrkit templates DIR`)"))
            return None
        header = [df.iat[0, j] for j in range(df.shape[1])]
        cols = [df.iloc[1:, j].to_numpy(dtype=object, na_value="") for j in range(df.shape[1])]
        return header, cols, None
    if suffix == ".xlsx":
        rows, sheet_name = _xlsx_rows(path, schema, sheet)
        if not rows:
            problems.add(InputError("the sheet is empty", file=str(path), where=where(sheet_name, 1),
                                    hint="the first row must name the columns (see `okrkit templates DIR`)"))
            return None
        width = max(len(r) for r in rows)
        header = list(rows[0]) + [None] * (width - len(rows[0]))
        body = np.empty((len(rows) - 1, width), dtype=object)
        body[:] = None
        for i, r in enumerate(rows[1:]):
            body[i, : len(r)] = r
        return header, [body[:, j] for j in range(width)], sheet_name
    raise InputError(f"unsupported table type {suffix or '(none)'!r}", file=str(path), hint="use .csv or .xlsx")


def sheet_for(sheetnames: list[str], schema: Schema, sheet: str | None) -> str | None:
    """The sheet of a workbook that holds ``schema``'s table, or ``None``."""
    if sheet is not None:
        return sheet if sheet in sheetnames else None
    wanted = {norm_header(n) for n in (schema.name, *schema.sheet_names)}
    for name in sheetnames:
        if norm_header(name) in wanted:
            return name
    return None


def _xlsx_rows(path: Path, schema: Schema, sheet: str | None):
    if not path.exists():
        raise InputError("file not found", file=str(path), hint="check the path and the file name")
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"not a readable Excel .xlsx file ({type(exc).__name__})", file=str(path),
                         hint="open it in Excel and save it again as .xlsx") from None
    try:
        name = sheet_for(wb.sheetnames, schema, sheet)
        if name is None:
            if sheet is not None:
                raise InputError(f"no sheet named '{sheet}'", file=str(path),
                                 hint=f"sheets in this file: {', '.join(wb.sheetnames)}")
            name = wb.sheetnames[0]
        ws = wb[name]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
            rows.pop()  # Excel's trailing empty rows are not rows of the table
        return rows, name
    finally:
        wb.close()


# ---------------------------------------------------------------- cell parsing

_BLANK = ("", "nan", "none", "null", "-", "—", "n/a", "na")


def _is_blank(values):
    """Boolean array: cell is empty (None, NaN, blank text)."""
    import pandas as pd

    s = pd.Series(values, dtype=object)
    isna = s.isna().to_numpy()
    text = s.where(~isna, "").astype(str).str.strip()
    return isna | (text == "").to_numpy()


def _stripped(values):
    """All-text column (CSV) → stripped numpy StringDType array (vectorised, no Python per cell)."""
    import numpy as np

    return np.strings.strip(values.astype(np.dtypes.StringDType()))


def _texts_fast(values, st=None):
    """Like :func:`_texts` for an all-text column: stripped, inner runs of spaces made one."""
    import numpy as np

    st = _stripped(values) if st is None else st
    out = st.astype(object)
    odd = np.strings.find(st, "  ") >= 0          # runs of spaces (rare): made one, as for XLSX cells
    for i in np.flatnonzero(odd):
        out[i] = " ".join(out[i].split())
    return out


def _texts(values, text_only: bool = False, st=None):
    import pandas as pd

    if text_only:
        return _texts_fast(values, st)

    s = pd.Series(values, dtype=object)
    out = s.where(s.notna(), "").map(_cell_text)
    return out.to_numpy(dtype=object)


def _cell_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat(sep=" ")
    return " ".join(str(v).split())


_INT_RE = r"[+-]?\d+"
_EXP_RE = r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+"   # 9.04e+09, as some exports write big numbers


def parse_numbers(values, *, text_only: bool = False, st=None):
    """Object array → ``(floats, bad mask, {index: message})``; Vietnamese formats allowed.

    ``text_only``: every cell is a ``str`` (a CSV column), so plain integers are
    read with vectorised string functions.
    """
    import numpy as np
    import pandas as pd

    s = pd.Series(values, dtype=object)
    out = np.full(len(s), np.nan)
    bad = np.zeros(len(s), dtype=bool)
    msgs: dict[int, str] = {}
    if text_only:
        st = _stripped(values) if st is None else st
        unsigned = np.strings.lstrip(st, "+-")
        simple = np.strings.isdigit(unsigned) & (np.strings.str_len(st) - np.strings.str_len(unsigned) <= 1)
        if simple.any():
            out[simple] = st[simple].astype(np.float64)
        rest_idx = np.flatnonzero(~simple & (np.strings.str_len(st) > 0))
        texts_rest = st[rest_idx].astype(object).tolist()
        is_exp = [bool(re.fullmatch(_EXP_RE, t)) for t in texts_rest]
        pairs = []
        for i, t, e in zip(rest_idx, texts_rest, is_exp):
            if e:
                out[i] = float(t)
            else:
                pairs.append((i, t))
    else:
        is_num = s.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).to_numpy(dtype=bool)
        if is_num.any():
            out[is_num] = s[is_num].astype(float).to_numpy()
        rest = ~is_num & s.notna().to_numpy()
        pairs = []
        if rest.any():
            texts = s[rest].astype(str).str.strip()
            simple = (texts.str.fullmatch(_INT_RE) | texts.str.fullmatch(_EXP_RE)).to_numpy(dtype=bool)
            idx = np.flatnonzero(rest)
            if simple.any():
                out[idx[simple]] = pd.to_numeric(texts[simple]).astype(float).to_numpy()
            pairs = list(zip(idx[~simple], texts[~simple].tolist()))
    if pairs:
        cache: dict[str, tuple[float, str | None]] = {}
        for i, t in pairs:
            if t.lower() in _BLANK:
                continue
            got = cache.get(t)
            if got is None:
                try:
                    got = (parse_number(t)[0], None)
                except InputError as exc:
                    got = (np.nan, exc.what)
                cache[t] = got
            out[i] = got[0]
            if got[1] is not None:
                bad[i] = True
                msgs[i] = got[1]
    return out, bad, msgs


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y")


def parse_dates(values, *, text_only: bool = False, st=None):
    """Object array → ``(datetime64[D] array, bad mask)``; ISO and ``dd/mm/yyyy`` accepted.

    Numbers between 20000 and 80000 are read as Excel serial dates.
    """
    import numpy as np
    import pandas as pd

    s = pd.Series(values, dtype=object)
    out = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[D]")
    done = np.zeros(len(s), dtype=bool)
    if text_only:
        st = _stripped(values) if st is None else st
        first = np.strings.partition(st, np.array(" ", dtype=np.dtypes.StringDType()))[0].astype(object)
        nonblank = np.strings.str_len(st) > 0
        idx = np.flatnonzero(nonblank)
        texts = pd.Series(first[idx], dtype=object)
        got = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce")
        for fmt in _DATE_FORMATS:
            miss = got.isna()
            if not miss.any():
                break
            got[miss] = pd.to_datetime(texts[miss], format=fmt, errors="coerce")
        ok = got.notna().to_numpy()
        out[idx[ok]] = got[ok].to_numpy().astype("datetime64[D]")
        done[idx[ok]] = True
        return out, ~done & nonblank
    is_dt = s.map(lambda v: isinstance(v, (date, datetime))).to_numpy(dtype=bool)
    if is_dt.any():
        out[is_dt] = pd.to_datetime(s[is_dt].map(lambda v: v if isinstance(v, datetime) else datetime(v.year, v.month, v.day))
                                    ).to_numpy().astype("datetime64[D]")
        done |= is_dt
    is_num = s.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).to_numpy(dtype=bool)
    serial = is_num & s.map(lambda v: isinstance(v, (int, float)) and 20000 < v < 80000).to_numpy(dtype=bool)
    if serial.any():
        base = np.datetime64("1899-12-30")
        out[serial] = base + s[serial].astype(float).astype(int).to_numpy().astype("timedelta64[D]")
        done |= serial
    todo = ~done & s.notna().to_numpy() & ~is_num
    if todo.any():
        texts = s[todo].astype(str).str.strip().str.split(" ").str[0]
        idx = np.flatnonzero(todo)
        got = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce")
        for fmt in _DATE_FORMATS:
            miss = got.isna()
            if not miss.any():
                break
            got[miss] = pd.to_datetime(texts[miss], format=fmt, errors="coerce")
        ok = got.notna().to_numpy()
        out[idx[ok]] = got[ok].to_numpy().astype("datetime64[D]")
        done[idx[ok]] = True
    bad = ~done & ~_is_blank(values)
    return out, bad


_MONTH_RES = (
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), (1, 2)),               # 2026-03, 2026/3
    (re.compile(r"^(?:t|th|thang|tháng)?\s*(\d{1,2})[-/.](\d{4})$", re.IGNORECASE), (2, 1)),  # 03/2026, T3/2026
)


def parse_months(values):
    """Object array → ``(datetime64[D] first-of-month array, bad mask)``.

    Accepts ``2026-03``, ``03/2026``, ``T3/2026``, ``tháng 3/2026`` and dates.
    """
    import numpy as np

    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[D]")
    bad = np.zeros(len(values), dtype=bool)
    cache: dict[str, Any] = {}
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        if isinstance(v, (date, datetime)):
            out[i] = np.datetime64(date(v.year, v.month, 1))
            continue
        t = _cell_text(v).lower()
        if t in _BLANK:
            continue
        got = cache.get(t)
        if got is None:
            got = "bad"
            for rx, (yi, mi) in _MONTH_RES:
                m = rx.match(t)
                if m and 1 <= int(m.group(mi)) <= 12:
                    got = np.datetime64(date(int(m.group(yi)), int(m.group(mi)), 1))
                    break
            else:
                d, b = parse_dates(np.array([v], dtype=object))
                if not b[0] and not np.isnat(d[0]):
                    got = d[0].astype("datetime64[M]").astype("datetime64[D]")
            cache[t] = got
        if isinstance(got, str):
            bad[i] = True
        else:
            out[i] = got
    return out, bad


_YES = {"yes", "y", "true", "1", "x", "có", "co", "rồi", "roi", "done", "đã", "da"}
_NO = {"no", "n", "false", "0", "không", "khong", "chưa", "chua"}


# ---------------------------------------------------------------- the reader

def read_frame(path: str | os.PathLike, schema: Schema, *, sheet: str | None = None,
               problems: Problems | None = None) -> Table | None:
    """Read one table whole and check every cell against ``schema``.

    Problems are added to ``problems`` (when given) or raised together as a
    :class:`~okrkit.errors.ProblemList`.  Returns ``None`` only when the file
    could not be read at all (the reason is in ``problems``).
    """
    import numpy as np
    import pandas as pd

    own = problems is None
    problems = Problems() if own else problems
    p = Path(path)
    file = str(p)
    try:
        raw = _raw_rows(p, schema, sheet, problems)
    except InputError as exc:
        problems.add(exc)
        raw = None
    if raw is None:
        if own:
            problems.raise_if_any()
        return None
    header, cols, sheet_name = raw
    text_only = p.suffix.lower() == ".csv"      # every CSV cell is text: vectorised string functions
    stripped = [_stripped(c) for c in cols] if text_only else None
    blank_of = [(np.strings.str_len(x) == 0) for x in stripped] if text_only else [_is_blank(c) for c in cols]

    # -- header: map each column to the schema, list unknown, duplicate and missing ones
    hmap = _header_map(schema)
    index_of: dict[str, int] = {}
    seen_headers: list[str] = []
    for j, h in enumerate(header):
        text = "" if h is None else _cell_text(h)
        if not text.strip():
            if not blank_of[j].all():
                problems.add(InputError("a column has values but no name", file=file,
                                        where=where(sheet_name, 1, _excel_col(j)),
                                        hint=f"name it (one of: {', '.join(schema.names)}) or delete the column"))
            continue
        seen_headers.append(text)
        name = hmap.get(norm_header(text))
        if name is None:
            close = difflib.get_close_matches(norm_header(text), list(hmap), n=1, cutoff=0.6)
            hint = (f"did you mean '{hmap[close[0]]}'? rename the column" if close
                    else f"delete it or rename it to one of: {', '.join(schema.names)}")
            problems.add(InputError(f"unknown column '{text}'", file=file, where=where(sheet_name, 1, text), hint=hint))
            continue
        if name in index_of:
            problems.add(InputError(f"column '{name}' appears twice", file=file, where=where(sheet_name, 1, text),
                                    hint="keep one of the two columns"))
            continue
        index_of[name] = j
    for c in schema.columns:
        if c.required and c.name not in index_of:
            problems.add(InputError(f"missing column '{c.name}'", file=file, where=where(sheet_name, 1),
                                    hint=f"add a column '{c.name}' ({c.en or c.kind}), e.g. {c.example!r}; "
                                         f"the header row needs: {', '.join(schema.required)}"))

    n = len(cols[0]) if cols else 0
    numbers = np.arange(2, n + 2)
    blank_row = np.ones(n, dtype=bool)
    for j in range(len(cols)):
        blank_row &= blank_of[j]
    keep = ~blank_row
    rows_in = int(keep.sum())
    blank = int(blank_row.sum())
    row_numbers = numbers[keep]
    data: dict[str, Any] = {}
    bad_row = np.zeros(rows_in, dtype=bool)

    def flag(mask, column: str, what_fn, hint: str, group: str):
        nonlocal bad_row
        bad_row |= mask
        for k in np.flatnonzero(mask):
            problems.add(InputError(what_fn(k), file=file, where=where(sheet_name, int(row_numbers[k]), column),
                                    hint=hint), group=(sheet_name, column, group))

    for c in schema.columns:
        j = index_of.get(c.name)
        if j is None:
            continue
        values = cols[j][keep]
        empty = blank_of[j][keep]
        st = stripped[j][keep] if text_only else None
        if c.required and not c.optional_value:
            flag(empty, c.name, lambda k: "is empty", f"fill in {c.en or c.name}, e.g. {c.example!r}", "empty")
        if c.kind in ("id", "text", "choice"):
            texts = _texts(values, text_only, st)
            texts[empty] = None
            if c.kind == "choice":
                texts = _choices(texts, c, flag)
            data[c.name] = texts
        elif c.kind in ("number", "int"):
            nums, bad, msgs = parse_numbers(values, text_only=text_only, st=st)
            flag(bad, c.name, lambda k, _m=msgs, _v=values: f"{_cell_text(_v[k])!r} is not a number",
                 f"write a number such as {c.example!r} (1.500.000 and '2,5 tỷ' are fine)", "number")
            if c.kind == "int":
                frac = ~np.isnan(nums) & (nums != np.round(nums))
                flag(frac, c.name, lambda k, _v=nums: f"{_v[k]:g} is not a whole number", "write a whole number", "int")
            if c.min is not None:
                low = ~np.isnan(nums) & (nums < c.min)
                flag(low, c.name, lambda k, _v=nums, _c=c: f"{_v[k]:g} is below {_c.min:g}",
                     f"use a value from {c.min:g}" + (f" to {c.max:g}" if c.max is not None else ""), "min")
            if c.max is not None:
                high = ~np.isnan(nums) & (nums > c.max)
                flag(high, c.name, lambda k, _v=nums, _c=c: f"{_v[k]:g} is above {_c.max:g}",
                     f"use a value up to {c.max:g}", "max")
            data[c.name] = nums
        elif c.kind == "date":
            days, bad = parse_dates(values, text_only=text_only, st=st)
            flag(bad, c.name, lambda k, _v=values: f"{_cell_text(_v[k])!r} is not a date",
                 "write dates as 2026-03-31 or 31/03/2026 (day first)", "date")
            data[c.name] = days
        elif c.kind == "month":
            months, bad = parse_months(values)
            flag(bad, c.name, lambda k, _v=values: f"{_cell_text(_v[k])!r} is not a month",
                 "write the month as 2026-03 or 03/2026", "month")
            data[c.name] = months
        elif c.kind == "bool":
            texts = _texts(values, text_only, st)
            low = np.array([t.lower() for t in texts], dtype=object)
            yes = np.isin(low, list(_YES))
            no = np.isin(low, list(_NO))
            flag(~yes & ~no & ~empty, c.name, lambda k, _v=texts: f"{_v[k]!r} is not yes or no",
                 "write yes/no (có/không)", "bool")
            arr = np.where(yes, True, np.where(no, False, None)).astype(object)
            data[c.name] = arr

    frame = pd.DataFrame(data, index=pd.Index(row_numbers, name="row"))
    for c in schema.columns:
        if c.name not in frame:
            frame[c.name] = None if c.kind not in ("number", "int") else np.nan
    frame = frame[list(schema.names)]

    if schema.key and all(k in index_of for k in schema.key):
        dup_mask = _flag_duplicates(frame, schema, file, sheet_name, problems)
        bad_row |= dup_mask

    table = Table(schema.name, file, sheet_name, frame.loc[~bad_row] if bad_row.any() else frame,
                  rows_in, blank, tuple(seen_headers), frame)
    if own:
        problems.raise_if_any()
    return table


def _choices(texts, c: Column, flag):
    import numpy as np

    lookup = {norm_header(ch): ch for ch in c.choices}
    for spelling, canonical in c.aliases:
        lookup[norm_header(spelling)] = canonical
    out = np.empty(len(texts), dtype=object)
    bad = np.zeros(len(texts), dtype=bool)
    for i, t in enumerate(texts):
        if t is None:
            out[i] = None
            continue
        got = lookup.get(norm_header(t))
        if got is None:
            bad[i] = True
        out[i] = got
    flag(bad, c.name, lambda k: f"{texts[k]!r} is not one of {', '.join(c.choices)}",
         f"use one of: {', '.join(c.choices)}", "choice")
    return out


def _flag_duplicates(frame, schema: Schema, file: str, sheet_name: str | None, problems: Problems):
    import numpy as np

    keys = frame[list(schema.key)]
    present = keys.notna().all(axis=1)
    dup = keys.duplicated(keep="first") & present
    mask = np.zeros(len(frame), dtype=bool)
    if not dup.any():
        return mask
    first_row = {}
    for row, key in zip(frame.index[present], map(tuple, keys[present].itertuples(index=False))):
        first_row.setdefault(key, row)
    label = " + ".join(schema.key)
    for pos in np.flatnonzero(dup.to_numpy()):
        row = frame.index[pos]
        key = tuple(keys.iloc[pos])
        shown = " / ".join(str(k.astype("datetime64[M]")) if isinstance(k, np.datetime64) else str(k) for k in key)
        problems.add(InputError(f"duplicate {label} '{shown}' (first on row {first_row[key]})", file=file,
                                where=where(sheet_name, int(row), schema.key[0]),
                                hint=f"keep one row per {label}, or merge the two rows"),
                     group=(sheet_name, "duplicate"))
        mask[pos] = True
    return mask


def _excel_col(j: int) -> str:
    name = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        name = chr(65 + r) + name
    return name


# ---------------------------------------------------------------- templates

def template_frame(schema: Schema):
    """One example row with every column of ``schema`` (a pandas DataFrame)."""
    import pandas as pd

    return pd.DataFrame(schema.example_rows(), columns=list(schema.names))


def columns_doc(schema: Schema, lang: str = "en") -> list[dict]:
    """The documented column list: name, required, kind, description, example."""
    return [{"column": c.name, "required": "yes" if c.required else "no", "kind": c.kind,
             "description": (c.vi if lang == "vi" else c.en) or c.en,
             "choices": ", ".join(c.choices), "example": c.example} for c in schema.columns]
