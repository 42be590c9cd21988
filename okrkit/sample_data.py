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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Profile:
    """What the generator draws a company's sales year from: regions, reps, product lines and the quarter's stories.

    Sao Mai's profile is the constants above (:data:`SAOMAI`); another sample company's is its
    ``profile.yaml`` (:func:`profile`).  ``effects`` are the stories the lessons find in the data, each a dict:
    ``{"line", "region" (or None), "from", "factor", "march_factor"}`` (a line falling from a day on, faster in
    March), ``{"line", "trend_per_month", "base"}`` (a line rising month by month) or ``{"from", "to", "factor"}``
    (every sale between two days, e.g. Tết).  ``checkins`` holds the hand-written weekly paths, the week anchors
    and the first readings of the check-ins (see :func:`generate_checkins`).
    """

    key: str
    regions: tuple
    region_weights: tuple
    reps: tuple
    left_rep: str
    heir_rep: str
    left_on: date
    region_reps: dict
    lines: tuple
    line_popularity: tuple
    segments: tuple
    segment_weights: tuple
    segment_size: tuple
    name_prefixes: tuple
    names: tuple
    renamed: tuple
    renamed_region: str
    activity_notes: tuple
    effects: tuple
    paths: dict
    anchors: dict
    first_reading: dict
    customer_prefix: str = "KH"


def _profile_from(data: dict, key: str) -> Profile:
    def day(x):
        return x if isinstance(x, date) else date.fromisoformat(str(x))

    ren = data["renamed"]
    checkins = data.get("checkins") or {}
    effects = []
    for e in data.get("effects") or ():
        e = dict(e)
        for k in ("from", "to"):
            if k in e and e[k] is not None:
                e[k] = day(e[k])
        effects.append(e)
    return Profile(
        key=key, regions=tuple(data["regions"]), region_weights=tuple(data["region_weights"]),
        reps=tuple((r[0], r[1], r[2], r[3], str(r[4]) if r[4] else None, str(r[5]) if r[5] else None)
                   for r in data["reps"]),
        left_rep=data["left_rep"], heir_rep=data["heir_rep"], left_on=day(data["left_on"]),
        region_reps={k: tuple(v) for k, v in data["region_reps"].items()},
        lines=tuple(tuple(x) for x in data["lines"]), line_popularity=tuple(data["line_popularity"]),
        segments=tuple(data["segments"]), segment_weights=tuple(data["segment_weights"]),
        segment_size=tuple(data["segment_size"]), name_prefixes=tuple(data["name_prefixes"]),
        names=tuple(data["names"]), renamed=(ren[0], ren[1], ren[2], day(ren[3])),
        renamed_region=data["renamed_region"], activity_notes=tuple(data["activity_notes"]),
        effects=tuple(effects), paths={k: tuple(v) for k, v in (checkins.get("paths") or {}).items()},
        anchors={(k, int(w)): v for k, weeks in (checkins.get("anchors") or {}).items() for w, v in weeks.items()},
        first_reading=dict(checkins.get("first_reading") or {}), customer_prefix=data.get("customer_prefix", "KH"))


def profile(sample: str | Profile | None = None) -> Profile:
    """The sales profile of a sample company (``"saomai"``, ``"fmcg"``; default as :func:`okrkit.samples.get`)."""
    if isinstance(sample, Profile):
        return sample
    from .samples import get

    chosen = get(sample)
    if chosen.key == "saomai":
        return SAOMAI
    import yaml

    data = yaml.safe_load(chosen.path("profile.yaml").read_text(encoding="utf-8"))
    return _profile_from(data, chosen.key)


def _day(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def generate(seed: int = SEED, *, n_transactions: int = N_TRANSACTIONS, n_customers: int = N_CUSTOMERS,
             start: date = START, end: date = END, sample: str | Profile | None = None) -> dict:
    """A sample company's sales tables as pandas DataFrames in the files' shape.

    Returns ``{"transactions", "customers", "plan", "reps", "activities"}`` with
    the columns of :mod:`okrkit.sales`' schemas, each indexed by the row number
    the table would have in Excel (header = row 1).  ``sample`` chooses the
    company's :class:`Profile` (default: Sao Mai, or the class's company).
    """
    import numpy as np
    import pandas as pd

    P = profile(sample)
    REGIONS, REGION_REPS, REGION_WEIGHTS, LINES = P.regions, P.region_reps, P.region_weights, P.lines
    LEFT_REP, HEIR_REP, LEFT_ON, RENAMED = P.left_rep, P.heir_rep, P.left_on, P.renamed
    _PREFIX, _NAMES = P.name_prefixes, P.names
    rng = np.random.default_rng(seed)
    d0, d1, q0 = _day(start), _day(end), _day(QUARTER_START)
    n_days = d1 - d0 + 1

    # ---- customers
    ids = np.array([f"{P.customer_prefix}{i:04d}" for i in range(1, n_customers + 1)], dtype=object)
    region_idx = rng.choice(len(REGIONS), size=n_customers, p=REGION_WEIGHTS)
    regions = np.array(REGIONS, dtype=object)[region_idx]
    rep = np.array([REGION_REPS[r][rng.integers(len(REGION_REPS[r]))] for r in regions], dtype=object)
    seg_idx = rng.choice(len(P.segments), size=n_customers, p=P.segment_weights)
    size = rng.lognormal(0.0, 0.8, n_customers) * np.array(P.segment_size)[seg_idx]
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
    # the renamed customer is a long-standing partner of the rep who left
    k = int(RENAMED[0][len(P.customer_prefix):]) - 1
    if k < n_customers:
        stage[k], prev[k], regions[k], rep[k], first[k] = "partner", "partner", P.renamed_region, LEFT_REP, d0 - 400
        names[k] = RENAMED[2]
        buys[k] = True
        region_idx[k] = REGIONS.index(P.renamed_region)
        size[k] = max(size[k], 3.0)
    # lines each customer buys (top customers leave some lines for cross-selling)
    n_lines = len(LINES)
    pop = np.array(P.line_popularity)
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
    march = day >= _day(date(2026, 3, 1))
    line_names = [x[0] for x in LINES]
    for e in P.effects:                       # the quarter's stories (see Profile)
        if "line" not in e:                   # every sale between two days (Tết)
            factor *= np.where((day >= _day(e["from"])) & (day <= _day(e["to"])), e["factor"], 1.0)
        elif "trend_per_month" in e:          # a line rising month by month
            rising = line == line_names.index(e["line"])
            factor[rising] *= e["base"] + e["trend_per_month"] * month[rising]
        else:                                 # a line falling (in one region, or everywhere), faster in March
            falling = (line == line_names.index(e["line"])) & (day >= _day(e["from"]))
            if e.get("region"):
                falling &= region_idx[cust] == REGIONS.index(e["region"])
            factor[falling] *= np.where(march[falling], e["march_factor"], e["factor"])
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
                              "segment": np.array(P.segments, dtype=object)[seg_idx], "region": regions,
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
    anote = np.array(P.activity_notes, dtype=object)[rng.integers(0, len(ACTIVITY_NOTES), len(acust))]
    aorder = np.lexsort((acust, aday))
    activities = pd.DataFrame({"date": aday[aorder].astype("datetime64[D]"), "customer_id": ids[acust[aorder]],
                               "rep_id": arep[aorder], "kind": akind[aorder], "note": anote[aorder]})
    activities["date"] = activities["date"].astype("datetime64[us]")

    reps = pd.DataFrame([{"rep_id": r[0], "name": r[1], "region": r[2], "team": r[3], "joined_on": r[4],
                          "left_on": r[5]} for r in P.reps])
    out = {"transactions": tx, "customers": customers, "plan": plan, "reps": reps, "activities": activities}
    for df in out.values():
        df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    return out


# How the weekly values of the sample check-ins move (see generate_checkins).
_WEEKS = 13
_COUNT_UNITS = {"khách hàng", "người", "hợp đồng", "lead", "yêu cầu", "đối tác", "bài", "buổi", "cửa hàng", "lượt",
                "tuần", "lỗi", "điểm bán"}
_TET_WEEKS = {7: 0.6, 8: 0.2, 9: 0.7}   # Tết 2026 is 17/2 (holiday 14–22/2): weeks 7–9 move slowly
# Weekly values written by hand where a lesson or an exercise tells their story:
# S3.KR1 changes once a month (monthly plans are due on the 3rd), S3.KR2 counts the weekly
# reports filed so far, M1.KR3 (cost per lead) dips under its ceiling around Tết, when
# advertising is cheap, and climbs back in March.
_PATHS = {
    "S3.KR1": (75, 75, 75, 75, 75, 92, 92, 92, 92, 100, 100, 100, 100),
    "S3.KR2": tuple(range(_WEEKS)),
    "M1.KR3": (266000, 263000, 261000, 259000, 256000, 253000, 251000, 248000, 254000, 258000, 261000, 263000,
               265000),
}
# Values fixed at one week: ex05's check-in is week 8 of M1 (okrkit.rubrics.ex05_checkin.CRM).
_ANCHORS = {("M1.KR1", 8): 2950, ("M1.KR2", 8): 968}
# Measures first taken this quarter: the first check-in is their first reading, not a change.
_FIRST_READING = {"P2.KR3": 3.4}

SAOMAI = Profile(
    key="saomai", regions=REGIONS, region_weights=REGION_WEIGHTS, reps=REPS, left_rep=LEFT_REP, heir_rep=HEIR_REP,
    left_on=LEFT_ON, region_reps=REGION_REPS, lines=LINES, line_popularity=LINE_POPULARITY, segments=SEGMENTS,
    segment_weights=(0.62, 0.28, 0.10), segment_size=(1.0, 2.6, 5.0), name_prefixes=_PREFIX, names=_NAMES,
    renamed=RENAMED, renamed_region="TP.HCM", activity_notes=ACTIVITY_NOTES,
    effects=(
        {"from": date(2026, 2, 14), "to": date(2026, 2, 22), "factor": 0.85},                              # Tết
        {"line": "Phần mềm POS", "region": "TP.HCM", "from": QUARTER_START, "factor": 0.6, "march_factor": 0.3},
        {"line": "Đào tạo", "region": None, "from": QUARTER_START, "factor": 0.75, "march_factor": 0.45},
        {"line": "Ứng dụng di động", "trend_per_month": 0.06, "base": 0.7},
    ),
    paths=_PATHS, anchors=_ANCHORS, first_reading=_FIRST_READING)


def checkin_notes(sample: str | None = None) -> dict:
    """The Plans and Problems of a sample company's check-ins (``okrkit/data/checkin_notes.yaml``)."""
    import yaml

    from . import sample_path

    return yaml.safe_load(sample_path("checkin_notes.yaml", sample).read_text(encoding="utf-8"))


def _decimals(kr) -> int:
    unit = (kr.unit or "").lower()
    if unit == "%":
        return 2 if (kr.target or 0) >= 99 else 1
    if unit == "điểm":
        return 0 if abs(kr.target or 0) >= 10 else 2
    if unit in ("giờ", "giây"):
        return 1
    return 0


def is_count(kr) -> bool:
    """A key result counted up over the quarter (customers, leads, revenue…): its weekly value never falls."""
    unit = (kr.unit or "").lower()
    if unit == "vnd":
        return (kr.kind or "increase") == "increase" and kr.target is not None
    per_period = any(w in kr.text.lower() for w in ("mỗi tháng", "mỗi tuần", "/tháng"))
    return unit in _COUNT_UNITS and not per_period


def _round(kr, value: float) -> float:
    if (kr.unit or "").lower() == "vnd":
        return float(round(value, -7 if is_count(kr) else -3))
    if is_count(kr):
        return float(round(value))
    return round(float(value), _decimals(kr))


def show_value(value: float, unit: str | None) -> str:
    """A check-in value as the notes write it: ``10,2 tỷ đồng``, ``248.000 đồng``, ``21,3%``, ``2.950 lead``."""
    from .i18n import number

    unit = unit or ""
    if unit.lower() == "vnd":
        if abs(value) >= 1e9:
            return f"{number(value / 1e9, 'vi', max_decimals=3)} tỷ đồng"
        if abs(value) >= 1e6:
            return f"{number(value / 1e6, 'vi', max_decimals=0)} triệu đồng"
        return f"{number(value, 'vi', decimals=0)} đồng"
    text = number(value, "vi", max_decimals=2)
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".strip()


def show_change(change: float, unit: str | None) -> str:
    """A week's change: percentages move by percentage points."""
    if (unit or "") == "%":
        return show_value(abs(change), None) + " điểm phần trăm"
    return show_value(abs(change), unit)


def progress_note(kr, kind: str, *, week: int, value: float, before: float | None, progress: float,
                  first_reading: bool = False) -> str:
    """The Progress of a check-in, written from the logged values (so it always agrees with them).

    ``before`` is last week's value (the baseline in week 1); ``progress`` the KR's progress
    now, compared with the pace ``week / 13`` as lesson 3 reads it.
    """
    unit = kr.unit
    if kind == "milestone":
        return "Đã hoàn thành" if value >= 1 else "Chưa hoàn thành"
    since = "so với đầu quý" if week == 1 else "so với tuần trước"
    if kind in ("stay-above", "stay-below"):
        limit = show_value(kr.target, unit)
        if kind == "stay-below":
            status = f"trong mức cho phép (tối đa {limit})" if value <= kr.target else f"vượt mức tối đa {limit}"
        else:
            status = f"đạt mức tối thiểu {limit}" if value >= kr.target else f"dưới mức tối thiểu {limit}"
        if is_count(kr):
            change = value - (before or 0.0)
            moved = (f"Thêm {show_change(change, unit)} {since}" if change > 0
                     else f"Không phát sinh thêm {since}")
            return f"{moved}, tổng {show_value(value, unit)}: {status}"
        return f"Hiện ở mức {show_value(value, unit)}: {status}"
    if first_reading or before is None:
        return f"Lần đo đầu tiên: {show_value(value, unit)}"
    change = value - before
    if change == 0:
        moved = f"Không đổi {since}, vẫn {show_value(value, unit)}"
    elif change > 0:
        verb = "Đạt thêm" if kind == "increase" else "Tăng"
        moved = f"{verb} {show_change(change, unit)} {since}, lên {show_value(value, unit)}"
    else:
        moved = f"Giảm {show_change(change, unit)} {since}, còn {show_value(value, unit)}"
    pace = "đúng nhịp" if progress >= week / _WEEKS - 1e-9 else "chậm nhịp"
    return f"{moved}; {pace}"


def _count_path(rng, base: float, final: float, anchors: dict[int, float]):
    """Values of a count for weeks 1…13 from ``base``: never falling, slow around Tết, through the anchors."""
    import numpy as np

    tilt = rng.uniform(-0.4, 0.6)
    points = [(0, base), *sorted(anchors.items()), (_WEEKS, final)]
    values = []
    for (w0, v0), (w1, v1) in zip(points, points[1:]):
        weeks = np.arange(w0 + 1, w1 + 1)
        pull = rng.gamma(4.0, 0.25, len(weeks)) * np.array([_TET_WEEKS.get(int(w), 1.0) for w in weeks])
        pull *= (weeks / _WEEKS) ** tilt
        values += list(v0 + np.cumsum(pull / pull.sum()) * (v1 - v0))
        values[-1] = v1
    return values


def generate_checkins(okrs=None, seed: int = SEED, sample: str | Profile | None = None):
    """Thirteen weekly check-ins (Fridays of 2026-Q1) for every measurable KR of the sample company.

    Values move from the baseline to the KR's ``current`` (the final result):
    counts (customers, leads, revenue…) never fall and slow down around Tết,
    rates and scores move with some noise.  Confidence follows how far ahead or
    behind the KR runs, with some optimism early in the quarter.  Each KR's
    Plan and Problems come from its own notes (:func:`checkin_notes`; the Tết
    notes only in the weeks around 17/2/2026); Progress is written from the
    logged values (:func:`progress_note`).
    """
    import numpy as np
    import pandas as pd

    from .scoring import EXPECTED, kind_of, raw_progress

    if okrs is None:
        from . import sample_company

        okrs = sample_company(None if isinstance(sample, Profile) else sample)
    P = profile(sample)
    notes = checkin_notes(P.key)
    tet = notes["tet"]
    rng = np.random.default_rng(seed + 1)
    fridays = [date(2026, 1, 2) + pd.Timedelta(days=7 * i) for i in range(_WEEKS)]
    fridays = [d.date() if hasattr(d, "date") else d for d in fridays]
    rows = []
    for obj, kr in okrs.key_results():
        kind = kind_of(kr)
        if kr.current is None or (kr.target is None and kind != "milestone"):
            continue
        own = notes["key_results"][kr.id]
        base = kr.baseline if kr.baseline is not None else (0.0 if kind in ("increase", "milestone") else kr.current)
        final = kr.current
        expected = EXPECTED.get(obj.type, 1.0)
        anchors = {w: v for (k, w), v in P.anchors.items() if k == kr.id}
        if kr.id in P.paths:
            path = [float(v) for v in P.paths[kr.id]]
        elif kind == "milestone":
            last_week = _WEEKS
            if kr.due is not None:
                last_week = max(w for w, d in enumerate(fridays, start=1) if d <= kr.due)
            done = int(rng.integers(min(6, last_week), last_week + 1)) if final >= 1 else _WEEKS + 1
            path = [1.0 if w >= done else 0.0 for w in range(1, _WEEKS + 1)]
        elif is_count(kr):
            path = _count_path(rng, 0.0 if kind == "stay-below" else base, final, anchors)
        elif kind in ("stay-above", "stay-below"):
            spread = 0.3 * abs(final - kr.target) + 1e-3
            path = [final + rng.normal(0, spread) for _ in range(_WEEKS - 1)] + [final]
        else:
            start = P.first_reading.get(kr.id, base)
            bend = 0.8 + 0.6 * rng.random()
            path = [start + (final - start) * (w / _WEEKS) ** bend + (final - start) * rng.normal(0, 0.04)
                    for w in range(1, _WEEKS)] + [final]
        path = [_round(kr, v) for v in path[:-1]] + [float(final)]   # the last week is the quarter's result
        if (kr.unit or "") == "%":
            path = [min(max(v, 0.0), 100.0) for v in path]
        before = 0.0 if is_count(kr) and kind == "stay-below" else base   # the value "last week" of week 1
        last_plan = last_problem = None
        for w, (day, value) in enumerate(zip(fridays, path), start=1):
            f = w / _WEEKS
            p_final = raw_progress(kind, baseline=kr.baseline, target=kr.target, current=final) or 0.0
            p_now = raw_progress(kind, baseline=kr.baseline, target=kr.target, current=value) or 0.0
            pace = f * min(p_final / expected, 1.1) + (1 - f) * min(max(p_now / max(f, 0.2), 0.3) / expected, 1.1)
            conf = float(np.clip(round(7.5 * pace + 2.5 * (1 - f) + rng.normal(0, 0.8)), 0, 10))
            behind = p_now < (1.0 if kind in ("stay-above", "stay-below", "milestone") else f) - 1e-9
            if kind == "milestone" and value < 1 and w < 8:
                behind = False
            problem = ""
            tet_pool = tet["problems"].get(f"week {w}")
            tet_note = str(rng.choice(tet_pool.get(obj.owner, tet_pool["default"]))) if tet_pool else ""
            if behind or (conf < 7 and kind not in ("stay-above", "stay-below")):
                if tet_note and rng.random() < 0.3:
                    problem = tet_note
                elif rng.random() < 0.85:
                    fresh = [p for p in own["problems"] if p != last_problem]
                    problem = str(rng.choice(fresh if fresh and rng.random() < 0.5 else own["problems"]))
            elif w == 8 and rng.random() < 0.6:
                problem = tet_note
            choices = [p for p in own["plans"] if p != last_plan] or own["plans"]
            plan = str(rng.choice(choices))
            if w == 8 and rng.random() < 0.6:
                plan = tet["plans"]["week 8"][0]
            last_plan, last_problem = plan, problem or last_problem
            plan = plan.format(n=int(rng.integers(3, 12)), m=int(rng.integers(3, 12)) * 20)
            progress = progress_note(kr, kind, week=w, value=value, before=before, progress=p_now,
                                     first_reading=(w == 1 and kr.id in P.first_reading))
            rows.append({"kr_id": kr.id, "week": day.isoformat(), "value": value, "confidence": conf,
                         "plan": plan, "progress": progress, "problems": problem, "objective_id": obj.id})
            before = value
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


def sales_data(seed: int = SEED, *, n_transactions: int = N_TRANSACTIONS, n_customers: int = N_CUSTOMERS,
               sample: str | None = None):
    """Generate and build a :class:`~okrkit.sales.SalesData` directly (no files)."""
    from .sales import build_sales

    t = for_build(generate(seed, n_transactions=n_transactions, n_customers=n_customers, sample=sample))
    return build_sales(t["transactions"], t["customers"], t["reps"], t["plan"], t["activities"], source=f"seed {seed}")


def write_sample(folder: str | os.PathLike, seed: int = SEED, *, n_transactions: int = N_TRANSACTIONS,
                 n_customers: int = N_CUSTOMERS, sample: str | None = None) -> list[Path]:
    """Write a sample company's generated tables as CSV files (ISO dates, plain numbers) into ``folder``.

    ``python -m okrkit.sample_data fmcg`` rewrites the bundled files of one company.
    """
    from .files import atomic_write

    folder = Path(folder)
    written = []
    for name, df in generate(seed, n_transactions=n_transactions, n_customers=n_customers, sample=sample).items():
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
        c = generate_checkins(seed=seed, sample=sample)
        c["value"] = c["value"].map(lambda x: f"{x:.0f}" if abs(x) >= 100 else f"{x:g}")
        c["confidence"] = c["confidence"].map(lambda x: f"{x:g}")
        written.append(atomic_write(folder / "checkins.csv", c.to_csv(index=False, lineterminator="\n")))
    return written


if __name__ == "__main__":   # python -m okrkit.sample_data [saomai|fmcg]: rewrite the bundled sales files
    import sys

    from . import sample_path

    for key in sys.argv[1:] or ["saomai"]:
        for f in write_sample(sample_path("sales", key) if (sample_path("company.yaml", key).parent / "sales").exists()
                              else sample_path("company.yaml", key).parent / "sales", sample=key):
            print(f)
