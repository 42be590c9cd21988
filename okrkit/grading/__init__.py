"""The grader: ``okrkit grade SUBMISSIONS --out DIR`` runs every participant's notebooks and scores them.

Notebooks run under papermill in worker processes (:mod:`.worker`), each in a
fresh kernel on a temporary copy; answers are validated and scored by the
exercise's rubric in the grader's own process (:mod:`.collect`); the outputs
are a gradebook, per-participant feedback and a class report (:mod:`.gradebook`,
:mod:`.report`).  :func:`demo` grades the bundled sample class (:mod:`.sample_class`).
"""

from __future__ import annotations

from pathlib import Path


def grade_class(submissions, out, **options) -> dict:
    """Grade a class; see :func:`okrkit.grading.run.grade_class`."""
    from .run import grade_class as _grade

    return _grade(submissions, out, **options)


def demo(out_dir, *, lang: str | None = None, workers: int = 2, timeout: float = 20.0, progress: bool = True,
         evaluation: bool = False) -> dict:
    """Write the sample class to ``out_dir/sample_class`` and grade it into ``out_dir/grades``.

    With ``evaluation`` a few participants also hand in the pre- and post-course quizzes and the survey
    (:mod:`okrkit.grading.sample_evaluation`), as the trainer pack's evaluation page needs.

    The sample class is rebuilt from the current exercises every time; the grades folder is
    kept, so hand-ins that did not change are not run again.
    """
    import shutil
    import sys

    from . import sample_class
    from .run import sandbox_user
    from .sandbox import unavailable

    out_dir = Path(out_dir)
    shutil.rmtree(out_dir / "sample_class", ignore_errors=True)
    sample_class.write(out_dir / "sample_class")
    if evaluation:
        from . import sample_evaluation

        sample_evaluation.write(out_dir / "sample_class")
    # The sample class is the kit's own: where no sandbox can be made it is graded unconfined, and said so.
    why = unavailable(sandbox_user(True))
    if why:
        print(f"okrkit: the sample class is graded without a sandbox here ({why}); "
              "a real class needs one (see the README, Grading a class)", file=sys.stderr)
    return grade_class(out_dir / "sample_class", out_dir / "grades", lang=lang, workers=workers, timeout=timeout,
                       progress=progress, confined=why is None)
