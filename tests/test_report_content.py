"""The planning report as a manager gets it: `okrkit report` run as a command on real files.

Headline figures are checked against an independent pandas calculation on the same CSV
files; missing tables must give words, not zeros; the Vietnamese page must carry no table
id, field name, Python dict, local path or English enum; a period outside the data is
refused in one line.  The page is then opened in Chromium at 1440 px and printed to A4
(screenshots and PDF in tests/artifacts/).
"""

from __future__ import annotations

import contextlib
import html as htmllib
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import okrkit as ok
from okrkit import i18n

ARTIFACTS = Path(__file__).parent / "artifacts"


def okrkit_report(*args, timeout=600):
    """Run the real command line (a new Python process), as a manager would."""
    return subprocess.run([sys.executable, "-m", "okrkit.cli", "report", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def page_text(path: Path) -> str:
    """What a reader sees: the text of the page and of its charts, markup removed."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(htmllib.unescape(text).split())


def pandas_headline(folder: Path, start: str, end: str, prev: tuple[str, str], ly: tuple[str, str] | None):
    """Revenue, plan, growth and run-rate forecast straight from the CSV files, with pandas only."""
    tx = pd.read_csv(folder / "transactions.csv", parse_dates=["date"])
    last = tx["date"].max()
    as_of = min(pd.Timestamp(end), last)
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
    elapsed = (as_of - pd.Timestamp(start)).days + 1

    def revenue(a, b):
        return tx.loc[(tx["date"] >= a) & (tx["date"] <= b), "amount"].sum()

    actual = revenue(pd.Timestamp(start), as_of)
    plan = pd.read_csv(folder / "plan.csv")
    months = pd.period_range(start, end, freq="M").astype(str)
    plan_total = plan.loc[plan["month"].isin(months), "expected"].sum()
    p0 = pd.Timestamp(prev[0])
    prev_rev = revenue(p0, min(pd.Timestamp(prev[1]), p0 + pd.Timedelta(days=elapsed - 1)))
    out = {"actual": actual, "plan": plan_total, "previous": prev_rev, "growth_previous": actual / prev_rev - 1,
           "forecast": actual / elapsed * days, "as_of": as_of.date(), "elapsed": elapsed}
    if ly:
        l0 = pd.Timestamp(ly[0])
        ly_rev = revenue(l0, min(pd.Timestamp(ly[1]), l0 + pd.Timedelta(days=elapsed - 1)))
        out.update(last_year=ly_rev, growth_last_year=actual / ly_rev - 1)
    return out


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    """`okrkit report --lang vi --format json` on the bundled sample company (charts included)."""
    out = tmp_path_factory.mktemp("sample") / "report"
    res = okrkit_report("--lang", "vi", "--out", out, "--format", "json")
    assert res.returncode == 0, res.stderr
    return out, json.loads(res.stdout)


def write_sales(tables: dict, folder: Path) -> Path:
    """Sales tables as CSV files the way a manager's export looks (ISO dates, plain numbers)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df = df.copy()
        for c in df.columns:
            if str(df[c].dtype).startswith("datetime64"):
                df[c] = df[c].dt.strftime("%Y-%m-%d")
        df.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def larger_run(tmp_path_factory):
    """Two years of a larger company (40,000 sales, 2,000 customers) ending mid-quarter, 15/02/2026."""
    from okrkit.sample_data import generate

    root = tmp_path_factory.mktemp("larger")
    tables = generate(11, n_transactions=40_000, n_customers=2_000, start=date(2024, 4, 1), end=date(2026, 2, 15))
    folder = write_sales(tables, root / "sales")
    out = root / "report"
    res = okrkit_report("--sales", folder, "--period", "2026-Q1", "--lang", "vi", "--out", out, "--format", "json")
    assert res.returncode == 0, res.stderr
    return folder, out, json.loads(res.stdout)


def card(doc: dict, key: str) -> dict:
    summary = next(s for s in doc["sections"] if s["key"] == "summary")
    return next(c for c in summary["cards"] if c["key"] == key)


def test_sample_headline_equals_pandas(sample_run):
    """Revenue, % of plan, growth vs last quarter and the final figure equal pandas on the sample's CSV files."""
    out, doc = sample_run
    want = pandas_headline(ok.sample_path("sales"), "2026-01-01", "2026-03-31", ("2025-10-01", "2025-12-31"), None)
    fig = doc["figures"]
    assert fig["actual"] == pytest.approx(want["actual"])
    assert fig["plan"] == pytest.approx(want["plan"])
    assert fig["growth_previous"] == pytest.approx(want["growth_previous"])
    assert fig["complete"] is True and fig["forecast"] == pytest.approx(want["actual"])
    text = page_text(out / "report.html")
    assert i18n.amount(want["actual"], "vi") in text
    assert card(doc, "achieved")["value"] == i18n.percent(want["actual"] / want["plan"], "vi")
    assert card(doc, "growth_previous")["value"] == "+" + i18n.percent(want["growth_previous"], "vi", decimals=1)
    # the sample's data starts on 01/04/2025: last year is not known, and the page says so in words
    assert fig["last_year_known"] is False and fig["growth_last_year"] is None
    ly = card(doc, "growth_last_year")
    assert ly["value"] == "chưa biết" and "01/04/2025" in ly["sub"]
    assert "Chưa biết số năm trước" in text


def test_sample_first_page_answers_are_we_on_plan(sample_run):
    """Page one: a verdict, five figures and three things to act on drawn from the data."""
    _out, doc = sample_run
    summary = next(s for s in doc["sections"] if s["key"] == "summary")
    assert summary["lines"][0].startswith("Chưa đạt kế hoạch: Quý 1/2026")
    assert [c["key"] for c in summary["cards"]] == ["revenue", "achieved", "growth_previous", "growth_last_year",
                                                    "forecast"]
    actions = summary["actions"]
    assert len(actions) == 3
    keys = {a["key"] for a in actions}
    assert "krs" in keys and keys <= {"decline", "reps", "customers", "krs", "run_rate"}
    review = ok.review(ok.sample_sales(), "2026-Q1")
    falling = review.decline.iloc[0]["product_line"]
    text = " ".join(a["title"] + " " + a["text"] for a in actions)
    assert falling in text or "nhân viên dưới 90% kế hoạch" in text


def test_larger_dataset_mid_quarter(larger_run):
    """Mid-quarter on two years of data: run-rate forecast, growth vs last quarter and last year, all = pandas."""
    folder, out, doc = larger_run
    want = pandas_headline(folder, "2026-01-01", "2026-03-31", ("2025-10-01", "2025-12-31"), ("2025-01-01", "2025-03-31"))
    fig = doc["figures"]
    assert fig["as_of"] == "2026-02-15" and fig["complete"] is False
    for key in ("actual", "previous", "growth_previous", "forecast", "last_year", "growth_last_year"):
        assert fig[key] == pytest.approx(want[key]), key
    # the generated plan stops in February: the quarter's plan is not known, the plan so far is
    plan = pd.read_csv(folder / "plan.csv")
    assert "2026-03" not in set(plan["month"])
    assert fig["plan"] is None and fig["months_without_plan"] == ["2026-03"] and fig["forecast_achieved"] is None
    so_far = plan.loc[plan["month"] == "2026-01", "expected"].sum() + plan.loc[plan["month"] == "2026-02",
                                                                               "expected"].sum() * 15 / 28
    assert fig["plan_so_far"] == pytest.approx(so_far)
    assert card(doc, "achieved")["value"] == i18n.percent(want["actual"] / so_far, "vi")
    summary = next(s for s in doc["sections"] if s["key"] == "summary")
    assert "chưa có kế hoạch cho phần còn lại của kỳ" in summary["lines"][0]
    assert "chưa có kế hoạch Tháng 3/2026" in card(doc, "forecast")["sub"]
    text = page_text(out / "report.html")
    assert i18n.amount(want["forecast"], "vi") in text
    assert "theo nhịp 46/90 ngày đã qua" in text
    assert "chưa biết" not in card(doc, "growth_last_year")["value"]
    # month by month: each month of the year before has its own last-year figure
    monthly = pd.read_excel(out / "report.xlsx", sheet_name="Theo tháng")
    tx = pd.read_csv(folder / "transactions.csv", parse_dates=["date"])
    jan25 = tx.loc[(tx["date"] >= "2025-01-01") & (tx["date"] <= "2025-01-31"), "amount"].sum()
    row = monthly.loc[monthly["Tháng"] == "Tháng 1/2026"].iloc[0]
    assert row["Cùng tháng năm trước"] == pytest.approx(jan25)


def test_larger_dataset_lists_are_capped(larger_run):
    """Long lists are "top N + others": the page shows 15 of the ~100 top customers, the workbook holds them all."""
    _folder, out, _doc = larger_run
    text = out.joinpath("report.html").read_text(encoding="utf-8")
    top = pd.read_excel(out / "report.xlsx", sheet_name="Top 10% khách hàng")
    assert len(top) > 50
    assert f"15 trên {len(top)} dòng" in page_text(out / "report.html")
    assert "mục khác" in text      # the chart's last bar gathers the rest


FORBIDDEN = ["plan_by_rep", "okr_lint", "customer_id", "rep_id", "product_line", "kpi_id", "{'", "'en':", "/tmp/",
             str(Path(__file__).resolve().parents[1]), "first-orders", "prospect", "approaching", "aspirational", "committed", "increase", "warning",
             "nan", "NaN", "None", "True", "False", "2026-Q1", "2025-Q4", "2026-03-31", "2026-01-01"]


def test_vietnamese_page_has_no_ids_dicts_paths_or_english_enums(sample_run, larger_run):
    """No table id, field name, Python dict, local path, English enum or ISO date reaches the vi reader."""
    for out in (sample_run[0], larger_run[1]):
        text = page_text(out / "report.html")
        words = set(re.findall(r"[\w'{:/.-]+", text))
        found = [f for f in FORBIDDEN if f in text and (not f.isalpha() or f in words)]
        assert found == [], found
        assert "<script" not in out.joinpath("report.html").read_text().lower()


def test_workbook_is_formatted(sample_run):
    """report.xlsx: Vietnamese sheet names and headers, frozen header, filters, number formats, widths."""
    from openpyxl import load_workbook

    out, _doc = sample_run
    wb = load_workbook(out / "report.xlsx")
    assert wb.sheetnames[0] == "Tóm tắt"
    assert {"Theo tháng", "Theo nhân viên", "Theo khu vực", "Theo dòng sản phẩm", "Khách đang hợp tác chưa có đơn",
            "Dữ liệu đầu vào"} <= set(wb.sheetnames)
    ws = wb["Theo nhân viên"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Nhân viên kinh doanh", "Mã nhân viên", "Doanh số (đồng)"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert ws["A1"].font.b and ws["C2"].number_format == "#,##0" and ws["F2"].number_format == "0%"
    assert isinstance(ws["C2"].value, (int, float))     # a number Excel can sum, not text
    assert ws.column_dimensions["A"].width > 12
    without = wb["Khách đang hợp tác chưa có đơn"]
    col = [c.value for c in without[1]].index("Đơn gần nhất") + 1
    dates = [without.cell(row=r, column=col) for r in range(2, without.max_row + 1)]
    known = [c for c in dates if c.value is not None]
    assert known and all(c.is_date and c.number_format == "dd/mm/yyyy" for c in known)
    inputs = wb["Dữ liệu đầu vào"]
    files = [c.value for c in inputs["B"][1:]]
    assert "transactions.csv" in files and not any("/" in str(f) for f in files)


def cells(ws) -> list:
    """A sheet's values and number formats (floats to 12 digits: the engines print the last digit differently)."""
    def one(c):
        v = float(f"{c.value:.12g}") if isinstance(c.value, float) else c.value
        return v, (c.number_format if c.value is not None else None)
    return [[one(c) for c in row] for row in ws.iter_rows()]


def test_both_workbook_engines_write_the_same_cells(tmp_path):
    """xlsxturbo (the default) and XlsxWriter (where xlsxturbo is missing) give the same sheets, values, formats,
    widths, frozen header and filters; a customer named like a formula or a number stays text in both."""
    from openpyxl import load_workbook

    from okrkit.report import _Inputs, build_report
    from okrkit.report_html import value_text
    from okrkit.report_xlsx import write_workbook

    src = ok.sample_path("sales")
    folder = tmp_path / "sales"
    shutil.copytree(src, folder)
    cust = pd.read_csv(folder / "customers.csv", dtype=str, keep_default_na=False)
    cust.loc[0, "name"], cust.loc[1, "name"] = "=HYPERLINK(\"http://x\",\"y\")", "00123"
    cust.to_csv(folder / "customers.csv", index=False)
    report = build_report(inputs=_Inputs(sales=ok.load_sales(folder)), period="2026-Q1", lang="vi", charts=False)
    books = {}
    for engine in ("xlsxturbo", "xlsxwriter"):
        data = write_workbook([(sh.title, sh.frame, sh.columns) for sh in report.sheets()], "vi",
                              lambda v, k: value_text(v, k, "vi"), summary=report.lines(), summary_title="Tóm tắt",
                              engine=engine)
        (tmp_path / f"{engine}.xlsx").write_bytes(data)
        books[engine] = load_workbook(tmp_path / f"{engine}.xlsx")
    a, b = books["xlsxturbo"], books["xlsxwriter"]
    assert a.sheetnames == b.sheetnames and len(a.sheetnames) > 5
    for name in a.sheetnames:
        wa, wb = a[name], b[name]
        assert cells(wa) == cells(wb), name
        if name != "Tóm tắt":
            assert wa.freeze_panes == wb.freeze_panes == "A2" and wa.auto_filter.ref == wb.auto_filter.ref, name
            assert wa["A1"].font.b and wa["A1"].fill.fgColor.rgb.endswith("DCE6F1"), name
            for letter, dim in wb.column_dimensions.items():
                assert wa.column_dimensions[letter].width == pytest.approx(dim.width, abs=1), (name, letter)
    everything = [c for ws in a for row in ws.iter_rows() for c in row]
    hostile = [c for c in everything if c.value in ("=HYPERLINK(\"http://x\",\"y\")", "00123")]
    assert hostile and all(c.data_type == "s" for c in hostile)     # text, never a formula or a number


def without_tables(root: Path) -> Path:
    """The sample's sales without activities, without previous_stage, with a per-rep plan and reps with no region."""
    src = ok.sample_path("sales")
    folder = root / "partial"
    folder.mkdir()
    shutil.copy(src / "transactions.csv", folder)
    cust = pd.read_csv(src / "customers.csv").drop(columns=["previous_stage"])
    cust.to_csv(folder / "customers.csv", index=False)
    plan = pd.read_csv(src / "plan.csv")
    plan.groupby(["month", "rep_id"], as_index=False)["expected"].sum().to_csv(folder / "plan.csv", index=False)
    pd.read_csv(src / "reps.csv").drop(columns=["region"]).to_csv(folder / "reps.csv", index=False)
    return folder


def test_missing_tables_give_words_not_zeros(tmp_path):
    """No activities, no previous_stage, a per-rep plan by region, no last year: the report says it does not know."""
    folder = without_tables(tmp_path)
    out = tmp_path / "report"
    res = okrkit_report("--sales", folder, "--okrs", ok.sample_path("company.yaml"), "--lang", "vi", "--out", out,
                        "--format", "json")
    assert res.returncode == 0, res.stderr
    text = page_text(out / "report.html")
    assert "0 khách chưa được liên hệ" not in text and "chưa được liên hệ" not in text.replace("chưa biết", "")
    assert "Chưa biết việc liên hệ khách hàng: không có bảng hoạt động" in text
    assert "chưa rõ liên hệ" in text and "chưa có đơn, chưa liên hệ" not in text   # the chart's legend
    assert "Chưa biết tăng trưởng theo mức độ" in text and "Khách hàng theo mức độ" not in text
    assert "Kế hoạch không lập theo khu vực" in text
    regions = pd.read_excel(out / "report.xlsx", sheet_name="Theo khu vực")
    assert regions["Khu vực"].notna().all() and regions["Kế hoạch (đồng)"].isna().all()
    assert regions["% kế hoạch"].isna().all() and regions["Chênh lệch so với kế hoạch"].isna().all()
    by_rep = pd.read_excel(out / "report.xlsx", sheet_name="Theo nhân viên")
    assert by_rep["Kế hoạch (đồng)"].sum() == pytest.approx(
        pd.read_csv(folder / "plan.csv").query("month in ['2026-01', '2026-02', '2026-03']")["expected"].sum())
    assert "chưa có số liệu Quý 1/2025: dữ liệu bắt đầu từ 01/04/2025" in text
    doc = json.loads(res.stdout)
    assert "không rõ đã được liên hệ chưa" in res.stdout or "chưa biết đã liên hệ hay chưa" in json.dumps(
        doc, ensure_ascii=False)


@pytest.mark.parametrize("lang,words", [("vi", ["Quý 3/2027", "01/04/2025", "31/03/2026", "nằm ngoài"]),
                                        ("en", ["Q3 2027", "Apr 1, 2025", "Mar 31, 2026", "outside"])])
def test_period_outside_the_data_is_refused(tmp_path, lang, words):
    """`--period` outside the data: one line in the chosen language with the data's dates, exit 2, nothing written."""
    res = okrkit_report("--period", "2027-Q3", "--lang", lang, "--out", tmp_path / "out", "--no-charts")
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_report_in_chromium_screen_and_print(sample_run, larger_run, playwright_session):
    """The page at 1440 px fits the screen and loads nothing; printed to A4 its first page is the summary."""
    ARTIFACTS.mkdir(exist_ok=True)
    with contextlib.nullcontext(playwright_session) as pw:  # the one Playwright of this test process
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            for name, out in (("sample", sample_run[0]), ("larger", larger_run[1])):
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                asked = []
                page.on("request", lambda r, asked=asked: asked.append(r.url))
                page.goto((out / "report.html").as_uri())
                assert [u for u in asked if not u.startswith(("file:", "data:"))] == []
                assert page.evaluate("document.documentElement.scrollWidth") <= 1440
                cards = page.locator(".card")
                assert cards.count() == 5
                box = cards.nth(4).bounding_box()
                assert box["x"] + box["width"] <= 1440 and box["y"] + box["height"] < 900   # all five on screen
                assert page.locator(".actions li").count() == 3
                page.screenshot(path=str(ARTIFACTS / f"report_{name}_1440.png"))
                # A4 portrait, 11 mm margins: 188 × 273 mm of paper = 710 × 1031 CSS px
                page.emulate_media(media="print")
                page.set_viewport_size({"width": 710, "height": 1031})
                first = page.locator("section#summary").bounding_box()
                assert first["height"] <= 1031, first      # page one holds the whole summary
                assert page.evaluate("document.documentElement.scrollWidth") <= 710
                page.screenshot(path=str(ARTIFACTS / f"report_{name}_print_page1.png"))
                page.screenshot(path=str(ARTIFACTS / f"report_{name}_print.png"), full_page=True)
                pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
                (ARTIFACTS / f"report_{name}.pdf").write_bytes(pdf)
                assert pdf[:4] == b"%PDF"
                page.close()
        finally:
            browser.close()
