"""Benchmark: `okrkit grade` on the sample class against a serial loop of papermill command-line runs.

Prints three ratios, all measured in this one run:

1. speed-up of grading the sample class with ``--workers 2`` over a straightforward
   serial loop of ``papermill`` command-line runs over the same submissions
   followed by scoring (target ≥ 4×);
2. per-notebook wall time (median over the notebooks run, from a worker taking the
   job to its result) against the kernel-start floor: an empty notebook executed
   by papermill in this process (target ≤ 1.5×);
3. speed-up of re-grading with nothing changed over the full run (target ≥ 20×).

Usage: python benchmarks/bench_grade.py [--participants N] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from okrkit.grading import collect, sample_class
from okrkit.grading.run import grade_class
from okrkit.grading.submissions import copy_for_run, discover
from okrkit.grading.worker import collect_records
from okrkit.rubric import load_rubric

PAPERMILL = Path(sys.executable).with_name("papermill")


def floor_seconds(tmp: Path, repeat: int = 3) -> float:
    """Median time papermill (already imported) takes to run an empty notebook in a new kernel."""
    import nbformat
    import papermill

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("", metadata={"tags": ["parameters"]})]
    path = tmp / "empty.ipynb"
    nbformat.write(nb, path)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        papermill.execute_notebook(str(path), str(tmp / "empty-out.ipynb"), progress_bar=False, kernel_name="python3")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def serial_baseline(sub: Path, tmp: Path, timeout: float) -> tuple[float, dict]:
    """Each notebook: a `papermill` command-line run in a temporary copy, then validate and score."""
    exercises = sample_class.exercise_ids()
    rubrics = {ex: load_rubric(ex) for ex in exercises}
    statuses = {}
    t0 = time.perf_counter()
    for p in discover(sub, exercises, work=tmp / "unzipped"):
        for ex, nb in p.notebooks.items():
            run = Path(tempfile.mkdtemp(dir=tmp))
            copy_for_run(p.folder, run)
            out = run / "executed.ipynb"
            cmd = [str(PAPERMILL), str(run / nb.name), str(out), "-k", "python3", "--cwd", str(run),
                   "--execution-timeout", str(int(timeout)), "--no-progress-bar",
                   "-p", "exercise", ex, "-p", "answers_path", f"answers/{ex}.json", "-p", "lang", "en",
                   "-p", "grading", "True"]
            try:
                done = subprocess.run(cmd, capture_output=True, timeout=timeout + 120, check=False)
                failed = done.returncode != 0
            except subprocess.TimeoutExpired:
                failed = True
            if failed or not out.exists():
                statuses[(p.name, ex)] = "error"
                continue
            import nbformat

            records, too_big = collect_records(nbformat.read(out, as_version=4))
            state, answer, problem = collect.read_answers_file(p.answers_file(ex), ex)
            chosen, _, bad, _ = collect.choose_answer(ex, records, state, answer, problem, record_too_big=too_big,
                                                      rubric=rubrics[ex])
            if bad:
                statuses[(p.name, ex)] = "invalid-answers"
            else:
                collect.score(rubrics[ex], chosen)
                statuses[(p.name, ex)] = "graded"
            shutil.rmtree(run, ignore_errors=True)
    return time.perf_counter() - t0, statuses


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=0, help="use the first N participants (default: all)")
    ap.add_argument("--timeout", type=float, default=10.0, help="time limit per notebook (default 10 s)")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="okrkit-bench-grade-"))
    try:
        names = [p["name"] for p in sample_class.spec()["participants"]]
        if args.participants:
            names = names[: args.participants]
        sub = tmp / "submissions"
        sample_class.write(sub, participants=names)
        print(f"sample class: {len(names)} participants, timeout {args.timeout:g} s, 2 workers")

        floor = floor_seconds(tmp)
        print(f"kernel-start floor (empty notebook, papermill in-process): {floor:.2f} s")

        t0 = time.perf_counter()
        summary = grade_class(sub, tmp / "grades", workers=2, timeout=args.timeout, progress=False)
        kit = time.perf_counter() - t0
        manifest = json.loads((tmp / "grades" / ".okrkit-grade" / "manifest.json").read_text(encoding="utf-8"))
        ran = [r for r in manifest["rows"].values() if r.get("seconds") and r["status"] in ("graded", "invalid-answers")]
        per = statistics.median(r["seconds"] for r in ran)
        own = statistics.median(r["seconds"] - (r.get("cells_seconds") or 0) for r in ran)
        cells = statistics.median(r.get("cells_seconds") or 0 for r in ran)
        print(f"okrkit grade --workers 2: {kit:.1f} s for {summary['executed']} notebooks "
              f"({summary['statuses']})")

        t0 = time.perf_counter()
        again = grade_class(sub, tmp / "grades", workers=2, timeout=args.timeout, progress=False)
        regrade = time.perf_counter() - t0
        assert again["executed"] == 0, again["executed"]
        print(f"re-grade, nothing changed: {regrade:.2f} s")

        base, statuses = serial_baseline(sub, tmp, args.timeout)
        print(f"serial papermill CLI loop + scoring: {base:.1f} s for {len(statuses)} notebooks")
        ours = {(r["participant"], r["exercise"]): r["status"] for r in summary["results"]}
        differ = [k for k, v in statuses.items() if ours.get(k) not in (v, "timeout") and v != "error"]
        if differ:
            print(f"note: statuses differ from the baseline for {len(differ)} notebooks: {differ[:3]}")

        r1, r2, r3 = base / kit, per / floor, kit / regrade
        print()
        print(f"ratio 1  speed-up over serial papermill CLI:       {r1:5.1f}×  (target ≥ 4×)   "
              f"{'OK' if r1 >= 4 else 'MISSED'}")
        print(f"ratio 2  per-notebook time / kernel-start floor:   {r2:5.2f}×  (target ≤ 1.5×) "
              f"{'OK' if r2 <= 1.5 else 'MISSED'}  (median {per:.2f} s vs {floor:.2f} s)")
        print(f"         of which the notebooks' own cells (median): {cells:.2f} s; the grader's part "
              f"(copy, papermill, kernel hand-over, collecting): {own:.2f} s = {own / floor:.2f}× the floor")
        print(f"ratio 3  full run / unchanged re-grade:            {r3:5.1f}×  (target ≥ 20×)  "
              f"{'OK' if r3 >= 20 else 'MISSED'}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
