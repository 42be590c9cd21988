"""Tests for okrkit.report and `okrkit report` / `okrkit templates`: real files in, real files out."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook

import okrkit as ok
from okrkit.cli import main
from okrkit.errors import ProblemList
from okrkit.report import build_report, department_scores, load_kpis, templates_folder, write_templates


@pytest.fixture(scope="module")
def sample_report():
    return build_report(lang="vi")


def test_sample_report_html_and_excel(sample_report, tmp_path):
    """The sample report writes one offline HTML page (inline SVG, no script, no link) and one sheet per table."""
    html_path, xlsx_path = sample_report.write(tmp_path)
    text = html_path.read_text(encoding="utf-8")
    assert text.count("<svg") >= 8
    assert "<script" not in text.lower() and "<link" not in text.lower()
    urls = [u for u in re.findall(r"https?://[^\s\"'<>)]+", text) if "www.w3.org" not in u]
    assert urls == []
    assert "Doanh số theo dòng sản phẩm, khu vực và nhân viên — Quý 1/2026" in text
    wb = load_workbook(xlsx_path, read_only=True)
    assert wb.sheetnames == ["Tóm tắt", *sample_report.tables()]
    assert {"Theo nhân viên", "Giảm so với kỳ trước", "Bán chéo", "Dự báo check-in", "Điểm mục tiêu",
            "KPI bộ phận", "Dữ liệu đầu vào"} <= set(wb.sheetnames)
    ws = wb["Theo nhân viên"]
    assert [c.value for c in next(ws.iter_rows(max_row=1))][:3] == ["Nhân viên kinh doanh", "Mã nhân viên",
                                                                    "Doanh số (đồng)"]


def test_report_sections_and_rows_accounted(sample_report):
    """Every section is there; the inputs table shows rows read = rows used for every sample table."""
    assert [s.key for s in sample_report.sections] == ["summary", "monthly", "breakdown", "drilldown", "customers",
                                                       "top", "checkins", "okrs", "cascade", "inputs"]
    inputs = sample_report.frames()["inputs"]
    assert (inputs["rows_in"] == inputs["rows_used"]).all()
    assert set(inputs["table"]) >= {"transactions", "customers", "plan", "checkins"}
    assert any("Kinh doanh" in line for line in sample_report.section("cascade").lines)


def test_user_text_is_escaped(tmp_path):
    """An objective written as HTML shows as text in the report, never as markup."""
    okrs = tmp_path / "okrs.csv"
    okrs.write_text("objective_id,objective,owner,kr_id,kr,baseline,target,current\n"
                    "O1,<script>alert('x')</script> Bán nhiều,Kinh doanh,O1.KR1,<b>Doanh thu</b> 2 tỷ,0,2 tỷ,\"1,5 tỷ\"\n",
                    encoding="utf-8")
    r = build_report(okr_file=okrs, charts=False)
    text = r.to_html()
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;Doanh thu" in text
    assert r.section("sales").note == "Not in this report: no sales data was given."


def test_department_scores_from_a_kpi_table(tmp_path):
    """A KPI table scores departments as Σ weight × KPI score; weights not summing to 1 are a listed problem."""
    p = tmp_path / "kpis.csv"
    p.write_text("department,kpi_id,target,actual,weight,direction\n"
                 "Kinh doanh,revenue,12 tỷ,\"10,2 tỷ\",0.7,increase\n"
                 "Kinh doanh,churn,5,6,0.3,decrease\n"
                 "Marketing,leads,4.000,3.300,0.6,\n"
                 "Marketing,traffic,\"150.000\",120000,0.3,\n", encoding="utf-8")
    with pytest.raises(ProblemList) as err:
        load_kpis(p)
    assert err.value.lines()[0].startswith(f"{p}: row 4, column weight: weights for 'Marketing' sum to 0.90")
    p.write_text(p.read_text().replace("120000,0.3", "120000,0.4"))
    frame, table = load_kpis(p)
    summary, _detail = department_scores(frame)
    kd = summary.set_index("department").loc["Kinh doanh", "score"]
    assert kd == pytest.approx(0.7 * 0.85 + 0.3 * (5 / 6))
    assert table.rows_in == table.rows_used == 4


def test_cli_report_writes_both_files(tmp_path, capsys):
    """`okrkit report` on the sample company writes report.html and report.xlsx and exits 0."""
    assert main(["report", "--out", str(tmp_path), "--no-charts", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Revenue by product line, region and rep — Q1 2026" in out and (tmp_path / "report.html").exists() and (tmp_path / "report.xlsx").exists()


def test_cli_report_lists_every_problem_and_exits_2(tmp_path, capsys):
    """Bad sales, check-in and KPI files: every problem on its own line with file, row and column; exit 2."""
    sales = tmp_path / "sales"
    shutil.copytree(ok.sample_path("sales"), sales)
    tx = (sales / "transactions.csv").read_text().splitlines()
    tx[3] = tx[3].replace(",2025-04-01,", ",31/04/2025,")
    parts = tx[4].split(",")
    parts[-1] = "nhiều tiền"
    tx[4] = ",".join(parts)
    (sales / "transactions.csv").write_text("\n".join(tx) + "\n")
    plan = (sales / "plan.csv").read_text().splitlines()
    plan[1] = plan[1].replace(plan[1].split(",")[1], "R99", 1)
    (sales / "plan.csv").write_text("\n".join(plan) + "\n")
    kpis = tmp_path / "kpis.csv"
    kpis.write_text("department,kpi,target,actual,weight,colour\nSales,revenue,abc,1,1,red\n")
    code = main(["report", "--okrs", str(ok.sample_path("company.yaml")), "--sales", str(sales),
                 "--kpis", str(kpis), "--out", str(tmp_path / "out"), "--no-charts"])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert not (tmp_path / "out").exists()
    joined = "\n".join(err)
    assert all(line.startswith("okrkit: error: ") for line in err)
    assert f"{sales / 'transactions.csv'}: row 4, column date: '31/04/2025' is not a date" in joined
    assert f"{sales / 'transactions.csv'}: row 5, column amount: 'nhiều tiền' is not a number" in joined
    assert f"{sales / 'plan.csv'}: row 2, column rep_id: the plan names an unknown rep 'R99'" in joined
    assert "colour" not in joined, "a column the table does not use is ignored (and listed), not refused"
    assert f"{kpis}: row 2, column target: 'abc' is not a number" in joined


def test_templates_command_and_shipped_templates(tmp_path, capsys):
    """`okrkit templates DIR` writes CSV and XLSX per input; each reads back cleanly; shipped files are current."""
    out = tmp_path / "templates"
    assert main(["templates", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    for stem in ("okrs", "kpis", "transactions", "customers", "plan", "reps", "activities", "checkins"):
        assert {f"{stem}.csv", f"{stem}.xlsx"} <= names
    assert "README.md" in names
    # they read back with the kit's own readers, as CSV and as XLSX
    for suffix in ("csv", "xlsx"):
        folder = tmp_path / suffix
        folder.mkdir()
        for stem in ("transactions", "customers", "plan", "reps", "activities"):
            shutil.copy(out / f"{stem}.{suffix}", folder)
        data = ok.load_sales(folder)
        assert (data.summary()["rows_used"] == 1).all()
        assert len(ok.load_okrs(out / f"okrs.{suffix}").objectives) == 1
        assert len(ok.load_checkins(out / f"checkins.{suffix}")) == 1
        assert len(load_kpis(out / f"kpis.{suffix}")[0]) == 2
    wb = load_workbook(out / "plan.xlsx", read_only=True)
    assert wb.sheetnames == ["plan", "columns"]
    # the shipped templates are what write_templates makes
    fresh = tmp_path / "fresh"
    write_templates(fresh)
    for p in fresh.iterdir():
        shipped = templates_folder() / p.name
        if p.suffix == ".xlsx":
            a = pd.read_excel(p, sheet_name=None, dtype=str)
            b = pd.read_excel(shipped, sheet_name=None, dtype=str)
            assert a.keys() == b.keys() and all(a[k].equals(b[k]) for k in a), p.name
        else:
            assert p.read_bytes() == shipped.read_bytes(), p.name


def test_templates_refuses_a_file(tmp_path, capsys):
    """Giving a file instead of a folder is one clear error and exit 2."""
    f = tmp_path / "x.txt"
    f.write_text("x")
    assert main(["templates", str(f)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_sales_and_checkin_charts_are_specs_with_data():
    """Chart builders return Altair charts whose inline data holds the aggregated rows, titled in the language asked."""
    from okrkit.checkin import summarize
    from okrkit.ui import sales_charts as sc
    from okrkit.ui.charts import chart_rows

    r = ok.review(ok.sample_sales(), "2026-Q1")
    spec = sc.drilldown_chart(r.decline, lang="vi").to_dict()   # the lesson's default title
    assert spec["title"].startswith("Doanh số giảm 2026-Q1 so với 2025-Q4")
    rows = chart_rows(spec)
    assert rows[0]["level"] == "product_line" and rows[0]["change"] < 0
    spec = sc.plan_actual_chart(r.by_rep, by="rep", period="2026-Q1").to_dict()
    assert {row["status"] for row in chart_rows(spec)} <= {"met", "below", "none"}
    stages = chart_rows(sc.stage_chart(r.stages).to_dict())
    assert sum(x["customers"] for x in stages if x["when"] == "end") == len(r.customers)
    s = summarize(ok.sample_checkins(), as_of="2026-02-20")
    fc = chart_rows(sc.forecast_chart(s.forecast, lang="en").to_dict())
    assert {x["status"] for x in fc} == {"on track", "off track"}
