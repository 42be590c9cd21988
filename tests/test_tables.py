"""Tests for okrkit.tables: a manager's table read whole, every problem listed at once."""

from __future__ import annotations

import math

import pytest
from openpyxl import Workbook

from okrkit.errors import ProblemList
from okrkit.tables import Column, Schema, norm_header, parse_dates, parse_months, parse_numbers, read_frame

SCHEMA = Schema("deals", (
    Column("id", "id", example="D1"),
    Column("day", "date", example="2026-03-05", headers=("ngày",)),
    Column("amount", "number", example="1.500.000", headers=("doanh số",)),
    Column("stage", "choice", example="open", choices=("open", "won"), aliases=(("đang mở", "open"),)),
    Column("note", "text", required=False, example=""),
), key=("id",))


def write_csv(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(path, rows, sheet="deals"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def messages(exc: ProblemList) -> list[str]:
    return exc.lines()


def test_good_csv_counts_rows_in_and_used(tmp_path):
    """A clean CSV: every non-blank row is used, blank rows are counted, row numbers are Excel's."""
    p = write_csv(tmp_path / "d.csv", "id,day,amount,stage\nD1,2026-03-05,1500000,open\n,,,\nD2,06/03/2026,\"2,5 tỷ\",won\n")
    t = read_frame(p, SCHEMA)
    assert (t.rows_in, t.blank, t.rows_used) == (2, 1, 2)
    assert list(t.frame.index) == [2, 4]
    assert t.frame.loc[4, "amount"] == 2.5e9
    assert str(t.frame.loc[4, "day"].date()) == "2026-03-06"


def test_vietnamese_numbers_and_headers(tmp_path):
    """Vietnamese headers, thousands dots, decimal commas and scale words are read."""
    p = write_csv(tmp_path / "d.csv", "ID;Ngày;Doanh số;Stage\nD1;31/03/2026;1.500.000;đang mở\nD2;2026-03-01;2,5 tỷ;won\n"
                                      "D3;01-03-2026;800 triệu;won\n")
    t = read_frame(p, SCHEMA)
    assert list(t.frame["amount"]) == [1_500_000.0, 2_500_000_000.0, 800_000_000.0]
    assert list(t.frame["stage"]) == ["open", "won", "won"]


def test_every_problem_listed_at_once(tmp_path):
    """Text in a number cell, a bad date, an empty required cell, a bad choice, a duplicate id: all listed."""
    p = write_csv(tmp_path / "d.csv", "id,day,amount,stage\n"
                                      "D1,2026-03-05,abc,open\n"
                                      "D2,35/03/2026,100,open\n"
                                      "D3,2026-03-05,,open\n"
                                      "D4,2026-03-05,100,maybe\n"
                                      "D1,2026-03-06,100,won\n")
    with pytest.raises(ProblemList) as err:
        read_frame(p, SCHEMA)
    lines = messages(err.value)
    assert len(lines) == 5
    assert f"{p}: row 2, column amount: 'abc' is not a number" in lines[0]
    assert any("row 3, column day: '35/03/2026' is not a date" in x and "31/03/2026" in x for x in lines)
    assert any("row 4, column amount: is empty" in x for x in lines)
    assert any("row 5, column stage: 'maybe' is not one of open, won" in x for x in lines)
    assert any("row 6, column id: duplicate id 'D1' (first on row 2)" in x for x in lines)
    assert all(" — " in x for x in lines), "every line says what to do"


def test_missing_misspelled_and_extra_columns(tmp_path):
    """A missing column and a misspelled one (with a suggestion) are problems; a column the table does not use is not."""
    p = write_csv(tmp_path / "d.csv", "id,dya,amount,colour\nD1,2026-03-05,1,red\n")
    with pytest.raises(ProblemList) as err:
        read_frame(p, SCHEMA)
    lines = messages(err.value)
    assert any("row 1, column dya: unknown column 'dya' — did you mean 'day'?" in x for x in lines)
    assert not any("colour" in x for x in lines)
    assert not any("missing column 'day'" in x for x in lines), "'dya' is named as the missing 'day'"
    assert any("row 1: missing column 'stage'" in x for x in lines)


def test_xlsx_messages_name_the_sheet(tmp_path):
    """Problems in a workbook name file, sheet, row and column; Excel dates and numbers are taken as they are."""
    from datetime import datetime

    p = write_xlsx(tmp_path / "d.xlsx", [["stage", "amount", "id", "day"],
                                        ["open", 1500000, "D1", datetime(2026, 3, 5)],
                                        [None, None, None, None],
                                        ["won", "2,5 tỷ", "D2", "07/03/2026"],
                                        ["won", "mười", "D3", "2026-03-08"]])
    with pytest.raises(ProblemList) as err:
        read_frame(p, SCHEMA)
    (line,) = messages(err.value)
    assert line.startswith(f"{p}: sheet deals, row 5, column amount: 'mười' is not a number")


def test_problems_beyond_the_limit_are_counted(tmp_path):
    """Hundreds of rows with one mistake give 20 lines and one line counting the rest (none dropped silently)."""
    body = "".join(f"D{i},2026-03-05,x{i},open\n" for i in range(100))
    p = write_csv(tmp_path / "d.csv", "id,day,amount,stage\n" + body)
    with pytest.raises(ProblemList) as err:
        read_frame(p, SCHEMA)
    lines = messages(err.value)
    assert len(lines) == 21
    assert "80 more rows with the same problem" in lines[-1]


def test_unreadable_files(tmp_path):
    """A missing file, an empty file and a broken workbook are one clear problem each."""
    for path, text in ((tmp_path / "none.csv", None), (tmp_path / "empty.csv", ""), (tmp_path / "bad.xlsx", "zz")):
        if text is not None:
            path.write_text(text)
        with pytest.raises(ProblemList) as err:
            read_frame(path, SCHEMA)
        assert str(path) in err.value.lines()[0]


def test_parsers():
    """Cell parsers: numbers, dates (day first) and months in the shapes managers type."""
    import numpy as np

    nums, bad, _ = parse_numbers(np.array(["1.500.000", "2,5 tỷ", 3, "-4.000", "x", None], dtype=object))
    assert list(nums[:4]) == [1_500_000.0, 2.5e9, 3.0, -4000.0]
    assert list(bad) == [False, False, False, False, True, False]
    assert math.isnan(nums[5])
    days, bad = parse_dates(np.array(["2026-03-31", "31/03/2026", "31.03.2026", 46112, "nope"], dtype=object))
    assert [str(d) for d in days[:4]] == ["2026-03-31"] * 3 + ["2026-03-31"]
    assert list(bad) == [False, False, False, False, True]
    months, bad = parse_months(np.array(["2026-03", "03/2026", "T3/2026", "tháng 3/2026", "13/2026"], dtype=object))
    assert [str(m) for m in months[:4]] == ["2026-03-01"] * 4
    assert list(bad) == [False] * 4 + [True]
    assert norm_header(" Doanh Số ") == "doanh_so"


def test_csv_not_in_utf8(tmp_path):
    """A CSV saved in a Windows code page is one clear problem that says how to save it again."""
    p = tmp_path / "d.csv"
    p.write_bytes("id,day,amount,stage,note\nD1,2026-03-05,100,open,Đà\n".encode("cp1258"))
    with pytest.raises(ProblemList) as err:
        read_frame(p, SCHEMA)
    (line,) = err.value.lines()
    assert "is not UTF-8" in line and "CSV UTF-8" in line
