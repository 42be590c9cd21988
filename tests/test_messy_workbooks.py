"""Managers' workbooks as they are really made: each read exactly, or refused with every problem located.

Every workbook is built here with openpyxl or XlsxWriter the way a Vietnamese
sales manager lays it out (title rows, two-row and merged headers, merged body
cells, hidden sheets, formulas with and without saved values, other currencies,
percent weights, Vietnamese headers, Excel serial dates, extra columns, blank
and total rows).  A case that is read is checked against a calculation made
here from the cells themselves; a case that is refused must name file, sheet,
row and column of every problem.  A few go through the real command
(``okrkit report … --lang vi``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import okrkit as ok
from okrkit.errors import ProblemList
from okrkit.files import read_okr_table
from okrkit.report import load_kpis
from okrkit.sales import load_sales
from okrkit.tables import reading

ROOT = Path(__file__).resolve().parents[1]

CUSTOMERS = [("KH01", "Cửa hàng Minh Anh", "partner"), ("KH02", "Siêu thị Hoa Mai", "first-orders"),
             ("KH03", "Nhà sách Bình Minh", "approaching")]
VI_TX_HEADER = ["Ngày", "Mã KH", "Mã NV", "Sản phẩm", "SL", "Doanh số"]


def sales_rows(n=9, start=date(2026, 1, 5)):
    """``n`` sales (day, customer, rep, product line, quantity, amount in VND)."""
    lines = ("Phần mềm POS", "Dịch vụ triển khai", "Máy in hoá đơn")
    return [(start + timedelta(days=3 * i), CUSTOMERS[i % 3][0], f"R0{1 + i % 2}", lines[i % 3], 1 + i % 4,
             1_000_000 * (i + 1) + 250_000) for i in range(n)]


def add_customers(wb, title="Khách hàng"):
    ws = wb.create_sheet(title)
    ws.append(["Mã KH", "Tên khách hàng", "Mức độ"])
    for c in CUSTOMERS:
        ws.append(list(c))
    return ws


def new_book():
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


def independent_sum(path: Path, sheet: str, column_header: str, header_row: int) -> float:
    """The sum of a column computed straight from the saved cells (openpyxl, values as saved)."""
    ws = load_workbook(path, data_only=True)[sheet]
    header = [c.value for c in ws[header_row]]
    j = header.index(column_header)
    total = 0.0
    for r in ws.iter_rows(min_row=header_row + 1, values_only=True):
        v = r[j]
        if isinstance(v, (int, float)) and not (isinstance(r[0], str) and r[0].lower().startswith("tổng")):
            total += v
    return total


def locate(err: ProblemList):
    """Every problem as (file, sheet, row, column) — each must be located."""
    return [(p.file, p.sheet, p.row, p.column) for p in err.problems]


# ---------------------------------------------------------------- sales workbooks that are read

def test_title_rows_vietnamese_headers_sl_and_extra_columns(tmp_path):
    """Title on row 1, header on row 3, Vietnamese headers with SL and Sản phẩm, STT and Ghi chú ignored and listed."""
    p = tmp_path / "bao_cao.xlsx"
    wb = new_book()
    ws = wb.create_sheet("Giao dịch")
    ws.append(["BÁO CÁO DOANH SỐ QUÝ 1/2026"])
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["STT", *VI_TX_HEADER, "Ghi chú"])
    rows = sales_rows()
    for i, r in enumerate(rows, 1):
        ws.append([i, *r, "gọi lại" if i == 2 else None])
    add_customers(wb)
    wb.save(p)
    data = load_sales(p)
    (t,) = [t for t in data.tables if t.schema == "transactions"]
    assert (t.sheet, t.header_row, t.rows_used) == ("Giao dịch", 3, len(rows))
    assert set(t.extra_columns) == {"STT", "Ghi chú"}
    assert data.transactions["amount"].sum() == independent_sum(p, "Giao dịch", "Doanh số", 3)
    assert data.transactions["quantity"].sum() == sum(r[4] for r in rows)
    assert sorted(data.transactions["product_line"].unique()) == sorted({r[3] for r in rows})
    assert any("row 3" in n for n in t.notes("en")) and any("dòng 3" in n for n in t.notes("vi"))


def test_two_row_merged_header_and_merged_body_cells(tmp_path):
    """A group title merged over sub-titles is one header; a rep written once over several rows counts for each."""
    p = tmp_path / "hai_dong.xlsx"
    wb = new_book()
    ws = wb.create_sheet("Giao dịch")
    ws.append(["Thông tin giao dịch", None, None, "Hàng hoá", None, "Giá trị"])
    ws.append(["Ngày", "Mã KH", "Mã NV", "Sản phẩm", "SL", "Thành tiền"])
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:E1")
    rows = sales_rows(8)
    for k, r in enumerate(rows):
        # the rep is written once per block of four rows, the cell merged down over the block
        ws.append([r[0], r[1], ("R01" if k < 4 else "R02") if k % 4 == 0 else None, r[3], r[4], r[5]])
    ws.merge_cells("C3:C6")
    ws.merge_cells("C7:C10")
    add_customers(wb)
    wb.save(p)
    data = load_sales(p)
    (t,) = [t for t in data.tables if t.schema == "transactions"]
    assert (t.header_row, t.rows_used) == (2, 8)
    assert (t.header_of("rep_id"), t.header_of("amount")) == ("Mã NV", "Thành tiền")
    by_rep = data.transactions.groupby("rep_id", observed=True)["amount"].sum().to_dict()
    assert by_rep == {"R01": sum(r[5] for r in rows[:4]), "R02": sum(r[5] for r in rows[4:])}
    assert t.filled_cells == 6


def test_hidden_old_sheet_is_not_read_instead_of_the_visible_one(tmp_path):
    """A hidden `transactions` sheet from last year and a visible `Giao dịch`: the visible one is read."""
    p = tmp_path / "hai_trang.xlsx"
    wb = new_book()
    old = wb.create_sheet("transactions")
    old.append(["date", "customer_id", "rep_id", "product_line", "amount"])
    old.append([date(2025, 1, 3), "KH01", "R01", "Phần mềm POS", 999_000_000])
    old.sheet_state = "hidden"
    ws = wb.create_sheet("Giao dịch")
    ws.append(VI_TX_HEADER)
    rows = sales_rows()
    for r in rows:
        ws.append(list(r))
    add_customers(wb)
    wb.save(p)
    data = load_sales(p)
    assert data.transactions["amount"].sum() == sum(r[5] for r in rows)
    (t,) = [t for t in data.tables if t.schema == "transactions"]
    assert t.sheet == "Giao dịch" and not t.hidden_sheet


def test_table_only_on_a_hidden_sheet_is_refused_unless_named(tmp_path):
    """The only transactions are on a hidden sheet: refused naming it; named with --sheet, read and said so."""
    p = tmp_path / "an.xlsx"
    wb = new_book()
    ws = wb.create_sheet("transactions")
    ws.append(VI_TX_HEADER)
    rows = sales_rows(5)
    for r in rows:
        ws.append(list(r))
    ws.sheet_state = "hidden"
    add_customers(wb)
    wb.save(p)
    with pytest.raises(ProblemList) as err:
        load_sales(p)
    (line,) = [x for x in err.value.lines("vi") if "ẩn" in x]
    assert "trang tính ẩn 'transactions'" in line and "--sheet transactions=transactions" in line
    with reading(sheets={"transactions": "transactions"}):
        data = load_sales(p)
    (t,) = [t for t in data.tables if t.schema == "transactions"]
    assert t.hidden_sheet and data.transactions["amount"].sum() == sum(r[5] for r in rows)
    assert any("hidden sheet" in n for n in t.notes("en"))


def test_formulas_with_saved_values_are_read(tmp_path):
    """Amounts as formulas (quantity × price) with the values the spreadsheet saved: read as saved."""
    import xlsxwriter

    p = tmp_path / "cong_thuc.xlsx"
    book = xlsxwriter.Workbook(str(p))
    ws = book.add_worksheet("Giao dịch")
    ws.write_row(0, 0, ["Ngày", "Mã KH", "Mã NV", "Sản phẩm", "SL", "Đơn giá", "Doanh số"])
    dfmt = book.add_format({"num_format": "dd/mm/yyyy"})
    rows = sales_rows(6)
    for i, r in enumerate(rows, start=1):
        price = 1_500_000 + 100_000 * i
        ws.write_datetime(i, 0, __import__("datetime").datetime(r[0].year, r[0].month, r[0].day), dfmt)
        ws.write_row(i, 1, [r[1], r[2], r[3], r[4], price])
        ws.write_formula(i, 6, f"=E{i + 1}*F{i + 1}", None, r[4] * price)
    cws = book.add_worksheet("Khách hàng")
    cws.write_row(0, 0, ["Mã KH", "Tên khách hàng", "Mức độ"])
    for k, c in enumerate(CUSTOMERS, start=1):
        cws.write_row(k, 0, list(c))
    book.close()
    data = load_sales(p)
    expected = sum(r[4] * (1_500_000 + 100_000 * i) for i, r in enumerate(rows, start=1))
    assert data.transactions["amount"].sum() == expected == independent_sum(p, "Giao dịch", "Doanh số", 1)
    assert "Đơn giá" in [t for t in data.tables if t.schema == "transactions"][0].extra_columns


def test_serial_dates_blank_and_total_rows(tmp_path):
    """Dates as Excel serial numbers, blank rows and a `Tổng cộng` row: the total is not counted as a sale."""
    p = tmp_path / "tong.xlsx"
    wb = new_book()
    ws = wb.create_sheet("Giao dịch")
    ws.append(VI_TX_HEADER)
    rows = sales_rows(7)
    for k, r in enumerate(rows):
        ws.append([excel_serial(r[0]), *r[1:]])
        if k == 3:
            ws.append([])
    ws.append([])
    ws.append(["Tổng cộng", None, None, None, sum(r[4] for r in rows), sum(r[5] for r in rows)])
    add_customers(wb)
    wb.save(p)
    data = load_sales(p)
    (t,) = [t for t in data.tables if t.schema == "transactions"]
    assert (t.rows_used, t.blank, len(t.total_rows)) == (7, 2, 1)
    assert data.transactions["amount"].sum() == sum(r[5] for r in rows)
    assert sorted(d.date() for d in data.transactions["date"]) == sorted(r[0] for r in rows)


def test_other_currency_converted_only_at_a_given_rate(tmp_path):
    """`1.200 USD` in a VND column is refused naming the cell; with a rate it is converted at that rate."""
    p = tmp_path / "usd.xlsx"
    wb = new_book()
    ws = wb.create_sheet("Giao dịch")
    ws.append(VI_TX_HEADER)
    rows = sales_rows(4)
    for k, r in enumerate(rows):
        ws.append([*r[:5], "1.200 USD" if k == 2 else r[5]])
    add_customers(wb)
    wb.save(p)
    before = sha(p)
    with pytest.raises(ProblemList) as err:
        load_sales(p)
    (prob,) = err.value.problems
    assert (prob.file, prob.sheet, prob.row, prob.column) == (str(p), "Giao dịch", 4, "Doanh số")
    assert "USD" in prob.line("vi") and "--rate" in prob.line("vi")
    with reading(rates={"USD": 25_400}):
        data = load_sales(p)
    assert data.transactions["amount"].sum() == sum(r[5] for k, r in enumerate(rows) if k != 2) + 1200 * 25_400
    assert sha(p) == before


# ---------------------------------------------------------------- refused, every problem located

def test_formulas_without_saved_values_are_refused_with_their_cells(tmp_path):
    """Formulas written by a program (no saved value) are refused cell by cell, saying to open and save the file."""
    p = tmp_path / "chua_tinh.xlsx"
    wb = new_book()
    ws = wb.create_sheet("Giao dịch")
    ws.append(["Ngày", "Mã KH", "Mã NV", "Sản phẩm", "SL", "Đơn giá", "Doanh số"])
    rows = sales_rows(4)
    for i, r in enumerate(rows, start=2):
        ws.append([r[0], r[1], r[2], r[3], r[4], 1_000_000, f"=E{i}*F{i}"])
    add_customers(wb)
    wb.save(p)
    with pytest.raises(ProblemList) as err:
        load_sales(p)
    probs = err.value.problems
    assert [(q.sheet, q.row, q.column, q.cell) for q in probs] == [("Giao dịch", i, "Doanh số", f"G{i}") for i in range(2, 6)]
    assert all("LibreOffice" in q.line("vi") and "lưu lại" in q.line("vi") for q in probs)


def test_every_problem_of_every_sheet_at_once_in_vietnamese(tmp_path):
    """A bad date, text in an amount, an unknown header close to a required one: all listed, each located, in Vietnamese."""
    p = tmp_path / "loi.xlsx"
    wb = new_book()
    ws = wb.create_sheet("Giao dịch")
    ws.append(["BÁO CÁO DOANH SỐ"])
    ws.append(VI_TX_HEADER)
    rows = sales_rows(5)
    for k, r in enumerate(rows):
        cells = list(r)
        if k == 1:
            cells[0] = "31/02/2026"
        if k == 3:
            cells[5] = "nhiều"
        ws.append(cells)
    cs = wb.create_sheet("Khách hàng")
    cs.append(["Mã KH", "Tên khách hàng", "Mức đội"])   # misspelt "Mức độ"
    for c in CUSTOMERS:
        cs.append(list(c))
    wb.save(p)
    with pytest.raises(ProblemList) as err:
        load_sales(p)
    lines = err.value.lines("vi")
    located = locate(err.value)
    assert (str(p), "Giao dịch", 4, "Ngày") in located
    assert (str(p), "Giao dịch", 6, "Doanh số") in located
    assert any(q[1] == "Khách hàng" and q[3] == "Mức đội" for q in located)
    assert any("'31/02/2026' không phải ngày" in x and "dòng 4" in x for x in lines)
    assert any("'nhiều' không phải là số" in x for x in lines)
    assert all(q.file and q.sheet for q in err.value.problems)


# ---------------------------------------------------------------- KPI and OKR tables

def test_kpi_weights_written_as_percent(tmp_path):
    """KPI weights typed `70%` / `30%` (or Excel percent cells) are shares: summing to 1, not refused as above 1."""
    p = tmp_path / "kpi.xlsx"
    wb = new_book()
    ws = wb.create_sheet("KPI")
    ws.append(["Bộ phận", "Mã KPI", "Chỉ tiêu", "Thực tế", "Trọng số"])
    ws.append(["Kinh doanh", "revenue", "12 tỷ", "10,2 tỷ", "70%"])
    ws.append(["Kinh doanh", "new_customers", 600, 430, "30%"])
    ws.append(["Marketing", "quality_leads", 4000, 3300, 0.8])
    ws.append(["Marketing", "revenue", "12 tỷ", "10,2 tỷ", 0.2])
    ws["E4"].number_format = "0%"
    wb.save(p)
    frame, _t = load_kpis(p)
    assert list(frame["weight"]) == pytest.approx([0.7, 0.3, 0.8, 0.2])


def test_okr_workbook_read_from_its_visible_sheet_not_last_quarters_hidden_one(tmp_path):
    """Last quarter's OKRs on a hidden first sheet, this quarter's visible: this quarter's are scored."""
    p = tmp_path / "okr.xlsx"
    wb = new_book()
    old = wb.create_sheet("OKR Q4-2025")
    old.append(["Mã mục tiêu", "Mục tiêu", "Mã KR", "Kết quả then chốt", "Chỉ tiêu", "Hiện tại", "Trọng số"])
    old.append(["S1", "Mục tiêu cũ", "S1.KR1", "Doanh thu quý 4", 100, 100, 1])
    old.sheet_state = "hidden"
    ws = wb.create_sheet("OKR Q1-2026")
    ws.append(["OKR PHÒNG KINH DOANH QUÝ 1/2026"])
    ws.append(["Mã mục tiêu", "Mục tiêu", "Mã KR", "Kết quả then chốt", "Mức đầu kỳ", "Chỉ tiêu", "Hiện tại",
               "Trọng số", "Hạn"])
    krs = [("S1.KR1", "Đạt doanh thu 8,4 tỷ đồng", "6 tỷ", "8,4 tỷ", "7,1 tỷ", "50%", excel_serial(date(2026, 3, 31))),
           ("S1.KR2", "Có 600 khách hàng mới", 0, 600, 430, "30%", excel_serial(date(2026, 3, 31))),
           ("S1.KR3", "Tỷ lệ gia hạn 90%", 80, 90, 86, "20%", excel_serial(date(2026, 2, 28)))]
    for k, kr in enumerate(krs):
        ws.append(["S1", "Doanh thu vượt mức đỉnh cao" if k == 0 else None, *kr])
    ws.merge_cells("B3:B5")
    wb.save(p)
    okrs, table = read_okr_table(p)
    assert table.sheet == "OKR Q1-2026" and table.header_row == 2
    (obj,) = okrs.objectives
    assert obj.text == "Doanh thu vượt mức đỉnh cao"
    assert [kr.id for kr in obj.key_results] == ["S1.KR1", "S1.KR2", "S1.KR3"]
    assert [kr.weight for kr in obj.key_results] == pytest.approx([0.5, 0.3, 0.2])
    assert obj.key_results[0].target == 8.4e9 and obj.key_results[2].due == date(2026, 2, 28)
    lint = ok.lint(okrs)
    assert not any("100" in f.message for f in lint.findings if "weight" in f.rule)
    assert table.summary()["rows_used"] == 3


def test_okr_row_with_numbers_but_no_text_is_refused_with_every_problem(tmp_path):
    """A KR row with target, current, weight but no text or id is not dropped; all problems listed at once."""
    p = tmp_path / "okr.csv"
    p.write_text("Mã mục tiêu,Mục tiêu,Mã KR,Kết quả then chốt,Chỉ tiêu,Hiện tại,Trọng số,Độ tự tin\n"
                 "S1,Doanh thu vượt mức,S1.KR1,Doanh thu 8 tỷ,8 tỷ,7 tỷ,0.4,7\n"
                 "S1,,S1.KR2,Khách mới,600,430,0.2,7\n"
                 "S1,,,,100,80,0.2,7\n"
                 "S1,,S1.KR4,NPS 50,50,nhiều,0.1,7\n"
                 "S1,,S1.KR5,Giữ chân 90%,90,86,0.1,14\n", encoding="utf-8")
    before = sha(p)
    with pytest.raises(ProblemList) as err:
        ok.load_okrs(p)
    located = {(q.row, q.column) for q in err.value.problems}
    assert (4, "Kết quả then chốt") in located
    assert (5, "Hiện tại") in located
    assert (6, "Độ tự tin") in located
    assert len(err.value.problems) == 3
    assert all(q.file == str(p) for q in err.value.problems)
    assert sha(p) == before


# ---------------------------------------------------------------- the real command

def okrkit(*args, cwd: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OKRKIT_LANG", None)
    return subprocess.run([sys.executable, "-m", "okrkit.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("case", ["hidden-only", "formula-no-value", "usd"])
def test_cli_refuses_in_vietnamese_and_writes_nothing(tmp_path, case):
    """`okrkit report --sales BOOK --lang vi`: exit 2, Vietnamese lines with sheet and row, no traceback, nothing written."""
    p = tmp_path / f"{case}.xlsx"
    wb = new_book()
    ws = wb.create_sheet("transactions" if case == "hidden-only" else "Giao dịch")
    ws.append(VI_TX_HEADER)
    for k, r in enumerate(sales_rows(4), start=2):
        cells = list(r)
        if case == "formula-no-value" and k == 3:
            cells[5] = f"=E{k}*1000000"
        if case == "usd" and k == 4:
            cells[5] = "1.200 USD"
        ws.append(cells)
    if case == "hidden-only":
        ws.sheet_state = "hidden"
    add_customers(wb)
    wb.save(p)
    before = sha(p)
    out = tmp_path / "out"
    res = okrkit("report", "--sales", str(p), "--lang", "vi", "--no-charts", "--out", str(out), cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert lines and all(x.startswith("okrkit: lỗi: ") for x in lines)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    assert all("trang tính" in x for x in lines)
    expected = {"hidden-only": "trang tính ẩn", "formula-no-value": "dòng 3, cột Doanh số, ô F3",
                "usd": "dòng 4, cột Doanh số"}[case]
    assert any(expected in x for x in lines), lines
    assert not out.exists()
    assert sha(p) == before


def test_cli_reads_a_messy_book_with_a_rate_and_a_named_hidden_sheet(tmp_path):
    """The same kind of book read through the command when the manager gives the rate and names the hidden sheet."""
    p = tmp_path / "book.xlsx"
    wb = new_book()
    ws = wb.create_sheet("transactions")
    ws.append(["BÁO CÁO DOANH SỐ QUÝ 1/2026"])
    ws.append(["STT", *VI_TX_HEADER])
    for k, r in enumerate(sales_rows(6), start=1):
        ws.append([k, *r[:5], "1.200 USD" if k == 2 else r[5]])
    ws.sheet_state = "hidden"
    add_customers(wb)
    wb.save(p)
    out = tmp_path / "out"
    res = okrkit("report", "--sales", str(p), "--lang", "vi", "--no-charts", "--out", str(out),
                 "--rate", "USD=25400", "--sheet", "transactions=transactions", "--format", "json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (out / "report.html").exists()
    import pandas as pd

    inputs = pd.read_excel(out / "report.xlsx", sheet_name=None)
    flat = " ".join(str(v) for df in inputs.values() for v in df.astype(str).to_numpy().ravel()[:2000])
    assert "transactions" in flat


def test_excel_percent_cells_read_like_written_percents(tmp_path):
    """A target typed as 25% in Excel (the cell holds 0.25) and "25%" in a CSV give the same key result."""
    import openpyxl

    from okrkit.files import load_okrs

    head = ["objective_id", "objective", "kr_id", "kr", "kind", "baseline", "target", "current", "unit", "weight"]
    rows = [["O1", "Nâng tỷ lệ chốt", "O1.KR1", "Tỷ lệ chốt từ 19% lên 25%", "increase", 0.19, 0.25, 0.225, "%", 0.6],
            ["O1", "Nâng tỷ lệ chốt", "O1.KR2", "Doanh thu 8 tỷ", "increase", 6e9, 8e9, 7e9, "VND", 0.4]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "OKR"
    ws.append(head)
    for r in rows:
        ws.append(r)
    for cell in (*ws["F2":"H2"][0], ws["J2"], ws["J3"]):
        cell.number_format = "0.0%"
    xlsx = tmp_path / "okr.xlsx"
    wb.save(xlsx)
    csv = tmp_path / "okr.csv"
    csv.write_text(",".join(head) + "\n"
                   "O1,Nâng tỷ lệ chốt,O1.KR1,Tỷ lệ chốt từ 19% lên 25%,increase,19%,25%,\"22,5%\",%,60%\n"
                   "O1,Nâng tỷ lệ chốt,O1.KR2,Doanh thu 8 tỷ,increase,6000000000,8000000000,7000000000,VND,40%\n",
                   encoding="utf-8")

    def krs(path):
        return [(kr.id, kr.baseline, kr.target, kr.current, kr.unit, kr.weight)
                for o in load_okrs(path).objectives for kr in o.key_results]

    got = krs(xlsx)
    assert got == krs(csv)
    assert got[0] == ("O1.KR1", 19.0, 25.0, 22.5, "%", 0.6)
    assert got[1][2] == 8e9 and got[1][5] == 0.4
