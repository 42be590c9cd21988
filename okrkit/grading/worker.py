"""A grading worker: a long-lived process that runs notebooks with papermill, one sandbox per participant.

The grader (:mod:`okrkit.grading.run`) starts ``--workers`` of these as
``python -m okrkit.grading.worker`` and talks to each over JSON lines (jobs on
stdin, results on the original stdout; everything else goes to stderr).  A job
is one participant: their notebooks, run one after another in one kernel.

The worker itself runs no participant code.  Each participant's kernel runs in
its own sandbox (:mod:`okrkit.grading.sandbox`: bubblewrap, no network, its own
processes only, read-only system, writable only its working copy), started
ahead of time while the previous participant's notebooks run.  Between two
notebooks the kernel's namespace is cleared; after the participant's last
notebook (or a timeout, or a dead kernel) the sandbox is ended, and with it
every process the participant started.  The kernel talks to the worker over
IPC sockets in the sandbox's own folder; messages larger than
:data:`MAX_MESSAGE_BYTES` are refused by ZeroMQ before they are read.

Paying the papermill/nbformat import once per worker, the kernel's imports once
per participant (not once per notebook), and building no widgets in a grading
run (:mod:`okrkit.ui.headless`) is where the speed comes from.

The worker only *collects* what the notebook recorded (outputs of
:data:`okrkit.answers.MIMETYPE`); it never scores.  The grader scores the
answers it read itself before any kernel started.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import sandbox

MIMETYPE = "application/vnd.okrkit.answer+json"
MAX_OUTPUT_BYTES = 2 * 1024 * 1024      # outputs kept per notebook, besides recorded answers
MAX_RECORD_BYTES = 256 * 1024           # one recorded answer
MAX_MESSAGE_BYTES = 8 * 1024 * 1024     # one kernel message (ZeroMQ drops larger ones unread)
MAX_RECORDS = 50
MEMORY_LIMIT = sandbox.MEMORY_LIMIT


def preload_for(exercise: str) -> tuple[str, ...]:
    """Modules a kernel imports before it serves, for ``exercise`` (its rubric module: the notebooks import it).

    In a grading run the forms build no widgets, so no exercise needs pandas or numpy.  A wrong entry
    costs speed, never correctness.
    """
    return (f"okrkit.rubrics.{exercise}",)
# The first cell of every notebook after the participant's first: their names from the last notebook cleared
# (IPython's own reset also collects garbage and history, 70 ms a notebook), the working folder set again.
RESET = ("_okrkit_ip = get_ipython()\n"
         "for _okrkit_k in [k for k in _okrkit_ip.user_ns if k not in _okrkit_ip.user_ns_hidden]:\n"
         "    _okrkit_ip.user_ns.pop(_okrkit_k, None)\n"
         "import os as _okrkit_os; _okrkit_os.chdir({work!r}); del _okrkit_os")


def _grading_client_class():
    from jupyter_client.asynchronous import AsyncKernelClient

    class GradingKernelClient(AsyncKernelClient):
        """A kernel client whose sockets refuse messages larger than :data:`MAX_MESSAGE_BYTES`."""

        def _create_connected_socket(self, channel, identity=None):
            import zmq
            from jupyter_client.channels import HBChannel  # noqa: F401 - the module defines the socket types
            from jupyter_client.connect import channel_socket_types

            sock = self.context.socket(channel_socket_types[channel])
            sock.linger = 1000
            sock.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
            if identity:
                sock.identity = identity
            sock.connect(self._make_url(channel))
            return sock

    return GradingKernelClient


def _manager_class():
    from jupyter_client import AsyncKernelManager

    class SandboxKernelManager(AsyncKernelManager):
        """jupyter_client's manager, handing the connection file to the sandbox's user before the launch."""

        okrkit_owner = None

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            if self.okrkit_owner:
                os.chown(self.connection_file, *self.okrkit_owner)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return SandboxKernelManager


class Kernel:
    """A participant's kernel, started ahead of its notebooks, in its own sandbox and working folder."""

    def __init__(self, *, confined: bool, memory_limit: int | None = MEMORY_LIMIT, exercises=(),
                 hide: tuple[str, ...] = (), user: str | None = None):
        from jupyter_client.kernelspec import KernelSpec
        from jupyter_core.utils import run_sync

        self.root = Path(tempfile.mkdtemp(prefix="okrkit-kernel-"))
        self.workdir = self.root / "work"
        self.workdir.mkdir()
        sockets = self.root / "sockets"
        sockets.mkdir()
        self.notebooks = self.root / "notebooks"   # the notebooks as run (outside the working copy)
        self.notebooks.mkdir()
        # Run as root, the sandbox is entered as an unprivileged system user (``user``): a process of root
        # is exempt from the process limit, and files it could reach would be root's.
        self.owner = None
        if confined and user:
            import pwd

            entry = pwd.getpwnam(user)
            self.owner = (entry.pw_uid, entry.pw_gid)
            for path in (self.root, self.workdir, sockets):
                os.chown(path, *self.owner)
        self._sync = run_sync
        self.used = False
        self.kc = None     # the kernel client, connected once and shared by the participant's notebooks
        preload = sorted({m for ex in exercises for m in preload_for(ex)})
        env = sandbox.kernel_env({"OKRKIT_KERNEL_MEMORY": str(memory_limit or 0),
                                  "OKRKIT_KERNEL_PRELOAD": ",".join(preload)})
        command = [sys.executable, "-m", "okrkit.grading.sandbox", "-f", "{connection_file}"]
        if confined:
            argv = sandbox.kernel_argv(command, root=self.root, work=self.workdir,
                                       hide=tuple(Path(h) for h in hide), env=env, user=user)
            launch_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            argv, launch_env = command, env
        self.km = _manager_class()(kernel_name="python3", transport="ipc")
        self.km.okrkit_owner = self.owner
        self.km.client_class = "okrkit.grading.worker.GradingKernelClient"
        self.km._kernel_spec = KernelSpec(argv=argv, display_name="okrkit grading", language="python")
        self.km.ip = str(sockets / "k")
        self.km.connection_file = str(sockets / "connection.json")
        self.error: str | None = None
        try:
            # The kernel's own stdout/stderr go nowhere: inherited, they would be the worker's log (in the
            # grader's output folder).  Its stdin is a pipe of its own (jupyter_client's default).
            quiet = {} if os.environ.get("OKRKIT_GRADING_DEBUG") else {"stdout": subprocess.DEVNULL,
                                                                       "stderr": subprocess.DEVNULL}
            run_sync(self.km.start_kernel)(cwd=str(self.workdir), env=launch_env, **quiet)
        except Exception as exc:  # noqa: BLE001 - reported, the job is retried
            self.error = f"{type(exc).__name__}: {exc}"

    def close(self) -> None:
        """End the kernel and, with its sandbox, every process the participant started."""
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # noqa: BLE001, S110 - best effort: the channels may be closed already
                pass
            self.kc = None
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


def __getattr__(name):  # the client class is made on first use (jupyter_client is imported lazily)
    if name == "GradingKernelClient":
        cls = _grading_client_class()
        globals()[name] = cls
        return cls
    raise AttributeError(name)


def _client_class():
    from papermill.clientwrap import PapermillNotebookClient

    class GradingClient(PapermillNotebookClient):
        """papermill's client with a whole-notebook deadline, an output cap and a record of where it stopped."""

        notebook_timeout: float | None = None

        async def async_start_new_kernel_client(self):
            """A client on the running kernel, ready once a kernel_info round trip has come back on IOPub too.

            jupyter_client's ``wait_for_ready`` then waits 0.2 s of IOPub silence, every notebook; seeing the
            ``idle`` status of our own request proves the same (IOPub connected, nothing pending) without the wait.
            """
            from queue import Empty

            from jupyter_core.utils import ensure_async
            from nbclient.util import run_hook

            self.kc = self.km.client()
            await ensure_async(self.kc.start_channels())
            deadline = time.monotonic() + (self.startup_timeout or 60)
            ready = False
            while not ready:
                if time.monotonic() > deadline:
                    raise RuntimeError("the kernel did not answer")
                if not await ensure_async(self.kc.is_alive()):
                    raise RuntimeError("the kernel died before it answered")
                msg_id = self.kc.kernel_info()
                try:
                    reply = await ensure_async(self.kc.shell_channel.get_msg(timeout=1))
                except Empty:
                    continue
                if reply.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                until = time.monotonic() + 0.5
                while time.monotonic() < until:
                    try:
                        msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=max(0.01, until - time.monotonic())))
                    except Empty:
                        break
                    if (msg.get("parent_header", {}).get("msg_id") == msg_id and msg.get("msg_type") == "status"
                            and msg.get("content", {}).get("execution_state") == "idle"):
                        ready = True
                        break
            self.kc.allow_stdin = False
            await run_hook(self.on_notebook_start, notebook=self.nb)
            return self.kc

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
        kernel = None  # the Kernel the next notebook runs on (its client is reused)

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
            kernel = cls.kernel
            if kernel is not None and kernel.kc is not None:
                client.kc = kernel.kc  # channels stay connected from one notebook to the next: no reconnect
            cls.last_client = client
            try:
                return client.execute()
            finally:
                if kernel is not None and client.kc is not None:
                    kernel.kc = client.kc

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
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags or "okrkit-reset" in tags:
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


def _prepared(job: dict, job_nb: dict, kernel: Kernel) -> Path:
    """The notebook to run: the participant's, with a first cell that clears what an earlier notebook left.

    Read from the grader's snapshot (``job["folder"]``), never from the working copy an earlier notebook
    of the same participant could have changed.
    """
    import nbformat

    src = Path(job["folder"]) / job_nb["notebook_name"]
    nb = nbformat.read(src, as_version=4)
    if kernel.used:
        cell = nbformat.v4.new_code_cell(RESET.format(work=str(kernel.workdir)))
        cell.metadata["tags"] = ["okrkit-reset"]
        nb.cells.insert(0, cell)
    path = kernel.notebooks / job_nb["notebook_name"]
    nbformat.write(nb, path)
    return path


def run_notebook(job: dict, job_nb: dict, kernel: Kernel, engine) -> dict:
    """Run one of the participant's notebooks on ``kernel`` and say how it went (never raises)."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    t0 = time.monotonic()
    exercise = job_nb["exercise"]
    result = {"id": job_nb["id"], "status": "ran", "reason": None, "records": [], "cell": None}
    if kernel.error:
        return {**result, "status": "infra", "reason": f"the kernel did not start ({kernel.error})"}
    try:
        nb_path = _prepared(job, job_nb, kernel)
    except Exception as exc:  # noqa: BLE001 - a notebook nbformat cannot read is that notebook's row
        text = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return {**result, "status": "error", "reason": f"the notebook cannot be prepared for the run ({text})"}
    kernel.used = True
    params = {"exercise": exercise, "answers_path": f"answers/{exercise}.json",
              "grading": True, "lang": job.get("lang") or "en"}
    nb = None
    engine.last_client = None
    engine.kernel = kernel
    try:
        nb = papermill.execute_notebook(
            str(nb_path), None, parameters=params, engine_name="okrkit-grading", km=kernel.km,
            kernel_name="python3", progress_bar=False, log_output=False, start_timeout=job.get("start_timeout", 60),
            execution_timeout=job["timeout"], request_save_on_cell_execute=False, cwd=None)
    except PapermillExecutionError as exc:
        client = engine.last_client
        nb = client.nb if client is not None else None
        failing = next((i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error"
                        for o in c.get("outputs", []) or [])), None) if nb is not None else None
        cell = _code_cell_number(nb, failing)
        evalue = " ".join(str(exc.evalue).split())[:200]
        where = f" (cell {cell})" if cell else ""
        said = f"{exc.ename}: {evalue}" if evalue else exc.ename
        result.update(status="error", reason=f"the notebook raised {said}{where}", cell=cell)
    except CellTimeoutError:
        if os.environ.get("OKRKIT_GRADING_DEBUG"):
            traceback.print_exc()
        client = engine.last_client
        nb = client.nb if client is not None else None
        cell = _code_cell_number(nb, getattr(client, "okrkit_cell", None))
        where = f" (stopped in cell {cell})" if cell else ""
        result.update(status="timeout", reason=f"the notebook ran longer than {job['timeout']:g} s{where}", cell=cell)
        kernel.spent = True
    except DeadKernelError:
        client = engine.last_client
        nb = client.nb if client is not None else None
        cell = _code_cell_number(nb, getattr(client, "okrkit_cell", None))
        where = f" in cell {cell}" if cell else ""
        result.update(status="error", cell=cell,
                      reason=f"the kernel died{where} (the code exited the process or ran out of memory)")
        kernel.spent = True
    except Exception as exc:  # noqa: BLE001 - everything becomes a row
        client = engine.last_client
        started = getattr(client, "okrkit_started", False)
        text = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        kernel.spent = True
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
        engine.last_client = None
        engine.kernel = None
    if nb is not None:
        result["cells_seconds"] = round(sum(float((c.get("metadata", {}).get("papermill") or {}).get("duration") or 0)
                                            for c in nb.cells), 3)
        records, too_big = collect_records(nb)
        result["records"] = records
        result["record_too_big"] = too_big
        result["truncated"] = truncated
    result["seconds"] = round(time.monotonic() - t0, 3)
    return result


def run_participant(job: dict, kernel: Kernel | None, engine, new_kernel) -> list[dict]:
    """Every notebook of one participant, in order, on ``kernel`` (a new one after a timeout or a dead kernel)."""
    from .submissions import copy_for_run

    results = []
    try:
        for job_nb in job["notebooks"]:
            if kernel is None or getattr(kernel, "spent", False):
                if kernel is not None:
                    kernel.close()
                kernel = new_kernel(job)
                kernel.copied = False
            if not getattr(kernel, "copied", False):
                try:
                    copy_for_run(Path(job["folder"]), kernel.workdir)
                    if kernel.owner:
                        for path in [kernel.workdir, *kernel.workdir.rglob("*")]:
                            os.chown(path, *kernel.owner, follow_symlinks=False)
                    kernel.copied = True
                except OSError as exc:
                    results.append({"id": job_nb["id"], "status": "error", "records": [],
                                    "reason": f"the files could not be copied ({exc})"})
                    continue
            results.append(run_notebook(job, job_nb, kernel, engine))
    finally:
        if kernel is not None:
            kernel.close()
    return results


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the grader dies (so no worker outlives it)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001, S110 - not Linux: the grader closes its workers itself
        pass


def main() -> int:
    _die_with_parent()
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    settings = json.loads(os.environ.get("OKRKIT_GRADING_WORKER", "{}"))
    memory_limit = int(settings.get("memory", MEMORY_LIMIT)) or None
    confined = bool(settings.get("confined", True))
    hide = tuple(settings.get("hide", ()))
    engine = _register_engine()

    def new_kernel(job=None, exercises=()):
        exercises = exercises or [n["exercise"] for n in (job or {}).get("notebooks", [])]
        return Kernel(confined=confined, memory_limit=memory_limit, exercises=exercises, hide=hide,
                      user=settings.get("user"))

    spare = new_kernel(exercises=tuple(settings.get("first_exercises", ())))
    proto.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    try:
        for line in sys.stdin:
            job = json.loads(line)
            if job.get("stop"):
                break
            kernel, spare = spare, None
            if job.get("more", True):  # the next participant's kernel boots while this one's notebooks run
                spare = new_kernel(exercises=tuple(job.get("next_exercises") or ()))
            results = run_participant(job, kernel, engine, new_kernel)
            proto.write(json.dumps({"id": job["id"], "results": results}, default=str) + "\n")
    finally:
        if spare is not None:
            spare.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
