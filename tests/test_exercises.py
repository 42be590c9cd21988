"""Exercise notebooks run headless: solutions score full marks, untouched exercises run and score low.

Every solution and exercise notebook is executed with papermill (kernel python3,
a temporary copy, ``grading=True``, answers file in the temporary folder), two at
a time; the recorded answer is read from the executed notebook's outputs
(mimetype ``application/vnd.okrkit.answer+json``) and graded here, in the test
process, with the exercise's rubric — as the grader does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from okrkit.answers import MIMETYPE
from okrkit.rubric import load_rubric
from okrkit.rubrics import ALL_IDS as IDS  # the course's exercises, the quizzes and the survey

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("solutions", "exercises")
TIMEOUT = 240
STARTUP_RACE = "Kernel died before replying to kernel_info"

pytestmark = [pytest.mark.notebook, pytest.mark.xdist_group("exercise-notebooks")]


def recorded_answer(executed: Path, exercise: str) -> dict | None:
    """The last answer the notebook recorded for ``exercise`` (``None`` when it recorded none)."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    found = None
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            payload = out.get("data", {}).get(MIMETYPE)
            if isinstance(payload, dict) and payload.get("exercise") == exercise:
                found = payload["answer"]
    return found


def run(kind: str, exercise: str, folder: Path) -> dict:
    """Execute one notebook with papermill in its own folder; returns what happened."""
    work = folder / kind / exercise
    work.mkdir(parents=True)
    source = work / f"{exercise}.ipynb"
    shutil.copy(ROOT / kind / f"{exercise}.ipynb", source)
    executed = work / "executed.ipynb"
    params = json.dumps({"grading": True, "answers_path": str(work / "answers" / f"{exercise}.json")})
    cmd = [sys.executable, "-m", "papermill", str(source), str(executed), "-k", "python3", "--cwd", str(work),
           "-y", params, "--no-progress-bar", "--execution-timeout", str(TIMEOUT)]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=TIMEOUT * 2)
    if proc.returncode and STARTUP_RACE in proc.stderr:
        # jupyter_client picks the kernel's ports before the kernel binds them; with several test workers
        # starting kernels at once another process can take one first. Not the notebook's doing: start again once.
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=TIMEOUT * 2)
    answer = recorded_answer(executed, exercise) if executed.exists() else None
    return {"returncode": proc.returncode, "stderr": proc.stderr[-3000:], "answer": answer,
            "source": source, "executed": executed}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every solution and exercise notebook, executed two at a time (the machine's two cores)."""
    folder = tmp_path_factory.mktemp("notebooks")
    jobs = [(kind, ex) for ex in IDS for kind in KINDS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: run(*job, folder), jobs))
    return dict(zip(jobs, results))


@pytest.mark.parametrize("exercise", IDS)
def test_solution_runs_and_scores_full_marks(executed, exercise):
    """The solution notebook runs top to bottom and its recorded answer earns every point."""
    r = executed[("solutions", exercise)]
    assert r["returncode"] == 0, r["stderr"]
    assert r["answer"] is not None, "the notebook recorded no answer"
    result = load_rubric(exercise).grade(r["answer"], lang="vi")
    assert result.score == result.max_score, repr(result)


@pytest.mark.parametrize("exercise", IDS)
def test_untouched_exercise_runs_and_scores_low_with_feedback(executed, exercise):
    """The exercise as handed out runs without error, records an answer and scores low with helpful feedback."""
    r = executed[("exercises", exercise)]
    assert r["returncode"] == 0, r["stderr"]
    assert r["answer"] is not None, "the notebook recorded no answer"
    for lang in ("vi", "en"):
        result = load_rubric(exercise).grade(r["answer"], lang=lang)
        assert result.fraction <= 0.25, repr(result)
        failed = [c for c in result.checks if not c.passed]
        assert failed and all(c.feedback and c.error is None for c in failed), repr(result)


@pytest.mark.parametrize("exercise", IDS)
def test_notebook_copies_are_not_modified(executed, exercise):
    """Running a notebook never changes the notebook that was run (papermill writes a separate output)."""
    for kind in KINDS:
        r = executed[(kind, exercise)]
        assert r["source"].read_bytes() == (ROOT / kind / f"{exercise}.ipynb").read_bytes()


def test_solution_answers_file_is_written_only_in_the_solution(executed):
    """The solution cell pre-fills the answers file; the exercise leaves it to the participant."""
    for exercise in ("ex01_sales_okr", "ex04_weights", "ex07_kpi_bsc"):
        sol = executed[("solutions", exercise)]["source"].parent / "answers" / f"{exercise}.json"
        ex = executed[("exercises", exercise)]["source"].parent / "answers" / f"{exercise}.json"
        assert sol.exists() and not ex.exists()
