"""Benchmark: `okrkit grade` (confined) against nbgrader-style grading, on a class of 40 × 8 notebooks.

nbgrader autogrades one notebook at a time, each in a fresh kernel started by
nbclient.  This script measures, in one run and on the same hand-ins:

* **baseline**: every notebook executed one after another, each in a fresh
  ``python3`` kernel with ``nbclient.NotebookClient`` (the same parameters the
  grader injects, so the same code runs), then its saved answer read and scored
  with the rubric — what an nbgrader autograde loop does;
* **okrkit**: the real command, ``okrkit grade SUBMISSIONS --out OUT --workers 2``,
  with confinement on (a bubblewrap sandbox per participant) and every notebook
  run by papermill;

and prints the ratio (target ≥ 10× on a 2-core machine), the per-notebook time
of each against the kernel-start floor (an empty notebook in a fresh kernel with
nbclient), and the re-grade of an unchanged class.

Usage: python benchmarks/bench_grade.py [--participants 40] [--workers 2] [--baseline-every 1]
(``--baseline-every K`` runs the baseline on every K-th notebook only and scales it: quicker, less exact.)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from okrkit.grading import collect, sample_class
from okrkit.rubric import load_rubric

OKRKIT = Path(sys.executable).with_name("okrkit")


def fresh_kernel_run(path: Path, parameters: dict | None, workdir: Path, timeout: float) -> bool:
    nb = load_notebook_node(str(path))
    if parameters is not None:
        nb = parameterize_notebook(nb, parameters)
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout, resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute()
        return True
    except Exception:  # noqa: BLE001 - a failing notebook is a row for nbgrader too
        return False


def floor_seconds(tmp: Path, repeat: int = 3) -> float:
    """Median time of an empty notebook executed by nbclient in a fresh kernel."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("")]
    path = tmp / "empty.ipynb"
    nbformat.write(nb, path)
    fresh_kernel_run(path, None, tmp, 60)  # warm-up: the first start also fills the OS's file cache
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fresh_kernel_run(path, None, tmp, 60)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def baseline(sub: Path, tmp: Path, every: int, timeout: float) -> tuple[float, int, int]:
    """nbgrader-style: one notebook after another, a fresh kernel each, then score.  ``(seconds, run, total)``."""
    exercises = sample_class.exercise_ids()
    rubrics = {ex: load_rubric(ex) for ex in exercises}
    todo = [(p, ex) for p in sorted(sub.iterdir()) for ex in exercises if (p / f"{ex}.ipynb").exists()]
    chosen = todo[::every]
    t0 = time.perf_counter()
    for folder, ex in chosen:
        run = Path(tempfile.mkdtemp(dir=tmp))
        shutil.copytree(folder, run, dirs_exist_ok=True)
        params = {"exercise": ex, "answers_path": f"answers/{ex}.json", "grading": True, "lang": "en"}
        if fresh_kernel_run(run / f"{ex}.ipynb", params, run, timeout):
            state, answer, _ = collect.read_answers_file(run / "answers" / f"{ex}.json", ex)
            if state == "ok":
                collect.score(rubrics[ex], answer)
        shutil.rmtree(run, ignore_errors=True)
    return time.perf_counter() - t0, len(chosen), len(todo)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--baseline-every", type=int, default=1, metavar="K")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="okrkit-bench-grade-"))
    try:
        sub = tmp / "submissions"
        sample_class.write_honest(sub, args.participants)
        total = args.participants * len(sample_class.exercise_ids())
        print(f"class: {args.participants} participants × {len(sample_class.exercise_ids())} exercises "
              f"= {total} notebooks; {os.cpu_count()} cores")
        floor = floor_seconds(tmp)
        print(f"kernel-start floor (empty notebook, fresh kernel, nbclient): {floor:.2f} s")

        out = tmp / "grades"
        cmd = [str(OKRKIT), "grade", str(sub), "--out", str(out), "--workers", str(args.workers), "--quiet",
               "--timeout", str(args.timeout)]
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        kit = time.perf_counter() - t0
        if done.returncode:
            print(done.stderr.strip().splitlines()[-1])
            return done.returncode
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["confined"], "the benchmark measures confined grading"
        print(f"okrkit grade --workers {args.workers} (confined): {kit:.1f} s, {kit / total:.3f} s per notebook "
              f"({summary['statuses']})")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        regrade = time.perf_counter() - t0
        print(f"re-grade, nothing changed: {regrade:.1f} s")

        base, ran, todo = baseline(sub, tmp, args.baseline_every, args.timeout)
        per_base = base / ran
        print(f"nbgrader-style (fresh kernel per notebook, one at a time): {base:.1f} s for {ran} notebooks, "
              f"{per_base:.2f} s per notebook" + (f" (every {args.baseline_every}th of {todo})"
                                                   if args.baseline_every > 1 else ""))
        ratio = per_base / (kit / total)
        print()
        print(f"ratio  nbgrader-style / okrkit grade:  {ratio:5.1f}×  (target ≥ 10×)  {'OK' if ratio >= 10 else 'MISSED'}")
        print(f"per notebook: okrkit {kit / total:.3f} s = {kit / total / floor:.2f}× the kernel-start floor; "
              f"nbgrader-style {per_base:.2f} s = {per_base / floor:.2f}× the floor")
        print(f"re-grade of an unchanged class: {kit / regrade:.1f}× faster than the full run")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
