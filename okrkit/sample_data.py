"""A synthetic year of sales for the sample company, reproducible from a seed.

Công ty Phần mềm Sao Mai sells web shops, POS software, mobile apps, hosting,
set-up services and training to small retailers in six regions.  The generator
draws a few hundred customers, a dozen reps and a year of transactions
(2025-04-01 … 2026-03-31) with a NumPy ``Generator``, so the same seed gives the
same tables on every machine.  It puts in the quirks real exports have:

* returns, as negative amounts (about 2% of rows);
* a rep who left (``R07``, 2025-11-30), whose customers passed to ``R12``;
* a renamed customer (``KH0042``: the invoice name changes in November);
* a product line falling in one region (POS in TP.HCM in 2026-Q1) and one rising (apps);
* customers moving through the stages (prospect → approaching → first orders → partner).

The bundled CSV files in ``okrkit/data/sales/`` are :func:`write_sample` with the
default seed; a test checks they are what the generator makes.  The benchmark
calls :func:`generate` with a million transactions.

Examples
--------
>>> from okrkit import sample_data
>>> t = sample_data.generate(seed=1, n_transactions=500)
>>> len(t["transactions"]), len(t["reps"])
(500, 12)
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

SEED = 2026
START, END = date(2025, 4, 1), date(2026, 3, 31)
QUARTER_START = date(2026, 1, 1)
N_CUSTOMERS = 300
N_TRANSACTIONS = 6000

REGIONS = ("Hà Nội", "TP.HCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Bình Dương")
# (rep id, name, region, team, joined, left)
REPS = (
    ("R01", "Nguyễn Thị Lan", "Hà Nội", "Miền Bắc", "2022-03-01", None),
    ("R02", "Trần Văn Hùng", "Hà Nội", "Miền Bắc", "2023-06-15", None),
    ("R03", "Lê Thu Hà", "Hà Nội", "Miền Bắc", "2021-09-01", None),
    ("R04", "Phạm Quốc Bảo", "Hà Nội", "Miền Bắc", "2024-02-19", None),
    ("R05", "Võ Minh Tuấn", "TP.HCM", "Miền Nam", "2020-11-02", None),
    ("R06", "Đặng Ngọc Mai", "TP.HCM", "Miền Nam", "2022-07-11", None),
    ("R07", "Bùi Thanh Sơn", "TP.HCM", "Miền Nam", "2021-04-05", "2025-11-30"),
    ("R08", "Huỳnh Kim Ngân", "TP.HCM", "Miền Nam", "2023-01-09", None),
    ("R09", "Phan Đức Long", "Đà Nẵng", "Miền Trung", "2022-05-16", None),
    ("R10", "Ngô Thị Hương", "Hải Phòng", "Miền Bắc", "2023-10-02", None),
    ("R11", "Đỗ Văn Phúc", "Cần Thơ", "Miền Nam", "2024-03-04", None),
    ("R12", "Lý Gia Hân", "TP.HCM", "Miền Nam", "2025-10-15", None),
)
LEFT_REP, HEIR_REP, LEFT_ON = "R07", "R12", date(2025, 11, 30)
REGION_REPS = {"Hà Nội": ("R01", "R02", "R03", "R04"), "TP.HCM": ("R05", "R06", "R07", "R08"),
               "Đà Nẵng": ("R09",), "Hải Phòng": ("R10",), "Cần Thơ": ("R11",), "Bình Dương": ("R08",)}
REGION_WEIGHTS = (0.32, 0.34, 0.1, 0.08, 0.08, 0.08)
# (product line, group, typical unit price in VND, typical quantity)
LINES = (
    ("Website bán hàng", "Phần mềm", 12_000_000, 1),
    ("Phần mềm POS", "Phần mềm", 6_500_000, 2),
    ("Ứng dụng di động", "Phần mềm", 25_000_000, 1),
    ("Hosting & tên miền", "Dịch vụ", 2_400_000, 2),
    ("Dịch vụ triển khai", "Dịch vụ", 8_000_000, 1),
    ("Đào tạo", "Dịch vụ", 3_500_000, 3),
)
LINE_POPULARITY = (0.26, 0.28, 0.08, 0.2, 0.1, 0.08)
SEGMENTS = ("Cửa hàng nhỏ", "Chuỗi bán lẻ", "Doanh nghiệp")
_PREFIX = ("Cửa hàng", "Shop", "Công ty TNHH", "Siêu thị mini", "Nhà thuốc", "Chuỗi", "Tạp hoá", "Thời trang")
_NAMES = ("Minh Anh", "Hoàng Gia", "Phú Quý", "An Khang", "Thành Công", "Bảo Ngọc", "Hải Đăng", "Kim Long",
          "Thiên Phúc", "Mai Linh", "Hồng Phát", "Tân Tiến", "Đại Việt", "Ngọc Lan", "Sen Vàng", "Bình Minh",
          "Trường Thịnh", "Phương Nam", "Hưng Thịnh", "Việt Mỹ", "Sao Việt", "Hoa Mai", "Lộc Phát", "Gia Huy")
RENAMED = ("KH0042", "Cửa hàng điện thoại Minh Anh", "Công ty TNHH Minh Anh Mobile", date(2025, 11, 1))
ACTIVITY_NOTES = ("Gọi hỏi thăm, khách hẹn tuần sau", "Demo phần mềm POS", "Gửi báo giá gói website",
                  "Gặp chủ shop, bàn về app bán hàng", "Nhắc gia hạn hosting", "Khách phàn nàn chậm hỗ trợ",
                  "Mời tham dự buổi đào tạo", "Chốt lịch triển khai")


def _day(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def generate(seed: int = SEED, *, n_transactions: int = N_TRANSACTIONS, n_customers: int = N_CUSTOMERS,
             start: date = START, end: date = END) -> dict:
    """The sample company's sales tables as pandas DataFrames in the files' shape.

    Returns ``{"transactions", "customers", "plan", "reps", "activities"}`` with
    the columns of :mod:`okrkit.sales`' schemas, each indexed by the row number
    the table would have in Excel (header = row 1).
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    d0, d1, q0 = _day(start), _day(end), _day(QUARTER_START)
    n_days = d1 - d0 + 1

    # ---- customers
    ids = np.array([f"KH{i:04d}" for i in range(1, n_customers + 1)], dtype=object)
    region_idx = rng.choice(len(REGIONS), size=n_customers, p=REGION_WEIGHTS)
    regions = np.array(REGIONS, dtype=object)[region_idx]
    rep = np.array([REGION_REPS[r][rng.integers(len(REGION_REPS[r]))] for r in regions], dtype=object)
    seg_idx = rng.choice(3, size=n_customers, p=(0.62, 0.28, 0.10))
    size = rng.lognormal(0.0, 0.8, n_customers) * np.array((1.0, 2.6, 5.0))[seg_idx]
    names = np.array([f"{_PREFIX[rng.integers(len(_PREFIX))]} {_NAMES[rng.integers(len(_NAMES))]} {i}"
                      for i in range(1, n_customers + 1)], dtype=object)
    u = rng.random(n_customers)
    # end stage and start-of-quarter stage
    stage = np.where(u < 0.2, "prospect", np.where(u < 0.33, "approaching", np.where(u < 0.52, "first-orders", "partner")))
    v = rng.random(n_customers)
    prev = stage.copy().astype(object)
    prev[(stage == "approaching") & (v < 0.5)] = "prospect"
    prev[(stage == "prospect") & (v < 0.3)] = None                          # new in the quarter
    new_buyer = (stage == "first-orders") & (v < 0.35)                        # first order this quarter
    prev[new_buyer] = "approaching"
    grown = (stage == "partner") & (v < 0.12)                                 # crossed one year this quarter
    prev[grown] = "first-orders"
    stage = stage.astype(object)
    # first order day
    first = np.full(n_customers, d1 + 1, dtype=np.int64)
    partner = stage == "partner"
    first[partner] = d0 - 30 - rng.integers(0, 700, partner.sum())
    first[grown] = _day(date(2025, 1, 1)) + rng.integers(0, 89, grown.sum())
    early = (stage == "first-orders") & ~new_buyer
    first[early] = d0 + rng.integers(0, q0 - d0 - 20, early.sum())
    first[new_buyer] = q0 + rng.integers(0, d1 - q0 - 10, new_buyer.sum())
    buys = first <= d1
    # the renamed customer is a long-standing partner in TP.HCM
    k = int(RENAMED[0][2:]) - 1
    if k < n_customers:
        stage[k], prev[k], regions[k], rep[k], first[k] = "partner", "partner", "TP.HCM", LEFT_REP, d0 - 400
        names[k] = RENAMED[2]
        buys[k] = True
        region_idx[k] = REGIONS.index("TP.HCM")
        size[k] = max(size[k], 3.0)
    # lines each customer buys (top customers leave some lines for cross-selling)
    n_lines = len(LINES)
    pop = np.array(LINE_POPULARITY)
    owns = rng.random((n_customers, n_lines)) < np.clip(pop * 2.6, 0.15, 0.9)
    owns[np.arange(n_customers), rng.choice(n_lines, size=n_customers, p=pop)] = True
    line_w = owns * pop

    # ---- transactions: how many per customer, then when, what and how much
    begin = np.maximum(first, d0)
    active = np.where(buys, d1 - begin + 1, 0)
    lam = size * active
    counts = rng.multinomial(n_transactions, lam / lam.sum())
    cust = np.repeat(np.arange(n_customers), counts)
    n = len(cust)
    day = begin[cust] + (rng.random(n) * active[cust]).astype(np.int64)
    cum = np.cumsum(line_w / line_w.sum(axis=1, keepdims=True), axis=1)
    line = (rng.random(n)[:, None] > cum[cust]).sum(axis=1).clip(0, n_lines - 1)
    price = np.array([x[2] for x in LINES], dtype=float)
    typical_qty = np.array([x[3] for x in LINES])
    qty = 1 + rng.poisson(np.maximum(typical_qty[line] - 1, 0) + 0.3)
    month = (pd.to_datetime(day.astype("datetime64[D]")).to_period("M") - pd.Period(start, "M")).map(
        lambda x: x.n).to_numpy() if n else np.zeros(0, dtype=int)
    factor = np.ones(n)
    factor *= np.where((day >= _day(date(2026, 2, 14))) & (day <= _day(date(2026, 2, 22))), 0.85, 1.0)  # Tết
    march = day >= _day(date(2026, 3, 1))
    pos_hcm = (line == 1) & (region_idx[cust] == 1) & (day >= q0)
    factor[pos_hcm] *= np.where(march[pos_hcm], 0.3, 0.6)
    training = (line == 5) & (day >= q0)
    factor[training] *= np.where(march[training], 0.45, 0.75)
    app = line == 2
    factor[app] *= 0.7 + 0.06 * month[app]
    amount = price[line] * qty * factor * rng.lognormal(0.0, 0.25, n)
    amount = np.round(amount / 10_000) * 10_000
    ret = rng.random(n) < 0.02
    amount[ret] = -amount[ret]
    qty = np.where(ret, -qty, qty)
    tx_rep = rep[cust].copy()
    early_left = (tx_rep == LEFT_REP) & (day <= _day(LEFT_ON))
    tx_rep[(tx_rep == LEFT_REP) & ~early_left] = HEIR_REP
    rep_final = rep.copy()
    rep_final[rep_final == LEFT_REP] = HEIR_REP
    cust_name = names[cust].copy()
    ren = (cust == k) & (day < _day(RENAMED[3]))
    cust_name[ren] = RENAMED[1]
    order = np.lexsort((cust, day))
    tx = pd.DataFrame({
        "id": [f"GD{i:07d}" for i in range(1, n + 1)],
        "date": day[order].astype("datetime64[D]"),
        "customer_id": ids[cust[order]],
        "customer_name": cust_name[order],
        "rep_id": tx_rep[order],
        "region": regions[cust[order]],
        "product_line": np.array([x[0] for x in LINES], dtype=object)[line[order]],
        "product_group": np.array([x[1] for x in LINES], dtype=object)[line[order]],
        "quantity": qty[order].astype(float),
        "amount": amount[order],
    })
    tx["date"] = tx["date"].astype("datetime64[us]")

    customers = pd.DataFrame({"customer_id": ids, "name": names, "stage": stage, "previous_stage": prev,
                              "segment": np.array(SEGMENTS, dtype=object)[seg_idx], "region": regions,
                              "rep_id": rep_final})

    # ---- plan: expected revenue per rep and customer per month (+10% on each customer's pace)
    months = pd.period_range(start, end, freq="M")
    per_day = (price[None, :] * (typical_qty + 0.4)[None, :] * line_w / line_w.sum(axis=1, keepdims=True)).sum(axis=1)
    rate = counts / np.maximum(active, 1) * per_day * 1.1
    rows = []
    for m in months:
        m0, m1 = _day(m.start_time.date()), _day(m.end_time.date())
        days = m1 - m0 + 1
        for c in range(n_customers):
            planned = buys[c] and first[c] <= m1
            target = stage[c] == "approaching" and m0 >= q0
            if not (planned or target):
                continue
            value = rate[c] * days if planned else 5_000_000
            owner = rep[c] if not (rep[c] == LEFT_REP and m0 > _day(LEFT_ON)) else HEIR_REP
            rows.append((m.strftime("%Y-%m"), owner, ids[c], max(1.0, round(value / 1e6)) * 1e6))
    plan = pd.DataFrame(rows, columns=["month", "rep_id", "customer_id", "expected"])
    plan.insert(4, "product_line", None)

    # ---- activities: calls, meetings, tasks (some customers are not contacted)
    contact_rate = np.where(stage == "prospect", 0.3, np.where(rng.random(n_customers) < 0.15, 0.05, 1.4))
    n_act = rng.poisson(contact_rate * 12)
    acust = np.repeat(np.arange(n_customers), n_act)
    aday = d0 + rng.integers(0, n_days, len(acust))
    akind = np.array(("call", "meeting", "task", "email"), dtype=object)[rng.choice(4, len(acust), p=(0.5, 0.25, 0.15, 0.1))]
    arep = rep[acust].copy()
    arep[(arep == LEFT_REP) & (aday > _day(LEFT_ON))] = HEIR_REP
    anote = np.array(ACTIVITY_NOTES, dtype=object)[rng.integers(0, len(ACTIVITY_NOTES), len(acust))]
    aorder = np.lexsort((acust, aday))
    activities = pd.DataFrame({"date": aday[aorder].astype("datetime64[D]"), "customer_id": ids[acust[aorder]],
                               "rep_id": arep[aorder], "kind": akind[aorder], "note": anote[aorder]})
    activities["date"] = activities["date"].astype("datetime64[us]")

    reps = pd.DataFrame([{"rep_id": r[0], "name": r[1], "region": r[2], "team": r[3], "joined_on": r[4],
                          "left_on": r[5]} for r in REPS])
    out = {"transactions": tx, "customers": customers, "plan": plan, "reps": reps, "activities": activities}
    for df in out.values():
        df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    return out


_PLANS = ("Gọi lại {n} khách hàng cũ", "Chạy chiến dịch quảng cáo tuần {w}", "Họp nhóm rà soát tiến độ {kr}",
          "Demo cho {n} khách hàng tiềm năng", "Hoàn thiện tài liệu hướng dẫn", "Kèm cặp nhân viên mới")
_PROGRESS = ("Đạt thêm {d} so với tuần trước", "Hoàn thành {n} việc đã hẹn", "Giữ nhịp như kế hoạch",
             "Chậm hơn dự kiến một chút")
_PROBLEMS = ("", "", "Thiếu người vì nghỉ Tết", "Khách hàng trả lời chậm", "Ngân sách quảng cáo bị cắt",
             "Lỗi kỹ thuật trên trang đăng ký", "Phụ thuộc bộ phận khác chưa xong")


def generate_checkins(okrs=None, seed: int = SEED):
    """Thirteen weekly check-ins (Fridays of 2026-Q1) for every measurable KR of the sample company.

    Values move from the baseline to the KR's ``current`` (the final result)
    with noise; confidence follows how far ahead or behind the KR runs, with
    some optimism early in the quarter; Plan / Progress / Problems are short
    Vietnamese notes.
    """
    import numpy as np
    import pandas as pd

    from .scoring import EXPECTED, kind_of, raw_progress

    if okrs is None:
        from . import sample_company

        okrs = sample_company()
    rng = np.random.default_rng(seed + 1)
    fridays = [date(2026, 1, 2) + pd.Timedelta(days=7 * i) for i in range(13)]
    fridays = [d.date() if hasattr(d, "date") else d for d in fridays]
    rows = []
    for obj, kr in okrs.key_results():
        kind = kind_of(kr)
        if kr.current is None or (kr.target is None and kind != "milestone"):
            continue
        base = kr.baseline if kr.baseline is not None else (0.0 if kind in ("increase", "milestone") else kr.current)
        final = kr.current
        expected = EXPECTED.get(obj.type, 1.0)
        done_week = int(rng.integers(6, 12))
        for w, day in enumerate(fridays, start=1):
            f = w / len(fridays)
            if kind == "milestone":
                value = 1.0 if (final >= 1 and w >= done_week) else 0.0
            elif kind in ("stay-above", "stay-below"):
                value = final if w == len(fridays) else final + rng.normal(0, abs(kr.target) * 0.01 + 0.05)
            else:
                shape = f ** (0.8 + 0.6 * rng.random())
                value = base + (final - base) * shape
                if w < len(fridays):
                    value += (final - base) * rng.normal(0, 0.04)
            value = round(float(value), 2)
            if abs(value) >= 100:
                value = round(value)
            p_final = raw_progress(kind, baseline=kr.baseline, target=kr.target, current=final) or 0.0
            p_now = raw_progress(kind, baseline=kr.baseline, target=kr.target, current=value) or 0.0
            pace = f * min(p_final / expected, 1.1) + (1 - f) * min(max(p_now / max(f, 0.2), 0.3) / expected, 1.1)
            conf = float(np.clip(round(7.5 * pace + 2.5 * (1 - f) + rng.normal(0, 0.8)), 0, 10))
            problem = _PROBLEMS[int(rng.integers(len(_PROBLEMS)))] if conf < 7 else ""
            rows.append({"kr_id": kr.id, "week": day.isoformat(), "value": value, "confidence": conf,
                         "plan": _PLANS[int(rng.integers(len(_PLANS)))].format(n=int(rng.integers(3, 12)), w=w, kr=kr.id),
                         "progress": _PROGRESS[int(rng.integers(len(_PROGRESS)))].format(
                             d=f"{abs(value - base) / max(w, 1):,.0f}".replace(",", "."), n=int(rng.integers(2, 6))),
                         "problems": problem, "objective_id": obj.id})
    df = pd.DataFrame(rows)
    df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    return df


def for_build(tables: dict) -> dict:
    """The generated tables with the types :func:`okrkit.sales.build_sales` expects."""
    import pandas as pd

    out = dict(tables)
    plan = tables["plan"].copy()
    plan["month"] = pd.to_datetime(plan["month"] + "-01")
    out["plan"] = plan
    reps = tables["reps"].copy()
    for c in ("joined_on", "left_on"):
        reps[c] = pd.to_datetime(reps[c])
    out["reps"] = reps
    return out


def sales_data(seed: int = SEED, *, n_transactions: int = N_TRANSACTIONS, n_customers: int = N_CUSTOMERS):
    """Generate and build a :class:`~okrkit.sales.SalesData` directly (no files)."""
    from .sales import build_sales

    t = for_build(generate(seed, n_transactions=n_transactions, n_customers=n_customers))
    return build_sales(t["transactions"], t["customers"], t["reps"], t["plan"], t["activities"], source=f"seed {seed}")


def write_sample(folder: str | os.PathLike, seed: int = SEED, *, n_transactions: int = N_TRANSACTIONS,
                 n_customers: int = N_CUSTOMERS) -> list[Path]:
    """Write the generated tables as CSV files (ISO dates, plain numbers) into ``folder``."""
    from .files import atomic_write

    folder = Path(folder)
    written = []
    for name, df in generate(seed, n_transactions=n_transactions, n_customers=n_customers).items():
        out = df.copy()
        for c in out.columns:
            if str(out[c].dtype).startswith("datetime64"):
                out[c] = out[c].dt.strftime("%Y-%m-%d")
        if "amount" in out:
            out["amount"] = out["amount"].map(lambda x: f"{x:.0f}")
        if "quantity" in out:
            out["quantity"] = out["quantity"].map(lambda x: f"{x:.0f}")
        if "expected" in out:
            out["expected"] = out["expected"].map(lambda x: f"{x:.0f}")
        written.append(atomic_write(folder / f"{name}.csv", out.to_csv(index=False, lineterminator="\n")))
    if n_transactions == N_TRANSACTIONS and n_customers == N_CUSTOMERS:
        c = generate_checkins(seed=seed)
        c["value"] = c["value"].map(lambda x: f"{x:.0f}" if abs(x) >= 100 else f"{x:g}")
        c["confidence"] = c["confidence"].map(lambda x: f"{x:g}")
        written.append(atomic_write(folder / "checkins.csv", c.to_csv(index=False, lineterminator="\n")))
    return written
