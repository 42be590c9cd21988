"""Benchmark: the sales review on a million transactions vs a row-by-row Python review.

One run, side by side:

1. generate a synthetic year of 1,000,000 transactions for the sample company
   (``okrkit.sample_data``), build the :class:`~okrkit.sales.SalesData`;
2. take a random sample of the rows (50,000 by default), run the kit's review
   and a straightforward row-by-row Python review (dicts, loops, ``if date in
   period``) on it, and check that both give the same numbers;
3. time the kit's whole review on the million rows and the row-by-row review on
   the sample, and print the ratio of their times per row.

Target: ratio ≥ 50× for every period, and the whole review on a million rows
well under a second (it runs inside a live notebook).

The build (checking, joining, sorting, coding the rows and summing them into a
day × cell cube) is timed and printed apart; the row-by-row review gets its rows
already parsed into dicts, so neither side is timed for reading.  ``--no-cube``
measures the other path, where each period is summed from its rows.

Run: ``.venv/bin/python benchmarks/bench_sales.py [--rows 1000000] [--sample 50000] [--no-cube]``
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import okrkit as ok  # noqa: E402
from okrkit import sample_data  # noqa: E402
from okrkit.sales import Period, build_sales  # noqa: E402

PERIODS = ("2026-03", "2026-W10", "2026-Q1", "2025-04-01..2026-03-31")
TARGET = 50.0


# ---------------------------------------------------------------- the row-by-row review

def baseline_review(rows, customers, plan, activities, period: Period, share=0.1):
    """The sales review written the straightforward way: one pass of Python per question."""
    prev, last_year = period.previous(), period.last_year()

    def inside(d, p):
        return p.start <= d <= p.end

    # plan vs actual
    actual = {dim: defaultdict(float) for dim in ("rep_id", "customer_id", "product_line", "region")}
    for r in rows:
        if inside(r["date"], period):
            for dim, sums in actual.items():
                sums[r[dim]] += r["amount"]
    planned = {dim: defaultdict(float) for dim in ("rep_id", "customer_id", "region")}
    cust_region = {c["customer_id"]: c["region"] for c in customers}
    for p in plan:
        m0 = p["month"]
        m1 = (m0.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        lo, hi = max(m0, period.start), min(m1, period.end)
        days = (hi - lo).days + 1
        if days <= 0:
            continue
        value = p["expected"] * days / ((m1 - m0).days + 1)
        planned["rep_id"][p["rep_id"]] += value
        if p["customer_id"]:
            planned["customer_id"][p["customer_id"]] += value
        planned["region"][cust_region.get(p["customer_id"])] += value
    # customers with and without orders
    cust = {c["customer_id"]: {"revenue": 0.0, "orders": 0, "previous": 0.0, "last_year": 0.0, "last_order": None,
                               "contacted": False} for c in customers}
    for r in rows:
        c = cust[r["customer_id"]]
        if inside(r["date"], period):
            c["revenue"] += r["amount"]
            if r["amount"] > 0:
                c["orders"] += 1
        if inside(r["date"], prev):
            c["previous"] += r["amount"]
        if inside(r["date"], last_year):
            c["last_year"] += r["amount"]
        if r["amount"] > 0 and r["date"] <= period.end and (c["last_order"] is None or r["date"] > c["last_order"]):
            c["last_order"] = r["date"]
    for a in activities:
        if inside(a["date"], period):
            cust[a["customer_id"]]["contacted"] = True
    # drill-down: product line → region → rep → customer
    now, before = defaultdict(float), defaultdict(float)
    for r in rows:
        key = (r["product_line"], r["region"], r["rep_id"], r["customer_id"])
        if inside(r["date"], period):
            now[key] += r["amount"]
        if inside(r["date"], prev):
            before[key] += r["amount"]
    drill = {}
    for direction, sign in (("decline", -1), ("growth", 1)):
        kept = {}
        for depth in range(4):
            level_now, level_before = defaultdict(float), defaultdict(float)
            for key, v in now.items():
                level_now[key[: depth + 1]] += v
            for key, v in before.items():
                level_before[key[: depth + 1]] += v
            for key in set(level_now) | set(level_before):
                change = level_now[key] - level_before[key]
                if change * sign > 0 and (depth == 0 or key[:depth] in kept):
                    kept[key] = change
        drill[direction] = kept
    # top customers and product lines not bought yet
    buyers = sorted((c for c in cust if cust[c]["revenue"] > 0), key=lambda c: (-cust[c]["revenue"], c))
    top = buyers[: max(1, math.ceil(share * len(buyers)))] if buyers else []
    lines = sorted({r["product_line"] for r in rows})
    bought = defaultdict(set)
    for r in rows:
        if r["amount"] > 0 and r["date"] <= period.end:
            bought[r["customer_id"]].add(r["product_line"])
    cross = [(c, line) for c in top for line in lines if line not in bought[c]]
    # stage transitions
    stages = defaultdict(int)
    for c in customers:
        stages[(c["previous_stage"] or "new", c["stage"])] += 1
    return {"actual": actual, "plan": planned, "customers": cust, "drill": drill, "top": top, "cross": cross,
            "stages": dict(stages)}


# ---------------------------------------------------------------- checking both agree

def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-3)


def check_equal(kit, base, data) -> None:
    for by, col in (("rep", "rep_id"), ("customer", "customer_id"), ("product_line", "product_line"),
                    ("region", "region")):
        t = getattr(kit, f"by_{by}")
        got = {k: v for k, v in zip(t[col], t["actual"]) if v}
        want = {k: v for k, v in base["actual"][col].items() if v}
        assert got.keys() == want.keys(), by
        assert all(close(got[k], want[k]) for k in got), by
        if col in base["plan"]:
            got = {k: v for k, v in zip(t[col], t["plan"]) if not math.isnan(v) and v}
            want = {k: v for k, v in base["plan"][col].items() if v}
            assert got.keys() == want.keys() and all(close(got[k], want[k]) for k in got), f"plan by {by}"
    c = kit.customers.set_index("customer_id")
    import pandas as pd

    for cid, b in base["customers"].items():
        row = c.loc[cid]
        assert close(row["revenue"], b["revenue"]) and row["orders"] == b["orders"], cid
        assert close(row["revenue_previous"], b["previous"]) and close(row["revenue_last_year"], b["last_year"]), cid
        lo = None if pd.isna(row["last_order"]) else row["last_order"].date()
        assert lo == b["last_order"], cid
        assert bool(row["contacted"]) == b["contacted"], cid
    for direction in ("decline", "growth"):
        t = getattr(kit, direction)
        got = {}
        for r in t.itertuples(index=False):
            key = (r.product_line, r.region, r.rep_id, r.customer_id)[: r.depth + 1]
            got[key] = r.change
        want = base["drill"][direction]
        assert got.keys() == want.keys(), direction
        assert all(close(got[k], want[k]) for k in got), direction
    assert list(kit.top["customer_id"]) == base["top"]
    assert list(zip(kit.cross_sell["customer_id"], kit.cross_sell["product_line"])) == base["cross"]
    got = {(r.from_stage, r.to_stage): r.customers for r in kit.stages.itertuples(index=False)}
    assert got == base["stages"]


# ---------------------------------------------------------------- the run

def as_rows(data):
    tx = data.transactions
    cols = {c: tx[c].astype(object).tolist() if str(tx[c].dtype) == "category" else tx[c].tolist()
            for c in ("customer_id", "rep_id", "product_line", "region", "amount")}
    dates = [d.date() for d in tx["date"]]
    rows = [{"date": d, **{c: cols[c][i] for c in cols}} for i, d in enumerate(dates)]
    def text(x):
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

    customers = [{"customer_id": k, "region": text(r.get("region")), "stage": text(r.get("stage")),
                  "previous_stage": text(r.get("previous_stage"))} for k, r in data.customers.iterrows()]
    plan = [{"month": p.month.date(), "rep_id": p.rep_id, "customer_id": p.customer_id, "expected": p.expected}
            for p in data.plan.itertuples(index=False)]
    acts = [{"date": d.date(), "customer_id": c} for d, c in zip(data.activities["date"],
                                                                 data.activities["customer_id"].astype(object))]
    return rows, customers, plan, acts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=sample_data.SEED)
    ap.add_argument("--no-cube", action="store_true",
                    help="sum each period from the rows (one bincount per period) instead of the day × cell cube")
    args = ap.parse_args(argv)

    import numpy as np

    import okrkit.sales

    if args.no_cube:
        okrkit.sales.CUBE_LIMIT = 0
    t0 = time.perf_counter()
    tables = sample_data.for_build(sample_data.generate(args.seed, n_transactions=args.rows))
    t1 = time.perf_counter()
    full = build_sales(tables["transactions"], tables["customers"], tables["reps"], tables["plan"], tables["activities"])
    t2 = time.perf_counter()
    print(f"sales review benchmark: {len(full.transactions):,} transactions, {len(full.customers)} customers, "
          f"{len(full.reps)} reps ({full.first_day}..{full.last_day})")
    print(f"  generate {t1 - t0:.2f} s, build (check, join, sort, codes, cube) {t2 - t1:.2f} s "
          f"[{'rows: one bincount per period' if args.no_cube else 'day × cell cube'}]")

    rng = np.random.default_rng(1)
    pick = np.sort(rng.choice(len(tables["transactions"]), size=min(args.sample, args.rows), replace=False))
    small_tx = tables["transactions"].iloc[pick]
    small = build_sales(small_tx, tables["customers"], tables["reps"], tables["plan"], tables["activities"])
    rows, customers, plan, acts = as_rows(small)

    worst = math.inf
    print(f"  {'period':<24} {'kit (1M rows)':>14} {'kit µs/row':>11} {'row-by-row µs/row':>18} {'ratio':>8}")
    for spec in PERIODS:
        p = Period.parse(spec)
        kit_small = ok.review(small, p, limit=None)
        base = baseline_review(rows, customers, plan, acts, p)
        check_equal(kit_small, base, small)
        ok.review(full, p, limit=None)  # warm
        kit_times = []
        for _ in range(3):
            s = time.perf_counter()
            ok.review(full, p, limit=None)
            kit_times.append(time.perf_counter() - s)
        kit_t = min(kit_times)
        s = time.perf_counter()
        baseline_review(rows, customers, plan, acts, p)
        base_t = time.perf_counter() - s
        per_kit = kit_t / len(full.transactions) * 1e6
        per_base = base_t / len(rows) * 1e6
        ratio = per_base / per_kit
        worst = min(worst, ratio)
        print(f"  {spec:<24} {kit_t * 1000:>11.0f} ms {per_kit:>11.3f} {per_base:>18.3f} {ratio:>7.0f}×")
    print(f"  results checked equal on a {len(rows):,}-row sample; worst ratio {worst:.0f}× (target ≥ {TARGET:.0f}×)")
    print("  PASS" if worst >= TARGET else "  BELOW TARGET")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
