"""The planning report as a formatted Excel workbook.

Each table of the report becomes one sheet named in the report's language, with a
bold header row on a tinted background, the header frozen, a filter on every column,
number formats by kind (money in whole đồng with digit grouping, shares as %, dates
as dates) and column widths that fit the contents.  Excel then shows the digits the
way the reader's Excel writes them (``1.234.567`` in a Vietnamese Excel).

The cells are written by rust_xlsxwriter (the Rust port of XlsxWriter, by XlsxWriter's author) through
xlsxturbo, which takes a whole column at a time: on the 70,000-transaction report it is several times
faster than XlsxWriter and than the pandas + openpyxl writer the kit once used
(``benchmarks/bench_report_xlsx.py`` measures all three).  XlsxWriter, pure Python, writes the same
workbook where xlsxturbo is not installed.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime

# Excel number format per column kind (the kinds of okrkit.report.Sheet columns).
NUMBER_FORMATS = {
    "money": "#,##0", "signed_money": "+#,##0;-#,##0;0", "int": "#,##0", "number": "#,##0.##",
    "pct": "0%", "signed_pct": "+0.0%;-0.0%;0.0%", "ratio": "0.00",
}
DATE_FORMATS = {"vi": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, none of ``[]:*?/\\``) for ``title``."""
    base = _BAD_SHEET_CHARS.sub("-", title).strip("' ") or "Sheet"
    name = base[:31]
    n = 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(name.lower())
    return name


def _cell(value, kind: str, lang: str, text):
    """The value to store: numbers and dates as such, words through ``text`` (the report's formatter)."""
    if value is None or value is getattr(value, "_NaT", object()):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if kind in NUMBER_FORMATS:
        try:
            v = float(value)
        except (TypeError, ValueError):
            return None
        return None if math.isnan(v) or math.isinf(v) else v
    if kind == "date":
        if hasattr(value, "to_pydatetime"):
            try:
                value = value.to_pydatetime()
            except ValueError:
                return None
        if isinstance(value, (datetime, date)):
            return value
        return None
    out = text(value, kind)
    return None if out in ("", "–") else out


class _Column:
    """One column ready to write: its header, kind, values (numbers, dates or words) and width."""

    __slots__ = ("header", "kind", "values", "width")

    def __init__(self, header, kind, values, width):
        self.header, self.kind, self.values, self.width = header, kind, values, width


def _prepare(frame, columns, lang: str, text) -> list[_Column]:
    """A sheet's columns as values to store: numbers as float64 (NaN = unknown, left blank), dates as Excel
    serial days (NaN = unknown), words through ``text`` (``None`` = blank), and a width that fits them."""
    import numpy as np
    import pandas as pd

    n = len(frame)
    out = []
    for col, header, kind in columns:
        series = frame[col] if col in frame else pd.Series([None] * n, index=frame.index)
        if kind in NUMBER_FORMATS:
            values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
            values[~np.isfinite(values)] = np.nan
            sample = values[np.isfinite(values)][:500]
            width = max([len(header) * 0.9] + [len(f"{abs(v):,.0f}") + 3 for v in sample.tolist()]) if len(sample) \
                else len(header)
        elif kind == "date":
            values = pd.to_datetime(series, errors="coerce").to_numpy(dtype="datetime64[ns]")   # NaT = unknown
            width = max(11, len(header) * 0.9)
        else:
            width = len(header) * 0.9
            cache: dict = {}
            values = []
            for i, v in enumerate(series.tolist()):
                key = (v, type(v)) if isinstance(v, (str, int, float, bool, type(None))) else None
                if key is not None and key in cache:
                    got = cache[key]
                else:
                    got = _cell(v, kind, lang, text)
                    got = None if got is None else str(got)
                    if key is not None:
                        cache[key] = got
                values.append(got)
                if got is not None and i < 500:
                    width = max(width, len(got))
        out.append(_Column(header, kind, values, min(60, max(8, width + 2))))
    return out


HEADER = {"bold": True, "bg_color": "#DCE6F1", "border": 1, "border_color": "#9DB3CE", "text_wrap": True,
          "valign": "top"}


def write_workbook(sheets, lang: str, text, *, summary: list[str] | None = None, summary_title: str = "Summary",
                   engine: str | None = None) -> bytes:
    """The workbook's bytes: an optional summary sheet of lines, then one sheet per table.

    ``sheets`` is a list of ``(title, frame, columns)`` where ``columns`` is a tuple of
    ``(column, header, kind)``; ``text(value, kind)`` turns an enum, flag or label into
    words of ``lang``.

    ``engine``: ``"xlsxturbo"`` (rust_xlsxwriter through xlsxturbo: the default, several times faster on a
    large report) or ``"xlsxwriter"`` (XlsxWriter, pure Python: used where xlsxturbo is not installed, or a
    sheet's headers cannot be told apart by name).  Both write the same cells, formats, widths, frozen header
    and filters.
    """
    taken: set[str] = set()
    summary_name = sheet_name(summary_title, taken) if summary is not None else None
    prepared = [(sheet_name(title_, taken), _prepare(frame, columns, lang, text), len(frame))
                for title_, frame, columns in sheets]
    if engine in (None, "xlsxturbo"):
        try:
            import xlsxturbo  # noqa: F401
        except ImportError:
            if engine == "xlsxturbo":
                raise
        else:
            names_clash = any(len({c.header for c in cols}) < len(cols) or any("*" in c.header for c in cols)
                              for _, cols, _ in prepared)
            if engine == "xlsxturbo" or not names_clash:
                return _write_turbo(prepared, lang, summary, summary_name)
    return _write_xlsxwriter(prepared, lang, summary, summary_name)


def _write_turbo(prepared, lang: str, summary, summary_name) -> bytes:
    import pandas as pd
    import xlsxturbo

    header = {"bold": True, "bg_color": HEADER["bg_color"], "border": True, "border_color": HEADER["border_color"],
              "wrap_text": True, "align_vertical": "top"}
    date_format = DATE_FORMATS.get(lang, "yyyy-mm-dd")
    books = []
    if summary is not None:
        lines = list(summary) or [""]
        books.append((pd.DataFrame({lines[0]: pd.Series([x or None for x in lines[1:]], dtype=object)}), summary_name,
                      {"header_format": {"bold": True, "font_size": 14}, "column_widths": {0: 110},
                       "column_formats": {lines[0]: {"wrap_text": True}}, "freeze_panes": False, "autofilter": False}))
    for name, cols, _n in prepared:
        data, formats, widths = {}, {}, {}
        for j, c in enumerate(cols):
            if c.kind in NUMBER_FORMATS:
                data[c.header] = c.values
                formats[c.header] = {"num_format": NUMBER_FORMATS[c.kind]}
            elif c.kind == "date":
                data[c.header] = c.values
                formats[c.header] = {"num_format": date_format}
            else:
                data[c.header] = pd.Series(c.values, dtype=object)
                if c.width >= 60:
                    formats[c.header] = {"wrap_text": True, "align_vertical": "top"}
            widths[j] = c.width
        frame = pd.DataFrame(data) if cols else pd.DataFrame()
        books.append((frame, name, {"column_formats": formats, "column_widths": widths, "freeze_panes": (1, 0),
                                    "autofilter": bool(cols)}))
    buf = io.BytesIO()
    xlsxturbo.dfs_to_xlsx(books, buf, header_format=header)
    return buf.getvalue()


def _write_xlsxwriter(prepared, lang: str, summary, summary_name) -> bytes:
    import numpy as np
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False, "nan_inf_to_errors": False})
    wb.set_properties({"created": datetime(2026, 1, 1), "author": "okrkit"})
    head = wb.add_format(HEADER)
    formats = {k: wb.add_format({"num_format": f}) for k, f in NUMBER_FORMATS.items()}
    formats["date"] = wb.add_format({"num_format": DATE_FORMATS.get(lang, "yyyy-mm-dd")})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    if summary is not None:
        ws = wb.add_worksheet(summary_name)
        title = wb.add_format({"bold": True, "font_size": 14})
        ws.set_column(0, 0, 110, wrap)
        for i, line in enumerate(summary):
            if line:
                ws.write_string(i, 0, line, title if i == 0 else None)
    for name, cols, n in prepared:
        ws = wb.add_worksheet(name)
        ws.freeze_panes(1, 0)
        for j, c in enumerate(cols):
            ws.write_string(0, j, c.header, head)
            if c.kind in NUMBER_FORMATS or c.kind == "date":
                fmt = formats[c.kind]
                values = c.values
                if c.kind == "date":   # Excel keeps a date as days since 1899-12-30
                    known = ~np.isnat(values)
                    values = np.full(len(values), np.nan)
                    values[known] = (c.values[known] - np.datetime64("1899-12-30", "ns")) / np.timedelta64(1, "D")
                finite = np.isfinite(values)
                write = ws.write_number
                for i, v in zip(np.flatnonzero(finite).tolist(), values[finite].tolist()):
                    write(i + 1, j, v, fmt)
            else:
                write = ws.write_string
                for i, v in enumerate(c.values):
                    if v is not None:
                        write(i + 1, j, v)
            ws.set_column(j, j, c.width, wrap if c.width >= 60 else None)
        if cols:
            ws.autofilter(0, 0, max(n, 1), len(cols) - 1)
    wb.close()
    return buf.getvalue()
