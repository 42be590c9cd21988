"""The planning notebook under real papermill: the sample company, a second differently shaped dataset, bad input."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import okrkit as ok
from okrkit.files import okrs_to_rows

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "planning.ipynb"
pytestmark = pytest.mark.notebook


def run(tmp_path, **params):
    import papermill as pm

    out = tmp_path / "executed.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters=params, kernel_name="python3", cwd=str(tmp_path),
                        progress_bar=False, request_save_on_cell_execute=False)
    return nbformat.read(out, as_version=4)


def assert_offline_report(folder: Path) -> str:
    text = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<link" not in text.lower()
    assert [u for u in re.findall(r"https?://[^\s\"'<>)]+", text) if "www.w3.org" not in u] == []
    assert "<svg" in text
    assert (folder / "report.xlsx").stat().st_size > 0
    return text


def vn(x: float) -> str:
    """A number the way a Vietnamese spreadsheet shows it: 1.500.000 or 2,5."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x}".replace(".", ",")


def test_notebook_is_committed_clean():
    """No outputs or execution counts, python3 kernelspec, a cell tagged `parameters`."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])


def test_notebook_on_the_sample_company(tmp_path):
    """Defaults: the sample company's report, HTML offline and Excel with one sheet per table."""
    nb = run(tmp_path, out_dir=str(tmp_path / "report"), lang="vi")
    text = assert_offline_report(tmp_path / "report")
    assert "Công ty Phần mềm Sao Mai" in text and "Doanh số theo dòng sản phẩm, khu vực và nhân viên — Quý 1/2026" in text
    sheets = pd.read_excel(tmp_path / "report" / "report.xlsx", sheet_name=None)
    assert {"Theo nhân viên", "Giảm so với kỳ trước", "Dự báo check-in", "KPI bộ phận"} <= set(sheets)
    outputs = "".join(str(o) for c in nb.cells for o in c.get("outputs", []))
    assert "Traceback" not in outputs
    # the notebook shows the report's own parts, in Vietnamese, with the report's look scoped to them
    shown = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert sum("okrkit-part" in h for h in shown) == 6
    page = "".join(shown)
    for part in ("việc cần làm ngay", "Theo tháng: thực tế, kế hoạch và năm trước", "Check-in hằng tuần và dự báo",
                 "OKR: chất lượng và điểm", "Chia mục tiêu công ty và chấm điểm bộ phận", "Dữ liệu đầu vào"):
        assert part in page, part
    assert "Đã ghi báo cáo" in outputs and "customer_id" not in page and "<script" not in page
    assert re.search(r"\.okrkit-part table\{", page) and not re.search(r"<style>[^<]*(?<![-\w])body\{", page)


def write_second_dataset(folder: Path) -> dict:
    """Another company's quarter as Excel files: other column order, Vietnamese headers and numbers, dd/mm/yyyy."""
    folder.mkdir()
    # OKRs: the sample's objectives under another name, columns reversed, amounts written the Vietnamese way
    rows = pd.DataFrame(okrs_to_rows(ok.sample_company()))
    rows["organization"] = "Công ty Thử nghiệm Hoa Sen"
    for c in ("baseline", "target", "current"):
        rows[c] = rows[c].map(lambda x: "" if x is None or (isinstance(x, float) and np.isnan(x)) else vn(x))
    okr_file = folder / "okrs.xlsx"
    rows[list(reversed(rows.columns))].to_excel(okr_file, index=False, sheet_name="OKR")
    # KPIs with Vietnamese headers
    kpis = pd.DataFrame({"bộ phận": ["Kinh doanh", "Kinh doanh", "Marketing - PR - Đối tác", "Marketing - PR - Đối tác"],
                         "mã kpi": ["revenue", "new_customers", "quality_leads", "revenue"],
                         "chỉ tiêu": ["12 tỷ", "600", "4.000", "12 tỷ"], "thực tế": ["10,2 tỷ", "430", "3.300", "10,2 tỷ"],
                         "trọng số": ["0,7", "0,3", "0,8", "0,2"], "chiều": ["tăng", "tăng", "tăng", "tăng"]})
    kpi_file = folder / "kpis.xlsx"
    kpis.to_excel(kpi_file, index=False)
    # Sales: one workbook, Vietnamese sheet names, two quarters only, no activities sheet
    src = ok.sample_path("sales")
    sales_file = folder / "ban_hang.xlsx"
    with pd.ExcelWriter(sales_file, engine="openpyxl") as xw:
        tx = pd.read_csv(src / "transactions.csv", dtype=str, keep_default_na=False)
        tx = tx[tx["date"] >= "2025-10-01"]
        tx["date"] = pd.to_datetime(tx["date"]).dt.strftime("%d/%m/%Y")
        tx["amount"] = tx["amount"].map(lambda a: vn(float(a)))
        tx = tx.rename(columns={"date": "Ngày", "amount": "Doanh số", "customer_id": "Mã khách hàng"})
        tx = tx[list(reversed(tx.columns))]
        blank = pd.DataFrame([[None] * tx.shape[1]], columns=tx.columns)
        pd.concat([tx.iloc[:10], blank, tx.iloc[10:]]).to_excel(xw, sheet_name="Giao dịch", index=False)
        cust = pd.read_csv(src / "customers.csv", dtype=str, keep_default_na=False)
        cust["stage"] = cust["stage"].map({"prospect": "Tiềm năng", "approaching": "Đang tiếp cận",
                                           "first-orders": "Bắt đầu hợp tác", "partner": "Đối tác lâu dài"})
        cust[list(reversed(cust.columns))].to_excel(xw, sheet_name="Khách hàng", index=False)
        plan = pd.read_csv(src / "plan.csv", dtype=str, keep_default_na=False)
        plan = plan[plan["month"] >= "2025-10"]
        plan["month"] = plan["month"].map(lambda m: f"{m[5:]}/{m[:4]}")
        plan["expected"] = plan["expected"].map(lambda e: f"{vn(float(e) / 1e6)} triệu")
        plan.to_excel(xw, sheet_name="Kế hoạch", index=False)
        pd.read_csv(src / "reps.csv", dtype=str, keep_default_na=False).to_excel(xw, sheet_name="Nhân viên", index=False)
    # Check-ins up to week 8, ISO weeks, Vietnamese headers and numbers
    ch = pd.read_csv(src / "checkins.csv", dtype=str, keep_default_na=False)
    ch = ch[ch["week"] <= "2026-02-20"].copy()
    ch["week"] = pd.to_datetime(ch["week"]).map(lambda d: f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}")
    ch["value"] = ch["value"].map(lambda v: vn(float(v)))
    ch = ch.rename(columns={"kr_id": "Mã KR", "week": "Tuần", "value": "Giá trị", "confidence": "Độ tự tin",
                            "plan": "Kế hoạch", "progress": "Tiến độ", "problems": "Vấn đề"})
    checkins_file = folder / "checkins.xlsx"
    ch.drop(columns=["objective_id"]).to_excel(checkins_file, index=False)
    return {"okr_file": str(okr_file), "kpi_file": str(kpi_file), "sales_file": str(sales_file),
            "checkins_file": str(checkins_file), "n_transactions": len(tx)}


def test_notebook_on_a_differently_shaped_dataset(tmp_path):
    """XLSX inputs with other column order, Vietnamese headers, numbers and dates give a full report."""
    files = write_second_dataset(tmp_path / "mine")
    n_tx = files.pop("n_transactions")
    run(tmp_path, **files, lang="en", out_dir=str(tmp_path / "report"))
    text = assert_offline_report(tmp_path / "report")
    assert "Công ty Thử nghiệm Hoa Sen" in text and "Revenue by product line, region and rep — Q1 2026" in text
    assert "As of Feb 20, 2026" in text
    sheets = pd.read_excel(tmp_path / "report" / "report.xlsx", sheet_name=None)
    inputs = sheets["Inputs"].set_index("Table")
    assert inputs.loc["Transactions", "Rows read"] == inputs.loc["Transactions", "Rows used"] == n_tx
    assert inputs.loc["Transactions", "Blank rows skipped"] == 1
    assert set(sheets["Department scores"]["Department"]) == {"Kinh doanh", "Marketing - PR - Đối tác"}
    by_rep = sheets["By rep"]
    assert by_rep["Revenue (VND)"].sum() == pytest.approx(ok.plan_vs_actual(ok.sample_sales(), "2026-Q1")["actual"].sum())


def shown_text(output) -> str:
    """What an output shows: its text, its display data (HTML, Markdown, plain) and its error lines."""
    parts = [output.get("text", "")]
    parts += [v if isinstance(v, str) else "".join(v) for v in output.get("data", {}).values()]
    parts += output.get("traceback", [])
    return "".join(parts)


def test_notebook_lists_bad_input(tmp_path):
    """A bad file stops the run after a readable list of every problem (file, row, column, what to do)."""
    from papermill.exceptions import PapermillExecutionError

    bad = tmp_path / "checkins.csv"
    bad.write_text("kr_id,week,value,confidence\nC1.KR1,2026-01-09,nhiều,7\nXX.KR9,2026-01-09,1,7\nC1.KR2,hôm qua,1,12\n",
                   encoding="utf-8")
    with pytest.raises(PapermillExecutionError) as info:
        run(tmp_path, okr_file=str(ok.sample_path("company.yaml")), checkins_file=str(bad), out_dir=str(tmp_path / "r"),
            lang="en")
    assert info.value.ename == "FilesRefused"
    nb = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
    shown = "".join(shown_text(o) for c in nb.cells for o in c.get("outputs", []))
    assert "4 problem(s) in your files" in shown
    for what in ("'nhiều' is not a number", "unknown key result 'XX.KR9'", "'hôm qua' is not a day or a week",
                 "12 is above 10"):
        assert what in shown
    assert "Traceback" not in shown and "ProblemList" not in shown and "File " not in shown
    assert not (tmp_path / "r").exists()


def test_notebook_stops_in_vietnamese_under_the_papermill_command(tmp_path):
    """`papermill … -p lang vi` on a bad workbook: the problem table in Vietnamese, no traceback, exit status 1."""
    import hashlib
    import os
    import subprocess
    import sys

    from openpyxl import Workbook

    book = tmp_path / "okr.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "OKR"
    ws.append(["KẾ HOẠCH OKR QUÝ 1/2026"])
    ws.append(["Mã mục tiêu", "Mục tiêu", "Mã KR", "Kết quả then chốt", "Chỉ tiêu", "Hiện tại", "Trọng số"])
    ws.append(["S1", "Doanh thu vượt mức", "S1.KR1", "Doanh thu 8 tỷ", "8 tỷ", "7 tỷ", "60%"])
    ws.append(["S1", None, None, None, 600, 430, "40%"])
    ws.append(["S1", None, "S1.KR3", "NPS 50", 50, "=E5*2", "10%"])
    wb.save(book)
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    out = tmp_path / "executed.ipynb"
    env = {**os.environ, "PYTHONPATH": str(NOTEBOOK.parents[1])}
    res = subprocess.run([sys.executable, "-m", "papermill", str(NOTEBOOK), str(out), "-p", "okr_file", str(book),
                          "-p", "lang", "vi", "-p", "out_dir", str(tmp_path / "r"), "-k", "python3", "--cwd",
                          str(tmp_path)], capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 1
    # papermill's own report of the stop ends with the notebook's one line
    assert res.stderr.strip().splitlines()[-1].startswith("dừng lại: có 2 lỗi trong file của bạn")
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    shown = "".join(shown_text(o) for o in outputs)
    assert "Có 2 lỗi trong file của bạn" in shown
    assert "dòng" in shown and "vấn đề" in shown and "cách sửa" in shown
    assert "không có nội dung" in shown and "LibreOffice" in shown
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1, "one line, not a traceback"
    assert not (tmp_path / "r").exists()
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before
