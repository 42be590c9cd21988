"""Time every lesson (and solution) notebook against an empty notebook, in one run.

The empty notebook measures the floor: starting a kernel and running one cell
under papermill.  Each notebook is executed the same way (papermill, kernel
``python3``, a temporary copy as working directory) and its time is printed
next to the floor with the ratio.  Target: no lesson costs more than 3x the floor.

"Run All" is what a participant waits for: from asking for a kernel to the last
cell's output (papermill's own start time and the last cell's end time, read
from the executed notebook).  The ratio is judged on it.  The whole papermill run,
which adds shutting the kernel down and writing the notebook, is printed beside it.
Papermill's save after every cell (markdown cells too) is switched off, for the
empty notebook and the lessons alike: JupyterLab's Run All saves nothing per cell,
and a 40-cell lesson would otherwise be timed writing itself 40 times.

    .venv/bin/python benchmarks/bench_notebooks.py            # lessons and solutions
    .venv/bin/python benchmarks/bench_notebooks.py --repeat 3 # best of 3 for each
    .venv/bin/python benchmarks/bench_notebooks.py notebooks/04_*.ipynb
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 3.0


def empty_notebook(folder: Path) -> Path:
    """A notebook with only a tagged parameters cell, saved in ``folder``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('lang = "vi"')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    path = folder / "empty.ipynb"
    nbformat.write(nb, path)
    return path


def run_once(path: Path) -> tuple[float, float]:
    """(Run All, whole run) in seconds, executing a fresh copy of ``path`` with papermill in its own folder."""
    from datetime import datetime

    import papermill as pm

    with tempfile.TemporaryDirectory(prefix="okrkit-bench-") as tmp:
        work = Path(tmp)
        src = work / path.name
        shutil.copy(path, src)
        start = time.perf_counter()
        nb = pm.execute_notebook(str(src), str(work / f"out-{path.name}"), kernel_name="python3",
                                 cwd=str(work), progress_bar=False, log_output=False,
                                 request_save_on_cell_execute=False)
        whole = time.perf_counter() - start
        ends = [c.metadata["papermill"]["end_time"] for c in nb.cells
                if c.metadata.get("papermill", {}).get("end_time")]
        run_all = (datetime.fromisoformat(max(ends))
                   - datetime.fromisoformat(nb.metadata["papermill"]["start_time"])).total_seconds()
        return run_all, whole


def best_of(path: Path, repeat: int) -> tuple[float, float]:
    return min(run_once(path) for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to time (default: lessons and solutions)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook; the best is kept (default 1)")
    args = parser.parse_args(argv)

    paths = [Path(p) for p in args.notebooks] or [
        *sorted((ROOT / "notebooks").glob("0*.ipynb")), *sorted((ROOT / "solutions").glob("*.ipynb"))]
    with tempfile.TemporaryDirectory(prefix="okrkit-bench-empty-") as tmp:
        empty = empty_notebook(Path(tmp))
        run_once(empty)  # warm the disk cache and the kernel's imports once; not counted
        # The floor is measured between the notebooks (one empty run before each), so a machine
        # that gets busier or quieter during the run moves the floor and the notebooks together.
        floors = [run_once(empty) for _ in range(2)]
        times = {}
        for path in paths:
            print(f"timing {path.name} …", file=sys.stderr, flush=True)
            floors.append(run_once(empty))
            times[path] = best_of(path, args.repeat)
    floor = statistics.median(run_all for run_all, _ in floors)
    floor_whole = statistics.median(whole for _, whole in floors)

    print(f"floor (empty notebook, kernel start + one cell; median of {len(floors)} runs between the notebooks): "
          f"Run All {floor:.2f} s, whole papermill run {floor_whole:.2f} s")
    print(f"{'notebook':<44} {'Run All':>8} {'x floor':>8}  within {TARGET:g}x   {'whole run':>9} {'x floor':>8}")
    over = []
    total = 0.0
    for path, (seconds, whole) in times.items():
        total += whole
        ratio = seconds / floor
        ok = ratio <= TARGET
        if not ok:
            over.append(path)
        rel = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
        note = "  (draws charts: imports altair)" if imports_altair(path) else ""
        print(f"{rel!s:<44} {seconds:8.2f} {ratio:8.2f}  {'yes' if ok else 'NO ':<3}         "
              f"{whole:9.2f} {whole / floor_whole:8.2f}{note}", flush=True)
    print(f"total {total:.1f} s for {len(paths)} notebooks; {len(paths) - len(over)} within {TARGET:g}x the floor")
    if any(imports_altair(path) for path in over):   # the usual reason a notebook is slow
        altair = import_seconds("altair")
        print(f"for scale: importing altair alone takes {altair:.2f} s ({altair / floor:.2f}x the floor) in a fresh process")
    return 0


def imports_altair(path: Path) -> bool:
    """Whether a code cell of the notebook imports Altair or the kit's Altair charts (``okrkit.ui.charts``).

    Markdown is not read: a lesson may mention the Altair charts without importing them.
    """
    import json
    import re

    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    code = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
    return re.search(r"^\s*(import altair|from altair\b|from okrkit\.ui import .*\bcharts\b|"
                     r"import okrkit\.ui\.charts|from okrkit\.ui\.charts\b)", code, re.M) is not None


def import_seconds(module: str) -> float:
    """Seconds a fresh Python spends importing ``module`` (best of 3, interpreter start subtracted)."""
    import subprocess

    def best(code: str) -> float:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            runs.append(time.perf_counter() - start)
        return min(runs)

    return max(0.0, best(f"import {module}") - best("pass"))


if __name__ == "__main__":
    sys.exit(main())
