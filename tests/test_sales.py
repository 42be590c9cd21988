"""Tests for okrkit.sales and okrkit.sample_data: the sales review on real files."""

from __future__ import annotations

import math
import shutil
from collections import defaultdict
from datetime import date

import numpy as np
import pandas as pd
import pytest

import okrkit as ok
from okrkit import sample_data
from okrkit.errors import ProblemList
from okrkit.sales import Period, load_sales


@pytest.fixture(scope="module")
def data():
    return ok.sample_sales()


def copy_sample(tmp_path):
    folder = tmp_path / "sales"
    shutil.copytree(ok.sample_path("sales"), folder)
    return folder


@pytest.mark.parametrize("sample", ["saomai", "fmcg"])
def test_bundled_files_are_the_generator_output(tmp_path, sample):
    """Each company's bundled sales CSV files are write_sample() with the default seed."""
    sample_data.write_sample(tmp_path, sample=sample)
    for name in ("transactions", "customers", "plan", "reps", "activities"):
        assert (tmp_path / f"{name}.csv").read_bytes() == ok.sample_path(f"sales/{name}.csv", sample).read_bytes(), name


def test_fmcg_sales_tell_the_distributors_stories():
    """Phúc An's year: dairy falls in Hải Phòng and cleaning products everywhere in Q1, spices rise, R07 left for R12."""
    data = ok.sample_sales("fmcg")
    t = data.transactions
    q4 = t[(t["date"] >= "2025-10-01") & (t["date"] < "2026-01-01")]
    q1 = t[t["date"] >= "2026-01-01"]

    def total(frame, **where):
        for col, value in where.items():
            frame = frame[frame[col] == value]
        return frame["amount"].sum()

    assert total(q1, product_line="Sữa", region="Hải Phòng") < 0.7 * total(q4, product_line="Sữa", region="Hải Phòng")
    assert total(q1, product_line="Chất tẩy rửa") < 0.8 * total(q4, product_line="Chất tẩy rửa")
    assert total(q1, product_line="Gia vị") > total(q4, product_line="Gia vị")
    assert not (q1["rep_id"] == "R07").any() and (q1["rep_id"] == "R12").any()
    assert set(t["region"]) == {"Hà Nội", "Bắc Ninh", "Hải Phòng", "Nam Định", "Thái Bình", "Hưng Yên"}


def test_generator_is_reproducible_and_shaped():
    """Same seed, same tables; a year, ~300 customers, 12 reps, returns, a rep who left, a renamed customer."""
    a = sample_data.generate(seed=7, n_transactions=3000)
    b = sample_data.generate(seed=7, n_transactions=3000)
    for k in a:
        pd.testing.assert_frame_equal(a[k], b[k])
    tx = a["transactions"]
    assert tx["date"].min() >= pd.Timestamp("2025-04-01") and tx["date"].max() <= pd.Timestamp("2026-03-31")
    assert (tx["amount"] < 0).mean() > 0.005
    assert not ((tx["rep_id"] == "R07") & (tx["date"] > pd.Timestamp("2025-11-30"))).any()
    assert tx.loc[tx["customer_id"] == "KH0042", "customer_name"].nunique() == 2
    assert len(a["reps"]) == 12 and len(a["customers"]) == 300


def test_rows_in_equal_rows_used(data):
    """Loading the sample uses every row it reads (nothing silently dropped)."""
    s = data.summary()
    assert (s["rows_in"] == s["rows_used"]).all()
    assert int(s.loc[s["table"] == "transactions", "rows_used"].iloc[0]) == len(data.transactions) == 6000


def test_periods():
    """Months, ISO weeks, quarters and day ranges, with the period before and last year's."""
    assert Period.parse("2026-03").previous().label == "2026-02"
    assert Period.parse("01/2026").previous().label == "2025-12"
    assert Period.parse("2026-W01").start == date(2025, 12, 29)
    assert Period.parse("2026-W10").last_year().label == "2025-W10"
    assert Period.parse("2026-Q1").previous().label == "2025-Q4"
    r = Period.parse("2026-03-01..2026-03-10")
    assert r.days == 10 and r.previous().end == date(2026, 2, 28)
    with pytest.raises(ok.InputError, match="not a period"):
        Period.parse("March")


def reference(data, p: Period):
    """Row-by-row Python sums: actual by rep, customer, line, region."""
    out = defaultdict(float)
    for row in data.transactions.itertuples(index=False):
        if p.start <= row.date.date() <= p.end:
            for dim in ("rep_id", "customer_id", "product_line", "region"):
                out[(dim, getattr(row, dim))] += row.amount
    return out


@pytest.mark.parametrize("spec", ["2026-03", "2026-W10", "2026-Q1"])
def test_plan_vs_actual_matches_row_by_row(data, spec):
    """Actual by every dimension equals a row-by-row sum; achieved is actual ÷ plan."""
    p = Period.parse(spec)
    ref = reference(data, p)
    for by, col in (("rep", "rep_id"), ("customer", "customer_id"), ("product_line", "product_line"),
                    ("region", "region")):
        t = ok.plan_vs_actual(data, p, by=by)
        got = {k: v for k, v in zip(t[col], t["actual"]) if v}
        want = {k[1]: v for k, v in ref.items() if k[0] == col and v}
        assert got.keys() == want.keys()
        assert all(math.isclose(got[k], want[k], abs_tol=1e-3) for k in got)
        has_plan = t["plan"] > 0
        assert np.allclose(t.loc[has_plan, "achieved"], t.loc[has_plan, "actual"] / t.loc[has_plan, "plan"])


def test_week_plan_is_prorated_by_days(data):
    """A week straddling two months takes each month's plan by its days."""
    week = Period.parse("2026-W09")  # 2026-02-23 .. 2026-03-01
    plan = data.plan
    feb = plan.loc[plan["month"] == pd.Timestamp("2026-02-01"), "expected"].sum()
    mar = plan.loc[plan["month"] == pd.Timestamp("2026-03-01"), "expected"].sum()
    t = ok.plan_vs_actual(data, week, by="rep")
    assert math.isclose(t["plan"].sum(), feb * 6 / 28 + mar * 1 / 31)


def test_customers_with_and_without_orders(data):
    """Every customer once; a return alone is not an order; previous and last-year revenue and contact are given."""
    t = ok.customer_orders(data, "2026-03")
    assert len(t) == len(data.customers) and t["customer_id"].is_unique
    tx = data.transactions
    march = tx[(tx["date"] >= "2026-03-01") & (tx["date"] <= "2026-03-31")]
    buyers = set(march.loc[march["amount"] > 0, "customer_id"].astype(str))
    assert set(t.loc[t["ordered"], "customer_id"]) == buyers
    feb = tx[(tx["date"] >= "2026-02-01") & (tx["date"] <= "2026-02-28")].groupby("customer_id", observed=True)["amount"].sum()
    row = t.set_index("customer_id").loc[feb.index[0]]
    assert math.isclose(row["revenue_previous"], feb.iloc[0])
    assert t["contacted"].dtype == bool
    without = ok.customers_without_orders(data, "2026-03")
    assert not without["ordered"].any() and set(without["stage"]) <= {"first-orders", "partner"}


def test_returns_are_netted(tmp_path):
    """A customer whose only March row is a return has negative revenue and no order."""
    folder = copy_sample(tmp_path)
    tx = pd.read_csv(folder / "transactions.csv", dtype=str)
    extra = tx.iloc[[0]].assign(id="GD9999999", date="2026-03-15", customer_id="KH0001", amount="-5000000",
                                 quantity="-1")
    pd.concat([tx, extra]).to_csv(folder / "transactions.csv", index=False)
    d = load_sales(folder)
    row = ok.customer_orders(d, "2026-03").set_index("customer_id").loc["KH0001"]
    assert row["revenue"] == -5_000_000 and not row["ordered"]


def test_renamed_customer_and_departed_rep(data):
    """The renamed customer is one customer; the departed rep's later sales belong to the new owner."""
    t = ok.plan_vs_actual(data, "2025-04-01..2026-03-31", by="customer")
    assert (t["customer_id"] == "KH0042").sum() == 1
    assert t.set_index("customer_id").loc["KH0042", "customer"] == "Công ty TNHH Minh Anh Mobile"
    q1 = ok.plan_vs_actual(data, "2026-Q1", by="rep").set_index("rep_id")
    assert "R07" not in q1.index or q1.loc["R07", "actual"] == 0
    assert q1.loc["R12", "actual"] > 0


def test_drilldown_decline(data):
    """Falling lines → regions → reps → customers: POS in TP.HCM falls in 2026-Q1; each level sums from the next."""
    t = ok.drilldown(data, "2026-Q1", direction="decline")
    assert list(t.columns[:3]) == ["level", "depth", "product_line"]
    assert (t["change"] < 0).all()
    lines = t.loc[t["depth"] == 0, "product_line"].tolist()
    assert "Phần mềm POS" in lines
    pos = t[(t["product_line"] == "Phần mềm POS") & (t["depth"] == 1)]
    assert pos.iloc[0]["region"] == "TP.HCM"
    # reading order: a line row comes before its regions
    first_pos = t.index[(t["product_line"] == "Phần mềm POS") & (t["depth"] == 0)][0]
    assert (pos.index > first_pos).all()
    # every row's now/before agree with a direct sum
    tx = data.transactions
    row = pos.iloc[0]
    q1 = tx[(tx["date"] >= "2026-01-01") & (tx["date"] <= "2026-03-31") & (tx["product_line"] == "Phần mềm POS")
            & (tx["region"] == "TP.HCM")]
    assert math.isclose(row["now"], q1["amount"].sum())
    g = ok.drilldown(data, "2026-Q1", direction="growth", against="previous", limit=2)
    assert (g["change"] > 0).all()
    assert g.groupby(["product_line", "depth"]).size().max() <= 2 or (g["depth"] == 0).sum() <= 2


def test_top_customers_and_cross_sell(data):
    """Top 10% of buying customers by revenue, and one row per product line each has not bought."""
    top = ok.top_customers(data, "2026-Q1", share=0.1)
    c = ok.customer_orders(data, "2026-Q1")
    buyers = (c["revenue"] > 0).sum()
    assert len(top) == math.ceil(0.1 * buyers)
    assert top["revenue"].is_monotonic_decreasing
    assert top["revenue"].iloc[-1] >= c.loc[~c["customer_id"].isin(top["customer_id"]), "revenue"].max()
    cs = ok.cross_sell(data, "2026-Q1", share=0.1)
    tx = data.transactions
    for r in cs.head(10).itertuples():
        bought = tx[(tx["customer_id"] == r.customer_id) & (tx["amount"] > 0) & (tx["date"] <= "2026-03-31")]
        assert r.product_line not in set(bought["product_line"].astype(str))
    assert len(ok.top_customers(data, "2026-Q1", share=0.05)) < len(top)
    with pytest.raises(ok.InputError):
        ok.top_customers(data, "2026-Q1", share=1.5)


def test_stage_growth(data):
    """Transitions between stages add up to the customers, and counts change by the moves."""
    g = ok.stage_growth(data, "2026-Q1")
    assert g["customers"].sum() == len(data.customers)
    counts = g.attrs["counts"].set_index("stage")
    assert counts["end"].sum() == len(data.customers)
    assert counts.loc["partner", "change"] > 0
    moved = g[g["moved"]]
    assert ((moved["from_stage"] == "approaching") & (moved["to_stage"] == "first-orders")).any()
    assert g.attrs["new_buyers"] > 0


def test_review_tables_and_text(data):
    """The review holds every table of the meeting and says it in English and Vietnamese."""
    r = ok.review(data, "2026-03", lang="vi")
    assert set(r.tables()) >= {"plan_by_rep", "customers_no_orders", "decline", "growth", "top_customers",
                               "cross_sell", "stage_transitions", "stage_counts"}
    assert r.lines("vi")[0].startswith("Họp giao ban kinh doanh")
    assert "Plan" in r.lines("en")[1]
    assert r.to_dict()["period"] == "2026-03"
    assert "<li>" in r._repr_html_()


def test_plan_naming_unknown_rep_and_customer(tmp_path):
    """A plan row naming an unknown rep or customer is listed with file, row and column; so are bad cells."""
    folder = copy_sample(tmp_path)
    plan = (folder / "plan.csv").read_text().splitlines()
    plan[1] = plan[1].replace(plan[1].split(",")[1], "R99", 1)
    parts = plan[2].split(",")
    parts[2] = "KH9999"
    plan[2] = ",".join(parts)
    parts = plan[3].split(",")
    parts[3] = "nhiều"
    plan[3] = ",".join(parts)
    (folder / "plan.csv").write_text("\n".join(plan) + "\n")
    with pytest.raises(ProblemList) as err:
        load_sales(folder)
    lines = err.value.lines()
    f = folder / "plan.csv"
    assert any(x.startswith(f"{f}: row 2, column rep_id: the plan names an unknown rep 'R99'") for x in lines)
    assert any(x.startswith(f"{f}: row 3, column customer_id: the plan names an unknown customer 'KH9999'")
               for x in lines)
    assert any(x.startswith(f"{f}: row 4, column expected: 'nhiều' is not a number") for x in lines)


def test_missing_tables_and_unknown_customer_in_transactions(tmp_path):
    """No customers table is a problem; a sale to an unknown customer is listed with its row."""
    folder = copy_sample(tmp_path)
    (folder / "customers.csv").unlink()
    with pytest.raises(ProblemList, match="no customers table"):
        load_sales(folder)
    folder = copy_sample(tmp_path / "b")
    text = (folder / "transactions.csv").read_text().splitlines()
    text[5] = text[5].replace(text[5].split(",")[2], "KH7777")
    (folder / "transactions.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(ProblemList) as err:
        load_sales(folder)
    assert err.value.lines()[0].startswith(f"{folder / 'transactions.csv'}: row 6, column customer_id: unknown customer 'KH7777'")


def test_workbook_with_vietnamese_formats(tmp_path):
    """One workbook, other column order, Vietnamese numbers and dd/mm/yyyy dates gives the same review."""
    src = ok.sample_path("sales")
    path = tmp_path / "sales.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name in ("transactions", "customers", "plan", "reps"):
            df = pd.read_csv(src / f"{name}.csv", dtype=str, keep_default_na=False)
            df = df[list(reversed(df.columns))]
            if name == "transactions":
                df["date"] = pd.to_datetime(df["date"]).dt.strftime("%d/%m/%Y")
                df["amount"] = df["amount"].map(lambda x: f"{int(x):,}".replace(",", "."))
            if name == "plan":
                df["expected"] = df["expected"].map(lambda x: f"{int(x) / 1e6:g} triệu".replace(".", ","))
            df.to_excel(xw, sheet_name=name, index=False)
    d = load_sales(path)
    a = ok.plan_vs_actual(d, "2026-03", by="rep")
    b = ok.plan_vs_actual(ok.sample_sales(), "2026-03", by="rep")
    assert np.allclose(a["actual"], b["actual"]) and np.allclose(a["plan"], b["plan"])
    assert (d.summary()["rows_in"] == d.summary()["rows_used"]).all()


def test_lazy_import_stays_cheap():
    """`import okrkit` does not import pandas; the sales names load on first use."""
    import subprocess
    import sys

    code = "import sys, okrkit; print('pandas' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_one_row_with_two_problems_gives_two_lines(tmp_path):
    """A sale with text as its amount and an unknown customer is listed twice: nothing hides another problem."""
    folder = copy_sample(tmp_path)
    text = (folder / "transactions.csv").read_text().splitlines()
    parts = text[7].split(",")
    parts[2], parts[-1] = "KH8888", "mười triệu"
    text[7] = ",".join(parts)
    (folder / "transactions.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(ProblemList) as err:
        load_sales(folder)
    lines = [x for x in err.value.lines() if ": row 8, " in x]
    assert len(lines) == 2
    assert any("column amount: 'mười triệu' is not a number" in x for x in lines)
    assert any("column customer_id: unknown customer 'KH8888'" in x for x in lines)


@pytest.mark.parametrize("seed", range(6))
def test_totals_agree_for_random_periods(data, seed):
    """For any span of days, every breakdown sums to the period's net revenue, and the drill-down levels nest."""
    rng = np.random.default_rng(seed)
    a = date(2025, 4, 1) + pd.Timedelta(days=int(rng.integers(0, 300))).to_pytimedelta()
    b = a + pd.Timedelta(days=int(rng.integers(0, 120))).to_pytimedelta()
    p = Period(a, b, "days", f"{a}..{b}")
    tx = data.transactions
    total = tx.loc[(tx["date"] >= pd.Timestamp(a)) & (tx["date"] <= pd.Timestamp(b)), "amount"].sum()
    for by in ("rep", "customer", "product_line", "region"):
        assert math.isclose(ok.plan_vs_actual(data, p, by=by)["actual"].sum(), total, abs_tol=1e-3)
    assert math.isclose(ok.customer_orders(data, p)["revenue"].sum(), total, abs_tol=1e-3)
    for direction in ("decline", "growth"):
        t = ok.drilldown(data, p, direction=direction)
        for depth in range(1, 4):
            keys = ["product_line", "region", "rep_id", "customer_id"][:depth]   # a child's parent's key
            child = t.loc[t["depth"] == depth, keys].to_numpy().tolist()
            parents = t.loc[t["depth"] == depth - 1, keys].to_numpy().tolist()
            assert set(map(tuple, child)) <= set(map(tuple, parents))


def test_small_hand_written_folder(tmp_path):
    """Three customers, no reps or activities table, a plan by product line: the review still answers."""
    (tmp_path / "transactions.csv").write_text(
        "date;customer_id;rep_id;product_line;amount\n"
        "05/02/2026;A;R1;POS;10.000.000\n"
        "10/03/2026;A;R1;POS;\"12,5 triệu\"\n"
        "11/03/2026;B;R2;Web;8 triệu\n"
        "12/03/2026;B;R2;Web;-2.000.000\n"
        "\n"
        "13/03/2026;C;R2;POS;-1.000.000\n", encoding="utf-8")
    (tmp_path / "customers.csv").write_text(
        "customer_id,name,stage,region,rep_id\nA,Shop An,đối tác lâu dài,Hà Nội,R1\n"
        "B,Shop Bình,bắt đầu hợp tác,Huế,R2\nC,Shop Cúc,partner,Huế,R2\n", encoding="utf-8")
    (tmp_path / "plan.csv").write_text(
        "month,rep_id,customer_id,product_line,expected\n03/2026,R1,A,POS,10 triệu\n03/2026,R2,B,Web,10 triệu\n"
        "03/2026,R2,,POS,5 triệu\n", encoding="utf-8")
    d = load_sales(tmp_path)
    assert d.summary().set_index("table").loc["transactions", "blank_rows"] == 1
    r = ok.review(d, "2026-03")
    lines = r.by_product_line.set_index("product_line")
    assert lines.loc["POS", "plan"] == 15e6 and lines.loc["POS", "actual"] == 11.5e6
    assert lines.loc["Web", "achieved"] == pytest.approx(0.6)
    c = r.customers.set_index("customer_id")
    assert c.loc["C", "revenue"] == -1e6 and not c.loc["C", "ordered"]
    assert c["contacted"].isna().all()
    assert r.totals["returns"] == 3e6 and r.totals["customers_without"] == 1
    assert list(r.top["customer_id"]) == ["A"]
    assert list(r.cross_sell["product_line"]) == ["Web"]
    regions = r.by_region.set_index("region")
    assert regions.loc["Huế", "plan"] == 10e6            # the rep-level row has no region without a reps table
    assert r.by_region["plan"].sum() == r.by_customer["plan"].sum() == r.by_rep["plan"].sum() == 25e6
    assert pd.isna(r.by_customer["customer_id"].iloc[-1])


def test_duplicate_customer_and_transaction_ids(tmp_path):
    """A customer listed twice and a transaction id used twice are listed with the row of the first one."""
    folder = copy_sample(tmp_path)
    cust = (folder / "customers.csv").read_text().splitlines()
    cust.append(cust[5])
    (folder / "customers.csv").write_text("\n".join(cust) + "\n")
    tx = (folder / "transactions.csv").read_text().splitlines()
    tx[9] = tx[8].split(",")[0] + "," + ",".join(tx[9].split(",")[1:])
    (folder / "transactions.csv").write_text("\n".join(tx) + "\n")
    with pytest.raises(ProblemList) as err:
        load_sales(folder)
    lines = err.value.lines()
    n = len(cust)
    assert any(x.startswith(f"{folder / 'customers.csv'}: row {n}, column customer_id: duplicate customer_id "
                            f"'{cust[5].split(',')[0]}' (first on row 6)") for x in lines)
    assert any(x.startswith(f"{folder / 'transactions.csv'}: row 10, column id: duplicate id") and "(first on row 9)" in x
               for x in lines)
