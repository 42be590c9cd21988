"""A grading worker: a long-lived process that runs notebooks with papermill, one fresh kernel each.

The grader (:mod:`okrkit.grading.run`) starts ``--workers`` of these as
``python -m okrkit.grading.worker`` and talks to each over JSON lines (jobs on
stdin, results on the original stdout; everything else goes to stderr).  Paying
the papermill/nbformat/jsonschema import once per worker instead of once per
notebook, and keeping the *next* kernel booting while the current notebook runs,
is where the speed comes from.

Each kernel runs exactly one notebook, in its own empty temporary folder into
which the participant's files are copied (the submission is never touched),
over IPC sockets (no TCP ports, so no port races between parallel kernels),
with an address-space limit and a time limit for the whole notebook.

The worker only *collects* what the notebook recorded (outputs of
:data:`okrkit.answers.MIMETYPE`); it never scores.  The grader validates and
scores the answer in its own process.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

MIMETYPE = "application/vnd.okrkit.answer+json"
MAX_OUTPUT_BYTES = 2 * 1024 * 1024      # outputs kept per notebook, besides recorded answers
MAX_RECORD_BYTES = 256 * 1024           # one recorded answer
MAX_RECORDS = 50
MEMORY_LIMIT = 4 * 1024 ** 3            # address space of a participant's kernel
# Imported while the kernel boots, off the critical path (modules only: no participant state).
PRELOAD = ("okrkit", "okrkit.ui", "okrkit.lint", "okrkit.cascade", "yaml")
# Heavier modules only the notebooks of some exercises load (pandas alone costs ~0.5 s of CPU
# per kernel, so it is not preloaded everywhere).  A wrong entry costs speed, never correctness.
PRELOAD_FOR = {"ex06_sales_review": ("pandas", "okrkit.sales"), "ex04_weights": ("numpy", "okrkit.simulate")}


def _preload_lines(memory_limit: int | None, exercise: str | None = None) -> list[str]:
    lines = []
    if memory_limit:
        lines.append(f"import resource as _r; _r.setrlimit(_r.RLIMIT_AS, ({memory_limit}, {memory_limit})); del _r")
    for mod in PRELOAD + PRELOAD_FOR.get(exercise or "", ()):
        lines.append(f"import importlib as _i; _i.import_module({mod!r}); del _i")
    return lines


class WarmKernel:
    """A kernel started ahead of its notebook, in its own empty working folder."""

    def __init__(self, memory_limit: int | None = MEMORY_LIMIT, exercise: str | None = None):
        from jupyter_client import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.root = Path(tempfile.mkdtemp(prefix="okrkit-kernel-"))
        self.workdir = self.root / "work"
        self.workdir.mkdir()
        sockets = self.root / "sockets"
        sockets.mkdir()
        self._sync = run_sync
        self.km = AsyncKernelManager(kernel_name="python3", transport="ipc")
        self.km.ip = str(sockets / "k")
        self.km.connection_file = str(sockets / "connection.json")
        env = dict(os.environ)
        env.update({"MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "OKRKIT_GRADING": "1"})
        args = []
        for line in _preload_lines(memory_limit, exercise):
            args.append(f"--IPKernelApp.exec_lines={line}")
        self.error: str | None = None
        try:
            run_sync(self.km.start_kernel)(cwd=str(self.workdir), env=env, extra_arguments=args)
        except Exception as exc:  # noqa: BLE001 - reported, the job is retried
            self.error = f"{type(exc).__name__}: {exc}"

    def close(self) -> None:
        try:
            if self.km.has_kernel:
                self._sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001, S110 - best effort: the kernel may be gone already
            pass
        try:
            self._sync(self.km.cleanup_resources)()
        except Exception:  # noqa: BLE001, S110 - best effort: the kernel may be gone already
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def _client_class():
    from papermill.clientwrap import PapermillNotebookClient

    class GradingClient(PapermillNotebookClient):
        """papermill's client with a whole-notebook deadline, an output cap and a record of where it stopped."""

        notebook_timeout: float | None = None

        def papermill_execute_cells(self):
            self.okrkit_started = True
            self.okrkit_deadline = (time.monotonic() + self.notebook_timeout) if self.notebook_timeout else None
            return super().papermill_execute_cells()

        def execute_cell(self, cell, cell_index, *args, **kwargs):
            self.okrkit_cell = cell_index
            deadline = getattr(self, "okrkit_deadline", None)
            if deadline is not None:
                # After a cell's reply nbclient waits iopub_timeout for the rest of its output.  A cell that
                # draws a form sends hundreds of widget messages; on a busy machine they arrive late, and
                # past ZeroMQ's queue limit some (the final "idle" among them) are dropped.  The reply is
                # what says the cell finished, so: wait for output with up to half the time left, then go
                # on (raise_on_iopub_timeout is off) instead of calling the notebook timed out.
                self.iopub_timeout = max(4, math.ceil((deadline - time.monotonic()) / 2))  # an int trait
            return super().execute_cell(cell, cell_index, *args, **kwargs)

        def _get_timeout(self, cell):
            deadline = getattr(self, "okrkit_deadline", None)
            if deadline is None:
                return super()._get_timeout(cell)
            return max(0.5, deadline - time.monotonic())

        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            data = content.get("data") or {}
            if MIMETYPE not in data:
                size = len(json.dumps(content, default=str))
                self.okrkit_bytes = getattr(self, "okrkit_bytes", 0) + size
                if self.okrkit_bytes > MAX_OUTPUT_BYTES:
                    self.okrkit_truncated = True
                    return None
            return super().output(outs, msg, display_id, cell_index)

    return GradingClient


def _register_engine():
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    Client = _client_class()

    class GradingEngine(NBClientEngine):
        last_client = None

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            final = merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                                 raise_on_iopub_timeout=False,
                                 kernel_name=kernel_name, log_output=log_output,
                                 stdout_file=stdout_file, stderr_file=stderr_file)
            client = Client(nb_man, **final)
            client.notebook_timeout = execution_timeout
            cls.last_client = client
            return client.execute()

    papermill_engines.register("okrkit-grading", GradingEngine)
    return GradingEngine


def _code_cell_number(nb, index: int | None) -> int | None:
    """1-based number of cell ``index`` among the participant's own code cells (injected one left out)."""
    if nb is None or index is None:
        return None
    n = 0
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            if i == index:
                return 0
            continue
        n += 1
        if i == index:
            return n
    return None


def collect_records(nb) -> tuple[list, bool]:
    """The answers the notebook recorded (raw data, size-checked), in output order."""
    records, too_big = [], False
    for cell in nb.cells:
        for out in cell.get("outputs", []) or []:
            data = out.get("data") or {}
            if MIMETYPE in data:
                value = data[MIMETYPE]
                if isinstance(value, str):  # some front ends store JSON as text
                    try:
                        value = json.loads(value)
                    except ValueError:
                        value = {"__invalid__": "not JSON"}
                size = len(json.dumps(value, default=str))
                if size > MAX_RECORD_BYTES:
                    too_big = True
                    continue
                records.append(value)
    return records[-MAX_RECORDS:], too_big


def run_job(job: dict, kernel: WarmKernel, engine) -> dict:
    """Run one notebook on ``kernel`` and say how it went (never raises)."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from .submissions import copy_for_run

    t0 = time.monotonic()
    result = {"id": job["id"], "status": "ran", "reason": None, "records": [], "cell": None}
    if kernel.error:
        return {**result, "status": "infra", "reason": f"the kernel did not start ({kernel.error})"}
    try:
        copy_for_run(Path(job["folder"]), kernel.workdir)
        nb_path = kernel.workdir / job["notebook_name"]
    except OSError as exc:
        return {**result, "status": "error", "reason": f"the files could not be copied ({exc})"}
    params = {"exercise": job["exercise"], "answers_path": f"answers/{job['exercise']}.json",
              "grading": True, "lang": job.get("lang") or "en"}
    nb = None
    engine.last_client = None
    try:
        nb = papermill.execute_notebook(
            str(nb_path), None, parameters=params, engine_name="okrkit-grading", km=kernel.km,
            kernel_name="python3", progress_bar=False, log_output=False, start_timeout=job.get("start_timeout", 60),
            execution_timeout=job["timeout"], request_save_on_cell_execute=False)
    except PapermillExecutionError as exc:
        client = engine.last_client
        nb = client.nb if client is not None else None
        failing = next((i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error"
                        for o in c.get("outputs", []) or [])), None) if nb is not None else None
        cell = _code_cell_number(nb, failing)
        evalue = " ".join(str(exc.evalue).split())[:200]
        where = f" (cell {cell})" if cell else ""
        result.update(status="error", reason=f"the notebook raised {exc.ename}: {evalue}{where}", cell=cell)
    except CellTimeoutError:
        if os.environ.get("OKRKIT_GRADING_DEBUG"):
            traceback.print_exc()
        client = engine.last_client
        nb = client.nb if client is not None else None
        cell = _code_cell_number(nb, getattr(client, "okrkit_cell", None))
        where = f" (stopped in cell {cell})" if cell else ""
        result.update(status="timeout", reason=f"the notebook ran longer than {job['timeout']:g} s{where}", cell=cell)
    except DeadKernelError:
        client = engine.last_client
        nb = client.nb if client is not None else None
        cell = _code_cell_number(nb, getattr(client, "okrkit_cell", None))
        where = f" in cell {cell}" if cell else ""
        result.update(status="error", cell=cell,
                      reason=f"the kernel died{where} (the code exited the process or ran out of memory)")
    except Exception as exc:  # noqa: BLE001 - everything becomes a row
        client = engine.last_client
        started = getattr(client, "okrkit_started", False)
        text = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        if client is None:
            result.update(status="error", reason=f"the notebook cannot be prepared for the run ({text})")
        elif not started:
            result.update(status="infra", reason=f"the kernel did not start ({text})")
        else:
            nb = client.nb
            result.update(status="error", reason=f"the run failed ({text})")
        if os.environ.get("OKRKIT_GRADING_DEBUG"):
            traceback.print_exc()
    finally:
        client = engine.last_client
        truncated = bool(getattr(client, "okrkit_truncated", False))
        if client is not None and getattr(client, "kc", None) is not None:
            try:
                client.kc.stop_channels()
            except Exception:  # noqa: BLE001, S110 - best effort: the channels may be closed already
                pass
        engine.last_client = None
    if nb is not None:
        result["cells_seconds"] = round(sum(float((c.get("metadata", {}).get("papermill") or {}).get("duration") or 0)
                                            for c in nb.cells), 3)
        records, too_big = collect_records(nb)
        result["records"] = records
        result["record_too_big"] = too_big
        result["truncated"] = truncated
    result["seconds"] = round(time.monotonic() - t0, 3)
    return result


def main() -> int:
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    memory_limit = int(os.environ.get("OKRKIT_GRADING_MEMORY", MEMORY_LIMIT)) or None
    engine = _register_engine()
    spare = WarmKernel(memory_limit)
    proto.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    try:
        for line in sys.stdin:
            job = json.loads(line)
            if job.get("stop"):
                break
            kernel, spare = spare, None
            if kernel is None:
                kernel = WarmKernel(memory_limit, job.get("exercise"))
            if job.get("more", True):  # the next kernel boots while this notebook runs
                spare = WarmKernel(memory_limit, job.get("next_exercise"))
            try:
                result = run_job(job, kernel, engine)
            finally:
                kernel.close()
            proto.write(json.dumps(result, default=str) + "\n")
            if spare is None and job.get("more", True):
                spare = WarmKernel(memory_limit, job.get("next_exercise"))
    finally:
        if spare is not None:
            spare.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
