"""A manager's tables (CSV or XLSX) read exactly, or refused with every problem named.

One reading contract for every table the kit reads (OKRs, KPIs, sales tables,
plans, check-ins, rosters).  A :class:`Schema` names a table's columns, their
kind (text, number, date, …), which are required, the headers a Vietnamese or
English workbook gives them, a description and an example row; the same schema
reads a file, writes its template and documents it.  :func:`read_table` (and
:func:`read_frame`, which collects problems for a caller checking several
files) returns a :class:`Table`: a pandas frame of the rows used, indexed by the
row number a person sees in Excel, plus read statistics.

How a workbook is read, the way managers lay them out:

- **The sheet.** Visible sheets first: the one named like the table
  (``Giao dịch`` for transactions, ``OKR`` for OKRs), else the visible sheet
  whose header fits the table best.  A hidden sheet is read only when it is
  named (``sheet=``, or ``--sheet TABLE=SHEET`` on the command line), and that
  is said; a table found only on a hidden sheet is refused, naming the sheet.
- **The header** is looked for in the first rows, below title rows
  (``BÁO CÁO DOANH SỐ QUÝ 1/2026`` on row 1, header on row 3); a two-row header
  (a merged group title over sub-titles) is read as one.  Merged cells are
  filled from their top-left cell, so a region written once over several rows
  counts for each of them.
- **Columns** are matched by their Vietnamese or English header (marks,
  case and spacing do not matter); columns the table does not use (STT,
  Ghi chú, …) are ignored and listed in ``extra_columns``; a header close to a
  missing required column is refused with the suggestion.
- **Rows**: blank rows and total rows (``Tổng cộng``, ``Total``) are skipped and
  counted; a row is otherwise used or has a problem — nothing is dropped silently.
- **Cells**: formula cells are read from the values the spreadsheet saved; a
  formula with no saved value is refused with its cells named.  Numbers may be
  written the Vietnamese way (``1.500.000``, ``2,5 tỷ``); a share column
  (weights, at most 1) reads ``30%`` as 0.3; an amount in another currency than
  the table's (``1.200 USD`` in VND) is refused, or converted at a rate the
  manager gives (``rates={"USD": 25400}``).  Dates may be Excel serial numbers.

Every problem is an :class:`~okrkit.errors.InputError` with file, sheet, row,
column (as the file names it) and the fix, in English and Vietnamese; they are
raised together as one :class:`~okrkit.errors.ProblemList`.

Read statistics (``Table.summary()``, the shape the report's Inputs section shows)::

    {"table": "transactions", "file": ".../ban_hang.xlsx", "sheet": "Giao dịch",
     "hidden_sheet": False, "header_row": 3, "header_rows": 1,
     "rows_in": 120, "blank_rows": 2, "total_rows": 1, "rows_used": 120,
     "extra_columns": ["STT", "Ghi chú"], "filled_cells": 8, "converted_cells": 0}

pandas and numpy are imported inside the functions that need them.

Examples
--------
>>> from okrkit.tables import Column, Schema
>>> s = Schema("reps", (Column("rep_id", "id", example="R01"), Column("name", "text", example="Lan")))
>>> s.names
('rep_id', 'name')
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import difflib
import functools
import io
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import InputError, OkrkitError, ProblemList, place
from .quantity import parse_number

KINDS = ("id", "text", "number", "int", "date", "month", "choice", "bool")
# At most this many lines per (column, kind of problem); the rest are counted in one line.
MAX_LINES_PER_PROBLEM = 20
# The header is looked for in this many rows from the top of a sheet.
HEADER_SEARCH_ROWS = 30
# Currencies a number cell may name; a table's amounts are in VND unless a rate converts them.
TABLE_CURRENCY = "VND"
CURRENCIES = ("VND", "USD", "EUR", "JPY", "CNY", "KRW", "THB", "SGD", "GBP", "AUD")

# Headers every table accepts for a column of that name (managers' usual words), on top of the schema's own.
COMMON_HEADERS = {
    "quantity": ("sl", "số lượng", "so luong", "qty", "số lượng bán"),
    "product_line": ("sản phẩm", "tên sản phẩm", "dòng sp", "mặt hàng", "product"),
    "amount": ("doanh số", "doanh thu", "thành tiền", "số tiền", "giá trị", "tổng tiền", "revenue", "sales"),
    "customer_id": ("mã kh", "mã khách", "mã khách hàng"),
    "rep_id": ("mã nv", "mã nhân viên", "nhân viên kinh doanh", "nvkd"),
    "date": ("ngày", "ngày bán", "ngày giao dịch", "ngày chứng từ", "ngày hóa đơn", "ngày hoá đơn"),
    "region": ("khu vực", "vùng", "miền", "chi nhánh"),
    "weight": ("trọng số", "tỷ trọng", "tỉ trọng"),
    "target": ("chỉ tiêu", "mục tiêu số", "kế hoạch"),
    "actual": ("thực tế", "thực hiện", "kết quả"),
    "department": ("bộ phận", "phòng ban", "phòng"),
    "name": ("họ tên", "họ và tên", "tên"),
}
# Row labels that mark a total or subtotal row (not a row of the table).
_TOTAL_RE = re.compile(r"^(tong|tong_cong|tong_so|cong|total|grand_total|sub_?total|sum|tong_ket)(_|$|:)")


# ---------------------------------------------------------------- reading options (the command line's)

@dataclass(frozen=True)
class ReadOptions:
    """Choices a manager makes for all their files at once (``okrkit report --rate/--sheet``).

    ``rates``: ``{"USD": 25400}`` converts amounts written in USD to the table's
    currency; ``sheets``: ``{"transactions": "Giao dịch cũ"}`` names the sheet of
    a table (a hidden sheet is read only when named here or with ``sheet=``).
    """

    rates: dict = field(default_factory=dict)
    sheets: dict = field(default_factory=dict)


_DEFAULT_OPTIONS = ReadOptions()
_OPTIONS: contextvars.ContextVar[ReadOptions] = contextvars.ContextVar("okrkit_read_options",
                                                                       default=_DEFAULT_OPTIONS)  # noqa: B039 (never mutated)


@contextlib.contextmanager
def reading(*, rates: dict | None = None, sheets: dict | None = None):
    """Read every table inside the ``with`` block with these rates and sheet names."""
    token = _OPTIONS.set(ReadOptions({k.upper(): float(v) for k, v in (rates or {}).items()}, dict(sheets or {})))
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def parse_rates(specs) -> dict:
    """``["USD=25400", "EUR=27.000"]`` → ``{"USD": 25400.0, "EUR": 27000.0}`` (one error per bad item)."""
    out = {}
    for spec in specs or ():
        code, sep, value = str(spec).partition("=")
        code = code.strip().upper()
        try:
            number, _ = parse_number(value.strip()) if sep else (None, None)
        except InputError:
            number = None
        if not sep or code not in CURRENCIES or number is None or not number > 0:
            raise InputError({"en": f"'{spec}' is not a rate", "vi": f"'{spec}' không phải một tỷ giá"}, where="--rate",
                             hint={"en": f"write CURRENCY=RATE in {TABLE_CURRENCY}, e.g. USD=25400",
                                   "vi": f"viết MÃ_TIỀN=TỶ_GIÁ theo {TABLE_CURRENCY}, ví dụ USD=25400"})
        out[code] = float(number)
    return out


def parse_sheets(specs) -> dict:
    """``["transactions=Giao dịch cũ"]`` → ``{"transactions": "Giao dịch cũ"}``."""
    out = {}
    for spec in specs or ():
        table, sep, sheet = str(spec).partition("=")
        if not sep or not table.strip() or not sheet.strip():
            raise InputError({"en": f"'{spec}' does not name a sheet", "vi": f"'{spec}' không chỉ rõ trang tính"},
                             where="--sheet", hint={"en": "write TABLE=SHEET, e.g. transactions=Giao dịch",
                                                    "vi": "viết BẢNG=TRANG_TÍNH, ví dụ transactions=Giao dịch"})
        out[table.strip()] = sheet.strip()
    return out


def T(en: str, vi: str) -> dict:
    """A text in both languages."""
    return {"en": en, "vi": vi}


@dataclass(frozen=True)
class Column:
    """One column of a manager's table.

    ``kind``: ``id`` and ``text`` (text), ``number`` (``1.500.000``, ``2,5 tỷ``),
    ``int``, ``date`` (``2026-03-31``, ``31/03/2026``, an Excel date), ``month``
    (``2026-03``, ``03/2026``), ``choice`` (one of ``choices``; ``aliases`` maps
    other spellings), ``bool`` (yes/no, có/không).  ``share``: a fraction
    (``30%`` reads as 0.3; also true when ``max`` is at most 1).  ``words``:
    words read as numbers in a number column (``(("xong", 1.0),)``).
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
    share: bool = False
    words: tuple[tuple[str, float], ...] = ()
    any_unit: bool = False                      # a KR's own unit: amounts in any currency are kept as written

    @property
    def is_share(self) -> bool:
        return self.share or (self.max is not None and self.max <= 1)

    def label(self, lang: str = "en") -> str:
        """``'product_line' (dòng sản phẩm)``: the template's header and what it means."""
        desc = (self.vi if lang == "vi" else self.en) or self.en
        desc = desc.split("(")[0].strip() if desc else ""
        return f"'{self.name}' ({desc})" if desc and desc != self.name else f"'{self.name}'"


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
    """The rows of one table that were used, and how the table was read.

    ``frame`` is indexed by the Excel row number (``row``); ``rows_in`` counts the
    non-blank rows below the header (total rows not included), ``blank`` the
    blank rows skipped, ``total_rows`` the row numbers of total rows skipped,
    ``rows_used`` the rows in ``frame`` (``rows_in`` when there was no problem).
    ``headers`` maps each column used to its header as written in the file.
    """

    schema: str
    file: str
    sheet: str | None
    frame: Any
    rows_in: int
    blank: int
    columns_in: tuple[str, ...] = ()
    all_rows: Any = None       # every non-blank row, bad cells empty (for further checks by the caller)
    header_row: int = 1
    header_rows: int = 1
    hidden_sheet: bool = False
    total_rows: tuple[int, ...] = ()
    extra_columns: tuple[str, ...] = ()
    headers: dict = field(default_factory=dict)
    filled_cells: int = 0
    converted_cells: int = 0

    @property
    def rows_used(self) -> int:
        return len(self.frame)

    def where(self, row: int, column: str | None = None) -> str:
        return where(self.sheet, row, self.headers.get(column, column))

    def header_of(self, column: str) -> str:
        """The header the file gives ``column`` (the field name when the column is absent)."""
        return self.headers.get(column, column)

    def problem(self, what, *, row: int | None = None, column: str | None = None, hint=None) -> InputError:
        """An :class:`InputError` located in this table (``column`` is a field name)."""
        return InputError(what, file=self.file, sheet=self.sheet, row=row,
                          column=None if column is None else self.header_of(column), hint=hint)

    def summary(self) -> dict:
        return {"table": self.schema, "file": self.file, "sheet": self.sheet, "hidden_sheet": self.hidden_sheet,
                "header_row": self.header_row, "header_rows": self.header_rows, "rows_in": self.rows_in,
                "blank_rows": self.blank, "total_rows": len(self.total_rows), "rows_used": self.rows_used,
                "extra_columns": list(self.extra_columns), "filled_cells": self.filled_cells,
                "converted_cells": self.converted_cells}

    def notes(self, lang: str = "en") -> list[str]:
        """How the table was read, in a sentence each (for the report's Inputs and the notebook)."""
        vi = lang == "vi"
        out = []
        name = self.sheet or os.path.basename(self.file)
        if self.hidden_sheet:
            out.append(f"đã đọc trang tính ẩn '{self.sheet}' theo yêu cầu" if vi
                       else f"read the hidden sheet '{self.sheet}' as asked")
        if self.header_row > 1 or self.header_rows > 1:
            rows = (f"{self.header_row - self.header_rows + 1}–{self.header_row}" if self.header_rows > 1
                    else str(self.header_row))
            out.append(f"{name}: tiêu đề cột ở dòng {rows}" if vi else f"{name}: header on row {rows}")
        if self.extra_columns:
            cols = ", ".join(self.extra_columns)
            out.append(f"{name}: bỏ qua cột không dùng: {cols}" if vi else f"{name}: columns not used, ignored: {cols}")
        if self.total_rows:
            rows = ", ".join(map(str, self.total_rows[:5])) + ("…" if len(self.total_rows) > 5 else "")
            out.append(f"{name}: bỏ qua {len(self.total_rows)} dòng tổng (dòng {rows})" if vi
                       else f"{name}: skipped {len(self.total_rows)} total row(s) (row {rows})")
        if self.filled_cells:
            out.append(f"{name}: {self.filled_cells} ô gộp được điền theo ô đầu" if vi
                       else f"{name}: {self.filled_cells} merged cells filled from their first cell")
        if self.converted_cells:
            out.append(f"{name}: {self.converted_cells} số tiền ngoại tệ đã quy đổi theo tỷ giá đã cho" if vi
                       else f"{name}: {self.converted_cells} amounts converted at the rate given")
        return out


def where(sheet: str | None, row: int | None, column: str | None = None) -> str:
    """``sheet S, row N, column C`` (parts left out when unknown)."""
    return place(sheet, row, column, lang="en")


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
            row = getattr(e, "row", None)
            if row is None:
                m = re.search(r"row (\d+)", e.where or "")
                row = int(m.group(1)) if m else 0
            return files[e.file], row

        out = sorted(self.items, key=order)
        for key, n in self._counts.items():
            if n > self.limit:
                last = self._last[key]
                more = n - self.limit
                out.append(InputError(
                    T(f"{more} more rows with the same problem as above ({last.what_in('en')})",
                      f"thêm {more} dòng có cùng vấn đề như trên ({last.what_in('vi')})"),
                    file=last.file, sheet=getattr(last, "sheet", None), column=getattr(last, "column", None),
                    hint=T(last.hint_in("en") or "", last.hint_in("vi") or "") if last.hint else None))
        return out

    def raise_if_any(self) -> None:
        if self:
            raise ProblemList(self.all())


# ---------------------------------------------------------------- headers

def norm_header(text: Any) -> str:
    """``' Product Line '`` → ``'product_line'``; Vietnamese letters lose their marks."""
    return _norm_header("" if text is None else str(text))


@functools.lru_cache(maxsize=16384)
def _norm_header(s: str) -> str:   # called for every cell of every candidate header row: cached
    s = s.strip().lower().replace("đ", "d")
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = re.sub(r"[\s\-./()]+", "_", s)
    s = re.sub(r"[*:#]+", "", s)   # "Doanh số (*)", "Ngày:" — marks around a header
    return s.strip("_")


def _header_map(schema: Schema) -> dict[str, str]:
    out = {}
    for c in schema.columns:
        for h in COMMON_HEADERS.get(c.name, ()):
            out.setdefault(norm_header(h), c.name)
    for c in schema.columns:           # a schema's own headers win over the common ones
        for h in c.headers:
            out[norm_header(h)] = c.name
    for c in schema.columns:
        out[norm_header(c.name)] = c.name
        if c.vi:
            out.setdefault(norm_header(c.vi.split("(")[0]), c.name)
    return out


def _header_fit(cells, hmap) -> int:
    """How many distinct schema columns a row of header cells names."""
    got = set()
    for v in cells:
        if isinstance(v, str) and v.strip():
            name = hmap.get(norm_header(v))
            if name:
                got.add(name)
    return len(got)


def _two_row_headers(top, sub) -> list:
    """A header over two rows: ``Doanh số`` over ``Thực tế`` → per column the text that names it."""
    width = max(len(top), len(sub))
    out = []
    for j in range(width):
        t = top[j] if j < len(top) else None
        s = sub[j] if j < len(sub) else None
        t = t.strip() if isinstance(t, str) else (None if t is None else _cell_text(t))
        s = s.strip() if isinstance(s, str) else (None if s is None else _cell_text(s))
        if t and s and t != s:
            out.append((f"{t} {s}", s, f"{t} / {s}"))
        else:
            one = s or t
            out.append((one, one, one) if one else (None, None, None))
    return out


def _locate_header(rows, hmap):
    """``(index of the header's last row, number of header rows, header texts)`` in ``rows``."""
    best = (0, 0, 1)   # (fit, index, header rows)
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    for i in range(limit):
        fit = _header_fit(rows[i], hmap)
        if fit > best[0]:
            best = (fit, i, 1)
        if i + 1 < len(rows):
            pairs = _two_row_headers(rows[i], rows[i + 1])
            got = set()
            for combined, sub, _shown in pairs:
                name = hmap.get(norm_header(combined)) if combined else None
                name = name or (hmap.get(norm_header(sub)) if sub else None)
                if name:
                    got.add(name)
            if len(got) > max(best[0], fit, _header_fit(rows[i + 1], hmap)):
                best = (len(got), i + 1, 2)
    fit, idx, n = best
    if fit == 0:   # nothing looks like this table's header: the first non-empty row is taken as it
        idx = next((i for i, r in enumerate(rows) if any(not _blank_cell(v) for v in r)), 0)
        n = 1
    if n == 1:
        texts = [None if _blank_cell(v) else _cell_text(v) for v in rows[idx]]
        return idx, 1, [(t, t, t) for t in texts]
    return idx, 2, _two_row_headers(rows[idx - 1], rows[idx])


def _blank_cell(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


# ---------------------------------------------------------------- workbooks

@dataclass
class _Sheet:
    name: str | None
    rows: list                      # every row from the top of the sheet (merged cells filled)
    hidden: bool = False
    filled: set = field(default_factory=set)      # (row index, column index) filled from a merged cell
    no_value: set = field(default_factory=set)    # (row index, column index): a formula with no saved value
    sheets: tuple = ()               # every sheet in the workbook, as (name, hidden)


class PercentCell(float):
    """A number an Excel cell shows as a percent: the cell holds 0.25 and shows 25%.

    Read like the text ``25%``: a share (a weight) is 0.25, a key result's target or
    current in percent points is 25, the same as a CSV file that says ``25%``.
    """


_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"')
_CELL_STYLE = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bs="(\d+)"|<c\b[^>]*?\bs="(\d+)"[^>]*?\br="([A-Z]+)(\d+)"')


def _percent_styles(path: Path) -> set[int]:
    """The cell style indexes of a workbook whose number format shows a percent (built-in 9, 10, or a custom ``%``)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            styles = z.read("xl/styles.xml")
    except (KeyError, OSError, zipfile.BadZipFile):
        return set()
    codes = {int(m.group(1)): m.group(2) for m in
             re.finditer(rb'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"', styles)}
    cell_xfs = re.search(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.DOTALL)
    out = set()
    if not cell_xfs:
        return out
    for i, xf in enumerate(re.finditer(rb"<xf\b[^>]*?(?:/>|>)", cell_xfs.group(1))):
        m = re.search(rb'numFmtId="(\d+)"', xf.group(0))
        fid = int(m.group(1)) if m else 0
        code = re.sub(rb'"[^"]*"|\\.', b"", codes.get(fid, b""))   # a % inside quotes or escaped is text
        if fid in (9, 10) or b"%" in code:
            out.add(i)
    return out


def _percent_cells(data: bytes, styles: set[int]) -> set[tuple[int, int]]:
    """(row index, column index) of the sheet's cells styled with one of ``styles`` (0-based)."""
    if not styles:
        return set()
    wanted = {str(i).encode() for i in styles}
    out = set()
    for m in _CELL_STYLE.finditer(data):
        col, row, style = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6), m.group(4))
        if style in wanted:
            out.add((int(row) - 1, _col_index(col)))
    return out
_MERGE_REF = re.compile(rb'<mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _sheet_xml_facts(data: bytes, recalc_on_load: bool):
    """Merged ranges and formula cells with no saved value, from a sheet's XML (0-based indexes)."""
    merges = []
    for m in _MERGE_REF.finditer(data):
        c1, r1 = _col_index(m.group(1)), int(m.group(2)) - 1
        c2, r2 = (_col_index(m.group(3)), int(m.group(4)) - 1) if m.group(3) else (c1, r1)
        merges.append((r1, c1, r2, c2))
    no_value = set()
    if b"<f" in data:
        for fm in re.finditer(rb"<f[\s>/]", data):
            start = data.rfind(b"<c ", 0, fm.start())
            end = data.find(b"</c>", fm.start())
            if start < 0 or end < 0:
                continue
            cell = data[start:end]
            ref = _CELL_REF.match(cell)
            if not ref:
                continue
            v = re.search(rb"<v>([^<]*)</v>", cell)
            saved = v.group(1).strip() if v else b""
            # no saved value; or a file written by a program and never opened in a spreadsheet (0 put as a stand-in)
            if not saved or (recalc_on_load and saved == b"0" and b't="str"' not in cell[:120]):
                no_value.add((int(ref.group(2)) - 1, _col_index(ref.group(1))))
    return merges, no_value


def _open_workbook(path: Path):
    if not path.exists():
        raise InputError(T("file not found", "không tìm thấy tệp"), file=str(path),
                         hint=T("check the path and the file name", "kiểm tra đường dẫn và tên tệp"))
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise InputError(T(f"not a readable Excel .xlsx file ({type(exc).__name__})",
                           f"không đọc được tệp Excel .xlsx ({type(exc).__name__})"), file=str(path),
                         hint=T("open it in Excel and save it again as .xlsx",
                                "mở tệp trong Excel rồi lưu lại dạng .xlsx")) from None


def workbook_sheets(path: str | os.PathLike) -> list[tuple[str, bool]]:
    """Every sheet of a workbook as ``(name, hidden)``, in the workbook's order."""
    wb = _open_workbook(Path(path))
    try:
        return [(ws.title, getattr(ws, "sheet_state", "visible") != "visible") for ws in wb.worksheets]
    finally:
        wb.close()


def _name_matches(name: str, schema: Schema) -> bool:
    wanted = {norm_header(n) for n in (schema.name, *schema.sheet_names)}
    return norm_header(name) in wanted


def sheet_for(sheetnames: list[str], schema: Schema, sheet: str | None) -> str | None:
    """The sheet among ``sheetnames`` named like ``schema``'s table (or ``sheet`` itself), or ``None``."""
    if sheet is not None:
        return sheet if sheet in sheetnames else next((n for n in sheetnames if norm_header(n) == norm_header(sheet)), None)
    return next((n for n in sheetnames if _name_matches(n, schema)), None)


class FoundSheet(str):
    """A sheet the kit found by its name (not named by the manager): read only if visible."""


def find_sheets(path: str | os.PathLike, schemas: dict) -> dict[str, str]:
    """Which tables a workbook holds: ``{table name: sheet}`` for sheets named like a table.

    A table named on the command line (``--sheet TABLE=SHEET``) is found on that
    sheet.  A table whose only sheet is hidden is listed too: reading it then
    refuses the hidden sheet, naming it (never read silently).
    """
    sheets = workbook_sheets(path)
    named = _OPTIONS.get().sheets
    out = {}
    for tname, schema in schemas.items():
        if tname in named:
            out[tname] = named[tname]
            continue
        visible = [n for n, h in sheets if not h and _name_matches(n, schema)]
        hidden = [n for n, h in sheets if h and _name_matches(n, schema)]
        if visible or hidden:
            out[tname] = FoundSheet((visible or hidden)[0])
    return out


def _hidden_problem(file: str, schema: Schema, name: str) -> InputError:
    return InputError(
        T(f"the {schema.name} table is on the hidden sheet '{name}'; a hidden sheet is read only when named",
          f"bảng {schema.vi or schema.name} nằm ở trang tính ẩn '{name}'; trang tính ẩn chỉ được đọc khi được chỉ rõ"),
        file=file, sheet=name,
        hint=T(f"if it is the right sheet, unhide it in Excel or name it: --sheet {schema.name}={name}",
               f"nếu đúng là trang này, hãy bỏ ẩn trong Excel hoặc chỉ rõ: --sheet {schema.name}={name}"))


def _read_sheet(wb, ws, path: Path, recalc: bool, limit: int | None = None) -> _Sheet:
    rows = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, max_row=limit, values_only=True)]
    sheet = _Sheet(ws.title, rows, getattr(ws, "sheet_state", "visible") != "visible")
    if limit is not None:
        return sheet
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            data = z.read(ws._worksheet_path)
    except (KeyError, AttributeError, OSError, zipfile.BadZipFile):
        data = b""
    merges, sheet.no_value = _sheet_xml_facts(data, recalc)
    for r, c in _percent_cells(data, _percent_styles(path)):
        if r < len(rows) and c < len(rows[r]):
            v = rows[r][c]
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                rows[r][c] = PercentCell(v)
    for r1, c1, r2, c2 in merges:
        if r1 >= len(rows):
            continue
        top = rows[r1][c1] if c1 < len(rows[r1]) else None
        if _blank_cell(top):
            continue
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1) and _blank_cell(row[c]):
                    row[c] = top
                    sheet.filled.add((r, c))
    while rows and all(_blank_cell(v) for v in rows[-1]):
        rows.pop()  # Excel's trailing empty rows are not rows of the table
    return sheet


def _recalc_on_load(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml")
    except (KeyError, OSError, zipfile.BadZipFile):
        return False
    m = re.search(rb"<calcPr\b[^>]*>", book)
    return bool(m and re.search(rb'fullCalcOnLoad="(1|true)"', m.group(0)))


def _xlsx_sheet(path: Path, schema: Schema, sheet: str | None, problems: Problems) -> _Sheet | None:
    """The sheet holding ``schema``'s table: named, else visible and named like it, else the best-fitting visible one."""
    wb = _open_workbook(path)
    file = str(path)
    try:
        sheets = [(ws.title, getattr(ws, "sheet_state", "visible") != "visible") for ws in wb.worksheets]
        names = [n for n, _ in sheets]
        hidden = {n for n, h in sheets if h}
        named = sheet if sheet is not None else _OPTIONS.get().sheets.get(schema.name)
        recalc = _recalc_on_load(path)
        listing = ", ".join(f"{n} ({'ẩn' if n in hidden else 'hiện'})" for n in names)
        listing_en = ", ".join(f"{n}{' (hidden)' if n in hidden else ''}" for n in names)
        if named is not None:
            got = sheet_for(names, schema, named)
            if got is not None and isinstance(named, FoundSheet) and got in hidden:
                problems.add(_hidden_problem(file, schema, got))
                return None
            if got is None:
                problems.add(InputError(T(f"no sheet named '{named}'", f"không có trang tính tên '{named}'"), file=file,
                                        hint=T(f"sheets in this file: {listing_en}", f"các trang tính trong tệp: {listing}")))
                return None
            out = _read_sheet(wb, wb[got], path, recalc)
            out.sheets = tuple(sheets)
            return out
        visible = [n for n, h in sheets if not h]
        pick_ = next((n for n in visible if _name_matches(n, schema)), None)
        if pick_ is None:
            hmap = _header_map(schema)
            fits = []
            for n, h in sheets:
                head = _read_sheet(wb, wb[n], path, recalc, limit=HEADER_SEARCH_ROWS).rows
                fits.append((n, h, max((_header_fit(r, hmap) for r in head), default=0)))
            vis = [(f, -i, n) for i, (n, h, f) in enumerate(fits) if not h and f > 0]
            if vis:
                pick_ = max(vis)[2]
            else:
                hid = [(f, -i, n) for i, (n, h, f) in enumerate(fits) if h and f > 0]
                hid_named = [n for n in names if n in hidden and _name_matches(n, schema)]
                if hid or hid_named:
                    problems.add(_hidden_problem(file, schema, hid_named[0] if hid_named else max(hid)[2]))
                    return None
                pick_ = visible[0] if visible else None
        if pick_ is None:
            problems.add(InputError(T("the workbook has no visible sheet", "tệp không có trang tính nào đang hiện"),
                                    file=file, hint=T("unhide the sheet that holds the table",
                                                      "bỏ ẩn trang tính chứa bảng")))
            return None
        out = _read_sheet(wb, wb[pick_], path, recalc)
        out.sheets = tuple(sheets)
        out.hidden = False
        return out
    finally:
        wb.close()


def _csv_sheet(path: Path, problems: Problems):
    """A CSV file as a pandas frame of text cells (no header taken yet), or ``None``."""
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
        problems.add(InputError(T("a row has more cells than the header", "một dòng có nhiều ô hơn dòng tiêu đề") if m
                                else T(f"cannot read the CSV ({exc})", f"không đọc được tệp CSV ({exc})"),
                                file=str(path), row=int(m.group(1)) if m else None,
                                hint=T("remove the extra cells, or quote text that contains the separator",
                                       "xoá các ô thừa, hoặc đặt văn bản có dấu phân cách trong ngoặc kép")))
        return None
    return df


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


def parse_numbers(values, *, text_only: bool = False, st=None, units: dict | None = None):
    """Object array → ``(floats, bad mask, {index: message})``; Vietnamese formats allowed.

    ``text_only``: every cell is a ``str`` (a CSV column), so plain integers are
    read with vectorised string functions.  ``units`` (a dict), when given,
    receives the unit written in a cell (``{index: "%"}``, ``"USD"``, ``"VND"``).
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
            if units is not None:
                for i in np.flatnonzero(is_num):
                    if type(values[i]) is PercentCell:   # Excel shows it as 25%: read as the text "25%"
                        out[i] = round(out[i] * 100.0, 12)
                        units[int(i)] = "%"
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
        cache: dict[str, tuple[float, str | None, str | None]] = {}
        for i, t in pairs:
            if t.lower() in _BLANK:
                continue
            got = cache.get(t)
            if got is None:
                try:
                    number, unit = parse_number(t)
                    got = (number, None, unit)
                except InputError as exc:
                    got = (np.nan, exc.what, None)
                cache[t] = got
            out[i] = got[0]
            if got[1] is not None:
                bad[i] = True
                msgs[i] = got[1]
            if units is not None and got[2]:
                units[i] = got[2]
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

def read_table(path: str | os.PathLike, columns: Schema | tuple | list, *, sheet: str | None = None,
               name: str | None = None) -> Table:
    """Read one table (CSV or XLSX) whole, or raise every problem at once.

    ``columns`` is a :class:`Schema` or a list of :class:`Column` (then ``name``
    names the table in messages).  Raises :class:`~okrkit.errors.ProblemList`
    with every problem found (file, sheet, row, column, the fix; English and
    Vietnamese).  Nothing is ever written to ``path``.

    >>> import okrkit as ok
    >>> from okrkit.tables import Column, read_table
    >>> t = read_table(ok.sample_path("sales/reps.csv"), [Column("rep_id", "id"), Column("name", "text")], name="reps")
    >>> t.rows_used, t.extra_columns
    (12, ('region', 'team', 'joined_on', 'left_on'))
    """
    schema = columns if isinstance(columns, Schema) else Schema(name or Path(path).stem, tuple(columns))
    return read_frame(path, schema, sheet=sheet)


def read_frame(path: str | os.PathLike, schema: Schema, *, sheet: str | None = None,
               problems: Problems | None = None) -> Table | None:
    """Read one table whole and check every cell against ``schema``.

    Problems are added to ``problems`` (when given) or raised together as a
    :class:`~okrkit.errors.ProblemList`.  Returns ``None`` only when the file
    could not be read at all (the reason is in ``problems``).
    """
    own = problems is None
    problems = Problems() if own else problems
    try:
        table = _read(Path(path), schema, sheet, problems)
    except InputError as exc:
        problems.add(exc)
        table = None
    if own:
        problems.raise_if_any()
    return table


def _read(p: Path, schema: Schema, sheet: str | None, problems: Problems) -> Table | None:
    import numpy as np
    import pandas as pd

    file = str(p)
    suffix = p.suffix.lower()
    hmap = _header_map(schema)
    start_problems = len(problems)
    if suffix == ".csv":
        df = _csv_sheet(p, problems)
        if df is None:
            return None
        if df.empty:
            problems.add(InputError(T("the file is empty", "tệp trống"), file=file, row=1,
                                    hint=T("the first row must name the columns (see `okrkit templates DIR`)",
                                           "dòng đầu phải ghi tên các cột (xem `okrkit templates DIR`)")))
            return None
        head_rows = [list(df.iloc[i]) for i in range(min(len(df), HEADER_SEARCH_ROWS + 1))]
        h, nh, header = _locate_header(head_rows, hmap)
        cols = [df.iloc[h + 1:, j].to_numpy(dtype=object, na_value="") for j in range(df.shape[1])]
        sheet_name, hidden, filled, no_value = None, False, set(), set()
        text_only = True
    elif suffix == ".xlsx":
        sh = _xlsx_sheet(p, schema, sheet, problems)
        if sh is None:
            return None
        rows = sh.rows
        sheet_name, hidden = sh.name, sh.hidden
        if not rows:
            problems.add(InputError(T("the sheet is empty", "trang tính trống"), file=file, sheet=sheet_name, row=1,
                                    hint=T("the first row must name the columns (see `okrkit templates DIR`)",
                                           "dòng đầu phải ghi tên các cột (xem `okrkit templates DIR`)")))
            return None
        h, nh, header = _locate_header(rows, hmap)
        width = max(max(len(r) for r in rows), len(header))
        body_rows = rows[h + 1:]
        body = np.empty((len(body_rows), width), dtype=object)
        body[:] = None
        for i, r in enumerate(body_rows):
            body[i, : len(r)] = r
        cols = [body[:, j] for j in range(width)]
        filled = {(r - h - 1, c) for r, c in sh.filled if r > h}
        no_value = sh.no_value
        text_only = False
    else:
        raise InputError(T(f"unsupported table type {suffix or '(none)'!r}", f"không đọc được loại tệp {suffix or '(không có)'!r}"),
                         file=file, hint=T("use .csv or .xlsx", "dùng tệp .csv hoặc .xlsx"))
    header_row = h + 1                       # the Excel row number of the header's last row
    header = header + [(None, None, None)] * (len(cols) - len(header))
    stripped = [_stripped(c) for c in cols] if text_only else None
    blank_of = [(np.strings.str_len(x) == 0) for x in stripped] if text_only else [_is_blank(c) for c in cols]

    def at(row=None, column=None, **kw):
        return dict(file=file, sheet=sheet_name, row=row, column=column, **kw)

    # -- header: map each column to the schema; unknown ones are extra (listed), unless close to a missing one
    index_of: dict[str, int] = {}
    shown: dict[str, str] = {}
    unknown: list[tuple[int, str]] = []
    seen_headers: list[str] = []
    extra: list[str] = []
    for j, (combined, sub, text) in enumerate(header):
        if not text:
            if not blank_of[j].all():
                extra.append(f"{_excel_col(j)} ({'no name'})")
            continue
        seen_headers.append(text)
        name = (hmap.get(norm_header(combined)) if combined else None) or (hmap.get(norm_header(sub)) if sub else None)
        if name is None:
            unknown.append((j, text))
            continue
        if name in index_of:
            problems.add(InputError(T(f"two columns are read as '{name}': '{shown[name]}' and '{text}'",
                                      f"hai cột cùng được hiểu là '{name}': '{shown[name]}' và '{text}'"),
                                    **at(header_row, text),
                                    hint=T("keep one of the two columns, or rename one", "giữ một trong hai cột, hoặc đổi tên một cột")))
            continue
        index_of[name] = j
        shown[name] = text
    missing = [c for c in schema.columns if c.required and c.name not in index_of]
    missing_keys = {norm_header(k): v for k, v in hmap.items() if v in {c.name for c in missing}}
    absent_keys = {norm_header(k): v for k, v in hmap.items() if v not in index_of and v not in missing_keys.values()}
    for _j, text in unknown:
        close = difflib.get_close_matches(norm_header(text), list(missing_keys), n=1, cutoff=0.6)
        if not close:   # a misspelt optional column (targt) is not silently left out either
            near = difflib.get_close_matches(norm_header(text), list(absent_keys), n=1, cutoff=0.8)
            if near:
                close, missing_keys = near, {**missing_keys, near[0]: absent_keys.pop(near[0])}
        if close:
            c = schema.column(missing_keys[close[0]])
            problems.add(InputError(T(f"unknown column '{text}'", f"không rõ cột '{text}'"), **at(header_row, text),
                                    hint=T(f"did you mean {c.label('en')}? rename the column",
                                           f"có phải là cột {c.label('vi')}? hãy đổi tên cột")))
            missing = [m for m in missing if m.name != c.name]
            missing_keys = {k: v for k, v in missing_keys.items() if v != c.name}
        else:
            extra.append(text)
    unknown_texts = [t for _, t in unknown if t in extra]
    for c in missing:
        close = difflib.get_close_matches(norm_header(c.vi.split("(")[0]) if c.vi else c.name,
                                          [norm_header(t) for t in unknown_texts], n=1, cutoff=0.5)
        near = next((t for t in unknown_texts if close and norm_header(t) == close[0]), None)
        others = ", ".join(schema.column(n).label("en") for n in schema.required)
        others_vi = ", ".join(schema.column(n).label("vi") for n in schema.required)
        hint_en = f"add a column {c.label('en')}, e.g. {c.example!r}; the header row needs: {others}"
        hint_vi = f"thêm cột {c.label('vi')}, ví dụ {c.example!r}; dòng tiêu đề cần có: {others_vi}"
        if near:
            hint_en = f"is '{near}' this column? rename it to '{c.name}'; " + hint_en
            hint_vi = f"cột '{near}' có phải cột này? đổi tên thành '{c.name}'; " + hint_vi
        problems.add(InputError(T(f"missing column '{c.name}'", f"thiếu cột '{c.name}' ({(c.vi or c.en).split('(')[0].strip()})"),
                                **at(header_row), hint=T(hint_en, hint_vi)))
    if header_row > 1 and missing:
        problems.add(InputError(T(f"the header was taken from row {header_row} (the row that names most columns)",
                                  f"dòng tiêu đề được lấy ở dòng {header_row} (dòng ghi đúng nhiều tên cột nhất)"),
                                **at(header_row),
                                hint=T("if the header is on another row, put the column names there",
                                       "nếu dòng tiêu đề ở chỗ khác, hãy ghi tên cột ở dòng đó")))

    n = len(cols[0]) if cols else 0
    numbers = np.arange(header_row + 1, n + header_row + 1)
    blank_row = np.ones(n, dtype=bool)
    for j in range(len(cols)):
        blank_row &= blank_of[j]
    # -- total rows: a label such as "Tổng cộng" and a required cell empty
    total_row = np.zeros(n, dtype=bool)
    req_idx = [index_of[c.name] for c in schema.columns if c.required and c.name in index_of]
    if n and req_idx:
        gap = np.zeros(n, dtype=bool)          # only a row with a required cell empty can be a total row
        for r in req_idx:
            gap |= blank_of[r]
        for k in np.flatnonzero(gap & ~blank_row):
            for j in range(len(cols)):
                v = cols[j][k]
                if isinstance(v, str) and 0 < len(v) <= 24 and _TOTAL_RE.match(norm_header(v)) \
                        and any(blank_of[r][k] for r in req_idx if r != j):
                    total_row[k] = True
                    break
    total_row &= ~blank_row
    keep = ~blank_row & ~total_row
    rows_in = int(keep.sum())
    blank = int(blank_row.sum())
    row_numbers = numbers[keep]
    keep_pos = np.flatnonzero(keep)
    data: dict[str, Any] = {}
    bad_row = np.zeros(rows_in, dtype=bool)

    def flag(mask, column: str, what_fn, hint, group: str):
        nonlocal bad_row
        bad_row |= mask
        for k in np.flatnonzero(mask):
            problems.add(InputError(what_fn(k), **at(int(row_numbers[k]), shown.get(column, column)), hint=hint),
                         group=(sheet_name, column, group))

    # -- formulas with no saved value, in the columns used
    formula_cells: dict[str, list[int]] = {}
    if no_value:
        used = set(index_of.values())
        pos_of = {int(p): i for i, p in enumerate(keep_pos)}
        for (r, c) in sorted(no_value):
            k = pos_of.get(r - h - 1)
            if k is None or c not in used:
                continue
            col = next(nm for nm, j in index_of.items() if j == c)
            formula_cells.setdefault(col, []).append(k)
            bad_row[k] = True
            problems.add(InputError(
                T("a formula with no saved value (the file was written by a program and never calculated)",
                  "ô có công thức nhưng chưa có giá trị đã lưu (tệp do chương trình tạo và chưa được tính)"),
                **at(int(row_numbers[k]), shown[col], cell=f"{_excel_col(c)}{int(row_numbers[k])}"),
                hint=T("open the file in Excel or LibreOffice and save it, so the values are stored",
                       "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để giá trị được lưu trong tệp")),
                group=(sheet_name, col, "formula"))

    rates = _OPTIONS.get().rates
    converted = 0
    for c in schema.columns:
        j = index_of.get(c.name)
        if j is None:
            continue
        values = cols[j][keep]
        empty = blank_of[j][keep]
        st = stripped[j][keep] if text_only else None
        label = c.label("en")
        label_vi = c.label("vi")
        ex = c.example
        if c.name in formula_cells:      # said once, as a formula with no value, not also as empty
            empty = empty.copy()
            empty[formula_cells[c.name]] = False
        if c.required and not c.optional_value:
            flag(empty, c.name, lambda k: T("is empty", "đang trống"),
                 T(f"fill in {label}, e.g. {ex!r}", f"điền {label_vi}, ví dụ {ex!r}"), "empty")
        if c.kind in ("id", "text", "choice"):
            texts = _texts(values, text_only, st)
            texts[empty] = None
            if c.kind == "choice":
                texts = _choices(texts, c, flag)
            data[c.name] = texts
        elif c.kind in ("number", "int"):
            if c.words:
                lookup = {norm_header(w): v for w, v in c.words}
                values = values.copy()
                for k, v in enumerate(values):
                    if isinstance(v, str) and norm_header(v) in lookup:
                        values[k] = lookup[norm_header(v)]
                st = None
                text_only_c = False
            else:
                text_only_c = text_only
            units: dict[int, str] = {}
            nums, bad, msgs = parse_numbers(values, text_only=text_only_c, st=st, units=units)
            flag(bad, c.name, lambda k, _v=values: T(f"{_cell_text(_v[k])!r} is not a number",
                                                   f"{_cell_text(_v[k])!r} không phải là số"),
                 T(f"write a number such as {ex!r} (1.500.000 and '2,5 tỷ' are fine)",
                   f"ghi một số, ví dụ {ex!r} (viết 1.500.000 hay '2,5 tỷ' đều được)"), "number")
            if units:
                money = np.zeros(len(nums), dtype=bool)
                for k, u in units.items():
                    if u == "%":
                        if c.is_share:
                            nums[k] = nums[k] / 100.0
                    elif u in CURRENCIES and u != TABLE_CURRENCY and not c.any_unit:
                        if u in rates:
                            nums[k] = nums[k] * rates[u]
                            converted += 1
                        else:
                            money[k] = True
                flag(money, c.name, lambda k, _v=values, _u=units: T(
                    f"{_cell_text(_v[k])!r} is in {_u[k]}, not {TABLE_CURRENCY}",
                    f"{_cell_text(_v[k])!r} tính bằng {_u[k]}, không phải {TABLE_CURRENCY}"),
                     T(f"write the amount in {TABLE_CURRENCY}, or give the rate: --rate {'USD'}=25400 "
                       f"(1 unit in {TABLE_CURRENCY})",
                       f"ghi số tiền bằng {TABLE_CURRENCY}, hoặc cho tỷ giá: --rate USD=25400 "
                       f"(1 đơn vị ngoại tệ bằng bao nhiêu {TABLE_CURRENCY})"), "currency")
                nums[money] = np.nan
            if c.kind == "int":
                frac = ~np.isnan(nums) & (nums != np.round(nums))
                flag(frac, c.name, lambda k, _v=nums: T(f"{_v[k]:g} is not a whole number", f"{_v[k]:g} không phải số nguyên"),
                     T("write a whole number", "ghi một số nguyên"), "int")
            if c.min is not None:
                low = ~np.isnan(nums) & (nums < c.min)
                rng = f"{c.min:g}" + (f"–{c.max:g}" if c.max is not None else "")
                flag(low, c.name, lambda k, _v=nums, _c=c: T(f"{_v[k]:g} is below {_c.min:g}", f"{_v[k]:g} nhỏ hơn {_c.min:g}"),
                     T(f"use a value in {rng}", f"dùng giá trị trong khoảng {rng}"), "min")
            if c.max is not None:
                high = ~np.isnan(nums) & (nums > c.max)
                share_en = f" (a share: write {0.7:g} or 70%)" if c.is_share else ""
                share_vi = " (tỷ lệ: ghi 0,7 hoặc 70%)" if c.is_share else ""
                flag(high, c.name, lambda k, _v=nums, _c=c: T(f"{_v[k]:g} is above {_c.max:g}", f"{_v[k]:g} lớn hơn {_c.max:g}"),
                     T(f"use a value up to {c.max:g}{share_en}", f"dùng giá trị không quá {c.max:g}{share_vi}"), "max")
            data[c.name] = nums
        elif c.kind == "date":
            days, bad = parse_dates(values, text_only=text_only, st=st)
            flag(bad, c.name, lambda k, _v=values: T(f"{_cell_text(_v[k])!r} is not a date", f"{_cell_text(_v[k])!r} không phải ngày"),
                 T("write dates as 2026-03-31 or 31/03/2026 (day first)", "ghi ngày dạng 31/03/2026 (ngày trước) hoặc 2026-03-31"),
                 "date")
            data[c.name] = days
        elif c.kind == "month":
            months, bad = parse_months(values)
            flag(bad, c.name, lambda k, _v=values: T(f"{_cell_text(_v[k])!r} is not a month", f"{_cell_text(_v[k])!r} không phải tháng"),
                 T("write the month as 2026-03 or 03/2026", "ghi tháng dạng 03/2026 hoặc 2026-03"), "month")
            data[c.name] = months
        elif c.kind == "bool":
            texts = _texts(values, text_only, st)
            low = np.array([("" if t is None else t).lower() for t in texts], dtype=object)
            yes = np.isin(low, list(_YES))
            no = np.isin(low, list(_NO))
            flag(~yes & ~no & ~empty, c.name, lambda k, _v=texts: T(f"{_v[k]!r} is not yes or no", f"{_v[k]!r} không phải có/không"),
                 T("write yes/no (có/không)", "ghi có/không (yes/no)"), "bool")
            arr = np.where(yes, True, np.where(no, False, None)).astype(object)
            data[c.name] = arr

    frame = pd.DataFrame(data, index=pd.Index(row_numbers, name="row"))
    for c in schema.columns:
        if c.name not in frame:
            frame[c.name] = None if c.kind not in ("number", "int") else np.nan
    frame = frame[list(schema.names)]

    if schema.key and all(k in index_of for k in schema.key):
        dup_mask = _flag_duplicates(frame, schema, file, sheet_name, problems, shown)
        bad_row |= dup_mask
    del start_problems
    used_pos = {int(p) for p in keep_pos}
    table = Table(schema.name, file, sheet_name, frame.loc[~bad_row] if bad_row.any() else frame,
                  rows_in, blank, tuple(seen_headers), frame, header_row=header_row, header_rows=nh,
                  hidden_sheet=hidden, total_rows=tuple(int(x) for x in numbers[total_row]),
                  extra_columns=tuple(extra), headers=dict(shown),
                  filled_cells=sum(1 for r, c in filled if r in used_pos and c in set(index_of.values())),
                  converted_cells=converted)
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
    words_vi = ", ".join(c.choices + tuple(a for a, _ in c.aliases if not a.isascii())[:6])
    flag(bad, c.name, lambda k: T(f"{texts[k]!r} is not one of {', '.join(c.choices)}",
                                  f"{texts[k]!r} không thuộc các giá trị cho phép"),
         T(f"use one of: {', '.join(c.choices)}", f"dùng một trong: {words_vi}"), "choice")
    return out


def _flag_duplicates(frame, schema: Schema, file: str, sheet_name: str | None, problems: Problems, shown=None):
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
        text = " / ".join(str(k.astype("datetime64[M]")) if isinstance(k, np.datetime64) else str(k) for k in key)
        problems.add(InputError(T(f"duplicate {label} '{text}' (first on row {first_row[key]})",
                                  f"trùng {label} '{text}' (đã có ở dòng {first_row[key]})"), file=file,
                                sheet=sheet_name, row=int(row), column=(shown or {}).get(schema.key[0], schema.key[0]),
                                hint=T(f"keep one row per {label}, or merge the two rows",
                                       f"mỗi {label} chỉ một dòng: xoá hoặc gộp hai dòng")),
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
