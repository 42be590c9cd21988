"""Benchmark: the vectorised Monte Carlo against a per-draw Python loop, in one run.

Synthetic company: 8 departments × 6 KPIs × 3 weight schemes.  The kit draws
100,000 KPI achievements (correlated) and scores every scheme and department
with NumPy; the baseline scores the same draws one at a time in plain Python
on a smaller sample.  Results must be equal; the ratio is per draw.

    .venv/bin/python benchmarks/bench_simulate.py [--draws 100000] [--baseline-draws 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# One core, as a participant's kernel gets on a shared class server (and the baseline uses one).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from okrkit.cascade import cascade_from_data  # noqa: E402
from okrkit.simulate import draw_raw, monte_carlo  # noqa: E402

TARGET_RATIO = 50
SLIDER_SECONDS = 0.5


def synthetic_plan():
    """8 departments carrying 6 KPIs each (some shared), 3 schemes, correlated draws."""
    kpis = ["revenue", "leads", "new_customers", "retention", "uptime", "response_time"]
    rng = np.random.default_rng(7)
    departments = []
    for d in range(8):
        w = rng.random(6) + 0.05
        w = np.round(w / w.sum(), 4)
        w[0] = round(1 - w[1:].sum(), 4)
        departments.append({"name": f"Bộ phận {d + 1}", "weights": dict(zip(kpis, map(float, w)))})
    return cascade_from_data({
        "goal": {"id": "revenue", "value": "12 tỷ", "unit": "VND"},
        "kpis": [{"id": k, "target": 100, "actual": 90, "owner": f"Bộ phận {i + 1}"} for i, k in enumerate(kpis)],
        "departments": departments,
        "scoring": {"cap": 1.2},
        "schemes": {"base": {}, "revenue 50": {"Bộ phận 1": {"revenue": 0.5}, "Bộ phận 2": {"revenue": 0.4}},
                    "revenue 90": {"Bộ phận 1": {"revenue": 0.9}, "Bộ phận 2": {"revenue": 0.0}}},
        "payout": {"threshold": 0.7, "target": 1.0, "excellence": 1.2, "excellence_payout": 1.5},
        "simulation": {
            "distributions": {
                "revenue": {"dist": "normal", "mean": 0.9, "sd": 0.1},
                "leads": {"dist": "normal", "mean": 0.95, "sd": 0.12},
                "new_customers": {"dist": "triangular", "low": 0.6, "mode": 0.9, "high": 1.1},
                "retention": {"dist": "uniform", "low": 0.85, "high": 1.05},
                "uptime": {"dist": "normal", "mean": 1.0, "sd": 0.03},
                "response_time": {"dist": "normal", "mean": 0.9, "sd": 0.2}},
            "correlations": [{"between": ["leads", "revenue"], "r": 0.6},
                             {"between": ["new_customers", "revenue"], "r": 0.7},
                             {"between": ["uptime", "response_time"], "r": 0.3}]},
    })


def baseline(plan, raw_rows, schemes):
    """The straightforward way: one draw at a time, plain Python loops."""
    matrices = [plan.weights(s) for s in schemes]
    policy, curve = plan.policy, plan.payout
    scores, payouts = [], []
    for row in raw_rows:
        kpi_scores = [policy.apply(x) for x in row]
        draw_scores, draw_payouts = [], []
        for m in matrices:
            s_row, p_row = [], []
            for weights in m.weights:
                total = 0.0
                for w, s in zip(weights, kpi_scores):
                    total += w * s
                s_row.append(total)
                p_row.append(curve(total))
            draw_scores.append(s_row)
            draw_payouts.append(p_row)
        scores.append(draw_scores)
        payouts.append(draw_payouts)
    return scores, payouts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--baseline-draws", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    plan = synthetic_plan()
    schemes = [s.name for s in plan.schemes]
    shape = f"{len(plan.departments)} departments × {len(plan.kpis)} KPIs × {len(schemes)} schemes"

    monte_carlo(plan, draws=1000, seed=args.seed)   # warm up imports and caches
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = monte_carlo(plan, draws=args.draws, seed=args.seed)
        times.append(time.perf_counter() - t0)
    kit = min(times)

    raw = draw_raw(plan, args.draws, args.seed)[: args.baseline_draws].tolist()
    base_times = []
    for _ in range(max(1, args.repeat // 2)):
        t0 = time.perf_counter()
        base_scores, base_payouts = baseline(plan, raw, schemes)
        base_times.append(time.perf_counter() - t0)
    base = min(base_times)

    equal = (np.allclose(np.array(base_scores), result.scores[: args.baseline_draws], rtol=0, atol=1e-12)
             and np.allclose(np.array(base_payouts), result.payouts[: args.baseline_draws], rtol=0, atol=1e-12))
    kit_per_draw = kit / args.draws
    base_per_draw = base / args.baseline_draws
    ratio = base_per_draw / kit_per_draw
    met = ratio >= TARGET_RATIO and equal
    print(f"Monte Carlo benchmark: {shape}")
    print(f"  kit (NumPy, vectorised): {args.draws:,} draws in {kit * 1000:.1f} ms "
          f"(best of {args.repeat}; draw + score + payout) = {kit_per_draw * 1e6:.3f} µs/draw")
    print(f"  baseline (per-draw Python loop): {args.baseline_draws:,} draws in {base * 1000:.1f} ms "
          f"(best of {len(base_times)}) = {base_per_draw * 1e6:.2f} µs/draw")
    print(f"  results equal on the shared draws: {'yes' if equal else 'NO'}")
    print(f"  speed ratio per draw: {ratio:.0f}× (target ≥ {TARGET_RATIO}×)")
    print(f"  full run under {SLIDER_SECONDS} s (slider-friendly): {'yes' if kit < SLIDER_SECONDS else 'no'}")
    print(f"  target met: {'yes' if met else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
