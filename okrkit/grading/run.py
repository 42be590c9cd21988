"""Grade a class: find the hand-ins, run each notebook in a worker, score in this process, write the outputs.

:func:`grade_class` is what ``okrkit grade`` calls.  The order of the steps:

1. check the arguments (``--out`` must not be inside SUBMISSIONS) and load every
   rubric *before* any participant code runs, hashing the rubric sources;
2. hash every submission file (compared again at the end: nothing may change);
3. list participants (zips unpacked safely into a temporary folder) and, per
   participant × exercise, either a ready row (``missing``, unreadable notebook,
   unchanged since the last run) or a job;
4. run the jobs on ``workers`` long-lived worker processes
   (:mod:`okrkit.grading.worker`), retrying once a worker crash or a kernel that
   did not start;
5. validate what each notebook recorded and score it here
   (:mod:`okrkit.grading.collect`);
6. write the manifest, gradebook, summary and reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from importlib import import_module
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..files import atomic_write
from ..rubric import Rubric, load_rubric
from . import collect
from .submissions import Participant, discover, file_hash, notebook_problem, tree_hashes

DEFAULT_EXERCISES = ("ex01_sales_okr", "ex02_marketing_okrs", "ex03_cascade", "ex04_weights",
                     "ex05_checkin", "ex06_sales_review", "ex07_kpi_bsc", "ex08_score_quarter")
STATE_DIR = ".okrkit-grade"
MANIFEST = "manifest.json"
WORKER_GRACE = 90.0  # seconds a worker may take beyond a notebook's time limit before it is killed


# ---------------------------------------------------------------- arguments

def check_arguments(submissions, out) -> tuple[Path, Path]:
    """Resolved ``(submissions, out)`` or one clear :class:`InputError`."""
    sub = Path(submissions)
    if not sub.exists():
        raise InputError("the submissions folder does not exist", file=str(sub),
                         hint="give the folder that holds one folder (or .zip) per participant")
    if not sub.is_dir():
        raise InputError("SUBMISSIONS is a file, not a folder", file=str(sub),
                         hint="give the folder that holds one folder (or .zip) per participant")
    sub = sub.resolve()
    out_path = Path(out).resolve()
    if out_path == sub or sub in out_path.parents:
        raise InputError("--out is inside the submissions folder", file=str(out),
                         hint="write the grades elsewhere, e.g. --out grades (submissions are never written to)")
    if out_path.exists() and not out_path.is_dir():
        raise InputError("--out is a file, not a folder", file=str(out), hint="give a folder for the grades")
    return sub, out_path


def class_exercises() -> tuple[str, ...]:
    """The exercise ids: ``okrkit.rubrics.EXERCISES`` when the kit has them, else the course list."""
    try:
        mod = import_module("okrkit.rubrics")
        ex = getattr(mod, "EXERCISES", None)
        if ex:
            return tuple(e if isinstance(e, str) else e.id for e in ex)
    except ImportError:
        pass
    return DEFAULT_EXERCISES


def evaluation_exercises() -> tuple[str, ...]:
    """The quizzes and survey (``okrkit.rubrics.EVALUATION_IDS``): graded in a class where someone handed one in."""
    try:
        return tuple(getattr(import_module("okrkit.rubrics"), "EVALUATION_IDS", ()))
    except ImportError:
        return ()


def rubric_fingerprint(rubric: Rubric) -> str:
    """sha256 of the code that scores ``rubric``'s exercise, read before any participant code runs.

    The exercise's rubric module, the shared helpers in ``okrkit.rubrics`` (modules
    not named after an exercise), ``okrkit.rubric`` and the OKR lint it relies on.
    """
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    files = [root / "rubric.py", root / "lint.py", root / "quantity.py"]
    folder = root / "rubrics"
    files += sorted(p for p in folder.glob("*.py")
                    if not re.match(r"ex\d\d_", p.name) and p.stem not in evaluation_exercises())
    mod = sys.modules.get(f"okrkit.rubrics.{rubric.exercise}")
    if getattr(mod, "__file__", None):
        files.append(Path(mod.__file__))
    for path in files:
        if path.exists():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(repr([(c.id, c.points) for c in rubric.checks]).encode())
    return h.hexdigest()


# ---------------------------------------------------------------- workers

class WorkerProcess:
    """One ``python -m okrkit.grading.worker`` child, spoken to in JSON lines."""

    def __init__(self, log: Path, settings: dict | None = None):
        self.log = open(log, "ab")  # noqa: SIM115 - lives as long as the worker; closed in close()
        env = dict(os.environ)
        env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
        env["OKRKIT_GRADING_WORKER"] = json.dumps(settings or {})
        self.proc = subprocess.Popen([sys.executable, "-m", "okrkit.grading.worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, env=env)
        self._buf = b""
        self.ready = self._read_line(120.0) is not None

    def _read_line(self, timeout: float) -> dict | None:
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([fd], [], [], min(left, 1.0))
            if r:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return None  # the worker died
                self._buf += chunk
            elif self.proc.poll() is not None:
                return None
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            return None

    def run(self, job: dict) -> list[dict] | None:
        """The results of a participant's notebooks, or ``None`` when the worker crashed or hung (then killed).

        A result is accepted only as the answer to this job: same participant, one per notebook asked for.
        """
        try:
            self.proc.stdin.write((json.dumps(job) + "\n").encode())
            self.proc.stdin.flush()
        except OSError:
            return None
        budget = len(job["notebooks"]) * (job["timeout"] + job.get("start_timeout", 60)) + WORKER_GRACE
        reply = self._read_line(budget)
        wanted = [n["id"] for n in job["notebooks"]]
        results = reply.get("results") if isinstance(reply, dict) and reply.get("id") == job["id"] else None
        if (not isinstance(results, list) or [r.get("id") if isinstance(r, dict) else None for r in results] != wanted):
            self.kill()
            return None
        return results

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(b'{"stop": true}\n')
                self.proc.stdin.flush()
                self.proc.stdin.close()
                self.proc.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                self.kill()
        self.log.close()


def run_jobs(jobs: list[dict], *, workers: int, state: Path, progress: bool, on_result,
             settings: dict | None = None) -> dict:
    """Run participant ``jobs`` on ``workers`` worker processes; ``on_result(job, notebook, result)`` per notebook."""
    stats = {"retried": 0, "worker_restarts": 0}
    if not jobs:
        return stats
    todo: queue.Queue = queue.Queue()
    for job in jobs:
        todo.put(job)
    lock = threading.Lock()
    bar = _progress(sum(len(j["notebooks"]) for j in jobs), progress)
    first = [n["exercise"] for n in jobs[0]["notebooks"]]

    def loop(n: int):
        worker = None
        try:
            while True:
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    return
                with lock:
                    ahead = list(todo.queue)[:1]
                job["more"] = bool(ahead)
                job["next_exercises"] = [x["exercise"] for x in ahead[0]["notebooks"]] if ahead else []
                if worker is None or worker.proc.poll() is not None:
                    if worker is not None:
                        worker.close()
                        with lock:
                            stats["worker_restarts"] += 1
                    worker = WorkerProcess(state / f"worker-{n}.log", {**(settings or {}), "first_exercises": first})
                results = worker.run(job) if worker.ready else None
                if results is None:
                    results = [{"id": nb["id"], "status": "infra", "records": [],
                                "reason": "the grading worker crashed or stopped answering"} for nb in job["notebooks"]]
                    worker.close()
                    worker = None
                retry = [nb for nb, r in zip(job["notebooks"], results) if r.get("status") == "infra"]
                if retry and job.get("attempt", 1) == 1:
                    with lock:
                        stats["retried"] += len(retry)
                    todo.put({**job, "notebooks": retry, "attempt": 2})
                for nb, result in zip(job["notebooks"], results):
                    if result.get("status") == "infra":
                        if job.get("attempt", 1) == 1:
                            continue
                        result["status"] = "error"
                        result["reason"] = f"{result.get('reason')} (after one retry)"
                        result["infra"] = True
                    with lock:
                        on_result(job, nb, result)
                        bar.update(1)
        finally:
            if worker is not None:
                worker.close()

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(max(1, workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bar.close()
    return stats


def _progress(total: int, enabled: bool):
    try:
        from tqdm import tqdm

        return tqdm(total=total, file=sys.stderr, disable=not enabled, unit="notebook", desc="grading")
    except ImportError:  # pragma: no cover
        class _Null:
            def update(self, n):
                pass

            def close(self):
                pass

        return _Null()


# ---------------------------------------------------------------- rows

def _row(p: Participant, exercise: str, rubric: Rubric | None, status: str, reason: str | None = None, **kw) -> dict:
    row = {"participant": p.name, "slug": p.slug, "exercise": exercise, "status": status,
           "score": 0.0, "max": rubric.max_score if rubric else 0.0,
           "reason": collect.one_line(reason) if reason else "", "note": "",
           "checks": collect.rubric_checks(rubric), "answer": None, "answer_source": None}
    row.update(kw)
    return row


def evaluate(p: Participant, ex: str, job_nb: dict, result: dict, rubric: Rubric) -> dict:
    """Turn a notebook's run into a row: the answer read before the run is validated and scored here.

    ``job_nb["answer_file"]`` is what :func:`collect.read_answers_file` made of the answers file
    *before any kernel started* (from the grader's private snapshot); the run only adds its status
    and what the notebook recorded (a cross-check, or the answer when there is no file).
    """
    run = {k: result.get(k) for k in RUN_FIELDS}
    extra = {"seconds": result.get("seconds"), "cells_seconds": result.get("cells_seconds"), "key": job_nb["key"],
             "timeout": job_nb["timeout"], "run": run}
    if result["status"] in ("error", "timeout"):
        return _row(p, ex, rubric, result["status"], result.get("reason"), cache=not result.get("infra"), **extra)
    state, file_answer, file_problem = job_nb["answer_file"]
    answer, source, problem, note = collect.choose_answer(
        ex, result.get("records") or [], state, file_answer, file_problem,
        record_too_big=bool(result.get("record_too_big")), rubric=rubric)
    if problem:
        return _row(p, ex, rubric, "invalid-answers", problem, cache=True, **extra)
    scored = collect.score(rubric, answer)
    if result.get("truncated"):
        note = "; ".join(filter(None, [note, "very long outputs were cut"]))
    return _row(p, ex, rubric, "graded", None, score=scored["score"], max=scored["max"], checks=scored["checks"],
                answer=answer, answer_source=source, note=collect.one_line(note) if note else "", cache=True, **extra)


RUN_FIELDS = ("status", "reason", "records", "record_too_big", "truncated", "cell", "seconds", "cells_seconds")


def sandbox_user(confined: bool) -> str | None:
    """The system user sandboxes are entered as when the grader runs as root (created on first use)."""
    if not confined or os.geteuid() != 0:
        return None
    from ..classroom.handin import GRADER_USER, ensure_system_user

    ensure_system_user(GRADER_USER)
    return GRADER_USER


def snapshot(p: Participant, work: Path) -> None:
    """Copy a folder hand-in into the grader's private ``work`` folder; everything after reads the copy.

    Zip hand-ins are unpacked there already.  No kernel can see ``work``, so what is scored is what
    was read here, before any participant code ran.
    """
    from .submissions import copy_for_run

    if p.folder is None or work in p.folder.parents:
        return
    dest = work / "snapshot" / p.slug
    copy_for_run(p.folder, dest)
    p.notebooks = {ex: dest / nb.relative_to(p.folder) for ex, nb in p.notebooks.items()}
    p.folder = dest


# ---------------------------------------------------------------- the run

def grade_class(submissions, out, *, workers: int = 2, timeout: float = 60.0, only=(), lang: str | None = None,
                force: bool = False, progress: bool = True, exercises: tuple[str, ...] | None = None,
                rubrics: dict[str, Rubric] | None = None, reports: bool = True, confined: bool = True,
                memory: int | None = None) -> dict:
    """Grade every participant × exercise in ``submissions`` into ``out``; return the summary.

    Parameters
    ----------
    submissions : path
        One folder (or ``.zip``) per participant (see :mod:`okrkit.grading.submissions`).
    out : path
        Where the gradebook, feedback, class report and summary go (not inside ``submissions``).
    workers, timeout : int, float
        Worker processes; time limit per notebook in seconds.
    only : participant names to grade (others keep their previous rows).
    lang : ``en`` or ``vi`` for feedback and reports.
    force : run every notebook again even when nothing changed.
    exercises, rubrics : override the kit's exercises and rubrics (tests).
    confined : run each participant's notebooks in a sandbox (:mod:`okrkit.grading.sandbox`);
        ``False`` runs them as the trainer's own user (``okrkit grade --unconfined``).
    memory : address-space limit of a participant's kernel in bytes (default 2 GiB).
    """
    from .. import integrity
    from ..i18n import get_lang
    from . import sandbox

    started = time.time()
    t0 = time.monotonic()
    lang = get_lang(lang)
    if workers < 1:
        raise InputError(f"--workers {workers} is not a number of processes", hint="use 1 or more, e.g. --workers 2")
    if not timeout or timeout <= 0:
        raise InputError(f"--timeout {timeout} is not a time limit", hint="give seconds per notebook, e.g. --timeout 60")
    sub, out = check_arguments(submissions, out)
    kit_files = integrity.current()  # hashed once: checked against the install record now, and again at the end
    kit_changed = integrity.changed_files(kit_files)
    if kit_changed:
        names = ", ".join(kit_changed[:5]) + ("…" if len(kit_changed) > 5 else "")
        raise InputError({"en": f"okrkit's own files differ from the record made when it was installed: {names}",
                          "vi": f"các tệp của chính okrkit khác với bản ghi lúc cài đặt: {names}"},
                         hint={"en": "reinstall okrkit (make setup, or pip install --force-reinstall okrkit) before "
                                     "grading; if you changed the kit yourself, record it with: okrkit grade --record-kit",
                               "vi": "cài lại okrkit (make setup, hoặc pip install --force-reinstall okrkit) trước khi "
                                     "chấm; nếu chính bạn đã sửa bộ công cụ, ghi lại bằng: okrkit grade --record-kit"})
    if confined:
        why = sandbox.unavailable(sandbox_user(True))
        if why:
            raise InputError({"en": f"participants' notebooks cannot be run in a sandbox here: {why}",
                              "vi": f"máy này không chạy được sổ tay của học viên trong hộp cách ly: {why}"},
                             hint={"en": "install bubblewrap (make setup does), or grade with --unconfined to run them "
                                         "as your own user (see the README: what a hand-in can then do)",
                                   "vi": "cài bubblewrap (make setup sẽ cài), hoặc chấm với --unconfined để chạy chúng "
                                         "bằng tài khoản của bạn (xem README: khi đó bài nộp làm được gì)"})
    optional: tuple[str, ...] = ()
    if not exercises and not rubrics:
        optional = evaluation_exercises()
    exercises = tuple(exercises or (tuple(rubrics) if rubrics else class_exercises() + optional))
    loaded: dict[str, Rubric] = dict(rubrics or {})
    for ex in exercises:
        if ex not in loaded:
            loaded[ex] = load_rubric(ex)  # before any participant code runs
    fingerprints = {ex: rubric_fingerprint(r) for ex, r in loaded.items()}
    from ..samples import resolve

    sample = resolve(None)   # the company the rubrics compute from: part of every cached grade's key

    out.mkdir(parents=True, exist_ok=True)
    state = out / STATE_DIR
    state.mkdir(exist_ok=True)
    for log in state.glob("worker-*.log"):
        log.unlink()  # each run's worker logs start empty
    before = tree_hashes(sub)
    manifest = _load_manifest(state / MANIFEST)
    cached_rows: dict[str, dict] = manifest.get("rows", {})

    work = Path(tempfile.mkdtemp(prefix="okrkit-grade-"))
    try:
        skipped: list[tuple[str, str]] = []
        participants = discover(sub, exercises, work=work, only=tuple(only), skipped=skipped)
        for name, why in skipped:
            print(f"okrkit: warning: {name} in SUBMISSIONS is not a hand-in ({why}); it was left out", file=sys.stderr)
        if only and not participants:
            raise InputError(f"no participant named {', '.join(only)}", file=str(sub),
                             hint="use the folder name of a participant (see the gradebook's participant column)")
        if optional:  # a quiz or the survey is graded only where the class took it (or took it last run)
            taken = {ex for p in participants for ex in p.notebooks}
            taken |= {r.get("exercise") for r in cached_rows.values() if r.get("status") != "missing"}
            exercises = tuple(ex for ex in exercises if ex not in optional or ex in taken)
        rows: dict[str, dict] = {}
        jobs: list[dict] = []
        by_slug: dict[str, Participant] = {}
        reused = 0
        for p in participants:
            if not p.problem:
                try:
                    snapshot(p, work)
                except OSError as exc:
                    p.problem = f"the hand-in could not be copied ({collect.one_line(str(exc), 120)})"
            notebooks = []
            for ex in exercises:
                rid = f"{p.slug}/{ex}"
                rubric = loaded[ex]
                if p.problem:
                    rows[rid] = _row(p, ex, rubric, "error", f"the hand-in cannot be used: {p.problem}")
                    continue
                nb = p.notebooks.get(ex)
                if nb is None:
                    rows[rid] = _row(p, ex, rubric, "missing", f"no notebook {ex}.ipynb in the hand-in")
                    continue
                answers = p.answers_file(ex)
                key = hashlib.sha256("\n".join([
                    file_hash(nb), file_hash(answers), fingerprints[ex], __version__, nb.name, sample,
                ]).encode()).hexdigest()
                job_nb = {"id": rid, "exercise": ex, "notebook_name": nb.name, "key": key, "timeout": float(timeout),
                          "answer_file": collect.read_answers_file(answers, ex)}
                old = cached_rows.get(rid)
                if (not force and old and old.get("key") == key and old.get("cache") and isinstance(old.get("run"), dict)
                        and old.get("participant") == p.name
                        and (old["status"] != "timeout" or old.get("timeout", 0) >= timeout)):
                    # What is kept from the last run is how the notebook ran; the score is computed again here.
                    rows[rid] = evaluate(p, ex, {**job_nb, "timeout": old.get("timeout", timeout)}, dict(old["run"]),
                                         rubric)
                    reused += 1
                    continue
                problem = notebook_problem(nb)
                if problem:
                    rows[rid] = _row(p, ex, rubric, "error", problem, key=key, cache=True)
                    continue
                notebooks.append(job_nb)
            if notebooks:
                by_slug[p.slug] = p
                jobs.append({"id": p.slug, "folder": str(p.folder), "timeout": float(timeout), "lang": lang,
                             "notebooks": notebooks})
        answers_by_id = {nb["id"]: nb for job in jobs for nb in job["notebooks"]}

        def on_result(job, nb, result):
            rows[nb["id"]] = evaluate(by_slug[job["id"]], nb["exercise"], answers_by_id[nb["id"]], result,
                                      loaded[nb["exercise"]])

        if jobs and not confined:
            _arm_scoring(loaded)  # unconfined kernels could write to the package: import what scores first
        if jobs:
            _compile_kit()
        settings = {"confined": bool(confined), "memory": int(memory or sandbox.MEMORY_LIMIT),
                    "hide": [str(x) for x in (sub, out, work, Path.home())], "user": sandbox_user(confined)}
        wire = [{**j, "notebooks": [{k: v for k, v in nb.items() if k in ("id", "exercise", "notebook_name")}
                                    for nb in j["notebooks"]]} for j in jobs]
        stats = run_jobs(wire, workers=workers, state=state, progress=progress, on_result=on_result,
                         settings=settings)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    after = tree_hashes(sub)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    now = integrity.current()
    rubric_changed = sorted(k for k in set(kit_files) | set(now) if kit_files.get(k) != now.get(k))
    if rubric_changed:
        print("okrkit: warning: okrkit's own files changed on disk during grading (scores used the code loaded "
              f"before any notebook ran; reinstall okrkit): {', '.join(rubric_changed[:5])}", file=sys.stderr)

    # Rows of participants not selected by --only are kept from the last run.
    all_rows = dict(cached_rows) if only else {}
    all_rows.update(rows)
    course = class_exercises() + evaluation_exercises()   # the quizzes and the survey after the exercises, pre first
    ordered = [all_rows[k] for k in sorted(all_rows, key=lambda k: (
        all_rows[k]["participant"].lower(),
        course.index(all_rows[k]["exercise"]) if all_rows[k]["exercise"] in course else len(course),
        all_rows[k]["exercise"]))]
    _save_manifest(state / MANIFEST, {"okrkit": __version__, "rows": all_rows})

    from . import gradebook

    summary = gradebook.summary(ordered, exercises=exercises, started=started, seconds=time.monotonic() - t0,
                                submissions=sub, out=out, workers=workers, timeout=timeout, lang=lang,
                                executed=sum(len(j["notebooks"]) for j in jobs), reused=reused, stats=stats,
                                changed=changed, rubric_changed=rubric_changed)
    summary["confined"] = bool(confined)
    summary["skipped"] = [{"entry": name, "why": why} for name, why in skipped]
    gradebook.write(ordered, out, state=state, summary=summary, lang=lang, reports=reports)
    summary["seconds"] = round(time.monotonic() - t0, 3)
    atomic_write(out / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2))
    return summary


def _arm_scoring(rubrics: dict[str, Rubric]) -> None:
    """Import everything scoring may import, before any participant code runs.

    A kernel runs as the same user as the grader, so a notebook *could* write to the
    installed package; code already imported here is what scores.  Each rubric is
    run once on an empty answer so that modules it imports lazily are loaded now.
    """
    import pkgutil

    import okrkit

    for info in pkgutil.walk_packages(okrkit.__path__, "okrkit."):
        if info.name.startswith(("okrkit.ui", "okrkit.grading", "okrkit.cli")):
            continue
        try:
            import_module(info.name)
        except Exception:  # noqa: BLE001, S110 - a module that cannot import is not used by scoring
            pass
    for rubric in rubrics.values():
        rubric.grade({}, lang="en")


def _compile_kit() -> None:
    """Byte-compile the okrkit package once, so that no kernel compiles it again (about 0.2 s of CPU each).

    The caches are *checked-hash* ``.pyc`` files (PEP 552): Python compares each with its source's hash
    on import, so a cache that does not belong to the source is never run.  A read-only install is left
    as it is (the kernels then compile in memory, as before).
    """
    import importlib.util
    import py_compile

    import okrkit

    mode = py_compile.PycInvalidationMode.CHECKED_HASH
    for source in Path(okrkit.__file__).resolve().parent.rglob("*.py"):
        cache = Path(importlib.util.cache_from_source(str(source)))
        try:
            data = source.read_bytes()
            head = cache.read_bytes()[:16] if cache.exists() else b""
            if head[4:8] == (3).to_bytes(4, "little") and head[8:16] == importlib.util.source_hash(data):
                continue  # already a checked-hash cache of this very source
            py_compile.compile(str(source), cfile=str(cache), doraise=True, invalidation_mode=mode)
        except (OSError, py_compile.PyCompileError):
            return  # a read-only install, or a source that does not compile: leave it to the import


def _load_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and data.get("okrkit") == __version__ else {}
    except (OSError, ValueError):
        return {}


def _save_manifest(path: Path, data: dict) -> None:
    atomic_write(path, json.dumps(data, ensure_ascii=False, default=str))
